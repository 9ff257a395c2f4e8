//! Firing workflow rules: for each rule of the event, the record is read as the execution starts,
//! the criteria are evaluated over its fields, and the function is called with it; every
//! evaluation is recorded (`ok`, `error`, or `skipped` when the criteria are false).
//!
//! Scripts run on the calling thread, which must have a deep stack (the CLI's script thread or
//! the server's workers).

use std::time::Instant;

use rusqlite::params;
use serde_json::Value as Json;

use super::queue::{self, Queued};
use super::{singular, Event, Rule};
use crate::interp::{CapturedOutput, Limits};
use crate::invoke::{self, Invocation};
use crate::lexer::{self, Tok};
use crate::script::{self, Cleanup, Failure};
use crate::source::SourceFile;
use crate::store::{CachedQuery, Store};
use crate::value::{from_serde, to_json, Value};

/// How many statements a rule's criteria may take.
const CRITERIA_BUDGET: u64 = 10_000;
/// How deeply rules may set off rules (a function that updates a record with the workflow
/// trigger); deeper, and a rule already running for the same record, are recorded as errors.
const MAX_CHAIN: usize = 3;

thread_local! {
    /// The (rule, record) pairs running on this thread, outermost first.
    static CHAIN: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A rule's place on the chain, given up when dropped (also when a script panics).
struct OnChain;

impl Drop for OnChain {
    fn drop(&mut self) {
        CHAIN.with(|c| {
            c.borrow_mut().pop();
        });
    }
}

/// Whether a rule may run now for this record; when it may, it is on the chain while the
/// returned guard lives.
fn enter(rule: &str, record_id: &str) -> Result<OnChain, String> {
    CHAIN.with(|c| {
        let mut chain = c.borrow_mut();
        if chain.iter().any(|(r, id)| r == rule && id == record_id) {
            return Err(format!(
                "rule {rule} is already running for record {record_id}: a rule does not set itself off again"
            ));
        }
        if chain.len() >= MAX_CHAIN {
            return Err(format!(
                "workflow rules set each other off more than {MAX_CHAIN} deep; the chain stops here"
            ));
        }
        chain.push((rule.to_string(), record_id.to_string()));
        Ok(OnChain)
    })
}

/// One recorded rule evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord {
    pub id: i64,
    pub rule: String,
    pub module: String,
    pub record_id: String,
    pub event: String,
    /// `ok`, `error` or `skipped`; `pending` until it has run.
    pub outcome: String,
    pub started_at: String,
    pub duration_ms: i64,
    pub output: Vec<String>,
    /// The function's return value, as JSON text.
    pub result: Option<String>,
    pub error: Option<String>,
}

impl RunRecord {
    /// The run as `dg workflow runs --json` and the server show it.
    pub fn to_json(&self) -> Json {
        serde_json::json!({
            "id": self.id, "rule": self.rule, "module": self.module, "record_id": self.record_id,
            "event": self.event, "outcome": self.outcome, "started_at": self.started_at,
            "duration_ms": self.duration_ms, "output": self.output,
            "result": self.result.as_deref().and_then(|t| serde_json::from_str::<Json>(t).ok()),
            "error": self.error,
        })
    }
}

/// A script failure as plain text (for run records and JSON answers).
pub fn failure_text(f: &Failure) -> String {
    match f {
        Failure::Syntax(e) => crate::error::render(e, false, 100),
        Failure::Runtime(e) => crate::error::render(e.as_ref(), false, 100),
        Failure::Usage(m) => m.clone(),
    }
}

