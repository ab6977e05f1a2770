"""Form pages as a screen reader meets them (issue 18 §5.1): every aria-describedby points to
an element on the page — the help text (id_<field>_helptext) and the error (id_<field>_error)
— each field in error is marked aria-invalid and described by its error, and the error
summary names the fields with links to them. Checked on each form's first view and after a
submit that fails, as the person who uses it."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

FORMS = [
    ("vanthu", "/van-ban-den/vao-so/"),
    ("chuyenvien", "/van-ban-di/soan-thao/"),
    ("vanthu", "/lich-tuan/su-kien/them/"),
    ("chanhvanphong", "/hop/them/"),
    ("chutich", "/nhiem-vu/giao/"),
    ("chutich", "/nhiem-vu/chuong-trinh/them/"),
    ("admin", "/quan-tri/co-quan/them/"),
    ("admin", "/quan-tri/nguoi-dung/them/"),
    ("admin", "/quan-tri/don-vi/them/"),
    ("admin", "/quan-tri/phong-hop/them/"),
]


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, list[str]] = {}
        self.text_of: dict[str, list[str]] = {}
        self.described: list[tuple[str, dict[str, str | None]]] = []
        self.labels_for: list[str] = []
        self._open: list[tuple[str, str | None]] = []
        self.summary_links: list[str] = []
        self._in_summary = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        element_id = values.get("id")
        if element_id:
            self.ids.setdefault(element_id, []).append(tag)
            self.text_of[element_id] = []
        if values.get("aria-describedby"):
            self.described.append((tag, values))
        if tag == "label" and values.get("for"):
            self.labels_for.append(values["for"] or "")
        if self._in_summary and tag == "a":
            self.summary_links.append(values.get("href") or "")
        if "data-error-summary" in values or (self._in_summary and tag == "div"):
            self._in_summary += 1
        if tag not in {"input", "br", "img", "meta", "link", "hr", "option"}:
            self._open.append((tag, element_id))

    def handle_endtag(self, tag):
        if self._in_summary and tag == "div":
            self._in_summary -= 1
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        for _, element_id in self._open:
            if element_id:
                self.text_of[element_id].append(data)


def _markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    return parser


def _problems(html: str) -> list[str]:
    page = _markup(html)
    problems = [f"id {i!r} used {len(tags)} times" for i, tags in page.ids.items()
                if len(tags) > 1]
    for tag, attrs in page.described:
        for ref in (attrs.get("aria-describedby") or "").split():
            if ref not in page.ids:
                problems.append(f"<{tag} name={attrs.get('name')}> aria-describedby={ref!r} "
                                f"points to nothing")
    problems += [f"label for={ref!r} points to nothing" for ref in page.labels_for
                 if ref not in page.ids]
    return problems


@pytest.mark.parametrize(("who", "path"), FORMS)
def test_every_description_of_a_form_field_exists(cast, who, path):
    client = Client()
    client.force_login(getattr(cast, who))
    first = client.get(path)
    assert first.status_code == 200, path
    assert _problems(first.content.decode()) == []

    failed = client.post(path, {"csrfmiddlewaretoken": "-"})  # what a browser sends blank
    assert failed.status_code in (200, 400, 422), (path, failed.status_code)
    html = failed.content.decode()
    assert _problems(html) == []
    page = _markup(html)
    invalid = [attrs for _, attrs in page.described if attrs.get("aria-invalid") == "true"]
    assert invalid, f"{path}: an empty submit marks no field as invalid"
    assert 'data-error-summary' in html, f"{path}: no error summary"
    for attrs in invalid:
        errors = [ref for ref in (attrs.get("aria-describedby") or "").split()
                  if ref.endswith("_error")]
        assert errors, f"{path}: {attrs.get('name')} is invalid but not described by its error"
        assert "".join(page.text_of[errors[0]]).strip(), f"{path}: empty error {errors[0]}"
        field_id = attrs.get("id")
        if field_id:
            assert f"#{field_id}" in page.summary_links, \
                f"{path}: the summary does not link to {field_id}"
