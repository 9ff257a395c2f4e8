//! `${name}` placeholders in an API's URL, headers, parameters and body, filled in one pass (a
//! substituted value is never expanded again) and escaped for where each one stands:
//! percent-encoded in URL paths and query values, refused with CR/LF in headers, JSON-escaped in
//! JSON bodies (a placeholder that is a whole JSON value keeps the value's type), XML-escaped in XML
//! bodies, form-encoded in form bodies. A value nobody supplied is an error that names it and where.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::ApiDef;
use crate::connectors::ConnectorError;
use crate::value::{to_json, DgMap, Value};

/// Everything but RFC 3986 unreserved characters is encoded in a path segment or query value.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A request ready to send: the API with every placeholder filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum TemplateError {
    #[error("no value for ${{{name}}}, used in {place}")]
    #[diagnostic(
        code(dg::api::missing_value),
        help("supply it: `--var {name}=VALUE` with `dg api execute`, or a \"{name}\" key in the map given to invokeConnector")
    )]
    Missing { name: String, place: String },
    #[error("the value of ${{{name}}} in header {header} holds a line break")]
    #[diagnostic(
        code(dg::api::header_injection),
        help("header values cannot span lines; remove CR and LF from the value")
    )]
    LineBreak { name: String, header: String },
    #[error("the URL after filling in values is not valid: {0}")]
    #[diagnostic(
        code(dg::api::url),
        help("check the API's URL (`dg api show`) and the values given for its placeholders")
    )]
    BadUrl(String),
}

/// How a body is written, from its content type (or, without one, its first character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Xml,
    Form,
    Text,
}

pub fn body_kind(content_type: Option<&str>, body: &str) -> BodyKind {
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    if ct.contains("json") {
        BodyKind::Json
    } else if ct.contains("xml") {
        BodyKind::Xml
    } else if ct.contains("x-www-form-urlencoded") {
        BodyKind::Form
    } else if !ct.is_empty() {
        BodyKind::Text
    } else {
        match body.trim_start().chars().next() {
            Some('{' | '[') => BodyKind::Json,
            Some('<') => BodyKind::Xml,
            // `a=${x}&b=1` with no content type is a form: its values must not add fields.
            _ if body.contains('=') && !body.trim().contains(char::is_whitespace) => BodyKind::Form,
            _ => BodyKind::Text,
        }
    }
}

/// The content type an API sends: its own setting, else its Content-Type header.
pub fn content_type(api: &ApiDef) -> Option<&str> {
    api.content_type.as_deref().or_else(|| {
        api.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.as_str())
    })
}

/// A piece of a template: literal text or a placeholder name.
enum Piece<'a> {
    Text(&'a str),
    Var(&'a str),
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'
}

/// Splits a template into literal text and `${name}` placeholders; a `$` not followed by a
/// well-formed placeholder is literal.
fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) if end > 0 && after[..end].chars().all(is_name_char) => {
                if start > 0 {
                    out.push(Piece::Text(&rest[..start]));
                }
                out.push(Piece::Var(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push(Piece::Text(&rest[..start + 2]));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The placeholder names a template uses, in order.
pub fn placeholders(template: &str) -> Vec<String> {
    pieces(template)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Var(name) => Some(name.to_string()),
            Piece::Text(_) => None,
        })
        .collect()
}

/// The literal text of a template, its placeholders removed.
fn literal(template: &str) -> String {
    pieces(template)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t),
            Piece::Var(_) => None,
        })
        .collect()
}

/// Checks the literal parts of an API's templates: header names and values, and that credentials
/// come from placeholders (definitions go into manifests, which never hold secrets).
pub fn check(api: &ApiDef) -> Result<(), ConnectorError> {
    use crate::http::log::{secret_header, secret_param};
    for (name, value) in &api.headers {
        // `Bearer ${token}` is fine; `Bearer sk-live-…` is a secret written into the definition.
        let rest = literal(value);
        if secret_header(name)
            && (placeholders(value).is_empty() || rest.split_whitespace().count() > 1)
        {
            return Err(ConnectorError::Invalid(format!(
                "header {name} holds a credential; give it as a placeholder (e.g. \"{name}: Bearer ${{token}}\") \
                 and pass the value at call time, or let the connector authorize the call"
            )));
        }
    }
    for (name, value) in &api.params {
        if secret_param(name) && !literal(value).trim().is_empty() {
            return Err(ConnectorError::Invalid(format!(
                "parameter {name} holds a credential; use a placeholder (\"{name}=${{{name}}}\") and pass the value at call time"
            )));
        }
    }
    for (name, value) in &api.headers {
        let name_ok = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !name_ok {
            return Err(ConnectorError::Invalid(format!(
                "{name:?} is not a valid header name"
            )));
        }
        if value.contains(['\r', '\n']) {
            return Err(ConnectorError::Invalid(format!(
                "the value of header {name} holds a line break"
            )));
        }
    }
    Ok(())
}

