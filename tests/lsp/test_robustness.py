"""Robustness: malformed input, unknown methods and documents, out-of-range positions, early didChange,
a 10 MB document, cancellation, shutdown/exit. The server answers or ignores, and keeps serving."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from conftest import Session, seed


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def still_serving(session: Session) -> None:
    path = seed("001")
    text = path.read_text(encoding="utf-8")
    uri = session.open(f"alive-{len(session.texts)}.txt", text)
    assert any(d.code == "NB304" for d in await session.diagnostics(uri))


async def test_malformed_json_and_unknown_methods(session: Session):
    writer = session.client.protocol.writer
    for body in [b'{"jsonrpc": "2.0", "id": 99, "method": ', b"[1, 2", b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"bogus":1}}']:
        writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    with pytest.raises(JsonRpcException):
        await session.client.protocol.send_request_async("nianbao/noSuchRequest", {})
    session.client.protocol.notify("nianbao/noSuchNotification", None)
    session.client.protocol.notify(types.SET_TRACE, types.SetTraceParams(value=types.TraceValue.Off))
    # a request whose params have the wrong shape gets an error response, not a crash
    body = b'{"jsonrpc":"2.0","id":"bad-params","method":"textDocument/hover","params":{"position":"here"}}'
    writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    await still_serving(session)


async def test_unknown_documents_and_out_of_range_positions(session: Session):
    ghost = session.uri("ghost.txt")
    far = types.Position(line=10**6, character=10**6)
    assert await session.client.text_document_hover_async(types.HoverParams(text_document=doc(ghost), position=far)) is None
    assert await session.client.text_document_completion_async(types.CompletionParams(text_document=doc(ghost), position=far)) is None
    assert await session.client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(ghost))) is None
    # didChange before didOpen: ignored (and logged)
    session.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=ghost, version=3),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="一、总体情况\n")],
        )
    )
    path = seed("003")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    await session.diagnostics(uri)
    for pos in [far, types.Position(line=0, character=10**6), types.Position(line=10**6, character=0)]:
        await session.client.text_document_hover_async(types.HoverParams(text_document=doc(uri), position=pos))
        await session.client.text_document_completion_async(types.CompletionParams(text_document=doc(uri), position=pos))
        await session.client.text_document_code_action_async(
            types.CodeActionParams(text_document=doc(uri), range=types.Range(start=pos, end=far), context=types.CodeActionContext(diagnostics=[]))
        )
    # an edit with an out-of-range range is clamped to the end of the document
    session.versions[uri] += 1
    session.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=session.versions[uri]),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=far, end=far), text="\n")],
        )
    )
    session.texts[uri] = text + "\n"
    assert await session.diagnostics(uri) == await session.diagnostics(uri)
    assert any(m.type == types.MessageType.Warning and "not open" in m.message for m in session.client.log_messages)
    await still_serving(session)


async def test_ten_megabyte_document_and_cancellation(session: Session):
    if session.profile != "visual-studio-code":
        pytest.skip("one profile is enough for the large document")
    text = seed("003").read_text(encoding="utf-8")
    big = text * (10 * 1024 * 1024 // len(text.encode()) + 1)
    assert len(big.encode()) > 10 * 1024 * 1024
    uri = session.open("big.txt", big)
    diags = await session.diagnostics(uri, timeout=240)
    assert len(diags) > 1000  # repeated sections and tables are reported
    # cancel a request in flight: either it completes or it is cancelled; the server goes on
    session.edit(uri, 0, 0, "x")
    future = session.client.protocol.send_request(
        types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, types.SemanticTokensParams(text_document=doc(uri))
    )
    msg_id = next(reversed(session.client.protocol._request_futures))
    session.client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=msg_id))
    try:
        await asyncio.wait_for(asyncio.wrap_future(future) if not isinstance(future, asyncio.Future) else future, 240)
    except JsonRpcException as e:
        assert "cancel" in str(e).lower()
    await still_serving(session)


async def test_shutdown_then_exit(session: Session):
    await still_serving(session)
    await session.client.shutdown_async(None)
    # after shutdown, requests are refused (InvalidRequest), not crashing the server
    with pytest.raises(JsonRpcException):
        await session.client.text_document_hover_async(
            types.HoverParams(text_document=doc(session.uri("x.txt")), position=types.Position(line=0, character=0))
        )
    session.client.exit(None)
    session.client.nianbao_exited = True
    server = session.client._server
    await asyncio.wait_for(server.wait(), 10)
    assert server.returncode == 0


def test_exit_status_without_shutdown_and_stdout_is_only_protocol():
    import subprocess

    from conftest import BIN

    body = b'{"jsonrpc":"2.0","method":"exit"}'
    out = subprocess.run([str(BIN), "lsp", "--stdio"], input=b"Content-Length: %d\r\n\r\n" % len(body) + body, capture_output=True, timeout=10)
    assert out.returncode == 1
    assert out.stdout == b""
    # end of input without exit: the server stops too
    out = subprocess.run([str(BIN), "lsp"], input=b"", capture_output=True, timeout=10)
    assert out.returncode == 1 and out.stdout == b""
