"""A real document of bench/intake/real/ as a commune scanner returns it.

The page is laid out the way the document was printed (Decree 30 / Guide 36: issuer and
number on the left, motto and date on the right, title and subject centred, the body, the
signature block bottom right): the header values are the hand-read labels, the date line
and the code as the text prints them, the body lines are the document's own. The printed page
is then scanned: 200–300 dpi greyscale, a slight skew, sensor noise, a red round seal over the
signer (grey in the scan), a fold line across the page and JPEG compression — each fixed by
the document's id, so a rerun gives the same image. The product's OCR
(`vanphong.intake.ocr.ocr_images`, Tesseract vie) reads it back.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from vanphong.demo.sample_documents import _fonts

LEFT_X = 30 * mm + 36 * mm
RIGHT_X = 30 * mm + 73 * mm + 46 * mm
MARGIN = 30 * mm


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return re.sub(r"[\u0300-\u036f]", "", text).lower()


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _split_body(name: str) -> list[str]:
    """An issuer's name on its two printed lines: "ỦY BAN NHÂN DÂN" / "TỈNH BẮC GIANG"."""
    match = re.match(
        r"(.+?) ((?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THỊ TRẤN|THỊ XÃ|QUẬN|THÀNH PHỐ|TP\.) .+)$", name
    )
    if match and len(name) > 24:
        return [match.group(1), match.group(2)]
    return _wrap(name, 30)


def _printed_code(doc: dict[str, Any]) -> str:
    labels = doc["labels"]
    if not labels["code_number"]:
        return "Số:        /"
    party = doc["tags"]["family"] != "state" and "/" in (labels["code_notation"] or "")
    if party and not re.match(r"\d{4}/", labels["code_notation"] or ""):
        return f"Số {labels['code_number']}-{labels['code_notation']}"
    return f"Số: {labels['code_number']}/{labels['code_notation']}"


def _date_line(doc: dict[str, Any]) -> str:
    """The place-and-date line as the text prints it (joined if the text broke it)."""
    flat = " ".join(doc["text"].replace("|", " ").split())
    date = doc["labels"]["issued_date"]
    place = doc["labels"]["place"] or ""
    match = re.search(
        re.escape(place) + r" *, *ngày \S{1,4} tháng \S{1,4} năm \d{4}", flat, re.IGNORECASE
    )
    if place and match:
        return match.group().strip()
    if not date:
        return f"{place}, ngày    tháng    năm".strip(", ")
    year, month, day = (int(part) for part in date.split("-"))
    return f"{place}, ngày {day} tháng {month} năm {year}".strip(", ")


def _body_lines(doc: dict[str, Any]) -> list[str]:
    """The document's own lines after its subject (or after the date line), as printed."""
    lines = [" ".join(line.split()) for line in doc["text"].replace("|", "\n").splitlines()]
    lines = [line for line in lines if line]
    subject = doc["labels"]["subject"] or ""
    tail = _fold(subject)[-18:]
    dated = next((i for i, line in enumerate(lines) if re.search(r", ngày .{1,8} tháng", line)), 0)
    start = dated + 1
    for index in range(dated, min(dated + 12, len(lines))):
        if tail and tail in _fold(lines[index]):
            start = index + 1
            break
    body = []
    for line in lines[start:]:
        if _fold(line).startswith(("noi nhan", "tm.", "kt.", "t/m", "k/t")):
            break
        body.append(line)
    return body[:40]


def _capacity_line(labels: dict[str, Any]) -> str:
    """The authority line as printed: "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN
    DÂN" over "CHỦ TỊCH" (the label keeps only the prefix)."""
    competence, position = labels["competence"], labels["signer_position"] or ""
    if competence in ("KT.", "K/T") and position.startswith("PHÓ "):
        return f"{competence} {position[4:]}"
    if competence in ("TM.", "T/M"):
        return f"{competence} {_split_body(labels['organ_name'] or '')[0]}"
    return f"{competence} THỦ TRƯỞNG CƠ QUAN"


