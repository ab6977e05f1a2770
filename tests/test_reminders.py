"""Reminders and notices (issue #6): before the deadline, on the day, when overdue (then
every few working days, the assigner copied), a daily digest; each sent once — also with
four workers sweeping at the same instant; per-organization policies; in-app notices and
e-mail through a real SMTP server. Tests move the clock, they never sleep."""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from tests.test_api import api_as  # noqa: F401  (fixture)
from tests.test_tasks import LEAD, SUPPORT
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.errors import Invalid, NotAllowed
from vanphong.followup import actions
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.models import EventKind, Reminder, ReminderKind, ReminderPolicy, Task
from vanphong.followup.reminders import DEFAULT_POLICY, due_reminder, send_due_reminders
from vanphong.notices.mail import send_due_notice_mail
from vanphong.notices.models import MailState, Notification
from vanphong.outgoing.delivery import RETRY_DELAYS
from vanphong.workdays.dates import Calendar, statutory_holidays, statutory_working_weekends

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
#: A task assigned on Monday 1 March 2027, due Wednesday 10 March.
ASSIGNED = dt.datetime(2027, 3, 1, 9, 0, tzinfo=HANOI)
DUE = dt.date(2027, 3, 10)


def at(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=HANOI)


def sweep(day: dt.date, hour: int = 8, minute: int = 0) -> int:
    with clock.frozen_at(at(day, hour, minute)):
        return send_due_reminders()


@pytest.fixture
def task(cast) -> Task:
    """The Party committee's task: chuyenvien (UBND, VHXH) leads, the Fatherland Front
    supports (its head answers for it)."""
    o, u = cast.orgs, cast.units
    with clock.frozen_at(ASSIGNED):
        [made] = actions.create_tasks(actor=cast.bithu, organization=o["ĐU"], specs=[TaskSpec(
            title="Báo cáo sơ kết công tác dân vận", due_date=DUE,
            assignees=(AssigneeSpec(LEAD, o["UBND"], u["VHXH"], cast.chuyenvien),
                       AssigneeSpec(SUPPORT, o["MTTQ"])),
        )])
    Notification.objects.all().delete()  # the "được giao" notices are tested on their own
    return made


def reminders(kind: str) -> set[tuple[str, dt.date]]:
    return {(r.recipient.username, r.day) for r in Reminder.objects.filter(kind=kind)}


def notices(user, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind))


# --- When: the rule as a table -------------------------------------------------------------


#: The statutory calendar alone (no administrator's overrides): pure, no database.
CALENDAR_2027 = Calendar(
    holidays_=statutory_holidays(2026) | statutory_holidays(2027),
    working=statutory_working_weekends(2026) | statutory_working_weekends(2027),
)


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2027, 3, 5), None),  # Friday: three working days ahead, the policy says two
    (dt.date(2027, 3, 8), (ReminderKind.BEFORE, DUE)),  # Monday: two working days before
    (dt.date(2027, 3, 9), (ReminderKind.BEFORE, DUE)),  # the same key: not sent again
    (DUE, (ReminderKind.DUE, DUE)),
    (dt.date(2027, 3, 11), (ReminderKind.OVERDUE, dt.date(2027, 3, 11))),  # 1st day late
    (dt.date(2027, 3, 15), (ReminderKind.OVERDUE, dt.date(2027, 3, 11))),  # 3rd: same key
    (dt.date(2027, 3, 16), (ReminderKind.OVERDUE, dt.date(2027, 3, 16))),  # 4th: again
    (dt.date(2027, 3, 19), (ReminderKind.OVERDUE, dt.date(2027, 3, 19))),  # 7th: again
])
def test_which_reminder_is_due_on_each_day(today, expected):
    task = Task(due_date=DUE)
    due = due_reminder(task, DEFAULT_POLICY, today, CALENDAR_2027)
    assert (due and (due.kind, due.day)) == expected


