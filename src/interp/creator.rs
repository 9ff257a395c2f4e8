//! Zoho Creator form tasks: the form actions (`show`, `hide`, `enable`, `disable`, `clear`,
//! `ui.add`/`ui.append`, `openUrl`, `alert`, `cancel submit`), which have no screen here and are
//! recorded in the run's result, and `insert into Form [ … ]`, which stores a record in the local
//! records store under the form's name and gives its id.

use super::compile::{compile, ExprCode};
use super::Interpreter;
use crate::ast::Task;
use crate::error::RuntimeError;
use crate::source::Span;
use crate::value::{DgMap, Value};

/// Evaluates a task's values in order.
fn values(codes: &[ExprCode], m: &mut Interpreter<'_>) -> Result<Vec<Value>, Box<RuntimeError>> {
    let mut out = Vec::with_capacity(codes.len());
    for code in codes {
        out.push(code(m)?);
    }
    Ok(out)
}

/// One recorded action: `{"action": …, "field": …, "value": …}` (absent parts left out).
fn action(name: &str, field: Option<Value>, value: Option<Value>) -> Value {
    let mut map = DgMap::new();
    map.insert("action".into(), Value::text(name));
    if let Some(f) = field {
        map.insert("field".into(), f);
    }
    if let Some(v) = value {
        map.insert("value".into(), v);
    }
    Value::new_map(map)
}

/// `show F;`, `hide F;`, `enable F;`, `disable F;`, `clear F;`, `F:ui.add(v);`, `F:ui.append(v);`.
pub(super) fn compile_form_action(task: &Task, span: Span) -> ExprCode {
    let Some((key, codes)) = task.entries.first() else {
        return Box::new(move |_| {
            Err(RuntimeError::new(
                "not a form action".to_string(),
                span,
                "here",
            ))
        });
    };
    let name = key.name.clone();
    let has_field = &*name != "success message";
    let codes: Vec<ExprCode> = codes.iter().map(compile).collect();
    Box::new(move |m| {
        let mut vals = values(&codes, m)?.into_iter();
        let field = if has_field { vals.next() } else { None };
        let rest: Vec<Value> = vals.collect();
        let value = match rest.len() {
            0 => None,
            1 => rest.into_iter().next(),
            _ => Some(Value::new_list(rest)),
        };
        m.record_form_action(action(&name, field, value), span)?;
        Ok(Value::Null)
    })
}

/// Window types `openUrl` takes, as Zoho lists them.
const WINDOWS: &[&str] = &[
    "same window",
    "new window",
    "parent window",
    "popup window",
    "iframe",
];

/// `openUrl(url, window[, properties])`.
pub(super) fn compile_open_url(task: &Task, span: Span) -> ExprCode {
    let codes: Vec<ExprCode> = task
        .entries
        .iter()
        .flat_map(|(_, v)| v.iter().map(compile))
        .collect();
    Box::new(move |m| {
        let vals = values(&codes, m)?;
        if vals.len() < 2 || vals.len() > 3 {
            return Err(RuntimeError::new(
                format!("`openUrl` takes 2 or 3 arguments, got {}", vals.len()),
                span,
                "wrong number of arguments",
            )
            .with_help("usage: openUrl(url, \"new window\")"));
        }
        let window = vals.get(1).map(Value::to_display);
        if let Some(w) = &window {
            if !WINDOWS.iter().any(|k| k.eq_ignore_ascii_case(w.trim())) {
                return Err(RuntimeError::new(
                    format!("`openUrl` has no window type \"{w}\""),
                    span,
                    "unknown window type",
                )
                .with_help(format!("the window types are: {}", WINDOWS.join(", "))));
            }
        }
        let mut map = DgMap::new();
        map.insert("action".into(), Value::text("openUrl"));
        map.insert("value".into(), Value::text(&vals[0].to_display()));
        if let Some(w) = window {
            map.insert("window".into(), Value::text(w.trim()));
        }
        if let Some(p) = vals.get(2) {
            map.insert("properties".into(), p.clone());
        }
        m.record_form_action(Value::new_map(map), span)?;
        Ok(Value::Null)
    })
}

/// `alert message;` and `alert(Field, message);`: the message is printed like `info` (Creator
/// shows it in a pop-up or at the field) and recorded as a form action.
pub(super) fn compile_alert(task: &Task, span: Span) -> ExprCode {
    let parts: Vec<(Option<Value>, ExprCode)> = task
        .entries
        .iter()
        .flat_map(|(key, v)| {
            let field = (&*key.name != "message").then(|| Value::Text(key.name.clone()));
            v.iter().map(move |e| (field.clone(), compile(e)))
        })
        .collect();
    Box::new(move |m| {
        for (field, code) in &parts {
            let text = code(m)?.to_display();
            m.emit(&text, span)?;
            let value = Some(Value::text(&text));
            m.record_form_action(action("alert", field.clone(), value), span)?;
        }
        Ok(Value::Null)
    })
}

/// `cancel submit;`.
pub(super) fn compile_cancel(task: &Task, span: Span) -> ExprCode {
    let what = task
        .entries
        .first()
        .map(|(k, _)| k.name.to_ascii_lowercase())
        .unwrap_or_default();
    Box::new(move |m| {
        if what != "submit" {
            return Err(RuntimeError::new(
                format!("`cancel {what}` is not a Creator task"),
                span,
                "unknown task",
            )
            .with_help("write `cancel submit;`"));
        }
        m.record_form_action(action("cancel submit", None, None), span)?;
        Ok(Value::Null)
    })
}

/// `insert into Form [ Field = value … ]`: a record of the local records store in the module named
/// after the form; the value is the new record's id.
pub(super) fn compile_insert(task: &Task, span: Span) -> ExprCode {
    let entries: Vec<(String, Vec<ExprCode>)> = task
        .entries
        .iter()
        .map(|(key, values)| (key.name.to_string(), values.iter().map(compile).collect()))
        .collect();
    Box::new(move |m| {
        let mut form = String::new();
        let mut fields = DgMap::new();
        for (i, (key, codes)) in entries.iter().enumerate() {
            let mut vals = values(codes, m)?;
            let value = if vals.len() == 1 {
                vals.pop().unwrap_or(Value::Null)
            } else {
                Value::new_list(vals)
            };
            if i == 0 {
                form = value.to_display();
            } else {
                fields.insert(key.as_str().into(), value);
            }
        }
        let args = [Value::text(&form), Value::new_map(fields)];
        let created = crate::builtins::crm::create_record(&args).map_err(|e| {
            RuntimeError::new(e.message, span, "in this insert").with_optional_help(e.help)
        })?;
        let id = match &created {
            Value::Map(map) => map.borrow().get("id").cloned(),
            _ => None,
        };
        match id {
            Some(Value::Text(t)) => Ok(t.parse::<i64>().map(Value::Int).unwrap_or(Value::Text(t))),
            Some(other) => Ok(other),
            None => {
                let why = match &created {
                    Value::Map(map) => map
                        .borrow()
                        .get("message")
                        .map(Value::to_display)
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                Err(RuntimeError::new(
                    format!("`insert into {form}` failed: {why}"),
                    span,
                    "in this insert",
                ))
            }
        }
    })
}
