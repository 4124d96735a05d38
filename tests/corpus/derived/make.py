#!/usr/bin/env python3
"""Render seeds of tests/corpus in the layouts reports arrive in (issue: real-world inputs).

Each derived file carries the seed's prose verbatim and its tables (values from
tests/corpus/expected/<seed>.export.json, labels from the template TOML) rewritten as:
  <seed>.html      a web page: site chrome, merged cells (rowspan/colspan), labels split across tags, &nbsp;
  <seed>.gbk.html  the same page in GBK bytes with <meta charset=gb2312>
  <seed>.pdf.txt   text as `pdftotext -layout` gives it: columns aligned with spaces, a label wrapped over two
                   lines, a vertical group label one character per line, a page number inside a table
  <seed>.run.txt   web text whose table 三 lost its cell boundaries (「…申请数量6000000060」)
  <seed>.gbk.txt   the seed itself in GBK bytes
  <seed>.docx      a Word document: paragraphs and real tables with merged cells
  003….ocr.md      Markdown as OCR/PDF converters give it: table 三 split into fragments, a label cut and its end
                   wrapped onto a plain line, an invented header row 「| Column 1 | Column 2 |」, an empty row
Run from the repository root after `cargo build`: python3 tests/corpus/derived/make.py
"""
import html, json, os, subprocess, sys, tomllib, zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CORPUS = os.path.join(ROOT, "tests", "corpus")
OUT = os.path.dirname(os.path.abspath(__file__))
NIANBAO = os.path.join(ROOT, "target", "debug", "nianbao")


def seed_path(prefix):
    return next(os.path.join(CORPUS, f) for f in sorted(os.listdir(CORPUS)) if f.startswith(prefix) and f.endswith(".txt"))


def load(prefix):
    path = seed_path(prefix)
    text = open(path, encoding="utf-8").read()
    exp = json.loads(subprocess.run([NIANBAO, "export", "--format", "jsonl", path], capture_output=True, text=True, check=True).stdout)
    tpl = tomllib.load(open(os.path.join(ROOT, "crates", "nianbao-core", "templates", exp["template"] + ".toml"), "rb"))
    lines = text.split("\n")
    heads = sorted((s["line"] - 1, sid) for sid, s in exp["sections"].items())
    title = exp.get("organ") and next((l for l in lines[: heads[0][0]] if "报告" in l), None)
    preface = [l for l in lines[: heads[0][0]] if l.strip() and l != title]
    bodies = {}
    for i, (ln, sid) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(lines)
        bodies[sid] = [l for l in lines[ln + 1 : end] if l.strip()]
    return exp, tpl, title, preface, bodies


def fmt(v):
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else str(v)


def table_rows(tpl, exp, tid):
    """(kind, label, values) in template order."""
    t = next(t for t in tpl["tables"] if t["id"] == tid)
    cols = [c["id"] for c in t["columns"]]
    out = []
    for it in t["items"]:
        vals = []
        if it["kind"] == "row":
            # a cell as the report wrote it (「31.2万件」), else its value
            raw = exp.get("raw", {}).get(tid, {}).get(it["id"], {})
            vals = [raw.get(c) or fmt(exp["tables"][tid].get(it["id"], {}).get(c)) for c in (it.get("columns") or cols)]
        out.append((it["kind"], it["label"], vals, it.get("id", "")))
    return t, out


# ------------------------------------------------------------------------------------------- HTML
def split_label(label):
    """A label split across tags as Word and CMS editors write it."""
    if len(label) < 4:
        return html.escape(label)
    m = len(label) // 2
    return f'<span style="font-family:宋体">{html.escape(label[:m])}</span><font size="2">{html.escape(label[m:])}</font><o:p></o:p>'


def cell(v, **attrs):
    a = "".join(f' {k}="{x}"' for k, x in attrs.items())
    if v == "":
        return f"<td{a}>&nbsp;</td>"
    return f"<td{a}><p>&nbsp;{html.escape(v)}</p></td>" if v.isdigit() else f"<td{a}>{split_label(v)}</td>"


