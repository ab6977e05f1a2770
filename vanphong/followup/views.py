"""Task pages: the list, assigning (directly or from an incoming document), the task page
and its actions. Each view parses input, calls the gatekeeper and one action, renders;
a domain error becomes a Vietnamese message on the same page, nothing typed is lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanphong import clock
from vanphong.errors import DomainError, NotAllowed, NotFound
from vanphong.files.actions import cleanup_on_failure, open_stored, store_file
from vanphong.files.models import StoredFile
from vanphong.followup import actions, forms, programmes
from vanphong.followup.access import (
    Action,
    allowed_actions,
    get_task_for,
    may_create_task,
    my_rows,
    visible_programmes,
    visible_tasks,
)
from vanphong.followup.models import (
    OPEN_STATUSES,
    Evidence,
    ExtensionState,
    ProgrammeItem,
    ReportFile,
    Status,
    Task,
)
from vanphong.http import AuthedRequest
from vanphong.incoming.access import Action as IncomingAction
from vanphong.incoming.access import get_incoming_for, visible_incoming
from vanphong.incoming.models import AssignmentKind, AssignmentState, IncomingDocument
from vanphong.organizations.models import Organization
from vanphong.organizations.standing import standing_of
from vanphong.outgoing.access import get_outgoing_for, visible_outgoing
from vanphong.outgoing.models import OutgoingDocument
from vanphong.outgoing.models import Status as OutgoingStatus
from vanphong.workdays.dates import week_bounds

PAGE_SIZE = 30


def _task_or_404(request: AuthedRequest, task_id: Any) -> Task:
    try:
        return get_task_for(request.user, task_id)
    except NotFound:
        raise Http404("Không tìm thấy nhiệm vụ") from None


# --- List ------------------------------------------------------------------------------


def filter_tasks(tasks: QuerySet[Task], user: Any, data: dict[str, Any]) -> QuerySet[Task]:
    today = clock.today()
    mine = Q(assignees__state__in=[AssignmentState.ACTIVE, AssignmentState.DONE]) & (
        Q(assignees__person=user)
    )
    if data.get("view") == "chu-tri":
        tasks = tasks.filter(mine, assignees__kind=AssignmentKind.LEAD)
    elif data.get("view") == "phoi-hop":
        tasks = tasks.filter(mine, assignees__kind=AssignmentKind.SUPPORT)
    elif data.get("view") == "toi-giao":
        tasks = tasks.filter(assigned_by=user)
    state = data.get("state")
    if state == "dang-lam":
        tasks = tasks.filter(status__in=OPEN_STATUSES)
    elif state == "qua-han":
        tasks = tasks.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    elif state == "tuan-nay":
        tasks = tasks.filter(status__in=OPEN_STATUSES, due_date__gte=today,
                             due_date__lte=week_bounds(today)[1])
    elif state == "xong":
        tasks = tasks.filter(status=Status.DONE)
    elif state == "huy":
        tasks = tasks.filter(status=Status.CANCELLED)
    if data.get("organization"):
        tasks = tasks.filter(organization_id=data["organization"])
    if data.get("q"):
        tasks = tasks.filter(title__icontains=data["q"])
    return tasks.distinct()


@login_required
def task_list(request: AuthedRequest) -> HttpResponse:
    organizations = list(Organization.objects.active().filter(
        office_id__in=standing_of(request.user).member_offices
    ))
    form = forms.ListFilterForm(request.GET or None, organizations=organizations)
    data = form.cleaned_data if form.is_valid() else {}
    tasks = filter_tasks(visible_tasks(request.user), request.user, data)
    tasks = tasks.select_related("organization").prefetch_related(
        "assignees__organization", "assignees__unit", "assignees__person"
    ).order_by("status", "due_date", "assigned_at")
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "followup/list.html", {
        "form": form, "page": page, "query": query.urlencode(), "today": clock.today(),
        "may_create": any(may_create_task(request.user, o) for o in organizations),
    })


# --- Assigning -------------------------------------------------------------------------


@login_required
def create(request: AuthedRequest) -> HttpResponse:
    """"Giao nhiệm vụ": several tasks at once, directly or from an incoming document
    (`?van-ban-den=<id>`), each with its lead, supports and deadline."""
    document = _source_document(request)
    item = _source_item(request)
    issued = _source_outgoing(request)
    owners = ([item.programme.organization] if item else
              [issued.organization] if issued else _owners(request, document))
    if not owners:
        raise Http404("Bạn không giao nhiệm vụ cho cơ quan nào.")
    first = owners[0]
    doers = forms.Doers(first.office)
    count = forms.rows_wanted(request.POST.get("rows") or request.GET.get("dong"))
    data = request.POST if request.method == "POST" else None
    owner_form = forms.OwnerForm(data, organizations=owners, initial={"organization": first.pk})
    rows = [forms.TaskRowForm(data, doers=doers, prefix=f"r{i}",
                              initial=_initial(document, item, issued) if i == 0 else None)
            for i in range(count)]
    if request.method == "POST" and request.POST.get("them-dong") is None:
        valid = owner_form.is_valid() and all(row.is_valid() for row in rows)
        chosen = [row for row in rows if row.is_valid() and not row.is_blank]
        if valid and not chosen:
            messages.error(request, "Nhập ít nhất một nhiệm vụ.")
        elif valid:
            owner = owner_form.chosen()
            try:
                specs = [r.spec(doers, owner) for r in chosen]
                if item is not None:
                    tasks = programmes.create_tasks_from_item(actor=request.user, item=item,
                                                              specs=specs)
                elif issued is not None:
                    tasks = actions.create_tasks_from_outgoing(actor=request.user,
                                                               document=issued, specs=specs)
                else:
                    tasks = _assign(request, document, owner, specs)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, f"Đã giao {len(tasks)} nhiệm vụ.")
                if document is not None:
                    return redirect("incoming:detail", document.pk)
                if item is not None:
                    return redirect("followup:programme", item.programme_id)
                if issued is not None:
                    return redirect("outgoing:detail", issued.pk)
                return redirect("followup:list")
    if request.POST.get("them-dong") is not None:
        count = min(forms.MAX_ROWS, count + 1)
        rows.append(forms.TaskRowForm(doers=doers, prefix=f"r{count - 1}"))
    status = 422 if request.method == "POST" and request.POST.get("them-dong") is None else 200
    return render(request, "followup/create.html", {
        "document": document, "item": item, "issued": issued, "owner_form": owner_form,
        "rows": rows,
        "count": len(rows),
    }, status=status)


def _assign(request: AuthedRequest, document: IncomingDocument | None, owner: Organization,
            specs: list[actions.TaskSpec]) -> list[Task]:
    if document is not None:
        return actions.create_tasks_from_incoming(actor=request.user, document=document,
                                                  specs=specs)
    return actions.create_tasks(actor=request.user, organization=owner, specs=specs)


def _source_document(request: AuthedRequest) -> IncomingDocument | None:
    document_id = request.GET.get("van-ban-den") or request.POST.get("van-ban-den")
    if not document_id:
        return None
    try:
        return get_incoming_for(request.user, document_id, IncomingAction.INSTRUCT)
    except (NotFound, NotAllowed):
        raise Http404("Không tìm thấy văn bản") from None


def _owners(request: AuthedRequest, document: IncomingDocument | None) -> list[Organization]:
    """The organizations the user may give these tasks for; the acting one first."""
    if document is not None:
        return [document.organization]
    offices = standing_of(request.user).member_offices
    owners = [o for o in Organization.objects.active().filter(office_id__in=offices)
              if may_create_task(request.user, o)]
    return forms.acting_first(owners, request.acting.organization)


def _source_outgoing(request: AuthedRequest) -> OutgoingDocument | None:
    """An issued document of an organization the user gives tasks for (`?van-ban-di=`)."""
    document_id = request.GET.get("van-ban-di") or request.POST.get("van-ban-di")
    if not document_id:
        return None
    try:
        document = get_outgoing_for(request.user, document_id)
    except (NotFound, NotAllowed):
        raise Http404("Không tìm thấy văn bản") from None
    if document.status != OutgoingStatus.ISSUED or not may_create_task(
            request.user, document.organization):
        raise Http404("Không giao nhiệm vụ được từ văn bản này")
    return document


def _source_item(request: AuthedRequest) -> ProgrammeItem | None:
    item_id = request.GET.get("muc") or request.POST.get("muc")
    if not item_id:
        return None
    item = ProgrammeItem.objects.filter(
        pk=item_id if str(item_id).isdigit() else 0,
        programme__in=visible_programmes(request.user),
    ).select_related("programme__organization", "programme__office").first()
    if item is None or not may_create_task(request.user, item.programme.organization):
        raise Http404("Không tìm thấy nội dung chương trình")
    return item


def _initial(document: IncomingDocument | None, item: ProgrammeItem | None = None,
             issued: OutgoingDocument | None = None) -> dict[str, Any] | None:
    if issued is not None:
        return {"title": issued.subject[:500]}
    if item is not None:
        return {"title": item.content[:500], "lead": _item_lead(item)}
    if document is None:
        return None
    return {"title": document.subject[:500]}


def _item_lead(item: ProgrammeItem) -> str:
    if item.responsible_unit_id:
        return f"u{item.responsible_unit_id}"
    return f"o{item.responsible_organization_id}"


# --- The task page and its actions -----------------------------------------------------


@login_required
def detail(request: AuthedRequest, task_id: str) -> HttpResponse:
    task = _task_or_404(request, task_id)
    return render(request, "followup/detail.html", _detail_context(request, task))


def _detail_context(request: AuthedRequest, task: Task, **given: Any) -> dict[str, Any]:
    allowed = allowed_actions(request.user, task)
    pending = task.extension_requests.filter(state=ExtensionState.PENDING).first()
    context: dict[str, Any] = {
        "task": task,
        "allowed": {a.value for a in allowed},
        "today": clock.today(),
        "assignees": task.assignees.select_related("organization", "unit", "person"),
        "events": task.events.select_related("actor"),
        "reports": task.reports.select_related("author").prefetch_related("files"),
        "requests": task.extension_requests.select_related("requested_by", "decided_by"),
        "pending": pending,
        "evidence": task.evidence.select_related("incoming", "outgoing"),
        "subtasks": visible_tasks(request.user).filter(parent=task),
        "parent_visible": task.parent_id is not None
        and visible_tasks(request.user).filter(pk=task.parent_id).exists(),
    }
    makers: dict[str, tuple[Action, Callable[[], Any]]] = {
        "progress_form": (Action.PROGRESS, forms.ProgressForm),
        "extension_form": (Action.REQUEST_EXTENSION, forms.ExtensionForm),
        "decide_form": (Action.DECIDE_EXTENSION, forms.DecideForm),
        "complete_form": (Action.COMPLETE, lambda: forms.CompleteForm(
            **_complete_kwargs(request, task))),
        "reopen_form": (Action.REOPEN, forms.ReasonForm),
        "cancel_form": (Action.EDIT, forms.ReasonForm),
        "remind_form": (Action.REMIND, forms.RemindForm),
        "delegate_form": (Action.DELEGATE, lambda: forms.DelegateForm(
            **_delegate_kwargs(request, task))),
        "subtask_form": (Action.DELEGATE, lambda: forms.SubtaskForm(
            **_subtask_kwargs(request, task))),
    }
    for name, (action, make) in makers.items():
        if action in allowed:
            context[name] = given.get(name) or make()
    if "delegate_form" in context and not context["delegate_form"].rows:
        del context["delegate_form"]
    return context


def _delegate_kwargs(request: AuthedRequest, task: Task) -> dict[str, Any]:
    """The parts of the task the user may hand down (their organization's or unit's rows
    not yet given to a person), and the people and units of those organizations."""
    rows = [r for r in my_rows(request.user, task) if r.person_id is None]
    if not rows and Action.EDIT in allowed_actions(request.user, task):
        rows = list(task.assignees.filter(state=AssignmentState.ACTIVE, person__isnull=True)
                    .select_related("organization", "unit"))
    return {"rows": rows, "doers": forms.Doers(task.office)}


def _complete_kwargs(request: AuthedRequest, task: Task) -> dict[str, Any]:
    """Documents that may show the task done: its source, and documents the doers'
    organizations issued since it was given (those the user may open)."""
    organizations = {task.organization_id} | set(task.assignees.filter(
        state__in=[AssignmentState.ACTIVE, AssignmentState.DONE]).values_list(
        "organization_id", flat=True))
    since = task.assigned_at - dt.timedelta(days=7)
    issued = visible_outgoing(request.user).filter(
        organization_id__in=organizations, status=OutgoingStatus.ISSUED, issued_at__gte=since,
    ).order_by("-issued_at")[:50]
    evidence: dict[str, Any] = {f"o{d.pk}": d for d in issued}
    if task.source_outgoing_id and task.source_outgoing is not None:
        evidence.setdefault(f"o{task.source_outgoing_id}", task.source_outgoing)
    if task.source_incoming_id and visible_incoming(request.user).filter(
            pk=task.source_incoming_id).exists():
        evidence[f"i{task.source_incoming_id}"] = task.source_incoming
    return {"evidence": evidence}


def _subtask_kwargs(request: AuthedRequest, task: Task) -> dict[str, Any]:
    return {"doers": forms.Doers(task.office)}


def _action_view(
    action: Action, form_name: str, form_class: Callable[..., Any],
    form_kwargs: Callable[[AuthedRequest, Task], dict[str, Any]] | None = None,
) -> Callable[..., Any]:
    """A POST of one task action: gatekeeper, form, the action, the message; a refusal or
    bad input re-renders the task page with the form as typed."""

    def decorate(do: Callable[[AuthedRequest, Task, Any], str]) -> Callable[..., Any]:
        @login_required
        @require_POST
        def view(request: AuthedRequest, task_id: str) -> HttpResponse:
            task = _task_or_404(request, task_id)
            if action not in allowed_actions(request.user, task):
                messages.error(request, "Bạn không thể thực hiện thao tác này với nhiệm vụ ở "
                               f"trạng thái “{task.state_label}”.")
                return render(request, "followup/detail.html",
                              _detail_context(request, task), status=403)
            extra = form_kwargs(request, task) if form_kwargs else {}
            form = form_class(request.POST, request.FILES, **extra)
            if form.is_valid():
                try:
                    with cleanup_on_failure():
                        done = do(request, task, form.cleaned_data)
                except DomainError as error:
                    messages.error(request, error.message)
                else:
                    messages.success(request, done)
                    return redirect("followup:detail", task.pk)
            task.refresh_from_db()
            context = _detail_context(request, task, **{form_name: form})
            return render(request, "followup/detail.html", context, status=422)

        view.__name__ = do.__name__
        return view

    return decorate


def _stored(request: AuthedRequest, uploads: list[Any]) -> list[tuple[StoredFile, str]]:
    return [
        (store_file(actor=request.user, stream=upload, name=upload.name, size=upload.size),
         upload.name)
        for upload in uploads
    ]


@_action_view(Action.PROGRESS, "progress_form", forms.ProgressForm)
def progress(request: AuthedRequest, task: Task, data: dict[str, Any]) -> str:
    actions.report_progress(actor=request.user, task=task, percent=data["percent"],
                            note=data["note"], files=_stored(request, data["attachments"]))
    return "Đã báo cáo tiến độ."


@_action_view(Action.REQUEST_EXTENSION, "extension_form", forms.ExtensionForm)
def request_extension(request: AuthedRequest, task: Task, data: dict[str, Any]) -> str:
    actions.request_extension(actor=request.user, task=task,
                              proposed_due_date=data["proposed_due_date"], reason=data["reason"])
    return "Đã gửi đề nghị gia hạn."


@_action_view(Action.DECIDE_EXTENSION, "decide_form", forms.DecideForm)
def decide_extension(request: AuthedRequest, task: Task, data: dict[str, Any]) -> str:
    approve = data["decision"] == "approve"
    actions.decide_extension(actor=request.user, task=task, approve=approve,
                             due_date=data["due_date"], note=data["note"])
    return "Đã đồng ý gia hạn." if approve else "Đã trả lời không đồng ý gia hạn."


@_action_view(Action.COMPLETE, "complete_form", forms.CompleteForm, _complete_kwargs)
def complete(request: AuthedRequest, task: Task, data: dict[str, Any]) -> str:
    form = forms.CompleteForm(request.POST, **_complete_kwargs(request, task))
    form.is_valid()
    incoming, outgoing = form.chosen()
    actions.complete_task(actor=request.user, task=task, result=data["result"],
                          incoming=incoming, outgoing=outgoing,
                          files=_stored(request, data["attachments"]))
    return "Đã báo cáo hoàn thành nhiệm vụ."


@_action_view(Action.REOPEN, "reopen_form", forms.ReasonForm)
def reopen(request: AuthedRequest, task: Task, data: dict[str, Any]) -> str:
    actions.reopen_task(actor=request.user, task=task, reason=data["reason"],
                        due_date=data["due_date"])
    return "Đã mở lại nhiệm vụ."


@_action_view(Action.EDIT, "cancel_form", forms.ReasonForm)
def cancel(request: AuthedRequest, task: Task, data: dict[str, Any]) -> str:
    actions.cancel_task(actor=request.user, task=task, reason=data["reason"])
    return "Đã hủy nhiệm vụ."


@_action_view(Action.REMIND, "remind_form", forms.RemindForm)
def remind(request: AuthedRequest, task: Task, data: dict[str, Any]) -> str:
    count = actions.remind_task(actor=request.user, task=task, note=data["note"])
    return f"Đã gửi lời đôn đốc tới {count} người."


@_action_view(Action.DELEGATE, "delegate_form", forms.DelegateForm, _delegate_kwargs)
def delegate(request: AuthedRequest, task: Task, data: dict[str, Any]) -> str:
    form = forms.DelegateForm(request.POST, **_delegate_kwargs(request, task))
    form.is_valid()
    row, unit, person = form.target()
    new = actions.delegate_assignee(actor=request.user, task=task, row=row, unit=unit,
                                    person=person, note=data["note"])
    return f"Đã giao tiếp cho {new.label}."


@_action_view(Action.DELEGATE, "subtask_form", forms.SubtaskForm, _subtask_kwargs)
def subtask(request: AuthedRequest, task: Task, data: dict[str, Any]) -> str:
    form = forms.SubtaskForm(request.POST, **_subtask_kwargs(request, task))
    form.is_valid()
    mine = my_rows(request.user, task)
    owner = mine[0].organization if mine else task.organization
    made = actions.create_subtask(actor=request.user, parent=task, spec=form.spec(owner))
    return f"Đã thêm nhiệm vụ con “{made.title}”."


@login_required
def evidence_file(request: AuthedRequest, task_id: str, evidence_id: int) -> FileResponse:
    task = _task_or_404(request, task_id)
    row = Evidence.objects.filter(pk=evidence_id, task=task, stored_file__isnull=False
                                  ).select_related("stored_file").first()
    if row is None or row.stored_file is None:
        raise Http404("Không tìm thấy tệp")
    return FileResponse(open_stored(row.stored_file), as_attachment=True, filename=row.filename)


@login_required
def download(request: AuthedRequest, task_id: str, file_id: int) -> FileResponse:
    task = _task_or_404(request, task_id)
    row = ReportFile.objects.filter(pk=file_id, report__task=task).select_related(
        "stored_file").first()
    if row is None:
        raise Http404("Không tìm thấy tệp")
    return FileResponse(open_stored(row.stored_file), as_attachment=True, filename=row.filename)
