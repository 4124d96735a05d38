//! `nianbao new`: a blank report in the template of a year, every cell 0: Markdown or text, or a Word
//! document when `-o` names a `.docx` file.
use nianbao_core::blank::blank_report;
use nianbao_core::format::Family;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::tr;

#[derive(clap::Args)]
pub struct NewArgs {
    /// 报告年度（统计数据所属的年份），如 2025
    #[arg(long, value_name = "年份")]
    pub year: i32,
    /// 发布报告的机关，如 某某县人民政府
    #[arg(long, value_name = "机关")]
    pub organ: String,
    /// 写 Markdown（默认；`-o` 的文件名以 .txt 或 .docx 结尾时除外）
    #[arg(long, conflicts_with = "text")]
    pub markdown: bool,
    /// 写纯文本（表格每行的单元格以制表符分隔）
    #[arg(long)]
    pub text: bool,
    /// 写到这个文件而不是标准输出：名为 *.docx 时写 Word 文档，否则写文本（文件已存在时不覆盖，除非给出 --force）
    #[arg(short = 'o', long = "output", value_name = "文件")]
    pub output: Option<PathBuf>,
    /// 输出文件已存在时覆盖它
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: NewArgs) -> ExitCode {
    let extension = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let docx = extension.as_deref() == Some("docx");
    if docx && (args.text || args.markdown) {
        eprintln!(
            "{}",
            tr!(
                "错误：.docx 文件是 Word 文档，不能与 --text 或 --markdown 一起用；要写文本，请换一个文件名（如 report.md）",
                "nianbao new: a .docx file is a Word document: --text and --markdown do not apply (name a .md or .txt file for text)"
            )
        );
        return ExitCode::from(2);
    }
    let family = if args.text || (!args.markdown && extension.as_deref() == Some("txt")) {
        Family::Text
    } else {
        Family::Markdown
    };
    // a Word document (tables as Word tables, placeholders highlighted), or the text
    let made = if docx {
        nianbao_core::word::blank_docx(args.year, &args.organ)
    } else {
        blank_report(args.year, &args.organ, family).map(String::into_bytes)
    };
    let text = match made {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}", tr!("错误：{e}", "nianbao new: {e}"));
            return ExitCode::from(2);
        }
    };
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(&text).and_then(|_| out.flush()) {
                eprintln!(
                    "{}",
                    tr!(
                        "错误：写输出失败：{}",
                        "nianbao new: {}",
                        crate::i18n::io_error(&e)
                    )
                );
                return ExitCode::from(2);
            }
        }
        Some(path) => {
            if path.exists() && !args.force {
                eprintln!(
                    "{}",
                    tr!(
                        "错误：{} 已存在（要覆盖它，请加 --force）",
                        "nianbao new: {} already exists (use --force to overwrite)",
                        path.display()
                    )
                );
                return ExitCode::from(2);
            }
            let result = if path.exists() {
                crate::fmt::write_atomic(path, &text)
            } else {
                crate::fmt::write_new(path, &text)
            };
            if let Err(e) = result {
                eprintln!(
                    "{}",
                    tr!(
                        "错误：{}",
                        "nianbao new: {}",
                        crate::i18n::io_error_at(path, &e)
                    )
                );
                return ExitCode::from(2);
            }
            eprintln!("{}", tr!("已写入 {}", "wrote {}", path.display()));
        }
    }
    ExitCode::SUCCESS
}
