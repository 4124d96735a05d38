#!/usr/bin/env python3
"""Build tests/corpus/wild/: reports as reviewers really hold them (FORMAT.md §7), with what they must read as.

Every corpus file is rendered here by the real tools, and the outputs are committed so that the test
(tests/tests/wild.rs) needs none of them. The routes (README.md has the full list):

  <id>.crawl.txt                    a crawler's text of the web page: metadata lines (标题/发布时间/原文链接), then
                                    the page's text with its line breaks (and, for the seeds, all white space)
                                    stripped, site chrome (当前位置 … 打印本页) around it (FORMAT.md §7.1)
  <id>.chromium.innertext.txt       a browser's 「select all, copy」 (Chromium's innerText)
  <id>.soffice.pdftotext.txt        LibreOffice `soffice --headless --convert-to pdf` of the .docx, then poppler's
  <id>.soffice.pdftotext-layout.txt `pdftotext` without / with `-layout` (§7.2, §7.3)
  <id>.chromium.pdftotext*.txt      the same from Chromium `--headless --print-to-pdf` of the web page
  <id>.<pdf>.pymupdf4llm.md         PDF → Markdown by the converters of PyPI (requirements.txt) (§7.4), and
  <id>.<pdf>.markitdown.md          pymupdf4llm as it was in 2024 (requirements-legacy.txt)
  <id>.<pdf>.pymupdf4llm-0.0.17.md
  <id>.<pdf>.pdfminer.txt           PDF → text by the libraries of Python pipelines: pdfminer.six `extract_text`,
  <id>.<pdf>.pymupdf[-sort].txt     PyMuPDF `page.get_text()` (and with `sort=True`), pdfplumber `extract_text()`
  <id>.<pdf>.pdfplumber.txt         (§7.2; requirements.txt)
  <id>.<pdf>.pdftotext-raw.txt      more PDF → text routes: poppler `pdftotext -raw` (content-stream order), pypdf
  <id>.<pdf>.pypdf[-layout].txt     `extract_text()` (and layout mode), PDFium (pypdfium2 `get_text_range()`),
  <id>.<pdf>.pypdfium2.txt          pdf.js as Node tools read it (pdf-parse's page renderer over pdfjs-dist,
  <id>.<pdf>.pdfjs.txt              pinned in pdfjs/package-lock.json, run with the system's node)
  <id>.html2text.md, <id>.markdownify.md, <id>.trafilatura.txt, <id>.bs4.txt, <id>.pandoc[-gfm].md
                                    the web page by the HTML → text libraries of crawlers (requirements.txt):
                                    html2text, markdownify, trafilatura `extract`, BeautifulSoup `get_text("\n")`,
                                    pandoc (its Markdown / GitHub's)
  <id>.imgtables.*                  the page with its tables as pictures (§7.7)
  <id>.<maker>.pdf                  the PDFs read directly by nianbao's own reader: soffice, chromium, weasyprint,
                                    soffice-web, wkhtmltopdf (Qt WebKit, as government CMSs print pages), and
  <id>.soffice.gs.pdf               soffice.pdf passed on by Ghostscript's pdfwrite / poppler's pdftocairo (a
  <id>.soffice.pdftocairo.pdf       print-to-PDF or archiving step)
  <id>.html, <id>.soffice.docx      a real report's page as found (input), and saved as Word by LibreOffice

and beside each, <file>.expected.json: the tables it must export, the real defects it must report (error
diagnostics), and the cells that cannot be determined from that rendering at all.

Seeds (`s000` … `s004`): the reports of tests/corpus/*.txt, their web page and Word document rendered by
tests/corpus/derived/make.py (values from tests/corpus/expected/*.export.json). Real reports (`w01` …): the page
`<id>.html`, its tables read by hand and its notes in src/<id>.tables.json (README.md).

Needs: poppler-utils, libreoffice, chromium, wkhtmltopdf, ghostscript, CJK fonts (README.md has the versions), python3 >= 3.11,
node >= 20.16 and npm (pdf.js); the converters are installed into venvs outside the repository ($WILD_VENV, $WILD_VENV_LEGACY, under ~/.cache).
Run from anywhere: python3 tests/corpus/wild/make.py [seeds] [real] [pdf-routes] [text-routes]
                   python3 tests/corpus/wild/make.py page-routes <library>…   (only those page libraries' routes)
"""
import collections
import html
import html.parser
import importlib.util
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CORPUS = os.path.join(ROOT, "tests", "corpus")
OUT = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(OUT, "src")
BUILD = os.environ.get("WILD_BUILD", "/tmp/nianbao-wild-build")
VENV = os.environ.get("WILD_VENV", os.path.expanduser("~/.cache/nianbao-wild-venv"))
REQUIREMENTS = os.path.join(OUT, "requirements.txt")  # pymupdf4llm, markitdown[pdf] and their deps, pinned
# pymupdf4llm 0.0.17 (2024): finds only tables with ruling lines; the rest come out as runs of numbers, some as
# headings (「# 60 0 0 0 0 0 60」)
VENV_LEGACY = os.environ.get("WILD_VENV_LEGACY", os.path.expanduser("~/.cache/nianbao-wild-venv-legacy"))
REQUIREMENTS_LEGACY = os.path.join(OUT, "requirements-legacy.txt")
SEEDS = ["000", "001", "002", "003", "004"]

TEMPLATES = {
    t: tomllib.load(open(os.path.join(ROOT, "crates", "nianbao-core", "templates", t + ".toml"), "rb"))
    for t in ("2019", "2021")
}


def derived_module():
    spec = importlib.util.spec_from_file_location("derived", os.path.join(CORPUS, "derived", "make.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def seed_path(prefix):
    return next(os.path.join(CORPUS, f) for f in sorted(os.listdir(CORPUS)) if f.startswith(prefix) and f.endswith(".txt"))


def seed_export(prefix):
    name = os.path.basename(seed_path(prefix))[:-4]
    e = json.load(open(os.path.join(CORPUS, "expected", name + ".export.json"), encoding="utf-8"))
    return e[0] if isinstance(e, list) else e


def patched_load(derived):
    """derived/make.py's `load`, with the values from tests/corpus/expected (not from today's reader)."""

    def load(prefix):
        path = seed_path(prefix)
        text = open(path, encoding="utf-8").read()
        exp = seed_export(prefix)
        tpl = TEMPLATES[exp["template"]]
        lines = text.split("\n")
        heads = sorted((s["line"] - 1, sid) for sid, s in exp["sections"].items())
        title = exp.get("organ") and next((l for l in lines[: heads[0][0]] if "报告" in l), None)
        preface = [l for l in lines[: heads[0][0]] if l.strip() and l != title]
        bodies = {}
        for i, (ln, sid) in enumerate(heads):
            end = heads[i + 1][0] if i + 1 < len(heads) else len(lines)
            bodies[sid] = [l for l in lines[ln + 1 : end] if l.strip()]
        return exp, tpl, title, preface, bodies

    return load


# ------------------------------------------------------------------------------------------- tools
def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)


def tool_env():
    home = os.path.join(BUILD, "home")
    os.makedirs(home, exist_ok=True)
    return dict(os.environ, HOME=home, XDG_CONFIG_HOME=home + "/config", XDG_CACHE_HOME=home + "/cache")


FOOTER = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
          '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>')


