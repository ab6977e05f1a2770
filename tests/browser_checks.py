"""What every browser test checks on every page it visits (issue 18 §1.6, §5): no WCAG 2.1
A/AA violation found by axe-core, no Content-Security-Policy violation, and no
aria-describedby / aria-labelledby / aria-controls / label `for` pointing to an id that is
not on the page.

`page_for` attaches a `PageChecks` to each browser context: it records the CSP reports of
every page and the address of every page shown; when the test ends it checks each page as
the test left it, then opens each address the test passed through (one of each kind per
test session, digits ignored) and checks it as it first appeared. A test may also call
`check_page(page)` at a moment worth checking (a form after a failed submit)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# Ids referred to by attributes, which must exist on the page.
MISSING_REFERENCES = """() => {
  const missing = [];
  const attrs = ["aria-describedby", "aria-labelledby", "aria-controls", "aria-errormessage"];
  for (const el of document.querySelectorAll(attrs.map(a => "[" + a + "]").join(","))) {
    for (const attr of attrs) {
      for (const id of (el.getAttribute(attr) || "").split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          missing.push(attr + '="' + id + '" on <' + el.tagName.toLowerCase()
                       + (el.id ? " id=" + el.id : "") + ">");
        }
      }
    }
  }
  for (const label of document.querySelectorAll("label[for]")) {
    if (!document.getElementById(label.htmlFor)) {
      missing.push('label for="' + label.htmlFor + '" (' + label.textContent.trim() + ")");
    }
  }
  return missing;
}"""

# Recorded in the page itself, so a violation is seen even when the console is not.
LISTEN_FOR_CSP = """() => {
  window.__cspViolations = window.__cspViolations || [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline")
      + " " + (e.sourceFile || "") + ":" + (e.lineNumber || ""));
  });
}"""

_axe = Axe()
_checked_kinds: set[str] = set()  # per test process (xdist worker)


def page_kind(url: str) -> str:
    """One kind per path shape and set of query keys: /van-ban-den/12/ and /van-ban-den/13/
    are checked once."""
    parts = urlsplit(url)
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def problems_of(page) -> list[str]:
    """Everything wrong with the page as it is now."""
    found: list[str] = []
    results = _axe.run(page, options=AXE_OPTIONS)
    for violation in results.response.get("violations", []):
        targets = "; ".join(" ".join(node["target"]) if isinstance(node["target"], list)
                            else str(node["target"]) for node in violation["nodes"][:5])
        found.append(f"axe {violation['id']} ({violation['impact']}): {violation['help']} "
                     f"— {targets}")
        for node in violation["nodes"][:2]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            found.append(f"    {summary[:300]}")
    found += [f"missing id: {ref}" for ref in page.evaluate(MISSING_REFERENCES)]
    return found


def check_page(page) -> None:
    """Fail now if the page as it is has an accessibility or CSP problem."""
    problems = problems_of(page) + csp_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def csp_violations(page) -> list[str]:
    try:
        return [f"CSP: {v}" for v in page.evaluate("() => window.__cspViolations || []")]
    except Exception:  # the page is navigating or closed: its console was recorded
        return []


def _is_html_page(page, base_url: str) -> bool:
    if page.is_closed() or not page.url.startswith(base_url):
        return False
    try:
        return bool(page.evaluate("() => document.contentType === 'text/html'"))
    except Exception:
        return False


@dataclass
class PageChecks:
    base_url: str
    console_csp: list[str] = field(default_factory=list)
    visited: dict[str, str] = field(default_factory=dict)  # kind -> first url

    def attach(self, context) -> None:
        context.add_init_script(f"({LISTEN_FOR_CSP})()")
        context.on("page", self._watch)

    def _watch(self, page) -> None:
        page.on("console", self._console)
        page.on("framenavigated", lambda frame: self._navigated(page, frame))

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.console_csp.append(text[:300])

    def _navigated(self, page, frame) -> None:
        if frame != page.main_frame or not frame.url.startswith(self.base_url):
            return
        path = urlsplit(frame.url).path
        if path.startswith(("/dang-xuat", "/static/", "/tep/")):
            return
        self.visited.setdefault(page_kind(frame.url), frame.url)

    def problems(self, context) -> list[str]:
        """Check each page as the test left it, then each kind of page it passed through."""
        found = [f"console: {text}" for text in self.console_csp]
        for page in context.pages:
            if _is_html_page(page, self.base_url):
                _checked_kinds.add(page_kind(page.url))
                found += [f"{page.url}: {p}" for p in problems_of(page) + csp_violations(page)]
        for kind, url in list(self.visited.items()):
            if kind in _checked_kinds:
                continue
            _checked_kinds.add(kind)
            page = context.new_page()
            try:
                response = page.goto(url)
            except Exception:  # a download, or a page that moved on: nothing to check
                page.close()
                continue
            if (response is not None and response.ok
                    and "text/html" in (response.headers.get("content-type") or "")):
                page.wait_for_load_state("load")
                found += [f"{url}: {p}" for p in problems_of(page) + csp_violations(page)]
            page.close()
        return found
