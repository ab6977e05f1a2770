"""The organizations the caller acts for, with the people and units a document can be
routed or assigned to, and the document types."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Router

from vanphong import clock
from vanphong.api.errors import errors
from vanphong.api.schemas import DocumentTypeOut, OrganizationOut
from vanphong.organizations.acting import choices_for
from vanphong.organizations.models import Organization, Position, Role, Unit
from vanphong.registers.models import DocumentType, TypeSystem

router = Router(tags=["Cơ quan và danh mục"])


def _position(position: Position) -> dict[str, Any]:
    return {"id": position.person_id, "full_name": str(position.person),
            "title": position.title, "role": position.role, "unit_id": position.unit_id}


def _serves(organization: Organization) -> Q:
    """Rows of the organization itself or of the office serving all its members."""
    return Q(organization=organization) | Q(organization__isnull=True)


def _organization(organization: Organization, today: dt.date) -> dict[str, Any]:
    positions = (Position.objects.active(on=today)
                 .filter(office_id=organization.office_id, person__is_active=True)
                 .select_related("person").order_by("role", "person__full_name", "id"))
    leaders = positions.filter(organization=organization, role__in=[Role.HEAD, Role.DEPUTY])
    people = positions.filter(_serves(organization)).exclude(role=Role.ADMIN)
    units = Unit.objects.filter(office_id=organization.office_id, is_active=True).filter(
        _serves(organization)).order_by("organization_id", "name", "id")
    return {
        "id": organization.pk, "office_id": organization.office_id, "name": organization.name,
        "short_name": organization.short_name, "family": organization.family,
        "level": organization.level, "organ_id": organization.organ_id,
        "parent_id": organization.parent_id,
        "leaders": [_position(p) for p in leaders],
        "units": [{"id": u.pk, "name": u.name, "short_name": u.short_name,
                   "organization_id": u.organization_id} for u in units],
        "people": [_position(p) for p in people],
    }


@router.get("/organizations", response={200: list[OrganizationOut], **errors(401)},
            summary="Cơ quan người gọi làm việc cho, với lãnh đạo, đơn vị và người xử lý")
def list_organizations(request: HttpRequest) -> list[dict[str, Any]]:
    today = clock.today()
    return [_organization(o, today) for o in choices_for(request.auth)]  # type: ignore[attr-defined]


@router.get("/document-types", response={200: list[DocumentTypeOut], **errors(401, 422)},
            summary="Loại văn bản đang dùng")
def list_document_types(request: HttpRequest, system: TypeSystem | None = None) -> Any:
    types = DocumentType.objects.filter(is_active=True)
    if system is not None:
        types = types.filter(system=system)
    return [{"id": t.pk, "system": t.system, "organization_id": t.organization_id,
             "name": t.name, "abbreviation": t.abbreviation} for t in types]
