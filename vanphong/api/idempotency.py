"""Retrying a create call safely: the `Idempotency-Key` header.

A client whose request was committed just before the connection broke sees only a
transport error. If it sent `Idempotency-Key: <its own unique value>`, it retries with
the same key and the same body and gets the first answer again (status, body, and the
header `Idempotent-Replayed: true`); nothing is created a second time. The same key with
a different request is refused (422 `idempotency_key_reused`).

The key is claimed, per user, by inserting a row in the very transaction of the
creation: a concurrent retry waits on that row (the unique index on PostgreSQL, the
write lock on SQLite) and then replays the answer; a creation that failed or rolled back
leaves no row, so its retry simply runs again. Only successful answers are kept, for
`RETENTION`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from ninja.decorators import decorate_view
from ninja.operation import Operation
from ninja.utils import contribute_operation_callback

from vanphong import clock
from vanphong.api.auth import BearerToken
from vanphong.api.errors import error_response
from vanphong.api.models import IdempotentRequest
from vanphong.organizations.models import User

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
RETENTION = dt.timedelta(days=7)
MAX_KEY = 255
_KEY = re.compile(r"[!-~]{1,255}")  # printable ASCII, no spaces
KEY_PARAMETER = {
    "name": HEADER, "in": "header", "required": False,
    "description": (
        "Khóa do máy khách tự sinh (ví dụ một UUID) cho mỗi yêu cầu tạo mới; gửi lại đúng "
        "yêu cầu với cùng khóa thì nhận lại câu trả lời lần đầu, không tạo thêm. Giữ 7 ngày."),
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY, "pattern": r"^[!-~]+$"},
}

Run = Callable[..., HttpResponseBase]
F = TypeVar("F", bound=Callable[..., Any])


def idempotent(view: F) -> F:
    """Make a create operation honour `Idempotency-Key` (put it under `@router.post`)."""
    contribute_operation_callback(view, _document)
    return decorate_view(_honour_key)(view)


def _document(operation: Operation) -> None:
    extra = operation.openapi_extra or {}
    operation.openapi_extra = {**extra, "parameters": [*extra.get("parameters", []),
                                                       KEY_PARAMETER]}


def _honour_key(run: Run) -> Run:
    @functools.wraps(run)
    def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        key = request.headers.get(HEADER)
        user = BearerToken()(request) if key is not None else None
        if key is None or user is None:  # no key, or a 401 for the operation to give
            return run(request, **kwargs)
        if not _KEY.fullmatch(key):
            return error_response(422, "Idempotency-Key không hợp lệ.", fields={HEADER: (
                f"Từ 1 đến {MAX_KEY} ký tự ASCII in được, không có khoảng trắng.")})
        return _once(request, user, key, lambda: run(request, **kwargs))

    return wrapped


def fingerprint(request: HttpRequest) -> str:
    """What makes two requests the same: method, path with query, and body."""
    body = request.body
    with contextlib.suppress(ValueError, UnicodeDecodeError):  # else: byte for byte
        body = json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False).encode()
    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}\n".encode())
    digest.update(body)
    return digest.hexdigest()


def _once(request: HttpRequest, user: User, key: str,
          run: Callable[[], HttpResponseBase]) -> HttpResponseBase:
    sent = fingerprint(request)
    with transaction.atomic():
        IdempotentRequest.objects.filter(user=user,
                                         created_at__lt=clock.now() - RETENTION).delete()
        try:
            with transaction.atomic():
                claim = IdempotentRequest.objects.create(user=user, key=key, fingerprint=sent,
                                                         created_at=clock.now())
        except IntegrityError:  # answered already (or just now, by a concurrent retry)
            return _replay(IdempotentRequest.objects.get(user=user, key=key), sent)
        response = run()
        if not 200 <= response.status_code < 300 or not isinstance(response, HttpResponse):
            transaction.set_rollback(True)  # a refusal is not remembered: fix and resend
            return response
        claim.status, claim.body = response.status_code, response.content.decode()
        claim.content_type = response.get("Content-Type", "")
        claim.save(update_fields=["status", "body", "content_type"])
    return response


def _replay(first: IdempotentRequest, sent: str) -> HttpResponse:
    if first.fingerprint != sent:
        return error_response(
            422, "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác. Mỗi yêu cầu tạo "
            "mới cần một khóa riêng; chỉ dùng lại khóa khi gửi lại đúng yêu cầu cũ.",
            code="idempotency_key_reused", fields={HEADER: "Đã dùng cho yêu cầu khác."})
    response = HttpResponse(first.body, status=first.status or 200,
                            content_type=first.content_type or "application/json")
    response[REPLAYED] = "true"
    return response
