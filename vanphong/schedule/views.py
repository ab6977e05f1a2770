"""Weekly schedule pages: the week (with double bookings flagged), adding and editing
events, approving, publishing, cancelling, answering, the print and PDF, "Lịch của tôi"
and its private iCalendar link. Each view parses input, asks `schedule.access`, calls one
action and renders; a domain error is a Vietnamese message, nothing typed is lost."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from vanphong import clock
from vanphong.errors import Conflict, DomainError, Invalid, NotAllowed, NotFound
from vanphong.http import AuthedRequest
from vanphong.organizations.acting import current_office
from vanphong.organizations.models import Office, Organization
from vanphong.schedule import actions, ical, printouts
from vanphong.schedule.access import (
    EventAction,
    allowed_event_actions,
    can_event,
    get_event_for,
    may_add_event,
    may_publish,
    visible_events,
)
from vanphong.schedule.conflicts import conflicts_for
from vanphong.schedule.forms import EventForm, People, ReasonForm, RsvpForm
from vanphong.schedule.models import EventState, ScheduleEvent, WeeklySchedule
from vanphong.schedule.week import iso_week, parse_week, week_days


def _office(request: AuthedRequest) -> Office:
    """The office whose schedule the pages show: `current_office` ("làm việc cho")."""
    office = current_office(request)
    if office is None:
        raise Http404("Bạn không thuộc văn phòng nào.")
    return office


def _week_events(request: AuthedRequest, office: Office, monday: dt.date,
                 scope: str) -> QuerySet[ScheduleEvent]:
    start = timezone.make_aware(dt.datetime.combine(monday, dt.time()))
    events = visible_events(request.user).filter(
        office=office, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=7))
    if scope == "chung":
        events = events.filter(organization__isnull=True)
    elif scope.isdigit():
        events = events.filter(Q(organization_id=int(scope)) | Q(organization__isnull=True))
    return events.select_related("room", "organization", "preparing_unit",
                                 "office_contact").prefetch_related(
        "attendees__person", "attendees__organization", "attendees__unit")


def _adders(request: AuthedRequest, office: Office) -> list[Organization]:
    return [o for o in Organization.objects.active().filter(office=office)
            if may_add_event(request.user, office.pk, o)]


@login_required
def week(request: AuthedRequest) -> HttpResponse:
    office = _office(request)
    try:
        monday = parse_week(request.GET.get("tuan"), clock.today())
    except Invalid as error:
        messages.error(request, error.message)
        return _week_page(request, office, parse_week(None, clock.today()), status=400)
    return _week_page(request, office, monday)


def _week_page(request: AuthedRequest, office: Office, monday: dt.date, *,
               status: int = 200, **more: Any) -> HttpResponse:
    scope = request.GET.get("co-quan", "")
    events = _week_events(request, office, monday, scope)
    days = week_days(events, monday)
    schedule = WeeklySchedule.objects.filter(office=office, week_start=monday).first()
    counts = {state: sum(1 for e in events if e.state == state) for state in EventState.values}
    staff = may_publish(request.user, office.pk)
    return render(request, "schedule/week.html", {
        "office": office, "monday": monday, "sunday": monday + dt.timedelta(days=6),
        "days": days, "schedule": schedule, "scope": scope, "counts": counts,
        "previous": iso_week(monday - dt.timedelta(days=7)),
        "next": iso_week(monday + dt.timedelta(days=7)), "this": iso_week(monday),
        "organizations": Organization.objects.active().filter(office=office),
        "may_add": staff or bool(_adders(request, office)),
        "may_publish": staff,
        "may_approve": any(can_event(request.user, EventAction.APPROVE, e) for e in events),
        "waiting": actions.waiting_drafts(office=office, week_start=monday) if staff else [],
        "conflicts": sum(len(line.conflicts) for d in days for line in d.morning + d.afternoon),
        **more,
    }, status=status)


def _event_form(request: AuthedRequest, office: Office, **kwargs: Any) -> EventForm:
    return EventForm(request.POST or None, people=People(office),
                     organizations=_adders(request, office),
                     joint_allowed=may_publish(request.user, office.pk), **kwargs)


@login_required
def event_add(request: AuthedRequest) -> HttpResponse:
    office = _office(request)
    if not (may_publish(request.user, office.pk) or _adders(request, office)):
        raise Http404("Bạn không thêm lịch công tác.")
    day = request.GET.get("ngay")
    form = _event_form(request, office, initial={"day": day or clock.today(),
                                                 "start": "08:00", "end": "11:00"})
    if request.method == "POST" and form.is_valid():
        try:
            event, clashes = actions.add_event(actor=request.user, office=office,
                                               fields=form.to_fields())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã thêm vào lịch (dự thảo).")
            for clash in clashes:
                messages.warning(request, clash.message)
            return redirect(reverse("schedule:week") + "?tuan="
                            + iso_week(event.schedule.week_start))
    return render(request, "schedule/event_form.html", {"form": form, "event": None},
                  status=422 if request.method == "POST" else 200)


def _event_or_404(request: AuthedRequest, event_id: Any,
                  action: EventAction = EventAction.VIEW) -> ScheduleEvent:
    try:
        return get_event_for(request.user, event_id, action)
    except NotFound:
        raise Http404("Không tìm thấy sự kiện") from None


@login_required
def event_detail(request: AuthedRequest, event_id: Any) -> HttpResponse:
    event = _event_or_404(request, event_id)
    return _event_page(request, event)


def _event_page(request: AuthedRequest, event: ScheduleEvent, status: int = 200,
                **given: Any) -> HttpResponse:
    allowed = allowed_event_actions(request.user, event)
    mine = event.attendees.filter(person=request.user).first()
    return render(request, "schedule/event_detail.html", {
        "event": event, "allowed": {a.value for a in allowed},
        "attendees": event.attendees.select_related("person", "organization", "unit"),
        "changes": event.changes.select_related("actor"),
        "conflicts": conflicts_for(event), "mine": mine,
        "cancel_form": given.get("cancel_form") or ReasonForm(),
        "rsvp_form": given.get("rsvp_form") or RsvpForm(),
        "meeting": getattr(event, "meeting", None),
    }, status=status)


@login_required
def event_edit(request: AuthedRequest, event_id: Any) -> HttpResponse:
    event = _event_or_404(request, event_id)
    if EventAction.EDIT not in allowed_event_actions(request.user, event):
        raise Http404("Bạn không sửa được sự kiện này.")
    form = _event_form(request, event.office, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            event, clashes = actions.update_event(actor=request.user, event=event,
                                                  fields=form.to_fields())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã sửa sự kiện.")
            for clash in clashes:
                messages.warning(request, clash.message)
            return redirect("schedule:event", event.pk)
    return render(request, "schedule/event_form.html", {"form": form, "event": event},
                  status=422 if request.method == "POST" else 200)


def _post_action(request: AuthedRequest, event_id: Any, action: EventAction,
                 run: Any, done: str) -> HttpResponse:
    event = _event_or_404(request, event_id)
    if action not in allowed_event_actions(request.user, event):
        messages.error(request, "Bạn không thể thực hiện thao tác này với sự kiện ở trạng thái "
                                f"“{event.get_state_display()}”.")
        return _event_page(request, event, 403)
    try:
        result = run(event)
    except DomainError as error:
        messages.error(request, error.message)
        return _event_page(request, event, 422)
    if isinstance(result, HttpResponse):
        return result
    messages.success(request, done)
    return redirect("schedule:event", event.pk)


@login_required
@require_POST
def event_approve(request: AuthedRequest, event_id: Any) -> HttpResponse:
    return _post_action(request, event_id, EventAction.APPROVE,
                        lambda e: actions.approve_event(actor=request.user, event=e),
                        "Đã duyệt sự kiện.")


@login_required
@require_POST
def event_cancel(request: AuthedRequest, event_id: Any) -> HttpResponse:
    def run(event: ScheduleEvent) -> Any:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            return _event_page(request, event, 422, cancel_form=form)
        return actions.cancel_event(actor=request.user, event=event,
                                    reason=form.cleaned_data["reason"])

    return _post_action(request, event_id, EventAction.CANCEL, run, "Đã hoãn/hủy sự kiện.")


@login_required
@require_POST
def event_rsvp(request: AuthedRequest, event_id: Any) -> HttpResponse:
    def run(event: ScheduleEvent) -> Any:
        form = RsvpForm(request.POST)
        if not form.is_valid():
            return _event_page(request, event, 422, rsvp_form=form)
        return actions.answer_invitation(actor=request.user, event=event,
                                         attend=form.cleaned_data["attend"],
                                         delegate=form.cleaned_data["delegate"])

    return _post_action(request, event_id, EventAction.RSVP, run, "Đã gửi trả lời.")


def _week_post(request: AuthedRequest, week_start: str) -> tuple[Office, dt.date]:
    """The office and the Monday a week's URL names; `Invalid` for a bad or far week."""
    return _office(request), parse_week(week_start, clock.today())


