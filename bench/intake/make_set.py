#!/usr/bin/env python
"""Generate the labelled set of document first pages for the intake accuracy benchmark.

Each sample is one JSON line of bench/intake/set.jsonl: the page as laid out (header
columns, number, date, marks, title, body, recipients, signature block) and the labels a
clerk would register (the fields of `vanphong.intake.extraction.Extraction`), plus tags
(family, level, type, year, messy). Deterministic: the same seed gives the same set.

    .venv/bin/python bench/intake/make_set.py            # writes bench/intake/set.jsonl
"""

from __future__ import annotations

import datetime as dt
import json
import random
import textwrap
from pathlib import Path

if __package__:
    from bench.intake import handwritten
else:
    import handwritten  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
SEED = 20261122

# (family, level, parent lines, issuer lines, notation body, place)
STATE_ISSUERS = [
    ("state", "tỉnh", [], ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"], "UBND", "Lâm Đồng"),
    ("state", "tỉnh", [], ["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK"], "UBND", "Đắk Lắk"),
    ("state", "tỉnh", [], ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], "UBND", "Quảng Ngãi"),
    ("state", "huyện", [], ["ỦY BAN NHÂN DÂN", "HUYỆN ĐỨC TRỌNG"], "UBND", "Đức Trọng"),
    ("state", "xã", [], ["ỦY BAN NHÂN DÂN", "XÃ TÂN HÒA"], "UBND", "Tân Hòa"),
    ("state", "tỉnh", ["UBND TỈNH LÂM ĐỒNG"], ["SỞ TÀI CHÍNH"], "STC", "Lâm Đồng"),
    ("state", "tỉnh", ["UBND TỈNH QUẢNG NGÃI"], ["SỞ NỘI VỤ"], "SNV", "Quảng Ngãi"),
    ("state", "tỉnh", ["UBND TỈNH NGHỆ AN"], ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"], "SGDĐT", "Nghệ An"),
    (
        "state",
        "tỉnh",
        ["UBND TỈNH LÂM ĐỒNG"],
        ["SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"],
        "SNNMT",
        "Lâm Đồng",
    ),
    ("state", "huyện", ["UBND HUYỆN LÂM HÀ"], ["PHÒNG TÀI CHÍNH - KẾ HOẠCH"], "TCKH", "Lâm Hà"),
    ("state", "trung ương", [], ["BỘ NỘI VỤ"], "BNV", "Hà Nội"),
    ("state", "trung ương", ["BỘ TÀI CHÍNH"], ["CỤC QUẢN LÝ CÔNG SẢN"], "QLCS", "Hà Nội"),
    ("state", "trung ương", [], ["VĂN PHÒNG CHÍNH PHỦ"], "VPCP", "Hà Nội"),
    ("state", "tỉnh", [], ["HỘI ĐỒNG NHÂN DÂN", "TỈNH LÂM ĐỒNG"], "HĐND", "Lâm Đồng"),
    (
        "state",
        "tỉnh",
        ["UBND TỈNH LÂM ĐỒNG"],
        ["BAN QUẢN LÝ DỰ ÁN", "ĐẦU TƯ XÂY DỰNG"],
        "BQLDA",
        "Lâm Đồng",
    ),
    ("state", "tỉnh", ["UBND TỈNH ĐẮK LẮK"], ["SỞ Y TẾ"], "SYT", "Đắk Lắk"),
]
PARTY_ISSUERS = [
    ("party", "tỉnh", ["ĐẢNG BỘ TỈNH LÂM ĐỒNG"], ["TỈNH ỦY"], "TU", "Lâm Đồng"),
    ("party", "tỉnh", ["ĐẢNG BỘ TỈNH NGHỆ AN"], ["TỈNH ỦY"], "TU", "Nghệ An"),
    ("party", "tỉnh", ["TỈNH ỦY LÂM ĐỒNG"], ["BAN TUYÊN GIÁO VÀ DÂN VẬN"], "BTGDVTU", "Lâm Đồng"),
    ("party", "tỉnh", ["TỈNH ỦY LÂM ĐỒNG"], ["VĂN PHÒNG"], "VPTU", "Lâm Đồng"),
    ("party", "tỉnh", ["TỈNH ỦY QUẢNG NGÃI"], ["ỦY BAN KIỂM TRA"], "UBKTTU", "Quảng Ngãi"),
    ("party", "huyện", ["ĐẢNG BỘ HUYỆN ĐỨC TRỌNG"], ["HUYỆN ỦY"], "HU", "Đức Trọng"),
    ("party", "xã", ["ĐẢNG BỘ XÃ TÂN HÒA"], ["ĐẢNG ỦY"], "ĐU", "Tân Hòa"),
    ("party", "trung ương", [], ["BAN CHẤP HÀNH TRUNG ƯƠNG"], "TW", "Hà Nội"),
]
# Mass organizations: (family, level, parent, issuer, notation, place, party-like heading)
FRONT_ISSUERS = [
    (
        "front",
        "tỉnh",
        ["ỦY BAN MTTQ VIỆT NAM", "TỈNH LÂM ĐỒNG"],
        ["BAN THƯỜNG TRỰC"],
        "MTTQ-BTT",
        "Lâm Đồng",
        "",
    ),
    (
        "front",
        "huyện",
        ["ỦY BAN MTTQ VIỆT NAM", "HUYỆN ĐỨC TRỌNG"],
        ["BAN THƯỜNG TRỰC"],
        "MTTQ-BTT",
        "Đức Trọng",
        "",
    ),
    (
        "front",
        "tỉnh",
        ["HỘI NÔNG DÂN TỈNH LÂM ĐỒNG"],
        ["BAN THƯỜNG VỤ"],
        "HNDT",
        "Lâm Đồng",
        "HỘI NÔNG DÂN VIỆT NAM",
    ),
    ("front", "tỉnh", ["HỘI LHPN TỈNH LÂM ĐỒNG"], ["BAN THƯỜNG VỤ"], "HPN", "Lâm Đồng", ""),
    ("front", "tỉnh", ["HỘI CCB TỈNH LÂM ĐỒNG"], ["BAN THƯỜNG VỤ"], "CCB", "Lâm Đồng", ""),
    (
        "front",
        "tỉnh",
        ["TỔNG LĐLĐ VIỆT NAM"],
        ["LIÊN ĐOÀN LAO ĐỘNG", "TỈNH LÂM ĐỒNG"],
        "LĐLĐ",
        "Lâm Đồng",
        "",
    ),
    ("front", "tỉnh", [], ["TỈNH ĐOÀN LÂM ĐỒNG"], "TĐTN", "Lâm Đồng", "ĐOÀN TNCS HỒ CHÍ MINH"),
]

# (title printed, abbreviation, type name)
STATE_TYPES = [
    ("QUYẾT ĐỊNH", "QĐ", "Quyết định"),
    ("KẾ HOẠCH", "KH", "Kế hoạch"),
    ("BÁO CÁO", "BC", "Báo cáo"),
    ("THÔNG BÁO", "TB", "Thông báo"),
    ("TỜ TRÌNH", "TTr", "Tờ trình"),
    ("CHỈ THỊ", "CT", "Chỉ thị"),
    ("HƯỚNG DẪN", "HD", "Hướng dẫn"),
    ("CHƯƠNG TRÌNH", "CTr", "Chương trình"),
    ("GIẤY MỜI", "GM", "Giấy mời"),
    ("", "", "Công văn"),
    ("", "", "Công văn"),
    ("", "", "Công văn"),
]
PARTY_TYPES = [
    ("NGHỊ QUYẾT", "NQ", "Nghị quyết"),
    ("CHỈ THỊ", "CT", "Chỉ thị"),
    ("KẾT LUẬN", "KL", "Kết luận"),
    ("QUYẾT ĐỊNH", "QĐ", "Quyết định"),
    ("THÔNG BÁO", "TB", "Thông báo"),
    ("BÁO CÁO", "BC", "Báo cáo"),
    ("KẾ HOẠCH", "KH", "Kế hoạch"),
    ("HƯỚNG DẪN", "HD", "Hướng dẫn"),
    ("CHƯƠNG TRÌNH", "CTr", "Chương trình"),
    ("THÔNG TRI", "TT", "Thông tri"),
    ("", "CV", "Công văn"),
    ("", "CV", "Công văn"),
]
TOPICS = [
    "triển khai thực hiện chuyển đổi số năm {y}",
    "tổ chức các hoạt động kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam",
    "tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "tổ chức Đại hội đại biểu các cấp nhiệm kỳ 2025 - 2030",
    "lập dự toán ngân sách nhà nước năm {y1}",
    "đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân",
    "kiểm tra, giám sát việc thực hiện Nghị quyết Đại hội Đảng bộ",
    "tổng kết công tác dân vận năm {y}",
    "phát động phong trào thi đua yêu nước giai đoạn 2026 - 2030",
    "bảo đảm an ninh trật tự trong dịp Tết Nguyên đán",
    "rà soát, sắp xếp đơn vị hành chính cấp xã",
    "hỗ trợ hộ nghèo, hộ cận nghèo xây dựng nhà ở",
    "tổ chức Hội thi nhà nông đua tài năm {y}",
    "tuyên truyền, phổ biến, giáo dục pháp luật năm {y}",
    "phòng, chống dịch bệnh trên đàn gia súc, gia cầm",
    "quản lý, sử dụng tài sản công tại cơ quan, đơn vị",
    "tuyển dụng công chức, viên chức năm {y}",
    "thực hiện chính sách đối với người có công với cách mạng",
    "xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
    "giải quyết khiếu nại, tố cáo của công dân",
    "học tập, quán triệt và triển khai thực hiện Nghị quyết của Trung ương",
    "chuẩn bị tổ chức Hội nghị sơ kết 6 tháng đầu năm {y}",
    "đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên năm {y}",
    "công tác bảo vệ bí mật nhà nước trong tình hình mới",
    "phát triển kinh tế tập thể, hợp tác xã trên địa bàn",
    "thực hiện Cuộc vận động Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
    "tổ chức Tháng hành động vì trẻ em năm {y}",
    "nâng cao chất lượng hoạt động của Hội Cựu chiến binh cơ sở",
    "chăm lo Tết cho đoàn viên, người lao động có hoàn cảnh khó khăn",
    "triển khai Chiến dịch Thanh niên tình nguyện hè năm {y}",
    "bồi dưỡng lý luận chính trị cho đảng viên mới",
    "công khai ngân sách và quyết toán năm {y0}",
    "phân công nhiệm vụ các thành viên Ban Chỉ đạo",
    "thành lập Tổ công tác liên ngành kiểm tra an toàn thực phẩm",
    "sử dụng hệ thống quản lý văn bản và điều hành",
    "đảm bảo trật tự an toàn giao thông năm {y}",
]
VERBS_STATE = ["Về việc ", "Về việc ", "Về "]
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Mai",
    "Trịnh",
    "Cao",
]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Hữu", "Thanh", "Quốc", "Ngọc", "Xuân", "Thị Thu"]
GIVEN = [
    "Hùng",
    "Lan",
    "Bình",
    "Mai",
    "Sơn",
    "Hà",
    "Tuấn",
    "Hiệp",
    "Dũng",
    "Hương",
    "Nam",
    "Phúc",
    "Thắng",
    "Long",
    "Hằng",
    "Tài",
    "Khoa",
    "Định",
    "Thảo",
    "Kim",
    "Quang",
]
BODY = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác",
    "văn thư; Xét đề nghị của Chánh Văn phòng.",
    "Thực hiện chỉ đạo của cấp trên, để triển khai có hiệu quả các nhiệm vụ trọng tâm,",
    "đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện tốt một số nội dung sau:",
    "1. Tổ chức quán triệt, phổ biến đến cán bộ, đảng viên và Nhân dân trên địa bàn.",
    "2. Rà soát, tổng hợp kết quả thực hiện, báo cáo trước ngày 20 hằng tháng.",
    "3. Bố trí kinh phí từ nguồn ngân sách được giao để thực hiện các nhiệm vụ.",
    "Trong quá trình thực hiện nếu có khó khăn, vướng mắc, đề nghị phản ánh kịp thời",
    "để tổng hợp, báo cáo cấp có thẩm quyền xem xét, giải quyết./.",
]
RECIPIENTS = [
    "Như trên;",
    "Thường trực Tỉnh ủy;",
    "Chủ tịch, các PCT UBND tỉnh;",
    "Các sở, ban, ngành;",
    "UBND các huyện, thành phố;",
    "Các huyện ủy, thị ủy;",
    "Ban Thường vụ các huyện đoàn;",
    "Các đồng chí Ủy viên Ban Thường vụ;",
    "Đảng ủy các xã, phường;",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _signature(
    rng: random.Random, family: str, issuer: list[str], parent: list[str], party_like: bool
) -> tuple[str, str, str | None]:
    """(capacity line, position, competence label)."""
    joined = " ".join(issuer)
    if family == "party" or party_like:
        body = "BAN THƯỜNG VỤ" if "BAN THƯỜNG VỤ" in joined else joined
        options = [
            (f"T/M {body}", "BÍ THƯ" if family == "party" else "CHỦ TỊCH", "T/M"),
            (
                "K/T BÍ THƯ" if family == "party" else "K/T CHỦ TỊCH",
                "PHÓ BÍ THƯ" if family == "party" else "PHÓ CHỦ TỊCH",
                "K/T",
            ),
        ]
        if joined.startswith("BAN ") and family == "party":
            options = [("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "K/T"), ("", "TRƯỞNG BAN", None)]
        if joined == "VĂN PHÒNG":
            options = [
                ("K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "K/T"),
                ("", "CHÁNH VĂN PHÒNG", None),
            ]
        return rng.choice(options)
    if joined.startswith("ỦY BAN NHÂN DÂN"):
        return rng.choice(
            [
                ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "TM."),
                ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT."),
                ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "TL."),
            ]
        )
    if joined.startswith("HỘI ĐỒNG NHÂN DÂN"):
        return rng.choice(
            [("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "TM."), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT.")]
        )
    if joined.startswith("BAN THƯỜNG"):
        return rng.choice(
            [(f"TM. {joined}", "CHỦ TỊCH", "TM."), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT.")]
        )
    if joined.startswith("BỘ"):
        return rng.choice([("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "KT."), ("", "BỘ TRƯỞNG", None)])
    if joined.startswith(("SỞ", "CỤC", "BAN QUẢN LÝ")):
        head = "CỤC TRƯỞNG" if joined.startswith("CỤC") else "GIÁM ĐỐC"
        return rng.choice(
            [
                (f"KT. {head}", f"PHÓ {head}", "KT."),
                ("", head, None),
                (
                    f"TUQ. {head}" if joined.startswith("SỞ") else f"KT. {head}",
                    "CHÁNH VĂN PHÒNG" if joined.startswith("SỞ") else f"PHÓ {head}",
                    "TUQ." if joined.startswith("SỞ") else "KT.",
                ),
            ]
        )
    if joined.startswith("PHÒNG"):
        return rng.choice(
            [("KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "KT."), ("", "TRƯỞNG PHÒNG", None)]
        )
    if joined.startswith("VĂN PHÒNG CHÍNH PHỦ"):
        return ("KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "KT.")
    if joined.startswith("LIÊN ĐOÀN"):
        return rng.choice(
            [("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "TM."), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT.")]
        )
    return ("", "CHỦ TỊCH", None)


def _date_text(day: dt.date, rng: random.Random, numeric: bool) -> str:
    if numeric:
        return f"{day:%d/%m/%Y}"
    d = f"{day.day:02d}" if day.day < 10 else str(day.day)
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {d} tháng {m} năm {day.year}"


def sample(index: int, rng: random.Random, messy: str | None) -> dict:
    pool = rng.random()
    if pool < 0.5:
        family, level, parent, issuer, org, place = rng.choice(STATE_ISSUERS)
        heading, party_like = "", False
    elif pool < 0.78:
        family, level, parent, issuer, org, place = rng.choice(PARTY_ISSUERS)
        heading, party_like = "ĐẢNG CỘNG SẢN VIỆT NAM", True
    else:
        family, level, parent, issuer, org, place, heading = rng.choice(FRONT_ISSUERS)
        party_like = bool(heading)
    party = family == "party" or party_like
    types = PARTY_TYPES if party else STATE_TYPES
    title, abbr, type_name = rng.choice(types)
    if org == "HĐND":
        title, abbr, type_name = rng.choice(
            [("NGHỊ QUYẾT", "NQ", "Nghị quyết"), ("", "", "Công văn"), ("BÁO CÁO", "BC", "Báo cáo")]
        )
    year = rng.randint(2015, 2026)
    day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    if day > dt.date(2026, 11, 15):
        day = day.replace(year=2025)
        year = 2025
    number = str(rng.randint(1, 2999 if family == "state" else 999))
    if party:
        notation = f"{abbr}/{org}" if not org.startswith("MTTQ") else f"{abbr}-{org}"
    else:
        unit = rng.choice(["VP", "KT", "NC", "TH", "NS"])
        notation = f"{abbr}-{org}" if abbr else f"{org}-{unit}"
    legal = family == "state" and abbr in {"QĐ", "NQ"} and rng.random() < 0.3
    if legal:
        notation = f"{year}/{notation}"
    topic = rng.choice(TOPICS).format(y=year, y1=year + 1, y0=year - 1)
    if title:
        if abbr in {"QĐ", "TB", "CT"} and not party:
            subject = rng.choice(VERBS_STATE) + topic
        elif party and abbr in {"NQ", "CT", "KL", "TT"}:
            subject = "về " + topic
        else:
            subject = topic[0].upper() + topic[1:]
    else:
        subject = "V/v " + topic
    capacity, position, competence = _signature(rng, family, issuer, parent, party_like)
    urgency = rng.choices(["", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"], [80, 12, 5, 3])[0]
    secrecy = rng.choices(["", "MẬT", "TỐI MẬT"], [90, 8, 2])[0]
    recipients = rng.sample(RECIPIENTS, rng.randint(1, 3))
    numeric_date = False
    number_label = "Số " if party else "Số: "
    code_printed = f"{number}-{notation}" if party else f"{number}/{notation}"
    stamp = ""
    labels_number, labels_notation = number, notation
    if (messy == "missing_hyphen" and not party) or (messy == "tu_tw" and org != "TW"):
        messy = "spaces"
    if messy == "spaces":
        code_printed = code_printed.replace("/", " / ", 1).replace("-", " - ", 1)
    elif messy == "no_colon":
        number_label = "Số " if not party else "Số: "
    elif messy == "no_diacritics":
        number_label = "So: " if not party else "So "
        code_printed = code_printed.replace("Đ", "D")
    elif messy == "double_hyphen":
        code_printed = code_printed.replace("-", "--", 1)
    elif messy == "missing_hyphen":
        code_printed = f"{number}{notation}"
    elif messy == "tu_tw":
        code_printed = code_printed.replace("/TW", "/TƯ")
    elif messy == "numeric_date":
        numeric_date = True
    elif messy == "stamp":
        stamp = rng.choice(["DỰ THẢO", "BẢN SAO"])
    elif messy == "suffix":
        number = labels_number = number + "a"
        code_printed = f"{number}-{notation}" if party else f"{number}/{notation}"
    date_text = _date_text(day, rng, numeric_date)
    date_line = f"{place}, {date_text}"
    signer = _name(rng)
    body = BODY[rng.randint(0, 3) :][: rng.randint(5, 9)]
    page = {
        "party": party,
        "heading": heading if party else "",
        "left": parent + issuer,
        "number_line": f"{number_label}{code_printed}",
        "right_date": date_line,
        "vv": subject if not title else "",
        "marks": [m for m in (urgency, secrecy) if m],
        "stamp": stamp,
        "title": title,
        "subject_lines": textwrap.wrap(subject, 62) if title else [],
        "body": body,
        "recipients": recipients,
        "capacity": capacity,
        "position": position,
        "signer": signer,
    }
    labels = {
        "organ_name": " ".join(issuer),
        "parent_body": " ".join(parent) or None,
        "code_number": labels_number,
        "code_notation": labels_notation,
        "issued_date": day.isoformat(),
        "place": place,
        "type_name": type_name,
        "subject": subject,
        "signer_position": position,
        "signer_name": signer,
        "competence": competence,
        "priority": {
            "": "Thường",
            "KHẨN": "Khẩn",
            "THƯỢNG KHẨN": "Thượng khẩn",
            "HỎA TỐC": "Hỏa tốc",
        }[urgency],
        "secrecy": {"": None, "MẬT": "Mật", "TỐI MẬT": "Tối mật"}[secrecy],
        "recipients": "; ".join(r.rstrip(";,.") for r in recipients),
    }
    tags = {"family": family, "level": level, "type": type_name, "year": year, "messy": messy or ""}
    return {"id": f"p{index:03d}", "page": page, "labels": labels, "tags": tags}


MESSY = [
    "spaces",
    "no_colon",
    "no_diacritics",
    "double_hyphen",
    "missing_hyphen",
    "tu_tw",
    "numeric_date",
    "stamp",
    "suffix",
]


def build(count: int = 165, messy_count: int = 40) -> list[dict]:
    rng = random.Random(SEED)
    samples = []
    for index in range(count):
        messy = MESSY[index % len(MESSY)] if index % (count // messy_count) == 0 else None
        samples.append(sample(index, rng, messy))
    return samples + handwritten.samples()


def main() -> None:
    samples = build()
    with open(HERE / "set.jsonl", "w", encoding="utf-8") as out:
        for item in samples:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(samples)} samples, {sum(1 for s in samples if s['tags']['messy'])} messy")


if __name__ == "__main__":
    main()
