from django.http import HttpRequest


def acting(request: HttpRequest) -> dict[str, object]:
    """Who the person is working for (the header's "Làm việc cho"); what the menu offers is
    asked of the gatekeepers by `vanphong.home.menu`."""
    return {"acting": getattr(request, "acting", None)}
