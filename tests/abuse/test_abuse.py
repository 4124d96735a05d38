"""Abuse of `nianbao lsp` over stdio: malformed and huge frames, wrong Content-Length, unknown methods,
wrong parameter types, bad positions, edits past the end, unknown documents, versions going
backwards, 10,000 rapid edits, cancellation, a client that disappears. The server stays up where the
protocol allows, answers errors, exits cleanly on `exit` and on EOF, and the final diagnostics equal
a fresh `nianbao check --format json` of the final text."""

from __future__ import annotations

import random
import subprocess
import time
from pathlib import Path

import pytest

from rpc import BIN, Server, apply_change, check_json, frame, lsp_diags, position, seed


def assert_same_as_cli(server: Server, uri: str, path: Path, text: str, version: int, diags=None) -> None:
    if diags is None:
        diags = server.diagnostics_for_version(uri, version)
    assert lsp_diags(diags, text, server.encoding) == check_json(text, path)


# ---- framing -----------------------------------------------------------------------------------


def test_malformed_json_bodies_are_dropped_or_answered(server: Server):
    for body in [b"{", b"[1, 2", b"\xff\xfe\x00garbage", b"null", b"42", b'"str"', b"{}", b"[]",
                 b'{"jsonrpc":"1.0","id":1,"method":"initialize"}',
                 b'{"jsonrpc":"2.0","method":7}', b'{"jsonrpc":"2.0","id":{"x":1},"method":"a"}',
                 b'{"jsonrpc":"2.0","id":1,"result":1,"error":{}}', b"\x00" * 100]:
        server.send_raw(frame(body))
    # a broken request whose id can be read is answered with an error for that id
    server.send_raw(frame(b'{"jsonrpc":"2.0","id":"broken","method":"textDocument/hover","params":"x"}'))
    r = server.wait_response("broken")
    assert "error" in r and r["error"]["code"] < 0
    assert server.alive()
    assert server.shutdown_and_exit() == 0


def test_wrong_content_length_resynchronises(server: Server):
    body = b'{"jsonrpc":"2.0","id":1000,"method":"nianbao/ping"}'
    server.send_raw(b"Content-Length: 10\r\n\r\n" + body)  # too short: the rest is junk
    server.send_raw(b"Content-Length: abc\r\n\r\n")  # not a number
    server.send_raw(b"Content-Length: -5\r\n\r\n")  # negative
    server.send_raw(b"Content-Type: application/json\r\n\r\n")  # no length at all
    server.send_raw(b"\r\n\r\n\r\n")  # empty headers
    # what follows may be eaten while the server finds the frames again; one of these gets through
    ids = [server.request_async("nianbao/ping", {}) for _ in range(5)]
    answered = []
    for i in reversed(ids):
        try:
            answered.append(server.wait_response(i, timeout=20))
            break
        except TimeoutError:
            continue
    assert answered and answered[0]["error"]["code"] == -32601
    assert server.alive()
    # a length longer than the body: the server waits for the rest (the protocol allows nothing
    # else), and then reads it as that frame
    body = b'{"jsonrpc":"2.0","id":"long","method":"nianbao/ping"}'
    server.send_raw(b"Content-Length: %d\r\n\r\n" % (len(body) + 4) + body)
    time.sleep(0.3)
    server.send_raw(b"    ")
    assert server.wait_response("long")["error"]["code"] == -32601
    assert server.shutdown_and_exit() == 0


def test_huge_content_length_does_not_allocate_it(server: Server):
    # a client may announce any length: the server must not try to allocate a terabyte up front
    server.send_raw(b"Content-Length: 1000000000000\r\n\r\n" + b"x" * 1000)
    time.sleep(1)
    assert server.proc.poll() is None, "".join(server.stderr_lines)
    rss, _ = server.rss_kib()
    assert rss < 500 * 1024
    # the rest of the stream belongs to that frame: the client goes away, the server ends
    server.proc.stdin.close()
    assert server.proc.wait(30) is not None
    assert server.proc.returncode >= 0, f"killed by signal {-server.proc.returncode}"