def with_page_numbers(docx):
    """Give a Word document an A4 page and a page-number footer (「— 3 —」), as published reports have: in the
    PDF the number then sits between a table's rows where the table crosses a page."""
    import zipfile
    with zipfile.ZipFile(docx) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    doc = doc.replace("<w:document ", '<w:document xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ', 1)
    sect = ('<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
    doc = doc.replace("</w:body>", sect + "</w:body>", 1)
    parts["word/document.xml"] = doc.encode("utf-8")
    parts["word/footer1.xml"] = FOOTER.encode("utf-8")
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
        '</Relationships>').encode("utf-8")
    ct = parts["[Content_Types].xml"].decode("utf-8")
    ct = ct.replace("</Types>", '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>')
    parts["[Content_Types].xml"] = ct.encode("utf-8")
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)


def soffice_pdf(docx, pdf):
    outdir = os.path.join(BUILD, "soffice")
    os.makedirs(outdir, exist_ok=True)
    run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", outdir, docx], env=tool_env(), timeout=180)
    shutil.move(os.path.join(outdir, os.path.splitext(os.path.basename(docx))[0] + ".pdf"), pdf)


def chromium_pdf(page, pdf):
    env = tool_env()
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--user-data-dir=" + env["HOME"] + "/chromium",
         "--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + os.path.abspath(page)], env=env, timeout=180)


def chromium_innertext(page, ident):
    """The page's text as a browser's 「select all, copy」 gives it: Chromium's `document.body.innerText` (cells
    apart by tabs, blank lines around paragraphs inside cells), taken with `--dump-dom`."""
    env = tool_env()
    copy = os.path.join(BUILD, ident + ".innertext.html")
    text = open(page, encoding="utf-8").read()
    text = text.replace("</body>", "<script>document.body.textContent = document.body.innerText;</script></body>", 1)
    open(copy, "w", encoding="utf-8").write(text)
    dom = run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--user-data-dir=" + env["HOME"] + "/chromium",
               "--dump-dom", "file://" + os.path.abspath(copy)], env=env, timeout=180).stdout.decode("utf-8")
    body = re.search(r"<body[^>]*>(.*)</body>", dom, re.S).group(1)
    return html.unescape(body).strip("\n") + "\n"


def weasyprint_pdf(page, pdf):
    """WeasyPrint (PyPI, pinned in requirements.txt) prints the web page: its own layout engine over Pango,
    fonts subset by fontTools, as report systems that render HTML to PDF on a server do."""
    run([venv_python(), "-c", "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])",
         os.path.abspath(page), pdf], env=tool_env(), timeout=300)


def soffice_web_pdf(page, pdf, ident):
    """LibreOffice prints the web page straight from Writer/Web (`pdf:writer_web_pdf_Export`), not through a
    Word document: another table layout (its own column widths, no page-number footer)."""
    outdir = os.path.join(BUILD, "soffice-web")
    os.makedirs(outdir, exist_ok=True)
    copy = os.path.join(outdir, ident + ".html")
    shutil.copy(page, copy)
    run(["soffice", "--headless", "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", outdir, copy], env=tool_env(), timeout=180)
    shutil.move(os.path.join(outdir, ident + ".pdf"), pdf)


def wkhtmltopdf_pdf(page, pdf):
    """wkhtmltopdf (Debian's, Qt WebKit) prints the web page, as many government CMSs render a page to PDF on
    the server: WebKit's layout, Qt's PDF writer (whole TrueType fonts as CID fonts, Identity-H)."""
    env = dict(tool_env(), QT_QPA_PLATFORM="offscreen")
    run(["wkhtmltopdf", "--quiet", "--page-size", "A4", "--encoding", "utf-8", "--enable-local-file-access",
         os.path.abspath(page), pdf], env=env, timeout=300)


def ghostscript_pdf(pdf, out):
    """A PDF passed through Ghostscript's pdfwrite (`gs -sDEVICE=pdfwrite`), as a print-to-PDF or archiving
    step re-distils it: fonts re-embedded as CFF with custom encodings, content streams rewritten (a
    paragraph's lines shown with the `'` operator: next line, then show)."""
    run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dCompatibilityLevel=1.4",
         "-sOutputFile=" + out, pdf], env=tool_env(), timeout=300)


def pdftocairo_pdf(pdf, out):
    """A PDF re-emitted by poppler's `pdftocairo -pdf` (cairo's PDF writer), as some archiving and
    merging tools do: text re-encoded by cairo, the fonts re-subset."""
    run(["pdftocairo", "-pdf", pdf, out], env=tool_env(), timeout=300)


# the PDFs of the page read directly by nianbao's own reader (`nianbao check x.pdf`), besides Chromium's:
# (maker, function)
PAGE_PDF_MAKERS = (("weasyprint", weasyprint_pdf), ("soffice-web", soffice_web_pdf), ("wkhtmltopdf", wkhtmltopdf_pdf))
# the PDFs made from another PDF (a print-to-PDF or archiving step after the producer): (route, source maker,
# function); read directly too
REPRINT_MAKERS = (("soffice.gs", "soffice", ghostscript_pdf), ("soffice.pdftocairo", "soffice", pdftocairo_pdf))


def page_pdfs(page, ident, leave_out=()):
    """The page printed by each of PAGE_PDF_MAKERS but those in `leave_out`: {maker: path in BUILD}."""
    out = {}
    for maker, make in PAGE_PDF_MAKERS:
        if maker in leave_out:
            continue
        out[maker] = os.path.join(BUILD, f"{ident}.{maker}.pdf")
        if maker == "soffice-web":
            make(page, out[maker], ident)
        else:
            make(page, out[maker])
    return out


def write_pdf(name, pdf, expected):
    """A PDF as the reviewer holds it, read directly by nianbao's own reader (glyph positions: a blank cell is
    where no glyph is, so every cell can be determined): copied in as `<id>.<maker>.pdf`, with its expected
    data beside it."""
    shutil.copy(pdf, os.path.join(OUT, name))
    exp = dict(expected, file=name)
    with open(os.path.join(OUT, name) + ".expected.json", "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", name)


def pdftotext(pdf, layout):
    return run(["pdftotext"] + (["-layout"] if layout else []) + [pdf, "-"]).stdout.decode("utf-8")


