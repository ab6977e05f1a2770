"""Archival packages through the pages: export a dossier (BagIt zip), import a package,
the imported dossier's page with its documents and files, and its export again."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render

from vanphong.errors import DomainError, NotAllowed, NotFound
from vanphong.files.actions import open_stored
from vanphong.http import AuthedRequest
from vanphong.records import package
from vanphong.records.access import (
    DossierAction,
    get_dossier_for,
    keeps_packages,
    visible_archived,
)
from vanphong.records.models import ArchivedDossier, ArchivedFile
from vanphong.records.transfer_views import office_of

ZIP = "application/zip"


@login_required
def dossier_export(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    """The dossier's package, with the documents the exporter may open (its page's)."""
    try:
        dossier = get_dossier_for(request.user, dossier_id, DossierAction.EXPORT)
    except NotFound:
        raise Http404("Không tìm thấy hồ sơ") from None
    except NotAllowed:
        raise PermissionDenied("Chỉ lưu trữ viên hoặc văn phòng xuất gói hồ sơ.") from None
    data = package.export_dossier(actor=request.user, dossier=dossier)
    response = HttpResponse(data, content_type=ZIP)
    response["Content-Disposition"] = (f'attachment; filename="goi-ho-so-{dossier.plan.year}-'
                                       f'{dossier.code}.zip"')
    return response


@login_required
def archived_list(request: AuthedRequest) -> HttpResponse:
    office = office_of(request)
    if not keeps_packages(request.user, office.pk):
        raise Http404("Chỉ lưu trữ viên hoặc văn phòng nhập gói hồ sơ.")
    if request.method == "POST":
        upload = request.FILES.get("package")
        if upload is None:
            messages.error(request, "Chọn tệp gói hồ sơ (.zip).")
        else:
            try:
                made = package.import_package(actor=request.user, office=office,
                                              source=upload)
            except (DomainError, NotAllowed) as error:
                messages.error(request, error.message)
            else:
                messages.success(request, f"Đã nhập gói hồ sơ {made.file_notation}; mọi tệp "
                                          "khớp mã kiểm tra.")
                return redirect("records:archived", made.pk)
    return render(request, "records/archived_list.html",
                  {"dossiers": visible_archived(request.user)[:200]},
                  status=422 if request.method == "POST" else 200)


def _archived(request: AuthedRequest, dossier_id: Any) -> ArchivedDossier:
    found = visible_archived(request.user).filter(pk=dossier_id).first()
    if found is None:
        raise Http404("Không tìm thấy hồ sơ đã nhập")
    return found


@login_required
def archived_detail(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    dossier = _archived(request, dossier_id)
    return render(request, "records/archived_detail.html", {
        "dossier": dossier, "documents": dossier.documents.prefetch_related("files")})


@login_required
def archived_export(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    dossier = _archived(request, dossier_id)
    response = HttpResponse(package.export_archived(actor=request.user, dossier=dossier),
                            content_type=ZIP)
    response["Content-Disposition"] = (f'attachment; filename="goi-ho-so-{dossier.file_catalog}'
                                       f'-{dossier.file_notation}.zip"')
    return response


@login_required
def archived_file(request: AuthedRequest, dossier_id: Any, file_id: int) -> FileResponse:
    dossier = _archived(request, dossier_id)
    row = ArchivedFile.objects.filter(pk=file_id, document__dossier=dossier).select_related(
        "stored_file", "pdfa_file").first()
    if row is None:
        raise Http404("Không tìm thấy tệp")
    if request.GET.get("ban") == "pdfa":  # its PDF/A copy
        if row.pdfa_file is None:
            raise Http404("Tệp này không có bản PDF/A")
        return FileResponse(open_stored(row.pdfa_file), as_attachment=True,
                            filename=row.pdfa_path.rsplit("/", 1)[-1])
    return FileResponse(open_stored(row.stored_file), as_attachment=True, filename=row.name)
