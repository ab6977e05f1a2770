"""`python manage.py demo_logins`: the demo office's logins, for `make run` and the README.

Prints only the demo cast of the demo office, and the demo password only while the
administrator still uses it; on a database without the demo it prints a hint only.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection

from vanphong.demo.loaded import demo_office, demo_people
from vanphong.demo.orgchart import DEMO_PASSWORD
from vanphong.organizations.models import Position


def _positions(positions: list[Position]) -> str:
    return "; ".join(
        f"{p.title} ({p.organization.short_name})" if p.organization else p.title
        for p in positions
    )


class Command(BaseCommand):
    help = "In danh sách tài khoản đăng nhập của văn phòng mẫu (nếu đã nạp dữ liệu mẫu)."

    def handle(self, *args: Any, **options: Any) -> None:
        tables = connection.introspection.table_names()
        office = demo_office() if "organizations_organization" in tables else None
        people = demo_people(office) if office else []
        if not people:
            self.stdout.write("Chưa có dữ liệu mẫu. Nạp bằng: python manage.py load_demo")
            return
        rows = [(user.username, user.full_name, _positions(positions))
                for user, positions in people]
        widths = [max(len(r[i]) for r in [*rows, ("Tên đăng nhập", "Họ và tên", "")])
                  for i in range(2)]
        self.stdout.write(f"Tài khoản mẫu — {office}:")
        self.stdout.write(f"  {'Tên đăng nhập':<{widths[0]}}  {'Họ và tên':<{widths[1]}}  Chức vụ")
        for username, full_name, positions in rows:
            self.stdout.write(f"  {username:<{widths[0]}}  {full_name:<{widths[1]}}  {positions}")
        admin = next((u for u, _ in people if u.username == "admin"), people[0][0])
        if admin.check_password(DEMO_PASSWORD):
            self.stdout.write(f"Mật khẩu của mọi tài khoản mẫu: {DEMO_PASSWORD}")
        else:
            self.stdout.write("Mật khẩu mẫu đã được đổi; dùng mật khẩu hiện tại của từng người.")
