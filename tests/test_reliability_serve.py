"""`scripts/serve.sh` keeps the web server and the worker running and stops both cleanly.

The real script on a fresh installation (its own data folder and SQLite database, the
database task queue as `make run` uses it), on a free port."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.fresh_install import ROOT, _environment, _free_port, wait_for

STARTED = re.compile(r"Đã chạy (\w+) \(pid (\d+)\)")


def started(log: Path, name: str) -> list[int]:
    return [int(pid) for who, pid in STARTED.findall(log.read_text()) if who == name]


def alive(pid: int) -> bool:
    """Running, not a zombie: a reaped process has no /proc entry left."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status == 200 and "Đăng nhập" in response.read().decode()
    except OSError:
        return False


@pytest.mark.slow
def test_serve_restarts_what_dies_and_stops_everything_on_sigterm(tmp_path):
    environment = {**_environment(tmp_path), "VANPHONG_TASKS": "database",
                   "VANPHONG_WEB_WORKERS": "1", "VANPHONG_WEB_THREADS": "2",
                   "VANPHONG_STOP_GRACE": "20"}
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT,  # noqa: S603
                       env=environment, check=True, capture_output=True, timeout=600)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        serve = subprocess.Popen(["bash", "scripts/serve.sh", "127.0.0.1", str(port)],  # noqa: S603, S607
                                 cwd=ROOT, env=environment, stdout=output,
                                 stderr=subprocess.STDOUT)
    try:
        [worker] = wait_for(lambda: started(log, "worker"), seconds=30, what="the worker")
        [web] = wait_for(lambda: started(log, "web"), seconds=30, what="the web server")
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/dang-nhap/"), seconds=90,
                 what="the web server to answer")

        os.kill(worker, signal.SIGKILL)
        [_, again] = wait_for(lambda: started(log, "worker")[1:] and started(log, "worker"),
                              seconds=30, what="the worker to be started again")
        assert again != worker and alive(again)
        assert not alive(worker)  # reaped, not left a zombie
        assert f"worker (pid {worker}) đã dừng (tín hiệu 9)" in log.read_text()

        os.kill(web, signal.SIGKILL)
        [_, web_again] = wait_for(lambda: started(log, "web")[1:] and started(log, "web"),
                                  seconds=30, what="the web server to be started again")
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/dang-nhap/"), seconds=90,
                 what="the restarted web server to answer")
        everything = [serve.pid, again, web_again, *children(web_again)]
        assert all(alive(pid) for pid in everything)

        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=60) == 0
        wait_for(lambda: not any(alive(pid) for pid in everything), seconds=30,
                 what="every process to stop")
        assert "Nhận SIGTERM: dừng mọi tiến trình" in log.read_text()
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
