"""The outgoing flow through its actions: draft, review chain, the four checks, numbering
by each organization's rules, issuing, internal delivery, answers, recall, replacement
and correction. Pages and the API are tested elsewhere; they call these same actions.

Time is frozen on known working days (`clock.frozen_at`) so the numbering periods and
the "on time" rule do not depend on the day the suite runs. LibreOffice runs only in
the tests that need the final PDF (`django_capture_on_commit_callbacks(execute=True)`).
"""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from collections.abc import Sequence

import pytest
from pypdf import PdfReader

from tests.conftest import make_pdf
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.files.actions import open_stored, store_file
from vanphong.files.models import StoredFile
from vanphong.incoming import actions as incoming_actions
from vanphong.incoming.models import Channel, IncomingDocument
from vanphong.incoming.models import Status as IncomingStatus
from vanphong.organizations.models import CollectiveSigning, Position, Role, User
from vanphong.outgoing import conformity
from vanphong.outgoing.access import pending_review
from vanphong.outgoing.actions import (
    DraftFields,
    RecipientSpec,
    approve_outgoing,
    comment_outgoing,
    create_draft,
    layout_for,
    return_outgoing,
    sign_outgoing,
    submit_outgoing,
    update_draft,
    withdraw_outgoing,
)
from vanphong.outgoing.issuing import (
    NumberChoice,
    issue_outgoing,
    recall_outgoing,
    record_signed_on_paper,
    release_reservation,
    reserve_number,
    start_follow_up,
)
from vanphong.outgoing.models import (
    Capacity,
    Delegation,
    DeliveryState,
    EventKind,
    FinalState,
    NumberReservation,
    OutgoingDocument,
    ReservationState,
    ReviewKind,
    ReviewState,
    Status,
    Version,
)
from vanphong.registers.models import DocumentType, RegisterKind, Secrecy, Urgency

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=VN)


# 2026-03-10 is a Tuesday, 03-11 a Wednesday, 03-12 a Thursday: ordinary working days.
TUESDAY = at(2026, 3, 10)


def doc_type(name: str, system: str = "state") -> DocumentType:
    return DocumentType.objects.get(system=system, organization=None, name=name)


def draft(
    cast, *, drafter: str = "chuyenvien", org: str = "UBND", type_name: str = "Quyết định",
    signer: str | None = "chutich", capacity: str = Capacity.COLLECTIVE, unit: str | None = "VHXH",
    recipients: Sequence[RecipientSpec] | None = None, subject: str = "Ban hành quy chế làm việc",
    **extra,
) -> OutgoingDocument:
    """A draft written through `create_draft` by one of the cast."""
    system = "party" if org == "ĐU" else "state"
    fields = DraftFields(
        document_type=doc_type(type_name, system),
        subject=subject,
        body="Điều 1. Ban hành kèm theo Quyết định này quy chế làm việc.\n\nĐiều 2. Hiệu lực.",
        signer=getattr(cast, signer) if signer else None,
        capacity=capacity,
        drafting_unit=cast.units[unit] if unit else None,
        recipients=tuple(recipients if recipients is not None
                         else [RecipientSpec(name="Trường Tiểu học Tân Hòa")]),
        **extra,
    )
    return create_draft(actor=getattr(cast, drafter), organization=cast.orgs[org], fields=fields)


def review_through(cast, document: OutgoingDocument) -> OutgoingDocument:
    """Submit, then let each pending reviewer approve (a clerk for the office check) and
    the signer sign."""
    submit_outgoing(actor=document.drafter, document=document)
    while (step := pending_review(document)) is not None:
        if step.kind == ReviewKind.SIGN:
            sign_outgoing(actor=step.reviewer, document=document)
        else:
            approve_outgoing(actor=step.reviewer or cast.vanthu, document=document)
    document.refresh_from_db()
    assert document.status == Status.SIGNED
    return document


def issued(cast, document: OutgoingDocument, **kwargs) -> OutgoingDocument:
    """Take a draft through review and issue it (no final PDF: on_commit is not run)."""
    review_through(cast, document)
    issue_outgoing(actor=cast.vanthu, document=document, **kwargs)
    document.refresh_from_db()
    return document


def scan(actor: User, text: str) -> StoredFile:
    pdf = make_pdf(text)
    return store_file(actor=actor, stream=io.BytesIO(pdf), name="ban-ky.pdf", size=len(pdf))


