"""`python manage.py load_demo [--if-empty] [--documents N] [--seed S]`: create the demo
office (xã Tân Hòa) and a year of incoming documents, for trying the product."""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from vanphong.audit.context import command_origin
from vanphong.demo.history import DEFAULT_DOCUMENTS, DEFAULT_SEED, HistorySummary, generate_history
from vanphong.demo.intake_queue import seed_intake_queue
from vanphong.demo.orgchart import build_office
from vanphong.demo.outgoing_history import generate_outgoing
from vanphong.demo.records_demo import generate_records
from vanphong.demo.schedule_demo import generate_schedule
from vanphong.demo.tasks_history import generate_tasks
from vanphong.errors import DomainError
from vanphong.intake.routing import train as train_routing
from vanphong.organizations.models import Office, User

MAX_DOCUMENTS = 50_000


class Command(BaseCommand):
    help = ("Nạp dữ liệu mẫu: văn phòng dùng chung xã Tân Hòa, 8 cơ quan, tổ chức, người dùng "
            "mẫu và khoảng một năm văn bản đến ở mọi trạng thái. Chỉ dùng cho cơ sở dữ liệu trống.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true",
                            help="Không làm gì nếu cơ sở dữ liệu đã có văn phòng hoặc người dùng.")
        parser.add_argument("--documents", type=int, default=DEFAULT_DOCUMENTS,
                            help=f"Số văn bản đến cần tạo (mặc định {DEFAULT_DOCUMENTS}).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help="Hạt giống ngẫu nhiên; cùng hạt giống cho cùng dữ liệu.")

    def handle(self, *args: Any, if_empty: bool, documents: int, seed: int,
               **options: Any) -> None:
        self._check_database()
        if Office.objects.exists() or User.objects.exists():
            if if_empty:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu.")
                return
            raise CommandError("Cơ sở dữ liệu đã có văn phòng hoặc người dùng. Dữ liệu mẫu chỉ nạp "
                               "vào cơ sở dữ liệu trống (người dùng mẫu có mật khẩu công khai).")
        if not 1 <= documents <= MAX_DOCUMENTS:
            raise CommandError(f"--documents phải từ 1 đến {MAX_DOCUMENTS}.")
        started = time.monotonic()
        self.stdout.write(f"Đang nạp dữ liệu mẫu ({documents} văn bản đến)...")
        try:
            # All or nothing: a failed load leaves an empty database to retry on.
            with command_origin("load_demo"), transaction.atomic():
                demo = build_office()
                summary = generate_history(demo, documents=documents, seed=seed)
                outgoing = generate_outgoing(demo, count=max(5, documents // 40), seed=seed)
                tasks = generate_tasks(demo, seed=seed)
                schedule = generate_schedule(demo, seed=seed)
                records = generate_records(demo)
                queued = seed_intake_queue(demo)
                routing_model = train_routing(demo.office)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self._report(demo.office.name, len(demo.users), len(demo.orgs), summary,
                     time.monotonic() - started)
        self.stdout.write(f"  {outgoing.issued} văn bản đi đã phát hành, {outgoing.open} văn bản "
                          "đi đang soạn, trình, ký (bản PDF phát hành được tạo dần ở tiến trình "
                          "nền).")
        self.stdout.write(f"  {tasks.created} nhiệm vụ ({tasks.done} đã hoàn thành, "
                          f"{tasks.overdue} quá hạn, {tasks.pending_extensions} đang xin gia hạn).")
        self.stdout.write(f"  {schedule.programmes} chương trình công tác ({schedule.items} nội "
                          f"dung); {schedule.events} sự kiện lịch tuần ({schedule.clashes} chỗ "
                          f"trùng lịch), {schedule.meetings} hội nghị liên tịch; "
                          f"{schedule.notices} lời nhắc việc.")
        self.stdout.write(f"  Danh mục hồ sơ UBND: {records.dossiers} hồ sơ, {records.filed} văn "
                          f"bản đã lập hồ sơ, {records.closed} hồ sơ đã kết thúc; "
                          f"{records.handed_over} hồ sơ đã nộp lưu, "
                          f"{records.awaiting} hồ sơ chờ nộp lưu, {records.lent} bản gốc đang "
                          "cho mượn.")
        self.stdout.write(f"  {queued} tệp trong hàng chờ tiếp nhận (tiến trình nền đọc nội dung).")
        if routing_model is not None:
            self.stdout.write(f"  Gợi ý xử lý đã học từ {routing_model.decisions} văn bản.")
        call_command("search_reindex", quiet=True, stdout=self.stdout)

    def _check_database(self) -> None:
        if "organizations_office" not in connection.introspection.table_names():
            raise CommandError("Cơ sở dữ liệu chưa được khởi tạo; hãy chạy: "
                               "python manage.py migrate")

    def _report(self, office: str, people: int, organizations: int, summary: HistorySummary,
                seconds: float) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu: {office}."))
        write(f"  {organizations} cơ quan, tổ chức; {people} người dùng mẫu.")
        write(f"  {summary.documents} văn bản đến từ {summary.start:%d/%m/%Y} đến "
              f"{summary.until:%d/%m/%Y}: {summary.receipts} lần tiếp nhận, "
              f"{summary.joint} văn bản gửi đồng thời hai cơ quan, {summary.secret} văn bản mật, "
              f"{summary.files} tệp PDF.")
        states = ", ".join(f"{label} {count}" for label, count in summary.by_status.items())
        write(f"  Theo trạng thái: {states}; quá hạn xử lý: {summary.overdue}.")
        orgs = ", ".join(f"{short} {count}" for short, count in
                         sorted(summary.by_organization.items(), key=lambda kv: -kv[1]))
        write(f"  Theo cơ quan: {orgs}.")
        if summary.overrides:
            write(f"  Ngày hoán đổi mẫu: {', '.join(summary.overrides)}.")
        write(f"  Thời gian: {seconds:.0f} giây. Xem tài khoản đăng nhập: "
              "python manage.py demo_logins")
