//! JSON as Zoho reads it for `toXML`, `executeXPath` and `toCollection`: strict JSON, else the
//! relaxed form (`{company:Zoho, product:'Creator'}`) that `value::from_lenient_json` reads.

use crate::builtins::BuiltinError;
use crate::value::{from_json_text, from_lenient_json, Value};

/// Parses strict or lenient JSON text; `what` names the function in errors.
pub(crate) fn parse(text: &str, what: &str) -> Result<Value, BuiltinError> {
    if let Ok(v) = from_json_text(text) {
        return Ok(v);
    }
    from_lenient_json(text).map_err(|why| {
        BuiltinError::new(format!("`{what}`: the text is not JSON ({why})"))
            .with_help("JSON text looks like {\"key\": \"value\"} or [1, 2]")
    })
}
