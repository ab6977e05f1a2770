from django.http import HttpRequest

from vanphong.organizations.standing import standing_of


def acting(request: HttpRequest) -> dict[str, object]:
    return {
        "acting": getattr(request, "acting", None),
        "standing": standing_of(getattr(request, "user", None)),
    }
