"""Render a labelled sample of bench/intake/set/ to a born-digital one-page PDF in
the ND30 / HD36 layout (ReportLab, Liberation Serif 2), and to a 300 dpi greyscale scan of
it (PDFium), with mild deterministic degradations for the samples tagged messy."""

from __future__ import annotations

import io
import random
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from vanphong.demo.sample_documents import _fonts

LEFT_X = 30 * mm + 36 * mm
RIGHT_X = 30 * mm + 73 * mm + 46 * mm
MARGIN = 30 * mm


def render_pdf(sample: dict[str, Any]) -> bytes:
    page = sample["page"]
    regular, bold, italic = _fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    width, height = A4
    y = height - 18 * mm
    if page["stamp"]:
        pdf.setFont(bold, 12)
        pdf.drawRightString(width - 15 * mm, height - 10 * mm, page["stamp"])
    # Left column: parent body, issuing body, (star or line), number, V/v.
    left_y = y
    for index, line in enumerate(page["left"]):
        is_issuer = index >= len(page["left"]) - (2 if len(page["left"]) > 2 else 1)
        pdf.setFont(bold if is_issuer or page["party"] else regular, 12.5 if page["party"] else 12)
        pdf.drawCentredString(LEFT_X, left_y, line)
        left_y -= 5.5 * mm
    pdf.setFont(regular, 11)
    pdf.drawCentredString(LEFT_X, left_y + 1 * mm, "*" if page["party"] else "______")
    left_y -= 6 * mm
    pdf.setFont(regular, 13)
    number_lines = page["number_line"].split("\n")  # "Số:" may stand on its own line
    for index, line in enumerate(number_lines):
        if index:
            left_y -= 5.5 * mm
        pdf.drawCentredString(LEFT_X, left_y, line)
    number_y = left_y
    if page["vv"]:
        pdf.setFont(italic if page["party"] else regular, 12)
        words, line = page["vv"].split(), ""
        for word in words:
            if pdf.stringWidth(f"{line} {word}".strip(), regular, 12) > 68 * mm:
                left_y -= 5 * mm
                pdf.drawCentredString(LEFT_X, left_y, line)
                line = word
            else:
                line = f"{line} {word}".strip()
        left_y -= 5 * mm
        pdf.drawCentredString(LEFT_X, left_y, line)
    # Right column: national name and motto, or the Party heading; place and date.
    pdf.setFont(bold, 12)
    if page["party"]:
        pdf.drawCentredString(RIGHT_X, y, page["heading"] or "ĐẢNG CỘNG SẢN VIỆT NAM")
        pdf.setFont(italic, 13)
        pdf.drawCentredString(RIGHT_X, number_y, page["right_date"])
    else:
        pdf.drawCentredString(RIGHT_X, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        pdf.setFont(bold, 13)
        pdf.drawCentredString(RIGHT_X, y - 5.5 * mm, "Độc lập - Tự do - Hạnh phúc")
        pdf.setFont(italic, 13)
        pdf.drawCentredString(RIGHT_X, number_y, page["right_date"])
    y = min(left_y, number_y) - 9 * mm
    for mark in page["marks"]:
        pdf.setFont(bold, 13)
        pdf.drawString(MARGIN + 5 * mm, y, mark)
        y -= 6 * mm
    if page["title"]:
        y -= 3 * mm
        pdf.setFont(bold, 15 if page["party"] else 14)
        pdf.drawCentredString(width / 2 + 7 * mm, y, page["title"])
        y -= 6.5 * mm
        pdf.setFont(bold, 14)
        for line in page["subject_lines"]:
            pdf.drawCentredString(width / 2 + 7 * mm, y, line)
            y -= 6.5 * mm
        y -= 5 * mm
    pdf.setFont(regular, 13)
    room = len(page["recipients"]) * 5 * mm + 60 * mm  # Nơi nhận and the signature below
    for line in _wrapped(pdf, page["body"], regular, 13, width - MARGIN - 8 * mm - 15 * mm):
        if y - room < 15 * mm:
            break  # the first page is full: the body goes on to page 2
        pdf.drawString(MARGIN + 8 * mm, y, line)
        y -= 6.5 * mm
    y -= 8 * mm
    # Recipients bottom left, signature bottom right.
    pdf.setFont(bold, 12)
    pdf.drawString(MARGIN, y, "Nơi nhận:")
    sig_y = y
    if page["capacity"]:
        pdf.drawCentredString(RIGHT_X, sig_y, page["capacity"])
        sig_y -= 5.5 * mm
    pdf.drawCentredString(RIGHT_X, sig_y, page["position"])
    pdf.setFont(bold, 13)
    pdf.drawCentredString(RIGHT_X, sig_y - 30 * mm, page["signer"])
    pdf.setFont(regular, 11)
    for line in (*page["recipients"], "Lưu: VT."):
        y -= 5 * mm
        pdf.drawString(MARGIN, y, f"- {line}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _wrapped(
    pdf: canvas.Canvas, paragraphs: list[str], font: str, size: float, room: float
) -> list[str]:
    """Body paragraphs broken into lines that fit the text width."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            if line and pdf.stringWidth(f"{line} {word}", font, size) > room:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    return lines


def render_scan(sample: dict[str, Any], pdf: bytes | None = None):
    """A 300 dpi greyscale scan of the page (a PIL image); messy samples come slightly
    rotated, noisy and JPEG-compressed, as from a tired office scanner."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    document = pdfium.PdfDocument(pdf or render_pdf(sample))
    image = document[0].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
    document.close()
    if not sample["tags"]["messy"]:
        return image
    rng = random.Random(sample["id"])
    image = image.rotate(
        rng.uniform(-0.6, 0.6), resample=Image.BICUBIC, fillcolor=255, expand=False
    )
    pixels = np.asarray(image, dtype=np.float32)
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 12, pixels.shape)
    image = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return Image.open(io.BytesIO(buffer.getvalue()))
