# ruff: noqa: E501 — hand-written text lines, kept whole
"""The parts the accuracy set is assembled from: places, issuers at every level, document
types with their abbreviations and bodies, subjects, signers, recipients.

Written by hand after real first pages of State (Nghị định 30/2020/NĐ-CP), Party
(Hướng dẫn 36-HD/VPTW) and mass-organization documents; the generator in make_set.py
picks among them with a fixed seed."""

from __future__ import annotations

from typing import NamedTuple

# (province, [districts], [communes]) — names as printed after "TỈNH", "HUYỆN", "XÃ".
PROVINCES: list[tuple[str, list[str], list[str]]] = [
    (
        "Lâm Đồng",
        ["Đức Trọng", "Lâm Hà", "Di Linh", "Bảo Lâm"],
        ["Tân Hà", "Hiệp Thạnh", "Lộc Nam"],
    ),
    ("Nghệ An", ["Diễn Châu", "Quỳnh Lưu", "Nghi Lộc"], ["Diễn Hoa", "Quỳnh Thạch", "Nghi Phong"]),
    ("Quảng Ngãi", ["Sơn Tịnh", "Bình Sơn", "Mộ Đức"], ["Tịnh Hà", "Bình Chánh", "Đức Phong"]),
    ("Đắk Lắk", ["Krông Pắc", "Cư M'gar", "Ea Kar"], ["Ea Phê", "Quảng Tiến", "Cư Huê"]),
    ("Thanh Hóa", ["Hoằng Hóa", "Thọ Xuân", "Nông Cống"], ["Hoằng Đạo", "Xuân Lai", "Tế Lợi"]),
    ("Bắc Giang", ["Lục Nam", "Yên Thế", "Hiệp Hòa"], ["Bảo Đài", "Đồng Lạc", "Mai Trung"]),
    ("Thái Bình", ["Kiến Xương", "Tiền Hải", "Vũ Thư"], ["Bình Minh", "Tây Giang", "Minh Quang"]),
    ("Sóc Trăng", ["Mỹ Tú", "Kế Sách", "Long Phú"], ["Mỹ Hương", "An Lạc Tây", "Tân Hưng"]),
    ("Cà Mau", ["Đầm Dơi", "Trần Văn Thời", "U Minh"], ["Tân Thuận", "Khánh Bình", "Nguyễn Phích"]),
    ("Hà Giang", ["Vị Xuyên", "Bắc Quang", "Quản Bạ"], ["Phong Quang", "Việt Vinh", "Cán Tỷ"]),
    ("Quảng Nam", ["Điện Bàn", "Thăng Bình", "Duy Xuyên"], ["Điện Minh", "Bình Triều", "Duy Hải"]),
    ("Bình Phước", ["Đồng Phú", "Bù Đăng", "Lộc Ninh"], ["Tân Lập", "Đức Liễu", "Lộc Hiệp"]),
    ("Hải Dương", ["Kinh Môn", "Thanh Miện", "Gia Lộc"], ["Hiệp Sơn", "Ngũ Hùng", "Yết Kiêu"]),
    ("Kiên Giang", ["Châu Thành", "Giồng Riềng", "An Biên"], ["Minh Hòa", "Thạnh Lộc", "Tây Yên"]),
    ("Tuyên Quang", ["Yên Sơn", "Sơn Dương", "Hàm Yên"], ["Thắng Quân", "Tân Trào", "Yên Phú"]),
    (
        "Bến Tre",
        ["Mỏ Cày Nam", "Giồng Trôm", "Ba Tri"],
        ["An Thạnh", "Phước Long", "An Ngãi Trung"],
    ),
]

# Signature blocks: (capacity line or "", position, competence label or None).
Sig = tuple[str, str, "str | None"]


class Issuer(NamedTuple):
    family: str  # state / party / front
    level: str  # trung ương / tỉnh / huyện / xã
    parent: list[str]  # lines of the superior body ([] when none is printed)
    issuer: list[str]  # lines of the issuing body
    org: str  # the body's part of the notation ("UBND", "TU", "MTTQ-BTT"...)
    place: str  # place name printed before the date
    heading: str  # right-column heading: "" = national motto
    kinds: str  # which types it issues: state / ministry / government / assembly / party / front
    signatures: list[Sig]


UBND_SIGS: list[Sig] = [
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "TM."),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT."),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "KT."),
    ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "TL."),
]
HDND_SIGS: list[Sig] = [
    ("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "TM."),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT."),
    ("TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH", "TM."),
]


def _dept_sigs(head: str) -> list[Sig]:
    return [
        (f"KT. {head}", f"PHÓ {head}", "KT."),
        ("", head, None),
        (f"TUQ. {head}", "CHÁNH VĂN PHÒNG", "TUQ."),
        (f"TL. {head}", "TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ", "TL."),
    ]


