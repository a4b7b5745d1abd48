"""URLs: a password in a URL is sent to its host and never shown; a redirect never leads from a
public host into this machine or the local network. Local servers only (see `test_html.py`)."""

from __future__ import annotations

import base64
import http.server
import socket
import threading

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
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
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
        assert PASSWORD not in info.value.message and USER not in info.value.message
        assert f"http://***@{host}{path}" in info.value.message
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
    assert redact("https://a:b@example.com:8443/x?y=1") == "https://***@example.com:8443/x?y=1"
    assert redact("https://example.com/x@y") == "https://example.com/x@y"
