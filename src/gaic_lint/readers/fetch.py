"""Reports given as http(s) URLs: download with limits, then read the bytes like a file.

The network is touched only here, and only for a URL the user typed. The download is bounded in
time (a socket timeout and an overall wall-clock deadline that closes the connection when it passes,
from whatever thread the download runs in), size (read in chunks, stopped at the limit) and
redirects (at most five, http and https only, never from a public host into this machine or the local
network). What comes back is read by its content: a portal page, but also a PDF or .docx served
directly. A user name and password in the URL are sent as HTTP basic authentication to that host only
(not after a redirect) and never appear in a message.
"""

from __future__ import annotations

import threading

from ..model import Document, InputError
from ..paths import is_url, redact
from ..records import replace
from ..text.charsets import codec_for
from . import registry
from .registry import ReaderOptions

__all__ = ["fetch", "is_url", "read_url", "redact", "redirect_refusal"]

USER_AGENT = "gaic-lint (+https://pypi.org/project/gaic-lint/) Python-urllib"
MAX_REDIRECTS = 5
MAX_DOWNLOAD = 20 * 1024 * 1024
DEFAULT_TIMEOUT = 15.0
_CHUNK = 64 * 1024

# Servers label downloads vaguely; for these the bytes decide.
_VAGUE = {"", "application/octet-stream", "application/download", "application/force-download",
          "binary/octet-stream", "application/x-download", "application/unknown"}
_HTTP_REASONS = {400: "请求无效", 401: "需要登录", 403: "禁止访问", 404: "页面不存在", 410: "页面已删除",
                 429: "请求过于频繁", 500: "服务器内部错误", 502: "网关错误", 503: "服务暂不可用",
                 504: "网关超时"}


# Where an address points, from the outside in: a redirect may not go further in than the URL the
# user gave (a public portal must not send us to this machine or to the local network).
_PUBLIC, _LOCAL_NETWORK, _THIS_MACHINE = 0, 1, 2


def _reach(address: str) -> int:
    import ipaddress

    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_unspecified:
        return _THIS_MACHINE
    if ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast or not ip.is_global:
        return _LOCAL_NETWORK
    return _PUBLIC


def _reaches(host: str, port: int | None) -> set[int]:
    """How far in each address `host` resolves to lies; empty when it does not resolve (the
    connection will then fail and say so)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port or 80, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError, ValueError):
        return set()
    return {_reach(info[4][0]) for info in infos}


def redirect_refusal(origin: str, target: str) -> str | None:
    """Why a redirect from URL `origin` to URL `target` is refused, or None. Refused: a target that
    lies further in than the origin (public → local network or this machine, local network → this
    machine), the way a server-side request forgery reaches what only the user's machine can."""
    import urllib.parse

    try:
        source, dest = urllib.parse.urlsplit(origin), urllib.parse.urlsplit(target)
        ports = source.port, dest.port
    except ValueError:
        return None  # not a usable address: urllib refuses it on its own
    if not dest.hostname:
        return None
    to = _reaches(dest.hostname, ports[1])
    if not to or max(to) == _PUBLIC:
        return None
    start = _reaches(source.hostname or "", ports[0]) or {_PUBLIC}
    if max(to) > min(start):
        where = "本机" if max(to) == _THIS_MACHINE else "内部网络"
        return f"重定向到了{where}地址 {redact(target)}，已拒绝（防止外部网站借此访问本机或内部网络）"
    return None


def _timeouts(options: ReaderOptions) -> tuple[float, float]:
    """(socket timeout, overall deadline) in seconds. A per-file time limit (`timeout` in the
    configuration) shortens both, leaving time to parse what was downloaded and to say which of
    the two ran out."""
    limit = options.timeout
    socket_timeout = DEFAULT_TIMEOUT
    if not limit:
        return socket_timeout, 4 * socket_timeout
    socket_timeout = min(socket_timeout, limit / 2)
    return socket_timeout, max(limit * 0.8, socket_timeout)


class _Watchdog:
    """Shuts every connection of one download when its deadline passes.

    SIGALRM (the per-file limit) reaches only the main thread, and a socket timeout only a server that
    falls silent: one that drips a byte of headers or body now and then would hold a read for ever.
    Shutting the sockets down ends any blocked read at once, in any thread. Name resolution is not a
    socket of ours: it is bounded by the system resolver's own timeouts."""

    def __init__(self, seconds: float):
        self.expired = False
        self._sockets: list = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def watch(self, sock):
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()


def _shut(sock) -> None:
    import socket

    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed or never connected
        pass


