"""Incoming pages: list, fast registration, the document page and its actions.

Each view parses input, calls the gatekeeper and one action, and renders. Errors of the
domain (`DomainError`) become Vietnamese messages on the same page; nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import DomainError, NotFound
from vanphong.files.actions import (
    FileRejected,
    cleanup_on_failure,
    files_in,
    open_stored,
    store_file,
)
from vanphong.files.models import StoredFile
from vanphong.followup.access import visible_tasks
from vanphong.http import AuthedRequest
from vanphong.incoming import actions, forms
from vanphong.incoming.access import (
    Action,
    allowed_actions,
    get_incoming_for,
    informed_only,
    may_register_incoming,
    visible_incoming,
)
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.printouts import processing_slip_pdf
from vanphong.incoming.queries import incoming_list
from vanphong.organizations.models import Office
from vanphong.organizations.standing import standing_of
from vanphong.outgoing.access import may_draft, visible_outgoing
from vanphong.records.actions import file_registered
from vanphong.records.panel import filing_panel
from vanphong.registers.access import visible_registers
from vanphong.registers.models import INCOMING_KINDS
from vanphong.widgets import parse_date

PAGE_SIZE = 30


def _document_or_404(request: AuthedRequest, document_id: Any, action: Action = Action.VIEW):
    try:
        return get_incoming_for(request.user, document_id, action)
    except NotFound:
        raise Http404("Không tìm thấy văn bản") from None


# --- List ------------------------------------------------------------------------------


def _filter_form(request: AuthedRequest) -> forms.ListFilterForm:
    params = request.GET.copy()
    if "organization" not in params and request.acting.organization:
        params["organization"] = str(request.acting.organization.pk)
    registers = visible_registers(request.user).filter(kind__in=INCOMING_KINDS)
    return forms.ListFilterForm(params, organizations=request.acting.choices,
                                registers=list(registers))


@login_required
@require_GET
def document_list(request: AuthedRequest) -> HttpResponse:
    form = _filter_form(request)
    documents = (incoming_list(request.user, form.list_params()) if form.is_valid()
                 else IncomingDocument.objects.none())
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "today": clock.today(),
        "query": _query_without_page(request),
        "may_register": may_register_incoming(request.user),
    }
    template = "incoming/list.html#results" if request.htmx else "incoming/list.html"
    return render(request, template, context)


def _query_without_page(request: AuthedRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- Registration --------------------------------------------------------------------


def _known_issuers(office_ids: frozenset[int]) -> list[str]:
    rows = (
        IncomingDocument.objects.filter(office_id__in=office_ids)
        .order_by("-arrival_at")
        .values_list("issuer", flat=True)[:500]
    )
    return list(dict.fromkeys(rows))[:100]


def _store_uploads(request: AuthedRequest, uploads: list[UploadedFile]) -> list[StoredFile]:
    """Store the new uploads together, an archive as the files in it: if any is refused,
    none is kept."""
    stored: list[StoredFile] = []
    with cleanup_on_failure(), transaction.atomic():
        for upload in uploads:
            with files_in(stream=upload, name=upload.name or "tep",  # type: ignore[arg-type]
                          size=upload.size) as received:
                if received.refused:
                    raise FileRejected(" ".join(received.refused))
                for arrived in received.files:
                    try:
                        stored.append(store_file(actor=request.user, stream=arrived.stream,
                                                 name=arrived.name, size=arrived.size))
                    except FileRejected as error:
                        raise FileRejected(arrived.refusal(error.message)) from None
    return stored


def _register_context(request: AuthedRequest, form: forms.RegisterForm, **extra: Any) -> dict:
    standing = standing_of(request.user)
    return {"form": form, "issuers": _known_issuers(standing.clerk_offices), **extra}


@login_required
def register(request: AuthedRequest) -> HttpResponse:
    """The fast registration form: one submit registers the document in every chosen
    organization's register (each its own arrival number), sharing the files."""
    if not may_register_incoming(request.user):
        raise PermissionDenied("Chỉ văn thư được vào sổ văn bản đến.")
    if request.method != "POST":
        return render(
            request, "incoming/register.html", _register_context(request, _blank_form(request))
        )
    form = forms.RegisterForm(request.POST, request.FILES, user=request.user)
    kept = forms.unsign_kept_files(request.POST.getlist("kept_files"), request.user)
    try:
        kept += _store_uploads(request, request.FILES.getlist("files"))
    except DomainError as error:
        form.is_valid()
        form.add_error("files", error.message)
        return _rerender(request, form, kept)
    if not form.is_valid():
        return _rerender(request, form, kept)
    return _register_valid(request, form, kept)


