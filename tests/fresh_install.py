"""A second, fresh installation of the product for tests that carry something from one
installation to another (an archival package): its own data folder and SQLite database,
migrated from nothing, the demo office's organization chart and people (no documents), and
its own web server (gunicorn, as `make run` serves) on a free port."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUP = (
    "from vanphong.demo.orgchart import build_office; "
    "build_office(password={password!r})"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(folder: Path, database_url: str | None = None) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items()
            if not k.startswith(("VANPHONG_", "DATABASE_URL", "DJANGO_", "PYTEST_"))}
    return {**keep, "VANPHONG_DATA_DIR": str(folder), "VANPHONG_TASKS": "immediate",
            "DATABASE_URL": database_url or f"sqlite:///{folder / 'vanphong.sqlite3'}",
            "VANPHONG_STATIC_ROOT": str(folder / "static"),
            "DJANGO_SETTINGS_MODULE": "vanphong.settings"}


def _manage(environment: dict[str, str], *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment,  # noqa: S603
                   check=True, capture_output=True, timeout=600)


@contextlib.contextmanager
def fresh_installation(
    folder: Path, *, password: str, database_url: str | None = None,
    before_start: Callable[[dict[str, str]], None] | None = None,
) -> Iterator[str]:
    """Yield the base URL of a fresh installation; stop its server afterwards.
    `database_url`: an empty database of its own instead of SQLite in `folder`;
    `before_start(environment)`: run once it is set up, before its server starts."""
    environment = _environment(folder, database_url)
    _manage(environment, "migrate", "--noinput")
    _manage(environment, "collectstatic", "--noinput", "-v", "0")
    _manage(environment, "shell", "-c", SETUP.format(password=password))
    if before_start is not None:
        before_start(environment)
    port = _free_port()
    log = folder / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603
            [str(Path(sys.executable).parent / "gunicorn"), "vanphong.wsgi", "--bind",
             f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--timeout", "300"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/dang-nhap/", timeout=5).close()  # noqa: S310
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the fresh installation did not start: "
                                       + log.read_text(errors="replace")[-2000:]) from None
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(condition: Callable[[], object], *, seconds: float, what: str) -> object:
    """Poll `condition` until it gives something true (returned), or fail naming `what`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")
