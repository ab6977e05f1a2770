"""Outgoing pages: list, drafting, the document page with its review, the four checks
and issuing, versions and their comparison, number reservations.

Each view parses input, calls the gatekeeper and one action, and renders. Domain errors
become Vietnamese messages on the same page; nothing typed is lost.
"""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import DomainError, NotFound
from vanphong.files.actions import cleanup_on_failure, open_stored, store_file
from vanphong.files.models import StoredFile
from vanphong.followup.access import may_create_task, visible_tasks
from vanphong.http import AuthedRequest
from vanphong.organizations.models import Organization
from vanphong.organizations.standing import standing_of
from vanphong.outgoing import actions, conformity, forms, issuing
from vanphong.outgoing.access import (
    Action,
    allowed_actions,
    drafting_organizations,
    get_outgoing_for,
    may_draft_outgoing,
    may_number,
    may_reserve_numbers,
    numbering_registers,
    pending_review,
)
from vanphong.outgoing.delivery import recipient_progress, resend
from vanphong.outgoing.models import FinalState, NumberReservation, OutgoingDocument, Status
from vanphong.outgoing.queries import outgoing_list
from vanphong.outgoing.queues import outgoing_queues
from vanphong.outgoing.rendering import docx_to_pdf, fill_docx
from vanphong.outgoing.text import fill_placeholders, paragraphs
from vanphong.records.actions import file_registered
from vanphong.records.panel import filing_panel

PAGE_SIZE = 30


def _document_or_404(request: AuthedRequest, document_id: Any, action: Action = Action.VIEW):
    try:
        return get_outgoing_for(request.user, document_id, action)
    except NotFound:
        raise Http404("Không tìm thấy văn bản") from None


# --- List ------------------------------------------------------------------------------


@login_required
@require_GET
def document_list(request: AuthedRequest) -> HttpResponse:
    params = request.GET.copy()
    if "organization" not in params and request.acting.organization:
        params["organization"] = str(request.acting.organization.pk)
    offices = standing_of(request.user).member_offices
    form = forms.ListFilterForm(
        params, organizations=Organization.objects.active().filter(office__in=offices)
    )
    documents = (outgoing_list(request.user, form.list_params()) if form.is_valid()
                 else OutgoingDocument.objects.none())
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "outgoing/list.html", {
        "form": form, "page": page, "query": _query_without_page(request),
        "queues": outgoing_queues(request.user),
        "may_draft": may_draft_outgoing(request.user),
        "may_reserve": may_reserve_numbers(request.user),
    })


