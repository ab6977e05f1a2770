"""Routing suggestions: rules from day one, then a real scikit-learn model learned from
the office's own registered and assigned documents, retrained when enough new decisions
exist; never another office's history, never an inactive unit."""

from __future__ import annotations

import datetime as dt

import pytest

from vanphong import clock
from vanphong.incoming import actions
from vanphong.intake import routing
from vanphong.intake.models import RoutingModel
from vanphong.intake.routing_tasks import retrain_routing_task
from vanphong.organizations.models import Office


def suggest(cast, **fields):
    return routing.suggest(cast.office, {k: str(v) for k, v in fields.items()}, "")


def org_names(suggestion) -> list[str]:
    return [o["name"] for o in suggestion["organizations"]]


def test_party_issuers_go_to_the_party_committee_by_rule(cast):
    found = suggest(cast, issuer="Huyện ủy Đức Trọng", code="12-CV/HU", subject="V/v học tập")
    assert org_names(found) == ["Đảng ủy xã Tân Hòa"]
    assert found["source"] == "rules"
    assert "Đảng" in found["reason"] and "quy tắc" in found["reason"]
    assert found["leader"]["name"] == cast.bithu.full_name


def test_state_bodies_go_to_the_peoples_committee_and_front_to_its_own(cast):
    state = suggest(cast, issuer="Sở Tài chính tỉnh Lâm Đồng", code="45/STC-NS")
    assert org_names(state) == ["Ủy ban nhân dân xã Tân Hòa"]
    council = suggest(cast, issuer="Thường trực HĐND tỉnh", code="5/HĐND-VP")
    assert org_names(council) == ["Hội đồng nhân dân xã Tân Hòa"]
    farmers = suggest(cast, issuer="Hội Nông dân tỉnh Lâm Đồng", code="42-KH/HNDT")
    assert org_names(farmers) == ["Hội Nông dân xã Tân Hòa"]


def test_the_addressees_written_on_the_document_win(cast):
    text = "Kính gửi:\n- Ban Thường vụ Đảng ủy xã Tân Hòa;\n- Ủy ban MTTQ Việt Nam xã Tân Hòa.\n"
    found = routing.suggest(cast.office, {"issuer": "Sở Nội vụ", "code": "1/SNV"}, text)
    assert sorted(org_names(found)) == sorted(
        ["Đảng ủy xã Tân Hòa", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa"]
    )
    assert "Kính gửi" in found["reason"]


def test_nothing_to_go_on_says_so(cast):
    found = suggest(cast, issuer="", subject="")
    assert found["organizations"] == []
    assert "Chưa đủ thông tin" in found["reason"]


def _history(cast, *, count: int, start: int = 0) -> None:
    """Documents of the Sở Văn hóa always taken by UBND and led by its Phòng Văn hóa – Xã
    hội (Trần Văn Bình); those of the Hội Nông dân tỉnh by HND; others to ĐU."""
    day = clock.today() - dt.timedelta(days=30)
    for i in range(start, start + count):
        kind = i % 3
        issuer, org, subject = [
            ("Sở Văn hóa, Thể thao và Du lịch", "UBND", "V/v tổ chức lễ hội văn hóa thể thao"),
            ("Hội Nông dân tỉnh Lâm Đồng", "HND", "V/v hỗ trợ nông dân sản xuất giỏi"),
            ("Ban Tuyên giáo Tỉnh ủy", "ĐU", "V/v tuyên truyền kỷ niệm ngày thành lập Đảng"),
        ][kind]
        fields = actions.IncomingFields(issuer=issuer, code=f"{i + 1}/X", issued_date=day,
                                        subject=f"{subject} đợt {i}")
        [doc] = actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs[org]],
                                          fields=fields, has_paper_original=True)
        if org == "UBND":
            actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
            actions.instruct_incoming(
                actor=cast.chutich, document=doc,
                handlers=actions.Handlers(lead_person=cast.chuyenvien),
            )


def test_a_model_learned_from_history_suggests_organization_unit_and_handler(cast):
    assert routing.retrain_if_due(cast.office) is False  # no history yet
    _history(cast, count=routing.MIN_DECISIONS + 5)
    assert retrain_routing_task.call() == 1
    model = RoutingModel.objects.get(office=cast.office)
    assert model.decisions == routing.MIN_DECISIONS + 5
    assert model.accuracy is not None and model.accuracy >= 0.9

    found = suggest(cast, issuer="Sở Văn hóa, Thể thao và Du lịch", code="99/SVHTTDL",
                    subject="V/v tổ chức lễ hội văn hóa mừng xuân")
    assert found["source"] == "model"
    assert org_names(found)[0] == "Ủy ban nhân dân xã Tân Hòa"
    assert found["unit"]["name"] == cast.units["VHXH"].name
    assert found["handler"]["name"] == cast.chuyenvien.full_name
    assert found["reason"].startswith("Theo 15 văn bản trước của Sở Văn hóa, Thể thao và Du lịch")
    assert f"giao {cast.units['VHXH'].name} chủ trì" in found["reason"]

    farmers = suggest(cast, issuer="Hội Nông dân tỉnh Lâm Đồng", subject="V/v hỗ trợ nông dân")
    assert org_names(farmers)[0] == "Hội Nông dân xã Tân Hòa"


def test_retrained_only_when_enough_new_decisions(cast):
    _history(cast, count=routing.MIN_DECISIONS)
    assert routing.retrain_if_due(cast.office) is True
    _history(cast, count=routing.RETRAIN_AFTER - 1, start=100)
    assert routing.retrain_if_due(cast.office) is False
    _history(cast, count=1, start=200)
    assert routing.retrain_if_due(cast.office) is True
    assert RoutingModel.objects.filter(office=cast.office).count() == 1


def test_an_inactive_unit_is_never_suggested(cast):
    _history(cast, count=routing.MIN_DECISIONS + 5)
    routing.retrain_if_due(cast.office)
    unit = cast.units["VHXH"]
    unit.is_active = False
    unit.save()
    found = suggest(cast, issuer="Sở Văn hóa, Thể thao và Du lịch",
                    subject="V/v tổ chức lễ hội văn hóa")
    assert found["source"] == "model"
    assert found["unit"] is None


def test_another_offices_history_is_not_used(cast):
    _history(cast, count=routing.MIN_DECISIONS + 5)
    routing.retrain_if_due(cast.office)
    other = Office.objects.create(name="Văn phòng khác", short_name="VPK", place_name="Khác")
    assert routing.suggest(other, {"issuer": "Sở Văn hóa, Thể thao và Du lịch"}) == {}
    assert not RoutingModel.objects.filter(office=other).exists()


@pytest.mark.parametrize("person", ["vanthu"])
def test_suggestion_while_typing_on_the_registration_form(cast, client_for, person):
    client = client_for(getattr(cast, person))
    page = client.get("/tiep-nhan/goi-y/", {"issuer": "Tỉnh ủy Lâm Đồng", "code": "3-CV/TU"})
    body = page.content.decode()
    assert 'data-testid="routing-suggestion"' in body and "ĐU" in body
    assert client_for(cast.chutich).get("/tiep-nhan/goi-y/", {"issuer": "x"}).status_code == 403
    assert "routing-suggestion" not in client.get("/tiep-nhan/goi-y/").content.decode().split(
        'id="routing-suggestion"')[1][:200]