/// Fills one template, each value passed through `escape`.
fn fill(
    template: &str,
    vars: &DgMap,
    place: &str,
    mut escape: impl FnMut(&str, &Value, &mut String) -> Result<(), TemplateError>,
) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(template.len());
    for piece in pieces(template) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(name) => {
                let value = lookup(vars, name, place)?;
                escape(name, &value, &mut out)?;
            }
        }
    }
    Ok(out)
}

fn lookup(vars: &DgMap, name: &str, place: &str) -> Result<Value, TemplateError> {
    vars.get(name)
        .cloned()
        .ok_or_else(|| TemplateError::Missing {
            name: name.to_string(),
            place: place.to_string(),
        })
}

/// The text a value stands for in a URL, header or XML/form body: Deluge's display form.
fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        other => other.to_display(),
    }
}

/// Fills every placeholder of an API.
pub fn render(api: &ApiDef, vars: &DgMap) -> Result<Rendered, TemplateError> {
    let url = render_url(&api.url, vars)?;
    let mut parsed = url::Url::parse(&url).map_err(|e| TemplateError::BadUrl(e.to_string()))?;
    if !api.params.is_empty() {
        let mut query = parsed.query_pairs_mut();
        for (key, value) in &api.params {
            let place = format!("parameter {key}");
            query.append_pair(
                key,
                &fill(value, vars, &place, |_, v, out| {
                    out.push_str(&text_of(v));
                    Ok(())
                })?,
            );
        }
    }
    let mut headers = Vec::with_capacity(api.headers.len());
    for (key, value) in &api.headers {
        let place = format!("header {key}");
        let filled = fill(value, vars, &place, |name, v, out| {
            let text = text_of(v);
            if text.contains(['\r', '\n']) {
                return Err(TemplateError::LineBreak {
                    name: name.to_string(),
                    header: key.clone(),
                });
            }
            out.push_str(&text);
            Ok(())
        })?;
        headers.push((key.clone(), filled));
    }
    if let Some(ct) = &api.content_type {
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            headers.push(("Content-Type".to_string(), ct.clone()));
        }
    }
    let body = match &api.body {
        Some(body) => Some(render_body(body, body_kind(content_type(api), body), vars)?),
        None => None,
    };
    Ok(Rendered {
        method: api.method.clone(),
        url: parsed.to_string(),
        headers,
        body,
    })
}

/// A URL: a placeholder that starts it is a base URL, inserted as it is; after that, values are
/// percent-encoded as one path segment or one query value.
fn render_url(template: &str, vars: &DgMap) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(template.len());
    for (i, piece) in pieces(template).into_iter().enumerate() {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(name) => {
                let text = text_of(&lookup(vars, name, "the URL")?);
                if i == 0 {
                    if text.contains(|c: char| c.is_whitespace() || c.is_control()) {
                        return Err(TemplateError::BadUrl(format!(
                            "the base URL in ${{{name}}} holds spaces or control characters"
                        )));
                    }
                    out.push_str(&text);
                } else {
                    let in_path = !out.contains('?');
                    if in_path && (text == "." || text == "..") {
                        return Err(TemplateError::BadUrl(format!(
                            "${{{name}}} is {text:?}, which would move out of its path segment"
                        )));
                    }
                    out.extend(utf8_percent_encode(&text, COMPONENT));
                }
            }
        }
    }
    Ok(out)
}

fn render_body(template: &str, kind: BodyKind, vars: &DgMap) -> Result<String, TemplateError> {
    match kind {
        BodyKind::Json => render_json(template, vars),
        BodyKind::Xml => fill(template, vars, "the body", |_, v, out| {
            crate::value::escape_xml_into(&text_of(v), out);
            Ok(())
        }),
        BodyKind::Form => fill(template, vars, "the body", |_, v, out| {
            out.extend(url::form_urlencoded::byte_serialize(text_of(v).as_bytes()));
            Ok(())
        }),
        BodyKind::Text => fill(template, vars, "the body", |_, v, out| {
            out.push_str(&text_of(v));
            Ok(())
        }),
    }
}

