"""Start-up checks: fail loudly when the installation cannot work, warn when it will
surprise someone later. `manage.py check --database default` adds the data checks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

FONTS = Path(__file__).parent / "printing" / "fonts"


@checks.register()
def check_folders(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    problems: list[checks.CheckMessage] = []
    folders = [("VANPHONG_DATA_DIR", settings.DATA_DIR)]
    storages: dict[str, Any] = settings.STORAGES
    if storages["default"]["BACKEND"].endswith("FileSystemStorage"):
        folders.append(("MEDIA_ROOT", Path(settings.MEDIA_ROOT)))
    for name, folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK):
            problems.append(
                checks.Error(f"Thư mục {folder} ({name}) không ghi được.", id="vanphong.E001")
            )
    return problems


@checks.register()
def check_fonts(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    missing = [
        name
        for name in ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf")
        if not (FONTS / name).exists()
    ]
    if missing:
        return [
            checks.Error(
                f"Thiếu phông chữ để in sổ: {', '.join(missing)} trong {FONTS}.", id="vanphong.E002"
            )
        ]
    return []


@checks.register()
def check_libreoffice(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Issued documents are turned into PDF by LibreOffice; without it issuing still
    numbers documents but their final copies fail until it is installed."""
    from vanphong.outgoing.rendering import soffice_path

    if soffice_path() is None:
        return [
            checks.Warning(
                "Không tìm thấy LibreOffice (soffice): văn bản đi phát hành sẽ không tạo được "
                "bản PDF. Cài gói libreoffice-writer-nogui hoặc đặt VANPHONG_SOFFICE.",
                id="vanphong.W004",
            )
        ]
    return []


@checks.register()
def check_ghostscript(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Archival packages carry PDF/A copies made by Ghostscript; without it they carry the
    originals only, with a note, until it is installed."""
    from vanphong.records.pdfa import ghostscript_path

    if ghostscript_path() is None:
        return [
            checks.Warning(
                "Không tìm thấy Ghostscript (gs): gói hồ sơ lưu trữ sẽ chỉ có bản gốc, chưa có "
                "bản PDF/A. Cài gói ghostscript hoặc đặt VANPHONG_GHOSTSCRIPT.",
                id="vanphong.W008",
            )
        ]
    return []


@checks.register()
def check_tesseract(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Scans are read by Tesseract with its Vietnamese data; without them intake still
    reads born-digital PDF and Word files, and scans wait with a clear error."""
    from vanphong.intake.ocr import tesseract_problem

    problem = tesseract_problem()
    if problem:
        return [checks.Warning(problem, id="vanphong.W005")]
    return []


@checks.register()
def check_time_zone(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.TIME_ZONE != "Asia/Ho_Chi_Minh":
        return [
            checks.Warning(
                "Múi giờ không phải Asia/Ho_Chi_Minh: ngày đến, hạn xử lý sẽ lệch.",
                id="vanphong.W001",
            )
        ]
    return []


@checks.register(checks.Tags.database)
def check_registers(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Each active organization needs an incoming register, and Party registers numbered
    per term need a term covering today."""
    from django.db import connection

    from vanphong import clock
    from vanphong.organizations.models import Organization
    from vanphong.registers.models import Register, RegisterKind, ResetPolicy
    from vanphong.registers.numbering import NumberingError, period_key

    if Organization._meta.db_table not in connection.introspection.table_names():
        return []  # `migrate` runs the checks before the tables exist.
    problems: list[checks.CheckMessage] = []
    for org in Organization.objects.active():
        if not org.registers.filter(kind=RegisterKind.INCOMING, is_active=True).exists():
            problems.append(
                checks.Warning(f"{org.name} chưa có sổ văn bản đến đang dùng.", id="vanphong.W002")
            )
    for register in (
        Register.objects.filter(is_active=True)
        .exclude(reset_policy=ResetPolicy.CALENDAR_YEAR)
        .select_related("organization")
    ):
        try:
            period_key(register, clock.today())
        except NumberingError as error:
            problems.append(checks.Warning(error.message, id="vanphong.W003"))
    return problems


@checks.register(checks.Tags.database)
def check_search_index(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The search index should hold every document (it is rebuilt by a command)."""
    from django.db import connection

    from vanphong.incoming.models import IncomingDocument
    from vanphong.outgoing.models import OutgoingDocument
    from vanphong.search.engine import engine
    from vanphong.search.models import Pending

    tables = set(connection.introspection.table_names())
    needed = {IncomingDocument._meta.db_table, Pending._meta.db_table}
    if not needed <= tables or OutgoingDocument._meta.db_table not in tables:
        return []  # `migrate` runs the checks before the tables exist.
    documents = IncomingDocument.objects.count() + OutgoingDocument.objects.count()
    indexed = engine().count()
    waiting = Pending.objects.count()
    if documents and indexed + waiting < documents:
        return [
            checks.Warning(
                f"Chỉ mục tìm kiếm có {indexed} trong {documents} văn bản: tìm kiếm sẽ thiếu "
                "kết quả. Chạy: python manage.py search_reindex",
                id="vanphong.W006",
            )
        ]
    return []


@checks.register()
def check_base_url(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """E-mailed notices carry a link to the application: with mail on and the default
    address, the links lead to the reader's own computer."""
    if settings.EMAIL_HOST and settings.BASE_URL == "http://127.0.0.1:8000":
        return [
            checks.Warning(
                "Đã cấu hình gửi thư nhưng chưa đặt VANPHONG_BASE_URL: đường dẫn trong thư "
                "thông báo sẽ trỏ về http://127.0.0.1:8000.",
                id="vanphong.W007",
            )
        ]
    return []
