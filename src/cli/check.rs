//! `dg check FILE…`: parses and resolves each file and reports every syntax error, running nothing.

use std::path::PathBuf;

use super::{on_script_thread, paths, read_source, report, Status};
use crate::script;

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Scripts to check
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub fn check(args: CheckArgs) -> Status {
    let mut status = Status::Ok;
    for path in paths(&args.files) {
        let source = match read_source(path) {
            Ok(s) => s,
            Err(e) => {
                report(&e);
                if status == Status::Ok {
                    status = Status::Failed;
                }
                continue;
            }
        };
        let name = source.name.to_string();
        let outcome = on_script_thread(None, move || script::compile(&source, &["input"]).err());
        match outcome {
            Ok(None) => println!("{name}: ok"),
            Ok(Some(errors)) => {
                for e in &errors.errors {
                    report(e);
                }
                let n = errors.errors.len();
                eprintln!("{name}: {n} syntax error{}", if n == 1 { "" } else { "s" });
                status = Status::SyntaxError;
            }
            Err(e) => {
                report(&e);
                status = Status::Failed;
            }
        }
    }
    status
}
