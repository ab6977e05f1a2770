from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from vanphong import clock
from vanphong.followup.figures import figures as task_figures
from vanphong.followup.queues import task_queues
from vanphong.home.heartbeat import worker_alert
from vanphong.home.queues import dashboard_figures, queues_for
from vanphong.http import AuthedRequest
from vanphong.organizations.acting import choose
from vanphong.outgoing.queues import outgoing_queues
from vanphong.schedule.ical import agenda_for


@login_required
@require_GET
def my_work(request: AuthedRequest) -> HttpResponse:
    # All of a person's work, whichever organization they act for: nothing may slip.
    queues = queues_for(request.user, organization=None)
    context = {
        "queues": queues,
        "outgoing": outgoing_queues(request.user),
        "tasks": task_queues(request.user),
        "agenda": agenda_for(request.user, clock.today()),
        "today": clock.today(),
        "worker_alert": worker_alert(request.user),
    }
    return render(request, "home/my_work.html", context)


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
