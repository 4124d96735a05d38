// nianbao serve: the page. No framework, no network but this server. Everything the server returns is
// put into the page as text (textContent), never as HTML.
'use strict';

const LIMIT = 20 * 1024 * 1024;
const SEVERITY = { error: '错误', warning: '警告', info: '提示', hint: '建议' };
const RANK = { error: 0, warning: 1, info: 2, hint: 3 };

const state = {
  name: '',        // the file name shown
  textName: '',    // the name the text is sent under when checked again (a .docx/.pdf: as .txt)
  text: '',        // the text the diagnostics refer to
  fixable: true,
  modified: false,
  result: null,    // /api/check
  sections: [],    // [{line, heading}] from /api/export
  rules: null,     // code → rule
  batch: null,     // FormData of the last review
};

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function status(msg, kind, id) {
  const s = $(id || 'status');
  s.textContent = msg || '';
  s.className = 'status' + (kind ? ' ' + kind : '');
}

// ------------------------------------------------------------------------------ the API

async function api(path, params, body) {
  const q = new URLSearchParams(params || {}).toString();
  let r;
  try {
    r = await fetch(path + (q ? '?' + q : ''), { method: 'POST', body });
  } catch (e) {
    throw new Error('无法连接到 nianbao serve（服务是否已停止？）');
  }
  if (!r.ok) {
    let msg = '请求失败（' + r.status + '）';
    try { const j = await r.json(); if (j && j.error) msg = j.error; } catch (_) { /* not JSON */ }
    if (r.status === 413) msg = '文件太大：最多 20 MB';
    throw new Error(msg);
  }
  return r;
}

async function rules() {
  if (state.rules) return state.rules;
  const r = await fetch('/api/rules');
  const list = await r.json();
  state.rules = Object.fromEntries(list.map((x) => [x.code, x]));
  return state.rules;
}

// ------------------------------------------------------------------------------ checking

function isTextName(name) {
  return !/\.(docx|pdf)$/i.test(name);
}

async function checkFile(file) {
  if (file.size > LIMIT) { status(file.name + '：文件超过 20 MB，无法检查', 'error'); return; }
  state.name = file.name;
  state.textName = isTextName(file.name) ? file.name : file.name.replace(/\.[^.]*$/, '') + '.txt';
  state.modified = false;
  await runCheck(file, file.name);
}

async function checkPasted() {
  const text = $('paste').value;
  if (!text.trim()) { status('请先粘贴报告全文', 'error'); return; }
  state.name = '粘贴的文字.txt';
  state.textName = state.name;
  state.modified = false;
  await runCheck(new Blob([text], { type: 'text/plain;charset=utf-8' }), state.name);
}

async function runCheck(body, name) {
  status('正在检查 ' + name + ' ……', 'busy');
  try {
    const r = await api('/api/check', { filename: name }, body);
    const result = await r.json();
    state.result = result;
    state.text = result.text;
    state.fixable = isTextName(name);
    await loadSections();
    show();
    const n = result.diagnostics.length;
    status(n ? '检查完成：发现 ' + n + ' 个问题' : '检查完成：没有发现问题', n ? '' : 'ok');
  } catch (e) {
    status(e.message, 'error');
  }
}

async function recheck(what) {
  status(what + '，正在重新检查……', 'busy');
  try {
    const r = await api('/api/check', { filename: state.textName },
      new Blob([state.text], { type: 'text/plain;charset=utf-8' }));
    const result = await r.json();
    state.result = result;
    state.text = result.text;
    await loadSections();
    show();
    const n = result.diagnostics.length;
    status(what + '，已重新检查：' + (n ? '还有 ' + n + ' 个问题' : '没有问题了'), n ? '' : 'ok');
  } catch (e) {
    status(e.message, 'error');
  }
}

async function loadSections() {
  try {
    const r = await api('/api/export', { filename: state.textName, format: 'json' },
      new Blob([state.text], { type: 'text/plain;charset=utf-8' }));
    const j = await r.json();
    state.sections = Object.values(j.sections || {})
      .filter((s) => s && s.line)
      .sort((a, b) => a.line - b.line);
  } catch (_) {
    state.sections = [];
  }
}

