//! `dg run FILE`: runs a script, printing `info` lines (or one JSON object with `--json`).

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::args::{parse_arg, RawArg};
use super::{on_script_thread, read_source, report, CliError, Status};
use crate::interp::{CapturedOutput, Limits, Output, StreamOutput, DEFAULT_MAX_STATEMENTS};
use crate::script::{self, Cleanup, Failure};
use crate::source::SourceFile;
use crate::value::{to_json, Value};

#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// The script to run, or - for standard input
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// A script input: NAME=TEXT, NAME:=JSON, NAME=@FILE or NAME:=@FILE.json (repeatable)
    #[arg(long = "arg", value_name = "NAME=VALUE")]
    args: Vec<String>,
    /// Print one JSON object {"info":[…],"return":…} instead of plain lines
    #[arg(long)]
    json: bool,
    /// Statements a run may execute before it is stopped (0 for no limit)
    #[arg(long, env = "DG_MAX_STATEMENTS", default_value_t = DEFAULT_MAX_STATEMENTS)]
    max_statements: u64,
}

/// What the script thread hands back: errors that are `Send`, ready to print.
enum Ended {
    Ok,
    Usage(CliError),
    Syntax(crate::parser::SyntaxErrors),
    Runtime(Box<crate::error::ScriptError>),
}

pub fn run(args: RunArgs) -> Status {
    let raw_args = match args
        .args
        .iter()
        .map(|a| parse_arg(a))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(a) => a,
        Err(e) => {
            report(&e);
            return Status::Failed;
        }
    };
    let source = match read_source(&args.file) {
        Ok(s) => s,
        Err(e) => {
            report(&e);
            return Status::Failed;
        }
    };
    let limits = Limits {
        max_statements: args.max_statements,
    };
    let json = args.json;
    match on_script_thread(move || execute(&source, &raw_args, limits, json)) {
        Ok(Ended::Ok) => Status::Ok,
        Ok(Ended::Usage(e)) | Err(e) => {
            report(&e);
            Status::Failed
        }
        Ok(Ended::Syntax(e)) => {
            for err in &e.errors {
                report(err);
            }
            Status::SyntaxError
        }
        Ok(Ended::Runtime(e)) => {
            report(e.as_ref());
            Status::Failed
        }
    }
}

fn execute(source: &SourceFile, raw_args: &[RawArg], limits: Limits, json: bool) -> Ended {
    let mut inputs = Vec::with_capacity(raw_args.len());
    for arg in raw_args {
        match arg.to_value() {
            Ok(v) => inputs.push((arg.name.clone(), v)),
            Err(e) => return Ended::Usage(e),
        }
    }
    if json {
        let mut captured = CapturedOutput::default();
        let result = script::run(source, &inputs, limits, &mut captured);
        print_json(&captured.lines, &result);
        return finish(result.map(|_| ()));
    }
    let stdout = std::io::stdout();
    let mut out = StreamOutput(BufWriter::new(stdout.lock()));
    let result = script::run_with(source, &inputs, limits, &mut out, Cleanup::LeaveToExit);
    if let Ok(v) = &result {
        if !v.is_null() {
            let _ = out.info(&v.to_display());
        }
    }
    let _ = out.0.flush();
    finish(result.map(|_| ()))
}

fn finish(result: Result<(), Failure>) -> Ended {
    match result {
        Ok(()) => Ended::Ok,
        Err(Failure::Syntax(e)) => Ended::Syntax(e),
        Err(Failure::Runtime(e)) => Ended::Runtime(e),
    }
}

/// `{"info":[…],"return":…}`, plus `"error"` when the run failed.
fn print_json(lines: &[String], result: &Result<Value, Failure>) {
    let info = Value::new_list(lines.iter().map(|l| Value::text(l)).collect());
    let mut doc = crate::value::DgMap::default();
    doc.insert("info".into(), info);
    let returned = match result {
        Ok(v) => v.clone(),
        Err(_) => Value::Null,
    };
    doc.insert("return".into(), returned);
    let error = match result {
        Ok(_) => None,
        Err(Failure::Syntax(e)) => Some(e.to_string()),
        Err(Failure::Runtime(e)) => Some(e.message.clone()),
    };
    if let Some(message) = error {
        doc.insert("error".into(), Value::text(&message));
    }
    println!("{}", to_json(&Value::new_map(doc)));
}
