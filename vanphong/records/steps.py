"""One shape for every records POST that runs one action: the action's own refusal or bad
input becomes its Vietnamese message — re-rendering the page with 403/422 when the view
gives one, otherwise back where the user came from — and success its message and a
redirect. Views only parse input and choose the action."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from vanphong.errors import DomainError, NotAllowed, NotFound
from vanphong.http import AuthedRequest
from vanphong.records.access import get_dossier_for
from vanphong.records.models import Dossier


def outcome(request: AuthedRequest, attempt: Callable[[], str], *, then: str,
            page: Callable[[int], HttpResponse] | None = None,
            refused: str | None = None) -> HttpResponse:
    """Run `attempt` (which returns the success message). `then` is the URL to go to after
    success, and after a failure when there is no `page`; `refused` replaces the message of
    a NotAllowed (e.g. one naming the object's state)."""
    try:
        done = attempt()
    except DomainError as error:
        denied = isinstance(error, NotAllowed)
        messages.error(request, refused if denied and refused else error.message)
        if page is None:
            return redirect(then)
        return page(403 if denied else 422)
    messages.success(request, done)
    return redirect(then)


def dossier_or_404(request: AuthedRequest, dossier_id: object) -> Dossier:
    """The dossier the user may see, or a 404 that says so in Vietnamese."""
    try:
        return get_dossier_for(request.user, dossier_id)
    except NotFound:
        raise Http404("Không tìm thấy hồ sơ") from None
