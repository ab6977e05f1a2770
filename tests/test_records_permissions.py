"""Who may see and do what in the records, over the whole cast of the demo office, through
the pages (refusals included): a UBND dossier from open to the archive, a hand-over list, a
disposal list through its council, a loan of an original, the boxes of the archive and the
archival packages. Each row of a matrix is one person; anyone not listed may do nothing and
sees nothing (404)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_incoming_permissions import EVERYONE, _register
from tests.test_records import closed, expired, in_archive, plan  # noqa: F401  (fixtures)
from vanphong import clock
from vanphong.incoming import actions as incoming_actions
from vanphong.records import disposal, transfer
from vanphong.records.models import (
    Box,
    Disposal,
    DisposalState,
    DossierState,
    Loan,
    LoanState,
    Transfer,
    TransferDelay,
    TransferState,
)

pytestmark = pytest.mark.django_db

OFFICE = ("vanthu", "vanthu2", "chanhvanphong")
UBND_LEADERS = ("chutich", "phochutich")
UBND_MEMBERS = ("truongphong", "truongphongkt", "chuyenvien", "chuyenvien2")


def _status(response) -> int:
    return response.status_code


def _given_to_keeper(cast):
    """A UBND letter the chairman gave to truongphong, the keeper of 02.TCCB (a keeper
    files only documents they may open)."""
    letter = _register(cast, org="UBND", subject="Quyết định bổ nhiệm")
    incoming_actions.route_incoming(actor=cast.vanthu, document=letter, leaders=[cast.chutich])
    incoming_actions.instruct_incoming(
        actor=cast.chutich, document=letter,
        handlers=incoming_actions.Handlers(lead_person=cast.truongphong),
        deadline=clock.today() + dt.timedelta(days=7))
    return letter


# --- Dossiers -------------------------------------------------------------------------------

#: name -> (sees, files into and closes the open dossier kept by truongphong, reopens it,
#: lets it be kept longer, puts a legal hold, exports its package)
DOSSIER_MATRIX = {
    **dict.fromkeys(OFFICE, (True, True, True, False, False, True)),
    **dict.fromkeys(UBND_LEADERS, (True, True, False, True, True, False)),
    "truongphong": (True, True, False, False, False, False),  # its keeper
    **dict.fromkeys(UBND_MEMBERS[1:], (True, False, False, False, False, False)),
    "luutru": (True, False, False, False, True, True),
}


@pytest.mark.parametrize("name", EVERYONE)
def test_who_sees_keeps_closes_reopens_holds_and_exports_a_dossier(
        cast, plan, name, client_for):  # noqa: F811
    sees, keeps, reopens, delays, holds, exports = DOSSIER_MATRIX.get(
        name, (False,) * 6)
    client = client_for(getattr(cast, name))
    dossier = plan.dossiers.get(code="02.TCCB")
    url = f"/ho-so/{dossier.pk}/"
    assert _status(client.get(url)) == (200 if sees else 404), name
    letter = _given_to_keeper(cast)
    filed = client.post(url + "dua-vao/", {"documents": [f"i{letter.pk}"]})
    assert _status(filed) == (302 if keeps else 403 if sees else 404), name
    assert dossier.items.exists() is keeps, name
    if not keeps:
        client_for(cast.vanthu).post(url + "dua-vao/", {"documents": [f"i{letter.pk}"]})
    closing = client.post(url + "ket-thuc/", {"confirm": "on"})
    assert _status(closing) == (302 if keeps else 403 if sees else 404), name
    dossier.refresh_from_db()
    assert (dossier.state == DossierState.CLOSED) is keeps, name
    if not keeps:
        client_for(cast.vanthu).post(url + "ket-thuc/", {"confirm": "on"})
    exported = client.get(url + "goi.zip")
    assert _status(exported) == (200 if exports else 404), name
    held = client.post(url + "tam-giu/", {"reason": "Thanh tra đang xem xét"})
    assert _status(held) == (302 if sees else 404), name
    dossier.refresh_from_db()
    assert (dossier.hold_reason != "") is holds, name
    delay = client.post(url + "giu-lai/", {"until_year": str(clock.today().year + 2),
                                           "reason": "Còn dùng để giải quyết công việc"})
    assert _status(delay) == (302 if sees else 404), name
    dossier.refresh_from_db()
    assert TransferDelay.objects.filter(dossier=dossier).exists() is delays, name
    reopened = client.post(url + "mo-lai/", {"reason": "Bổ sung văn bản"})
    assert _status(reopened) == (302 if reopens else 403 if sees else 404), name
    dossier.refresh_from_db()
    assert (dossier.state == DossierState.OPEN) is reopens, name


# --- Hand-over to the archive ---------------------------------------------------------------

#: name -> (sees the hand-over list, builds and submits it, receives it)
TRANSFER_MATRIX = {
    **dict.fromkeys(OFFICE, (True, True, False)),
    **dict.fromkeys(UBND_LEADERS, (True, False, False)),
    "luutru": (True, False, True),
}


@pytest.mark.parametrize("name", EVERYONE)
def test_who_sees_submits_and_receives_a_hand_over(cast, closed, name, client_for):  # noqa: F811
    sees, edits, receives = TRANSFER_MATRIX.get(name, (False, False, False))
    client = client_for(getattr(cast, name))
    listing = client.post("/ho-so/nop-luu/", {"organization": cast.orgs["UBND"].pk,
                                              "dossiers": [str(d.pk) for d in closed]})
    assert Transfer.objects.exists() is edits, name
    if not edits:
        assert _status(listing) in (403, 404, 422), name
        transfer.create_transfer(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                 dossiers=closed)
    made = Transfer.objects.get()
    url = f"/ho-so/nop-luu/{made.pk}/"
    assert _status(client.get(url)) == (200 if sees else 404), name
    submitted = client.post(url + "giao/")
    assert _status(submitted) == (302 if edits else 403 if sees else 404), name
    made.refresh_from_db()
    assert (made.state == TransferState.SUBMITTED) is edits, name
    if not edits:
        transfer.submit_transfer(actor=cast.vanthu, transfer=made)
    received = client.post(url + "nhan/", {"condition": "Đủ hồ sơ"})
    assert _status(received) == (302 if receives else 403 if sees else 404), name
    made.refresh_from_db()
    assert (made.state == TransferState.RECEIVED) is receives, name
    if receives:  # the archivist alone corrects what is in the archive, and it is recorded
        dossier = closed[0]
        client.post(f"/ho-so/{dossier.pk}/sua/", {"title": "Tiêu đề đã sửa", "note": "Sửa"})
        dossier.refresh_from_db()
        assert dossier.title == "Tiêu đề đã sửa"


def test_only_the_archivist_corrects_a_dossier_in_the_archive(cast, in_archive,  # noqa: F811
                                                               client_for):
    dossier = in_archive[0]
    for name in EVERYONE:
        client_for(getattr(cast, name)).post(f"/ho-so/{dossier.pk}/sua/", {
            "title": f"Sửa bởi {name}", "note": ""})
    dossier.refresh_from_db()
    assert dossier.title == "Sửa bởi luutru"
    assert dossier.events.filter(kind="correct").count() == 1


# --- Disposal -------------------------------------------------------------------------------

COUNCIL = ("chanhvanphong", "truongphong", "luutru")

#: name -> (sees the disposal list, votes in its council, approves it, carries it out)
DISPOSAL_MATRIX = {
    **dict.fromkeys(OFFICE, (True, False, False, False)),
    "chanhvanphong": (True, True, False, False),
    **dict.fromkeys(UBND_LEADERS, (True, False, True, False)),
    "truongphong": (True, True, False, False),
    "luutru": (True, True, False, True),
}


@pytest.mark.parametrize("name", EVERYONE)
def test_who_appraises_approves_and_carries_out_a_disposal(cast, expired, name,  # noqa: F811
                                                           client_for):
    sees, votes, approves, carries_out = DISPOSAL_MATRIX.get(name, (False,) * 4)
    client = client_for(getattr(cast, name))
    made = disposal.propose_disposal(actor=cast.luutru, organization=cast.orgs["UBND"],
                                     dossiers=[expired],
                                     council=[getattr(cast, n) for n in COUNCIL])
    url = f"/ho-so/tieu-huy/{made.pk}/"
    assert _status(client.get(url)) == (200 if sees else 404), name
    voted = client.post(url + "y-kien/", {"agrees": "1"})
    assert _status(voted) == (302 if votes else 403 if sees else 404), name
    assert made.votes.filter(member=getattr(cast, name)).exists() is votes, name
    for member in COUNCIL:
        if member != name:
            disposal.vote(actor=getattr(cast, member), disposal=made, agrees=True)
    made.refresh_from_db()
    assert made.state == DisposalState.APPRAISED
    approved = client.post(url + "duyet/")
    assert _status(approved) == (302 if approves else 403 if sees else 404), name
    made.refresh_from_db()
    assert (made.state == DisposalState.APPROVED) is approves, name
    if not approves:
        disposal.approve(actor=cast.chutich, disposal=made)
    done = client.post(url + "thuc-hien/", {"method": "Nghiền bằng máy hủy tài liệu"})
    assert _status(done) == (302 if carries_out else 403 if sees else 404), name
    made.refresh_from_db()
    assert (made.state == DisposalState.DONE) is carries_out, name
    assert Disposal.objects.count() == 1


# --- Loans of originals and the archive's boxes ---------------------------------------------

#: name -> (asks to borrow an original, approves a loan, lends and takes back, sees the
#: register of use of others' loans)
LOAN_MATRIX = {
    **dict.fromkeys(("vanthu", "vanthu2"), (True, False, False, True)),
    "chanhvanphong": (True, True, False, True),
    **dict.fromkeys(UBND_LEADERS, (True, True, False, True)),
    **dict.fromkeys(UBND_MEMBERS, (True, False, False, False)),
    "truongphongkt": (True, False, False, True),  # the borrower of the other loan: their own
    "luutru": (True, False, True, True),
}


@pytest.mark.parametrize("name", EVERYONE)
def test_who_borrows_approves_lends_and_takes_back_an_original(cast, in_archive, name,  # noqa: F811
                                                               client_for):
    asks, decides, lends, registers = LOAN_MATRIX.get(name, (False,) * 4)
    user = getattr(cast, name)
    client = client_for(user)
    due = (clock.today() + dt.timedelta(days=7)).isoformat()
    asked = client.post(f"/ho-so/{in_archive[0].pk}/muon/", {"purpose": "Tra cứu",
                                                              "due_back": due})
    assert _status(asked) == (302 if asks else 404), name
    assert Loan.objects.filter(borrower=user).exists() is asks, name
    other = Loan.objects.create(dossier=in_archive[1], borrower=cast.truongphongkt,
                                purpose="Đối chiếu", due_back=clock.today(),
                                requested_at=clock.now())
    register = client.get("/ho-so/so-su-dung/").content.decode()
    assert ("Đối chiếu" in register) is registers, name
    step = f"/ho-so/so-su-dung/{other.pk}/"
    decided = client.post(step + "duyet/")
    assert _status(decided) == (302 if registers else 404), name
    other.refresh_from_db()
    assert (other.state == LoanState.APPROVED) is decides, name
    if not decides:
        Loan.objects.filter(pk=other.pk).update(state=LoanState.APPROVED)
    client.post(step + "giao/")
    other.refresh_from_db()
    assert (other.state == LoanState.LENT) is lends, name
    if lends:
        client.post(step + "nhan-lai/", {"condition": "Đầy đủ"})
        other.refresh_from_db()
        assert other.state == LoanState.RETURNED


#: Those who see the archive's boxes; the archivist alone adds boxes and shelves dossiers.
SEES_BOXES = {*OFFICE, "luutru"}


@pytest.mark.parametrize("name", EVERYONE)
def test_who_sees_the_boxes_and_who_shelves(cast, in_archive, name, client_for):  # noqa: F811
    client = client_for(getattr(cast, name))
    sees = name in SEES_BOXES
    assert _status(client.get("/ho-so/kho/")) == (200 if sees else 404), name
    client.post("/ho-so/kho/", {"organization": cast.orgs["UBND"].pk, "number": "1",
                                "location": "Kho 1"})
    assert Box.objects.exists() is (name == "luutru"), name
    box = Box.objects.first() or Box.objects.create(
        office=cast.office, organization=cast.orgs["UBND"], number="9", location="Kho 9")
    client.post(f"/ho-so/{in_archive[0].pk}/xep-kho/", {"box": box.pk})
    in_archive[0].refresh_from_db()
    assert (in_archive[0].box_id == box.pk) is (name == "luutru"), name
    imported = client.get("/ho-so/goi-ho-so/")
    assert _status(imported) == (200 if sees else 404), name
