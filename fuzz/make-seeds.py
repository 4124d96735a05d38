#!/usr/bin/env python3
"""Write the seed inputs of the fuzz targets into fuzz/corpus/<target>/seed-*.

Every target's input starts with a flags byte and ends with the rest of the bytes taken as they
are (see fuzz/oracles/src/lib.rs), so a seed is a byte or two in front of a real report from
tests/corpus. Inputs found by fuzzing (regressions, coverage) sit beside the seeds under other
names. Run from anywhere: python3 fuzz/make-seeds.py
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
OUT = ROOT / "fuzz" / "corpus"

texts = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "derived").glob("*.txt")) + sorted(
    (CORPUS / "derived").glob("*.md")
)
htmls = sorted((CORPUS / "derived").glob("*.html"))
docxs = sorted((CORPUS / "derived").glob("*.docx"))


def write(target: str, name: str, data: bytes) -> None:
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / f"seed-{name}").write_bytes(data)


for p in texts:
    b = p.read_bytes()
    stem = p.name.replace(".", "-")
    gbk = ".gbk." in p.name
    # analyze: flags bit 2 = through decode (the GBK copies need it), bit 3 = apply a fix, bits 0-1 = template
    write("analyze", stem, bytes([(4 | 8) if gbk else 8]) + b)
    if not gbk:
        # format: plain, to Markdown (bit 0), CRLF (bit 3)
        write("format", stem, bytes([0]) + b)
        write("format", stem + "-md", bytes([1]) + b)
        write("format", stem + "-crlf", bytes([8]) + b)
        # lsp: UTF-16, pull diagnostics (bit 2), no ops (a 0 byte ends the list), the report opened last
        write("lsp", stem, bytes([4, 0]) + b)
for p in sorted(CORPUS.glob("*.txt"))[:2]:
    b = p.read_bytes()
    write("analyze", p.name.replace(".", "-") + "-2019", bytes([1]) + b)
    write("analyze", p.name.replace(".", "-") + "-2021", bytes([2]) + b)
    write("lsp", p.name.replace(".", "-") + "-utf8-push", bytes([1, 0]) + b)
for p in htmls:
    # html: flags, no generated pieces (0), the page
    write("html", p.name.replace(".", "-"), bytes([0, 0]) + p.read_bytes())
    write("analyze", p.name.replace(".", "-"), bytes([4]) + p.read_bytes())
for p in docxs:
    # docx: variant Bytes (a u32 below 2^31), the file
    write("docx", p.name.replace(".", "-"), bytes([0, 0, 0, 0]) + p.read_bytes())
    # a damaged copy: cut in the middle
    b = p.read_bytes()
    write("docx", p.name.replace(".", "-") + "-truncated", bytes([0, 0, 0, 0]) + b[: len(b) // 2])

# pdf: variant Bytes (a u32 below 2^31), the file; small files only (the corpus stays small)
pdfs = CORPUS / "pdf"
for name in ["broken.pdf", "encrypted.pdf", "003_1b7c73a738c3b718.scanned.pdf"]:
    write("pdf", name.replace(".", "-"), bytes([0, 0, 0, 0]) + (pdfs / name).read_bytes())
whole = (pdfs / "003_1b7c73a738c3b718.word.pdf").read_bytes()
write("pdf", "word-head", bytes([0, 0, 0, 0]) + whole[:16384])
write("pdf", "word-tail", bytes([0, 0, 0, 0]) + b"%PDF-1.7\n" + whole[-16384:])
# pdf: variant Page (a u32 of 2^31 or more), its pieces drawn from text operators
write("pdf", "page", bytes([255, 255, 255, 255]) + b"BT /F1 12 Tf 72 700 Td <00010002> Tj ET 0 0 m 100 0 l S 10 10 200 0.5 re f /X Do" * 3)
