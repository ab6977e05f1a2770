"""The ingestion pipeline: small steps, each with a typed result stored on the item.

preflight → duplicates → convert (Word 97–2003, RTF, ODT: a PDF by LibreOffice) → text →
ocr (when needed) → preview → extract → suggest → ready.

A worker claims an item with a conditional UPDATE and holds a short lease
(VANPHONG_INTAKE_LEASE_SECONDS) that it renews at every step and, through `Job.beat`,
while a long step works (between rendered pages, every second Tesseract runs). The
claim counts an attempt and sets a new `lease_token`: every write of the worker is
conditional on its token, so a worker that lost its lease writes nothing more.
Steps already done (recorded in `item.timings`) are skipped, so an item whose worker was
killed is resumed where it stopped once `resume_stalled` (every minute) finds its lease
expired. A step that fails marks the item failed with a Vietnamese reason; "Thử lại"
queues it again from the failed step. What a file may cost is bounded by `limits`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import shutil
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from PIL import Image, UnidentifiedImageError
from pypdfium2 import PdfiumError

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict
from vanphong.files import content
from vanphong.files.actions import open_stored, store_file
from vanphong.files.models import StoredFile
from vanphong.intake import limits, ocr, office, text
from vanphong.intake.extraction import Extraction, extract
from vanphong.intake.models import IntakeItem, ItemState
from vanphong.intake.vocabulary import office_vocabulary

logger = logging.getLogger(__name__)

#: An item queued this long with nobody on it may have lost its task (e.g. the task queue
#: was reset): it is queued again (a long backlog only costs a harmless duplicate task).
LOST_AFTER = dt.timedelta(minutes=30)
#: Claims after which an item that keeps killing its worker is failed instead.
MAX_ATTEMPTS = 5
#: Width in pixels of the first-page preview the clerk confirms against.
PREVIEW_WIDTH = 1000
#: Fields proposed to the clerk, in the order of the registration form.
FIELDS = [f.name for f in dataclasses.fields(Extraction)]


def lease() -> dt.timedelta:
    """How long a worker holds an item without renewing it (a setting, so that tests
    can kill a worker and watch another take over in seconds)."""
    return dt.timedelta(seconds=settings.VANPHONG_INTAKE_LEASE_SECONDS)


class LeaseLost(Exception):
    """Another worker took the item over (this one was too slow to renew its lease)."""


class StepFailed(Exception):
    """A step could not be done; `message` is shown to users as is (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- Typed step results ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Preflight:
    kind: str
    pages: int | None
    signed: bool


@dataclasses.dataclass(frozen=True)
class Duplicates:
    documents: list[dict[str, str]]


@dataclasses.dataclass(frozen=True)
class TextResult:
    layer: text.TextLayer
    needs_ocr: bool


@dataclasses.dataclass(frozen=True)
class Proposal:
    fields: dict[str, dict[str, Any]]


@dataclasses.dataclass
class Job:
    """One run over one item: the item, a private work folder, the local copy."""

    item: IntakeItem
    workdir: Path
    _original: Path | None = None
    _renewed: float = dataclasses.field(default_factory=time.monotonic)

    def beat(self) -> None:
        """Renew the lease if a third of it has passed: called often by long steps.
        Raises LeaseLost when another worker has taken the item over."""
        if time.monotonic() - self._renewed < lease().total_seconds() / 3:
            return
        _hold(self.item, lease_until=clock.now() + lease())
        self._renewed = time.monotonic()

    def pdf_copy_path(self) -> Path | None:
        """The PDF made of a word-processor file (step "convert"), copied here."""
        stored = self.item.searchable
        if self.item.original.kind not in content.WORD_PROCESSOR or stored is None:
            return None
        target = self.workdir / "copy.pdf"
        if not target.exists():
            with open_stored(stored) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
        return target

    def original_path(self) -> Path:
        if self._original is None:
            suffix = "." + (self.item.original.kind or "bin")
            target = self.workdir / f"original{suffix}"
            with open_stored(self.item.original) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
            self._original = target
        return self._original


# --- Steps ---------------------------------------------------------------------------------


def preflight(job: Job) -> Preflight:
    """Real content type and pages; a password-protected or broken file stops here."""
    stored = job.item.original
    path = job.original_path()
    pages: int | None = None
    signed = False
    if stored.kind == "pdf":
        data = path.read_bytes()
        signed = b"/ByteRange" in data and b"/Sig" in data
        try:
            pages = text.pdf_page_count(path)
        except PdfiumError as exc:
            if "password" in str(exc).lower():
                raise StepFailed("Tệp PDF có mật khẩu; không đọc được nội dung.") from None
            raise StepFailed("Tệp PDF bị hỏng hoặc không đọc được.") from None
    elif stored.kind in {"jpeg", "png", "tiff"}:
        pages = _image_page_count(path)
    job.item.page_count = pages
    job.item.layout = {**job.item.layout, "kind": stored.kind, "signed": signed}
    return Preflight(kind=stored.kind, pages=pages, signed=signed)


def _image_page_count(path: Path) -> int:
    try:
        with Image.open(path) as image:
            return ocr.count_frames(image, settings.VANPHONG_OCR_MAX_PAGES)
    except Image.DecompressionBombError:
        raise StepFailed(
            "Ảnh có số điểm ảnh quá lớn so với kích thước tệp (có thể là “bom giải nén”); "
            "không đọc tự động được."
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise StepFailed("Ảnh bị hỏng hoặc không đọc được.") from None


def find_duplicate_files(job: Job) -> Duplicates:
    """The same bytes already registered in this office (content hash)."""
    from vanphong.incoming.models import IncomingDocument

    documents = (
        IncomingDocument.objects.filter(
            office_id=job.item.office_id,
            receipt__attachments__stored_file__sha256=job.item.original.sha256,
        )
        .select_related("organization")
        .order_by("arrival_at")[:10]
    )
    found = [_duplicate_entry(d, "cùng tệp") for d in documents]
    job.item.duplicates = found
    return Duplicates(documents=found)


def _duplicate_entry(document: Any, why: str) -> dict[str, str]:
    return {
        "id": str(document.pk),
        "label": f"{document.organization.short_name} số đến {document.arrival_number}"
        f" — {document.code or document.subject[:60]}",
        "why": why,
    }


def convert(job: Job) -> StoredFile | None:
    """A word-processor file (.doc, .rtf, .odt) as a PDF, its legacy-font text in
    Unicode: stored beside the untouched original (the copy registered with it), read
    for the text and shown as the preview."""
    kind = job.item.original.kind
    if kind not in content.WORD_PROCESSOR:
        return None
    try:
        pdf = office.to_pdf(job.original_path(), kind, job.workdir)
    except office.OfficeUnreadable as refused:
        raise StepFailed(refused.message) from None
    name = Path(job.item.filename).stem + " (bản PDF).pdf"
    with open(pdf, "rb") as stream:
        job.item.searchable = store_file(actor=None, stream=stream, name=name)
    job.item.page_count = text.pdf_page_count(pdf)
    return job.item.searchable


def _needs_ocr(kind: str, layer: text.TextLayer) -> bool:
    """Only a PDF or an image can be a scan."""
    return (kind == "pdf" or kind in content.IMAGE) and text.needs_ocr(layer)


def read_text(job: Job) -> TextResult:
    kind = job.item.original.kind
    copy = job.pdf_copy_path()
    if copy is not None:
        layer = dataclasses.replace(_own_text(copy, "pdf", beat=job.beat), source=kind)
    else:
        layer = _own_text(job.original_path(), kind, beat=job.beat)
    _keep_layer(job.item, layer)
    return TextResult(layer=layer, needs_ocr=_needs_ocr(kind, layer))


def _own_text(
    path: Path, kind: str, *, max_pages: int | None = None, beat: Callable[[], None] = ocr.idle
) -> text.TextLayer:
    """The file's own text layer (no OCR); a broken or oversized file is a StepFailed.
    lxml's XMLSyntaxError and zipfile's errors are not ValueErrors, hence the list."""
    from lxml.etree import LxmlError

    try:
        return text.read_text(path, kind=kind, max_pages=max_pages, beat=beat)
    except (limits.TooLarge, office.OfficeUnreadable) as refused:
        raise StepFailed(refused.message) from None
    except PdfiumError:
        raise StepFailed("Không đọc được nội dung tệp PDF.") from None
    except (ValueError, KeyError, OSError, LxmlError, zipfile.BadZipFile) as exc:
        logger.info("text of %s: %r", path.name, exc)
        what = "tệp Word" if kind == "docx" else "tệp"
        raise StepFailed(f"Không đọc được nội dung {what}.") from None


def _scan(
    path: Path,
    kind: str,
    workdir: Path,
    *,
    pdf: bool,
    max_pages: int | None = None,
    beat: Callable[[], None] = ocr.idle,
) -> ocr.OcrResult:
    """OCR of a scan (PDF or image) within the bounds; failures are StepFailed."""
    problem = ocr.tesseract_problem()
    if problem:
        raise StepFailed(problem)
    read = ocr.ocr_pdf if kind == "pdf" else ocr.ocr_image_file
    try:
        return read(path, workdir / "ocr", pdf=pdf, max_pages=max_pages, beat=beat)
    except (ocr.OcrError, limits.TooLarge) as exc:
        raise StepFailed(str(exc)) from None
    except Image.DecompressionBombError:
        raise StepFailed("Ảnh có số điểm ảnh quá lớn; không đọc tự động được.") from None
    except (PdfiumError, OSError, UnidentifiedImageError, SyntaxError):
        raise StepFailed("Không đọc được nội dung tệp.") from None


def run_ocr(job: Job) -> text.TextLayer | None:
    """OCR a scan; the searchable PDF is stored beside the untouched original."""
    kind = job.item.original.kind
    if not _needs_ocr(kind, _stored_layer(job.item)):
        return None
    result = _scan(job.original_path(), kind, job.workdir, pdf=True, beat=job.beat)
    _keep_layer(job.item, result.layer)
    if result.pdf is not None:
        name = Path(job.item.filename).stem + " (bản có lớp chữ).pdf"
        with open(result.pdf, "rb") as stream:
            job.item.searchable = store_file(actor=None, stream=stream, name=name)
    return result.layer


#: The preview fits this box (a page twice as high as wide still shows whole).
PREVIEW_BOX = (PREVIEW_WIDTH, PREVIEW_WIDTH * 2)


def make_preview(job: Job) -> StoredFile | None:
    """The first page as a JPEG about PREVIEW_WIDTH wide, for the clerk to check the
    proposal against. Decoded at reduced size where the format allows (JPEG draft mode,
    PDFium rendering at the target scale): it must cost little next to the OCR. An image
    beyond the page bound gets no preview (it is not decoded)."""
    kind = job.item.original.kind
    path = job.pdf_copy_path() or job.original_path()
    if kind in content.WORD_PROCESSOR:
        kind = "pdf"
    try:
        if kind == "pdf":
            image = text.render_pdf_page(path, 0, dpi=72, grey=False, box=PREVIEW_BOX)
        elif kind in {"jpeg", "png", "tiff"}:
            image = _image_preview(path)
        else:
            return None
    except (
        PdfiumError,
        OSError,
        UnidentifiedImageError,
        limits.TooLarge,
        Image.DecompressionBombError,
    ) as exc:
        logger.info("preview of %s: %s", job.item.pk, exc)
        return None
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=80)
    buffer.seek(0)
    preview = store_file(actor=None, stream=buffer, name=f"{job.item.pk}-trang-1.jpg")
    job.item.preview = preview
    return preview


def _image_preview(path: Path) -> Image.Image:
    with Image.open(path) as source:
        source.seek(0)
        if source.width * source.height > limits.page_pixels() and source.format != "JPEG":
            raise limits.image_too_large(source.width, source.height)
        fit = min(PREVIEW_BOX[0] / source.width, PREVIEW_BOX[1] / source.height, 1.0)
        source.draft("RGB", (max(1, int(source.width * fit)), max(1, int(source.height * fit))))
        if source.width * source.height > limits.page_pixels():
            raise limits.image_too_large(source.width, source.height)
        image = source.convert("RGB")
    image.thumbnail(PREVIEW_BOX)
    return image


def propose(job: Job) -> Proposal:
    """Header fields from the first pages' text, each with its confidence and span; and
    documents already registered with the same issuer, number and date."""
    first = job.item.layout.get("first_text_end")
    source = job.item.text[:first] if first else job.item.text
    extraction = extract(source, office_vocabulary(job.item.office_id))
    fields = {
        name: {
            "value": getattr(extraction, name).value,
            "confidence": round(getattr(extraction, name).confidence, 2),
            "span": getattr(extraction, name).span,
        }
        for name in FIELDS
    }
    job.item.proposal = fields
    job.item.extracted_at = clock.now()
    _add_header_duplicates(job.item)
    return Proposal(fields=fields)


def _add_header_duplicates(item: IntakeItem) -> None:
    from vanphong.incoming.actions import IncomingFields, find_duplicates
    from vanphong.intake.proposal import proposed_code, proposed_date

    values = item.proposal
    code, issued = proposed_code(values), proposed_date(values)
    issuer = values.get("organ_name", {}).get("value") or ""
    if not (code and issued and issuer):
        return
    fields = IncomingFields(issuer=issuer, code=code, issued_date=issued, subject="-")
    known = {d["id"] for d in item.duplicates}
    for document in find_duplicates(office=item.office, fields=fields)[:10]:
        if str(document.pk) not in known:
            item.duplicates = [*item.duplicates, _duplicate_entry(document, "cùng số, ngày")]


def suggest(job: Job) -> dict[str, Any]:
    from vanphong.intake import routing
    from vanphong.intake.proposal import routing_fields

    suggestion = routing.suggest(
        job.item.office, routing_fields(job.item.proposal), job.item.text[:5000]
    )
    job.item.suggestion = suggestion
    return suggestion


STEPS: list[tuple[str, Callable[[Job], Any]]] = [
    ("preflight", preflight),
    ("duplicates", find_duplicate_files),
    ("convert", convert),
    ("text", read_text),
    ("ocr", run_ocr),
    ("preview", make_preview),
    ("extract", propose),
    ("suggest", suggest),
]
STEP_LABELS = {
    "preflight": "Kiểm tra tệp",
    "duplicates": "Kiểm tra trùng",
    "convert": "Chuyển sang PDF",
    "text": "Lấy chữ",
    "ocr": "Nhận dạng chữ (OCR)",
    "preview": "Ảnh trang đầu",
    "extract": "Đọc thông tin",
    "suggest": "Gợi ý xử lý",
}


def _keep_layer(item: IntakeItem, layer: text.TextLayer) -> None:
    item.text = layer.text
    item.text_source = layer.source
    boxed = layer.as_json()
    first = len(layer.first_pages_text())
    item.layout = {**item.layout, **boxed, "first_text_end": first}


def _stored_layer(item: IntakeItem) -> text.TextLayer:
    return text.TextLayer(text=item.text, words=(), pages=item.page_count or 0, source="")


# --- Reading without queueing (the extraction API) ------------------------------------------


#: Pages OCR'd when only the header fields are wanted.
HEADER_PAGES = 2


def read_header(path: Path, kind: str, workdir: Path) -> text.TextLayer:
    """The text of a file's first pages, OCR'd if it is a scan: for proposing the header
    fields without storing anything. Bounded as the pipeline is (`limits`). Raises
    StepFailed with a Vietnamese reason."""
    layer = _own_text(path, kind, max_pages=HEADER_PAGES)
    if not _needs_ocr(kind, layer):
        return layer
    return _scan(path, kind, workdir, pdf=False, max_pages=HEADER_PAGES).layer


# --- Running -------------------------------------------------------------------------------


def claim(item_id: str) -> IntakeItem | None:
    """Take the item for this worker: queued, or working under an expired lease. The
    item returned carries this claim's token."""
    now = clock.now()
    token = uuid.uuid4()
    taken = (
        IntakeItem.objects.filter(pk=item_id)
        .filter(Q(state=ItemState.QUEUED) | Q(state=ItemState.WORKING, lease_until__lt=now))
        .update(
            state=ItemState.WORKING,
            lease_until=now + lease(),
            attempts=F("attempts") + 1,
            started_at=now,
            error="",
            lease_token=token,
        )
    )
    if not taken:
        return None
    return (
        IntakeItem.objects.select_related("original", "office")
        .filter(pk=item_id, lease_token=token)
        .first()
    )


def process_item(item_id: str) -> str:
    """Run the remaining steps of one item. Returns the state it ends in."""
    item = claim(item_id)
    if item is None:
        return _current_state(item_id)
    if item.attempts > MAX_ATTEMPTS:
        _fail(item, "Xử lý bị gián đoạn quá nhiều lần; hãy thử lại hoặc nhập bằng tay.")
        return ItemState.FAILED
    try:
        with tempfile.TemporaryDirectory(prefix="vanphong-intake-") as folder:
            failed = _run_steps(Job(item=item, workdir=Path(folder)))
        if failed:
            _fail(item, failed)
            return ItemState.FAILED
        _hold(item, state=ItemState.READY, finished_at=clock.now(), lease_until=None, step="")
    except LeaseLost:
        logger.warning("intake item %s was taken over by another worker", item.pk)
        return _current_state(item_id)
    return ItemState.READY


def _current_state(item_id: str) -> str:
    current = IntakeItem.objects.filter(pk=item_id).values_list("state", flat=True).first()
    return current or "missing"


def _run_steps(job: Job) -> str:
    """The steps not done yet, each saved as it ends; the reason of a failure, or ""."""
    item = job.item
    for name, step in STEPS:
        if name in item.timings:
            continue
        _save(item, step=name)
        started = time.perf_counter()
        try:
            step(job)
        except StepFailed as failure:
            return failure.message
        except LeaseLost:
            raise
        except Exception:
            logger.exception("intake step %s failed for %s", name, item.pk)
            return f"Lỗi không mong đợi ở bước “{STEP_LABELS[name]}”; hãy thử lại."
        item.timings = {**item.timings, name: round(time.perf_counter() - started, 4)}
        _save(item, step=name, results=True)
    return ""


_RESULT_FIELDS = [
    "page_count",
    "text",
    "text_source",
    "layout",
    "searchable",
    "preview",
    "proposal",
    "duplicates",
    "suggestion",
    "extracted_at",
    "timings",
]


def _hold(item: IntakeItem, **values: Any) -> None:
    """Write to the item only while this worker's claim holds it (still working, same
    token); otherwise another worker has it, and LeaseLost stops this one."""
    held = IntakeItem.objects.filter(
        pk=item.pk, state=ItemState.WORKING, lease_token=item.lease_token
    ).update(**values)
    if not held:
        raise LeaseLost(str(item.pk))
    for name, value in values.items():
        if not name.endswith("_id"):
            setattr(item, name, value)


def _save(item: IntakeItem, *, step: str, results: bool = False) -> None:
    """Store a step's results and renew the lease."""
    values: dict[str, Any] = {"step": step, "lease_until": clock.now() + lease()}
    for name in _RESULT_FIELDS if results else []:
        value = getattr(item, name)
        if name in ("searchable", "preview"):
            values[f"{name}_id"] = value.pk if value is not None else None
        else:
            values[name] = value
    _hold(item, **values)


def _fail(item: IntakeItem, message: str) -> None:
    """Mark the item failed, if this worker still holds it."""
    _hold(item, state=ItemState.FAILED, error=message, lease_until=None, finished_at=clock.now())


def retry(*, actor: Any, item: IntakeItem) -> IntakeItem:
    """Queue a failed item again; it restarts at the step that failed."""
    from vanphong.intake.receiving import _start

    with transaction.atomic():
        changed = IntakeItem.objects.filter(pk=item.pk, state=ItemState.FAILED).update(
            state=ItemState.QUEUED, error="", attempts=0, queued_at=clock.now()
        )
        if not changed:
            raise Conflict("Chỉ thử lại được văn bản đang báo lỗi.")
        record_audit(actor=actor, action="intake.retry", target=item, summary=item.filename)
        transaction.on_commit(lambda: _start(str(item.pk)))
    item.refresh_from_db()
    return item


def resume_stalled() -> int:
    """Queue again what a dead worker left: working with an expired lease, or queued
    for long (its task lost). Claiming makes a double start harmless."""
    from vanphong.intake.receiving import _start

    now = clock.now()
    stalled = list(
        IntakeItem.objects.filter(
            Q(state=ItemState.WORKING, lease_until__lt=now)
            | Q(state=ItemState.QUEUED, queued_at__lt=now - LOST_AFTER)
        ).values_list("pk", flat=True)[:500]
    )
    IntakeItem.objects.filter(pk__in=stalled, state=ItemState.QUEUED).update(queued_at=now)
    for pk in stalled:
        _start(str(pk))
    return len(stalled)
