"""Completion, hover, code actions, outline, formatting — on real seeds, in every client profile."""

from __future__ import annotations

import subprocess

import pytest
from lsprotocol import types

from conftest import BIN, Session, seed


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def ranked(result) -> list[types.CompletionItem]:
    items = result.items if isinstance(result, types.CompletionList) else result
    return sorted(items, key=lambda i: (i.sort_text or i.label))


async def complete(session: Session, uri: str, offset: int):
    pos = session.position(session.texts[uri], offset)
    return await session.client.text_document_completion_async(
        types.CompletionParams(text_document=doc(uri), position=pos)
    )


async def test_completion_after_group_line_offers_next_row_first(session: Session):
    path = seed("003")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    await session.diagnostics(uri)
    # A new line right after 「（三）不予公开」 in table 三.
    at = text.index("（三）不予公开\n") + len("（三）不予公开\n")
    session.edit(uri, at, at, "\t\n")
    items = ranked(await complete(session, uri, at + 1))
    first = items[0]
    assert first.label == "1.属于国家秘密"
    assert "gjmm" in first.filter_text and "guojiamimi" in first.filter_text
    assert first.documentation is not None
    doc_text = first.documentation if isinstance(first.documentation, str) else first.documentation.value
    assert "国家秘密" in doc_text and "（三）不予公开" in doc_text
    assert [i.label for i in items[1:3]] == ["2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”"]
    # The edit replaces what was typed (nothing yet) with the label.
    assert first.text_edit.new_text == "1.属于国家秘密"

    # Narrowing by the number prefix: 「3.」 keeps the labels numbered 3.
    session.edit(uri, at + 1, at + 1, "3.")
    labels = [i.label for i in ranked(await complete(session, uri, at + 3))]
    assert labels and all(label.startswith("3.") for label in labels[:4]), labels
    assert "3.危及“三安全一稳定”" == labels[0]
    # Pinyin initials, without switching input method.
    session.edit(uri, at + 1, at + 3, "gjmm")
    labels = [i.label for i in ranked(await complete(session, uri, at + 5))]
    assert labels[0] == "1.属于国家秘密"
    session.edit(uri, at + 1, at + 5, "guojiami")
    labels = [i.label for i in ranked(await complete(session, uri, at + 9))]
    assert labels[0] == "1.属于国家秘密"


async def test_completion_in_total_cell_offers_computed_sum_first(session: Session):
    path = seed("001")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    nb304 = next(d for d in await session.diagnostics(uri) if d.code == "NB304")
    at = session.offset(text, nb304.range.start)
    items = ranked(await complete(session, uri, at + 1))
    assert items[0].label == "0"  # 结果维持+结果纠正+其他结果+尚未审结 = 0
    assert items[0].text_edit.new_text == "0"


async def test_completion_of_missing_headings_at_line_start(session: Session):
    path = seed("003")
    text = path.read_text(encoding="utf-8")
    # Remove section 五 (heading only) and ask at the start of a new line after the title.
    heading = "五、存在的主要问题及改进情况"
    assert heading in text
    text = text.replace(heading + "\n", "", 1)
    uri = session.open("no5.txt", text)
    codes = [d.code for d in await session.diagnostics(uri)]
    assert "NB101" in codes
    at = text.index("\n") + 1
    session.edit(uri, at, at, "\n")
    labels = [i.label for i in ranked(await complete(session, uri, at))]
    assert heading in labels
    session.edit(uri, at, at, "wu")
    labels = [i.label for i in ranked(await complete(session, uri, at + 2))]
    assert labels[0] == heading


async def test_table_snippet_inserts_a_table_the_core_reads(session: Session, tmp_path):
    path = seed("003")
    text = path.read_text(encoding="utf-8")
    start = text.index("四、政府信息公开行政复议、行政诉讼情况")
    end = text.index("五、存在的主要问题及改进情况")
    text = text[:start] + text[end:]  # section 四 and its table are gone
    uri = session.open("no4.txt", text)
    await session.diagnostics(uri)
    session.edit(uri, start, start, "\n")
    items = ranked(await complete(session, uri, start))
    snippet = next(i for i in items if i.kind == types.CompletionItemKind.Snippet)
    body = snippet.text_edit.new_text
    if snippet.insert_text_format == types.InsertTextFormat.Snippet:
        assert "${1:0}" in body
        import re

        body = re.sub(r"\$\{\d+:([^}]*)\}", r"\1", body)
    new_text = text[:start] + body + text[start:]
    out = tmp_path / "with4.txt"
    out.write_text(new_text, encoding="utf-8")
    check = subprocess.run([str(BIN), "check", "--format", "json", str(out)], capture_output=True, text=True)
    codes = {d["code"] for f in __import__("json").loads(check.stdout)["files"] for d in f["diagnostics"]}
    assert not codes & {"NB101", "NB201", "NB202", "NB204"}, codes


async def test_hover_on_total_cell_shows_identity_with_values(session: Session):
    path = seed("003")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    await session.diagnostics(uri)
    # 「（七）总计」 row: 68 0 0 0 0 0 68 — the last is the 总计 column.
    row = text.index("（七）总计")
    cells = text[row:].split("\n")[1:8]
    assert [c.strip() for c in cells] == ["68", "0", "0", "0", "0", "0", "68"]
    at = row + len("\n".join(text[row:].split("\n")[:7])) + 2  # inside the 7th value line
    hover = await session.client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=session.position(text, at))
    )
    assert hover is not None
    value = hover.contents.value
    assert "I1" in value and "I2" in value and "I3" in value, value
    assert "68" in value and "✓" in value


