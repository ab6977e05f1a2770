"""Bulk intake from the command line: `manage.py intake_files <tệp hoặc thư mục>...`.

Shows a progress bar while files are received, and with --wait a second one while the
background worker reads them."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from vanphong.errors import DomainError
from vanphong.intake.folder import files_in, intake_office, receive_paths
from vanphong.intake.models import IntakeItem, ItemState


class Command(BaseCommand):
    help = "Đưa nhiều tệp (hoặc cả thư mục) vào hàng chờ tiếp nhận, có thanh tiến độ."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="Tệp hoặc thư mục")
        parser.add_argument("--office", help="Tên viết tắt của văn phòng (khi có nhiều)")
        parser.add_argument(
            "--wait", action="store_true", help="Chờ đến khi hệ thống đọc xong mọi tệp"
        )
        parser.add_argument("--timeout", type=float, default=3600.0)

    def handle(
        self,
        *args: Any,
        paths: list[Path],
        office: str | None,
        wait: bool,
        timeout: float,
        **options: Any,
    ) -> None:
        try:
            target = intake_office(office)
        except DomainError as error:
            raise CommandError(error.message) from None
        files = list(files_in(paths))
        if not files:
            raise CommandError("Không có tệp nào để tiếp nhận.")
        with tqdm(total=len(files), desc="Tiếp nhận", unit="tệp", file=self.stderr) as bar:

            def advance(path: Path, item: IntakeItem | None, error: str) -> None:
                if error:
                    tqdm.write(f"Bỏ qua {path}: {error}", file=self.stderr)
                bar.update(1)

            outcome = receive_paths(
                files, office=target, label=f"Dòng lệnh: {len(files)} tệp", on_file=advance
            )
        self.stdout.write(
            f"Đã nhận {len(outcome.received)} tệp, từ chối {len(outcome.refused)} tệp."
        )
        if wait and outcome.received:
            self._wait([i.pk for i in outcome.received], timeout)
        if outcome.refused:
            raise CommandError(f"{len(outcome.refused)} tệp bị từ chối (xem lý do ở trên).")

    def _wait(self, ids: list[Any], timeout: float) -> None:
        busy = (ItemState.QUEUED, ItemState.WORKING)
        deadline = time.monotonic() + timeout
        unique = list(dict.fromkeys(ids))
        with tqdm(total=len(unique), desc="Đọc nội dung", unit="tệp", file=self.stderr) as bar:
            while True:
                done = IntakeItem.objects.filter(pk__in=unique).exclude(state__in=busy).count()
                bar.update(done - bar.n)
                if done == len(unique):
                    break
                if time.monotonic() > deadline:
                    raise CommandError("Hết thời gian chờ; tiến trình nền có đang chạy không?")
                time.sleep(0.5)
        failed = IntakeItem.objects.filter(pk__in=unique, state=ItemState.FAILED).count()
        self.stdout.write(f"Đọc xong {len(unique) - failed} tệp, lỗi {failed} tệp.")
