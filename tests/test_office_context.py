"""The acting organization, the audit log's guarantees and the start-up checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from vanphong import clock
from vanphong.audit.models import AppendOnlyError, AuditEvent
from vanphong.incoming import actions
from vanphong.organizations.models import Position, Role


def test_a_person_with_two_posts_switches_between_them(cast, client_for):
    client = client_for(cast.bithu)
    page = client.get(reverse("home:my_work")).content.decode()
    assert "Đang làm việc cho <strong>Đảng ủy xã Tân Hòa</strong> — Bí thư Đảng ủy xã" in page
    client.post(reverse("home:act_for"), {"organization": cast.orgs["HĐND"].pk})
    page = client.get(reverse("home:my_work")).content.decode()
    assert (
        "Đang làm việc cho <strong>Hội đồng nhân dân xã Tân Hòa</strong> — Chủ tịch HĐND xã" in page
    )


def test_nobody_acts_for_an_organization_they_do_not_belong_to(cast, client_for):
    client = client_for(cast.chuyenvien)
    response = client.post(
        reverse("home:act_for"), {"organization": cast.orgs["ĐU"].pk}, follow=True
    )
    assert "Bạn không thể làm việc cho cơ quan này." in response.content.decode()
    assert "Ủy ban nhân dân xã Tân Hòa" in response.content.decode()


def test_the_clerk_works_for_the_whole_office_or_one_organization(cast, client_for):
    client = client_for(cast.vanthu)
    assert "toàn văn phòng" in client.get(reverse("home:my_work")).content.decode()
    client.post(reverse("home:act_for"), {"organization": cast.orgs["MTTQ"].pk})
    form = client.get(reverse("incoming:register")).context["form"]
    assert form.initial["organizations"] == [cast.orgs["MTTQ"].pk]


def test_an_ended_position_no_longer_grants_anything(cast, client_for):
    Position.objects.filter(person=cast.chutich, role=Role.HEAD).update(
        end_date=clock.today() - dt.timedelta(days=1)
    )
    fields = actions.IncomingFields(
        issuer="Sở Y tế", code="1/SYT", subject="V/v y tế", issued_date=clock.today()
    )
    [doc] = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]], fields=fields, has_paper_original=True
    )
    assert (
        client_for(cast.chutich).get(reverse("incoming:detail", args=[doc.pk])).status_code == 404
    )


def _one_event(cast):
    fields = actions.IncomingFields(
        issuer="Sở Y tế", code="2/SYT", subject="V/v tiêm chủng", issued_date=clock.today()
    )
    actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]], fields=fields, has_paper_original=True
    )
    return AuditEvent.objects.get(action="incoming.register")


def test_audit_rows_cannot_be_changed_or_deleted_through_the_orm(cast):
    event = _one_event(cast)
    event.summary = "sửa"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(summary="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_to_rewrite_the_audit_log(cast):
    event = _one_event(cast)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'x' WHERE id = %s", [event.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).summary == event.summary


def test_audit_rows_say_who_when_what_and_from_where(cast, client_for):
    client = client_for(cast.vanthu)
    fields = actions.IncomingFields(
        issuer="Sở Y tế", code="3/SYT", subject="V/v dịch bệnh", issued_date=clock.today()
    )
    [doc] = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]], fields=fields, has_paper_original=True
    )
    client.post(
        reverse("incoming:route", args=[doc.pk]),
        {"leaders": [cast.chutich.pk]},
        REMOTE_ADDR="192.168.1.20",
        HTTP_USER_AGENT="Chromium",
    )
    row = AuditEvent.objects.get(action="incoming.route")
    assert (row.actor, row.address, row.user_agent, row.channel) == (
        cast.vanthu,
        "192.168.1.20",
        "Chromium",
        "web",
    )
    assert row.organization_id == cast.orgs["UBND"].pk and row.data["to_status"] == "routed"


def test_start_up_checks_warn_about_a_missing_term(cast, capsys):
    from vanphong.registers.models import Term

    Term.objects.filter(organization=cast.orgs["ĐU"]).delete()
    call_command("check", "--database", "default")
    assert "Chưa khai báo nhiệm kỳ" in capsys.readouterr().err


def test_a_document_dated_today_registers_early_in_the_morning(cast):
    """At 06:00 in Vietnam it is still yesterday in UTC: the arrival day (and the numbering
    period) is the local day, so a document dated today is not "issued after it arrived"."""
    from zoneinfo import ZoneInfo

    early = dt.datetime(2027, 1, 1, 6, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with clock.frozen_at(early):
        fields = actions.IncomingFields(issuer="Sở Y tế", code="9/SYT", subject="V/v sáng sớm",
                                        issued_date=clock.today())
        [doc] = actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                                          fields=fields, has_paper_original=True)
    assert doc.issued_date == dt.date(2027, 1, 1)
    assert doc.arrival_number == 1  # the first of the new year's series
