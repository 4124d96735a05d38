// A PDF's text as Node tools read it with pdf.js (pdfjs-dist, pinned in package.json): pdf-parse's page
// renderer — the page's text items in pdf.js's order, an item on the same baseline (transform[5]) as the one
// before appended as it is, a line break before any other — and the pages apart by a blank line, as pdf-parse
// joins them. Usage: node text.mjs FILE.pdf (prints the text).
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false }).promise;
let out = "";
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent({ normalizeWhitespace: false, disableCombineTextItems: false });
  let lastY;
  let text = "";
  for (const item of content.items) {
    if (lastY == item.transform[5] || !lastY) {
      text += item.str;
    } else {
      text += "\n" + item.str;
    }
    lastY = item.transform[5];
  }
  out += "\n\n" + text;
}
process.stdout.write(out + "\n");