def venv_python(legacy=False):
    venv, req = (VENV_LEGACY, REQUIREMENTS_LEGACY) if legacy else (VENV, REQUIREMENTS)
    py = os.path.join(venv, "bin", "python")
    stamp = os.path.join(venv, "requirements.installed")
    pins = open(req, encoding="utf-8").read()
    if not os.path.exists(py):
        run([sys.executable, "-m", "venv", venv])
    if not os.path.exists(stamp) or open(stamp, encoding="utf-8").read() != pins:
        # (a venv made before requirements.txt changed gets the new pins too)
        run([py, "-m", "pip", "install", "-q", "-r", req], timeout=900)
        open(stamp, "w", encoding="utf-8").write(pins)
    return py


CONVERT = r"""
import contextlib, sys
kind, pdf = sys.argv[1], sys.argv[2]
with contextlib.redirect_stdout(sys.stderr):  # progress bars
    if kind == "pymupdf4llm":
        import pymupdf4llm
        out = pymupdf4llm.to_markdown(pdf)
    elif kind == "pdfminer":  # pdfminer.six's extract_text (pdf2txt.py): text in its reading order
        from pdfminer.high_level import extract_text
        out = extract_text(pdf)
    elif kind in ("pymupdf", "pymupdf-sort"):  # PyMuPDF's page.get_text(), page after page; sorted: top-left first
        import pymupdf
        out = "".join(page.get_text(sort=kind == "pymupdf-sort") for page in pymupdf.open(pdf))
    elif kind == "pdfplumber":  # pdfplumber's page.extract_text(), pages apart by a line break
        import pdfplumber
        with pdfplumber.open(pdf) as doc:
            out = "\n".join(page.extract_text() or "" for page in doc.pages)
    elif kind == "html2text":  # the page as Markdown by html2text (tables without outer pipes)
        import html2text
        out = html2text.html2text(open(pdf, encoding="utf-8").read())
    elif kind == "markdownify":  # the page as Markdown by markdownify
        import markdownify
        out = markdownify.markdownify(open(pdf, encoding="utf-8").read())
    elif kind == "trafilatura":  # a crawler's main-text extraction: trafilatura's text, tables kept
        import trafilatura
        out = trafilatura.extract(open(pdf, encoding="utf-8").read(), include_tables=True) or ""
    elif kind in ("pandoc", "pandoc-gfm"):  # the page as Markdown by pandoc (pypandoc_binary): pandoc's own
        import pypandoc  # (grid tables with merged cells, attribute spans) / GitHub's (raw HTML tables)
        out = pypandoc.convert_file(pdf, "markdown" if kind == "pandoc" else "gfm", format="html")
    elif kind == "bs4":  # BeautifulSoup's get_text("\n", strip=True): every text node on a line of its own
        from bs4 import BeautifulSoup
        soup = BeautifulSoup(open(pdf, encoding="utf-8").read(), "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        out = soup.get_text("\n", strip=True) + "\n"
    elif kind in ("pypdf", "pypdf-layout"):  # pypdf's page.extract_text() (the default of many Python tools), and
        from pypdf import PdfReader  # with extraction_mode="layout"; pages apart by a line break
        mode = "layout" if kind == "pypdf-layout" else "plain"
        out = "\n".join(page.extract_text(extraction_mode=mode) for page in PdfReader(pdf).pages)
    elif kind == "pypdfium2":  # PDFium's text of each page (get_text_range(): lines apart by CR LF), pages apart by
        import pypdfium2  # a line break
        out = "\n".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf))
    else:
        from markitdown import MarkItDown
        out = MarkItDown().convert(pdf).text_content
sys.stdout.write(out)
"""


# the PDF → text libraries of Python pipelines (crawlers and report collectors use them as they come)
TEXT_LIBRARIES = ("pdfminer", "pymupdf", "pymupdf-sort", "pdfplumber")
# the web page → text or Markdown libraries of crawlers: (kind, file extension)
PAGE_LIBRARIES = (("html2text", "md"), ("markdownify", "md"), ("trafilatura", "txt"), ("bs4", "txt"),
                  ("pandoc", "md"), ("pandoc-gfm", "md"))


def to_markdown(kind, pdf, legacy=False):
    return run([venv_python(legacy), "-c", CONVERT, kind, pdf]).stdout.decode("utf-8")


PDFJS = os.path.join(OUT, "pdfjs")  # package.json, package-lock.json (pdfjs-dist, pinned) and text.mjs


def pdfjs_text(pdf):
    """A PDF's text as Node tools read it with pdf.js (pdf-parse's page renderer, pdfjs/text.mjs): pdfjs-dist
    installed by `npm ci` from pdfjs/package-lock.json into BUILD, run with the system's node."""
    here = os.path.join(BUILD, "pdfjs")
    os.makedirs(here, exist_ok=True)
    fresh = False
    for name in ("package.json", "package-lock.json", "text.mjs"):
        new = open(os.path.join(PDFJS, name), encoding="utf-8").read()
        old = os.path.join(here, name)
        if not os.path.exists(old) or open(old, encoding="utf-8").read() != new:
            open(old, "w", encoding="utf-8").write(new)
            fresh = True
    if fresh or not os.path.isdir(os.path.join(here, "node_modules", "pdfjs-dist")):
        run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=here, timeout=600)
    return run(["node", os.path.join(here, "text.mjs"), os.path.abspath(pdf)], cwd=here, timeout=300).stdout.decode("utf-8")


# the PDF → text routes of other tools than TEXT_LIBRARIES: poppler's `pdftotext -raw` (content-stream order),
# pypdf (plain and layout mode), PDFium (pypdfium2) and pdf.js (as Node tools read a PDF); {route: whether the
# text is in reading order, a blank cell leaving nothing (positions_lost for a real report with blanks)}
PDF_TEXT_ROUTES = {"pdftotext-raw": True, "pypdf": True, "pypdf-layout": False, "pypdfium2": True, "pdfjs": True}


def pdf_text(route, pdf):
    if route == "pdftotext-raw":
        return run(["pdftotext", "-raw", pdf, "-"]).stdout.decode("utf-8")
    if route == "pdfjs":
        return pdfjs_text(pdf)
    return to_markdown(route, pdf)


