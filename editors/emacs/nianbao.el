;;; nianbao.el --- eglot setup for 政府信息公开工作年度报告 (nianbao lsp)  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; Runs `nianbao lsp' through eglot on text and Markdown buffers that look like
;; a government information-disclosure annual report (a title naming 政府信息公开
;; … 年度报告, or two of the six standard section headings), and formats them on
;; save.  Other text and Markdown buffers are left alone.
;;
;;   (add-to-list 'load-path "/path/to/nianbao/editors/emacs")
;;   (require 'nianbao)
;;   (nianbao-setup)
;;
;; Customize `nianbao-server-command' if `nianbao' is not on `exec-path',
;; and `nianbao-format-on-save' to turn formatting on save off.

;;; Code:

(require 'eglot)
(require 'subr-x)

(defgroup nianbao nil
  "政府信息公开工作年度报告 checker (nianbao)."
  :group 'tools
  :prefix "nianbao-")

(defcustom nianbao-server-command '("nianbao" "lsp")
  "Command line of the nianbao language server."
  :type '(repeat string))

(defcustom nianbao-format-on-save t
  "When non-nil, report buffers are formatted by the server before saving."
  :type 'boolean)

(defcustom nianbao-modes '(text-mode markdown-mode gfm-mode)
  "Major modes whose buffers are checked for looking like a report."
  :type '(repeat symbol))

(defconst nianbao--heading-regexps
  '("^[#[:space:]]*一[、.．，,][[:space:]]*总体情"
    "^[#[:space:]]*二[、.．，,][[:space:]]*主动公开"
    "^[#[:space:]]*三[、.．，,][[:space:]]*收到和处理"
    "^[#[:space:]]*四[、.．，,].*行政法?复议"
    "^[#[:space:]]*五[、.．，,][[:space:]]*存在的主要问题"
    "^[#[:space:]]*六[、.．，,][[:space:]]*其他需要报告")
  "The six standard section headings, as found in the wild.")

(defun nianbao-report-p (&optional buffer)
  "Non-nil when BUFFER (default: current) looks like an annual report."
  (with-current-buffer (or buffer (current-buffer))
    (or (and buffer-file-name
             (string-match-p "\\.nianbao\\.\\(md\\|txt\\)\\'" buffer-file-name))
        (save-excursion
          (save-restriction
            (widen)
            (goto-char (point-min))
            (let* ((limit (save-excursion (forward-line 400) (point)))
                   (title-limit (save-excursion (forward-line 30) (point)))
                   (count 0))
              (or (save-excursion
                    (re-search-forward
                     "^.*政府信息公开.*\\(年度.*报告\\|报告.*年度\\)\\|^.*年度.*政府信息公开.*报告"
                     title-limit t))
                  (progn
                    (dolist (re nianbao--heading-regexps)
                      (when (save-excursion (re-search-forward re limit t))
                        (setq count (1+ count))))
                    (>= count 2)))))))))

(defun nianbao--format-before-save ()
  "Format the buffer with the server, if eglot manages it."
  (when (and nianbao-format-on-save (eglot-managed-p))
    (eglot-format-buffer)))

(defun nianbao-maybe-start ()
  "Start eglot with `nianbao lsp' when the current buffer looks like a report."
  (when (and buffer-file-name (nianbao-report-p))
    (setq-local nianbao-report t)
    (add-hook 'before-save-hook #'nianbao--format-before-save nil t)
    (eglot-ensure)))

(defvar-local nianbao-report nil
  "Non-nil in buffers that nianbao recognised as annual reports.")

;;;###autoload
(defun nianbao-setup ()
  "Register `nianbao lsp' with eglot and start it on report buffers."
  (interactive)
  (add-to-list 'eglot-server-programs
               `(,nianbao-modes . ,(lambda (&rest _) nianbao-server-command)))
  (dolist (mode nianbao-modes)
    (add-hook (intern (format "%s-hook" mode)) #'nianbao-maybe-start)))

(provide 'nianbao)
;;; nianbao.el ends here