def test_huge_messages(server: Server, tmp_path: Path):
    # a 20 MB document in one didOpen, and a 16 MB body that is not JSON
    text = seed("003")
    big = text * (20 * 1024 * 1024 // len(text.encode()) + 1)
    uri = (tmp_path / "big.md").as_uri()
    server.open(uri, big)
    server.send_raw(frame(b"[" * (16 * 1024 * 1024)))
    server.send_raw(frame(b'{"jsonrpc":"2.0","method":"x","params":' + b"[" * 100000 + b"]" * 100000 + b"}"))
    diags = server.diagnostics_for_version(uri, 1, timeout=300)
    assert len(diags) > 1000
    assert server.alive()
    assert server.shutdown_and_exit() == 0


# ---- methods and parameters ---------------------------------------------------------------------


def test_unknown_methods(server: Server):
    r = server.request("nianbao/noSuchRequest", {"a": 1})
    assert r["error"]["code"] == -32601
    r = server.request("textDocument/noSuchThing")
    assert r["error"]["code"] == -32601
    server.notify("nianbao/noSuchNotification", {"a": 1})
    server.notify("$/noSuchNotification")
    r = server.request("$/noSuchRequest")
    assert "error" in r
    assert server.alive()
    assert server.shutdown_and_exit() == 0


@pytest.mark.parametrize("method", ["textDocument/hover", "textDocument/completion", "textDocument/formatting",
                                    "textDocument/rangeFormatting", "textDocument/codeAction",
                                    "textDocument/documentSymbol", "textDocument/inlayHint",
                                    "textDocument/semanticTokens/full", "textDocument/foldingRange"])
def test_wrong_parameter_types(server: Server, method: str):
    bad = [None, [], [1, 2], "text", 42, {}, {"textDocument": "file:///x.md"},
           {"textDocument": {"uri": 5}, "position": {"line": "0", "character": 0}},
           {"textDocument": {"uri": "not a uri"}, "position": {"line": 0, "character": 0}},
           {"textDocument": {"uri": "file:///x.md"}, "position": {"line": -1, "character": -1}},
           {"textDocument": {"uri": "file:///x.md"}, "position": {"line": 2**40, "character": 0}},
           {"textDocument": {"uri": "file:///x.md"}, "range": {"start": 1, "end": 2}}]
    for params in bad:
        r = server.request(method, params)
        assert "error" in r or "result" in r, r
        if "error" in r:
            # params that are not structured make the message invalid JSON-RPC: the transport
            # guard answers those for their id (Invalid Request / Method not found)
            allowed = (-32602, -32600, -32603) if isinstance(params, (dict, list)) or params is None else (-32600, -32601)
            assert r["error"]["code"] in allowed, (params, r)
    # notifications with wrong types are dropped
    for params in bad:
        server.notify("textDocument/didOpen", params)
        server.notify("textDocument/didChange", params)
        server.notify("textDocument/didClose", params)
    assert server.alive()
    assert server.shutdown_and_exit() == 0


# ---- positions and edits -------------------------------------------------------------------------


def test_out_of_range_and_negative_positions(servers, tmp_path: Path):
    for enc in ["utf-16", "utf-8", "utf-32"]:
        server = servers(encodings=[enc])
        assert server.encoding == enc
        text = seed("001")
        uri = (tmp_path / f"pos-{enc}.md").as_uri()
        server.open(uri, text)
        server.diagnostics_for_version(uri, 1)
        for line, ch in [(0, 10**6), (10**6, 0), (2**31 - 1, 2**31 - 1), (2**32 - 1, 2**32 - 1), (3, 1)]:
            pos = {"line": line, "character": ch}
            for method in ["textDocument/hover", "textDocument/completion"]:
                r = server.request(method, {"textDocument": {"uri": uri}, "position": pos})
                assert "result" in r, r
            r = server.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                           "range": {"start": pos, "end": {"line": 0, "character": 0}},
                                                           "context": {"diagnostics": []}})
            assert "result" in r, r
            r = server.request("textDocument/rangeFormatting", {"textDocument": {"uri": uri},
                                                                "range": {"start": {"line": 0, "character": 0}, "end": pos},
                                                                "options": {"tabSize": 4, "insertSpaces": True}})
            assert "result" in r, r
        for line, ch in [(-1, 0), (0, -1), (2**32, 0), (0, 2**40)]:
            r = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": ch}})
            assert r["error"]["code"] == -32602, r
        assert server.alive()
        assert server.shutdown_and_exit() == 0