# ------------------------------------------------------------------------------------------- crawler
class PageText(html.parser.HTMLParser):
    """The text of a page as a crawler's `get_text()` takes it: every text node, nothing between them."""

    SKIP = {"script", "style", "title", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(page):
    p = PageText()
    p.feed(page)
    return "".join(p.parts)


def crawl(page, title, date, url, squeeze_spaces):
    """Metadata lines, then the page's text on one line with site chrome around it. `squeeze_spaces`: every
    white space goes (as crawlers that `re.sub(r"\\s+", "", …)` do), else only line breaks and tabs."""
    body = page_text(page)
    if squeeze_spaces:
        body = re.sub(r"[\s\u00a0\u3000]+", "", body)
    else:
        body = re.sub(r"[\r\n\t]+", "", body).replace("\u00a0", " ")
    chrome_head = "当前位置：首页>政务公开>政府信息公开年报"
    chrome_tail = "【打印本页】【关闭窗口】分享到："
    return f"标题：{title}\n发布时间：{date}\n原文链接：{url}\n{chrome_head}{body}{chrome_tail}\n"


# ------------------------------------------------------------------------------------------- expected data
NUM = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")


def fmt(v):
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else str(v)


# A cell as written (FORMAT.md §7.8): a number with its unit (「231项」「31.2万件」「3175起」「2.953亿元」), a change
# with its word (「增加1297项」「减少73项」): a number followed by its unit is that cell's value, and ends the cell.
UNIT = r"(?:万元|亿元|元|万件|件|项|起)?"
CHANGE = r"(?:增加|减少)?"
TOKEN = re.compile(CHANGE + NUM.pattern + UNIT)


def splits(s, n, blanks=False, cap=200000):
    """Every way to cut `s` into `n` cells, at most `cap`: number tokens (no leading zeros, maybe a unit), and
    with `blanks` a single space for a blank cell (None)."""
    out = []

    def go(i, acc):
        if len(out) >= cap:
            return
        if len(acc) == n:
            if i == len(s):
                out.append(list(acc))
            return
        if i < len(s) and s[i] == " " and blanks:
            acc.append(None)
            go(i + 1, acc)
            acc.pop()
            return
        for j in range(i + 1, len(s) + 1):
            tok = s[i:j]
            if TOKEN.fullmatch(tok):
                acc.append(tok)
                go(j, acc)
                acc.pop()
            elif " " in tok:
                break

    go(0, [])
    return out


def num(tok):
    """The number of a token (units dropped; a blank counts 0, as FORMAT.md I6 says)."""
    if tok is None:
        return 0
    m = NUM.search(tok)
    v = float(m.group()) if "." in m.group() else int(m.group())
    return -v if tok.startswith("减少") else v


APPLICANTS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other"]
APP_COLUMNS = APPLICANTS + ["total"]
RL_KEYS = ["upheld", "corrected", "other", "pending", "total"]
RL_GROUPS = ["review", "litigation_direct", "litigation_after_review"]


def row_ids(template, table):
    t = next(t for t in TEMPLATES[template]["tables"] if t["id"] == table)
    return [(it["id"], it.get("columns") or [c["id"] for c in t["columns"]]) for it in t["items"] if it["kind"] == "row"]


def raw_of(tables):
    """Cell texts as a page shows them, from expected values (None: blank)."""
    return {t: {r: {c: (None if v is None else fmt(v)) for c, v in cells.items()} for r, cells in rows.items()} for t, rows in tables.items()}


def glued_undeterminable(template, raw, blanks=False):
    """Cells that no reader can determine when every row's cells are glued together (a crawler's text): a cell
    is determinable when every cut of the row's text into cells that the identities allow (I1 per row, I2/I3 per
    column over table 三, I4 per group of table 四; blanks count 0) gives it the same text. `raw`: the cell texts
    (None: blank); `blanks`: a blank cell left one space (&nbsp;), else nothing."""
    und = []

    def text(cells):
        return "".join((" " if blanks else "") if c is None else c for c in cells)

    # table 二: no identity, a row is determinable when its text cuts only one way
    for rid, cols in row_ids(template, "active"):
        row = raw.get("active", {}).get(rid)
        if row is None:
            continue
        cands = splits(text(row.get(c) for c in cols), len(cols), blanks)
        for k, c in enumerate(cols):
            if len({x[k] for x in cands}) != 1:
                und.append(f"active.{rid}.{c}")
    # table 三
    app = raw.get("applications", {})
    rows = [rid for rid, _ in row_ids(template, "applications") if rid in app]
    cands = {}
    for rid in rows:
        every = splits(text(app[rid].get(c) for c in APP_COLUMNS), 7, blanks)
        ok = [x for x in every if sum(num(t) for t in x[:6]) == num(x[6])]
        cands[rid] = ok or every
    results = [r for r in rows if r not in ("received", "carried_in", "results_total", "carried_over")]
    ambiguous = [r for r in rows if len(cands[r]) > 1]
    n = 1
    for r in ambiguous:
        n *= len(cands[r])
    solutions = []
    if all(cands[r] for r in rows) and n <= 200000:
        have = set(rows)
        for combo in itertools.product(*[cands[r] for r in ambiguous]):
            pick = {r: cands[r][0] for r in rows}
            pick.update(dict(zip(ambiguous, combo)))
            good = True
            for k in range(7):
                if "results_total" in have and sum(num(pick[r][k]) for r in results) != num(pick["results_total"][k]):
                    good = False
                    break
                if {"received", "carried_in", "results_total", "carried_over"} <= have and \
                        num(pick["received"][k]) + num(pick["carried_in"][k]) != num(pick["results_total"][k]) + num(pick["carried_over"][k]):
                    good = False
                    break
            if good:
                solutions.append(pick)
    for rid in rows:
        pool = [s[rid] for s in solutions] if solutions else cands[rid]
        for k, c in enumerate(APP_COLUMNS):
            if len({x[k] for x in pool}) != 1:
                und.append(f"applications.{rid}.{c}")
    # table 四: one run of 15 cells, I4 per group of five
    rl = raw.get("review_litigation", {})
    if all(g in rl for g in RL_GROUPS):
        every = splits(text(rl[g].get(k) for g in RL_GROUPS for k in RL_KEYS), 15, blanks)
        ok = [x for x in every if all(sum(num(t) for t in x[5 * g : 5 * g + 4]) == num(x[5 * g + 4]) for g in range(3))]
        pool = ok or every
        for gi, g in enumerate(RL_GROUPS):
            for ki, k in enumerate(RL_KEYS):
                if len({x[5 * gi + ki] for x in pool}) != 1:
                    und.append(f"review_litigation.{g}.{k}")
    return und


def positions_lost(tables):
    """Reading-order text (pdftotext without -layout, pdfminer) of a table with blank cells: a blank leaves
    nothing, so in a row with blanks no value can be placed in its column."""
    und = []
    for t, rows in tables.items():
        if t == "review_litigation":
            if any(v is None for cells in rows.values() for v in cells.values()):
                und += [f"{t}.{r}.{c}" for r, cells in rows.items() for c in cells]
            continue
        for r, cells in rows.items():
            if any(v is None for v in cells.values()):
                und += [f"{t}.{r}.{c}" for c in cells]
    return und


def identity_defects(template, tables):
    """The error diagnostics a report's own numbers call for (I1–I4 broken, every term filled: a blank makes the
    identity unknown, as the checker has it), as {code, table, row}."""
    out = []
    app = tables.get("applications", {})
    results = [r for r, _ in row_ids(template, "applications") if r not in ("received", "carried_in", "results_total", "carried_over")]

    def check(terms_l, terms_r):
        if any(x is None for x in terms_l + terms_r):
            return True
        return abs(sum(terms_l) - sum(terms_r)) < 1e-9

    for rid, _ in row_ids(template, "applications"):
        if rid in app and not check([app[rid].get(c) for c in APPLICANTS], [app[rid].get("total")]):
            out.append({"code": "NB301", "table": "applications", "row": rid})
    if app:
        for c in APP_COLUMNS:
            if not check([app.get(r, {}).get(c) for r in results], [app.get("results_total", {}).get(c)]):
                out.append({"code": "NB302", "table": "applications", "row": "results_total", "column": c})
            if not check([app.get(r, {}).get(c) for r in ("received", "carried_in")],
                         [app.get(r, {}).get(c) for r in ("results_total", "carried_over")]):
                out.append({"code": "NB303", "table": "applications", "row": "carried_over", "column": c})
    rl = tables.get("review_litigation", {})
    for g in RL_GROUPS:
        if g in rl and not check([rl[g].get(k) for k in RL_KEYS[:4]], [rl[g].get("total")]):
            out.append({"code": "NB304", "table": "review_litigation", "row": g})
    return out


# Cells a rendering lost that no automatic check finds, seen by reading the file (whole rows).
MANUAL_UNDETERMINABLE = {
    # pymupdf4llm 0.0.17 on Chromium's PDF: at the page break 「2.没有现成信息需要另行制作 44 3」 leaves the table as
    # plain text (the blank cells gone, so 44 and 3 cannot be placed) and 「3.补正后申请内容仍不明确 25」 is dropped
    # and at the page break inside table 二 the row 「行政强制 0 0 0」 is dropped (the word is nowhere in the file)
    "w01.chromium.pymupdf4llm-0.0.17.md": ["applications.unavailable.needs_creation", "applications.unavailable.unclear",
                                           "active.enforcement"],
}


def table_lines(text):
    """The lines of a rendering that can hold table cells: from the first 「第二十条」 on, without prose lines
    (long lines with a full stop that are not Markdown table rows)."""
    start = text.find("第二十条")
    out = []
    for line in text[max(start, 0):].split("\n"):
        cjk = sum(1 for ch in line if ord(ch) > 0x2E80)
        if "|" not in line and cjk > 40 and "。" in line:
            continue
        out.append(line)
    return "\n".join(out)


# A line that is only a page number (a page's footer, 「—5—」「- 5 -」「第5页」「第 5 页 共 9 页」), as PDF text and
# converters put it between the rows of a table that crosses a page: its digits are no cell's.
PAGE_NUMBER_LINE = re.compile(r"^[\s\f*]*(?:[—–\-－]+\s*\d{1,4}\s*[—–\-－]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)[\s*]*$", re.M)

# The numbering of a row label (「5.属于三类内部事务信息」「2、重复申请」): a number, then 「.」「、」「．」, then the label.
LABEL_NUMBER = re.compile(r"(?<![\d.])\d{1,2}[.、．](?=[\u4e00-\u9fff“\"])")


def lost_values(name, text, tables, und):
    """Cells whose value is not in the rendering's table lines as a number of its own (a converter split 「14954」
    into 「14 **954**」, or dropped a row): every cell holding such a value, and the rest of its row, is
    undeterminable there (an amount in 元 counts as its value in 万元, as the reader converts it). Zeros are not checked (too many of them). Page numbers and the numbering of row labels
    do not count as numbers (neither the footer 「—5—」 nor 「5.属于三类内部事务信息」 is a cell holding 5)."""
    lines = LABEL_NUMBER.sub(" ", PAGE_NUMBER_LINE.sub("", table_lines(text)))
    toks = collections.Counter(re.findall(r"-?\d+(?:\.\d+)?", lines.replace("**", "")))
    # an amount written in 元 where the template counts in 万元 (「251000元」): the reader converts it, so the value
    # in 万元 (25.1) is there too
    for n in re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)\s*元", lines.replace("**", "")):
        toks[fmt(float(n) / 10000)] += 1
    # a number with 万 or 亿 in its unit (「31.2万件」, 「2.953亿元」 where the column counts in 万元) is that value
    for n, unit in re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万件|亿元)", lines.replace("**", "")):
        toks[fmt(round(float(n) * 10000, 6))] += 1
    # a decrease written with its word (「减少73项」) is that cell's value, -73
    for n in re.findall(r"减少\s*(\d+(?:\.\d+)?)", lines.replace("**", "")):
        toks["-" + n] += 1
    need = collections.defaultdict(list)
    for t, rows in tables.items():
        for r, cells in rows.items():
            for c, v in cells.items():
                cell = f"{t}.{r}.{c}"
                if v is None or v == 0 or cell in und:
                    continue
                need[fmt(v)].append(cell)
    # a number cut by a bold boundary (「14 **954**」: the text shows 「14 954」): its value cannot be told from two
    split = {fmt(float(a + b)) for a, b in re.findall(r"(\d+) \*\*(\d+(?:\.\d+)?)", text)}
    out = []
    for v, cells in need.items():
        if toks[v] < len(cells) or v in split:
            out += cells
    # the other cells of such a row cannot be told apart either (「8 1 0 6 9」 for 8, 10, 69)
    rows_hit = {c.rsplit(".", 1)[0] for c in out}
    for row in sorted(rows_hit):
        t, r = row.split(".", 1)
        out += [f"{row}.{c}" for c in tables.get(t, {}).get(r, {})]
    for row in MANUAL_UNDETERMINABLE.get(name, []):
        t, r = row.split(".", 1)
        out += [f"{t}.{r}.{c}" for c in tables.get(t, {}).get(r, {})]
    return out