/// A JSON body. Inside a string a value is escaped as string content, except that a string that
/// is exactly `"${name}"` takes a non-text value whole (numbers stay numbers, maps become
/// objects); outside strings a placeholder is a whole value and is written as JSON.
fn render_json(template: &str, vars: &DgMap) -> Result<String, TemplateError> {
    let mut out = String::with_capacity(template.len());
    let mut in_string = false;
    let mut escaped = false;
    // The closing quote of a string replaced by a whole value is dropped.
    let mut drop_quote = false;
    let parts = pieces(template);
    for (i, piece) in parts.iter().enumerate() {
        match piece {
            Piece::Text(t) => {
                let t = if std::mem::take(&mut drop_quote) {
                    &t[1..]
                } else {
                    t
                };
                for c in t.chars() {
                    if in_string {
                        if escaped {
                            escaped = false;
                        } else if c == '\\' {
                            escaped = true;
                        } else if c == '"' {
                            in_string = false;
                        }
                    } else if c == '"' {
                        in_string = true;
                    }
                    out.push(c);
                }
            }
            Piece::Var(name) => {
                let value = lookup(vars, name, "the body")?;
                let json = to_json(&value);
                if !in_string {
                    out.push_str(&json);
                } else if whole_string(&out, parts.get(i + 1)) && !matches!(value, Value::Text(_)) {
                    out.pop();
                    out.push_str(&json);
                    in_string = false;
                    drop_quote = true;
                } else {
                    let quoted = to_json(&Value::text(&text_of(&value)));
                    out.push_str(&quoted[1..quoted.len() - 1]);
                }
            }
        }
    }
    Ok(out)
}

