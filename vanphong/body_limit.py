"""Refuse request bodies over `VANPHONG_MAX_REQUEST_MB` before anything reads them.

Django streams a multipart body to temporary files as soon as something reads
`request.POST` — the CSRF check does, before any view — so without this cap anyone could
fill the disk with one large POST to the login page. This middleware comes first in
`MIDDLEWARE`:

- a declared `Content-Length` over the limit is answered 413 without reading a byte;
- a chunked body (no `Content-Length`; the server has decoded the chunks) is read here,
  at most up to the limit, into a spooled temporary file and handed on with its length,
  so Django sees the body instead of silently taking it for empty — and one byte past
  the limit is answered 413 too.

The reverse proxy should refuse such bodies even earlier (nginx `client_max_body_size`,
see docs/quan-tri.md).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MEGABYTE = 1024 * 1024
_CHUNK = 64 * 1024


class BodyTooLarge(Exception):
    pass


def max_request_bytes() -> int:
    return int(settings.VANPHONG_MAX_REQUEST_MB) * MEGABYTE


def _declared_length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def _is_chunked(request: HttpRequest) -> bool:
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()


def _spool_chunked(request: HttpRequest, limit: int) -> IO[bytes]:
    """Read the decoded chunked body into a temporary file, at most `limit` bytes, and
    make it the request's body."""
    source = request.META["wsgi.input"]
    # Closed with the response (BodyLimitMiddleware), or here when too large.
    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
        max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
    size = 0
    while chunk := source.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            spool.close()
            raise BodyTooLarge
        spool.write(chunk)
    spool.seek(0)
    request.META["CONTENT_LENGTH"] = str(size)
    # WSGIRequest built its body stream from the (absent) Content-Length: rebuild it.
    request._stream = LimitedStream(spool, size)  # type: ignore[arg-type, assignment]
    return spool  # type: ignore[return-value]


def too_large(request: HttpRequest) -> HttpResponse:
    limit_mb = settings.VANPHONG_MAX_REQUEST_MB
    message = f"Dữ liệu gửi lên quá lớn: mỗi lần gửi tối đa {limit_mb} MB."
    if request.path.startswith("/api/"):
        # The API's one error shape (vanphong/api/errors.py), built here because this
        # middleware runs below every app.
        body = {"error": {"code": "too_large", "message": message, "fields": {}}}
        return JsonResponse(body, status=413, json_dumps_params={"ensure_ascii": False})
    return render(request, "413.html", {"limit_mb": limit_mb}, status=413)


class BodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = max_request_bytes()
        declared = _declared_length(request)
        spool: Any = None
        if declared is not None:
            if declared > limit:
                return too_large(request)
        elif _is_chunked(request):
            if not request.META.get("wsgi.input_terminated"):
                # A server that hands on the raw chunks: the body cannot be read safely.
                return HttpResponse("Cần gửi kèm Content-Length.", status=411)
            try:
                spool = _spool_chunked(request, limit)
            except BodyTooLarge:
                return too_large(request)
        response = self.get_response(request)
        if spool is not None:
            response._resource_closers.append(spool.close)  # type: ignore[attr-defined]
        return response
