//! `--help` and argument errors in the locale's words. The texts of the arguments are the Chinese doc
//! comments of the `clap` structs; English ones replace them when the locale asks for English
//! ([`ENGLISH`]). clap's own words (headings, `[OPTIONS]`, `--help`/`--version`, its error messages)
//! are replaced here too.

use crate::i18n::{english, t};
use crate::tr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// English texts: `(path, help, value name)`, the path `sub` for a subcommand's about text, `sub.arg`
/// for an argument (`.arg` for the top level).
const ENGLISH: &[(&str, &str, Option<&str>)] = &[
    (
        "",
        "政府信息公开工作年度报告 checker, formatter and language server",
        None,
    ),
    ("check", "Check reports (files, directories, `-` for stdin)", None),
    ("check.paths", "Files and directories (recursing into {kinds}); `-` reads standard input; default: the current directory", Some("PATHS")),
    ("check.config", "Use this configuration file instead of discovering `nianbao.toml` above each file", Some("PATH")),
    ("check.stdin_filename", "The name to report for standard input (also where configuration discovery starts)", Some("NAME")),
    ("check.format", "Output format: human (default), json, sarif, github", Some("FORMAT")),
    ("check.select", "Only these rules (codes, names or prefixes such as NB3; comma-separated or repeated)", Some("RULES")),
    ("check.ignore", "Never these rules", Some("RULES")),
    ("check.exit_zero", "Exit 0 even when errors are found", None),
    ("check.no_color", "No colours in human output", None),
    ("check.quiet", "Show errors only (no warnings, infos or progress bar)", None),
    ("check.statistics", "Print counts per rule and per file instead of each diagnostic", None),
    ("fmt", "Format reports in place (atomically), or check / diff", None),
    ("fmt.paths", "Files and directories to format (directories recurse into *.md *.markdown *.txt *.html *.htm); `-` formats stdin to stdout. Default: the current directory", Some("PATHS")),
    ("fmt.check", "Write nothing; exit 1 and list the files that would change", None),
    ("fmt.diff", "Write nothing; print a unified diff of the changes (exit 1 when there are some)", None),
    ("fmt.to", "Convert to Markdown (the recommended authoring format): Markdown files in place, text, HTML and Word (.docx) files into `<name>.md` beside them (never overwriting a different file)", Some("FORMAT")),
    ("fmt.template", "Force a template (`2019` or `2021`) instead of detecting it (default: the `template` of the configuration)", Some("TEMPLATE")),
    ("fmt.config", "Use this configuration file instead of discovering `nianbao.toml` above each file", Some("PATH")),
    ("fmt.stdin_filename", "The name of the file read from stdin (for messages and configuration discovery)", Some("PATH")),
    ("export", "Print the structured content of reports (json, jsonl, csv)", None),
    ("export.paths", "Files and directories (recursing into {kinds}); `-` reads standard input; default: the current directory", Some("PATHS")),
    ("export.config", "Use this configuration file instead of discovering `nianbao.toml` above each file", Some("PATH")),
    ("export.stdin_filename", "The name to report for standard input (also where configuration discovery starts)", Some("NAME")),
    ("export.format", "Output format: json (default; one object per report, in an array), jsonl, csv (one row per table cell)", Some("FORMAT")),
    ("lsp", "Run the language server on stdio", None),
    ("lsp.stdio", "Talk LSP over stdin/stdout (the default and only transport; accepted because clients add it)", None),
    ("rule", "Explain a rule, or list them all", None),
    ("rule.rule", "A rule code (NB301) or name (row-total); without it, all rules are listed", Some("RULE")),
    ("new", "Write a blank report in the template of a year", None),
    ("new.year", "The report year (the year the statistics cover), e.g. 2025", Some("YEAR")),
    ("new.organ", "The organ publishing the report, e.g. 某某县人民政府", Some("ORGAN")),
    ("new.markdown", "Write Markdown (the default, unless `-o` names a `.txt` or `.docx` file)", None),
    ("new.text", "Write plain text (tab-separated table rows)", None),
    ("new.output", "Write to this file instead of stdout: NAME.docx is a Word document, other names text (an existing file is kept unless --force)", Some("FILE")),
    ("new.force", "Overwrite the output file if it exists", None),
    ("review", "The reviewer's roll-up of a region's reports (html, json, csv)", None),
    ("review.paths", "Report files and directories (every kind of report file in a directory is read); default: the current directory", Some("PATHS")),
    ("review.units", "The units expected to report: CSV (header name,parent) or TOML ([[units]] name = …, parent = …)", Some("FILE")),
    ("review.format", "Output format", Some("FORMAT")),
    ("review.output", "Write to this file (default: standard output)", Some("FILE")),
    ("review.select", "Only these rules (codes, names or prefixes such as NB3; comma-separated or repeated)", Some("RULES")),
    ("review.ignore", "Never these rules", Some("RULES")),
    ("serve", "The checker as a local web page: check reports in a browser, review many at once", None),
    ("serve.addr", "The address to listen on (IP:PORT or localhost:PORT); by default only the loopback address, unreachable from other machines", Some("ADDR")),
    ("serve.open", "Open the page in a browser once started", None),
];

