"""From the pipeline's proposal (extraction fields) to the registration form's fields,
and back to per-field corrections once the clerk has registered."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from vanphong.intake.extraction import Extraction, Field
from vanphong.registers.models import DocumentType, Secrecy, TypeSystem, Urgency
from vanphong.vietnamese import fold

#: Registration form field → the extraction fields it is made of.
FORM_FIELDS: dict[str, tuple[str, ...]] = {
    "issuer": ("organ_name",),
    "code": ("code_number", "code_notation"),
    "issued_date": ("issued_date",),
    "document_type": ("type_name",),
    "subject": ("subject",),
    "signer_name": ("signer_name",),
    "signer_position": ("signer_position", "competence"),
    "recipients": ("recipients",),
    "urgency": ("priority",),
    "secrecy": ("secrecy",),
}
#: Colour index of each form field's highlight (the same on the page and in the form).
COLOURS = {name: index for index, name in enumerate(FORM_FIELDS)}

_URGENCY = {fold(label): value for value, label in Urgency.choices}
_SECRECY = {fold(label): value for value, label in Secrecy.choices}


def as_extraction(proposal: dict[str, Any]) -> Extraction:
    """The stored proposal back as an `Extraction` (fields missing from it are empty)."""
    return Extraction(
        **{
            f.name: Field(
                (proposal.get(f.name) or {}).get("value"),
                float((proposal.get(f.name) or {}).get("confidence") or 0.0),
            )
            for f in dataclasses.fields(Extraction)
        }
    )


def _value(proposal: dict[str, Any], name: str) -> str:
    value = (proposal.get(name) or {}).get("value")
    return str(value).strip() if value else ""


def is_party_notation(notation: str) -> bool:
    """ "NQ/TU", "CV/HU": the Party writes type/body after a hyphen; State notations
    ("QĐ-UBND", "2025/QĐ-UBND") always hold a hyphen themselves."""
    return "/" in notation and "-" not in notation


def proposed_code(proposal: dict[str, Any]) -> str:
    number, notation = _value(proposal, "code_number"), _value(proposal, "code_notation")
    if not number:
        return notation
    if not notation:
        return number
    return f"{number}-{notation}" if is_party_notation(notation) else f"{number}/{notation}"


def proposed_date(proposal: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_value(proposal, "issued_date"))
    except ValueError:
        return None


def _system(proposal: dict[str, Any]) -> str:
    notation = _value(proposal, "code_notation")
    if is_party_notation(notation) or fold(_value(proposal, "parent_body")).startswith("dang"):
        return TypeSystem.PARTY
    if notation[:4].isdigit():  # 12/2025/NĐ-CP: a legal normative document
        return TypeSystem.LEGAL
    return TypeSystem.STATE


def proposed_type(proposal: dict[str, Any]) -> DocumentType | None:
    name = _value(proposal, "type_name")
    if not name:
        return None
    types = DocumentType.objects.filter(is_active=True, organization__isnull=True)
    key = fold(name)
    matches = [t for t in types if fold(t.name) == key]
    if not matches:
        return None
    system = _system(proposal)
    preferred = [t for t in matches if t.system == system]
    if system == TypeSystem.LEGAL and not preferred:
        preferred = [t for t in matches if t.system == TypeSystem.STATE]
    return (preferred or matches)[0]


def form_initial(proposal: dict[str, Any]) -> dict[str, Any]:
    """Initial values of the registration form."""
    document_type = proposed_type(proposal)
    position = _value(proposal, "signer_position")
    competence = _value(proposal, "competence")
    if competence and position and not fold(position).startswith(fold(competence)):
        position = f"{competence} {position}"
    return {
        "issuer": _value(proposal, "organ_name"),
        "code": proposed_code(proposal),
        "issued_date": proposed_date(proposal),
        "document_type": document_type.pk if document_type else None,
        "subject": _value(proposal, "subject"),
        "signer_name": _value(proposal, "signer_name"),
        "signer_position": position,
        "recipients": _value(proposal, "recipients"),
        "urgency": _URGENCY.get(fold(_value(proposal, "priority")), Urgency.NORMAL),
        "secrecy": _SECRECY.get(fold(_value(proposal, "secrecy")), Secrecy.NONE),
    }


def confidence(proposal: dict[str, Any], form_field: str) -> float | None:
    """The weakest confidence among the fields a form field is made of; None when
    nothing was found."""
    parts = [proposal.get(name) or {} for name in FORM_FIELDS[form_field]]
    found = [p for p in parts if p.get("value")]
    if not found:
        return None
    return min(float(p.get("confidence") or 0) for p in found)


def spans(proposal: dict[str, Any], form_field: str) -> list[tuple[int, int]]:
    return [
        tuple(part["span"])  # type: ignore[misc]
        for name in FORM_FIELDS[form_field]
        if (part := proposal.get(name) or {}).get("span") and part.get("value")
    ]


def routing_fields(proposal: dict[str, Any]) -> dict[str, str]:
    return {
        "issuer": _value(proposal, "organ_name"),
        "code": proposed_code(proposal),
        "type_name": _value(proposal, "type_name"),
        "subject": _value(proposal, "subject"),
        "signer_position": _value(proposal, "signer_position"),
        "recipients": _value(proposal, "recipients"),
    }


@dataclasses.dataclass(frozen=True)
class FieldOutcome:
    field: str
    proposed: str
    final: str
    confidence: float

    @property
    def changed(self) -> bool:
        return fold(" ".join(self.proposed.split())) != fold(" ".join(self.final.split()))


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, DocumentType):
        return value.name
    return str(value)


def outcomes(proposal: dict[str, Any], final: dict[str, Any]) -> list[FieldOutcome]:
    """For each form field: what was proposed and what the clerk registered."""
    initial = form_initial(proposal)
    result = []
    for name in FORM_FIELDS:
        proposed = initial.get(name)
        if name == "document_type" and proposed:
            proposed = DocumentType.objects.filter(pk=proposed).first()
        if name in {"urgency", "secrecy"}:
            proposed, final_value = str(proposed or 0), str(final.get(name) or 0)
        else:
            final_value = _as_text(final.get(name))
        result.append(
            FieldOutcome(
                field=name,
                proposed=_as_text(proposed),
                final=final_value,
                confidence=confidence(proposal, name) or 0.0,
            )
        )
    return result