/// Evaluates a rule's criteria over a record's fields (fields it names that the record lacks are
/// null).
pub fn criteria_hold(criteria: &str, record: &Json) -> Result<bool, String> {
    let fields = record.as_object().cloned().unwrap_or_default();
    let mut inputs: Vec<(String, Value)> = fields
        .iter()
        .filter(|(k, _)| is_identifier(k))
        .map(|(k, v)| (k.clone(), from_serde(v)))
        .collect();
    // Fields the record lacks are null: names read as plain variables, not methods (`.x`), calls
    // (`x(`), system names (`zoho.…`, `today`, `now`) or the `input` map.
    let (tokens, _) = lexer::tokens(criteria);
    for (i, t) in tokens.iter().enumerate() {
        let Tok::Ident(name) = t else { continue };
        let after_dot = i > 0 && matches!(tokens[i - 1], Tok::Dot);
        let called = matches!(tokens.get(i + 1), Some(Tok::LParen));
        let reserved = ["input", "zoho", "today", "now"]
            .iter()
            .any(|r| name.eq_ignore_ascii_case(r));
        if !(after_dot || called || reserved || inputs.iter().any(|(k, _)| k == *name)) {
            inputs.push((name.to_string(), Value::Null));
        }
    }
    let source = SourceFile::new("criteria", format!("return ({criteria});"));
    let mut out = CapturedOutput::default();
    let limits = Limits {
        max_statements: CRITERIA_BUDGET,
        ..Limits::default()
    };
    match script::run(&source, &inputs, limits, &mut out) {
        Ok(Value::Bool(b)) => Ok(b),
        Ok(other) => Err(format!(
            "the criteria gave {} ({}), not true or false",
            other.to_display(),
            other.type_name()
        )),
        Err(f) => Err(failure_text(&f)),
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The function's inputs: mapped fields, or the whole record under the parameter named after the
/// module (or the only parameter).
fn inputs_for(
    rule: &Rule,
    source: &SourceFile,
    record: &Json,
) -> Result<Vec<(String, Value)>, String> {
    if !rule.args.is_empty() {
        return Ok(rule
            .args
            .iter()
            .map(|(param, field)| {
                let v = if field == "*" {
                    from_serde(record)
                } else {
                    record.get(field).map(from_serde).unwrap_or(Value::Null)
                };
                (param.clone(), v)
            })
            .collect());
    }
    let program = crate::parser::parse(source).map_err(|e| crate::error::render(&e, false, 100))?;
    let function = match &rule.function {
        Some(name) => program
            .functions
            .iter()
            .find(|f| f.name.name.eq_ignore_ascii_case(name)),
        None if program.body.is_empty() => program.functions.first(),
        None => None,
    };
    let wanted = singular(&rule.module);
    let param = match function {
        Some(f) if f.params.iter().any(|p| *p.var.name == *wanted) => wanted,
        Some(f) if f.params.len() == 1 => f.params[0].var.name.to_string(),
        Some(f) => {
            return Err(format!(
                "{} has no parameter named {wanted}; map the record with --arg PARAM=FIELD (or PARAM=* for the whole record)",
                f.name.name
            ))
        }
        // Top-level statements: the record is a variable and `input.<singular>`.
        None => wanted,
    };
    Ok(vec![(param, from_serde(record))])
}

/// Runs one rule on one record; the outcome and how it went.
fn execute(rule: &Rule, record: &Json) -> (String, Vec<String>, Option<String>, Option<String>) {
    if let Some(criteria) = rule.criteria.as_deref().filter(|c| !c.trim().is_empty()) {
        match criteria_hold(criteria, record) {
            Ok(true) => {}
            Ok(false) => return ("skipped".into(), vec![], None, None),
            Err(e) => return ("error".into(), vec![], None, Some(format!("criteria: {e}"))),
        }
    }
    let text = match std::fs::read_to_string(&rule.file) {
        Ok(t) => t,
        Err(e) => {
            return (
                "error".into(),
                vec![],
                None,
                Some(format!("cannot read {}: {e}", rule.file)),
            )
        }
    };
    let source = SourceFile::new(rule.file.clone(), text);
    let inputs = match inputs_for(rule, &source, record) {
        Ok(i) => i,
        Err(e) => return ("error".into(), vec![], None, Some(e)),
    };
    let mut out = CapturedOutput::default();
    let invocation = Invocation {
        source: &source,
        libraries: &[],
        function: rule.function.as_deref(),
        inputs: &inputs,
    };
    match invoke::run(&invocation, Limits::default(), &mut out, Cleanup::Free) {
        Ok(v) => ("ok".into(), out.lines, Some(to_json(&v)), None),
        Err(f) => ("error".into(), out.lines, None, Some(failure_text(&f))),
    }
}

/// Fires every enabled rule of `module` for `event` on the record `record_id` (after a change
/// made apart from it: a delete). The record is read when each execution starts; `snapshot`
/// stands in for a deleted record.
pub fn fire(
    store: &Store,
    module: &str,
    record_id: &str,
    event: Event,
    snapshot: Option<&Json>,
) -> Result<Vec<RunRecord>, crate::connectors::ConnectorError> {
    let queued = queue::queue(&store.conn, module, record_id, event)?;
    run_queued(store, module, record_id, event, snapshot, queued)
}

/// Carries out runs recorded as pending, and records how each went.
pub(crate) fn run_queued(
    store: &Store,
    module: &str,
    record_id: &str,
    event: Event,
    snapshot: Option<&Json>,
    queued: Vec<Queued>,
) -> Result<Vec<RunRecord>, crate::connectors::ConnectorError> {
    crate::host::use_database(&store.path);
    let mut runs = Vec::new();
    for Queued {
        id,
        rule,
        started_at,
    } in queued
    {
        let clock = Instant::now();
        let (outcome, output, result, error) = match enter(&rule.name, record_id) {
            Err(e) => ("error".into(), vec![], None, Some(e)),
            Ok(_on_chain) => match store.get_record(module, record_id) {
                Ok(Some(r)) => execute(&rule, &r),
                Ok(None) => match snapshot {
                    Some(r) => execute(&rule, r),
                    None => (
                        "error".into(),
                        vec![],
                        None,
                        Some(format!("no {module} record {record_id}")),
                    ),
                },
                Err(e) => (
                    "error".into(),
                    vec![],
                    None,
                    Some(format!("cannot read the record: {e}")),
                ),
            },
        };
        let duration_ms = clock.elapsed().as_millis() as i64;
        tracing::debug!(rule = %rule.name, record_id, outcome = %outcome, duration_ms, "rule run");
        // A run that cannot be recorded is reported, and the other rules still run.
        let recorded = store.conn.cached_execute(
            "UPDATE workflow_runs SET outcome = ?2, duration_ms = ?3, output = ?4, result = ?5,
                 error = ?6, owner = NULL
             WHERE id = ?1",
            params![
                id,
                outcome,
                duration_ms,
                serde_json::to_string(&output).unwrap_or_else(|_| "[]".into()),
                result,
                error
            ],
        );
        if let Err(e) = recorded {
            eprintln!(
                "dg: could not record the run of workflow rule {}: {e}",
                rule.name
            );
        }
        runs.push(RunRecord {
            id,
            rule: rule.name.clone(),
            module: module.to_string(),
            record_id: record_id.to_string(),
            event: event.as_str().to_string(),
            outcome,
            started_at,
            duration_ms,
            output,
            result,
            error,
        });
    }
    Ok(runs)
}

/// Recorded runs, newest last: all, or one rule's.
pub fn runs(
    store: &Store,
    rule: Option<&str>,
    limit: u32,
) -> Result<Vec<RunRecord>, crate::connectors::ConnectorError> {
    let mut stmt = store.conn.prepare(
        "SELECT id, rule, module, record_id, event, outcome, started_at, duration_ms, output, result, error
         FROM (SELECT * FROM workflow_runs WHERE ?1 IS NULL OR rule = ?1 COLLATE NOCASE
               ORDER BY id DESC LIMIT ?2)
         ORDER BY id",
    )?;
    let rows = stmt.query_map(params![rule, limit], |r| {
        let output: String = r.get(8)?;
        Ok(RunRecord {
            id: r.get(0)?,
            rule: r.get(1)?,
            module: r.get(2)?,
            record_id: r.get(3)?,
            event: r.get(4)?,
            outcome: r.get(5)?,
            started_at: r.get(6)?,
            duration_ms: r.get(7)?,
            output: serde_json::from_str(&output).unwrap_or_default(),
            result: r.get(9)?,
            error: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn criteria_are_deluge_over_the_fields() {
        let irish = json!({"Mailing_Country": "Ireland", "Age": 40});
        let french = json!({"Mailing_Country": "France"});
        let c = r#"Mailing_Country == "Ireland" && Age > 30"#;
        assert_eq!(criteria_hold(c, &irish), Ok(true));
        assert_eq!(
            criteria_hold(c, &french),
            Ok(false),
            "a missing field is null"
        );
        assert_eq!(
            criteria_hold(
                "input.Age > 30 && Mailing_Country.startsWith(\"Ire\")",
                &irish
            ),
            Ok(true)
        );
        assert_eq!(criteria_hold("zoho.currentdate != null", &french), Ok(true));
        assert!(criteria_hold("Mailing_Country", &irish).is_err());
        assert!(criteria_hold("Mailing_Country ==", &irish).is_err());
    }
}
