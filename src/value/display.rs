//! Deluge's printing rules: how `info`, `toString()` and text concatenation show each value.
//!
//! Text shows as-is; integers plainly; decimals in shortest form but with one fractional digit when
//! whole (`2.5`, `5.0`); maps as compact JSON in insertion order; lists as their elements joined by
//! commas, where an element that is itself a list or map shows as JSON; null as `null`.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::Value;

/// Nesting beyond this is shown as `…` (it can only come from a list or map that contains itself).
pub const MAX_DISPLAY_DEPTH: usize = 64;

/// Writing stops with `…` once the text is longer than the text limit (lists sharing a list can
/// show as far more text than they take memory); whoever keeps the text then refuses it.
fn full(out: &mut String) -> bool {
    if out.len() > crate::limits::MAX_TEXT_BYTES {
        out.push('…');
        return true;
    }
    false
}

impl Value {
    /// The text this value shows as in `info`, `toString()` and `+` with text.
    pub fn to_display(&self) -> String {
        let mut out = String::new();
        self.write_display(&mut out);
        out
    }

    pub fn write_display(&self, out: &mut String) {
        match self {
            Value::Text(t) => out.push_str(t),
            Value::Date(_) | Value::DateTime(_) | Value::Time(_) => write_date(self, out),
            Value::List(items) => {
                let mut open = vec![container_id(self)];
                for (i, item) in items.borrow().iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if full(out) {
                        break;
                    }
                    match item {
                        Value::List(_) | Value::Map(_) => write_json(item, out, &mut open),
                        other => other.write_display(out),
                    }
                }
            }
            other => write_json(other, out, &mut Vec::new()),
        }
    }
}

/// Compact JSON text for a value (maps keep insertion order; text is escaped).
pub fn to_json(value: &Value) -> String {
    let mut out = String::new();
    write_json(value, &mut out, &mut Vec::new());
    out
}

/// The identity of a list or map (its shared allocation); 0 for other values.
fn container_id(value: &Value) -> usize {
    match value {
        Value::List(l) => std::rc::Rc::as_ptr(l) as *const () as usize,
        Value::Map(m) => std::rc::Rc::as_ptr(m) as *const () as usize,
        _ => 0,
    }
}

/// `open` holds the lists and maps being written around this value: one that contains itself is
/// shown as `…` where it recurs (so a self-referencing list costs linear, not exponential, time).
fn write_json(value: &Value, out: &mut String, open: &mut Vec<usize>) {
    let id = container_id(value);
    if id != 0 && (open.contains(&id) || open.len() > MAX_DISPLAY_DEPTH) {
        out.push('…');
        return;
    }
    if id != 0 && full(out) {
        return;
    }
    if id != 0 {
        open.push(id);
    }
    write_json_inner(value, out, open);
    if id != 0 {
        open.pop();
    }
}

fn write_json_inner(value: &Value, out: &mut String, open: &mut Vec<usize>) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => out.push_str(itoa::Buffer::new().format(*n)),
        Value::Decimal(d) => write_decimal(*d, out),
        Value::Text(t) => write_json_string(t, out),
        Value::Date(_) | Value::DateTime(_) | Value::Time(_) => {
            out.push('"');
            write_date(value, out);
            out.push('"');
        }
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.borrow().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if full(out) {
                    break;
                }
                write_json(item, out, open);
            }
            out.push(']');
        }
        Value::Map(map) => {
            out.push('{');
            for (i, (k, v)) in map.borrow().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if full(out) {
                    break;
                }
                write_json_string(k, out);
                out.push(':');
                write_json(v, out, open);
            }
            out.push('}');
        }
    }
}

/// Deluge's default date format `15-Mar-2019`, `15-Mar-2019 15:00:00` for a date-time, and a
/// time as it was written.
fn write_date(value: &Value, out: &mut String) {
    match value {
        Value::Date(d) => {
            let _ = write!(out, "{}", d.format("%d-%b-%Y"));
        }
        Value::DateTime(t) => {
            let _ = write!(out, "{}", t.format("%d-%b-%Y %H:%M:%S"));
        }
        Value::Time(t) => {
            let _ = write!(out, "{t}");
        }
        _ => {}
    }
}

/// Shortest form without trailing zeros, but always with a fractional digit (`5.0`).
pub fn write_decimal(d: Decimal, out: &mut String) {
    let d = d.normalize();
    if d.is_zero() {
        out.push_str("0.0");
        return;
    }
    let _ = write!(out, "{d}");
    if d.scale() == 0 {
        out.push_str(".0");
    }
}

fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends `text` with XML's five special characters as entities (org.json's `XML.escape`), as
/// XML bodies of connector APIs and `toXML` write text.
pub fn escape_xml_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::DgMap;
    use super::*;
    use std::rc::Rc;
    use std::str::FromStr;

    fn dec(s: &str) -> Value {
        Value::Decimal(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn decimals_are_shortest_but_keep_one_fraction_digit() {
        assert_eq!(dec("0.30").to_display(), "0.3");
        assert_eq!(dec("2.5").to_display(), "2.5");
        assert_eq!(dec("5").to_display(), "5.0");
        assert_eq!(dec("-0.0").to_display(), "0.0");
        assert_eq!(dec("1999.750").to_display(), "1999.75");
    }

    #[test]
    fn maps_are_compact_json_in_insertion_order() {
        let mut m = DgMap::default();
        m.insert(Rc::from("name"), Value::text("Ada"));
        m.insert(Rc::from("age"), Value::Int(36));
        m.insert(Rc::from("q\""), Value::Null);
        assert_eq!(
            Value::new_map(m).to_display(),
            r#"{"name":"Ada","age":36,"q\"":null}"#
        );
    }

    #[test]
    fn lists_join_with_commas_and_nest_as_json() {
        let inner = Value::new_list(vec![Value::Int(2), Value::Int(3)]);
        let l = Value::new_list(vec![Value::Int(1), inner, Value::text("a b")]);
        assert_eq!(l.to_display(), "1,[2,3],a b");
        let texts = Value::new_list(vec![Value::text("x")]);
        let outer = Value::new_list(vec![texts]);
        assert_eq!(outer.to_display(), r#"["x"]"#);
    }

    #[test]
    fn dates_show_in_deluge_default_format() {
        let d = chrono::NaiveDate::from_ymd_opt(2019, 3, 5).unwrap();
        assert_eq!(Value::Date(d).to_display(), "05-Mar-2019");
        let t = d.and_hms_opt(15, 0, 9).unwrap();
        assert_eq!(Value::DateTime(t).to_display(), "05-Mar-2019 15:00:09");
        assert_eq!(
            Value::new_list(vec![Value::Date(d)]).to_display(),
            "05-Mar-2019"
        );
    }

    #[test]
    fn a_list_holding_itself_twice_prints_quickly() {
        let l = Value::new_list(vec![]);
        if let Value::List(items) = &l {
            items.borrow_mut().push(l.clone());
            items.borrow_mut().push(l.clone());
        }
        assert_eq!(l.to_display(), "…,…");
        assert_eq!(to_json(&l), "[…,…]");
        if let Value::List(items) = &l {
            items.borrow_mut().clear();
        }
    }

    #[test]
    fn self_containing_list_does_not_recurse_forever() {
        let l = Value::new_list(vec![]);
        if let Value::List(items) = &l {
            items.borrow_mut().push(l.clone());
        }
        assert!(l.to_display().contains('…'));
        if let Value::List(items) = &l {
            items.borrow_mut().clear();
        }
    }
}
