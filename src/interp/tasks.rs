//! Bracket tasks that reach outside the script, run through the host: `invokeurl [ url: … type: …
//! parameters: … headers: … body: … content-type: … connection: … detailed: … ]`, and `sendmail [
//! from: … to: … subject: … message: … ]`, which keeps the message in the local outbox.

use super::compile::{compile, ExprCode};
use super::Interpreter;
use crate::ast::Task;
use crate::error::RuntimeError;
use crate::host::{self, UrlTask};
use crate::source::Span;
use crate::value::{DgMap, Value};

/// Keys an `invokeurl` takes; `response-format` and `response-decoding` are accepted and have no
/// effect (JSON is recognised on its own).
const KEYS: &[&str] = &[
    "url",
    "type",
    "parameters",
    "headers",
    "body",
    "content-type",
    "connection",
    "detailed",
    "response-format",
    "response-decoding",
];

pub(super) fn compile_invokeurl(task: &Task, span: Span) -> ExprCode {
    let mut entries: Vec<(String, Span, ExprCode)> = Vec::new();
    for (key, values) in &task.entries {
        let name = key.name.to_ascii_lowercase();
        if !KEYS.contains(&name.as_str()) {
            let key_span = key.span;
            let shown = key.name.to_string();
            return Box::new(move |_| {
                Err(RuntimeError::new(
                    format!("`invokeurl` has no key `{shown}`"),
                    key_span,
                    "not an invokeurl key",
                )
                .with_help(format!("the keys are: {}", KEYS.join(", "))))
            });
        }
        if let Some(first) = values.first() {
            entries.push((name, first.span, compile(first)));
        }
    }
    Box::new(move |m: &mut Interpreter<'_>| {
        let mut task = UrlTask {
            method: "GET".into(),
            ..UrlTask::default()
        };
        let mut has_url = false;
        for (key, value_span, code) in &entries {
            let value = code(m)?;
            let text = || match &value {
                Value::Null => String::new(),
                v => v.to_display(),
            };
            match key.as_str() {
                "url" => {
                    task.url = text();
                    has_url = true;
                }
                "type" => task.method = text(),
                "parameters" => task.parameters = Some(value.clone()),
                "headers" => match &value {
                    Value::Map(_) | Value::Null => task.headers = Some(value.clone()),
                    other => {
                        return Err(RuntimeError::new(
                            format!("invokeurl headers must be a map, not {}", other.type_name()),
                            *value_span,
                            "not a map",
                        ))
                    }
                },
                "body" => task.body = Some(value.clone()),
                "content-type" => task.content_type = Some(text()),
                "connection" => task.connection = Some(text()).filter(|c| !c.is_empty()),
                "detailed" => task.detailed = matches!(value, Value::Bool(true)),
                _ => {}
            }
        }
        if !has_url {
            return Err(RuntimeError::new(
                "`invokeurl` needs a url".to_string(),
                span,
                "no url: entry",
            )
            .with_help("e.g. invokeurl [ url: \"https://api.example.com/items\" type: GET ]"));
        }
        host::invoke_url(&task).map_err(|e| {
            RuntimeError::new(e.message, span, "in this invokeurl").with_optional_help(e.help)
        })
    })
}

/// `sendmail [ … ]` and `sendsms [ … ]`: every entry evaluated (a comma list becomes a list) and
/// the message kept in the outbox (`dg outbox`, an SMS marked `"channel": "sms"`); nothing is sent.
pub(super) fn compile_sendmail(task: &Task, span: Span) -> ExprCode {
    let name = task.name;
    let entries: Vec<(String, Vec<ExprCode>)> = task
        .entries
        .iter()
        .map(|(key, values)| (key.name.to_string(), values.iter().map(compile).collect()))
        .collect();
    Box::new(move |m: &mut Interpreter<'_>| {
        let mut message = DgMap::new();
        for (key, codes) in &entries {
            let mut values = Vec::with_capacity(codes.len());
            for code in codes {
                values.push(code(m)?);
            }
            let value = if values.len() == 1 {
                values.pop().unwrap_or(Value::Null)
            } else {
                Value::new_list(values)
            };
            message.insert(key.as_str().into(), value);
        }
        if !message.iter().any(|(k, _)| k.eq_ignore_ascii_case("to")) {
            return Err(RuntimeError::new(
                format!("`{name}` needs a `to` address"),
                span,
                "no to: entry",
            ));
        }
        if name == "sendsms" {
            message.insert("channel".into(), Value::text("sms"));
        }
        crate::builtins::crm::send_mail(&message).map_err(|e| {
            RuntimeError::new(e.message, span, format!("in this {name}")).with_optional_help(e.help)
        })?;
        Ok(Value::Null)
    })
}
