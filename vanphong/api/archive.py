"""Records, the archive side: hand-over to the agency archive (transfers, extensions,
corrections), disposal through a council, legal holds, boxes, loans of originals (the
register of use) and importing an archival package. The same gatekeepers and actions as the
pages: `records.access`, `records.transfer`, `records.disposal`, `records.archive`,
`records.package`."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Router, Schema, Status, UploadedFile
from pydantic import Field

from vanphong import clock
from vanphong.api.errors import errors
from vanphong.api.schemas import (
    BodyId,
    Input,
    PlausibleDay,
    Required200,
    Required500,
    Text500,
    Text1000,
    office_query,
)
from vanphong.api.tasks import _one
from vanphong.errors import Invalid, NotAllowed, NotFound
from vanphong.organizations.acting import current_office
from vanphong.organizations.models import Office, Organization, Position, User
from vanphong.organizations.standing import standing_of
from vanphong.records import archive, disposal, package, transfer
from vanphong.records.access import (
    TransferAction,
    get_dossier_for,
    get_transfer_for,
    may_transfer,
    visible_dossiers,
    visible_transfers,
)
from vanphong.records.disposal import DisposalAction
from vanphong.records.models import Box, Disposal, Dossier, Loan, Transfer

router = Router(tags=["Hồ sơ, lưu trữ"])

DossierIds = list[uuid.UUID]


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined, no-any-return]


def _office(user: User, wanted: int | None) -> Office:
    """The office the caller works in (`current_office`: the `office` parameter, or the
    default of "làm việc cho")."""
    office = current_office(user, wanted=wanted)
    if office is None:
        raise NotFound("Bạn không thuộc văn phòng nào.")
    return office


def _organization(office: Office, pk: int) -> Organization:
    found: Organization = _one(Organization.objects.filter(office=office), pk,
                               "organization_id", "cơ quan")
    return found


def _chosen(candidates: Sequence[Dossier], ids: DossierIds, field: str) -> list[Dossier]:
    """The dossiers asked for, each among the candidates (awaiting hand-over, past retention)."""
    by_id = {d.pk: d for d in candidates}
    missing = [str(i) for i in ids if i not in by_id]
    if missing:
        raise Invalid(f"Hồ sơ không thuộc danh sách được chọn: {', '.join(missing)}.",
                      fields={field: "Hồ sơ không tồn tại, không được xem hoặc không đủ điều "
                                     "kiện."})
    return [by_id[i] for i in dict.fromkeys(ids)]


# --- Schemas -----------------------------------------------------------------------------------


class DossierRef(Schema):
    id: uuid.UUID
    code: str
    title: str
    organization: str
    year: int
    state: str
    retention: str
    ended_year: int | None
    due: dt.date | None = Field(None, description="Hạn nộp lưu (31/12 năm sau năm kết thúc, "
                                                  "hoặc năm được giữ lại).")
    box: str
    hold_reason: str


class TransferOut(Schema):
    id: int
    organization: str
    state: str
    created_by: str
    submitted_at: dt.datetime | None
    received_by: str
    received_at: dt.datetime | None
    condition: str
    note: str
    dossiers: list[DossierRef]


class TransferIn(Input):
    organization_id: BodyId
    dossier_ids: DossierIds = Field(min_length=1, max_length=500)


class ConditionIn(Input):
    condition: Text500 = ""


class ReasonIn(Input):
    reason: Required500


class DelayIn(Input):
    until_year: int = Field(ge=2000, le=2100, description="Giữ lại đến hết năm (tối đa 2 năm "
                                                           "sau hạn nộp lưu).")
    reason: Required500


class CorrectionIn(Input):
    title: Required500
    note: Text1000 = ""


class HoldIn(Input):
    reason: Text500 = Field("", description="Lý do tạm giữ; để trống để bỏ tạm giữ.")


class VoteOut(Schema):
    member: str
    agrees: bool
    note: str


class DisposalOut(Schema):
    id: int
    organization: str
    state: str
    council: list[str]
    votes: list[VoteOut]
    appraisal: str
    approved_by: str
    done_at: dt.datetime | None
    method: str
    dossiers: list[DossierRef]


class DisposalIn(Input):
    organization_id: BodyId
    dossier_ids: DossierIds = Field(min_length=1, max_length=500)
    council_ids: list[BodyId] = Field(min_length=3, max_length=15)


class VoteIn(Input):
    agrees: bool
    note: Text500 = ""


class MethodIn(Input):
    method: Required500


class BoxOut(Schema):
    id: int
    organization: str
    number: str
    location: str
    dossiers: list[str]


class BoxIn(Input):
    organization_id: BodyId
    number: Required200
    location: Required200


class ShelveIn(Input):
    box_id: BodyId


class LoanOut(Schema):
    id: int
    dossier: DossierRef
    borrower: str
    purpose: str
    due_back: dt.date
    state: str
    requested_at: dt.datetime
    decided_by: str
    decision_note: str
    lent_at: dt.datetime | None
    returned_at: dt.datetime | None
    condition: str


class LoanIn(Input):
    purpose: Required500
    due_back: PlausibleDay = Field(description="Hạn trả, trong vòng 90 ngày.")


class DecisionIn(Input):
    approve: bool
    note: Text500 = ""


class TakeBackIn(Input):
    condition: Required500


class ArchivedOut(Schema):
    id: uuid.UUID
    file_notation: str
    title: str
    organ_name: str
    file_catalog: int
    maintenance: str
    documents: int


# --- Serialising -------------------------------------------------------------------------------


def _name(person: User | None) -> str:
    return person.full_name if person else ""


def _ref(d: Dossier) -> dict[str, Any]:
    return {"id": d.pk, "code": d.code, "title": d.title,
            "organization": d.plan.organization.short_name, "year": d.plan.year,
            "state": d.state, "retention": d.retention_label, "ended_year": d.ended_year,
            "due": transfer.due_date(d), "box": str(d.box) if d.box_id else "",
            "hold_reason": d.hold_reason}


def _fresh(dossier: Dossier) -> dict[str, Any]:
    return _ref(Dossier.objects.select_related("plan__organization", "box", "delay")
                .get(pk=dossier.pk))


def _listed(request: HttpRequest, may: Callable[[User, int], bool],
            listing: Callable[[int], list[Dossier]], wanted: int | None) -> list[dict[str, Any]]:
    """The office's dossiers a listing finds (awaiting hand-over, past retention), for those
    who may act on them; an empty list for the others, as on the pages."""
    user = _user(request)
    office = _office(user, wanted)
    return [_ref(d) for d in listing(office.pk)] if may(user, office.pk) else []


def _dossiers(rows: QuerySet[Any]) -> list[dict[str, Any]]:
    return [_ref(row.dossier) for row in rows.select_related(
        "dossier__plan__organization", "dossier__box", "dossier__delay")]


def _transfer(t: Transfer) -> dict[str, Any]:
    return {"id": t.pk, "organization": t.organization.short_name, "state": t.state,
            "created_by": _name(t.created_by), "submitted_at": t.submitted_at,
            "received_by": _name(t.received_by), "received_at": t.received_at,
            "condition": t.condition, "note": t.note, "dossiers": _dossiers(t.items.all())}


def _disposal(d: Disposal) -> dict[str, Any]:
    return {"id": d.pk, "organization": d.organization.short_name, "state": d.state,
            "council": [m.full_name for m in d.council.all()],
            "votes": [{"member": v.member.full_name, "agrees": v.agrees, "note": v.note}
                      for v in d.votes.select_related("member")],
            "appraisal": d.appraisal, "approved_by": _name(d.approved_by), "done_at": d.done_at,
            "method": d.method, "dossiers": _dossiers(d.items.all())}


def _loan(loan: Loan) -> dict[str, Any]:
    return {"id": loan.pk, "dossier": _ref(loan.dossier), "borrower": _name(loan.borrower),
            "purpose": loan.purpose, "due_back": loan.due_back, "state": loan.state,
            "requested_at": loan.requested_at, "decided_by": _name(loan.decided_by),
            "decision_note": loan.decision_note, "lent_at": loan.lent_at,
            "returned_at": loan.returned_at, "condition": loan.condition}


def _box(box: Box) -> dict[str, Any]:
    return {"id": box.pk, "organization": box.organization.short_name, "number": box.number,
            "location": box.location, "dossiers": [d.code for d in box.dossiers.all()]}


# --- Hand-over to the agency archive ----------------------------------------------------------

TRANSFER = "/transfers/{int:transfer_id}"


@router.get("/transfers/awaiting", response={200: list[DossierRef], **errors(401, 404, 422)},
            summary="Hồ sơ đã kết thúc chờ nộp lưu, hạn sớm nhất trước (văn phòng)")
def awaiting(request: HttpRequest, office: int | None = office_query()) -> list[dict[str, Any]]:
    return _listed(request, may_transfer, transfer.awaiting, office)


@router.get("/transfers", response={200: list[TransferOut], **errors(401)},
            summary="Các lần nộp lưu người gọi được xem")
def list_transfers(request: HttpRequest) -> list[dict[str, Any]]:
    rows = visible_transfers(_user(request)).select_related(
        "organization", "created_by", "received_by")[:100]
    return [_transfer(t) for t in rows]


@router.post("/transfers", response={201: TransferOut, **errors(400, 401, 403, 422)},
             summary="Lập danh mục nộp lưu của một cơ quan (văn phòng)")
def create_transfer(request: HttpRequest, payload: TransferIn,
                    office: int | None = office_query()) -> Status:
    user = _user(request)
    here = _office(user, office)
    if not may_transfer(user, here.pk):
        raise NotAllowed("Chỉ văn phòng lập danh mục nộp lưu.")
    organization = _organization(here, payload.organization_id)
    due = transfer.awaiting(here.pk, organization)
    made = transfer.create_transfer(actor=user, organization=organization,
                                    dossiers=_chosen(due, payload.dossier_ids, "dossier_ids"))
    return Status(201, _transfer(made))


@router.get(TRANSFER, response={200: TransferOut, **errors(401, 404)},
            summary="Một lần nộp lưu với các hồ sơ")
def get_transfer(request: HttpRequest, transfer_id: int) -> dict[str, Any]:
    return _transfer(get_transfer_for(_user(request), transfer_id))


@router.post(TRANSFER + "/submit", response={200: TransferOut, **errors(401, 403, 404, 409)},
             summary="Giao hồ sơ cho lưu trữ (văn phòng)")
def submit_transfer(request: HttpRequest, transfer_id: int) -> dict[str, Any]:
    user = _user(request)
    found = get_transfer_for(user, transfer_id, TransferAction.EDIT)
    return _transfer(transfer.submit_transfer(actor=user, transfer=found))


@router.post(TRANSFER + "/receive",
             response={200: TransferOut, **errors(400, 401, 403, 404, 409, 422)},
             summary="Lưu trữ viên nhận hồ sơ nộp lưu; hồ sơ trở thành chỉ xem")
def receive_transfer(request: HttpRequest, transfer_id: int, payload: ConditionIn
                     ) -> dict[str, Any]:
    user = _user(request)
    found = get_transfer_for(user, transfer_id, TransferAction.RECEIVE)
    return _transfer(transfer.receive_transfer(actor=user, transfer=found,
                                               condition=payload.condition))


@router.post(TRANSFER + "/return",
             response={200: TransferOut, **errors(400, 401, 403, 404, 409, 422)},
             summary="Lưu trữ viên trả lại danh mục nộp lưu (nêu lý do)")
def return_transfer(request: HttpRequest, transfer_id: int, payload: ReasonIn) -> dict[str, Any]:
    user = _user(request)
    found = get_transfer_for(user, transfer_id, TransferAction.RECEIVE)
    return _transfer(transfer.return_transfer(actor=user, transfer=found,
                                              reason=payload.reason))


DOSSIER = "/dossiers/{uuid:dossier_id}"


def _seen(request: HttpRequest, dossier_id: uuid.UUID) -> tuple[User, Dossier]:
    user = _user(request)
    return user, get_dossier_for(user, dossier_id)


@router.post(DOSSIER + "/delay", response={200: DossierRef, **errors(400, 401, 403, 404, 422)},
             summary="Cho phép giữ lại hồ sơ, tối đa 2 năm (người đứng đầu, cấp phó)")
def delay(request: HttpRequest, dossier_id: uuid.UUID, payload: DelayIn) -> dict[str, Any]:
    user, dossier = _seen(request, dossier_id)
    transfer.approve_delay(actor=user, dossier=dossier, until_year=payload.until_year,
                           reason=payload.reason)
    return _fresh(dossier)


@router.post(DOSSIER + "/correct",
             response={200: DossierRef, **errors(400, 401, 403, 404, 422)},
             summary="Sửa thông tin hồ sơ đã nộp lưu (lưu trữ viên; ghi lịch sử)")
def correct(request: HttpRequest, dossier_id: uuid.UUID, payload: CorrectionIn
            ) -> dict[str, Any]:
    user, dossier = _seen(request, dossier_id)
    return _ref(transfer.correct_dossier(actor=user, dossier=dossier, title=payload.title,
                                         note=payload.note))


@router.post(DOSSIER + "/hold", response={200: DossierRef, **errors(400, 401, 403, 404, 422)},
             summary="Tạm giữ hồ sơ (không tiêu hủy được) hoặc bỏ tạm giữ")
def hold(request: HttpRequest, dossier_id: uuid.UUID, payload: HoldIn) -> dict[str, Any]:
    user, dossier = _seen(request, dossier_id)
    return _ref(disposal.set_hold(actor=user, dossier=dossier, reason=payload.reason))


# --- Disposal ----------------------------------------------------------------------------------

DISPOSAL = "/disposals/{int:disposal_id}"


@router.get("/disposals/expired", response={200: list[DossierRef], **errors(401, 404, 422)},
            summary="Hồ sơ hết thời hạn bảo quản, không tạm giữ (lưu trữ viên, văn phòng)")
def expired(request: HttpRequest, office: int | None = office_query()) -> list[dict[str, Any]]:
    return _listed(request, disposal.keeps_archive, disposal.expired, office)


@router.get("/disposals", response={200: list[DisposalOut], **errors(401)},
            summary="Các danh mục tài liệu hết giá trị người gọi được xem")
def list_disposals(request: HttpRequest) -> list[dict[str, Any]]:
    rows = disposal.visible_disposals(_user(request)).select_related(
        "organization", "approved_by")[:100]
    return [_disposal(d) for d in rows]


@router.post("/disposals", response={201: DisposalOut, **errors(400, 401, 403, 422)},
             summary="Lập danh mục tài liệu hết giá trị và hội đồng thẩm định (ít nhất 3 người)")
def propose(request: HttpRequest, payload: DisposalIn,
            office: int | None = office_query()) -> Status:
    user = _user(request)
    here = _office(user, office)
    if not disposal.keeps_archive(user, here.pk):
        raise NotAllowed("Chỉ lưu trữ viên hoặc văn phòng lập danh mục tài liệu hết giá trị.")
    organization = _organization(here, payload.organization_id)
    due = disposal.expired(here.pk, organization)
    people = {p.person_id: p.person for p in Position.objects.active(on=clock.today()).filter(
        office=here, person__is_active=True).select_related("person")}
    unknown = [str(pk) for pk in payload.council_ids if pk not in people]
    if unknown:
        raise Invalid(f"Không có người {', '.join(unknown)} công tác tại văn phòng.",
                      fields={"council_ids": "Thành viên hội đồng phải công tác tại văn phòng."})
    made = disposal.propose_disposal(
        actor=user, organization=organization,
        dossiers=_chosen(due, payload.dossier_ids, "dossier_ids"),
        council=[people[pk] for pk in dict.fromkeys(payload.council_ids)])
    return Status(201, _disposal(made))


@router.get(DISPOSAL, response={200: DisposalOut, **errors(401, 404)},
            summary="Một danh mục tài liệu hết giá trị với ý kiến hội đồng")
def get_disposal(request: HttpRequest, disposal_id: int) -> dict[str, Any]:
    return _disposal(disposal.get_disposal_for(_user(request), disposal_id))


@router.post(DISPOSAL + "/vote",
             response={200: DisposalOut, **errors(400, 401, 403, 404, 422)},
             summary="Ý kiến của thành viên hội đồng (không đồng ý phải nêu lý do)")
def vote(request: HttpRequest, disposal_id: int, payload: VoteIn) -> dict[str, Any]:
    user = _user(request)
    found = disposal.get_disposal_for(user, disposal_id, DisposalAction.VOTE)
    return _disposal(disposal.vote(actor=user, disposal=found, agrees=payload.agrees,
                                   note=payload.note))


@router.post(DISPOSAL + "/approve", response={200: DisposalOut, **errors(401, 403, 404, 409)},
             summary="Duyệt tiêu hủy (người đứng đầu, cấp phó)")
def approve(request: HttpRequest, disposal_id: int) -> dict[str, Any]:
    user = _user(request)
    found = disposal.get_disposal_for(user, disposal_id, DisposalAction.APPROVE)
    return _disposal(disposal.approve(actor=user, disposal=found))


@router.post(DISPOSAL + "/carry-out",
             response={200: DisposalOut, **errors(400, 401, 403, 404, 409, 422)},
             summary="Ghi nhận đã tiêu hủy (lưu trữ viên); hồ sơ được giữ thông tin, không xóa")
def carry_out(request: HttpRequest, disposal_id: int, payload: MethodIn) -> dict[str, Any]:
    user = _user(request)
    found = disposal.get_disposal_for(user, disposal_id, DisposalAction.CARRY_OUT)
    return _disposal(disposal.carry_out(actor=user, disposal=found, method=payload.method))


# --- Boxes and loans ---------------------------------------------------------------------------


@router.get("/boxes", response={200: list[BoxOut], **errors(401)},
            summary="Hộp của các phông trong kho (lưu trữ viên, văn phòng)")
def list_boxes(request: HttpRequest) -> list[dict[str, Any]]:
    user = _user(request)
    standing = standing_of(user)
    offices = [o for o in standing.archivist_offices | standing.staff_offices
               if archive.sees_archive(user, o)]
    rows = Box.objects.filter(office_id__in=offices).select_related(
        "organization").prefetch_related("dossiers")[:500]
    return [_box(b) for b in rows]


@router.post("/boxes", response={201: BoxOut, **errors(400, 401, 403, 422)},
             summary="Thêm hộp cho phông của một cơ quan (lưu trữ viên)")
def add_box(request: HttpRequest, payload: BoxIn, office: int | None = office_query()) -> Status:
    user = _user(request)
    organization = _organization(_office(user, office), payload.organization_id)
    return Status(201, _box(archive.add_box(actor=user, organization=organization,
                                            number=payload.number, location=payload.location)))


@router.post(DOSSIER + "/shelve", response={200: DossierRef, **errors(400, 401, 403, 404, 422)},
             summary="Xếp hồ sơ đã nộp lưu vào một hộp của phông cơ quan đó (lưu trữ viên)")
def shelve(request: HttpRequest, dossier_id: uuid.UUID, payload: ShelveIn) -> dict[str, Any]:
    user, dossier = _seen(request, dossier_id)
    if not archive.keeps_boxes(user, dossier.plan.office_id):
        raise NotAllowed("Chỉ lưu trữ viên xếp hồ sơ vào kho.")
    box = _one(Box.objects.filter(office_id=dossier.plan.office_id), payload.box_id, "box_id",
               "hộp")
    archive.shelve(actor=user, dossier=dossier, box=box)
    return _fresh(dossier)


def _loans(user: User) -> QuerySet[Loan]:
    return archive.register_of_use(user).select_related(
        "dossier__plan__organization", "dossier__box", "dossier__delay", "borrower",
        "decided_by")


@router.get("/loans", response={200: list[LoanOut], **errors(401)},
            summary="Sổ sử dụng bản lưu: các lượt mượn bản gốc người gọi được xem")
def list_loans(request: HttpRequest) -> list[dict[str, Any]]:
    return [_loan(loan) for loan in _loans(_user(request))[:300]]


@router.post(DOSSIER + "/loans", response={201: LoanOut, **errors(400, 401, 403, 404, 409, 422)},
             summary="Đề nghị mượn bản gốc của hồ sơ đã nộp lưu")
def request_loan(request: HttpRequest, dossier_id: uuid.UUID, payload: LoanIn) -> Status:
    user = _user(request)
    dossier = visible_dossiers(user).select_related("plan__organization").filter(
        pk=dossier_id).first()
    if dossier is None:
        raise NotFound("Không tìm thấy hồ sơ.")
    made = archive.request_loan(actor=user, dossier=dossier, purpose=payload.purpose,
                                due_back=payload.due_back)
    return Status(201, _loan(_loans(user).get(pk=made.pk)))


def _own_loan(user: User, loan_id: int) -> Loan:
    loan = _loans(user).filter(pk=loan_id).first()
    if loan is None:
        raise NotFound("Không tìm thấy lượt mượn.")
    return loan


@router.post("/loans/{int:loan_id}/decide",
             response={200: LoanOut, **errors(400, 401, 403, 404, 409, 422)},
             summary="Duyệt hoặc không duyệt đề nghị mượn (lãnh đạo cơ quan, lãnh đạo văn phòng)")
def decide_loan(request: HttpRequest, loan_id: int, payload: DecisionIn) -> dict[str, Any]:
    user = _user(request)
    loan = archive.decide_loan(actor=user, loan=_own_loan(user, loan_id),
                               approve=payload.approve, note=payload.note)
    return _loan(_loans(user).get(pk=loan.pk))


@router.post("/loans/{int:loan_id}/lend", response={200: LoanOut, **errors(401, 403, 404, 409)},
             summary="Giao bản gốc cho người mượn (lưu trữ viên)")
def lend(request: HttpRequest, loan_id: int) -> dict[str, Any]:
    user = _user(request)
    loan = archive.lend(actor=user, loan=_own_loan(user, loan_id))
    return _loan(_loans(user).get(pk=loan.pk))


@router.post("/loans/{int:loan_id}/take-back",
             response={200: LoanOut, **errors(400, 401, 403, 404, 409, 422)},
             summary="Nhận lại bản gốc, ghi tình trạng (lưu trữ viên)")
def take_back(request: HttpRequest, loan_id: int, payload: TakeBackIn) -> dict[str, Any]:
    user = _user(request)
    loan = archive.take_back(actor=user, loan=_own_loan(user, loan_id),
                             condition=payload.condition)
    return _loan(_loans(user).get(pk=loan.pk))


# --- Archival packages -------------------------------------------------------------------------


@router.post("/packages", response={201: ArchivedOut, **errors(400, 401, 403, 404, 413, 422)},
             summary="Nhập gói hồ sơ lưu trữ (BagIt, zip); mọi mã kiểm tra được đối chiếu")
def import_package(request: HttpRequest, file: File[UploadedFile],
                   office: int | None = office_query()) -> Status:
    user = _user(request)
    made = package.import_package(actor=user, office=_office(user, office), source=file)
    return Status(201, {"id": made.pk, "file_notation": made.file_notation, "title": made.title,
                        "organ_name": made.organ_name, "file_catalog": made.file_catalog,
                        "maintenance": made.maintenance, "documents": made.documents.count()})