// ------------------------------------------------------------------------------ fixes

function isSafe(fix) {
  if (!fix) return false;
  if (typeof fix.safety === 'string') return fix.safety === 'safe';
  return fix.safe !== false;
}

// UTF-16 offset of a 1-based (line, column in characters) position of the text
function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function offsetOf(text, starts, pos) {
  let i = pos.line - 1 < starts.length ? starts[pos.line - 1] : text.length;
  for (let k = 1; k < pos.column && i < text.length && text[i] !== '\n'; k++) {
    i += text.codePointAt(i) > 0xffff ? 2 : 1;
  }
  return i;
}

// apply the fixes whose edits do not overlap those of a fix applied before them
function applyFixes(text, fixes) {
  const starts = lineStarts(text);
  const chosen = [];
  const taken = [];
  for (const f of fixes) {
    const edits = f.edits.map((e) => ({
      s: offsetOf(text, starts, e.range.start), e: offsetOf(text, starts, e.range.end), t: e.new_text,
    }));
    const clash = edits.some((a) => taken.some((b) => a.s < b.e && b.s < a.e || (a.s === a.e && a.s === b.s)));
    if (clash) continue;
    taken.push(...edits);
    chosen.push(...edits);
  }
  chosen.sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  for (const x of chosen) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return { text: out, applied: chosen.length };
}

async function applyOne(fix) {
  const r = applyFixes(state.text, [fix]);
  state.text = r.text;
  state.modified = true;
  await recheck('已修改：' + fix.message);
}

async function applyAllSafe() {
  const fixes = state.result.diagnostics.map((d) => d.fix).filter(isSafe);
  if (!fixes.length) { status('没有可以自动应用的安全修复'); return; }
  const r = applyFixes(state.text, fixes);
  state.text = r.text;
  state.modified = true;
  await recheck('已应用 ' + fixes.length + ' 处安全修复');
}

// ------------------------------------------------------------------------------ the report in place

// the cells of a table row, as [start, end) in characters of the line; null for a line of prose
function tableCells(chars) {
  const line = chars.join('');
  const trimmed = line.trim();
  let sep;
  if (trimmed.startsWith('|') && trimmed.length > 1) sep = '|';
  else if (line.includes('\t') && trimmed) sep = '\t';
  else return null;
  const cells = [];
  let start = 0;
  for (let i = 0; i <= chars.length; i++) {
    if (i === chars.length || (chars[i] === sep && chars[i - 1] !== '\\')) {
      cells.push([start, i]);
      start = i + 1;
    }
  }
  if (sep === '|') {
    // the empty parts before the first and after the last pipe are not cells
    if (cells.length && chars.slice(cells[0][0], cells[0][1]).join('').trim() === '') cells.shift();
    if (cells.length && chars.slice(cells[cells.length - 1][0], cells[cells.length - 1][1]).join('').trim() === '') cells.pop();
  }
  return cells;
}

function isSeparatorRow(chars) {
  return /^\s*\|?[\s:|-]*-[\s:|-]*\|?\s*$/.test(chars.join(''));
}

function isHeading(line) {
  return /^\s*#{1,6}\s/.test(line) || /^\s*[一二三四五六七八九十]+、/.test(line) || /^\s*（[一二三四五六七八九十]+）/.test(line);
}

// [start, end) in characters of line `ln` covered by diagnostic d (end open when it runs on)
function spanOn(d, ln, length) {
  const s = d.range.start.line === ln ? d.range.start.column - 1 : 0;
  const e = d.range.end.line === ln ? d.range.end.column - 1 : length;
  return [s, e];
}

function worst(ds) {
  return ds.reduce((w, d) => (RANK[d.severity] < RANK[w] ? d.severity : w), 'hint');
}

