//! Command-line front end: raw flags (clap) → validated settings → library calls.

mod analyze;
mod args;
mod bench;
mod claims;
mod compare_lang;
mod dict;
mod discover;
mod embedded;
mod kwic;
mod report;
mod trend;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Exit code when every input was read.
pub const EXIT_OK: u8 = 0;
/// Exit code when some inputs failed (the batch still ran).
pub const EXIT_SOME_FAILED: u8 = 1;

pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze(a) => analyze::run(a),
        Command::Dict(d) => dict::run(d),
        Command::Claims(c) => claims::run(c),
        Command::Report(r) => report::run(r),
        Command::Trend(t) => trend::run(t),
        Command::ExportParquet(p) => report::export_parquet(p),
        Command::Bench(b) => bench::run(b),
        Command::Discover(d) => discover::run(d),
        Command::CompareLang(c) => compare_lang::run(c),
        Command::Kwic(k) => kwic::run(k),
    }
}

/// An error and its causes, each said once: `a: b: c`, leaving out a cause whose text the message already holds
/// (a library error that prints its source, wrapped by one that prints it: `input not found: X` once, not twice).
pub fn error_message(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if text.is_empty() || message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// Output cut short by a closed pipe (`gwr ... | head`) is not an error.
pub fn ignore_broken_pipe(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
