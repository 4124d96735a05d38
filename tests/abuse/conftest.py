"""Fixtures of the LSP abuse suite: a running `nianbao lsp`, killed after the test if still up."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from rpc import BIN, Server  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _binary():
    if not BIN.exists():
        pytest.fail(f"{BIN} not found: run `cargo build` first (or set NIANBAO_BIN)")


@pytest.fixture
def servers():
    started: list[Server] = []

    def start(**kw) -> Server:
        s = Server(**kw)
        started.append(s)
        return s

    yield start
    for s in started:
        s.kill()
        panics = [l for l in s.stderr_lines if "panicked" in l]
        assert not panics, "the server panicked:\n" + "".join(panics)


@pytest.fixture
def server(servers) -> Server:
    return servers()