def heading_pattern(sections):
    """The headings of `sections` (the template data's, every variant too) as a rendering writes them: the
    numeral, then 「、」「.」 or 「．」, then the words, white space (a line break too) allowed between any two
    characters."""
    alternatives = set()
    for section in sections:
        for heading in [section["heading"]] + section.get("variants", []):
            words = heading[len(section["numeral"]):].lstrip("、.．")
            alternatives.add(re.escape(section["numeral"]) + r"\s*[、.．]\s*" + r"\s*".join(map(re.escape, words)))
    return re.compile("|".join(sorted(alternatives)))


def section_headings():
    """Of each table section (both templates): its heading, and the headings of the sections after it, which can
    end it. The words are the template data's (crates/nianbao-core/templates/*.toml), written nowhere else."""
    own, later = {}, {}
    for template in TEMPLATES.values():
        sections = template["sections"]
        for i, section in enumerate(sections):
            if "table" in section:
                own.setdefault(section["table"], []).append(section)
                later.setdefault(section["table"], []).extend(sections[i + 1:])
    return ({t: heading_pattern(s) for t, s in own.items()}, {t: heading_pattern(s) for t, s in later.items()})


TABLE_HEADINGS, LATER_HEADINGS = section_headings()
PICTURE_NOTE = re.compile(r"^\**==> picture \[[^\]]*\] intentionally omitted <==\**\s*$", re.M)


