//! `dg run FILE`: runs a script (or one of its functions), printing `info` lines, or one JSON object
//! with `--json`.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::args::{parse_arg, RawArg};
use super::{on_script_stack, read_source, report, CliError, Status};
use crate::dates::{self, Clock};
use crate::interp::{
    CapturedOutput, Limits, Output, StreamOutput, DEFAULT_MAX_INFO_BYTES, DEFAULT_MAX_SECONDS,
    DEFAULT_MAX_STATEMENTS,
};
use crate::invoke::{self, Invocation};
use crate::script::{Cleanup, Failure};
use crate::source::SourceFile;
use crate::value::{to_json, Value};

#[derive(clap::Args, Debug, PartialEq)]
pub struct RunArgs {
    /// The script to run, or - for standard input
    #[arg(value_name = "FILE")]
    pub(super) file: PathBuf,
    /// A script input: NAME=TEXT, NAME:=JSON, NAME=@FILE or NAME:=@FILE.json (repeatable)
    #[arg(long = "arg", value_name = "NAME=VALUE")]
    pub(super) args: Vec<String>,
    /// The function to call (default: the top-level statements, or else the file's first function)
    #[arg(long, value_name = "NAME")]
    pub(super) function: Option<String>,
    /// A .dg file, or a folder of them, whose functions the script may call (repeatable)
    #[arg(long = "lib", value_name = "PATH")]
    pub(super) libs: Vec<PathBuf>,
    /// Print one JSON object {"info":[…],"return":…} instead of plain lines
    #[arg(long)]
    pub(super) json: bool,
    /// Statements a run may execute before it is stopped (0 for no limit)
    #[arg(long, env = "DG_MAX_STATEMENTS", default_value_t = DEFAULT_MAX_STATEMENTS)]
    pub(super) max_statements: u64,
    /// Seconds a run may take before it is stopped (0 for no limit; Zoho CRM allows 60)
    #[arg(long, env = "DG_TIMEOUT", value_name = "SECONDS", default_value_t = DEFAULT_MAX_SECONDS)]
    pub(super) timeout: u64,
    /// Bytes of `info` output a run may print before the rest is dropped (0 for no limit)
    #[arg(long, env = "DG_MAX_OUTPUT", value_name = "BYTES", default_value_t = DEFAULT_MAX_INFO_BYTES)]
    pub(super) max_output: usize,
    /// Pin the clock, e.g. 2024-03-15T10:00:00Z (zoho.currentdate and friends read it)
    #[arg(long, env = "DG_NOW", value_name = "TIME")]
    pub(super) now: Option<String>,
    /// Time zone of dates and times, an IANA name such as Europe/Dublin (default: the system's)
    #[arg(long, env = "DG_TZ", value_name = "ZONE")]
    pub(super) tz: Option<String>,
}

/// What the script thread hands back: errors that are `Send`, ready to print.
enum Ended {
    Ok,
    Usage(CliError),
    Syntax(crate::parser::SyntaxErrors),
    Runtime(Box<crate::error::ScriptError>),
}

/// Everything a run needs, read on the main thread.
struct Job {
    source: SourceFile,
    libraries: Vec<SourceFile>,
    function: Option<String>,
    raw_args: Vec<RawArg>,
    limits: Limits,
    clock: Clock,
    json: bool,
}

pub fn run(args: RunArgs, db: Option<PathBuf>) -> Status {
    match prepare(args) {
        Ok(job) => match on_script_stack(db, move || execute(&job)) {
            Ok(ended) => finish(ended),
            Err(e) => {
                report(&e);
                Status::Failed
            }
        },
        Err(e) => {
            report(&e);
            Status::Failed
        }
    }
}