def paper_signed(cast, *, signer: str = "chutich", capacity: str = Capacity.COLLECTIVE,
                 subject: str = "Quyết định ký trên giấy", signed_on: dt.date | None = None,
                 ) -> OutgoingDocument:
    fields = DraftFields(
        document_type=doc_type("Quyết định"), subject=subject, signer=getattr(cast, signer),
        capacity=capacity, recipients=(RecipientSpec(name="Công an xã Tân Hòa"),),
    )
    return record_signed_on_paper(
        actor=cast.vanthu, organization=cast.orgs["UBND"], fields=fields,
        upload=scan(cast.vanthu, subject), signed_on=signed_on or clock.today(),
    )


def steps(document: OutgoingDocument, round_: int) -> list[tuple[str, str]]:
    return list(document.reviews.filter(round=round_).values_list("kind", "state"))


# --- Numbering styles and periods -----------------------------------------------------


def test_ubnd_decision_is_reviewed_signed_and_numbered_per_calendar_year(cast):
    with clock.frozen_at(at(2026, 12, 29)):
        document = draft(cast)
        submit_outgoing(actor=cast.chuyenvien, document=document)
        assert steps(document, 1) == [
            (ReviewKind.UNIT_HEAD, ReviewState.PENDING),
            (ReviewKind.OFFICE_CHECK, ReviewState.WAITING),
            (ReviewKind.SIGN, ReviewState.WAITING),
        ]
        approve_outgoing(actor=cast.truongphong, document=document)
        approve_outgoing(actor=cast.vanthu, document=document, comment="Đúng thể thức.")
        sign_outgoing(actor=cast.chutich, document=document)
        issue_outgoing(actor=cast.vanthu, document=document)
        second = issued(cast, draft(cast, subject="Quyết định thứ hai"))
    with clock.frozen_at(at(2027, 1, 5)):
        next_year = issued(cast, draft(cast, subject="Quyết định đầu năm"))
    document.refresh_from_db()
    assert (document.status, document.code, document.number) == (Status.ISSUED, "01/QĐ-UBND", 1)
    assert document.register == cast.register("UBND", RegisterKind.OUTGOING)
    assert document.issued_date == dt.date(2026, 12, 29) and document.issued_by == cast.vanthu
    assert document.final_state == FinalState.PENDING  # the PDF is made after commit
    assert second.code == "02/QĐ-UBND"
    assert (next_year.code, next_year.period_key) == ("01/QĐ-UBND", "2027")
    assert layout_for(document).signing_capacity == "TM. ỦY BAN NHÂN DÂN"


def test_each_write_of_the_flow_leaves_an_audit_row(cast):
    with clock.frozen_at(TUESDAY):
        document = issued(cast, draft(cast))
    actions = set(AuditEvent.objects.filter(object_id=str(document.pk))
                  .values_list("action", flat=True))
    assert {"outgoing.create", "outgoing.submit", "outgoing.approve", "outgoing.sign",
            "outgoing.issue"} <= actions
    issue = AuditEvent.objects.get(object_id=str(document.pk), action="outgoing.issue")
    assert issue.actor == cast.vanthu and "01/QĐ-UBND" in issue.summary
    kinds = list(document.events.values_list("kind", flat=True))
    assert kinds == ["create", "submit", "approve", "approve", "sign", "issue"]


def test_party_resolution_is_numbered_by_term_with_a_series_per_type(cast):
    with clock.frozen_at(at(2026, 12, 29)):
        resolution = draft(cast, drafter="chuyenviendang", org="ĐU", type_name="Nghị quyết",
                           signer="bithu", unit="BXDĐ",
                           recipients=[RecipientSpec(organization=cast.orgs["MTTQ"])])
        submit_outgoing(actor=cast.chuyenviendang, document=resolution)
        # Ban Xây dựng Đảng has no head: the unit head step is skipped, the office checks.
        assert steps(resolution, 1) == [
            (ReviewKind.UNIT_HEAD, ReviewState.SKIPPED),
            (ReviewKind.OFFICE_CHECK, ReviewState.PENDING),
            (ReviewKind.SIGN, ReviewState.WAITING),
        ]
        approve_outgoing(actor=cast.vanthu2, document=resolution)
        sign_outgoing(actor=cast.bithu, document=resolution)
        issue_outgoing(actor=cast.vanthu, document=resolution)
    with clock.frozen_at(at(2027, 1, 5)):  # a new year, the same Party term
        second = issued(cast, draft(cast, drafter="chuyenviendang", org="ĐU",
                                    type_name="Nghị quyết", signer="bithu", unit="BXDĐ"))
        letter = issued(cast, draft(cast, drafter="chuyenviendang", org="ĐU",
                                    type_name="Công văn", signer="bithu", unit="BXDĐ"))
    resolution.refresh_from_db()
    assert resolution.code == "01-NQ/ĐU"
    assert second.code == "02-NQ/ĐU"
    assert letter.code == "01-CV/ĐU"
    assert resolution.period_key == second.period_key == letter.period_key
    assert layout_for(resolution).signing_capacity == "T/M ĐẢNG ỦY"