def _handlers(watchdog: _Watchdog) -> list:
    """urllib handlers whose connections are watched by `watchdog`: the TCP socket as soon as it is
    connected (so a stalled TLS handshake is cut too), the TLS socket once it wraps it."""
    import http.client
    import socket
    import urllib.request

    def watched(base):
        class Connection(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._create_connection = lambda *a, **k: watchdog.watch(socket.create_connection(*a, **k))

            def connect(self):
                super().connect()
                watchdog.watch(self.sock)

        return Connection

    class Http(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(watched(http.client.HTTPConnection), req)

    class Https(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(watched(http.client.HTTPSConnection), req, context=self._context)

    return [Http, Https]


def fetch(url: str, options: ReaderOptions | None = None) -> tuple[bytes, str, str | None, str]:
    """Download `url`. Returns (body, media type, charset, final URL after redirects)."""
    import http.client
    import ssl
    import urllib.error
    import urllib.parse
    import urllib.request

    options = options or ReaderOptions()
    shown = redact(url)
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise InputError(url, f"网址 {shown} 无效：无法解析") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(url, f"网址 {shown} 无效：只支持 http:// 或 https:// 开头、带有域名的网址")
    credentials = None
    if "@" in parts.netloc:
        credentials = (urllib.parse.unquote(parts.username or ""), urllib.parse.unquote(parts.password or ""))
        url = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
    socket_timeout, deadline_after = _timeouts(options)
    limit = min(options.max_file_size or MAX_DOWNLOAD, MAX_DOWNLOAD)

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            scheme = urllib.parse.urlsplit(newurl).scheme.lower()
            if scheme not in ("http", "https"):
                raise InputError(url, f"网址 {shown} 重定向到了不支持的地址 {redact(newurl)}（只允许 http/https）")
            refusal = redirect_refusal(url, newurl)
            if refusal:
                raise InputError(url, f"网址 {shown} {refusal}")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    watchdog = _Watchdog(deadline_after)
    opener = urllib.request.build_opener(Redirects, *_handlers(watchdog))
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/pdf,"
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    })
    if credentials is not None:
        import base64

        token = base64.b64encode(":".join(credentials).encode("utf-8")).decode("ascii")
        # Unredirected: the password goes to the host the user named, not to wherever it redirects.
        request.add_unredirected_header("Authorization", f"Basic {token}")
    host = parts.hostname
    late = f"下载超时（{deadline_after:g} 秒内未下载完）"

    def fail(reason: str) -> InputError:
        # A connection cut by the watchdog ends in whatever error the read was in: say why.
        return InputError(url, f"无法获取网址 {shown}：{late if watchdog.expired else reason.replace(url, shown)}")

    try:
        with watchdog, opener.open(request, timeout=socket_timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.strip().isdigit() and int(length) > limit:
                raise fail(f"内容大小 {int(length)} 字节超过上限 {limit} 字节，未下载")
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read(_CHUNK)
                if watchdog.expired:
                    raise fail(late)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise fail(f"内容超过上限 {limit} 字节，已停止下载")
                chunks.append(chunk)
            _check_complete(length, size, fail)
            data = b"".join(chunks)
            media = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            charset = response.headers.get_content_charset()
            encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
            final = redact(response.geturl())
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise fail(f"重定向次数过多（超过 {MAX_REDIRECTS} 次）或重定向地址缺失（HTTP {exc.code}）") from None
        reason = _HTTP_REASONS.get(exc.code) or exc.reason or "请求失败"
        raise fail(f"服务器返回 HTTP {exc.code}（{reason}）") from None
    except urllib.error.URLError as exc:
        raise fail(_network_reason(exc.reason, host, socket_timeout)) from None
    except TimeoutError:
        raise fail(f"连接超时（{socket_timeout:g} 秒内没有响应）") from None
    except (http.client.HTTPException, ssl.SSLError, OSError, ValueError) as exc:
        raise fail(_network_reason(exc, host, socket_timeout)) from None

    if encoding in ("gzip", "x-gzip", "deflate"):
        data = _decompress(data, encoding, limit, fail)
    if not data or data.isspace():  # as `not data.strip()`, without copying the response
        raise fail("服务器返回的内容为空")
    return data, media, charset, final


def _check_complete(length: str | None, size: int, fail) -> None:
    # http.client ends a read quietly when the server closes the connection early; a report cut off
    # mid-way would then be linted as if its later parts were missing.
    if length and length.strip().isdigit() and size < int(length):
        raise fail(f"下载不完整：服务器声明 {int(length)} 字节，连接在 {size} 字节处中断，请重试")


def _network_reason(reason, host: str, timeout: float) -> str:
    import socket
    import ssl

    if isinstance(reason, socket.gaierror):
        return f"无法解析域名 {host}（网址写错了，或没有网络连接）"
    if isinstance(reason, ConnectionRefusedError):
        return f"服务器 {host} 拒绝连接"
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return f"连接超时（{timeout:g} 秒内没有响应）"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"HTTPS 证书验证失败（{reason.verify_message or reason}）"
    if isinstance(reason, ConnectionResetError):
        return "连接被服务器中断"
    if isinstance(reason, ssl.SSLError):
        return f"HTTPS 连接失败（{reason}）"
    if type(reason).__name__ in ("RemoteDisconnected", "IncompleteRead", "BadStatusLine"):
        return "服务器未返回完整的响应，连接中断"
    text = getattr(reason, "strerror", None) or str(reason)
    return f"网络错误（{text}）"


def _decompress(data: bytes, encoding: str, limit: int, fail) -> bytes:
    import zlib

    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        try:  # "deflate" is sent raw by some servers
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            out = inflater.decompress(data, limit + 1)
        except zlib.error:
            raise fail(f"服务器声明内容经 {encoding} 压缩，但无法解压") from None
    if len(out) > limit:
        raise fail(f"解压后的内容超过上限 {limit} 字节")
    return out


def read_url(url: str, options: ReaderOptions) -> Document:
    """Fetch a URL and read what it serves with the reader for its content."""
    data, media, charset, final = fetch(url, options)
    sniffed = registry.sniff(data)
    content_types = registry.media_types()
    if sniffed is not None:
        fmt = sniffed
    elif media in content_types:
        fmt = content_types[media]
    elif media in _VAGUE or media.startswith("text/"):
        import urllib.parse

        fmt = registry.format_for(urllib.parse.urlsplit(final).path) or ("html" if b"<" in data[:4096] else "text")
    else:
        raise InputError(url, f"网址 {redact(url)} 返回的内容类型是 {media}，不是可检查的报告（网页、PDF、Word 或文本）")
    reader_options = replace(options, base_url=final)
    if charset:
        reader_options = replace(reader_options, http_charset=charset)
        if fmt in ("text", "markdown") and not options.encoding:
            reader_options = replace(reader_options, encoding=codec_for(charset))
    document = registry.read_bytes(url, data, reader_options, declared=fmt)
    document.metadata.setdefault("url", final)
    return document
