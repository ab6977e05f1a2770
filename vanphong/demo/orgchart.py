"""The demo office's organization chart: a commune-level shared office after the 2025
reform. The test suite builds the same chart, so tests speak of the same people the
README lists (`vanthu`, `chutich`, `chuyenvien`...)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction

from vanphong.organizations.models import (
    ArchiveStream,
    Family,
    Office,
    Organization,
    Position,
    Role,
    Unit,
    User,
    default_collective_signing,
)
from vanphong.outgoing.defaults import seed_templates
from vanphong.outgoing.models import Correspondent, ReviewChain, Template
from vanphong.registers.defaults import PARTY_NOTATION, STATE_NOTATION, seed_document_types
from vanphong.registers.models import (
    DocumentType,
    Register,
    RegisterKind,
    ResetPolicy,
    SecretPolicy,
    Term,
    TermKind,
)

DEMO_PASSWORD = "vanphong@2026"
SINCE = dt.date(2025, 7, 1)

# short name, name, family, parent body, organ id, notation style, archive stream
ORGANIZATIONS = [
    (
        "ĐU",
        "Đảng ủy xã Tân Hòa",
        Family.PARTY,
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG",
        "000.01.31.H41",
        "party",
        ArchiveStream.PARTY,
    ),
    (
        "HĐND",
        "Hội đồng nhân dân xã Tân Hòa",
        Family.STATE,
        "",
        "000.02.31.H41",
        "state",
        ArchiveStream.STATE,
    ),
    (
        "UBND",
        "Ủy ban nhân dân xã Tân Hòa",
        Family.STATE,
        "",
        "000.03.31.H41",
        "state",
        ArchiveStream.STATE,
    ),
    (
        "MTTQ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa",
        Family.FRONT,
        "ỦY BAN MTTQ VIỆT NAM TỈNH LÂM ĐỒNG",
        "000.04.31.H41",
        "state",
        ArchiveStream.STATE,
    ),
    (
        "HND",
        "Hội Nông dân xã Tân Hòa",
        Family.FRONT,
        "HỘI NÔNG DÂN TỈNH LÂM ĐỒNG",
        "000.05.31.H41",
        "party",
        ArchiveStream.STATE,
    ),
    (
        "HPN",
        "Hội Liên hiệp Phụ nữ xã Tân Hòa",
        Family.FRONT,
        "HỘI LHPN TỈNH LÂM ĐỒNG",
        "000.06.31.H41",
        "state",
        ArchiveStream.STATE,
    ),
    (
        "ĐTN",
        "Đoàn TNCS Hồ Chí Minh xã Tân Hòa",
        Family.FRONT,
        "TỈNH ĐOÀN LÂM ĐỒNG",
        "000.07.31.H41",
        "party",
        ArchiveStream.PARTY,
    ),
    (
        "HCCB",
        "Hội Cựu chiến binh xã Tân Hòa",
        Family.FRONT,
        "HỘI CỰU CHIẾN BINH TỈNH LÂM ĐỒNG",
        "000.08.31.H41",
        "state",
        ArchiveStream.STATE,
    ),
]

# The body a head signs for with "TM." / "T/M" (rules.md §1.3, §2.3).
COLLECTIVE_NAMES = {
    "ĐU": "ĐẢNG ỦY",
    "HĐND": "THƯỜNG TRỰC HĐND",
    "UBND": "ỦY BAN NHÂN DÂN",
    "MTTQ": "BAN THƯỜNG TRỰC",
    "HND": "BAN CHẤP HÀNH",
    "HPN": "BAN CHẤP HÀNH",
    "ĐTN": "BAN CHẤP HÀNH",
    "HCCB": "BAN CHẤP HÀNH",
}

# owner short name ("" = the office itself), unit name, unit short name
UNITS = [
    ("ĐU", "Văn phòng Đảng ủy", "VPĐU"),
    ("ĐU", "Ban Xây dựng Đảng", "BXDĐ"),
    ("ĐU", "Ủy ban Kiểm tra Đảng ủy", "UBKT"),
    ("HĐND", "Ban Kinh tế – Xã hội", "BKTXH"),
    ("UBND", "Phòng Kinh tế", "KT"),
    ("UBND", "Phòng Văn hóa – Xã hội", "VHXH"),
    ("MTTQ", "Ban Thường trực", "BTT"),
    ("", "Bộ phận Văn thư – Lưu trữ", "VT"),
    ("", "Tiểu ban Kiểm tra liên ngành", "TBKT"),
]

# username, full name, [(role, organization short name or "", unit short name or "", title)]
PEOPLE = [
    ("admin", "Lê Minh Tuấn", [(Role.ADMIN, "", "", "Quản trị hệ thống")]),
    ("vanthu", "Nguyễn Thị Hoa", [(Role.CLERK, "", "VT", "Văn thư")]),
    ("vanthu2", "Trần Thị Mai", [(Role.CLERK, "", "VT", "Văn thư")]),
    ("chanhvanphong", "Phạm Văn Hùng", [(Role.OFFICE_LEAD, "", "", "Chánh Văn phòng")]),
    (
        "bithu",
        "Hoàng Văn Thắng",
        [
            (Role.HEAD, "ĐU", "", "Bí thư Đảng ủy xã"),
            (Role.HEAD, "HĐND", "", "Chủ tịch HĐND xã"),
        ],
    ),
    ("phobithu", "Nguyễn Văn Long", [(Role.DEPUTY, "ĐU", "", "Phó Bí thư Thường trực Đảng ủy")]),
    (
        "chutich",
        "Lê Văn Nam",
        [
            (Role.HEAD, "UBND", "", "Chủ tịch UBND xã"),
            (Role.DEPUTY, "ĐU", "", "Phó Bí thư Đảng ủy"),
        ],
    ),
    ("phochutich", "Đỗ Thị Lan", [(Role.DEPUTY, "UBND", "", "Phó Chủ tịch UBND xã")]),
    ("phochutichhdnd", "Bùi Văn Tài", [(Role.DEPUTY, "HĐND", "", "Phó Chủ tịch HĐND xã")]),
    ("chutichmttq", "Vũ Thị Hằng", [(Role.HEAD, "MTTQ", "", "Chủ tịch Ủy ban MTTQ xã")]),
    ("chutichhnd", "Đinh Văn Sơn", [(Role.HEAD, "HND", "", "Chủ tịch Hội Nông dân xã")]),
    ("chutichhpn", "Trịnh Thị Thu", [(Role.HEAD, "HPN", "", "Chủ tịch Hội LHPN xã")]),
    ("bithudoan", "Lý Minh Khoa", [(Role.HEAD, "ĐTN", "", "Bí thư Đoàn xã")]),
    ("chutichhccb", "Hà Văn Định", [(Role.HEAD, "HCCB", "", "Chủ tịch Hội CCB xã")]),
    (
        "truongphong",
        "Ngô Thị Bích",
        [
            (Role.UNIT_HEAD, "UBND", "VHXH", "Trưởng phòng Văn hóa – Xã hội"),
        ],
    ),
    ("truongphongkt", "Phan Văn Dũng", [(Role.UNIT_HEAD, "UBND", "KT", "Trưởng phòng Kinh tế")]),
    (
        "chuyenvien",
        "Trần Văn Bình",
        [
            (Role.SPECIALIST, "UBND", "VHXH", "Chuyên viên Phòng Văn hóa – Xã hội"),
        ],
    ),
    ("chuyenvien2", "Lê Thị Ngọc", [(Role.SPECIALIST, "UBND", "KT", "Chuyên viên Phòng Kinh tế")]),
    (
        "chuyenviendang",
        "Mai Thị Hương",
        [
            (Role.SPECIALIST, "ĐU", "BXDĐ", "Chuyên viên Ban Xây dựng Đảng"),
        ],
    ),
    (
        "chuyenvienmttq",
        "Cao Văn Lực",
        [(Role.SPECIALIST, "MTTQ", "BTT", "Ủy viên Ban Thường trực")],
    ),
    ("ketoan", "Đặng Thị Thảo", [(Role.ACCOUNTANT, "", "", "Kế toán")]),
    ("thuquy", "Võ Thị Kim", [(Role.CASHIER, "", "", "Thủ quỹ")]),
    ("luutru", "Huỳnh Văn Phúc", [(Role.ARCHIVIST, "", "VT", "Lưu trữ viên")]),
]


def signing_title(title: str) -> str:
    """'Phó Chủ tịch UBND xã' -> 'PHÓ CHỦ TỊCH': the title without the body's name."""
    for cut in (" UBND", " HĐND", " Đảng ủy", " Ủy ban", " Hội", " Đoàn", " Thường trực"):
        title = title.split(cut)[0]
    return title.upper()