def _party_sigs(body: str) -> list[Sig]:
    return [
        (f"T/M {body}", "BÍ THƯ", "T/M"),
        ("K/T BÍ THƯ", "PHÓ BÍ THƯ", "K/T"),
        ("K/T BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "K/T"),
    ]


def _ban_sigs(head: str) -> list[Sig]:
    return [(f"K/T {head}", f"PHÓ {head}", "K/T"), ("", head, None)]


FRONT_SIGS: list[Sig] = [
    ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH", "TM."),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT."),
]
ASSOC_SIGS: list[Sig] = [
    ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "TM."),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT."),
    ("", "CHỦ TỊCH", None),
]
UNION_SIGS: list[Sig] = [
    ("TM. BAN THƯỜNG VỤ", "BÍ THƯ", "TM."),
    ("KT. BÍ THƯ", "PHÓ BÍ THƯ", "KT."),
]

# Provincial departments: (lines, notation, head).
DEPARTMENTS = [
    (["SỞ NỘI VỤ"], "SNV", "GIÁM ĐỐC"),
    (["SỞ TÀI CHÍNH"], "STC", "GIÁM ĐỐC"),
    (["SỞ Y TẾ"], "SYT", "GIÁM ĐỐC"),
    (["SỞ GIÁO DỤC VÀ ĐÀO TẠO"], "SGDĐT", "GIÁM ĐỐC"),
    (["SỞ XÂY DỰNG"], "SXD", "GIÁM ĐỐC"),
    (["SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"], "SNNMT", "GIÁM ĐỐC"),
    (["SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"], "SVHTTDL", "GIÁM ĐỐC"),
    (["SỞ KHOA HỌC VÀ CÔNG NGHỆ"], "SKHCN", "GIÁM ĐỐC"),
    (["SỞ TƯ PHÁP"], "STP", "GIÁM ĐỐC"),
    (["SỞ CÔNG THƯƠNG"], "SCT", "GIÁM ĐỐC"),
    (["THANH TRA TỈNH"], "TTr", "CHÁNH THANH TRA"),
    (["BAN QUẢN LÝ DỰ ÁN", "ĐẦU TƯ XÂY DỰNG"], "BQLDA", "GIÁM ĐỐC"),
]
# District offices: (lines, notation, head).
OFFICES = [
    (["PHÒNG NỘI VỤ"], "PNV", "TRƯỞNG PHÒNG"),
    (["PHÒNG TÀI CHÍNH - KẾ HOẠCH"], "TCKH", "TRƯỞNG PHÒNG"),
    (["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"], "PGDĐT", "TRƯỞNG PHÒNG"),
    (["PHÒNG KINH TẾ"], "PKT", "TRƯỞNG PHÒNG"),
    (["PHÒNG VĂN HÓA VÀ THÔNG TIN"], "VHTT", "TRƯỞNG PHÒNG"),
    (["PHÒNG TÀI NGUYÊN", "VÀ MÔI TRƯỜNG"], "TNMT", "TRƯỞNG PHÒNG"),
]
MINISTRIES = [
    ("BỘ NỘI VỤ", "BNV"),
    ("BỘ TÀI CHÍNH", "BTC"),
    ("BỘ Y TẾ", "BYT"),
    ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "BGDĐT"),
    ("BỘ TƯ PHÁP", "BTP"),
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "BKHCN"),
    ("BỘ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH", "BVHTTDL"),  # two lines: too wide for one
    ("BỘ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG", "BNNMT"),
]
# Units under a ministry: (ministry, unit lines, notation, head).
MINISTRY_UNITS = [
    ("BỘ TÀI CHÍNH", ["CỤC QUẢN LÝ CÔNG SẢN"], "QLCS", "CỤC TRƯỞNG"),
    ("BỘ NỘI VỤ", ["VỤ CÔNG CHỨC - VIÊN CHỨC"], "CCVC", "VỤ TRƯỞNG"),
    ("BỘ NỘI VỤ", ["CỤC VĂN THƯ VÀ LƯU TRỮ", "NHÀ NƯỚC"], "VTLTNN", "CỤC TRƯỞNG"),
    ("BỘ Y TẾ", ["CỤC QUẢN LÝ KHÁM, CHỮA BỆNH"], "KCB", "CỤC TRƯỞNG"),
]


def _shorten(lines: list[str]) -> str:
    return " ".join(lines).replace("ỦY BAN NHÂN DÂN", "UBND")


