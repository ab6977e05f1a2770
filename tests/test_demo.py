"""The demo office: `load_demo` builds a year of history through the real actions, and
`demo_logins` lists who can log in.

The demo is loaded once for the `TestLoadedDemo` class (inside a transaction that is
rolled back afterwards) and every test there reads it; tests outside the class run on
an empty database."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.demo.arrivals import ATTACH_DAYS, ArrivalPlanner
from vanphong.demo.orgchart import DEMO_PASSWORD, ORGANIZATIONS
from vanphong.demo.timeline import Timeline
from vanphong.files.actions import open_stored
from vanphong.incoming.models import (
    Assignment,
    IncomingDocument,
    IncomingEvent,
    Receipt,
    Status,
)
from vanphong.organizations.models import Office, User
from vanphong.registers.models import DocumentType, RegisterKind
from vanphong.workdays.dates import Calendar
from vanphong.workdays.models import WorkdayOverride

DOCUMENTS = 150
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """`load_demo --documents 150`, once for the class, rolled back at its end."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path_factory.mktemp("demo-files"))}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A fixed afternoon of today: the history ends at "now", and just after midnight the
    # newest documents (waiting for a leader) would not exist yet.
    afternoon = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(15)))
    # Its own search index, as every test has: two workers may each load the class at once.
    search = str(tmp_path_factory.mktemp("demo-search"))
    with django_db_blocker.unblock(), \
            override_settings(STORAGES=storages, PASSWORD_HASHERS=FAST_HASHER,
                              VANPHONG_SEARCH_DIR=search), \
            clock.frozen_at(afternoon), transaction.atomic():
        started = clock.now()
        output = run("load_demo", "--documents", str(DOCUMENTS))
        yield {"output": output, "started": started, "finished": clock.now(),
               "storages": storages}
        transaction.set_rollback(True)