function show() {
  $('input').hidden = true;
  $('result').hidden = false;
  const res = state.result;
  const diags = res.diagnostics;
  diags.forEach((d, i) => { d._id = 'd' + i; });
  $('file-title').textContent = state.name + (state.modified ? '（已修改）' : '');
  const c = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diags) c[d.severity]++;
  $('counts').replaceChildren(
    el('span', { class: 'sev-error', text: '错误 ' + c.error }),
    el('span', { class: 'sev-warning', text: '警告 ' + c.warning }),
    el('span', { class: 'sev-info', text: '提示 ' + (c.info + c.hint) }),
    el('span', { class: 'meta', text: (res.year ? res.year + ' 年度' : '年度未识别') + ' · ' + (res.template ? res.template + ' 版模板' : '模板未识别') }),
  );
  const safe = diags.filter((d) => isSafe(d.fix)).length;
  $('fix-all').disabled = !safe;
  $('fix-all').textContent = '应用全部安全修复（' + safe + '）';
  $('no-fix-note').hidden = state.fixable;
  $('dl-text').textContent = state.modified ? '下载修改后的文本' : '下载文本';
  renderDoc(diags);
  renderGroups(diags);
}

function renderDoc(diags) {
  const doc = $('doc');
  doc.replaceChildren();
  const lines = state.text.split('\n');
  // each diagnostic on every line of its range (notes under its first line)
  const on = new Map();
  const starting = new Map();
  for (const d of diags) {
    const first = Math.min(Math.max(d.range.start.line, 1), lines.length);
    const last = Math.min(Math.max(d.range.end.line, first), lines.length);
    for (let l = first; l <= last; l++) { if (!on.has(l)) on.set(l, []); on.get(l).push(d); }
    if (!starting.has(first)) starting.set(first, []);
    starting.get(first).push(d);
  }
  let table = null;
  let width = 1;
  // a PDF's text: a marker where each page starts
  const pageAt = new Map((state.result && state.result.pages) || []);
  for (let n = 0; n < lines.length; n++) {
    const ln = n + 1;
    if (pageAt.has(ln)) {
      table = null;
      doc.append(el('div', { class: 'page-mark', text: '— 第 ' + pageAt.get(ln) + ' 页 —' }));
    }
    const chars = Array.from(lines[n].replace(/\r$/, ''));
    const here = on.get(ln) || [];
    const notes = starting.get(ln) || [];
    const cells = tableCells(chars);
    if (cells) {
      if (!table) { table = el('table', { class: 'rt' }); doc.append(table); width = 1; }
      width = Math.max(width, cells.length);
      const sep = isSeparatorRow(chars);
      const tr = el('tr', { class: sep ? 'sep' : '', id: 'L' + ln, dataset: { line: ln } },
        el('th', { class: 'ln', text: String(ln) }));
      for (const [s, e] of cells) {
        const hit = here.filter((d) => {
          const [a, b] = spanOn(d, ln, chars.length);
          return a === b ? (a >= s && a <= e) : (a < e && b > s);
        });
        const td = el('td', { text: chars.slice(s, e).join('').trim() });
        if (hit.length) {
          td.className = 'hl hl-' + worst(hit);
          td.dataset.diags = hit.map((d) => d._id).join(' ');
          td.title = hit.map((d) => d.code + ' ' + d.message).join('\n');
        }
        tr.append(td);
      }
      if (here.length) tr.classList.add('has-' + worst(here));
      table.append(tr);
      if (notes.length) {
        table.append(el('tr', { class: 'notes-row' }, el('td', { class: 'ln' }),
          el('td', { colspan: String(Math.max(width, 12)) }, noteList(notes))));
      }
    } else {
      table = null;
      const line = el('div', { class: 'line' + (isHeading(chars.join('')) ? ' heading' : ''), id: 'L' + ln, dataset: { line: ln } },
        el('span', { class: 'ln', text: String(ln) }));
      const body = el('span', { class: 'tx' });
      // runs of characters under the same diagnostics
      const marks = here.map((d) => [d, ...spanOn(d, ln, chars.length)]);
      const under = (i) => marks.filter(([, a, b]) => a <= i && i < b).map((x) => x[0]);
      const key = (i) => under(i).map((d) => d._id).join(' ');
      for (let i = 0; i < chars.length;) {
        const k = key(i);
        let j = i + 1;
        while (j < chars.length && key(j) === k) j++;
        const part = chars.slice(i, j).join('');
        const at = under(i);
        if (at.length) {
          body.append(el('mark', { class: 'hl hl-' + worst(at), title: at.map((d) => d.code + ' ' + d.message).join('\n') }, part));
        } else {
          body.append(part);
        }
        i = j;
      }
      line.append(body);
      if (here.length) line.classList.add('has-' + worst(here));
      doc.append(line);
      if (notes.length) doc.append(noteList(notes));
    }
  }
}