@dataclasses.dataclass
class DemoOffice:
    office: Office
    orgs: dict[str, Organization]
    units: dict[str, Unit]
    users: dict[str, User]

    def __getattr__(self, name: str) -> User:
        try:
            return self.__dict__["users"][name]
        except KeyError:
            raise AttributeError(name) from None

    def register(self, short_name: str, kind: str = RegisterKind.INCOMING) -> Register:
        return Register.objects.get(organization=self.orgs[short_name], kind=kind)


def _registers(org: Organization, style: str) -> None:
    notation = PARTY_NOTATION if style == "party" else STATE_NOTATION
    party = org.family == Family.PARTY
    outgoing_reset = ResetPolicy.PARTY_TERM if party else ResetPolicy.CALENDAR_YEAR
    kinds = [RegisterKind.INCOMING, RegisterKind.OUTGOING]
    if org.short_name in {"ĐU", "UBND", "HĐND"}:
        kinds += [RegisterKind.SECRET_INCOMING, RegisterKind.COPIES]
    if org.family == Family.STATE:
        kinds.append(RegisterKind.SECRET_OUTGOING)
    for position, kind in enumerate(kinds):
        outgoing = kind in (
            RegisterKind.OUTGOING,
            RegisterKind.SECRET_OUTGOING,
            RegisterKind.COPIES,
        )
        Register.objects.create(
            organization=org,
            kind=kind,
            name=RegisterKind(kind).label,
            position=position,
            reset_policy=outgoing_reset if outgoing else ResetPolicy.CALENDAR_YEAR,
            per_type_series=party and outgoing,
            secret_policy=SecretPolicy.SAME if party else SecretPolicy.SEPARATE,
            notation_format=notation["typed"] if outgoing else "",
            notation_format_untyped=notation["untyped"] if outgoing else "",
        )


