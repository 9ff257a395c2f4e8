//! Compiling and running one script: parse, resolve, interpret, with errors kept apart by kind.

use crate::ast::Program;
use crate::error::{RuntimeError, ScriptError};
use crate::interp::{Interpreter, Limits, Output};
use crate::parser::{self, SyntaxError, SyntaxErrors};
use crate::resolve::{self, Layout};
use crate::source::SourceFile;
use crate::value::{DgMap, Value};

/// A parsed and resolved script, ready to run any number of times.
pub struct Compiled {
    pub program: Program,
    pub layout: Layout,
}

/// Parses and resolves `source`, given the names of variables that exist before it runs.
pub fn compile(source: &SourceFile, predefined: &[&str]) -> Result<Compiled, SyntaxErrors> {
    let mut program = parser::parse(source)?;
    let layout = resolve::resolve(&mut program, predefined)
        .map_err(|errors| resolve_errors(source, errors))?;
    Ok(Compiled { program, layout })
}

/// The resolver's findings as syntax errors of `source` (they are reported, and exit, the same way);
/// a finding inside a library function points into that library.
pub fn resolve_errors(source: &SourceFile, errors: Vec<resolve::ResolveError>) -> SyntaxErrors {
    let errors = errors
        .into_iter()
        .map(|e| SyntaxError {
            message: e.message,
            src: e.source.as_ref().unwrap_or(source).named(),
            span: e.span.into(),
            label: e.label,
            help: e.help,
            at_end: false,
            missing_semicolon: false,
        })
        .collect();
    SyntaxErrors::new(source, errors)
}

/// Why a script did not finish normally.
pub enum Failure {
    Syntax(SyntaxErrors),
    Runtime(Box<ScriptError>),
    /// The command line asked for something the script does not have (a function, a parameter).
    Usage(String),
}

/// What happens to the script's variables when the run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleanup {
    /// Free them (for embedding, tests, the REPL).
    Free,
    /// Leave them to the operating system: the process is about to exit, and freeing a large data
    /// set value by value only costs time.
    LeaveToExit,
}

/// Compiles and runs a script whose inputs become variables and the `input` map.
pub fn run(
    source: &SourceFile,
    inputs: &[(String, Value)],
    limits: Limits,
    out: &mut dyn Output,
) -> Result<Value, Failure> {
    run_with(source, inputs, limits, out, Cleanup::Free)
}

/// `run`, choosing what happens to the script's variables afterwards.
pub fn run_with(
    source: &SourceFile,
    inputs: &[(String, Value)],
    limits: Limits,
    out: &mut dyn Output,
    cleanup: Cleanup,
) -> Result<Value, Failure> {
    let mut names: Vec<&str> = inputs.iter().map(|(n, _)| n.as_str()).collect();
    names.push("input");
    let compiled = compile(source, &names).map_err(Failure::Syntax)?;
    let mut input_map = DgMap::default();
    for (name, value) in inputs {
        input_map.insert(name.as_str().into(), value.clone());
    }
    let mut bound: Vec<(&str, Value)> = vec![("input", Value::new_map(input_map))];
    bound.extend(inputs.iter().map(|(n, v)| (n.as_str(), v.clone())));
    let mut interp = Interpreter::new(out, limits);
    let result = interp
        .run(&compiled.program, &compiled.layout, &bound)
        .map_err(|e: Box<RuntimeError>| Failure::Runtime(Box::new(e.in_source(source))));
    if cleanup == Cleanup::LeaveToExit {
        std::mem::forget(interp);
        std::mem::forget(compiled);
    }
    result
}
