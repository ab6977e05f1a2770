"""Who writes to the demo office (xã Tân Hòa, tỉnh Lâm Đồng) over 2015–2026, and the
office's own organizations as issuers of outgoing documents.

Each external body numbers in its real style (rules.md §1.2, §2.2, §2.4): state
`853/QĐ-UBND`, `1234/UBND-VX`; legal `12/2025/QĐ-UBND`, `30/2020/NĐ-CP`; Party-like
`15-NQ/TU`, `120-CV/BTCTU`; front `16/KH-MTTQ-BTT`. Bodies come and go with the reforms:
the district (huyện Đức Trọng) until 1/7/2025, the departments merged on 1/3/2025.

How often a body writes to one of our organizations follows a Zipf law over the bodies
that write to it, ranked by `rank` (lower is more frequent); the other provinces and
communes form a long tail with a fixed share (`TAIL_SHARE`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

STATE, PARTY = "state", "party"
REFORM = dt.date(2025, 7, 1)  # two-level local government: no more districts
MERGER = dt.date(2025, 3, 1)  # ministries, departments and Party boards merged
TAIL_SHARE = 0.04

# Party committees restart their numbers at each term (rules.md §2.2).
CENTRAL_TERMS = (dt.date(2011, 1, 19), dt.date(2016, 1, 28), dt.date(2021, 2, 1),
                 dt.date(2026, 1, 23))
PROVINCE_TERMS = (dt.date(2010, 10, 15), dt.date(2015, 10, 15), dt.date(2020, 10, 15),
                  dt.date(2025, 9, 26))
DISTRICT_TERMS = (dt.date(2010, 7, 20), dt.date(2015, 7, 20), dt.date(2020, 7, 25))
#: Terms of the commune's Party committee. The last two are the demo's (orgchart.py);
#: the loader declares the earlier ones, as an administrator would.
COMMUNE_TERMS = (dt.date(2010, 6, 20), dt.date(2015, 6, 25), dt.date(2020, 7, 10),
                 dt.date(2025, 8, 20))

# Type mixes (DocumentType names, weights) by kind of body. Legal types are used only
# by bodies that issue legal documents (`legal=True`).
MIXES: dict[str, dict[str, float]] = {
    "government": {"Nghị định": 48, "Nghị quyết": 40, "Chỉ thị": 4, "Công điện": 8},
    "premier": {"Quyết định": 55, "Chỉ thị": 14, "Công điện": 18, "Công văn": 13},
    "ministry": {"Công văn": 56, "Thông tư": 9, "Quyết định": 12, "Hướng dẫn": 8,
                 "Kế hoạch": 5, "Thông báo": 4, "Giấy mời": 3, "Báo cáo": 2, "Công điện": 1},
    "ubnd": {"Công văn": 47, "Quyết định": 18, "Kế hoạch": 9, "Thông báo": 6, "Giấy mời": 5,
             "Báo cáo": 4, "Chỉ thị": 1.2, "Công điện": 1, "Quyết định (QPPL)": 2,
             "Hướng dẫn": 1.5, "Chương trình": 1, "Tờ trình": 1, "Đề án": 0.5, "Phương án": 0.6,
             "Quy chế": 0.5, "Quy định": 0.3},
    "department": {"Công văn": 57, "Kế hoạch": 9, "Thông báo": 7, "Giấy mời": 7,
                   "Hướng dẫn": 6, "Quyết định": 6, "Báo cáo": 4, "Chương trình": 1,
                   "Công điện": 0.3},
    "council": {"Công văn": 34, "Nghị quyết": 18, "Nghị quyết (QPPL)": 4, "Thông báo": 8,
                "Giấy mời": 10, "Kế hoạch": 8, "Báo cáo": 9, "Chương trình": 4, "Tờ trình": 2},
    "council_board": {"Công văn": 45, "Kế hoạch": 20, "Báo cáo": 20, "Giấy mời": 10,
                      "Thông báo": 5},
    "party_top": {"Nghị quyết": 22, "Kết luận": 32, "Chỉ thị": 10, "Quyết định": 24,
                  "Quy định": 8, "Thông báo": 4},
    "party": {"Công văn": 40, "Kế hoạch": 10, "Thông báo": 10, "Hướng dẫn": 6,
              "Quyết định": 12, "Nghị quyết": 4, "Kết luận": 5, "Chỉ thị": 1.5, "Báo cáo": 5,
              "Chương trình": 2, "Bản sao": 4, "Thông tri": 0.5},
    "party_board": {"Công văn": 50, "Hướng dẫn": 15, "Kế hoạch": 12, "Thông báo": 8,
                    "Báo cáo": 5, "Quyết định": 5, "Chương trình": 2, "Giấy mời": 3},
    "front": {"Công văn": 45, "Kế hoạch": 15, "Hướng dẫn": 12, "Thông báo": 10,
              "Giấy mời": 5, "Báo cáo": 6, "Chương trình": 4, "Quyết định": 3},
    "mass": {"Công văn": 40, "Kế hoạch": 20, "Hướng dẫn": 12, "Thông báo": 8, "Báo cáo": 8,
             "Chương trình": 5, "Quyết định": 4, "Giấy mời": 3},
    "police": {"Công văn": 55, "Kế hoạch": 15, "Thông báo": 10, "Báo cáo": 8, "Giấy mời": 5,
               "Quyết định": 5, "Công điện": 2},
    "military": {"Công văn": 50, "Kế hoạch": 20, "Quyết định": 10, "Thông báo": 10,
                 "Giấy mời": 5, "Báo cáo": 5},
    "local": {"Báo cáo": 30, "Công văn": 30, "Tờ trình": 15, "Kế hoạch": 12, "Thông báo": 8,
              "Giấy mời": 5},
}
LEGAL_NAMES = frozenset({"Nghị định", "Thông tư", "Quyết định (QPPL)", "Nghị quyết (QPPL)"})


@dataclasses.dataclass(frozen=True, kw_only=True)
class Body:
    """An issuer outside our organizations (or one of them writing to another)."""

    name: str  # as the clerk writes it in the register
    lines: tuple[str, ...]  # printed issuer block, the body itself last
    code: str  # issuer part of the notation: "UBND", "SNV", "TU", "MTTQ-BTT"
    kind: str  # key of MIXES
    to: tuple[str, ...]  # which of our organizations it writes to
    rank: float  # lower = writes more often
    style: str = STATE
    units: tuple[str, ...] = ("",)  # drafting units in công văn codes
    head: str = "Giám đốc"
    deputy: str = "Phó Giám đốc"
    collective: str = ""  # signs "TM." / "T/M" for this body
    place: str = "Lâm Đồng"
    fields: tuple[str, ...] = ("office",)
    yearly: int = 2000  # documents it issues in a year, all types
    terms: tuple[dt.date, ...] = ()  # Party-like series restart at these dates
    legal: bool = False
    secret: bool = False  # may send secret documents
    since: dt.date | None = None
    until: dt.date | None = None  # exclusive
    superior: str = "UBND tỉnh"
    tail: bool = False

    def active(self, day: dt.date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day < self.until
        )


def _b(name: str, lines: tuple[str, ...], code: str, kind: str, to: tuple[str, ...],
       rank: float, **extra: object) -> Body:
    return Body(name=name, lines=lines, code=code, kind=kind, to=to, rank=rank,
                **extra)  # type: ignore[arg-type]


ALL_FRONT = ("MTTQ", "HND", "HPN", "ĐTN", "HCCB")
_PROV = ("UBND TỈNH LÂM ĐỒNG",)
_HUYEN = ("UBND HUYỆN ĐỨC TRỌNG",)
_TU = ("TỈNH ỦY LÂM ĐỒNG",)
_HU = ("HUYỆN ỦY ĐỨC TRỌNG",)
_UNTIL_MERGER = {"until": MERGER}
_SINCE_MERGER = {"since": MERGER}


def _department(name: str, short: str, code: str, units: tuple[str, ...], fields: tuple[str, ...],
                rank: float, **extra: object) -> Body:
    """A department of the province (Sở, Ban, Thanh tra)."""
    settings: dict[str, object] = {"units": units, "fields": fields, "yearly": 3500}
    settings.update(extra)
    return _b(f"{name} tỉnh Lâm Đồng", (*_PROV, short), code, "department", ("UBND",), rank,
              **settings)


def _district_office(name: str, code: str, fields: tuple[str, ...], rank: float,
                     head: str = "Trưởng phòng", deputy: str = "Phó Trưởng phòng",
                     kind: str = "department", to: tuple[str, ...] = ("UBND",),
                     **extra: object) -> Body:
    return _b(f"{name} huyện Đức Trọng", (*_HUYEN, name.upper()), code, kind, to, rank,
              fields=fields, head=head, deputy=deputy, place="Đức Trọng", yearly=900,
              superior="UBND huyện", until=REFORM, **extra)


BODIES: list[Body] = [
    # --- Central state bodies -----------------------------------------------------------
    _b("Chính phủ", ("CHÍNH PHỦ",), "CP", "government", ("UBND", "HĐND"), 30, legal=True,
       head="Thủ tướng", deputy="Phó Thủ tướng", collective="CHÍNH PHỦ", place="Hà Nội",
       yearly=450, fields=("office", "finance", "land", "personnel", "digital", "social"),
       superior="Ban Bí thư Trung ương Đảng"),
    _b("Thủ tướng Chính phủ", ("THỦ TƯỚNG CHÍNH PHỦ",), "TTg", "premier", ("UBND",), 28,
       units=("KTTH", "KGVX", "NN", "CN"), head="Thủ tướng", deputy="Phó Thủ tướng",
       place="Hà Nội", yearly=2200, fields=("disaster", "office", "digital", "investment",
                                            "newrural", "security"),
       superior="Ban Bí thư Trung ương Đảng"),
    _b("Văn phòng Chính phủ", ("VĂN PHÒNG CHÍNH PHỦ",), "VPCP", "ministry", ("UBND",), 36,
       units=("KSTT", "TH", "NN", "KGVX", "V.I"), head="Bộ trưởng, Chủ nhiệm",
       deputy="Phó Chủ nhiệm", place="Hà Nội", yearly=9000,
       fields=("office", "digital", "disaster"), superior="Thủ tướng Chính phủ"),
    _b("Bộ Nội vụ", ("BỘ NỘI VỤ",), "BNV", "ministry", ("UBND",), 32, legal=True,
       units=("CQĐP", "CCVC", "TCBC", "VTLTNN", "TĐKT"), head="Bộ trưởng",
       deputy="Thứ trưởng", place="Hà Nội", yearly=6000,
       fields=("personnel", "office", "emulation", "labour"), superior="Thủ tướng Chính phủ"),
    _b("Bộ Tài chính", ("BỘ TÀI CHÍNH",), "BTC", "ministry", ("UBND",), 34, legal=True,
       units=("NSNN", "QLCS", "HCSN", "ĐT"), head="Bộ trưởng", deputy="Thứ trưởng",
       place="Hà Nội", yearly=12000, fields=("finance", "investment", "tax"),
       superior="Thủ tướng Chính phủ"),
    _b("Bộ Kế hoạch và Đầu tư", ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ",), "BKHĐT", "ministry", ("UBND",), 40,
       legal=True, units=("TH", "KTĐP", "ĐTNN"), head="Bộ trưởng", deputy="Thứ trưởng",
       place="Hà Nội", yearly=7000, fields=("investment", "statistics"),
       superior="Thủ tướng Chính phủ", **_UNTIL_MERGER),
    _b("Bộ Nông nghiệp và Phát triển nông thôn", ("BỘ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"),
       "BNN", "ministry", ("UBND",), 38, legal=True, units=("TT", "CN", "TY", "KTHT"),
       head="Bộ trưởng", deputy="Thứ trưởng", place="Hà Nội", yearly=7000,
       fields=("agri", "forest", "newrural", "disaster"), superior="Thủ tướng Chính phủ",
       **_UNTIL_MERGER),
    _b("Bộ Tài nguyên và Môi trường", ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG",), "BTNMT", "ministry",
       ("UBND",), 41, legal=True, units=("QLĐĐ", "MT", "TNN"), head="Bộ trưởng",
       deputy="Thứ trưởng", place="Hà Nội", yearly=6000, fields=("land", "environment"),
       superior="Thủ tướng Chính phủ", **_UNTIL_MERGER),
    _b("Bộ Nông nghiệp và Môi trường", ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",), "BNNMT", "ministry",
       ("UBND",), 33, legal=True, units=("QLĐĐ", "MT", "TT", "CN", "KTHT"), head="Bộ trưởng",
       deputy="Thứ trưởng", place="Hà Nội", yearly=11000,
       fields=("agri", "land", "environment", "forest", "newrural", "disaster"),
       superior="Thủ tướng Chính phủ", **_SINCE_MERGER),
    _b("Bộ Y tế", ("BỘ Y TẾ",), "BYT", "ministry", ("UBND",), 42, legal=True,
       units=("DP", "KCB", "BH"), head="Bộ trưởng", deputy="Thứ trưởng", place="Hà Nội",
       yearly=7000, fields=("health", "population", "children"), superior="Thủ tướng Chính phủ"),
    _b("Bộ Giáo dục và Đào tạo", ("BỘ GIÁO DỤC VÀ ĐÀO TẠO",), "BGDĐT", "ministry", ("UBND",), 44,
       legal=True, units=("GDTrH", "GDMN", "GDTH"), head="Bộ trưởng", deputy="Thứ trưởng",
       place="Hà Nội", yearly=6000, fields=("education",), superior="Thủ tướng Chính phủ"),
    _b("Bộ Công an", ("BỘ CÔNG AN",), "BCA", "police", ("UBND",), 39, units=("C06", "V03"),
       head="Bộ trưởng", deputy="Thứ trưởng", place="Hà Nội", yearly=8000, secret=True,
       fields=("security", "digital", "fire"), superior="Thủ tướng Chính phủ"),
    _b("Bộ Tư pháp", ("BỘ TƯ PHÁP",), "BTP", "ministry", ("UBND",), 45, legal=True,
       units=("HTQTCT", "PBGDPL", "KTrVB"), head="Bộ trưởng", deputy="Thứ trưởng",
       place="Hà Nội", yearly=4000, fields=("justice",), superior="Thủ tướng Chính phủ"),
    _b("Bộ Văn hóa, Thể thao và Du lịch", ("BỘ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"), "BVHTTDL",
       "ministry", ("UBND",), 47, legal=True, units=("VHCS", "DSVH", "TDTT"), head="Bộ trưởng",
       deputy="Thứ trưởng", place="Hà Nội", yearly=4500,
       fields=("culture", "tourism", "sport"), superior="Thủ tướng Chính phủ"),
    _b("Bộ Thông tin và Truyền thông", ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG",), "BTTTT", "ministry",
       ("UBND",), 46, legal=True, units=("CĐSQG", "THH", "TTCS"), head="Bộ trưởng",
       deputy="Thứ trưởng", place="Hà Nội", yearly=4500, fields=("digital", "culture"),
       superior="Thủ tướng Chính phủ", **_UNTIL_MERGER),
    _b("Bộ Khoa học và Công nghệ", ("BỘ KHOA HỌC VÀ CÔNG NGHỆ",), "BKHCN", "ministry",
       ("UBND",), 43, legal=True, units=("CĐSQG", "THH", "ĐMST"), head="Bộ trưởng",
       deputy="Thứ trưởng", place="Hà Nội", yearly=6000, fields=("digital",),
       superior="Thủ tướng Chính phủ"),
    _b("Bộ Lao động - Thương binh và Xã hội", ("BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"),
       "BLĐTBXH", "ministry", ("UBND",), 40, legal=True, units=("NCC", "BTXH", "VPQGGN"),
       head="Bộ trưởng", deputy="Thứ trưởng", place="Hà Nội", yearly=6000,
       fields=("social", "poverty", "labour", "children"), superior="Thủ tướng Chính phủ",
       **_UNTIL_MERGER),
    _b("Bộ Xây dựng", ("BỘ XÂY DỰNG",), "BXD", "ministry", ("UBND",), 48, legal=True,
       units=("QLN", "HĐXD", "KTQH"), head="Bộ trưởng", deputy="Thứ trưởng", place="Hà Nội",
       yearly=5000, fields=("construction", "transport"), superior="Thủ tướng Chính phủ"),
    _b("Bộ Công Thương", ("BỘ CÔNG THƯƠNG",), "BCT", "ministry", ("UBND",), 50, legal=True,
       units=("TTTN", "ĐL", "XTTM"), head="Bộ trưởng", deputy="Thứ trưởng", place="Hà Nội",
       yearly=6000, fields=("trade",), superior="Thủ tướng Chính phủ"),
    _b("Ủy ban Dân tộc", ("ỦY BAN DÂN TỘC",), "UBDT", "ministry", ("UBND",), 52, legal=True,
       units=("CSDT", "VP"), head="Bộ trưởng, Chủ nhiệm", deputy="Thứ trưởng, Phó Chủ nhiệm",
       place="Hà Nội", yearly=2500, fields=("ethnic",), superior="Thủ tướng Chính phủ",
       **_UNTIL_MERGER),
    _b("Bộ Dân tộc và Tôn giáo", ("BỘ DÂN TỘC VÀ TÔN GIÁO",), "BDTTG", "ministry", ("UBND",), 51,
       legal=True, units=("CSDT", "TG"), head="Bộ trưởng", deputy="Thứ trưởng",
       place="Hà Nội", yearly=3000, fields=("ethnic", "religion"),
       superior="Thủ tướng Chính phủ", **_SINCE_MERGER),
    _b("Thanh tra Chính phủ", ("THANH TRA CHÍNH PHỦ",), "TTCP", "ministry", ("UBND",), 55,
       legal=True, units=("C.IV", "VP"), head="Tổng Thanh tra", deputy="Phó Tổng Thanh tra",
       place="Hà Nội", yearly=2500, fields=("inspection",), superior="Thủ tướng Chính phủ"),
    _b("Bảo hiểm xã hội Việt Nam", ("BẢO HIỂM XÃ HỘI VIỆT NAM",), "BHXH", "ministry",
       ("UBND",), 54, units=("TST", "QLT", "CSYT"), head="Tổng Giám đốc",
       deputy="Phó Tổng Giám đốc", place="Hà Nội", yearly=5000, fields=("insurance",),
       superior="Bộ Tài chính"),
    # --- Central Party and front bodies -------------------------------------------------
    _b("Ban Chấp hành Trung ương Đảng", ("BAN CHẤP HÀNH TRUNG ƯƠNG",), "TW", "party_top",
       ("ĐU",), 12, style=PARTY, terms=CENTRAL_TERMS, head="Tổng Bí thư",
       deputy="Thường trực Ban Bí thư", collective="BAN CHẤP HÀNH TRUNG ƯƠNG", place="Hà Nội",
       yearly=120, fields=("party_building", "propaganda", "party_inspection", "digital"),
       superior="Các tỉnh ủy, thành ủy"),
    _b("Bộ Chính trị", ("BAN CHẤP HÀNH TRUNG ƯƠNG",), "TW", "party_top", ("ĐU",), 14,
       style=PARTY, terms=CENTRAL_TERMS, head="Tổng Bí thư", deputy="Thường trực Ban Bí thư",
       collective="BỘ CHÍNH TRỊ", place="Hà Nội", yearly=120,
       fields=("party_building", "digital", "investment", "personnel"),
       superior="Các tỉnh ủy, thành ủy"),
    _b("Ban Bí thư Trung ương Đảng", ("BAN CHẤP HÀNH TRUNG ƯƠNG",), "TW", "party_top", ("ĐU",),
       16, style=PARTY, terms=CENTRAL_TERMS, head="Tổng Bí thư",
       deputy="Thường trực Ban Bí thư", collective="BAN BÍ THƯ", place="Hà Nội", yearly=120,
       fields=("party_building", "propaganda", "mass_mobilization"),
       superior="Các tỉnh ủy, thành ủy"),
    _b("Ban Tổ chức Trung ương", ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TỔ CHỨC"), "BTCTW",
       "party_board", ("ĐU",), 24, style=PARTY, terms=CENTRAL_TERMS, head="Trưởng ban",
       deputy="Phó Trưởng ban", place="Hà Nội", yearly=900,
       fields=("party_building", "personnel", "congress"), superior="Ban Bí thư"),
    _b("Ban Tuyên giáo Trung ương", ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TUYÊN GIÁO"), "BTGTW",
       "party_board", ("ĐU", "MTTQ"), 26, style=PARTY, terms=CENTRAL_TERMS, head="Trưởng ban",
       deputy="Phó Trưởng ban", place="Hà Nội", yearly=900, fields=("propaganda",),
       superior="Ban Bí thư", **_UNTIL_MERGER),
    _b("Ban Tuyên giáo và Dân vận Trung ương", ("BAN CHẤP HÀNH TRUNG ƯƠNG",
       "BAN TUYÊN GIÁO VÀ DÂN VẬN"), "BTGDVTW", "party_board", ("ĐU", "MTTQ"), 25,
       style=PARTY, terms=CENTRAL_TERMS, head="Trưởng ban", deputy="Phó Trưởng ban",
       place="Hà Nội", yearly=1200, fields=("propaganda", "mass_mobilization"),
       superior="Ban Bí thư", **_SINCE_MERGER),
    _b("Văn phòng Trung ương Đảng", ("BAN CHẤP HÀNH TRUNG ƯƠNG", "VĂN PHÒNG"), "VPTW",
       "party_board", ("ĐU",), 30, style=PARTY, terms=CENTRAL_TERMS, head="Chánh Văn phòng",
       deputy="Phó Chánh Văn phòng", place="Hà Nội", yearly=800,
       fields=("office", "digital", "party_building"), superior="Ban Bí thư"),
    _b("Ủy ban Kiểm tra Trung ương", ("BAN CHẤP HÀNH TRUNG ƯƠNG", "ỦY BAN KIỂM TRA"),
       "UBKTTW", "party_board", ("ĐU",), 29, style=PARTY, terms=CENTRAL_TERMS,
       head="Chủ nhiệm", deputy="Phó Chủ nhiệm", place="Hà Nội", yearly=600,
       fields=("party_inspection",), superior="Ban Bí thư"),
    _b("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", ("ỦY BAN TRUNG ƯƠNG",
       "MẶT TRẬN TỔ QUỐC VIỆT NAM"), "MTTW-BTT", "front", ALL_FRONT, 20, head="Chủ tịch",
       deputy="Phó Chủ tịch", collective="BAN THƯỜNG TRỰC", place="Hà Nội", yearly=900,
       fields=("front", "mass_mobilization", "election", "disaster"),
       superior="Ban Bí thư Trung ương Đảng"),
    _b("Trung ương Hội Nông dân Việt Nam", ("HỘI NÔNG DÂN VIỆT NAM",
       "BAN CHẤP HÀNH TRUNG ƯƠNG"), "HNDTW", "mass", ("HND",), 6, style=PARTY,
       head="Chủ tịch", deputy="Phó Chủ tịch", collective="BAN THƯỜNG VỤ", place="Hà Nội",
       yearly=900, fields=("farmers", "agri", "newrural"), superior="Ban Bí thư"),
    _b("Trung ương Hội Liên hiệp Phụ nữ Việt Nam", ("HỘI LHPN VIỆT NAM",
       "ĐOÀN CHỦ TỊCH"), "ĐCT", "mass", ("HPN",), 6, units=("", "TG", "GĐXH"),
       head="Chủ tịch", deputy="Phó Chủ tịch", collective="ĐOÀN CHỦ TỊCH", place="Hà Nội",
       yearly=900, fields=("women", "children", "social"), superior="Ban Bí thư"),
    _b("Trung ương Đoàn TNCS Hồ Chí Minh", ("BAN CHẤP HÀNH TRUNG ƯƠNG",
       "ĐOÀN TNCS HỒ CHÍ MINH"), "TWĐTN", "mass", ("ĐTN",), 6, style=PARTY,
       units=("VP", "BTG", "BTC", "BPT"), head="Bí thư thứ nhất", deputy="Bí thư",
       collective="BAN BÍ THƯ", place="Hà Nội", yearly=1500, fields=("youth", "digital"),
       superior="Ban Bí thư"),
    _b("Trung ương Hội Cựu chiến binh Việt Nam", ("HỘI CỰU CHIẾN BINH VIỆT NAM",
       "BAN CHẤP HÀNH TRUNG ƯƠNG"), "CCB", "mass", ("HCCB",), 6, head="Chủ tịch",
       deputy="Phó Chủ tịch", collective="BAN THƯỜNG VỤ", place="Hà Nội", yearly=700,
       fields=("veterans", "defense"), superior="Ban Bí thư"),
    # --- The province: state ------------------------------------------------------------
    _b("UBND tỉnh Lâm Đồng", ("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"), "UBND", "ubnd",
       ("UBND", "HĐND", "ĐU"), 3, units=("VX", "KT", "TH", "NC", "XD", "NN", "ĐC", "KSTT"),
       head="Chủ tịch", deputy="Phó Chủ tịch", collective="ỦY BAN NHÂN DÂN", legal=True,
       yearly=14000, secret=True,
       fields=("office", "finance", "land", "agri", "digital", "personnel", "disaster",
               "investment", "newrural", "social", "security", "education", "health"),
       superior="Thường trực Tỉnh ủy"),
    _b("Văn phòng UBND tỉnh Lâm Đồng", ("UBND TỈNH LÂM ĐỒNG", "VĂN PHÒNG"), "VPUBND",
       "department", ("UBND",), 14, units=("TH", "KSTT", "HCTC"), head="Chánh Văn phòng",
       deputy="Phó Chánh Văn phòng", yearly=4000, fields=("office", "digital")),
    _department("Sở Nội vụ", "SỞ NỘI VỤ", "SNV", ("CCVC", "TCBC", "CQĐP", "LĐVL", "TĐKT",
                "VTLT"), ("personnel", "office", "emulation", "religion", "labour"), 6),
    _department("Sở Tài chính", "SỞ TÀI CHÍNH", "STC", ("QLNS", "ĐT", "QLGCS", "TCDN"),
                ("finance", "investment"), 7),
    _department("Sở Kế hoạch và Đầu tư", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT", ("TH", "ĐKKD"),
                ("investment", "statistics"), 12, **_UNTIL_MERGER),
    _department("Sở Tài nguyên và Môi trường", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "STNMT",
                ("QLĐĐ", "MT", "TNN"), ("land", "environment"), 8, **_UNTIL_MERGER),
    _department("Sở Nông nghiệp và Phát triển nông thôn", "SỞ NÔNG NGHIỆP VÀ PTNT", "SNN",
                ("TT", "CN", "KL", "TL"), ("agri", "forest", "newrural", "disaster"), 9,
                **_UNTIL_MERGER),
    _department("Sở Nông nghiệp và Môi trường", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "SNNMT",
                ("QLĐĐ", "MT", "TL", "CCKL", "CNTY", "TTBVTV"),
                ("agri", "land", "environment", "forest", "newrural", "disaster"), 5,
                **_SINCE_MERGER),
    _department("Sở Xây dựng", "SỞ XÂY DỰNG", "SXD", ("QLN", "QLXD", "HTKT", "QLGT"),
                ("construction", "transport"), 15),
    _department("Sở Giao thông vận tải", "SỞ GIAO THÔNG VẬN TẢI", "SGTVT", ("QLGT", "VT"),
                ("transport",), 22, **_UNTIL_MERGER),
    _department("Sở Y tế", "SỞ Y TẾ", "SYT", ("NVY", "KHTC", "ATTP", "BTXH"),
                ("health", "population", "children"), 13),
    _department("Sở Giáo dục và Đào tạo", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT",
                ("GDTrH", "GDMN", "TCCB"), ("education",), 16),
    _department("Sở Văn hóa, Thể thao và Du lịch", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
                "SVHTTDL", ("QLVH", "QLTDTT", "QLDL"), ("culture", "tourism", "sport"), 17),
    _department("Sở Khoa học và Công nghệ", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN",
                ("CĐS", "BCVT", "TTBC", "QLKH"), ("digital",), 18),
    _department("Sở Thông tin và Truyền thông", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT",
                ("CNTT", "TTBCXB", "BCVT"), ("digital", "culture"), 14, **_UNTIL_MERGER),
    _department("Sở Tư pháp", "SỞ TƯ PHÁP", "STP", ("HCTP", "XDKTVB", "PBGDPL"),
                ("justice",), 19),
    _department("Sở Công Thương", "SỞ CÔNG THƯƠNG", "SCT", ("QLTM", "QLCN", "QLNL"),
                ("trade",), 24),
    _department("Sở Lao động - Thương binh và Xã hội", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                "SLĐTBXH", ("NCC", "BTXH", "LĐVL", "GN"),
                ("social", "poverty", "labour", "children"), 10, **_UNTIL_MERGER),
    _department("Ban Dân tộc", "BAN DÂN TỘC", "BDT", ("CSDT", "VP"), ("ethnic",), 23,
                head="Trưởng ban", deputy="Phó Trưởng ban", **_UNTIL_MERGER),
    _department("Sở Dân tộc và Tôn giáo", "SỞ DÂN TỘC VÀ TÔN GIÁO", "SDTTG", ("CSDT", "TG"),
                ("ethnic", "religion"), 22, **_SINCE_MERGER),
    _department("Thanh tra tỉnh", "THANH TRA TỈNH", "TTr", ("NV1", "NV3", "PCTN"),
                ("inspection",), 25, head="Chánh Thanh tra", deputy="Phó Chánh Thanh tra"),
    _b("Công an tỉnh Lâm Đồng", ("UBND TỈNH LÂM ĐỒNG", "CÔNG AN TỈNH"), "CAT", "police",
       ("UBND",), 9, units=("PV01", "PC06", "PC07", "PC08", "PA03"), yearly=9000, secret=True,
       fields=("security", "fire", "digital"), superior="Bộ Công an"),
    _b("Bộ Chỉ huy Quân sự tỉnh Lâm Đồng", ("QUÂN KHU 7", "BỘ CHỈ HUY QUÂN SỰ TỈNH LÂM ĐỒNG"),
       "BCH", "military", ("UBND", "ĐTN"), 15, units=("TM", "CT", "HC"), yearly=3000,
       head="Chỉ huy trưởng", deputy="Phó Chỉ huy trưởng", secret=True,
       fields=("defense",), superior="Bộ Tư lệnh Quân khu 7"),
    _b("Bảo hiểm xã hội tỉnh Lâm Đồng", ("BẢO HIỂM XÃ HỘI VIỆT NAM",
       "BẢO HIỂM XÃ HỘI TỈNH LÂM ĐỒNG"), "BHXH", "department", ("UBND",), 16,
       units=("QLT", "TST", "CĐBHXH"), yearly=3000, fields=("insurance",),
       superior="Bảo hiểm xã hội Việt Nam"),
    _b("Kho bạc Nhà nước Lâm Đồng", ("KHO BẠC NHÀ NƯỚC", "KHO BẠC NHÀ NƯỚC LÂM ĐỒNG"),
       "KBLĐ", "department", ("UBND",), 21, units=("KSC", "KTNN"), yearly=2500,
       fields=("treasury", "finance"), superior="Kho bạc Nhà nước", **_UNTIL_MERGER),
    _b("Kho bạc Nhà nước khu vực XV", ("KHO BẠC NHÀ NƯỚC", "KHO BẠC NHÀ NƯỚC KHU VỰC XV"),
       "KBNNXV", "department", ("UBND",), 21, units=("KSC", "KTNN"), yearly=3000,
       fields=("treasury", "finance"), superior="Kho bạc Nhà nước", **_SINCE_MERGER),
    _b("Cục Thuế tỉnh Lâm Đồng", ("TỔNG CỤC THUẾ", "CỤC THUẾ TỈNH LÂM ĐỒNG"), "CTLĐO",
       "department", ("UBND",), 20, units=("QLKK", "NVDTPC", "TTHT"), yearly=5000,
       head="Cục trưởng", deputy="Phó Cục trưởng", fields=("tax",), superior="Tổng cục Thuế",
       **_UNTIL_MERGER),
    _b("Thuế tỉnh Lâm Đồng", ("CỤC THUẾ", "THUẾ TỈNH LÂM ĐỒNG"), "TLĐ", "department",
       ("UBND",), 20, units=("QLKK", "NVDT"), yearly=5000, head="Trưởng Thuế tỉnh",
       deputy="Phó Trưởng Thuế tỉnh", fields=("tax",), superior="Cục Thuế", **_SINCE_MERGER),
    _b("Ngân hàng Chính sách xã hội chi nhánh tỉnh Lâm Đồng", ("NGÂN HÀNG CHÍNH SÁCH XÃ HỘI",
       "CHI NHÁNH TỈNH LÂM ĐỒNG"), "NHCS", "department", ("UBND", "HND", "HPN", "HCCB", "ĐTN"),
       26, units=("KHNV",), yearly=1500, fields=("credit", "poverty"),
       superior="Ngân hàng Chính sách xã hội"),
    _b("Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", ("UBND TỈNH LÂM ĐỒNG",
       "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"), "TTPVHCC", "department", ("UBND",), 30,
       yearly=1200, fields=("office", "digital"), since=dt.date(2022, 1, 1)),
    # --- The province: elected bodies ----------------------------------------------------
    _b("Thường trực HĐND tỉnh Lâm Đồng", ("HỘI ĐỒNG NHÂN DÂN", "TỈNH LÂM ĐỒNG"), "HĐND",
       "council", ("HĐND", "UBND"), 4, units=("VP", "TT"), head="Chủ tịch",
       deputy="Phó Chủ tịch", collective="THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", legal=True,
       yearly=900, fields=("elected", "finance", "investment", "social"),
       superior="Thường trực Tỉnh ủy"),
    _b("Ban Kinh tế - Ngân sách HĐND tỉnh Lâm Đồng", ("HĐND TỈNH LÂM ĐỒNG",
       "BAN KINH TẾ - NGÂN SÁCH"), "BKTNS", "council_board", ("HĐND",), 12,
       head="Trưởng ban", deputy="Phó Trưởng ban", yearly=200,
       fields=("elected", "finance", "investment"), superior="Thường trực HĐND tỉnh"),
    _b("Ban Văn hóa - Xã hội HĐND tỉnh Lâm Đồng", ("HĐND TỈNH LÂM ĐỒNG",
       "BAN VĂN HÓA - XÃ HỘI"), "BVHXH", "council_board", ("HĐND",), 13, head="Trưởng ban",
       deputy="Phó Trưởng ban", yearly=200, fields=("elected", "education", "health", "social"),
       superior="Thường trực HĐND tỉnh"),
    _b("Ban Pháp chế HĐND tỉnh Lâm Đồng", ("HĐND TỈNH LÂM ĐỒNG", "BAN PHÁP CHẾ"), "BPC",
       "council_board", ("HĐND",), 14, head="Trưởng ban", deputy="Phó Trưởng ban", yearly=200,
       fields=("elected", "justice", "security"), superior="Thường trực HĐND tỉnh"),
    _b("Ban Dân tộc HĐND tỉnh Lâm Đồng", ("HĐND TỈNH LÂM ĐỒNG", "BAN DÂN TỘC"), "BDT",
       "council_board", ("HĐND",), 16, head="Trưởng ban", deputy="Phó Trưởng ban", yearly=150,
       fields=("elected", "ethnic"), superior="Thường trực HĐND tỉnh"),
    _b("Đoàn đại biểu Quốc hội tỉnh Lâm Đồng", ("QUỐC HỘI", "ĐOÀN ĐBQH TỈNH LÂM ĐỒNG"),
       "ĐĐBQH", "council_board", ("HĐND", "MTTQ"), 11, units=("VP",), head="Trưởng đoàn",
       deputy="Phó Trưởng đoàn", yearly=300, fields=("elected",),
       superior="Ủy ban Thường vụ Quốc hội"),
    _b("Ủy ban bầu cử tỉnh Lâm Đồng", ("ỦY BAN BẦU CỬ", "TỈNH LÂM ĐỒNG"), "UBBC", "council",
       ("HĐND", "UBND", "MTTQ"), 9, head="Chủ tịch", deputy="Phó Chủ tịch",
       collective="ỦY BAN BẦU CỬ", yearly=500, fields=("election",),
       superior="Hội đồng bầu cử quốc gia"),
    # --- The province: Party ------------------------------------------------------------
    _b("Tỉnh ủy Lâm Đồng", ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "TỈNH ỦY"), "TU", "party",
       ("ĐU", "UBND", "MTTQ"), 2, style=PARTY, terms=PROVINCE_TERMS, head="Bí thư",
       deputy="Phó Bí thư", collective="BAN THƯỜNG VỤ", yearly=3000, secret=True,
       fields=("party_building", "propaganda", "party_inspection", "congress", "personnel",
               "mass_mobilization", "digital"), superior="Ban Bí thư Trung ương Đảng"),
    _b("Văn phòng Tỉnh ủy Lâm Đồng", (*_TU, "VĂN PHÒNG"), "VPTU", "party_board", ("ĐU",), 6,
       style=PARTY, terms=PROVINCE_TERMS, head="Chánh Văn phòng", deputy="Phó Chánh Văn phòng",
       yearly=900, fields=("office", "party_building", "digital"),
       superior="Thường trực Tỉnh ủy"),
    _b("Ban Tổ chức Tỉnh ủy Lâm Đồng", (*_TU, "BAN TỔ CHỨC"), "BTCTU", "party_board", ("ĐU",),
       4, style=PARTY, terms=PROVINCE_TERMS, head="Trưởng ban", deputy="Phó Trưởng ban",
       yearly=1200, secret=True, fields=("party_building", "personnel", "congress"),
       superior="Thường trực Tỉnh ủy"),
    _b("Ban Tuyên giáo Tỉnh ủy Lâm Đồng", (*_TU, "BAN TUYÊN GIÁO"), "BTGTU", "party_board",
       ("ĐU", "MTTQ"), 5, style=PARTY, terms=PROVINCE_TERMS, head="Trưởng ban",
       deputy="Phó Trưởng ban", yearly=900, fields=("propaganda", "education", "culture"),
       superior="Thường trực Tỉnh ủy", **_UNTIL_MERGER),
    _b("Ban Dân vận Tỉnh ủy Lâm Đồng", (*_TU, "BAN DÂN VẬN"), "BDVTU", "party_board",
       ("ĐU", "MTTQ", "HND", "HPN"), 8, style=PARTY, terms=PROVINCE_TERMS, head="Trưởng ban",
       deputy="Phó Trưởng ban", yearly=700, fields=("mass_mobilization", "religion", "ethnic"),
       superior="Thường trực Tỉnh ủy", **_UNTIL_MERGER),
    _b("Ban Tuyên giáo và Dân vận Tỉnh ủy Lâm Đồng", (*_TU, "BAN TUYÊN GIÁO VÀ DÂN VẬN"),
       "BTGDVTU", "party_board", ("ĐU", "MTTQ", "HND", "HPN"), 5, style=PARTY,
       terms=PROVINCE_TERMS, head="Trưởng ban", deputy="Phó Trưởng ban", yearly=1200,
       fields=("propaganda", "mass_mobilization", "culture"), superior="Thường trực Tỉnh ủy",
       **_SINCE_MERGER),
    _b("Ủy ban Kiểm tra Tỉnh ủy Lâm Đồng", (*_TU, "ỦY BAN KIỂM TRA"), "UBKTTU", "party_board",
       ("ĐU",), 7, style=PARTY, terms=PROVINCE_TERMS, head="Chủ nhiệm", deputy="Phó Chủ nhiệm",
       yearly=600, secret=True, fields=("party_inspection",), superior="Thường trực Tỉnh ủy"),
    _b("Ban Nội chính Tỉnh ủy Lâm Đồng", (*_TU, "BAN NỘI CHÍNH"), "BNCTU", "party_board",
       ("ĐU",), 11, style=PARTY, terms=PROVINCE_TERMS, head="Trưởng ban",
       deputy="Phó Trưởng ban", yearly=400, fields=("inspection", "security", "justice"),
       superior="Thường trực Tỉnh ủy"),
    _b("Trường Chính trị tỉnh Lâm Đồng", ("UBND TỈNH LÂM ĐỒNG", "TRƯỜNG CHÍNH TRỊ"), "TCT",
       "department", ("ĐU",), 18, head="Hiệu trưởng", deputy="Phó Hiệu trưởng", yearly=500,
       fields=("propaganda", "personnel"), superior="Ban Thường vụ Tỉnh ủy"),
    # --- The province: front and mass organizations ---------------------------------------
    _b("Ủy ban MTTQ Việt Nam tỉnh Lâm Đồng", ("ỦY BAN MTTQ VIỆT NAM", "TỈNH LÂM ĐỒNG"),
       "MTTQ-BTT", "front", ("MTTQ", "HND", "HPN", "ĐTN", "HCCB", "UBND"), 3,
       head="Chủ tịch", deputy="Phó Chủ tịch", collective="BAN THƯỜNG TRỰC", yearly=1000,
       fields=("front", "mass_mobilization", "election", "religion", "poverty"),
       superior="Ủy ban Trung ương MTTQ Việt Nam"),
    _b("Hội Nông dân tỉnh Lâm Đồng", ("HỘI NÔNG DÂN TỈNH LÂM ĐỒNG", "BAN THƯỜNG VỤ"), "HNDT",
       "mass", ("HND",), 2, style=PARTY, head="Chủ tịch", deputy="Phó Chủ tịch",
       collective="BAN THƯỜNG VỤ", yearly=600, fields=("farmers", "agri", "credit"),
       superior="Trung ương Hội Nông dân Việt Nam"),
    _b("Hội Liên hiệp Phụ nữ tỉnh Lâm Đồng", ("HỘI LHPN VIỆT NAM", "HỘI LHPN TỈNH LÂM ĐỒNG"),
       "HLHPN", "mass", ("HPN",), 2, units=("", "TG", "GĐXH"), head="Chủ tịch",
       deputy="Phó Chủ tịch", collective="BAN THƯỜNG VỤ", yearly=600,
       fields=("women", "children", "credit"), superior="Trung ương Hội LHPN Việt Nam"),
    _b("Tỉnh Đoàn Lâm Đồng", ("BCH ĐOÀN TỈNH LÂM ĐỒNG",), "TĐTN", "mass", ("ĐTN",), 2,
       style=PARTY, units=("VP", "PT", "TNTH", "TCKT", "TG"), head="Bí thư",
       deputy="Phó Bí thư", collective="BAN THƯỜNG VỤ TỈNH ĐOÀN", yearly=1000,
       fields=("youth", "digital", "defense"), superior="Trung ương Đoàn"),
    _b("Hội Cựu chiến binh tỉnh Lâm Đồng", ("HỘI CCB VIỆT NAM", "HỘI CCB TỈNH LÂM ĐỒNG"),
       "CCB", "mass", ("HCCB",), 2, units=("", "TC", "TG"), head="Chủ tịch",
       deputy="Phó Chủ tịch", collective="BAN THƯỜNG VỤ", yearly=400,
       fields=("veterans", "defense", "poverty"), superior="Trung ương Hội CCB Việt Nam"),
    _b("Liên đoàn Lao động tỉnh Lâm Đồng", ("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
       "LIÊN ĐOÀN LAO ĐỘNG TỈNH LÂM ĐỒNG"), "LĐLĐ", "mass", ("UBND", "MTTQ"), 28,
       head="Chủ tịch", deputy="Phó Chủ tịch", collective="BAN THƯỜNG VỤ", yearly=800,
       fields=("labour", "emulation"), superior="Tổng Liên đoàn Lao động Việt Nam"),
    _b("Hội Chữ thập đỏ tỉnh Lâm Đồng", ("TRUNG ƯƠNG HỘI CHỮ THẬP ĐỎ VIỆT NAM",
       "HỘI CHỮ THẬP ĐỎ TỈNH LÂM ĐỒNG"), "HCTĐ", "mass", ("MTTQ", "UBND"), 24,
       head="Chủ tịch", deputy="Phó Chủ tịch", collective="BAN THƯỜNG VỤ", yearly=300,
       fields=("social", "health", "disaster"), superior="Trung ương Hội Chữ thập đỏ"),
    # --- The district (until the 2025 reform) -------------------------------------------
    _b("UBND huyện Đức Trọng", ("ỦY BAN NHÂN DÂN", "HUYỆN ĐỨC TRỌNG"), "UBND", "ubnd",
       ("UBND", "HĐND", "ĐU", "MTTQ"), 1,
       units=("VP", "NV", "TCKH", "TNMT", "KTHT", "NN", "VHTT", "LĐTBXH"), head="Chủ tịch",
       deputy="Phó Chủ tịch", collective="ỦY BAN NHÂN DÂN", place="Đức Trọng", yearly=7000,
       secret=True, superior="UBND tỉnh",
       fields=("office", "finance", "land", "agri", "newrural", "construction", "social",
               "education", "health", "culture", "security", "disaster", "investment"),
       until=REFORM),
    _b("Văn phòng HĐND và UBND huyện Đức Trọng", ("UBND HUYỆN ĐỨC TRỌNG", "VĂN PHÒNG"), "VP",
       "department", ("UBND", "HĐND"), 4, head="Chánh Văn phòng", deputy="Phó Chánh Văn phòng",
       place="Đức Trọng", yearly=1500, fields=("office", "digital"), superior="UBND huyện",
       until=REFORM),
    _b("Thường trực HĐND huyện Đức Trọng", ("HỘI ĐỒNG NHÂN DÂN", "HUYỆN ĐỨC TRỌNG"), "HĐND",
       "council", ("HĐND",), 1, head="Chủ tịch", deputy="Phó Chủ tịch",
       collective="THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", place="Đức Trọng", yearly=400,
       fields=("elected", "finance", "social"), superior="Thường trực Huyện ủy", until=REFORM),
    _district_office("Phòng Nội vụ", "PNV", ("personnel", "office", "emulation", "religion"),
                     5),
    _district_office("Phòng Tài chính - Kế hoạch", "TCKH", ("finance", "investment"), 6),
    _district_office("Phòng Tài nguyên và Môi trường", "TNMT", ("land", "environment"), 7),
    _district_office("Phòng Nông nghiệp và Phát triển nông thôn", "NN",
                     ("agri", "forest", "newrural", "disaster"), 8),
    _district_office("Phòng Kinh tế và Hạ tầng", "KTHT", ("construction", "transport",
                     "trade"), 11),
    _district_office("Phòng Văn hóa và Thông tin", "VHTT", ("culture", "digital", "sport",
                     "tourism"), 12),
    _district_office("Phòng Lao động - Thương binh và Xã hội", "LĐTBXH",
                     ("social", "poverty", "labour", "children"), 9),
    _district_office("Phòng Giáo dục và Đào tạo", "PGDĐT", ("education",), 13),
    _district_office("Phòng Tư pháp", "PTP", ("justice",), 14),
    _district_office("Phòng Y tế", "PYT", ("health", "population"), 16),
    _district_office("Phòng Dân tộc", "PDT", ("ethnic",), 20),
    _district_office("Thanh tra huyện", "TTr", ("inspection",), 19, head="Chánh Thanh tra",
                     deputy="Phó Chánh Thanh tra"),
    _district_office("Công an huyện", "CAH", ("security", "fire"), 10, head="Trưởng Công an",
                     deputy="Phó Trưởng Công an", kind="police", secret=True),
    _district_office("Ban Chỉ huy Quân sự huyện", "BCH", ("defense",), 15,
                     head="Chỉ huy trưởng", deputy="Phó Chỉ huy trưởng", kind="military",
                     to=("UBND", "ĐTN"), secret=True),
    _district_office("Bảo hiểm xã hội huyện", "BHXH", ("insurance",), 17, head="Giám đốc",
                     deputy="Phó Giám đốc"),
    _district_office("Chi cục Thuế khu vực", "CCT", ("tax",), 18, head="Chi cục trưởng",
                     deputy="Phó Chi cục trưởng"),
    _district_office("Kho bạc Nhà nước", "KBNN", ("treasury",), 21, head="Giám đốc",
                     deputy="Phó Giám đốc"),
    _district_office("Trung tâm Y tế", "TTYT", ("health",), 22, head="Giám đốc",
                     deputy="Phó Giám đốc"),
    _b("Huyện ủy Đức Trọng", ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY ĐỨC TRỌNG"), "HU", "party",
       ("ĐU", "UBND", "MTTQ"), 1, style=PARTY, terms=DISTRICT_TERMS, head="Bí thư",
       deputy="Phó Bí thư", collective="BAN THƯỜNG VỤ", place="Đức Trọng", yearly=1800,
       secret=True, fields=("party_building", "propaganda", "party_inspection", "congress",
                            "personnel", "newrural"),
       superior="Ban Thường vụ Tỉnh ủy", until=REFORM),
    _b("Văn phòng Huyện ủy Đức Trọng", (*_HU, "VĂN PHÒNG"), "VPHU", "party_board", ("ĐU",), 3,
       style=PARTY, terms=DISTRICT_TERMS, head="Chánh Văn phòng",
       deputy="Phó Chánh Văn phòng", place="Đức Trọng", yearly=500,
       fields=("office", "party_building"), superior="Thường trực Huyện ủy", until=REFORM),
    _b("Ban Tổ chức Huyện ủy Đức Trọng", (*_HU, "BAN TỔ CHỨC"), "BTCHU", "party_board",
       ("ĐU",), 2, style=PARTY, terms=DISTRICT_TERMS, head="Trưởng ban",
       deputy="Phó Trưởng ban", place="Đức Trọng", yearly=700, secret=True,
       fields=("party_building", "personnel", "congress"), superior="Thường trực Huyện ủy",
       until=REFORM),
    _b("Ban Tuyên giáo Huyện ủy Đức Trọng", (*_HU, "BAN TUYÊN GIÁO"), "BTGHU", "party_board",
       ("ĐU", "MTTQ"), 3, style=PARTY, terms=DISTRICT_TERMS, head="Trưởng ban",
       deputy="Phó Trưởng ban", place="Đức Trọng", yearly=500,
       fields=("propaganda", "culture"), superior="Thường trực Huyện ủy", until=REFORM),
    _b("Ban Dân vận Huyện ủy Đức Trọng", (*_HU, "BAN DÂN VẬN"), "BDVHU", "party_board",
       ("ĐU", "MTTQ", "HND", "HPN", "HCCB"), 5, style=PARTY, terms=DISTRICT_TERMS,
       head="Trưởng ban", deputy="Phó Trưởng ban", place="Đức Trọng", yearly=400,
       fields=("mass_mobilization", "religion"), superior="Thường trực Huyện ủy", until=REFORM),
    _b("Ủy ban Kiểm tra Huyện ủy Đức Trọng", (*_HU, "ỦY BAN KIỂM TRA"), "UBKTHU",
       "party_board", ("ĐU",), 4, style=PARTY, terms=DISTRICT_TERMS, head="Chủ nhiệm",
       deputy="Phó Chủ nhiệm", place="Đức Trọng", yearly=300, secret=True,
       fields=("party_inspection",), superior="Thường trực Huyện ủy", until=REFORM),
    _b("Trung tâm Chính trị huyện Đức Trọng", (*_HU, "TRUNG TÂM CHÍNH TRỊ"), "TTCT",
       "department", ("ĐU",), 9, head="Giám đốc", deputy="Phó Giám đốc", place="Đức Trọng",
       yearly=200, fields=("propaganda",), superior="Ban Thường vụ Huyện ủy", until=REFORM),
    _b("Ủy ban MTTQ Việt Nam huyện Đức Trọng", ("ỦY BAN MTTQ VIỆT NAM", "HUYỆN ĐỨC TRỌNG"),
       "MTTQ-BTT", "front", ALL_FRONT, 1, head="Chủ tịch", deputy="Phó Chủ tịch",
       collective="BAN THƯỜNG TRỰC", place="Đức Trọng", yearly=500,
       fields=("front", "mass_mobilization", "poverty"), superior="Thường trực Huyện ủy",
       until=REFORM),
    _b("Hội Nông dân huyện Đức Trọng", ("HỘI NÔNG DÂN TỈNH LÂM ĐỒNG",
       "BCH HỘI NÔNG DÂN HUYỆN ĐỨC TRỌNG"), "HND", "mass", ("HND",), 1, style=PARTY,
       head="Chủ tịch", deputy="Phó Chủ tịch", collective="BAN THƯỜNG VỤ", place="Đức Trọng",
       yearly=300, fields=("farmers", "agri"), until=REFORM),
    _b("Hội Liên hiệp Phụ nữ huyện Đức Trọng", ("HỘI LHPN TỈNH LÂM ĐỒNG",
       "HỘI LHPN HUYỆN ĐỨC TRỌNG"), "HPN", "mass", ("HPN",), 1, head="Chủ tịch",
       deputy="Phó Chủ tịch", collective="BAN THƯỜNG VỤ", place="Đức Trọng", yearly=300,
       fields=("women", "children"), until=REFORM),
    _b("Huyện Đoàn Đức Trọng", ("BCH ĐOÀN TỈNH LÂM ĐỒNG", "BCH ĐOÀN HUYỆN ĐỨC TRỌNG"), "HĐTN",
       "mass", ("ĐTN",), 1, style=PARTY, head="Bí thư", deputy="Phó Bí thư",
       collective="BAN THƯỜNG VỤ HUYỆN ĐOÀN", place="Đức Trọng", yearly=400,
       fields=("youth",), until=REFORM),
    _b("Hội Cựu chiến binh huyện Đức Trọng", ("HỘI CCB TỈNH LÂM ĐỒNG",
       "HỘI CCB HUYỆN ĐỨC TRỌNG"), "CCB", "mass", ("HCCB",), 1, head="Chủ tịch",
       deputy="Phó Chủ tịch", collective="BAN THƯỜNG VỤ", place="Đức Trọng", yearly=200,
       fields=("veterans",), until=REFORM),
    # --- The commune: our own organizations writing to each other, and local bodies -------
    _b("Đảng ủy xã Tân Hòa", ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "ĐẢNG ỦY XÃ TÂN HÒA"), "ĐU", "party",
       ("UBND", "HĐND", *ALL_FRONT), 5, style=PARTY, terms=COMMUNE_TERMS, head="Bí thư",
       deputy="Phó Bí thư", collective="BAN THƯỜNG VỤ", place="Tân Hòa", yearly=700,
       fields=("party_building", "propaganda", "newrural", "congress"),
       superior="Ban Thường vụ Huyện ủy"),
    _b("UBND xã Tân Hòa", ("ỦY BAN NHÂN DÂN", "XÃ TÂN HÒA"), "UBND", "local",
       ("ĐU", "HĐND", *ALL_FRONT), 3, units=("VHXH", "KT", "VP"), head="Chủ tịch",
       deputy="Phó Chủ tịch", collective="ỦY BAN NHÂN DÂN", place="Tân Hòa", yearly=1500,
       fields=("office", "finance", "social", "newrural", "land"),
       superior="Thường trực Đảng ủy"),
    _b("Thường trực HĐND xã Tân Hòa", ("HỘI ĐỒNG NHÂN DÂN", "XÃ TÂN HÒA"), "HĐND", "council",
       ("UBND", "ĐU", "MTTQ"), 12, head="Chủ tịch", deputy="Phó Chủ tịch",
       collective="THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", place="Tân Hòa", yearly=200,
       fields=("elected",), superior="Thường trực Đảng ủy"),
    _b("Ủy ban MTTQ Việt Nam xã Tân Hòa", ("ỦY BAN MTTQ VIỆT NAM", "XÃ TÂN HÒA"), "MTTQ-BTT",
       "front", ("UBND", "ĐU", "HĐND", "HND", "HPN", "ĐTN", "HCCB"), 4, head="Chủ tịch",
       deputy="Phó Chủ tịch", collective="BAN THƯỜNG TRỰC", place="Tân Hòa", yearly=300,
       fields=("front", "poverty"), superior="Thường trực Đảng ủy"),
    _b("Công an xã Tân Hòa", ("CÔNG AN TỈNH LÂM ĐỒNG", "CÔNG AN XÃ TÂN HÒA"), "CAX", "police",
       ("UBND", "ĐU"), 8, head="Trưởng Công an xã", deputy="Phó Trưởng Công an xã",
       place="Tân Hòa", yearly=400, secret=True, fields=("security", "fire"),
       superior="Đảng ủy xã", since=dt.date(2019, 1, 1)),
    _b("Ban Chỉ huy Quân sự xã Tân Hòa", ("BAN CHQS HUYỆN ĐỨC TRỌNG",
       "BAN CHỈ HUY QUÂN SỰ XÃ TÂN HÒA"), "BCHQS", "military", ("UBND", "ĐTN"), 18,
       head="Chỉ huy trưởng", deputy="Chỉ huy phó", place="Tân Hòa", yearly=150,
       fields=("defense",), superior="UBND xã"),
    _b("Trạm Y tế xã Tân Hòa", ("TRUNG TÂM Y TẾ HUYỆN ĐỨC TRỌNG", "TRẠM Y TẾ XÃ TÂN HÒA"),
       "TYT", "local", ("UBND",), 14, head="Trưởng trạm", deputy="Phó Trưởng trạm",
       place="Tân Hòa", yearly=150, fields=("health", "population"), superior="UBND xã"),
    _b("Trường THCS Tân Hòa", ("UBND XÃ TÂN HÒA", "TRƯỜNG THCS TÂN HÒA"), "THCS", "local",
       ("UBND", "ĐTN"), 19, head="Hiệu trưởng", deputy="Phó Hiệu trưởng", place="Tân Hòa",
       yearly=150, fields=("education",), superior="UBND xã"),
    _b("Trường Tiểu học Tân Hòa", ("UBND XÃ TÂN HÒA", "TRƯỜNG TIỂU HỌC TÂN HÒA"), "THTH",
       "local", ("UBND",), 21, head="Hiệu trưởng", deputy="Phó Hiệu trưởng", place="Tân Hòa",
       yearly=120, fields=("education",), superior="UBND xã"),
    _b("Trường Mầm non Tân Hòa", ("UBND XÃ TÂN HÒA", "TRƯỜNG MẦM NON TÂN HÒA"), "MN", "local",
       ("UBND",), 23, head="Hiệu trưởng", deputy="Phó Hiệu trưởng", place="Tân Hòa",
       yearly=100, fields=("education",), superior="UBND xã"),
    _b("Hợp tác xã Nông nghiệp Tân Hòa", ("HỢP TÁC XÃ NÔNG NGHIỆP TÂN HÒA",), "HTX", "local",
       ("UBND", "HND"), 25, head="Giám đốc", deputy="Phó Giám đốc", place="Tân Hòa",
       yearly=60, fields=("agri",), superior="UBND xã"),
]

# Chi bộ of the commune's villages (Party-like, to the Party committee).
VILLAGES = ("thôn 1", "thôn 2", "thôn 3", "thôn 4", "thôn 5", "thôn 6", "thôn Tân Lập",
            "thôn Tân Hiệp", "thôn Phú Thạnh", "thôn Hiệp Thuận", "thôn Bắc Hội",
            "thôn Định An", "buôn K'Long", "buôn Ka Đơn")
BODIES += [
    _b(f"Chi bộ {village}", ("ĐẢNG BỘ XÃ TÂN HÒA", f"CHI BỘ {village.upper()}"), "CB",
       "local", ("ĐU",), 10 + i, style=PARTY, terms=COMMUNE_TERMS, head="Bí thư",
       deputy="Phó Bí thư", collective="CHI BỘ", place="Tân Hòa", yearly=25,
       fields=("party_building", "congress"), superior="Đảng ủy xã")
    for i, village in enumerate(VILLAGES[:10])
]

# --- The long tail: other provinces and other communes ----------------------------------

PROVINCES = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên",
    "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng",
    "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)
CITIES = frozenset({"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"})
COMMUNES = (
    "xã Hiệp Thạnh", "xã Đức Trọng", "xã Tà Năng", "xã Ninh Gia", "xã Tà Hine", "xã Đà Loan",
    "xã Lâm Hà", "xã Nam Ban Lâm Hà", "xã Đinh Văn Lâm Hà", "xã Phú Sơn Lâm Hà",
    "xã Di Linh", "xã Hòa Ninh", "xã Gia Hiệp", "xã Bảo Thuận", "xã Đơn Dương", "xã Ka Đô",
    "xã Quảng Lập", "xã D'Ran", "xã Lạc Dương", "xã Đam Rông 1", "xã Bảo Lâm 1",
    "xã Cát Tiên", "xã Đạ Huoai", "xã Đạ Tẻh", "phường Xuân Hương - Đà Lạt",
    "phường Lâm Viên - Đà Lạt", "phường Cam Ly - Đà Lạt", "phường 1 Bảo Lộc",
    "phường B'Lao", "xã Tuy Phong", "xã Hàm Thuận", "xã Quảng Khê", "xã Đắk Song",
)


def _provincial_tail(province: str) -> list[Body]:
    level = "thành phố" if province in CITIES else "tỉnh"
    upper = f"{level.upper()} {province.upper()}"
    party = "Thành ủy" if province in CITIES else "Tỉnh ủy"
    common = {"place": province, "tail": True, "yearly": 3000}
    return [
        _b(f"UBND {level} {province}", ("ỦY BAN NHÂN DÂN", upper), "UBND", "ubnd",
           ("UBND",), 1, units=("VX", "KT", "NC"), head="Chủ tịch", deputy="Phó Chủ tịch",
           collective="ỦY BAN NHÂN DÂN", fields=("office", "social", "security", "labour"),
           superior="Thường trực Tỉnh ủy", **common),
        _b(f"Sở Nội vụ {level} {province}", (f"UBND {upper}", "SỞ NỘI VỤ"), "SNV",
           "department", ("UBND",), 3, units=("CCVC", "LĐVL"),
           fields=("personnel", "labour", "social"), **common),
        _b(f"Công an {level} {province}", (f"UBND {upper}", f"CÔNG AN {upper}"), "CAT",
           "police", ("UBND",), 2, units=("PC06", "PC02"), fields=("security",),
           superior="Bộ Công an", **common),
        _b(f"Bảo hiểm xã hội {level} {province}", ("BẢO HIỂM XÃ HỘI VIỆT NAM",
           f"BẢO HIỂM XÃ HỘI {upper}"), "BHXH", "department", ("UBND",), 4,
           units=("QLT", "CĐBHXH"), fields=("insurance",), superior="Bảo hiểm xã hội Việt Nam",
           **common),
        _b(f"{party} {province}", (f"ĐẢNG BỘ {upper}", party.upper()),
           "ThU" if province in CITIES else "TU", "party", ("ĐU",), 1, style=PARTY,
           terms=PROVINCE_TERMS, head="Bí thư", deputy="Phó Bí thư",
           collective="BAN THƯỜNG VỤ", fields=("party_building", "personnel"),
           superior="Ban Bí thư", **common),
        _b(f"Ủy ban MTTQ Việt Nam {level} {province}", ("ỦY BAN MTTQ VIỆT NAM", upper),
           "MTTQ-BTT", "front", ("MTTQ",), 1, head="Chủ tịch", deputy="Phó Chủ tịch",
           collective="BAN THƯỜNG TRỰC", fields=("front", "disaster"), **common),
    ]


def _commune_tail(commune: str) -> list[Body]:
    upper = commune.upper()
    common = {"place": commune.split(" ", 1)[1], "tail": True, "yearly": 800}
    return [
        _b(f"UBND {commune}", ("ỦY BAN NHÂN DÂN", upper), "UBND", "ubnd", ("UBND",), 1,
           units=("VHXH", "KT", "VP"), head="Chủ tịch", deputy="Phó Chủ tịch",
           collective="ỦY BAN NHÂN DÂN", fields=("office", "land", "security", "social"),
           **common),
        _b(f"Đảng ủy {commune}", ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", f"ĐẢNG ỦY {upper}"), "ĐU", "party",
           ("ĐU",), 1, style=PARTY, terms=COMMUNE_TERMS, head="Bí thư", deputy="Phó Bí thư",
           collective="BAN THƯỜNG VỤ", fields=("party_building",), **common),
    ]


for _province in PROVINCES:
    BODIES += _provincial_tail(_province)
for _commune in COMMUNES:
    BODIES += _commune_tail(_commune)
