"""Registers the caller may see, and the export of one register (Excel or PDF)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import Path, Query, Router

from vanphong import clock
from vanphong.api.errors import errors
from vanphong.api.schemas import MAX_ID, ExportFormat, RegisterOut
from vanphong.printing import xlsx
from vanphong.registers.access import get_register_for, visible_registers
from vanphong.registers.exports import register_pdf, register_xlsx
from vanphong.registers.models import Register, RegisterKind
from vanphong.registers.numbering import peek_next_number

router = Router(tags=["Sổ đăng ký"])

XLSX = xlsx.XLSX
EXPORTS = {"xlsx": (register_xlsx, XLSX), "pdf": (register_pdf, "application/pdf")}
BINARY = {"schema": {"type": "string", "format": "binary"}}


def _register(register: Register) -> dict[str, Any]:
    organization = register.organization
    return {
        "id": register.pk,
        "organization": {"id": organization.pk, "short_name": organization.short_name,
                         "name": organization.name},
        "kind": register.kind, "kind_label": RegisterKind(register.kind).label,
        "name": register.name, "reset_policy": register.reset_policy,
        "per_type_series": register.per_type_series, "secret_policy": register.secret_policy,
        "is_active": register.is_active,
        # With one series per document type there is no single "next number".
        "next_number": None if register.per_type_series
        else peek_next_number(register, on=clock.today()),
    }


@router.get("/registers", response={200: list[RegisterOut], **errors(401)},
            summary="Sổ đăng ký người gọi được xem, với số tiếp theo")
def list_registers(request: HttpRequest) -> list[dict[str, Any]]:
    registers = visible_registers(request.auth)  # type: ignore[attr-defined]
    return [_register(r) for r in registers.order_by("organization__position", "position", "id")]


@router.get(
    "/registers/{int:register_id}/export", response={200: None, **errors(401, 404, 422)},
    summary="Xuất sổ đăng ký văn bản đến hoặc đi ra Excel (xlsx) hoặc PDF",
    openapi_extra={"responses": {200: {
        "description": "Tệp sổ đăng ký.",
        "content": {XLSX: BINARY, "application/pdf": BINARY},
    }}},
)
def export_register(
    request: HttpRequest, params: Query[ExportFormat],
    register_id: int = Path(..., ge=1, le=MAX_ID),
) -> HttpResponse:
    user = request.auth  # type: ignore[attr-defined]
    register = get_register_for(user, register_id)
    build, content_type = EXPORTS[params.format]
    data = build(register, user=user, date_from=params.date_from, date_to=params.date_to)
    response = HttpResponse(data, content_type=content_type)
    name = f"so-dang-ky-{register.pk}-{clock.today():%Y%m%d}.{params.format}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
