-- nianbao for Neovim: `nianbao lsp` on report buffers, format-on-save, commands.
--
-- Options (set before the plugin loads, or call require('nianbao').setup{...}):
--   vim.g.nianbao_server_path     path to the `nianbao` binary (default: `nianbao` on PATH, then ~/.cargo/bin)
--   vim.g.nianbao_format_on_save  false to disable format-on-save (default true)
--   vim.g.nianbao_autoenable      false: the plugin does not call vim.lsp.enable('nianbao') itself
--   vim.g.nianbao_use_lsp_start   true: start the client with vim.lsp.start from a FileType autocmd
--                                 (what 0.10 does) instead of vim.lsp.enable
--   vim.g.nianbao_settings        table sent as settings/initializationOptions, e.g. { template = '2021', rules = { NB206 = 'off' } }
local M = {}

M.detect = require('nianbao.detect')

M.filetypes = { 'markdown', 'text', 'nianbao' }
M.root_markers = { 'nianbao.toml', '.git' }

--- The `nianbao` executable to run.
--- @return string
function M.server_path()
  local p = vim.g.nianbao_server_path
  if type(p) == 'string' and p ~= '' then
    return vim.fn.expand(p)
  end
  if vim.fn.executable('nianbao') == 1 then
    return 'nianbao'
  end
  local cargo = vim.fs.joinpath(vim.env.CARGO_HOME or vim.fs.joinpath(vim.env.HOME or '~', '.cargo'), 'bin', 'nianbao')
  if vim.fn.executable(cargo) == 1 then
    return cargo
  end
  return 'nianbao'
end

--- @return table
function M.settings()
  local s = vim.g.nianbao_settings
  if type(s) ~= 'table' then
    s = {}
  end
  return s
end

