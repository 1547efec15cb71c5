//! `gwr`: text-mine Chinese government work reports.
//!
//! The binary is thin: flags are parsed into a raw form (`cli::args`), validated into the settings the library
//! runs with, and every error is mapped to an exit code: 0 all inputs ok, 1 some inputs failed, 2 usage,
//! dictionary or claims-file error.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("gwr: error: {}", cli::error_message(&err));
            ExitCode::from(2)
        }
    }
}
