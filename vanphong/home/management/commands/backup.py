"""`manage.py backup <folder>`: a complete, consistent backup while the office works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vanphong.home.backups import BackupError, back_up


class Command(BaseCommand):
    help = ("Sao lưu cơ sở dữ liệu, tệp, khóa bí mật và bảng kê (manifest.json) vào một thư "
            "mục mới; chạy được khi văn phòng đang làm việc.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", type=Path, help="Thư mục mới (hoặc trống) để ghi bản sao.")
        parser.add_argument("--no-files", action="store_true",
                            help="Không chép tệp (khi kho S3 đã được sao lưu riêng); bảng kê "
                                 "vẫn ghi tên và SHA-256 của từng tệp.")

    def handle(self, *args: Any, folder: Path, no_files: bool, **options: Any) -> None:
        try:
            manifest = back_up(folder, copy_files=not no_files, say=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = manifest["files"]["entries"]
        self.stdout.write(f"Đã sao lưu vào {folder}: {len(manifest['counts'])} bảng, "
                          f"{len(files)} tệp ({sum(f['size'] for f in files)} byte).")
        if manifest["secret_key"]["source"] == "environment":
            self.stdout.write("Khóa bí mật đặt bằng VANPHONG_SECRET_KEY: hãy tự lưu giá trị đó.")