def test_the_reminder_before_a_deadline_after_tet_comes_before_tet():
    """Due Friday 12/2/2027; Tết 2027 keeps 4–10/2 off: two working days before is 3/2."""
    task = Task(due_date=dt.date(2027, 2, 12))
    assert due_reminder(task, DEFAULT_POLICY, dt.date(2027, 2, 2), CALENDAR_2027) is None
    due = due_reminder(task, DEFAULT_POLICY, dt.date(2027, 2, 3), CALENDAR_2027)
    assert (due.kind, due.day) == (ReminderKind.BEFORE, dt.date(2027, 2, 12))


def test_overdue_reminded_once_when_the_policy_says_so():
    policy = ReminderPolicy(overdue_every=0)
    task = Task(due_date=DUE)
    due = due_reminder(task, policy, dt.date(2027, 3, 19), CALENDAR_2027)
    assert (due.kind, due.day) == (ReminderKind.OVERDUE, dt.date(2027, 3, 11))


def test_no_reminder_before_the_deadline_when_days_before_is_zero():
    policy = ReminderPolicy(days_before=0, on_due_day=False)
    assert due_reminder(Task(due_date=DUE), policy, dt.date(2027, 3, 9), CALENDAR_2027) is None
    assert due_reminder(Task(due_date=DUE), policy, DUE, CALENDAR_2027) is None


# --- The sweep ------------------------------------------------------------------------------


def test_nothing_is_sent_before_the_hour_or_on_a_day_off(cast, task):
    assert sweep(dt.date(2027, 3, 8), 7, 0) == 0  # before 07:30
    assert sweep(dt.date(2027, 3, 13), 9, 0) == 0  # Saturday
    assert not Notification.objects.exists()


def test_before_the_deadline_the_doers_are_reminded_once(cast, task):
    sent = sweep(dt.date(2027, 3, 8))
    # chuyenvien (lead) and the Front's head (support row of the organization), each a
    # "before" notice and a digest
    assert sent == 4
    assert reminders(ReminderKind.BEFORE) == {("chuyenvien", DUE), ("chutichmttq", DUE)}
    [notice] = notices(cast.chuyenvien, "task.before")
    assert notice.title == "Sắp đến hạn (10/03/2027): Báo cáo sơ kết công tác dân vận"
    assert notice.link == f"/nhiem-vu/{task.pk}/"
    assert sweep(dt.date(2027, 3, 8), 10) == 0  # the same day again: nothing new
    assert sweep(dt.date(2027, 3, 9)) == 2  # next day: only the two digests
    assert len(notices(cast.chuyenvien, "task.before")) == 1
    history = list(task.events.filter(kind=EventKind.REMIND))
    assert len(history) == 1 and history[0].actor is None
    assert "Nguyễn" in history[0].note or "đã nhắc" in history[0].note
    assert AuditEvent.objects.filter(action="task.remind", object_id=str(task.pk)).count() == 1


def test_on_the_day_and_when_overdue_the_assigner_is_copied(cast, task):
    sweep(DUE)
    assert reminders(ReminderKind.DUE) == {("chuyenvien", DUE), ("chutichmttq", DUE)}
    sweep(dt.date(2027, 3, 11))
    late = dt.date(2027, 3, 11)
    assert reminders(ReminderKind.OVERDUE) == {
        ("chuyenvien", late), ("chutichmttq", late), ("bithu", late)}
    [notice] = notices(cast.bithu, "task.overdue")
    assert notice.title.startswith("Quá hạn từ 10/03/2027")
    # the history says "Quá hạn" once, however often the sweep runs
    sweep(dt.date(2027, 3, 11), 14)
    sweep(dt.date(2027, 3, 12))
    assert task.events.filter(kind=EventKind.OVERDUE).count() == 1
    assert len(notices(cast.bithu, "task.overdue")) == 1
    sweep(dt.date(2027, 3, 16))  # the fourth working day late: reminded again
    assert len(notices(cast.bithu, "task.overdue")) == 2