def _blank_form(request: AuthedRequest) -> forms.RegisterForm:
    acting = request.acting.organization
    initial: dict[str, Any] = {
        "arrival_at": clock.now().astimezone().replace(second=0, microsecond=0)
    }
    if acting:
        initial["organizations"] = [acting.pk]
    return forms.RegisterForm(initial=initial, user=request.user)


def _rerender(
    request: AuthedRequest, form: forms.RegisterForm, kept: list[StoredFile], **extra: Any
) -> HttpResponse:
    kept_tokens = [(forms.sign_kept_file(f, request.user), f) for f in kept]
    context = _register_context(request, form, kept=kept_tokens, **extra)
    return render(request, "incoming/register.html", context, status=200)


def _register_valid(
    request: AuthedRequest, form: forms.RegisterForm, kept: list[StoredFile]
) -> HttpResponse:
    data = form.cleaned_data
    fields = form.incoming_fields(secrecy=data["secrecy"])
    organizations = list(data["organizations"])
    duplicates = _duplicates(request, [organizations[0].office_id], fields, kept)
    if duplicates["duplicates"] and not data["confirm_duplicate"]:
        return _rerender(request, form, kept, **duplicates)
    try:
        with transaction.atomic():
            documents = actions.register_incoming(
                actor=request.user,
                organizations=organizations,
                fields=fields,
                files=[(f, f.original_name) for f in kept],
                channel=data["channel"],
                has_paper_original=data["has_paper_original"],
                arrival_at=data["arrival_at"],
            )
            filed = file_registered(actor=request.user, documents=documents,
                                    dossiers=data["dossiers"])
            if data["route_now"]:
                _route_to_heads(request, documents)
    except DomainError as error:
        form.add_error(None, error.message)
        for name, message in error.fields.items():
            if name in form.fields:
                form.add_error(name, message)
        return _rerender(request, form, kept)
    numbers = ", ".join(f"{d.organization.short_name} số đến {d.arrival_number}" for d in documents)
    messages.success(request, f"Đã vào sổ: {numbers}."
                     + (f" Đã đưa vào {filed} hồ sơ." if filed else ""))
    if "register_another" in request.POST:
        return redirect("incoming:register")
    return redirect("incoming:detail", document_id=documents[0].pk)


def _route_to_heads(request: AuthedRequest, documents: list[IncomingDocument]) -> None:
    for document in documents:
        head = document.organization.head(on=clock.today())
        if head:
            actions.route_incoming(actor=request.user, document=document, leaders=[head])


@login_required
@require_GET
def duplicates_check(request: AuthedRequest) -> HttpResponse:
    """htmx: warn while typing when (issuer, number and notation, date) is already registered."""
    office_ids = standing_of(request.user).clerk_offices
    code, issuer = request.GET.get("code", ""), request.GET.get("issuer", "")
    issued = parse_date(request.GET.get("issued_date", ""))
    context: dict[str, Any] = {"duplicates": [], "live": True}
    if office_ids and code and issuer and issued:
        fields = actions.IncomingFields(issuer=issuer, code=code, issued_date=issued, subject="-")
        context.update(_duplicates(request, sorted(office_ids), fields))
    return render(request, "incoming/register.html#duplicates", context)


DUPLICATES_SHOWN = 10


def _duplicates(
    request: AuthedRequest,
    office_ids: list[int],
    fields: actions.IncomingFields,
    files: list[StoredFile] | None = None,
) -> dict[str, Any]:
    """The possible duplicates the clerk may open (a secret one is not even counted),
    the first `DUPLICATES_SHOWN` of them and how many there are."""
    found = IncomingDocument.objects.none()
    for office in Office.objects.filter(pk__in=office_ids):
        found = found | actions.find_duplicates(office=office, fields=fields, files=files or ())
    visible = found.filter(pk__in=visible_incoming(request.user).values("pk"))
    visible = visible.select_related("organization").order_by("-arrival_at")
    return {
        "duplicates": list(visible[:DUPLICATES_SHOWN]),
        "duplicates_total": visible.count(),
        "duplicates_code": fields.code,
    }


# --- The document page ---------------------------------------------------------------


@login_required
@require_GET
def detail(request: AuthedRequest, document_id: str) -> HttpResponse:
    document = _document_or_404(request, document_id)
    actions.record_opening(actor=request.user, document=document)
    return render(request, "incoming/detail.html", _detail_context(request, document))