fn prepare(args: RunArgs) -> Result<Job, CliError> {
    let raw_args = args
        .args
        .iter()
        .map(|a| parse_arg(a))
        .collect::<Result<Vec<_>, _>>()?;
    let source = read_source(&args.file)?;
    let mut libraries = Vec::new();
    for path in &args.libs {
        read_library(path, &mut libraries)?;
    }
    let clock = Clock::from_settings(args.now.as_deref(), args.tz.as_deref())
        .map_err(|reason| CliError::BadSetting { reason })?;
    Ok(Job {
        source,
        libraries,
        function: args.function,
        raw_args,
        limits: Limits {
            max_statements: args.max_statements,
            max_seconds: args.timeout,
            max_info_bytes: args.max_output,
        },
        clock,
        json: args.json,
    })
}

/// A library file, or every `.dg` file in a folder (in name order).
fn read_library(path: &Path, out: &mut Vec<SourceFile>) -> Result<(), CliError> {
    if !path.is_dir() {
        out.push(read_source(path)?);
        return Ok(());
    }
    let entries = std::fs::read_dir(path).map_err(|e| CliError::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "dg"))
        .collect();
    files.sort();
    for file in files {
        out.push(read_source(&file)?);
    }
    Ok(())
}

fn finish(ended: Ended) -> Status {
    match ended {
        Ended::Ok => Status::Ok,
        Ended::Usage(e) => {
            report(&e);
            Status::Failed
        }
        Ended::Syntax(e) => {
            for err in &e.errors {
                report(err);
            }
            Status::SyntaxError
        }
        Ended::Runtime(e) => {
            report(e.as_ref());
            Status::Failed
        }
    }
}

fn execute(job: &Job) -> Ended {
    dates::set_clock(job.clock);
    let mut inputs = Vec::with_capacity(job.raw_args.len());
    for arg in &job.raw_args {
        match arg.to_value() {
            Ok(v) => inputs.push((arg.name.clone(), v)),
            Err(e) => return Ended::Usage(e),
        }
    }
    let invocation = Invocation {
        source: &job.source,
        libraries: &job.libraries,
        function: job.function.as_deref(),
        inputs: &inputs,
    };
    if job.json {
        let mut captured = CapturedOutput::default();
        let result = invoke::run(&invocation, job.limits, &mut captured, Cleanup::Free);
        print_json(&captured, &result);
        return ended(result.map(|_| ()));
    }
    let stdout = std::io::stdout();
    let mut out = StreamOutput(BufWriter::new(stdout.lock()));
    let result = invoke::run(&invocation, job.limits, &mut out, Cleanup::LeaveToExit);
    if let Ok(v) = &result {
        if !v.is_null() {
            let _ = out.info(&v.to_display());
        }
    }
    let _ = out.0.flush();
    ended(result.map(|_| ()))
}

fn ended(result: Result<(), Failure>) -> Ended {
    match result {
        Ok(()) => Ended::Ok,
        Err(Failure::Syntax(e)) => Ended::Syntax(e),
        Err(Failure::Runtime(e)) => Ended::Runtime(e),
        Err(Failure::Usage(reason)) => Ended::Usage(CliError::BadSetting { reason }),
    }
}

/// `{"info":[…],"return":…}`, plus `"form_actions"` when Creator form actions ran and `"error"`
/// when the run failed.
fn print_json(captured: &CapturedOutput, result: &Result<Value, Failure>) {
    let lines = &captured.lines;
    let info = Value::new_list(lines.iter().map(|l| Value::text(l)).collect());
    let mut doc = crate::value::DgMap::default();
    doc.insert("info".into(), info);
    if !captured.form_actions.is_empty() {
        let actions = Value::new_list(captured.form_actions.clone());
        doc.insert("form_actions".into(), actions);
    }
    let returned = match result {
        Ok(v) => v.clone(),
        Err(_) => Value::Null,
    };
    doc.insert("return".into(), returned);
    let error = match result {
        Ok(_) => None,
        Err(Failure::Syntax(e)) => Some(e.to_string()),
        Err(Failure::Runtime(e)) => Some(e.message.clone()),
        Err(Failure::Usage(m)) => Some(m.clone()),
    };
    if let Some(message) = error {
        doc.insert("error".into(), Value::text(&message));
    }
    // A closed pipe (`dg run --json … | head`) is not an error of the run.
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", to_json(&Value::new_map(doc)));
}
