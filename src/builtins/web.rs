//! Deluge's older web-data tasks, still common in pasted scripts: `getUrl(url, [headers],
//! [simple])` and `postUrl(url, values, [headers], [simple])`, run through the host like
//! `invokeurl`. A simple answer is the response text; `false` as the last argument gives
//! `{"responseCode", "responseText", "responseHeader"}`.

use super::{text_arg, BuiltinError, BuiltinResult, FunctionDef};
use crate::host::{self, UrlTask};
use crate::value::{to_json, Value};

pub static FUNCTIONS: &[FunctionDef] = &[
    function!(
        "getUrl",
        "url, headers, simple",
        1..=3,
        get_url,
        "an HTTP GET: the response text, or with false its code, text and headers (deprecated by Zoho for invokeurl)"
    ),
    function!(
        "postUrl",
        "url, values, headers, simple",
        2..=4,
        post_url,
        "an HTTP POST of a map as a form: the response text, or with false its code, text and headers (deprecated by Zoho for invokeurl)"
    ),
];

/// Splits the optional `[headers], [simple]` tail: a map is the headers, a Boolean says whether
/// the answer is simple (the default).
fn options(rest: &[Value], what: &str) -> Result<(Option<Value>, bool), BuiltinError> {
    let mut headers = None;
    let mut simple = true;
    for v in rest {
        match v {
            Value::Map(_) if headers.is_none() => headers = Some(v.clone()),
            Value::Bool(b) => simple = *b,
            Value::Null => {}
            other => {
                return Err(BuiltinError::new(format!(
                    "`{what}` takes a header map and true or false here, not {}",
                    other.type_name()
                ))
                .with_help(format!(
                    "e.g. {what}(url, {{\"Accept\": \"application/json\"}}, false)"
                )))
            }
        }
    }
    Ok((headers, simple))
}

/// The simple answer is text, as Zoho gives it; the detailed one keeps the response text as text.
fn answer(task: UrlTask, simple: bool) -> BuiltinResult {
    let result = host::invoke_url(&UrlTask {
        detailed: !simple,
        ..task
    })?;
    let as_text = |v: Value| match v {
        Value::Map(_) | Value::List(_) => Value::text(&to_json(&v)),
        other => other,
    };
    if simple {
        return Ok(as_text(result));
    }
    if let Value::Map(m) = &result {
        let body = m.borrow().get("responseText").cloned();
        if let Some(body) = body {
            m.borrow_mut().insert("responseText".into(), as_text(body));
        }
    }
    Ok(result)
}

fn get_url(args: &[Value]) -> BuiltinResult {
    let url = text_arg(args, 0, "getUrl")?.to_string();
    let (headers, simple) = options(&args[1..], "getUrl")?;
    let task = UrlTask {
        url,
        method: "GET".into(),
        headers,
        ..UrlTask::default()
    };
    answer(task, simple)
}

fn post_url(args: &[Value]) -> BuiltinResult {
    let url = text_arg(args, 0, "postUrl")?.to_string();
    let values = match &args[1] {
        Value::Map(_) => args[1].clone(),
        Value::Text(_) => args[1].clone(),
        other => {
            return Err(BuiltinError::new(format!(
                "`postUrl` sends a map of values, not {}",
                other.type_name()
            )))
        }
    };
    let (headers, simple) = options(&args[2..], "postUrl")?;
    let (parameters, body) = match values {
        Value::Map(_) => (Some(values), None),
        text => (None, Some(text)),
    };
    let task = UrlTask {
        url,
        method: "POST".into(),
        parameters,
        body,
        headers,
        ..UrlTask::default()
    };
    answer(task, simple)
}
