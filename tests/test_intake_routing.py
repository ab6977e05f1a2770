"""Routing suggestions: rules from day one, then a real scikit-learn model learned from
the office's own registered and assigned documents, retrained when enough new documents
exist; never another office's history, never an inactive unit or a person who left."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from vanphong import clock
from vanphong.incoming import actions
from vanphong.incoming.models import AssignmentKind, AssignmentState
from vanphong.intake import routing
from vanphong.intake.models import RoutingModel
from vanphong.intake.routing_tasks import retrain_routing_task
from vanphong.organizations.models import Family, Office, Organization, Position


def suggest(cast, text: str = "", **fields):
    return routing.suggest(cast.office, {k: str(v) for k, v in fields.items()}, text)


def org_names(suggestion) -> list[str]:
    return [o["name"] for o in suggestion["organizations"]]


# --- Rules, from day one -------------------------------------------------------------------


def test_party_issuers_go_to_the_party_committee_by_rule(cast):
    found = suggest(cast, issuer="Huyện ủy Đức Trọng", code="12-CV/HU", subject="V/v học tập")
    assert org_names(found) == ["Đảng ủy xã Tân Hòa"]
    assert found["source"] == "rules"
    assert "Đảng" in found["reason"] and "quy tắc" in found["reason"]
    assert found["leader"]["name"] == cast.bithu.full_name
    assert found["unit"] is None and found["handler"] is None
    for issuer, code in [("Chi bộ thôn 3", "5-BC/CB"), ("", "41-CV/BTGDVTU"),
                         ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "")]:
        assert org_names(suggest(cast, issuer=issuer, code=code)) == ["Đảng ủy xã Tân Hòa"]


def test_state_bodies_go_to_the_peoples_committee_and_elected_ones_to_the_council(cast):
    state = suggest(cast, issuer="Sở Tài chính tỉnh Lâm Đồng", code="45/STC-NS")
    assert org_names(state) == ["Ủy ban nhân dân xã Tân Hòa"]
    assert "cơ quan nhà nước" in state["reason"]
    assert state["leader"]["name"] == cast.chutich.full_name
    council = suggest(cast, issuer="Thường trực HĐND tỉnh", code="5/HĐND-VP")
    assert org_names(council) == ["Hội đồng nhân dân xã Tân Hòa"]
    deputies = suggest(cast, issuer="Đoàn đại biểu Quốc hội tỉnh Lâm Đồng", code="7/ĐĐBQH-VP")
    assert org_names(deputies) == ["Hội đồng nhân dân xã Tân Hòa"]


@pytest.mark.parametrize(("issuer", "code", "short"), [
    ("Hội Nông dân tỉnh Lâm Đồng", "42-KH/HNDT", "HND"),
    ("Ủy ban Trung ương MTTQ Việt Nam", "12/HD-MTTW-BTT", "MTTQ"),
    ("Ban Thường trực Ủy ban MTTQ tỉnh", "3/MTTQ-BTT", "MTTQ"),
    ("Tỉnh Đoàn Lâm Đồng", "88-CV/TĐTN-VP", "ĐTN"),
    ("Hội LHPN tỉnh Lâm Đồng", "9/HPN", "HPN"),
    ("Hội Cựu chiến binh tỉnh", "24/GM-CCB", "HCCB"),
])
def test_the_front_and_mass_organizations_write_to_their_own(cast, issuer, code, short):
    found = suggest(cast, issuer=issuer, code=code)
    assert [o["id"] for o in found["organizations"]] == [cast.orgs[short].pk]
    assert "cùng hệ thống" in found["reason"]


def test_a_member_organization_never_receives_its_own_document(cast):
    found = suggest(cast, issuer="UBND xã Tân Hòa", code="581/UBND-VP",
                    subject="V/v báo cáo công tác thi đua")
    assert org_names(found) == ["Hội đồng nhân dân xã Tân Hòa"]
    assert "do chính UBND ban hành" in found["reason"]
    party = suggest(cast, issuer="Đảng ủy xã Tân Hòa", code="15-CV/ĐU")
    assert org_names(party) == ["Ủy ban nhân dân xã Tân Hòa"]


def test_the_addressees_written_on_the_document_win(cast):
    text = "Kính gửi:\n- Ban Thường vụ Đảng ủy xã Tân Hòa;\n- Ủy ban MTTQ Việt Nam xã Tân Hòa.\n"
    found = routing.suggest(cast.office, {"issuer": "Sở Nội vụ", "code": "1/SNV"}, text)
    assert sorted(org_names(found)) == sorted(
        ["Đảng ủy xã Tân Hòa", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa"]
    )
    assert "Kính gửi" in found["reason"]
    body = "Kính gửi: UBND các xã.\nNội dung:\n- Phối hợp với Hội Nông dân xã tập huấn;\n"
    named = routing.suggest(cast.office, {"issuer": "Sở Nông nghiệp"}, body)
    assert org_names(named) == ["Ủy ban nhân dân xã Tân Hòa"]  # not the body's bullet


def test_addressees_at_another_level_are_not_ours(cast):
    found = suggest(cast, issuer="Sở Y tế", code="8/SYT-NV",
                    recipients="UBND các xã, phường, đặc khu; Thường trực HĐND tỉnh (b/c)")
    assert org_names(found) == ["Ủy ban nhân dân xã Tân Hòa"]
    both = suggest(cast, issuer="Ủy ban MTTQ Việt Nam tỉnh", code="567/MTTQ-BTT",
                   recipients="Ban Thường trực Ủy ban MTTQ Việt Nam các xã; Hội Cựu chiến "
                              "binh các xã, phường")
    assert sorted(o["id"] for o in both["organizations"]) == sorted(
        [cast.orgs["MTTQ"].pk, cast.orgs["HCCB"].pk]
    )


def test_nothing_to_go_on_says_so(cast):
    found = suggest(cast, issuer="", subject="")
    assert found["organizations"] == []
    assert "Chưa đủ thông tin" in found["reason"]
    unread = routing.suggest(cast.office, {"issuer": None, "code": None, "recipients": None})
    assert unread["organizations"] == []


def test_an_inactive_organization_is_never_suggested(cast):
    cast.orgs["HND"].is_active = False
    cast.orgs["HND"].save()
    found = suggest(cast, issuer="Hội Nông dân tỉnh Lâm Đồng", code="42-KH/HNDT")
    assert cast.orgs["HND"].pk not in [o["id"] for o in found["organizations"]]


# --- Learning from the office's history ---------------------------------------------------

CULTURE = "Sở Văn hóa, Thể thao và Du lịch"
FINANCE = "Sở Tài chính tỉnh Lâm Đồng"


def _history(cast, *, count: int, start: int = 0) -> None:
    """Four kinds of documents, in turn:
    - the Sở Văn hóa's: UBND, presented to the chairman, led by Trần Văn Bình
      (a specialist of the Phòng Văn hóa – Xã hội);
    - the Hội Nông dân tỉnh's: HND; the Tỉnh ủy's Ban Tuyên giáo's: ĐU (not assigned);
    - the Sở Tài chính's: UBND, presented to the vice-chairwoman, who gives the lead to
      the Phòng Kinh tế, whose head hands it to Lê Thị Ngọc."""
    day = clock.today() - dt.timedelta(days=30)
    kinds = [
        (CULTURE, "UBND", "V/v tổ chức lễ hội văn hóa thể thao"),
        ("Hội Nông dân tỉnh Lâm Đồng", "HND", "V/v hỗ trợ nông dân sản xuất giỏi"),
        ("Ban Tuyên giáo Tỉnh ủy", "ĐU", "V/v tuyên truyền kỷ niệm ngày thành lập Đảng"),
        (FINANCE, "UBND", "V/v quyết toán ngân sách xã"),
    ]
    for i in range(start, start + count):
        issuer, org, subject = kinds[i % 4]
        fields = actions.IncomingFields(issuer=issuer, code=f"{i + 1}/X", issued_date=day,
                                        subject=f"{subject} đợt {i}")
        [doc] = actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs[org]],
                                          fields=fields, has_paper_original=True)
        if issuer == CULTURE:
            actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
            actions.instruct_incoming(actor=cast.chutich, document=doc,
                                      handlers=actions.Handlers(lead_person=cast.chuyenvien))
        elif issuer == FINANCE:
            _through_the_unit(cast, doc)


def _through_the_unit(cast, doc) -> None:
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.phochutich])
    actions.instruct_incoming(actor=cast.phochutich, document=doc,
                              handlers=actions.Handlers(lead_unit=cast.units["KT"]))
    lead = doc.assignments.get(kind=AssignmentKind.LEAD, state=AssignmentState.ACTIVE)
    actions.reassign_incoming(actor=cast.truongphongkt, document=doc, assignment=lead,
                              person=cast.chuyenvien2)


@pytest.fixture
def learned(cast):
    """The cast's office with 45 documents of history and a model trained on them."""
    _history(cast, count=routing.MIN_DECISIONS + 5)
    assert routing.retrain_if_due(cast.office) is True
    return cast