def _detail_context(request: AuthedRequest, document: IncomingDocument, **forms_: Any) -> dict:
    allowed = allowed_actions(request.user, document)
    context: dict[str, Any] = {
        "doc": document,
        "allowed": {a.value for a in allowed},
        "today": clock.today(),
        "attachments": list(document.receipt.attachments.select_related("stored_file")),
        "siblings": IncomingDocument.objects.filter(receipt=document.receipt)
        .exclude(pk=document.pk)
        .select_related("organization"),
        "events": document.events.select_related("actor"),
        "assignments": document.assignments.select_related("person", "unit", "assigned_by"),
        "routings": document.routings.filter(is_active=True).select_related("leader"),
        "instructions": document.instructions.select_related("author"),
    }
    context["visible_siblings"] = set(
        visible_incoming(request.user).filter(receipt=document.receipt).values_list("pk", flat=True)
    )
    if Action.ROUTE in allowed:
        context["route_form"] = forms_.get("route_form") or forms.RouteForm(document=document)
    if Action.INSTRUCT in allowed:
        context["instruct_form"] = forms_.get("instruct_form") or forms.InstructForm(
            document=document, user=request.user
        )
    if Action.REASSIGN in allowed:
        context["reassign_form"] = forms_.get("reassign_form") or forms.ReassignForm(
            document=document, user=request.user
        )
    if Action.COMPLETE in allowed:
        context["complete_form"] = forms_.get("complete_form") or forms.CompleteForm()
    if Action.SHARE_SECRET in allowed:
        context["share_form"] = forms_.get("share_form") or forms.ShareForm(document=document)
    context["informed_only"] = IncomingDocument.objects.filter(
        informed_only(request.user), pk=document.pk
    ).exists()
    context["note_errors"] = forms_.get("note_errors", {})
    context["may_reply"] = document.is_open and may_draft(request.user, document.organization)
    context["replies"] = visible_outgoing(request.user).filter(answers=document)
    context["tasks"] = visible_tasks(request.user).filter(source_incoming=document)
    context["filing"] = filing_panel(request.user, document)
    return context


