#!/usr/bin/env python3
"""Edit → diagnostics latency of a language server over stdio: the same client, the same document
(a real report) and the same edits for every server. Each edit is sent as a whole-document
didChange (every server accepts those) and timed until the server's next publishDiagnostics for
the document. Prints one JSON line: {"server", "edits", "p50_ms", "p95_ms", "max_ms", "mean_ms"}.

usage: lsp_latency.py NAME REPORT EDITS -- SERVER_COMMAND...
"""
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


class Client:
    def __init__(self, cmd: list[str]):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.cv = threading.Condition()
        self.responses: dict = {}
        self.published: list[tuple[float, dict]] = []
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.partition(b":")
                if k.lower() == b"content-length":
                    length = int(v)
            msg = json.loads(out.read(length))
            now = time.perf_counter()
            with self.cv:
                if "method" in msg and "id" in msg:  # a request from the server: answer null
                    self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                elif msg.get("method") == "textDocument/publishDiagnostics":
                    self.published.append((now, msg["params"]))
                elif "id" in msg:
                    self.responses[msg["id"]] = msg
                self.cv.notify_all()

    def send(self, msg: dict) -> None:
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, id: int, method: str, params) -> dict:
        self.send({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
        with self.cv:
            if not self.cv.wait_for(lambda: id in self.responses, 60):
                raise TimeoutError(method)
            return self.responses.pop(id)

    def wait_published(self, uri: str, after: int, timeout: float = 60) -> float:
        """Time of the first publishDiagnostics for uri among those received after index `after`."""
        with self.cv:
            def found():
                return next((t for t, p in self.published[after:] if p["uri"] == uri), None)
            if not self.cv.wait_for(lambda: found() is not None, timeout):
                raise TimeoutError("no publishDiagnostics")
            return found()


def main() -> None:
    name, report, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    text = report.read_text(encoding="utf-8")
    work = Path(tempfile.mkdtemp(prefix="lsp-latency-"))
    uri = (work / "report.md").as_uri()
    c = Client(cmd)
    c.request(1, "initialize", {
        "processId": os.getpid(), "rootUri": work.as_uri(),
        "workspaceFolders": [{"uri": work.as_uri(), "name": "bench"}],
        "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True},
                                          "synchronization": {"didSave": True}}},
        # nianbao debounces edits by 150 ms by default (an editor setting): measured without it
        "initializationOptions": {"nianbao": {"debounce_ms": 0}},
    })
    c.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    with c.cv:
        start = len(c.published)
    c.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    c.wait_published(uri, start)
    rng = random.Random(42)
    lines = text.split("\n")
    latencies = []
    for v in range(2, n + 2):
        i = rng.randrange(len(lines))
        # alternately a digit (changes a table) and a mixed CJK/Latin phrase (what autocorrect checks)
        lines[i] = lines[i] + ("1" if v % 2 else "，使用GitHub平台")
        new = "\n".join(lines)
        time.sleep(0.02)  # settle: each edit measured on its own
        with c.cv:
            start = len(c.published)
        t0 = time.perf_counter()
        c.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": new}]}})
        latencies.append((c.wait_published(uri, start) - t0) * 1000)
    c.request(2, "shutdown", None)
    c.send({"jsonrpc": "2.0", "method": "exit"})
    try:
        c.proc.wait(10)
    except subprocess.TimeoutExpired:
        c.proc.kill()
    latencies.sort()
    q = statistics.quantiles(latencies, n=20)
    print(json.dumps({"server": name, "edits": n, "p50_ms": round(statistics.median(latencies), 2),
                      "p95_ms": round(q[18], 2), "max_ms": round(latencies[-1], 2),
                      "mean_ms": round(statistics.fmean(latencies), 2)}))


if __name__ == "__main__":
    main()
