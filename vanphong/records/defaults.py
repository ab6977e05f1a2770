"""Retention rows seeded at installation (rules.md §3). The frame (Thông tư 10/2022/TT-BNV,
in force 15/02/2023; counted from the year the work ended) is MEDIUM confidence; every row
value below comes from the TT 09/2011-era table and is marked "cần đối chiếu" until an
administrator checks it against the official text. Party bodies follow the Party's own
table (Hướng dẫn 35-HD/VPTW): its rows are marked the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

STATE_BASIS = "Thông tư 10/2022/TT-BNV (giá trị theo bảng TT 09/2011, cần đối chiếu)"
PARTY_BASIS = "Hướng dẫn 35-HD/VPTW (cần đối chiếu)"
VALID_FROM = dt.date(2023, 2, 15)
PARTY_FROM = dt.date(2010, 10, 18)

#: (table, group code) -> group title
GROUPS: dict[tuple[str, str], str] = {
    ("state", "1"): "Tài liệu tổng hợp",
    ("state", "2"): "Quy hoạch, kế hoạch, thống kê",
    ("state", "3"): "Tổ chức, nhân sự",
    ("state", "4"): "Lao động, tiền lương",
    ("state", "9"): "Thanh tra, khiếu nại, tố cáo",
    ("state", "10"): "Thi đua, khen thưởng",
    ("state", "12"): "Hành chính, văn thư, lưu trữ",
    ("state", "14"): "Tổ chức Đảng và đoàn thể cơ quan",
    ("party", "1"): "Tài liệu của cấp ủy",
    ("party", "2"): "Tổ chức, đảng viên",
}
#: (table, group code, title, kind, years)
RULES: list[tuple[str, str, str, str, int | None]] = [
    ("state", "1", "Tập văn bản gửi chung (hồ sơ nguyên tắc)", "superseded", None),
    ("state", "1", "Văn bản gửi để biết (đổi tên, trụ sở, dấu, chữ ký…)", "years", 5),
    ("state", "1", "Hồ sơ hội nghị tổng kết năm của cơ quan", "permanent", None),
    ("state", "1", "Hồ sơ sơ kết tháng, quý, 6 tháng", "years", 5),
    ("state", "1", "Tập thông báo ý kiến, kết luận cuộc họp", "years", 10),
    ("state", "1", "Sổ ghi biên bản giao ban, sổ tay lãnh đạo", "years", 10),
    ("state", "1", "Tập công văn trao đổi về vấn đề chung", "years", 10),
    ("state", "2", "Kế hoạch, báo cáo năm của cơ quan", "permanent", None),
    ("state", "2", "Kế hoạch, báo cáo năm của cấp trên, đơn vị chức năng", "years", 10),
    ("state", "2", "Kế hoạch, báo cáo quý, 6 tháng, 9 tháng của cơ quan", "years", 20),
    ("state", "2", "Kế hoạch, báo cáo tháng, tuần của cơ quan", "years", 10),
    ("state", "2", "Kế hoạch, báo cáo đột xuất", "years", 10),
    ("state", "3", "Hồ sơ bổ nhiệm, điều động, luân chuyển cán bộ", "years", 70),
    ("state", "3", "Hồ sơ kỷ luật cán bộ", "years", 70),
    ("state", "3", "Hồ sơ gốc cán bộ, công chức, viên chức", "permanent", None),
    ("state", "4", "Hồ sơ giải quyết chế độ (hưu, tử tuất, BHXH…)", "years", 70),
    ("state", "9", "Hồ sơ thanh tra, giải quyết khiếu "
     "nại tố cáo vụ việc nghiêm trọng", "permanent", None),
    ("state", "10", "Hồ sơ khen thưởng của Chủ tịch nước, Thủ tướng", "permanent", None),
    ("state", "10", "Hồ sơ khen thưởng của Bộ trưởng, Chủ tịch UBND tỉnh", "years", 20),
    ("state", "10", "Hồ sơ khen thưởng của người đứng đầu cơ quan", "years", 10),
    ("state", "12", "Tập lưu, sổ đăng ký văn bản đi: chỉ "
     "thị, quyết định, quy định, quy chế, hướng dẫn", "permanent", None),
    ("state", "12", "Tập lưu, sổ đăng ký văn bản đi: văn bản khác", "years", 50),
    ("state", "12", "Sổ đăng ký văn bản đến", "years", 20),
    ("state", "12", "Hồ sơ quản lý, sử dụng con dấu", "years", 20),
    ("state", "12", "Kế hoạch, báo cáo năm về văn thư, lưu trữ", "permanent", None),
    ("state", "12", "Kế hoạch, báo cáo quý, tháng về văn thư, lưu trữ", "years", 10),
    ("state", "12", "Công văn trao đổi về văn thư, lưu trữ", "years", 10),
    ("state", "12", "Sổ cấp phát văn phòng phẩm", "years", 5),
    ("state", "14", "Công đoàn, Đoàn TN cơ quan: hồ sơ đại hội", "permanent", None),
    ("state", "14", "Công đoàn, Đoàn TN cơ quan: tổng kết năm", "permanent", None),
    ("state", "14", "Công đoàn, Đoàn TN cơ quan: báo cáo tháng, quý", "years", 10),
    ("state", "14", "Công đoàn, Đoàn TN cơ quan: sổ sách", "years", 20),
    ("party", "1", "Hồ sơ đại hội Đảng bộ", "permanent", None),
    ("party", "1", "Hồ sơ tổng kết năm, nhiệm kỳ", "permanent", None),
    ("party", "1", "Nghị quyết, chỉ thị, kết luận của cấp ủy", "permanent", None),
    ("party", "1", "Báo cáo tháng, quý", "years", 10),
    ("party", "2", "Hồ sơ đảng viên", "years", 70),
    ("party", "2", "Sổ đảng viên, sổ thu đảng phí", "years", 20),
]


def seed_retention_rules(model: Any) -> int:
    """Insert the seed rows into an empty table (a data migration and the tests call it)."""
    if model.objects.exists():
        return 0
    rows = []
    for position, (table, code, title, kind, years) in enumerate(RULES):
        rows.append(model(
            table=table, group_code=code, group_title=GROUPS[(table, code)], title=title,
            kind=kind,
            years=years, legal_basis=STATE_BASIS if table == "state" else PARTY_BASIS,
            valid_from=VALID_FROM if table == "state" else PARTY_FROM,
            needs_verification=True, position=position,
        ))
    model.objects.bulk_create(rows)
    return len(rows)
