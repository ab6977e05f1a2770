"""The one domain error type. Pages show `message` (Vietnamese); the API maps each
subclass to one HTTP status and one JSON shape: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations


class DomainError(Exception):
    status = 400
    code = "invalid"
    default_message = "Yêu cầu không hợp lệ."

    def __init__(self, message: str | None = None, *, fields: dict[str, str] | None = None):
        self.message = message or self.default_message
        self.fields = fields or {}
        super().__init__(self.message)


class Invalid(DomainError):
    status = 422
    code = "invalid"
    default_message = "Dữ liệu không hợp lệ."


class NotFound(DomainError):
    status = 404
    code = "not_found"
    default_message = "Không tìm thấy hoặc bạn không có quyền xem."


class NotAllowed(DomainError):
    status = 403
    code = "not_allowed"
    default_message = "Bạn không có quyền thực hiện thao tác này."


class Conflict(DomainError):
    status = 409
    code = "conflict"
    default_message = "Dữ liệu vừa được người khác thay đổi; hãy tải lại trang."
