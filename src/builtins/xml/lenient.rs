//! JSON as Zoho reads it (org.json's rules): besides strict JSON, keys may be unquoted, strings
//! may be in single quotes, and a bare word is text (`{company:Zoho, product:'Creator'}`).

use std::rc::Rc;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::builtins::BuiltinError;
use crate::value::{from_json_text, DgMap, Value, MAX_DISPLAY_DEPTH};

/// Parses strict or lenient JSON text; `what` names the function in errors.
pub(crate) fn parse(text: &str, what: &str) -> Result<Value, BuiltinError> {
    if let Ok(v) = from_json_text(text) {
        return Ok(v);
    }
    let mut reader = Reader {
        chars: text.char_indices().peekable(),
        text,
    };
    let value = reader.value(0);
    let value = value.and_then(|v| match reader.skip_space() {
        None => Ok(v),
        Some(c) => Err(format!("unexpected {c:?} after the value")),
    });
    value.map_err(|why| {
        BuiltinError::new(format!("`{what}`: the text is not JSON ({why})"))
            .with_help("JSON text looks like {\"key\": \"value\"} or [1, 2]")
    })
}

struct Reader<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text: &'a str,
}

impl Reader<'_> {
    /// The next character that is not white space, left unread.
    fn skip_space(&mut self) -> Option<char> {
        while let Some(&(_, c)) = self.chars.peek() {
            if !c.is_whitespace() {
                return Some(c);
            }
            self.chars.next();
        }
        None
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DISPLAY_DEPTH {
            return Err("it is nested too deeply".to_string());
        }
        match self.skip_space() {
            Some('{') => self.object(depth),
            Some('[') => self.array(depth),
            Some(q @ ('"' | '\'')) => {
                self.chars.next();
                Ok(Value::text(&self.quoted(q)?))
            }
            Some(_) => Ok(bare_value(self.bare())),
            None => Err("it ends where a value should be".to_string()),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, String> {
        self.chars.next();
        let mut map = DgMap::new();
        loop {
            let key = match self.skip_space() {
                Some('}') => {
                    self.chars.next();
                    break;
                }
                Some(q @ ('"' | '\'')) => {
                    self.chars.next();
                    self.quoted(q)?
                }
                Some(_) => self.bare().to_string(),
                None => return Err("an object is not closed".to_string()),
            };
            match self.chars.next() {
                Some((_, ':' | '=')) => {}
                _ => return Err(format!("the key {key:?} has no `:`")),
            }
            let value = self.value(depth + 1)?;
            map.insert(Rc::from(key), value);
            match self.skip_space() {
                Some(',' | ';') => {
                    self.chars.next();
                }
                Some('}') => {}
                _ => return Err("expected `,` or `}` in an object".to_string()),
            }
        }
        Ok(Value::new_map(map))
    }

    fn array(&mut self, depth: usize) -> Result<Value, String> {
        self.chars.next();
        let mut items = Vec::new();
        loop {
            if self.skip_space() == Some(']') {
                self.chars.next();
                break;
            }
            items.push(self.value(depth + 1)?);
            match self.skip_space() {
                Some(',') => {
                    self.chars.next();
                }
                Some(']') => {}
                _ => return Err("expected `,` or `]` in an array".to_string()),
            }
        }
        Ok(Value::new_list(items))
    }

    /// A quoted string after its opening quote, with JSON's backslash escapes.
    fn quoted(&mut self, quote: char) -> Result<String, String> {
        let mut out = String::new();
        loop {
            match self.chars.next() {
                None => return Err("a string is not closed".to_string()),
                Some((_, c)) if c == quote => return Ok(out),
                Some((_, '\\')) => match self.chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, 'r')) => out.push('\r'),
                    Some((_, 'b')) => out.push('\u{8}'),
                    Some((_, 'f')) => out.push('\u{c}'),
                    Some((_, 'u')) => {
                        let hex: String = (0..4)
                            .filter_map(|_| self.chars.next())
                            .map(|p| p.1)
                            .collect();
                        let code = u32::from_str_radix(&hex, 16).map_err(|_| "a bad \\u escape")?;
                        out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                    }
                    Some((_, c)) => out.push(c),
                    None => return Err("a string is not closed".to_string()),
                },
                Some((_, c)) => out.push(c),
            }
        }
    }

    /// An unquoted word: up to a character that ends one in org.json, trimmed.
    fn bare(&mut self) -> &str {
        let start = self.chars.peek().map_or(self.text.len(), |p| p.0);
        let mut end = start;
        while let Some(&(i, c)) = self.chars.peek() {
            if ",:]}/\\\"[{;=#".contains(c) {
                break;
            }
            end = i + c.len_utf8();
            self.chars.next();
        }
        self.text[start..end].trim()
    }
}

/// An unquoted word as org.json reads it: true, false, null, a number, or else text.
fn bare_value(word: &str) -> Value {
    match word {
        "true" => return Value::Bool(true),
        "false" => return Value::Bool(false),
        "null" => return Value::Null,
        _ => {}
    }
    let numeric = word
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '-');
    if numeric {
        if let Ok(n) = word.parse::<i64>() {
            return Value::Int(n);
        }
        if let Ok(d) = Decimal::from_str(word) {
            return Value::Decimal(d);
        }
    }
    Value::text(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> String {
        crate::value::to_json(&parse(text, "t").unwrap())
    }

    #[test]
    fn unquoted_keys_single_quotes_and_bare_words() {
        assert_eq!(
            json("{Name:'Lia Shelton', OrderNo:[343,443,577]}"),
            r#"{"Name":"Lia Shelton","OrderNo":[343,443,577]}"#
        );
        assert_eq!(
            json("{company:Zoho, product:Creator, ok: true, n: 2.5}"),
            r#"{"company":"Zoho","product":"Creator","ok":true,"n":2.5}"#
        );
        assert!(parse("{a:1", "t").is_err());
        assert!(parse("[1] x", "t").is_err());
    }
}