/// The subcommands, for the pointer to their `--help` after an error.
const SUBCOMMANDS: &[&str] = &[
    "check", "fmt", "export", "lsp", "rule", "new", "review", "serve",
];

/// The file kinds read from directories, for the help of `check` and `export`.
fn kinds() -> String {
    crate::files::EXTENSIONS
        .iter()
        .map(|e| format!("*.{e}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The command line with every word of its help in the locale's language.
pub fn localize(cmd: Command) -> Command {
    let en = english();
    let cmd = localize_one(cmd, "", en).version(env!("CARGO_PKG_VERSION"));
    let cmd = cmd
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help_heading(t("选项", "Options"))
                .help(t("显示版本号", "Print version")),
        )
        .disable_help_subcommand(true)
        .subcommand_help_heading(t("命令", "Commands"))
        .subcommand_value_name(t("命令", "COMMAND"));
    let mut cmd = cmd.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        localize_one(sub, &name, en)
    });
    // usage lines: clap's `[OPTIONS]` in words of the locale
    cmd.build();
    let usage = |c: &mut Command| {
        let u = c.render_usage().to_string();
        let u = u.strip_prefix("Usage: ").unwrap_or(&u).to_string();
        if en {
            u
        } else {
            u.replace("[OPTIONS]", "[选项]")
        }
    };
    let top = usage(&mut cmd);
    let mut subs: Vec<(String, String)> = Vec::new();
    for s in cmd.get_subcommands_mut() {
        subs.push((s.get_name().to_string(), usage(s)));
    }
    let mut cmd = cmd.override_usage(top);
    for (name, u) in subs {
        cmd = cmd.mut_subcommand(name, |s| s.override_usage(u));
    }
    cmd
}

/// One command: its template, headings, help flag, and (in English) its texts.
fn localize_one(cmd: Command, path: &str, en: bool) -> Command {
    let template = if en {
        "{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}"
    } else {
        "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}"
    };
    let (args, options) = (t("参数", "Arguments"), t("选项", "Options"));
    let mut cmd = cmd.help_template(template).disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help_heading(options)
            .help(t("显示帮助", "Print help")),
    );
    if en {
        if let Some((_, about, _)) = ENGLISH.iter().find(|(p, _, _)| *p == path) {
            cmd = cmd.about(*about);
        }
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let key = format!("{path}.{id}");
        let english_text = ENGLISH.iter().find(|(p, _, _)| *p == key);
        cmd = cmd.mut_arg(&id, |a| {
            let heading = if a.is_positional() { args } else { options };
            let mut a = a.help_heading(heading);
            if a.get_action().takes_values() {
                a = a.hide_possible_values(true).hide_default_value(true);
            }
            if let (true, Some((_, help, value))) = (en, english_text) {
                a = a.help(help.replace("{kinds}", &kinds()));
                if let Some(v) = value {
                    a = a.value_name(*v);
                }
            } else if let Some(h) = a.get_help().map(|h| h.to_string()) {
                if h.contains("{kinds}") {
                    a = a.help(h.replace("{kinds}", &kinds()));
                }
            }
            a
        });
    }
    cmd
}

