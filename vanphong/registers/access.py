"""Who may see, print and export which register — decided here and only here.

- Office clerks and office leads: every register of their office.
- Heads and deputies: the registers of the organizations they lead.
- Nobody else (specialists, accountants, administrators...): no register at all.

Seeing a register is not seeing its documents: every row printed, exported or listed
is filtered through `vanphong.incoming.access.visible_incoming`, so a secret document
appears only for the people named on it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from vanphong.errors import NotFound
from vanphong.organizations.models import User
from vanphong.organizations.standing import standing_of
from vanphong.registers.models import Register

#: Ids beyond a signed 64-bit integer cannot exist; asking the database would fail.
_MAX_ID = 2**63


def visible_registers(user: User | None) -> QuerySet[Register]:
    standing = standing_of(user)
    registers = Register.objects.select_related("organization")
    if standing.user_id is None:
        return registers.none()
    return registers.filter(
        Q(organization__office_id__in=standing.staff_offices)
        | Q(organization_id__in=standing.leader_orgs)
    )


def get_register_for(user: User | None, register_id: object) -> Register:
    """The register if `user` may see it; NotFound when missing *or* not visible, so
    the answer does not reveal which registers exist."""
    missing = NotFound("Không tìm thấy sổ đăng ký hoặc bạn không có quyền xem.")
    try:
        pk = int(str(register_id))
    except ValueError:
        raise missing from None
    if not 0 < pk < _MAX_ID:
        raise missing
    try:
        return visible_registers(user).select_related("organization__office").get(pk=pk)
    except Register.DoesNotExist:
        raise missing from None
