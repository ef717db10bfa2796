#!/usr/bin/env python3
"""Full-page screenshot of a URL with headless Chromium, driven over the
Chrome DevTools Protocol (CDP). Standard library only (a minimal WebSocket
client is included). Called by scripts/screenshot:

    screenshot.py URL OUT.png WIDTH HEIGHT [COOKIE]

COOKIE is "name=value" (several may be joined with "; "); it is set for the
URL's host before navigating. Environment:
    CHROMIUM                  the browser binary (default: chromium on PATH)
    ZHENGTONG_SHOT_TIMEOUT    seconds to wait for the page's load event (30)
    ZHENGTONG_SHOT_SETTLE     seconds to wait after load, for late rendering (0.5)
"""

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

MAX_HEIGHT = 16384  # cap on the full-page height, in CSS pixels


class CDPError(Exception):
    pass


class WebSocket:
    """Just enough of RFC 6455 for CDP: text frames, client-side masking,
    fragmented and large messages, ping/pong, close."""

    def __init__(self, url, timeout):
        u = urllib.parse.urlparse(url)
        if u.scheme != "ws":
            raise CDPError(f"unsupported websocket url {url}")
        self.sock = socket.create_connection((u.hostname, u.port or 80), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        path = u.path + (("?" + u.query) if u.query else "")
        # No Origin header: Chromium then needs no --remote-allow-origins.
        req = (
            f"GET {path} HTTP/1.1\r\n"
            f"Host: {u.hostname}:{u.port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(req.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise CDPError("websocket handshake: connection closed")
            head += chunk
        head, self.buf = head.split(b"\r\n\r\n", 1)
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status + b" ":
            raise CDPError(f"websocket handshake refused: {status.decode(errors='replace')}")

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                raise CDPError("websocket closed by the browser")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def _send_frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text):
        self._send_frame(0x1, text.encode("utf-8"))

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            fin, opcode = b0 & 0x80, b0 & 0x0F
            n = b1 & 0x7F
            if n == 126:
                (n,) = struct.unpack("!H", self._read(2))
            elif n == 127:
                (n,) = struct.unpack("!Q", self._read(8))
            mask = self._read(4) if b1 & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x8:
                raise CDPError("websocket closed by the browser")
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            message += payload
            if fin:
                return message.decode("utf-8")

    def close(self):
        try:
            self._send_frame(0x8, b"")
        except OSError:
            pass
        self.sock.close()


class CDP:
    def __init__(self, ws_url, timeout):
        self.ws = WebSocket(ws_url, timeout)
        self.next_id = 0
        self.events = []

    def call(self, method, timeout=30, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        self.ws.sock.settimeout(timeout)
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise CDPError(f"{method}: {msg['error'].get('message')}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_event(self, name, timeout, predicate=lambda p: True):
        deadline = time.monotonic() + timeout
        while True:
            for ev in self.events:
                if ev["method"] == name and predicate(ev.get("params", {})):
                    return ev.get("params", {})
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.ws.sock.settimeout(left)
            try:
                msg = json.loads(self.ws.recv())
            except socket.timeout:
                return None
            if "method" in msg:
                self.events.append(msg)


def parse_cookies(text):
    cookies = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise SystemExit(f"screenshot: cookie {part!r} is not name=value")
        name, value = part.split("=", 1)
        cookies.append((name.strip(), value.strip()))
    return cookies


def main():
    if len(sys.argv) not in (5, 6):
        raise SystemExit("usage: screenshot.py URL OUT.png WIDTH HEIGHT [COOKIE]")
    url, out = sys.argv[1], sys.argv[2]
    width, height = int(sys.argv[3]), int(sys.argv[4])
    cookies = parse_cookies(sys.argv[5]) if len(sys.argv) == 6 else []
    mobile = width < 600
    load_timeout = float(os.environ.get("ZHENGTONG_SHOT_TIMEOUT", "30"))
    settle = float(os.environ.get("ZHENGTONG_SHOT_SETTLE", "0.5"))
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "chromium"

    profile = tempfile.mkdtemp(prefix="zhengtong-shot.")
    cmd = [
        chromium,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",  # the browser picks a free port
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--mute-audio",
        "--lang=zh-CN",
        "about:blank",
    ]
    log = open(os.path.join(profile, "chromium.log"), "wb")
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    cdp = None
    try:
        # The browser writes its port to DevToolsActivePort once it listens.
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.monotonic() + 60
        port = None
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            try:
                with open(port_file) as f:
                    first = f.readline().strip()
                if first.isdigit():
                    port = int(first)
                    break
            except FileNotFoundError:
                pass
            time.sleep(0.1)
        if port is None:
            log.flush()
            with open(os.path.join(profile, "chromium.log"), errors="replace") as f:
                tail = f.read()[-2000:]
            raise CDPError(f"chromium did not start (exit {proc.poll()}):\n{tail}")

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        pages = [t for t in targets if t.get("type") == "page"]
        if not pages:
            with urllib.request.urlopen(
                urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT"),
                timeout=10,
            ) as r:
                pages = [json.load(r)]
        cdp = CDP(pages[0]["webSocketDebuggerUrl"], timeout=30)

        cdp.call("Page.enable")
        cdp.call("Network.enable")
        for name, value in cookies:
            res = cdp.call("Network.setCookie", name=name, value=value, url=url)
            if res.get("success") is False:
                raise CDPError(f"Network.setCookie refused cookie {name!r}")
        cdp.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        if mobile:
            cdp.call("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)

        cdp.events.clear()
        nav = cdp.call("Page.navigate", url=url)
        if nav.get("errorText"):
            raise CDPError(f"navigation to {url} failed: {nav['errorText']}")
        frame_id = nav.get("frameId")
        if cdp.wait_event("Page.loadEventFired", load_timeout) is None:
            print(f"screenshot: warning: no load event within {load_timeout:g}s; capturing anyway",
                  file=sys.stderr)
        # Report the main document's HTTP status (after redirects).
        statuses = [
            ev["params"]["response"]
            for ev in cdp.events
            if ev["method"] == "Network.responseReceived"
            and ev["params"].get("type") == "Document"
            and ev["params"].get("frameId") == frame_id
        ]
        # Web fonts (and the CJK system fonts they fall back to) ready.
        cdp.call("Runtime.evaluate", expression="document.fonts.ready.then(() => true)",
                 awaitPromise=True, returnByValue=True, timeout=load_timeout)
        time.sleep(settle)

        metrics = cdp.call("Page.getLayoutMetrics")
        content = metrics.get("cssContentSize") or metrics.get("contentSize")
        full_h = max(height, min(MAX_HEIGHT, int(content["height"] + 0.999)))
        full_w = max(width, int(content["width"] + 0.999))
        shot = cdp.call(
            "Page.captureScreenshot",
            timeout=120,
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": full_w, "height": full_h, "scale": 1},
        )
        data = base64.b64decode(shot["data"])
        with open(out, "wb") as f:
            f.write(data)
        final = cdp.call("Runtime.evaluate", expression="location.href", returnByValue=True)
        final_url = final.get("result", {}).get("value", url)
        status = statuses[-1]["status"] if statuses else "?"
        print(f"screenshot: {out} ({full_w}x{full_h}{', mobile' if mobile else ''}) "
              f"HTTP {status} {final_url}")
        if isinstance(status, int) and status >= 400:
            print(f"screenshot: warning: the page answered HTTP {status}", file=sys.stderr)
        try:
            cdp.call("Browser.close", timeout=5)
        except (CDPError, OSError):
            pass
    finally:
        if cdp is not None:
            cdp.ws.close()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except CDPError as e:
        raise SystemExit(f"screenshot: {e}")