def test_ubnd_letter_notation_carries_the_drafting_unit(cast):
    with clock.frozen_at(TUESDAY):
        letter = issued(cast, draft(cast, type_name="Công văn"))
        decision = issued(cast, draft(cast))
    # State bodies keep one series for every type: the decision takes number 02.
    assert (letter.code, decision.code) == ("01/UBND-VHXH", "02/QĐ-UBND")


def test_unit_head_step_is_skipped_when_the_draft_has_no_unit(cast):
    with clock.frozen_at(TUESDAY):
        document = draft(cast, unit=None)
        submit_outgoing(actor=cast.chuyenvien, document=document)
    assert steps(document, 1)[0] == (ReviewKind.UNIT_HEAD, ReviewState.SKIPPED)
    assert pending_review(document).kind == ReviewKind.OFFICE_CHECK



def test_secret_documents_take_the_secret_series_by_each_style(cast):
    with clock.frozen_at(TUESDAY):
        public = issued(cast, draft(cast))
        secret = issued(cast, draft(cast, subject="Phương án bảo vệ", secrecy=Secrecy.SECRET))
        party = issued(cast, draft(cast, drafter="chuyenviendang", org="ĐU",
                                   type_name="Nghị quyết", signer="bithu", unit="BXDĐ"))
        party_secret = issued(cast, draft(cast, drafter="chuyenviendang", org="ĐU",
                                          type_name="Nghị quyết", signer="bithu", unit="BXDĐ",
                                          secrecy=Secrecy.SECRET))
    # ND30: secret documents have their own series (the UBND secret register).
    assert public.code == secret.code == "01/QĐ-UBND"
    assert secret.register == cast.register("UBND", RegisterKind.SECRET_OUTGOING)
    # Party rules: secret documents continue the series of their type.
    assert (party.code, party_secret.code) == ("01-NQ/ĐU", "02-NQ/ĐU")
    assert party_secret.register == party.register

# --- Review: return, resubmit, versions, comments, withdraw ---------------------------


def test_returned_draft_is_revised_and_resubmitted_in_a_new_round(cast):
    with clock.frozen_at(TUESDAY):
        document = draft(cast)
        submit_outgoing(actor=cast.chuyenvien, document=document)
        comment_outgoing(actor=cast.truongphong, document=document, text="Bổ sung căn cứ.")
        approve_outgoing(actor=cast.truongphong, document=document)
        return_outgoing(actor=cast.vanthu, document=document, reason="Sai thể thức trích yếu.")
        assert document.status == Status.RETURNED
        with pytest.raises(NotAllowed):
            approve_outgoing(actor=cast.vanthu, document=document)
        fields = DraftFields(
            document_type=document.document_type, subject=document.subject,
            body="Căn cứ Luật Tổ chức chính quyền địa phương.\n\nĐiều 1. Quy chế mới.",
            signer=cast.chutich, capacity=Capacity.COLLECTIVE,
            drafting_unit=cast.units["VHXH"],
            recipients=(RecipientSpec(name="Trường Tiểu học Tân Hòa"),),
        )
        update_draft(actor=cast.chuyenvien, document=document, fields=fields, note="Sửa theo góp ý")
        submit_outgoing(actor=cast.chuyenvien, document=document)
    assert steps(document, 1) == [
        (ReviewKind.UNIT_HEAD, ReviewState.APPROVED),
        (ReviewKind.OFFICE_CHECK, ReviewState.RETURNED),
        (ReviewKind.SIGN, ReviewState.CANCELLED),
    ]
    assert steps(document, 2)[0] == (ReviewKind.UNIT_HEAD, ReviewState.PENDING)
    assert set(document.reviews.filter(round=2).values_list("version", flat=True)) == {2}
    first, second = Version.objects.filter(document=document)
    assert (first.number, second.number) == (1, 2)
    assert "Quy chế mới" in second.text and "Quy chế mới" not in first.text
    assert first.stored_file_id != second.stored_file_id
    [comment] = document.comments.all()
    assert (comment.author, comment.version) == (cast.truongphong, 1)
    returned = document.events.get(kind=EventKind.RETURN)
    assert returned.note == "Sai thể thức trích yếu." and returned.actor == cast.vanthu


