"""Meeting and joint conference pages: the list, organizing one (it enters the weekly
schedule), its page with the invitation drafted through the outgoing flow, documents
shared with the participants, attendance, minutes, conclusions, and conclusions turned
into tasks of an organization taking part."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanphong import clock
from vanphong.errors import DomainError, NotFound
from vanphong.files.actions import cleanup_on_failure, open_stored, store_file
from vanphong.followup import forms as task_forms
from vanphong.followup.access import may_create_task
from vanphong.http import AuthedRequest
from vanphong.organizations.models import Organization, Position, Role
from vanphong.organizations.standing import standing_of
from vanphong.schedule import actions
from vanphong.schedule.access import (
    MeetingAction,
    allowed_meeting_actions,
    get_meeting_for,
    may_create_meeting,
    visible_meetings,
)
from vanphong.schedule.conflicts import conflicts_for
from vanphong.schedule.forms import (
    ATTENDANCE_CHOICES,
    ConclusionsForm,
    InvitationForm,
    MeetingForm,
    MinutesForm,
    People,
    ShareForm,
)
from vanphong.schedule.models import Conclusion, Meeting, MeetingDocument
from vanphong.schedule.views import _office


def _meeting(request: AuthedRequest, meeting_id: Any) -> Meeting:
    try:
        return get_meeting_for(request.user, meeting_id)
    except NotFound:
        raise Http404("Không tìm thấy cuộc họp") from None


@login_required
def meeting_list(request: AuthedRequest) -> HttpResponse:
    meetings = visible_meetings(request.user).select_related("event", "host").order_by(
        "-event__starts_at")
    hosts = _hosts(request)
    return render(request, "schedule/meeting_list.html",
                  {"meetings": meetings[:200], "may_create": bool(hosts)})


def _hosts(request: AuthedRequest) -> list[Organization]:
    offices = standing_of(request.user).member_offices
    return [o for o in Organization.objects.active().filter(office_id__in=offices)
            if may_create_meeting(request.user, o)]


@login_required
def meeting_create(request: AuthedRequest) -> HttpResponse:
    hosts = _hosts(request)
    if not hosts:
        raise Http404("Bạn không tổ chức cuộc họp cho cơ quan nào.")
    office = _office(request)
    form = MeetingForm(request.POST or None, people=People(office), hosts=hosts,
                       initial={"day": clock.today(), "start": "08:00", "end": "11:00"})
    if request.method == "POST" and form.is_valid():
        try:
            meeting, clashes = actions.create_meeting(actor=request.user,
                                                      fields=form.to_fields())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã tổ chức cuộc họp; sự kiện đã vào lịch tuần (dự thảo).")
            for clash in clashes:
                messages.warning(request, clash.message)
            return redirect("schedule:meeting", meeting.pk)
    return render(request, "schedule/meeting_form.html", {"form": form},
                  status=422 if request.method == "POST" else 200)


def _signers(meeting: Meeting) -> list[Any]:
    posts = Position.objects.active(on=clock.today()).filter(
        organization=meeting.host, role__in=[Role.HEAD, Role.DEPUTY]).select_related("person")
    return [p.person for p in posts]


def _page(request: AuthedRequest, meeting: Meeting, status: int = 200,
          **given: Any) -> HttpResponse:
    allowed = allowed_meeting_actions(request.user, meeting)
    manage = MeetingAction.MANAGE in allowed
    event = meeting.event
    owners = [o for o in meeting.organizations.all() if may_create_task(request.user, o)]
    return render(request, "schedule/meeting_detail.html", {
        "meeting": meeting, "event": event, "manage": manage,
        "organizations": meeting.organizations.all(),
        "attendees": event.attendees.select_related("person", "organization", "unit"),
        "documents": meeting.documents.all(),
        "conclusions": meeting.conclusions.prefetch_related("tasks"),
        "conflicts": conflicts_for(event),
        "attendance_choices": ATTENDANCE_CHOICES,
        "invitation_form": given.get("invitation_form") or (
            InvitationForm(signers=_signers(meeting)) if manage else None),
        "share_form": given.get("share_form") or ShareForm(),
        "minutes_form": given.get("minutes_form") or MinutesForm(
            initial={"text": meeting.minutes}),
        "conclusions_form": given.get("conclusions_form") or ConclusionsForm(),
        "may_task": bool(owners) and meeting.conclusions.exists(),
    }, status=status)


@login_required
def meeting_detail(request: AuthedRequest, meeting_id: Any) -> HttpResponse:
    return _page(request, _meeting(request, meeting_id))


def _manage(request: AuthedRequest, meeting_id: Any) -> tuple[Meeting, HttpResponse | None]:
    meeting = _meeting(request, meeting_id)
    if MeetingAction.MANAGE not in allowed_meeting_actions(request.user, meeting):
        messages.error(request, "Bạn không có quyền thực hiện thao tác này với cuộc họp.")
        return meeting, _page(request, meeting, 403)
    return meeting, None


@login_required
@require_POST
def invitation(request: AuthedRequest, meeting_id: Any) -> HttpResponse:
    meeting, refused = _manage(request, meeting_id)
    if refused:
        return refused
    form = InvitationForm(request.POST, signers=_signers(meeting))
    if form.is_valid():
        try:
            document = actions.draft_invitation(actor=request.user, meeting=meeting,
                                                signer=form.signers[form.cleaned_data["signer"]])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã soạn giấy mời; trình duyệt, ký và phát hành như "
                                      "văn bản đi.")
            return redirect("outgoing:detail", document.pk)
    return _page(request, meeting, 422, invitation_form=form)


@login_required
@require_POST
def share(request: AuthedRequest, meeting_id: Any) -> HttpResponse:
    meeting, refused = _manage(request, meeting_id)
    if refused:
        return refused
    form = ShareForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with cleanup_on_failure():
                files = [(store_file(actor=request.user, stream=f, name=f.name, size=f.size),
                          f.name) for f in form.cleaned_data["documents"]]
                actions.share_documents(actor=request.user, meeting=meeting, files=files)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Đã gửi {len(files)} tài liệu tới thành phần dự họp.")
            return redirect("schedule:meeting", meeting.pk)
    return _page(request, meeting, 422, share_form=form)


@login_required
def document(request: AuthedRequest, meeting_id: Any, document_id: int) -> FileResponse:
    meeting = _meeting(request, meeting_id)
    row = MeetingDocument.objects.filter(pk=document_id, meeting=meeting).select_related(
        "stored_file").first()
    if row is None:
        raise Http404("Không tìm thấy tài liệu")
    return FileResponse(open_stored(row.stored_file), as_attachment=True, filename=row.filename)


@login_required
@require_POST
def attendance(request: AuthedRequest, meeting_id: Any) -> HttpResponse:
    meeting, refused = _manage(request, meeting_id)
    if refused:
        return refused
    marks = {}
    for attendee in meeting.event.attendees.all():
        mark = request.POST.get(f"a{attendee.pk}")
        if mark is not None:
            marks[attendee.pk] = (mark, request.POST.get(f"d{attendee.pk}", ""))
    try:
        actions.record_attendance(actor=request.user, meeting=meeting, marks=marks)
    except DomainError as error:
        messages.error(request, error.message)
        return _page(request, meeting, 422)
    messages.success(request, "Đã ghi điểm danh.")
    return redirect("schedule:meeting", meeting.pk)


@login_required
@require_POST
def minutes(request: AuthedRequest, meeting_id: Any) -> HttpResponse:
    meeting, refused = _manage(request, meeting_id)
    if refused:
        return refused
    form = MinutesForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with cleanup_on_failure():
                upload = form.cleaned_data["file"]
                stored = store_file(actor=request.user, stream=upload, name=upload.name,
                                    size=upload.size) if upload else None
                actions.record_minutes(actor=request.user, meeting=meeting,
                                       text=form.cleaned_data["text"], file=stored)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã lưu biên bản.")
            return redirect("schedule:meeting", meeting.pk)
    return _page(request, meeting, 422, minutes_form=form)


@login_required
def minutes_file(request: AuthedRequest, meeting_id: Any) -> FileResponse:
    meeting = _meeting(request, meeting_id)
    if meeting.minutes_file is None:
        raise Http404("Chưa có tệp biên bản")
    return FileResponse(open_stored(meeting.minutes_file), as_attachment=True,
                        filename=meeting.minutes_file.original_name or "bien-ban.pdf")


@login_required
@require_POST
def conclusions(request: AuthedRequest, meeting_id: Any) -> HttpResponse:
    meeting, refused = _manage(request, meeting_id)
    if refused:
        return refused
    form = ConclusionsForm(request.POST)
    if form.is_valid():
        try:
            made = actions.add_conclusions(actor=request.user, meeting=meeting,
                                           texts=form.lines())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Đã ghi {len(made)} kết luận.")
            return redirect("schedule:meeting", meeting.pk)
    return _page(request, meeting, 422, conclusions_form=form)


@login_required
def conclusion_tasks(request: AuthedRequest, conclusion_id: int) -> HttpResponse:
    """"Giao nhiệm vụ" from a conclusion: several rows at once, for one organization that
    took part, by its leaders (the task form of follow-up, submitted here)."""
    conclusion = Conclusion.objects.filter(
        pk=conclusion_id, meeting__in=visible_meetings(request.user)
    ).select_related("meeting__event__office", "meeting__host").first()
    if conclusion is None:
        raise Http404("Không tìm thấy kết luận")
    meeting = conclusion.meeting
    owners = [o for o in meeting.organizations.all() if may_create_task(request.user, o)]
    if not owners:
        raise Http404("Bạn không giao nhiệm vụ cho cơ quan nào dự họp.")
    doers = task_forms.Doers(meeting.event.office)
    count = task_forms.rows_wanted(request.POST.get("rows") or request.GET.get("dong"))
    data = request.POST if request.method == "POST" else None
    owner_form = task_forms.OwnerForm(data, organizations=owners,
                                      initial={"organization": owners[0].pk})
    rows = [task_forms.TaskRowForm(data, doers=doers, prefix=f"r{i}",
                                   initial={"title": conclusion.text[:500]} if i == 0 else None)
            for i in range(count)]
    if request.method == "POST" and request.POST.get("them-dong") is None:
        valid = owner_form.is_valid() and all(row.is_valid() for row in rows)
        chosen = [row for row in rows if row.is_valid() and not row.is_blank]
        if valid and not chosen:
            messages.error(request, "Nhập ít nhất một nhiệm vụ.")
        elif valid:
            owner = owner_form.chosen()
            try:
                tasks = actions.create_tasks_from_conclusion(
                    actor=request.user, conclusion=conclusion, organization=owner,
                    specs=[r.spec(doers, owner) for r in chosen])
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, f"Đã giao {len(tasks)} nhiệm vụ từ kết luận.")
                return redirect("schedule:meeting", meeting.pk)
    if request.POST.get("them-dong") is not None:
        count = min(task_forms.MAX_ROWS, count + 1)
        rows.append(task_forms.TaskRowForm(doers=doers, prefix=f"r{count - 1}"))
    status = 422 if request.method == "POST" and request.POST.get("them-dong") is None else 200
    return render(request, "schedule/conclusion_tasks.html", {
        "conclusion": conclusion, "meeting": meeting, "owner_form": owner_form, "rows": rows,
        "count": len(rows)}, status=status)
