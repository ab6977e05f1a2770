"""Background work of records."""

from __future__ import annotations

from django_tasks import task


@task()
def send_transfer_reminders_task() -> int:
    from vanphong.records.transfer import send_transfer_reminders

    return send_transfer_reminders()


@task()
def prepare_pdfa_task(dossier_id: str) -> int:
    """Make the PDF/A copies of a closed dossier's files ahead of its package; returns how
    many files have a copy or a lasting note."""
    from vanphong.records.models import Dossier
    from vanphong.records.package import prepare_pdfa

    dossier = Dossier.objects.filter(pk=dossier_id).first()
    return prepare_pdfa(dossier) if dossier is not None else 0
