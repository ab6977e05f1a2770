from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from vanphong.audit.context import request_origin
from vanphong.organizations.acting import acting_for


class ActingOrganizationMiddleware:
    """Attach `request.acting` (lazily) and the request origin used by the audit log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            request.acting = SimpleLazyObject(lambda: acting_for(request))  # type: ignore[attr-defined]
        else:
            request.acting = None  # type: ignore[attr-defined]
        with request_origin(request):
            return self.get_response(request)
