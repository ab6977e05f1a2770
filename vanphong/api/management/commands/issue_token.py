"""`python manage.py issue_token <username> [--name NAME]`: print a new API token once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.api.actions import issue_token
from vanphong.audit.context import command_origin
from vanphong.errors import DomainError
from vanphong.organizations.models import User


class Command(BaseCommand):
    help = "Cấp một mã truy cập API cho người dùng; mã chỉ được in ra một lần."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Tên đăng nhập của người dùng")
        parser.add_argument("--name", default="", help="Tên gợi nhớ của mã, ví dụ tên hệ thống")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        with command_origin("issue_token"):
            try:
                _, token = issue_token(actor=None, user=user, name=name)
            except DomainError as exc:
                raise CommandError(exc.message) from None
        self.stdout.write(token)
        self.stderr.write(
            f"Đã cấp mã truy cập cho {user.username}. Hãy lưu lại ngay: mã không hiển thị lại. "
            "Dùng trong tiêu đề: Authorization: Bearer <mã>."
        )