def test_a_model_learned_from_history_suggests_organization_unit_handler_and_leader(cast):
    assert routing.retrain_if_due(cast.office) is False  # no history yet
    _history(cast, count=routing.MIN_DECISIONS + 5)
    assert retrain_routing_task.call() == 1
    model = RoutingModel.objects.get(office=cast.office)
    assert model.decisions == routing.MIN_DECISIONS + 5
    assert model.accuracy is not None and model.accuracy >= 0.9
    assert set(routing.held_out(model)) == set(routing.TARGETS)

    found = suggest(cast, issuer=CULTURE, code="99/SVHTTDL",
                    subject="V/v tổ chức lễ hội văn hóa mừng xuân")
    assert found["source"] == "model"
    assert org_names(found)[0] == "Ủy ban nhân dân xã Tân Hòa"
    assert found["unit"]["name"] == cast.units["VHXH"].name
    assert found["handler"]["name"] == cast.chuyenvien.full_name
    assert found["leader"]["name"] == cast.chutich.full_name
    assert found["reason"] == (f"Theo 12 văn bản trước của {CULTURE}: 12 do UBND tiếp nhận, "
                               f"12 giao {cast.units['VHXH'].name} chủ trì.")
    assert 0 < found["organizations"][0]["score"] <= 1

    farmers = suggest(cast, issuer="Hội Nông dân tỉnh Lâm Đồng", subject="V/v hỗ trợ nông dân")
    assert org_names(farmers)[0] == "Hội Nông dân xã Tân Hòa"
    assert farmers["unit"] is None and farmers["handler"] is None


