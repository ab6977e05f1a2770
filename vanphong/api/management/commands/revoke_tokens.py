"""`python manage.py revoke_tokens <username> [--name NAME]`: revoke a user's API tokens."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.api.actions import revoke_tokens
from vanphong.audit.context import command_origin
from vanphong.organizations.models import User


class Command(BaseCommand):
    help = "Thu hồi các mã truy cập API của người dùng (hoặc chỉ mã có tên đã cho)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default=None, help="Chỉ thu hồi mã có tên này")

    def handle(self, *args: Any, username: str, name: str | None, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        with command_origin("revoke_tokens"):
            count = revoke_tokens(actor=None, user=user, name=name)
        self.stdout.write(f"Đã thu hồi {count} mã truy cập của {user.username}.")
