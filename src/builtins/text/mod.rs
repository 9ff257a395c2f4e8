//! Text methods: the registry table; the implementations live in one file per topic.
//!
//! Every index is a character index (not a byte offset), so `"héllo".indexOf("l")` is 2.

mod compose;
mod convert;
mod edit;
mod pattern;
mod search;
mod slice;

use super::any::to_list_string;
use super::{BuiltinError, BuiltinResult, MethodDef};
use crate::value::Value;

use compose::*;
use convert::*;
use edit::*;
use pattern::*;
use search::*;
use slice::*;

pub(crate) use slice::{left_pad, right_pad};

/// Global functions of this module that are not the function form of a method.
pub static FUNCTIONS: &[crate::builtins::FunctionDef] = &[];

pub static METHODS: &[MethodDef] = &[
    method!("length", "", 0..=0, length, "number of characters"),
    method!("len", "", 0..=0, length, "number of characters"),
    method!(
        "concat",
        "text",
        1..=1,
        concat,
        "the text with another appended"
    ),
    method!(
        "repeat",
        "count",
        1..=1,
        repeat,
        "the text repeated count times"
    ),
    method!(
        "isAscii",
        "",
        0..=0,
        is_ascii,
        "true when every character is ASCII"
    ),
    // search
    method!(
        "contains",
        "text",
        1..=1,
        contains,
        "true when the text occurs (case-sensitive)"
    ),
    method!(
        "notContains",
        "text",
        1..=1,
        not_contains,
        "true when the text does not occur"
    ),
    method!(
        "containsIgnoreCase",
        "text",
        1..=1,
        contains_ic,
        "contains, ignoring case"
    ),
    method!(
        "startsWith",
        "text",
        1..=1,
        starts_with,
        "true when the text begins with it"
    ),
    method!(
        "startsWithIgnoreCase",
        "text",
        1..=1,
        starts_with_ic,
        "startsWith, ignoring case"
    ),
    method!(
        "endsWith",
        "text",
        1..=1,
        ends_with,
        "true when the text ends with it"
    ),
    method!(
        "endsWithIgnoreCase",
        "text",
        1..=1,
        ends_with_ic,
        "endsWith, ignoring case"
    ),
    method!(
        "equals",
        "text",
        1..=1,
        equals,
        "true when equal, letter case included"
    ),
    method!(
        "equalsIgnoreCase",
        "text",
        1..=1,
        equals_ic,
        "true when equal, ignoring case"
    ),
    method!(
        "indexOf",
        "text",
        1..=1,
        index_of,
        "character index of the first occurrence, or -1"
    ),
    method!(
        "find",
        "text",
        1..=1,
        index_of,
        "indexOf: index of the first occurrence, or -1"
    ),
    method!(
        "lastIndexOf",
        "text",
        1..=1,
        last_index_of,
        "index of the last occurrence, or -1"
    ),
    method!(
        "getOccurenceCount",
        "text",
        1..=1,
        get_occurence,
        "how many times the text occurs (non-overlapping)"
    ),
    method!(
        "getOccurence",
        "text",
        1..=1,
        get_occurence,
        "getOccurenceCount: how many times the text occurs"
    ),
    method!(
        "getPrefix",
        "text",
        1..=1,
        get_prefix,
        "the text before the first occurrence, or null"
    ),
    method!(
        "getPrefixIgnoreCase",
        "text",
        1..=1,
        get_prefix_ic,
        "getPrefix, ignoring case"
    ),
    method!(
        "getSuffix",
        "text",
        1..=1,
        get_suffix,
        "the text after the first occurrence, or null"
    ),
    method!(
        "getSuffixIgnoreCase",
        "text",
        1..=1,
        get_suffix_ic,
        "getSuffix, ignoring case"
    ),
    // slicing and padding
    method!(
        "subString",
        "start, end",
        1..=2,
        sub_string,
        "characters start..end (end excluded)"
    ),
    method!(
        "subText",
        "start, end",
        1..=2,
        sub_string,
        "subString: characters start..end (end excluded)"
    ),
    method!(
        "mid",
        "start, end",
        1..=2,
        mid,
        "subString: characters start..end (end excluded)"
    ),
    method!("left", "count", 1..=1, left, "the first count characters"),
    method!("right", "count", 1..=1, right, "the last count characters"),
    method!(
        "leftPad",
        "length, char",
        1..=2,
        left_pad,
        "padded on the left to a length"
    ),
    method!(
        "rightPad",
        "length, char",
        1..=2,
        right_pad,
        "padded on the right to a length"
    ),
    method!(
        "reverse",
        "",
        0..=0,
        reverse,
        "the characters in reverse order"
    ),
    // case, trimming, removal
    method!("toUpperCase", "", 0..=0, to_upper, "the text in upper case"),
    method!("toLowerCase", "", 0..=0, to_lower, "the text in lower case"),
    method!(
        "upper",
        "",
        0..=0,
        to_upper,
        "toUpperCase: the text in upper case"
    ),
    method!(
        "lower",
        "",
        0..=0,
        to_lower,
        "toLowerCase: the text in lower case"
    ),
    method!(
        "proper",
        "",
        0..=0,
        proper,
        "each word capitalised, the rest lower case"
    ),
    method!(
        "trim",
        "",
        0..=0,
        trim,
        "without leading and trailing white space"
    ),
    method!("ltrim", "", 0..=0, ltrim, "without leading white space"),
    method!("rtrim", "", 0..=0, rtrim, "without trailing white space"),
    method!(
        "remove",
        "text",
        1..=1,
        remove,
        "every occurrence of the text removed"
    ),
    method!(
        "removeFirstOccurence",
        "text",
        1..=1,
        remove_first,
        "first occurrence removed"
    ),
    method!(
        "removeLastOccurence",
        "text",
        1..=1,
        remove_last,
        "last occurrence removed"
    ),
    method!("getAlpha", "", 0..=0, get_alpha, "only the letters"),
    method!(
        "getAlphaNumeric",
        "",
        0..=0,
        get_alpha_numeric,
        "only the letters and digits"
    ),
    method!(
        "removeAllAlpha",
        "",
        0..=0,
        remove_all_alpha,
        "the letters removed"
    ),
    method!(
        "removeAllNumeric",
        "",
        0..=0,
        remove_all_numeric,
        "the digits removed"
    ),
    method!(
        "removeAllAlphaNumeric",
        "",
        0..=0,
        remove_all_alnum,
        "letters and digits removed"
    ),
    // regular expressions
    method!(
        "replaceAll",
        "regex, replacement, literal",
        2..=3,
        replace_all,
        "every regex match replaced ($1 for groups); literal true: plain text"
    ),
    method!(
        "replaceAllIgnoreCase",
        "regex, replacement, literal",
        2..=3,
        replace_all_ic,
        "replaceAll, ignoring case"
    ),
    method!(
        "replaceFirst",
        "regex, replacement, literal",
        2..=3,
        replace_first,
        "the first regex match replaced ($1 for groups); literal true: plain text"
    ),
    method!(
        "replaceFirstIgnoreCase",
        "regex, replacement, literal",
        2..=3,
        replace_first_ic,
        "replaceFirst, ignoring case"
    ),
    method!(
        "matches",
        "regex",
        1..=1,
        matches,
        "true when the whole text matches the regex"
    ),
    // conversion and encoding
    method!(
        "toList",
        "separator",
        0..=1,
        to_list,
        "the parts between separators (no separator: the whole text)"
    ),
    method!(
        "toLong",
        "",
        0..=0,
        to_long,
        "the text read as a whole number"
    ),
    method!(
        "toNumber",
        "",
        0..=0,
        to_long,
        "the text read as a whole number"
    ),
    method!(
        "toDecimal",
        "",
        0..=0,
        to_decimal,
        "the text read as a decimal"
    ),
    method!("isEmpty", "", 0..=0, is_empty, "true for empty text"),
    method!(
        "isBlank",
        "",
        0..=0,
        is_blank,
        "true for empty or white-space-only text"
    ),
    method!(
        "toListString",
        "",
        0..=0,
        to_list_string,
        "comma-separated text as a list of texts"
    ),
    method!("toMap", "", 0..=0, to_map, "JSON object text as a Map"),
    method!(
        "toJSONList",
        "",
        0..=0,
        to_json_list,
        "JSON array text as a List"
    ),
    method!(
        "getJSON",
        "key",
        1..=1,
        get_json,
        "a key of JSON object text, or null"
    ),
    method!(
        "get",
        "key",
        1..=1,
        get,
        "a key (or array index) of JSON text, or null"
    ),
    method!(
        "encodeUrl",
        "",
        0..=0,
        encode_url,
        "URL-encoded (space as +)"
    ),
    method!(
        "urlEncode",
        "",
        0..=0,
        encode_url,
        "URL-encoded (space as +)"
    ),
    method!(
        "urlDecode",
        "",
        0..=0,
        url_decode,
        "URL-decoded (+ as space)"
    ),
    method!(
        "textToHex",
        "",
        0..=0,
        text_to_hex,
        "the UTF-8 bytes in hexadecimal (lower case)"
    ),
    method!(
        "hexToText",
        "",
        0..=0,
        hex_to_text,
        "hexadecimal UTF-8 bytes decoded to text"
    ),
    method!(
        "base64Encode",
        "",
        0..=0,
        base64_encode,
        "the UTF-8 bytes in base64"
    ),
    method!(
        "base64Decode",
        "",
        0..=0,
        base64_decode,
        "base64 decoded to text"
    ),
];

/// The receiver's text (methods in this table are only called on text).
fn this(v: &Value) -> &str {
    match v {
        Value::Text(t) => t,
        _ => "",
    }
}

fn text(s: &str) -> BuiltinResult {
    crate::limits::check_text(s.len())?;
    Ok(Value::text(s))
}

fn length(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(super::args::char_len(this(v)) as i64))
}

/// An index argument that must be a whole number of zero or more.
fn count_arg(args: &[Value], i: usize, what: &str) -> Result<usize, BuiltinError> {
    let n = super::int_arg(args, i, what)?;
    usize::try_from(n)
        .map_err(|_| BuiltinError::new(format!("`{what}` needs a count of 0 or more, got {n}")))
}