def test_a_done_task_is_not_reminded(cast, task):
    with clock.frozen_at(at(dt.date(2027, 3, 5))):
        actions.complete_task(actor=cast.chuyenvien, task=task, result="Đã gửi báo cáo.")
    assert sweep(dt.date(2027, 3, 8)) == 0
    assert sweep(dt.date(2027, 3, 11)) == 0


def test_an_approved_extension_arms_new_reminders(cast, task):
    sweep(dt.date(2027, 3, 8))
    with clock.frozen_at(at(dt.date(2027, 3, 8), 9)):
        actions.request_extension(actor=cast.chuyenvien, task=task,
                                  proposed_due_date=dt.date(2027, 3, 17), reason="Chờ số liệu")
        task.refresh_from_db()
        actions.decide_extension(actor=cast.bithu, task=task, approve=True)
    assert sweep(dt.date(2027, 3, 11)) == 0  # no longer overdue, not yet near the new date
    sweep(dt.date(2027, 3, 15))
    assert reminders(ReminderKind.BEFORE) == {
        ("chuyenvien", DUE), ("chutichmttq", DUE),
        ("chuyenvien", dt.date(2027, 3, 17)), ("chutichmttq", dt.date(2027, 3, 17))}


def test_the_organizations_policy_applies_to_its_tasks(cast, task):
    ReminderPolicy.objects.create(office=cast.office, organization=cast.orgs["ĐU"],
                                  days_before=5, overdue_to_assigner=False, digest=False)
    # Wednesday 3 March is five working days before the 10th
    assert sweep(dt.date(2027, 3, 3)) == 2
    sweep(dt.date(2027, 3, 11))
    assert ("bithu", dt.date(2027, 3, 11)) not in reminders(ReminderKind.OVERDUE)


def test_the_digest_lists_what_needs_attention(cast, task):
    o = cast.orgs
    with clock.frozen_at(ASSIGNED):
        actions.create_tasks(actor=cast.bithu, organization=o["ĐU"], specs=[TaskSpec(
            title="Chuẩn bị hội nghị cán bộ", due_date=dt.date(2027, 3, 4),
            assignees=(AssigneeSpec(LEAD, o["UBND"], person=cast.chuyenvien),))])
    sweep(dt.date(2027, 3, 8))
    [digest] = notices(cast.chuyenvien, "task.digest")
    assert digest.title == "Nhắc việc ngày 08/03/2027: 2 nhiệm vụ cần chú ý (1 quá hạn)"
    assert digest.body.splitlines() == [
        "- Chuẩn bị hội nghị cán bộ (quá hạn 04/03/2027, 0%)",
        "- Báo cáo sơ kết công tác dân vận (hạn 10/03/2027, 0%)",
    ]


def test_a_unit_row_reminds_the_units_head(cast):
    o, u = cast.orgs, cast.units
    with clock.frozen_at(ASSIGNED):
        actions.create_tasks(actor=cast.chutich, organization=o["UBND"], specs=[TaskSpec(
            title="Rà soát hộ nghèo", due_date=DUE,
            assignees=(AssigneeSpec(LEAD, o["UBND"], u["KT"]),))])
    sweep(dt.date(2027, 3, 8))
    assert reminders(ReminderKind.BEFORE) == {("truongphongkt", DUE)}


# --- Notices of events and "Đôn đốc" -----------------------------------------------------------


