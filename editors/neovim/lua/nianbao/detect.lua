-- Does a buffer look like a 政府信息公开工作年度报告?
-- Same heuristic as the VS Code extension (editors/vscode/src/detect.ts): a title
-- line naming 政府信息公开 and 年度 … 报告, or at least two of the six standard
-- section headings (Markdown `#`s allowed, damaged forms such as 「一、总体情」 too).
local M = {}

local MAX_LINES = 400

-- Lua patterns work on bytes: match the UTF-8 text literally.
local SEP = { '、', '.', '．', '，', ',' }
local HEADINGS = {
  { '一', '总体情' },
  { '二', '主动公开' },
  { '三', '收到和处理' },
  { '四', '行政复议', anywhere = true },
  { '四', '行政法复议', anywhere = true },
  { '五', '存在的主要问题' },
  { '六', '其他需要报告' },
}

local function strip(line)
  line = line:gsub('^\239\187\191', '') -- BOM
  line = line:gsub('^[#%s]+', '')
  return line
end

local function is_heading(line, h)
  for _, sep in ipairs(SEP) do
    local prefix = h[1] .. sep
    if line:sub(1, #prefix) == prefix then
      local rest = vim.trim(line:sub(#prefix + 1))
      if h.anywhere then
        if rest:find(h[2], 1, true) then
          return true
        end
      elseif rest:sub(1, #h[2]) == h[2] then
        return true
      end
    end
  end
  return false
end

local function is_title(line)
  if #line > 240 then
    return false
  end
  return line:find('政府信息公开', 1, true) ~= nil
    and line:find('年度', 1, true) ~= nil
    and line:find('报告', 1, true) ~= nil
end

--- @param lines string[]
--- @return boolean
function M.lines_look_like_report(lines)
  local seen, count = {}, 0
  for i, raw in ipairs(lines) do
    if i > MAX_LINES then
      break
    end
    local line = strip(raw)
    if line ~= '' then
      if i <= 30 and is_title(line) then
        return true
      end
      for _, h in ipairs(HEADINGS) do
        local key = h[1]
        if not seen[key] and is_heading(line, h) then
          seen[key] = true
          count = count + 1
          if count >= 2 then
            return true
          end
        end
      end
    end
  end
  return false
end

--- @param bufnr integer
--- @return boolean
function M.is_report(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not vim.api.nvim_buf_is_valid(bufnr) then
    return false
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name:match('%.nianbao%.md$') or name:match('%.nianbao%.txt$') or vim.b[bufnr].nianbao_report == true then
    return true
  end
  if vim.b[bufnr].nianbao_report == false then
    return false
  end
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, MAX_LINES, false)
  return M.lines_look_like_report(lines)
end

return M
