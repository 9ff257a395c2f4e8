//! Command-line front end: clap definitions, dispatch, diagnostic printing and exit codes
//! (0 ok, 1 runtime or usage error, 2 syntax error).

mod api;
pub mod args;
mod check;
mod connector;
mod db;
mod doc;
mod extension;
mod key;
mod log;
mod plain;
mod record;
pub mod repl;
mod run;
mod script_stack;
mod serve;
mod util;
mod workflow;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use miette::Diagnostic;
use thiserror::Error;

use crate::source::SourceFile;

/// Stack for the thread that parses and runs scripts; deep but bounded recursion lives there.
const SCRIPT_STACK_BYTES: usize = 256 * 1024 * 1024;

/// The whole command line.
type Cli = CommandLine<Command>;

/// The command line with the subcommands `C`: all of them (`Cli`), or only `run` (`RunOnly`).
#[derive(Parser, Debug)]
#[command(name = "dg", version, about = "Run Deluge scripts anywhere")]
struct CommandLine<C: Subcommand> {
    /// The SQLite database of connectors, tokens and records (default: dg.db in the data directory)
    #[arg(long, global = true, env = "DG_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<C>,
}

/// `dg run` alone. Building clap's description of every subcommand is most of an empty script's
/// start-up (hundreds of arguments, each allocated), so `dg run …` parses with this one; its help,
/// usage and errors are those of the full command line.
#[derive(Subcommand, Debug)]
enum RunOnly {
    /// Run a .dg script (use - to read it from standard input)
    Run(run::RunArgs),
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a .dg script (use - to read it from standard input)
    Run(run::RunArgs),
    /// Report every syntax error in the given scripts without running them
    Check(check::CheckArgs),
    /// Interactive Deluge session (also what `dg` alone starts on a terminal)
    Repl(repl::ReplArgs),
    /// Show a function's call forms, what it does and an example (e.g. `dg doc addBusinessDay`)
    Doc(doc::DocArgs),
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

impl Status {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Failed => 1,
            Status::SyntaxError => 2,
        }
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

/// Whether the command line's subcommand is `run` (after any global `--db PATH`).
fn runs_a_script(mut args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    args.next();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            args.next();
        } else if !arg.as_encoded_bytes().starts_with(b"--db=") {
            return arg == "run";
        }
    }
    false
}

fn parse_command_line() -> Result<Cli, clap::Error> {
    let line: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some((db, args)) = plain::plain_run(&line, |name| std::env::var_os(name)) {
        return Ok(Cli {
            db,
            command: Some(Command::Run(args)),
        });
    }
    if !runs_a_script(line.into_iter()) {
        return Cli::try_parse();
    }
    let only = CommandLine::<RunOnly>::try_parse()?;
    Ok(Cli {
        db: only.db,
        command: only.command.map(|RunOnly::Run(args)| Command::Run(args)),
    })
}

/// Runs the command line; returns the process exit code.
pub fn main() -> u8 {
    let cli = match parse_command_line() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 1,
            };
        }
    };
    let db = || cli.db.clone().unwrap_or_else(crate::store::default_path);
    let status = match cli.command {
        Some(Command::Run(args)) => exit_now(run::run(args, cli.db.clone())),
        Some(Command::Check(args)) => check::check(args),
        Some(Command::Repl(args)) => repl::repl(args, cli.db.clone()),
        Some(Command::Doc(args)) => doc::doc(args),
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
    status.code()
}

/// Ends the process as soon as `dg run` is done. The script has finished and left its values to
/// the operating system, and its database is closed: all that is left is the allocator's and the C
/// library's teardown, which returns memory page by page to a process that is about to vanish.
fn exit_now(status: Status) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: `_exit` takes any status and does not return; no destructor is needed past this point.
    unsafe { libc::_exit(i32::from(status.code())) }
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

/// Runs a one-shot command's script work on this thread, switched to a stack of its own as large as
/// a script thread's (`SCRIPT_STACK_BYTES`, whatever `ulimit -s` says): deeply nested but bounded
/// scripts, and the deeply nested values they drop, are as safe as on a script thread, without a
/// thread's start, its wake-up and a second allocator heap (a fifth of an empty script's run).
/// Scripts reach connectors in the database `db` (default: the embedded one), which is closed
/// again before this returns.
pub(crate) fn on_script_stack<T>(
    db: Option<PathBuf>,
    work: impl FnOnce() -> T,
) -> Result<T, CliError> {
    if let Some(db) = db {
        crate::host::set_database(db);
    }
    let outcome = script_stack::run_on_new_stack(SCRIPT_STACK_BYTES, work);
    crate::host::close();
    outcome
        .map_err(|e| CliError::Thread(format!("could not map the script's stack: {e}")))?
        .map_err(|_| CliError::Thread("the interpreter panicked".into()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn args(line: &[&str]) -> impl Iterator<Item = std::ffi::OsString> {
        let mut all = vec!["dg".to_string()];
        all.extend(line.iter().map(|s| s.to_string()));
        all.into_iter().map(Into::into)
    }

    /// The unwinder is GCC's static one (see `build.rs`): a panic in a script's work still unwinds
    /// to the command line, which reports it instead of aborting.
    #[test]
    fn a_panic_in_the_script_work_is_caught() {
        let outcome = on_script_stack(None, || -> u8 { panic!("a deliberate test panic") });
        assert!(matches!(outcome, Err(CliError::Thread(_))));
    }

    #[test]
    fn run_is_found_after_the_global_database_option() {
        assert!(runs_a_script(args(&["run", "x.dg"])));
        assert!(runs_a_script(args(&["--db", "run", "run", "x.dg"])));
        assert!(runs_a_script(args(&["--db=a.db", "run", "-"])));
        assert!(!runs_a_script(args(&["--db", "run"])));
        assert!(!runs_a_script(args(&["connector", "run"])));
        assert!(!runs_a_script(args(&["--help"])));
        assert!(!runs_a_script(args(&[])));
    }

    #[test]
    fn run_alone_has_the_help_and_arguments_of_the_full_command_line() {
        let mut full = Cli::command();
        let mut only = CommandLine::<RunOnly>::command();
        full.build();
        only.build();
        let help = |c: &mut clap::Command| {
            let run = c.find_subcommand_mut("run").expect("run is a subcommand");
            run.render_long_help().to_string()
        };
        assert_eq!(help(&mut full), help(&mut only));
        let parsed = |c: clap::Command| {
            let m = c
                .try_get_matches_from([
                    "dg", "--db", "x.db", "run", "f.dg", "--arg", "a=1", "--json",
                ])
                .expect("parses");
            let (name, sub) = m.subcommand().expect("a subcommand");
            (
                name.to_string(),
                m.get_one::<PathBuf>("db").cloned(),
                sub.get_many::<String>("args")
                    .map(|v| v.cloned().collect::<Vec<_>>()),
                sub.get_flag("json"),
            )
        };
        assert_eq!(
            parsed(Cli::command()),
            parsed(CommandLine::<RunOnly>::command())
        );
    }
}