def test_the_handler_a_unit_head_chose_and_the_deputy_presented_to_are_learned(learned):
    cast = learned
    found = suggest(cast, issuer=FINANCE, code="310/STC-NS", subject="V/v quyết toán ngân sách")
    assert found["source"] == "model"
    assert found["unit"]["name"] == cast.units["KT"].name
    assert found["handler"]["name"] == cast.chuyenvien2.full_name
    assert found["leader"]["name"] == cast.phochutich.full_name  # not the chairman, the head
    assert found["reason"] == (
        f"Theo 11 văn bản trước của {FINANCE}: 11 do UBND tiếp nhận, 11 giao "
        f"{cast.units['KT'].name} chủ trì. Thường trình {cast.phochutich.full_name}."
    )
    # The same learned handling when the addressees, not the model, choose UBND.
    addressed = suggest(cast, text="Kính gửi: UBND xã Tân Hòa", subject="V/v quyết toán ngân sách")
    assert addressed["unit"]["name"] == cast.units["KT"].name
    assert addressed["leader"]["name"] == cast.phochutich.full_name


def test_rules_decide_when_the_history_knows_nothing_like_the_document(learned):
    found = suggest(learned, issuer="Công an xã", code="3/CAX", subject="V/v trật tự")
    assert found["source"] == "rules"
    assert org_names(found) == ["Ủy ban nhân dân xã Tân Hòa"]
    assert found["unit"] is None and found["handler"] is None
    assert "quy tắc" in found["reason"]
    assert "Chưa có văn bản tương tự trong 45 văn bản đã học" in found["reason"]


