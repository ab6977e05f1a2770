"""Records pages: file plans (list, a new one, the plan with its headings and dossiers,
approving, copying to next year, the PDF), dossiers (contents in order, filing documents,
taking one out, closing, reopening, the list of documents as PDF), and filing from a
document's page. Each view parses input, asks `records.access`, calls one action."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from vanphong import clock
from vanphong.errors import DomainError, NotAllowed, NotFound
from vanphong.http import AuthedRequest
from vanphong.incoming.access import visible_incoming
from vanphong.organizations.models import Organization, Position, User
from vanphong.organizations.standing import standing_of
from vanphong.outgoing.access import visible_outgoing
from vanphong.outgoing.models import Status as OutgoingStatus
from vanphong.records import actions, forms, printouts, transfer
from vanphong.records.access import (
    DossierAction,
    PlanAction,
    allowed_dossier_actions,
    allowed_plan_actions,
    get_dossier_for,
    get_plan_for,
    may_approve_delay,
    may_correct,
    may_hold,
    may_keep_plans,
    visible_history,
    visible_plans,
)
from vanphong.records.archive_views import loan_context
from vanphong.records.models import Dossier, DossierItem, DossierState, FilePlan
from vanphong.records.panel import registration_suggestions
from vanphong.records.steps import dossier_or_404, outcome

CANDIDATES = 30


def _plan(request: AuthedRequest, plan_id: Any) -> FilePlan:
    try:
        return get_plan_for(request.user, plan_id)
    except NotFound:
        raise Http404("Không tìm thấy danh mục hồ sơ") from None


def _keepers(plan: FilePlan) -> list[User]:
    posts = Position.objects.active(on=clock.today()).filter(
        office_id=plan.office_id, person__is_active=True).filter(
        Q(organization=plan.organization) | Q(organization__isnull=True)).select_related(
        "person").order_by("person__full_name")
    return list({p.person_id: p.person for p in posts}.values())


def _orgs(request: AuthedRequest) -> list[Organization]:
    offices = standing_of(request.user).member_offices
    return [o for o in Organization.objects.active().filter(office_id__in=offices)
            if may_keep_plans(request.user, o)]


@login_required
def plan_list(request: AuthedRequest) -> HttpResponse:
    plans = visible_plans(request.user).select_related("organization")
    organizations = _orgs(request)
    form = forms.PlanForm(request.POST or None, organizations=organizations,
                          initial={"year": clock.today().year})
    if request.method == "POST":
        if not organizations:
            raise Http404("Bạn không lập danh mục hồ sơ.")
        if form.is_valid():
            try:
                plan = actions.create_plan(
                    actor=request.user, organization=form.organizations[
                        form.cleaned_data["organization"]],
                    year=form.cleaned_data["year"], numbering=form.cleaned_data["numbering"])
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, "Đã lập danh mục hồ sơ (dự thảo).")
                return redirect("records:plan", plan.pk)
    return render(request, "records/plan_list.html", {
        "plans": plans, "form": form if organizations else None,
    }, status=422 if request.method == "POST" else 200)


def _plan_page(request: AuthedRequest, plan: FilePlan, status: int = 200,
               **given: Any) -> HttpResponse:
    allowed = allowed_plan_actions(request.user, plan)
    rows, bold = printouts.plan_rows(plan)
    dossiers = {d.code: d for d in plan.dossiers.all()}
    total, permanent, limited = printouts.plan_totals(plan)
    return render(request, "records/plan_detail.html", {
        "plan": plan, "allowed": {a.value for a in allowed},
        "rows": [(r, i in bold, dossiers.get(r[0])) for i, r in enumerate(rows[1:], start=1)],
        "totals": (total, permanent, limited),
        "heading_form": given.get("heading_form") or forms.HeadingForm(plan=plan),
        "dossier_form": given.get("dossier_form") or forms.DossierForm(
            plan=plan, keepers=_keepers(plan), initial={"keeper": request.user.pk}),
        "next_year": plan.year + 1,
        "has_next": FilePlan.objects.filter(organization=plan.organization,
                                            year=plan.year + 1).exists(),
    }, status=status)


@login_required
def plan_detail(request: AuthedRequest, plan_id: int) -> HttpResponse:
    return _plan_page(request, _plan(request, plan_id))


def _plan_post(request: AuthedRequest, plan_id: int, action: PlanAction
               ) -> tuple[FilePlan, HttpResponse | None]:
    plan = _plan(request, plan_id)
    if action not in allowed_plan_actions(request.user, plan):
        messages.error(request, "Bạn không có quyền thực hiện thao tác này với danh mục.")
        return plan, _plan_page(request, plan, 403)
    return plan, None


@login_required
@require_POST
def heading_add(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan, refused = _plan_post(request, plan_id, PlanAction.EDIT)
    if refused:
        return refused
    form = forms.HeadingForm(request.POST, plan=plan)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_heading(actor=request.user, plan=plan, title=data["title"],
                                abbreviation=data["abbreviation"],
                                parent=form.big.get(data["parent"]) if data["parent"] else None)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã thêm đề mục.")
            return redirect("records:plan", plan.pk)
    return _plan_page(request, plan, 422, heading_form=form)


@login_required
@require_POST
def dossier_add(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan, refused = _plan_post(request, plan_id, PlanAction.EDIT)
    if refused:
        return refused
    form = forms.DossierForm(request.POST, plan=plan, keepers=_keepers(plan))
    if form.is_valid():
        try:
            dossier = actions.add_dossier(actor=request.user, plan=plan,
                                          fields=form.to_fields())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Đã thêm hồ sơ {dossier.code}.")
            return redirect("records:plan", plan.pk)
    return _plan_page(request, plan, 422, dossier_form=form)


@login_required
@require_POST
def plan_approve(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan, refused = _plan_post(request, plan_id, PlanAction.APPROVE)
    if refused:
        return refused
    try:
        actions.approve_plan(actor=request.user, plan=plan)
    except DomainError as error:
        messages.error(request, error.message)
        return _plan_page(request, plan, 422)
    messages.success(request, "Đã duyệt danh mục hồ sơ.")
    return redirect("records:plan", plan.pk)


@login_required
@require_POST
def plan_copy(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan, refused = _plan_post(request, plan_id, PlanAction.EDIT)
    if refused:
        return refused
    try:
        new = actions.copy_plan(actor=request.user, plan=plan, year=plan.year + 1)
    except DomainError as error:
        messages.error(request, error.message)
        return _plan_page(request, plan, 422)
    messages.success(request, f"Đã lập danh mục hồ sơ năm {new.year} từ danh mục năm {plan.year}"
                              " (dự thảo): sửa, bổ sung rồi trình duyệt.")
    return redirect("records:plan", new.pk)


@login_required
def plan_pdf(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    response = HttpResponse(printouts.plan_pdf(plan, author=str(request.user)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="danh-muc-ho-so-{plan.year}.pdf"'
    return response


# --- Dossiers -----------------------------------------------------------------------------


def _candidates(request: AuthedRequest, dossier: Dossier, q: str) -> list[Any]:
    """Documents of the dossier's organization the user may open, by number or subject."""
    organization = dossier.plan.organization_id
    incoming = visible_incoming(request.user).filter(organization_id=organization)
    outgoing = visible_outgoing(request.user).filter(organization_id=organization,
                                                     status=OutgoingStatus.ISSUED)
    if q:
        incoming = incoming.filter(Q(code__icontains=q) | Q(subject__icontains=q))
        outgoing = outgoing.filter(Q(code__icontains=q) | Q(subject__icontains=q))
    else:
        year = dossier.plan.year
        incoming = incoming.filter(arrival_at__year=year)
        outgoing = outgoing.filter(issued_at__year=year)
    filed_in = set(dossier.items.values_list("incoming_id", flat=True))
    filed_out = set(dossier.items.values_list("outgoing_id", flat=True))
    found: list[Any] = [("i", d) for d in incoming.order_by("-arrival_at")[:CANDIDATES]
                        if d.pk not in filed_in]
    found += [("o", d) for d in outgoing.order_by("-issued_at")[:CANDIDATES]
              if d.pk not in filed_out]
    return found


