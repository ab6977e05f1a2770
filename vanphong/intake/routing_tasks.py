"""Background retraining of the routing suggestions."""

from __future__ import annotations

from django_tasks import task


@task()
def retrain_routing_task() -> int:
    """Retrain each office's model when enough new decisions exist (cheap otherwise)."""
    from vanphong.intake.routing import retrain_all

    return retrain_all()
