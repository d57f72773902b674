#!/usr/bin/env python3
"""Renders an HTML report in headless Chromium and checks it as a reader's browser would see it.

usage: browser_check.py REPORT.html SCREENSHOT.png [CODE=NAME,CODE=NAME...]
       browser_check.py --pages PAGE.html... (the VLR pack's pages: the same checks but the overview tiles; a page
       without charts passes, a chart on it must be drawn; screenshots beside the pages)

Checks: no console errors or uncaught exceptions; 17 overview tiles; every chart (svg.chart) rendered with a non-empty
bounding box; every map (svg.map) drawn with a visible box, each area's shape resolved and a legend; no horizontal
overflow at phone width (390 px); with CODE=NAME pairs, the text a reader sees has each
name and none of the codes as a word (codes only on hover). Writes a full-page screenshot at 1200 px wide.
Talks the Chrome DevTools Protocol over a small standard-library WebSocket client, so it needs nothing from PyPI.
Exit 0 when every check passes, 1 otherwise, 77 when no Chromium is installed (the caller skips).
"""
import base64, json, os, re, shutil, socket, struct, subprocess, sys, tempfile, time, urllib.request


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class WebSocket:
    def __init__(self, url):
        assert url.startswith("ws://")
        host_port, path = url[5:].split("/", 1)
        host, port = host_port.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(4096)
        assert b" 101 " in response.split(b"\r\n")[0], response
        self.buffer = response.split(b"\r\n\r\n", 1)[1]

    def send(self, text):
        data = text.encode()
        header = bytearray([0x81])
        mask = os.urandom(4)
        if len(data) < 126:
            header.append(0x80 | len(data))
        elif len(data) < 65536:
            header.append(0x80 | 126)
            header += struct.pack(">H", len(data))
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", len(data))
        self.sock.sendall(bytes(header) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise EOFError
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def receive(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            length = b1 & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(length)
            if b0 & 0x0F in (1, 0):
                message += payload
                if b0 & 0x80:
                    return message.decode()


class Page:
    def __init__(self, ws):
        self.ws, self.next_id, self.events = ws, 0, []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.receive())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(msg["error"])
                return msg.get("result", {})
            self.events.append(msg)

    def wait(self, event, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(e.get("method") == event for e in self.events):
                return
            self.events.append(json.loads(self.ws.receive()))
        raise TimeoutError(event)

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"]["value"]


def main(report, screenshot, names="", page_only=False):
    browser = chromium()
    if not browser:
        print("browser check skipped: no chromium installed (apt-get install chromium)")
        return 77
    profile = tempfile.mkdtemp()
    proc = subprocess.Popen([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        port = None
        for line in proc.stderr:
            if "DevTools listening on" in line:
                port = line.split("ws://", 1)[1].split("/", 1)[0].split(":")[1]
                break
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page_ws = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        page = Page(WebSocket(page_ws))
        for domain in ("Page", "Runtime", "Log"):
            page.call(f"{domain}.enable")
        failures = []

        def load(width):
            page.events.clear()
            page.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=width < 600)
            page.call("Page.navigate", url="file://" + os.path.abspath(report))
            page.wait("Page.loadEventFired")
            time.sleep(0.3)
            for e in page.events:
                m, p = e.get("method"), e.get("params", {})
                if m == "Runtime.exceptionThrown" or (m == "Runtime.consoleAPICalled" and p.get("type") == "error") \
                        or (m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error"):
                    failures.append(f"console error at {width}px: {json.dumps(p)[:300]}")

        load(390)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            failures.append(f"the page is {overflow}px wider than a 390px phone screen")
        load(1200)
        tiles = page.evaluate("document.querySelectorAll('#overview .tile').length")
        if tiles != 17 and not page_only:
            failures.append(f"expected 17 overview tiles, found {tiles}")
        charts = page.evaluate("Array.from(document.querySelectorAll('svg.chart')).map(s => {const r = s.getBoundingClientRect(); return [r.width, r.height]})")
        if not charts and not page_only:
            failures.append("no charts in the report")
        empty = [i for i, (w, h) in enumerate(charts) if w < 100 or h < 50]
        if empty:
            failures.append(f"charts without a visible box: {empty}")
        # Maps: each drawn with a visible box, every area's reference resolved to a shape, and a legend.
        maps = page.evaluate("""Array.from(document.querySelectorAll('svg.map')).map(s => {
            const r = s.getBoundingClientRect();
            const uses = Array.from(s.querySelectorAll('use'));
            const drawn = uses.filter(u => { const b = u.getBBox(); return b.width > 0 && b.height > 0; }).length;
            const legend = s.parentElement.querySelectorAll('.map-legend li').length;
            return [r.width, r.height, uses.length, drawn, legend];
        })""")
        for i, (w, h, uses, drawn, legend) in enumerate(maps):
            if w < 100 or h < 50:
                failures.append(f"map {i} without a visible box ({w}x{h})")
            if uses == 0 or drawn != uses:
                failures.append(f"map {i}: {drawn} of {uses} areas drawn")
            if legend == 0:
                failures.append(f"map {i} has no legend")
        visible = page.evaluate("document.body.innerText")
        for pair in filter(None, names.split(",")):
            code, name = pair.split("=", 1)
            if name not in visible:
                failures.append(f"the name {name!r} is nowhere in the visible text")
            shown = [m.start() for m in re.finditer(r"(?<![\w.-])" + re.escape(code) + r"(?![\w.-])", visible)]
            if shown:
                at = shown[0]
                failures.append(f"the code {code!r} is visible {len(shown)} time(s), e.g. ...{visible[max(0, at - 40):at + 20]!r}")
        height = page.evaluate("document.documentElement.scrollHeight")
        page.call("Emulation.setDeviceMetricsOverride", width=1200, height=min(int(height), 16000), deviceScaleFactor=1, mobile=False)
        # The first 16,000 px: a network's report (200 cards, each with small multiples) is taller than a capture can be.
        shot = page.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": 1200, "height": min(int(height), 16000), "scale": 1})
        os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        for failure in failures:
            print("FAIL:", failure)
        print(f"browser check: {tiles} tiles, {len(charts)} charts, {len(maps)} maps rendered, screenshot {screenshot}"
              + ("" if not failures else f", {len(failures)} failures"))
        return 1 if failures else 0
    finally:
        proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--pages"]:
        statuses = [main(p, p[:-5] + ".png", page_only=True) for p in sys.argv[2:]]
        sys.exit(77 if statuses and all(s == 77 for s in statuses) else max([s for s in statuses if s != 77] or [0]))
    sys.exit(main(*sys.argv[1:4]))
