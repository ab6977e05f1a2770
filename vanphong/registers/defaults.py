"""Default data from rules.md: document types (§1.1, §2.1), registers and notation
templates per organization family (§1.2, §2.2, §2.5). Administrators edit all of it;
these values only seed a new installation."""

from __future__ import annotations

from typing import Any

# (name, abbreviation) — ND30 Điều 7 + Phụ lục III. Công văn and thư công have none.
STATE_TYPES = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công văn", ""),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
    ("Thư công", ""),
]

COPY_TYPES = [("Bản sao y", "SY"), ("Bản trích sao", "TrS"), ("Bản sao lục", "SL")]

# rules.md §2.1 — Party abbreviations (MEDIUM); "Quy định" as QĐi is configurable.
PARTY_TYPES = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Kết luận", "KL"),
    ("Quy chế", "QC"),
    ("Quy định", "QĐi"),
    ("Thông tri", "TT"),
    ("Hướng dẫn", "HD"),
    ("Thông báo", "TB"),
    ("Thông cáo", "TC"),
    ("Báo cáo", "BC"),
    ("Kế hoạch", "KH"),
    ("Chương trình", "CTr"),
    ("Đề án", "ĐA"),
    ("Tờ trình", "TTr"),
    ("Công văn", "CV"),
    ("Biên bản", "BB"),
    ("Bản sao", "BS"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy mời", "GM"),
    ("Giấy chứng nhận", "GCN"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
]

# Legal documents a commune receives (rules.md §1.1, MEDIUM).
LEGAL_TYPES = [
    ("Luật", "Luật"),
    ("Nghị định", "NĐ"),
    ("Thông tư", "TT"),
    ("Thông tư liên tịch", "TTLT"),
    ("Quyết định (QPPL)", "QĐ"),
    ("Nghị quyết (QPPL)", "NQ"),
]

SYSTEM_TYPES = {
    "state": STATE_TYPES,
    "copy": COPY_TYPES,
    "party": PARTY_TYPES,
    "legal": LEGAL_TYPES,
}

# Notation templates per family style (rules.md §1.2, §2.2, §2.4).
STATE_NOTATION = {"typed": "{number}/{type}-{org}", "untyped": "{number}/{org}-{unit}"}
PARTY_NOTATION = {"typed": "{number}-{type}/{org}", "untyped": "{number}-CV/{org}"}


def seed_document_types(document_type_model: Any) -> int:
    """Create the default document types that are missing; returns how many were added.

    Used by the data migration and by `build_office` (a flushed test database loses the
    migration's rows)."""
    added = 0
    for system, rows in SYSTEM_TYPES.items():
        for position, (name, abbreviation) in enumerate(rows, start=1):
            _, created = document_type_model.objects.get_or_create(
                system=system,
                organization=None,
                name=name,
                defaults={"abbreviation": abbreviation, "position": position},
            )
            added += created
    return added
