"""Who may see and do what in the records, over the whole cast of the demo office, through
the pages (refusals included): a UBND dossier from open to the archive, a hand-over list, a
disposal list through its council, a loan of an original, the boxes of the archive and the
archival packages. Each row of a matrix is one person; anyone not listed may do nothing and
sees nothing (404)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_api import api_as  # noqa: F401  (fixture)
from tests.test_incoming_permissions import EVERYONE, _register
from tests.test_records import closed, expired, in_archive, plan  # noqa: F401  (fixtures)
from vanphong import clock
from vanphong.incoming import actions as incoming_actions
from vanphong.records import disposal, transfer
from vanphong.records.models import (
    Box,
    Disposal,
    DisposalState,
    Dossier,
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
    assert _status(exported) == (200 if exports else 403 if sees else 404), name
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
    page, record = client.get(url), client.get(url + "bien-ban.pdf")
    assert (_status(page), _status(record)) == ((200, 200) if sees else (404, 404)), name
    if sees:  # the record lists the dossiers the page lists (no document of them)
        assert expired.code in page.content.decode() and expired.code in _words(record.content)
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


# --- Every way out of a dossier shows what its page shows (issue 18, §2.2) -------------------

#: The four documents of the dossier, each with a token in its subject to find it by.
SECRET_IN, GIVEN_IN, PUBLIC_OUT, SECRET_OUT = "XMATDEN", "XGIAODEN", "XCONGDI", "XMATDI"
#: name -> the documents that person may open (the incoming and outgoing gatekeepers):
#: the secret letter its readers (the registering clerk, the chairman it went to); the
#: letter given to truongphong the office, the UBND leaders and truongphong; the issued
#: decision every UBND member; the secret one the clerks and its signer.
SEES = {
    "vanthu": {SECRET_IN, GIVEN_IN, PUBLIC_OUT, SECRET_OUT},
    "vanthu2": {GIVEN_IN, PUBLIC_OUT, SECRET_OUT},
    "chanhvanphong": {GIVEN_IN, PUBLIC_OUT},
    "chutich": {SECRET_IN, GIVEN_IN, PUBLIC_OUT, SECRET_OUT},
    "phochutich": {GIVEN_IN, PUBLIC_OUT},
    "truongphong": {GIVEN_IN, PUBLIC_OUT},
    **{key: {PUBLIC_OUT} for key in ("truongphongkt", "chuyenvien", "chuyenvien2")},
    "luutru": set(),  # sees the dossier, opens none of its documents
}
EVERY_DOCUMENT = {SECRET_IN, GIVEN_IN, PUBLIC_OUT, SECRET_OUT}
EXPORTERS = {*OFFICE, "luutru"}
SEES_TRANSFERS = {*OFFICE, *UBND_LEADERS, "luutru"}


def _issued_out(cast, subject, secrecy):
    from tests.test_outgoing_flow import doc_type, scan
    from vanphong.outgoing.actions import DraftFields, RecipientSpec
    from vanphong.outgoing.issuing import issue_outgoing, record_signed_on_paper

    document = record_signed_on_paper(
        actor=cast.vanthu, organization=cast.orgs["UBND"], signed_on=clock.today(),
        upload=scan(cast.vanthu, subject), fields=DraftFields(
            document_type=doc_type("Quyết định"), subject=subject, signer=cast.chutich,
            capacity="tm", secrecy=secrecy,
            recipients=(RecipientSpec(name="Công an xã Tân Hòa"),)))
    issue_outgoing(actor=cast.vanthu, document=document)
    document.refresh_from_db()
    return document


@pytest.fixture
def mixed(cast, plan):  # noqa: F811
    """01.TH holding a secret letter, a letter given to truongphong, an issued decision and
    a secret issued one — each filed on its own; both letters still being handled."""
    from vanphong.records import actions as records_actions
    from vanphong.registers.models import Secrecy

    secret = _register(cast, org="UBND", secrecy=Secrecy.SECRET,
                       subject=f"Nắm tình hình an ninh nông thôn {SECRET_IN}")
    incoming_actions.route_incoming(actor=cast.vanthu, document=secret, leaders=[cast.chutich])
    given = _given_to_keeper(cast)
    given.subject = f"Quyết định bổ nhiệm {GIVEN_IN}"
    given.save(update_fields=["subject"])
    documents = {SECRET_IN: secret, GIVEN_IN: given,
                 PUBLIC_OUT: _issued_out(cast, f"Quy chế công khai {PUBLIC_OUT}", 0),
                 SECRET_OUT: _issued_out(cast, f"Phương án bảo vệ {SECRET_OUT}", Secrecy.SECRET)}
    dossier = plan.dossiers.get(code="01.TH")
    for document in documents.values():
        records_actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[document])
    return dossier, documents


def _words(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _listed(text: str) -> set[str]:
    return {token for token in EVERY_DOCUMENT if token in text}


def _record(documents, seen) -> str:
    incoming = sum(1 for key in seen if documents[key].__class__.__name__ == "IncomingDocument")
    return (f"Hồ sơ gồm {len(seen)} văn bản ({incoming} văn bản đến, "
            f"{len(seen) - incoming} văn bản đi)")


def _points(record: str) -> int:
    """How many documents the closing record's "Kết thúc khi còn" names."""
    _, _, points = record.partition("Kết thúc khi còn: ")
    return points.count("Văn bản đến ") + points.count("Văn bản đi ")


