"""What administrators set up for outgoing documents: drafting templates, review chains,
signing delegations (TL./TUQ.) and the address book of correspondents.

The lookups (`get_*_for_admin`) are the gatekeepers of these objects: someone who
administers nothing is refused (`NotAllowed`); an object outside the offices the user
administers is reported missing (`NotFound`). Every write checks the office again with
`organizations.access.require_office`, validates with Vietnamese messages and records one
audit row in its transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.editing import (
    apply_changes,
    excluding,
    has_same_name,
    save_validated,
    values_of,
)
from vanphong.errors import Invalid, NotAllowed, NotFound
from vanphong.organizations import access
from vanphong.organizations.models import (
    DocumentStyle,
    Family,
    Office,
    Organization,
    Position,
    User,
)
from vanphong.outgoing.models import (
    Correspondent,
    Delegation,
    DelegationKind,
    ReviewChain,
    Template,
)
from vanphong.registers.models import DocumentType, TypeSystem
from vanphong.vietnamese import nfc

ORGAN_ID_LENGTH = 13


def _raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise Invalid("Thông tin chưa hợp lệ; xem các ô được đánh dấu.", fields=errors)


def system_of(organization: Organization) -> str:
    """The document-type list an organization issues from (as in the drafting form)."""
    return TypeSystem.PARTY if organization.family == Family.PARTY else TypeSystem.STATE


def _missing(what: str) -> NotFound:
    return NotFound(f"Không tìm thấy {what} hoặc bạn không quản trị văn phòng có {what} này.")


def _pk(value: object) -> int:
    """The id in a URL; 0 (which names no row) when it cannot be one."""
    try:
        pk = int(str(value))
    except ValueError:
        return 0
    return pk if 0 < pk < 2**63 else 0


# --- Drafting templates --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class TemplateFields:
    name: str
    style: str
    document_type: DocumentType
    organization: Organization | None = None
    body: str = ""
    is_active: bool = True


def administered_templates(user: User | None) -> QuerySet[Template]:
    """Templates of the organizations the user administers, and the shared ones."""
    if not access.is_administrator(user):
        return Template.objects.none()
    own = Q(organization__in=access.administered_organizations(user))
    return Template.objects.filter(own | Q(organization__isnull=True)).select_related(
        "organization", "document_type"
    )


def may_change_template(user: User | None, template: Template) -> bool:
    """Shared templates serve every office, like the shared document types."""
    if template.organization_id is None:
        return access.administers_every_office(user)
    return access.administered_organizations(user).filter(pk=template.organization_id).exists()


def get_template_for_admin(user: User | None, template_id: object) -> Template:
    access.require_administrator(user)
    template = administered_templates(user).filter(pk=_pk(template_id)).first()
    if template is None or not may_change_template(user, template):
        raise _missing("mẫu văn bản")
    return template


def _require_template_scope(actor: User, organization: Organization | None) -> None:
    if organization is not None:
        access.require_office(actor, organization.office_id)
    elif not access.administers_every_office(actor):
        raise NotAllowed("Mẫu dùng chung áp dụng cho mọi văn phòng; chỉ người quản trị mọi "
                         "văn phòng được sửa. Hãy chọn cơ quan để tạo mẫu riêng.")


def _check_template(fields: TemplateFields) -> None:
    errors: dict[str, str] = {}
    document_type, organization = fields.document_type, fields.organization
    if not fields.name:
        errors["name"] = "Cần ghi tên mẫu."
    if not fields.body.strip():
        errors["body"] = "Cần ghi nội dung mẫu."
    if fields.style not in DocumentStyle.values:
        errors["style"] = "Thể thức không hợp lệ."
    elif document_type.system != fields.style:
        errors["document_type"] = (f"{document_type.name} thuộc danh mục "
                                   f"“{document_type.get_system_display()}”, không dùng được "
                                   "với thể thức đã chọn.")
    if organization is not None and organization.document_style != fields.style:
        errors["style"] = (f"{organization.short_name} ban hành văn bản theo "
                           f"{organization.get_document_style_display()}.")
    if document_type.organization_id and document_type.organization_id != getattr(
            organization, "pk", None):
        errors["organization"] = (f"Loại {document_type.name} là loại riêng của "
                                  f"{document_type.organization}; mẫu phải thuộc cơ quan đó.")
    _raise_if(errors)


def _cleaned_template(fields: TemplateFields) -> TemplateFields:
    return dataclasses.replace(fields, name=nfc(fields.name),
                               body=fields.body.replace("\r\n", "\n").strip())


@transaction.atomic
def create_template(*, actor: User, fields: TemplateFields) -> Template:
    _require_template_scope(actor, fields.organization)
    fields = _cleaned_template(fields)
    _check_template(fields)
    template = Template(**values_of(fields))
    save_validated(template)
    record_audit(actor=actor, action="outgoing_template.create", target=template,
                 office_id=_office_id(template.organization),
                 summary=f"Thêm mẫu văn bản {template.name}")
    return template


@transaction.atomic
def update_template(*, actor: User, template: Template, fields: TemplateFields) -> Template:
    _require_template_scope(actor, template.organization)
    _require_template_scope(actor, fields.organization)
    fields = _cleaned_template(fields)
    _check_template(fields)
    changes = apply_changes(template, values_of(fields))
    if changes:
        save_validated(template)
        record_audit(actor=actor, action="outgoing_template.update", target=template,
                     office_id=_office_id(template.organization), changes=changes,
                     summary=f"Sửa mẫu văn bản {template.name}")
    return template


@transaction.atomic
def deactivate_template(*, actor: User, template: Template) -> Template:
    """Drafts already written from the template keep their text; it is only hidden."""
    _require_template_scope(actor, template.organization)
    if template.is_active:
        template.is_active = False
        template.save(update_fields=["is_active"])
        record_audit(actor=actor, action="outgoing_template.deactivate", target=template,
                     office_id=_office_id(template.organization),
                     summary=f"Ngừng dùng mẫu văn bản {template.name}")
    return template


def _office_id(organization: Organization | None) -> int | None:
    return organization.office_id if organization is not None else None


# --- Review chains -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReviewChainFields:
    document_type: DocumentType | None = None
    unit_head: bool = True
    leader: bool = False
    office_check: bool = True


def administered_review_chains(user: User | None) -> QuerySet[ReviewChain]:
    organizations = access.administered_organizations(user)
    return ReviewChain.objects.filter(organization__in=organizations).select_related(
        "organization", "document_type"
    )


def get_review_chain_for_admin(user: User | None, chain_id: object) -> ReviewChain:
    access.require_administrator(user)
    chain = administered_review_chains(user).filter(pk=_pk(chain_id)).first()
    if chain is None:
        raise _missing("quy trình duyệt")
    return chain


def _check_chain(
    organization: Organization, fields: ReviewChainFields, chain: ReviewChain | None
) -> None:
    document_type = fields.document_type
    if document_type is not None and (
        document_type.system != system_of(organization)
        or document_type.organization_id not in (None, organization.pk)
    ):
        _raise_if({"document_type": f"{organization.short_name} không ban hành loại "
                                    f"{document_type.name}."})
    same = excluding(ReviewChain.objects.filter(organization=organization,
                                                document_type=document_type), chain)
    if same.exists():
        message = (f"{organization.short_name} đã có quy trình duyệt mặc định (áp dụng cho "
                   "mọi loại còn lại); hãy sửa quy trình đó." if document_type is None else
                   f"{organization.short_name} đã có quy trình duyệt riêng cho "
                   f"{document_type.name}; hãy sửa quy trình đó.")
        raise Invalid(message, fields={"document_type": message})


def _chain_summary(chain: ReviewChain) -> str:
    return f"quy trình duyệt {chain}"


@transaction.atomic
def create_review_chain(
    *, actor: User, organization: Organization, fields: ReviewChainFields
) -> ReviewChain:
    access.require_office(actor, organization.office_id)
    _check_chain(organization, fields, None)
    chain = ReviewChain(organization=organization, **values_of(fields))
    save_validated(chain)
    record_audit(actor=actor, action="review_chain.create", target=chain,
                 office_id=organization.office_id, summary=f"Thêm {_chain_summary(chain)}")
    return chain


@transaction.atomic
def update_review_chain(
    *, actor: User, chain: ReviewChain, fields: ReviewChainFields
) -> ReviewChain:
    access.require_office(actor, chain.organization.office_id)
    _check_chain(chain.organization, fields, chain)
    changes = apply_changes(chain, values_of(fields))
    if changes:
        save_validated(chain)
        record_audit(actor=actor, action="review_chain.update", target=chain,
                     office_id=chain.organization.office_id, changes=changes,
                     summary=f"Sửa {_chain_summary(chain)}")
    return chain


@transaction.atomic
def delete_review_chain(*, actor: User, chain: ReviewChain) -> None:
    """Drafts already submitted keep their steps (they are copied per round); new ones
    follow the default chain, or go to the signer only when there is none."""
    access.require_office(actor, chain.organization.office_id)
    record_audit(actor=actor, action="review_chain.delete", target=chain,
                 office_id=chain.organization.office_id,
                 summary=f"Xóa {_chain_summary(chain)}")
    chain.delete()


# --- Signing delegations -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class DelegationFields:
    kind: str
    delegate: User
    valid_from: dt.date
    valid_to: dt.date
    basis: str
    document_types: Sequence[DocumentType] = ()


def administered_delegations(user: User | None) -> QuerySet[Delegation]:
    organizations = access.administered_organizations(user)
    return Delegation.objects.filter(organization__in=organizations).select_related(
        "organization", "delegate"
    ).prefetch_related("document_types")


def get_delegation_for_admin(user: User | None, delegation_id: object) -> Delegation:
    access.require_administrator(user)
    delegation = administered_delegations(user).filter(pk=_pk(delegation_id)).first()
    if delegation is None:
        raise _missing("văn bản giao ký")
    return delegation


def delegate_choices(offices: QuerySet[Office]) -> QuerySet[User]:
    """People holding a post today in one of these offices."""
    posts = Position.objects.active(on=clock.today()).filter(office__in=offices)
    return User.objects.filter(pk__in=posts.values("person_id"), is_active=True).order_by(
        "full_name"
    )


def _holds_post_during(person: User, office_id: int, start: dt.date, end: dt.date) -> bool:
    posts = Position.objects.filter(person=person, office_id=office_id, start_date__lte=end)
    return posts.filter(Q(end_date__isnull=True) | Q(end_date__gte=start)).exists()


def _check_delegation(organization: Organization, fields: DelegationFields) -> None:
    errors: dict[str, str] = {}
    if fields.kind not in DelegationKind.values:
        errors["kind"] = "Hình thức giao ký không hợp lệ."
    if fields.valid_to < fields.valid_from:
        errors["valid_to"] = "Ngày hết hiệu lực không thể trước ngày bắt đầu."
    if not fields.basis:
        errors["basis"] = "Cần ghi văn bản giao ký hoặc ủy quyền (số, ngày, trích yếu)."
    delegate = fields.delegate
    if not delegate.is_active or not _holds_post_during(
            delegate, organization.office_id, fields.valid_from, fields.valid_to):
        errors["delegate"] = (f"{delegate} không giữ chức vụ nào ở văn phòng của "
                              f"{organization.short_name} trong thời gian giao ký.")
    wrong = [t.name for t in fields.document_types
             if t.system != system_of(organization)
             or t.organization_id not in (None, organization.pk)]
    if wrong:
        errors["document_types"] = (f"{organization.short_name} không ban hành loại: "
                                    f"{', '.join(wrong)}.")
    _raise_if(errors)


def _delegation_values(fields: DelegationFields) -> dict[str, object]:
    values = values_of(dataclasses.replace(fields, basis=nfc(fields.basis)))
    values.pop("document_types")
    return values


def _type_ids(delegation: Delegation) -> list[int]:
    return sorted(delegation.document_types.values_list("pk", flat=True))


@transaction.atomic
def create_delegation(
    *, actor: User, organization: Organization, fields: DelegationFields
) -> Delegation:
    access.require_office(actor, organization.office_id)
    _check_delegation(organization, fields)
    delegation = Delegation(organization=organization, created_by=actor, created_at=clock.now(),
                            **_delegation_values(fields))
    save_validated(delegation)
    delegation.document_types.set(fields.document_types)
    record_audit(actor=actor, action="delegation.create", target=delegation,
                 office_id=organization.office_id, document_types=_type_ids(delegation),
                 summary=f"Giao ký {delegation} — {organization.short_name}")
    return delegation


@transaction.atomic
def update_delegation(
    *, actor: User, delegation: Delegation, fields: DelegationFields
) -> Delegation:
    organization = delegation.organization
    access.require_office(actor, organization.office_id)
    _check_delegation(organization, fields)
    before = _type_ids(delegation)
    changes = apply_changes(delegation, _delegation_values(fields))
    save_validated(delegation)
    delegation.document_types.set(fields.document_types)
    if before != _type_ids(delegation):
        changes["document_types"] = [before, _type_ids(delegation)]
    if changes:
        record_audit(actor=actor, action="delegation.update", target=delegation,
                     office_id=organization.office_id, changes=changes,
                     summary=f"Sửa giao ký {delegation} — {organization.short_name}")
    return delegation


@transaction.atomic
def end_delegation(*, actor: User, delegation: Delegation, last_day: dt.date) -> Delegation:
    """End a delegation early: it stays on record (documents signed under it cite it),
    valid up to and including `last_day`."""
    access.require_office(actor, delegation.organization.office_id)
    if last_day < delegation.valid_from:
        _raise_if({"last_day": "Ngày cuối cùng không thể trước ngày bắt đầu hiệu lực "
                               f"({delegation.valid_from:%d/%m/%Y})."})
    if last_day >= delegation.valid_to:
        _raise_if({"last_day": "Giao ký này đã hết hiệu lực vào ngày "
                               f"{delegation.valid_to:%d/%m/%Y}; chỉ kết thúc sớm hơn được."})
    old = delegation.valid_to
    delegation.valid_to = last_day
    delegation.save(update_fields=["valid_to"])
    record_audit(actor=actor, action="delegation.end", target=delegation,
                 office_id=delegation.organization.office_id,
                 changes={"valid_to": [old.isoformat(), last_day.isoformat()]},
                 summary=f"Kết thúc sớm giao ký {delegation}")
    return delegation


# --- Address book --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class CorrespondentFields:
    name: str
    email: str = ""
    organ_id: str = ""
    address: str = ""
    is_active: bool = True

    def cleaned(self) -> CorrespondentFields:
        return CorrespondentFields(
            name=nfc(self.name), email=self.email.strip(), organ_id=self.organ_id.strip(),
            address=nfc(self.address), is_active=self.is_active,
        )


def administered_correspondents(user: User | None) -> QuerySet[Correspondent]:
    return Correspondent.objects.filter(office__in=access.administered_offices(user))


def get_correspondent_for_admin(user: User | None, correspondent_id: object) -> Correspondent:
    access.require_administrator(user)
    correspondent = administered_correspondents(user).filter(pk=_pk(correspondent_id)).first()
    if correspondent is None:
        raise _missing("nơi nhận")
    return correspondent


def _check_correspondent(
    office: Office, fields: CorrespondentFields, correspondent: Correspondent | None
) -> None:
    errors: dict[str, str] = {}
    if not fields.name:
        errors["name"] = "Cần ghi tên cơ quan, tổ chức."
    others = excluding(Correspondent.objects.filter(office=office), correspondent)
    if fields.name and has_same_name(others.values_list("name", flat=True), fields.name):
        errors["name"] = f"Sổ địa chỉ đã có {fields.name}."
    if fields.email:
        try:
            validate_email(fields.email)
        except ValidationError:
            errors["email"] = "Địa chỉ thư điện tử không hợp lệ."
    if fields.organ_id and len(fields.organ_id) != ORGAN_ID_LENGTH:
        errors["organ_id"] = f"Mã định danh gồm đúng {ORGAN_ID_LENGTH} ký tự."
    _raise_if(errors)


@transaction.atomic
def create_correspondent(
    *, actor: User, office: Office, fields: CorrespondentFields
) -> Correspondent:
    access.require_office(actor, office.pk)
    fields = fields.cleaned()
    _check_correspondent(office, fields, None)
    correspondent = Correspondent(office=office, **values_of(fields))
    save_validated(correspondent)
    record_audit(actor=actor, action="correspondent.create", target=correspondent,
                 summary=f"Thêm {correspondent.name} vào sổ địa chỉ")
    return correspondent


@transaction.atomic
def update_correspondent(
    *, actor: User, correspondent: Correspondent, fields: CorrespondentFields
) -> Correspondent:
    access.require_office(actor, correspondent.office_id)
    fields = fields.cleaned()
    _check_correspondent(correspondent.office, fields, correspondent)
    changes = apply_changes(correspondent, values_of(fields))
    if changes:
        save_validated(correspondent)
        record_audit(actor=actor, action="correspondent.update", target=correspondent,
                     changes=changes, summary=f"Sửa {correspondent.name} trong sổ địa chỉ")
    return correspondent


@transaction.atomic
def deactivate_correspondent(*, actor: User, correspondent: Correspondent) -> Correspondent:
    """Kept, since documents already sent name it; it leaves the drafting choices."""
    access.require_office(actor, correspondent.office_id)
    if correspondent.is_active:
        correspondent.is_active = False
        correspondent.save(update_fields=["is_active"])
        record_audit(actor=actor, action="correspondent.deactivate", target=correspondent,
                     summary=f"Ngừng dùng {correspondent.name} trong sổ địa chỉ")
    return correspondent
