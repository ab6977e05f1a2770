"""Register pages: the registers a person may see, one register's rows by date range,
its printable PDF and Excel export (each download audited), and the statistics of
issued documents."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Invalid, NotFound
from vanphong.incoming.access import visible_incoming
from vanphong.organizations.models import User
from vanphong.outgoing.access import visible_outgoing
from vanphong.outgoing.models import DONE_STATUSES
from vanphong.periods import Period
from vanphong.printing.dates import short_date
from vanphong.registers import exports, statistics
from vanphong.registers.access import get_register_for, visible_registers
from vanphong.registers.models import (
    Counter,
    Register,
    RegisterKind,
    ResetPolicy,
    SecretPolicy,
)
from vanphong.registers.numbering import NumberingError, peek_next_number, period_key
from vanphong.vietnamese import fold
from vanphong.widgets import parse_date

PAGE_SIZE = 50


# --- Input -------------------------------------------------------------------------------


def parse_day(raw: str, *, label: str) -> dt.date | None:
    """A day typed as 05/01/2026 (or ISO 2026-01-05, old links); empty gives None."""
    text = raw.strip()
    if not text:
        return None
    day = parse_date(text)
    if day is None:
        raise Invalid(f"{label} “{text[:20]}” không phải ngày hợp lệ; nhập theo dạng "
                      "ngày/tháng/năm, ví dụ 05/01/2026.")
    return day


def _requested_days(request: HttpRequest) -> tuple[dt.date | None, dt.date | None]:
    date_from = parse_day(request.GET.get("tu_ngay", ""), label="Từ ngày")
    date_to = parse_day(request.GET.get("den_ngay", ""), label="Đến ngày")
    return date_from, date_to


def _register_or_404(request: HttpRequest, register_id: int) -> Register:
    try:
        return get_register_for(request.user, register_id)  # type: ignore[arg-type]
    except NotFound:
        raise Http404("Không tìm thấy sổ đăng ký") from None


# --- List --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Summary:
    register: Register
    policy: str
    documents_this_year: int | None
    last_number: str
    next_number: str


def policy_in_words(register: Register) -> str:
    """'Số bắt đầu lại từ 01 theo năm dương lịch; mọi loại văn bản chung một dãy số; …'"""
    parts = [f"Số bắt đầu lại từ 01 {ResetPolicy(register.reset_policy).label.lower()}"]
    parts.append("mỗi loại văn bản một dãy số" if register.per_type_series
                 else "mọi loại văn bản chung một dãy số")
    if not register.is_secret:
        parts.append(SecretPolicy(register.secret_policy).label.lower())
    return "; ".join(parts) + "."


def _numbers(register: Register, today: dt.date) -> tuple[str, str]:
    """(last number given, next number) in the current period, for display only."""
    try:
        period = period_key(register, today)
    except NumberingError:
        return "—", "Chưa khai báo nhiệm kỳ"
    counters = Counter.objects.filter(register=register, period_key=period, last_number__gt=0)
    if register.per_type_series:
        series = sorted((c.series_key.replace("|", " – "), c.last_number) for c in counters)
        last = ", ".join(f"{key}: {number}" for key, number in series)
        return last or "Chưa cấp số", "Theo từng loại văn bản"
    counter = next((c for c in counters if c.series_key == ""), None)
    upcoming = peek_next_number(register, on=today)
    return (str(counter.last_number) if counter else "Chưa cấp số",
            str(upcoming) if upcoming else "—")


def _counts_this_year(registers: list[Register], user: User, today: dt.date) -> dict[int, int]:
    """Documents that arrived (incoming registers) or were issued (outgoing ones) this
    year, among those `user` may see."""
    start, end = Period.year(today.year).bounds()
    incoming = (
        visible_incoming(user)
        .filter(register__in=[r.pk for r in registers if r.is_incoming],
                arrival_at__gte=start, arrival_at__lt=end)
        .order_by().values("register").annotate(total=Count("id"))
    )
    outgoing = (
        visible_outgoing(user)
        .filter(register__in=[r.pk for r in registers if _is_outgoing(r)],
                status__in=DONE_STATUSES, issued_date__year=today.year)
        .order_by().values("register").annotate(total=Count("id"))
    )
    return {row["register"]: row["total"] for row in [*incoming, *outgoing]}


def _is_outgoing(register: Register) -> bool:
    return register.kind in (RegisterKind.OUTGOING, RegisterKind.SECRET_OUTGOING)


def register_summaries(registers: list[Register], *, user: User) -> list[Summary]:
    today = clock.today()
    counts = _counts_this_year(registers, user, today)
    return [
        Summary(register, policy_in_words(register),
                counts.get(register.pk, 0) if register.kind != RegisterKind.COPIES else None,
                *_numbers(register, today))
        for register in registers
    ]


@login_required
@require_GET
def register_list(request: HttpRequest) -> HttpResponse:
    registers = list(visible_registers(request.user).order_by(  # type: ignore[arg-type]
        "organization__office_id", "organization__position", "organization_id", "position",
        "kind",
    ))
    summaries = register_summaries(registers, user=request.user)  # type: ignore[arg-type]
    return render(request, "registers/list.html",
                  {"summaries": summaries, "year": clock.today().year})


# --- One register ------------------------------------------------------------------------


def _detail(request: HttpRequest, register: Register,
            error: Invalid | None = None) -> HttpResponse:
    """The register page; with `error` (or bad dates in the query) it explains the
    problem with status 400 instead of showing rows."""
    context: dict[str, object] = {
        "register": register, "error": error, "is_outgoing": _is_outgoing(register),
        "raw_from": request.GET.get("tu_ngay", ""), "raw_to": request.GET.get("den_ngay", ""),
    }
    if error is None and register.kind != RegisterKind.COPIES:
        try:
            context.update(_rows_context(request, register))
        except Invalid as invalid:
            context["error"] = error = invalid
    return render(request, "registers/detail.html", context, status=400 if error else 200)


def this_month(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of `today`'s month."""
    first = today.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def _rows_context(request: HttpRequest, register: Register) -> dict[str, object]:
    """The rows of the period asked for. Opened without dates, the register shows the
    current month on its last page, where today's entries are (the clerk's daily view)."""
    date_from, date_to = _requested_days(request)
    opened_plain = date_from is None and date_to is None
    if opened_plain:
        date_from, date_to = this_month(clock.today())
    period = exports.resolve_period(date_from, date_to)
    user: User = request.user  # type: ignore[assignment]
    days = {"date_from": period.start, "date_to": period.end}
    rows: Any = (exports.register_rows(register, user=user, **days) if register.is_incoming
                 else exports.outgoing_entries(register, user=user, **days))
    paginator = Paginator(rows, PAGE_SIZE)
    wanted = request.GET.get("trang") or (paginator.num_pages if opened_plain else 1)
    page: Page[Any] = paginator.get_page(wanted)
    lines: list[object] = [
        exports.register_line(row) if register.is_incoming else exports.outgoing_line(row)
        for row in page
    ]
    query = f"tu_ngay={period.start.isoformat()}&den_ngay={period.end.isoformat()}"
    return {
        "period": period, "page": page, "query": query, "lines": lines,
        "date_from": period.start, "date_to": period.end,
    }