def _query_without_page(request: AuthedRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- Drafting --------------------------------------------------------------------------


def _drafting_org(request: AuthedRequest) -> Organization:
    organizations = drafting_organizations(request.user)
    wanted = request.POST.get("organization") or request.GET.get("organization")
    if wanted and str(wanted).isdigit():
        chosen = organizations.filter(pk=int(wanted)).first()
    else:
        acting = request.acting.organization
        chosen = organizations.filter(pk=acting.pk).first() if acting else organizations.first()
    if chosen is None:
        raise PermissionDenied("Bạn không giữ chức vụ nào để soạn thảo văn bản.")
    return chosen


def _upload(request: AuthedRequest, upload: UploadedFile | None) -> StoredFile | None:
    if upload is None:
        return None
    with cleanup_on_failure(), transaction.atomic():
        stored = store_file(actor=request.user, stream=upload,  # type: ignore[arg-type]
                            name=upload.name or "du-thao", size=upload.size)
    if stored.kind not in ("docx", "pdf"):
        raise DomainError("Tệp dự thảo phải là .docx hoặc PDF.")
    return stored


def _store_all(request: AuthedRequest, uploads: list[UploadedFile]) -> list[StoredFile]:
    """Store the attachments together: if one is refused, none is kept."""
    with cleanup_on_failure(), transaction.atomic():
        return [
            store_file(actor=request.user, stream=u, name=u.name or "tep",  # type: ignore[arg-type]
                       size=u.size)
            for u in uploads
        ]


def _apply_template(form: forms.DraftForm) -> forms.DraftForm:
    """"Lấy nội dung mẫu": the same input, unbound (no errors yet), with the body of the
    chosen template."""
    data: Any = form.data  # a QueryDict: bound from request.POST
    initial: dict[str, Any] = {
        name: data.getlist(name) if name in forms.MULTI_FIELDS else data.get(name)
        for name in form.fields if name in data
    }
    template = forms.templates_for(form.organization).filter(pk=data.get("template") or 0).first()
    if template is not None:
        initial["body"] = fill_placeholders(template.body, form.organization, clock.today())
        initial["document_type"] = template.document_type_id
    return forms.DraftForm(initial=initial, organization=form.organization, user=form.user,
                           clerk="signed_on_paper" in form.fields)


@login_required
def new(request: AuthedRequest) -> HttpResponse:
    organization = _drafting_org(request)
    follow = _follow_up_source(request)
    if request.method != "POST":
        initial = {"answers": request.GET.getlist("answers"), "copies": 1}
        if follow is not None:
            initial.update(_follow_up_initial(follow, request.GET.get("kind", "replace")))
            organization = follow.organization
        form = forms.DraftForm(initial=initial, organization=organization, user=request.user,
                               clerk=may_number(request.user, organization.office_id))
        return _draft_page(request, form, organization, follow)
    clerk = may_number(request.user, organization.office_id)
    form = forms.DraftForm(request.POST, request.FILES, organization=organization,
                           user=request.user, clerk=clerk)
    if "use_template" in request.POST:
        form = _apply_template(form)
        return _draft_page(request, form, organization, follow, bound_ok=True)
    if not form.is_valid():
        return _draft_page(request, form, organization, follow)
    try:
        upload = _upload(request, form.cleaned_data.get("upload"))
        kind = request.POST.get("kind", "")
        if form.cleaned_data.get("signed_on_paper") and upload is not None:
            document = issuing.record_signed_on_paper(
                actor=request.user, organization=organization, fields=form.draft_fields(),
                upload=upload, signed_on=form.cleaned_data["signed_on"],
            )
        elif follow is not None and kind in ("replace", "correct"):
            document = issuing.start_follow_up(actor=request.user, document=follow,
                                               fields=form.draft_fields(), kind=kind)
        else:
            document = actions.create_draft(
                actor=request.user, organization=organization, fields=form.draft_fields(),
                upload=upload, attachments=_store_all(request, form.cleaned_data["attachments"]),
            )
    except DomainError as error:
        _form_errors(form, error)
        return _draft_page(request, form, organization, follow)
    messages.success(request, "Đã lưu dự thảo.")
    return redirect("outgoing:detail", document_id=document.pk)


def _follow_up_source(request: AuthedRequest) -> OutgoingDocument | None:
    source = request.GET.get("from") or request.POST.get("from")
    if not source:
        return None
    return _document_or_404(request, source)


def _follow_up_initial(source: OutgoingDocument, kind: str) -> dict[str, Any]:
    initial = forms.DraftForm.initial_for(source)
    if kind == "correct":
        initial["subject"] = f"Đính chính {source.document_type.name} số {source.code}"
        initial["body"] = (f"{source.organization.name} đính chính {source.document_type.name} "
                           f"số {source.code} ngày {source.issued_date:%d/%m/%Y} như sau:\n\n…")
    else:
        initial["body"] = source.body
    return initial


def _form_errors(form: forms.DraftForm, error: DomainError) -> None:
    form.add_error(None, error.message)
    for name, message in error.fields.items():
        if name in form.fields and name not in form.errors:
            form.add_error(name, message)


def _draft_page(
    request: AuthedRequest, form: forms.DraftForm, organization: Organization,
    follow: OutgoingDocument | None, document: OutgoingDocument | None = None,
    bound_ok: bool = False,
) -> HttpResponse:
    context = {
        "form": form, "organization": organization, "follow": follow, "doc": document,
        "kind": request.GET.get("kind") or request.POST.get("kind", ""),
        "organizations": drafting_organizations(request.user),
        "template_applied": bound_ok,
    }
    return render(request, "outgoing/draft.html", context)


@login_required
def edit(request: AuthedRequest, document_id: str) -> HttpResponse:
    document = _document_or_404(request, document_id)
    if Action.EDIT not in allowed_actions(request.user, document):
        raise PermissionDenied("Chỉ người soạn thảo sửa dự thảo đang soạn hoặc bị trả lại.")
    organization = document.organization
    if request.method != "POST":
        form = forms.DraftForm(initial=forms.DraftForm.initial_for(document),
                               organization=organization, user=request.user)
        return _draft_page(request, form, organization, None, document)
    form = forms.DraftForm(request.POST, request.FILES, organization=organization,
                           user=request.user)
    if "use_template" in request.POST:
        return _draft_page(request, _apply_template(form), organization, None, document, True)
    if not form.is_valid():
        return _draft_page(request, form, organization, None, document)
    try:
        upload = _upload(request, form.cleaned_data.get("upload"))
        removed = [int(v) for v in request.POST.getlist("remove_attachment") if v.isdigit()]
        version = actions.update_draft(
            actor=request.user, document=document, fields=form.draft_fields(), upload=upload,
            note=request.POST.get("note", "")[:300], removed_attachments=removed,
            attachments=_store_all(request, form.cleaned_data["attachments"]),
        )
    except DomainError as error:
        _form_errors(form, error)
        return _draft_page(request, form, organization, None, document)
    messages.success(request, f"Đã lưu phiên bản {version.number}.")
    return redirect("outgoing:detail", document_id=document.pk)


# --- The document page -----------------------------------------------------------------


@login_required
@require_GET
def detail(request: AuthedRequest, document_id: str) -> HttpResponse:
    document = _document_or_404(request, document_id)
    return render(request, "outgoing/detail.html", _detail_context(request, document))


def _detail_context(request: AuthedRequest, document: OutgoingDocument, **extra: Any) -> dict:
    allowed = allowed_actions(request.user, document)
    recipients = list(document.recipients.select_related("incoming", "organization"))
    context: dict[str, Any] = {
        "doc": document,
        "paragraphs": paragraphs(document.body),
        "addressee_lines": paragraphs(document.addressees),
        "allowed": {a.value for a in allowed},
        "reviews": document.reviews.select_related("reviewer", "decided_by"),
        "pending": pending_review(document),
        "versions": document.versions.select_related("author").order_by("-number"),
        "comments": document.comments.select_related("author"),
        "events": document.events.select_related("actor"),
        "recipients": [(r, recipient_progress(r)) for r in recipients],
        "answers": document.answers.select_related("organization"),
        "attachments": document.attachments.select_related("stored_file"),
        "is_clerk": may_number(request.user, document.office_id),
        "comment_form": forms.CommentForm(),
        "reason_form": forms.ReasonForm(),
        "prefix": conformity.number_prefix(document.organization.document_style),
        "final_failed": document.final_state == FinalState.FAILED,
        "tasks": visible_tasks(request.user).filter(source_outgoing=document),
        "filing": filing_panel(request.user, document),
        "may_give_tasks": document.status == Status.ISSUED
        and may_create_task(request.user, document.organization),
        **extra,
    }
    if Action.SUBMIT in allowed and actions.chain_for(document) is not None:
        chain = actions.chain_for(document)
        if chain is not None and chain.leader:
            context["submit_form"] = forms.SubmitForm(leaders=actions.leader_choices(document))
    if document.status == Status.SIGNED:
        day = clock.today()
        context["checks"] = conformity.issue_checks(document, on=day)
        if Action.ISSUE in allowed:
            context.setdefault("issue_form", forms.IssueForm(document=document, user=request.user))
    return context


def _after(request: AuthedRequest, document: OutgoingDocument, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("outgoing:detail", document_id=document.pk)


def _action_view(action: Action):
    """A POST view of one document action, behind the gatekeeper, with error handling."""

    def decorate(view):
        @login_required
        @require_POST
        def wrapped(request: AuthedRequest, document_id: str) -> HttpResponse:
            document = _document_or_404(request, document_id)
            if action not in allowed_actions(request.user, document):
                messages.error(request, "Bạn không thể thực hiện thao tác này với văn bản ở "
                               f"trạng thái “{document.get_status_display()}”.")
                context = _detail_context(request, document)
                return render(request, "outgoing/detail.html", context, status=403)
            try:
                return view(request, document)
            except DomainError as error:
                messages.error(request, error.message)
                document.refresh_from_db()
                return render(request, "outgoing/detail.html",
                              _detail_context(request, document), status=200)

        wrapped.__name__ = view.__name__
        return wrapped

    return decorate


def _reason(request: AuthedRequest) -> str:
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        raise DomainError("Cần ghi nội dung (lý do).")
    return form.cleaned_data["text"]


def _comment(request: AuthedRequest) -> str:
    form = forms.CommentForm(request.POST)
    return form.cleaned_data["text"] if form.is_valid() else ""


@_action_view(Action.SUBMIT)
def submit(request: AuthedRequest, document: OutgoingDocument) -> HttpResponse:
    form = forms.SubmitForm(request.POST, leaders=actions.leader_choices(document))
    leader = form.cleaned_data.get("leader") if form.is_valid() else None
    actions.submit_outgoing(actor=request.user, document=document, leader=leader)
    return _after(request, document, "Đã trình duyệt dự thảo.")


@_action_view(Action.REVIEW)
def approve(request: AuthedRequest, document: OutgoingDocument) -> HttpResponse:
    actions.approve_outgoing(actor=request.user, document=document, comment=_comment(request))
    return _after(request, document, "Đã đồng ý, chuyển bước tiếp theo.")


@_action_view(Action.SIGN)
def sign(request: AuthedRequest, document: OutgoingDocument) -> HttpResponse:
    actions.sign_outgoing(actor=request.user, document=document, comment=_comment(request))
    return _after(request, document, "Đã ký ban hành; văn thư sẽ cấp số và phát hành.")


@_action_view(Action.RETURN)
def return_(request: AuthedRequest, document: OutgoingDocument) -> HttpResponse:
    actions.return_outgoing(actor=request.user, document=document, reason=_reason(request))
    return _after(request, document, "Đã trả lại dự thảo để sửa.")


@_action_view(Action.WITHDRAW)
def withdraw(request: AuthedRequest, document: OutgoingDocument) -> HttpResponse:
    actions.withdraw_outgoing(actor=request.user, document=document, reason=_reason(request))
    return _after(request, document, "Đã hủy dự thảo.")


@_action_view(Action.COMMENT)
def comment(request: AuthedRequest, document: OutgoingDocument) -> HttpResponse:
    actions.comment_outgoing(actor=request.user, document=document, text=_comment(request))
    return _after(request, document, "Đã ghi góp ý.")


@_action_view(Action.RECALL)
def recall(request: AuthedRequest, document: OutgoingDocument) -> HttpResponse:
    count = issuing.recall_outgoing(actor=request.user, document=document,
                                    reason=_reason(request))
    return _after(request, document, f"Đã thu hồi văn bản ({count} bản nội bộ bị thu hồi).")


@_action_view(Action.ISSUE)
def issue(request: AuthedRequest, document: OutgoingDocument) -> HttpResponse:
    form = forms.IssueForm(request.POST, document=document, user=request.user)
    if not form.is_valid():
        messages.error(request, "Thông tin phát hành chưa hợp lệ.")
        return render(request, "outgoing/detail.html",
                      _detail_context(request, document, issue_form=form))
    data = form.cleaned_data
    choice = issuing.NumberChoice(
        reservation=data["reservation"] if data["mode"] == "reserved" else None,
        manual=data["manual_number"] if data["mode"] == "manual" else None,
    )
    with transaction.atomic():
        issuing.issue_outgoing(actor=request.user, document=document, on=data["on"],
                               choice=choice, paper_copies=data["paper_copies"])
        filed = file_registered(actor=request.user, documents=[document],
                                dossiers=data["dossiers"])
    return _after(request, document, f"Đã phát hành văn bản số {document.code}."
                  + (f" Đã đưa vào {filed} hồ sơ." if filed else ""))


@login_required
@require_POST
def retry_final(request: AuthedRequest, document_id: str) -> HttpResponse:
    document = _document_or_404(request, document_id)
    try:
        issuing.retry_finalize(actor=request.user, document=document)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("outgoing:detail", document_id=document.pk)
    return _after(request, document, "Đang tạo lại bản phát hành.")


@login_required
@require_POST
def resend_mail(request: AuthedRequest, document_id: str, recipient_id: int) -> HttpResponse:
    document = _document_or_404(request, document_id)
    recipient = document.recipients.filter(pk=recipient_id).first()
    if recipient is None:
        raise Http404("Không tìm thấy nơi nhận")
    try:
        resend(actor=request.user, recipient=recipient)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("outgoing:detail", document_id=document.pk)
    return _after(request, document, f"Đang gửi lại thư tới {recipient.name}.")


# --- Files -------------------------------------------------------------------------------


def _file_response(stored: StoredFile, filename: str, inline: bool) -> FileResponse:
    response = FileResponse(open_stored(stored), as_attachment=not inline, filename=filename,
                            content_type=stored.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def version_file(request: AuthedRequest, document_id: str, number: int) -> FileResponse:
    document = _document_or_404(request, document_id)
    version = document.versions.select_related("stored_file").filter(number=number).first()
    if version is None:
        raise Http404("Không tìm thấy phiên bản")
    record_audit(actor=request.user, action="outgoing.download", target=document,
                 summary=f"Tải phiên bản {number}: {version.filename}")
    return _file_response(version.stored_file, version.filename, False)


@login_required
@require_GET
def attachment_file(request: AuthedRequest, document_id: str, attachment_id: int) -> FileResponse:
    document = _document_or_404(request, document_id)
    attachment = document.attachments.select_related("stored_file").filter(
        pk=attachment_id).first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp")
    record_audit(actor=request.user, action="outgoing.download", target=document,
                 summary=f"Tải tệp gửi kèm {attachment.filename}")
    return _file_response(attachment.stored_file, attachment.filename,
                          request.GET.get("inline") == "1")


@login_required
@require_GET
def final_file(request: AuthedRequest, document_id: str, kind: str) -> FileResponse:
    document = _document_or_404(request, document_id)
    stored = document.final_pdf if kind == "pdf" else document.final_docx
    if stored is None:
        raise Http404("Chưa có bản phát hành")
    record_audit(actor=request.user, action="outgoing.download", target=document,
                 summary=f"Tải bản phát hành {document.code}")
    name = f"{document.code.replace('/', '-')}.{kind}"
    return _file_response(stored, name, request.GET.get("inline") == "1")


@login_required
@require_GET
def preview(request: AuthedRequest, document_id: str) -> HttpResponse:
    """The current draft as PDF (LibreOffice), number and date left blank."""
    document = _document_or_404(request, document_id)
    stored = document.body_file
    if stored is None:
        raise Http404("Chưa có tệp dự thảo")
    with open_stored(stored) as handle:
        data = handle.read()
    if stored.kind == "docx":
        try:
            unit = conformity.notation_preview(document, on=clock.today()).split("/", 1)
            blank = "     /" + unit[1] if len(unit) > 1 else ""
            data = docx_to_pdf(fill_docx(data, number=blank, date_text=actions.draft_date_text(),
                                         title=document.title))
        except DomainError as error:
            return HttpResponse(error.message, status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="du-thao.pdf"'
    return response


@login_required
@require_GET
def compare(request: AuthedRequest, document_id: str) -> HttpResponse:
    document = _document_or_404(request, document_id)
    versions = {v.number: v for v in document.versions.all()}
    try:
        a, b = int(request.GET.get("a", 0)), int(request.GET.get("b", 0))
    except ValueError:
        a = b = 0
    if a not in versions or b not in versions:
        numbers = sorted(versions)
        a, b = (numbers[-2], numbers[-1]) if len(numbers) > 1 else (numbers[0], numbers[0])
    table = difflib.HtmlDiff(wrapcolumn=70).make_table(
        versions[a].text.splitlines(), versions[b].text.splitlines(),
        fromdesc=f"Phiên bản {a}", todesc=f"Phiên bản {b}", context=True, numlines=2,
    )
    return render(request, "outgoing/compare.html", {
        "doc": document, "a": a, "b": b, "numbers": sorted(versions),
        "table": mark_safe(table),
    })


# --- Reserved numbers ------------------------------------------------------------------


@login_required
def reservations(request: AuthedRequest) -> HttpResponse:
    registers = numbering_registers(request.user)
    if not registers.exists():
        raise PermissionDenied("Chỉ văn thư giữ số văn bản đi.")
    form = forms.ReserveForm(request.POST or None, registers=registers)
    if request.method == "POST" and form.is_valid():
        try:
            reservation = issuing.reserve_number(
                actor=request.user, register=form.cleaned_data["register"],
                reason=form.cleaned_data["reason"],
                document_type=form.cleaned_data["document_type"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Đã giữ số {reservation.number:02d}.")
            return redirect("outgoing:reservations")
    rows = NumberReservation.objects.filter(register__in=registers).select_related(
        "register__organization", "document_type", "reserved_by", "document"
    ).order_by("-reserved_at")[:200]
    return render(request, "outgoing/reservations.html", {"form": form, "rows": rows})


@login_required
@require_POST
def release(request: AuthedRequest, reservation_id: int) -> HttpResponse:
    registers = numbering_registers(request.user)
    reservation = NumberReservation.objects.filter(pk=reservation_id,
                                                   register__in=registers).first()
    if reservation is None:
        raise Http404("Không tìm thấy số đã giữ")
    try:
        issuing.release_reservation(actor=request.user, reservation=reservation,
                                    reason=request.POST.get("reason", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã hủy giữ số {reservation.number:02d}.")
    return redirect("outgoing:reservations")