def _hidden_codes(documents, seen) -> list[str]:
    return [documents[k].code for k in EVERY_DOCUMENT - seen
            if documents[k].__class__.__name__ == "IncomingDocument"]


@pytest.mark.parametrize("name", EVERYONE)
def test_every_print_export_count_and_package_of_a_dossier_lists_what_its_page_lists(
        cast, mixed, name, client_for, api_as):  # noqa: F811
    import io
    import zipfile

    from tests.test_api import API
    from vanphong.records import actions as records_actions

    dossier, documents = mixed
    sees = name in SEES
    seen = SEES.get(name, set())
    client, api = client_for(getattr(cast, name)), api_as(getattr(cast, name))
    url = f"/ho-so/{dossier.pk}/"

    page = client.get(url)
    assert page.status_code == (200 if sees else 404), name
    if sees:  # open: the review before closing names only what the reader may open
        html = page.content.decode()
        assert _listed(html) == seen, name
        assert "không được xem" not in html, name
        for code in _hidden_codes(documents, seen):
            assert code not in html, (name, code)  # nor in the history
        if name in (*OFFICE, *UBND_LEADERS):  # both letters are being handled, neither
            # decision has its issued PDF: a point for each document the reader may open
            review = html.split('data-testid="closing-review"')[1].split("</div>")[0]
            assert review.count("<li>") == len(seen), name
    records_actions.close_dossier(actor=cast.vanthu, dossier=dossier, confirm=True)
    Dossier.objects.filter(pk=dossier.pk).update(ended_year=clock.today().year - 1)
    made = transfer.create_transfer(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                    dossiers=[dossier])

    outs = {"page": url, "contents PDF": url + "muc-luc.pdf", "package": url + "goi.zip",
            "plan PDF": f"/ho-so/danh-muc/{dossier.plan_id}/danh-muc.pdf",
            "transfer": f"/ho-so/nop-luu/{made.pk}/",
            "transfer PDF": f"/ho-so/nop-luu/{made.pk}/nop-luu.pdf"}
    got = {what: client.get(where) for what, where in outs.items()}
    expected = dict.fromkeys(outs, 200 if sees else 404)
    expected["package"] = 200 if name in EXPORTERS else 403 if sees else 404
    expected["transfer"] = expected["transfer PDF"] = 200 if name in SEES_TRANSFERS else 404
    assert {what: r.status_code for what, r in got.items()} == expected, name
    api_detail = api.get(f"/dossiers/{dossier.pk}")
    api_package = api.client.get(f"{API}/dossiers/{dossier.pk}/package")
    assert (api_detail.status_code, api_package.status_code) == (
        200 if sees else 404, expected["package"]), name
    found = client.get("/ho-so/tim/", {"q": "01.TH"}).content.decode()
    assert (str(dossier.pk) in found) is sees, name
    if not sees:
        return

    record = _record(documents, seen)
    html = got["page"].content.decode()
    assert _listed(html) == seen and record in html, name
    assert _points(html.split('data-testid="closing">')[1].split("</div>")[0]) == len(seen)
    for code in _hidden_codes(documents, seen):
        assert code not in html, (name, code)
    printed = _words(got["contents PDF"].content)
    assert _listed(printed) == seen and record in printed, name
    assert _points(printed) == len(seen), name
    assert all(code not in printed for code in _hidden_codes(documents, seen)), name
    assert "01.TH" in _words(got["plan PDF"].content), name
    body = api_detail.json()
    assert {i["id"] for i in body["items"]} == {str(documents[k].pk) for k in seen}, name
    assert body["documents"] == len(seen) and record in body["closing_note"], name
    assert _points(body["closing_note"]) == len(seen), name
    assert all(code not in body["closing_note"] for code in _hidden_codes(documents, seen))
    [listed] = [d for d in api.get(f"/file-plans/{dossier.plan_id}").json()["dossiers"]
                if d["code"] == "01.TH"]
    assert listed["documents"] == len(seen), name
    for package in (got["package"], api_package):
        if package.status_code == 200:
            xml = zipfile.ZipFile(io.BytesIO(package.content)).read(
                "goi-ho-so/data/ho-so.xml").decode()
            assert _listed(xml) == seen and f"<DocTotal>{len(seen)}</DocTotal>" in xml, name
    if name in SEES_TRANSFERS:
        row = f"{len(seen)} văn bản"
        assert row in got["transfer"].content.decode(), name
        assert row in _words(got["transfer PDF"].content), name


