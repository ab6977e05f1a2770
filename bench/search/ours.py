"""The demo office's own organizations (vanphong/demo/orgchart.py, same keys) as the
corpus sees them: how much each receives and issues, what it issues, who signs for it
(the demo cast), how bodies writing to every commune address it, and where its own
documents go."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from bench.search.bodies import PARTY, STATE


@dataclasses.dataclass(frozen=True, kw_only=True)
class Signer:
    """One of the demo cast who signs for an organization (orgchart.PEOPLE)."""

    username: str
    name: str
    title: str  # as written under "Chức vụ người ký"
    block: tuple[str, ...]  # signing-authority lines above the name
    capacity: str  # outgoing.models.Capacity value


@dataclasses.dataclass(frozen=True, kw_only=True)
class Ours:
    """One of the demo office's organizations (vanphong/demo/orgchart.py, same keys)."""

    key: str  # Organization.short_name
    name: str
    lines: tuple[str, ...]
    style: str  # notation style: STATE or PARTY
    system: str  # DocumentType system of its outgoing documents
    units: tuple[str, ...]  # Unit.short_name of its drafting units ("" = none)
    signers: tuple[Signer, ...]
    fields: tuple[str, ...]
    incoming: float  # share of the incoming documents
    outgoing: float  # share of the outgoing documents
    mix: Mapping[str, float]  # its outgoing document types
    addressed_before: str  # how bodies writing to all communes address it, before/after 2025
    addressed_after: str
    recipients: tuple[str, ...]  # where its own documents go ("Kính gửi")


def _s(username: str, name: str, title: str, block: tuple[str, ...], capacity: str) -> Signer:
    return Signer(username=username, name=name, title=title, block=block, capacity=capacity)


_UP = ("UBND huyện Đức Trọng", "UBND tỉnh Lâm Đồng", "Sở Nội vụ tỉnh Lâm Đồng",
       "Sở Tài chính tỉnh Lâm Đồng", "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng")
_LOCAL = ("Các ban, ngành, đoàn thể xã", "Ban Công tác Mặt trận các thôn",
          "Trưởng các thôn", "Các chi bộ trực thuộc", "Công an xã", "Trạm Y tế xã",
          "Các trường học trên địa bàn xã")
_FRONT_MIX: dict[str, float] = {"Công văn": 35, "Kế hoạch": 25, "Báo cáo": 25, "Thông báo": 10,
                                "Giấy mời": 5}

