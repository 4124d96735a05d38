#!/usr/bin/env python3
"""Lay a seed's web page (tests/corpus/derived/<seed>.html) out as an office suite prints or saves it:
LibreOffice opens the page and saves it as Word (`soffice --headless --convert-to docx`); the Word file
gets the page setup or table markup named below through python-docx (the properties Word itself
writes, ECMA-376 Part 1 §17.6 sections, §17.4 tables), and LibreOffice prints it to PDF
(`soffice --headless --convert-to pdf`):

    make_office.py landscape        SEED.html OUT.pdf   # every page landscape (MediaBox wider than high)
    make_office.py landscape-tables SEED.html OUT.pdf   # the pages of the tables landscape, the prose portrait
    make_office.py vertical-headers SEED.html OUT.pdf   # table 三's column headers written top to bottom (tbRl)
    make_office.py grid             SEED.html OUT.docx  # each table's first row one grid column narrower at
                                                        # both ends (w:gridBefore / w:gridAfter), as Word
                                                        # writes a row dragged narrower

Modes joined by commas apply one after the other (`landscape,vertical-headers`).
Needs `soffice` (Debian `libreoffice-writer`) and python-docx (PyPI `python-docx`). No word or number
is typed here: the text is the seed page's as LibreOffice reads it.
"""
import copy
import os
import shutil
import subprocess
import sys
import tempfile

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.oxml import OxmlElement


def soffice(src, fmt, outdir):
    env = dict(os.environ, HOME=outdir)
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, env=env, capture_output=True)
    base = os.path.splitext(os.path.basename(src))[0]
    return os.path.join(outdir, base + "." + fmt.split(":")[0])


def turn(section, landscape):
    w, h = section.page_width, section.page_height
    if landscape != (w > h):
        section.page_width, section.page_height = h, w
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT


def landscape(d):
    for s in d.sections:
        turn(s, True)


def landscape_tables(d):
    """Section breaks (a paragraph's w:sectPr ends its section) before the heading above the first
    table and after the last table: the middle section landscape."""
    body = d.element.body
    tables = body.findall(qn("w:tbl"))
    first, last = tables[0], tables[-1]
    # the heading paragraph right above the first table's section
    before = first.getprevious()
    while before is not None and before.tag == qn("w:p") and not (before.xpath("string(.)").strip()[:2] in ("二、",)):
        before = before.getprevious()
    end_portrait = before.getprevious()
    final = body.find(qn("w:sectPr"))
    # section 1 (portrait) ends at the paragraph before the heading
    sect1 = copy.deepcopy(final)
    ppr = end_portrait.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        end_portrait.insert(0, ppr)
    ppr.append(sect1)
    # section 2 (landscape) ends at an empty paragraph after the last table (Word puts one there)
    p = OxmlElement("w:p")
    ppr2 = OxmlElement("w:pPr")
    p.append(ppr2)
    sect2 = copy.deepcopy(final)
    ppr2.append(sect2)
    last.addnext(p)
    d.sections[1].orientation  # (the sections python-docx now sees: 3)
    turn(d.sections[1], True)
    turn(d.sections[0], False)
    turn(d.sections[2], False)


def vertical_headers(d):
    """Table 三 (the table with the most grid columns but one): the cells of its header rows (above
    its first row holding a number) that head one grid column and one row and hold no more than a few characters get
    <w:textDirection w:val="tbRl"/>, as Word's 「文字方向」 writes it."""
    t = sorted(d.tables, key=lambda t: len(t.columns))[-2]
    for row in t.rows:
        tcs = row._tr.findall(qn("w:tc"))
        texts = ["".join(tc.xpath(".//w:t/text()")).strip() for tc in tcs]
        if any(x.isdigit() for x in texts):
            break
        turned = False
        for tc, x in zip(tcs, texts):
            span = tc.find(qn("w:tcPr")).find(qn("w:gridSpan")) if tc.find(qn("w:tcPr")) is not None else None
            merged = tc.find(qn("w:tcPr")) is not None and tc.find(qn("w:tcPr")).find(qn("w:vMerge")) is not None
            if 0 < len(x) <= 6 and (span is None or span.get(qn("w:val")) == "1") and not merged:
                tcpr = tc.get_or_add_tcPr()
                td = OxmlElement("w:textDirection")
                td.set(qn("w:val"), "tbRl")
                # schema order: textDirection comes after tcBorders/shd/noWrap/tcMar and before vAlign
                valign = tcpr.find(qn("w:vAlign"))
                if valign is not None:
                    valign.addprevious(td)
                else:
                    tcpr.append(td)
                turned = True
        if turned:
            # the row made tall enough for the turned text (as a row dragged taller: w:trHeight)
            trpr = row._tr.get_or_add_trPr()
            h = OxmlElement("w:trHeight")
            h.set(qn("w:val"), "1440")
            h.set(qn("w:hRule"), "atLeast")
            trpr.append(h)


def grid(d):
    """Each table's grid gets a narrow column at each end; its first row is left narrower (its cells
    where they were, the new columns skipped: w:gridBefore/w:wBefore and w:gridAfter/w:wAfter), the other
    rows reach over them (their first and last cell one grid column wider)."""
    edge = 340  # twips
    for t in d.tables:
        tbl = t._tbl
        g = tbl.find(qn("w:tblGrid"))
        for where in (0, None):
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(edge))
            if where == 0:
                g.insert(0, col)
            else:
                g.append(col)
        rows = tbl.findall(qn("w:tr"))
        for i, tr in enumerate(rows):
            tcs = tr.findall(qn("w:tc"))
            if i == 0:
                trpr = tr.find(qn("w:trPr"))
                if trpr is None:
                    trpr = OxmlElement("w:trPr")
                    tr.insert(0, trpr)
                for tag, wtag in (("w:gridBefore", "w:wBefore"), ("w:gridAfter", "w:wAfter")):
                    e = OxmlElement(tag)
                    e.set(qn("w:val"), "1")
                    trpr.insert(0 if tag == "w:gridBefore" else len(trpr), e)
                    w = OxmlElement(wtag)
                    w.set(qn("w:w"), str(edge))
                    w.set(qn("w:type"), "dxa")
                    trpr.append(w)
                continue
            for tc in (tcs[0], tcs[-1]):
                tcpr = tc.get_or_add_tcPr()
                span = tcpr.find(qn("w:gridSpan"))
                if span is None:
                    span = OxmlElement("w:gridSpan")
                    span.set(qn("w:val"), "1")
                    tcw = tcpr.find(qn("w:tcW"))
                    (tcw.addnext if tcw is not None else (lambda e: tcpr.insert(0, e)))(span)
                span.set(qn("w:val"), str(int(span.get(qn("w:val"))) + 1 + (1 if len(tcs) == 1 and tc is tcs[0] else 0)))
                if len(tcs) == 1:
                    break


def main():
    mode, src, out = sys.argv[1:4]
    work = tempfile.mkdtemp()
    try:
        page = os.path.join(work, os.path.basename(src))
        shutil.copy(src, page)
        saved = soffice(page, "docx:MS Word 2007 XML", work)
        d = docx.Document(saved)
        for m in mode.split(","):
            {"landscape": landscape, "landscape-tables": landscape_tables,
             "vertical-headers": vertical_headers, "grid": grid}[m](d)
        d.save(saved)
        if out.endswith(".pdf"):
            shutil.copy(soffice(saved, "pdf", work), out)
        else:
            shutil.copy(saved, out)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