def pictured_tables(text):
    """The tables a converter left out as a picture (pymupdf4llm draws a table it takes for a picture as its
    note 「==> picture [424 x 190] intentionally omitted <==」, without the table's text, FORMAT.md §7.4/§7.7):
    a table section whose heading is followed by such a note, with neither a number (page numbers aside) nor
    a table row between them and no table row or line of numbers right after the note."""
    out = []
    for table, heading in TABLE_HEADINGS.items():
        h = heading.search(text)
        if not h:
            continue
        note = PICTURE_NOTE.search(text, h.end())
        if not note:
            continue
        later = LATER_HEADINGS[table].search(text, h.end())
        if later and later.start() < note.start():
            continue
        between = [l for l in text[h.end():note.start()].split("\n") if not re.fullmatch(r"\s*[—–-]\s*\d+\s*[—–-]\s*", l)]
        if any("|" in l or re.search(r"\d", l) for l in between):
            continue
        after = next((l for l in text[note.end():].split("\n") if l.strip()), "")
        if after.lstrip().startswith("|") or re.fullmatch(r"[\d\s.*]+", after):
            continue
        out.append(table)
    return out


def expected_pictured(expected, tables):
    """`expected` with the tables a converter left out as pictures: none of their cells can be read, each gets
    one diagnostic that says so (NB210, or NB201), and no other defect of theirs can be seen."""
    if not tables:
        return expected
    und = list(expected["undeterminable"]) + [f"{t}.{r}.{c}" for t in tables for r, cells in expected["tables"].get(t, {}).items() for c in cells]
    errors = [e for e in expected["errors"] if e["table"] not in tables]
    errors += [{"code": ["NB201", "NB210"], "table": t} for t in tables]
    return dict(expected, errors=errors, undeterminable=sorted(set(und)))


def write(name, text, expected):
    path = os.path.join(OUT, name)
    if isinstance(text, str):
        expected = expected_pictured(expected, pictured_tables(text))
    if not expected["route"].endswith("crawl"):
        more = lost_values(name, text, expected["tables"], set(expected["undeterminable"]))
        expected = expected_for_more(expected, more)
    if isinstance(text, bytes):
        open(path, "wb").write(text)
    else:
        open(path, "w", encoding="utf-8").write(text)
    exp = dict(expected)
    exp["file"] = name
    with open(path + ".expected.json", "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", name)


def expected_for_more(expected, more):
    """`expected` with more undeterminable cells (and the defects on them readable as NB208 too)."""
    if not more:
        return expected
    base = {"source": expected["source"], "template": expected["template"], "year": expected["year"],
            "tables": expected["tables"], "errors": expected["errors"]}
    return expected_for(base, expected["route"], list(expected["undeterminable"]) + list(more))


def expected_for(base, route, undeterminable=(), extra_errors=()):
    errors = list(base["errors"]) + list(extra_errors)
    und = sorted(set(undeterminable))
    # a defect whose row cannot be read from this rendering may be reported as an unreadable split instead
    for e in errors:
        if "row" in e and any(u.startswith(f"{e['table']}.{e['row']}.") for u in und):
            e["code"] = sorted({e["code"], "NB208"} if isinstance(e["code"], str) else set(e["code"]) | {"NB208"})
    return {
        "source": base["source"],
        "route": route,
        "template": base["template"],
        "year": base["year"],
        "tables": base["tables"],
        "errors": errors,
        "undeterminable": und,
    }


def images_for_tables(page, ident):
    """The page with every table replaced by a picture of it (FORMAT.md §7.7: tables published as screenshots)."""
    n = iter(range(1, 100))
    return re.sub(r"<table.*?</table>", lambda m: f'<p><img src="{ident}-table{next(n)}.png" alt=""></p>', page, flags=re.S)


def expected_images(base, route):
    """A rendering whose tables are pictures: no cell can be read; each table gets one diagnostic that says so
    (NB210, or NB201), and nothing else about it; the defects outside the tables stay."""
    und = [f"{t}.{r}.{c}" for t, rows in base["tables"].items() for r, cells in rows.items() if r != "confidence" for c in cells]
    errors = [e for e in base["errors"] if e["table"] == "document"]
    errors += [{"code": ["NB201", "NB210"], "table": t} for t in ("active", "applications", "review_litigation") if t in base["tables"]]
    return expected_for(dict(base, errors=[]), route, und, errors)


def tables_as_images(ident, page, title, date, url, squeeze, base):
    shown = images_for_tables(page, ident)
    path = os.path.join(BUILD, ident + ".imgtables.html")
    open(path, "w", encoding="utf-8").write(shown)
    write(f"{ident}.imgtables.crawl.txt", crawl(shown, title, date, url, squeeze), expected_images(json.loads(json.dumps(base)), "imgtables.crawl"))
    pdf = os.path.join(BUILD, ident + ".imgtables.chromium.pdf")
    chromium_pdf(path, pdf)
    write(f"{ident}.imgtables.chromium.pdftotext.txt", pdftotext(pdf, False), expected_images(json.loads(json.dumps(base)), "imgtables.chromium.pdftotext"))


# ------------------------------------------------------------------------------------------- seeds
def reprints(ident, pdfs, base):
    """The PDFs of REPRINT_MAKERS made from `pdfs` ({maker: path}), read directly: what the reprint loses
    is only what its text shows lost (none of them drops a glyph), so the expected data is the source's."""
    for route, source, make in REPRINT_MAKERS:
        if source not in pdfs:
            continue
        out = os.path.join(BUILD, f"{ident}.{route}.pdf")
        make(pdfs[source], out)
        write_pdf(f"{ident}.{route}.pdf", out, expected_for(json.loads(json.dumps(base)), f"{route}.pdf"))


def new_pdf_routes():
    """Only the PDFs read directly that need neither LibreOffice nor the venv: wkhtmltopdf's print of each page,
    and the reprints of the committed LibreOffice PDFs (`make.py pdf-routes`; the committed `*.soffice.pdf`
    stay as they are, README.md)."""
    derived = derived_module()
    derived.load = patched_load(derived)
    os.makedirs(BUILD, exist_ok=True)
    for prefix in SEEDS:
        ident, base = "s" + prefix, seed_base(prefix)
        page = os.path.join(BUILD, ident + ".html")
        open(page, "w", encoding="utf-8").write(derived.render_html(prefix))
        made = os.path.join(BUILD, ident + ".wkhtmltopdf.pdf")
        wkhtmltopdf_pdf(page, made)
        write_pdf(f"{ident}.wkhtmltopdf.pdf", made, expected_for(json.loads(json.dumps(base)), "wkhtmltopdf.pdf"))
        reprints(ident, {"soffice": os.path.join(OUT, ident + ".soffice.pdf")}, base)
    for name in sorted(os.listdir(SRC)):
        if name.endswith(".tables.json"):
            ident, base, always = real_base(name)
            made = os.path.join(BUILD, ident + ".wkhtmltopdf.pdf")
            wkhtmltopdf_pdf(os.path.join(OUT, ident + ".html"), made)
            write_pdf(f"{ident}.wkhtmltopdf.pdf", made, expected_for(json.loads(json.dumps(base)), "wkhtmltopdf.pdf", always))


