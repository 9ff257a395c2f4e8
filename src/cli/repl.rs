//! `dg repl`: the interactive loop (rustyline: history, completion, continuation lines, Ctrl-C and
//! Ctrl-D) and the same loop over piped input, plus the colon commands.

use std::cell::RefCell;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::rc::Rc;

use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Context, Editor, Helper, Highlighter, Hinter, Validator};

use super::{report, Status};
use crate::interp::{Limits, Output, StreamOutput, DEFAULT_MAX_STATEMENTS};
use crate::repl::complete::{self, Scope};
use crate::repl::input::LineReader;
use crate::repl::Session;
use crate::script::Failure;
use crate::source::SourceFile;
use crate::value::TypeTag;

const PROMPT: &str = "dg> ";
const CONTINUATION: &str = "..> ";

#[derive(clap::Args, Debug)]
pub struct ReplArgs {
    /// Statements one entry may execute before it is stopped (0 for no limit)
    #[arg(long, env = "DG_MAX_STATEMENTS", default_value_t = DEFAULT_MAX_STATEMENTS)]
    max_statements: u64,
}

impl ReplArgs {
    /// The settings of `dg` started with no command (honouring `DG_MAX_STATEMENTS`).
    pub fn default_limits() -> ReplArgs {
        let max_statements = std::env::var("DG_MAX_STATEMENTS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_MAX_STATEMENTS);
        ReplArgs { max_statements }
    }
}

/// Starts the REPL: interactive on a terminal, line by line over piped input otherwise.
pub fn repl(args: ReplArgs, db: Option<PathBuf>) -> Status {
    let limits = Limits {
        max_statements: args.max_statements,
        ..Limits::default()
    };
    let interactive = std::io::stdin().is_terminal();
    let outcome = super::on_script_thread(db, move || {
        let mut repl = Repl {
            session: Session::new(limits),
            status: Status::Ok,
        };
        if interactive {
            repl.interactive();
        } else {
            repl.piped();
        }
        repl.status
    });
    outcome.unwrap_or_else(|e| {
        report(&e);
        Status::Failed
    })
}

/// Where `dg` keeps its files: `$DG_DATA_DIR`, else the user's data directory plus `dg`.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("DG_DATA_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::data_dir().map(|d| d.join("dg")),
    }
}

struct Repl {
    session: Session,
    /// The worst outcome so far (piped sessions exit with it).
    status: Status,
}

/// What the line editor's completion reads: the session's names, refreshed after every entry.
#[derive(Default)]
struct Names {
    variables: Vec<(String, TypeTag)>,
    functions: Vec<String>,
}

#[derive(Helper, Highlighter, Hinter, Validator)]
struct DgHelper {
    names: Rc<RefCell<Names>>,
}

impl Completer for DgHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let names = self.names.borrow();
        let scope = Scope {
            variables: &names.variables,
            functions: &names.functions,
        };
        Ok(complete::candidates(line, pos, &scope))
    }
}

impl Repl {
    fn interactive(&mut self) {
        let names = Rc::new(RefCell::new(Names::default()));
        let mut editor = match Editor::<DgHelper, DefaultHistory>::new() {
            Ok(e) => e,
            Err(e) => {
                eprintln!("dg: cannot start the line editor: {e}");
                self.status = Status::Failed;
                return;
            }
        };
        editor.set_helper(Some(DgHelper {
            names: Rc::clone(&names),
        }));
        let history = data_dir().map(|d| d.join("history.txt"));
        if let Some(path) = &history {
            let _ = editor.load_history(path);
        }
        println!(
            "dg {} — Deluge REPL. :help for commands, Ctrl-D to quit.",
            env!("CARGO_PKG_VERSION")
        );
        let mut reader = LineReader::default();
        loop {
            let prompt = if reader.continuing() {
                CONTINUATION
            } else {
                PROMPT
            };
            match editor.readline(prompt) {
                Ok(line) => {
                    for entry in reader.push(&line) {
                        let _ = editor.add_history_entry(entry.trim_end());
                        if let Some(path) = &history {
                            save_history(&mut editor, path);
                        }
                        if !self.entry(&entry) {
                            return;
                        }
                    }
                    let mut n = names.borrow_mut();
                    n.variables = self.session.variables();
                    n.functions = self.session.function_names();
                }
                Err(ReadlineError::Interrupted) => reader.cancel(),
                Err(ReadlineError::Eof) => break,
                Err(e) => {
                    eprintln!("dg: cannot read input: {e}");
                    self.status = Status::Failed;
                    break;
                }
            }
        }
    }

