#!/usr/bin/env python3
"""A test region for `nianbao review` (issue 15): 示范县 (a fictional county) and its units, over 2023 and 2024.

Made from the seeds of tests/corpus and their renderings in tests/corpus/derived, organs renamed and years
moved on, in several input kinds:
  2024/示范县人民政府.md       the county's own report: `nianbao new` filled with prose and, in tables 三 and
                               四, the sums over its units' 2024 reports — except 一、本年新收 and （一）予以公开,
                               3 more (自然人 and 总计), as if the county counted applications of its own
  2024/示范县教育局.txt         seed 000 (text)
  2024/示范县财政局.docx        seed 003 as a Word document (derived/003….docx); it repeats its 2023 report
                               (derived/003….html) with the years moved on, and one passage keeps 「2023年」
  2024/示范县东兴镇.md          seed 002 (Markdown)
  2024/示范县城关镇.txt         seed 004 (text)
  2023/示范县财政局.html        seed 003 as a web page
  2023/示范县水利局.txt         seed 004: reports in 2023, missing in 2024
  units.csv, units.toml        the units expected (name,parent), in both forms
Run from the repository root after `cargo build`: python3 tests/corpus/region/make.py
"""
import csv, io, os, re, shutil, subprocess, zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CORPUS = os.path.join(ROOT, "tests", "corpus")
DERIVED = os.path.join(CORPUS, "derived")
OUT = os.path.dirname(os.path.abspath(__file__))
NIANBAO = os.path.join(ROOT, "target", "debug", "nianbao")
COUNTY = "示范县人民政府"


def seed(prefix):
    return next(os.path.join(CORPUS, f) for f in sorted(os.listdir(CORPUS)) if f.startswith(prefix) and f.endswith(".txt"))


def move_years(text, by):
    """Every 2019–2022 moved on by `by` years."""
    return re.sub(r"20(19|20|21|22)", lambda m: str(int(m.group(0)) + by), text)


def rename(text, old, new):
    return text.replace(old, new)


