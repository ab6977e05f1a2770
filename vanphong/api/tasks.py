"""Tasks: list, read, assign (directly or from an incoming document), and every step —
progress, extension request and decision, completion, reopening, cancelling.

Each endpoint parses its input, asks the gatekeeper (`vanphong.followup.access`), calls
one action from `vanphong.followup.actions`, and answers with the task as it now stands.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from vanphong.api.errors import errors
from vanphong.api.files import named_files
from vanphong.api.idempotency import idempotent
from vanphong.api.schemas import (
    BodyId,
    BodyUrgency,
    Input,
    LongText,
    PlausibleDay,
    Required500,
    RequiredLongText,
    Text100,
)
from vanphong.errors import Invalid
from vanphong.followup import actions
from vanphong.followup.access import Action, allowed_actions, get_task_for, visible_tasks
from vanphong.followup.figures import drill_down, figures
from vanphong.followup.models import Task
from vanphong.followup.views import filter_tasks
from vanphong.incoming.access import get_incoming_for, visible_incoming
from vanphong.incoming.models import AssignmentKind
from vanphong.organizations.models import Organization, Unit, User
from vanphong.outgoing.access import get_outgoing_for, visible_outgoing
from vanphong.periods import Period

router = Router(tags=["Nhiệm vụ"])
TASK_PATH = "/tasks/{uuid:task_id}"


class TaskAssigneeIn(Input):
    organization_id: BodyId
    unit_id: BodyId | None = None
    person_id: BodyId | None = None


class TaskIn(Input):
    title: Required500
    description: LongText = ""
    due_date: PlausibleDay | None = Field(None, description="Hạn hoàn thành; hoặc working_days.")
    working_days: int | None = Field(None, ge=1, le=365, description="Số ngày làm việc từ hôm "
                                     "nay (trừ lễ, Tết, ngày nghỉ bù).")
    urgency: BodyUrgency = 0
    lead: TaskAssigneeIn
    supports: list[TaskAssigneeIn] = Field([], max_length=30)


class TasksIn(Input):
    organization_id: BodyId = Field(description="Cơ quan giao nhiệm vụ.")
    tasks: list[TaskIn] = Field(min_length=1, max_length=actions.MAX_TASKS_AT_ONCE)


class TasksFromDocumentIn(Input):
    tasks: list[TaskIn] = Field(min_length=1, max_length=actions.MAX_TASKS_AT_ONCE)


class TaskProgressIn(Input):
    percent: int = Field(ge=0, le=100)
    note: RequiredLongText
    file_ids: list[uuid.UUID] = Field([], max_length=20)


class TaskExtensionIn(Input):
    proposed_due_date: PlausibleDay
    reason: RequiredLongText


class TaskDecisionIn(Input):
    approve: bool
    due_date: PlausibleDay | None = None
    note: LongText = ""


class TaskCompleteIn(Input):
    result: RequiredLongText
    file_ids: list[uuid.UUID] = Field([], max_length=20)
    incoming_ids: list[uuid.UUID] = Field([], max_length=20, description="Văn bản đến minh chứng.")
    outgoing_ids: list[uuid.UUID] = Field([], max_length=20, description="Văn bản đi minh chứng.")


class TaskReasonIn(Input):
    reason: RequiredLongText
    due_date: PlausibleDay | None = None


class TaskFilters(Schema):
    model_config = ConfigDict(extra="ignore")

    view: Literal["", "chu-tri", "phoi-hop", "toi-giao"] = ""
    state: Literal["", "dang-lam", "qua-han", "tuan-nay", "xong", "huy"] = ""
    organization: int | None = Field(None, ge=1, le=2**31 - 1)
    q: Text100 = ""
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(30, ge=1, le=100)


class TaskAssigneeOut(Schema):
    kind: str
    organization: str
    unit: str | None
    person: str | None
    state: str


class TaskEventOut(Schema):
    at: dt.datetime
    actor: str | None
    kind: str
    label: str
    note: str


class TaskOut(Schema):
    id: uuid.UUID
    title: str
    organization: str
    source: str
    source_incoming_id: uuid.UUID | None
    status: str
    state_label: str
    overdue: bool
    progress: int
    assigned_at: dt.datetime
    due_date: dt.date
    original_due_date: dt.date
    completed_on: dt.date | None
    assignees: list[TaskAssigneeOut]


class TaskDetail(TaskOut):
    description: str
    result: str
    allowed_actions: list[str]
    events: list[TaskEventOut]


class TaskPage(Schema):
    items: list[TaskOut]
    count: int
    page: int
    page_size: int


ACTION_RESPONSES: dict[int, Any] = {200: TaskDetail, **errors(400, 401, 403, 404, 409, 422)}


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined, no-any-return]


def _out(task: Task) -> dict[str, Any]:
    return {
        "id": task.pk, "title": task.title, "organization": task.organization.short_name,
        "source": task.source, "source_incoming_id": task.source_incoming_id,
        "status": task.status, "state_label": task.state_label, "overdue": task.is_overdue,
        "progress": task.progress, "assigned_at": task.assigned_at, "due_date": task.due_date,
        "original_due_date": task.original_due_date, "completed_on": task.completed_on,
        "assignees": [
            {"kind": a.kind, "organization": a.organization.short_name,
             "unit": a.unit.name if a.unit else None,
             "person": a.person.full_name if a.person else None, "state": a.state}
            for a in task.assignees.all()
        ],
    }


def _detail(task: Task, user: User) -> dict[str, Any]:
    return {
        **_out(task), "description": task.description, "result": task.result,
        "allowed_actions": sorted(a.value for a in allowed_actions(user, task)),
        "events": [
            {"at": e.at, "actor": str(e.actor) if e.actor else None, "kind": e.kind,
             "label": e.get_kind_display(), "note": e.note}
            for e in task.events.select_related("actor")
        ],
    }


@router.get("/tasks", response={200: TaskPage, **errors(401, 422)},
            summary="Danh sách nhiệm vụ người gọi được xem")
def list_tasks(request: HttpRequest, filters: Query[TaskFilters]) -> dict[str, Any]:
    user = _user(request)
    tasks = filter_tasks(visible_tasks(user), user, filters.dict()).select_related(
        "organization").prefetch_related("assignees__organization", "assignees__unit",
                                          "assignees__person").order_by("due_date", "assigned_at")
    start = (filters.page - 1) * filters.page_size
    return {"items": [_out(t) for t in tasks[start:start + filters.page_size]],
            "count": tasks.count(), "page": filters.page, "page_size": filters.page_size}


@router.get(TASK_PATH, response={200: TaskDetail, **errors(401, 404)},
            summary="Một nhiệm vụ, với người thực hiện và toàn bộ lịch sử")
def get_task(request: HttpRequest, task_id: uuid.UUID) -> dict[str, Any]:
    user = _user(request)
    return _detail(get_task_for(user, task_id), user)


def _one(rows: Any, pk: int | None, field: str, label: str) -> Any:
    if pk is None:
        return None
    row = rows.filter(pk=pk).first()
    if row is None:
        raise Invalid(f"Không tìm thấy {label} {pk}.", fields={field: f"Không có {label} {pk}."})
    return row


def _assignee(kind: str, given: TaskAssigneeIn, field: str) -> actions.AssigneeSpec:
    return actions.AssigneeSpec(
        kind, _one(Organization.objects.all(), given.organization_id, field, "cơ quan"),
        _one(Unit.objects.all(), given.unit_id, field, "đơn vị"),
        _one(User.objects.filter(is_active=True), given.person_id, field, "người dùng"),
    )


def _specs(tasks: list[TaskIn]) -> list[actions.TaskSpec]:
    return [
        actions.TaskSpec(
            title=t.title, description=t.description, due_date=t.due_date,
            working_days=t.working_days, urgency=t.urgency,
            assignees=(_assignee(AssignmentKind.LEAD, t.lead, f"tasks[{i}].lead"),
                       *(_assignee(AssignmentKind.SUPPORT, s, f"tasks[{i}].supports")
                         for s in t.supports)),
        )
        for i, t in enumerate(tasks)
    ]


@router.post("/tasks", response={201: list[TaskOut], **errors(400, 401, 403, 422)},
             summary="Giao một hoặc nhiều nhiệm vụ của một cơ quan (lãnh đạo, trưởng đơn vị)")
@idempotent
def create_tasks(request: HttpRequest, payload: TasksIn) -> Status:
    organization = _one(Organization.objects.all(), payload.organization_id, "organization_id",
                        "cơ quan")
    created = actions.create_tasks(actor=_user(request), organization=organization,
                                   specs=_specs(payload.tasks))
    return Status(201, [_out(t) for t in created])


@router.post("/incoming/{uuid:document_id}/tasks",
             response={201: list[TaskOut], **errors(400, 401, 403, 404, 422)},
             summary="Giao nhiệm vụ từ một văn bản đến (lãnh đạo được trình văn bản)")
@idempotent
def create_tasks_from_incoming(
    request: HttpRequest, document_id: uuid.UUID, payload: TasksFromDocumentIn
) -> Status:
    user = _user(request)
    document = get_incoming_for(user, document_id)  # 404 when not visible; 403 below
    created = actions.create_tasks_from_incoming(actor=user, document=document,
                                                 specs=_specs(payload.tasks))
    return Status(201, [_out(t) for t in created])


@router.post("/outgoing/{uuid:document_id}/tasks",
             response={201: list[TaskOut], **errors(400, 401, 403, 404, 422)},
             summary="Giao nhiệm vụ từ văn bản đi đã phát hành của cơ quan (nghị quyết, kết "
                     "luận)")
@idempotent
def create_tasks_from_outgoing(
    request: HttpRequest, document_id: uuid.UUID, payload: TasksFromDocumentIn
) -> Status:
    user = _user(request)
    document = get_outgoing_for(user, document_id)
    created = actions.create_tasks_from_outgoing(actor=user, document=document,
                                                 specs=_specs(payload.tasks))
    return Status(201, [_out(t) for t in created])


def _act(request: HttpRequest, task_id: uuid.UUID, action: Action,
         run: Callable[[User, Task], object]) -> dict[str, Any]:
    user = _user(request)
    task = get_task_for(user, task_id, action)
    run(user, task)
    task.refresh_from_db()
    return _detail(task, user)


@router.post(TASK_PATH + "/progress", response=ACTION_RESPONSES,
             summary="Báo cáo tiến độ (nơi chủ trì, phối hợp)")
def report_progress(request: HttpRequest, task_id: uuid.UUID, payload: TaskProgressIn) -> Any:
    return _act(request, task_id, Action.PROGRESS, lambda user, task: actions.report_progress(
        actor=user, task=task, percent=payload.percent, note=payload.note,
        files=named_files(user, payload.file_ids)))


@router.post(TASK_PATH + "/extension-requests", response=ACTION_RESPONSES,
             summary="Xin gia hạn (nơi chủ trì)")
def request_extension(request: HttpRequest, task_id: uuid.UUID, payload: TaskExtensionIn) -> Any:
    return _act(request, task_id, Action.REQUEST_EXTENSION,
                lambda user, task: actions.request_extension(
                    actor=user, task=task, proposed_due_date=payload.proposed_due_date,
                    reason=payload.reason))


@router.post(TASK_PATH + "/extension-decision", response=ACTION_RESPONSES,
             summary="Đồng ý hoặc không đồng ý gia hạn (người giao, lãnh đạo cơ quan giao)")
def decide_extension(request: HttpRequest, task_id: uuid.UUID, payload: TaskDecisionIn) -> Any:
    return _act(request, task_id, Action.DECIDE_EXTENSION,
                lambda user, task: actions.decide_extension(
                    actor=user, task=task, approve=payload.approve, due_date=payload.due_date,
                    note=payload.note))


@router.post(TASK_PATH + "/complete", response=ACTION_RESPONSES,
             summary="Báo cáo hoàn thành, kèm minh chứng (nơi chủ trì)")
def complete_task(request: HttpRequest, task_id: uuid.UUID, payload: TaskCompleteIn) -> Any:
    def run(user: User, task: Task) -> object:
        incoming = _documents(visible_incoming(user), payload.incoming_ids, "incoming_ids")
        outgoing = _documents(visible_outgoing(user), payload.outgoing_ids, "outgoing_ids")
        return actions.complete_task(actor=user, task=task, result=payload.result,
                                     incoming=incoming, outgoing=outgoing,
                                     files=named_files(user, payload.file_ids))

    return _act(request, task_id, Action.COMPLETE, run)


def _documents(visible: Any, ids: list[uuid.UUID], field: str) -> list[Any]:
    found = {d.pk: d for d in visible.filter(pk__in=ids)}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise Invalid(f"Không tìm thấy văn bản: {', '.join(missing)}.",
                      fields={field: "Văn bản không tồn tại hoặc bạn không được xem."})
    return [found[i] for i in ids]


@router.post(TASK_PATH + "/reopen", response=ACTION_RESPONSES,
             summary="Mở lại nhiệm vụ đã hoàn thành (người giao)")
def reopen_task(request: HttpRequest, task_id: uuid.UUID, payload: TaskReasonIn) -> Any:
    return _act(request, task_id, Action.REOPEN, lambda user, task: actions.reopen_task(
        actor=user, task=task, reason=payload.reason, due_date=payload.due_date))


@router.post(TASK_PATH + "/cancel", response=ACTION_RESPONSES,
             summary="Hủy nhiệm vụ (người giao)")
def cancel_task(request: HttpRequest, task_id: uuid.UUID, payload: TaskReasonIn) -> Any:
    return _act(request, task_id, Action.EDIT, lambda user, task: actions.cancel_task(
        actor=user, task=task, reason=payload.reason))



class TaskRemindIn(Input):
    note: LongText = ""


@router.post(TASK_PATH + "/remind", response=ACTION_RESPONSES,
             summary="Đôn đốc: nhắc ngay những người đang thực hiện (văn phòng, người giao)")
def remind_task(request: HttpRequest, task_id: uuid.UUID, payload: TaskRemindIn) -> Any:
    return _act(request, task_id, Action.REMIND, lambda user, task: actions.remind_task(
        actor=user, task=task, note=payload.note))


class FigureFilters(Schema):
    model_config = ConfigDict(extra="ignore")

    by: Literal["co-quan", "don-vi", "ca-nhan", "co-quan-giao"] = "co-quan"
    date_from: PlausibleDay | None = Field(None, description="Đầu kỳ (mặc định 1/1 năm nay).")
    date_to: PlausibleDay | None = Field(None, description="Cuối kỳ (mặc định 31/12 năm nay).")

    def period(self) -> Period:
        year = Period.this_year()
        start, end = self.date_from or year.start, self.date_to or year.end
        if start > end:
            raise Invalid("Đầu kỳ phải trước cuối kỳ.", fields={"date_from": "Sau ngày cuối kỳ."})
        return Period(start, end)


class FigureCellFilters(FigureFilters):
    group: str = Field(pattern=r"^([0-9]{1,10}|none)$", description="Mã nhóm, hoặc none.")
    measure: Literal["total", "on_time", "late", "overdue", "in_progress", "this_week"]
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(30, ge=1, le=100)


class FigureRowOut(Schema):
    group: int | None
    label: str
    counts: dict[str, int]


class FigureTableOut(Schema):
    by: str
    date_from: dt.date
    date_to: dt.date
    today: dt.date
    measures: dict[str, str]
    rows: list[FigureRowOut]
    total: dict[str, int]


@router.get("/tasks/figures", response={200: FigureTableOut, **errors(401, 422)},
            summary="Số liệu theo dõi nhiệm vụ theo cơ quan, đơn vị, người chủ trì hoặc cơ "
                    "quan giao (cùng nguồn với trang Theo dõi và bản xuất)")
def task_figures(request: HttpRequest, filters: Query[FigureFilters]) -> dict[str, Any]:
    period = filters.period()
    table = figures(_user(request), grouping=filters.by, period=period)
    return {"by": table.grouping, "date_from": period.start, "date_to": period.end,
            "today": table.today, "measures": dict(table.measures),
            "rows": [{"group": r.key, "label": r.label, "counts": r.counts} for r in table.rows],
            "total": table.total}


@router.get("/tasks/figures/items", response={200: TaskPage, **errors(401, 422)},
            summary="Các nhiệm vụ của một ô số liệu (count đúng bằng con số của ô)")
def task_figure_items(request: HttpRequest, filters: Query[FigureCellFilters]) -> dict[str, Any]:
    group = None if filters.group == "none" else int(filters.group)
    tasks = drill_down(_user(request), grouping=filters.by, group=group, measure=filters.measure,
                       period=filters.period()).select_related("organization").prefetch_related(
        "assignees__organization", "assignees__unit", "assignees__person",
    ).order_by("due_date", "assigned_at")
    start = (filters.page - 1) * filters.page_size
    return {"items": [_out(t) for t in tasks[start:start + filters.page_size]],
            "count": tasks.count(), "page": filters.page, "page_size": filters.page_size}


class TaskDelegateIn(Input):
    assignee_row_id: BodyId = Field(description="Phần việc (dòng người thực hiện) giao tiếp.")
    unit_id: BodyId | None = None
    person_id: BodyId | None = None
    note: LongText = ""


@router.post(TASK_PATH + "/delegate", response=ACTION_RESPONSES,
             summary="Giao tiếp phần việc của cơ quan/đơn vị cho đơn vị hoặc người thực hiện")
def delegate_task(request: HttpRequest, task_id: uuid.UUID, payload: TaskDelegateIn) -> Any:
    def run(user: User, task: Task) -> object:
        row = _one(task.assignees.all(), payload.assignee_row_id, "assignee_row_id",
                   "phần việc")
        return actions.delegate_assignee(
            actor=user, task=task, row=row,
            unit=_one(Unit.objects.all(), payload.unit_id, "unit_id", "đơn vị"),
            person=_one(User.objects.filter(is_active=True), payload.person_id, "person_id",
                        "người dùng"),
            note=payload.note)

    return _act(request, task_id, Action.DELEGATE, run)


@router.post(TASK_PATH + "/subtasks", response={201: TaskOut, **errors(400, 401, 403, 404, 422)},
             summary="Thêm nhiệm vụ con (hạn không sau hạn nhiệm vụ)")
@idempotent
def create_subtask(request: HttpRequest, task_id: uuid.UUID, payload: TaskIn) -> Status:
    user = _user(request)
    parent = get_task_for(user, task_id, Action.DELEGATE)
    [spec] = _specs([payload])
    return Status(201, _out(actions.create_subtask(actor=user, parent=parent, spec=spec)))