    fn piped(&mut self) {
        let mut input = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut input) {
            eprintln!("dg: cannot read standard input: {e}");
            self.status = Status::Failed;
            return;
        }
        let mut reader = LineReader::default();
        for line in input.lines() {
            for entry in reader.push(line) {
                if !self.entry(&entry) {
                    return;
                }
            }
        }
        if let Some(rest) = reader.finish() {
            self.entry(&rest);
        }
    }

    /// Handles one complete entry; false means "quit".
    fn entry(&mut self, text: &str) -> bool {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return true;
        }
        if let Some(command) = trimmed.strip_prefix(':') {
            return self.command(command);
        }
        self.run(&SourceFile::new("<repl>", text), true);
        true
    }

    fn run(&mut self, source: &SourceFile, echo: bool) {
        let stdout = std::io::stdout();
        let mut out = ReplOutput(StreamOutput(BufWriter::new(stdout.lock())));
        let result = self.session.run(source, &mut out, echo);
        if let Ok(Some(value)) = &result {
            let _ = out.info(&value.to_display());
        }
        let _ = out.0 .0.flush();
        drop(out);
        match result {
            Ok(_) => {}
            Err(Failure::Syntax(errors)) => {
                for e in &errors.errors {
                    report(e);
                }
                self.status = Status::SyntaxError;
            }
            Err(Failure::Runtime(e)) => {
                report(e.as_ref());
                if self.status == Status::Ok {
                    self.status = Status::Failed;
                }
            }
            Err(Failure::Usage(message)) => {
                eprintln!("dg: {message}");
                if self.status == Status::Ok {
                    self.status = Status::Failed;
                }
            }
        }
    }

    /// `:help`, `:vars`, `:load FILE`, `:reset`, `:quit`; false means "quit".
    fn command(&mut self, command: &str) -> bool {
        let (name, arg) = match command.split_once(char::is_whitespace) {
            Some((n, a)) => (n, a.trim()),
            None => (command, ""),
        };
        match name {
            "help" | "h" | "?" => print!("{HELP}"),
            "vars" => {
                for (name, tag) in self.session.variables() {
                    println!("{name}: {}", tag.name());
                }
                for f in self.session.function_names() {
                    println!("{f}(…): function");
                }
            }
            "load" if !arg.is_empty() => match std::fs::read_to_string(arg) {
                Ok(text) => self.run(&SourceFile::new(arg, text), false),
                Err(e) => {
                    eprintln!("dg: cannot read {arg}: {e}");
                    self.status = Status::Failed;
                }
            },
            "doc" if !arg.is_empty() => match crate::builtins::reference::describe(arg) {
                Some(text) => print!("{text}"),
                None => {
                    eprintln!("dg: no function or method named `{arg}`");
                    self.status = Status::Failed;
                }
            },
            "doc" => {
                eprintln!("dg: usage: :doc NAME (e.g. :doc addBusinessDay)");
                self.status = Status::Failed;
            }
            "reset" => {
                self.session.reset();
                println!("session reset: no variables or functions");
            }
            "quit" | "q" | "exit" => return false,
            _ => {
                eprintln!("dg: unknown command :{command} (try :help)");
                self.status = Status::Failed;
            }
        }
        let _ = std::io::stdout().flush();
        true
    }
}

fn save_history(editor: &mut Editor<DgHelper, DefaultHistory>, path: &PathBuf) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = editor.save_history(path) {
        eprintln!("dg: cannot save history to {}: {e}", path.display());
    }
}

const HELP: &str = "\
Type Deluge statements; a bare expression prints its value. An unfinished block, bracket or text
continues on the next line. Tab completes names, and methods after a `.`.
  :help          this text
  :vars          variables and their types, and functions
  :load FILE.dg  run a file into the session
  :doc NAME      a function's call forms, what it does and an example
  :reset         forget all variables and functions
  :quit          leave (or Ctrl-D); Ctrl-C cancels the current input
";

/// The REPL's output: `info` lines, and each Creator form action on a line of its own.
struct ReplOutput<W: std::io::Write>(StreamOutput<W>);

impl<W: std::io::Write> Output for ReplOutput<W> {
    fn info(&mut self, line: &str) -> std::io::Result<()> {
        self.0.info(line)
    }

    fn form_action(&mut self, action: &crate::value::Value) -> std::io::Result<()> {
        self.0
            .info(&format!("form action: {}", crate::value::to_json(action)))
    }
}
