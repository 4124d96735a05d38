"""Diagnostics: the same as `nianbao check` on every seed, in every client's encoding; versions; non-reports."""

from __future__ import annotations

import asyncio
import random

import pytest
from lsprotocol import types

from conftest import SEEDS, Session, as_check, check_shape, nianbao_check, seed


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
async def test_seed_diagnostics_match_check(session: Session, path):
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    got = await session.diagnostics(uri)
    assert as_check(session, text, got) == check_shape(nianbao_check(path))
    for d in got:
        assert d.source == "nianbao"
        assert isinstance(d.code, str) and d.code.startswith("NB")
        if session.profile != "emacs":  # emacs declares no codeDescription support
            assert d.code_description.href == f"https://nianbao.dev/rules/{d.code}"


async def test_seed_001_review_litigation_total(session: Session):
    path = seed("001")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    got = [d for d in await session.diagnostics(uri) if d.code == "NB304"]
    assert len(got) == 1
    d = got[0]
    assert d.severity == types.DiagnosticSeverity.Error
    s, e = session.offset(text, d.range.start), session.offset(text, d.range.end)
    assert text[s:e].strip() == "5"
    if session.profile != "emacs":  # emacs: relatedInformation not supported
        related = d.related_information or []
        assert len(related) >= 4, related
        for r in related:
            assert r.location.uri == uri
            a, b = session.offset(text, r.location.range.start), session.offset(text, r.location.range.end)
            assert text[a:b].strip() == "0"


async def test_utf16_columns_after_astral_character(session: Session, tmp_path):
    path = seed("002")
    text = path.read_text(encoding="utf-8")
    # An astral character (𠮷: one character, two UTF-16 units, four UTF-8 bytes) inside the group
    # line 「(三) 不予公开」, before the label 「1. 属于国家秘密」 on the same line.
    i = text.index("不予公开\t1. 属于国家秘密")
    text2 = text[:i] + "不予𠮷" + text[i + 2 :]
    uri = session.open("astral.txt", text2)
    got = await session.diagnostics(uri)
    out = tmp_path / "astral.txt"
    out.write_text(text2, encoding="utf-8")
    assert as_check(session, text2, got) == check_shape(nianbao_check(out))
    label_at = text2.index("1. 属于国家秘密", i)
    line = text2.count("\n", 0, label_at)
    prefix = text2[text2.rfind("\n", 0, label_at) + 1 : label_at]
    assert "𠮷" in prefix
    d = next(d for d in got if d.range.start.line == line and d.code == "NB203" and "国家秘密" in d.message)
    if session.encoding == types.PositionEncodingKind.Utf16:
        assert d.range.start.character == len(prefix) + 1  # 𠮷 counts two units
    elif session.encoding == types.PositionEncodingKind.Utf8:
        assert d.range.start.character == len(prefix.encode("utf-8"))
    else:
        assert d.range.start.character == len(prefix)


async def test_not_a_report_gets_nothing(session: Session):
    uri = session.open("notes.md", "# 会议纪要\n\n今天讨论了午饭。\n", language_id="markdown")
    if session.pull:
        assert await session.diagnostics(uri) == []
    else:
        await asyncio.sleep(0.5)
        assert not any(p.uri == uri for p in session.published)
    hover = await session.client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=2))
    )
    assert hover is None
    # Another language (a Rust file that mentions a heading) is ignored too.
    uri = session.open("lib.rs", "// 一、总体情况\n// 二、主动公开政府信息情况\n", language_id="rust")
    if not session.pull:
        await asyncio.sleep(0.3)
        assert not any(p.uri == uri for p in session.published)


ALPHABET = ["0", "1", "5", "9", "\n", "\t", " ", "总计", "（三）", "𠮷", "国", "、", "|", "一、总体情况\n"]


@pytest.mark.parametrize("seed_prefix", ["002", "003"])
async def test_random_incremental_edits_end_like_check(session: Session, seed_prefix: str, tmp_path):
    if session.profile == "emacs" and seed_prefix == "003":
        pytest.skip("one seed is enough for the third profile")
    path = seed(seed_prefix)
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    rnd = random.Random(20260101 + len(session.profile) + int(seed_prefix))
    for i in range(500):
        cur = session.texts[uri]
        start = rnd.randrange(0, len(cur) + 1)
        end = min(len(cur), start + rnd.choice([0, 0, 1, 2, 5]))
        new = rnd.choice(ALPHABET) if rnd.random() < 0.7 else ""
        session.edit(uri, start, end, new)
        if i % 50 == 0:
            await asyncio.sleep(0)  # let the server interleave publishing with edits
    final = session.texts[uri]
    got = await session.diagnostics(uri)
    out = tmp_path / "final.txt"
    out.write_text(final, encoding="utf-8")
    assert as_check(session, final, got) == check_shape(nianbao_check(out))
    # Every published set was for a version we sent, in increasing order.
    versions = [p.version for p in session.published if p.uri == uri]
    assert versions == sorted(versions)
    assert all(1 <= v <= session.versions[uri] for v in versions)
    # The server's own text matches ours: a formatting or hover request would see the same document.
    symbols = await session.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert symbols is None or isinstance(symbols, list)


async def test_debounce_coalesces_rapid_edits(session: Session):
    if session.pull:
        pytest.skip("pull clients ask when they want")
    session.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"nianbao": {"debounce_ms": 1000}})
    )
    await asyncio.sleep(0.1)
    path = seed("003")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    await session.diagnostics(uri)  # didOpen is not debounced
    before = len([p for p in session.published if p.uri == uri])
    at = text.index("一、总体情况")
    for _ in range(20):  # well within one debounce interval, even on a loaded machine
        session.edit(uri, at, at, "0")
        await asyncio.sleep(0.001)
    await session.diagnostics(uri)
    after = len([p for p in session.published if p.uri == uri])
    assert 1 <= after - before <= 2, after - before


async def test_crlf_document_matches_check(session: Session, tmp_path):
    text = seed("001").read_text(encoding="utf-8").replace("\n", "\r\n")
    out = tmp_path / "crlf.txt"
    out.write_bytes(text.encode("utf-8"))
    uri = session.open("crlf.txt", text)
    got = await session.diagnostics(uri)
    # columns are counted on lines split at \n (the \r is the last character of its line)
    assert as_check(session, text, got) == check_shape(nianbao_check(out))
    # an edit after a CRLF line lands where the client means it
    nb304 = next(d for d in got if d.code == "NB304")
    at = session.offset(text, nb304.range.start)
    assert text[at : at + 4] == "5 |\r"
    session.edit(uri, at, at + 1, "0")
    got = await session.diagnostics(uri)
    assert not [d for d in got if d.code == "NB304"]
