//! The tree-walking interpreter: runs a resolved `Program` against a frame of variable slots,
//! sending `info` lines to an `Output` and enforcing the statement budget, the wall-clock limit,
//! the `info` output cap and the call-depth limit.

mod call;
mod collection;
mod compile;
mod concat;
mod creator;
mod dispatch;
mod exec;
pub mod ops;
mod tasks;

use std::rc::Rc;
use std::time::{Duration, Instant};

use crate::ast::{Function, Program};
use crate::error::RuntimeError;
use crate::resolve::Layout;
use crate::source::Span;
use crate::value::Value;
use exec::BlockCode;

/// Zoho CRM's limit on nested function calls.
pub const MAX_CALL_DEPTH: usize = 75;
/// Zoho CRM's budget of executed statements per function run.
pub const DEFAULT_MAX_STATEMENTS: u64 = 200_000;
/// Zoho CRM's limit on one function run's time, in seconds.
pub const DEFAULT_MAX_SECONDS: u64 = 60;
/// Zoho's cap on a run's `info` output (500 KB); what follows is dropped.
pub const DEFAULT_MAX_INFO_BYTES: usize = 500 * 1024;
/// The budget is handed out, and the clock read, once per this many statements.
const CLOCK_EVERY: u64 = 1024;

pub(crate) type Eval<T> = Result<T, Box<RuntimeError>>;

/// Where `info` lines go.
pub trait Output {
    fn info(&mut self, line: &str) -> std::io::Result<()>;

    /// A Creator form action (`hide Status;`, `openUrl(…)`), as a map with `action` and, where
    /// they apply, `field` and `value`. Form actions have no screen here; outputs that keep a
    /// run's result record them.
    fn form_action(&mut self, _action: &Value) -> std::io::Result<()> {
        Ok(())
    }
}

/// Collects `info` lines and form actions in memory (for `--json`, tests and the REPL).
#[derive(Debug, Default)]
pub struct CapturedOutput {
    pub lines: Vec<String>,
    pub form_actions: Vec<Value>,
}

impl Output for CapturedOutput {
    fn info(&mut self, line: &str) -> std::io::Result<()> {
        self.lines.push(line.to_string());
        Ok(())
    }

    fn form_action(&mut self, action: &Value) -> std::io::Result<()> {
        self.form_actions.push(action.clone());
        Ok(())
    }
}

/// Writes each `info` line to a stream, one per line.
pub struct StreamOutput<W: std::io::Write>(pub W);

impl<W: std::io::Write> Output for StreamOutput<W> {
    fn info(&mut self, line: &str) -> std::io::Result<()> {
        self.0.write_all(line.as_bytes())?;
        self.0.write_all(b"\n")
    }
}

/// Execution limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Statements a run may execute; 0 means no limit.
    pub max_statements: u64,
    /// Seconds a run may take; 0 means no limit.
    pub max_seconds: u64,
    /// Bytes of `info` output a run may print (then a notice, and the rest is dropped); 0 means
    /// no limit.
    pub max_info_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_statements: DEFAULT_MAX_STATEMENTS,
            max_seconds: DEFAULT_MAX_SECONDS,
            max_info_bytes: DEFAULT_MAX_INFO_BYTES,
        }
    }
}

/// A user function ready to call: its frame's shape and its compiled body.
pub(crate) struct CompiledFunction {
    name: Rc<str>,
    /// Frame slots of the parameters, in order, with their names (for `input`).
    params: Vec<(usize, Rc<str>)>,
    /// The slot of `input`, when the body uses it.
    input_slot: Option<usize>,
    frame_size: usize,
    body: BlockCode,
    /// The library file it came from, for errors raised inside it.
    source: Option<crate::source::SourceFile>,
}

impl CompiledFunction {
    fn new(f: &Function) -> CompiledFunction {
        CompiledFunction {
            name: f.name.name.clone(),
            params: f
                .params
                .iter()
                .map(|p| (p.var.slot as usize, p.var.name.clone()))
                .collect(),
            input_slot: f.layout.slot_of("input").filter(|_| f.layout.uses_input),
            frame_size: f.layout.slot_names.len(),
            body: exec::block(&f.body),
            source: f.source.clone(),
        }
    }
}

/// How a statement finished. A `return` leaves its value in `Interpreter::returned`, so that
/// every statement's result fits in two registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Normal,
    Break,
    Continue,
    Return,
}

pub struct Interpreter<'o> {
    out: &'o mut dyn Output,
    limits: Limits,
    /// Statements left in the current chunk of the budget.
    statements_left: u64,
    /// Statements allowed after this chunk; `u64::MAX` when unlimited.
    budget_left: u64,
    /// When the run must stop, if it has a time limit.
    deadline: Option<Instant>,
    /// `info` bytes still allowed; `usize::MAX` when unlimited.
    info_left: usize,
    /// The current frame's variables; `None` until assigned.
    slots: call::Frame,
    /// User functions of the running program, compiled, indexed by `Callee::User`.
    functions: Vec<Rc<CompiledFunction>>,
    /// Function calls currently in progress.
    call_depth: usize,
    /// Arguments of the calls being made, pushed by `push_args` and popped after each call.
    stack: Vec<Value>,
    /// Emptied frames kept for the next function call, so calls do not allocate.
    frames: Vec<call::Frame>,
    /// The value of the `return` being carried out (see `Flow::Return`).
    returned: Value,
    /// Buffers that chains of `+` build text in, kept between uses (one per chain in progress).
    text_buffers: Vec<String>,
    /// Empty `Collection()`s not yet made key-value or index-value by a first insert.
    undecided: Vec<std::rc::Weak<std::cell::RefCell<crate::value::DgMap>>>,
}

