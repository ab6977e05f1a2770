"""`manage.py restore <folder>`: put a backup back, checked before and after."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vanphong.audit.context import command_origin
from vanphong.home.backups import BackupError
from vanphong.home.restoring import restore


class Command(BaseCommand):
    help = ("Khôi phục một bản sao lưu của lệnh backup (thay toàn bộ dữ liệu). Dừng máy chủ "
            "web và tiến trình nền trước, khởi động lại sau.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--replace", action="store_true",
                            help="Đồng ý thay dữ liệu đang có trong cơ sở dữ liệu của máy này.")

    def handle(self, *args: Any, folder: Path, replace: bool, **options: Any) -> None:
        try:
            with command_origin("manage.py restore"):
                restore(folder, replace=replace, say=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Đã khôi phục xong. Khởi động lại máy chủ web và tiến trình nền.")