def test_edits_past_the_end_backwards_versions_and_unknown_uris(servers, tmp_path: Path):
    for enc in ["utf-16", "utf-8", "utf-32"]:
        server = servers(encodings=[enc])
        path = tmp_path / f"edits-{enc}.md"
        uri = path.as_uri()
        text = seed("001") + "𠮷\r\n尾行"
        server.open(uri, text, version=10)
        server.diagnostics_for_version(uri, 10)
        n_lines = text.count("\n")
        changes = [
            # overlapping the end of the document: clamped
            {"range": {"start": {"line": n_lines, "character": 1}, "end": {"line": n_lines + 5, "character": 99}}, "text": "末尾\n"},
            # start after end: an insertion at the start
            {"range": {"start": {"line": 3, "character": 5}, "end": {"line": 1, "character": 0}}, "text": "X"},
            # a column past the end of a line ending in \r\n, and inside a surrogate pair
            {"range": {"start": {"line": n_lines - 1, "character": 1}, "end": {"line": n_lines - 1, "character": 500}}, "text": "Y"},
            # beyond everything
            {"range": {"start": {"line": 10**6, "character": 0}, "end": {"line": 10**6, "character": 0}}, "text": "\n附记"},
            # a whole-document change in the middle of ranged ones
            {"text": text},
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}, "text": ""},
        ]
        version = 10
        for c in changes:
            version -= 1  # versions going backwards
            server.change(uri, version, [c])
            text = apply_change(text, c, enc)
        # didChange/didClose for documents never opened: ignored, the server goes on
        ghost = (tmp_path / "ghost.md").as_uri()
        server.change(ghost, 1, [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}])
        server.change(ghost, 2, [{"text": "一、总体情况\n"}])
        server.notify("textDocument/didClose", {"textDocument": {"uri": ghost}})
        server.change("untitled:Untitled-1", 1, [{"text": "x"}])
        server.notify("textDocument/didSave", {"textDocument": {"uri": ghost}})
        assert_same_as_cli(server, uri, path, text, version)
        assert any("not open" in n["params"]["message"] for n in server.notifications if n["method"] == "window/logMessage")
        assert server.alive()
        assert server.shutdown_and_exit() == 0


def test_ten_thousand_rapid_edits_memory_bounded(server: Server, tmp_path: Path):
    path = tmp_path / "rapid.md"
    uri = path.as_uri()
    text = seed("003")
    server.open(uri, text)
    server.diagnostics_for_version(uri, 1)
    rng = random.Random(7)
    snippets = ["1", "0", "12", "\t", " ", "\n", "|", "（一）", "总计", "𠮷", "一、总体情况\n", "３"]
    version = 1
    samples = []

    def one_edit() -> None:
        nonlocal text, version
        version += 1
        pos = rng.randrange(len(text) + 1)
        if rng.random() < 0.5 and len(text) > 2000:
            end = min(len(text), pos + rng.randrange(1, 6))
            change = {"range": {"start": position(text, pos, server.encoding), "end": position(text, end, server.encoding)}, "text": ""}
        else:
            p = position(text, pos, server.encoding)
            change = {"range": {"start": p, "end": p}, "text": rng.choice(snippets)}
        new = apply_change(text, change, server.encoding)
        server.change(uri, version, [change])
        text = new

    start = time.monotonic()
    for i in range(10_000):
        one_edit()
        if i % 1000 == 999:
            samples.append(server.rss_kib()[0])
    sent = time.monotonic() - start
    diags = server.diagnostics_for_version(uri, version, timeout=300)
    settled = time.monotonic() - start
    rss, hwm = server.rss_kib()
    print(f"10,000 edits sent in {sent:.1f} s, final diagnostics after {settled:.1f} s; "
          f"RSS every 1,000 edits (MiB): {[round(s / 1024, 1) for s in samples]}, final {rss / 1024:.1f}, peak {hwm / 1024:.1f}")
    assert_same_as_cli(server, uri, path, text, version, diags)
    # bounded: no growth with the number of edits (the last samples are not above the early ones
    # by more than a margin), and far below anything worrying
    assert max(samples[5:]) < max(samples[:5]) + 16 * 1024, samples
    assert hwm < 400 * 1024, hwm
    assert server.shutdown_and_exit() == 0