def issuers() -> list[Issuer]:
    """Every issuer the generator may pick, State, Party and mass organizations at the
    levels they exist."""
    out: list[Issuer] = []
    for index, (province, districts, communes) in enumerate(PROVINCES):
        tinh, huyen, xa = f"TỈNH {province.upper()}", districts[0], communes[0]
        district, commune = districts[index % len(districts)], communes[index % len(communes)]
        huyen_up, xa_up = f"HUYỆN {district.upper()}", f"XÃ {commune.upper()}"
        del huyen, xa
        out += [
            Issuer(
                "state",
                "tỉnh",
                [],
                ["ỦY BAN NHÂN DÂN", tinh],
                "UBND",
                province,
                "",
                "state",
                UBND_SIGS,
            ),
            Issuer(
                "state",
                "huyện",
                [],
                ["ỦY BAN NHÂN DÂN", huyen_up],
                "UBND",
                district,
                "",
                "state",
                UBND_SIGS,
            ),
            Issuer(
                "state",
                "xã",
                [],
                ["ỦY BAN NHÂN DÂN", xa_up],
                "UBND",
                commune,
                "",
                "state",
                UBND_SIGS[:3],
            ),
        ]
        if index % 2 == 0:
            out.append(
                Issuer(
                    "state",
                    "tỉnh",
                    [],
                    ["HỘI ĐỒNG NHÂN DÂN", tinh],
                    "HĐND",
                    province,
                    "",
                    "council",
                    HDND_SIGS,
                )
            )
        else:
            out.append(
                Issuer(
                    "state",
                    "huyện",
                    [],
                    ["HỘI ĐỒNG NHÂN DÂN", huyen_up],
                    "HĐND",
                    district,
                    "",
                    "council",
                    HDND_SIGS,
                )
            )
        lines, org, head = DEPARTMENTS[index % len(DEPARTMENTS)]
        out.append(
            Issuer(
                "state",
                "tỉnh",
                [f"UBND {tinh}"],
                lines,
                org,
                province,
                "",
                "state",
                _dept_sigs(head),
            )
        )
        lines, org, head = DEPARTMENTS[(index + 5) % len(DEPARTMENTS)]
        out.append(
            Issuer(
                "state",
                "tỉnh",
                [f"UBND {tinh}"],
                lines,
                org,
                province,
                "",
                "state",
                _dept_sigs(head),
            )
        )
        lines, org, head = OFFICES[index % len(OFFICES)]
        out.append(
            Issuer(
                "state",
                "huyện",
                [f"UBND {huyen_up}"],
                lines,
                org,
                district,
                "",
                "state",
                [(f"KT. {head}", f"PHÓ {head}", "KT."), ("", head, None)],
            )
        )
        # Party.
        tu = f"ĐẢNG BỘ {tinh}"
        out += [
            Issuer(
                "party",
                "tỉnh",
                [tu],
                ["TỈNH ỦY"],
                "TU",
                province,
                "",
                "party",
                [*_party_sigs("TỈNH ỦY"), ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "T/M")],
            ),
            Issuer(
                "party",
                "huyện",
                [f"ĐẢNG BỘ {huyen_up}"],
                ["HUYỆN ỦY"],
                "HU",
                district,
                "",
                "party",
                [*_party_sigs("HUYỆN ỦY"), ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "T/M")],
            ),
            Issuer(
                "party",
                "xã",
                [f"ĐẢNG BỘ {huyen_up}" if index % 2 else f"ĐẢNG BỘ {xa_up}"],
                [f"ĐẢNG ỦY {xa_up}"] if index % 2 else ["ĐẢNG ỦY"],
                "ĐU",
                commune,
                "",
                "party",
                _party_sigs("ĐẢNG ỦY"),
            ),
        ]
        party_units = [
            (["BAN TUYÊN GIÁO VÀ DÂN VẬN"], "BTGDVTU", _ban_sigs("TRƯỞNG BAN")),
            (["BAN TỔ CHỨC"], "BTCTU", _ban_sigs("TRƯỞNG BAN")),
            (
                ["ỦY BAN KIỂM TRA"],
                "UBKTTU",
                [
                    ("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM", "T/M"),
                    ("K/T CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "K/T"),
                ],
            ),
            (
                ["VĂN PHÒNG"],
                "VPTU",
                [
                    ("K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "K/T"),
                    ("", "CHÁNH VĂN PHÒNG", None),
                ],
            ),
            (["BAN NỘI CHÍNH"], "BNCTU", _ban_sigs("TRƯỞNG BAN")),
            (["BAN TUYÊN GIÁO"], "BTGTU", _ban_sigs("TRƯỞNG BAN")),
        ]
        lines, org, sigs = party_units[index % len(party_units)]
        out.append(
            Issuer(
                "party",
                "tỉnh",
                [f"TỈNH ỦY {province.upper()}"],
                lines,
                org,
                province,
                "",
                "party",
                sigs,
            )
        )
        lines, org, sigs = party_units[(index + 3) % len(party_units)]
        out.append(
            Issuer(
                "party",
                "huyện",
                [f"HUYỆN ỦY {district.upper()}"],
                lines,
                org.replace("TU", "HU"),
                district,
                "",
                "party",
                sigs,
            )
        )
        # Mass organizations.
        fronts = [
            Issuer(
                "front",
                "tỉnh",
                ["ỦY BAN MTTQ VIỆT NAM", tinh],
                ["BAN THƯỜNG TRỰC"],
                "MTTQ-BTT",
                province,
                "",
                "front",
                FRONT_SIGS,
            ),
            Issuer(
                "front",
                "huyện",
                ["ỦY BAN MTTQ VIỆT NAM", huyen_up],
                ["BAN THƯỜNG TRỰC"],
                "MTTQ-BTT",
                district,
                "",
                "front",
                FRONT_SIGS,
            ),
            Issuer(
                "front",
                "xã",
                ["ỦY BAN MTTQ VIỆT NAM", xa_up],
                ["BAN THƯỜNG TRỰC"],
                "MTTQ-BTT",
                commune,
                "",
                "front",
                FRONT_SIGS,
            ),
            Issuer(
                "front",
                "tỉnh",
                [f"HỘI NÔNG DÂN {tinh}"],
                ["BAN THƯỜNG VỤ"],
                "HNDT",
                province,
                "HỘI NÔNG DÂN VIỆT NAM",
                "front",
                ASSOC_SIGS[:2],
            ),
            Issuer(
                "front",
                "huyện",
                [f"HỘI NÔNG DÂN {huyen_up}"],
                ["BAN THƯỜNG VỤ"],
                "HNDH",
                district,
                "HỘI NÔNG DÂN VIỆT NAM",
                "front",
                ASSOC_SIGS[:2],
            ),
            Issuer(
                "front",
                "tỉnh",
                ["HỘI LHPN VIỆT NAM"],
                [f"HỘI LHPN {tinh}"],
                "HPN",
                province,
                "",
                "front",
                ASSOC_SIGS,
            ),
            Issuer(
                "front",
                "tỉnh",
                [f"HỘI CCB {tinh}"],
                ["BAN THƯỜNG VỤ"],
                "CCB",
                province,
                "",
                "front",
                ASSOC_SIGS[:2],
            ),
            Issuer(
                "front",
                "huyện",
                [f"HỘI CCB {tinh}"],
                [f"HỘI CCB {huyen_up}"],
                "CCB",
                district,
                "",
                "front",
                ASSOC_SIGS,
            ),
            Issuer(
                "front",
                "tỉnh",
                [],
                [f"TỈNH ĐOÀN {province.upper()}"],
                "TĐTN",
                province,
                "ĐOÀN TNCS HỒ CHÍ MINH",
                "front",
                UNION_SIGS,
            ),
            Issuer(
                "front",
                "huyện",
                [f"BCH ĐOÀN {tinh}"],
                [f"BCH ĐOÀN {huyen_up}"],
                "HĐTN",
                district,
                "ĐOÀN TNCS HỒ CHÍ MINH",
                "front",
                UNION_SIGS,
            ),
            Issuer(
                "front",
                "tỉnh",
                ["TỔNG LĐLĐ VIỆT NAM"],
                [f"LĐLĐ {tinh}"],
                "LĐLĐ",
                province,
                "",
                "front",
                ASSOC_SIGS,
            ),
            Issuer(
                "front",
                "tỉnh",
                [f"LĐLĐ {tinh}"],
                ["CÔNG ĐOÀN VIÊN CHỨC TỈNH"],
                "CĐVC",
                province,
                "",
                "front",
                ASSOC_SIGS,
            ),
            Issuer(
                "front",
                "huyện",
                [f"LĐLĐ {tinh}"],
                [f"LĐLĐ {huyen_up}"],
                "LĐLĐ",
                district,
                "",
                "front",
                ASSOC_SIGS,
            ),
        ]
        out += [fronts[(index + k) % len(fronts)] for k in range(0, len(fronts), 2)]
    # Central bodies.
    for name, org in MINISTRIES:
        out.append(
            Issuer(
                "state",
                "trung ương",
                [],
                name.split("\n"),
                org,
                "Hà Nội",
                "",
                "ministry",
                [("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "KT."), ("", "BỘ TRƯỞNG", None)],
            )
        )
    for ministry, lines, org, head in MINISTRY_UNITS:
        out.append(
            Issuer(
                "state",
                "trung ương",
                [ministry],
                lines,
                org,
                "Hà Nội",
                "",
                "state",
                [(f"KT. {head}", f"PHÓ {head}", "KT."), ("", head, None)],
            )
        )
    out += [
        Issuer(
            "state",
            "trung ương",
            [],
            ["CHÍNH PHỦ"],
            "CP",
            "Hà Nội",
            "",
            "government",
            [("TM. CHÍNH PHỦ", "THỦ TƯỚNG", "TM."), ("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "KT.")],
        ),
        Issuer(
            "state",
            "trung ương",
            [],
            ["VĂN PHÒNG CHÍNH PHỦ"],
            "VPCP",
            "Hà Nội",
            "",
            "state",
            [
                ("KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "KT."),
                ("", "BỘ TRƯỞNG, CHỦ NHIỆM", None),
            ],
        ),
        Issuer(
            "state",
            "trung ương",
            [],
            ["QUỐC HỘI"],
            "QH15",
            "",
            "",
            "assembly",
            [("", "CHỦ TỊCH QUỐC HỘI", None)],
        ),
        Issuer(
            "party",
            "trung ương",
            [],
            ["BAN CHẤP HÀNH TRUNG ƯƠNG"],
            "TW",
            "Hà Nội",
            "",
            "party",
            [
                ("T/M BAN CHẤP HÀNH TRUNG ƯƠNG", "TỔNG BÍ THƯ", "T/M"),
                ("T/M BỘ CHÍNH TRỊ", "TỔNG BÍ THƯ", "T/M"),
                ("T/M BAN BÍ THƯ", "THƯỜNG TRỰC BAN BÍ THƯ", "T/M"),
            ],
        ),
        Issuer(
            "party",
            "trung ương",
            ["BAN CHẤP HÀNH TRUNG ƯƠNG"],
            ["BAN TUYÊN GIÁO VÀ DÂN VẬN"],
            "BTGDVTW",
            "Hà Nội",
            "",
            "party",
            _ban_sigs("TRƯỞNG BAN"),
        ),
        Issuer(
            "party",
            "trung ương",
            ["BAN CHẤP HÀNH TRUNG ƯƠNG"],
            ["ỦY BAN KIỂM TRA"],
            "UBKTTW",
            "Hà Nội",
            "",
            "party",
            [
                ("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM", "T/M"),
                ("K/T CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "K/T"),
            ],
        ),
        Issuer(
            "front",
            "trung ương",
            [],
            ["ỦY BAN TRUNG ƯƠNG", "MẶT TRẬN TỔ QUỐC VIỆT NAM"],
            "MTTW-BTT",
            "Hà Nội",
            "",
            "front",
            [
                ("TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH - TỔNG THƯ KÝ", "TM."),
                ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT."),
            ],
        ),
        Issuer(
            "front",
            "trung ương",
            ["TỔNG LIÊN ĐOÀN", "LAO ĐỘNG VIỆT NAM"],
            ["BAN CHÍNH SÁCH - PHÁP LUẬT"],
            "CSPL",
            "Hà Nội",
            "",
            "front",
            [("TL. ĐOÀN CHỦ TỊCH", "TRƯỞNG BAN", "TL."), ("", "TRƯỞNG BAN", None)],
        ),
    ]
    return out


# (title printed, abbreviation, type name) by kind of issuer; "" title = công văn.
TYPES: dict[str, list[tuple[str, str, str]]] = {
    "state": [
        ("QUYẾT ĐỊNH", "QĐ", "Quyết định"),
        ("KẾ HOẠCH", "KH", "Kế hoạch"),
        ("BÁO CÁO", "BC", "Báo cáo"),
        ("THÔNG BÁO", "TB", "Thông báo"),
        ("TỜ TRÌNH", "TTr", "Tờ trình"),
        ("CHỈ THỊ", "CT", "Chỉ thị"),
        ("HƯỚNG DẪN", "HD", "Hướng dẫn"),
        ("CHƯƠNG TRÌNH", "CTr", "Chương trình"),
        ("GIẤY MỜI", "GM", "Giấy mời"),
        ("QUY ĐỊNH", "QyĐ", "Quy định"),
        ("KẾT LUẬN", "KL", "Kết luận"),
        ("", "", "Công văn"),
        ("", "", "Công văn"),
        ("", "", "Công văn"),
    ],
    "council": [
        ("NGHỊ QUYẾT", "NQ", "Nghị quyết"),
        ("BÁO CÁO", "BC", "Báo cáo"),
        ("", "", "Công văn"),
        ("THÔNG BÁO", "TB", "Thông báo"),
    ],
    "ministry": [
        ("THÔNG TƯ", "TT", "Thông tư"),
        ("QUYẾT ĐỊNH", "QĐ", "Quyết định"),
        ("KẾ HOẠCH", "KH", "Kế hoạch"),
        ("HƯỚNG DẪN", "HD", "Hướng dẫn"),
        ("", "", "Công văn"),
        ("", "", "Công văn"),
    ],
    "government": [
        ("NGHỊ ĐỊNH", "NĐ", "Nghị định"),
        ("NGHỊ QUYẾT", "NQ", "Nghị quyết"),
        ("NGHỊ ĐỊNH", "NĐ", "Nghị định"),
    ],
    "assembly": [("LUẬT", "", "Luật")],
    "party": [
        ("NGHỊ QUYẾT", "NQ", "Nghị quyết"),
        ("CHỈ THỊ", "CT", "Chỉ thị"),
        ("KẾT LUẬN", "KL", "Kết luận"),
        ("QUYẾT ĐỊNH", "QĐ", "Quyết định"),
        ("QUY ĐỊNH", "QĐi", "Quy định"),
        ("THÔNG BÁO", "TB", "Thông báo"),
        ("BÁO CÁO", "BC", "Báo cáo"),
        ("KẾ HOẠCH", "KH", "Kế hoạch"),
        ("HƯỚNG DẪN", "HD", "Hướng dẫn"),
        ("CHƯƠNG TRÌNH", "CTr", "Chương trình"),
        ("THÔNG TRI", "TT", "Thông tri"),
        ("TỜ TRÌNH", "TTr", "Tờ trình"),
        ("GIẤY MỜI", "GM", "Giấy mời"),
        ("", "CV", "Công văn"),
        ("", "CV", "Công văn"),
    ],
    "front": [
        ("KẾ HOẠCH", "KH", "Kế hoạch"),
        ("THÔNG BÁO", "TB", "Thông báo"),
        ("BÁO CÁO", "BC", "Báo cáo"),
        ("QUYẾT ĐỊNH", "QĐ", "Quyết định"),
        ("HƯỚNG DẪN", "HD", "Hướng dẫn"),
        ("CHƯƠNG TRÌNH", "CTr", "Chương trình"),
        ("GIẤY MỜI", "GM", "Giấy mời"),
        ("THÔNG TRI", "TT", "Thông tri"),
        ("", "", "Công văn"),
        ("", "", "Công văn"),
    ],
}

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
    "kiện toàn Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực",
    "giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm {y1}",
    "phê duyệt danh mục dự án đầu tư công trung hạn giai đoạn 2021 - 2025",
    "tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "chuyển sinh hoạt đảng cho đảng viên khi sắp xếp tổ chức bộ máy",
    "tổ chức lấy ý kiến Nhân dân vào dự thảo sửa đổi, bổ sung Hiến pháp",
    "hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam năm {y}",
    "tăng cường quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng mùa khô {y}",
    "thực hiện chế độ báo cáo thống kê định kỳ",
    "cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình, cá nhân",
    "tổ chức kỳ thi tốt nghiệp trung học phổ thông năm {y}",
    "nâng lương thường xuyên, nâng lương trước thời hạn đối với cán bộ, công chức",
    "vận động ủng hộ Quỹ Vì người nghèo năm {y}",
    "phát triển đảng viên trong công nhân, người lao động",
    "giám sát việc thực hiện chính sách bảo hiểm y tế cho học sinh, sinh viên",
    "đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm {y}",
    "xử lý dứt điểm các vụ việc khiếu kiện đông người, phức tạp",
    "quy chế làm việc của Ban Chấp hành Đảng bộ nhiệm kỳ 2020 - 2025",
]
# Laws: the title's second line; the label is "Luật <name>".
LAWS = [
    "Đất đai",
    "Thủ đô",
    "Tổ chức chính quyền địa phương",
    "Lưu trữ",
    "Căn cước",
    "Giá",
    "Đấu thầu",
]
DECREES = [
    "quy định chi tiết một số điều của Luật Lưu trữ",
    "về công tác văn thư",
    "quy định về tuyển dụng, sử dụng và quản lý công chức",
    "quy định chế độ tiền lương đối với cán bộ, công chức, viên chức",
    "về quản lý, sử dụng tài sản công",
]

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
    "Lương",
    "Tạ",
    "Hà",
    "Y",
    "Lò",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Minh",
    "Đức",
    "Hữu",
    "Thanh",
    "Quốc",
    "Ngọc",
    "Xuân",
    "Thị Thu",
    "Công",
    "Đình",
    "Thị Kim",
    "Bá",
]
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
    "Nguyệt",
    "Cường",
    "Trung",
    "Yến",
    "Luân",
    "Khiêm",
    "Nghĩa",
    "Thủy",
    "Oanh",
]

# Bodies by type: lists of paragraphs (the renderer wraps them).
CITE = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
    "Căn cứ Quyết định số 1254/QĐ-UBND ngày 12/7/2024 của Ủy ban nhân dân tỉnh;",
    "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;",
    "Căn cứ Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025;",
]
PARTY_CITE = [
    "Căn cứ Điều lệ Đảng Cộng sản Việt Nam; Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương;",
    "Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ nhiệm kỳ 2020 - 2025;",
    "Thực hiện Kết luận số 121-KL/TW ngày 24/01/2025 của Ban Chấp hành Trung ương Đảng khóa XIII;",
]
BODIES: dict[str, list[list[str]]] = {
    "Quyết định": [
        [
            "{cite}",
            "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 215/TTr-SNV ngày 03 tháng 4 năm {y}.",
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp trong công tác {topic}.",
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        ],
        [
            "{cite}",
            "Theo đề nghị của Chánh Văn phòng.",
            "QUYẾT ĐỊNH:",
            "Điều 1. Thành lập Tổ giúp việc gồm các ông, bà có tên sau đây (danh sách kèm theo).",
            "Điều 2. Tổ giúp việc có nhiệm vụ tham mưu, giúp việc trong quá trình triển khai thực hiện.",
        ],
    ],
    "Công văn": [
        [
            "Kính gửi: {to}",
            "Thực hiện Công văn số 1820/VPCP-KGVX ngày 14/3/{y} của Văn phòng Chính phủ về việc {topic},",
            "{org} đề nghị các cơ quan, đơn vị khẩn trương triển khai một số nội dung sau:",
            "1. Rà soát, tổng hợp số liệu, gửi về cơ quan thường trực trước ngày 25 tháng này.",
            "2. Phân công lãnh đạo trực tiếp chỉ đạo, chịu trách nhiệm về kết quả thực hiện.",
        ],
        [
            "Kính gửi: {to}",
            "Trong thời gian qua, việc {topic} đã đạt được một số kết quả bước đầu, tuy nhiên vẫn còn",
            "một số hạn chế, tồn tại cần khắc phục. Để thực hiện có hiệu quả trong thời gian tới, đề nghị:",
            "- Các cơ quan, đơn vị quán triệt, tổ chức thực hiện nghiêm túc;",
            "- Báo cáo kết quả trước ngày 30 tháng 11 năm {y}./.",
        ],
    ],
    "Kế hoạch": [
        [
            "Thực hiện chỉ đạo của cấp trên về {topic}, {org} xây dựng Kế hoạch thực hiện như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "Nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên, công chức, viên chức.",
            "2. Yêu cầu",
            "Triển khai đồng bộ, thiết thực, hiệu quả, tránh hình thức, lãng phí.",
            "II. NỘI DUNG THỰC HIỆN",
        ],
    ],
    "Báo cáo": [
        [
            "Thực hiện yêu cầu của cấp trên, {org} báo cáo kết quả {topic} như sau:",
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "1. Công tác lãnh đạo, chỉ đạo",
            "Ngay sau khi nhận được văn bản chỉ đạo, đã ban hành kế hoạch triển khai,",
            "phân công nhiệm vụ cụ thể cho từng cơ quan, đơn vị; tổ chức quán triệt đến 100% cán bộ, đảng viên.",
        ],
    ],
    "Thông báo": [
        [
            "Ngày 15 tháng 8 năm {y}, đồng chí Thường trực đã chủ trì cuộc họp nghe báo cáo về {topic}.",
            "Tham dự cuộc họp có lãnh đạo các cơ quan, đơn vị liên quan. Sau khi nghe báo cáo và ý kiến",
            "của các đại biểu, đồng chí chủ trì kết luận như sau:",
            "1. Ghi nhận kết quả đạt được của các cơ quan, đơn vị.",
            "2. Giao các cơ quan chức năng tiếp tục theo dõi, đôn đốc, báo cáo kết quả.",
        ],
    ],
    "Giấy mời": [
        [
            "{org} trân trọng kính mời: {to}",
            "Tới dự Hội nghị {topic}.",
            "Thời gian: 01 buổi, bắt đầu từ 07 giờ 30 phút, ngày 28 tháng 10 năm {y}.",
            "Địa điểm: Hội trường tầng 3, trụ sở cơ quan.",
            "Rất mong các đồng chí đến dự đúng thành phần, thời gian./.",
        ],
    ],
    "Tờ trình": [
        [
            "Kính gửi: {to}",
            "Căn cứ chức năng, nhiệm vụ được giao; trên cơ sở đề xuất của các cơ quan chuyên môn,",
            "{org} kính trình xem xét, quyết định nội dung sau:",
            "I. SỰ CẦN THIẾT",
            "II. NỘI DUNG ĐỀ XUẤT",
        ],
    ],
    "Nghị quyết": [
        [
            "Ngày 20 tháng 12 năm {y}, Hội nghị đã thảo luận, thống nhất ban hành Nghị quyết về {topic}.",
            "I. TÌNH HÌNH VÀ NGUYÊN NHÂN",
            "Những năm qua, các cấp ủy, tổ chức đảng, chính quyền đã quan tâm lãnh đạo,",
            "chỉ đạo, đạt được nhiều kết quả quan trọng.",
            "II. MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP",
        ],
        [
            "{cite}",
            "Xét Tờ trình số 154/TTr-UBND ngày 01 tháng 12 năm {y}; Báo cáo thẩm tra của các Ban;",
            "ý kiến thảo luận của đại biểu tại kỳ họp.",
            "QUYẾT NGHỊ:",
            "Điều 1. Thông qua nội dung về {topic}.",
        ],
    ],
    "Chỉ thị": [
        [
            "Thời gian qua, công tác {topic} đã được các cấp, các ngành quan tâm thực hiện, đạt nhiều kết quả.",
            "Tuy nhiên, vẫn còn những hạn chế, yếu kém cần khắc phục. Để tăng cường hiệu quả, yêu cầu:",
            "1. Các cấp ủy, tổ chức đảng, chính quyền nâng cao nhận thức, trách nhiệm của người đứng đầu.",
            "2. Các cơ quan tham mưu tăng cường kiểm tra, giám sát, xử lý nghiêm vi phạm.",
        ],
    ],
    "Kết luận": [
        [
            "Tại phiên họp ngày 10 tháng 9 năm {y}, sau khi nghe báo cáo về {topic}, Thường trực kết luận như sau:",
            "1. Đánh giá cao sự chủ động của các cơ quan, đơn vị.",
            "2. Thời gian tới, cần tập trung thực hiện tốt các nhiệm vụ sau:",
        ],
    ],
    "Hướng dẫn": [
        [
            "Thực hiện Kế hoạch của cấp trên, {org} hướng dẫn một số nội dung như sau:",
            "I. ĐỐI TƯỢNG, PHẠM VI",
            "Áp dụng đối với các cơ quan, đơn vị, tổ chức trực thuộc.",
            "II. NỘI DUNG, PHƯƠNG PHÁP THỰC HIỆN",
        ],
    ],
    "Chương trình": [
        [
            "Nhằm cụ thể hóa các mục tiêu, nhiệm vụ đã đề ra, {org} ban hành Chương trình công tác như sau:",
            "I. MỤC TIÊU",
            "II. NHIỆM VỤ TRỌNG TÂM",
            "1. Tháng 01 - 3: triển khai, quán triệt.",
            "2. Tháng 4 - 9: tổ chức thực hiện, kiểm tra.",
            "3. Tháng 10 - 12: sơ kết, tổng kết.",
        ],
    ],
    "Thông tri": [
        [
            "Thực hiện chủ trương của cấp trên, {org} thông tri đến các cấp ủy, tổ chức đảng một số nội dung về",
            "{topic} như sau:",
            "1. Tổ chức quán triệt sâu rộng trong cán bộ, đảng viên và Nhân dân.",
            "2. Các tổ chức cơ sở đảng chủ động xây dựng kế hoạch, triển khai thực hiện.",
        ],
    ],
    "Quy định": [
        [
            "Căn cứ Điều lệ Đảng và các quy định hiện hành;",
            "Chương I",
            "QUY ĐỊNH CHUNG",
            "Điều 1. Phạm vi điều chỉnh, đối tượng áp dụng",
            "Quy định này quy định về {topic}.",
        ],
    ],
    "Nghị định": [
        [
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
            "Theo đề nghị của Bộ trưởng Bộ Nội vụ;",
            "Chính phủ ban hành Nghị định {topic}.",
            "Chương I",
            "NHỮNG QUY ĐỊNH CHUNG",
            "Điều 1. Phạm vi điều chỉnh",
        ],
    ],
    "Thông tư": [
        [
            "Căn cứ Nghị định số 25/2025/NĐ-CP ngày 21 tháng 02 năm 2025 của Chính phủ quy định chức năng,",
            "nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ;",
            "Bộ trưởng ban hành Thông tư hướng dẫn {topic}.",
            "Điều 1. Phạm vi điều chỉnh",
        ],
    ],
    "Luật": [
        [
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
            "Quốc hội ban hành Luật {topic}.",
            "Chương I",
            "NHỮNG QUY ĐỊNH CHUNG",
            "Điều 1. Phạm vi điều chỉnh",
            "Luật này quy định về chế độ, chính sách, quyền và nghĩa vụ của cơ quan, tổ chức, cá nhân.",
        ],
    ],
}
ADDRESSEES = [
    "Các sở, ban, ngành tỉnh;",
    "Ủy ban nhân dân các huyện, thành phố;",
    "Các đảng ủy trực thuộc;",
    "Các đồng chí Ủy viên Ban Thường vụ;",
    "Ủy ban nhân dân các xã, thị trấn;",
    "Các trường THCS trên địa bàn;",
]
RECIPIENTS = [
    "Như trên;",
    "Thường trực Tỉnh ủy;",
    "Thường trực HĐND tỉnh;",
    "Chủ tịch, các PCT UBND tỉnh;",
    "Các sở, ban, ngành;",
    "UBND các huyện, thành phố;",
    "Các huyện ủy, thị ủy;",
    "Ban Thường vụ các huyện đoàn;",
    "Các đồng chí Ủy viên Ban Thường vụ;",
    "Đảng ủy các xã, phường;",
    "Bộ trưởng (để b/c);",
    "Cổng thông tin điện tử;",
    "Các tổ chức chính trị - xã hội;",
    "Các chi bộ trực thuộc;",
]
