//! `zoho.crm.invokeConnector(id, map)`: calls a published connector API through the host.

use super::{BuiltinError, BuiltinResult};
use crate::value::{DgMap, Value};

pub fn invoke_connector(args: &[Value]) -> BuiltinResult {
    let id = match &args[0] {
        Value::Text(t) => t.to_string(),
        other => {
            return Err(BuiltinError::new(format!(
                "invokeConnector needs the API's name as text, not {}",
                other.type_name()
            ))
            .with_help("e.g. zoho.crm.invokeConnector(\"extension.connector.api\", values)"))
        }
    };
    let vars = match args.get(1) {
        Some(Value::Map(m)) => m.borrow().clone(),
        Some(Value::Null) | None => DgMap::new(),
        Some(other) => {
            return Err(BuiltinError::new(format!(
                "invokeConnector needs a map of placeholder values, not {}",
                other.type_name()
            )))
        }
    };
    crate::host::invoke_connector(&id, &vars)
}
