"""Who may see and do what with an outgoing document: the matrix of people × actions
for a UBND draft at each step of its life, refusals included, over the one gatekeeper
(`visible_outgoing`, `can`, `get_outgoing_for`) that pages, the API and search use.

The draft: written by `chuyenvien` (Phòng VHXH, whose head is `truongphong`), signed by
`chutich` for the collective, reviewed by the unit head and the office format check.
"""

from __future__ import annotations

import uuid

import pytest

from tests.test_outgoing_flow import TUESDAY, draft
from vanphong import clock
from vanphong.errors import NotAllowed, NotFound
from vanphong.outgoing.access import (
    Action,
    allowed_actions,
    can,
    drafting_organizations,
    get_outgoing_for,
    may_draft,
    may_number,
    visible_outgoing,
)
from vanphong.outgoing.actions import (
    approve_outgoing,
    return_outgoing,
    sign_outgoing,
    submit_outgoing,
    withdraw_outgoing,
)
from vanphong.outgoing.issuing import issue_outgoing, recall_outgoing
from vanphong.outgoing.models import OutgoingDocument, Status
from vanphong.registers.models import Secrecy

# One letter per action; N = issue (I reads as 1), G = sign.
V, E, S, W, C = Action.VIEW, Action.EDIT, Action.SUBMIT, Action.WITHDRAW, Action.COMMENT
R, G, T, N, X = Action.REVIEW, Action.SIGN, Action.RETURN, Action.ISSUE, Action.RECALL

PEOPLE = [
    "chuyenvien",  # the drafter
    "chuyenvien2",  # another specialist of UBND, another unit
    "truongphong",  # head of the drafting unit
    "truongphongkt",  # head of another unit
    "vanthu",  # office clerk
    "chanhvanphong",  # office lead
    "chutich",  # the signer, head of UBND
    "phochutich",  # a deputy of UBND, not on the draft
    "chutichmttq",  # head of another organization
    "ketoan",  # accountant of the office
    "admin",
]

NOBODY_ELSE = {"chutichmttq": None, "ketoan": None, "admin": None}
EDITING = {V, E, S, W, C}
FOLLOWING = {V, C}

#: step of the draft -> person -> allowed actions (None: the document does not exist
#: for them — NotFound).
MATRIX: dict[str, dict[str, set[Action] | None]] = {
    "draft": {
        "chuyenvien": EDITING, "chuyenvien2": None, "truongphong": FOLLOWING,
        "truongphongkt": None, "vanthu": FOLLOWING, "chanhvanphong": FOLLOWING,
        "chutich": FOLLOWING, "phochutich": FOLLOWING, **NOBODY_ELSE,
    },
    "unit_head": {
        "chuyenvien": {V, W, C}, "chuyenvien2": None, "truongphong": {V, C, R, T},
        "truongphongkt": None, "vanthu": FOLLOWING, "chanhvanphong": FOLLOWING,
        "chutich": FOLLOWING, "phochutich": FOLLOWING, **NOBODY_ELSE,
    },
    "office_check": {
        "chuyenvien": {V, W, C}, "chuyenvien2": None, "truongphong": FOLLOWING,
        "truongphongkt": None, "vanthu": {V, C, R, T}, "chanhvanphong": {V, C, R, T},
        "chutich": FOLLOWING, "phochutich": FOLLOWING, **NOBODY_ELSE,
    },
    "signing": {
        "chuyenvien": {V, W, C}, "chuyenvien2": None, "truongphong": FOLLOWING,
        "truongphongkt": None, "vanthu": FOLLOWING, "chanhvanphong": FOLLOWING,
        "chutich": {V, C, G, T}, "phochutich": FOLLOWING, **NOBODY_ELSE,
    },
    "returned": {
        "chuyenvien": EDITING, "chuyenvien2": None, "truongphong": FOLLOWING,
        "truongphongkt": None, "vanthu": FOLLOWING, "chanhvanphong": FOLLOWING,
        "chutich": FOLLOWING, "phochutich": FOLLOWING, **NOBODY_ELSE,
    },
    "withdrawn": {
        "chuyenvien": {V}, "chuyenvien2": None, "truongphong": {V}, "truongphongkt": None,
        "vanthu": {V}, "chanhvanphong": {V}, "chutich": {V}, "phochutich": {V}, **NOBODY_ELSE,
    },
    "signed": {
        "chuyenvien": FOLLOWING, "chuyenvien2": None, "truongphong": FOLLOWING,
        "truongphongkt": None, "vanthu": {V, C, T, N}, "chanhvanphong": FOLLOWING,
        "chutich": FOLLOWING, "phochutich": FOLLOWING, **NOBODY_ELSE,
    },
    # Issued: every member of UBND may read it; the head, the signer and the office lead
    # may recall it.
    "issued": {
        "chuyenvien": {V}, "chuyenvien2": {V}, "truongphong": {V}, "truongphongkt": {V},
        "vanthu": {V}, "chanhvanphong": {V, X}, "chutich": {V, X}, "phochutich": {V},
        **NOBODY_ELSE,
    },
    "recalled": {
        "chuyenvien": {V}, "chuyenvien2": {V}, "truongphong": {V}, "truongphongkt": {V},
        "vanthu": {V}, "chanhvanphong": {V}, "chutich": {V}, "phochutich": {V},
        **NOBODY_ELSE,
    },
}


