#!/usr/bin/env python3
"""A local HTTP server for sdgpipe's tests of sources by URL: it serves the files of one folder and misbehaves on
request, so that every fault a real feed shows can be tested without the internet.

    python3 scripts/feed_server.py FOLDER [LOG]   # prints the port it listens on (127.0.0.1), then serves

Paths (FILE is a file of FOLDER, read anew at each request, so a test changes a feed by rewriting it):
  /FILE                       200 with ETag (SHA-256 of the body) and Last-Modified; 304 to a matching
                              If-None-Match or If-Modified-Since
  /fail/N/TOKEN/FILE          500 for the first N requests of TOKEN, then as /FILE
  /busy/N/SECONDS/TOKEN/FILE  429 with Retry-After: SECONDS for the first N requests of TOKEN, then as /FILE
  /down/FILE                  503 while a file named `.down` is in FOLDER, else as /FILE (a server that fails later)
  /truncated/FILE             announces the whole length, sends half the body and closes the connection
  /slow/SECONDS/FILE          sends the head and a first piece, waits SECONDS, then the rest
  /gzip/FILE                  the body gzip-compressed with Content-Encoding: gzip (when the client accepts it)
  /deflate/FILE               the body zlib-compressed with Content-Encoding: deflate (when the client accepts it)
  /redirect/FILE              302 to /FILE
  /loop/A                     302 to /loop/B, which redirects back to /loop/A
  /status/CODE                that status, with a short text body
  /auth/TOKEN/FILE            401 unless the request carries Authorization: Bearer TOKEN
  /log                        the requests received so far, one JSON object per line (method, path, headers),
                              also appended to LOG as they arrive
A request whose target is an absolute URL, or a CONNECT (as clients send to a proxy), is logged with
`proxied: true`; the first is served by its path, the second opens a tunnel served as a connection of its own, so
that tests can check that a proxy from the environment was used.
"""
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse
import zlib

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
LOGFILE = sys.argv[2] if len(sys.argv) > 2 else None
COUNTS = {}
LOG = []
LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        target = self.path
        proxied = target.startswith("http://") or target.startswith("https://")
        path = urllib.parse.urlsplit(target).path if proxied else target.split("?", 1)[0]
        self.record("GET", path, target, proxied)
        parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
        try:
            self.route(parts)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_CONNECT(self):
        # A proxy's tunnel: agree, then serve the requests that come through it on this same connection.
        self.record("CONNECT", self.path, self.path, True)
        self.send_response(200, "Connection established")
        self.end_headers()

    def record(self, method, path, target, proxied):
        entry = {"method": method, "path": path, "target": target, "proxied": proxied,
                 "headers": {k.lower(): v for k, v in self.headers.items()}}
        with LOCK:
            LOG.append(entry)
            if LOGFILE:
                with open(LOGFILE, "a") as f:
                    f.write(json.dumps(entry) + "\n")

    def count(self, token):
        with LOCK:
            COUNTS[token] = COUNTS.get(token, 0) + 1
            return COUNTS[token]

    def route(self, parts):
        kind = parts[0]
        if kind == "log":
            with LOCK:
                body = "".join(json.dumps(entry) + "\n" for entry in LOG).encode()
            return self.send(200, body, {"Content-Type": "application/x-ndjson"})
        if kind == "fail":
            if self.count(parts[2]) <= int(parts[1]):
                return self.send(500, b"internal error (planted)\n")
            return self.serve_file(parts[3:])
        if kind == "busy":
            if self.count(parts[3]) <= int(parts[1]):
                return self.send(429, b"slow down\n", {"Retry-After": parts[2]})
            return self.serve_file(parts[4:])
        if kind == "down":
            if os.path.exists(os.path.join(ROOT, ".down")):
                return self.send(503, b"service unavailable (planted)\n")
            return self.serve_file(parts[1:])
        if kind == "truncated":
            body = self.read(parts[1:])
            if body is None:
                return self.send(404, b"no such file\n")
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if kind == "slow":
            body = self.read(parts[2:])
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:10])
            self.wfile.flush()
            time.sleep(float(parts[1]))
            self.wfile.write(body[10:])
            return
        if kind == "gzip":
            body = self.read(parts[1:])
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                return self.send(200, body)
            return self.send(200, gzip.compress(body), {"Content-Encoding": "gzip"})
        if kind == "deflate":
            body = self.read(parts[1:])
            if "deflate" not in self.headers.get("Accept-Encoding", ""):
                return self.send(200, body)
            return self.send(200, zlib.compress(body), {"Content-Encoding": "deflate"})
        if kind == "redirect":
            return self.send(302, b"", {"Location": "/" + "/".join(parts[1:])})
        if kind == "loop":
            other = "B" if parts[1] == "A" else "A"
            return self.send(302, b"", {"Location": "/loop/" + other})
        if kind == "status":
            return self.send(int(parts[1]), f"planted status {parts[1]}\n".encode())
        if kind == "auth":
            if self.headers.get("Authorization") != "Bearer " + parts[1]:
                return self.send(401, b"a bearer token is required\n")
            return self.serve_file(parts[2:])
        return self.serve_file(parts)

    def read(self, parts):
        path = os.path.join(ROOT, *parts)
        if not os.path.isfile(path):
            return None
        with open(path, "rb") as f:
            return f.read()

    def serve_file(self, parts):
        body = self.read(parts)
        if body is None:
            return self.send(404, b"no such file\n")
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        mtime = int(os.path.getmtime(os.path.join(ROOT, *parts)))
        modified = email.utils.formatdate(mtime, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": modified}
        match = self.headers.get("If-None-Match")
        since = self.headers.get("If-Modified-Since")
        if match == etag or (match is None and since is not None
                             and email.utils.parsedate_to_datetime(since).timestamp() >= mtime):
            return self.send(304, b"", headers)
        return self.send(200, body, headers)

    def send(self, status, body, headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


def stop_when_stdin_closes():
    # The tests hold the other end of stdin: when their process ends, so does this server.
    sys.stdin.read()
    os._exit(0)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if not sys.stdin.isatty():
    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
print(server.server_address[1], flush=True)
server.serve_forever()