def test_assignees_are_told_of_a_new_task_and_the_assigner_of_an_extension_request(cast):
    o, u = cast.orgs, cast.units
    with clock.frozen_at(ASSIGNED):
        [made] = actions.create_tasks(actor=cast.bithu, organization=o["ĐU"], specs=[TaskSpec(
            title="Tổng hợp ý kiến cử tri", due_date=DUE,
            assignees=(AssigneeSpec(LEAD, o["UBND"], u["VHXH"], cast.chuyenvien),
                       AssigneeSpec(SUPPORT, o["MTTQ"])))])
        actions.request_extension(actor=cast.chuyenvien, task=made,
                                  proposed_due_date=dt.date(2027, 3, 20), reason="Chờ các thôn")
    assert [n.title for n in notices(cast.chuyenvien, "task.assigned")] == [
        "Được giao nhiệm vụ (hạn 10/03/2027): Tổng hợp ý kiến cử tri"]
    assert len(notices(cast.chutichmttq, "task.assigned")) == 1
    assert not notices(cast.bithu, "task.assigned")  # not told of one's own act
    [asked] = notices(cast.bithu, "task.extension")
    assert asked.title == "Đề nghị gia hạn đến 20/03/2027: Tổng hợp ý kiến cử tri"


def test_the_office_chases_a_task_by_hand_and_a_doer_may_not(cast, task):
    with pytest.raises(NotAllowed):
        actions.remind_task(actor=cast.chuyenvien, task=task, note="")
    with clock.frozen_at(at(dt.date(2027, 3, 9), 10)):
        assert actions.remind_task(actor=cast.vanthu, task=task, note="Chiều nay nộp") == 2
    [notice] = notices(cast.chuyenvien, "task.remind")
    assert notice.body == "Nguyễn Thị Hoa: Chiều nay nộp"
    event = task.events.get(kind=EventKind.REMIND)
    assert event.actor == cast.vanthu


def test_chasing_a_done_task_is_refused(cast, task):
    actions.complete_task(actor=cast.chuyenvien, task=task, result="Xong.")
    task.refresh_from_db()
    with pytest.raises(NotAllowed):
        actions.remind_task(actor=cast.vanthu, task=task)


# --- E-mail --------------------------------------------------------------------------------


def test_reminders_are_mailed_once_with_a_link(cast, task, mail_server, settings,
                                               django_capture_on_commit_callbacks):
    settings.BASE_URL = "https://vanphong.tanhoa.gov.vn"
    mail_server.start()
    with django_capture_on_commit_callbacks(execute=False):
        sweep(dt.date(2027, 3, 8))
    with clock.frozen_at(at(dt.date(2027, 3, 8), 8, 1)):
        assert send_due_notice_mail() == 4
        assert send_due_notice_mail() == 0
    to_chuyenvien = [m for m in mail_server.messages if m["To"] == "chuyenvien@tanhoa.vn"]
    assert sorted(m["Subject"].strip() for m in to_chuyenvien) == [
        "[Một Văn Phòng] Nhắc việc ngày 08/03/2027: 1 nhiệm vụ cần chú ý",
        "[Một Văn Phòng] Sắp đến hạn (10/03/2027): Báo cáo sơ kết công tác dân vận",
    ]
    before = next(m for m in to_chuyenvien if "Sắp đến hạn" in m["Subject"])
    notice = Notification.objects.get(recipient=cast.chuyenvien, kind="task.before")
    assert before["Message-ID"] == f"<notice-{notice.pk}@vanphong>"
    assert f"https://vanphong.tanhoa.gov.vn/nhiem-vu/{task.pk}/" in before.get_content()
    assert notice.mail_state == MailState.SENT


def test_a_notice_mail_is_retried_while_the_server_is_down(cast, task, mail_server):
    with clock.frozen_at(at(dt.date(2027, 3, 9), 10)):
        actions.remind_task(actor=cast.vanthu, task=task)
        assert send_due_notice_mail() == 0  # the server is not started
    notice = Notification.objects.get(recipient=cast.chuyenvien, kind="task.remind")
    assert (notice.mail_state, notice.mail_attempts) == (MailState.PENDING, 1)
    mail_server.start()
    with clock.frozen_at(at(dt.date(2027, 3, 9), 10) + RETRY_DELAYS[0]):
        assert send_due_notice_mail() == 2
    notice.refresh_from_db()
    assert (notice.mail_state, notice.mail_attempts) == (MailState.SENT, 2)
    assert len(mail_server.messages) == 2


