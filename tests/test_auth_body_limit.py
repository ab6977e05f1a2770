"""Request bodies have a cap (issue 18 §2.7), checked against the served configuration:
gunicorn started with the command of scripts/serve.sh, bodies sent over a raw socket,
the server's temporary folder watched while it reads."""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.test import RequestFactory

from vanphong.body_limit import BodyLimitMiddleware

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 2
CSRF = "a" * 32
BOUNDARY = "vanphongboundary"

# One gunicorn for the module, started with collectstatic: tens of seconds on a busy machine.
pytestmark = pytest.mark.slow


def serve_command() -> str:
    """The gunicorn line of scripts/serve.sh (its continuation lines joined)."""
    script = (ROOT / "scripts" / "serve.sh").read_text().replace("\\\n", " ")
    lines = [line for line in script.splitlines() if "bin/gunicorn" in line]
    assert len(lines) == 1, "scripts/serve.sh should start gunicorn once"
    return lines[0].strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Server:
    def __init__(self, port: int, tmpdir: Path) -> None:
        self.port, self.tmpdir = port, tmpdir

    def folder_size(self) -> int:
        total = 0
        for entry in os.scandir(self.tmpdir):
            with contextlib.suppress(FileNotFoundError):
                total += entry.stat().st_size
        return total


def _wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn stopped"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as s:
            s.sendall(b"GET /dang-nhap/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            if s.recv(12).startswith(b"HTTP/1.1"):
                return
        time.sleep(0.2)
    raise AssertionError("gunicorn did not answer within a minute")


@pytest.fixture(scope="module")
def served(tmp_path_factory, django_db_setup, django_db_blocker) -> Iterator[Server]:
    """One server for the module, on the test database, with its static files collected
    (as `make run` does before serving)."""
    base = tmp_path_factory.mktemp("served")
    tmpdir, data = base / "tmp", base / "data"
    tmpdir.mkdir()
    port = free_port()
    with django_db_blocker.unblock():
        url = database_url()
    env = {**os.environ, "TMPDIR": str(tmpdir), "VANPHONG_DATA_DIR": str(data),
           "DATABASE_URL": url, "VANPHONG_STATIC_ROOT": str(base / "static"),
           "VANPHONG_MAX_UPLOAD_MB": "1", "VANPHONG_MAX_REQUEST_MB": str(LIMIT_MB),
           "VANPHONG_WEB_WORKERS": "1", "VANPHONG_WEB_THREADS": "2",
           "VANPHONG_SECRET_KEY": "test-body-limit"}
    subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic",  # noqa: S603
                    "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    process = subprocess.Popen(  # noqa: S603 — our own serve command, fixed arguments
        ["bash", "-c", f"host=127.0.0.1; port={port}; {serve_command()}"],  # noqa: S607
        cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=(base / "server.log").open("wb"))
    try:
        _wait_until_up(port, process)
        yield Server(port, tmpdir)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


class Watch:
    """The largest size the server's temporary folder reached while watched."""

    def __init__(self, server: Server) -> None:
        self.server, self.largest, self._stop = server, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.largest = max(self.largest, self.server.folder_size())
            time.sleep(0.005)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _status(sock: socket.socket) -> int:
    sock.settimeout(30)
    head = b""
    while b"\r\n" not in head:
        part = sock.recv(4096)
        if not part:
            break
        head += part
    match = re.match(rb"HTTP/1\.1 (\d{3})", head)
    assert match, head[:200]
    return int(match.group(1))


def _readable(sock: socket.socket, timeout: float) -> bool:
    return bool(select.select([sock], [], [], timeout)[0])


def post_with_length(server: Server, size: int) -> int:
    """POST a multipart file of `size` bytes to the login page, as a browser would (with
    a CSRF cookie), sending the body only while the server has not answered."""
    head = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n').encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    length = len(head) + size + len(tail)
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(
            f"POST /dang-nhap/ HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: csrftoken={CSRF}\r\n"
            f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
            f"Content-Length: {length}\r\n\r\n".encode() + head)
        if not _readable(sock, 1.5):
            piece, sent = b"\0" * 65536, 0
            while sent < size and not _readable(sock, 0):
                sock.sendall(piece[: size - sent])
                sent += min(len(piece), size - sent)
            if sent == size:
                sock.sendall(tail)
        return _status(sock)


def post_chunked(server: Server, body: bytes, *, stop_after: int | None = None) -> int:
    """POST `body` chunked (no Content-Length); stop sending after `stop_after` bytes."""
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(
            f"POST /dang-nhap/ HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: csrftoken={CSRF}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode())
        sent = 0
        for start in range(0, len(body), 65536):
            if stop_after is not None and sent >= stop_after:
                break
            piece = body[start:start + 65536]
            sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            sent += len(piece)
        if stop_after is None:
            sock.sendall(b"0\r\n\r\n")
        return _status(sock)


def test_a_large_body_to_the_login_page_is_refused_before_it_is_read(served, transactional_db):
    with Watch(served) as watch:
        status = post_with_length(served, 32 * 1024 * 1024)
    assert status == 413
    assert watch.largest < 256 * 1024, f"{watch.largest} bytes written to the temporary folder"


def test_a_large_chunked_body_is_refused_after_the_limit(served, transactional_db):
    limit = LIMIT_MB * 1024 * 1024
    with Watch(served) as watch:
        status = post_chunked(served, b"x" * (limit + 65536), stop_after=limit + 65536)
    assert status == 413
    assert watch.largest <= limit


def test_a_small_chunked_body_is_read_like_any_other(served, transactional_db, cast, password):
    # The server checks passwords with the real hashers, not the tests' fast one.
    hasher = PBKDF2PasswordHasher()
    cast.vanthu.password = hasher.encode(password, hasher.salt())
    cast.vanthu.save(update_fields=["password"])
    form = f"csrfmiddlewaretoken={CSRF}&username=vanthu&password={password}"
    assert post_chunked(served, form.encode()) == 302  # logged in: the body was read


def test_the_api_answers_413_in_its_error_shape():
    too_long = str(settings.VANPHONG_MAX_REQUEST_MB * 2**20 + 1)
    request = RequestFactory().post("/api/v1/files", b"{}", content_type="application/json",
                                    CONTENT_LENGTH=too_long)
    response = BodyLimitMiddleware(lambda r: pytest.fail("the view must not run"))(request)
    assert response.status_code == 413
    error = json.loads(response.content)["error"]
    assert error["code"] == "too_large"
    assert "tối đa" in error["message"]
