"""Uploads checked by content and size; the dashboard's figures agree with each other."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.conftest import make_pdf
from tests.test_incoming_pages import form_data
from vanphong import clock
from vanphong.files.models import StoredFile
from vanphong.incoming import actions
from vanphong.incoming.models import IncomingDocument


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, "PNG")
    return buffer.getvalue()


def _post(client, cast, *files):
    data = form_data(cast)
    data["files"] = list(files)
    return client.post(reverse("incoming:register"), data)


def test_docx_and_images_are_recognised_by_their_content(cast, client_for):
    client = client_for(cast.vanthu)
    # Names deliberately lie: what counts is the content.
    response = _post(client, cast,
                     SimpleUploadedFile("scan.bin", png_bytes(), "application/octet-stream"),
                     SimpleUploadedFile("van-ban.pdf", docx_bytes(), "application/pdf"))
    assert response.status_code == 302
    kinds = sorted(StoredFile.objects.values_list("kind", flat=True))
    assert kinds == ["docx", "png"]


def test_a_zip_that_is_not_a_word_document_is_refused(cast, client_for):
    """Named .docx, it is an archive: unpacked, and the program inside is refused."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", "MZ")
    response = _post(client_for(cast.vanthu), cast,
                     SimpleUploadedFile("hop-dong.docx", buffer.getvalue()))
    assert response.status_code == 200
    page = response.content.decode()
    assert "virus.exe" in page and "Nội dung tệp không phải PDF, Word" in page
    assert not IncomingDocument.objects.exists()


def test_a_file_over_the_limit_is_refused_with_its_size(cast, client_for, settings):
    settings.MAX_UPLOAD_MB = 1
    big = make_pdf("x") + b"%" * (1024 * 1024 + 10) + b"\n%%EOF\n"
    response = _post(client_for(cast.vanthu), cast, SimpleUploadedFile("lon.pdf", big))
    assert "quá lớn" in response.content.decode() and "tối đa 1 MB" in response.content.decode()
    assert not StoredFile.objects.exists()


def test_an_empty_file_is_refused(cast, client_for):
    response = _post(client_for(cast.vanthu), cast, SimpleUploadedFile("rong.pdf", b""))
    assert response.status_code == 200
    assert not IncomingDocument.objects.exists()


def test_office_figures_are_the_sum_of_each_organizations_figures(cast, client_for):
    fields = actions.IncomingFields(issuer="Sở Tư pháp", code="9/STP", subject="V/v pháp chế",
                                    issued_date=clock.today(), urgency=1)
    for orgs in (["UBND"], ["UBND", "ĐU"], ["MTTQ"]):
        actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs[o] for o in orgs],
                                  fields=fields, has_paper_original=True)
    doc = IncomingDocument.objects.filter(organization__short_name="MTTQ").get()
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutichmttq])
    actions.instruct_incoming(actor=cast.chutichmttq, document=doc,
                              handlers=actions.Handlers(lead_person=cast.chuyenvienmttq),
                              deadline=clock.today())
    with clock.frozen_at(clock.now() + dt.timedelta(days=3)):
        response = client_for(cast.chanhvanphong).get(reverse("home:dashboard"))
    figures, total = response.context["figures"], response.context["total"]
    by_org = {f.organization.short_name: f for f in figures}
    assert by_org["UBND"].to_route == 2 and by_org["ĐU"].to_route == 1
    assert by_org["MTTQ"].overdue == 1 and total.overdue == 1
    assert total.urgent_open == 4 == sum(f.urgent_open for f in figures)
    assert total.total_year == 4


def test_a_head_sees_only_their_own_organizations_figures(cast, client_for):
    response = client_for(cast.chutichmttq).get(reverse("home:dashboard"))
    assert [f.organization.short_name for f in response.context["figures"]] == ["MTTQ"]
    response = client_for(cast.chuyenvien).get(reverse("home:dashboard"))
    assert response.context["figures"] == []
