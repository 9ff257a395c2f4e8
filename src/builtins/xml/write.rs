//! Values as XML the way Zoho's `toXML` writes them (org.json's `XML.toString`): each key an
//! element, each element of an array a repeated element of the key's name, an empty text `<key/>`.
//!
//! Zoho reads JSON into a Java `HashMap`, so keys come out in that map's order, not the text's
//! (its documented `{Name:…, OrderNo:[…]}` gives OrderNo first); `java_order` reproduces it.

use std::rc::Rc;

use crate::limits;
use crate::value::{Value, MAX_DISPLAY_DEPTH};

/// `value` as XML under the element `tag` (`root` for toXML).
pub(crate) fn to_xml(value: &Value, tag: &str) -> String {
    let mut out = String::new();
    write(value, Some(tag), &mut out, 0);
    out
}

fn write(value: &Value, tag: Option<&str>, out: &mut String, depth: usize) {
    if depth > MAX_DISPLAY_DEPTH || out.len() > limits::MAX_TEXT_BYTES {
        return;
    }
    match value {
        Value::Map(map) => {
            let pairs: Vec<(Rc<str>, Value)> = map
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            open(tag, out);
            for i in java_order(pairs.iter().map(|(k, _)| &**k)) {
                let (key, item) = &pairs[i];
                match item {
                    Value::List(items) => {
                        for x in items.borrow().iter() {
                            if let Value::List(_) = x {
                                open(Some(key), out);
                                write(x, None, out, depth + 1);
                                close(Some(key), out);
                            } else {
                                write(x, Some(key), out, depth + 1);
                            }
                        }
                    }
                    Value::Text(t) if t.is_empty() => {
                        out.push('<');
                        out.push_str(key);
                        out.push_str("/>");
                    }
                    _ => write(item, Some(key), out, depth + 1),
                }
            }
            close(tag, out);
        }
        Value::List(items) => {
            for x in items.borrow().iter() {
                write(x, Some(tag.unwrap_or("array")), out, depth + 1);
            }
        }
        scalar => {
            let text = escape(&scalar.to_display());
            match tag {
                None => {
                    out.push('"');
                    out.push_str(&text);
                    out.push('"');
                }
                Some(tag) if text.is_empty() => {
                    out.push('<');
                    out.push_str(tag);
                    out.push_str("/>");
                }
                Some(_) => {
                    open(tag, out);
                    out.push_str(&text);
                    close(tag, out);
                }
            }
        }
    }
}

fn open(tag: Option<&str>, out: &mut String) {
    if let Some(tag) = tag {
        out.push('<');
        out.push_str(tag);
        out.push('>');
    }
}

fn close(tag: Option<&str>, out: &mut String) {
    if let Some(tag) = tag {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
}

/// XML's five special characters as entities.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::value::escape_xml_into(text, &mut out);
    out
}

/// Java's `String.hashCode`: over the UTF-16 code units, wrapping.
fn java_hash(s: &str) -> u32 {
    s.encode_utf16().fold(0u32, |h, unit| {
        h.wrapping_mul(31).wrapping_add(u32::from(unit))
    })
}

/// The order a Java `HashMap` (16 buckets, doubled past three quarters full) lists keys inserted
/// in this order: by bucket, and within a bucket by insertion. Gives the indexes of the keys.
fn java_order<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let hashes: Vec<u32> = keys
        .map(|k| {
            let h = java_hash(k);
            h ^ (h >> 16)
        })
        .collect();
    let mut buckets: u32 = 16;
    while hashes.len() as u64 > u64::from(buckets) * 3 / 4 {
        buckets = buckets.saturating_mul(2);
    }
    let mut order: Vec<usize> = (0..hashes.len()).collect();
    order.sort_by_key(|&i| (hashes[i] & (buckets - 1), i));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_in_java_hash_map_order() {
        assert_eq!(java_order(["Name", "OrderNo"].into_iter()), vec![1, 0]);
        assert_eq!(java_order(["company", "product"].into_iter()), vec![1, 0]);
        assert_eq!(java_hash("hello"), 99162322);
    }

    #[test]
    fn arrays_repeat_their_key_and_text_is_escaped() {
        let v = super::super::lenient::parse("{a:[1,2], b:'x<y', c:''}", "t").unwrap();
        assert_eq!(
            to_xml(&v, "root"),
            "<root><a>1</a><a>2</a><b>x&lt;y</b><c/></root>"
        );
    }
}
