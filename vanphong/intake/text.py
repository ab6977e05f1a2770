"""The text layer of a document: its words with their place on the page, and the text
built from them, so a field read from the text can be highlighted on the page image.

Born-digital PDFs are read with PDFium (no OCR), DOCX with python-docx, Word 97–2003,
RTF and ODT as the PDF LibreOffice makes of them, spreadsheets cell by cell (`office`),
scans through `ocr` which returns the same `TextLayer`. Text in the legacy Vietnamese
encodings (TCVN3, VNI) is converted to Unicode before anything reads it. Text is rebuilt
from word positions, not from the order of drawing, so a header's two columns come out as
one line per row with the columns separated by a tab: the shape `extraction` reads.
"""

from __future__ import annotations

import bisect
import dataclasses
import statistics
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from vanphong import legacy_encoding
from vanphong.files import archives, content
from vanphong.intake import limits, office

#: Pages whose word boxes are kept (the header fields are on the first page or two).
BOXED_PAGES = 2
#: Fewer letters than this on the first page means there is no real text layer.
MIN_LETTERS = 40


@dataclasses.dataclass(frozen=True)
class Word:
    """A word on page `page` (0-based); the box in fractions of the page (x0, y0 from the
    top left); `start`/`end` its place in `TextLayer.text` (filled by `build_layer`)."""

    text: str
    page: int
    box: tuple[float, float, float, float]
    start: int = 0
    end: int = 0
    #: Words of one flow (a PDF text run in drawing order, an OCR text line): two
    #: neighbours on a line from different flows are in different columns.
    flow: int = 0


@dataclasses.dataclass(frozen=True)
class TextLayer:
    text: str
    words: tuple[Word, ...]
    pages: int
    source: str  # "pdf", "docx", "doc", "rtf", "odt", "xlsx"..., "ocr"; "" when none
    page_sizes: tuple[tuple[float, float], ...] = ()

    @property
    def letters(self) -> int:
        return sum(ch.isalpha() for ch in self.text)

    def first_pages_text(self, pages: int = BOXED_PAGES) -> str:
        """The text of the first pages (the whole text for sources without pages)."""
        if not self.words:
            return self.text
        cut = next((w.start for w in self.words if w.page >= pages), len(self.text))
        return self.text[:cut]

    def boxes_for(self, span: tuple[int, int]) -> list[tuple[int, tuple[float, ...]]]:
        """The (page, box) of the words covering the text span."""
        start, end = span
        return [(w.page, w.box) for w in self.words if w.start < end and w.end > start]

    def as_json(self) -> dict:
        return {
            "pages": [list(size) for size in self.page_sizes],
            "words": [
                [w.page, *(round(v, 4) for v in w.box), w.start, w.end]
                for w in self.words
                if w.page < BOXED_PAGES
            ],
        }


EMPTY = TextLayer(text="", words=(), pages=0, source="")


def boxes_from_json(layout: dict, span: Sequence[int]) -> list[dict]:
    """Highlight rectangles (percent of the page) for a stored layout and a span."""
    start, end = span
    found = []
    for page, x0, y0, x1, y1, w_start, w_end in layout.get("words", []):
        if w_start < end and w_end > start:
            found.append(
                {
                    "page": page,
                    "left": round(x0 * 100, 2),
                    "top": round(y0 * 100, 2),
                    "width": round((x1 - x0) * 100, 2),
                    "height": round((y1 - y0) * 100, 2),
                }
            )
    return found


# --- Building text from positioned words -----------------------------------------------


def build_layer(
    words: Iterable[Word],
    *,
    pages: int,
    source: str,
    page_sizes: Sequence[tuple[float, float]] = (),
) -> TextLayer:
    """Group words into lines by their vertical position, order each line left to right,
    and join: a space between words, a tab where a wide gap separates two columns, a new
    line between lines and a blank line between pages."""
    by_page: dict[int, list[Word]] = {}
    for word in words:
        if word.text:
            by_page.setdefault(word.page, []).append(word)
    parts: list[str] = []
    placed: list[Word] = []
    offset = 0
    for page in sorted(by_page):
        if parts:
            parts.append("\n\n")
            offset += 2
        lines = _lines(by_page[page])
        typical = _typical_height(by_page[page])
        for line_no, line in enumerate(lines):
            if line_no:
                # A gap of more than a line between two lines: a paragraph break.
                gap = _top(line) - _bottom(lines[line_no - 1])
                brk = "\n\n" if gap > typical * 1.3 else "\n"
                parts.append(brk)
                offset += len(brk)
            previous: Word | None = None
            for word in line:
                if previous is not None:
                    separator = _separator(previous, word)
                    parts.append(separator)
                    offset += len(separator)
                placed.append(dataclasses.replace(word, start=offset, end=offset + len(word.text)))
                parts.append(word.text)
                offset += len(word.text)
                previous = word
    return TextLayer(
        text="".join(parts),
        words=tuple(placed),
        pages=pages,
        source=source,
        page_sizes=tuple(page_sizes),
    )