def test_return_needs_a_reason_and_comments_need_involvement(cast):
    with clock.frozen_at(TUESDAY):
        document = draft(cast)
        submit_outgoing(actor=cast.chuyenvien, document=document)
        with pytest.raises(Invalid):
            return_outgoing(actor=cast.truongphong, document=document, reason="  ")
        with pytest.raises(NotAllowed):
            comment_outgoing(actor=cast.ketoan, document=document, text="Góp ý")
        with pytest.raises(NotAllowed):  # not their step yet
            approve_outgoing(actor=cast.chutich, document=document)
    assert document.comments.count() == 0


def test_drafter_withdraws_a_draft_under_review(cast):
    with clock.frozen_at(TUESDAY):
        document = draft(cast)
        submit_outgoing(actor=cast.chuyenvien, document=document)
        with pytest.raises(NotAllowed):
            withdraw_outgoing(actor=cast.truongphong, document=document, reason="Không cần")
        withdraw_outgoing(actor=cast.chuyenvien, document=document, reason="Đã có văn bản khác")
        with pytest.raises(NotAllowed):
            approve_outgoing(actor=cast.truongphong, document=document)
    document.refresh_from_db()
    assert document.status == Status.WITHDRAWN
    assert set(document.reviews.values_list("state", flat=True)) == {ReviewState.CANCELLED}
    assert document.versions.count() == 1  # kept on record



def test_clerk_returns_a_signed_document_which_must_be_signed_again(cast):
    with clock.frozen_at(TUESDAY):
        document = review_through(cast, draft(cast))
        with pytest.raises(NotAllowed):
            return_outgoing(actor=cast.chuyenvien, document=document, reason="Sai")
        return_outgoing(actor=cast.vanthu, document=document, reason="Thiếu phụ lục kèm theo")
        assert (document.status, document.signed_at) == (Status.RETURNED, None)
        with pytest.raises(NotAllowed):
            issue_outgoing(actor=cast.vanthu, document=document)
        issued(cast, document)
    assert document.code == "01/QĐ-UBND"
    assert list(document.reviews.filter(round=2, kind=ReviewKind.SIGN)
                .values_list("state", flat=True)) == [ReviewState.APPROVED]


# --- The four checks: authority -------------------------------------------------------


def test_specialist_as_signer_is_refused_at_submit(cast):
    with clock.frozen_at(TUESDAY):
        document = draft(cast, signer="chuyenvien2", capacity=Capacity.DIRECT)
        with pytest.raises(Invalid) as refused:
            submit_outgoing(actor=cast.chuyenvien, document=document)
    assert "không giữ chức vụ người đứng đầu hoặc cấp phó" in refused.value.fields["signer"]
    assert document.status == Status.DRAFT and not document.reviews.exists()


def test_issue_is_refused_when_the_signer_had_no_post_on_the_signing_day(cast):
    with clock.frozen_at(TUESDAY):
        document = review_through(cast, draft(cast))
        # The decision ending the chairman's term is recorded late, effective yesterday.
        Position.objects.filter(person=cast.chutich, organization=cast.orgs["UBND"]).update(
            end_date=TUESDAY.date() - dt.timedelta(days=1)
        )
        with pytest.raises(Invalid) as refused:
            issue_outgoing(actor=cast.vanthu, document=document)
    assert "Lê Văn Nam không giữ chức vụ" in refused.value.message
    assert "authority" in refused.value.fields
    document.refresh_from_db()
    assert (document.status, document.number, document.code) == (Status.SIGNED, None, "")


def test_paper_signed_document_with_a_specialist_signer_cannot_be_issued(cast):
    with clock.frozen_at(TUESDAY):
        document = paper_signed(cast, signer="chuyenvien")
        checks = conformity.issue_checks(document, on=clock.today())
        with pytest.raises(Invalid) as refused:
            issue_outgoing(actor=cast.vanthu, document=document)
    [authority] = [c for c in checks if c.area == conformity.Area.AUTHORITY]
    assert authority.level == conformity.Level.BLOCK
    assert authority.message in refused.value.message
    [procedure] = [c for c in checks if c.area == conformity.Area.PROCEDURE]
    assert procedure.level == conformity.Level.WARN  # signed outside the system


def head_led(cast, short: str = "UBND") -> None:
    """The administrator records that the organization works under its head (chế độ thủ
    trưởng), not collectively."""
    organization = cast.orgs[short]
    organization.collective_signing = CollectiveSigning.NONE
    organization.save(update_fields=["collective_signing"])


