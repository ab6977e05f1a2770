"""Watch a folder for documents: `manage.py intake_folder [--watch]`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from vanphong.errors import DomainError
from vanphong.intake.folder import intake_office, scan_folder
from vanphong.intake.models import IntakeItem


class Command(BaseCommand):
    help = (
        "Tiếp nhận các tệp trong thư mục theo dõi (VANPHONG_INTAKE_FOLDER hoặc --folder); "
        "tệp đã nhận chuyển sang da-nhan/, tệp bị từ chối sang loi/."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--folder", type=Path)
        parser.add_argument("--office")
        parser.add_argument("--watch", action="store_true", help="Theo dõi liên tục")
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(
        self,
        *args: Any,
        folder: Path | None,
        office: str | None,
        watch: bool,
        interval: float,
        **options: Any,
    ) -> None:
        chosen = folder or (
            Path(settings.VANPHONG_INTAKE_FOLDER) if settings.VANPHONG_INTAKE_FOLDER else None
        )
        if chosen is None:
            raise CommandError("Chưa có thư mục: đặt VANPHONG_INTAKE_FOLDER hoặc dùng --folder.")
        try:
            target = intake_office(office)
        except DomainError as error:
            raise CommandError(error.message) from None
        while True:
            with tqdm(desc=f"Thư mục {chosen}", unit="tệp", file=self.stderr) as bar:

                def advance(path: Path, item: IntakeItem | None, error: str) -> None:
                    if error:
                        tqdm.write(f"Từ chối {path.name}: {error}", file=self.stderr)
                    bar.update(1)

                outcome = scan_folder(chosen, office=target, on_file=advance)
            if outcome.received or outcome.refused:
                self.stdout.write(
                    f"Đã nhận {len(outcome.received)} tệp, từ chối {len(outcome.refused)} tệp."
                )
            if not watch:
                return
            time.sleep(interval)