def _week_url(monday: dt.date) -> str:
    return reverse("schedule:week") + f"?tuan={iso_week(monday)}"


def _bad_week(request: AuthedRequest, error: Invalid) -> HttpResponse:
    return render(request, "schedule/bad_week.html", {"message": error.message}, status=400)


WeekView = Callable[[AuthedRequest, Office, dt.date], HttpResponse]


def _for_week(view: WeekView) -> Callable[[AuthedRequest, str], HttpResponse]:
    """A view of one week named by its URL: a bad or far week is a clear 400 page."""

    @functools.wraps(view)
    def wrapped(request: AuthedRequest, week_start: str) -> HttpResponse:
        try:
            office, monday = _week_post(request, week_start)
        except Invalid as error:
            return _bad_week(request, error)
        return view(request, office, monday)

    return wrapped


@login_required
@require_POST
@_for_week
def week_approve(request: AuthedRequest, office: Office, monday: dt.date) -> HttpResponse:
    count = actions.approve_week(actor=request.user, office=office, week_start=monday)
    if count:
        messages.success(request, f"Đã duyệt {count} sự kiện.")
    else:
        messages.info(request, "Không có sự kiện dự thảo nào bạn duyệt được trong tuần.")
    if may_publish(request.user, office.pk):
        waiting = actions.waiting_drafts(office=office, week_start=monday)
        if waiting:
            messages.warning(request, f"Còn {len(waiting)} sự kiện chờ lãnh đạo cơ quan duyệt "
                                      "(danh sách bên dưới); bấm “Đề nghị lãnh đạo duyệt” để "
                                      "báo cho từng người.")
    return redirect(_week_url(monday))