function noteList(ds) {
  const box = el('div', { class: 'notes' });
  for (const d of ds) box.append(note(d));
  return box;
}

function note(d) {
  const n = el('div', { class: 'note sev-' + d.severity, id: d._id, dataset: { code: d.code } },
    el('span', { class: 'sev', text: SEVERITY[d.severity] || d.severity }),
    d.page ? el('span', { class: 'page', text: '第 ' + d.page + ' 页' }) : null,
    el('code', { text: d.code }),
    el('span', { class: 'msg', text: d.message }));
  const explain = el('div', { class: 'explain', hidden: true });
  n.append(el('button', {
    class: 'link', text: '说明', title: '这条规则检查什么、为什么',
    onclick: async () => {
      if (explain.hidden && !explain.childNodes.length) {
        const all = await rules();
        const r = all[d.code];
        explain.append(el('div', { class: 'rule-title', text: d.code + ' ' + (r ? r.name + '：' + r.summary : d.name) }),
          el('pre', { text: r ? r.doc : '（没有这条规则的说明）' }));
      }
      explain.hidden = !explain.hidden;
    },
  }));
  if (d.fix && state.fixable) {
    if (isSafe(d.fix)) {
      n.append(el('button', { class: 'fix', text: '修复：' + d.fix.message, onclick: () => applyOne(d.fix) }));
    } else {
      const choices = [d.fix, ...(d.fix.alternatives || [])];
      const box = el('span', { class: 'choices' }, el('span', { class: 'ask', text: '需要您判断，可选：' }));
      for (const c of choices) {
        box.append(el('button', { class: 'choice', text: c.message, onclick: () => applyOne(c) }));
      }
      n.append(box);
    }
  }
  for (const r of d.related || []) {
    n.append(el('a', {
      class: 'related', href: '#L' + r.range.start.line, text: '相关：第 ' + r.range.start.line + ' 行 ' + r.message,
      onclick: (ev) => { ev.preventDefault(); jump('L' + r.range.start.line); },
    }));
  }
  n.append(explain);
  return n;
}

function jump(id) {
  const t = document.getElementById(id);
  if (!t) return;
  t.scrollIntoView({ block: 'center' });
  t.classList.remove('flash');
  void t.offsetWidth;
  t.classList.add('flash');
}

function renderGroups(diags) {
  const box = $('groups');
  box.replaceChildren();
  if (!diags.length) { box.append(el('p', { class: 'ok', text: '没有发现问题。' })); return; }
  const groups = [];
  const head = { heading: '标题和开头', items: [] };
  groups.push(head);
  for (const s of state.sections) groups.push({ heading: s.heading, line: s.line, items: [] });
  for (const d of diags) {
    let g = head;
    for (const x of groups) if (x.line && x.line <= d.range.start.line) g = x;
    g.items.push(d);
  }
  for (const g of groups) {
    if (!g.items.length) continue;
    const list = el('ul');
    for (const d of g.items) {
      list.append(el('li', { class: 'sev-' + d.severity },
        el('a', {
          href: '#' + d._id, onclick: (ev) => { ev.preventDefault(); jump(d._id); },
        }, el('span', { class: 'where', text: (d.page ? '第 ' + d.page + ' 页 ' : '') + '第 ' + d.range.start.line + ' 行' }),
        el('span', { class: 'sev', text: SEVERITY[d.severity] }),
        el('code', { text: d.code }), ' ', d.message)));
    }
    box.append(el('section', { class: 'group' },
      el('h3', { text: g.heading + '（' + g.items.length + '）' }), list));
  }
}

// ------------------------------------------------------------------------------ downloads

