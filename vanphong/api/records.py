"""Records: file plans and dossiers — read, create, copy next year's plan, file documents,
close, export the archival package. Gatekeeper `records.access`; actions `records.actions`
and `records.package`."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from vanphong.api.errors import errors
from vanphong.api.schemas import BodyId, Input, LongText
from vanphong.api.tasks import _documents, _one
from vanphong.incoming.access import visible_incoming
from vanphong.organizations.models import Organization, User
from vanphong.outgoing.access import visible_outgoing
from vanphong.records import actions, package
from vanphong.records.access import (
    DossierAction,
    PlanAction,
    get_dossier_for,
    get_plan_for,
    visible_items,
    visible_plans,
)
from vanphong.records.models import Dossier, FilePlan

router = Router(tags=["Hồ sơ, lưu trữ"])


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined, no-any-return]


class FilePlanIn(Input):
    organization_id: BodyId
    year: int = Field(ge=2000, le=2100)
    numbering: Literal["continuous", "per_heading"] = "continuous"


class DossierOut(Schema):
    id: uuid.UUID
    code: str
    title: str
    heading: str
    retention: str
    keeper: str
    state: str
    ended_year: int | None
    documents: int = Field(description="Số văn bản của hồ sơ mà người gọi được xem")


class FilePlanOut(Schema):
    id: int
    organization: str
    year: int
    state: str
    dossiers: list[DossierOut]


class DossierDocumentOut(Schema):
    kind: str
    id: uuid.UUID
    code: str
    subject: str
    date: dt.date | None


class DossierDetail(DossierOut):
    closing_note: str = Field(description="Chứng từ kết thúc (rỗng khi hồ sơ đang lập), chỉ tính "
                                          "các văn bản người gọi được xem")
    items: list[DossierDocumentOut]


class FilingIn(Input):
    incoming_ids: list[uuid.UUID] = Field([], max_length=100)
    outgoing_ids: list[uuid.UUID] = Field([], max_length=100)


class CloseIn(Input):
    note: LongText = ""
    #: Close although the review found points to check (they go into the closing record).
    confirm: bool = False


def _dossier(d: Dossier, documents: int) -> dict[str, Any]:
    """A dossier as listed; `documents` counts those the caller may open."""
    return {"id": d.pk, "code": d.code, "title": d.title, "heading": d.heading.title,
            "retention": d.retention_label, "keeper": d.keeper.full_name, "state": d.state,
            "ended_year": d.ended_year, "documents": documents}


def _plan(plan: FilePlan, user: User) -> dict[str, Any]:
    shown = visible_items(user).values("pk")
    # ordered explicitly: an aggregate query leaves Meta.ordering out
    dossiers = plan.dossiers.select_related("heading", "keeper").annotate(
        shown=Count("items", filter=Q(items__in=shown))).order_by("number")
    return {"id": plan.pk, "organization": plan.organization.short_name, "year": plan.year,
            "state": plan.state, "dossiers": [_dossier(d, d.shown) for d in dossiers]}


def _detail(dossier: Dossier, user: User) -> dict[str, Any]:
    """The dossier as its page shows the caller: the documents they may open, counted,
    and the closing record built over them."""
    items = actions.contents_for(user, dossier)
    return {**_dossier(dossier, len(items)),
            "closing_note": actions.closing_record(dossier, items), "items": [
                {"kind": "incoming" if i.incoming_id else "outgoing", "id": i.document.pk,
                 "code": i.document.code, "subject": i.document.subject,
                 "date": actions.document_date(i.document)} for i in items]}


@router.get("/file-plans", response={200: list[FilePlanOut], **errors(401)},
            summary="Danh mục hồ sơ người gọi được xem")
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    user = _user(request)
    return [_plan(p, user) for p in visible_plans(user).select_related("organization")[:100]]


@router.get("/file-plans/{int:plan_id}", response={200: FilePlanOut, **errors(401, 404)},
            summary="Một danh mục hồ sơ với các hồ sơ")
def get_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    user = _user(request)
    return _plan(get_plan_for(user, plan_id), user)


@router.post("/file-plans", response={201: FilePlanOut, **errors(400, 401, 403, 422)},
             summary="Lập danh mục hồ sơ (văn phòng, lãnh đạo cơ quan)")
def create_plan(request: HttpRequest, payload: FilePlanIn) -> Status:
    organization = _one(Organization.objects.all(), payload.organization_id, "organization_id",
                        "cơ quan")
    user = _user(request)
    return Status(201, _plan(actions.create_plan(actor=user, organization=organization,
                                                 year=payload.year,
                                                 numbering=payload.numbering), user))


@router.post("/file-plans/{int:plan_id}/copy",
             response={201: FilePlanOut, **errors(400, 401, 403, 404, 422)},
             summary="Lập danh mục năm sau từ danh mục này")
def copy_plan(request: HttpRequest, plan_id: int) -> Status:
    user = _user(request)
    plan = get_plan_for(user, plan_id, PlanAction.EDIT)
    return Status(201, _plan(actions.copy_plan(actor=user, plan=plan, year=plan.year + 1), user))


@router.post("/file-plans/{int:plan_id}/approve",
             response={200: FilePlanOut, **errors(400, 401, 403, 404, 409)},
             summary="Duyệt danh mục hồ sơ (người đứng đầu, cấp phó)")
def approve_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    user = _user(request)
    plan = get_plan_for(user, plan_id, PlanAction.APPROVE)
    return _plan(actions.approve_plan(actor=user, plan=plan), user)


@router.get("/dossiers/{uuid:dossier_id}", response={200: DossierDetail, **errors(401, 404)},
            summary="Một hồ sơ với các văn bản người gọi được xem, theo thời gian")
def get_dossier(request: HttpRequest, dossier_id: uuid.UUID) -> dict[str, Any]:
    user = _user(request)
    return _detail(get_dossier_for(user, dossier_id), user)


@router.post("/dossiers/{uuid:dossier_id}/documents",
             response={200: DossierDetail, **errors(400, 401, 403, 404, 422)},
             summary="Đưa văn bản vào hồ sơ (liên kết, không sao chép)")
def file_documents(request: HttpRequest, dossier_id: uuid.UUID, payload: FilingIn) -> Any:
    user = _user(request)
    dossier = get_dossier_for(user, dossier_id, DossierAction.FILE)
    documents = _documents(visible_incoming(user), payload.incoming_ids, "incoming_ids")
    documents += _documents(visible_outgoing(user), payload.outgoing_ids, "outgoing_ids")
    actions.file_documents(actor=user, dossier=dossier, documents=documents)
    return _detail(dossier, user)


@router.post("/dossiers/{uuid:dossier_id}/close",
             response={200: DossierDetail, **errors(400, 401, 403, 404, 409, 422)},
             summary="Kết thúc hồ sơ")
def close_dossier(request: HttpRequest, dossier_id: uuid.UUID, payload: CloseIn) -> Any:
    user = _user(request)
    dossier = get_dossier_for(user, dossier_id, DossierAction.CLOSE)
    return _detail(actions.close_dossier(actor=user, dossier=dossier, note=payload.note,
                                      confirm=payload.confirm), user)


@router.get("/dossiers/{uuid:dossier_id}/package",
            response={200: None, **errors(401, 403, 404)},
            summary="Gói hồ sơ lưu trữ (BagIt, zip) với các văn bản người gọi được xem — "
                    "lưu trữ viên, văn phòng")
def export_package(request: HttpRequest, dossier_id: uuid.UUID) -> HttpResponse:
    user = _user(request)
    dossier = get_dossier_for(user, dossier_id, DossierAction.EXPORT)
    response = HttpResponse(package.export_dossier(actor=user, dossier=dossier),
                            content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="goi-ho-so-{dossier.code}.zip"'
    return response
