"""The demo's intake queue: a morning's post as a new user finds it — born-digital PDFs,
a Word file and scans, received together and read by the background worker."""

from __future__ import annotations

import dataclasses
import io

from vanphong.demo.orgchart import DemoOffice
from vanphong.demo.sample_documents import DOCS, document_docx, document_pdf, scan_png
from vanphong.intake.models import Source
from vanphong.intake.receiving import receive_file, start_batch


def seed_intake_queue(demo: DemoOffice) -> int:
    """Put eight received files into the queue; the worker reads them after commit."""
    files = []
    for i in range(8):
        base = DOCS[i % len(DOCS)]
        doc = dataclasses.replace(base, number=str(int(base.number) + 100 + i), day=3 + i)
        if i in (2, 5):
            files.append((f"ban-quet-{i + 1}.png", scan_png(doc)))
        elif i == 7:
            files.append((f"cong-van-{i + 1}.docx", document_docx(doc)))
        else:
            files.append((f"van-ban-{i + 1}.pdf", document_pdf(doc)))
    batch = start_batch(
        office=demo.office, source=Source.UPLOAD, label="Văn bản nhận sáng nay (mẫu)",
        actor=demo.vanthu,
    )
    for name, data in files:
        receive_file(office=demo.office, stream=io.BytesIO(data), name=name, actor=demo.vanthu,
                     batch=batch)
    return len(files)
