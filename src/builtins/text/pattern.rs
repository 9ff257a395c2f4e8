//! Regular-expression methods (`replaceAll`, `replaceFirst`, `matches`) with Java-style replacements.
//!
//! Deluge runs on Java, so replacements follow `java.util.regex`: `$1` or `${name}` inserts a group,
//! `\$` a dollar sign, `\\` a backslash. Patterns use the `regex` crate's syntax, which agrees with
//! Java's for everything but look-around and back-references (refused with an error).

use std::cell::RefCell;

use regex::{Captures, Regex, RegexBuilder};

use super::{text, this};
use crate::builtins::args::{bool_arg, text_like};
use crate::builtins::{BuiltinError, BuiltinResult};
use crate::limits::{self, MAX_TEXT_BYTES};
use crate::value::Value;

pub(super) fn replace_all(v: &Value, args: &[Value]) -> BuiltinResult {
    replace(v, args, "replaceAll", 0, false)
}

pub(super) fn replace_first(v: &Value, args: &[Value]) -> BuiltinResult {
    replace(v, args, "replaceFirst", 1, false)
}

pub(super) fn replace_all_ic(v: &Value, args: &[Value]) -> BuiltinResult {
    replace(v, args, "replaceAllIgnoreCase", 0, true)
}

pub(super) fn replace_first_ic(v: &Value, args: &[Value]) -> BuiltinResult {
    replace(v, args, "replaceFirstIgnoreCase", 1, true)
}

/// The byte range of the first occurrence of plain text `needle`, letter case ignored.
pub(super) fn find_ignore_case(
    hay: &str,
    needle: &str,
) -> Result<Option<std::ops::Range<usize>>, BuiltinError> {
    let re = compiled(&regex::escape(needle), true, false)?;
    Ok(re.find(hay).map(|m| m.range()))
}

/// Replaces `limit` matches (0 = all). The optional third argument, Zoho's `literal`, makes the
/// search and the replacement plain text (no regex, no `$1`).
fn replace(
    v: &Value,
    args: &[Value],
    what: &str,
    limit: usize,
    ignore_case: bool,
) -> BuiltinResult {
    let pattern = text_like(args, 0, what)?;
    let replacement = text_like(args, 1, what)?;
    // The IgnoreCase pages type the flag as text, so "true" and "false" are read too.
    let literal = match args.get(2) {
        Some(Value::Text(t)) if t.eq_ignore_ascii_case("true") => true,
        Some(Value::Text(t)) if t.eq_ignore_ascii_case("false") => false,
        Some(_) => bool_arg(args, 2, what)?,
        None => false,
    };
    let (re, pieces) = if literal {
        let re = compiled(&regex::escape(&pattern), ignore_case, false)?;
        (re, vec![Piece::Literal(replacement.into_owned())])
    } else {
        let re = compiled(&pattern, ignore_case, false)?;
        let pieces = parse_replacement(&replacement, &re)?;
        (re, pieces)
    };
    // A replacement can be far longer than what it replaces: stop expanding past the limit.
    let mut produced = 0;
    let out = re.replacen(this(v), limit, |caps: &Captures| {
        if produced > MAX_TEXT_BYTES {
            return String::new();
        }
        let piece = expand(&pieces, caps);
        produced += piece.len();
        piece
    });
    limits::check_text(produced.max(out.len()))?;
    text(&out)
}

/// True when the whole text matches (not just a part of it).
pub(super) fn matches(v: &Value, args: &[Value]) -> BuiltinResult {
    let pattern = text_like(args, 0, "matches")?;
    let re = compiled(&pattern, false, true)?;
    Ok(Value::Bool(re.is_match(this(v))))
}

/// Compiled patterns kept per thread, so a regex used in a loop is compiled once.
const CACHE_SIZE: usize = 32;

thread_local! {
    static CACHE: RefCell<Vec<(String, Flags, Regex)>> = const { RefCell::new(Vec::new()) };
}

/// (ignore case, anchored at both ends)
type Flags = (bool, bool);