def test_deputy_of_a_head_led_body_must_sign_on_behalf_of_the_head(cast):
    head_led(cast)
    with clock.frozen_at(TUESDAY):
        direct = draft(cast, type_name="Công văn", signer="phochutich", capacity=Capacity.DIRECT)
        with pytest.raises(Invalid) as refused:
            submit_outgoing(actor=cast.chuyenvien, document=direct)
        on_behalf = draft(cast, type_name="Công văn", signer="phochutich",
                          capacity=Capacity.ON_BEHALF)
        review_through(cast, on_behalf)
        block = layout_for(on_behalf)
    assert "Cấp phó không ký trực tiếp" in refused.value.message
    assert "KT." in refused.value.message
    assert (block.signing_capacity, block.signer_title, block.signer_name) == (
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đỗ Thị Lan"
    )


def test_head_of_a_head_led_body_cannot_sign_on_behalf_of_himself(cast):
    head_led(cast)
    with clock.frozen_at(TUESDAY):
        document = draft(cast, type_name="Công văn", capacity=Capacity.ON_BEHALF)
        with pytest.raises(Invalid, match="Chỉ cấp phó"):
            submit_outgoing(actor=cast.chuyenvien, document=document)


def test_resolution_must_be_signed_for_the_collective(cast):
    with clock.frozen_at(TUESDAY):
        document = draft(cast, drafter="chuyenviendang", org="ĐU", type_name="Nghị quyết",
                         signer="bithu", capacity=Capacity.DIRECT, unit="BXDĐ")
        with pytest.raises(Invalid) as refused:
            submit_outgoing(actor=cast.chuyenviendang, document=document)
        on_behalf = draft(cast, drafter="chuyenviendang", org="ĐU", type_name="Nghị quyết",
                          signer="phobithu", capacity=Capacity.ON_BEHALF, unit="BXDĐ")
        with pytest.raises(Invalid):
            submit_outgoing(actor=cast.chuyenviendang, document=on_behalf)
        deputy = draft(cast, drafter="chuyenviendang", org="ĐU", type_name="Nghị quyết",
                       signer="phobithu", capacity=Capacity.COLLECTIVE, unit="BXDĐ")
        review_through(cast, deputy)
    assert "T/M ĐẢNG ỦY" in refused.value.message
    assert layout_for(deputy).signing_capacity == "T/M ĐẢNG ỦY"


def test_by_order_signature_needs_a_delegation_valid_on_the_day(cast):
    Delegation.objects.create(
        organization=cast.orgs["UBND"], kind=Capacity.BY_ORDER, delegate=cast.chanhvanphong,
        valid_from=dt.date(2026, 3, 1), valid_to=dt.date(2026, 3, 31),
        basis="Quyết định số 05/QĐ-UBND ngày 25/02/2026", created_by=cast.admin,
        created_at=at(2026, 2, 25),
    )

    def letter() -> OutgoingDocument:
        return draft(cast, type_name="Công văn", signer="chanhvanphong",
                     capacity=Capacity.BY_ORDER)

    for day in (at(2026, 2, 27), at(2026, 4, 1)):  # before and after the delegation
        with clock.frozen_at(day):
            document = letter()
            with pytest.raises(Invalid, match=r"không có văn bản giao ký TL\."):
                submit_outgoing(actor=cast.chuyenvien, document=document)
    with clock.frozen_at(TUESDAY):
        document = issued(cast, letter())
        block = layout_for(document)
    assert document.code == "01/UBND-VHXH"
    assert (block.signing_capacity, block.signer_title) == ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")


def test_by_authority_without_any_delegation_is_refused(cast):
    with clock.frozen_at(TUESDAY):
        document = draft(cast, type_name="Công văn", signer="chanhvanphong",
                         capacity=Capacity.BY_AUTHORITY)
        with pytest.raises(Invalid, match=r"TUQ\."):
            submit_outgoing(actor=cast.chuyenvien, document=document)


# --- The four checks: time -----------------------------------------------------------


