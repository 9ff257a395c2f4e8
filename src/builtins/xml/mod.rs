//! XML: `toXML` (JSON text or a map as XML under `<root>`) and `executeXPath` (an XPath over XML
//! or JSON text), plus the lenient JSON reading Zoho's examples rely on.

mod lenient;
mod write;
mod xpath;

pub(crate) use lenient::parse as parse_lenient_json;

use super::{text_arg, BuiltinError, BuiltinResult, MethodDef};
use crate::value::Value;

pub static TEXT_METHODS: &[MethodDef] = &[
    method!(
        "toXML",
        "",
        0..=0,
        to_xml,
        "JSON text as XML: each key an element, inside <root>"
    ),
    method!(
        "executeXPath",
        "xpath",
        1..=1,
        execute_xpath,
        "what an XPath selects in XML (or JSON) text, written out as text"
    ),
];

pub static MAP_METHODS: &[MethodDef] = &[method!(
    "toXML",
    "",
    0..=0,
    to_xml,
    "the map as XML: each key an element, inside <root>"
)];

/// The receiver as a JSON value: a map as itself, text read as (lenient) JSON.
fn json_value(v: &Value, what: &str) -> Result<Value, BuiltinError> {
    match v {
        Value::Text(t) => lenient::parse(t, what),
        Value::Map(_) | Value::List(_) => Ok(v.clone()),
        other => Err(BuiltinError::new(format!(
            "`{what}` expects JSON text or a Map, got {}",
            other.type_name()
        ))),
    }
}

fn to_xml(v: &Value, _: &[Value]) -> BuiltinResult {
    let value = json_value(v, "toXML")?;
    let xml = write::to_xml(&value, "root");
    crate::limits::check_text(xml.len())?;
    Ok(Value::text(&xml))
}

/// JSON text is first turned into XML as `toXML` does, so its paths start with `/root`.
fn execute_xpath(v: &Value, args: &[Value]) -> BuiltinResult {
    let path = text_arg(args, 0, "executeXPath")?;
    let Value::Text(text) = v else {
        return Err(BuiltinError::new(format!(
            "`executeXPath` expects XML or JSON text, got {}",
            v.type_name()
        )));
    };
    let trimmed = text.trim_start();
    let found = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let xml = write::to_xml(&lenient::parse(text, "executeXPath")?, "root");
        xpath::evaluate(&xml, path)?
    } else {
        xpath::evaluate(text, path)?
    };
    Ok(Value::text(&found))
}
