"""Bulk intake from files on disk: a list of paths (command line) or the watched folder.

The watched folder (VANPHONG_INTAKE_FOLDER) is where a scanner or a colleague drops files.
Each file is received into the queue, then moved to `da-nhan/<date>/`; a refused file goes
to `loi/` with a `.loi.txt` beside it saying why. Files still being written (changed in the
last seconds) wait for the next scan. Nothing is deleted.
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings

from vanphong import clock
from vanphong.errors import Invalid
from vanphong.files.actions import FileRejected
from vanphong.intake.models import Batch, IntakeItem, Source
from vanphong.intake.receiving import receive_upload, start_batch
from vanphong.organizations.models import Office

DONE_DIR = "da-nhan"
FAILED_DIR = "loi"
#: A file changed more recently than this may still be being written.
SETTLE_SECONDS = 2.0


@dataclasses.dataclass
class Outcome:
    batch: Batch | None = None
    received: list[IntakeItem] = dataclasses.field(default_factory=list)
    refused: list[tuple[Path, str]] = dataclasses.field(default_factory=list)
    waiting: int = 0


def intake_office(short_name: str | None = None) -> Office:
    """The office files from disk go to: named, configured, or the only one."""
    name = short_name or settings.VANPHONG_INTAKE_OFFICE
    offices = Office.objects.all()
    if name:
        office = offices.filter(short_name=name).first()
        if office is None:
            raise Invalid(f"Không có văn phòng viết tắt “{name}”.")
        return office
    if offices.count() != 1:
        raise Invalid("Có nhiều văn phòng: chọn một (--office hoặc VANPHONG_INTAKE_OFFICE).")
    return offices.get()


def files_in(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and files inside folders named (recursively), hidden ones skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.parts):
                    yield child
        elif path.is_file():
            yield path


def receive_paths(
    paths: list[Path],
    *,
    office: Office,
    source: str = Source.UPLOAD,
    label: str = "",
    on_file: Callable[[Path, IntakeItem | None, str], None] | None = None,
) -> Outcome:
    outcome = Outcome()
    outcome.batch = start_batch(office=office, source=source, label=label)
    for path in paths:
        try:
            with open(path, "rb") as stream:
                reception = receive_upload(
                    office=office,
                    stream=stream,
                    name=path.name,
                    size=path.stat().st_size,
                    source=source,
                    batch=outcome.batch,
                )
        except FileRejected as error:
            outcome.refused.append((path, error.message))
            if on_file:
                on_file(path, None, error.message)
            continue
        outcome.received += reception.items
        # Files of an archive refused on their own: named, the archive is received.
        outcome.refused += [(path, message) for message in reception.refused]
        if on_file:
            on_file(path, reception.items[0], "")
    return outcome


def _free_name(target: Path) -> Path:
    candidate, number = target, 1
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
        number += 1
    return candidate


def scan_folder(
    folder: Path,
    *,
    office: Office,
    on_file: Callable[[Path, IntakeItem | None, str], None] | None = None,
) -> Outcome:
    """Receive every settled file lying directly in the folder, then move it aside."""
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    ready, waiting = [], 0
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        if now - path.stat().st_mtime < SETTLE_SECONDS:
            waiting += 1
            continue
        ready.append(path)
    if not ready:
        return Outcome(waiting=waiting)
    done_dir = folder / DONE_DIR / clock.today().isoformat()
    failed_dir = folder / FAILED_DIR

    def move(path: Path, item: IntakeItem | None, error: str) -> None:
        if item is not None:
            done_dir.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), str(_free_name(done_dir / path.name)))
        else:
            failed_dir.mkdir(parents=True, exist_ok=True)
            target = _free_name(failed_dir / path.name)
            shutil.move(str(path), str(target))
            target.with_name(target.name + ".loi.txt").write_text(error + "\n", encoding="utf-8")
        if on_file:
            on_file(path, item, error)

    outcome = receive_paths(
        ready,
        office=office,
        source=Source.FOLDER,
        label=f"Thư mục theo dõi: {len(ready)} tệp",
        on_file=move,
    )
    outcome.waiting = waiting
    return outcome


def scan_watched_folder() -> int:
    """The periodic scan: nothing to do when no folder is configured."""
    folder = settings.VANPHONG_INTAKE_FOLDER
    if not folder:
        return 0
    return len(scan_folder(Path(folder), office=intake_office()).received)