@login_required
@require_GET
def register_detail(request: HttpRequest, register_id: int) -> HttpResponse:
    return _detail(request, _register_or_404(request, register_id))


# --- Downloads ---------------------------------------------------------------------------

Exporter = Callable[..., bytes]
FORMATS: dict[str, tuple[Exporter, str, str]] = {
    "pdf": (exports.register_pdf, "application/pdf", "In sổ (PDF)"),
    "xlsx": (exports.register_xlsx,
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "Xuất Excel"),
}


def _filename(register: Register, period: Period, extension: str) -> str:
    organization = re.sub(r"[^a-z0-9]+", "", fold(register.organization.short_name))
    direction = "den" if register.is_incoming else "di"
    return (f"so-{direction}-{organization}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
            f".{extension}")


def _download(request: HttpRequest, register_id: int, extension: str) -> HttpResponse:
    register = _register_or_404(request, register_id)
    exporter, content_type, label = FORMATS[extension]
    user: User = request.user  # type: ignore[assignment]
    try:
        date_from, date_to = _requested_days(request)
        period = exports.resolve_period(date_from, date_to)
        data = exporter(register, user=user, date_from=period.start, date_to=period.end)
    except Invalid as error:
        return _detail(request, register, error)
    rows = exports.count_lines(register, user=user, date_from=period.start,
                               date_to=period.end)
    record_audit(
        actor=user, action="register.export", target=register,
        office_id=register.organization.office_id,
        summary=f"{label}: {register.name} — {register.organization.short_name}, từ "
                f"{short_date(period.start)} đến {short_date(period.end)}",
        format=extension, date_from=period.start.isoformat(),
        date_to=period.end.isoformat(), rows=rows,
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, _filename(register, period, extension)
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def register_pdf(request: HttpRequest, register_id: int) -> HttpResponse:
    return _download(request, register_id, "pdf")


@login_required
@require_GET
def register_xlsx(request: HttpRequest, register_id: int) -> HttpResponse:
    return _download(request, register_id, "xlsx")


# --- Statistics of issued documents -------------------------------------------------------


@login_required
@require_GET
def outgoing_statistics(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    context: dict[str, object] = {
        "raw_from": request.GET.get("tu_ngay", ""), "raw_to": request.GET.get("den_ngay", ""),
    }
    try:
        date_from, date_to = _requested_days(request)
        figures = statistics.outgoing_statistics(user=user, date_from=date_from,
                                                 date_to=date_to)
    except Invalid as error:
        return render(request, "registers/statistics.html", {**context, "error": error},
                      status=400)
    period = figures.period
    context.update(stats=figures, date_from=period.start, date_to=period.end)
    return render(request, "registers/statistics.html", context)