@pytest.mark.parametrize("step", ["submitted", "received"])
def test_the_archivist_sees_and_packages_the_non_secret_documents_handed_to_the_archive(
        cast, mixed, client_for, step):
    """Once a dossier is handed over, the archive keeps it: the archivist checks, appraises
    and packages its documents — the non-secret ones; a secret one stays with its readers.
    Every way out shows him the same documents; he still cannot open them as documents."""
    import io
    import zipfile

    from vanphong.records import actions as records_actions

    dossier, documents = mixed
    archivist = client_for(cast.luutru)
    url = f"/ho-so/{dossier.pk}/"
    assert _listed(archivist.get(url).content.decode()) == set()  # not yet the archive's
    records_actions.close_dossier(actor=cast.vanthu, dossier=dossier, confirm=True)
    Dossier.objects.filter(pk=dossier.pk).update(ended_year=clock.today().year - 1)
    made = transfer.create_transfer(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                    dossiers=[dossier])
    transfer.submit_transfer(actor=cast.vanthu, transfer=made)
    if step == "received":
        transfer.receive_transfer(actor=cast.luutru, transfer=made)
    kept = {GIVEN_IN, PUBLIC_OUT}
    page = archivist.get(url).content.decode()
    assert _listed(page) == kept
    assert f'href="/van-ban-den/{documents[GIVEN_IN].pk}/"' not in page  # listed, not opened
    assert _listed(_words(archivist.get(url + "muc-luc.pdf").content)) == kept
    assert _listed(_words(archivist.get(f"/ho-so/nop-luu/{made.pk}/nop-luu.pdf").content)) \
        in (kept, set())  # the hand-over list names dossiers; never a secret document
    package = zipfile.ZipFile(io.BytesIO(archivist.get(url + "goi.zip").content))
    description = package.read("goi-ho-so/data/ho-so.xml").decode()
    assert _listed(description) == kept and "<DocTotal>2</DocTotal>" in description
    assert archivist.get(f"/van-ban-den/{documents[GIVEN_IN].pk}/").status_code == 404
    # a member of the office who is not the archivist sees no more than before
    assert _listed(client_for(cast.chuyenvien).get(url).content.decode()) == {PUBLIC_OUT}
