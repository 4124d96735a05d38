;;; e2e.el --- batch test: eglot + nianbao lsp on seed 001  -*- lexical-binding: t; -*-
;; 1. editors/emacs/nianbao.el recognises the seed as a report and starts eglot
;; 2. flymake diagnostics arrive, among them NB304
;; 3. a non-report text buffer gets no server
(setq debug-on-error nil)
(prefer-coding-system 'utf-8)
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(add-to-list 'load-path (getenv "NIANBAO_EL_DIR"))
(require 'nianbao)

(defun e2e-log (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))
(defun e2e-fail (fmt &rest args)
  (princ (concat "FAIL: " (apply #'format fmt args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(condition-case err
    (progn
      (e2e-log "ok: emacs %s, eglot %s" emacs-version
               (or (ignore-errors (package-version-join (package-desc-version (cadr (assq 'eglot package-alist))))) "?"))
      (setq nianbao-server-command (list (getenv "NIANBAO_BIN") "lsp"))
      (setq eglot-sync-connect 10 eglot-connect-timeout 20)
      (nianbao-setup)
      ;; A text file that is not a report.
      (let ((other (expand-file-name "notes.txt" (file-name-directory (getenv "TEST_FILE")))))
        (with-temp-file other (insert "shopping list\nmilk\n"))
        (with-current-buffer (find-file-noselect other)
          (when (nianbao-report-p) (e2e-fail "notes.txt taken for a report"))
          (when (eglot-managed-p) (e2e-fail "eglot started on a non-report text file"))))
      (e2e-log "ok: non-report text buffer left alone")
      (find-file (getenv "TEST_FILE"))
      (unless (nianbao-report-p) (e2e-fail "seed 001 not recognised as a report"))
      ;; `eglot-ensure' connects from `post-command-hook', after the command that
      ;; visited the file; batch mode has no command loop, so run the hook once.
      (run-hooks 'post-command-hook)
      (let ((deadline (+ (float-time) 20)))
        (while (and (not (eglot-managed-p)) (< (float-time) deadline))
          (accept-process-output nil 0.1)))
      (unless (eglot-managed-p) (e2e-fail "eglot did not start nianbao lsp on the report"))
      (e2e-log "ok: eglot manages %s with %S" (buffer-name) nianbao-server-command)
      (let ((deadline (+ (float-time) 30)) found)
        (while (and (not found) (< (float-time) deadline))
          (accept-process-output nil 0.1)
          (setq found (seq-find (lambda (d) (string-match-p "NB304" (flymake-diagnostic-text d)))
                                (flymake-diagnostics))))
        (unless found
          (e2e-fail "no NB304 diagnostic; flymake has %d: %S" (length (flymake-diagnostics))
                    (mapcar #'flymake-diagnostic-text (seq-take (flymake-diagnostics) 5))))
        (e2e-log "ok: %d diagnostics; NB304 at line %d: %s" (length (flymake-diagnostics))
                 (line-number-at-pos (flymake-diagnostic-beg found))
                 (flymake-diagnostic-text found)))
      ;; Completion on a new line in table 三, after 「(三)不予公开」.
      (goto-char (point-min))
      (unless (re-search-forward "不予公开" nil t) (e2e-fail "「不予公开」 not found"))
      (end-of-line)
      (insert "\n")
      (let* ((capf (eglot-completion-at-point))
             (table (and capf (nth 2 capf)))
             (labels (and table (all-completions "" table))))
        (unless (seq-find (lambda (l) (string-match-p "属于国家秘密" l)) labels)
          (e2e-fail "completion in table 三 lacks 「属于国家秘密」: %S" (seq-take labels 8)))
        (e2e-log "ok: completion in table 三: %s …" (string-join (seq-take labels 4) " | ")))
      (delete-char -1)
      ;; Format on save: the saved file is what `nianbao fmt' makes of the buffer.
      (goto-char (point-max))
      (insert "\n")
      (let* ((text (buffer-substring-no-properties (point-min) (point-max)))
             (expected (with-temp-buffer
                         (insert text)
                         (let ((coding-system-for-read 'utf-8) (coding-system-for-write 'utf-8))
                           (unless (eq 0 (call-process-region (point-min) (point-max) (getenv "NIANBAO_BIN")
                                                              t t nil "fmt" "-"))
                             (e2e-fail "nianbao fmt - failed: %s" (buffer-string))))
                         (buffer-string))))
        (when (string= expected text)
          (e2e-fail "nianbao fmt leaves the seed unchanged: format-on-save not exercised"))
        (save-buffer)
        (let ((disk (with-temp-buffer
                      (let ((coding-system-for-read 'utf-8))
                        (insert-file-contents (getenv "TEST_FILE")))
                      (buffer-string))))
          (unless (string= disk expected)
            (e2e-fail "saved file differs from `nianbao fmt' (%d vs %d chars)" (length disk) (length expected))))
        (e2e-log "ok: format on save wrote what `nianbao fmt' makes of the buffer"))
      (e2e-log "ok: all emacs checks passed")
      (kill-emacs 0))
  (error (e2e-fail "%S" err)))