def write(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w", **({} if isinstance(data, bytes) else {"encoding": "utf-8", "newline": ""})) as f:
        f.write(data)
    return path


def docx(src, edit):
    """A copy of a .docx with `edit` applied to the text of its document part."""
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return out.getvalue()


def cells(path):
    """(table, row, column) → (value, line, column_number) of `nianbao export --format csv`."""
    out = subprocess.run([NIANBAO, "export", "--format", "csv", path], capture_output=True, text=True, check=True).stdout
    got = {}
    for r in csv.DictReader(io.StringIO(out)):
        got[(r["table"], r["row"], r["column"])] = (r["value"], int(r["line"]), int(r["column_number"]))
    return got


def main():
    for d in ("2023", "2024"):
        shutil.rmtree(os.path.join(OUT, d), ignore_errors=True)
    units = []
    # 教育局 ← seed 000 (绥滨县 2021), text
    t = open(seed("000"), encoding="utf-8").read()
    units.append(write("2024/示范县教育局.txt", move_years(rename(t, "绥滨县", "示范县教育局"), 3)))
    # 财政局 ← seed 003 (酉阳 2021): 2023 as a page, 2024 as a Word document repeating it
    old = "酉阳土家族苗族自治县"
    t = open(os.path.join(DERIVED, "003_1b7c73a738c3b718.html"), encoding="utf-8").read()
    # the page footer of the derived page names no real office
    t = t.replace("某某县人民政府办公室", "示范县人民政府办公室")
    write("2023/示范县财政局.html", move_years(rename(t, old, "示范县财政局"), 2))

    def edit_2024(xml):
        xml = move_years(rename(xml, old, "示范县财政局"), 3)
        # one passage of section 一 keeps last year's date
        return xml.replace("2024年，", "2023年，", 1) if "2024年，" in xml else xml

    units.append(write("2024/示范县财政局.docx", docx(os.path.join(DERIVED, "003_1b7c73a738c3b718.docx"), edit_2024)))
    # 东兴镇 ← seed 002 (Markdown)
    t = open(seed("002"), encoding="utf-8").read()
    units.append(write("2024/示范县东兴镇.md", move_years(rename(t, "木兰县东兴镇", "示范县东兴镇"), 3)))
    # 城关镇 ← seed 004 (隆德县城关镇 2021) as 2024, 水利局 ← the same seed as 2023 (then missing in 2024)
    t = open(seed("004"), encoding="utf-8").read()
    units.append(write("2024/示范县城关镇.txt", move_years(rename(t, "隆德县城关镇", "示范县城关镇"), 3)))
    write("2023/示范县水利局.txt", move_years(rename(t, "隆德县城关镇", "示范县水利局"), 2))
    # the county: a blank report with prose, tables 三 and 四 the sums over its units (+3 in 新收 and 予以公开)
    blank = subprocess.run([NIANBAO, "new", "--year", "2024", "--organ", COUNTY], capture_output=True, text=True, check=True).stdout
    prose = iter([
        "2024年，示范县坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，全年通过县政府门户网站主动公开政府信息。",
        "县政府办公室统一受理依申请公开，严格按照法定时限答复，全年无超期答复情况。",
        "建立政府信息公开属性源头认定机制，公文起草时同步确定公开属性，定期开展已公开信息的清理核查。",
        "完成县政府门户网站集约化改版，开设政策文件库和政策解读专栏，政务新媒体与门户网站信息同步发布。",
        "将政务公开纳入全县绩效考核，开展年度第三方评估，公开工作监督电话并及时处理群众意见。",
        "部分乡镇政策解读形式单一，基层工作人员业务能力有待提高；下一步将加强培训指导，丰富解读形式。",
        "本年度无其他需要报告的事项。",
    ])
    blank = re.sub(r"（请填写[^）\n]*）", lambda m: next(prose), blank)
    blank = blank.replace("（请核实：如收取了信息处理费，请改写为收取的金额、件数和依据。）", "")
    blank = blank.rstrip("\n") + "\n2025年1月20日\n"
    county = write("2024/" + COUNTY + ".md", blank)
    sums = {}
    for u in units:
        for k, (v, _, _) in cells(u).items():
            if k[0] in ("applications", "review_litigation") and v != "":
                sums[k] = sums.get(k, 0) + float(v)
    for k in [("applications", "received", c) for c in ("natural_person", "total")] + [
        ("applications", "granted", c) for c in ("natural_person", "total")
    ] + [("applications", "results_total", c) for c in ("natural_person", "total")]:
        sums[k] = sums.get(k, 0) + 3
    lines = blank.split("\n")
    places = sorted(((ln, col, k) for k, (_, ln, col) in cells(county).items() if k in sums), reverse=True)
    for ln, col, k in places:
        line = lines[ln - 1]
        chars = list(line)
        # the blank's cell is 「0」 at this column (1-based, characters)
        assert chars[col - 1] == "0", (k, line)
        v = sums[k]
        chars[col - 1] = str(int(v)) if float(v).is_integer() else str(v)
        lines[ln - 1] = "".join(chars)
    text = "\n".join(lines)
    # the formatter realigns the Markdown tables
    text = subprocess.run([NIANBAO, "fmt", "-", "--stdin-filename", "x.md"], input=text, capture_output=True, text=True).stdout or text
    write("2024/" + COUNTY + ".md", text)
    write(
        "units.toml",
        "# the units expected to report, as TOML (the same as units.csv)\n"
        + f'[[units]]\nname = "{COUNTY}"\n'
        + "".join(f'\n[[units]]\nname = "示范县{n}"\nparent = "{COUNTY}"\n' for n in ("教育局", "财政局", "东兴镇", "城关镇", "水利局")),
    )
    write(
        "units.csv",
        "name,parent\n" + COUNTY + ",\n"
        + "".join(f"示范县{n},{COUNTY}\n" for n in ("教育局", "财政局", "东兴镇", "城关镇", "水利局")),
    )


if __name__ == "__main__":
    main()