def render_pdf(doc: dict[str, Any]) -> bytes:
    labels, party = doc["labels"], doc["tags"]["family"] == "party"
    regular, bold, italic = _fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    width, height = A4
    y = height - 18 * mm
    left_y = y
    marks = [m for m in (labels["secrecy"], labels["priority"]) if m and m != "Thường"]
    for index, line in enumerate(
        [*_wrap(labels["parent_body"] or "", 30), *_split_body(labels["organ_name"] or "")]
    ):
        pdf.setFont(bold if index or party else regular, 12)
        pdf.drawCentredString(LEFT_X, left_y, line)
        left_y -= 5.5 * mm
    pdf.setFont(regular, 11)
    pdf.drawCentredString(LEFT_X, left_y + 1 * mm, "*" if party else "______")
    left_y -= 6 * mm
    pdf.setFont(regular, 13)
    pdf.drawCentredString(LEFT_X, left_y, _printed_code(doc))
    number_y = left_y
    vv = labels["type_name"] == "Công văn" and labels["subject"]
    if vv:
        pdf.setFont(regular, 12)
        for line in _wrap(labels["subject"], 42):
            left_y -= 5 * mm
            pdf.drawCentredString(LEFT_X, left_y, line)
    pdf.setFont(bold, 12)
    if party:
        pdf.drawCentredString(RIGHT_X, y, "ĐẢNG CỘNG SẢN VIỆT NAM")
    else:
        pdf.drawCentredString(RIGHT_X, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        pdf.setFont(bold, 13)
        pdf.drawCentredString(RIGHT_X, y - 5.5 * mm, "Độc lập - Tự do - Hạnh phúc")
    pdf.setFont(italic, 13)
    pdf.drawCentredString(RIGHT_X, number_y, _date_line(doc))
    y = min(left_y, number_y) - 9 * mm
    for mark in marks:
        pdf.setFont(bold, 13)
        pdf.drawString(MARGIN + 5 * mm, y, mark.upper())
        y -= 6 * mm
    if not vv and labels["type_name"]:
        y -= 3 * mm
        pdf.setFont(bold, 14)
        pdf.drawCentredString(width / 2 + 7 * mm, y, labels["type_name"].upper())
        y -= 6.5 * mm
        for line in _wrap(labels["subject"] or "", 62):
            pdf.drawCentredString(width / 2 + 7 * mm, y, line)
            y -= 6.5 * mm
        y -= 5 * mm
    pdf.setFont(regular, 13)
    room = 75 * mm
    for line in doc_lines(pdf, _body_lines(doc), regular, 13, width - MARGIN - 23 * mm):
        if y - room < 15 * mm:
            break
        pdf.drawString(MARGIN + 8 * mm, y, line)
        y -= 6.5 * mm
    y -= 8 * mm
    sig_y = y
    if labels["recipients"]:
        pdf.setFont(bold, 12)
        pdf.drawString(MARGIN, y, "Nơi nhận:")
        pdf.setFont(regular, 11)
        for item in [*labels["recipients"].split("; "), "Lưu: VT."]:
            y -= 5 * mm
            pdf.drawString(MARGIN, y, f"- {item};"[:60])
    pdf.setFont(bold, 12)
    if labels["competence"]:
        pdf.drawCentredString(RIGHT_X, sig_y, _capacity_line(labels))
        sig_y -= 5.5 * mm
    if labels["signer_position"]:
        pdf.drawCentredString(RIGHT_X, sig_y, labels["signer_position"])
    if labels["signer_name"]:
        pdf.setFont(bold, 13)
        pdf.drawCentredString(RIGHT_X, sig_y - 30 * mm, labels["signer_name"])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def doc_lines(pdf: canvas.Canvas, lines: list[str], font: str, size: float, room: float) -> list:
    out: list[str] = []
    for paragraph in lines:
        line = ""
        for word in paragraph.split():
            if line and pdf.stringWidth(f"{line} {word}", font, size) > room:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        out.append(line)
    return out


def render_scan(doc: dict[str, Any], pdf: bytes | None = None):
    """The printed page scanned: a PIL greyscale image, and its dpi."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(hashlib.sha256(doc["id"].encode()).hexdigest())
    dpi = rng.choice([200, 240, 300])
    document = pdfium.PdfDocument(pdf or render_pdf(doc))
    page = document[0].render(scale=dpi / 72).to_pil().convert("RGB")
    document.close()
    width, height = page.size
    # The red round seal over the left third of the signature, as offices stamp it.
    draw = ImageDraw.Draw(page, "RGBA")
    radius = int(dpi * 0.8)
    cx, cy = int(width * 0.62), int(height * (0.62 + rng.uniform(-0.05, 0.08)))
    red = (200, 30, 40, 150)
    for ring in (radius, radius - dpi // 25, int(radius * 0.55)):
        draw.ellipse((cx - ring, cy - ring, cx + ring, cy + ring), outline=red, width=dpi // 40)
    draw.regular_polygon((cx, cy, radius // 4), 5, fill=red)
    image = page.convert("L")
    # A fold line across the page, a little darker with a soft shadow beside it.
    fold = int(height * rng.uniform(0.42, 0.52))
    shade = Image.new("L", image.size, 255)
    ImageDraw.Draw(shade).rectangle((0, fold - 2, width, fold + 2), fill=170)
    shade = shade.filter(ImageFilter.GaussianBlur(dpi / 60))
    image = Image.fromarray(
        (np.asarray(image, np.float32) * np.asarray(shade, np.float32) / 255).astype(np.uint8)
    )
    image = image.rotate(rng.uniform(-1.5, 1.5), resample=Image.BICUBIC, fillcolor=250)
    pixels = np.asarray(image, dtype=np.float32) * rng.uniform(0.92, 1.0)  # grey paper
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(6, 14), pixels.shape)
    image = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=rng.randint(55, 80))
    return Image.open(io.BytesIO(buffer.getvalue())), dpi


def scan_text(doc: dict[str, Any], cache: Path | None = None) -> str:
    """The OCR text of the document's scan (kept in `cache` if given)."""
    from vanphong.intake.ocr import ocr_images

    key = hashlib.sha256((doc["text"] + repr(sorted(doc["labels"].items()))).encode()).hexdigest()[
        :16
    ]
    cached = cache / f"{doc['id']}-{key}.txt" if cache else None
    if cached and cached.exists():
        return cached.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="vp-real-scan-") as folder:
        image, dpi = render_scan(doc)
        path = Path(folder) / "page.jpg"
        image.save(path, dpi=(dpi, dpi), quality=95)
        text = ocr_images([path], Path(folder) / "ocr", pdf=False).layer.text
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(text, encoding="utf-8")
    return text