async def test_hover_on_label_and_heading(session: Session):
    path = seed("003")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    await session.diagnostics(uri)
    at = text.index("1.属于国家秘密") + 3
    hover = await session.client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=session.position(text, at))
    )
    assert "denied.state_secret" in hover.contents.value and "国家秘密" in hover.contents.value
    at = text.index("三、收到和处理政府信息公开申请情况") + 2
    hover = await session.client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=session.position(text, at))
    )
    assert "applications" in hover.contents.value


async def test_quick_fix_for_001_total_applies_and_diagnostic_disappears(session: Session):
    path = seed("001")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    diags = await session.diagnostics(uri)
    nb304 = next(d for d in diags if d.code == "NB304")
    actions = await session.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=nb304.range,
            context=types.CodeActionContext(diagnostics=[nb304], only=[types.CodeActionKind.QuickFix]),
        )
    )
    # NB304's fix is unsafe (RULES.md "Fix safety"): one quick fix per choice, the sum first, none preferred
    choices = [a for a in actions if a.diagnostics and a.diagnostics[0].code == "NB304" and "停用" not in a.title]
    assert [a.title for a in choices] == [
        "将「总计」改为 0（各项之和）",
        "将「结果维持」改为 5（其余各格不变）",
        "将「结果纠正」改为 5（其余各格不变）",
        "将「其他结果」改为 5（其余各格不变）",
        "将「尚未审结」改为 5（其余各格不变）",
    ], [a.title for a in choices]
    assert not any(a.is_preferred for a in choices)
    fix = choices[0]
    assert fix.kind == types.CodeActionKind.QuickFix
    session.apply_text_edits(uri, fix.edit.changes[uri])
    after = await session.diagnostics(uri)
    assert not [d for d in after if d.code == "NB304"]
    assert len(after) == len(diags) - 1


async def test_disable_for_this_line(session: Session):
    path = seed("001")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    nb304 = next(d for d in await session.diagnostics(uri) if d.code == "NB304")
    actions = await session.client.text_document_code_action_async(
        types.CodeActionParams(text_document=doc(uri), range=nb304.range, context=types.CodeActionContext(diagnostics=[nb304]))
    )
    disable = next(a for a in actions if "NB304" in a.title and "停用" in a.title)
    (edit,) = disable.edit.changes[uri]
    assert edit.new_text == "<!-- nianbao-disable-next-line NB304 -->\n"
    session.apply_text_edits(uri, [edit])
    assert not [d for d in await session.diagnostics(uri) if d.code == "NB304"]


async def test_fix_all_applies_safe_fixes(session: Session, tmp_path):
    path = seed("002")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    before = await session.diagnostics(uri)
    assert any(d.code == "NB203" for d in before)
    actions = await session.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.nianbao"]),
        )
    )
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.nianbao"
    session.apply_text_edits(uri, fix_all.edit.changes[uri])
    after = await session.diagnostics(uri)
    assert not [d for d in after if d.code == "NB203"], [d.message for d in after]


async def test_fix_all_never_applies_an_unsafe_fix(session: Session):
    # Seed 001: 未经复议直接起诉 总计 5, its parts all 0 (NB304). Fix-all repairs labels and headings but
    # must not turn the 5 lawsuits into 0: which cell is wrong, nothing tells.
    path = seed("001")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    before = await session.diagnostics(uri)
    nb304 = [d.message for d in before if d.code == "NB304"]
    assert nb304
    actions = await session.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.nianbao"]),
        )
    )
    (fix_all,) = actions
    edits = fix_all.edit.changes[uri]
    assert edits
    session.apply_text_edits(uri, edits)
    after = await session.diagnostics(uri)
    assert len(after) < len(before)
    assert [d.message for d in after if d.code == "NB304"] == nb304


async def test_outline_folding_hints_tokens(session: Session):
    path = seed("001")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    await session.diagnostics(uri)
    symbols = await session.client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(uri)))
    names = [s.name for s in symbols]
    assert names[0].startswith("一、") and len(names) == 6, names
    apps = symbols[2]
    (table,) = apps.children
    assert table.detail == "applications"
    groups = [c.name for c in table.children if c.children]
    assert "（三）不予公开" in groups and "（四）无法提供" in groups, groups
    folds = await session.client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc(uri)))
    assert len(folds) >= 6
    end = types.Position(line=len(text.split("\n")), character=0)
    hints = await session.client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=doc(uri), range=types.Range(start=types.Position(line=0, character=0), end=end))
    )
    # Exactly one total differs from its computed sum: 未经复议直接起诉 总计 (5 ≠ 0).
    assert len(hints) == 1 and "0" in hints[0].label, hints
    tokens = await session.client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc(uri)))
    assert len(tokens.data) % 5 == 0 and len(tokens.data) > 5 * 100


async def test_formatting_matches_nianbao_fmt(session: Session):
    path = seed("002")
    text = path.read_text(encoding="utf-8")
    uri = session.open(path.name, text)
    await session.diagnostics(uri)
    edits = await session.client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc(uri), options=types.FormattingOptions(tab_size=4, insert_spaces=False))
    )
    expected = subprocess.run([str(BIN), "fmt", "-"], input=text, capture_output=True, text=True).stdout
    session.apply_text_edits(uri, edits or [])
    assert session.texts[uri] == expected
    assert edits, "seed 002 is not in canonical form"