def _dossier_page(request: AuthedRequest, dossier: Dossier, status: int = 200) -> HttpResponse:
    allowed = allowed_dossier_actions(request.user, dossier)
    items = actions.contents_for(request.user, dossier)
    q = request.GET.get("q", "").strip()[:100]
    opens = {("i", pk) for pk in visible_incoming(request.user).filter(
        pk__in=[i.incoming_id for i in items if i.incoming_id]).values_list("pk", flat=True)}
    opens |= {("o", pk) for pk in visible_outgoing(request.user).filter(
        pk__in=[i.outgoing_id for i in items if i.outgoing_id]).values_list("pk", flat=True)}
    # The archivist sees documents of the archive he may not open: listed, not linked.
    openable = {item.pk for item in items
                if ("i", item.incoming_id) in opens or ("o", item.outgoing_id) in opens}
    return render(request, "records/dossier_detail.html", {
        "dossier": dossier, "allowed": {a.value for a in allowed}, "items": items, "q": q,
        "openable": openable,
        "record": actions.closing_record(dossier, items),
        "candidates": _candidates(request, dossier, q) if DossierAction.FILE in allowed else [],
        "events": visible_history(request.user, dossier).select_related("actor"),
        "close_form": forms.CloseForm(), "reason_form": forms.ReasonForm(),
        "review": actions.closing_review(dossier, items)
        if DossierAction.CLOSE in allowed else [],
        "due": transfer.due_date(dossier) if transfer.must_transfer(dossier) else None,
        "may_delay": dossier.state == DossierState.CLOSED
        and may_approve_delay(request.user, dossier),
        "may_correct": may_correct(request.user, dossier),
        **loan_context(request, dossier),
        "may_hold": dossier.state in (DossierState.CLOSED, DossierState.TRANSFERRED)
        and may_hold(request.user, dossier),
    }, status=status)


