"""Work programmes: list, read with the report, create, add items, approve, and tasks
from an item. Gatekeeper: `followup.access`; actions: `followup.programmes`."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from vanphong.api.errors import errors
from vanphong.api.idempotency import idempotent
from vanphong.api.schemas import BodyId, Input, PlausibleDay, Required500, RequiredLongText, Text200
from vanphong.api.tasks import TaskIn, TaskOut, _one, _out, _specs
from vanphong.errors import NotFound
from vanphong.followup import programmes
from vanphong.followup.access import ProgrammeAction, get_programme_for, visible_programmes
from vanphong.followup.models import ProgrammeItem, WorkProgramme
from vanphong.organizations.models import Organization, Unit, User

router = Router(tags=["Chương trình công tác"])


class ProgrammeIn(Input):
    organization_id: BodyId
    title: Required500
    year: int = Field(ge=2000, le=2100)
    kind: Literal["year", "term", "quarter"] = "year"


class ProgrammeItemIn(Input):
    content: RequiredLongText
    planned_month: PlausibleDay = Field(description="Ngày bất kỳ trong tháng dự kiến.")
    responsible_organization_id: BodyId
    responsible_unit_id: BodyId | None = None
    coordination: Text200 = ""
    output: Text200 = ""


class ProgrammeItemTasksIn(Input):
    tasks: list[TaskIn] = Field(min_length=1, max_length=50)


class ProgrammeItemOut(Schema):
    id: int
    content: str
    planned_month: dt.date
    month: dt.date
    responsible_organization: str
    responsible_unit: str | None
    output: str
    status: str
    status_label: str
    tasks: int
    tasks_done: int
    tasks_overdue: int
    late: bool


class ProgrammeOut(Schema):
    id: int
    title: str
    organization: str
    kind: str
    year: int
    state: str


class ProgrammeDetail(ProgrammeOut):
    items: list[ProgrammeItemOut]
    by_status: dict[str, int]
    done_share: int


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined, no-any-return]


def _summary(programme: WorkProgramme) -> dict[str, Any]:
    return {"id": programme.pk, "title": programme.title,
            "organization": programme.organization.short_name, "kind": programme.kind,
            "year": programme.year, "state": programme.state}


def _detail(programme: WorkProgramme) -> dict[str, Any]:
    report = programmes.programme_report(programme)
    return {
        **_summary(programme), "by_status": report.by_status, "done_share": report.done_share,
        "items": [{
            "id": line.item.pk, "content": line.item.content,
            "planned_month": line.item.planned_month, "month": line.item.month,
            "responsible_organization": line.item.responsible_organization.short_name,
            "responsible_unit": line.item.responsible_unit.name
            if line.item.responsible_unit else None,
            "output": line.item.output, "status": line.item.status,
            "status_label": line.item.get_status_display(), "tasks": line.tasks,
            "tasks_done": line.done, "tasks_overdue": line.overdue, "late": line.late,
        } for line in report.lines],
    }


@router.get("/programmes", response={200: list[ProgrammeOut], **errors(401)},
            summary="Chương trình công tác người gọi được xem")
def list_programmes(request: HttpRequest) -> list[dict[str, Any]]:
    listed = visible_programmes(_user(request)).select_related("organization")[:500]
    return [_summary(p) for p in listed]


@router.get("/programmes/{int:programme_id}", response={200: ProgrammeDetail, **errors(401, 404)},
            summary="Một chương trình công tác với các nội dung và kết quả thực hiện")
def get_programme(request: HttpRequest, programme_id: int) -> dict[str, Any]:
    return _detail(get_programme_for(_user(request), programme_id))


@router.post("/programmes", response={201: ProgrammeDetail, **errors(400, 401, 403, 422)},
             summary="Lập chương trình công tác (lãnh đạo cơ quan, văn phòng)")
def create_programme(request: HttpRequest, payload: ProgrammeIn) -> Status:
    organization = _one(Organization.objects.all(), payload.organization_id, "organization_id",
                        "cơ quan")
    made = programmes.create_programme(actor=_user(request), organization=organization,
                                       title=payload.title, year=payload.year, kind=payload.kind)
    return Status(201, _detail(made))


@router.post("/programmes/{int:programme_id}/items",
             response={201: ProgrammeDetail, **errors(400, 401, 403, 404, 422)},
             summary="Thêm nội dung vào chương trình")
def add_item(request: HttpRequest, programme_id: int, payload: ProgrammeItemIn) -> Status:
    user = _user(request)
    programme = get_programme_for(user, programme_id, ProgrammeAction.EDIT)
    fields = programmes.ItemFields(
        content=payload.content, planned_month=payload.planned_month,
        responsible_organization=_one(Organization.objects.all(),
                                      payload.responsible_organization_id,
                                      "responsible_organization_id", "cơ quan"),
        responsible_unit=_one(Unit.objects.all(), payload.responsible_unit_id,
                              "responsible_unit_id", "đơn vị"),
        coordination=payload.coordination, output=payload.output)
    programmes.add_item(actor=user, programme=programme, fields=fields)
    return Status(201, _detail(programme))


@router.post("/programmes/{int:programme_id}/approve",
             response={200: ProgrammeDetail, **errors(400, 401, 403, 404, 409)},
             summary="Duyệt chương trình (người đứng đầu, cấp phó)")
def approve_programme(request: HttpRequest, programme_id: int) -> dict[str, Any]:
    user = _user(request)
    programme = get_programme_for(user, programme_id, ProgrammeAction.APPROVE)
    return _detail(programmes.approve_programme(actor=user, programme=programme))


@router.post("/programme-items/{int:item_id}/tasks",
             response={201: list[TaskOut], **errors(400, 401, 403, 404, 422)},
             summary="Giao nhiệm vụ từ một nội dung của chương trình đã duyệt")
@idempotent
def tasks_from_item(request: HttpRequest, item_id: int, payload: ProgrammeItemTasksIn) -> Status:
    user = _user(request)
    item = ProgrammeItem.objects.filter(
        pk=item_id if 0 < item_id < 2**63 else 0,
        programme__in=visible_programmes(user)).select_related(
        "programme__organization").first()
    if item is None:
        raise NotFound("Không tìm thấy nội dung chương trình.")
    made = programmes.create_tasks_from_item(actor=user, item=item, specs=_specs(payload.tasks))
    return Status(201, [_out(t) for t in made])