def test_rules_decide_when_the_model_is_unsure_and_say_so(learned):
    mixed = "V/v tuyên truyền kỷ niệm, hỗ trợ nông dân sản xuất"
    found = suggest(learned, issuer="Sở Nội vụ", code="5/SNV", subject=mixed)
    assert found["source"] == "rules"
    assert org_names(found) == ["Ủy ban nhân dân xã Tân Hòa"]
    assert "chưa đủ rõ" in found["reason"]
    # With no rule to apply, the model's best guesses, said to be guesses.
    guessed = suggest(learned, subject=mixed)
    assert guessed["source"] == "model"
    assert {o["id"] for o in guessed["organizations"]} <= {
        learned.orgs["ĐU"].pk, learned.orgs["HND"].pk, learned.orgs["UBND"].pk}
    assert guessed["reason"].startswith("Chưa chắc chắn: theo 45 văn bản đã học, có thể do ")


def _registered(cast, count: int, *, start: int) -> list:
    """Documents of the Sở Y tế registered for UBND and not yet presented to anyone."""
    day = clock.today() - dt.timedelta(days=3)
    documents = []
    for i in range(start, start + count):
        fields = actions.IncomingFields(issuer="Sở Y tế", code=f"{i}/SYT", issued_date=day,
                                        subject=f"V/v phòng chống dịch bệnh đợt {i}")
        documents += actions.register_incoming(actor=cast.vanthu, has_paper_original=True,
                                               organizations=[cast.orgs["UBND"]], fields=fields)
    return documents


def test_retrained_only_when_enough_new_decisions(cast):
    _history(cast, count=routing.MIN_DECISIONS - 1)
    assert routing.retrain_if_due(cast.office) is False  # too little history for a first one
    _history(cast, count=1, start=100)
    assert routing.retrain_if_due(cast.office) is True
    first = RoutingModel.objects.get()
    assert first.decisions == routing.MIN_DECISIONS

    # Registering a document is a decision (which organization takes it)...
    documents = _registered(cast, routing.RETRAIN_AFTER - 1, start=200)
    assert routing.retrain_if_due(cast.office) is False
    assert retrain_routing_task.call() == 0
    _registered(cast, 1, start=300)
    assert routing.retrain_if_due(cast.office) is True
    assert RoutingModel.objects.get().decisions == routing.MIN_DECISIONS + routing.RETRAIN_AFTER

    # ... and so is giving the lead (who handles it), even on documents already learned.
    for document in documents:
        actions.route_incoming(actor=cast.vanthu, document=document, leaders=[cast.chutich])
        actions.instruct_incoming(actor=cast.chutich, document=document,
                                  handlers=actions.Handlers(lead_person=cast.chuyenvien2))
    assert routing.new_decisions(cast.office, RoutingModel.objects.get().trained_at) == 19
    assert routing.retrain_if_due(cast.office) is False
    _registered(cast, 1, start=400)
    assert retrain_routing_task.call() == 1
    assert RoutingModel.objects.filter(office=cast.office).count() == 1


def test_an_inactive_unit_is_never_suggested(learned):
    unit = learned.units["VHXH"]
    unit.is_active = False
    unit.save()
    found = suggest(learned, issuer=CULTURE, subject="V/v tổ chức lễ hội văn hóa")
    assert found["source"] == "model"
    assert found["unit"] is None


def test_a_person_who_left_is_never_suggested(learned):
    Position.objects.filter(person=learned.chuyenvien).update(
        end_date=clock.today() - dt.timedelta(days=1)
    )
    found = suggest(learned, issuer=CULTURE, subject="V/v tổ chức lễ hội văn hóa")
    assert found["source"] == "model"
    assert found["unit"]["name"] == learned.units["VHXH"].name
    assert found["handler"] is None


