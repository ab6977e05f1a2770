"""End-to-end in Chromium (issue #7, first part): a clerk builds next year's file plan from
this year's, files a document into a dossier from the document's page, closes the dossier;
the archivist receives it in a transfer and it becomes read-only."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.test_incoming_permissions import _register
from vanphong import clock
from vanphong.records import actions
from vanphong.records.actions import DossierFields
from vanphong.records.models import Dossier, FilePlan, RetentionKind

pytestmark = [pytest.mark.browser]


def test_plan_from_last_year_filing_closing_and_transfer(transactional_db, cast, page_for):
    year = clock.today().year
    last = actions.create_plan(actor=cast.vanthu, organization=cast.orgs["UBND"], year=year - 1)
    heading = actions.add_heading(actor=cast.vanthu, plan=last, title="Tổ chức cán bộ",
                                  abbreviation="TCCB")
    actions.add_dossier(actor=cast.vanthu, plan=last, fields=DossierFields(
        heading=heading, title="Hồ sơ bổ nhiệm cán bộ", keeper=cast.vanthu,
        retention_kind=RetentionKind.YEARS, retention_years=70))

    clerk = page_for(cast.vanthu)
    clerk.goto(f"{clerk.base_url}/ho-so/danh-muc/{last.pk}/")
    clerk.get_by_test_id("copy").click()
    expect(clerk.get_by_test_id("title")).to_contain_text(f"Danh mục hồ sơ năm {year}")
    expect(clerk.get_by_test_id("plan-table")).to_contain_text("Hồ sơ bổ nhiệm cán bộ")
    plan = FilePlan.objects.get(organization=cast.orgs["UBND"], year=year)

    letter = _register(cast, org="UBND", subject="Về việc bổ nhiệm cán bộ năm nay")
    clerk.goto(f"{clerk.base_url}/van-ban-den/{letter.pk}/")
    panel = clerk.get_by_test_id("file-into")
    panel.get_by_role("button", name="Đưa vào hồ sơ").click()
    expect(clerk.locator(".alert-success")).to_contain_text("Đã đưa văn bản vào hồ sơ 01.TCCB.")
    dossier = plan.dossiers.get()
    clerk.goto(f"{clerk.base_url}/ho-so/{dossier.pk}/")
    expect(clerk.get_by_test_id("contents")).to_contain_text("bổ nhiệm cán bộ")
    clerk.get_by_test_id("close-form").get_by_role("button", name="Kết thúc hồ sơ").click()
    expect(clerk.get_by_test_id("closing")).to_contain_text("Hồ sơ gồm 1 văn bản")

    Dossier.objects.filter(pk=dossier.pk).update(ended_year=year - 1)  # due now
    clerk.goto(f"{clerk.base_url}/ho-so/nop-luu/")
    clerk.get_by_test_id("due-UBND").get_by_role("button", name="Lập danh mục nộp lưu").click()
    clerk.get_by_test_id("submit").click()
    expect(clerk.get_by_test_id("state")).to_have_text("Đã giao, chờ lưu trữ nhận")

    archivist = page_for(cast.luutru)
    archivist.goto(clerk.url)
    archivist.get_by_test_id("receive-form").get_by_role("button", name="Nhận hồ sơ").click()
    expect(archivist.get_by_test_id("state")).to_have_text("Lưu trữ đã nhận")
    archivist.goto(f"{archivist.base_url}/ho-so/{dossier.pk}/")
    expect(archivist.get_by_test_id("transferred")).to_be_visible()
    expect(archivist.get_by_test_id("file-form")).to_have_count(0)
