#!/usr/bin/env python3
"""`make fault-test`: kills at every failpoint and concurrent runs, in a loop; checks that nothing was lost.

    python3 scripts/fault_test.py PATH/TO/sdgpipe [ROUNDS]
    FAULT_TEST_ONLY=postgres python3 scripts/fault_test.py ...   (only some of sqlite-inside, sqlite-shared, postgres)

For each destination of the result tables (SQLite inside the output folder, the default; a SQLite file shared by
pipelines outside it; PostgreSQL when SDGPIPE_TEST_POSTGRES_URL names a server) and each point a run can stop at
(SDGPIPE_FAILPOINT: ingest, evaluate, write, commit, and database-copy, database-commit for PostgreSQL), a good
run is followed by a changed input and a run stopped there, by SIGKILL and by SIGTERM in turn. Then:
- the outputs and the database are as the good run left them, or as a clean run on the changed input leaves them,
  or a commit record says the commit is incomplete (the next run redoes it);
- the next run, without --force, goes through, and its CSV tables and database rows are exactly those of a clean run
  on the same input in a fresh folder.
A failed database commit after the folder swap (database-move) must leave everything as it was. Then pipelines
writing one shared database at the same time, and the same pipeline started twice at once, must both keep their
rows. Exit 0 when every check held; otherwise each failed check is printed and the exit status is 1.

Not part of `make test` (a few minutes); run it after touching the output folder, the stores or the stop handling.
"""
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = ["observations", "localized_series", "impact", "trends", "progress", "coverage", "accountability"]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"  FAIL {what}", flush=True)


class Workspace:
    """The demo pipeline and its samples copied into a fresh folder, under its own pipeline name."""

    def __init__(self, base, name="riverton-demo"):
        self.dir = tempfile.mkdtemp(prefix="fault-", dir=base)
        shutil.copytree(os.path.join(ROOT, "samples/demo"), os.path.join(self.dir, "samples/demo"))
        os.makedirs(os.path.join(self.dir, "pipelines"))
        with open(os.path.join(ROOT, "pipelines/demo.yaml")) as f:
            text = f.read().replace("pipeline: riverton-demo", f"pipeline: {name}")
        text = text.replace("dir: ../output/riverton-demo", f"dir: ../output/{name}")
        with open(os.path.join(self.dir, "pipelines/demo.yaml"), "w") as f:
            f.write(text)
        self.name = name
        self.out = os.path.join(self.dir, "output", name)
        self.edits = 0

    def args(self, db, *extra):
        return [BINARY, "run", "pipelines/demo.yaml", "--quiet", *(["--db", db] if db else []), *extra]

    def run(self, db, *extra, env=None):
        p = subprocess.run(self.args(db, *extra), cwd=self.dir, capture_output=True, text=True,
                           env={**os.environ, **(env or {})}, timeout=300)
        return p.returncode, p.stderr

    def change_input(self, year=None):
        self.edits += 1
        with open(os.path.join(self.dir, "samples/demo/city_stats.csv"), "a") as f:
            f.write(f"Riverton,ADULT_LEARN,_T,{year or 2023 + self.edits},{40 + self.edits}.5,percent\n")

    def tables(self):
        """The CSV tables of the output folder, by name, as bytes (run.json and the report carry times)."""
        if not os.path.isdir(self.out):
            return {}
        return {n: open(os.path.join(self.out, n), "rb").read() for n in sorted(os.listdir(self.out))
                if n.endswith(".csv")}

    def commit_record(self):
        return os.path.exists(os.path.join(self.dir, "output", f".{self.name}.commit"))

    def leftovers(self):
        return [n for n in os.listdir(os.path.join(self.dir, "output")) if "staging" in n or "stale" in n]


class Destination:
    """Where the tables go: `kind` sqlite-inside (the default), sqlite-shared (--db FILE) or postgres (--db URL)."""

    def __init__(self, kind, base):
        self.kind = kind
        self.url = None
        if kind == "sqlite-shared":
            self.url = os.path.join(tempfile.mkdtemp(prefix="db-", dir=base), "shared.sqlite")
        elif kind == "postgres":
            server = os.environ["SDGPIPE_TEST_POSTGRES_URL"]
            name = f"sdgpipe_fault_{os.getpid()}_{int(time.time() * 1e6) % 10**9}"
            psql(server, f"CREATE DATABASE {name}")
            self.url = server.rsplit("/", 1)[0] + "/" + name

    def digest(self, ws):
        """A digest of the pipeline's rows in every result table."""
        if self.kind == "postgres":
            parts = []
            for t in TABLES:
                parts.append(psql(self.url, f"SELECT CASE WHEN to_regclass('{t}') IS NULL THEN '' ELSE "
                                            f"(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) "
                                            f"FROM {t} x WHERE pipeline = '{ws.name}') END"))
            return "/".join(parts)
        path = self.url or os.path.join(ws.out, "sdgpipe.sqlite")
        if not os.path.exists(path):
            return ""
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            h = hashlib.sha256()
            for t in TABLES:
                try:
                    rows = db.execute(f'SELECT * FROM "{t}" WHERE pipeline = ?', (ws.name,)).fetchall()
                except sqlite3.OperationalError:
                    continue
                for row in sorted(map(repr, rows)):
                    h.update(row.encode())
            return h.hexdigest()
        finally:
            db.close()

    def state(self, ws):
        return ws.tables(), self.digest(ws)


def psql(url, sql):
    return subprocess.run(["psql", url, "-Atc", sql], capture_output=True, text=True, check=True).stdout.strip()