def html_table(tpl, exp, tid):
    t, rows = table_rows(tpl, exp, tid)
    out = ['<table border="1" cellspacing="0" style="width:100%">']
    if tid == "review_litigation":
        vals = [v for k, _, vs, _ in rows if k == "row" for v in vs]
        h = t["columns"]
        out.append('<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>')
        out.append("<tr>" + "".join(f'<td rowspan="2">{c["header"]}</td>' for c in h) + '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>')
        out.append("<tr>" + "".join(f"<td>{c['header']}</td>" for c in h) * 2 + "</tr>")
        out.append("<tr>" + "".join(cell(v) for v in vals) + "</tr>")
    elif tid == "applications":
        hd = t["header"]
        out.append(f'<tr><td colspan="3" rowspan="3">{hd[0]}</td><td colspan="7">申请人情况</td></tr>')
        out.append('<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>')
        out.append("<tr>" + "".join(f"<td>{x}</td>" for x in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]) + "</tr>")
        body = [(k, l, v, i) for k, l, v, i in rows]
        # the result rows sit under 「三、本年度办理结果」 (rowspan) and their group line (rowspan)
        result_rows = [r for r in body if r[0] == "row" and r[3] not in ("received", "carried_in", "carried_over")]
        n_results = len(result_rows)
        group = None
        pending_top = True
        for k, l, v, rid in body:
            if k == "group" and l.startswith("三"):
                continue
            if k == "group":
                group = l
                continue
            if k != "row":
                continue
            tds = []
            if rid in ("received", "carried_in", "carried_over"):
                tds.append(f'<td colspan="3">{split_label(l)}</td>')
            else:
                if pending_top:
                    tds.append(f'<td rowspan="{n_results}">三、本年度办理结果</td>')
                    pending_top = False
                if "." in rid:
                    prefix = rid.split(".")[0]
                    members = [r for r in result_rows if r[3].startswith(prefix + ".")]
                    if members[0][3] == rid:
                        tds.append(f'<td rowspan="{len(members)}">{group}</td>')
                    tds.append(cell(l))
                else:
                    tds.append(f'<td colspan="2">{split_label(l)}</td>')
            tds += [cell(x) for x in v]
            out.append("<tr>" + "".join(tds) + "</tr>")
    else:
        for k, l, v, rid in rows:
            if k == "block":
                out.append(f'<tr><td colspan="4">{l}</td></tr>')
            elif k == "header":
                if l == "信息内容":
                    out.append("<tr><td>信息内容</td>")
                else:
                    out[-1] += f"<td>{l}</td>"
            elif k == "row":
                if out[-1].startswith("<tr><td>信息内容") and not out[-1].endswith("</tr>"):
                    out[-1] += "</tr>"
                out.append("<tr>" + cell(l) + "".join(cell(x) for x in v) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def render_html(prefix, charset="utf-8"):
    exp, tpl, title, preface, bodies = load(prefix)
    parts = [
        "<!DOCTYPE html>",
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>{html.escape(title or "")}</title>',
        "<style>td { border: 1px solid #000; }</style><script>var nav = '<td>菜单</td>';</script></head><body>",
        '<div class="header"><nav><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hdjl">互动交流</a></nav></div>',
        '<div class="article">',
    ]
    if title:
        parts.append(f"<h1>{html.escape(title)}</h1>")
    parts += [f"<p>{html.escape(p)}</p>" for p in preface]
    for s in tpl["sections"]:
        if s["id"] not in bodies:
            continue
        parts.append(f'<p style="text-indent:2em"><strong>{html.escape(exp["sections"][s["id"]]["heading"])}</strong></p>')
        if s.get("table"):
            parts.append(html_table(tpl, exp, s["table"]))
        else:
            parts += [f"<p>{html.escape(p.strip())}</p>" for p in bodies[s["id"]]]
    parts += ["</div>", '<div class="footer">主办单位：某某县人民政府办公室 <script>document.write("x")</script></div>', "</body></html>"]
    return "\n".join(parts)


# ------------------------------------------------------------------------------------------- pdftotext -layout
def pad(s, width):
    w = sum(2 if ord(c) > 0x2E80 else 1 for c in s)
    return s + " " * max(2, width - w)


def rj(s, width):
    """`s` right-aligned in `width` display columns, at least two spaces before it (as -layout writes columns)."""
    w = sum(2 if ord(c) > 0x2E80 else 1 for c in s)
    return " " * max(2, width - w) + s


def pdf_table(tpl, exp, tid):
    t, rows = table_rows(tpl, exp, tid)
    out = []
    if tid == "review_litigation":
        vals = [v for k, _, vs, _ in rows if k == "row" for v in vs]
        out.append("                 行政复议                                             行政诉讼")
        out.append("                                                   未经复议直接起诉                        复议后起诉")
        hdr = "结果    结果    其他    尚未    总计"
        out.append("  " + "    ".join([hdr] * 3))
        out.append("  " + "    ".join(["维持    纠正    结果    审结"] * 3))
        out.append("  " + "".join(v.rjust(8) for v in vals))
        return out
    if tid == "applications":
        out.append("    （本列数据的勾稽关系为：第一项加第二项之和，                           申请人情况")
        out.append("    等于第三项加第四项之和）                          自然人              法人或其他组织                      总计")
        out.append("                                                            商业企业  科研机构  社会公益组织  法律服务机构  其他")
    vertical = list("三、本年度办理结果") if tid == "applications" else []
    n = 0
    for k, l, v, rid in rows:
        if k == "group" and l.startswith("三、"):
            continue
        if k in ("block", "header", "group"):
            if k == "header" and l != "信息内容":
                out[-1] += "  " + l
            else:
                out.append("    " + l)
            continue
        lead = vertical.pop(0) + "  " if vertical and rid not in ("received", "carried_in") else "   "
        label = l
        if rid == "partly_granted":
            cut = label.index("，") + 1
            out.append("    " + lead + label[:cut])
            label = label[cut:]
        out.append(lead + " " + pad(label, 60) + "".join(rj(x, 8) for x in v))
        n += 1
        if tid == "applications" and n == 12:
            out.append("")
            out.append("                                        -4-")
            out.append("")
    out += vertical  # the rest of a vertical label, one character per line
    return out


def render_pdf(prefix):
    exp, tpl, title, preface, bodies = load(prefix)
    out = []
    if title:
        out.append("          " + title)
    out += preface
    for s in tpl["sections"]:
        if s["id"] not in bodies:
            continue
        out.append(exp["sections"][s["id"]]["heading"])
        if s.get("table"):
            out += pdf_table(tpl, exp, s["table"])
        else:
            out += bodies[s["id"]]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------- run-together web text
def render_run(prefix):
    exp, tpl, title, preface, bodies = load(prefix)
    out = [title] if title else []
    out += preface
    for s in tpl["sections"]:
        if s["id"] not in bodies:
            continue
        out.append(exp["sections"][s["id"]]["heading"])
        if s.get("table"):
            t, rows = table_rows(tpl, exp, s["table"])
            for k, l, v, rid in rows:
                if k == "row" and s["table"] == "applications":
                    out.append(l + "".join(v))  # the cells ran together
                elif k == "row":
                    out.append("\t".join([l] + v) if l and s["table"] != "review_litigation" else "\t".join(v))
                elif k != "header":
                    out.append(l)
        else:
            out += bodies[s["id"]]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------- docx
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def wp(text):
    return f'<w:p><w:r><w:t xml:space="preserve">{html.escape(text)}</w:t></w:r></w:p>'


def wtc(text, span=1, vmerge=None):
    pr = ""
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    # labels split over two runs, as Word does after edits
    m = len(text) // 2
    runs = f'<w:r><w:t>{html.escape(text[:m])}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{html.escape(text[m:])}</w:t></w:r>' if text else ""
    return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{runs}</w:p></w:tc>"


def docx_table(tpl, exp, tid):
    t, rows = table_rows(tpl, exp, tid)
    trs = []
    if tid == "review_litigation":
        vals = [v for k, _, vs, _ in rows if k == "row" for v in vs]
        trs.append(wtc("行政复议", 5) + wtc("行政诉讼", 10))
        trs.append("".join(wtc(c["header"], vmerge="restart") for c in t["columns"]) + wtc("未经复议直接起诉", 5) + wtc("复议后起诉", 5))
        trs.append("".join(wtc("", vmerge="continue") for _ in t["columns"]) + "".join(wtc(c["header"]) for c in t["columns"]) * 2)
        trs.append("".join(wtc(v) for v in vals))
    else:
        for k, l, v, rid in rows:
            if k == "header":
                if l == "信息内容":
                    trs.append(wtc(l))
                else:
                    trs[-1] += wtc(l)
            elif k in ("block", "group"):
                trs.append(wtc(l, 8 if tid == "applications" else 4))
            else:
                trs.append(wtc(l) + "".join(wtc(x) for x in v))
        if tid == "applications":
            trs.insert(0, wtc(t["header"][0]) + wtc("申请人情况", 7))
            trs.insert(1, wtc("") + "".join(wtc(x) for x in ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]))
    return "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in trs) + "</w:tbl>"


