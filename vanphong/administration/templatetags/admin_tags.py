"""Small helpers for the administration templates."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_nav_link(context: template.Context, url_name: str, label: str, prefixes: str) -> str:
    """A sub-navigation link, marked current when the page's URL name starts with one of
    the comma-separated prefixes (e.g. "person,position" for people and their posts)."""
    match = getattr(context.get("request"), "resolver_match", None)
    current = match.url_name if match else ""
    active = any(current.startswith(p) for p in prefixes.split(","))
    if active:
        return format_html(
            '<li class="nav-item"><a class="nav-link active text-nowrap" href="{}" '
            'aria-current="page">{}</a></li>', reverse(url_name), label,
        )
    return format_html('<li class="nav-item"><a class="nav-link text-nowrap" href="{}">{}</a></li>',
                       reverse(url_name), label)