def seed_base(prefix):
    """A seed's expected tables and defects (the same for every route)."""
    exp = seed_export(prefix)
    name = os.path.basename(seed_path(prefix))[:-4]
    # (a table's "confidence" is the reader's, not the report's)
    tables = {t: {r: dict(c) for r, c in rows.items() if r != "confidence"} for t, rows in exp["tables"].items()}
    defects = identity_defects(exp["template"], tables)
    for d in SEED_DEFECTS.get(prefix, []):
        if d not in defects:
            defects.append(dict(d))
    return {"source": f"tests/corpus/{name}.txt (seed)", "template": exp["template"], "year": exp["year"],
            "tables": tables, "errors": defects}


def real_base(name):
    """A real report's id, expected tables and defects, and the cells undeterminable in every rendering."""
    d = json.load(open(os.path.join(SRC, name), encoding="utf-8"))
    defects = identity_defects(d["template"], d["tables"])
    for e in d["errors"]:
        if e not in defects:
            defects.append(e)
    base = {"source": d["source"], "template": d["template"], "year": d["year"], "tables": d["tables"], "errors": defects}
    return d["id"], base, d.get("undeterminable", [])


SEED_DEFECTS = {
    # the seed's own error diagnostics, each checked by hand: real defects of the report
    "001": [{"code": "NB304", "table": "review_litigation", "row": "litigation_direct"}],  # 总计 5, parts 0
    "004": [{"code": "NB504", "table": "document"}],  # signed 2021年1月19日 for the 2021 report
}


def seeds():
    derived = derived_module()
    derived.load = patched_load(derived)
    os.makedirs(BUILD, exist_ok=True)
    for prefix in SEEDS:
        exp = seed_export(prefix)
        ident = "s" + prefix
        base = seed_base(prefix)
        tables = base["tables"]
        page = os.path.join(BUILD, ident + ".html")
        open(page, "w", encoding="utf-8").write(derived.render_html(prefix))
        docx = os.path.join(BUILD, ident + ".docx")
        derived.render_docx(prefix, docx)
        with_page_numbers(docx)
        _, _, title, _, _ = derived.load(prefix)
        title = title or exp.get("organ") or ""
        # 1. the crawler's one line (every white space gone: glued digits); the cells as the seed writes them
        # (「231项」: a number followed by its unit ends its cell)
        raw = raw_of(tables)
        for t, rows in exp.get("raw", {}).items():
            for r, cells in rows.items():
                raw.setdefault(t, {}).setdefault(r, {}).update(cells)
        und = glued_undeterminable(exp["template"], raw)
        write(f"{ident}.crawl.txt",
              crawl(open(page, encoding="utf-8").read(), title, "2022-01-20 09:30", f"https://www.example.gov.cn/zwgk/{ident}.html", True),
              expected_for(json.loads(json.dumps(base)), "crawl", und))
        write(f"{ident}.chromium.innertext.txt", chromium_innertext(page, ident), expected_for(json.loads(json.dumps(base)), "chromium.innertext"))
        for lib, ext in PAGE_LIBRARIES:
            write(f"{ident}.{lib}.{ext}", to_markdown(lib, page), expected_for(json.loads(json.dumps(base)), lib))
        if prefix in ("000", "001"):
            tables_as_images(ident, open(page, encoding="utf-8").read(), title, "2022-01-20 09:30",
                             f"https://www.example.gov.cn/zwgk/{ident}.html", True, base)
        # 2. PDFs made by LibreOffice (from the .docx) and Chromium (from the page)
        pdfs = {"soffice": os.path.join(BUILD, ident + ".soffice.pdf"), "chromium": os.path.join(BUILD, ident + ".chromium.pdf")}
        soffice_pdf(docx, pdfs["soffice"])
        chromium_pdf(page, pdfs["chromium"])
        pdfs_read = dict(pdfs, **page_pdfs(page, ident))
        for maker, pdf in pdfs_read.items():
            write_pdf(f"{ident}.{maker}.pdf", pdf, expected_for(json.loads(json.dumps(base)), f"{maker}.pdf"))
        reprints(ident, pdfs, base)
        for maker, pdf in pdfs.items():
            write(f"{ident}.{maker}.pdftotext.txt", pdftotext(pdf, False), expected_for(json.loads(json.dumps(base)), f"{maker}.pdftotext"))
            write(f"{ident}.{maker}.pdftotext-layout.txt", pdftotext(pdf, True), expected_for(json.loads(json.dumps(base)), f"{maker}.pdftotext-layout"))
            write(f"{ident}.{maker}.pymupdf4llm.md", to_markdown("pymupdf4llm", pdf), expected_for(json.loads(json.dumps(base)), f"{maker}.pymupdf4llm"))
            for lib in TEXT_LIBRARIES:
                write(f"{ident}.{maker}.{lib}.txt", to_markdown(lib, pdf), expected_for(json.loads(json.dumps(base)), f"{maker}.{lib}"))
        seed_text_routes(ident, pdfs, base)
        write(f"{ident}.soffice.markitdown.md", to_markdown("markitdown", pdfs["soffice"]), expected_for(json.loads(json.dumps(base)), "soffice.markitdown"))
        write(f"{ident}.soffice.pymupdf4llm-0.0.17.md", to_markdown("pymupdf4llm", pdfs["soffice"], legacy=True),
              expected_for(json.loads(json.dumps(base)), "soffice.pymupdf4llm-0.0.17"))