def test_issue_two_days_after_signing_is_warned_and_counted_late(cast):
    with clock.frozen_at(TUESDAY):
        late = review_through(cast, draft(cast))
        next_day = review_through(cast, draft(cast, subject="Quyết định khác"))
    with clock.frozen_at(at(2026, 3, 11)):
        issue_outgoing(actor=cast.vanthu, document=next_day)
    with clock.frozen_at(at(2026, 3, 12)):
        [time_check] = [c for c in conformity.issue_checks(late, on=clock.today())
                        if c.area == conformity.Area.TIME]
        issue_outgoing(actor=cast.vanthu, document=late)
    assert time_check.level == conformity.Level.WARN
    assert "Phát hành muộn" in time_check.message and "11/03/2026" in time_check.message
    late.refresh_from_db()
    next_day.refresh_from_db()
    assert (late.status, late.issued_late) == (Status.ISSUED, True)
    assert not next_day.issued_late
    assert late.events.get(kind=EventKind.ISSUE).data["late"] is True



def test_signed_on_friday_and_issued_on_monday_is_on_time(cast):
    with clock.frozen_at(at(2026, 3, 13)):  # a Friday
        document = review_through(cast, draft(cast))
    with clock.frozen_at(at(2026, 3, 16)):
        issue_outgoing(actor=cast.vanthu, document=document)
    document.refresh_from_db()
    assert not document.issued_late

def test_urgent_document_issued_the_next_day_is_late(cast):
    with clock.frozen_at(TUESDAY):
        urgent = review_through(cast, draft(cast, urgency=Urgency.URGENT))
    with clock.frozen_at(at(2026, 3, 11)):
        [time_check] = [c for c in conformity.issue_checks(urgent, on=clock.today())
                        if c.area == conformity.Area.TIME]
        issue_outgoing(actor=cast.vanthu, document=urgent)
    assert time_check.level == conformity.Level.WARN
    assert "văn bản khẩn phải phát hành ngay" in time_check.message
    urgent.refresh_from_db()
    assert urgent.issued_late


def test_issue_date_before_the_signing_day_or_in_the_future_is_refused(cast):
    with clock.frozen_at(TUESDAY):
        document = review_through(cast, draft(cast))
        with pytest.raises(Invalid, match="trước ngày ký"):
            issue_outgoing(actor=cast.vanthu, document=document, on=dt.date(2026, 3, 9))
        with pytest.raises(Invalid, match="tương lai"):
            issue_outgoing(actor=cast.vanthu, document=document, on=dt.date(2026, 3, 11))
    document.refresh_from_db()
    assert document.status == Status.SIGNED


def test_only_the_office_clerk_issues(cast):
    with clock.frozen_at(TUESDAY):
        document = review_through(cast, draft(cast))
        for name in ("chuyenvien", "chutich", "chanhvanphong", "admin"):
            with pytest.raises(NotAllowed):
                issue_outgoing(actor=getattr(cast, name), document=document)
        issue_outgoing(actor=cast.vanthu2, document=document)
        with pytest.raises(NotAllowed):  # already issued
            issue_outgoing(actor=cast.vanthu, document=document)


# --- Reserved and manual numbers ------------------------------------------------------


def _series_on_record(cast, org: str = "UBND") -> dict[int, str]:
    """Every number of the register's 2026 series: what holds it."""
    register = cast.register(org, RegisterKind.OUTGOING)
    held = {d.number: f"document:{d.code}" for d in
            OutgoingDocument.objects.filter(register=register, number__isnull=False)}
    for reservation in NumberReservation.objects.filter(register=register):
        assert reservation.number not in held or reservation.state == ReservationState.USED
        held.setdefault(reservation.number, f"reservation:{reservation.state}")
    return held


def test_reserved_number_is_used_later_and_a_released_one_stays_on_record(cast):
    register = cast.register("UBND", RegisterKind.OUTGOING)
    decision = doc_type("Quyết định")
    with clock.frozen_at(TUESDAY):
        with pytest.raises(NotAllowed):
            reserve_number(actor=cast.chuyenvien, register=register, reason="Giữ số")
        kept = reserve_number(actor=cast.vanthu, register=register, document_type=decision,
                              reason="Quyết định khen thưởng chờ ký")
        dropped = reserve_number(actor=cast.vanthu, register=register, reason="Dự phòng")
        release_reservation(actor=cast.vanthu, reservation=dropped, reason="Không dùng đến")
        with pytest.raises(Conflict):
            release_reservation(actor=cast.vanthu, reservation=dropped, reason="Lần nữa")
        later = issued(cast, draft(cast, subject="Quyết định khen thưởng"),
                       choice=NumberChoice(reservation=kept))
        following = issued(cast, draft(cast, subject="Quyết định tiếp theo"))
        again = review_through(cast, draft(cast, subject="Dùng lại số đã giữ"))
        with pytest.raises(Conflict):
            issue_outgoing(actor=cast.vanthu, document=again,
                           choice=NumberChoice(reservation=kept))
    assert (kept.number, dropped.number) == (1, 2)
    assert later.code == "01/QĐ-UBND"
    assert following.code == "03/QĐ-UBND"
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert (kept.state, kept.document_id) == (ReservationState.USED, later.pk)
    assert (dropped.state, dropped.released_reason) == (ReservationState.RELEASED,
                                                        "Không dùng đến")
    assert set(_series_on_record(cast)) == {1, 2, 3}
    assert AuditEvent.objects.filter(action="outgoing.release_number").count() == 1