impl<'o> Interpreter<'o> {
    pub fn new(out: &'o mut dyn Output, limits: Limits) -> Interpreter<'o> {
        let budget_left = match limits.max_statements {
            0 => u64::MAX,
            n => n,
        };
        Interpreter {
            out,
            limits,
            statements_left: 0,
            budget_left,
            deadline: (limits.max_seconds > 0)
                .then(|| Instant::now() + Duration::from_secs(limits.max_seconds)),
            info_left: match limits.max_info_bytes {
                0 => usize::MAX,
                n => n,
            },
            slots: Vec::new(),
            functions: Vec::new(),
            call_depth: 0,
            stack: Vec::new(),
            frames: Vec::new(),
            returned: Value::Null,
            text_buffers: Vec::new(),
            undecided: Vec::new(),
        }
    }

    /// Runs a program with some variables already set (by name, as laid out by the resolver).
    /// Returns the value of a top-level `return`, or null.
    pub fn run(
        &mut self,
        program: &Program,
        layout: &Layout,
        inputs: &[(&str, Value)],
    ) -> Eval<Value> {
        self.functions = program
            .functions
            .iter()
            .map(|f| Rc::new(CompiledFunction::new(f)))
            .collect();
        let body = exec::block(&program.body);
        self.slots = vec![None; layout.slot_names.len()];
        for (name, value) in inputs {
            if let Some(slot) = layout.slot_of(name) {
                self.slots[slot] = Some(value.clone());
            }
        }
        match self.run_block(&body)? {
            Flow::Return => Ok(std::mem::take(&mut self.returned)),
            _ => Ok(Value::Null),
        }
    }

    /// Hands back the variables of the last run, by slot (the REPL keeps them between entries).
    pub fn take_variables(&mut self) -> Vec<Option<Value>> {
        std::mem::take(&mut self.slots)
    }

    /// Counts one executed statement against the budget. The hot path is one test and one
    /// decrement: the budget is handed out in chunks, and the clock is read between chunks.
    #[inline]
    fn tick(&mut self, span: Span) -> Eval<()> {
        if self.statements_left == 0 {
            self.next_chunk(span)?;
        }
        self.statements_left -= 1;
        Ok(())
    }

    /// Stops the run when the budget is spent or the time is up; else hands out the next chunk.
    #[cold]
    #[inline(never)]
    fn next_chunk(&mut self, span: Span) -> Eval<()> {
        if self.budget_left == 0 {
            return Err(RuntimeError::new(
                format!("statement limit of {} exceeded", self.limits.max_statements),
                span,
                "the limit was reached here",
            )
            .with_help("a loop may not end; raise the limit with --max-statements N (0 for none)")
            .fatal());
        }
        if self
            .deadline
            .is_some_and(|deadline| Instant::now() >= deadline)
        {
            return Err(RuntimeError::new(
                format!("time limit of {} s exceeded", self.limits.max_seconds),
                span,
                "the run was stopped here",
            )
            .with_help("a loop may not end; raise the limit with --timeout SECONDS (0 for none)")
            .fatal());
        }
        let chunk = self.budget_left.min(CLOCK_EVERY);
        self.budget_left -= chunk;
        self.statements_left = chunk;
        Ok(())
    }

    /// Prints an `info` line, within the output cap: the line that crosses it is cut, a notice
    /// follows, and later lines are dropped (as Zoho does).
    fn emit(&mut self, line: &str, span: Span) -> Eval<()> {
        if self.info_left == 0 {
            return Ok(());
        }
        let cost = line.len() + 1;
        if cost <= self.info_left {
            self.info_left -= cost;
            return self.write_line(line, span);
        }
        let mut end = self.info_left.min(line.len());
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        self.info_left = 0;
        self.write_line(&line[..end], span)?;
        let notice = format!(
            "… info output stopped at the limit of {} bytes (raise it with --max-output BYTES)",
            self.limits.max_info_bytes
        );
        self.write_line(&notice, span)
    }

    /// Hands a Creator form action to the output.
    fn record_form_action(&mut self, action: Value, span: Span) -> Eval<()> {
        self.out.form_action(&action).map_err(|e| {
            RuntimeError::new(format!("cannot record the form action: {e}"), span, "here").fatal()
        })
    }

    fn write_line(&mut self, line: &str, span: Span) -> Eval<()> {
        self.out.info(line).map_err(|e| {
            RuntimeError::new(
                format!("cannot write output: {e}"),
                span,
                "while printing this",
            )
            .fatal()
        })
    }
}
