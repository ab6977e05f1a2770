"""Finding the demo office in a database, without mistaking a real office for it."""

from __future__ import annotations

from vanphong.demo.orgchart import ORGANIZATIONS, PEOPLE
from vanphong.organizations.models import Office, Organization, Position, User

DEMO_USERNAMES = [username for username, _, _ in PEOPLE]


def demo_office() -> Office | None:
    """The demo office if every demo organization is there under its demo name and id."""
    expected = {(name, organ_id) for _, name, _, _, organ_id, *_ in ORGANIZATIONS}
    rows = Organization.objects.filter(organ_id__in=[o for _, o in expected])
    found = {(org.name, org.organ_id): org.office_id for org in rows}
    offices = {found.get(key) for key in expected}
    office_id = offices.pop() if len(offices) == 1 else None
    return Office.objects.filter(pk=office_id).first() if office_id is not None else None


def demo_people(office: Office) -> list[tuple[User, list[Position]]]:
    """The demo cast as listed in the org chart, with their positions in that office."""
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    positions = Position.objects.active().filter(office=office, person__in=users.values())
    by_person: dict[int, list[Position]] = {}
    for position in positions.select_related("organization"):
        by_person.setdefault(position.person_id, []).append(position)
    return [(users[name], by_person[users[name].pk]) for name in DEMO_USERNAMES
            if name in users and users[name].pk in by_person]
