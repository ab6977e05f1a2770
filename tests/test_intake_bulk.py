"""Bulk intake from disk: the command with its progress bars, and the watched folder that
moves received files aside and refused ones to loi/ with the reason."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.management import CommandError, call_command

from vanphong.demo.sample_documents import DOCS, document_docx, document_pdf
from vanphong.intake.folder import scan_watched_folder
from vanphong.intake.models import IntakeItem, ItemState, Source
from vanphong.intake.tasks import scan_watched_folder_task


def settle(path) -> None:
    old = time.time() - 60
    os.utime(path, (old, old))


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "hop-thu-quet"
    folder.mkdir()
    (folder / "qd.pdf").write_bytes(document_pdf(DOCS[0]))
    (folder / "cv.docx").write_bytes(document_docx(DOCS[1]))
    (folder / "ghi-chu.txt").write_text("không phải văn bản", encoding="utf-8")
    for path in folder.iterdir():
        settle(path)
    return folder


def test_intake_files_command_receives_a_folder_with_progress(cast, inbox, transactional_db):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 tệp bị từ chối"):
        call_command("intake_files", str(inbox), "--wait", "--timeout", "60", stdout=out,
                     stderr=err)
    assert "Đã nhận 2 tệp, từ chối 1 tệp." in out.getvalue()
    assert "Đọc xong 2 tệp, lỗi 0 tệp." in out.getvalue()
    progress = err.getvalue()
    assert "Tiếp nhận" in progress and "3/3" in progress
    assert "Đọc nội dung" in progress and "2/2" in progress
    assert "ghi-chu.txt" in progress
    assert IntakeItem.objects.filter(state=ItemState.READY).count() == 2
    # Files given on the command line are left where they are.
    assert (inbox / "qd.pdf").exists()


def test_intake_files_needs_files(cast, tmp_path):
    with pytest.raises(CommandError, match="Không có tệp"):
        call_command("intake_files", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())


def test_watched_folder_moves_files_aside(cast, inbox, settings, transactional_db):
    settings.VANPHONG_INTAKE_FOLDER = str(inbox)
    fresh = inbox / "dang-quet.pdf"
    fresh.write_bytes(document_pdf(DOCS[2]))  # still being written: waits for next scan
    assert scan_watched_folder_task.call() == 2
    assert {i.source for i in IntakeItem.objects.all()} == {Source.FOLDER}
    done = list((inbox / "da-nhan").rglob("*"))
    assert sorted(p.name for p in done if p.is_file()) == ["cv.docx", "qd.pdf"]
    assert (inbox / "loi" / "ghi-chu.txt").exists()
    assert "không phải" in (inbox / "loi" / "ghi-chu.txt.loi.txt").read_text(encoding="utf-8")
    assert fresh.exists()
    settle(fresh)
    assert scan_watched_folder() == 1
    assert not fresh.exists()
    # The same file dropped again while its first copy waits is not queued twice.
    first_copy = next(p for p in (inbox / "da-nhan").rglob("qd.pdf"))
    (inbox / "qd-lan-2.pdf").write_bytes(first_copy.read_bytes())
    settle(inbox / "qd-lan-2.pdf")
    scan_watched_folder()
    assert IntakeItem.objects.count() == 3


def test_intake_folder_command_once(cast, inbox, transactional_db):
    out, err = io.StringIO(), io.StringIO()
    call_command("intake_folder", "--folder", str(inbox), stdout=out, stderr=err)
    assert "Đã nhận 2 tệp, từ chối 1 tệp." in out.getvalue()
    assert "Từ chối ghi-chu.txt" in err.getvalue()


def test_no_watched_folder_configured_does_nothing(cast, settings):
    settings.VANPHONG_INTAKE_FOLDER = None
    assert scan_watched_folder() == 0
    with pytest.raises(CommandError, match="Chưa có thư mục"):
        call_command("intake_folder", stdout=io.StringIO(), stderr=io.StringIO())


def test_a_docx_zip_bomb_dropped_in_the_watched_folder_fails_with_its_reason(
    cast, tmp_path, settings, transactional_db
):
    from tests.test_intake_pipeline import WORD_BOMB, docx_bomb

    folder = tmp_path / "thu-muc"
    folder.mkdir()
    (folder / "bom.docx").write_bytes(docx_bomb())
    settle(folder / "bom.docx")
    settings.VANPHONG_INTAKE_FOLDER = str(folder)
    assert scan_watched_folder() == 1
    item = IntakeItem.objects.get()
    assert item.source == Source.FOLDER
    assert item.state == ItemState.FAILED and item.error.startswith(WORD_BOMB)
