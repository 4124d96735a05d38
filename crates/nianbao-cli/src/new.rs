//! `nianbao new`: a blank report in the template of a year, every cell 0.
use nianbao_core::blank::blank_report;
use nianbao_core::format::Family;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct NewArgs {
    /// The report year (the year the statistics cover), e.g. 2025
    #[arg(long)]
    pub year: i32,
    /// The organ publishing the report, e.g. 某某县人民政府
    #[arg(long)]
    pub organ: String,
    /// Write Markdown (the default, unless `-o` names a `.txt` file)
    #[arg(long, conflicts_with = "text")]
    pub markdown: bool,
    /// Write plain text (tab-separated table rows)
    #[arg(long)]
    pub text: bool,
    /// Write to this file instead of stdout (refuses to overwrite an existing file without --force)
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: NewArgs) -> ExitCode {
    let by_extension = args.output.as_ref().and_then(|p| p.extension()).map(|e| {
        let e = e.to_string_lossy().to_ascii_lowercase();
        e == "txt"
    });
    let family = if args.text || (!args.markdown && by_extension == Some(true)) {
        Family::Text
    } else {
        Family::Markdown
    };
    let text = match blank_report(args.year, &args.organ, family) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("nianbao new: {e}");
            return ExitCode::from(2);
        }
    };
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                eprintln!("nianbao new: {e}");
                return ExitCode::from(2);
            }
        }
        Some(path) => {
            if path.exists() && !args.force {
                eprintln!(
                    "nianbao new: {} already exists (use --force to overwrite)",
                    path.display()
                );
                return ExitCode::from(2);
            }
            let result = if path.exists() {
                crate::fmt::write_atomic(path, text.as_bytes())
            } else {
                crate::fmt::write_new(path, text.as_bytes())
            };
            if let Err(e) = result {
                eprintln!("nianbao new: {}: {e}", path.display());
                return ExitCode::from(2);
            }
            eprintln!("wrote {}", path.display());
        }
    }
    ExitCode::SUCCESS
}