OURS: dict[str, Ours] = {
    o.key: o
    for o in [
        Ours(key="ĐU", name="Đảng ủy xã Tân Hòa",
             lines=("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "ĐẢNG ỦY XÃ TÂN HÒA", "*"), style=PARTY,
             system=PARTY, units=("", "VPĐU", "BXDĐ", "UBKT"),
             signers=(_s("bithu", "Hoàng Văn Thắng", "Bí thư Đảng ủy xã",
                         ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), "tm"),
                      _s("phobithu", "Nguyễn Văn Long", "Phó Bí thư Thường trực Đảng ủy",
                         ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"), "tm"),
                      _s("chutich", "Lê Văn Nam", "Phó Bí thư Đảng ủy",
                         ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"), "tm")),
             fields=("party_building", "propaganda", "party_inspection", "congress",
                     "mass_mobilization", "newrural", "personnel"),
             incoming=19, outgoing=21,
             mix={"Công văn": 30, "Quyết định": 18, "Kế hoạch": 12, "Báo cáo": 14,
                  "Thông báo": 10, "Nghị quyết": 6, "Hướng dẫn": 3, "Chương trình": 2,
                  "Kết luận": 3, "Tờ trình": 2},
             addressed_before="Các đảng ủy xã, thị trấn",
             addressed_after="Các đảng ủy xã, phường, đặc khu",
             recipients=("Ban Thường vụ Huyện ủy Đức Trọng", "Ban Tổ chức Tỉnh ủy",
                         "Các chi bộ trực thuộc", "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ xã",
                         "Ủy ban Kiểm tra Đảng ủy xã")),
        Ours(key="HĐND", name="Hội đồng nhân dân xã Tân Hòa",
             lines=("HỘI ĐỒNG NHÂN DÂN", "XÃ TÂN HÒA"), style=STATE, system=STATE,
             units=("", "BKTXH"),
             signers=(_s("bithu", "Hoàng Văn Thắng", "Chủ tịch HĐND xã",
                         ("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"), "tm"),
                      _s("phochutichhdnd", "Bùi Văn Tài", "Phó Chủ tịch HĐND xã",
                         ("TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "kt")),
             fields=("elected", "finance", "investment", "election", "social"),
             incoming=10, outgoing=8,
             mix={"Nghị quyết": 25, "Công văn": 30, "Thông báo": 10, "Báo cáo": 15,
                  "Kế hoạch": 10, "Giấy mời": 10},
             addressed_before="Thường trực HĐND các xã, thị trấn",
             addressed_after="Thường trực HĐND các xã, phường, đặc khu",
             recipients=("Thường trực HĐND huyện Đức Trọng", "Thường trực Đảng ủy xã",
                         "UBND xã Tân Hòa", "Các vị đại biểu HĐND xã",
                         "Ủy ban MTTQ Việt Nam xã")),
        Ours(key="UBND", name="Ủy ban nhân dân xã Tân Hòa",
             lines=("ỦY BAN NHÂN DÂN", "XÃ TÂN HÒA"), style=STATE, system=STATE,
             units=("", "KT", "VHXH"),
             signers=(_s("chutich", "Lê Văn Nam", "Chủ tịch UBND xã",
                         ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "tm"),
                      _s("phochutich", "Đỗ Thị Lan", "Phó Chủ tịch UBND xã",
                         ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "kt")),
             fields=("office", "finance", "land", "agri", "social", "poverty", "newrural",
                     "construction", "education", "health", "culture", "security", "defense",
                     "justice", "digital", "disaster", "environment", "insurance", "labour"),
             incoming=46, outgoing=45,
             mix={"Công văn": 45, "Quyết định": 18, "Kế hoạch": 10, "Báo cáo": 12,
                  "Thông báo": 7, "Giấy mời": 4, "Tờ trình": 4},
             addressed_before="UBND các xã, thị trấn",
             addressed_after="UBND các xã, phường, đặc khu",
             recipients=_UP + _LOCAL),
        Ours(key="MTTQ", name="Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa",
             lines=("ỦY BAN MTTQ VIỆT NAM TỈNH LÂM ĐỒNG",
                    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ TÂN HÒA"), style=STATE, system=STATE,
             units=("", "BTT"),
             signers=(_s("chutichmttq", "Vũ Thị Hằng", "Chủ tịch Ủy ban MTTQ xã",
                         ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"), "tm"),),
             fields=("front", "mass_mobilization", "poverty", "election", "religion"),
             incoming=9, outgoing=10,
             mix={"Công văn": 40, "Kế hoạch": 20, "Báo cáo": 20, "Thông báo": 10,
                  "Giấy mời": 5, "Hướng dẫn": 5},
             addressed_before="Ban Thường trực Ủy ban MTTQ Việt Nam các xã, thị trấn",
             addressed_after="Ban Thường trực Ủy ban MTTQ Việt Nam các xã, phường, đặc khu",
             recipients=("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh", "Thường trực Đảng ủy xã",
                         "Ban Công tác Mặt trận các thôn", "Các tổ chức thành viên")),
        Ours(key="HND", name="Hội Nông dân xã Tân Hòa",
             lines=("HỘI NÔNG DÂN TỈNH LÂM ĐỒNG", "BCH HỘI NÔNG DÂN XÃ TÂN HÒA", "*"),
             style=PARTY, system=STATE, units=("",),
             signers=(_s("chutichhnd", "Đinh Văn Sơn", "Chủ tịch Hội Nông dân xã",
                         ("T/M BAN CHẤP HÀNH", "CHỦ TỊCH"), "tm"),),
             fields=("farmers", "agri", "credit", "newrural"), incoming=4, outgoing=4,
             mix=_FRONT_MIX, addressed_before="Hội Nông dân các xã, thị trấn",
             addressed_after="Hội Nông dân các xã, phường, đặc khu",
             recipients=("Ban Thường vụ Hội Nông dân tỉnh", "Các chi hội nông dân")),
        Ours(key="HPN", name="Hội Liên hiệp Phụ nữ xã Tân Hòa",
             lines=("HỘI LHPN TỈNH LÂM ĐỒNG", "HỘI LHPN XÃ TÂN HÒA"), style=STATE,
             system=STATE, units=("",),
             signers=(_s("chutichhpn", "Trịnh Thị Thu", "Chủ tịch Hội LHPN xã",
                         ("TM. BAN CHẤP HÀNH", "CHỦ TỊCH"), "tm"),),
             fields=("women", "children", "credit", "social"), incoming=4, outgoing=4,
             mix=_FRONT_MIX, addressed_before="Hội LHPN các xã, thị trấn",
             addressed_after="Hội LHPN các xã, phường, đặc khu",
             recipients=("Ban Thường vụ Hội LHPN tỉnh", "Các chi hội phụ nữ")),
        Ours(key="ĐTN", name="Đoàn TNCS Hồ Chí Minh xã Tân Hòa",
             lines=("BCH ĐOÀN TỈNH LÂM ĐỒNG", "BCH ĐOÀN XÃ TÂN HÒA", "*"), style=PARTY,
             system=STATE, units=("",),
             signers=(_s("bithudoan", "Lý Minh Khoa", "Bí thư Đoàn xã",
                         ("TM. BAN CHẤP HÀNH", "BÍ THƯ"), "tm"),),
             fields=("youth", "defense", "digital", "education"), incoming=4.5, outgoing=4,
             mix=_FRONT_MIX, addressed_before="Ban Chấp hành Đoàn các xã, thị trấn",
             addressed_after="Ban Chấp hành Đoàn các xã, phường, đặc khu",
             recipients=("Ban Thường vụ Tỉnh Đoàn", "Các chi đoàn trực thuộc")),
        Ours(key="HCCB", name="Hội Cựu chiến binh xã Tân Hòa",
             lines=("HỘI CCB TỈNH LÂM ĐỒNG", "HỘI CCB XÃ TÂN HÒA"), style=STATE, system=STATE,
             units=("",),
             signers=(_s("chutichhccb", "Hà Văn Định", "Chủ tịch Hội CCB xã",
                         ("TM. BAN CHẤP HÀNH", "CHỦ TỊCH"), "tm"),),
             fields=("veterans", "defense", "poverty"), incoming=3.5, outgoing=4,
             mix=_FRONT_MIX, addressed_before="Hội Cựu chiến binh các xã, thị trấn",
             addressed_after="Hội Cựu chiến binh các xã, phường, đặc khu",
             recipients=("Ban Thường vụ Hội CCB tỉnh", "Các chi hội cựu chiến binh")),
    ]
}
#: Our organizations as issuers: a body writing to itself is left out.
SELF_NAMES = {"Đảng ủy xã Tân Hòa": "ĐU", "UBND xã Tân Hòa": "UBND",
              "Thường trực HĐND xã Tân Hòa": "HĐND", "Ủy ban MTTQ Việt Nam xã Tân Hòa": "MTTQ"}
