"""One error shape for everything the API refuses:

    {"error": {"code": "...", "message": "<Vietnamese>", "fields": {"name": "<Vietnamese>"}}}

Domain errors keep their own status and code; request validation, authentication,
unknown paths and wrong methods are translated into the same shape so that clients
handle a single structure.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from vanphong.errors import Conflict, DomainError, NotFound

logger = logging.getLogger(__name__)


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, str]


class ErrorOut(Schema):
    error: ErrorDetail


class DuplicateFound(Conflict):
    """Registration refused because the document seems to be registered already.

    `duplicates` holds the matching documents the caller may see (already serialized);
    `hidden` counts the matches they may not see, which are not described.
    """

    code = "duplicate"

    def __init__(self, message: str, *, duplicates: list[dict[str, Any]], hidden: int) -> None:
        super().__init__(message)
        self.duplicates = duplicates
        self.hidden = hidden


STATUS_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "not_allowed",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "throttled",
    500: "server_error",
}

MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Thiếu mã truy cập API. Gửi tiêu đề Authorization: Bearer <mã truy cập>.",
    404: NotFound.default_message,
    405: "Địa chỉ này không hỗ trợ phương thức {method}.",
    413: "Dữ liệu gửi lên quá lớn.",
    429: "Quá nhiều yêu cầu; hãy thử lại sau {seconds} giây.",
    500: "Máy chủ gặp lỗi khi xử lý yêu cầu; lỗi đã được ghi lại.",
}
REFUSED_MESSAGE = (
    "Mã truy cập API không hợp lệ, đã bị thu hồi, hoặc tài khoản đã ngừng hoạt động."
)
INVALID_INPUT = "Dữ liệu gửi lên chưa hợp lệ."
BROKEN_MULTIPART = (
    "Không đọc được nội dung multipart/form-data: thiếu hoặc sai boundary trong tiêu đề "
    "Content-Type, hoặc nội dung bị cắt."
)


def error_body(
    code: str, message: str, fields: dict[str, str] | None = None, **extra: Any
) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}, **extra}}


def error_response(
    status: int, message: str | None = None, *, code: str | None = None,
    fields: dict[str, str] | None = None, **extra: Any,
) -> JsonResponse:
    body = error_body(code or STATUS_CODES.get(status, "error"),
                      message or MESSAGES.get(status, HTTPStatus(status).phrase), fields, **extra)
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


# --- Validation errors (pydantic) in Vietnamese ---------------------------------------


def _ctx(error: dict[str, Any], key: str) -> Any:
    return (error.get("ctx") or {}).get(key)


_TYPE_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda e: "Bắt buộc.",
    "string_too_long": lambda e: f"Dài quá {_ctx(e, 'max_length')} ký tự.",
    "string_too_short": lambda e: "Không được để trống.",
    "string_pattern_mismatch": lambda e: "Chứa ký tự điều khiển không được phép.",
    "string_type": lambda e: "Phải là chuỗi ký tự.",
    "int_type": lambda e: "Phải là số nguyên.",
    "int_parsing": lambda e: "Phải là số nguyên.",
    "int_from_float": lambda e: "Phải là số nguyên.",
    "greater_than_equal": lambda e: f"Phải lớn hơn hoặc bằng {_ctx(e, 'ge')}.",
    "less_than_equal": lambda e: f"Phải nhỏ hơn hoặc bằng {_ctx(e, 'le')}.",
    "bool_type": lambda e: "Phải là true hoặc false.",
    "bool_parsing": lambda e: "Phải là true hoặc false.",
    "uuid_type": lambda e: "Mã không hợp lệ (cần dạng UUID).",
    "uuid_parsing": lambda e: "Mã không hợp lệ (cần dạng UUID).",
    "enum": lambda e: f"Giá trị không hợp lệ; chọn một trong: {_ctx(e, 'expected')}.",
    "literal_error": lambda e: f"Giá trị không hợp lệ; chọn một trong: {_ctx(e, 'expected')}.",
    "list_type": lambda e: "Phải là danh sách.",
    "too_short": lambda e: f"Cần ít nhất {_ctx(e, 'min_length')} phần tử.",
    "too_long": lambda e: f"Nhiều nhất {_ctx(e, 'max_length')} phần tử.",
    "dict_type": lambda e: "Phải là đối tượng JSON.",
    "model_type": lambda e: "Phải là đối tượng JSON.",
    "model_attributes_type": lambda e: "Phải là đối tượng JSON.",
    "json_invalid": lambda e: "Nội dung không phải JSON hợp lệ.",
    "json_type": lambda e: "Nội dung không phải JSON hợp lệ.",
    "extra_forbidden": lambda e: "Trường này không được hỗ trợ.",
    "value_error": lambda e: str(_ctx(e, "error") or "Giá trị không hợp lệ."),
    "assertion_error": lambda e: str(_ctx(e, "error") or "Giá trị không hợp lệ."),
}


def _message_for(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind](error)
    if kind.startswith("date"):
        return "Ngày không hợp lệ; dùng dạng YYYY-MM-DD."
    if kind.startswith("datetime") or kind.startswith("timezone"):
        return ("Thời điểm không hợp lệ; dùng dạng ISO 8601 có múi giờ, "
                "ví dụ 2026-11-20T08:30:00+07:00.")
    return "Giá trị không hợp lệ."


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    """("body", "payload", "file_ids", 0) -> "file_ids.0"; ("query", "page") -> "page"."""
    parts = [str(p) for p in loc[1:]]
    if loc and loc[0] in {"body", "form", "file"} and len(parts) > 1:
        parts = parts[1:]  # the view's parameter name, meaningless to clients
    return ".".join(parts) or str(loc[0] if loc else "body")


def validation_fields(errors: list[dict[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        fields.setdefault(_field_name(tuple(error.get("loc", ()))), _message_for(error))
    return fields


# --- Handlers ---------------------------------------------------------------------------


def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    extra: dict[str, Any] = {}
    if isinstance(exc, DuplicateFound):
        extra = {"duplicates": exc.duplicates, "hidden_duplicates": exc.hidden}
    return error_response(exc.status, exc.message, code=exc.code, fields=exc.fields, **extra)


def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = validation_fields(list(exc.errors))
    if any(e.get("type") in {"json_invalid", "json_type"} for e in exc.errors):
        return error_response(400, "Nội dung gửi lên không phải JSON hợp lệ.", fields=fields)
    return error_response(422, INVALID_INPUT, fields=fields)


def _authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = REFUSED_MESSAGE if request.headers.get("Authorization") else None
    response = error_response(401, message)
    response["WWW-Authenticate"] = 'Bearer realm="vanphong"'
    return response


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        # ninja raises this for a body it cannot parse (e.g. broken multipart or JSON)
        return error_response(400, "Không đọc được nội dung yêu cầu.")
    return error_response(exc.status_code)


def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    seconds = max(1, math.ceil(exc.wait or 1))
    response = error_response(429, MESSAGES[429].format(seconds=seconds), retry_after=seconds)
    response["Retry-After"] = str(seconds)
    return response


def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(404)


def _broken_multipart(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Django's parser refuses a multipart body it cannot read (no boundary, a broken
    one, a truncated body) when the endpoint first reads its files or form fields."""
    return error_response(400, BROKEN_MULTIPART)


