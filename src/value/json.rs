//! JSON text to values: objects become maps (in document order), arrays lists, numbers integers or
//! decimals (never binary floats, so `0.1` stays `0.1`).

use std::fmt;
use std::rc::Rc;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{DgMap, Value};

/// Why a text is not JSON, with the 1-based line and column serde_json reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// A serde_json value (a stored record, a request body) as a script value, by the same rules as
/// JSON text; null when it cannot be read.
pub fn from_serde(json: &serde_json::Value) -> Value {
    from_json_text(&json.to_string()).unwrap_or(Value::Null)
}

/// A script value as a serde_json value, by `to_json`'s rules; null when it cannot be read back.
pub fn to_serde(value: &Value) -> serde_json::Value {
    serde_json::from_str(&super::to_json(value)).unwrap_or(serde_json::Value::Null)
}

/// Parses JSON text into a value.
pub fn from_json_text(text: &str) -> Result<Value, JsonError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = de
        .deserialize_any(ValueVisitor)
        .and_then(|v| de.end().map(|_| v));
    parsed.map_err(|e| JsonError {
        message: strip_position(&e.to_string()),
        line: e.line(),
        column: e.column(),
    })
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(match i64::try_from(v) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Decimal(Decimal::from(v)),
        })
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        // Rust prints the shortest text that reads back as the same f64, which is the text the
        // document most likely held ("0.1", "1999.75").
        let text = v.to_string();
        Decimal::from_str(&text)
            .or_else(|_| Decimal::from_scientific(&format!("{v:e}")))
            .map(Value::Decimal)
            .map_err(|_| E::custom(format!("number {text} is out of range for a decimal")))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::text(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(ValueSeed)? {
            items.push(item);
        }
        Ok(Value::new_list(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = DgMap::default();
        while let Some(key) = access.next_key::<KeyText>()? {
            let value = access.next_value_seed(ValueSeed)?;
            map.insert(key.0, value);
        }
        Ok(Value::new_map(map))
    }
}

struct ValueSeed;

impl<'de> de::DeserializeSeed<'de> for ValueSeed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct KeyText(Rc<str>);

impl<'de> de::Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyText, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(Rc::from(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_documents_in_order() {
        let v = from_json_text(r#"{"b":1,"a":[0.1,true,null,"x"],"c":{"d":-2}}"#).unwrap();
        assert_eq!(
            v.to_display(),
            r#"{"b":1,"a":[0.1,true,null,"x"],"c":{"d":-2}}"#
        );
    }

    #[test]
    fn big_integers_become_decimals() {
        let v = from_json_text("18446744073709551615").unwrap();
        assert_eq!(v.to_display(), "18446744073709551615.0");
    }

    #[test]
    fn errors_carry_a_position() {
        let e = from_json_text("{\"a\": }").unwrap_err();
        assert_eq!((e.line, e.column), (1, 7));
        assert!(from_json_text("[1] x").is_err());
    }
}
