"""PDF/A-2b copies of the files of a dossier, for archival packages ("PDF/A where possible,
originals kept"):

- a PDF goes through Ghostscript's pdfwrite with `-dPDFA=2` and an sRGB output intent (the
  method of Ghostscript's own `PDFA_def.ps`);
- a Word file (.docx) through LibreOffice's PDF/A-2 export;
- a scan as an image (JPEG, PNG, TIFF — every page) is first put into a PDF by Pillow, then
  through Ghostscript.

A file that already declares PDF/A is its own copy. A copy is made once per stored file and
kept (`PdfaCopy`), so the same dossier packaged twice gives the same bytes; a file that
cannot be converted (damaged) keeps a note saying why and is packaged as its original only.
A missing tool or a timeout is not remembered: the next export tries again.

What is checked of the result: it is a PDF that declares PDF/A-2 (XMP `pdfaid`) and carries
an output intent. It is not validated against the whole ISO 19005 (veraPDF is a Java tool
outside this product).
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pypdf
from django.conf import settings
from django.db import IntegrityError, transaction
from PIL import Image, UnidentifiedImageError

from vanphong import clock
from vanphong.files.actions import open_stored, store_file
from vanphong.files.models import StoredFile
from vanphong.organizations.models import User
from vanphong.outgoing.rendering import NO_PDF, UNREADABLE, RenderingError, docx_to_pdf
from vanphong.records.models import PdfaCopy

logger = logging.getLogger(__name__)

TIMEOUT = 300
IMAGE_DPI = 200
NO_GHOSTSCRIPT = "Máy chủ chưa cài Ghostscript nên chưa tạo được bản PDF/A."
DAMAGED = "Tệp hỏng hoặc không đọc được nên không tạo được bản PDF/A; gói giữ bản gốc."
UNSUPPORTED = "Loại tệp này không chuyển được sang PDF/A; gói giữ bản gốc."
ALREADY = "Bản gốc đã là PDF/A."

#: Ghostscript's method for PDF/A (its lib/PDFA_def.ps): the sRGB profile as the output
#: intent; the profile's path is filled in, and read permission is given for it alone.
PDFA_DEF = """%!
/ICCProfile ({icc}) def
[/_objdef {{icc_PDFA}} /type /stream /OBJ pdfmark
[{{icc_PDFA}} <</N 3>> /PUT pdfmark
[{{icc_PDFA}} ICCProfile (r) file /PUT pdfmark
[/_objdef {{OutputIntent_PDFA}} /type /dict /OBJ pdfmark
[{{OutputIntent_PDFA}} <<
  /Type /OutputIntent
  /S /GTS_PDFA1
  /DestOutputProfile {{icc_PDFA}}
  /OutputConditionIdentifier (sRGB)
>> /PUT pdfmark
[{{Catalog}} <</OutputIntents [ {{OutputIntent_PDFA}} ]>> /PUT pdfmark
[ /Title <{title}> /DOCINFO pdfmark
"""


class NotConverted(Exception):
    """No PDF/A copy; `lasting` when trying again would give the same answer."""

    def __init__(self, message: str, *, lasting: bool) -> None:
        super().__init__(message)
        self.message = message
        self.lasting = lasting


def ghostscript_path() -> str | None:
    configured = getattr(settings, "VANPHONG_GHOSTSCRIPT", None) or "gs"
    return shutil.which(configured)


def _srgb_profile(program: str) -> Path | None:
    """The sRGB profile Ghostscript ships (…/ghostscript/<version>/iccprofiles/srgb.icc)."""
    share = Path(program).resolve().parent.parent / "share" / "ghostscript"
    for folder in (share, Path("/usr/share/ghostscript")):
        found = sorted(folder.glob("*/iccprofiles/srgb.icc"))
        if found:
            return found[-1]
    return None


def conformance(data: bytes) -> str:
    """"2B" for a PDF that declares PDF/A-2b (and carries an output intent), else ""."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        intents = reader.root_object.get("/OutputIntents")
        metadata = reader.xmp_metadata
        if not intents or metadata is None:
            return ""
        text = metadata.rdf_root.toxml()
    except Exception:
        return ""
    part = _xmp_value(text, "part")
    level = _xmp_value(text, "conformance")
    return f"{part}{level}".upper() if part else ""


def _xmp_value(text: str, name: str) -> str:
    """pdfaid:part / pdfaid:conformance, written as an attribute or as an element."""
    for opening, closing in ((f'pdfaid:{name}="', '"'), (f"pdfaid:{name}>", "<")):
        start = text.find(opening)
        if start >= 0:
            start += len(opening)
            return text[start:text.find(closing, start)].strip()
    return ""


def _title_hex(title: str) -> str:
    return "FEFF" + title[:200].encode("utf-16-be").hex().upper()


def page_count(data: bytes) -> int:
    """Pages of a PDF; 0 when it cannot be read."""
    try:
        return len(pypdf.PdfReader(io.BytesIO(data)).pages)
    except Exception:
        return 0


def pdf_to_pdfa(data: bytes, *, title: str = "", timeout: float = TIMEOUT) -> bytes:
    """A PDF/A-2b copy with every page of the source; a source whose pages cannot be read,
    or a result that lost pages, is damaged (Ghostscript would make a blank page of it)."""
    pages = page_count(data)
    if not pages:
        raise NotConverted(DAMAGED, lasting=True)
    program = ghostscript_path()
    if program is None:
        raise NotConverted(NO_GHOSTSCRIPT, lasting=False)
    profile = _srgb_profile(program)
    if profile is None:
        raise NotConverted("Không tìm thấy hồ sơ màu sRGB của Ghostscript.", lasting=False)
    with tempfile.TemporaryDirectory(prefix="vanphong-pdfa-") as folder:
        work = Path(folder)
        (work / "in.pdf").write_bytes(data)
        (work / "pdfa.ps").write_text(PDFA_DEF.format(icc=profile, title=_title_hex(title)))
        command = [
            program, "-q", "-dPDFA=2", "-dBATCH", "-dNOPAUSE", "-dNOOUTERSAVE",
            "-dPDFACompatibilityPolicy=1", "-sColorConversionStrategy=RGB",
            "-sDEVICE=pdfwrite", f"--permit-file-read={profile.parent}/",
            f"-sOutputFile={work / 'out.pdf'}", str(work / "pdfa.ps"), str(work / "in.pdf"),
        ]
        returncode, output = _run(command, timeout=timeout)
        result = work / "out.pdf"
        made = result.read_bytes() if result.is_file() else b""
    if returncode != 0 or not conformance(made) or page_count(made) != pages:
        logger.info("Ghostscript gave no PDF/A (%s): %s", returncode, output[-500:])
        raise NotConverted(DAMAGED, lasting=True)
    return made


def _run(command: list[str], *, timeout: float) -> tuple[int, str]:
    with subprocess.Popen(  # noqa: S603 — fixed program, arguments are our own paths
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    ) as process:
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise NotConverted("Tạo bản PDF/A quá lâu nên đã dừng.", lasting=False) from None
    return process.returncode, output.decode(errors="replace")


def image_to_pdf(data: bytes) -> bytes:
    """Every page of a scan (a multi-page TIFF too) into one PDF, at its own resolution."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = []
            for index in range(getattr(image, "n_frames", 1)):
                image.seek(index)
                frames.append(image.convert("RGB"))
            dpi = image.info.get("dpi", (IMAGE_DPI, IMAGE_DPI))[0] or IMAGE_DPI
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise NotConverted(DAMAGED, lasting=True) from None
    buffer = io.BytesIO()
    frames[0].save(buffer, "PDF", save_all=True, append_images=frames[1:],
                   resolution=float(dpi))
    return buffer.getvalue()


def convert(data: bytes, kind: str, *, title: str = "") -> bytes:
    """The PDF/A-2b copy of a file of a stored kind ("pdf", "docx", "jpeg", "png", "tiff")."""
    if kind == "pdf":
        return pdf_to_pdfa(data, title=title)
    if kind == "docx":
        try:
            made = docx_to_pdf(data, pdfa=True)
        except RenderingError as error:
            lasting = error.message in (UNREADABLE, NO_PDF)
            raise NotConverted(DAMAGED if lasting else error.message, lasting=lasting) from None
        if not conformance(made):
            raise NotConverted(DAMAGED, lasting=True)
        return made
    if kind in ("jpeg", "png", "tiff"):
        return pdf_to_pdfa(image_to_pdf(data), title=title)
    raise NotConverted(UNSUPPORTED, lasting=True)


def pdfa_copy(stored: StoredFile, *, actor: User | None = None) -> PdfaCopy | None:
    """The kept PDF/A copy of a stored file, made now when there is none; None when it
    cannot be made at this moment (a missing tool, a timeout), to be tried again later."""
    known = PdfaCopy.objects.filter(source=stored).select_related("copy").first()
    if known is not None:
        return known
    with open_stored(stored) as handle:
        data = handle.read()
    level = conformance(data) if stored.kind == "pdf" else ""
    copy, note = (stored, ALREADY) if level else (None, "")
    if copy is None:
        try:
            made = convert(data, stored.kind, title=stored.original_name)
        except NotConverted as error:
            if not error.lasting:
                logger.warning("No PDF/A copy of %s for now: %s", stored.pk, error.message)
                return None
            note = error.message
        else:
            level = conformance(made)
            stem = Path(stored.original_name).stem or "tep"
            copy = store_file(actor=actor, stream=io.BytesIO(made), name=f"{stem}.pdf",
                              size=len(made))
    try:
        with transaction.atomic():
            return PdfaCopy.objects.create(source=stored, copy=copy, conformance=level,
                                           note=note, made_at=clock.now())
    except IntegrityError:  # made at the same moment by the worker
        return PdfaCopy.objects.select_related("copy").get(source=stored)
