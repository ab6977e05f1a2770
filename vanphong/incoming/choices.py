"""The trees the instruction form offers: who may support a document or be told of it."""

from __future__ import annotations

from vanphong.incoming.actions import eligible_units
from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.choices import handler_posts, org_tree
from vanphong.organizations.models import User
from vanphong.widgets import Node


def handler_tree(document: IncomingDocument, *, with_units: bool,
                 leaving_out: User | None = None) -> list[Node]:
    """The document's organization and the office, their units and handling people
    ("p<id>"; units "u<id>" are choices too `with_units`). `leaving_out` is the leader
    giving the instruction: he does not support his own instruction or inform himself."""
    posts = handler_posts(document.office_id, organization_id=document.organization_id)
    if leaving_out is not None:
        posts = posts.exclude(person=leaving_out)
    return org_tree(
        organizations=[document.organization, None],
        units=eligible_units(document).select_related("organization"),
        posts=posts.select_related("person", "organization", "unit").order_by("pk"),
        person_value=lambda post: f"p{post.person_id}",
        unit_value=(lambda unit: f"u{unit.pk}") if with_units else None,
        office_label=document.office.name,
    )