def test_cancellation_of_in_flight_requests(server: Server, tmp_path: Path):
    path = tmp_path / "cancel.md"
    uri = path.as_uri()
    text = seed("003") * 40
    server.open(uri, text)
    server.diagnostics_for_version(uri, 1, timeout=300)
    ids = []
    for method in ["textDocument/formatting", "textDocument/semanticTokens/full", "textDocument/documentSymbol",
                   "textDocument/inlayHint", "textDocument/foldingRange"]:
        params = {"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": True},
                  "range": {"start": {"line": 0, "character": 0}, "end": {"line": 10**6, "character": 0}}}
        ids.append(server.request_async(method, params))
        server.change(uri, len(ids) + 1, [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}])
        text = "x" + text
    for i in ids:
        server.notify("$/cancelRequest", {"id": i})
    server.notify("$/cancelRequest", {"id": 987654})  # unknown id: ignored
    server.notify("$/cancelRequest", {"id": "nope"})
    server.notify("$/cancelRequest", {})
    for i in ids:
        r = server.wait_response(i, timeout=300)
        # completed, or cancelled with RequestCancelled
        assert "result" in r or r["error"]["code"] in (-32800, -32801), r
    assert_same_as_cli(server, uri, path, text, len(ids) + 1)
    assert server.alive()
    assert server.shutdown_and_exit() == 0


# ---- lifecycle ----------------------------------------------------------------------------------


def test_exit_after_shutdown_is_clean(server: Server):
    assert server.shutdown_and_exit() == 0
    assert not [l for l in server.stderr_lines if "panicked" in l]


def test_requests_after_shutdown_are_refused(server: Server):
    assert server.request("shutdown")["result"] is None
    r = server.request("textDocument/hover", {"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}})
    assert r["error"]["code"] == -32600
    server.notify("exit")
    assert server.proc.wait(30) == 0


def test_exit_without_shutdown(server: Server):
    server.notify("exit")
    # the protocol asks for exit code 1 when no shutdown came first
    assert server.proc.wait(30) == 1


def test_client_disappears_mid_stream(servers, tmp_path: Path):
    # stdin closed with documents open, requests in flight and half a frame sent
    server = servers()
    uri = (tmp_path / "gone.md").as_uri()
    server.open(uri, seed("001") * 5)
    for _ in range(20):
        server.request_async("textDocument/semanticTokens/full", {"textDocument": {"uri": uri}})
    server.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")
    server.proc.stdin.close()
    t = time.monotonic()
    code = server.proc.wait(30)
    assert code in (0, 1), f"exit code {code}" if code >= 0 else f"killed by signal {-code}"
    assert time.monotonic() - t < 30
    # and before initialize
    p = subprocess.Popen([str(BIN), "lsp", "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdin.close()
    assert p.wait(30) in (0, 1)
    assert b"panicked" not in p.stderr.read()


def test_stdout_carries_only_protocol(servers, tmp_path: Path):
    # everything the server printed was a valid frame (the reader asserts it); logs go to stderr
    server = servers(pull=True)
    uri = (tmp_path / "pull.md").as_uri()
    text = seed("002")
    server.open(uri, text)
    r = server.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
    assert lsp_diags(r["result"]["items"], text, server.encoding) == check_json(text, tmp_path / "pull.md")
    assert server.shutdown_and_exit() == 0
    assert server.reader.is_alive() is False or server.proc.poll() == 0
