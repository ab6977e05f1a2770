"""Việc của tôi (every queue of one person, each cut with a link to all of it), the
dashboard, and the "làm việc cho" switch."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from vanphong import clock
from vanphong.followup.figures import figures as task_figures
from vanphong.followup.queues import task_queues
from vanphong.home.figures import dashboard_figures
from vanphong.home.heartbeat import worker_alert
from vanphong.http import AuthedRequest
from vanphong.incoming.queues import incoming_queue, incoming_queues
from vanphong.organizations.acting import choose
from vanphong.outgoing.queues import outgoing_queues
from vanphong.records.access import TransferAction, can_transfer, visible_transfers
from vanphong.records.models import Transfer
from vanphong.schedule.ical import agenda_for

PAGE_SIZE = 30


def transfers_to_receive(user: Any) -> list[Transfer]:
    """Hand-overs of dossiers waiting for this person to receive them (the archivist):
    the records app's own visibility and gatekeeper decide, row by row (a few a year)."""
    transfers = visible_transfers(user).select_related("organization").order_by(
        "submitted_at", "pk"
    )
    return [t for t in transfers if can_transfer(user, TransferAction.RECEIVE, t)]


@login_required
@require_GET
def my_work(request: AuthedRequest) -> HttpResponse:
    # All of a person's work, whichever organization they act for: nothing may slip.
    context = {
        "queues": incoming_queues(request.user),
        "outgoing": outgoing_queues(request.user),
        "tasks": task_queues(request.user),
        "transfers": transfers_to_receive(request.user),
        "agenda": agenda_for(request.user, clock.today()),
        "today": clock.today(),
        "worker_alert": worker_alert(request.user),
    }
    return render(request, "home/my_work.html", context)


def _whole_queue(request: AuthedRequest, kind: str, key: str) -> tuple[str, Any]:
    """(title, queryset) of one queue of "Việc của tôi", uncut; 404 when it is not one
    of this person's queues."""
    if kind == "den":
        queue = incoming_queue(request.user, key)
        if queue is not None:
            return queue.title, queue.documents
    elif kind == "di":
        found = next((q for q in outgoing_queues(request.user) if q.key == key), None)
        if found is not None:
            return found.title, found.query
    elif kind == "nhiem-vu":
        tasks = next((q for q in task_queues(request.user) if q.key == key), None)
        if tasks is not None:
            return tasks.title, tasks.query
    raise Http404("Không có danh sách này")


@login_required
@require_GET
def queue(request: AuthedRequest, kind: str, key: str) -> HttpResponse:
    """One queue of "Việc của tôi" in full, page by page ("Xem tất cả")."""
    title, rows = _whole_queue(request, kind, key)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "home/queue.html", {
        "kind": kind, "key": key, "title": title, "page": page, "today": clock.today(),
    })


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    figures, total = dashboard_figures(request.user)
    return render(request, "home/dashboard.html", {
        "figures": figures, "total": total, "today": clock.today(),
        "tasks": task_figures(request.user),
        "worker_alert": worker_alert(request.user),
    })


@login_required
@require_POST
def act_for(request: AuthedRequest) -> HttpResponse:
    raw = request.POST.get("organization", "")
    organization_id = int(raw) if raw.isdigit() else None
    if not choose(request, organization_id):
        messages.error(request, "Bạn không thể làm việc cho cơ quan này.")
    target = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "home:my_work"
    return redirect(target)
