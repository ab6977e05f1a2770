"""Background work of search: the single writer that drains the outbox."""

from __future__ import annotations

from django_tasks import task


@task()
def drain_task() -> int:
    """Apply what changed to the index (also run every minute, in case a run was lost)."""
    from vanphong.search.outbox import drain

    return drain()