def test_manual_number_skips_ahead_on_record_and_refuses_duplicates(cast):
    with clock.frozen_at(TUESDAY):
        first = issued(cast, draft(cast))
        outside = paper_signed(cast)
        issue_outgoing(actor=cast.vanthu, document=outside, choice=NumberChoice(manual=5))
        duplicate = paper_signed(cast, subject="Trùng số")
        with pytest.raises(Invalid, match="Số 05 đã được dùng"):
            issue_outgoing(actor=cast.vanthu, document=duplicate, choice=NumberChoice(manual=5))
        # A skipped number is held on record; the paper document bearing it takes it.
        issue_outgoing(actor=cast.vanthu, document=duplicate, choice=NumberChoice(manual=3))
        after = issued(cast, draft(cast, subject="Sau số tay"))
    outside.refresh_from_db()
    assert first.code == "01/QĐ-UBND"
    assert (outside.status, outside.code) == (Status.ISSUED, "05/QĐ-UBND")
    assert after.code == "06/QĐ-UBND"
    skipped = NumberReservation.objects.filter(register=outside.register)
    assert sorted(skipped.values_list("number", flat=True)) == [2, 3, 4]
    assert all("bị bỏ qua" in r.reason for r in skipped)
    duplicate.refresh_from_db()
    assert duplicate.code == "03/QĐ-UBND"
    assert skipped.get(number=3).state == ReservationState.USED
    on_record = _series_on_record(cast)
    assert sorted(on_record) == list(range(1, 7))


# --- Delivery, answers, recall, replacement, correction -------------------------------


def test_internal_recipient_receives_the_final_pdf_and_sees_it_withdrawn_on_recall(
    cast, django_capture_on_commit_callbacks
):
    recipients = [RecipientSpec(organization=cast.orgs["MTTQ"]),
                  RecipientSpec(name="Trường Tiểu học Tân Hòa")]
    with clock.frozen_at(TUESDAY):
        document = review_through(cast, draft(cast, recipients=recipients))
        with django_capture_on_commit_callbacks(execute=True):
            issue_outgoing(actor=cast.vanthu, document=document)
    document.refresh_from_db()
    assert document.final_state == FinalState.DONE, document.final_error
    mttq, school = document.recipients.all()
    assert (mttq.state, school.state) == (DeliveryState.DELIVERED, DeliveryState.PAPER)
    copy = IncomingDocument.objects.get(organization=cast.orgs["MTTQ"])
    assert copy == mttq.incoming
    assert (copy.code, copy.subject, copy.issuer) == (
        "01/QĐ-UBND", document.subject, "Ủy ban nhân dân xã Tân Hòa")
    assert copy.receipt.channel == Channel.INTERNAL
    [attachment] = copy.receipt.attachments.all()
    assert attachment.stored_file == document.final_pdf
    with open_stored(attachment.stored_file) as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "01/QĐ-UBND" in text and "ngày 10 tháng 3 năm 2026" in text.replace("  ", " ")
    assert document.events.filter(kind=EventKind.DELIVER).exists()

    with clock.frozen_at(at(2026, 3, 12)):
        with pytest.raises(NotAllowed):
            recall_outgoing(actor=cast.chuyenvien, document=document, reason="Sai")
        withdrawn = recall_outgoing(actor=cast.chutich, document=document,
                                    reason="Sai căn cứ pháp lý")
    copy.refresh_from_db()
    document.refresh_from_db()
    assert withdrawn == 1
    assert (document.status, document.end_note) == (Status.RECALLED, "Sai căn cứ pháp lý")
    assert copy.status == IncomingStatus.WITHDRAWN
    assert set(document.recipients.values_list("state", flat=True)) == {DeliveryState.RECALLED}
    assert AuditEvent.objects.filter(action="outgoing.recall", object_id=str(document.pk)).exists()


