// Unit tests of the report detection (src/detect.ts, bundled to out/detect.js by `npm run test:unit`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { looksLikeReport } = require('../out/detect.js');
const corpus = join(here, '../../../tests/corpus');

test('every seed of the corpus looks like a report', () => {
  const seeds = readdirSync(corpus).filter((f) => f.endsWith('.txt'));
  assert.ok(seeds.length >= 5);
  for (const f of seeds) {
    assert.equal(looksLikeReport(readFileSync(join(corpus, f), 'utf8')), true, f);
  }
});

test('a title alone is enough', () => {
  assert.equal(looksLikeReport('绥滨县2021年度政府信息公开工作报告\n\n正文'), true);
  assert.equal(looksLikeReport('# 某某县人民政府2022年政府信息公开工作年度报告\n'), true);
});

test('two standard headings are enough, Markdown or damaged', () => {
  assert.equal(looksLikeReport('## 一、总体情况\n文字\n## 二、主动公开政府信息情况\n'), true);
  assert.equal(looksLikeReport('一、总体情\n\n四、政府信息公开行政法复议、行政诉讼情况\n'), true);
});

test('other documents are not reports', () => {
  assert.equal(looksLikeReport('# README\n\nSome notes.\n'), false);
  assert.equal(looksLikeReport('一、总体情况\n只有一个标题。\n'), false);
  assert.equal(looksLikeReport('关于政府信息公开的通知\n'), false);
  assert.equal(looksLikeReport(''), false);
});

test('section bodies are cut at the next section heading, not at table rows', async () => {
  const { HEADINGS } = require('../out/detect.js');
  assert.equal(HEADINGS.length, 6);
  assert.equal(HEADINGS[3].test('四、结转下年度继续办理'), false);
  assert.equal(HEADINGS[3].test('## 四、政府信息公开行政复议、行政诉讼情况'), true);
});