def _too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(413)


def _suspicious(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(400)


def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unhandled error in API %s %s", request.method, request.path, exc_info=exc)
    return error_response(500)


Handler = Callable[[HttpRequest, Any], HttpResponse]
HANDLERS: list[tuple[type[Exception], Handler]] = [
    (DomainError, _domain_error),
    (ValidationError, _validation_error),
    (AuthenticationError, _authentication_error),
    (Throttled, _throttled),
    (HttpError, _http_error),
    (Http404, _not_found),
    (RequestDataTooBig, _too_big),
    (MultiPartParserError, _broken_multipart),
    (SuspiciousOperation, _suspicious),
    (Exception, _unexpected),
]


def install_error_handlers(api: NinjaAPI) -> None:
    """The most specific class wins (ninja walks the exception's MRO)."""
    for exc_class, handler in HANDLERS:
        api.add_exception_handler(exc_class, handler)


def json_errors_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a URL-level view so that Django's plain 404 and 405 answers, which never
    reach ninja's exception handlers, come out in the error shape too."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return error_response(404)
        if isinstance(response, HttpResponseNotAllowed):
            json = error_response(405, MESSAGES[405].format(method=request.method))
            json["Allow"] = response["Allow"]
            return json
        return response

    return wrapped


@csrf_exempt  # the API authenticates with tokens, never cookies
def unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return error_response(404)


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """Response declarations for an operation's error statuses (all the same shape)."""
    return dict.fromkeys(statuses, ErrorOut)
