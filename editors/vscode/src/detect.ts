// Does a document look like a 政府信息公开工作年度报告?
//
// The same heuristic as editors/neovim (lua/nianbao/detect.lua) and the language
// server: a title line naming 政府信息公开 and 年度 … 报告, or at least two of the six
// standard section headings (「一、总体情况」 … 「六、其他需要报告的事项」, with or
// without Markdown `#`s, damaged forms such as 「一、总体情」 included).

/** How many lines from the top are looked at. */
const MAX_LINES = 400;

const TITLE = /政府信息公开.*(年度.*报告|报告.*年度)|年度.*政府信息公开.*报告/;

/** The six standard section headings, 一 … 六, as met in the wild. */
export const HEADINGS: RegExp[] = [
  /^[#\s]*一\s*[、.．，,]\s*总体情/,
  /^[#\s]*二\s*[、.．，,]\s*主动公开/,
  /^[#\s]*三\s*[、.．，,]\s*收到和处理/,
  /^[#\s]*四\s*[、.．，,].*行政(法)?复议/,
  /^[#\s]*五\s*[、.．，,]\s*存在的主要问题/,
  /^[#\s]*六\s*[、.．，,]\s*其他需要报告/,
];

export function looksLikeReport(text: string): boolean {
  const lines = text.split(/\r?\n/, MAX_LINES);
  const seen = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\uFEFF/, '').trim();
    if (line.length === 0) {
      continue;
    }
    if (i < 30 && line.length <= 80 && TITLE.test(line)) {
      return true;
    }
    HEADINGS.forEach((re, k) => {
      if (re.test(line)) {
        seen.add(k);
      }
    });
    if (seen.size >= 2) {
      return true;
    }
  }
  return false;
}