def render_docx(prefix, path):
    exp, tpl, title, preface, bodies = load(prefix)
    body = [wp(title)] if title else []
    body += [wp(p) for p in preface]
    for s in tpl["sections"]:
        if s["id"] not in bodies:
            continue
        body.append(wp(exp["sections"][s["id"]]["heading"]))
        if s.get("table"):
            body.append(docx_table(tpl, exp, s["table"]))
        else:
            body += [wp(p.strip()) for p in bodies[s["id"]]]
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{"".join(body)}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)


def render_ocr(prefix):
    md = subprocess.run([NIANBAO, "fmt", "--to", "markdown", "-"], stdin=open(seed_path(prefix), encoding="utf-8"),
                        capture_output=True, text=True, check=True).stdout
    a, b = md.index("## 三、"), md.index("## 四、")
    out = []
    for l in md[a:b].split("\n"):
        if l.startswith("| （二）部分公开"):
            cells = l.split("|")
            cells[1] = " （二）部分公开（区分处理的， "
            out += ["|".join(cells), "", "只计这一情形，不计其他情形）", "",
                    "| Column 1 | Column 2 | Column 3 | Column 4 | Column 5 | Column 6 | Column 7 | Column 8 |",
                    "|---|---|---|---|---|---|---|---|"]
        elif l.startswith("| 8.属于行政查询事项"):
            out += [l, "", "<!-- page 4 -->", "", "| | | | | | | | |", "|---|---|---|---|---|---|---|---|"]
        else:
            out.append(l)
    return md[:a] + "\n".join(out) + md[b:]


def main():
    for prefix in ["001", "003"]:
        name = os.path.basename(seed_path(prefix))[:-4]
        base = os.path.join(OUT, name)
        open(base + ".html", "w", encoding="utf-8").write(render_html(prefix))
        open(base + ".gbk.html", "wb").write(render_html(prefix, "gb2312").encode("gbk"))
        open(base + ".pdf.txt", "w", encoding="utf-8").write(render_pdf(prefix))
        open(base + ".run.txt", "w", encoding="utf-8").write(render_run(prefix))
        open(base + ".gbk.txt", "wb").write(open(seed_path(prefix), encoding="utf-8").read().encode("gbk"))
        render_docx(prefix, base + ".docx")
        if prefix == "003":
            open(base + ".ocr.md", "w", encoding="utf-8").write(render_ocr(prefix))
        print("wrote", base + ".*")


if __name__ == "__main__":
    main()