fn compiled(pattern: &str, ignore_case: bool, whole: bool) -> Result<Regex, BuiltinError> {
    let flags = (ignore_case, whole);
    let hit = CACHE.with_borrow(|cache| {
        cache
            .iter()
            .find(|(p, f, _)| p == pattern && *f == flags)
            .map(|(_, _, re)| re.clone())
    });
    if let Some(re) = hit {
        return Ok(re);
    }
    let build = |source: &str| {
        RegexBuilder::new(source)
            .case_insensitive(ignore_case)
            .size_limit(1 << 22)
            .build()
            .map_err(|e| regex_error(pattern, &e))
    };
    let mut re = build(pattern)?;
    if whole {
        // Checked alone first: wrapped, a broken pattern such as `[a-` fails in a confusing way
        // (or `a)|(b` would even become valid).
        re = build(&format!(r"\A(?:{pattern})\z"))?;
    }
    CACHE.with_borrow_mut(|cache| {
        if cache.len() >= CACHE_SIZE {
            cache.remove(0);
        }
        cache.push((pattern.to_string(), flags, re.clone()));
    });
    Ok(re)
}

fn regex_error(pattern: &str, e: &regex::Error) -> BuiltinError {
    let detail = match e {
        regex::Error::Syntax(s) => s
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("error: "))
            .unwrap_or("syntax error")
            .to_string(),
        regex::Error::CompiledTooBig(_) => "the pattern is too large".to_string(),
        other => other.to_string(),
    };
    let help = if detail.contains("look-around") || detail.contains("backreferences") {
        "look-ahead, look-behind and back-references are not supported"
    } else {
        r#"the pattern is a regular expression: escape ( ) [ ] . * + ? $ ^ | \ with a backslash, e.g. "\\.""#
    };
    BuiltinError::new(format!("invalid regular expression {pattern:?}: {detail}")).with_help(help)
}

/// One part of a parsed replacement text.
#[derive(Debug, PartialEq)]
enum Piece {
    Literal(String),
    Group(usize),
    Named(String),
}

/// Parses a Java replacement text against the pattern's groups (Java's `appendReplacement` rules:
/// `$12` is group 12 only if the pattern has 12 groups, otherwise group 1 followed by "2").
fn parse_replacement(rep: &str, re: &Regex) -> Result<Vec<Piece>, BuiltinError> {
    let groups = re.captures_len().saturating_sub(1);
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut chars = rep.chars().peekable();
    let bad = |msg: String| {
        BuiltinError::new(msg)
            .with_help(r#"write "\\$" for a literal dollar sign and "\\\\" for a backslash"#)
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) => lit.push(next),
                None => return Err(bad("the replacement ends with a lone backslash".into())),
            },
            '$' => {
                if !lit.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut lit)));
                }
                if chars.peek() == Some(&'{') {
                    chars.next();
                    let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    if re.capture_names().flatten().all(|n| n != name) {
                        return Err(bad(format!("the pattern has no group named {name:?}")));
                    }
                    pieces.push(Piece::Named(name));
                    continue;
                }
                let Some(first) = chars.peek().and_then(|c| c.to_digit(10)) else {
                    return Err(bad(
                        "`$` in the replacement must be followed by a group number".into(),
                    ));
                };
                chars.next();
                let mut n = first as usize;
                if n > groups {
                    return Err(bad(format!("the pattern has no group {n}")));
                }
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                    let longer = n * 10 + d as usize;
                    if longer > groups {
                        break;
                    }
                    n = longer;
                    chars.next();
                }
                pieces.push(Piece::Group(n));
            }
            other => lit.push(other),
        }
    }
    if !lit.is_empty() {
        pieces.push(Piece::Literal(lit));
    }
    Ok(pieces)
}

fn expand(pieces: &[Piece], caps: &Captures) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(s) => out.push_str(s),
            Piece::Group(n) => out.push_str(caps.get(*n).map_or("", |m| m.as_str())),
            Piece::Named(name) => out.push_str(caps.name(name).map_or("", |m| m.as_str())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_numbers_stop_at_the_group_count() {
        let re = Regex::new("(a)(b)").unwrap();
        let pieces = parse_replacement("$12-$2", &re).unwrap();
        assert_eq!(
            pieces,
            vec![
                Piece::Group(1),
                Piece::Literal("2-".into()),
                Piece::Group(2)
            ]
        );
        assert!(parse_replacement("$3", &re).is_err());
        assert!(parse_replacement("cost: $", &re).is_err());
        assert_eq!(
            parse_replacement(r"\$5", &re).unwrap(),
            vec![Piece::Literal("$5".into())]
        );
    }
}
