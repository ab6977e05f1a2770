"""Intake pages: the queue with bulk upload and progress, and the confirmation page where
the clerk checks the proposal against the highlighted page and registers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_POST

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import DomainError, NotFound
from vanphong.files.actions import FileRejected, open_stored
from vanphong.http import AuthedRequest
from vanphong.incoming.models import Channel
from vanphong.intake import decisions, pipeline
from vanphong.intake.access import (
    Action,
    allowed_actions,
    get_item_for,
    sees_intake,
    visible_items,
)
from vanphong.intake.forms import ConfirmForm, DiscardForm, UploadForm
from vanphong.intake.models import OPEN_STATES, Batch, IntakeItem, ItemState, MailMessage, Source
from vanphong.intake.proposal import COLOURS, FORM_FIELDS, confidence, form_initial, spans
from vanphong.intake.receiving import receive_upload, start_batch
from vanphong.intake.text import boxes_from_json
from vanphong.organizations.acting import current_office
from vanphong.organizations.models import Office, Organization
from vanphong.registers.models import DocumentType

RECENT = 50
#: Unreadable e-mail messages stay on the queue page this long.
UNREADABLE_MAIL_DAYS = 14


def _item_or_404(request: AuthedRequest, item_id: Any, action: Action = Action.VIEW):
    try:
        return get_item_for(request.user, item_id, action)
    except NotFound:
        raise Http404("Không tìm thấy văn bản tiếp nhận") from None


def _receiving_office(request: AuthedRequest) -> Office:
    from vanphong.intake.access import receiving_offices

    office = current_office(request, among=receiving_offices(request.user))
    if office is None:
        raise PermissionDenied("Chỉ văn thư được tiếp nhận văn bản.")
    return office


# --- The queue -----------------------------------------------------------------------------


def _queue_context(request: AuthedRequest, batch: Batch | None = None) -> dict[str, Any]:
    items = visible_items(request.user).select_related("original")
    if batch is not None:
        items = items.filter(batch=batch)
    state = request.GET.get("trang-thai", "")
    if state in ItemState.values:
        listed = items.filter(state=state)
    elif batch is not None:
        listed = items
    else:
        listed = items.filter(state__in=OPEN_STATES)
    listed = listed.order_by("received_at", "id")[: RECENT * 4]
    counts = dict(items.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    busy = counts.get(ItemState.QUEUED, 0) + counts.get(ItemState.WORKING, 0)
    total = sum(counts.values())
    done = total - busy
    return {
        "items": listed,
        "counts": counts,
        "states": ItemState.choices,
        "state": state,
        "busy": busy,
        "total": total,
        "done": done,
        "percent": round(100 * done / total) if total else 100,
        "batch": batch,
        "step_labels": pipeline.STEP_LABELS,
        "may_receive": bool(request.user and _may_receive(request)),
    }


def _unreadable_mail(request: AuthedRequest) -> list[MailMessage]:
    """Messages of the office's mailboxes that could not be read lately: the clerks must
    know a document may be waiting in them."""
    since = clock.now() - dt.timedelta(days=UNREADABLE_MAIL_DAYS)
    return list(
        MailMessage.objects.filter(
            mailbox__office_id__in=_staff_offices(request), read_at__gte=since
        ).unreadable()
    )


def _may_receive(request: AuthedRequest) -> bool:
    from vanphong.intake.access import receiving_offices

    return bool(receiving_offices(request.user))


@login_required
@require_GET
def queue(request: AuthedRequest) -> HttpResponse:
    if not sees_intake(request.user):
        raise PermissionDenied("Chỉ văn thư và lãnh đạo văn phòng xem được hàng chờ tiếp nhận.")
    context = _queue_context(request)
    context["form"] = UploadForm()
    context["unreadable_mail"] = _unreadable_mail(request)
    template = "intake/queue.html#items" if request.htmx else "intake/queue.html"
    return render(request, template, context)


@login_required
@require_POST
def upload(request: AuthedRequest) -> HttpResponse:
    """Bulk upload: every accepted file is queued; refused ones are named with the reason
    and nothing else is lost."""
    office = _receiving_office(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _queue_context(request)
        context["form"] = form
        return render(request, "intake/queue.html", context)
    uploads = form.cleaned_data["files"]
    batch = start_batch(
        office=office,
        source=Source.UPLOAD,
        label=f"Tải lên {len(uploads)} tệp",
        actor=request.user,
    )
    refused, accepted = [], 0
    for upload_ in uploads:
        try:
            reception = receive_upload(
                office=office,
                stream=upload_,
                name=upload_.name or "tep",
                size=upload_.size,
                source=Source.UPLOAD,
                actor=request.user,
                batch=batch,
            )
        except FileRejected as error:
            refused.append(error.message)
            continue
        accepted += len(reception.items)
        refused += reception.refused
    if accepted:
        messages.success(request, f"Đã nhận {accepted} tệp; hệ thống đang đọc nội dung.")
    for message in refused:
        messages.error(request, message)
    return redirect("intake:batch", batch_id=batch.pk)


@login_required
@require_GET
def batch_view(request: AuthedRequest, batch_id: str) -> HttpResponse:
    batch = (
        Batch.objects.filter(pk=batch_id, office_id__in=_staff_offices(request)).first()
        if _is_uuid(batch_id)
        else None
    )
    if batch is None:
        raise Http404("Không tìm thấy lô tiếp nhận")
    context = _queue_context(request, batch)
    template = "intake/batch.html#items" if request.htmx else "intake/batch.html"
    return render(request, template, context)


def _staff_offices(request: AuthedRequest) -> frozenset[int]:
    from vanphong.organizations.standing import standing_of

    return standing_of(request.user).staff_offices


def _is_uuid(value: Any) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# --- Confirmation --------------------------------------------------------------------------


def _highlights(item: IntakeItem) -> list[dict[str, Any]]:
    """Rectangles over the preview for every proposed field, coloured per field."""
    boxes = []
    for name in FORM_FIELDS:
        for span in spans(item.proposal, name):
            for box in boxes_from_json(item.layout, span):
                if box["page"] == 0:
                    boxes.append({**box, "field": name, "colour": COLOURS[name]})
    return boxes


def _marked_text(item: IntakeItem) -> SafeString:
    """The first pages' text with the proposed fields marked (for files without a page
    image, and as a readable companion of the image)."""
    end = item.layout.get("first_text_end") or len(item.text)
    source = item.text[:end]
    marks: list[tuple[int, int, str]] = []
    for name in FORM_FIELDS:
        for start, stop in spans(item.proposal, name):
            if 0 <= start < stop <= len(source):
                marks.append((start, stop, name))
    marks.sort()
    parts: list[str] = []
    position = 0
    for start, stop, name in marks:
        if start < position:
            continue
        parts.append(escape(source[position:start]))
        parts.append(
            f'<mark class="hl hl-{COLOURS[name]}" data-field="{name}">'
            f"{escape(source[start:stop])}</mark>"
        )
        position = stop
    parts.append(escape(source[position:]))
    return mark_safe("".join(parts))  # every piece escaped above


def _initial(request: AuthedRequest, item: IntakeItem) -> dict[str, Any]:
    initial = form_initial(item.proposal) if item.proposal else {}
    initial = {k: v for k, v in initial.items() if v not in (None, "")}
    initial["arrival_at"] = item.received_at.astimezone().replace(second=0, microsecond=0)
    initial["channel"] = {Source.EMAIL: Channel.EMAIL, Source.API: Channel.API}.get(
        Source(item.source), Channel.UPLOAD
    )
    initial["has_paper_original"] = False
    if item.sender:
        initial["note"] = f"Thư của {item.sender}"[:500]
    suggested = [o["id"] for o in (item.suggestion or {}).get("organizations", [])[:1]]
    if suggested:
        initial["organizations"] = suggested
    initial["route_now"] = bool(suggested)
    if item.page_count:
        initial["pages"] = item.page_count
    return initial


def _confirm_context(request: AuthedRequest, item: IntakeItem, form: ConfirmForm) -> dict:
    confidences = {
        name: confidence(item.proposal, name) if item.proposal else None for name in FORM_FIELDS
    }
    organizations = {o.pk: o for o in Organization.objects.filter(office_id=item.office_id)}
    suggestion = item.suggestion or {}
    suggested_orgs = [
        organizations[o["id"]]
        for o in suggestion.get("organizations", [])
        if o["id"] in organizations
    ]
    next_item = (
        visible_items(request.user)
        .filter(state=ItemState.READY, received_at__gte=item.received_at)
        .exclude(pk=item.pk)
        .order_by("received_at", "id")
        .first()
    )
    return {
        "item": item,
        "form": form,
        "allowed": {a.value for a in allowed_actions(request.user, item)},
        "highlights": _highlights(item),
        "marked_text": _marked_text(item) if item.text else "",
        "confidences": confidences,
        "colours": COLOURS,
        "suggestion": suggestion,
        "suggested_orgs": suggested_orgs,
        "next_item": next_item,
        "step_labels": pipeline.STEP_LABELS,
        "discard_form": DiscardForm(),
        "proposal_fields": FORM_FIELDS,
    }


def _confirm_form(request: AuthedRequest, item: IntakeItem, **kwargs: Any) -> ConfirmForm:
    form = ConfirmForm(user=request.user, **kwargs)
    presenting = decisions.suggested_presentation(item)
    if presenting is not None:
        # The button says whom it presents to: the leader the suggestion names.
        organization, leader = presenting
        form.fields["route_now"].label = (
            f"Trình {leader.full_name} ({organization.short_name}) ngay sau khi vào sổ; "
            "cơ quan nhận khác: trình người đứng đầu"
        )
    return form


@login_required
def confirm(request: AuthedRequest, item_id: str) -> HttpResponse:
    item = _item_or_404(request, item_id)
    if request.method != "POST":
        if request.htmx and item.state not in (ItemState.QUEUED, ItemState.WORKING):
            return HttpResponse(headers={"HX-Refresh": "true"})
        form = _confirm_form(request, item, initial=_initial(request, item))
        template = "intake/confirm.html#status" if request.htmx else "intake/confirm.html"
        return render(request, template, _confirm_context(request, item, form))
    if Action.REGISTER not in allowed_actions(request.user, item):
        messages.error(request, "Văn bản này chưa sẵn sàng hoặc đã được xử lý.")
        return redirect("intake:confirm", item_id=item.pk)
    form = _confirm_form(request, item, data=request.POST)
    if not form.is_valid():
        return render(request, "intake/confirm.html", _confirm_context(request, item, form))
    data = form.cleaned_data
    if item.duplicates and not data["confirm_duplicate"]:
        form.add_error(
            "confirm_duplicate",
            "Văn bản có thể đã vào sổ; kiểm tra rồi đánh dấu ô này để vẫn vào sổ.",
        )
        return render(request, "intake/confirm.html", _confirm_context(request, item, form))
    try:
        documents = decisions.register_item(
            actor=request.user,
            item=item,
            organizations=list(data["organizations"]),
            fields=form.incoming_fields(secrecy=data["secrecy"]),
            arrival_at=data["arrival_at"],
            has_paper_original=data["has_paper_original"],
        )
        if data["route_now"]:
            decisions.present_registered(actor=request.user, item=item, documents=documents)
    except DomainError as error:
        form.add_error(None, error.message)
        for name, message in error.fields.items():
            if name in form.fields:
                form.add_error(name, message)
        item.refresh_from_db()
        return render(request, "intake/confirm.html", _confirm_context(request, item, form))
    numbers = ", ".join(f"{d.organization.short_name} số đến {d.arrival_number}" for d in documents)
    messages.success(request, f"Đã vào sổ: {numbers}.")
    if "register_next" in request.POST:
        following = (
            visible_items(request.user)
            .filter(state=ItemState.READY)
            .order_by("received_at", "id")
            .first()
        )
        if following is not None:
            return redirect("intake:confirm", item_id=following.pk)
        return redirect("intake:queue")
    return redirect("incoming:detail", document_id=documents[0].pk)


@login_required
@require_POST
def discard(request: AuthedRequest, item_id: str) -> HttpResponse:
    item = _item_or_404(request, item_id)
    form = DiscardForm(request.POST)
    reason = form.data.get("reason", "")
    try:
        decisions.discard_item(actor=request.user, item=item, reason=reason)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("intake:confirm", item_id=item.pk)
    messages.success(request, f"Đã bỏ “{item.filename}”.")
    return redirect("intake:queue")


@login_required
@require_POST
def retry(request: AuthedRequest, item_id: str) -> HttpResponse:
    item = _item_or_404(request, item_id)
    if Action.RETRY not in allowed_actions(request.user, item):
        messages.error(request, "Chỉ thử lại được văn bản đang báo lỗi.")
        return redirect("intake:confirm", item_id=item.pk)
    try:
        pipeline.retry(actor=request.user, item=item)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Đã đưa văn bản vào hàng chờ đọc lại.")
    return redirect("intake:confirm", item_id=item.pk)


# --- Suggestion while typing on the registration form ------------------------------------


@login_required
@require_GET
def suggestion(request: AuthedRequest) -> HttpResponse:
    """htmx: the routing suggestion for what the clerk has typed so far."""
    from vanphong.intake import routing
    from vanphong.intake.access import receiving_offices

    offices = receiving_offices(request.user)
    if not offices:
        raise PermissionDenied("Chỉ văn thư xem được gợi ý xử lý.")
    fields = {
        name: request.GET.get(name, "")[:500]
        for name in ("issuer", "code", "subject", "recipients", "signer_position")
    }
    type_id = request.GET.get("document_type", "")
    document_type = (
        DocumentType.objects.filter(pk=int(type_id)).first() if type_id.isdigit() else None
    )
    fields["type_name"] = document_type.name if document_type else ""
    office = _receiving_office(request)
    found = routing.suggest(office, fields, "") if fields["issuer"] or fields["subject"] else {}
    organizations = {o.pk: o for o in Organization.objects.filter(office=office)}
    suggested = [
        organizations[o["id"]]
        for o in (found or {}).get("organizations", [])
        if o["id"] in organizations
    ]
    return render(
        request, "intake/_suggestion.html", {"suggestion": found or {}, "suggested_orgs": suggested}
    )


# --- Accuracy in real use ------------------------------------------------------------------


@login_required
@require_GET
def accuracy(request: AuthedRequest) -> HttpResponse:
    """How often the clerks kept each proposed field as it was, by text source: the
    accuracy of intake measured on the office's own documents."""
    from vanphong.intake.models import Correction
    from vanphong.intake.proposal import FORM_FIELDS
    from vanphong.organizations.standing import standing_of

    offices = standing_of(request.user).staff_offices
    if not offices:
        raise PermissionDenied("Chỉ văn thư và lãnh đạo văn phòng xem được thống kê này.")
    rows = (
        Correction.objects.filter(item__office_id__in=offices)
        .values("field", "text_source")
        .annotate(total=Count("id"), changed=Count("id", filter=Q(changed=True)))
    )
    sources = {"pdf": "PDF điện tử", "docx": "Word", "doc": "Word 97–2003", "rtf": "RTF",
               "odt": "ODT", "xlsx": "Excel", "xls": "Excel 97–2003", "ods": "ODS",
               "ocr": "Bản quét (OCR)"}
    table: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in FORM_FIELDS}
    totals: dict[str, int] = {}
    for row in rows:
        if row["field"] not in table:
            continue
        kept = row["total"] - row["changed"]
        table[row["field"]][row["text_source"] or "pdf"] = {
            "total": row["total"],
            "kept": kept,
            "percent": round(100 * kept / row["total"], 1) if row["total"] else None,
        }
        totals[row["text_source"] or "pdf"] = max(
            totals.get(row["text_source"] or "pdf", 0), row["total"]
        )
    labels = {name: ConfirmForm.base_fields[name].label for name in FORM_FIELDS}
    # The other office kinds get a column once one of their documents was registered.
    sources = {key: label for key, label in sources.items()
               if key in totals or key in ("pdf", "docx", "ocr")}
    return render(
        request,
        "intake/accuracy.html",
        {"table": table, "labels": labels, "sources": sources, "totals": totals},
    )


# --- Files ---------------------------------------------------------------------------------


def _serve(request: AuthedRequest, item: IntakeItem, which: str) -> FileResponse:
    stored = {"original": item.original, "searchable": item.searchable, "preview": item.preview}[
        which
    ]
    if stored is None:
        raise Http404("Không có tệp")
    if which != "preview":
        record_audit(
            actor=request.user,
            action="intake.download",
            target=item,
            summary=f"Tải {stored.original_name}",
        )
    return FileResponse(
        open_stored(stored),
        content_type=stored.content_type,
        as_attachment=which != "preview" and "tai" in request.GET,
        filename=stored.original_name,
    )


@login_required
@require_GET
def preview(request: AuthedRequest, item_id: str) -> FileResponse:
    return _serve(request, _item_or_404(request, item_id), "preview")


@login_required
@require_GET
def original(request: AuthedRequest, item_id: str) -> FileResponse:
    return _serve(request, _item_or_404(request, item_id), "original")


@login_required
@require_GET
def searchable(request: AuthedRequest, item_id: str) -> FileResponse:
    return _serve(request, _item_or_404(request, item_id), "searchable")
