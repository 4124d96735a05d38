#!/usr/bin/env python3
"""Generate N typical reports (default 1,000, ≈12 MB) from the real reports of tests/corpus, varied:
every layout of the seeds (tab/pipe/one-cell-per-line text, text out of PDFs, Markdown), numbers
changed here and there (so some totals no longer add up, as in real reports), prose lines repeated
so sizes vary like real ones. Deterministic for a given N.

usage: gen_corpus.py OUT_DIR [N]
"""
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"


def sources() -> list[str]:
    paths = sorted(CORPUS.glob("*.txt")) + [
        p for p in sorted((CORPUS / "derived").iterdir())
        if p.suffix in (".txt", ".md") and ".gbk." not in p.name
    ]
    return [p.read_text(encoding="utf-8") for p in paths]


def vary(text: str, rng: random.Random) -> str:
    def number(m: re.Match) -> str:
        s = m.group(0)
        if len(s) > 3 or rng.random() > 0.08:
            return s
        return str(max(0, int(s) + rng.choice([-2, -1, 1, 2, 5])))

    text = re.sub(r"(?<![0-9年月日号第])[0-9]+(?![0-9年月日号])", number, text)
    lines = text.split("\n")
    prose = [i for i, l in enumerate(lines) if len(l) > 60 and "\t" not in l and "|" not in l]
    for _ in range(rng.randrange(0, 9)):
        if prose:
            i = rng.choice(prose)
            lines.insert(i + 1, lines[i])
    return "\n".join(lines)


def main() -> None:
    out = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("report-*.md"):
        old.unlink()
    src = sources()
    rng = random.Random(20261122)
    total = 0
    for i in range(n):
        text = vary(src[i % len(src)], rng)
        data = text.encode("utf-8")
        (out / f"report-{i:04d}.md").write_bytes(data)
        total += len(data)
    print(f"{n} reports, {total / 1e6:.1f} MB in {out}")


if __name__ == "__main__":
    main()
