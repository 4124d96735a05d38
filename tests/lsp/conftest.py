"""End-to-end tests of `nianbao lsp` over stdio, with the recorded capabilities of real clients.

Run from the repository root after `cargo build`:  python -m pytest tests/lsp
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("NIANBAO_BIN", ROOT / "target" / "debug" / "nianbao"))
CORPUS = ROOT / "tests" / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
PROFILES = ["visual-studio-code", "neovim", "emacs"]

SERVER = ClientServerConfig(server_command=[str(BIN), "lsp", "--stdio"])


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


class Session:
    """A client with helpers: open/edit documents, get diagnostics (push or pull), apply edits."""

    def __init__(self, client: LanguageClient, profile: str, workspace: Path, result: types.InitializeResult):
        self.client = client
        self.profile = profile
        self.workspace = workspace
        self.result = result
        self.pull = result.capabilities.diagnostic_provider is not None
        self.encoding = result.capabilities.position_encoding or types.PositionEncodingKind.Utf16
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self.published: list[types.PublishDiagnosticsParams] = []
        original = client.protocol._handle_notification

        def record(method: str, params: Any):
            if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
                self.published.append(params)
            return original(method, params)

        client.protocol._handle_notification = record

    # ---- positions in the negotiated encoding
    def units(self, s: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(s.encode("utf-8"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(s)
        return len(s.encode("utf-16-le")) // 2

    def position(self, text: str, offset: int) -> types.Position:
        """Position of a character offset."""
        line = text.count("\n", 0, offset)
        start = text.rfind("\n", 0, offset) + 1
        return types.Position(line=line, character=self.units(text[start:offset]))

    def offset(self, text: str, pos: types.Position) -> int:
        """Character offset of a position."""
        lines = text.split("\n")
        start = sum(len(l) + 1 for l in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        col = 0
        for i, ch in enumerate(line):
            if col >= pos.character:
                return start + i
            col += self.units(ch)
        return start + len(line)

    def char_range(self, text: str, r: types.Range) -> tuple[int, int, int, int]:
        """(line, column) pairs, 1-based, columns in characters, as `nianbao check --format json`."""
        s, e = self.offset(text, r.start), self.offset(text, r.end)
        def lc(o: int) -> tuple[int, int]:
            return text.count("\n", 0, o) + 1, o - (text.rfind("\n", 0, o) + 1) + 1
        return (*lc(s), *lc(e))

    # ---- documents
    def uri(self, name: str) -> str:
        return (self.workspace / name).as_uri()

    def open(self, name: str, text: str, language_id: str = "plaintext") -> str:
        uri = self.uri(name)
        self.texts[uri] = text
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=text)
            )
        )
        return uri

    def edit(self, uri: str, start: int, end: int, new: str) -> None:
        """Replace characters [start, end) by `new`, as an incremental change."""
        text = self.texts[uri]
        rng = types.Range(start=self.position(text, start), end=self.position(text, end))
        self.texts[uri] = text[:start] + new + text[end:]
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                content_changes=[types.TextDocumentContentChangePartial(range=rng, text=new)],
            )
        )

    def apply_text_edits(self, uri: str, edits: list[types.TextEdit]) -> None:
        """Apply edits the way an editor does: as one didChange, last edit first."""
        text = self.texts[uri]
        spans = sorted(
            ((self.offset(text, e.range.start), self.offset(text, e.range.end), e.new_text) for e in edits),
            reverse=True,
        )
        changes = []
        for s, e, new in spans:
            rng = types.Range(start=self.position(text, s), end=self.position(text, e))
            changes.append(types.TextDocumentContentChangePartial(range=rng, text=new))
            text = text[:s] + new + text[e:]
        self.texts[uri] = text
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                content_changes=changes,
            )
        )

    async def diagnostics(self, uri: str, timeout: float = 20.0, after: int = 0) -> list[types.Diagnostic]:
        """The diagnostics of the current version (pulled, or waited for until published; with
        `after`, only notifications after the first `after` ones count)."""
        if self.pull:
            report = await self.client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
            return list(report.items)
        version = self.versions[uri]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            for p in reversed(self.published[after:]):
                if p.uri == uri:
                    if p.version == version:
                        return list(p.diagnostics)
                    break
            await asyncio.sleep(0.01)
        raise AssertionError(f"no diagnostics for {uri} version {version}; got {[(p.uri, p.version) for p in self.published][-5:]}")


    async def eventually(self, uri: str, predicate, timeout: float = 20.0) -> list[types.Diagnostic]:
        """Diagnostics (pulled again and again, or as published) until `predicate` holds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        diags: list[types.Diagnostic] = []
        while loop.time() < deadline:
            if self.pull:
                diags = await self.diagnostics(uri)
            else:
                mine = [p for p in self.published if p.uri == uri]
                diags = list(mine[-1].diagnostics) if mine else []
            if predicate(diags):
                return diags
            await asyncio.sleep(0.05)
        raise AssertionError(f"condition not met; last: {[(d.code, d.message) for d in diags]}")


@pytest_lsp.fixture(config=SERVER, params=PROFILES)
async def lsp(lsp_client: LanguageClient, request: pytest.FixtureRequest):
    workspace: Path = request.getfixturevalue("tmp_path")
    (workspace / ".git").mkdir()
    options = getattr(request, "param_options", None) or {"nianbao": {"debounce_ms": 0}}
    registrations: list[types.Registration] = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):  # a real client accepts dynamic registrations
        registrations.extend(params.registrations)
        return None

    @lsp_client.feature(types.WORKSPACE_INLAY_HINT_REFRESH)
    def inlay_refresh(params: None):
        return None

    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=pytest_lsp.client_capabilities(request.param),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
            initialization_options=options,
        )
    )
    lsp_client.nianbao = Session(lsp_client, request.param, workspace, result)
    lsp_client.nianbao.registrations = registrations
    yield
    if not getattr(lsp_client, "nianbao_exited", False):
        await lsp_client.shutdown_session()


@pytest.fixture
def session(lsp: LanguageClient) -> Session:
    return lsp.nianbao


def nianbao_check(path: Path, *args: str) -> list[dict]:
    """`nianbao check --format json` on a file: its diagnostics."""
    out = subprocess.run(
        [str(BIN), "check", "--format", "json", *args, str(path)], capture_output=True, text=True, check=False
    )
    assert out.returncode in (0, 1), out.stderr
    files = json.loads(out.stdout)["files"]
    return files[0]["diagnostics"] if files else []


def as_check(session: Session, text: str, diags: list[types.Diagnostic]) -> list[tuple]:
    """LSP diagnostics in the shape of `nianbao check --format json`, sorted."""
    sev = {1: "error", 2: "warning", 3: "info", 4: "hint"}
    return sorted(
        (d.code, sev[d.severity], d.message, session.char_range(text, d.range)) for d in diags
    )


def check_shape(diags: list[dict]) -> list[tuple]:
    return sorted(
        (
            d["code"],
            d["severity"],
            d["message"],
            (d["range"]["start"]["line"], d["range"]["start"]["column"], d["range"]["end"]["line"], d["range"]["end"]["column"]),
        )
        for d in diags
    )
