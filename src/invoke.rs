//! Running a script file as Zoho runs a custom function: the entry point (top-level statements, or a
//! function chosen with `--function`), library files of further functions (`--lib`), and `--arg`
//! values converted to the declared parameter types.

use std::cell::Cell;
use std::rc::Rc;

use crate::ast::{Callee, Expr, ExprKind, Function, Ident, Program, Stmt, StmtKind, Var};
use crate::dates;
use crate::error::RuntimeError;
use crate::interp::{Interpreter, Limits, Output};
use crate::parser;
use crate::resolve;
use crate::script::{resolve_errors, Cleanup, Failure};
use crate::source::SourceFile;
use crate::value::{from_json_text, DgMap, Value};

/// What to run.
pub struct Invocation<'a> {
    pub source: &'a SourceFile,
    /// Files whose functions the script may call (their top-level statements are not run).
    pub libraries: &'a [SourceFile],
    /// The function to call, by name; `None` picks the statements, or else the file's first function.
    pub function: Option<&'a str>,
    pub inputs: &'a [(String, Value)],
}

/// Parses everything, picks the entry point and runs it.
pub fn run(
    inv: &Invocation<'_>,
    limits: Limits,
    out: &mut dyn Output,
    cleanup: Cleanup,
) -> Result<Value, Failure> {
    let mut program = parser::parse(inv.source).map_err(Failure::Syntax)?;
    for lib in inv.libraries {
        let mut lib_program = parser::parse(lib).map_err(Failure::Syntax)?;
        for f in &mut lib_program.functions {
            if let Some(f) = Rc::get_mut(f) {
                f.source = Some(lib.clone());
            }
        }
        program.functions.append(&mut lib_program.functions);
    }
    let entry = choose_entry(&program, inv.function)?;
    let (predefined, bound) = match entry {
        Some(index) => {
            let f = Rc::clone(&program.functions[index]);
            let bound = bind_parameters(&f, inv.inputs)?;
            program.body = vec![call_statement(&f)];
            let names: Vec<String> = f.params.iter().map(|p| p.var.name.to_string()).collect();
            (names, bound)
        }
        None => {
            let names = inv.inputs.iter().map(|(n, _)| n.clone()).collect();
            (names, inv.inputs.to_vec())
        }
    };
    let mut names: Vec<&str> = predefined.iter().map(String::as_str).collect();
    names.push("input");
    let layout = resolve::resolve(&mut program, &names)
        .map_err(|errors| Failure::Syntax(resolve_errors(inv.source, errors)))?;
    let mut input_map = DgMap::default();
    for (name, value) in &bound {
        input_map.insert(name.as_str().into(), value.clone());
    }
    let mut values: Vec<(&str, Value)> = vec![("input", Value::new_map(input_map))];
    values.extend(bound.iter().map(|(n, v)| (n.as_str(), v.clone())));
    let mut interp = Interpreter::new(out, limits);
    let result = interp
        .run(&program, &layout, &values)
        .map_err(|e: Box<RuntimeError>| Failure::Runtime(Box::new(e.in_source(inv.source))));
    if cleanup == Cleanup::LeaveToExit {
        std::mem::forget(interp);
        std::mem::forget(program);
    }
    result
}

/// The index of the function to call, or `None` to run the top-level statements.
fn choose_entry(program: &Program, wanted: Option<&str>) -> Result<Option<usize>, Failure> {
    if let Some(name) = wanted {
        let found = program
            .functions
            .iter()
            .position(|f| f.name.name.eq_ignore_ascii_case(name));
        return match found {
            Some(i) => Ok(Some(i)),
            None => {
                let known: Vec<&str> = program.functions.iter().map(|f| &*f.name.name).collect();
                Err(Failure::Usage(format!(
                    "no function named {name:?} (functions: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )))
            }
        };
    }
    if !program.body.is_empty() {
        return Ok(None);
    }
    // A file of only definitions: its first function (library functions come after the file's own).
    Ok(program.functions.iter().position(|f| f.source.is_none()))
}

/// The `--arg` values for a function's parameters, converted to their declared types; a parameter
/// without a value is null.
fn bind_parameters(
    f: &Function,
    inputs: &[(String, Value)],
) -> Result<Vec<(String, Value)>, Failure> {
    for (name, _) in inputs {
        if !f.params.iter().any(|p| &*p.var.name == name) {
            let params: Vec<&str> = f.params.iter().map(|p| &*p.var.name).collect();
            return Err(Failure::Usage(format!(
                "{} has no parameter {name:?} (its parameters: {})",
                f.name.name,
                if params.is_empty() {
                    "none".to_string()
                } else {
                    params.join(", ")
                }
            )));
        }
    }
    f.params
        .iter()
        .map(|p| {
            let name = p.var.name.to_string();
            let value = match inputs.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => convert(v, &p.type_name.name)
                    .map_err(|e| Failure::Usage(format!("--arg {name}: {e}")))?,
                None => Value::Null,
            };
            Ok((name, value))
        })
        .collect()
}

/// Converts an argument to a declared Deluge type (`int`, `decimal`, `date`, `map` …).
pub fn convert(value: &Value, type_name: &str) -> Result<Value, String> {
    let text = value.to_display();
    let wrong = || format!("{text:?} is not a valid {type_name}");
    Ok(match type_name.to_ascii_lowercase().as_str() {
        "int" | "integer" | "long" | "number" | "bigint" => match value {
            Value::Int(_) => value.clone(),
            _ => Value::Int(text.trim().parse().map_err(|_| wrong())?),
        },
        "decimal" | "float" | "double" | "currency" | "percent" => match value {
            Value::Decimal(_) => value.clone(),
            Value::Int(n) => Value::Decimal((*n).into()),
            _ => Value::Decimal(text.trim().parse().map_err(|_| wrong())?),
        },
        "bool" | "boolean" => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(wrong()),
        },
        "date" => match dates::read_date_text(&text) {
            Some(Value::DateTime(t)) => Value::Date(t.date()),
            Some(d) => d,
            None => return Err(wrong()),
        },
        "datetime" | "date-time" => match dates::read_date_text(&text) {
            Some(Value::Date(d)) => Value::DateTime(d.and_time(chrono::NaiveTime::MIN)),
            Some(t) => t,
            None => return Err(wrong()),
        },
        "map" | "list" | "collection" | "keyvalue" => match value {
            Value::Text(t) => {
                from_json_text(t).map_err(|e| format!("invalid JSON for {type_name}: {e}"))?
            }
            other => other.clone(),
        },
        "string" | "text" => Value::text(&text),
        _ => value.clone(),
    })
}

/// `return f(p1, p2, …);` with each parameter passed from the variable of the same name.
fn call_statement(f: &Function) -> Stmt {
    let span = f.name.span;
    let args = f
        .params
        .iter()
        .map(|p| Expr::leaf(ExprKind::Var(Var::new(&p.var.name, span)), span))
        .collect();
    let call = Expr::new(
        ExprKind::Call {
            path: Ident {
                name: f.name.name.clone(),
                span,
            },
            args,
            callee: Cell::new(Callee::Unresolved),
        },
        span,
        1,
    );
    Stmt {
        kind: StmtKind::Return(Some(call)),
        span,
    }
}
