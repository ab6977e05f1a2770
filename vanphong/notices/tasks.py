"""Background work of notices. Tasks take ids and call one function."""

from __future__ import annotations

from django_tasks import task


@task()
def send_notice_mail_task(notice_id: int) -> str:
    from vanphong.notices.mail import send_notice_mail

    return send_notice_mail(notice_id=notice_id)


@task()
def send_due_notice_mail_task() -> int:
    from vanphong.notices.mail import send_due_notice_mail

    return send_due_notice_mail()