function download(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function base() {
  return state.name.replace(/\.[^.]*$/, '');
}

function textBlob() {
  return new Blob([state.text], { type: 'text/plain;charset=utf-8' });
}

async function downloadVia(path, params, name) {
  try {
    const r = await api(path, params, textBlob());
    download(await r.blob(), name);
  } catch (e) {
    status(e.message, 'error');
  }
}

// ------------------------------------------------------------------------------ batch review

async function review(files) {
  files = Array.from(files);
  if (!files.length) return;
  selectTab('batch');
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > LIMIT) { status('这些文件共 ' + (total / 1048576).toFixed(1) + ' MB，超过 20 MB，请分批审核', 'error', 'batch-status'); return; }
  const fd = new FormData();
  for (const f of files) fd.append('file', f, f.name);
  const units = $('units').files[0];
  if (units) fd.append('units', units, units.name);
  state.batch = fd;
  status('正在审核 ' + files.length + ' 份报告……', 'busy', 'batch-status');
  try {
    const r = await api('/api/review', {}, fd);
    const j = await r.json();
    state.batchJson = j;
    showReview(j);
    status('审核完成', 'ok', 'batch-status');
  } catch (e) {
    status(e.message, 'error', 'batch-status');
  }
}

function num(v) {
  return v === null || v === undefined ? '—' : String(v);
}

function showReview(j) {
  $('batch-result').hidden = false;
  $('batch-drop').classList.add('compact');
  const s = j.summary;
  $('batch-summary').textContent = '共 ' + s.units + ' 份报告：错误 ' + s.errors + ' 处，警告 ' + s.warnings
    + ' 处；无法读取 ' + s.unreadable + ' 份；未报送 ' + s.missing + ' 个单位';
  const tbody = $('units-table').querySelector('tbody');
  tbody.replaceChildren();
  for (const u of j.units) {
    const f = u.figures || {};
    const row = el('tr', { class: 'unit' + (u.errors ? ' has-error' : u.warnings ? ' has-warning' : ''), tabindex: '0' },
      el('td', { text: u.organ || '（未识别单位）' }),
      el('td', { text: num(u.year) }),
      el('td', { class: 'path', text: u.path }),
      el('td', { class: u.errors ? 'sev-error' : '', text: String(u.errors) }),
      el('td', { class: u.warnings ? 'sev-warning' : '', text: String(u.warnings) }),
      el('td', { text: num(f.received) }),
      el('td', { text: num(f.results_total) }),
      el('td', { text: num(f.review_corrected) }),
      el('td', { text: num(f.litigation_lost) }),
      el('td', { text: u.reuse === null || u.reuse === undefined ? '—' : Math.round(u.reuse * 100) + '%' }));
    const detail = el('tr', { class: 'detail', hidden: true }, el('td', { colspan: '10' }, problems(u, j.groups)));
    const toggle = () => { detail.hidden = !detail.hidden; };
    row.addEventListener('click', toggle);
    row.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') toggle(); });
    tbody.append(row, detail);
  }
  $('missing-box').hidden = !j.missing.length;
  $('missing').replaceChildren(...j.missing.map((m) => el('li', { text: m.organ + ' ' + num(m.year) + ' 年度' + (m.reason ? '：' + m.reason : '') })));
  $('sums-box').hidden = !j.region_sums.length;
  $('sums').querySelector('tbody').replaceChildren(...j.region_sums.map((r) => el('tr', {},
    el('td', { text: r.organ }), el('td', { text: num(r.year) }), el('td', { text: r.label || r.cell }),
    el('td', { text: num(r.reported) }), el('td', { text: num(r.sum_of_units) }))));
}

function problems(u, groups) {
  const box = el('div', { class: 'problems' });
  if (!u.problems.length) { box.append(el('p', { class: 'ok', text: '没有发现问题。' })); return box; }
  let group = null;
  let list = null;
  for (const p of u.problems) {
    if (p.table !== group) {
      group = p.table;
      list = el('ul');
      box.append(el('h4', { text: (groups && groups[p.table]) || p.table }), list);
    }
    list.append(el('li', { class: 'sev-' + p.severity },
      el('span', { class: 'where', text: p.line ? (p.page ? '第 ' + p.page + ' 页 ' : '') + '第 ' + p.line + ' 行' : '' }),
      el('span', { class: 'sev', text: SEVERITY[p.severity] }),
      p.code ? el('code', { text: p.code }) : null, ' ', p.message,
      p.evidence ? el('q', { text: p.evidence }) : null));
  }
  return box;
}

