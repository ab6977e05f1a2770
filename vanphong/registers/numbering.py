"""Gap-free, never-duplicated numbers.

A number is taken by incrementing the series' `Counter` row *inside the transaction
that records the document*. The UPDATE locks the row until commit (PostgreSQL row lock;
SQLite's single writer with BEGIN IMMEDIATE), so concurrent clerks queue up, and a
transaction that fails rolls its number back with it: no gaps, no duplicates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils.text import capfirst

from vanphong.errors import Invalid
from vanphong.registers.models import (
    Counter,
    DocumentType,
    Register,
    ResetPolicy,
    SecretPolicy,
    Term,
    TermKind,
)


class NumberingError(Invalid):
    """Numbering cannot proceed; the message is for the user."""


@dataclasses.dataclass(frozen=True)
class Allocation:
    register_id: int
    period_key: str
    series_key: str
    number: int


def period_key(register: Register, day: dt.date) -> str:
    """The numbering period containing `day`: a year, or the Party term/congress."""
    if register.reset_policy == ResetPolicy.CALENDAR_YEAR:
        return str(day.year)
    kind = TermKind.TERM if register.reset_policy == ResetPolicy.PARTY_TERM else TermKind.CONGRESS
    terms = Term.objects.filter(organization_id=register.organization_id, kind=kind)
    term = next((t for t in terms if t.covers(day)), None)
    if term is None:
        label = "nhiệm kỳ" if kind == TermKind.TERM else "kỳ đại hội"
        raise NumberingError(
            f"Chưa khai báo {label} chứa ngày {day:%d/%m/%Y} cho {register.organization}; "
            "quản trị viên cần khai báo trước khi cấp số."
        )
    return f"{kind}:{term.pk}"


def series_key(register: Register, *, document_type: DocumentType | None, secret: bool) -> str:
    parts = []
    if register.per_type_series:
        parts.append(document_type.abbreviation or document_type.name if document_type else "-")
    if secret and register.secret_policy == SecretPolicy.SEPARATE and not register.is_secret:
        parts.append("MẬT")
    return "|".join(parts)


def allocate_number(
    register: Register, *, on: dt.date, document_type: DocumentType | None = None,
    secret: bool = False,
) -> Allocation:
    """Take the next number of the series. Must run inside the caller's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("allocate_number must run inside transaction.atomic()")
    period = period_key(register, on)
    series = series_key(register, document_type=document_type, secret=secret)
    counters = Counter.objects.filter(register=register, period_key=period, series_key=series)
    if not counters.update(last_number=F("last_number") + 1):
        try:
            with transaction.atomic():
                Counter.objects.create(
                    register=register, period_key=period, series_key=series, last_number=1
                )
        except IntegrityError:
            # Another clerk created the series first; take the next number after theirs.
            counters.update(last_number=F("last_number") + 1)
    number = counters.values_list("last_number", flat=True).get()
    return Allocation(register.pk, period, series, number)


def claim_number(
    register: Register, *, number: int, on: dt.date, document_type: DocumentType | None = None,
    secret: bool = False,
) -> tuple[Allocation, range]:
    """Take a given number (one written on a document signed outside the system).

    The series' counter moves up to `number` if it was behind; the numbers jumped over
    are returned so the caller can put them on record. Must run inside the caller's
    transaction; uniqueness is the caller's document constraint.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("claim_number must run inside transaction.atomic()")
    if number < 1:
        raise NumberingError("Số phải từ 01 trở lên.")
    period = period_key(register, on)
    series = series_key(register, document_type=document_type, secret=secret)
    counters = Counter.objects.filter(register=register, period_key=period, series_key=series)
    if not counters.exists():
        try:
            with transaction.atomic():
                Counter.objects.create(
                    register=register, period_key=period, series_key=series, last_number=0
                )
        except IntegrityError:
            pass  # created by a concurrent clerk
    counter = counters.select_for_update().get()
    skipped = range(counter.last_number + 1, number)
    if number > counter.last_number:
        counters.update(last_number=number)
    return Allocation(register.pk, period, series, number), skipped


def peek_next_number(
    register: Register, *, on: dt.date, document_type: DocumentType | None = None,
    secret: bool = False,
) -> int | None:
    """The number the next document would get (for display only; never reserved)."""
    try:
        period = period_key(register, on)
    except NumberingError:
        return None
    series = series_key(register, document_type=document_type, secret=secret)
    last = (
        Counter.objects.filter(register=register, period_key=period, series_key=series)
        .values_list("last_number", flat=True)
        .first()
    )
    return (last or 0) + 1


def format_number(number: int) -> str:
    """Numbers below 10 take a leading zero (ND30 Phụ lục I)."""
    return f"{number:02d}"


def format_notation(
    register: Register, *, number: int, document_type: DocumentType | None, unit: str = ""
) -> str:
    """Build "12/QĐ-UBND", "15-NQ/ĐU" or "12/UBND-VP" from the register's templates."""
    abbreviation = document_type.abbreviation if document_type else ""
    template = register.notation_format if abbreviation else register.notation_format_untyped
    if not template:
        raise NumberingError(f"{capfirst(register.called)} chưa có mẫu số, ký hiệu.")
    code = template.format(
        number=format_number(number), type=abbreviation,
        org=register.organization.short_name, unit=unit,
    )
    return code.rstrip("-/")
