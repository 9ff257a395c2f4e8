//! Fuzz target: the `${var}` template renderer in every position (path, query, header, JSON,
//! XML, form and plain bodies). The input is split at NUL bytes into the URL, a header, a query
//! parameter, the body, a content-type choice and the values of the variables `a`, `b` and `c`.
#![no_main]

use std::rc::Rc;

use dg::apis::ApiDef;
use dg::value::{DgMap, Value};
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [Option<&str>; 5] = [
    None,
    Some("application/json"),
    Some("application/xml"),
    Some("application/x-www-form-urlencoded"),
    Some("text/plain"),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split('\0');
    let mut next = || parts.next().unwrap_or("").to_string();
    let url = format!("http://127.0.0.1/{}", next());
    let header = next();
    let param = next();
    let body = next();
    let kind = next().len() % CONTENT_TYPES.len();
    let mut api: ApiDef = match serde_json::from_value(serde_json::json!({
        "name": "fuzz",
        "method": "POST",
        "url": url,
    })) {
        Ok(api) => api,
        Err(_) => return,
    };
    api.headers.insert("X-Fuzz".into(), header);
    api.params.insert("q".into(), param);
    api.body = (!body.is_empty()).then_some(body);
    api.content_type = CONTENT_TYPES[kind].map(str::to_string);
    let mut vars = DgMap::new();
    for name in ["a", "b", "c"] {
        let raw = next();
        // A value that reads as JSON keeps its type (numbers, lists, maps), else it is text.
        let value = dg::value::from_json_text(&raw).unwrap_or_else(|_| Value::text(&raw));
        vars.insert(Rc::from(name), value);
    }
    let _ = dg::apis::template::check(&api);
    let _ = dg::apis::template::render(&api, &vars);
});
