import datetime as dt

from vanphong.incoming import actions
from vanphong.incoming.models import Status


def test_it_registers_routes_instructs_and_completes(cast):
    fields = actions.IncomingFields(
        issuer="UBND tỉnh Lâm Đồng", code="Số: 123 / QĐ-UBND", issued_date=dt.date(2026, 11, 1),
        subject="Về việc triển khai kế hoạch chuyển đổi số",
    )
    docs = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"], cast.orgs["ĐU"]], fields=fields,
        has_paper_original=True,
    )
    assert sorted(d.arrival_number for d in docs) == [1, 1]
    doc = next(d for d in docs if d.organization.short_name == "UBND")
    assert doc.code == "123/QĐ-UBND" and doc.code_number == "123"
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    actions.instruct_incoming(
        actor=cast.chutich, document=doc,
        handlers=actions.Handlers(lead_unit=cast.units["VHXH"], for_info=[cast.phochutich]),
        text="Giao Phòng VH-XH tham mưu",
    )
    lead = doc.assignments.get(kind="lead")
    actions.reassign_incoming(actor=cast.truongphong, document=doc, assignment=lead,
                              person=cast.chuyenvien)
    actions.record_progress(actor=cast.chuyenvien, document=doc, note="Đang dự thảo")
    actions.complete_incoming(actor=cast.chuyenvien, document=doc, result="Đã tham mưu")
    doc.refresh_from_db()
    assert doc.status == Status.DONE
    assert [e.kind for e in doc.events.all()] == [
        "register", "route", "instruct", "reassign", "progress", "complete"
    ]
