"""The weekly schedule printed in its usual layout: A4 landscape, the office's header,
"LỊCH CÔNG TÁC TUẦN", the dates, "Điều chỉnh lần N", one row per event grouped by day and
morning/afternoon, cancelled events marked "(Hoãn)", a draft marked "DỰ THẢO", and the
office lead's signature."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from vanphong.printing import pdf
from vanphong.schedule.week import Day

TITLE = "LỊCH CÔNG TÁC TUẦN"
HEADER = ["Thứ, ngày", "Thời gian", "Nội dung", "Chủ trì", "Thành phần", "Địa điểm",
          "Chuẩn bị", "VP theo dõi"]
WIDTHS_MM = [22, 22, 0, 30, 45, 30, 28, 25]  # 0: the content takes what is left


def week_pdf(days: list[Day], *, office: str, monday: dt.date, revision: int,
             scope: str = "", draft: bool = False, author: str = "") -> bytes:
    width = pdf.frame_width(pdf.LANDSCAPE)
    widths = [w * mm for w in WIDTHS_MM]
    widths[2] = width - sum(widths)
    rows: list[list[str]] = [HEADER]
    spans = []
    for day in days:
        if day.empty:
            continue
        first = len(rows)
        for part, lines in (("Sáng", day.morning), ("Chiều", day.afternoon)):
            for line in lines:
                content = ("(Hoãn) " if line.cancelled else "") + line.event.content
                rows.append([day.label, f"{part} {line.time}", content, line.chair,
                             line.participants, line.place, line.preparing, line.follow])
        if len(rows) - first > 1:
            spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
    if len(rows) == 1:
        rows.append(["", "", "Chưa có lịch công tác trong tuần.", "", "", "", "", ""])
    grid = pdf.grid(rows, widths, size=9.5, leading=11.5, extra=spans)
    sunday = monday + dt.timedelta(days=6)
    story = [
        *pdf.organization_header("", office),
        pdf.para(TITLE + (" (DỰ THẢO)" if draft else ""), "title"),
        pdf.para(f"(Từ ngày {monday:%d/%m/%Y} đến ngày {sunday:%d/%m/%Y})"
                 + (f" — {scope}" if scope else ""), "note"),
    ]
    if revision > 1:
        story.append(pdf.para(f"Điều chỉnh lần {revision - 1}", "note"))
    story += [Spacer(1, 4 * mm), grid, Spacer(1, 6 * mm),
              pdf.signature_block(title="Chánh Văn phòng", width=width)]
    return pdf.build_pdf(story, title=f"{TITLE} {monday:%d/%m/%Y}", author=author,
                         first="landscape")
