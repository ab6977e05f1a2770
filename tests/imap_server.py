"""A real IMAP server for tests: Debian's Dovecot, started in its own temporary folder on
free ports, with one test user and a self-signed certificate for 127.0.0.1.

The fixture is skipped when Dovecot is not installed (`apt-get install dovecot-imapd`),
unless VANPHONG_REQUIRE_IMAP=1 (CI), where a missing server fails the run.
"""

from __future__ import annotations

import dataclasses
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from imapclient import IMAPClient

DOVECOT = "/usr/sbin/dovecot"
OPENSSL = "/usr/bin/openssl"
USER, PASSWORD = "vanthu", "mat-khau-thu"
START_TIMEOUT = 15.0


@dataclasses.dataclass
class ImapServer:
    host: str
    port: int
    ssl_port: int
    user: str
    password: str
    cert_file: Path
    folder: Path
    log_file: Path

    def connect(self) -> IMAPClient:
        """A logged-in client on the plain port; the caller logs out."""
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        return client

    def append(self, message: bytes, folder: str = "INBOX") -> None:
        client = self.connect()
        try:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            client.append(folder, message)
        finally:
            client.logout()

    def flags(self, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
        """Each message's flags, by UID."""
        client = self.connect()
        try:
            client.select_folder(folder, readonly=True)
            return {uid: data[b"FLAGS"] for uid, data in
                    client.fetch(client.search("ALL"), ["FLAGS"]).items()}
        finally:
            client.logout()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the `openssl` command Dovecot's
    package depends on (no Python dependency for a test helper)."""
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603 — fixed program and arguments, no shell
        [OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key_file), "-out", str(cert_file)],
        check=True, capture_output=True,
    )
    return cert_file, key_file


def _accounts(home: Path) -> dict[str, str]:
    """Dovecot refuses to run its login and mail processes as root: as root, use the
    users the Debian package creates; otherwise everything runs as the current user."""
    if os.geteuid() == 0:
        mail = pwd.getpwnam("dovecot")
        os.chown(home, mail.pw_uid, mail.pw_gid)
        return {"login": "dovenull", "internal": "dovecot", "group": "dovecot",
                "uid": str(mail.pw_uid), "gid": str(mail.pw_gid)}
    me = pwd.getpwuid(os.getuid())
    return {"login": me.pw_name, "internal": me.pw_name, "group": grp.getgrgid(os.getgid()).gr_name,
            "uid": str(os.getuid()), "gid": str(os.getgid())}


CONFIG = """\
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = {login}
default_internal_user = {internal}
default_internal_group = {group}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={folder}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
  }}
}}
service anvil {{
  chroot =
  # No growing delay after failed logins (tests log in with wrong passwords on purpose).
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""


def _configure(folder: Path) -> ImapServer:
    (folder / "home").mkdir()
    cert, key = _write_certificate(folder)
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    port, ssl_port = _free_port(), _free_port()
    (folder / "dovecot.conf").write_text(CONFIG.format(
        folder=folder, cert=cert, key=key, port=port, ssl_port=ssl_port,
        **_accounts(folder / "home")))
    return ImapServer(host="127.0.0.1", port=port, ssl_port=ssl_port, user=USER,
                      password=PASSWORD, cert_file=cert, folder=folder,
                      log_file=folder / "dovecot.log")


def _wait_until_listening(server: ImapServer, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection((server.host, server.port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    log = server.log_file.read_text() if server.log_file.exists() else ""
    raise RuntimeError(f"Dovecot did not start (exit {process.poll()}):\n{log}")


def _stop(process: subprocess.Popen) -> None:
    # SIGQUIT: the master exits at once (SIGTERM waits a second for its children); the
    # children notice the master is gone and exit too. The folder is deleted anyway.
    process.send_signal(signal.SIGQUIT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    """A fresh Dovecot for the test, with an empty INBOX."""
    if not os.path.exists(DOVECOT):
        if os.environ.get("VANPHONG_REQUIRE_IMAP") == "1":
            pytest.fail("Dovecot is required (VANPHONG_REQUIRE_IMAP=1) but missing")
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd)")
    # Not pytest's tmp_path: Dovecot's login user must be able to walk into the folder.
    folder = Path(tempfile.mkdtemp(prefix="vp-imap-"))
    folder.chmod(0o755)
    try:
        server = _configure(folder)
        process = subprocess.Popen(  # noqa: S603 — fixed program, our own config path
            [DOVECOT, "-F", "-c", str(folder / "dovecot.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            _wait_until_listening(server, process)
            yield server
        finally:
            _stop(process)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
