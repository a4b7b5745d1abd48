"""URLs: a password in a URL is sent to its host and never shown; a redirect never leads from a
public host into this machine or the local network. Local servers only (see `test_html.py`)."""

from __future__ import annotations

import base64
import html
import http.server
import json
import re
import socket
import threading
import time
from xml.etree import ElementTree

import pytest

from conftest import run_cli, seed
from gaic_lint.model import InputError
from gaic_lint.readers.fetch import fetch, redact, redirect_refusal

USER, PASSWORD = "alice", "s3cret-口令"


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: list[str]
    target: str = ""

    def log_message(self, *args):
        pass

    def _send(self, code: int, body: bytes = b"", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.hits.append(self.path)
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if self.path == "/private":
            if self.headers.get("Authorization") != f"Basic {token}":
                return self._send(401, b"login")
            return self._send(200, seed("003").read_bytes())
        if self.path == "/report.txt":  # seed 000: a report with findings, behind a password
            if self.headers.get("Authorization") != f"Basic {token}":
                return self._send(401, b"login")
            return self._send(200, seed("000").read_bytes())
        if self.path == "/missing":
            return self._send(404, b"no")
        if self.path == "/away":  # a redirect to another host: the password must not follow it
            return self._send(302, headers=[("Location", f"{self.target}/echo")])
        if self.path == "/echo":
            return self._send(200 if "Authorization" not in self.headers else 500, seed("003").read_bytes())
        if self.path.startswith("/to"):
            return self._send(302, headers=[("Location", self.target + self.path[3:])])
        return self._send(404)


def _serve(host: str, family=socket.AF_INET):
    hits: list[str] = []
    handler = type("Handler", (_Handler,), {"hits": hits})

    class Server(http.server.ThreadingHTTPServer):
        address_family = family

    httpd = Server((host, 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return httpd, handler, hits


@pytest.fixture
def loopback():
    httpd, handler, hits = _serve("127.0.0.1")
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler, hits
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.mark.parametrize(("origin", "target", "refused"), [
    ("http://8.8.8.8/a", "http://127.0.0.1:8080/admin", "本机"),
    ("http://8.8.8.8/a", "http://localhost/", "本机"),
    ("http://8.8.8.8/a", "http://[::1]/", "本机"),
    ("http://8.8.8.8/a", "http://[::ffff:127.0.0.1]/", "本机"),
    ("http://8.8.8.8/a", "http://2130706433/", "本机"),  # 127.0.0.1 written as one number
    ("http://8.8.8.8/a", "http://0.0.0.0/", "本机"),
    ("http://8.8.8.8/a", "http://10.0.0.1/", "内部网络"),
    ("http://8.8.8.8/a", "http://192.168.1.1/", "内部网络"),
    ("http://8.8.8.8/a", "http://169.254.169.254/latest/meta-data/", "内部网络"),
    ("http://8.8.8.8/a", "http://[fd00::1]/", "内部网络"),
    ("http://10.0.0.5/a", "http://127.0.0.1/", "本机"),
    ("http://8.8.8.8/a", "http://1.1.1.1/b", None),
    ("http://10.0.0.5/a", "http://10.0.0.6/", None),
    ("http://127.0.0.1:1/a", "http://127.0.0.1:2/", None),  # the user asked for this machine
    ("http://127.0.0.1:1/a", "http://8.8.8.8/", None),
])
def test_redirect_refusal(origin, target, refused):
    reason = redirect_refusal(origin, target)
    if refused is None:
        assert reason is None
    else:
        assert reason is not None and refused in reason


def test_redirect_from_the_network_into_loopback_is_refused_before_connecting(loopback):
    """A server on this machine's network address (not loopback) redirects to a loopback server."""
    inner, _, inner_hits = loopback
    try:
        outer, handler, outer_hits = _serve(_network_address())
    except OSError:
        pytest.skip("no network interface besides loopback")
    handler.target = inner
    try:
        url = f"http://{outer.server_address[0]}:{outer.server_address[1]}/to/private"
        with pytest.raises(InputError) as info:
            fetch(url)
        assert "重定向到了本机地址" in info.value.message
        assert outer_hits == ["/to/private"] and inner_hits == []
    finally:
        outer.shutdown()
        outer.server_close()


def _network_address() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        address = s.getsockname()[0]
    if address.startswith("127."):
        raise OSError("loopback only")
    return address


def test_credentials_are_sent_and_never_shown(loopback):
    base, handler, hits = loopback
    host = base.removeprefix("http://")
    data, *_ = fetch(f"http://{USER}:{PASSWORD}@{host}/private")
    assert data == seed("003").read_bytes()
    for path in ("/missing", "/private-nope"):
        with pytest.raises(InputError) as info:
            fetch(f"http://{USER}:{PASSWORD}@{host}{path}")
        assert PASSWORD not in info.value.message
        assert f"http://{USER}:***@{host}{path}" in info.value.message
    r = run_cli("--format", "json", f"http://{USER}:{PASSWORD}@{host}/missing")
    assert r.returncode == 2 and "***@" in r.stdout
    messages = [line for line in r.stdout.splitlines() if '"message"' in line]
    assert messages and not any(PASSWORD in m for m in messages)


def test_credentials_do_not_follow_a_redirect(loopback):
    base, handler, hits = loopback
    handler.target = base  # same server, but the header is unredirected: /echo fails with 500 if it comes
    host = base.removeprefix("http://")
    data, *_ = fetch(f"http://{USER}:{PASSWORD}@{host}/away")
    assert data == seed("003").read_bytes() and hits == ["/away", "/echo"]


@pytest.mark.parametrize("url", ["https://user:pw-secret@example.com:99999/x", "http://u:pw-secret@[::1/x",
                                 "http://u:pw-secret@/x"])
def test_malformed_urls_are_input_errors_without_the_password(url):
    with pytest.raises(InputError) as info:
        fetch(url)
    assert "pw-secret" not in info.value.message


def test_redact():
    assert redact("https://a:b@example.com:8443/x?y=1") == "https://a:***@example.com:8443/x?y=1"
    # A user name alone is often a token: hidden whole.
    assert redact("https://ghp_token@example.com/x") == "https://***@example.com/x"
    assert redact("http://u:p@w@[::1/x") == "http://u:***@[::1/x"  # urllib refuses it; still redacted
    assert redact("HTTP://u:p@h") == "HTTP://u:***@h"
    assert redact("https://example.com/x@y") == "https://example.com/x@y"


# ---- the download deadline, from any thread


class _Drip(http.server.BaseHTTPRequestHandler):
    """Sends a report one byte every 50 ms (`/body`), or endless header lines at that pace
    (`/headers`): never silent long enough for a socket timeout, never done."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        try:
            if self.path == "/headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for _ in range(400):
                    self.wfile.write(b"X-Drip: 1\r\n")
                    self.wfile.flush()
                    time.sleep(0.05)
                return
            body = seed("003").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for i in range(len(body)):
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:  # the client gave up: what the test wants
            pass


@pytest.mark.parametrize("what", ["body", "headers"])
def test_the_download_deadline_holds_in_a_worker_thread(what):
    from gaic_lint.readers.registry import ReaderOptions

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    outcome: dict = {}

    def download():
        started = time.monotonic()
        try:
            fetch(f"http://127.0.0.1:{server.server_port}/{what}", ReaderOptions(timeout=0.5))
        except InputError as exc:
            outcome["message"] = exc.message
        outcome["seconds"] = time.monotonic() - started

    # SIGALRM, the per-file limit of the main thread, cannot reach a worker thread: only the
    # download's own deadline (0.8 × 0.5 s) ends this.
    worker = threading.Thread(target=download, daemon=True)
    try:
        worker.start()
        worker.join(10)
        assert not worker.is_alive(), "the download ran past its deadline"
        assert "下载超时" in outcome["message"], outcome
        assert outcome["seconds"] < 0.4 + 1.0, outcome  # the deadline and a busy machine's latency
    finally:
        server.shutdown()
        server.server_close()


# ---- a URL in the file column of every format


def _files_named(fmt: str, out: str) -> set[str]:
    """Every file name an output gives, as its format writes names (decoded where it encodes them)."""
    if fmt in ("text", "concise"):
        # The place begins a finding's line (`url:line:col: CODE …`, `url: F001 …`), the path a row of
        # the verdict table.
        places = re.findall(r"^(https?://\S+?)(?::\d+:\d+)?: [A-Z]+\d+ ", out, re.M)
        return set(places) | set(re.findall(r"^(https?://\S+)  +\S", out, re.M))
    if fmt == "json":
        return {d["file"] for d in json.loads(out)}
    if fmt == "json-lines":
        return {json.loads(line)["file"] for line in out.splitlines()}
    if fmt == "json-report":
        data = json.loads(out)
        return {f["path"] for f in data["files"]} | {d["file"] for f in data["files"] for d in f["diagnostics"]}
    if fmt == "sarif":
        run = json.loads(out)["runs"][0]
        return {a["location"]["uri"] for a in run["artifacts"]} | {
            loc["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"] for loc in r["locations"]}
    if fmt == "gitlab":
        return {i["location"]["path"] for i in json.loads(out)}
    if fmt == "github":
        props = re.findall(r"^::\w+ file=([^,]*),", out, re.M)
        return {p.replace("%3A", ":").replace("%2C", ",").replace("%25", "%") for p in props}
    if fmt == "junit":
        root = ElementTree.fromstring(out)
        return {p.get("value") for p in root.iter("property") if p.get("name") == "path"}
    if fmt == "html":
        return {html.unescape(m) for m in re.findall(r'<a class="file" href="([^"]*)">', out)} | {
            html.unescape(m) for m in re.findall(r'data-file="([^"]*)"', out)}
    raise AssertionError(fmt)


FORMATS = ["text", "concise", "json", "json-lines", "json-report", "junit", "sarif", "github", "gitlab", "html"]


def test_a_url_is_named_exactly_and_without_its_password_in_every_format(loopback):
    base, handler, hits = loopback
    host = base.removeprefix("http://")
    report, missing = (f"http://{USER}:{PASSWORD}@{host}{path}" for path in ("/report.txt", "/missing"))
    shown = {f"http://{USER}:***@{host}/report.txt", f"http://{USER}:***@{host}/missing"}
    for fmt in FORMATS:
        r = run_cli("--format", fmt, "--color", "never", report, missing)
        assert r.returncode == 2, (fmt, r.stderr)
        assert PASSWORD not in r.stdout + r.stderr, fmt
        named = _files_named(fmt, r.stdout)
        assert named == shown, (fmt, named)
        # The unreadable one says why, naming the URL the same way.
        assert f"http://{USER}:***@{host}/missing" in html.unescape(r.stdout.replace("%3A", ":")), fmt
    assert hits.count("/report.txt") == len(FORMATS)


def test_a_url_in_the_verdict_table_and_in_fix_messages_has_no_password(loopback):
    base, handler, hits = loopback
    host = base.removeprefix("http://")
    report = f"http://{USER}:{PASSWORD}@{host}/report.txt"
    r = run_cli("--format", "text", "--quiet", report, report.replace("report", "missing"))
    assert PASSWORD not in r.stdout and f"http://{USER}:***@{host}/report.txt " in r.stdout
    r = run_cli("--diff", report)
    assert PASSWORD not in r.stdout + r.stderr and "***@" in r.stderr
