//! A REPL session: one interpreter state that outlives each entry. Variables and functions defined
//! by one entry are there for the next; a bare expression entry gives back its value to echo.

pub mod complete;
pub mod input;

use std::rc::Rc;

use crate::ast::{ExprKind, Function, Program, StmtKind};
use crate::interp::{Interpreter, Limits, Output};
use crate::parser;
use crate::resolve;
use crate::script::Failure;
use crate::source::SourceFile;
use crate::value::{TypeTag, Value};

/// Everything an interactive session remembers between entries.
#[derive(Default)]
pub struct Session {
    /// Variables in the order they were first assigned.
    variables: Vec<(Rc<str>, Value)>,
    functions: Vec<Rc<Function>>,
    limits: Limits,
}

impl Session {
    pub fn new(limits: Limits) -> Session {
        let mut session = Session {
            limits,
            ..Session::default()
        };
        session.reset();
        session
    }

    /// Forgets every variable and function (`input` starts again as an empty map).
    pub fn reset(&mut self) {
        self.variables = vec![(Rc::from("input"), Value::empty_map())];
        self.functions.clear();
    }

    /// Variable names with the type of their current value, in definition order.
    pub fn variables(&self) -> Vec<(String, TypeTag)> {
        self.variables
            .iter()
            .map(|(n, v)| (n.to_string(), v.tag()))
            .collect()
    }

    pub fn function_names(&self) -> Vec<String> {
        self.functions
            .iter()
            .map(|f| f.name.name.to_string())
            .collect()
    }

    /// Runs one entry. Returns the value to echo: a bare expression's value (a call that gives
    /// null, like `m.put(…)`, echoes nothing).
    pub fn run(
        &mut self,
        source: &SourceFile,
        out: &mut dyn Output,
        echo: bool,
    ) -> Result<Option<Value>, Failure> {
        let mut program = parser::parse(source).map_err(Failure::Syntax)?;
        let echo_kind = if echo {
            bare_expression(&mut program)
        } else {
            Echo::Nothing
        };
        program.functions = self.merged_functions(std::mem::take(&mut program.functions));
        let names: Vec<Rc<str>> = self.variables.iter().map(|(n, _)| n.clone()).collect();
        let predefined: Vec<&str> = names.iter().map(|n| &**n).collect();
        let layout = resolve::resolve(&mut program, &predefined)
            .map_err(|errors| Failure::Syntax(crate::script::resolve_errors(source, errors)))?;
        self.functions = program.functions.clone();
        let inputs: Vec<(&str, Value)> = self
            .variables
            .iter()
            .map(|(n, v)| (&**n, v.clone()))
            .collect();
        let mut interp = Interpreter::new(out, self.limits);
        let result = interp.run(&program, &layout, &inputs);
        // Whatever ran before an error stays done, as in any REPL.
        for (name, value) in layout.slot_names.iter().zip(interp.take_variables()) {
            if let Some(value) = value {
                self.set(name, value);
            }
        }
        let value = result.map_err(|e| Failure::Runtime(Box::new(e.in_source(source))))?;
        Ok(match echo_kind {
            Echo::Value => Some(value),
            Echo::UnlessNull if !value.is_null() => Some(value),
            _ => None,
        })
    }

    fn set(&mut self, name: &Rc<str>, value: Value) {
        match self.variables.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.variables.push((name.clone(), value)),
        }
    }

    /// The session's functions with an entry's new ones added. Defining a function again replaces
    /// it at the same index, so earlier functions that call it reach the new one. The new ones are
    /// not shared yet, which is what lets the resolver fill them in.
    fn merged_functions(&self, new: Vec<Rc<Function>>) -> Vec<Rc<Function>> {
        let mut all = self.functions.clone();
        for f in new {
            let key = f.name.name.to_ascii_lowercase();
            match all
                .iter_mut()
                .find(|g| g.name.name.to_ascii_lowercase() == key)
            {
                Some(existing) => *existing = f,
                None => all.push(f),
            }
        }
        all
    }
}

enum Echo {
    Nothing,
    Value,
    /// A call: echo its value unless it is null (so `m.put(…)` prints nothing).
    UnlessNull,
}

/// Turns an entry that is one bare expression into `return expression;` so its value comes back.
fn bare_expression(program: &mut Program) -> Echo {
    let [stmt] = program.body.as_mut_slice() else {
        return Echo::Nothing;
    };
    let StmtKind::Expr(expr) = &stmt.kind else {
        return Echo::Nothing;
    };
    let echo = match expr.kind {
        ExprKind::Method { .. } | ExprKind::Call { .. } | ExprKind::Task(_) => Echo::UnlessNull,
        _ => Echo::Value,
    };
    let StmtKind::Expr(expr) = std::mem::replace(&mut stmt.kind, StmtKind::Break) else {
        return Echo::Nothing;
    };
    stmt.kind = StmtKind::Return(Some(expr));
    echo
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interp::CapturedOutput;

    fn entry(session: &mut Session, text: &str) -> (Option<String>, Vec<String>) {
        let mut out = CapturedOutput::default();
        let source = SourceFile::new("<repl>", text);
        let echoed = match session.run(&source, &mut out, true) {
            Ok(v) => v.map(|v| v.to_display()),
            Err(Failure::Syntax(e)) => Some(format!("syntax: {}", e.errors[0].message)),
            Err(Failure::Runtime(e)) => Some(format!("error: {}", e.message)),
            Err(Failure::Usage(m)) => Some(format!("usage: {m}")),
        };
        (echoed, out.lines)
    }

    #[test]
    fn variables_and_functions_persist_between_entries() {
        let mut s = Session::new(Limits::default());
        assert_eq!(entry(&mut s, "m = {\"k\": 1};"), (None, vec![]));
        assert_eq!(entry(&mut s, "m.get(\"k\");").0.as_deref(), Some("1"));
        entry(&mut s, "int standalone.twice(int n) { return n * 2; }");
        assert_eq!(
            entry(&mut s, "standalone.twice(m.get(\"k\"));")
                .0
                .as_deref(),
            Some("2")
        );
        let names: Vec<String> = s.variables().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, vec!["input", "m"]);
    }

    #[test]
    fn calls_that_give_null_echo_nothing_but_null_values_do() {
        let mut s = Session::new(Limits::default());
        entry(&mut s, "m = Map();");
        assert_eq!(entry(&mut s, "m.put(\"a\", 1);").0, None);
        assert_eq!(entry(&mut s, "m.get(\"missing\");").0, None);
        assert_eq!(entry(&mut s, "null;").0.as_deref(), Some("null"));
        assert_eq!(entry(&mut s, "1 + 1;").0.as_deref(), Some("2"));
    }

    #[test]
    fn an_error_keeps_earlier_work_and_the_session_goes_on() {
        let mut s = Session::new(Limits::default());
        let (echo, _) = entry(&mut s, "a = 1; b = 1 / 0;");
        assert_eq!(echo.as_deref(), Some("error: division by zero"));
        assert_eq!(entry(&mut s, "a + 1;").0.as_deref(), Some("2"));
    }
}