/// The message of a command-line error (an unknown option, a missing or invalid value…) in the
/// locale's words, with the usage and a pointer to `--help`.
pub fn error_message(e: &clap::Error) -> String {
    let ctx = |k: ContextKind| -> Option<String> {
        e.get(k).map(|v| match v {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(v) => v.join(t("、", ", ")),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(v) => v
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(t("、", ", ")),
            ContextValue::Number(n) => n.to_string(),
            ContextValue::Bool(b) => b.to_string(),
            _ => String::new(),
        })
    };
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => tr!("不认识的参数 '{arg}'", "unexpected argument '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            let sub = ctx(ContextKind::InvalidSubcommand).unwrap_or_default();
            tr!("没有子命令 '{sub}'", "unrecognized subcommand '{sub}'")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => {
            tr!("参数 {arg} 需要一个值", "a value is required for '{arg}'")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            tr!(
                "参数 {arg} 的值 '{value}' 无效",
                "invalid value '{value}' for '{arg}'"
            )
        }
        ErrorKind::MissingRequiredArgument => tr!(
            "缺少必需的参数：{arg}",
            "the following required arguments were not provided: {arg}"
        ),
        ErrorKind::ArgumentConflict => {
            let other = ctx(ContextKind::PriorArg).unwrap_or_default();
            tr!(
                "参数 {arg} 不能与 {other} 同时使用",
                "the argument '{arg}' cannot be used with '{other}'"
            )
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            tr!(
                "参数 {arg} 的值个数不对",
                "wrong number of values for '{arg}'"
            )
        }
        ErrorKind::MissingSubcommand => tr!("缺少子命令", "a subcommand is required"),
        ErrorKind::NoEquals => tr!(
            "参数 {arg} 的值要用 = 连接",
            "equal sign is needed when assigning values to '{arg}'"
        ),
        ErrorKind::InvalidUtf8 => tr!(
            "命令行参数不是有效的 UTF-8",
            "invalid UTF-8 was detected in one or more arguments"
        ),
        _ => tr!("命令行参数有误", "invalid command line"),
    };
    if let Some(valid) = ctx(ContextKind::ValidValue) {
        msg.push_str(&tr!("（可选：{valid}）", " (possible values: {valid})"));
    }
    if let Some(s) =
        ctx(ContextKind::SuggestedArg).or_else(|| ctx(ContextKind::SuggestedSubcommand))
    {
        msg.push_str(&tr!("；是不是要用 '{s}'？", "; did you mean '{s}'?"));
    }
    let usage = ctx(ContextKind::Usage).unwrap_or_default();
    let usage = usage.trim();
    let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
    let help = if usage.is_empty() {
        // the subcommand named on the command line, if any
        let sub = std::env::args()
            .skip(1)
            .find(|a| SUBCOMMANDS.contains(&a.as_str()));
        match sub {
            Some(s) => format!("nianbao {s} --help"),
            None => "nianbao --help".to_string(),
        }
    } else {
        // `nianbao check [选项] …` → `nianbao check --help`
        let words: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect();
        format!("{} --help", words.join(" "))
    };
    if usage.is_empty() {
        return tr!(
            "错误：{msg}\n\n更多信息请运行 '{help}'。\n",
            "error: {msg}\n\nFor more information, try '{help}'.\n"
        );
    }
    tr!(
        "错误：{msg}\n\n用法：{usage}\n\n更多信息请运行 '{help}'。\n",
        "error: {msg}\n\nUsage: {usage}\n\nFor more information, try '{help}'.\n"
    )
}
