"""Who may see and do what with incoming documents: the matrix of roles × pages,
refusals included. The rules live in `vanphong.incoming.access`; these tests go through
the pages, so they also prove the pages use it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import make_pdf
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.files.actions import store_file
from vanphong.incoming import actions
from vanphong.incoming.models import IncomingDocument, Status
from vanphong.registers.models import Secrecy

EVERYONE = [
    "admin",
    "vanthu",
    "vanthu2",
    "chanhvanphong",
    "bithu",
    "phobithu",
    "chutich",
    "phochutich",
    "phochutichhdnd",
    "chutichmttq",
    "chutichhnd",
    "truongphong",
    "truongphongkt",
    "chuyenvien",
    "chuyenvien2",
    "chuyenviendang",
    "chuyenvienmttq",
    "ketoan",
    "thuquy",
    "luutru",
]


def _register(cast, org="UBND", secrecy=Secrecy.NONE, subject="V/v kiểm tra"):
    import io

    pdf = make_pdf(subject)
    stored = store_file(actor=cast.vanthu, stream=io.BytesIO(pdf), name="vb.pdf", size=len(pdf))
    fields = actions.IncomingFields(
        issuer="UBND tỉnh Lâm Đồng",
        code=f"{abs(hash(subject)) % 9000}/UBND-VX",
        issued_date=clock.today() - dt.timedelta(days=1),
        subject=subject,
        secrecy=secrecy,
    )
    [doc] = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs[org]], fields=fields, files=[(stored, "vb.pdf")]
    )
    return doc


def _assigned(cast, **kwargs):
    """A UBND document routed to the chairman, who gave it to chuyenvien (lead),
    chuyenvien2 (support) and phochutich (for information)."""
    doc = _register(cast, **kwargs)
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    actions.instruct_incoming(
        actor=cast.chutich,
        document=doc,
        handlers=actions.Handlers(
            lead_person=cast.chuyenvien,
            support_people=[cast.chuyenvien2],
            for_info=[cast.phochutich],
        ),
        deadline=clock.today() + dt.timedelta(days=7),
    )
    return doc


CAN_SEE_ASSIGNED = {
    "vanthu",
    "vanthu2",
    "chanhvanphong",
    "chutich",
    "phochutich",
    "chuyenvien",
    "chuyenvien2",
}


def _status(client, url):
    return client.get(url).status_code


def test_matrix_who_sees_an_ordinary_document(cast, client_for):
    doc = _assigned(cast)
    attachment = doc.receipt.attachments.get()
    pages = {
        "detail": reverse("incoming:detail", args=[doc.pk]),
        "download": reverse("incoming:download", args=[doc.pk, attachment.pk]),
        "slip": reverse("incoming:slip", args=[doc.pk]),
    }
    expected, actual = {}, {}
    for who in EVERYONE:
        client = client_for(getattr(cast, who))
        ok = 200 if who in CAN_SEE_ASSIGNED else 404
        for name, url in pages.items():
            expected[(who, name)] = ok
            actual[(who, name)] = _status(client, url)
        listed = (
            str(doc.pk)
            in client.get(reverse("incoming:list"), {"organization": ""}).content.decode()
        )
        expected[(who, "in list")] = who in CAN_SEE_ASSIGNED
        actual[(who, "in list")] = listed
    assert actual == expected


def test_matrix_secret_document_only_for_named_people(cast, client_for):
    doc = _register(cast, secrecy=Secrecy.SECRET, subject="V/v tài liệu mật")
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    assert doc.register.kind == "secret_incoming"
    named = {"vanthu", "chutich"}
    actual = {
        who: _status(client_for(getattr(cast, who)), reverse("incoming:detail", args=[doc.pk]))
        for who in EVERYONE
    }
    assert actual == {who: 200 if who in named else 404 for who in EVERYONE}
    opened = AuditEvent.objects.filter(action="incoming.open_secret", object_id=str(doc.pk))
    assert sorted(opened.values_list("actor__username", flat=True)) == ["chutich", "vanthu"]


def test_anonymous_is_sent_to_login(cast, client):
    doc = _register(cast)
    for url in [
        reverse("incoming:list"),
        reverse("incoming:detail", args=[doc.pk]),
        reverse("incoming:register"),
        reverse("home:my_work"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


ACTIONS = {
    "progress": ("incoming:progress", {"text": "Đang làm"}),
    "complete": ("incoming:complete", {"result": "Xong"}),
    "return": ("incoming:return", {"text": "Không đúng lĩnh vực"}),
    "route": ("incoming:route", {"leaders": []}),
    "instruct": ("incoming:instruct", {"lead": "", "text": "x"}),
}
#: Who may take each action on the assigned document (everyone else is refused).
ALLOWED = {
    "progress": {"chuyenvien", "chuyenvien2"},
    "complete": {"chuyenvien"},
    "return": {"chuyenvien"},
    "route": set(),
    "instruct": {"chutich"},
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_matrix_refusals_leave_the_document_unchanged(cast, client_for, action):
    doc = _assigned(cast)
    name, data = ACTIONS[action]
    events = doc.events.count()
    for who in EVERYONE:
        if who in ALLOWED[action]:
            continue
        response = client_for(getattr(cast, who)).post(reverse(name, args=[doc.pk]), data)
        expected = 403 if who in CAN_SEE_ASSIGNED else 404
        assert response.status_code == expected, (who, action, response.status_code)
    doc.refresh_from_db()
    assert doc.status == Status.ASSIGNED and doc.events.count() == events


@pytest.mark.parametrize(
    ("who", "action"),
    [(who, action) for action, people in sorted(ALLOWED.items()) for who in sorted(people)],
)
def test_matrix_allowed_actions_succeed(cast, client_for, who, action):
    doc = _assigned(cast)
    name, data = ACTIONS[action]
    if action == "instruct":
        data = {"lead": f"p{cast.chuyenvien2.pk}", "text": "Đổi người chủ trì"}
    response = client_for(getattr(cast, who)).post(reverse(name, args=[doc.pk]), data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert doc.events.latest("at", "id").kind == action


def test_clerk_routes_only_registered_or_routed_documents(cast, client_for):
    doc = _register(cast)
    other = client_for(cast.chuyenvien).post(
        reverse("incoming:route", args=[doc.pk]), {"leaders": [cast.chutich.pk]}
    )
    assert other.status_code == 404
    head = client_for(cast.chutich).post(
        reverse("incoming:route", args=[doc.pk]), {"leaders": [cast.chutich.pk]}
    )
    assert head.status_code == 403
    clerk = client_for(cast.vanthu2).post(
        reverse("incoming:route", args=[doc.pk]), {"leaders": [cast.chutich.pk]}
    )
    assert clerk.status_code == 302
    assert IncomingDocument.objects.get(pk=doc.pk).status == Status.ROUTED


def test_route_refuses_someone_who_is_not_a_leader_of_the_organization(cast, client_for):
    doc = _register(cast)
    response = client_for(cast.vanthu).post(
        reverse("incoming:route", args=[doc.pk]), {"leaders": [cast.bithu.pk]}
    )
    assert response.status_code == 200
    doc.refresh_from_db()
    assert doc.status == Status.REGISTERED


def test_unit_head_sees_and_reassigns_only_their_units_work(cast, client_for):
    doc = _register(cast)
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.phochutich])
    actions.instruct_incoming(
        actor=cast.phochutich, document=doc, handlers=actions.Handlers(lead_unit=cast.units["KT"])
    )
    assert (
        client_for(cast.truongphong).get(reverse("incoming:detail", args=[doc.pk])).status_code
        == 404
    )
    lead = doc.assignments.get()
    refused = client_for(cast.truongphongkt).post(
        reverse("incoming:reassign", args=[doc.pk]),
        {"assignment": lead.pk, "person": cast.chuyenvien.pk},
    )
    assert refused.status_code == 200  # chuyenvien is not in Phòng Kinh tế
    ok = client_for(cast.truongphongkt).post(
        reverse("incoming:reassign", args=[doc.pk]),
        {"assignment": lead.pk, "person": cast.chuyenvien2.pk},
    )
    assert ok.status_code == 302
    assert doc.assignments.get(state="active").person == cast.chuyenvien2


def test_head_of_one_organization_cannot_see_another_organizations_documents(cast, client_for):
    party_doc = _register(cast, org="ĐU", subject="V/v công tác đảng viên")
    client = client_for(cast.chutichmttq)
    assert client.get(reverse("incoming:detail", args=[party_doc.pk])).status_code == 404
    assert (
        client_for(cast.bithu).get(reverse("incoming:detail", args=[party_doc.pk])).status_code
        == 200
    )
    # chutich is Phó Bí thư: a deputy of ĐU sees ĐU's documents too.
    assert (
        client_for(cast.chutich).get(reverse("incoming:detail", args=[party_doc.pk])).status_code
        == 200
    )


def test_downloads_are_audited(cast, client_for):
    doc = _register(cast)
    attachment = doc.receipt.attachments.get()
    response = client_for(cast.vanthu).get(
        reverse("incoming:download", args=[doc.pk, attachment.pk]), REMOTE_ADDR="10.0.0.7"
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    row = AuditEvent.objects.get(action="incoming.download")
    assert (row.actor, row.address, row.object_id) == (cast.vanthu, "10.0.0.7", str(doc.pk))


def test_malformed_ids_are_404_not_500(cast, client_for):
    client = client_for(cast.vanthu)
    assert client.get("/van-ban-den/not-a-uuid/").status_code == 404
    assert client.get("/van-ban-den/00000000-0000-0000-0000-000000000000/").status_code == 404