def _height(word: Word) -> float:
    return word.box[3] - word.box[1]


def _typical_height(words: list[Word]) -> float:
    heights = [_height(w) for w in words if _height(w) > 0]
    return statistics.median(heights) if heights else 0.01


def _top(line: list[Word]) -> float:
    return min(w.box[1] for w in line)


def _bottom(line: list[Word]) -> float:
    return max(w.box[3] for w in line)


def _lines(words: list[Word]) -> list[list[Word]]:
    typical = _typical_height(words)
    ordered = sorted(words, key=lambda w: (w.box[1] + w.box[3]) / 2)
    lines: list[list[Word]] = []
    centre = -1.0
    for word in ordered:
        middle = (word.box[1] + word.box[3]) / 2
        if lines and abs(middle - centre) <= typical * 0.5:
            lines[-1].append(word)
            count = len(lines[-1])
            centre = centre + (middle - centre) / count
        else:
            lines.append([word])
            centre = middle
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def _separator(left: Word, right: Word) -> str:
    if left.flow != right.flow:
        return "\t"
    gap = right.box[0] - left.box[2]
    height = max(_height(left), _height(right), 1e-6)
    # Page fractions: x and y scale differently (A4 is ~0.7 as wide as high); a gap of
    # several text heights inside one flow is still a column (e.g. OCR of a table).
    return "\t" if gap > height * 4 else " "


# --- Born-digital PDF ------------------------------------------------------------------

_SPACES = {0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x2002, 0x2003, 0x2009, 0x200B, 0xFEFF}
_IGNORED = {0x00, 0x02, 0xFFFE, 0xFFFF}


def _pdf_page_words(textpage: pdfium.PdfTextPage, page_no: int, width: float, height: float):
    raw = textpage.raw
    count = textpage.count_chars()
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    words: list[Word] = []
    flow = page_no * 100_000
    last_right, last_middle = -1.0, -1.0

    def flush() -> None:
        if chars:
            text = unicodedata.normalize("NFC", "".join(chars))
            words.append(
                Word(
                    text=text,
                    page=page_no,
                    box=(box[0] / width, 1 - box[3] / height, box[2] / width, 1 - box[1] / height),
                    flow=flow,
                )
            )
            chars.clear()

    for index in range(count):
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        if code in _IGNORED:
            continue
        if code in _SPACES or chr(code).isspace():
            flush()
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        size = pdfium_c.FPDFText_GetFontSize(raw, index) or (top - bottom) or 1.0
        if chars and left - box[2] > size * 0.3:
            flush()  # drawn apart without a space character: two words
        if not chars:
            middle = (top + bottom) / 2
            if last_right >= 0:
                # Drawing moved up the page, or back left on the same line: another
                # column (a table cell) starts. Moving down is the next line of the same.
                jumped_up = middle - last_middle > size * 0.5
                back_on_line = abs(middle - last_middle) <= size * 0.5 and left < last_right
                if jumped_up or back_on_line:
                    flow += 1
            last_middle = middle
        last_right = right
        if not chars:
            box = [left, bottom, right, top]
        else:
            box = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
        chars.append(chr(code))
    flush()
    return words


def _idle() -> None:
    pass


def pdf_layer(
    path: Path, *, max_pages: int | None = None, beat: Callable[[], None] = _idle
) -> TextLayer:
    """Read a PDF's own text with positions (no OCR); `beat` is called at each page."""
    document = pdfium.PdfDocument(str(path))
    try:
        total = len(document)
        words: list[Word] = []
        sizes: list[tuple[float, float]] = []
        for page_no in range(min(total, max_pages or total)):
            beat()
            page = document[page_no]
            width, height = page.get_size()
            sizes.append((width, height))
            textpage = page.get_textpage()
            words += _pdf_page_words(textpage, page_no, width or 1, height or 1)
            textpage.close()
            page.close()
        return build_layer(words, pages=total, source="pdf", page_sizes=sizes)
    finally:
        document.close()