def _after_action(request: AuthedRequest, document: IncomingDocument, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("incoming:detail", document_id=document.pk)


def _failed(
    request: AuthedRequest, document: IncomingDocument, error: DomainError, **forms_: Any
) -> HttpResponse:
    messages.error(request, error.message)
    document.refresh_from_db()
    return render(request, "incoming/detail.html", _detail_context(request, document, **forms_))


def _action_view(action: Action):
    """Decorate a POST view of one document action with the gatekeeper and error handling."""

    def decorate(view):
        @login_required
        @require_POST
        def wrapped(request: AuthedRequest, document_id: str) -> HttpResponse:
            document = _document_or_404(request, document_id)
            if action not in allowed_actions(request.user, document):
                messages.error(
                    request,
                    "Bạn không thể thực hiện thao tác này với văn bản ở "
                    f"trạng thái “{document.get_status_display()}”.",
                )
                context = _detail_context(request, document)
                return render(request, "incoming/detail.html", context, status=403)
            try:
                return view(request, document)
            except DomainError as error:
                return _failed(request, document, error)

        wrapped.__name__ = view.__name__
        return wrapped

    return decorate


@_action_view(Action.ROUTE)
def route(request: AuthedRequest, document: IncomingDocument) -> HttpResponse:
    form = forms.RouteForm(request.POST, document=document)
    if not form.is_valid():
        return _failed(
            request, document, DomainError("Chưa chọn lãnh đạo để trình."), route_form=form
        )
    actions.route_incoming(
        actor=request.user,
        document=document,
        leaders=list(form.cleaned_data["leaders"]),
        note=form.cleaned_data["note"],
    )
    return _after_action(request, document, "Đã trình lãnh đạo.")


@_action_view(Action.INSTRUCT)
def instruct(request: AuthedRequest, document: IncomingDocument) -> HttpResponse:
    form = forms.InstructForm(request.POST, document=document, user=request.user)
    if not form.is_valid():
        return _failed(
            request, document, DomainError("Ý kiến chỉ đạo chưa hợp lệ."), instruct_form=form
        )
    actions.instruct_incoming(
        actor=request.user,
        document=document,
        handlers=form.handlers(),
        deadline=form.chosen_deadline(),
        text=form.cleaned_data["text"],
    )
    return _after_action(request, document, "Đã cho ý kiến chỉ đạo.")


@_action_view(Action.REASSIGN)
def reassign(request: AuthedRequest, document: IncomingDocument) -> HttpResponse:
    form = forms.ReassignForm(request.POST, document=document, user=request.user)
    if not form.is_valid():
        return _failed(
            request, document, DomainError("Chọn phần việc và người nhận."), reassign_form=form
        )
    actions.reassign_incoming(
        actor=request.user,
        document=document,
        assignment=form.assignments[form.cleaned_data["assignment"]],
        person=form.people[form.cleaned_data["person"]],
        note=form.cleaned_data["note"],
    )
    return _after_action(request, document, "Đã giao việc trong đơn vị.")


def _note_or_failure(
    request: AuthedRequest, document: IncomingDocument, name: str
) -> tuple[str, HttpResponse | None]:
    """The required note of a progress/return/reopen form, or the page showing it missing."""
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["text"], None
    error = DomainError("Nội dung không được để trống.")
    return "", _failed(request, document, error, note_errors={name: True})


@_action_view(Action.PROGRESS)
def progress(request: AuthedRequest, document: IncomingDocument) -> HttpResponse:
    text, failure = _note_or_failure(request, document, "progress")
    if failure:
        return failure
    actions.record_progress(actor=request.user, document=document, note=text)
    return _after_action(request, document, "Đã cập nhật tiến độ.")


@_action_view(Action.RETURN)
def return_(request: AuthedRequest, document: IncomingDocument) -> HttpResponse:
    text, failure = _note_or_failure(request, document, "return")
    if failure:
        return failure
    actions.return_incoming(actor=request.user, document=document, reason=text)
    return _after_action(request, document, "Đã trả lại văn bản.")


@_action_view(Action.REOPEN)
def reopen(request: AuthedRequest, document: IncomingDocument) -> HttpResponse:
    text, failure = _note_or_failure(request, document, "reopen")
    if failure:
        return failure
    actions.reopen_incoming(actor=request.user, document=document, reason=text)
    return _after_action(request, document, "Đã mở lại văn bản.")


@_action_view(Action.COMPLETE)
def complete(request: AuthedRequest, document: IncomingDocument) -> HttpResponse:
    form = forms.CompleteForm(request.POST)
    if not form.is_valid():
        return _failed(request, document, DomainError("Ghi kết quả xử lý."), complete_form=form)
    actions.complete_incoming(
        actor=request.user,
        document=document,
        result=form.cleaned_data["result"],
        reply_code=form.cleaned_data["reply_code"],
    )
    return _after_action(request, document, "Đã hoàn thành xử lý văn bản.")


@_action_view(Action.SHARE_SECRET)
def share(request: AuthedRequest, document: IncomingDocument) -> HttpResponse:
    form = forms.ShareForm(request.POST, document=document)
    if not form.is_valid():
        return _failed(request, document, DomainError("Chọn người được xem."), share_form=form)
    readers = [form.people[k] for k in form.cleaned_data["readers"]]
    actions.share_secret(actor=request.user, document=document, readers=readers)
    return _after_action(request, document, "Đã cho phép xem văn bản mật.")


@login_required
@require_POST
def seen(request: AuthedRequest, document_id: str) -> HttpResponse:
    """"Đã xem" from Việc của tôi: a for-information document leaves the queue."""
    document = _document_or_404(request, document_id)
    if Action.MARK_SEEN in allowed_actions(request.user, document):
        actions.mark_seen(actor=request.user, document=document)
        messages.success(request, f"Đã đánh dấu đã xem văn bản đến số {document.arrival_number}.")
    return redirect("home:my_work")


@login_required
def correct(request: AuthedRequest, document_id: str) -> HttpResponse:
    document = _document_or_404(request, document_id)
    if Action.CORRECT not in allowed_actions(request.user, document):
        raise PermissionDenied("Chỉ văn thư được sửa thông tin văn bản đến.")
    if request.method != "POST":
        form = forms.CorrectForm.for_document(document)
        return render(request, "incoming/correct.html", {"doc": document, "form": form})
    form = forms.CorrectForm(request.POST)
    if form.is_valid():
        try:
            event = actions.correct_incoming(
                actor=request.user,
                document=document,
                fields=form.incoming_fields(secrecy=document.secrecy),
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            for name, message in error.fields.items():
                form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, "Đã sửa thông tin." if event else "Không có gì thay đổi.")
            return redirect("incoming:detail", document_id=document.pk)
    return render(request, "incoming/correct.html", {"doc": document, "form": form})


# --- Files and printouts -------------------------------------------------------------


@login_required
@require_GET
def download(request: AuthedRequest, document_id: str, attachment_id: int) -> FileResponse:
    document = _document_or_404(request, document_id)
    attachment = (
        document.receipt.attachments.select_related("stored_file").filter(pk=attachment_id).first()
    )
    if attachment is None:
        raise Http404("Không tìm thấy tệp")
    actions.record_download(actor=request.user, document=document, attachment=attachment)
    stored = attachment.stored_file
    inline = request.GET.get("inline") == "1"
    response = FileResponse(
        open_stored(stored),
        as_attachment=not inline,
        filename=attachment.filename,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def slip(request: AuthedRequest, document_id: str) -> HttpResponse:
    document = _document_or_404(request, document_id)
    record_audit(
        actor=request.user,
        action="incoming.print_slip",
        target=document,
        summary=f"In phiếu giải quyết số đến {document.arrival_number}",
    )
    pdf = processing_slip_pdf(document)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"phieu-giai-quyet-{document.organization.short_name}-{document.arrival_number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
