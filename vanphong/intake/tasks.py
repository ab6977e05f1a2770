"""Background work of intake. Tasks take ids and call one function; each is safe to run
twice (the pipeline claims an item before working on it)."""

from __future__ import annotations

from django_tasks import task


@task()
def process_item_task(item_id: str) -> str:
    from vanphong.intake.pipeline import process_item

    return process_item(item_id)


@task()
def resume_stalled_task() -> int:
    """Queue again the items whose worker died mid-way (expired lease) or whose task was
    lost (queued for long with no worker on it)."""
    from vanphong.intake.pipeline import resume_stalled

    return resume_stalled()


@task()
def scan_watched_folder_task() -> int:
    """Receive what was dropped into the watched folder (when one is configured)."""
    from vanphong.intake.folder import scan_watched_folder

    return scan_watched_folder()
