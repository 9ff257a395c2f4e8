//! `--arg` values in the httpie conventions: `NAME=TEXT`, `NAME:=JSON`, `NAME=@FILE`, `NAME:=@FILE.json`.

use super::CliError;
use crate::value::{from_json_text, Value};

/// One `--arg`, read but not yet turned into a value (values live on the script thread).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawArg {
    pub name: String,
    pub payload: Payload,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    Text(String),
    /// JSON text, and where it came from (for error messages).
    Json {
        text: String,
        origin: String,
    },
}

/// Splits `NAME=…` / `NAME:=…` and reads `@FILE` contents.
pub fn parse_arg(arg: &str) -> Result<RawArg, CliError> {
    let bad = |reason: &str| CliError::BadArg {
        arg: arg.to_string(),
        reason: reason.to_string(),
    };
    let eq = arg.find('=').ok_or_else(|| bad("missing `=`"))?;
    let (name, json) = match arg[..eq].strip_suffix(':') {
        Some(name) => (name, true),
        None => (&arg[..eq], false),
    };
    if !is_identifier(name) {
        return Err(bad(
            "the name must be a Deluge identifier (letters, digits, _)",
        ));
    }
    let raw = &arg[eq + 1..];
    let (text, origin) = match raw.strip_prefix('@') {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| CliError::Read {
                path: path.to_string(),
                reason: e.to_string(),
            })?;
            (text, path.to_string())
        }
        None => (raw.to_string(), format!("--arg {name}")),
    };
    let payload = if json {
        Payload::Json { text, origin }
    } else {
        Payload::Text(text)
    };
    Ok(RawArg {
        name: name.to_string(),
        payload,
    })
}

impl RawArg {
    /// The script value: text as-is, or parsed JSON.
    pub fn to_value(&self) -> Result<Value, CliError> {
        match &self.payload {
            Payload::Text(t) => Ok(Value::text(t)),
            Payload::Json { text, origin } => from_json_text(text).map_err(|e| CliError::BadArg {
                arg: origin.clone(),
                reason: format!("invalid JSON: {e}"),
            }),
        }
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_json_forms() {
        assert_eq!(
            parse_arg("name=Ada=Lovelace").unwrap().payload,
            Payload::Text("Ada=Lovelace".into())
        );
        let json = parse_arg("n:={\"a\":1}").unwrap();
        assert_eq!(json.name, "n");
        assert!(matches!(json.payload, Payload::Json { ref text, .. } if text == "{\"a\":1}"));
        assert_eq!(json.to_value().unwrap().to_display(), "{\"a\":1}");
    }

    #[test]
    fn bad_names_and_json_are_errors() {
        assert!(parse_arg("noequals").is_err());
        assert!(parse_arg("1x=a").is_err());
        assert!(parse_arg("x:={").unwrap().to_value().is_err());
        assert!(parse_arg("x=@/definitely/missing/file").is_err());
    }
}