async function batchDownload(format, name) {
  if (!state.batch) return;
  if (format === 'json') {
    download(new Blob([JSON.stringify(state.batchJson, null, 2)], { type: 'application/json' }), name);
    return;
  }
  try {
    const r = await api('/api/review', { format }, state.batch);
    download(await r.blob(), name);
  } catch (e) {
    status(e.message, 'error', 'batch-status');
  }
}

// ------------------------------------------------------------------------------ wiring

function selectTab(which) {
  const batch = which === 'batch';
  $('pane-check').hidden = batch;
  $('pane-batch').hidden = !batch;
  $('tab-check').setAttribute('aria-selected', String(!batch));
  $('tab-batch').setAttribute('aria-selected', String(batch));
}

function dropZone(zone, onFiles, input) {
  const stop = (ev) => { ev.preventDefault(); ev.stopPropagation(); };
  if (input) {
    // from the keyboard: Enter or Space on the zone opens the file chooser
    zone.addEventListener('keydown', (ev) => {
      if (ev.target === zone && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); input.click(); }
    });
  }
  zone.addEventListener('dragover', (ev) => { stop(ev); zone.classList.add('over'); });
  zone.addEventListener('dragleave', (ev) => { stop(ev); zone.classList.remove('over'); });
  zone.addEventListener('drop', (ev) => {
    stop(ev);
    zone.classList.remove('over');
    if (ev.dataTransfer && ev.dataTransfer.files.length) onFiles(ev.dataTransfer.files);
  });
}

function onCheckFiles(files) {
  if (files.length > 1) review(files);
  else if (files.length === 1) checkFile(files[0]);
}

document.addEventListener('DOMContentLoaded', () => {
  // a file dropped anywhere else must not make the browser leave the page
  for (const t of ['dragover', 'drop']) document.addEventListener(t, (ev) => ev.preventDefault());
  $('tab-check').addEventListener('click', () => selectTab('check'));
  $('tab-batch').addEventListener('click', () => selectTab('batch'));
  dropZone($('drop'), onCheckFiles, $('file'));
  dropZone($('pane-check'), onCheckFiles);
  dropZone($('batch-drop'), review, $('batch-files'));
  $('file').addEventListener('change', (ev) => { onCheckFiles(ev.target.files); ev.target.value = ''; });
  $('units').addEventListener('change', (ev) => {
    const f = ev.target.files[0];
    $('units-name').textContent = f ? f.name : '未选择';
  });
  $('batch-files').addEventListener('change', (ev) => { review(ev.target.files); ev.target.value = ''; });
  $('check-paste').addEventListener('click', checkPasted);
  $('paste').addEventListener('keydown', (ev) => { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) checkPasted(); });
  $('fix-all').addEventListener('click', applyAllSafe);
  $('again').addEventListener('click', () => {
    $('result').hidden = true;
    $('input').hidden = false;
    status('');
  });
  $('dl-text').addEventListener('click', () => download(textBlob(),
    base() + (state.modified ? '（已修改）' : '') + (isTextName(state.name) ? (state.name.match(/\.[^.]*$/) || ['.txt'])[0] : '.txt')));
  $('dl-md').addEventListener('click', () => downloadVia('/api/format', { filename: state.textName, to: 'markdown' }, base() + '.md'));
  $('dl-csv').addEventListener('click', () => downloadVia('/api/export', { filename: state.textName, format: 'csv' }, base() + '.csv'));
  $('dl-json').addEventListener('click', () => downloadVia('/api/export', { filename: state.textName, format: 'json' }, base() + '.json'));
  $('batch-json').addEventListener('click', () => batchDownload('json', '审核结果.json'));
  $('batch-csv').addEventListener('click', () => batchDownload('csv', '审核结果.csv'));
  $('batch-html').addEventListener('click', () => batchDownload('html', '审核结果.html'));
});
