//! Command-line front end: clap definitions, dispatch, diagnostic printing and exit codes
//! (0 ok, 1 runtime or usage error, 2 syntax error).

mod api;
pub mod args;
mod check;
mod connector;
mod db;
mod extension;
mod key;
mod log;
mod record;
pub mod repl;
mod run;
mod serve;
mod util;
mod workflow;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use miette::Diagnostic;
use thiserror::Error;

use crate::source::SourceFile;

/// Stack for the thread that parses and runs scripts; deep but bounded recursion lives there.
const SCRIPT_STACK_BYTES: usize = 256 * 1024 * 1024;

#[derive(Parser, Debug)]
#[command(name = "dg", version, about = "Run Deluge scripts anywhere")]
pub struct Cli {
    /// The SQLite database of connectors, tokens and records (default: dg.db in the data directory)
    #[arg(long, global = true, env = "DG_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a .dg script (use - to read it from standard input)
    Run(run::RunArgs),
    /// Report every syntax error in the given scripts without running them
    Check(check::CheckArgs),
    /// Interactive Deluge session (also what `dg` alone starts on a terminal)
    Repl(repl::ReplArgs),
    /// Manage OAuth 2.0 connectors
    #[command(subcommand)]
    Connector(connector::ConnectorCommand),
    /// Manage a connector's APIs: add, edit, test (execute), publish
    #[command(subcommand)]
    Api(api::ApiCommand),
    /// Manage extensions: bundles of published connectors, each with its own credentials
    #[command(subcommand)]
    Extension(extension::ExtensionCommand),
    /// Show the local log of API calls (secrets redacted)
    Log(log::LogArgs),
    /// The local CRM's records (create, update and delete fire workflow rules)
    #[command(subcommand)]
    Record(record::RecordCommand),
    /// Workflow rules that call functions when records change, and their runs
    #[command(subcommand)]
    Workflow(workflow::WorkflowCommand),
    /// Messages `sendmail` kept instead of sending
    Outbox(record::OutboxArgs),
    /// Serve workflow hooks over HTTP: record changes fire rules, functions run on request
    Serve(serve::ServeArgs),
    /// Back up or check the database
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Manage the key that encrypts stored secrets
    #[command(subcommand)]
    Key(key::KeyCommand),
}

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    Failed,
    SyntaxError,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(match s {
            Status::Ok => 0,
            Status::Failed => 1,
            Status::SyntaxError => 2,
        })
    }
}

/// Errors of the command line itself (files, arguments), not of a script.
#[derive(Debug, Error, Diagnostic)]
pub enum CliError {
    #[error("cannot read {path}: {reason}")]
    #[diagnostic(code(dg::io), help("check that the file exists and is readable"))]
    Read { path: String, reason: String },
    #[error("bad --arg {arg:?}: {reason}")]
    #[diagnostic(
        code(dg::usage),
        help("use NAME=TEXT, NAME:=JSON, NAME=@FILE (text from a file) or NAME:=@FILE.json")
    )]
    BadArg { arg: String, reason: String },
    #[error("{reason}")]
    #[diagnostic(code(dg::usage))]
    BadSetting { reason: String },
    #[error("could not start the interpreter: {0}")]
    #[diagnostic(code(dg::internal))]
    Thread(String),
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(1),
            };
        }
    };
    let db = || cli.db.clone().unwrap_or_else(crate::store::default_path);
    let status = match cli.command {
        Some(Command::Run(args)) => run::run(args, cli.db.clone()),
        Some(Command::Check(args)) => check::check(args),
        Some(Command::Repl(args)) => repl::repl(args, cli.db.clone()),
        Some(Command::Connector(command)) => connector::connector(&db(), command),
        Some(Command::Api(command)) => api::api(&db(), command),
        Some(Command::Extension(command)) => extension::extension(&db(), command),
        Some(Command::Log(args)) => log::log(&db(), &args),
        Some(Command::Key(command)) => key::key(&db(), command),
        Some(Command::Db(command)) => db::db(&db(), command),
        Some(Command::Record(command)) => record::record(&db(), command),
        Some(Command::Workflow(command)) => workflow::workflow(&db(), command),
        Some(Command::Outbox(args)) => record::outbox(&db(), &args),
        Some(Command::Serve(args)) => serve::serve(&db(), args),
        None if std::io::stdin().is_terminal() => {
            repl::repl(repl::ReplArgs::default_limits(), cli.db.clone())
        }
        None => {
            let _ = <Cli as clap::CommandFactory>::command().print_help();
            eprintln!("\ndg: no command given (stdin is not a terminal, so no REPL either)");
            Status::Failed
        }
    };
    status.into()
}

/// Prints a diagnostic to stderr: coloured on a terminal, plain (and stable for tests) otherwise.
pub(crate) fn report(diagnostic: &dyn Diagnostic) {
    let stderr = std::io::stderr();
    let colour = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let text = crate::error::render(diagnostic, colour, 80);
    let mut lock = stderr.lock();
    let _ = lock.write_all(text.as_bytes());
}

/// Reads a script from a path, or from standard input for `-`.
pub(crate) fn read_source(path: &Path) -> Result<SourceFile, CliError> {
    let shown = path.display().to_string();
    let text = if shown == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map(|_| text)
    } else {
        std::fs::read_to_string(path)
    };
    text.map(|t| {
        SourceFile::new(
            if shown == "-" {
                "<stdin>".to_string()
            } else {
                shown.clone()
            },
            t,
        )
    })
    .map_err(|e| CliError::Read {
        path: shown,
        reason: e.to_string(),
    })
}

/// Runs `work` on a thread with a large stack, so deeply nested (but bounded) scripts are safe;
/// scripts there reach connectors in the database `db` (default: the embedded one).
pub(crate) fn on_script_thread<T: Send + 'static>(
    db: Option<PathBuf>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, CliError> {
    std::thread::Builder::new()
        .name("dg-script".into())
        .stack_size(SCRIPT_STACK_BYTES)
        .spawn(move || {
            if let Some(db) = db {
                crate::host::set_database(db);
            }
            work()
        })
        .map_err(|e| CliError::Thread(e.to_string()))?
        .join()
        .map_err(|_| CliError::Thread("the interpreter thread panicked".into()))
}

pub(crate) fn paths(files: &[PathBuf]) -> impl Iterator<Item = &Path> {
    files.iter().map(PathBuf::as_path)
}
