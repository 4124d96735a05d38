-- nianbao: 政府信息公开工作年度报告 checker (language server `nianbao lsp`).
if vim.g.loaded_nianbao then
  return
end
vim.g.loaded_nianbao = true
if vim.fn.has('nvim-0.10') == 0 then
  vim.notify('nianbao.nvim needs Neovim 0.10 or later', vim.log.levels.WARN)
  return
end
require('nianbao').setup()