--- Root directory of a report buffer: where nianbao.toml or .git is, else the file's directory.
--- @param bufnr integer
--- @return string|nil
function M.root(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root = vim.fs.root and vim.fs.root(bufnr, M.root_markers) or nil
  if root then
    return root
  end
  if name ~= '' then
    return vim.fs.dirname(name)
  end
  return vim.uv.cwd()
end

--- A config table for vim.lsp.config (0.11+) or vim.lsp.start (0.10).
--- @return table
function M.config()
  return {
    name = 'nianbao',
    cmd = { M.server_path(), 'lsp' },
    filetypes = M.filetypes,
    -- 0.11: root_dir as a function attaches only when on_dir is called, i.e.
    -- to buffers that look like reports; other Markdown/text gets nothing.
    root_dir = function(bufnr, on_dir)
      if M.detect.is_report(bufnr) then
        on_dir(M.root(bufnr))
      end
    end,
    settings = { nianbao = M.settings() },
    init_options = M.settings(),
  }
end

--- Is the nianbao client attached to this buffer?
function M.attached(bufnr)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return #get({ bufnr = bufnr, name = 'nianbao' }) > 0
end

local function format_on_save(args)
  if vim.g.nianbao_format_on_save == false or vim.b[args.buf].nianbao_format_on_save == false then
    return
  end
  if not M.attached(args.buf) then
    return
  end
  local buf = args.buf
  -- A file without a final newline is read with 'noeol'; the server then sees no
  -- final newline and formats one in, which Neovim applies as an extra empty last
  -- line, and 'fixeol' writes a second newline. Drop that line: the write adds the newline.
  local noeol = not vim.bo[buf].eol and vim.bo[buf].fixeol and not vim.bo[buf].binary
  vim.lsp.buf.format({ bufnr = buf, async = false, name = 'nianbao', timeout_ms = 5000 })
  if noeol then
    local n = vim.api.nvim_buf_line_count(buf)
    if n > 1 and vim.api.nvim_buf_get_lines(buf, n - 1, n, false)[1] == '' then
      vim.api.nvim_buf_set_lines(buf, n - 1, n, false, {})
    end
  end
end

--- Apply the server's `source.fixAll.nianbao` action to a buffer.
function M.fix_all(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  vim.lsp.buf.code_action({
    context = { only = { 'source.fixAll.nianbao' }, diagnostics = {} },
    apply = true,
    range = { start = { 1, 0 }, ['end'] = { vim.api.nvim_buf_line_count(bufnr), 0 } },
  })
end

--- Run `nianbao export --format FMT` on the buffer's text; open the result in a split.
function M.export(format)
  format = format ~= '' and format or 'json'
  local bufnr = vim.api.nvim_get_current_buf()
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
  local args = { M.server_path(), 'export', '--format', format }
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name ~= '' then
    vim.list_extend(args, { '--stdin-filename', name })
  end
  table.insert(args, '-')
  local res = vim.system(args, { stdin = text, text = true }):wait()
  if res.code ~= 0 and (res.stdout or '') == '' then
    vim.notify('nianbao export: ' .. (res.stderr or ('exit ' .. res.code)), vim.log.levels.ERROR)
    return
  end
  vim.cmd('new')
  vim.bo.buftype = 'nofile'
  vim.bo.filetype = format == 'csv' and 'csv' or 'json'
  vim.api.nvim_buf_set_lines(0, 0, -1, false, vim.split(res.stdout, '\n', { trimempty = true }))
end

local did_setup = false

--- Register the server and the autocommands. Idempotent.
--- @param opts table|nil { format_on_save = bool, server_path = string, settings = table, autoenable = bool }
function M.setup(opts)
  opts = opts or {}
  if opts.server_path ~= nil then
    vim.g.nianbao_server_path = opts.server_path
  end
  if opts.format_on_save ~= nil then
    vim.g.nianbao_format_on_save = opts.format_on_save
  end
  if opts.settings ~= nil then
    vim.g.nianbao_settings = opts.settings
  end
  if opts.autoenable ~= nil then
    vim.g.nianbao_autoenable = opts.autoenable
  end
  if did_setup then
    return
  end
  did_setup = true

  vim.filetype.add({
    pattern = {
      ['.*%.nianbao%.md'] = 'markdown',
      ['.*%.nianbao%.txt'] = 'text',
    },
  })

  local group = vim.api.nvim_create_augroup('nianbao', { clear = true })
  vim.api.nvim_create_autocmd('BufWritePre', { group = group, callback = format_on_save, desc = 'nianbao: format on save' })

  if vim.g.nianbao_autoenable ~= false then
    if vim.lsp.config ~= nil and vim.lsp.enable ~= nil and not vim.g.nianbao_use_lsp_start then
      -- 0.11+: lsp/nianbao.lua on the runtimepath provides the config.
      vim.lsp.enable('nianbao')
    else
      -- 0.10 (or vim.g.nianbao_use_lsp_start): start the client ourselves on report buffers.
      vim.api.nvim_create_autocmd('FileType', {
        group = group,
        pattern = M.filetypes,
        callback = function(args)
          if vim.bo[args.buf].buftype ~= '' or not M.detect.is_report(args.buf) then
            return
          end
          local cfg = M.config()
          cfg.root_dir = M.root(args.buf)
          cfg.filetypes = nil
          vim.lsp.start(cfg, { bufnr = args.buf })
        end,
      })
    end
  end

  vim.api.nvim_create_user_command('NianbaoFixAll', function()
    M.fix_all(0)
  end, { desc = 'nianbao: apply all safe fixes' })
  vim.api.nvim_create_user_command('NianbaoExport', function(a)
    M.export(a.args)
  end, { nargs = '?', complete = function() return { 'json', 'jsonl', 'csv' } end, desc = 'nianbao: export tables' })
  vim.api.nvim_create_user_command('NianbaoReport', function()
    vim.b.nianbao_report = true
    -- Re-run the FileType handlers: vim.lsp.enable (or our autocmd) now attaches.
    vim.api.nvim_exec_autocmds('FileType', { buffer = 0, modeline = false })
  end, { desc = 'nianbao: treat this buffer as an annual report' })
end

return M
