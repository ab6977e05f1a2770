"""Who may administer what — decided here and only here.

Pages, the API and commands call these functions before any administrative write.

- Superusers administer every office, and only they create offices.
- A holder of the `admin` role of an office administers that office: its organizations,
  units, people and positions, registers, terms and organization-specific document types.
- Document types with no organization apply to every office of the installation, so only
  someone who administers every office may change them.
- Working-day overrides apply to the whole installation; superusers and any office
  administrator manage them (the government announces them for everyone at once).
- A person's account (name, password, deactivation) may be changed only by someone who
  administers every office the person holds a post in, so an administrator of one office
  cannot take over an administrator of another.

Objects outside what the user administers are reported as missing (`NotFound`), the same
answer as for objects that do not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet

from vanphong.errors import NotAllowed, NotFound
from vanphong.organizations.models import Office, Organization, Position, Unit, User
from vanphong.organizations.standing import standing_of

#: Ids beyond a signed 64-bit integer cannot exist; asking the database would fail.
_MAX_ID = 2**63


def parse_pk(value: object) -> int:
    """The id in a URL or form; ValueError when it cannot name a row."""
    pk = int(str(value))
    if not 0 < pk < _MAX_ID:
        raise ValueError(value)
    return pk


def administered_offices(user: User | None) -> QuerySet[Office]:
    standing = standing_of(user)
    if standing.user_id is None:
        return Office.objects.none()
    if standing.is_superuser:
        return Office.objects.all()
    return Office.objects.filter(pk__in=standing.admin_offices)


def administered_office_ids(user: User | None) -> set[int]:
    return set(administered_offices(user).values_list("pk", flat=True))


def is_administrator(user: User | None) -> bool:
    standing = standing_of(user)
    return standing.is_superuser or bool(standing.admin_offices)


def may_create_office(user: User | None) -> bool:
    return standing_of(user).is_superuser


def administers_every_office(user: User | None) -> bool:
    standing = standing_of(user)
    if standing.is_superuser:
        return True
    if not standing.admin_offices:
        return False
    return not Office.objects.exclude(pk__in=standing.admin_offices).exists()


def require_administrator(user: User | None) -> None:
    """Pages that are not about one object: refuse anyone who administers nothing."""
    if not is_administrator(user):
        raise NotAllowed("Chỉ quản trị viên được vào trang quản trị.")


def require_office_creator(user: User | None) -> None:
    if not may_create_office(user):
        raise NotAllowed("Chỉ quản trị viên toàn hệ thống được thêm văn phòng.")


def require_office(user: User | None, office_id: int | None) -> None:
    """Actions call this as a second line of defence behind the views' lookups."""
    if office_id is None or not standing_of(user).administers(office_id):
        raise NotAllowed("Bạn không quản trị văn phòng này.")


def get_office_for_admin(user: User | None, office_id: int | str) -> Office:
    try:
        return administered_offices(user).get(pk=parse_pk(office_id))
    except (Office.DoesNotExist, ValueError):
        raise NotFound("Không tìm thấy văn phòng hoặc bạn không quản trị văn phòng này.") from None


def administered_organizations(user: User | None) -> QuerySet[Organization]:
    return Organization.objects.filter(office__in=administered_offices(user)).select_related(
        "office", "parent"
    )


def get_organization_for_admin(user: User | None, organization_id: int | str) -> Organization:
    try:
        return administered_organizations(user).get(pk=parse_pk(organization_id))
    except (Organization.DoesNotExist, ValueError):
        raise NotFound("Không tìm thấy cơ quan hoặc bạn không quản trị cơ quan này.") from None


def administered_units(user: User | None) -> QuerySet[Unit]:
    return Unit.objects.filter(office__in=administered_offices(user)).select_related(
        "office", "organization", "parent"
    )


def get_unit_for_admin(user: User | None, unit_id: int | str) -> Unit:
    try:
        return administered_units(user).get(pk=parse_pk(unit_id))
    except (Unit.DoesNotExist, ValueError):
        raise NotFound("Không tìm thấy đơn vị hoặc bạn không quản trị đơn vị này.") from None


def administered_people(user: User | None) -> QuerySet[User]:
    """People holding (or having held) a post in an office the user administers.
    Superusers also see accounts without any post."""
    standing = standing_of(user)
    if standing.user_id is None:
        return User.objects.none()
    if standing.is_superuser:
        return User.objects.all()
    posts = Position.objects.filter(office_id__in=standing.admin_offices)
    return User.objects.filter(pk__in=posts.values("person_id"))


def get_person_for_admin(user: User | None, person_id: int | str) -> User:
    try:
        return administered_people(user).get(pk=parse_pk(person_id))
    except (User.DoesNotExist, ValueError):
        raise NotFound("Không tìm thấy người dùng hoặc bạn không quản trị người này.") from None


def may_manage_account(user: User | None, person: User) -> bool:
    """May `user` rename, deactivate or reset the password of `person`?"""
    standing = standing_of(user)
    if standing.is_superuser:
        return True
    if person.is_superuser or standing.user_id is None:
        return False
    offices = set(Position.objects.filter(person=person).values_list("office_id", flat=True))
    return bool(offices) and offices <= standing.admin_offices


def require_account_manager(user: User | None, person: User) -> None:
    if not may_manage_account(user, person):
        raise NotAllowed(
            "Người này giữ chức vụ ở văn phòng khác hoặc là quản trị toàn hệ thống; "
            "chỉ người quản trị mọi văn phòng của họ được sửa tài khoản."
        )


def get_position_for_admin(user: User | None, position_id: int | str) -> Position:
    positions = Position.objects.filter(office__in=administered_offices(user)).select_related(
        "person", "office", "organization", "unit"
    )
    try:
        return positions.get(pk=parse_pk(position_id))
    except (Position.DoesNotExist, ValueError):
        raise NotFound("Không tìm thấy chức vụ hoặc bạn không quản trị chức vụ này.") from None


