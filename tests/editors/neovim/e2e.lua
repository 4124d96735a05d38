-- Headless Neovim e2e test of editors/neovim + `nianbao lsp` on seed 001.
-- Run by run.sh; exits 0 on success, non-zero on any failure.
--  1. the plugin attaches through lsp/nianbao.lua + vim.lsp.enable (0.11)
--  2. the NB304 diagnostic (table 四 total) arrives
--  3. NB304 offers its unsafe choices (none preferred); the first applies and that diagnostic goes away
--  4. completion on a new line inside table 三 offers standard row labels
--  5. `silent write` formats on save: the file equals `nianbao fmt` of the text
--  6. :NianbaoFixAll applies the server's source.fixAll.nianbao action: every safe fix, no unsafe one
--  7. :NianbaoExport json, 8. :NianbaoReport
local BIN = assert(os.getenv('NIANBAO_BIN'))
local PLUGIN = assert(os.getenv('NIANBAO_PLUGIN'))
local FILE = assert(os.getenv('TEST_FILE'))
local WORK = assert(os.getenv('TEST_WORK'))

local function log(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end
local function fail(msg)
  error('FAIL: ' .. msg, 0)
end
local function check(cond, msg)
  if not cond then
    fail(msg)
  end
end
local function read_file(p)
  local f = assert(io.open(p, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end
local function buf_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

local function nb304(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'NB304' then
      table.insert(out, d)
    end
  end
  return out
end

local function main()
  check(vim.fn.has('nvim-0.11') == 1, 'Neovim 0.11+ expected, got ' .. tostring(vim.version()))
  log('ok: nvim ' .. tostring(vim.version()))

  vim.g.nianbao_server_path = BIN
  local mode = os.getenv('NIANBAO_LSP_MODE') or 'enable'
  vim.g.nianbao_use_lsp_start = mode == 'start'
  log('ok: client started through ' .. (mode == 'start' and 'vim.lsp.start (the 0.10 path)' or 'lsp/nianbao.lua + vim.lsp.enable'))
  vim.opt.rtp:prepend(PLUGIN)
  vim.cmd('runtime! plugin/nianbao.lua')
  check(vim.g.loaded_nianbao == true, 'plugin/nianbao.lua did not load from ' .. PLUGIN)

  -- Report detection (lua/nianbao/detect.lua) on every seed and on non-reports.
  local detect = require('nianbao.detect')
  local corpus = os.getenv('NIANBAO_CORPUS')
  local nseeds = 0
  for name, kind in vim.fs.dir(corpus) do
    if kind == 'file' and name:match('%.txt$') then
      nseeds = nseeds + 1
      check(detect.lines_look_like_report(vim.fn.readfile(corpus .. '/' .. name)), 'seed not detected as a report: ' .. name)
    end
  end
  check(nseeds >= 5, 'corpus has ' .. nseeds .. ' seeds')
  check(detect.lines_look_like_report({ '## 一、总体情况', 'x', '## 二、主动公开政府信息情况' }), 'two Markdown headings not detected')
  check(detect.lines_look_like_report({ '某县2022年政府信息公开工作年度报告' }), 'title not detected')
  check(not detect.lines_look_like_report({ '# Notes', '一、总体情况', '只有一个标题。' }), 'one heading taken for a report')
  check(not detect.lines_look_like_report({ '关于政府信息公开的通知' }), 'a notice taken for a report')
  log('ok: detection: ' .. nseeds .. ' seeds are reports, non-reports are not')

  -- A Markdown file that is not a report must get no client.
  local other = WORK .. '/notes.md'
  vim.fn.writefile({ '# Notes', '', 'Nothing to see here.' }, other)
  vim.cmd('edit ' .. vim.fn.fnameescape(other))
  local other_buf = vim.api.nvim_get_current_buf()

  vim.cmd('edit ' .. vim.fn.fnameescape(FILE))
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == 'text', 'filetype text expected, got ' .. vim.bo[buf].filetype)

  local client
  vim.wait(10000, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'nianbao' })[1]
    return client ~= nil and client.initialized
  end, 50)
  check(client ~= nil, 'no nianbao client attached to the report buffer')
  log('ok: client attached: ' .. table.concat(client.config.cmd, ' '))
  check(#vim.lsp.get_clients({ bufnr = other_buf, name = 'nianbao' }) == 0, 'nianbao attached to a non-report Markdown file')
  log('ok: non-report Markdown buffer left alone')

  -- 2. NB304
  local got = vim.wait(20000, function()
    return #nb304(buf) > 0
  end, 50)
  if not got then
    local all = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(all, tostring(d.code) .. '@' .. d.lnum)
    end
    fail('no NB304 diagnostic; got: [' .. table.concat(all, ', ') .. ']')
  end
  local d = nb304(buf)[1]
  log(string.format('ok: diagnostic NB304 at line %d: %s', d.lnum + 1, d.message))
  log('    all diagnostics: ' .. #vim.diagnostic.get(buf))

  -- 3. quick fix for NB304
  local lsp_diag = d.user_data and d.user_data.lsp or {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    message = d.message, code = d.code, severity = d.severity, source = d.source,
  }
  local ca = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag }, only = { 'quickfix' }, triggerKind = 1 },
  }, 10000)
  check(ca ~= nil, 'codeAction request timed out')
  local action
  local choices = {}
  for _, r in pairs(ca) do
    check(r.err == nil, 'codeAction error: ' .. vim.inspect(r.err))
    for _, a in ipairs(r.result or {}) do
      if a.kind and a.kind:find('^quickfix') and (a.edit or a.command) and not a.title:find('停用', 1, true) then
        action = action or a
        table.insert(choices, a.title)
        -- an unsafe fix is never preferred: an editor may apply a preferred fix without asking
        check(a.isPreferred ~= true, 'the unsafe NB304 fix "' .. a.title .. '" is marked preferred')
      end
    end
  end
  check(action ~= nil, 'no quick fix offered for NB304: ' .. vim.inspect(ca):sub(1, 400))
  check(#choices == 5, 'NB304 offers the sum and each of its 4 parts as choices, got: ' .. table.concat(choices, ' | '))
  local before = buf_text(buf)
  if not action.edit and action.data then
    local res = client:request_sync('codeAction/resolve', action, 5000, buf)
    action = res and res.result or action
  end
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  end
  if action.command then
    local cmd = type(action.command) == 'table' and action.command or action
    client:request_sync('workspace/executeCommand', { command = cmd.command, arguments = cmd.arguments }, 5000, buf)
  end
  check(buf_text(buf) ~= before, 'the quick fix "' .. action.title .. '" changed nothing: ' .. vim.inspect(action):sub(1, 600))
  local gone = vim.wait(10000, function()
    local n = nb304(buf)
    for _, x in ipairs(n) do
      if x.lnum == d.lnum and x.col == d.col then
        return false
      end
    end
    return true
  end, 50)
  check(gone, 'NB304 still reported after applying "' .. action.title .. '"')
  log('ok: quick fix applied: ' .. action.title .. ' (one of ' .. #choices .. ': ' .. table.concat(choices, ' | ') .. ')')
  -- the author chose it; put the seed back, so that step 6 meets this unsafe fix again
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(before:sub(1, -2), '\n', { plain = true }))
  check(vim.wait(10000, function() return #nb304(buf) > 0 end, 50), 'NB304 not reported again after restoring the seed')

  -- 4. completion on a new line inside table 三, after 「(三)不予公开」
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local t3, anchor
  for i, l in ipairs(lines) do
    if not t3 and l:find('三、收到和处理', 1, true) then
      t3 = i
    end
    if t3 and not anchor and l:find('不予公开', 1, true) then
      anchor = i
    end
  end
  check(anchor ~= nil, 'table 三 / 「不予公开」 row not found in the seed')
  vim.api.nvim_buf_set_lines(buf, anchor, anchor, false, { '' })
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = anchor, character = 0 },
    context = { triggerKind = 1 },
  }
  local resp = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 10000)
  vim.api.nvim_buf_set_lines(buf, anchor, anchor + 1, false, {})
  check(resp ~= nil, 'completion request timed out')
  local labels = {}
  for _, r in pairs(resp) do
    check(r.err == nil, 'completion error: ' .. vim.inspect(r.err))
    local items = r.result and (r.result.items or r.result) or {}
    for _, it in ipairs(items) do
      table.insert(labels, it.label)
    end
  end
  local standard = {
    '属于国家秘密', '其他法律行政法规禁止公开', '危及“三安全一稳定”', '保护第三方合法权益',
    '属于三类内部事务信息', '属于四类过程性信息', '属于行政执法案卷', '属于行政查询事项',
  }
  local found = {}
  for _, want in ipairs(standard) do
    for _, l in ipairs(labels) do
      if l:find(want, 1, true) then
        table.insert(found, l)
        break
      end
    end
  end
  check(#found >= 3, 'completion inside table 三 lacks the standard labels; got ' .. #labels .. ' items: '
    .. table.concat(vim.list_slice(labels, 1, 12), ' | '))
  log('ok: completion in table 三: ' .. table.concat(vim.list_slice(labels, 1, 6), ' | ') .. (#labels > 6 and ' …' or ''))

  -- 5. format on save == nianbao fmt
  local pre = buf_text(buf)
  local res = vim.system({ BIN, 'fmt', '-' }, { stdin = pre, text = true }):wait()
  check(res.code == 0, 'nianbao fmt - failed: ' .. (res.stderr or ''))
  local expected = res.stdout
  vim.cmd('silent write')
  local disk = read_file(FILE)
  if disk ~= expected then
    local e = vim.split(expected, '\n')
    local g = vim.split(disk, '\n')
    for i = 1, math.max(#e, #g) do
      if e[i] ~= g[i] then
        fail(string.format('file after save differs from `nianbao fmt` at line %d:\n  want: %s\n  got:  %s', i, tostring(e[i]), tostring(g[i])))
      end
    end
    fail('file after save differs from `nianbao fmt`')
  end
  check(buf_text(buf) == disk, 'buffer and file differ after save')
  if expected == pre then
    log('note: the text was already formatted; format-on-save left it unchanged')
  else
    log('ok: format-on-save rewrote the file exactly as `nianbao fmt` does')
  end
  check(expected ~= pre, 'format-on-save was not exercised: `nianbao fmt` leaves the fixed seed unchanged')

  -- 6. :NianbaoFixAll applies source.fixAll.nianbao: every safe fix, never an unsafe one (RULES.md
  -- "Fix safety": an arithmetic fix such as NB304's 「将「总计」改为 0」 may turn 5 lawsuits into 0)
  local function fixable(text)
    local r = vim.system({ BIN, 'check', '--format', 'json', '--exit-zero', '--stdin-filename', FILE, '-' },
      { stdin = text, text = true }):wait()
    check(r.code == 0, 'nianbao check - failed: ' .. (r.stderr or ''))
    local safe, unsafe = 0, {}
    for _, x in ipairs(vim.json.decode(r.stdout).files[1].diagnostics) do
      if x.fix ~= nil and x.fix ~= vim.NIL then
        if x.fix.safety == 'unsafe' then
          table.insert(unsafe, x.code .. ' ' .. x.message)
        else
          check(x.fix.safety == 'safe', 'fix without a safety: ' .. vim.inspect(x.fix))
          safe = safe + 1
        end
      end
    end
    table.sort(unsafe)
    return safe, unsafe
  end
  local text0 = buf_text(buf)
  local n0, unsafe0 = fixable(text0)
  check(n0 > 0, 'nothing safely fixable left in the formatted seed: :NianbaoFixAll not exercised')
  check(#unsafe0 > 0, 'no unsafe fix in the formatted seed: the seed has the NB304 of 001, fix-all safety not exercised')
  vim.cmd('NianbaoFixAll')
  check(vim.wait(10000, function() return buf_text(buf) ~= text0 end, 50), ':NianbaoFixAll changed nothing')
  local n1, unsafe1 = fixable(buf_text(buf))
  check(n1 == 0, string.format(':NianbaoFixAll left %d of %d safely fixable problems', n1, n0))
  check(vim.deep_equal(unsafe0, unsafe1), ':NianbaoFixAll applied an unsafe fix:\n  before: '
    .. table.concat(unsafe0, '\n          ') .. '\n  after:  ' .. table.concat(unsafe1, '\n          '))
  log(string.format('ok: :NianbaoFixAll: safely fixable problems %d -> %d; unsafe fixes left to the author: %d -> %d (%s)',
    n0, n1, #unsafe0, #unsafe1, table.concat(unsafe1, '; ')))

  -- 7. :NianbaoExport json opens the export of the buffer
  vim.cmd('NianbaoExport json')
  local ebuf = vim.api.nvim_get_current_buf()
  check(ebuf ~= buf and vim.bo[ebuf].filetype == 'json', ':NianbaoExport did not open a JSON buffer')
  local exported = vim.json.decode(table.concat(vim.api.nvim_buf_get_lines(ebuf, 0, -1, false), '\n'))
  check(exported[1] and exported[1].year == 2020, ':NianbaoExport: year 2020 expected, got ' .. vim.inspect(exported[1] and exported[1].year))
  log('ok: :NianbaoExport json: year ' .. exported[1].year .. ', template ' .. tostring(exported[1].template))
  vim.cmd('close')

  -- 8. :NianbaoReport attaches the server to a buffer the heuristic did not pick
  vim.cmd('buffer ' .. other_buf)
  vim.cmd('NianbaoReport')
  check(vim.wait(10000, function()
    return #vim.lsp.get_clients({ bufnr = other_buf, name = 'nianbao' }) > 0
  end, 50), ':NianbaoReport did not attach nianbao to notes.md')
  log('ok: :NianbaoReport attached the server to notes.md')
  log('ok: all neovim checks passed')
end

local ok, err = pcall(main)
if ok then
  vim.cmd('qall!')
else
  io.stderr:write(tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
