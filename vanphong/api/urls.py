"""The REST API under /api/v1/: bearer-token authentication, one error shape, and the
OpenAPI document at /api/v1/openapi.json (no Swagger page: it would load from a CDN)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import URLPattern, re_path
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.operation import Operation

from vanphong.api import (
    archive,
    files,
    incoming,
    intake,
    notices,
    organizations,
    outgoing,
    programmes,
    records,
    registers,
    schedule,
    search,
    tasks,
)
from vanphong.api.auth import BearerToken
from vanphong.api.errors import install_error_handlers, json_errors_view, unknown_path
from vanphong.api.throttling import PerUserThrottle

DESCRIPTION = """API của Một Văn Phòng.

Xác thực: tiêu đề `Authorization: Bearer <mã truy cập>`; mã được cấp bằng lệnh
`python manage.py issue_token <tên đăng nhập>`. Số yêu cầu có giới hạn (mặc định 600 mỗi
phút cho mỗi người; 30 mỗi phút cho mỗi địa chỉ gửi không kèm mã hợp lệ); vượt quá thì
nhận 429 với tiêu đề `Retry-After` (số giây cần đợi). Mọi lỗi có cùng một dạng:
`{"error": {"code": "...", "message": "...", "fields": {"tên trường": "lỗi"}}}`.
Quyền xem và thao tác giống hệt giao diện web: văn bản không tồn tại và văn bản không
được xem đều trả về 404."""


def _query_names(operation: Operation) -> frozenset[str]:
    names: set[str] = set()
    for model in operation.models:
        if model.__ninja_param_source__ == "query":
            names |= set(getattr(model, "__ninja_flatten_map__", None) or model.model_fields)
    return frozenset(names)


def refuse_unknown_query(operation: Operation) -> None:
    """Answer 422 for a query parameter the operation does not declare: a mistyped
    filter (`?organisation=3`) must not silently return everything.

    Checked where ninja collects the parameters (after authentication), so the error
    comes out like any other validation error.
    """
    allowed = _query_names(operation)
    collect = operation._get_values

    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        unknown = [name for name in request.GET if name not in allowed]
        if unknown:
            raise ValidationError([{"loc": ("query", name), "type": "extra_forbidden"}
                                   for name in unknown])
        return collect(request, *args, **kwargs)

    operation._get_values = checked  # type: ignore[method-assign]


#: Any operation may answer 429 when its caller goes over a limit (`throttling.py`).
THROTTLED = {
    "description": "Too Many Requests",
    "headers": {"Retry-After": {"description": "Số giây cần đợi trước khi gửi lại.",
                                "schema": {"type": "integer"}}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}


class VanphongAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault("429", THROTTLED)
        return schema

    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.view_func.__name__)

    def _get_urls(self) -> list[Any]:
        urls = super()._get_urls()
        for router in self._get_bound_routers():
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    refuse_unknown_query(operation)
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                pattern.callback = json_errors_view(pattern.callback)
        # Anything else under /api/v1/ is a JSON 404, not Django's HTML page.
        # (an empty pattern matches every rest of path, even one holding a line break)
        return [*urls, re_path(r"", unknown_path, name="unknown")]


api = VanphongAPI(
    title="Một Văn Phòng API", version="1", description=DESCRIPTION, urls_namespace="api",
    docs_url=None, auth=BearerToken(), throttle=[PerUserThrottle()],
)
install_error_handlers(api)
api.add_router("", organizations.router)
api.add_router("", files.router)
api.add_router("", incoming.router)
api.add_router("", outgoing.router)
api.add_router("", registers.router)
api.add_router("", intake.router)
api.add_router("", search.router)
api.add_router("", tasks.router)
api.add_router("", notices.router)
api.add_router("", programmes.router)
api.add_router("", schedule.router)
api.add_router("", records.router)
api.add_router("", archive.router)