def test_another_offices_history_is_not_used(learned):
    other = Office.objects.create(name="Văn phòng khác", short_name="VPK", place_name="Khác")
    assert routing.suggest(other, {"issuer": CULTURE}) == {}  # no organizations at all
    Organization.objects.create(office=other, name="Ủy ban nhân dân xã Khác", short_name="UBND",
                                family=Family.STATE, organ_id="000.09.31.H41")
    found = routing.suggest(other, {"issuer": CULTURE, "subject": "V/v lễ hội văn hóa"})
    assert found["source"] == "rules" and found["unit"] is None and found["handler"] is None
    assert "văn bản trước" not in found["reason"]
    assert retrain_routing_task.call() == 0
    assert not RoutingModel.objects.filter(office=other).exists()


def test_the_model_is_read_once_per_process(learned, monkeypatch):
    loads = []
    real = routing.load
    monkeypatch.setattr(routing, "load", lambda data: loads.append(1) or real(data))
    routing._loaded.clear()
    for _ in range(3):
        assert suggest(learned, issuer=CULTURE)["source"] == "model"
    assert len(loads) == 1
    _history(learned, count=routing.RETRAIN_AFTER, start=500)
    assert routing.retrain_if_due(learned.office) is True
    suggest(learned, issuer=CULTURE)
    assert len(loads) == 2
    assert list(routing._loaded) == [RoutingModel.objects.get().pk]


class _Exploit:
    """What a database writer could store as a "model": unpickling it runs code (here,
    it creates a file)."""

    def __init__(self, marker) -> None:
        self.marker = marker

    def __reduce__(self):
        return (type(self.marker).touch, (self.marker,))


def test_a_stored_model_is_never_unpickled(cast, tmp_path):
    """A routing model row holding a malicious pickle: suggesting reads the row and runs
    nothing (the rules answer); the next retraining replaces it with a safe model."""
    marker = tmp_path / "pickle-ran"
    payload = pickle.dumps({"version": 2, "organization": _Exploit(marker), "accuracy": {}})
    pickle.loads(payload)  # noqa: S301 — the payload is real: unpickling it runs code
    assert marker.exists()
    marker.unlink()
    RoutingModel.objects.create(office=cast.office, trained_at=clock.now(),
                                decisions=45, accuracy=1.0, data=payload)
    routing._loaded.clear()

    found = suggest(cast, issuer=CULTURE, subject="V/v tổ chức lễ hội văn hóa")
    assert found["source"] == "rules"
    assert not marker.exists()
    assert routing.held_out(RoutingModel.objects.get()) == {}

    # An unreadable model does not wait for 20 new decisions to be replaced.
    _history(cast, count=routing.MIN_DECISIONS + 5)
    assert routing.retrain_if_due(cast.office) is True
    stored = bytes(RoutingModel.objects.get().data)
    assert stored.startswith(b"PK") and b"pickle-ran" not in stored
    assert suggest(cast, issuer=CULTURE, subject="V/v tổ chức lễ hội văn hóa")["source"] == "model"
    assert not marker.exists()


def test_the_migration_drops_pickled_models(cast, transactional_db):
    from django.core.management import call_command

    call_command("migrate", "intake", "0001", verbosity=0)
    try:
        RoutingModel.objects.create(office=cast.office, trained_at=clock.now(), decisions=45,
                                    data=pickle.dumps({"version": 2}))
    finally:
        call_command("migrate", "intake", verbosity=0)
    assert not RoutingModel.objects.exists()


def test_suggestions_are_plain_json(learned):
    import json

    found = suggest(learned, issuer=FINANCE, subject="V/v ngân sách")
    assert json.loads(json.dumps(found)) == found
    assert set(found) == {"organizations", "unit", "handler", "leader", "reason", "source"}


@pytest.mark.parametrize("person", ["vanthu"])
def test_suggestion_while_typing_on_the_registration_form(cast, client_for, person):
    client = client_for(getattr(cast, person))
    page = client.get("/tiep-nhan/goi-y/", {"issuer": "Tỉnh ủy Lâm Đồng", "code": "3-CV/TU"})
    body = page.content.decode()
    assert 'data-testid="routing-suggestion"' in body and "ĐU" in body
    assert client_for(cast.chutich).get("/tiep-nhan/goi-y/", {"issuer": "x"}).status_code == 403
    assert "routing-suggestion" not in client.get("/tiep-nhan/goi-y/").content.decode().split(
        'id="routing-suggestion"')[1][:200]