def test_without_a_mail_server_notices_stay_in_the_application(cast, task, settings):
    settings.EMAIL_HOST = ""
    sweep(dt.date(2027, 3, 8))
    assert set(Notification.objects.values_list("mail_state", flat=True)) == {MailState.NONE}


def test_a_policy_without_email_sends_none(cast, task, mail_server):
    ReminderPolicy.objects.create(office=cast.office, organization=cast.orgs["ĐU"], email=False,
                                  digest=False)
    sweep(dt.date(2027, 3, 8))
    assert set(Notification.objects.values_list("mail_state", flat=True)) == {MailState.NONE}


# --- Several workers ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_four_workers_sweeping_at_once_send_each_reminder_once(cast, task, mail_server):
    mail_server.start()
    start = threading.Barrier(4)
    results: list[int] = []
    failures: list[BaseException] = []

    def worker(job) -> None:
        try:
            with clock.frozen_at(at(dt.date(2027, 3, 11))):
                start.wait()
                results.append(job())
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            connection.close()

    def run(job) -> None:
        threads = [threading.Thread(target=worker, args=(job,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures, failures

    run(send_due_reminders)
    # overdue: chuyenvien, chutichmttq, bithu; digests: chuyenvien, chutichmttq
    assert sum(results) == 5
    assert Reminder.objects.count() == 5
    assert Notification.objects.count() == 5
    assert task.events.filter(kind=EventKind.OVERDUE).count() == 1
    assert task.events.filter(kind=EventKind.REMIND).count() == 1
    # the tests' task backend runs each notice's mail job at its commit: each went once
    assert len(mail_server.messages) == 5
    assert len({m["Message-ID"] for m in mail_server.messages}) == 5
    # four workers picking up the same due mails at once: each is sent by one of them
    Notification.objects.update(mail_state=MailState.PENDING, mail_next_at=at(dt.date(2027, 3, 11)))
    results.clear()
    run(send_due_notice_mail)
    assert sum(results) == 5
    assert len(mail_server.messages) == 10


# --- Pages and API ---------------------------------------------------------------------------


def test_the_bell_shows_unread_notices_and_opening_one_marks_it_read(cast, task, client_for):
    sweep(dt.date(2027, 3, 8))
    client = client_for(cast.chuyenvien)
    page = client.get("/thong-bao/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="unread" aria-hidden="true">2<' in text
    assert "Thông báo: 2 chưa đọc" in text  # what a screen reader says of the bell
    assert "Sắp đến hạn (10/03/2027): Báo cáo sơ kết công tác dân vận" in text
    notice = Notification.objects.get(recipient=cast.chuyenvien, kind="task.before")
    opened = client.post(f"/thong-bao/{notice.pk}/mo/")
    assert opened.status_code == 302 and opened["Location"] == f"/nhiem-vu/{task.pk}/"
    notice.refresh_from_db()
    assert notice.is_read
    assert 'data-testid="unread" aria-hidden="true">1<' in client.get("/nhiem-vu/").content.decode()
    client.post("/thong-bao/da-doc-het/")
    assert 'data-testid="unread"' not in client.get("/thong-bao/").content.decode()


def test_someone_elses_notice_is_not_found(cast, task, client_for):
    sweep(dt.date(2027, 3, 8))
    notice = Notification.objects.get(recipient=cast.chuyenvien, kind="task.before")
    client = client_for(cast.chutichmttq)
    assert client.post(f"/thong-bao/{notice.pk}/mo/").status_code == 404
    assert client.post("/thong-bao/999999999/mo/").status_code == 404
    assert "Sắp đến hạn" in client.get("/thong-bao/").content.decode()  # their own copy
    notice.refresh_from_db()
    assert not notice.is_read


def test_the_office_chases_from_the_task_page(cast, task, client_for):
    client = client_for(cast.vanthu)
    page = client.get(f"/nhiem-vu/{task.pk}/")
    assert 'data-testid="remind-form"' in page.content.decode()
    done = client.post(f"/nhiem-vu/{task.pk}/don-doc/", {"note": "Khẩn trương"}, follow=True)
    assert "Đã gửi lời đôn đốc tới 2 người." in done.content.decode()
    doer = client_for(cast.chuyenvien)
    assert 'data-testid="remind-form"' not in doer.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert doer.post(f"/nhiem-vu/{task.pk}/don-doc/", {"note": "x"}).status_code == 403


def test_notices_through_the_api(cast, task, api_as):  # noqa: F811
    sweep(dt.date(2027, 3, 8))
    api = api_as(cast.chuyenvien)
    page = api.get("/notifications", unread="true").json()
    assert (page["count"], page["unread"]) == (2, 2)
    first = page["items"][0]["id"]
    read = api.post(f"/notifications/{first}/read")
    assert read.status_code == 200 and read.json()["read_at"]
    assert api.get("/notifications").json()["unread"] == 1
    assert api_as(cast.chutichmttq).post(f"/notifications/{first}/read").status_code == 404
    reminded = api_as(cast.vanthu).post(f"/tasks/{task.pk}/remind", {"note": "Nhắc"})
    assert reminded.status_code == 200
    assert api_as(cast.chuyenvien).post(f"/tasks/{task.pk}/remind").status_code == 403


# --- Administration ----------------------------------------------------------------------------


def test_an_administrator_sets_an_organizations_policy(cast, client_for):
    client = client_for(cast.admin)
    listing = client.get("/quan-tri/nhac-viec/")
    assert listing.status_code == 200 and "Theo chế độ chung" in listing.content.decode()
    key = f"org-{cast.orgs['UBND'].pk}"
    form = {"days_before": "3", "on_due_day": "on", "overdue_every": "2", "digest": "on",
            "email": "on", "send_after": "08:00"}
    saved = client.post(f"/quan-tri/nhac-viec/{key}/sua/", form)
    assert saved.status_code == 302
    policy = ReminderPolicy.objects.get(organization=cast.orgs["UBND"])
    assert (policy.days_before, policy.overdue_every, policy.overdue_to_assigner,
            policy.send_after) == (3, 2, False, dt.time(8, 0))
    assert AuditEvent.objects.filter(action="reminder_policy.save").exists()
    bad = client.post(f"/quan-tri/nhac-viec/{key}/sua/", {**form, "days_before": "99",
                                                          "send_after": "25:99"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Giờ không hợp lệ" in text
    client.post(f"/quan-tri/nhac-viec/{key}/mac-dinh/")
    assert not ReminderPolicy.objects.filter(organization=cast.orgs["UBND"]).exists()


@pytest.mark.parametrize("who", ["vanthu", "chutich", "chuyenvien"])
def test_only_administrators_set_policies(cast, client_for, who):
    client = client_for(getattr(cast, who))
    assert client.get("/quan-tri/nhac-viec/").status_code == 403
    key = f"org-{cast.orgs['UBND'].pk}"
    assert client.post(f"/quan-tri/nhac-viec/{key}/sua/", {"days_before": "1"}).status_code == 403


def test_policy_days_are_bounded(cast):
    from vanphong.followup.configuration import PolicyFields, get_policy_row, save_reminder_policy

    row = get_policy_row(cast.admin, f"org-{cast.orgs['UBND'].pk}")
    with pytest.raises(Invalid) as refused:
        save_reminder_policy(actor=cast.admin, row=row, fields=PolicyFields(days_before=31))
    assert refused.value.fields == {"days_before": "Sai."}
    assert not ReminderPolicy.objects.exists()