/// True when the placeholder fills a whole string value: `"` just before it and `"` just after,
/// and not an object key (a `:` follows).
fn whole_string(before: &str, next: Option<&Piece<'_>>) -> bool {
    before.ends_with('"')
        && !before.ends_with("\\\"")
        && matches!(next, Some(Piece::Text(t)) if t.starts_with('"') && !t[1..].trim_start().starts_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apis::tests::get;

    fn vars(pairs: &[(&str, Value)]) -> DgMap {
        let mut m = DgMap::new();
        for (k, v) in pairs {
            m.insert((*k).into(), v.clone());
        }
        m
    }

    fn text(s: &str) -> Value {
        Value::text(s)
    }

    fn json_body(body: &str, pairs: &[(&str, Value)]) -> String {
        render_body(body, BodyKind::Json, &vars(pairs)).unwrap()
    }

    #[test]
    fn url_values_are_encoded_by_position() {
        let mut api = get("a", "https://x.test/users/${id}/items?q=${q}&lang=en");
        api.params.insert("filter".into(), "${f}".into());
        let r = render(
            &api,
            &vars(&[
                ("id", text("a/b c")),
                ("q", text("a&b=c d")),
                ("f", text("x y&z")),
            ]),
        )
        .unwrap();
        assert_eq!(
            r.url,
            "https://x.test/users/a%2Fb%20c/items?q=a%26b%3Dc%20d&lang=en&filter=x+y%26z"
        );
    }

    #[test]
    fn a_leading_placeholder_is_a_base_url() {
        let api = get("a", "${base}/me");
        let r = render(&api, &vars(&[("base", text("http://127.0.0.1:9/v1"))])).unwrap();
        assert_eq!(r.url, "http://127.0.0.1:9/v1/me");
        assert!(render(&api, &vars(&[("base", text("http://x.test/ a"))])).is_err());
    }

    #[test]
    fn missing_values_name_the_placeholder_and_place() {
        let mut api = get("a", "https://x.test/${id}");
        let e = render(&api, &vars(&[])).unwrap_err();
        assert_eq!(e.to_string(), "no value for ${id}, used in the URL");
        api.url = "https://x.test/".into();
        api.headers.insert("X-Trace".into(), "t-${trace}".into());
        let e = render(&api, &vars(&[])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no value for ${trace}, used in header X-Trace"
        );
    }

    #[test]
    fn line_breaks_in_header_values_are_refused() {
        let mut api = get("a", "https://x.test/");
        api.headers.insert("X-Name".into(), "${n}".into());
        let e = render(&api, &vars(&[("n", text("a\r\nSet-Cookie: x=1"))])).unwrap_err();
        assert!(matches!(e, TemplateError::LineBreak { .. }), "{e}");
        api.headers.insert("X-Bad".into(), "a\nb".into());
        assert!(check(&api).is_err());
    }

    #[test]
    fn json_strings_escape_and_whole_values_keep_their_type() {
        let mut m = DgMap::new();
        m.insert("k".into(), Value::Int(1));
        let pairs = [
            ("name", text("Ann \"The\" O'Neil\\\n☃")),
            ("n", Value::Int(42)),
            ("m", Value::new_map(m)),
            ("t", text("42")),
        ];
        assert_eq!(
            json_body(
                r#"{"name": "Dear ${name}!", "age": ${n}, "obj": "${m}", "id": "${t}", "q": "${n}"}"#,
                &pairs
            ),
            r#"{"name": "Dear Ann \"The\" O'Neil\\\n☃!", "age": 42, "obj": {"k":1}, "id": "42", "q": 42}"#
        );
        let out = json_body(r#"{"a": "${name}"}"#, &pairs);
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed["a"], "Ann \"The\" O'Neil\\\n☃");
    }

    #[test]
    fn substituted_values_are_never_expanded_again() {
        let out = json_body(
            r#"{"a": "${x}"}"#,
            &[("x", text("${y}")), ("y", text("no"))],
        );
        assert_eq!(out, r#"{"a": "${y}"}"#);
    }

    #[test]
    fn xml_and_form_bodies_escape_their_way() {
        let pairs = [("v", text("Tom & \"Jerry\" <3 'x'"))];
        assert_eq!(
            render_body("<n a=\"${v}\">${v}</n>", BodyKind::Xml, &vars(&pairs)).unwrap(),
            "<n a=\"Tom &amp; &quot;Jerry&quot; &lt;3 &apos;x&apos;\">Tom &amp; &quot;Jerry&quot; &lt;3 &apos;x&apos;</n>"
        );
        assert_eq!(
            render_body("a=${v}&b=1", BodyKind::Form, &vars(&pairs)).unwrap(),
            "a=Tom+%26+%22Jerry%22+%3C3+%27x%27&b=1"
        );
    }

    #[test]
    fn body_kind_follows_the_content_type_then_the_body() {
        assert_eq!(body_kind(Some("application/atom+xml"), "x"), BodyKind::Xml);
        assert_eq!(
            body_kind(Some("application/vnd.api+json"), "x"),
            BodyKind::Json
        );
        assert_eq!(body_kind(Some("text/plain"), "{"), BodyKind::Text);
        assert_eq!(body_kind(None, " {\"a\":1}"), BodyKind::Json);
        assert_eq!(body_kind(None, "a=b"), BodyKind::Form);
        assert_eq!(body_kind(None, "hello, ${name}"), BodyKind::Text);
    }

    #[test]
    fn dot_segments_cannot_climb_out_of_the_path() {
        let api = get("a", "https://x.test/users/${id}/delete?x=${q}");
        for bad in [".", ".."] {
            let e = render(&api, &vars(&[("id", text(bad)), ("q", text(".."))])).unwrap_err();
            assert!(matches!(e, TemplateError::BadUrl(_)), "{e}");
        }
        let ok = render(&api, &vars(&[("id", text("...")), ("q", text(".."))])).unwrap();
        assert_eq!(ok.url, "https://x.test/users/.../delete?x=..");
    }

    #[test]
    fn object_keys_stay_strings_and_untyped_form_bodies_are_encoded() {
        assert_eq!(
            json_body(r#"{"${k}": 1}"#, &[("k", Value::Int(5))]),
            r#"{"5": 1}"#
        );
        assert_eq!(body_kind(None, "a=${x}&b=1"), BodyKind::Form);
        let out = render_body(
            "a=${x}&b=1",
            body_kind(None, "a=${x}&b=1"),
            &vars(&[("x", text("1&admin=true"))]),
        );
        assert_eq!(out.unwrap(), "a=1%26admin%3Dtrue&b=1");
    }

    #[test]
    fn credentials_must_come_from_placeholders() {
        let mut api = get("a", "https://x.test/");
        api.headers
            .insert("Authorization".into(), "Bearer ${token}".into());
        assert!(check(&api).is_ok());
        api.headers
            .insert("Authorization".into(), "Bearer sk-live-123".into());
        assert!(check(&api).is_err());
        api.headers.clear();
        api.params.insert("api_key".into(), "abc".into());
        assert!(check(&api).is_err());
        api.params.insert("api_key".into(), "${api_key}".into());
        assert!(check(&api).is_ok());
    }

    #[test]
    fn a_lone_dollar_is_literal() {
        assert_eq!(placeholders("$5 ${ok} ${not ok} ${}"), vec!["ok"]);
    }
}
