-- Neovim 0.11+: `vim.lsp.enable('nianbao')` reads this file from the runtimepath.
-- Attaches to Markdown/text buffers that look like annual reports (see
-- lua/nianbao/detect.lua); override anything with vim.lsp.config('nianbao', {...}).
return require('nianbao').config()
