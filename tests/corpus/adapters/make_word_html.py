#!/usr/bin/env python3
"""Rewrite a seed's web page (tests/corpus/derived/<seed>.html) as Microsoft Word / WPS write a document
when it is saved as a web page ("另存为网页"): the page's paragraphs and tables, each as Word writes them.

    make_word_html.py word SEED.html OUT.html      # Word: gb2312, MsoNormal, <o:p>, lang=EN-US runs
    make_word_html.py wps  SEED.html OUT.html      # WPS: utf-8, tables inside a layout <td>, <th>, <br>

No text is typed here: every word and number comes from the seed page, only the markup around it
changes. What Word writes and this script copies:
- each paragraph a <p class=MsoNormal> with its runs as <span>s, Latin runs (digits) as <span lang=EN-US>,
  a Chinese run as <span style='font-family:宋体;…'>, the paragraph closed by <o:p></o:p>;
- a number typed in two sittings is two runs (Word splits runs at each edit: 「<span>1</span><span>2</span>」
  for 12): every number of two digits or more is cut after its first digit;
- each table cell <td width=… valign=top style='width:…pt;border:solid windowtext 1.0pt;…'> holding a
  <p class=MsoNormal align=center>; an empty cell holds <o:p>&nbsp;</o:p>;
- the table closed by Word's <![if !supportMisalignedColumns]> row of empty cells of its column widths;
- (wps) a header row's cells as <th>, a long label with a line break <br> in its middle, the whole
  article inside one cell of a layout table (tables nested inside a <td>).
"""
import html
import re
import sys
from html.parser import HTMLParser

LATIN = re.compile(r"([0-9A-Za-z.%,，/]+)")


class Page(HTMLParser):
    """The seed page as blocks: ('p', text) and ('table', [[(text, attrs)]])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.row, self.rows, self.cell, self.para = [], None, None, None, None
        self.depth = 0
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style", "title"):
            self.skip += 1
        elif tag == "div" and a.get("class") in ("header", "footer"):
            self.skip += 1
            self.depth = 1
        elif self.skip and tag == "div":
            self.depth += 1
        elif tag == "table":
            self.rows = []
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ["", {k: v for k, v in a.items() if k in ("colspan", "rowspan")}]
        elif tag in ("p", "h1", "h2", "h3", "h4") and self.cell is None:
            self.para = ""

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.skip -= 1
        elif self.skip and tag == "div" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.skip -= 1
        elif tag == "table":
            self.blocks.append(("table", self.rows))
            self.rows = None
        elif tag == "tr":
            self.rows.append(self.row)
        elif tag in ("td", "th"):
            self.row.append((self.cell[0].replace("\xa0", " ").strip(), self.cell[1]))
            self.cell = None
        elif tag in ("p", "h1", "h2", "h3", "h4") and self.para is not None:
            self.blocks.append(("p", self.para.replace("\xa0", " ").strip()))
            self.para = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell[0] += data
        elif self.para is not None:
            self.para += data


def runs(text):
    """The text as Word's runs: Latin runs (a number cut after its first digit) and Chinese runs."""
    out = []
    for part in LATIN.split(text):
        if not part:
            continue
        if LATIN.fullmatch(part):
            pieces = [part[:1], part[1:]] if re.fullmatch(r"[0-9]{2,}", part) else [part]
            out += [f"<span lang=EN-US>{html.escape(p)}</span>" for p in pieces]
        else:
            out.append(
                "<span style='font-family:宋体;mso-ascii-font-family:\"Times New Roman\";"
                f"mso-hansi-font-family:\"Times New Roman\"'>{html.escape(part)}</span>"
            )
    return "".join(out)


def paragraph(text, indent=True):
    style = " style='text-indent:32.0pt;mso-char-indent-count:2.0'" if indent else ""
    if not text:
        return "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    return f"<p class=MsoNormal{style}>{runs(text)}<o:p></o:p></p>"


def cell(text, attrs, tag, wps):
    span = "".join(f" {k}={v}" for k, v in attrs.items())
    width = 56 * int(attrs.get("colspan", "1"))
    if not text:
        inner = "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    else:
        body = runs(text)
        if wps and tag == "th" and len(text) >= 4 and not re.search(r"[0-9]", text):
            half = len(text) // 2
            body = runs(text[:half]) + "<br>" + runs(text[half:])
        inner = f"<p class=MsoNormal align=center style='text-align:center'>{body}<o:p></o:p></p>"
    return (
        f"<{tag} width={width}{span} valign=top style='width:{width * 0.75:.1f}pt;border:solid windowtext 1.0pt;"
        f"mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>{inner}</{tag}>"
    )


def table(rows, wps):
    out = [
        "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
        "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
        "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"
    ]
    for i, row in enumerate(rows):
        header = wps and not any(re.search(r"[0-9]", t) for t, _ in row)
        out.append(f"<tr style='mso-yfti-irow:{i};height:15.6pt'>")
        out += [cell(t, a, "th" if header else "td", wps) for t, a in row]
        out.append("</tr>")
    widths = max(sum(int(a.get("colspan", "1")) for _, a in r) for r in rows)
    out.append("<![if !supportMisalignedColumns]><tr height=0>")
    out += ["<td width=56 style='border:none'></td>"] * widths
    out.append("</tr><![endif]></table>")
    return "\n".join(out)


def main():
    kind, src, dst = sys.argv[1:4]
    page = Page()
    page.feed(open(src, encoding="utf-8").read())
    wps = kind == "wps"
    body = []
    for what, x in page.blocks:
        body.append(paragraph(x) if what == "p" else table(x, wps))
        if what == "table":
            body.append(paragraph(""))
    charset = "utf-8" if wps else "gb2312"
    # (Word labels its Chinese pages gb2312 and writes them in the GBK code page, a character outside it
    # as a character reference)
    codec = "utf-8" if wps else "gbk"
    head = (
        "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
        "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n<head>\n"
        f"<meta http-equiv=Content-Type content=\"text/html; charset={charset}\">\n"
        f"<meta name=Generator content=\"{'WPS Office' if wps else 'Microsoft Word 15 (filtered)'}\">\n"
        "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->\n"
        "<style>\n<!--\np.MsoNormal {margin:0cm;text-align:justify;font-size:10.5pt;font-family:\"Times New Roman\";}\n"
        "@page WordSection1 {size:595.3pt 841.9pt;}\ndiv.WordSection1 {page:WordSection1;}\n-->\n</style>\n</head>\n"
        "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\n"
    )
    article = "<div class=WordSection1 style='layout-grid:15.6pt'>\n" + "\n".join(body) + "\n</div>"
    if wps:
        article = (
            "<table width=\"100%\" border=0 cellspacing=0 cellpadding=0><tr><td valign=top>\n"
            + article + "\n</td></tr></table>"
        )
    text = head + article + "\n</body>\n</html>\n"
    with open(dst, "w", encoding=codec, errors="xmlcharrefreplace") as f:
        f.write(text)


if __name__ == "__main__":
    main()