@pytest.fixture
def demo_files(loaded, settings):
    settings.STORAGES = loaded["storages"]
    return loaded


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded")
class TestLoadedDemo:
    def test_it_creates_the_requested_number_of_documents_in_every_status(self, loaded):
        documents = IncomingDocument.objects.all()
        assert documents.count() == DOCUMENTS
        # Every status handling reaches; "withdrawn" comes only from a sender's recall.
        handled = set(Status.values) - {Status.WITHDRAWN}
        assert set(documents.values_list("status", flat=True)) == handled
        assert f"{DOCUMENTS} văn bản đến" in loaded["output"]

    def test_arrival_numbers_are_gap_free_unique_and_in_order_of_receipt(self):
        series = defaultdict(list)
        for doc in IncomingDocument.objects.order_by("arrival_at", "arrival_number"):
            series[(doc.register_id, doc.period_key, doc.series_key)].append(doc.arrival_number)
        assert len({key[1] for key in series}) >= 2  # the year spans two calendar years
        for numbers in series.values():
            assert numbers == list(range(1, len(numbers) + 1))

    def test_documents_addressed_to_two_organizations_share_one_receipt_and_its_files(self):
        joint = [r for r in Receipt.objects.prefetch_related("documents", "attachments")
                 if r.documents.count() == 2]
        assert joint
        for receipt in joint:
            first, second = receipt.documents.all()
            assert first.organization_id != second.organization_id
            assert first.register_id != second.register_id
        with_files = [r for r in joint if r.attachments.exists()]
        assert with_files
        shared = with_files[0].attachments.get()
        for doc in with_files[0].documents.all():
            assert list(doc.receipt.attachments.values_list("stored_file", flat=True)) == [
                shared.stored_file_id
            ]

    def test_history_is_in_time_order_within_the_year_and_in_office_hours(self, loaded):
        # a year back, or from the first of July last year when that is earlier
        july = timezone.make_aware(dt.datetime(loaded["started"].year - 1, 7, 1))
        start = min(loaded["started"] - dt.timedelta(days=366), july)
        times = list(IncomingEvent.objects.order_by("id").values_list("at", flat=True))
        assert times == sorted(times)
        assert start < times[0] and times[-1] <= loaded["finished"]
        assert times[0] < loaded["started"] - dt.timedelta(days=300)
        assert timezone.localdate(times[0]) < dt.date(loaded["started"].year - 1, 7, 31)
        today = timezone.localdate(loaded["started"])
        calendar = Calendar.load(first_year=today.year - 1, last_year=today.year)
        for moment in times:
            local = timezone.localtime(moment)
            if local.date() != today:
                assert calendar.is_working_day(local.date()), local
                assert dt.time(7, 30) <= local.time() <= dt.time(17, 0), local

    def test_each_document_starts_with_its_registration_and_follows_the_rules(self):
        for doc in IncomingDocument.objects.prefetch_related("events"):
            events = list(doc.events.all())
            assert events[0].kind == "register" and events[0].at == doc.arrival_at
            assert [e.at for e in events] == sorted(e.at for e in events)
            status = Status.REGISTERED.value
            for event in events[1:]:
                if event.to_status:
                    assert event.from_status == status
                    status = event.to_status
            assert status == doc.status

    def test_audit_rows_carry_the_historical_times(self, loaded):
        events = IncomingEvent.objects.count()
        audit = AuditEvent.objects.filter(action__startswith="incoming.")
        assert audit.count() == events
        oldest = audit.order_by("at").first()
        assert oldest is not None
        assert oldest.at < loaded["started"] - dt.timedelta(days=300)
        assert oldest.channel == "command"
        assert set(audit.values_list("at", flat=True)) == set(
            IncomingEvent.objects.values_list("at", flat=True)
        )

    def test_old_documents_are_mostly_done_and_some_are_overdue(self, loaded):
        today = timezone.localdate(loaded["started"])
        old = IncomingDocument.objects.filter(
            arrival_at__lt=loaded["started"] - dt.timedelta(days=60)
        )
        assert old.filter(status=Status.DONE).count() >= 0.85 * old.count()
        late = [d for d in old.filter(status=Status.DONE, deadline__isnull=False)
                if d.completed_at and d.deadline
                and timezone.localdate(d.completed_at) > d.deadline]
        assert late
        assert IncomingDocument.objects.filter(
            status__in=[Status.ASSIGNED, Status.IN_PROGRESS], deadline__lt=today
        ).exists()
        assert IncomingDocument.objects.filter(arrival_at__date=today).exists()

    def test_units_reassign_and_handlers_report_progress_and_results(self):
        assert Assignment.objects.filter(state="reassigned", unit__isnull=False).exists()
        assert IncomingEvent.objects.filter(kind="progress").exists()
        assert IncomingEvent.objects.filter(kind="return").exists()
        done = IncomingDocument.objects.filter(status=Status.DONE)
        assert not done.filter(result="").exists()
        assert done.exclude(reply_code="").exists()

    def test_secret_documents_go_to_secret_registers_with_named_readers(self):
        secret = IncomingDocument.objects.filter(secrecy__gt=0)
        assert secret.exists()
        for doc in secret:
            assert doc.register.kind == RegisterKind.SECRET_INCOMING
            readers = set(doc.secret_readers.values_list("username", flat=True))
            assert doc.created_by.username in readers
            if doc.status != Status.REGISTERED:
                assert readers & {"bithu", "chutich", "phochutich", "phochutichhdnd"}
            assert not doc.receipt.attachments.exists()

    def test_recent_documents_have_a_readable_pdf_and_old_ones_a_paper_original(
        self, demo_files
    ):
        cut = demo_files["started"] - dt.timedelta(days=ATTACH_DAYS + 1)
        old = IncomingDocument.objects.filter(arrival_at__lt=cut)
        assert not old.filter(receipt__attachments__isnull=False).exists()
        assert not old.filter(receipt__has_paper_original=False).exists()
        recent = IncomingDocument.objects.filter(
            receipt__attachments__isnull=False
        ).select_related("receipt")[:5]
        assert recent
        for doc in recent:
            attachment = doc.receipt.attachments.get()
            with open_stored(attachment.stored_file) as stream:
                text = PdfReader(stream).pages[0].extract_text()
            assert doc.code.upper() in text.replace(" ", "").upper()
            assert "Nơi nhận" in text

    def test_the_intake_queue_holds_a_mornings_post_for_the_worker(self):
        from vanphong.intake.models import IntakeItem, ItemState

        items = IntakeItem.objects.all()
        assert items.count() == 8
        assert {i.state for i in items} == {ItemState.QUEUED}  # the worker reads them
        assert {i.original.kind for i in items} == {"pdf", "png", "docx"}
        assert len({i.batch_id for i in items}) == 1

    def test_routing_suggestions_are_learned_from_the_demo_history(self, loaded):
        from vanphong.intake.models import RoutingModel

        assert "Gợi ý xử lý đã học từ" in loaded["output"]
        assert RoutingModel.objects.get().decisions >= 100

    def test_instructions_became_tasks_in_every_state_through_the_actions(self, loaded):
        from vanphong.followup.models import EventKind, Task
        from vanphong.followup.models import Status as TaskStatus

        tasks = Task.objects.filter(source="incoming")
        assert tasks.count() >= 10
        assert "nhiệm vụ (" in loaded["output"]
        assert {t.organization.short_name for t in Task.objects.all()} <= {"ĐU", "UBND", "MTTQ"}
        assert tasks.filter(status=TaskStatus.DONE).exists()
        assert tasks.filter(status=TaskStatus.IN_PROGRESS).exists()
        for task in tasks:
            assert task.source_incoming is not None
            assert task.events.first().kind == EventKind.CREATE
            assert task.assignees.filter(kind="lead").count() == 1
            assert task.assigned_at <= loaded["finished"]

    def test_programmes_schedule_and_meetings_through_the_actions(self, loaded):
        from vanphong.followup.models import ItemStatus, ReminderPolicy, WorkProgramme
        from vanphong.notices.models import Notification
        from vanphong.schedule.conflicts import week_conflicts
        from vanphong.schedule.models import EventState, Meeting, MeetingState, ScheduleEvent
        from vanphong.workdays.dates import week_bounds

        assert "chương trình công tác" in loaded["output"]
        assert ReminderPolicy.objects.filter(organization__short_name="UBND").exists()
        programmes = WorkProgramme.objects.all()
        assert {p.organization.short_name for p in programmes} == {"ĐU", "UBND"}
        assert all(p.state == "approved" for p in programmes)
        today = timezone.localdate()
        if today.month > 2:  # items of past months were given as tasks
            statuses = set(programmes[0].items.values_list("status", flat=True)) | set(
                programmes[1].items.values_list("status", flat=True))
            assert ItemStatus.DONE in statuses or ItemStatus.IN_PROGRESS in statuses
        monday = week_bounds(today)[0]
        start = timezone.make_aware(dt.datetime.combine(monday, dt.time()))
        week = list(ScheduleEvent.objects.filter(starts_at__gte=start,
                                                 starts_at__lt=start + dt.timedelta(days=7)))
        published = [e for e in week if e.state == EventState.PUBLISHED]
        assert len(published) >= 5
        clashes = week_conflicts(published)
        assert any(c.who == "Hoàng Văn Thắng" for found in clashes.values() for c in found)
        concluded = Meeting.objects.get(state=MeetingState.CONCLUDED)
        assert concluded.organizations.count() == 3 and concluded.event.organization is None
        assert sum(c.tasks.count() for c in concluded.conclusions.all()) == 2
        upcoming = Meeting.objects.get(state=MeetingState.PLANNED)
        assert upcoming.invitation is not None
        assert upcoming.invitation.document_type.name == "Giấy mời"
        assert upcoming.documents.count() == 1
        assert Notification.objects.filter(recipient__username="chuyenvien").exists()

    def test_file_plans_copied_and_documents_filed(self, loaded):
        from vanphong.records.models import DossierItem, DossierState, FilePlan

        assert "Danh mục hồ sơ UBND" in loaded["output"]
        year = timezone.localdate().year
        this = FilePlan.objects.get(organization__short_name="UBND", year=year)
        last = FilePlan.objects.get(organization__short_name="UBND", year=year - 1)
        assert this.copied_from == last and this.state == last.state == "approved"
        assert this.dossiers.count() == last.dossiers.count() == 9
        if DossierItem.objects.exists():
            assert this.dossiers.filter(state=DossierState.CLOSED).count() == 1

    def test_last_years_dossiers_are_closed_handed_over_shelved_and_one_lent(self, loaded):
        from vanphong.records import transfer
        from vanphong.records.models import (
            Box,
            DossierState,
            FilePlan,
            Loan,
            LoanState,
            Transfer,
            TransferState,
        )

        year = timezone.localdate().year
        last = FilePlan.objects.get(organization__short_name="UBND", year=year - 1)
        holding = [d for d in last.dossiers.all() if d.items.exists()]
        assert len(holding) >= 3  # the demo's history reaches back into last year
        assert all(d.state != DossierState.OPEN and d.ended_year == year - 1 for d in holding)
        received = Transfer.objects.get(state=TransferState.RECEIVED)
        assert received.received_by.username == "luutru"
        handed = [i.dossier for i in received.items.select_related("dossier__box")]
        assert all(d.state == DossierState.TRANSFERRED and d.box is not None for d in handed)
        assert all(d.box.organization.short_name == "UBND" for d in handed)
        assert set(Box.objects.values_list("organization__short_name", flat=True)) == {
            "UBND", "ĐU"}
        waiting = transfer.awaiting(last.office_id, last.organization)
        assert [d.plan.year for d in waiting if transfer.due_year(d) == year] == [year - 1]
        loan = Loan.objects.get()
        assert (loan.state, loan.borrower.username, loan.decided_by.username) == (
            LoanState.LENT, "truongphong", "chutich")
        assert "hồ sơ đã nộp lưu" in loaded["output"]

    def test_it_leaves_sample_working_day_overrides_named_as_examples(self):
        overrides = WorkdayOverride.objects.all()
        assert overrides.exists()
        assert all(o.name.startswith("Ví dụ") for o in overrides)

    def test_if_empty_does_nothing_the_second_time(self):
        before = (IncomingDocument.objects.count(), User.objects.count(),
                  AuditEvent.objects.count())
        output = run("load_demo", "--if-empty", "--documents", "20")
        assert "không nạp" in output
        assert before == (IncomingDocument.objects.count(), User.objects.count(),
                          AuditEvent.objects.count())

    def test_it_refuses_to_load_into_a_database_with_data(self):
        with pytest.raises(CommandError, match="cơ sở dữ liệu trống"):
            run("load_demo", "--documents", "20")

    def test_demo_logins_lists_the_clerk_and_the_administrator(self):
        output = run("demo_logins")
        lines = {line.split()[0]: line for line in output.splitlines()[2:] if line.strip()}
        assert "Nguyễn Thị Hoa" in lines["vanthu"] and "Văn thư" in lines["vanthu"]
        assert "admin" in lines
        assert "Bí thư Đảng ủy xã (ĐU); Chủ tịch HĐND xã (HĐND)" in lines["bithu"]
        assert DEMO_PASSWORD in output


