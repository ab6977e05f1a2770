"""The REST API under /api/v1/: bearer-token authentication, one error shape, and the
OpenAPI document at /api/v1/openapi.json (no Swagger page: it would load from a CDN)."""

from __future__ import annotations

from typing import Any

from django.urls import re_path
from ninja import NinjaAPI

from vanphong.api import files, incoming, organizations, registers
from vanphong.api.auth import BearerToken
from vanphong.api.errors import install_error_handlers, json_errors_view, unknown_path

DESCRIPTION = """API của Một Văn Phòng.

Xác thực: tiêu đề `Authorization: Bearer <mã truy cập>`; mã được cấp bằng lệnh
`python manage.py issue_token <tên đăng nhập>`. Mọi lỗi có cùng một dạng:
`{"error": {"code": "...", "message": "...", "fields": {"tên trường": "lỗi"}}}`.
Quyền xem và thao tác giống hệt giao diện web: văn bản không tồn tại và văn bản không
được xem đều trả về 404."""


class VanphongAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.view_func.__name__)

    def _get_urls(self) -> list[Any]:
        urls = super()._get_urls()
        for pattern in urls:
            pattern.callback = json_errors_view(pattern.callback)
        # Anything else under /api/v1/ is a JSON 404, not Django's HTML page.
        return [*urls, re_path(r"^.*$", unknown_path, name="unknown")]


api = VanphongAPI(
    title="Một Văn Phòng API", version="1", description=DESCRIPTION, urls_namespace="api",
    docs_url=None, auth=BearerToken(),
)
install_error_handlers(api)
api.add_router("", organizations.router)
api.add_router("", files.router)
api.add_router("", incoming.router)
api.add_router("", registers.router)
