//! `gwr dict`.

use std::process::ExitCode;

use anyhow::Context;
use gwr_dict::{Dictionary, Severity};

use super::args::{DictCommand, YamlFlavour};

pub fn run(cmd: DictCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        DictCommand::Check { path } => {
            let path = path.unwrap_or_else(gwr_dict::default_dictionary_dir);
            let dict = Dictionary::load(&path)?;
            let problems = dict.check();
            let errors = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            for p in &problems {
                println!("{p}");
            }
            println!(
                "{}: {errors} errors, {} warnings; {}",
                path.display(),
                problems.len() - errors,
                dict.stats()
            );
            Ok(ExitCode::from(if errors > 0 { 2 } else { 0 }))
        }
        DictCommand::Stats { path } => {
            let path = path.unwrap_or_else(gwr_dict::default_dictionary_dir);
            let dict = Dictionary::load(&path)?;
            println!("{}", dict.stats());
            Ok(ExitCode::SUCCESS)
        }
        DictCommand::Export { to, path, output } => {
            let path = path.unwrap_or_else(gwr_dict::default_dictionary_dir);
            let dict = Dictionary::load(&path)?;
            let text = match to {
                YamlFlavour::Cntext => dict.to_cntext_yaml(),
                YamlFlavour::Quanteda => dict.to_quanteda_yaml(),
            };
            match output {
                Some(o) => std::fs::write(&o, text)
                    .with_context(|| format!("cannot write {}", o.display()))?,
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