def _at_step(cast, step: str, **draft_options) -> OutgoingDocument:
    """A UBND draft taken through the actions up to `step`."""
    document = draft(cast, **draft_options)
    moves = [
        ("draft", lambda: submit_outgoing(actor=cast.chuyenvien, document=document)),
        ("unit_head", lambda: approve_outgoing(actor=cast.truongphong, document=document)),
        ("office_check", lambda: approve_outgoing(actor=cast.vanthu, document=document)),
        ("signing", lambda: sign_outgoing(actor=cast.chutich, document=document)),
        ("signed", lambda: issue_outgoing(actor=cast.vanthu, document=document)),
        ("issued", lambda: recall_outgoing(actor=cast.chutich, document=document,
                                           reason="Sai căn cứ")),
    ]
    detours = {
        "returned": ("unit_head", lambda: return_outgoing(
            actor=cast.truongphong, document=document, reason="Viết lại trích yếu")),
        "withdrawn": ("unit_head", lambda: withdraw_outgoing(
            actor=cast.chuyenvien, document=document, reason="Không ban hành nữa")),
    }
    target = detours[step][0] if step in detours else step
    for reached, move in moves:
        if reached == target:
            break
        move()
    if step in detours:
        detours[step][1]()
    return OutgoingDocument.objects.get(pk=document.pk)


@pytest.mark.parametrize("step", list(MATRIX))
def test_who_may_do_what_at_each_step(cast, step):
    with clock.frozen_at(TUESDAY):
        document = _at_step(cast, step)
        expected_status = {"unit_head": Status.IN_REVIEW, "office_check": Status.IN_REVIEW,
                           "signing": Status.IN_REVIEW}.get(step, step)
        assert document.status == expected_status
        seen: dict[str, set[Action] | None] = {}
        for name in PEOPLE:
            user = getattr(cast, name)
            visible = visible_outgoing(user).filter(pk=document.pk).exists()
            seen[name] = allowed_actions(user, document) if visible else None
            for action in Action:
                _assert_gatekeeper(user, document, action, visible, seen[name])
    assert seen == MATRIX[step]


def _assert_gatekeeper(user, document: OutgoingDocument, action: Action, visible: bool,
                       allowed: set[Action] | None) -> None:
    """get_outgoing_for answers as `visible_outgoing` and `can` say, and never more."""
    if not visible:
        with pytest.raises(NotFound):
            get_outgoing_for(user, document.pk, action)
    elif allowed is not None and action in allowed:
        assert get_outgoing_for(user, document.pk, action) == document
    else:
        with pytest.raises(NotAllowed):
            get_outgoing_for(user, document.pk, action)