def _incoming_for_ubnd(cast) -> IncomingDocument:
    fields = incoming_actions.IncomingFields(
        issuer="Sở Nội vụ tỉnh Lâm Đồng", code="120/SNV-CCVC", issued_date=dt.date(2026, 3, 2),
        subject="Báo cáo số lượng cán bộ, công chức cấp xã",
    )
    [incoming] = incoming_actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]], fields=fields,
        files=[(scan(cast.vanthu, "120/SNV-CCVC"), "120-SNV.pdf")],
    )
    incoming_actions.route_incoming(actor=cast.vanthu, document=incoming, leaders=[cast.chutich])
    incoming_actions.instruct_incoming(
        actor=cast.chutich, document=incoming,
        handlers=incoming_actions.Handlers(lead_person=cast.chuyenvien), text="Dự thảo trả lời",
    )
    return incoming


def test_issuing_an_answer_closes_the_incoming_document(cast):
    with clock.frozen_at(TUESDAY):
        incoming = _incoming_for_ubnd(cast)
        answer = draft(cast, type_name="Công văn", subject="Báo cáo số lượng cán bộ",
                       answers=(incoming,))
        assert incoming.status == IncomingStatus.ASSIGNED
        issued(cast, answer)
    incoming.refresh_from_db()
    assert (incoming.status, incoming.reply_code) == (IncomingStatus.DONE, "01/UBND-VHXH")
    assert incoming.completed_at == TUESDAY
    assert set(incoming.assignments.values_list("state", flat=True)) == {"done"}


def test_answering_an_incoming_document_one_cannot_see_is_refused(cast):
    with clock.frozen_at(TUESDAY):
        incoming = _incoming_for_ubnd(cast)
        with pytest.raises(Invalid):
            draft(cast, drafter="chuyenvienmttq", org="MTTQ", type_name="Công văn",
                  signer="chutichmttq", unit="BTT",
                  answers=(incoming,))


def test_replacement_supersedes_the_earlier_document(cast):
    with clock.frozen_at(TUESDAY):
        earlier = issued(cast, draft(cast))
        fields = DraftFields(
            document_type=doc_type("Quyết định"), subject="Ban hành quy chế làm việc (thay thế)",
            body="Điều 1. Quy chế thay thế.", signer=cast.chutich,
            capacity=Capacity.COLLECTIVE, drafting_unit=cast.units["VHXH"],
            recipients=(RecipientSpec(name="Trường Tiểu học Tân Hòa"),),
        )
        replacement = start_follow_up(actor=cast.chuyenvien, document=earlier, fields=fields,
                                      kind="replace")
        assert replacement.replaces == earlier
        issued(cast, replacement)
        earlier.refresh_from_db()
        with pytest.raises(Invalid):  # a replaced document is no longer in force
            start_follow_up(actor=cast.chuyenvien, document=earlier, fields=fields,
                            kind="replace")
    earlier.refresh_from_db()
    assert replacement.code == "02/QĐ-UBND"
    assert earlier.status == Status.REPLACED
    assert "02/QĐ-UBND" in earlier.end_note
    assert earlier.events.get(kind=EventKind.REPLACE).to_status == Status.REPLACED


def test_correction_is_recorded_on_the_corrected_document(cast):
    with clock.frozen_at(TUESDAY):
        corrected = issued(cast, draft(cast))
        fields = DraftFields(
            document_type=doc_type("Công văn"), subject="Đính chính Quyết định số 01/QĐ-UBND",
            body="Đính chính Điều 2.", signer=cast.chutich, capacity=Capacity.COLLECTIVE,
            drafting_unit=cast.units["VHXH"],
            recipients=(RecipientSpec(name="Trường Tiểu học Tân Hòa"),),
        )
        correction = issued(cast, start_follow_up(actor=cast.chuyenvien, document=corrected,
                                                  fields=fields, kind="correct"))
    corrected.refresh_from_db()
    assert corrected.status == Status.ISSUED  # still in force
    event = corrected.events.get(kind=EventKind.CORRECT)
    assert correction.code == "02/UBND-VHXH" and correction.code in event.note
    assert AuditEvent.objects.filter(action="outgoing.correct",
                                     object_id=str(corrected.pk)).exists()


def test_drafting_is_for_people_of_the_organization_or_the_office(cast):
    with clock.frozen_at(TUESDAY):
        with pytest.raises(NotAllowed):
            draft(cast, drafter="chuyenvienmttq", unit=None)
        with pytest.raises(NotAllowed):
            draft(cast, drafter="ketoan", unit=None)
        by_clerk = draft(cast, drafter="vanthu", unit=None)
    assert by_clerk.status == Status.DRAFT
    assert Role.CLERK in set(cast.vanthu.positions.values_list("role", flat=True))
