"""Who writes to the demo office, and how they number their documents.

Bodies of Lâm Đồng province after the 2025 reform (two-level local government: province
and commune, no district), the commune's own organizations writing to each other, and a
few local bodies. Each issuer numbers in its own real style (rules.md §1.2, §2.2, §2.4):
state `1234/UBND-VX`, `45/QĐ-UBND`, legal `12/2026/QĐ-UBND`; Party-like `123-CV/TU`,
`05-KH/BTCTU`; front `16/KH-MTTQ-BTT`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

STATE, PARTY = "state", "party"

# Party committees' 2025–2030 terms (province after the merger of the provinces, and the
# commune as in `orgchart`); Party issuers restart their numbers per term (rules.md §2.2).
PROVINCE_PARTY_TERM = dt.date(2025, 9, 26)
COMMUNE_PARTY_TERM = dt.date(2025, 8, 20)


@dataclasses.dataclass(frozen=True, kw_only=True)
class DocKind:
    """A document type as issuers use it: key, register type, printed title."""

    key: str
    name: str  # DocumentType.name
    abbreviation: str  # in the code; "" for a state công văn
    title: str  # printed type name, "" for a công văn
    legal: bool = False


KINDS = {
    kind.key: kind
    for kind in [
        DocKind(key="CV", name="Công văn", abbreviation="", title=""),
        DocKind(key="QĐ", name="Quyết định", abbreviation="QĐ", title="QUYẾT ĐỊNH"),
        DocKind(key="KH", name="Kế hoạch", abbreviation="KH", title="KẾ HOẠCH"),
        DocKind(key="TB", name="Thông báo", abbreviation="TB", title="THÔNG BÁO"),
        DocKind(key="GM", name="Giấy mời", abbreviation="GM", title="GIẤY MỜI"),
        DocKind(key="BC", name="Báo cáo", abbreviation="BC", title="BÁO CÁO"),
        DocKind(key="HD", name="Hướng dẫn", abbreviation="HD", title="HƯỚNG DẪN"),
        DocKind(key="CT", name="Chỉ thị", abbreviation="CT", title="CHỈ THỊ"),
        DocKind(key="CĐ", name="Công điện", abbreviation="CĐ", title="CÔNG ĐIỆN"),
        DocKind(key="NQ", name="Nghị quyết", abbreviation="NQ", title="NGHỊ QUYẾT"),
        DocKind(key="KL", name="Kết luận", abbreviation="KL", title="KẾT LUẬN"),
        DocKind(key="TTr", name="Tờ trình", abbreviation="TTr", title="TỜ TRÌNH"),
        DocKind(key="BS", name="Bản sao", abbreviation="BS", title="BẢN SAO"),
        DocKind(key="QPPL-QĐ", name="Quyết định (QPPL)", abbreviation="QĐ",
                title="QUYẾT ĐỊNH", legal=True),
        DocKind(key="QPPL-NQ", name="Nghị quyết (QPPL)", abbreviation="NQ",
                title="NGHỊ QUYẾT", legal=True),
    ]
}

# Usual mixes of what a body sends a commune (weights).
STATE_MIX: dict[str, float] = {"CV": 58, "KH": 10, "TB": 8, "QĐ": 7, "GM": 7, "HD": 5, "BC": 3}
PARTY_MIX: dict[str, float] = {"CV": 42, "KH": 12, "TB": 10, "HD": 8, "QĐ": 8, "GM": 8, "BC": 4}
LOCAL_MIX: dict[str, float] = {"CV": 45, "BC": 25, "TTr": 10, "KH": 10, "TB": 10}


@dataclasses.dataclass(frozen=True, kw_only=True)
class Issuer:
    key: str
    name: str  # as the clerk writes it in the register
    lines: tuple[str, ...]  # printed issuer block; the last line is the body itself
    style: str  # STATE or PARTY numbering and layout
    code: str  # issuer part of the code: "UBND", "SNV", "TU", "MTTQ-BTT"
    units: tuple[str, ...] = ("",)  # drafting units in công văn codes
    mix: Mapping[str, float] = dataclasses.field(default_factory=lambda: STATE_MIX)
    daily: float = 20.0  # documents it issues per working day, all types
    head: str = "Giám đốc"
    deputy: str = "Phó Giám đốc"
    collective: str = ""  # "ỦY BAN NHÂN DÂN", "BAN THƯỜNG VỤ": signs "TM." / "T/M"
    domains: tuple[str, ...] = ("office",)
    unit: str = ""  # UBND xã unit usually given the lead: "KT", "VHXH"
    place: str = "Lâm Đồng"
    internal: bool = False  # one of the commune's own organizations or bodies
    joint: tuple[str, ...] = ()  # organizations of ours it often writes to together
    term_start: dt.date | None = None  # Party-like series restart here; else every 1 January
    collegial: bool = False  # a deputy signs "TM. <body> / KT. <head> / <deputy>"
    active: tuple[dt.date, dt.date] | None = None  # only writes between these days

    def writes_on(self, day: dt.date) -> bool:
        return self.active is None or self.active[0] <= day <= self.active[1]

    def capacity(self, *, head: bool) -> tuple[str, ...]:
        """The signing-authority lines above the signature (TM., KT., T/M, K/T)."""
        on_behalf, deputy_for = ("T/M", "K/T") if self.style == PARTY else ("TM.", "KT.")
        title = (self.head if head else self.deputy).upper()
        if self.collective and self.collegial and not head:
            return (f"{on_behalf} {self.collective}", f"{deputy_for} {self.head.upper()}", title)
        if self.collective:
            return (f"{on_behalf} {self.collective}", title)
        return (title,) if head else (f"{deputy_for} {self.head.upper()}", title)


_UBND_T = ("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG")
_TU = ("ĐẢNG BỘ TỈNH LÂM ĐỒNG",)

ISSUERS = {
    issuer.key: issuer
    for issuer in [
        # --- State bodies of the province -------------------------------------------
        Issuer(key="ubnd_tinh", name="UBND tỉnh Lâm Đồng", lines=_UBND_T, style=STATE, code="UBND",
               units=("VX", "KT", "TH", "NC", "XD", "NN"), daily=80, head="Chủ tịch",
               deputy="Phó Chủ tịch", collegial=True, collective="ỦY BAN NHÂN DÂN",
               mix={**STATE_MIX, "QĐ": 14, "CT": 1, "CĐ": 1.2, "QPPL-QĐ": 2},
               domains=("office", "finance", "land", "social", "agri", "security"),
               joint=("ĐU",)),
        Issuer(key="vp_ubnd_tinh", name="Văn phòng UBND tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "VĂN PHÒNG"), style=STATE, code="VPUBND",
               units=("TH", "KSTT", "HCTC"), daily=25, head="Chánh Văn phòng",
               deputy="Phó Chánh Văn phòng", domains=("office", "science")),
        Issuer(key="snv", name="Sở Nội vụ tỉnh Lâm Đồng", lines=("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"),
               style=STATE, code="SNV", units=("CCVC", "TCBC", "CQĐP", "LĐVL", "TĐKT"),
               daily=30, domains=("personnel", "office", "labour")),
        Issuer(key="stc", name="Sở Tài chính tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "SỞ TÀI CHÍNH"),
               style=STATE, code="STC", units=("QLNS", "ĐT", "QLGCS", "TCDN"), daily=30,
               domains=("finance",), unit="KT"),
        Issuer(key="snnmt", name="Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"), style=STATE,
               code="SNNMT", units=("QLĐĐ", "MT", "TL", "CCKL", "CNTY", "TTBVTV"), daily=40,
               domains=("agri", "land", "environment"), unit="KT"),
        Issuer(key="sxd", name="Sở Xây dựng tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "SỞ XÂY DỰNG"),
               style=STATE, code="SXD", units=("QLN", "QLXD", "HTKT"), daily=20,
               domains=("construction",), unit="KT"),
        Issuer(key="syt", name="Sở Y tế tỉnh Lâm Đồng", lines=("UBND TỈNH LÂM ĐỒNG", "SỞ Y TẾ"),
               style=STATE, code="SYT", units=("NVY", "KHTC", "ATTP"), daily=20,
               domains=("health",), unit="VHXH"),
        Issuer(key="sgddt", name="Sở Giáo dục và Đào tạo tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), style=STATE, code="SGDĐT",
               units=("GDTrH", "GDMN", "TCCB"), daily=20, domains=("education",),
               unit="VHXH"),
        Issuer(key="svhttdl", name="Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), style=STATE,
               code="SVHTTDL", units=("QLVH", "QLTDTT", "QLDL"), daily=15,
               domains=("culture",), unit="VHXH"),
        Issuer(key="skhcn", name="Sở Khoa học và Công nghệ tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), style=STATE,
               code="SKHCN", units=("CĐS", "BCVT", "TTBC"), daily=15,
               domains=("science",), unit="VHXH"),
        Issuer(key="stp", name="Sở Tư pháp tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "SỞ TƯ PHÁP"),
               style=STATE, code="STP", units=("HCTP", "XDKTVB", "PBGDPL"), daily=12,
               domains=("justice",), unit="VHXH"),
        Issuer(key="sct", name="Sở Công Thương tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "SỞ CÔNG THƯƠNG"),
               style=STATE, code="SCT", units=("QLTM", "QLCN", "QLNL"), daily=12,
               domains=("trade",), unit="KT"),
        Issuer(key="sdttg", name="Sở Dân tộc và Tôn giáo tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "SỞ DÂN TỘC VÀ TÔN GIÁO"), style=STATE, code="SDTTG",
               units=("CSDT", "TG"), daily=8, domains=("ethnic",), unit="VHXH"),
        Issuer(key="ttt", name="Thanh tra tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "THANH TRA TỈNH"),
               style=STATE, code="TTr", units=("NV1", "NV3", "PCTN"), daily=8,
               head="Chánh Thanh tra", deputy="Phó Chánh Thanh tra",
               domains=("inspection_state",)),
        Issuer(key="cat", name="Công an tỉnh Lâm Đồng",
               lines=("UBND TỈNH LÂM ĐỒNG", "CÔNG AN TỈNH"),
               style=STATE, code="CAT", units=("PV01", "PC06", "PC07", "PC08"), daily=30,
               domains=("security",)),
        Issuer(key="bchqs", name="Bộ Chỉ huy Quân sự tỉnh Lâm Đồng",
               lines=("QUÂN KHU 7", "BỘ CHỈ HUY QUÂN SỰ TỈNH LÂM ĐỒNG"), style=STATE, code="BCH",
               units=("TM", "CT", "HC"), daily=15, head="Chỉ huy trưởng",
               deputy="Phó Chỉ huy trưởng", domains=("defense",)),
        Issuer(key="bhxh", name="Bảo hiểm xã hội tỉnh Lâm Đồng",
               lines=("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH LÂM ĐỒNG"), style=STATE,
               code="BHXH", units=("QLT", "TST", "CĐBHXH"), daily=15,
               domains=("insurance",), unit="VHXH"),
        Issuer(key="kbnn", name="Kho bạc Nhà nước khu vực XV",
               lines=("KHO BẠC NHÀ NƯỚC", "KHO BẠC NHÀ NƯỚC KHU VỰC XV"), style=STATE,
               code="KBNNXV", units=("KSC", "KTNN"), daily=10, domains=("treasury",),
               unit="KT"),
        Issuer(key="thue", name="Thuế tỉnh Lâm Đồng",
               lines=("CỤC THUẾ", "THUẾ TỈNH LÂM ĐỒNG"), style=STATE,
               code="TLĐ", units=("QLKK", "NVDT"), daily=15, head="Trưởng Thuế tỉnh",
               deputy="Phó Trưởng Thuế tỉnh", domains=("tax",), unit="KT"),
        Issuer(key="nhcs", name="Ngân hàng Chính sách xã hội chi nhánh tỉnh Lâm Đồng",
               lines=("NGÂN HÀNG CHÍNH SÁCH XÃ HỘI", "CHI NHÁNH TỈNH LÂM ĐỒNG"), style=STATE,
               code="NHCS", units=("KHNV",), daily=5, domains=("credit",), unit="VHXH"),
        # --- Elected bodies ----------------------------------------------------------
        Issuer(key="hdnd_tinh", name="Thường trực HĐND tỉnh Lâm Đồng",
               lines=("HỘI ĐỒNG NHÂN DÂN", "TỈNH LÂM ĐỒNG"), style=STATE, code="HĐND",
               units=("VP", "CTHĐND"), daily=8, head="Chủ tịch", deputy="Phó Chủ tịch",
               collegial=True, collective="THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN",
               mix={"CV": 40, "NQ": 12, "QPPL-NQ": 5, "KH": 12, "TB": 10, "GM": 10, "BC": 5},
               domains=("elected",), joint=("UBND",)),
        Issuer(key="hdnd_bktns", name="Ban Kinh tế – Ngân sách HĐND tỉnh Lâm Đồng",
               lines=("HĐND TỈNH LÂM ĐỒNG", "BAN KINH TẾ – NGÂN SÁCH"), style=STATE,
               code="BKTNS", daily=2, head="Trưởng ban", deputy="Phó Trưởng ban",
               mix={"CV": 50, "KH": 20, "BC": 20, "GM": 10}, domains=("elected", "finance")),
        Issuer(key="hdnd_bpc", name="Ban Pháp chế HĐND tỉnh Lâm Đồng",
               lines=("HĐND TỈNH LÂM ĐỒNG", "BAN PHÁP CHẾ"), style=STATE, code="BPC", daily=2,
               head="Trưởng ban", deputy="Phó Trưởng ban",
               mix={"CV": 50, "KH": 20, "BC": 20, "GM": 10}, domains=("elected", "justice")),
        Issuer(key="dbqh", name="Đoàn đại biểu Quốc hội tỉnh Lâm Đồng",
               lines=("QUỐC HỘI KHÓA XV", "ĐOÀN ĐBQH TỈNH LÂM ĐỒNG"), style=STATE, code="ĐĐBQH",
               units=("VP",), daily=3, head="Trưởng đoàn", deputy="Phó Trưởng đoàn",
               mix={"CV": 50, "KH": 20, "TB": 15, "GM": 15}, domains=("elected",)),
        Issuer(key="ubbc", name="Ủy ban bầu cử tỉnh Lâm Đồng",
               lines=("ỦY BAN BẦU CỬ", "TỈNH LÂM ĐỒNG"),
               style=STATE, code="UBBC", daily=3, head="Chủ tịch", deputy="Phó Chủ tịch",
               collegial=True, collective="ỦY BAN BẦU CỬ",
               active=(dt.date(2025, 11, 15), dt.date(2026, 4, 30)),
               mix={"CV": 40, "HD": 25, "KH": 15, "TB": 20},
               domains=("election",), joint=("UBND",)),
        # --- Party bodies of the province ------------------------------------------
        Issuer(key="tu", name="Tỉnh ủy Lâm Đồng", lines=(*_TU, "TỈNH ỦY"), style=PARTY,
               code="TU", term_start=PROVINCE_PARTY_TERM, daily=25, head="Bí thư",
               deputy="Phó Bí thư", collective="BAN THƯỜNG VỤ",
               mix={**PARTY_MIX, "NQ": 3, "KL": 6, "CT": 1.5, "BS": 5, "QĐ": 14},
               domains=("party_building", "propaganda", "party_office", "inspection"),
               joint=("UBND",)),
        Issuer(key="vptu", name="Văn phòng Tỉnh ủy Lâm Đồng",
               lines=("TỈNH ỦY LÂM ĐỒNG", "VĂN PHÒNG"), style=PARTY, code="VPTU",
               term_start=PROVINCE_PARTY_TERM, daily=10, head="Chánh Văn phòng",
               deputy="Phó Chánh Văn phòng", domains=("party_office",)),
        Issuer(key="btctu", name="Ban Tổ chức Tỉnh ủy Lâm Đồng",
               lines=("TỈNH ỦY LÂM ĐỒNG", "BAN TỔ CHỨC"), style=PARTY, code="BTCTU",
               term_start=PROVINCE_PARTY_TERM, daily=12, head="Trưởng ban",
               deputy="Phó Trưởng ban", domains=("party_building",)),
        Issuer(key="ubkttu", name="Ủy ban Kiểm tra Tỉnh ủy Lâm Đồng",
               lines=("TỈNH ỦY LÂM ĐỒNG", "ỦY BAN KIỂM TRA"), style=PARTY, code="UBKTTU",
               term_start=PROVINCE_PARTY_TERM, daily=6, head="Chủ nhiệm",
               deputy="Phó Chủ nhiệm", domains=("inspection",)),
        Issuer(key="btgdvtu", name="Ban Tuyên giáo và Dân vận Tỉnh ủy Lâm Đồng",
               lines=("TỈNH ỦY LÂM ĐỒNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN"), style=PARTY,
               code="BTGDVTU", term_start=PROVINCE_PARTY_TERM, daily=10, head="Trưởng ban",
               deputy="Phó Trưởng ban", domains=("propaganda", "mass"), joint=("MTTQ",)),
        Issuer(key="bnctu", name="Ban Nội chính Tỉnh ủy Lâm Đồng",
               lines=("TỈNH ỦY LÂM ĐỒNG", "BAN NỘI CHÍNH"), style=PARTY, code="BNCTU",
               term_start=PROVINCE_PARTY_TERM, daily=4, head="Trưởng ban",
               deputy="Phó Trưởng ban", domains=("internal_affairs",)),
        # --- Front and mass organizations of the province --------------------------
        Issuer(key="mttq_tinh", name="Ủy ban MTTQ Việt Nam tỉnh Lâm Đồng",
               lines=("ỦY BAN MTTQ VIỆT NAM", "TỈNH LÂM ĐỒNG"), style=STATE, code="MTTQ-BTT",
               daily=10, head="Chủ tịch", deputy="Phó Chủ tịch", collective="BAN THƯỜNG TRỰC",
               domains=("front",), joint=("MTTQ", "HND", "HPN", "ĐTN", "HCCB")),
        Issuer(key="mttq_tw", name="Ủy ban Trung ương MTTQ Việt Nam",
               lines=("ỦY BAN TRUNG ƯƠNG", "MẶT TRẬN TỔ QUỐC VIỆT NAM"), style=STATE,
               code="MTTW-BTT", daily=8, head="Chủ tịch", deputy="Phó Chủ tịch",
               collective="BAN THƯỜNG TRỰC", place="Hà Nội", domains=("front",),
               mix={"CV": 40, "HD": 30, "KH": 20, "TB": 10}),
        Issuer(key="hnd_tinh", name="Hội Nông dân tỉnh Lâm Đồng",
               lines=("HỘI NÔNG DÂN TỈNH LÂM ĐỒNG", "BAN THƯỜNG VỤ"), style=PARTY, code="HNDT",
               daily=6, head="Chủ tịch", deputy="Phó Chủ tịch", collective="BAN THƯỜNG VỤ",
               domains=("farmers",)),
        Issuer(key="hnd_tw", name="Trung ương Hội Nông dân Việt Nam",
               lines=("HỘI NÔNG DÂN VIỆT NAM", "BAN CHẤP HÀNH TRUNG ƯƠNG"), style=PARTY,
               code="HNDTW", daily=6, head="Chủ tịch", deputy="Phó Chủ tịch",
               collective="BAN THƯỜNG VỤ", place="Hà Nội", domains=("farmers",),
               mix={"CV": 40, "HD": 30, "KH": 30}),
        Issuer(key="hpn_tinh", name="Hội Liên hiệp Phụ nữ tỉnh Lâm Đồng",
               lines=("HỘI LHPN VIỆT NAM", "HỘI LHPN TỈNH LÂM ĐỒNG"), style=STATE, code="HLHPN",
               units=("", "TG", "GĐXH"), daily=6, head="Chủ tịch", deputy="Phó Chủ tịch",
               collective="BAN THƯỜNG VỤ", domains=("women",)),
        Issuer(key="tdtn", name="Tỉnh Đoàn Lâm Đồng",
               lines=("BCH ĐOÀN TỈNH LÂM ĐỒNG",), style=PARTY,
               code="TĐTN", units=("VP", "PT", "TNTH", "TCKT"), daily=8, head="Bí thư",
               deputy="Phó Bí thư", collective="BAN THƯỜNG VỤ TỈNH ĐOÀN",
               domains=("youth",)),
        Issuer(key="twd", name="Trung ương Đoàn TNCS Hồ Chí Minh",
               lines=("BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐOÀN TNCS HỒ CHÍ MINH"), style=PARTY,
               code="TWĐTN", units=("VP", "BTG"), daily=6, head="Bí thư thứ nhất",
               deputy="Bí thư", collective="BAN BÍ THƯ", place="Hà Nội",
               domains=("youth",), mix={"CV": 40, "HD": 30, "KH": 30}),
        Issuer(key="hccb_tinh", name="Hội Cựu chiến binh tỉnh Lâm Đồng",
               lines=("HỘI CCB VIỆT NAM", "HỘI CCB TỈNH LÂM ĐỒNG"), style=STATE, code="CCB",
               units=("", "TC", "TG"), daily=4, head="Chủ tịch", deputy="Phó Chủ tịch",
               collective="BAN THƯỜNG VỤ", domains=("veterans",)),
        # --- The commune's own organizations and local bodies ------------------------
        Issuer(key="du_xa", name="Đảng ủy xã Tân Hòa", lines=("ĐẢNG BỘ TỈNH LÂM ĐỒNG",
               "ĐẢNG ỦY XÃ TÂN HÒA"), term_start=COMMUNE_PARTY_TERM,
               style=PARTY, code="ĐU", daily=4, head="Bí thư",
               deputy="Phó Bí thư", collective="BAN THƯỜNG VỤ", mix=PARTY_MIX,
               domains=("party_building", "propaganda"), place="Tân Hòa", internal=True),
        Issuer(key="ubnd_xa", name="UBND xã Tân Hòa", lines=("ỦY BAN NHÂN DÂN",
               "XÃ TÂN HÒA"), style=STATE, code="UBND", units=("VHXH", "KT", "VP"), daily=8,
               head="Chủ tịch", deputy="Phó Chủ tịch", collegial=True, collective="ỦY BAN NHÂN DÂN",
               mix=LOCAL_MIX, domains=("office", "finance", "social"), place="Tân Hòa",
               internal=True),
        Issuer(key="hdnd_xa", name="HĐND xã Tân Hòa", lines=("HỘI ĐỒNG NHÂN DÂN",
               "XÃ TÂN HÒA"), style=STATE, code="HĐND", daily=1, head="Chủ tịch",
               deputy="Phó Chủ tịch", collegial=True, collective="THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN",
               mix={"CV": 40, "NQ": 20, "TB": 20, "KH": 20}, domains=("elected",),
               place="Tân Hòa", internal=True),
        Issuer(key="mttq_xa", name="Ủy ban MTTQ Việt Nam xã Tân Hòa",
               lines=("ỦY BAN MTTQ VIỆT NAM", "XÃ TÂN HÒA"), style=STATE, code="MTTQ-BTT",
               daily=2, head="Chủ tịch", deputy="Phó Chủ tịch", collective="BAN THƯỜNG TRỰC",
               mix=LOCAL_MIX, domains=("front",), place="Tân Hòa", internal=True),
        Issuer(key="chibo", name="Chi bộ thôn 3", lines=("ĐẢNG BỘ XÃ TÂN HÒA", "CHI BỘ THÔN 3"),
               term_start=COMMUNE_PARTY_TERM,
               style=PARTY, code="CB", daily=0.3, head="Bí thư", deputy="Phó Bí thư",
               collective="CHI BỘ", mix={"BC": 60, "CV": 20, "TTr": 20},
               domains=("party_building",), place="Tân Hòa", internal=True),
        Issuer(key="cax", name="Công an xã Tân Hòa", lines=("CÔNG AN TỈNH LÂM ĐỒNG",
               "CÔNG AN XÃ TÂN HÒA"), style=STATE, code="CAX", daily=2, head="Trưởng Công an xã",
               deputy="Phó Trưởng Công an xã", mix=LOCAL_MIX, domains=("security",),
               place="Tân Hòa", internal=True),
        Issuer(key="tyt", name="Trạm Y tế xã Tân Hòa", lines=("SỞ Y TẾ TỈNH LÂM ĐỒNG",
               "TRẠM Y TẾ XÃ TÂN HÒA"), style=STATE, code="TYT", daily=1, head="Trưởng trạm",
               deputy="Phó Trưởng trạm", mix=LOCAL_MIX, domains=("health",), unit="VHXH",
               place="Tân Hòa", internal=True),
        Issuer(key="thcs", name="Trường THCS Tân Hòa", lines=("UBND XÃ TÂN HÒA",
               "TRƯỜNG THCS TÂN HÒA"), style=STATE, code="THCS", daily=1,
               head="Hiệu trưởng", deputy="Phó Hiệu trưởng", mix=LOCAL_MIX,
               domains=("education",), unit="VHXH", place="Tân Hòa", internal=True),
    ]
}

# For each of our organizations: who writes to it, with relative volumes.
SENDERS: dict[str, list[tuple[str, float]]] = {
    "UBND": [
        ("ubnd_tinh", 16), ("vp_ubnd_tinh", 4), ("snv", 7), ("stc", 6), ("snnmt", 7),
        ("sxd", 3), ("syt", 3), ("sgddt", 3), ("svhttdl", 3), ("skhcn", 4), ("stp", 3),
        ("sct", 2), ("sdttg", 1.5), ("ttt", 1), ("cat", 4), ("bchqs", 3), ("bhxh", 3),
        ("kbnn", 2.5), ("thue", 2), ("nhcs", 1), ("du_xa", 2.5), ("hdnd_xa", 1),
        ("mttq_xa", 1), ("cax", 2), ("tyt", 1), ("thcs", 1), ("ubbc", 0.8),
    ],
    "ĐU": [
        ("tu", 30), ("vptu", 12), ("btctu", 14), ("ubkttu", 8), ("btgdvtu", 12),
        ("bnctu", 4), ("ubnd_xa", 5), ("mttq_xa", 2), ("chibo", 4),
    ],
    "HĐND": [
        ("hdnd_tinh", 30), ("hdnd_bktns", 6), ("hdnd_bpc", 6), ("dbqh", 8), ("ubbc", 8),
        ("ubnd_xa", 25), ("mttq_xa", 5), ("du_xa", 5),
    ],
    "MTTQ": [("mttq_tinh", 50), ("mttq_tw", 12), ("btgdvtu", 6), ("du_xa", 8), ("ubnd_xa", 8)],
    "HND": [("hnd_tinh", 60), ("hnd_tw", 15), ("mttq_xa", 15), ("mttq_tinh", 10)],
    "HPN": [("hpn_tinh", 70), ("mttq_xa", 15), ("mttq_tinh", 15)],
    "ĐTN": [("tdtn", 60), ("twd", 15), ("du_xa", 15), ("mttq_xa", 10)],
    "HCCB": [("hccb_tinh", 70), ("mttq_xa", 15), ("mttq_tinh", 15)],
}

#: Share of documents per receiving organization: UBND most, mass organizations fewest.
VOLUMES = {"UBND": 46, "ĐU": 19, "HĐND": 10, "MTTQ": 9, "HND": 4, "HPN": 4, "ĐTN": 4.5,
           "HCCB": 3.5}

#: Organizations that keep a secret incoming register, with how often secret documents
#: arrive there, and who sends them.
SECRET_SENDERS = {"ĐU": ("tu", "btctu", "ubkttu"), "UBND": ("cat", "bchqs", "ubnd_tinh"),
                  "HĐND": ("hdnd_tinh",)}

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai", "Tạ"]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Ngọc", "Trọng",
               "Đình", "Quang"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Kim", "Hồng", "Phương", "Thùy"]
GIVEN_MALE = ["Hùng", "Dũng", "Tuấn", "Hải", "Long", "Phong", "Quang", "Trung", "Sơn",
              "Thành", "Hiếu", "Khánh", "Cường", "Hòa", "Lợi", "Tâm", "Vinh", "Phúc", "Toàn",
              "Nghĩa", "Thịnh", "Hưng"]
GIVEN_FEMALE = ["Lan", "Hương", "Nga", "Hạnh", "Thủy", "Yến", "Loan", "Trang", "Liên",
                "Ngân", "Diệp", "Vân", "Dung", "Huyền", "Oanh", "Trinh"]