# ------------------------------------------------------------------------------------------- real reports
def real_reports():
    """Real published reports: `<id>.html` is the page as found (input, not regenerated), `src/<id>.tables.json`
    its tables read by hand, its real defects and notes (README.md)."""
    os.makedirs(BUILD, exist_ok=True)
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".tables.json"):
            continue
        d = json.load(open(os.path.join(SRC, name), encoding="utf-8"))
        ident = d["id"]
        page_path = os.path.join(OUT, ident + ".html")
        page = open(page_path, encoding="utf-8").read()
        tables = d["tables"]
        raw = raw_of(tables)
        for cell, text in d.get("raw", {}).items():
            t, *r, c = cell.split(".")
            raw[t][".".join(r)][c] = text
        defects = identity_defects(d["template"], tables)
        for e in d["errors"]:
            if e not in defects:
                defects.append(e)
        base = {"source": d["source"], "template": d["template"], "year": d["year"], "tables": tables, "errors": defects}
        always = d.get("undeterminable", [])

        def exp(route, und=()):
            return expected_for(json.loads(json.dumps(base)), route, list(always) + list(und))

        # the page as found
        e = exp("page")
        e["file"] = ident + ".html"
        with open(page_path + ".expected.json", "w", encoding="utf-8") as f:
            json.dump(e, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
        print("wrote", ident + ".html.expected.json")
        # a crawler's text: line breaks gone, a blank cell (&nbsp;) left as one space
        write(f"{ident}.crawl.txt", crawl(page, d["title"], d["published"] + " 00:00", d["url"], False),
              exp("crawl", glued_undeterminable(d["template"], raw, blanks=True)))
        write(f"{ident}.chromium.innertext.txt", chromium_innertext(page_path, ident), exp("chromium.innertext"))
        for lib, ext in PAGE_LIBRARIES:
            # (a blank cell leaves no trace in the text nodes, so bs4's text cannot place a row's values)
            write(f"{ident}.{lib}.{ext}", to_markdown(lib, page_path), exp(lib, positions_lost(tables) if lib == "bs4" else ()))
        tables_as_images(ident, page, d["title"], d["published"] + " 00:00", d["url"], False, base)
        # Chromium prints the page; LibreOffice saves it as Word (a real .docx) and prints that
        pdfs = {"chromium": os.path.join(BUILD, ident + ".chromium.pdf")}
        chromium_pdf(page_path, pdfs["chromium"])
        outdir = os.path.join(BUILD, "soffice")
        os.makedirs(outdir, exist_ok=True)
        shutil.copy(page_path, os.path.join(BUILD, ident + ".page.html"))
        run(["soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir", outdir,
             os.path.join(BUILD, ident + ".page.html")], env=tool_env(), timeout=180)
        docx = os.path.join(OUT, f"{ident}.soffice.docx")
        shutil.move(os.path.join(outdir, ident + ".page.docx"), docx)
        e = exp("soffice.docx")
        e["file"] = os.path.basename(docx)
        with open(docx + ".expected.json", "w", encoding="utf-8") as f:
            json.dump(e, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")
        print("wrote", os.path.basename(docx))
        # LibreOffice's print of that document is not part of the corpus: its table 三 runs past the page edge
        # (the columns right of 商业企业 and the start of the labels are cut off), so most cells are not in it.
        pdf = pdfs["chromium"]
        # (LibreOffice's Writer/Web print of a real page is left out as its Word print is: the wide table 三
        # runs past the page edge, its right columns and the start of its labels are not on the page)
        for maker, made in dict(pdfs, **page_pdfs(page_path, ident, leave_out=("soffice-web",))).items():
            write_pdf(f"{ident}.{maker}.pdf", made, exp(f"{maker}.pdf"))
        write(f"{ident}.chromium.pdftotext.txt", pdftotext(pdf, False), exp("chromium.pdftotext", positions_lost(tables)))
        write(f"{ident}.chromium.pdftotext-layout.txt", pdftotext(pdf, True), exp("chromium.pdftotext-layout"))
        write(f"{ident}.chromium.pymupdf4llm.md", to_markdown("pymupdf4llm", pdf), exp("chromium.pymupdf4llm"))
        write(f"{ident}.chromium.markitdown.md", to_markdown("markitdown", pdf), exp("chromium.markitdown", positions_lost(tables)))
        write(f"{ident}.chromium.pymupdf4llm-0.0.17.md", to_markdown("pymupdf4llm", pdf, legacy=True),
              exp("chromium.pymupdf4llm-0.0.17"))
        for lib in TEXT_LIBRARIES:
            write(f"{ident}.chromium.{lib}.txt", to_markdown(lib, pdf), exp(f"chromium.{lib}", positions_lost(tables)))
        real_text_routes(ident, pdf, base, always)


def seed_text_routes(ident, pdfs, base):
    """A seed's PDFs ({maker: path}) through PDF_TEXT_ROUTES: `<id>.<maker>.<route>.txt`."""
    for maker, pdf in pdfs.items():
        for route in PDF_TEXT_ROUTES:
            write(f"{ident}.{maker}.{route}.txt", pdf_text(route, pdf), expected_for(json.loads(json.dumps(base)), f"{maker}.{route}"))


def real_text_routes(ident, pdf, base, always):
    """A real report's Chromium PDF through PDF_TEXT_ROUTES (LibreOffice's print is left out, as above): in
    reading-order text a blank cell leaves nothing (positions_lost)."""
    for route, reading_order in PDF_TEXT_ROUTES.items():
        und = list(always) + (positions_lost(base["tables"]) if reading_order else [])
        write(f"{ident}.chromium.{route}.txt", pdf_text(route, pdf), expected_for(json.loads(json.dumps(base)), f"chromium.{route}", und))


def text_routes():
    """Only PDF_TEXT_ROUTES, read from the committed PDFs (`make.py text-routes`: the PDFs the other text routes
    were made from, which a new build would not reproduce byte for byte, README.md)."""
    for prefix in SEEDS:
        ident = "s" + prefix
        seed_text_routes(ident, {m: os.path.join(OUT, f"{ident}.{m}.pdf") for m in ("soffice", "chromium")}, seed_base(prefix))
    for name in sorted(os.listdir(SRC)):
        if name.endswith(".tables.json"):
            ident, base, always = real_base(name)
            real_text_routes(ident, os.path.join(OUT, ident + ".chromium.pdf"), base, always)


def page_routes(libs):
    """Only the routes of the page libraries `libs` (kinds of PAGE_LIBRARIES), for the seeds and the real reports:
    a library added without the PDF tools (`make.py page-routes pandoc pandoc-gfm`)."""
    derived = derived_module()
    derived.load = patched_load(derived)
    os.makedirs(BUILD, exist_ok=True)
    chosen = [(lib, ext) for lib, ext in PAGE_LIBRARIES if lib in libs]
    for prefix in SEEDS:
        ident = "s" + prefix
        base = seed_base(prefix)
        page = os.path.join(BUILD, ident + ".html")
        open(page, "w", encoding="utf-8").write(derived.render_html(prefix))
        for lib, ext in chosen:
            write(f"{ident}.{lib}.{ext}", to_markdown(lib, page), expected_for(json.loads(json.dumps(base)), lib))
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".tables.json"):
            continue
        ident, base, always = real_base(name)
        tables = base["tables"]
        page_path = os.path.join(OUT, ident + ".html")
        for lib, ext in chosen:
            und = list(always) + (positions_lost(tables) if lib == "bs4" else [])
            write(f"{ident}.{lib}.{ext}", to_markdown(lib, page_path), expected_for(json.loads(json.dumps(base)), lib, und))


def main():
    what = sys.argv[1:] or ["seeds", "real"]
    if what[0] == "page-routes":
        page_routes(what[1:])
        return
    if "seeds" in what:
        seeds()
    if "real" in what:
        real_reports()
    if "pdf-routes" in what:
        new_pdf_routes()
    if "text-routes" in what:
        text_routes()


if __name__ == "__main__":
    main()
