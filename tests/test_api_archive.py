"""The archive through the API: a hand-over built, submitted, returned, received; the
dossiers read-only and corrected by the archivist; an extension; boxes and shelving; a loan
asked, decided, lent and taken back; a disposal through its council; a legal hold; a package
exported and imported — each with its refusals as structured errors."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_api import API, api_as  # noqa: F401
from tests.test_records import closed, expired, in_archive, plan  # noqa: F401
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.records.models import Dossier, DossierState


def _error(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["message"]
    if field:
        assert field in error["fields"], error
    return error


def test_a_hand_over_through_the_api(cast, closed, api_as):  # noqa: F811
    clerk, archivist = api_as(cast.vanthu), api_as(cast.luutru)
    awaiting = clerk.get("/transfers/awaiting").json()
    assert [d["code"] for d in awaiting] == ["01.TH", "02.TCCB"]
    assert awaiting[0]["due"] == f"{clock.today().year}-12-31"
    assert api_as(cast.chuyenvien).get("/transfers/awaiting").json() == []
    ids = [d["id"] for d in awaiting]
    ubnd = cast.orgs["UBND"].pk

    _error(api_as(cast.chutich).post("/transfers", {"organization_id": ubnd,
                                                    "dossier_ids": ids}), 403)
    _error(clerk.post("/transfers", {"organization_id": ubnd, "dossier_ids": []}), 422,
           "dossier_ids")
    _error(clerk.post("/transfers", {"organization_id": cast.orgs["ĐU"].pk,
                                     "dossier_ids": ids}), 422, "dossier_ids")
    made = clerk.post("/transfers", {"organization_id": ubnd, "dossier_ids": ids})
    assert made.status_code == 201 and made.json()["state"] == "draft"
    transfer = made.json()["id"]
    assert clerk.get("/transfers/awaiting").json() == []  # in a transfer under way

    _error(archivist.post(f"/transfers/{transfer}/receive", {}), 403)  # not yet submitted
    assert clerk.post(f"/transfers/{transfer}/submit").json()["state"] == "submitted"
    _error(clerk.post(f"/transfers/{transfer}/receive", {}), 403)
    _error(archivist.post(f"/transfers/{transfer}/return", {"reason": ""}), 422, "reason")
    returned = archivist.post(f"/transfers/{transfer}/return",
                              {"reason": "Thiếu mục lục văn bản hồ sơ 02.TCCB"})
    assert returned.json()["state"] == "returned"
    clerk.post(f"/transfers/{transfer}/submit")
    received = archivist.post(f"/transfers/{transfer}/receive",
                              {"condition": "Đủ, bìa còn tốt"})
    assert received.status_code == 200
    body = received.json()
    assert body["state"] == "received" and body["received_by"] == cast.luutru.full_name
    assert {d["state"] for d in body["dossiers"]} == {"transferred"}
    _error(api_as(cast.bithu).get(f"/transfers/{transfer}"), 404)

    dossier = ids[0]
    refused = clerk.post(f"/dossiers/{dossier}/documents", {"incoming_ids": []})
    _error(refused, 403)  # read-only in the archive
    _error(clerk.post(f"/dossiers/{dossier}/correct", {"title": "Sửa"}), 403)
    corrected = archivist.post(f"/dossiers/{dossier}/correct",
                               {"title": "Kế hoạch, báo cáo công tác năm của UBND xã (bản sửa)",
                                "note": "Sửa tiêu đề theo bìa hồ sơ"})
    assert corrected.status_code == 200 and corrected.json()["title"].endswith("(bản sửa)")
    assert AuditEvent.objects.filter(action="transfer.receive").exists()


def test_an_extension_needs_the_head(cast, closed, api_as):  # noqa: F811
    dossier = closed[0]
    year = dossier.ended_year + 2
    body = {"until_year": year, "reason": "Còn dùng để tổng kết nhiệm kỳ"}
    _error(api_as(cast.vanthu).post(f"/dossiers/{dossier.pk}/delay", body), 403)
    _error(api_as(cast.chutich).post(f"/dossiers/{dossier.pk}/delay",
                                     {**body, "until_year": year + 5}), 422, "until_year")
    kept = api_as(cast.chutich).post(f"/dossiers/{dossier.pk}/delay", body)
    assert kept.status_code == 200 and kept.json()["due"] == f"{year}-12-31"


def test_boxes_shelving_and_a_loan_through_the_api(cast, in_archive, api_as):  # noqa: F811
    archivist, clerk = api_as(cast.luutru), api_as(cast.vanthu)
    ubnd = cast.orgs["UBND"].pk
    box_body = {"organization_id": ubnd, "number": "01", "location": "Kho 1, giá 2"}
    _error(clerk.post("/boxes", box_body), 403)
    box = archivist.post("/boxes", box_body)
    assert box.status_code == 201
    _error(archivist.post("/boxes", box_body), 422)  # the same number twice in a fonds
    party_box = archivist.post("/boxes", {**box_body, "organization_id": cast.orgs["ĐU"].pk})
    dossier = in_archive[0].pk
    _error(archivist.post(f"/dossiers/{dossier}/shelve",
                          {"box_id": party_box.json()["id"]}), 422)  # fonds kept apart
    _error(clerk.post(f"/dossiers/{dossier}/shelve", {"box_id": box.json()["id"]}), 403)
    shelved = archivist.post(f"/dossiers/{dossier}/shelve", {"box_id": box.json()["id"]})
    assert shelved.json()["box"].startswith("Hộp 01")
    assert {(b["organization"], tuple(b["dossiers"])) for b in archivist.get("/boxes").json()
            } == {("UBND", (in_archive[0].code,)), ("ĐU", ())}
    assert api_as(cast.chuyenvien).get("/boxes").json() == []

    borrower = api_as(cast.truongphong)
    back = (clock.today() + dt.timedelta(days=14)).isoformat()
    _error(borrower.post(f"/dossiers/{dossier}/loans",
                         {"purpose": "Đối chiếu", "due_back": "2000-01-01"}), 422, "due_back")
    _error(api_as(cast.bithu).post(f"/dossiers/{dossier}/loans",
                                   {"purpose": "Xem", "due_back": back}), 404)
    asked = borrower.post(f"/dossiers/{dossier}/loans",
                          {"purpose": "Đối chiếu số liệu", "due_back": back})
    assert asked.status_code == 201 and asked.json()["state"] == "requested"
    loan = asked.json()["id"]
    _error(borrower.post(f"/dossiers/{dossier}/loans",
                         {"purpose": "Lần hai", "due_back": back}), 409)
    _error(archivist.post(f"/loans/{loan}/lend"), 403)  # not approved yet
    _error(borrower.post(f"/loans/{loan}/decide", {"approve": True}), 403)
    _error(api_as(cast.chutich).post(f"/loans/{loan}/decide", {"approve": False}), 422,
           "note")
    decided = api_as(cast.chutich).post(f"/loans/{loan}/decide", {"approve": True})
    assert decided.json()["state"] == "approved"
    assert archivist.post(f"/loans/{loan}/lend").json()["state"] == "lent"
    _error(archivist.post(f"/loans/{loan}/take-back", {"condition": ""}), 422, "condition")
    returned = archivist.post(f"/loans/{loan}/take-back", {"condition": "Nguyên vẹn"})
    assert returned.json()["state"] == "returned" and returned.json()["condition"] == \
        "Nguyên vẹn"
    assert [row["id"] for row in borrower.get("/loans").json()] == [loan]
    _error(api_as(cast.bithu).post(f"/loans/{loan}/lend"), 404)


def test_a_disposal_through_the_api(cast, expired, api_as):  # noqa: F811
    archivist = api_as(cast.luutru)
    assert [d["code"] for d in archivist.get("/disposals/expired").json()] == [expired.code]
    assert api_as(cast.chuyenvien).get("/disposals/expired").json() == []
    council = [cast.luutru.pk, cast.chanhvanphong.pk, cast.phochutich.pk]
    body = {"organization_id": cast.orgs["UBND"].pk, "dossier_ids": [str(expired.pk)],
            "council_ids": council}
    _error(api_as(cast.chuyenvien).post("/disposals", body), 403)
    _error(archivist.post("/disposals", {**body, "council_ids": council[:2]}), 422,
           "council_ids")
    _error(archivist.post("/disposals", {**body, "council_ids": [*council[:2], 999999]}), 422,
           "council_ids")

    held = archivist.post(f"/dossiers/{expired.pk}/hold", {"reason": "Đang thanh tra"})
    assert held.json()["hold_reason"] == "Đang thanh tra"
    assert archivist.get("/disposals/expired").json() == []  # a legal hold blocks disposal
    _error(archivist.post("/disposals", body), 422, "dossier_ids")
    _error(api_as(cast.vanthu).post(f"/dossiers/{expired.pk}/hold", {"reason": ""}), 403)
    assert archivist.post(f"/dossiers/{expired.pk}/hold", {"reason": ""}).json()[
        "hold_reason"] == ""

    made = archivist.post("/disposals", body)
    assert made.status_code == 201 and made.json()["state"] == "draft"
    disposal = made.json()["id"]
    _error(api_as(cast.chutich).post(f"/disposals/{disposal}/vote", {"agrees": True}), 403)
    _error(api_as(cast.chanhvanphong).post(f"/disposals/{disposal}/vote",
                                           {"agrees": False}), 422, "note")
    for member in (cast.luutru, cast.chanhvanphong, cast.phochutich):
        voted = api_as(member).post(f"/disposals/{disposal}/vote", {"agrees": True})
    assert voted.json()["state"] == "appraised" and len(voted.json()["votes"]) == 3
    _error(archivist.post(f"/disposals/{disposal}/approve"), 403)
    assert api_as(cast.chutich).post(f"/disposals/{disposal}/approve").json()["state"] == \
        "approved"
    _error(archivist.post(f"/disposals/{disposal}/carry-out", {"method": ""}), 422, "method")
    done = archivist.post(f"/disposals/{disposal}/carry-out",
                          {"method": "Nghiền bằng máy hủy tài liệu"})
    assert done.json()["state"] == "done"
    assert done.json()["dossiers"][0]["state"] == "disposed"
    assert Dossier.objects.filter(pk=expired.pk, state=DossierState.DISPOSED).exists()
    assert AuditEvent.objects.filter(action="disposal.done").exists()


@pytest.mark.usefixtures("plan")
def test_a_package_is_imported_through_the_api(cast, closed, api_as):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    clerk = api_as(cast.vanthu)
    data = clerk.client.get(f"{API}/dossiers/{closed[0].pk}/package").content
    imported = api_as(cast.luutru).client.post(
        f"{API}/packages", {"file": SimpleUploadedFile("goi.zip", data, "application/zip")})
    assert imported.status_code == 201, imported.content
    body = imported.json()
    assert body["file_notation"] == closed[0].code and body["documents"] == 1
    broken = clerk.client.post(f"{API}/packages", {
        "file": SimpleUploadedFile("goi.zip", data[:-40], "application/zip")})
    _error(broken, 422)
    _error(api_as(cast.chuyenvien).client.post(f"{API}/packages", {
        "file": SimpleUploadedFile("goi.zip", data, "application/zip")}), 403)