@pytest.mark.django_db
def test_demo_logins_prints_only_a_hint_without_the_demo():
    output = run("demo_logins")
    assert "load_demo" in output
    assert DEMO_PASSWORD not in output


@pytest.mark.django_db
def test_demo_logins_does_not_mistake_a_real_office_for_the_demo():
    Office.objects.create(name="Văn phòng thật", short_name="VP", place_name="Tân Hòa")
    User.objects.create_user(username="admin", password="another-secret", full_name="Ai đó")
    output = run("demo_logins")
    assert "admin" not in output and DEMO_PASSWORD not in output


@pytest.mark.django_db
def test_load_demo_rejects_a_bad_number_of_documents():
    with pytest.raises(CommandError, match="--documents"):
        run("load_demo", "--documents", "0")
    assert not Office.objects.exists()


@pytest.mark.django_db
def test_the_plan_is_the_same_for_the_same_seed_and_differs_for_another():
    until = dt.date(2026, 6, 30)
    calendar = Calendar.load(first_year=2025, last_year=2026)
    types = {(t.system, t.name): t for t in DocumentType.objects.filter(organization=None)}
    names = {short: name for short, name, *_ in ORGANIZATIONS}

    def plan(seed: int) -> list[tuple]:
        rng = random.Random(seed)
        cutoff = dt.datetime(2026, 6, 30, 17, 30, tzinfo=timezone.get_current_timezone())
        timeline = Timeline(calendar=calendar, start=dt.date(2025, 7, 1), until=until,
                            cutoff=cutoff, rng=rng)
        planner = ArrivalPlanner(rng=rng, timeline=timeline, org_names=names,
                                 document_types=types)
        return [(a.at, a.fields.code, a.fields.subject, [t.org for t in a.tracks])
                for a in planner.plan(300)]

    first = plan(7)
    assert first == plan(7)
    assert first != plan(8)
    assert sum(len(orgs) for *_, orgs in first) == 300
    codes = [code for _, code, *_ in first]
    assert len(set(codes)) > 0.9 * len(codes)