def reference(base, ws, kind):
    """The state a clean run leaves for `ws`'s current input, in a fresh folder and database."""
    clean = Workspace(base, ws.name)
    shutil.copy(os.path.join(ws.dir, "samples/demo/city_stats.csv"), os.path.join(clean.dir, "samples/demo"))
    dest = Destination(kind, base)
    status, err = clean.run(dest.url)
    check(status == 0, f"reference run: {err}")
    return dest.state(clean)


def stop_at(ws, db, failpoint, sig):
    """Starts a run that stops at `failpoint` and sends it `sig` there; returns its exit status."""
    # SIGTERM during the commit lets the commit finish first, so that run pauses there 5 s instead of waiting to be
    # killed.
    pause = ":5" if sig == signal.SIGTERM else ""
    p = subprocess.Popen(ws.args(db, "--force"), cwd=ws.dir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         env={**os.environ, "SDGPIPE_FAILPOINT": failpoint + pause})
    seen = b""
    while f"failpoint {failpoint} reached".encode() not in seen:
        chunk = p.stderr.read1(4096)
        if not chunk:
            break
        seen += chunk
    reached = f"failpoint {failpoint} reached".encode() in seen
    check(reached, f"{failpoint}: never reached ({seen.decode(errors='replace')[-300:]})")
    if reached:
        p.send_signal(sig)
    p.wait(timeout=120)
    p.stderr.close()
    return p.returncode


def kills(base, kind, rounds):
    failpoints = ["ingest", "evaluate", "write", "commit"]
    if kind == "postgres":
        failpoints += ["database-copy", "database-commit"]
    for r in range(rounds):
        for failpoint in failpoints:
            sig = [signal.SIGKILL, signal.SIGTERM][(r + failpoints.index(failpoint)) % 2]
            label = f"{kind} {failpoint} {sig.name} round {r + 1}"
            print(f"- {label}", flush=True)
            ws, dest = Workspace(base), Destination(kind, base)
            status, err = ws.run(dest.url)
            check(status == 0, f"{label}: first run: {err}")
            before = dest.state(ws)
            ws.change_input()
            after_clean = reference(base, ws, kind)
            code = stop_at(ws, dest.url, failpoint, sig)
            check(code == (-9 if sig == signal.SIGKILL else 143), f"{label}: exit {code}")
            now = dest.state(ws)
            check(now == before or now == after_clean or ws.commit_record(),
                  f"{label}: after the stop the outputs/database are neither the previous nor the new ones, "
                  f"and no commit record says so")
            check(not ws.leftovers() or sig == signal.SIGKILL, f"{label}: leftovers {ws.leftovers()}")
            status, err = ws.run(dest.url)
            check(status == 0, f"{label}: the next run failed: {err}")
            check(dest.state(ws) == after_clean, f"{label}: the next run's tables differ from a clean run's")
            check(not ws.leftovers(), f"{label}: leftovers after the next run {ws.leftovers()}")


def failed_database_commit(base, kind):
    label = f"{kind} database-move"
    print(f"- {label}", flush=True)
    ws, dest = Workspace(base), Destination(kind, base)
    check(ws.run(dest.url)[0] == 0, f"{label}: first run")
    before = dest.state(ws)
    ws.change_input()
    status, err = ws.run(dest.url, env={"SDGPIPE_FAILPOINT": "database-move"})
    check(status == 4, f"{label}: exit {status}: {err}")
    check(dest.state(ws) == before, f"{label}: outputs or database changed")
    check(not ws.commit_record() and not ws.leftovers(), f"{label}: record or leftovers remain")


def concurrent(base, kind, rounds):
    print(f"- {kind}: two pipelines writing one database at once, {rounds} rounds", flush=True)
    dest = Destination(kind, base)
    a, b = Workspace(base, "riverton-demo"), Workspace(base, "other-city")
    for r in range(rounds):
        for ws in (a, b):
            ws.change_input(2030 + r)
        procs = [subprocess.Popen(ws.args(dest.url), cwd=ws.dir, stderr=subprocess.PIPE, text=True) for ws in (a, b)]
        for ws, p in zip((a, b), procs):
            err = p.communicate(timeout=300)[1]
            check(p.returncode == 0, f"{kind} concurrent round {r + 1} {ws.name}: exit {p.returncode}: {err}")
        for ws in (a, b):
            check(dest.digest(ws) == reference(base, ws, kind)[1],
                  f"{kind} concurrent round {r + 1}: {ws.name}'s rows differ from a clean run's")
    print(f"- {kind}: the same pipeline started twice at once", flush=True)
    a.change_input(2040)
    procs = [subprocess.Popen(a.args(dest.url, "--force"), cwd=a.dir, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    codes = sorted(p.wait(timeout=300) for p in procs)
    check(codes[0] == 0 and codes[1] in (0, 75), f"{kind}: twice at once gave exits {codes}")
    check(dest.state(a) == reference(base, a, kind), f"{kind}: twice at once: tables differ from a clean run's")


def main():
    global BINARY
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    BINARY = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    kinds = ["sqlite-inside", "sqlite-shared"]
    if os.environ.get("SDGPIPE_TEST_POSTGRES_URL"):
        kinds.append("postgres")
    else:
        print("SDGPIPE_TEST_POSTGRES_URL is not set: PostgreSQL left out", flush=True)
    if os.environ.get("FAULT_TEST_ONLY"):
        kinds = [k for k in kinds if k in os.environ["FAULT_TEST_ONLY"].split(",")]
    base = tempfile.mkdtemp(prefix="sdgpipe-fault-test-")
    started = time.time()
    try:
        for kind in kinds:
            kills(base, kind, rounds)
            if kind != "sqlite-inside":
                failed_database_commit(base, kind)
            concurrent(base, kind, rounds)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"{len(failures)} failed checks in {time.time() - started:.0f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