@transaction.atomic
def build_office(*, password: str = DEMO_PASSWORD) -> DemoOffice:
    """Create the demo office, its organizations, units, people, registers and terms."""
    seed_document_types(DocumentType)
    office = Office.objects.create(
        name="Văn phòng dùng chung các cơ quan xã Tân Hòa",
        short_name="VPDC",
        place_name="Tân Hòa",
        address="Số 1 đường Trần Hưng Đạo, xã Tân Hòa, tỉnh Lâm Đồng",
        phone="0263 3820 111",
        email="vanphong@tanhoa.lamdong.gov.vn",
    )
    orgs: dict[str, Organization] = {}
    for position, (short, name, family, parent_body, organ_id, style, stream) in enumerate(
        ORGANIZATIONS
    ):
        orgs[short] = Organization.objects.create(
            office=office,
            name=name,
            short_name=short,
            family=family,
            level="xã",
            parent_body=parent_body,
            organ_id=organ_id,
            archive_stream=stream,
            document_style=style,
            collective_name=COLLECTIVE_NAMES.get(short, ""),
            collective_signing=default_collective_signing(family, COLLECTIVE_NAMES.get(short, "")),
            position=position,
        )
        _registers(orgs[short], style)
    for short in ("HND", "HPN", "ĐTN", "HCCB"):
        orgs[short].parent = orgs["MTTQ"]
        orgs[short].save(update_fields=["parent"])
    Term.objects.create(
        organization=orgs["ĐU"],
        kind=TermKind.TERM,
        name="Nhiệm kỳ 2020–2025",
        start_date=dt.date(2020, 7, 10),
        end_date=dt.date(2025, 8, 19),
    )
    Term.objects.create(
        organization=orgs["ĐU"],
        kind=TermKind.TERM,
        name="Nhiệm kỳ 2025–2030",
        start_date=dt.date(2025, 8, 20),
    )
    units = {
        short: Unit.objects.create(
            office=office, organization=orgs.get(owner), name=name, short_name=short
        )
        for owner, name, short in UNITS
    }
    users = {}
    hashed = make_password(password)  # one hash for the whole cast: it is one password
    for username, full_name, posts in PEOPLE:
        user = User(
            username=username,
            full_name=full_name,
            email=f"{username}@tanhoa.vn",
            is_staff=username == "admin",
            is_superuser=username == "admin",
        )
        user.password = hashed
        user.save()
        users[username] = user
        for role, org_short, unit_short, title in posts:
            Position.objects.create(
                person=user,
                office=office,
                organization=orgs.get(org_short),
                unit=units.get(unit_short),
                role=role,
                title=title,
                signing_title=signing_title(title),
                start_date=SINCE,
            )
    _outgoing_setup(office, orgs)
    return DemoOffice(office=office, orgs=orgs, units=units, users=users)


# Bodies outside the installation the office writes to (the address book).
CORRESPONDENTS = [
    ("Ủy ban nhân dân tỉnh Lâm Đồng", "vanthu@lamdong.gov.vn", "000.00.00.H41"),
    ("Sở Nội vụ tỉnh Lâm Đồng", "sonoivu@lamdong.gov.vn", "000.00.01.H41"),
    ("Ban Tổ chức Tỉnh ủy Lâm Đồng", "bantochuc@lamdong.dcs.vn", ""),
    ("Công an xã Tân Hòa", "congan.tanhoa@lamdong.gov.vn", ""),
    ("Trường Tiểu học Tân Hòa", "", ""),
]


def _outgoing_setup(office: Office, orgs: dict[str, Organization]) -> None:
    """Templates, review chains and the address book of the demo office."""
    seed_templates(Template, DocumentType)
    for short in ("ĐU", "UBND", "HĐND"):
        ReviewChain.objects.create(organization=orgs[short], unit_head=True, office_check=True)
    for short in ("MTTQ", "HND", "HPN", "ĐTN", "HCCB"):
        ReviewChain.objects.create(organization=orgs[short], unit_head=False, office_check=True)
    Correspondent.objects.bulk_create(
        Correspondent(office=office, name=name, email=email, organ_id=organ_id)
        for name, email, organ_id in CORRESPONDENTS
    )