@login_required
def dossier_detail(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    return _dossier_page(request, dossier_or_404(request, dossier_id))


def _documents(request: AuthedRequest, keys: list[str]) -> list[Any]:
    """The documents named "i<uuid>" / "o<uuid>" that the user may open (others dropped)."""
    wanted: dict[str, list[uuid.UUID]] = {"i": [], "o": []}
    for key in keys:
        try:
            wanted[key[:1]].append(uuid.UUID(key[1:]))
        except (KeyError, ValueError):
            continue
    found: list[Any] = list(visible_incoming(request.user).filter(pk__in=wanted["i"]))
    found += list(visible_outgoing(request.user).filter(pk__in=wanted["o"]))
    return found


def _dossier_action(action: DossierAction) -> Callable[..., Any]:
    """A POST of one dossier action: the gatekeeper first (a refusal names the dossier's
    state), then the action through `steps.outcome`, re-rendering the dossier page."""

    def decorate(do: Callable[[AuthedRequest, Dossier], str]) -> Callable[..., Any]:
        @login_required
        @require_POST
        @functools.wraps(do)
        def view(request: AuthedRequest, dossier_id: Any, **kwargs: Any) -> HttpResponse:
            dossier = dossier_or_404(request, dossier_id)
            refused = ("Bạn không thể thực hiện thao tác này với hồ sơ ở trạng thái "
                       f"“{dossier.get_state_display()}”.")
            if action not in allowed_dossier_actions(request.user, dossier):
                messages.error(request, refused)
                return _dossier_page(request, dossier, 403)
            return outcome(request, lambda: do(request, dossier, **kwargs),
                           then=reverse("records:dossier", args=[dossier.pk]),
                           page=lambda status: _dossier_page(request, dossier, status))

        return view

    return decorate


def _reason(request: AuthedRequest) -> str:
    form = forms.ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


@_dossier_action(DossierAction.FILE)
def dossier_file(request: AuthedRequest, dossier: Dossier) -> str:
    documents = _documents(request, request.POST.getlist("documents"))
    added = actions.file_documents(actor=request.user, dossier=dossier, documents=documents)
    return f"Đã đưa {added} văn bản vào hồ sơ."


@_dossier_action(DossierAction.FILE)
def dossier_unfile(request: AuthedRequest, dossier: Dossier, item_id: int) -> str:
    item = DossierItem.objects.filter(pk=item_id, dossier=dossier).first()
    if item is None:
        raise Http404("Không có văn bản này trong hồ sơ")
    actions.unfile_document(actor=request.user, dossier=dossier, item=item,
                            reason=_reason(request))
    return "Đã rút văn bản khỏi hồ sơ."


@_dossier_action(DossierAction.CLOSE)
def dossier_close(request: AuthedRequest, dossier: Dossier) -> str:
    form = forms.CloseForm(request.POST)
    valid = form.is_valid()
    actions.close_dossier(actor=request.user, dossier=dossier,
                          note=form.cleaned_data["note"] if valid else "",
                          confirm=bool(valid and form.cleaned_data["confirm"]))
    return "Đã kết thúc hồ sơ; mục lục văn bản đã được lập."


@_dossier_action(DossierAction.REOPEN)
def dossier_reopen(request: AuthedRequest, dossier: Dossier) -> str:
    actions.reopen_dossier(actor=request.user, dossier=dossier, reason=_reason(request))
    return "Đã mở lại hồ sơ."


@login_required
def contents_pdf(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    dossier = dossier_or_404(request, dossier_id)
    response = HttpResponse(printouts.contents_pdf(dossier, reader=request.user),
                            content_type="application/pdf")
    response["Content-Disposition"] = (f'attachment; filename="muc-luc-ho-so-'
                                       f'{dossier.code.replace("/", "-")}.pdf"')
    return response


@login_required
@require_POST
def file_from_document(request: AuthedRequest) -> HttpResponse:
    """"Đưa vào hồ sơ" from a document's page."""
    documents = _documents(request, [request.POST.get("document", "")])
    if not documents:
        raise Http404("Không tìm thấy văn bản")
    document = documents[0]
    back = ("incoming:detail" if request.POST.get("document", "").startswith("i")
            else "outgoing:detail")
    try:
        dossier = get_dossier_for(request.user, request.POST.get("dossier"), DossierAction.FILE)
        added = actions.file_documents(actor=request.user, dossier=dossier,
                                       documents=[document])
    except NotFound:
        messages.error(request, "Chọn một hồ sơ đang lập.")
    except (DomainError, NotAllowed) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã đưa văn bản vào hồ sơ {dossier.code}." if added else
                         f"Văn bản đã có trong hồ sơ {dossier.code}.")
    return redirect(back, document.pk)


@login_required
def suggest_at_registration(request: AuthedRequest) -> HttpResponse:
    """htmx: dossiers of the file plan suggested for the subject being typed, as boxes to
    tick in the registration or issuing form."""
    ids = [int(v) for v in request.GET.getlist("organizations") + request.GET.getlist(
        "organization") if v.isdigit()]
    found = registration_suggestions(request.user, request.GET.get("subject", "")[:500], ids)
    chosen = set(request.GET.getlist("dossiers"))
    return render(request, "records/_suggest.html",
                  {"suggested": [d for d in found if str(d.pk) not in chosen]})
