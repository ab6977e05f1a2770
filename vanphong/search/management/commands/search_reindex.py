"""Rebuild the search index from the database, in batches, with a progress bar.

Resumable: where it is is saved after every batch, so a run that was stopped (Ctrl-C, a
reboot) goes on from there next time; `--restart` starts again from an empty index.
Changes made meanwhile reach the index through the outbox as usual. `--if-needed` does
nothing when the index already holds every document (run at each start: after an upgrade
that changed the index format, the index is empty and is rebuilt).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Max
from tqdm import tqdm

from vanphong import clock
from vanphong.incoming.models import IncomingDocument
from vanphong.outgoing.models import OutgoingDocument
from vanphong.search.documents import INCOMING, KINDS, incoming_entries, outgoing_entries
from vanphong.search.engine import engine
from vanphong.search.models import Pending, ReindexRun
from vanphong.search.outbox import drain

MODELS: dict[str, Any] = {INCOMING: IncomingDocument, "outgoing": OutgoingDocument}
BUILDERS = {INCOMING: incoming_entries, "outgoing": outgoing_entries}


class Command(BaseCommand):
    help = "Lập lại chỉ mục tìm kiếm từ cơ sở dữ liệu (tiếp tục được nếu bị dừng giữa chừng)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--restart", action="store_true", help="Làm lại từ đầu.")
        parser.add_argument("--batch", type=int, default=1000)
        parser.add_argument("--quiet", action="store_true", help="Không hiện thanh tiến độ.")
        parser.add_argument("--if-needed", action="store_true",
                            help="Chỉ lập khi chỉ mục còn thiếu văn bản hoặc có lần lập dở.")

    def handle(self, *args: Any, restart: bool, batch: int, quiet: bool, if_needed: bool,
               **options: Any) -> None:
        if if_needed and not restart and not _needed():
            self.stdout.write("Chỉ mục tìm kiếm đã đủ, không cần lập lại.")
            return
        # Changes noted before now are read by this run: their outbox rows can go after it.
        noted = Pending.objects.aggregate(last=Max("id"))["last"] or 0
        run = None if restart else ReindexRun.objects.filter(finished_at=None).last()
        if run is None:
            ReindexRun.objects.filter(finished_at=None).update(finished_at=clock.now())
            engine().clear()
            total = sum(model.objects.count() for model in MODELS.values())
            run = ReindexRun.objects.create(kind=KINDS[0], total=total)
        else:
            noted = 0  # what changed while it was stopped may be behind where it resumes
            self.stdout.write(f"Tiếp tục lần lập chỉ mục dở ({run.done}/{run.total}).")
        with (
            tqdm(total=run.total, initial=run.done, disable=quiet, unit="vb") as bar,
            engine().bulk() as add,
        ):
            for kind in KINDS[KINDS.index(run.kind):]:
                self._index_kind(run, kind, batch, bar, add)
        run.finished_at = clock.now()
        run.save(update_fields=["finished_at"])
        Pending.objects.filter(id__lte=noted).delete()
        drain()
        self.stdout.write(f"Đã lập chỉ mục {run.done} văn bản.")

    def _index_kind(
        self, run: ReindexRun, kind: str, batch: int, bar: Any, add: Callable[..., None]
    ) -> None:
        if run.kind != kind:
            run.kind, run.after = kind, ""
        ids = MODELS[kind].objects.order_by("pk").values_list("pk", flat=True)
        while True:
            chunk = [str(pk) for pk in (ids.filter(pk__gt=run.after) if run.after else ids)[:batch]]
            if not chunk:
                return
            add(BUILDERS[kind](chunk))
            run.after = chunk[-1]
            run.done += len(chunk)
            run.save(update_fields=["kind", "after", "done"])
            bar.update(len(chunk))


def _needed() -> bool:
    """An unfinished run, or fewer documents in the index (and waiting for it) than in the
    database: an index of an older format is emptied when opened."""
    if ReindexRun.objects.filter(finished_at=None).exists():
        return True
    documents = sum(model.objects.count() for model in MODELS.values())
    return engine().count() + Pending.objects.count() < documents