SECRET_READERS = {"chuyenvien", "truongphong", "vanthu", "vanthu2", "chutich"}


def test_secret_draft_is_seen_only_by_drafter_signer_reviewers_and_clerks(cast):
    with clock.frozen_at(TUESDAY):
        document = _at_step(cast, "office_check", secrecy=Secrecy.SECRET)
        readers = {name for name in [*PEOPLE, "vanthu2"]
                   if visible_outgoing(getattr(cast, name)).filter(pk=document.pk).exists()}
        with pytest.raises(NotFound):  # the office lead reviews only what it may see
            get_outgoing_for(cast.chanhvanphong, document.pk, Action.REVIEW)
        assert get_outgoing_for(cast.vanthu2, document.pk, Action.REVIEW) == document
    assert readers == SECRET_READERS


def test_secret_draft_before_submission_is_hidden_from_the_unit_head(cast):
    with clock.frozen_at(TUESDAY):
        document = _at_step(cast, "draft", secrecy=Secrecy.SECRET)
        readers = {name for name in PEOPLE
                   if visible_outgoing(getattr(cast, name)).filter(pk=document.pk).exists()}
    assert readers == {"chuyenvien", "vanthu", "chutich"}


def test_issued_secret_document_stays_hidden_from_the_organization(cast):
    with clock.frozen_at(TUESDAY):
        document = _at_step(cast, "signed", secrecy=Secrecy.SECRET)
        for name in ("chuyenvien2", "phochutich", "chanhvanphong"):
            with pytest.raises(NotFound):
                get_outgoing_for(getattr(cast, name), document.pk)


@pytest.mark.parametrize("document_id", [uuid.uuid4(), "khong-phai-uuid", None, 12])
def test_missing_and_malformed_ids_are_not_found(cast, document_id):
    with pytest.raises(NotFound) as missing:
        get_outgoing_for(cast.vanthu, document_id)
    with clock.frozen_at(TUESDAY):
        document = _at_step(cast, "draft")
    with pytest.raises(NotFound) as hidden:
        get_outgoing_for(cast.chutichmttq, document.pk)
    # The same answer whether the document is missing or hidden: nothing leaks.
    assert (hidden.value.message, hidden.value.status) == (missing.value.message, 404)


def test_visible_but_not_permitted_is_not_allowed(cast):
    with clock.frozen_at(TUESDAY):
        document = _at_step(cast, "unit_head")
        with pytest.raises(NotAllowed) as refused:
            get_outgoing_for(cast.chutich, str(document.pk), Action.SIGN)
    assert refused.value.status == 403
    assert not can(cast.chutich, Action.SIGN, document)


def test_who_may_draft_and_number_for_an_organization(cast):
    ubnd, mttq = cast.orgs["UBND"], cast.orgs["MTTQ"]
    drafters = {name for name in PEOPLE if may_draft(getattr(cast, name), ubnd)}
    numberers = {name for name in [*PEOPLE, "vanthu2"]
                 if may_number(getattr(cast, name), cast.office.pk)}
    assert drafters == {"chuyenvien", "chuyenvien2", "truongphong", "truongphongkt", "vanthu",
                        "chanhvanphong", "chutich", "phochutich"}
    assert numberers == {"vanthu", "vanthu2"}
    assert may_draft(cast.chutichmttq, mttq) and not may_draft(cast.chuyenvien, mttq)
    assert set(drafting_organizations(cast.chutich)) == {ubnd, cast.orgs["ĐU"]}
    assert set(drafting_organizations(cast.vanthu)) == set(cast.orgs.values())
    assert not drafting_organizations(cast.ketoan).exists()


def test_an_inactive_organization_takes_no_drafts(cast):
    ubnd = cast.orgs["UBND"]
    ubnd.is_active = False
    ubnd.save(update_fields=["is_active"])
    assert not may_draft(cast.chutich, ubnd)
    assert not may_draft(cast.vanthu, ubnd)
