"""Configuration (nianbao.toml discovery as the CLI, editor settings on top, watched-file re-checks)
and the cross-year rules with the previous year's report found in the workspace."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from lsprotocol import types

from conftest import BIN, Session, as_check, check_shape, nianbao_check, seed


def codes(diags) -> set[str]:
    return {d.code for d in diags}


async def test_nianbao_toml_is_discovered_like_the_cli(session: Session):
    ws = session.workspace
    (ws / "nianbao.toml").write_text('[rules]\nNB505 = "off"\n', encoding="utf-8")
    sub = ws / "reports" / "2021"
    sub.mkdir(parents=True)
    path = sub / "000.txt"
    text = seed("000").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    uri = session.open("reports/2021/000.txt", text)
    got = await session.diagnostics(uri)
    assert "NB505" not in codes(got) and "NB501" in codes(got)
    assert as_check(session, text, got) == check_shape(nianbao_check(path))

    # The file changes: a watched-file notification re-checks the open document.
    (ws / "nianbao.toml").write_text('[rules]\nNB501 = "off"\n', encoding="utf-8")
    session.client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=(ws / "nianbao.toml").as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    got = await session.eventually(uri, lambda d: "NB505" in codes(d) and "NB501" not in codes(d))
    assert as_check(session, text, got) == check_shape(nianbao_check(path))


async def test_editor_settings_take_precedence(session: Session):
    ws = session.workspace
    (ws / "nianbao.toml").write_text('[rules]\nNB501 = "error"\n', encoding="utf-8")
    text = seed("000").read_text(encoding="utf-8")
    uri = session.open("000.txt", text)
    got = await session.diagnostics(uri)
    assert next(d for d in got if d.code == "NB501").severity == types.DiagnosticSeverity.Error
    session.client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"nianbao": {"debounce_ms": 0, "rules": {"missing-fee-statement": "hint", "NB505": "off"}}})
    )
    got = await session.eventually(
        uri, lambda d: "NB505" not in codes(d) and any(x.code == "NB501" and x.severity == types.DiagnosticSeverity.Hint for x in d)
    )
    # settings pulled with workspace/configuration when the notification carries none
    session.client.set_configuration({"rules": {"NB501": "off"}}, section="nianbao")
    session.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await session.eventually(uri, lambda d: "NB501" not in codes(d) and "NB505" in codes(d))


async def test_invalid_config_is_reported_on_the_file(session: Session):
    ws = session.workspace
    (ws / "nianbao.toml").write_text('template = "auto"\n[rules]\nNB999 = "off"\n', encoding="utf-8")
    text = seed("000").read_text(encoding="utf-8")
    uri = session.open("000.txt", text)
    got = await session.diagnostics(uri)
    assert "NB505" in codes(got)  # the defaults apply
    toml_uri = (ws / "nianbao.toml").as_uri()
    import asyncio

    for _ in range(200):
        mine = [p for p in session.published if p.uri == toml_uri]
        if mine:
            break
        await asyncio.sleep(0.02)
    (p,) = mine
    (d,) = p.diagnostics
    assert d.range.start.line == 2 and "NB999" in d.message
    assert any("NB999" in m.message for m in session.client.log_messages)


def blank(year: int, organ: str, carried: dict[str, int]) -> str:
    """A blank report from `nianbao new`, with some rows of table 三 set (natural person and total)."""
    text = subprocess.run([str(BIN), "new", "--year", str(year), "--organ", organ], capture_output=True, text=True, check=True).stdout
    lines = text.split("\n")
    for i, line in enumerate(lines):
        for prefix, n in carried.items():
            if line.startswith("| " + prefix):
                cells = line.split("|")
                cells[2] = f" {n} "
                cells[-2] = f" {n} "
                lines[i] = "|".join(cells)
    return "\n".join(lines)


async def test_cross_year_carry_over_from_workspace_and_open_documents(session: Session):
    ws = session.workspace
    organ = "测试县人民政府"
    last = blank(2021, organ, {"一、本年新收": 3, "四、结转下年度继续办理": 3})
    (ws / "2021.md").write_text(last, encoding="utf-8")
    this = blank(2022, organ, {})
    uri = session.open("2022.md", this, language_id="markdown")
    # The workspace scan finds 2021.md: 二、上年结转 (0) ≠ last year's 四、结转下年度 (3).
    got = await session.eventually(uri, lambda d: "NB403" in codes(d))
    # The same as `nianbao check` given both years.
    (ws / "2022.md").write_text(this, encoding="utf-8")
    out = subprocess.run([str(BIN), "check", "--format", "json", str(ws / "2021.md"), str(ws / "2022.md")], capture_output=True, text=True)
    files = {Path(f["path"]).name: f["diagnostics"] for f in json.loads(out.stdout)["files"]}
    assert as_check(session, this, got) == check_shape(files["2022.md"])
    # Open last year's report and fix it there: this year's diagnostics follow the open text.
    last_uri = session.open("2021.md", last, language_id="markdown")
    await session.diagnostics(last_uri)
    fixed = blank(2021, organ, {})
    session.apply_text_edits(last_uri, [types.TextEdit(range=types.Range(start=types.Position(line=0, character=0), end=session.position(last, len(last))), new_text=fixed)])
    await session.diagnostics(last_uri)
    await session.eventually(uri, lambda d: "NB403" not in codes(d))
