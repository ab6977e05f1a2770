"""Background work of the outgoing flow. Tasks take ids and call one action."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from vanphong import clock
from vanphong.outgoing.models import FinalState, OutgoingDocument

#: A final copy still pending after this long was lost with a killed worker: redo it.
STALLED_AFTER = dt.timedelta(minutes=10)


@task()
def finalize_outgoing_task(document_id: str) -> str:
    from vanphong.outgoing.issuing import finalize_outgoing

    return finalize_outgoing(document_id=document_id).final_state


@task()
def send_recipient_mail_task(recipient_id: int) -> str:
    from vanphong.outgoing.delivery import send_recipient_mail

    return send_recipient_mail(recipient_id=recipient_id)


@task()
def send_due_mail_task() -> int:
    from vanphong.outgoing.delivery import send_due_mail

    return send_due_mail()


@task()
def finalize_stalled_task() -> int:
    """Pick up final copies whose worker died mid-way (finalizing is idempotent)."""
    from vanphong.outgoing.issuing import finalize_outgoing

    stalled = OutgoingDocument.objects.filter(
        final_state=FinalState.PENDING, issued_at__lt=clock.now() - STALLED_AFTER
    ).values_list("pk", flat=True)
    return sum(
        finalize_outgoing(document_id=str(pk)).final_state == FinalState.DONE for pk in stalled
    )
