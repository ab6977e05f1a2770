"""Running LibreOffice headless, for every app that converts a document with it: the
outgoing rendering (.docx → PDF) and intake's reading of Word 97–2003, RTF and
OpenDocument files (→ .docx, → PDF).

Each conversion has its own -env:UserInstallation profile beside its source (parallel
conversions do not clash), HOME in the same folder (LibreOffice writes there), our fonts,
and a time limit after which the whole process group is killed.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
from pathlib import Path

from django.conf import settings

from vanphong.printing.pdf import FONT_DIR

logger = logging.getLogger(__name__)


class TimedOut(Exception):
    """LibreOffice did not finish in time and was killed."""


def soffice_path() -> str | None:
    """The LibreOffice program: settings.VANPHONG_SOFFICE if set, else `soffice` on the
    PATH; None when it is not an executable file."""
    configured = getattr(settings, "VANPHONG_SOFFICE", "") or "soffice"
    return shutil.which(configured)


def convert(program: str, source: Path, export: str, *, timeout: float) -> Path | None:
    """Convert `source` with the `--convert-to` filter `export` into its own folder;
    the file made (same stem, the filter's extension), or None when LibreOffice made
    none. Raises TimedOut."""
    profile = source.parent / "profile"
    if not profile.exists():
        _add_fonts(profile)
    _run(_command(program, source, export), home=source.parent, timeout=timeout)
    extension = export.split(":", 1)[0]
    made = source.with_suffix(f".{extension}")
    return made if made.is_file() and made != source else None


def _add_fonts(profile: Path) -> None:
    """Give LibreOffice our Liberation Serif 2 (Times New Roman's metrics, every
    Vietnamese letter) through the profile's font folder: the distribution's
    fonts-liberation 1.x lacks letters such as "ơ", "ư", "Ộ", which LibreOffice would
    then borrow from a wider font, breaking the header lines."""
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "fonts").symlink_to(FONT_DIR, target_is_directory=True)


def _command(program: str, source: Path, export: str) -> list[str]:
    profile = (source.parent / "profile").as_uri()
    return [
        program, f"-env:UserInstallation={profile}", "--headless", "--invisible",
        "--norestore", "--nolockcheck", "--nodefault", "--nologo",
        "--convert-to", export, "--outdir", str(source.parent), str(source),
    ]


def _run(command: list[str], *, home: Path, timeout: float) -> None:
    """Run LibreOffice in its own process group: `soffice` is a launcher script whose
    child does the work, so on a timeout the whole group is killed, not just the
    launcher."""
    environment = {**os.environ, "HOME": str(home)}
    with subprocess.Popen(  # noqa: S603 — fixed program, arguments are our own paths
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            logger.warning("LibreOffice conversion killed after %s s", timeout)
            raise TimedOut() from error
    if process.returncode != 0:
        logger.warning("LibreOffice exited with %s: %s %s", process.returncode,
                       stdout.decode(errors="replace")[-500:],
                       stderr.decode(errors="replace")[-500:])
