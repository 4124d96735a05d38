#!/usr/bin/env python3
"""Rewrite a seed's Word document (tests/corpus/derived/<seed>.docx) as Word writes what authors and
reviewers do to it, in the WordprocessingML Word itself writes for each (ECMA-376 Part 1, §17.13 and
§17.4):

    make_docx.py tracked SEED.docx OUT.docx   # revisions left in (track changes on, not accepted)
    make_docx.py nested  SEED.docx OUT.docx   # the report inside a one-cell layout table; table 四 in a text box

tracked: every number of a table was typed over: the old number is a deletion (<w:del><w:r><w:delText>), the
number read a insertion (<w:ins>); one table row was deleted (<w:trPr><w:del/>, its text deleted text);
the first paragraph after each table was moved there from before it (<w:moveFrom> before the table,
<w:moveTo> after it, both with <w:t> as Word writes moved text). The document as accepted is the seed.
nested: the body inside a one-cell table (a form-like template; the report's tables nested in its cell),
the last table inside a text box (<mc:AlternateContent>: a DrawingML text box and its VML fallback).
No word or number is typed here: the old numbers are the seed's numbers plus one, every label comes
from the seed.
"""
import re
import sys
import zipfile

W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
REV = 'w:author="审核人" w:date="2021-01-10T09:00:00Z"'
ids = iter(range(100, 100000))


def tracked(body):
    tables = list(re.finditer(r"<w:tbl>.*?</w:tbl>", body, re.S))
    out, at = [], 0
    for n, m in enumerate(tables):
        out.append(body[at:m.start()])
        tbl = m.group(0)

        def retype(run):
            r = run.group(0)
            t = re.search(r"<w:t>([0-9]+)</w:t>", r)
            if not t:
                return r
            old = r.replace(t.group(0), f"<w:delText>{int(t.group(1)) + 1}</w:delText>")
            return (f'<w:del w:id="{next(ids)}" {REV}>{old}</w:del>'
                    f'<w:ins w:id="{next(ids)}" {REV}>{r}</w:ins>')

        tbl = re.sub(r"<w:r>(?:(?!</w:r>).)*</w:r>", retype, tbl, flags=re.S)
        # a row deleted: a copy of the table's last row, its runs deleted text
        rows = re.findall(r"<w:tr>.*?</w:tr>", tbl, re.S)
        last = rows[-1]
        gone = re.sub(r"<w:ins [^>]*>(.*?)</w:ins>", r"\1", last, flags=re.S)
        gone = re.sub(r"<w:del [^>]*>.*?</w:del>", "", gone, flags=re.S)
        gone = gone.replace("<w:t>", "<w:delText>").replace("</w:t>", "</w:delText>")
        gone = re.sub(r"(<w:r>(?:(?!</w:r>).)*</w:r>)", lambda r: f'<w:del w:id="{next(ids)}" {REV}>{r.group(1)}</w:del>', gone, flags=re.S)
        gone = gone.replace("<w:tr>", f'<w:tr><w:trPr><w:del w:id="{next(ids)}" {REV}/></w:trPr>', 1)
        tbl = tbl.replace(last, gone + last, 1)
        # the paragraph after the table, moved there from before it
        after = re.match(r"\s*<w:p>(.*?)</w:p>", body[m.end():], re.S)
        if after and "<w:t>" in after.group(1) and n == 0:
            runs = "".join(re.findall(r"<w:r>.*?</w:r>", after.group(1), re.S))
            name = f"move{n}"
            i = next(ids)
            out.append(f'<w:p><w:moveFromRangeStart w:id="{i}" w:name="{name}" {REV}/>'
                       f'<w:moveFrom w:id="{next(ids)}" {REV}>{runs}</w:moveFrom>'
                       f'<w:moveFromRangeEnd w:id="{i}"/></w:p>')
            out.append(tbl)
            j = next(ids)
            moved = (f'<w:p><w:moveToRangeStart w:id="{j}" w:name="{name}" {REV}/>'
                     f'<w:moveTo w:id="{next(ids)}" {REV}>{runs}</w:moveTo>'
                     f'<w:moveToRangeEnd w:id="{j}"/></w:p>')
            out.append(body[m.end():m.end() + after.start(1) - len("<w:p>")])
            out.append(moved)
            at = m.end() + after.end()
            continue
        out.append(tbl)
        at = m.end()
    out.append(body[at:])
    return "".join(out)


def nested(body):
    tables = list(re.finditer(r"<w:tbl>.*?</w:tbl>", body, re.S))
    last = tables[-1]
    box = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f'<wps:wsp><wps:txbx><w:txbxContent>{last.group(0)}<w:p/></w:txbxContent></wps:txbx></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
        f'<w:txbxContent>{last.group(0)}<w:p/></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r></w:p>'
    )
    body = body[:last.start()] + box + body[last.end():]
    sect = re.search(r"<w:sectPr.*?</w:sectPr>\s*$", body, re.S)
    end = sect.start() if sect else len(body)
    return ('<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tr><w:tc>'
            + body[:end] + "<w:p/></w:tc></w:tr></w:tbl>" + body[end:])


def main():
    kind, src, dst = sys.argv[1:4]
    zin = zipfile.ZipFile(src)
    xml = zin.read("word/document.xml").decode("utf-8")
    head, rest = xml.split("<w:body>", 1)
    body, tail = rest.rsplit("</w:body>", 1)
    body = tracked(body) if kind == "tracked" else nested(body)
    ns = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml" ')
    if "xmlns:mc=" not in head:
        head = head.replace("<w:document ", "<w:document " + ns, 1)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = (head + "<w:body>" + body + "</w:body>" + tail).encode("utf-8")
            zout.writestr(item, data)


if __name__ == "__main__":
    main()