@login_required
@require_POST
@_for_week
def week_ask_approval(request: AuthedRequest, office: Office, monday: dt.date) -> HttpResponse:
    try:
        asked = actions.ask_for_approval(actor=request.user, office=office, week_start=monday)
    except NotAllowed:
        raise Http404("Chỉ văn phòng đề nghị duyệt lịch tuần.") from None
    except Invalid as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Đã gửi đề nghị duyệt cho: "
                                  + ", ".join(p.full_name for p in asked) + ".")
    return redirect(_week_url(monday))


@login_required
@require_POST
@_for_week
def week_publish(request: AuthedRequest, office: Office, monday: dt.date) -> HttpResponse:
    try:
        schedule = actions.publish_week(actor=request.user, office=office, week_start=monday,
                                        leave_out_drafts=request.POST.get("leave_out_drafts")
                                        == "1")
    except NotAllowed:
        messages.error(request, "Chỉ văn phòng công bố lịch công tác tuần.")
        return redirect(_week_url(monday))
    except Conflict:
        # Drafts would be left out: say which, and let the office confirm or ask the heads.
        return _week_page(request, office, monday, status=409, confirm_publish=True)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã công bố lịch tuần (lần {schedule.revision}).")
        left = actions.waiting_drafts(office=office, week_start=monday)
        if left:
            messages.warning(request, f"{len(left)} sự kiện chưa duyệt không có trong lịch "
                                      "đã công bố.")
    return redirect(_week_url(monday))


def _printable(request: AuthedRequest, office: Office, monday: dt.date) -> dict[str, Any]:
    scope = request.GET.get("co-quan", "")
    events = _week_events(request, office, monday, scope)
    draft = request.GET.get("du-thao") == "1" and may_publish(request.user, office.pk)
    if not draft:
        events = events.filter(state__in=[EventState.PUBLISHED, EventState.CANCELLED])
    schedule = WeeklySchedule.objects.filter(office=office, week_start=monday).first()
    organization = Organization.objects.filter(pk=int(scope)).first() if scope.isdigit() \
        else None
    return {"office": office, "monday": monday, "sunday": monday + dt.timedelta(days=6),
            "days": week_days(events, monday), "revision": schedule.revision if schedule else 0,
            "draft": draft, "scope": organization.name if organization else ""}


@login_required
@_for_week
def week_print(request: AuthedRequest, office: Office, monday: dt.date) -> HttpResponse:
    return render(request, "schedule/week_print.html", _printable(request, office, monday))


@login_required
@_for_week
def week_pdf(request: AuthedRequest, office: Office, monday: dt.date) -> HttpResponse:
    page = _printable(request, office, monday)
    data = printouts.week_pdf(page["days"], office=page["office"].name, monday=page["monday"],
                              revision=page["revision"], scope=page["scope"],
                              draft=page["draft"], author=str(request.user))
    response = HttpResponse(data, content_type="application/pdf")
    name = f"lich-cong-tac-tuan-{page['monday']:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def my_calendar(request: AuthedRequest) -> HttpResponse:
    events = ical.feed_events(request.user)
    events.sort(key=lambda e: e.starts_at)
    key = request.session.pop("calendar_key", None)
    link = request.build_absolute_uri(reverse("schedule:feed", args=[key])) if key else None
    return render(request, "schedule/my_calendar.html", {"events": events, "link": link})


@login_required
@require_POST
def my_calendar_link(request: AuthedRequest) -> HttpResponse:
    if request.POST.get("thu-hoi"):
        ical.revoke_feeds(user=request.user)
        messages.success(request, "Đã thu hồi đường dẫn đồng bộ lịch.")
    else:
        request.session["calendar_key"] = ical.new_feed(user=request.user)
        messages.success(request, "Đã tạo đường dẫn mới; đường dẫn cũ (nếu có) hết hiệu lực.")
    return redirect("schedule:mine")


def feed(request: HttpRequest, key: str) -> HttpResponse:
    """The iCalendar feed: no login (calendar programs cannot log in); the key is the
    secret, and an unknown or revoked key is simply not found."""
    user = ical.user_for_key(key)
    if user is None:
        raise Http404("Không tìm thấy lịch")
    response = HttpResponse(ical.feed_for(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
