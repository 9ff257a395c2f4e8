//! Zoho's relaxed JSON, read when text is not strict JSON: `{company:Zoho, product:'Creator'}`.
//!
//! Keys may be unquoted; strings may be in single or double quotes; an unquoted value runs to the
//! next `,`, `}` or `]` and is read as `true`, `false`, `null`, a number, or else text. Strict JSON
//! is read by `from_json_text`; this reader is only the fallback, so valid JSON never reaches it.

use std::rc::Rc;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::{DgMap, Value};

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 256;

/// Reads relaxed JSON text holding an object or an array; the error says what went wrong where.
pub fn from_lenient_json(text: &str) -> Result<Value, String> {
    let mut reader = Reader {
        chars: text.char_indices().peekable(),
        text,
    };
    reader.skip_space();
    let value = match reader.peek() {
        Some('{') | Some('[') => reader.value(0)?,
        _ => return Err("the text does not start with { or [".into()),
    };
    reader.skip_space();
    match reader.chars.next() {
        None => Ok(value),
        Some((at, c)) => Err(format!("unexpected {c:?} after the end, at character {at}")),
    }
}

struct Reader<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text: &'a str,
}

impl Reader<'_> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.chars.next();
        }
    }

    fn expect(&mut self, want: char) -> Result<(), String> {
        self.skip_space();
        match self.chars.next() {
            Some((_, c)) if c == want => Ok(()),
            Some((at, c)) => Err(format!("expected {want:?}, found {c:?} at character {at}")),
            None => Err(format!("expected {want:?}, found the end of the text")),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(format!("nesting deeper than {MAX_DEPTH} levels"));
        }
        self.skip_space();
        match self.peek() {
            Some('{') => self.object(depth),
            Some('[') => self.array(depth),
            Some(q @ ('"' | '\'')) => {
                self.chars.next();
                Ok(Value::Text(Rc::from(self.quoted(q)?)))
            }
            _ => Ok(bare_value(&self.bare(&[',', '}', ']'])?)),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, String> {
        self.expect('{')?;
        let mut map = DgMap::new();
        self.skip_space();
        if self.peek() == Some('}') {
            self.chars.next();
            return Ok(Value::new_map(map));
        }
        loop {
            self.skip_space();
            let key = match self.peek() {
                Some(q @ ('"' | '\'')) => {
                    self.chars.next();
                    self.quoted(q)?
                }
                _ => self.bare(&[':'])?,
            };
            self.expect(':')?;
            let value = self.value(depth + 1)?;
            map.insert(Rc::from(key), value);
            self.skip_space();
            match self.chars.next() {
                Some((_, ',')) => continue,
                Some((_, '}')) => return Ok(Value::new_map(map)),
                Some((at, c)) => {
                    return Err(format!(
                        "expected ',' or '}}', found {c:?} at character {at}"
                    ))
                }
                None => return Err("the object is not closed with '}'".into()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, String> {
        self.expect('[')?;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(']') {
            self.chars.next();
            return Ok(Value::new_list(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.chars.next() {
                Some((_, ',')) => continue,
                Some((_, ']')) => return Ok(Value::new_list(items)),
                Some((at, c)) => {
                    return Err(format!(
                        "expected ',' or ']', found {c:?} at character {at}"
                    ))
                }
                None => return Err("the array is not closed with ']'".into()),
            }
        }
    }

    /// The rest of a quoted string whose opening quote `q` has been read, escapes resolved.
    fn quoted(&mut self, q: char) -> Result<String, String> {
        let mut out = String::new();
        loop {
            match self.chars.next() {
                None => return Err(format!("a string is not closed with {q}")),
                Some((_, c)) if c == q => return Ok(out),
                Some((_, '\\')) => match self.chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, 'r')) => out.push('\r'),
                    Some((_, 'b')) => out.push('\u{8}'),
                    Some((_, 'f')) => out.push('\u{c}'),
                    Some((at, 'u')) => {
                        let hex: String = (0..4)
                            .filter_map(|_| self.chars.next())
                            .map(|(_, c)| c)
                            .collect();
                        let c = u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| format!("bad \\u escape at character {at}"))?;
                        out.push(c);
                    }
                    Some((_, other)) => out.push(other),
                    None => return Err(format!("a string is not closed with {q}")),
                },
                Some((_, c)) => out.push(c),
            }
        }
    }

    /// Unquoted text up to (not including) one of `stops`, trimmed; it may not be empty.
    fn bare(&mut self, stops: &[char]) -> Result<String, String> {
        let start = self.chars.peek().map_or(self.text.len(), |&(i, _)| i);
        let mut end = start;
        while let Some(&(i, c)) = self.chars.peek() {
            if stops.contains(&c) || c == '{' || c == '[' {
                break;
            }
            end = i + c.len_utf8();
            self.chars.next();
        }
        let word = self.text[start..end].trim();
        if word.is_empty() {
            return Err(format!("a value is missing at character {start}"));
        }
        Ok(word.to_string())
    }
}

/// An unquoted value: a literal, a number, or text.
fn bare_value(word: &str) -> Value {
    match word {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        _ => {
            if let Ok(n) = word.parse::<i64>() {
                return Value::Int(n);
            }
            let numeric = word
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
            match Decimal::from_str(word) {
                Ok(d) if numeric => Value::Decimal(d),
                _ => Value::text(word),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        match from_lenient_json(text) {
            Ok(v) => super::super::to_json(&v),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn unquoted_keys_and_values_and_single_quotes() {
        assert_eq!(
            shown("{company:Zoho, product:'Creator'}"),
            r#"{"company":"Zoho","product":"Creator"}"#
        );
        assert_eq!(
            shown("{Name:'Ann Lee', Orders:[12, 3.5, true, null]}"),
            r#"{"Name":"Ann Lee","Orders":[12,3.5,true,null]}"#
        );
        assert_eq!(shown("[ a b , {x:{y:1}} ]"), r#"["a b",{"x":{"y":1}}]"#);
    }

    #[test]
    fn broken_text_is_an_error() {
        assert!(shown("{a:1").starts_with("error"));
        assert!(shown("{a 1}").starts_with("error"));
        assert!(shown("abc").starts_with("error"));
        assert!(shown("{a:'x}").starts_with("error"));
        assert!(shown(&"[".repeat(1000)).starts_with("error"));
    }
}
