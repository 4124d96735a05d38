#!/usr/bin/env python3
"""Make the test PDFs the way authors make them (issue 14), from seeds 001 and 003 of tests/corpus.

The seeds are rendered by tests/corpus/derived/make.py (their tables from expected/*.export.json, labels
from the template), with the prose of each section cut to its first lines so that the embedded font
subsets, and so the PDFs, stay small. The sources are kept under src/ (the tests compare each PDF's
diagnostics with its source's):

  src/<seed>.docx, src/<seed>.html      the shortened renderings
  <seed>.word.pdf          the .docx with table borders (as Word's 「网格型」) through LibreOffice
  003….word-plain.pdf      the .docx without borders through LibreOffice: cells found from positions
                           alone; table 三 runs over a page break (a label cut in the middle)
  001….chrome.pdf          the web page through headless Chromium (--print-to-pdf)
  003….image-table.pdf     the web page with table 三 pasted as a picture (→ NB210), through LibreOffice
  003….scanned.pdf         its first two pages rasterised (pdftoppm) and wrapped back as images (img2pdf)
  broken.pdf               a PDF cut short
  encrypted.pdf            a PDF with a user password (qpdf)

Needs: soffice (LibreOffice), chromium, fonts-wqy-zenhei, pdftoppm (poppler-utils), img2pdf, qpdf.
Run from the repository root after `cargo build`: python3 tests/corpus/pdf/make.py
"""
import base64, importlib.util, os, re, shutil, subprocess, tempfile, zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(OUT, "src")

spec = importlib.util.spec_from_file_location("derived", os.path.join(ROOT, "tests", "corpus", "derived", "make.py"))
derived = importlib.util.module_from_spec(spec)
spec.loader.exec_module(derived)
_load = derived.load


def short_load(prefix):
    exp, tpl, title, preface, bodies = _load(prefix)
    preface = [p[:60] for p in preface[:1]]
    bodies = {k: [l[:50] for l in v[:2]] for k, v in bodies.items()}
    return exp, tpl, title, preface, bodies


derived.load = short_load

BORDERS = ('<w:tblPr><w:tblBorders>' + "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"]) + '</w:tblBorders></w:tblPr>')


def with_borders(src, dst):
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8").replace("<w:tbl>", "<w:tbl>" + BORDERS)
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)


def soffice(docx, pdf):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, docx], check=True, capture_output=True, timeout=300)
        shutil.move(os.path.join(tmp, os.path.basename(docx)[:-5] + ".pdf"), pdf)


# The web page's text in a TrueType CJK font (the body's CSS font, as a page sets 宋体 or 微软雅黑):
# Chromium embeds a subset of it as a CID TrueType font with Identity-H, as for the Windows fonts of
# real pages. Left to fontconfig's default (Noto CJK, an OpenType/CFF font) Chromium draws every glyph
# as a Type 3 outline instead, a file twice the size.
BODY_FONT = '<style>body { font-family: "WenQuanYi Zen Hei"; }</style>'


def chromium(html_path, pdf=None, png=None, size="800,1600", body_font=False):
    with tempfile.TemporaryDirectory() as tmp:
        if body_font:
            page = open(html_path, encoding="utf-8").read()
            html_path = os.path.join(tmp, os.path.basename(html_path))
            open(html_path, "w", encoding="utf-8").write(page.replace("</head>", BODY_FONT + "</head>", 1))
        args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp}",
                "--no-pdf-header-footer", "--hide-scrollbars"]
        if pdf:
            args.append(f"--print-to-pdf={pdf}")
        if png:
            args += [f"--screenshot={png}", f"--window-size={size}"]
        subprocess.run(args + ["file://" + html_path], check=True, capture_output=True, timeout=300)


def table_three(page):
    """(start, end) of the first <table> after the heading of section 三."""
    head = page.index("三、收到和处理政府信息公开申请")
    start = page.index("<table", head)
    return start, page.index("</table>", start) + len("</table>")



def main():
    os.makedirs(SRC, exist_ok=True)
    for prefix in ["001", "003"]:
        name = os.path.basename(derived.seed_path(prefix))[:-4]
        src_html = os.path.join(SRC, name + ".html")
        src_docx = os.path.join(SRC, name + ".docx")
        page = derived.render_html(prefix)
        open(src_html, "w", encoding="utf-8").write(page)
        derived.render_docx(prefix, src_docx)
        with tempfile.TemporaryDirectory() as tmp:
            bordered = os.path.join(tmp, name + ".docx")
            with_borders(src_docx, bordered)
            soffice(bordered, os.path.join(OUT, name + ".word.pdf"))
        if prefix == "001":
            # (Chromium's PDF is tagged, its structure tree nearly half of a ~200 KB file: one seed only)
            chromium(src_html, pdf=os.path.join(OUT, name + ".chrome.pdf"), body_font=True)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            plain = os.path.join(tmp, name + ".docx")
            shutil.copy(src_docx, plain)
            soffice(plain, os.path.join(OUT, name + ".word-plain.pdf"))
            # table 三 as a picture: the table alone screenshotted, then pasted into the page
            a, b = table_three(page)
            alone = os.path.join(tmp, "table.html")
            open(alone, "w", encoding="utf-8").write(
                "<html><head><meta charset='utf-8'><style>body{margin:0} td{border:1px solid #000}</style></head>"
                "<body style='width:780px'>" + page[a:b] + "</body></html>")
            table_pdf = os.path.join(tmp, "table.pdf")
            chromium(alone, pdf=table_pdf)
            subprocess.run(["pdftoppm", "-r", "60", "-gray", "-png", "-singlefile", "-cropbox", table_pdf,
                            os.path.join(tmp, "small")], check=True)
            small = os.path.join(tmp, "small.png")
            data = base64.b64encode(open(small, "rb").read()).decode()
            pictured = os.path.join(tmp, "pictured.html")
            open(pictured, "w", encoding="utf-8").write(page[:a] + f'<p><img src="data:image/png;base64,{data}" style="width:100%"></p>' + page[b:])
            with tempfile.TemporaryDirectory() as prof:
                subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}/profile", "--headless", "--convert-to",
                                "pdf:writer_web_pdf_Export", "--outdir", tmp, pictured], check=True, capture_output=True, timeout=300)
            shutil.move(os.path.join(tmp, "pictured.pdf"), os.path.join(OUT, name + ".image-table.pdf"))
            # every page scanned: rasterised at a low resolution, wrapped back as images
            subprocess.run(["pdftoppm", "-r", "50", "-mono", "-png", "-f", "1", "-l", "2", os.path.join(OUT, name + ".word.pdf"),
                            os.path.join(tmp, "page")], check=True)
            pages = sorted(f for f in os.listdir(tmp) if f.startswith("page") and f.endswith(".png"))
            subprocess.run(["img2pdf", "-o", os.path.join(OUT, name + ".scanned.pdf")] + [os.path.join(tmp, p) for p in pages], check=True)
            subprocess.run(["qpdf", "--encrypt", "user-password", "owner-password", "256", "--",
                            os.path.join(OUT, name + ".scanned.pdf"), os.path.join(OUT, "encrypted.pdf")], check=True)
            whole = open(os.path.join(OUT, name + ".word.pdf"), "rb").read()
            open(os.path.join(OUT, "broken.pdf"), "wb").write(whole[:3000] + b"\n%% cut short\n")
    for f in sorted(os.listdir(OUT)):
        if f.endswith(".pdf"):
            print(f"{os.path.getsize(os.path.join(OUT, f)):>8}  {f}")


if __name__ == "__main__":
    main()