def pdf_page_count(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def pdf_page_sizes(path: Path, *, max_pages: int | None = None) -> list[tuple[float, float]]:
    """Each page's size in points (without loading or rendering the pages)."""
    document = pdfium.PdfDocument(str(path))
    try:
        count = len(document) if max_pages is None else min(len(document), max_pages)
        return [tuple(document.get_page_size(i)) for i in range(count)]  # type: ignore[misc]
    finally:
        document.close()


def render_pdf_page(
    path: Path,
    page_no: int,
    *,
    dpi: int,
    grey: bool = True,
    max_pixels: int | None = None,
    box: tuple[int, int] | None = None,
) -> Image.Image:
    """A page as a PIL image at the given resolution, or at a lower one so that the image
    holds at most `max_pixels` (the per-page bound by default); with `box`, as large as
    fits the width×height box instead. The image's `info["dpi"]` is the resolution used."""
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[page_no]
        width, height = page.get_size()
        if box is not None:
            render = limits.fit_box(width, height, box)
        else:
            render = limits.render_size(
                width, height, scale=dpi / 72, max_pixels=max_pixels or limits.page_pixels()
            )
        image = page.render(scale=render.scale, grayscale=grey).to_pil()
        page.close()
        image.info["dpi"] = (render.dpi, render.dpi)
        return image
    finally:
        document.close()


# --- DOCX ------------------------------------------------------------------------------


def docx_layer(path: Path) -> TextLayer:
    """Text of a Word file in reading order: paragraphs, and tables row by row with the
    cells of a row separated by tabs (the header table of ND30 documents). An archive
    that unpacks beyond `limits` raises limits.TooLarge before anything is loaded."""
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    archives.check_docx(path)  # python-docx loads every part into memory
    document = docx.Document(str(path))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            # Paragraphs are apart on the page: a blank line, as for a PDF's text.
            if lines and lines[-1]:
                lines.append("")
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [cell.text.split("\n") for cell in _unique_cells(row.cells)]
                depth = max((len(c) for c in cells), default=0)
                for i in range(depth):
                    lines.append("\t".join(c[i] if i < len(c) else "" for c in cells).rstrip())
    text = unicodedata.normalize("NFC", "\n".join(lines))
    return TextLayer(text=text, words=(), pages=0, source="docx")


def _unique_cells(cells: Iterable) -> list:
    seen: set[int] = set()
    unique = []
    for cell in cells:  # merged cells repeat the same object
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            unique.append(cell)
    return unique


def read_text(
    path: Path, *, kind: str, max_pages: int | None = None, beat: Callable[[], None] = _idle
) -> TextLayer:
    """The document's own text layer, without OCR (empty for images), legacy encodings
    converted. A file beyond the bounds of `limits` raises limits.TooLarge; an office
    file that cannot be read, office.OfficeUnreadable."""
    if kind == "pdf":
        layer = pdf_layer(path, max_pages=max_pages, beat=beat)
    elif kind == "docx":
        layer = _docx_unicode(path)
    elif kind in content.WORD_PROCESSOR:
        with tempfile.TemporaryDirectory(prefix="vanphong-office-") as folder:
            pdf = office.to_pdf(path, kind, Path(folder))
            layer = dataclasses.replace(pdf_layer(pdf, max_pages=max_pages, beat=beat),
                                        source=kind)
    elif kind in content.SPREADSHEET:
        text = unicodedata.normalize("NFC", office.sheet_text(path, kind))
        layer = TextLayer(text=text, words=(), pages=0, source=kind)
    else:
        return EMPTY
    return unicode_layer(layer)


def _docx_unicode(path: Path) -> TextLayer:
    """A .docx's text, its runs in legacy fonts converted by their font's encoding."""
    archives.check_docx(path)
    fixed = office.fix_legacy_fonts(path.read_bytes())
    if fixed is None:
        return docx_layer(path)
    with tempfile.TemporaryDirectory(prefix="vanphong-docx-") as folder:
        copy = Path(folder) / "unicode.docx"
        copy.write_bytes(fixed)
        return docx_layer(copy)


def unicode_layer(layer: TextLayer) -> TextLayer:
    """The layer with its lines in TCVN3 or VNI converted to Unicode (`legacy_encoding`);
    the words of a converted line keep their boxes, so highlights stay in place."""
    plan = legacy_encoding.plan(layer.text)
    if plan is None:
        return layer
    if not layer.words:
        return dataclasses.replace(layer, text=plan.apply(layer.text))
    starts = [0] + [i + 1 for i, ch in enumerate(layer.text) if ch == "\n"]
    words = []
    for word in layer.words:
        line = bisect.bisect_right(starts, word.start) - 1
        if line in plan.lines:
            word = dataclasses.replace(word, text=plan.decode(word.text, plan.lines[line]))
        words.append(word)
    return build_layer(words, pages=layer.pages, source=layer.source,
                       page_sizes=layer.page_sizes)


def needs_ocr(layer: TextLayer) -> bool:
    """No usable text on the first page: a scan (or a photo)."""
    first = layer.first_pages_text(1) if layer.words else layer.text
    return sum(ch.isalpha() for ch in first) < MIN_LETTERS
