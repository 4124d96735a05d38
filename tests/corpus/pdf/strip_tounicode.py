#!/usr/bin/env python3
"""PDFs whose text cannot be extracted, made from the test PDFs by removing their fonts' /ToUnicode maps
(as some print drivers and old report systems write them): the glyphs are still drawn, but nothing says
which characters they are.

  001….chrome.no-tounicode.pdf   001….chrome.pdf without any /ToUnicode: CID TrueType fonts, Identity-H,
                                 whose codes are glyph ids
  001….word.no-tounicode.pdf     001….word.pdf without any /ToUnicode: Type 1 (CFF) subsets with their
                                 builtin encoding, and TrueType with WinAnsi (digits, Latin)
  001….chrome.one-font-garbled.pdf  001….chrome.pdf with only the /ToUnicode of the font that draws the
                                 fewest glyphs removed: one unmapped font among readable ones

And one whose ToUnicode maps are wrong:

  001….chrome.gs-ebook.pdf       001….chrome.pdf re-distilled by Ghostscript 10.00.0 (Debian `ghostscript`)
                                 with `-dPDFSETTINGS=/ebook`, as a compression or archiving step does: its
                                 CID fonts' new ToUnicode maps give many glyphs wrong characters
                                 (「政府信息公开」 read as 「政府信息|开」, 「政á|开」)

Needs pikepdf (PyPI) and gs. Run from the repository root: python3 tests/corpus/pdf/strip_tounicode.py
"""
import os
import subprocess
import pikepdf

OUT = os.path.dirname(os.path.abspath(__file__))


def fonts(pdf):
    for page in pdf.pages:
        res = page.obj.get("/Resources")
        if res is None or "/Font" not in res:
            continue
        for name, font in res["/Font"].items():
            yield name, font


def strip(src, dst, keep=lambda name, font: False):
    with pikepdf.open(os.path.join(OUT, src)) as pdf:
        for name, font in fonts(pdf):
            if "/ToUnicode" in font and not keep(name, font):
                del font["/ToUnicode"]
        pdf.save(os.path.join(OUT, dst), deterministic_id=True)


def glyph_counts(src):
    """How many glyph codes each font shows (2 bytes a code for a Type0 font, 1 else)."""
    counts = {}
    with pikepdf.open(os.path.join(OUT, src)) as pdf:
        for page in pdf.pages:
            fonts_here = dict(page.obj.Resources.Font.items())
            current = None
            for operands, op in pikepdf.parse_content_stream(page):
                if op == pikepdf.Operator("Tf"):
                    current = fonts_here.get(str(operands[0]))
                elif op in (pikepdf.Operator("Tj"), pikepdf.Operator("TJ")) and current is not None:
                    items = operands[0] if op == pikepdf.Operator("TJ") else [operands[0]]
                    n = sum(len(bytes(s)) for s in items if isinstance(s, pikepdf.String))
                    if current.Subtype == "/Type0":
                        n //= 2
                    key = current.objgen
                    counts[key] = counts.get(key, 0) + n
    return counts


strip("001_7e69af88cfc75a8c.chrome.pdf", "001_7e69af88cfc75a8c.chrome.no-tounicode.pdf")
strip("001_7e69af88cfc75a8c.word.pdf", "001_7e69af88cfc75a8c.word.no-tounicode.pdf")
counts = glyph_counts("001_7e69af88cfc75a8c.chrome.pdf")
fewest = min((n, key) for key, n in counts.items() if n > 0)[1]
strip(
    "001_7e69af88cfc75a8c.chrome.pdf",
    "001_7e69af88cfc75a8c.chrome.one-font-garbled.pdf",
    keep=lambda name, font: font.objgen != fewest,
)
print({str(k): v for k, v in counts.items()}, "garbled:", fewest)
subprocess.run(
    ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-dPDFSETTINGS=/ebook",
     "-sOutputFile=" + os.path.join(OUT, "001_7e69af88cfc75a8c.chrome.gs-ebook.pdf"),
     os.path.join(OUT, "001_7e69af88cfc75a8c.chrome.pdf")],
    check=True,
)
