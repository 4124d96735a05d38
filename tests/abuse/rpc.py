"""A minimal LSP client over a subprocess's stdio: framing by hand, a reader thread, no LSP library
(so that anything, also malformed frames, can be sent)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("NIANBAO_BIN", ROOT / "target" / "debug" / "nianbao"))
CORPUS = ROOT / "tests" / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))


def seed(prefix: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(prefix)).read_text(encoding="utf-8")


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    """`nianbao lsp` as a subprocess. Messages from the server are collected by a thread:
    responses by id, notifications in order, requests from the server answered with null."""

    def __init__(self, encodings: list[str] | None = None, pull: bool = False, debounce_ms: int = 0,
                 root: Path | None = None):
        self.proc = subprocess.Popen(
            [str(BIN), "lsp", "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, cwd=str(root) if root else None,
        )
        self.lock = threading.Lock()
        self.cv = threading.Condition(self.lock)
        self.responses: dict[Any, dict] = {}
        self.notifications: list[dict] = []
        self.next_id = 0
        self.stderr_lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        caps: dict[str, Any] = {"general": {"positionEncodings": encodings or ["utf-16"]},
                                "textDocument": {"publishDiagnostics": {"versionSupport": True}}}
        if pull:
            caps["textDocument"]["diagnostic"] = {"dynamicRegistration": False}
        r = self.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": caps,
                                        "initializationOptions": {"nianbao": {"debounce_ms": debounce_ms}}})
        assert "result" in r, r
        self.capabilities = r["result"]["capabilities"]
        self.encoding = self.capabilities.get("positionEncoding", "utf-16")
        self.notify("initialized", {})

    # ---- reading
    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self.cv:
                        self.cv.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            assert length is not None, "the server sent a frame without Content-Length"
            body = out.read(length)
            msg = json.loads(body)  # the server must only ever send valid JSON
            with self.cv:
                if "method" in msg and "id" in msg:
                    self._write(frame(json.dumps({"jsonrpc": "2.0", "id": msg["id"], "result": None}).encode()))
                elif "method" in msg:
                    self.notifications.append(msg)
                else:
                    self.responses[msg.get("id")] = msg
                self.cv.notify_all()

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr_lines.append(line.decode("utf-8", "replace"))

    # ---- writing
    def _write(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send_raw(self, data: bytes) -> None:
        self._write(data)

    def send(self, msg: dict) -> None:
        self._write(frame(json.dumps(msg, ensure_ascii=False).encode("utf-8")))

    def notify(self, method: str, params: Any = None) -> None:
        m: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            m["params"] = params
        self.send(m)

    def request_async(self, method: str, params: Any = None) -> int:
        self.next_id += 1
        m: dict[str, Any] = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            m["params"] = params
        self.send(m)
        return self.next_id

    def wait_response(self, id: Any, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        with self.cv:
            while id not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None and not self.reader.is_alive():
                    raise TimeoutError(f"no response to {id!r} (server exit code {self.proc.poll()})\n"
                                       + "".join(self.stderr_lines[-20:]))
                self.cv.wait(min(left, 0.5))
            return self.responses.pop(id)

    def request(self, method: str, params: Any = None, timeout: float = 60) -> dict:
        return self.wait_response(self.request_async(method, params), timeout)

    def wait_notification(self, pred, timeout: float = 60) -> dict:
        """The first notification (from the start) satisfying pred; it is removed from the list."""
        deadline = time.monotonic() + timeout
        with self.cv:
            while True:
                for i, n in enumerate(self.notifications):
                    if pred(n):
                        return self.notifications.pop(i)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("notification not received")
                self.cv.wait(min(left, 0.5))

    # ---- documents
    def open(self, uri: str, text: str, version: int = 1, language: str = "markdown") -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language,
                                                              "version": version, "text": text}})

    def change(self, uri: str, version: int, changes: list[dict]) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": changes})

    def diagnostics_for_version(self, uri: str, version: int, timeout: float = 120) -> list[dict]:
        n = self.wait_notification(lambda n: n["method"] == "textDocument/publishDiagnostics"
                                   and n["params"]["uri"] == uri and n["params"].get("version") == version,
                                   timeout)
        return n["params"]["diagnostics"]

    def alive(self) -> bool:
        """The server answers a request (an unknown method: an error response)."""
        r = self.request("nianbao/ping", {}, timeout=60)
        return r.get("error", {}).get("code") == -32601

    def rss_kib(self) -> tuple[int, int]:
        """(VmRSS, VmHWM) of the server process, KiB."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        vals = {l.split(":")[0]: int(l.split()[1]) for l in status.splitlines() if l.startswith(("VmRSS", "VmHWM"))}
        return vals["VmRSS"], vals["VmHWM"]

    def shutdown_and_exit(self, timeout: float = 30) -> int:
        r = self.request("shutdown")
        assert r.get("result", "missing") is None, r
        self.notify("exit")
        return self.proc.wait(timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


# ---- positions and a text model with the server's rules
def units(s: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    if encoding == "utf-32":
        return len(s)
    return len(s.encode("utf-16-le")) // 2


def offset(text: str, line: int, character: int, encoding: str) -> int:
    """Character offset of an LSP position: lines end at \\n, columns clamped to the line without
    its line break, a line past the end is the end of the text, a column inside a character is
    that character's start (how the server resolves positions)."""
    start = 0
    for _ in range(line):
        i = text.find("\n", start)
        if i < 0:
            return len(text)
        start = i + 1
    end = text.find("\n", start)
    content = text[start: len(text) if end < 0 else end].rstrip("\r\n")
    col = 0
    for i, ch in enumerate(content):
        w = units(ch, encoding)
        if col + w > character:
            return start + i
        col += w
    return start + len(content)


def apply_change(text: str, change: dict, encoding: str) -> str:
    if "range" not in change:
        return change["text"]
    r = change["range"]
    s = offset(text, r["start"]["line"], r["start"]["character"], encoding)
    e = max(s, offset(text, r["end"]["line"], r["end"]["character"], encoding))
    return text[:s] + change["text"] + text[e:]


def position(text: str, char_offset: int, encoding: str) -> dict:
    line = text.count("\n", 0, char_offset)
    start = text.rfind("\n", 0, char_offset) + 1
    return {"line": line, "character": units(text[start:char_offset], encoding)}


def check_json(text: str, path: Path) -> list[tuple]:
    """`nianbao check --format json` of `text` (as the file `path`): (code, severity, message, range
    in LSP units of `encoding` utf-32, i.e. 0-based line and character), sorted."""
    out = subprocess.run([str(BIN), "check", "--format", "json", "--exit-zero", "--stdin-filename", str(path), "-"],
                         input=text.encode("utf-8"), capture_output=True, timeout=300, cwd=str(path.parent))
    assert out.returncode == 0, out.stderr.decode()
    files = json.loads(out.stdout)["files"]
    diags = files[0]["diagnostics"] if files else []
    return sorted((d["code"], d["severity"], d["message"],
                   (d["range"]["start"]["line"] - 1, d["range"]["start"]["column"] - 1,
                    d["range"]["end"]["line"] - 1, d["range"]["end"]["column"] - 1)) for d in diags)


SEVERITY = {1: "error", 2: "warning", 3: "info", 4: "hint"}


def lsp_diags(diags: list[dict], text: str, encoding: str) -> list[tuple]:
    """The server's diagnostics in the shape of `check_json` (columns converted to characters)."""
    lines = text.split("\n")

    def chars(line: int, character: int) -> int:
        s = lines[line] if line < len(lines) else ""
        col = 0
        for i, ch in enumerate(s):
            if col >= character:
                return i
            col += units(ch, encoding)
        return len(s)

    out = []
    for d in diags:
        r = d["range"]
        out.append((d["code"], SEVERITY[d["severity"]], d["message"],
                    (r["start"]["line"], chars(r["start"]["line"], r["start"]["character"]),
                     r["end"]["line"], chars(r["end"]["line"], r["end"]["character"]))))
    return sorted(out)
