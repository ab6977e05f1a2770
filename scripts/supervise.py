"""Keep a few programs running: start each, start it again when it exits, stop them all
on SIGTERM or SIGINT (Ctrl+C). Standard library only, so it runs before Django can.

    supervise.py NAME COMMAND [ARG...] [--- NAME COMMAND [ARG...]]...

A program that exits is started again after a wait that doubles from 1 s up to a minute
(and is back to 1 s once it has run for a minute), so a program failing at start does
not spin. Every child is reaped as soon as it exits (no zombie), gets SIGTERM when the
supervisor stops and SIGKILL if it is not gone after the grace period, and on Linux dies
with the supervisor even if the supervisor itself is killed.
"""

from __future__ import annotations

import ctypes
import dataclasses
import os
import signal
import subprocess
import sys
import time
from types import FrameType

FIRST_WAIT, LONGEST_WAIT = 1.0, 60.0
GRACE = float(os.environ.get("VANPHONG_STOP_GRACE", "30"))
SEPARATOR = "---"


def say(message: str) -> None:
    print(f"[giám sát] {message}", file=sys.stderr, flush=True)


def _die_with_parent() -> None:
    """Linux: deliver SIGTERM to the child when the supervisor dies, however it dies."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@dataclasses.dataclass
class Program:
    name: str
    command: list[str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    wait: float = FIRST_WAIT
    restart_at: float = 0.0

    def start(self) -> None:
        # Its own process group: Ctrl+C reaches the supervisor only, which stops the
        # children in order instead of racing them.
        self.process = subprocess.Popen(  # noqa: S603
            self.command, process_group=0, preexec_fn=_die_with_parent)
        self.started_at = time.monotonic()
        say(f"Đã chạy {self.name} (pid {self.process.pid})")

    def check(self) -> None:
        """Reap it if it exited and plan its restart; restart it when the time comes."""
        now = time.monotonic()
        if self.process is None:
            if now >= self.restart_at:
                self.start()
            return
        code = self.process.poll()
        if code is None:
            return
        if now - self.started_at >= LONGEST_WAIT:
            self.wait = FIRST_WAIT
        how = f"tín hiệu {-code}" if code < 0 else f"mã {code}"
        say(f"{self.name} (pid {self.process.pid}) đã dừng ({how}); "
            f"chạy lại sau {self.wait:.0f} giây")
        self.process, self.restart_at = None, now + self.wait
        self.wait = min(self.wait * 2, LONGEST_WAIT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()

    def finish(self, deadline: float) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            say(f"{self.name} (pid {self.process.pid}) không dừng sau {GRACE:.0f} giây: "
                "buộc dừng")
            self.process.kill()
            self.process.wait()


def parse(arguments: list[str]) -> list[Program]:
    programs, group = [], []
    for argument in [*arguments, SEPARATOR]:
        if argument != SEPARATOR:
            group.append(argument)
            continue
        if len(group) < 2:
            raise SystemExit(f"usage: {sys.argv[0]} NAME COMMAND [ARG...] [--- NAME ...]")
        programs.append(Program(name=group[0], command=group[1:]))
        group = []
    return programs


def main(arguments: list[str]) -> int:
    programs = parse(arguments)
    stopping: list[str] = []

    def on_signal(number: int, frame: FrameType | None) -> None:
        stopping.append(signal.Signals(number).name)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    for program in programs:
        program.start()
    while not stopping:
        for program in programs:
            program.check()
        time.sleep(0.2)
    say(f"Nhận {stopping[0]}: dừng mọi tiến trình")
    for program in programs:
        program.stop()
    deadline = time.monotonic() + GRACE
    for program in programs:
        program.finish(deadline)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
