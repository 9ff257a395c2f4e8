//! Global functions: null and emptiness tests, constructors, padding, encoding, `randomNumber`,
//! `zoho.crm.invokeConnector` and the `zoho.crm.*` record tasks.

use super::any::is_null_value;
use super::args::text_like;
use super::{encode, text, BuiltinError, BuiltinResult, FunctionDef};
use rust_decimal::Decimal;

use crate::value::{DgMap, Value};

pub static FUNCTIONS: &[FunctionDef] = &[
    function!(
        "ifnull",
        "value, fallback",
        2..=2,
        ifnull,
        "value, or fallback when value is null"
    ),
    function!(
        "isNull",
        "value",
        1..=1,
        is_null,
        "true for null and for empty text"
    ),
    function!(
        "isEmpty",
        "value",
        1..=1,
        is_empty,
        "true for null, empty text, list or map"
    ),
    function!(
        "isBlank",
        "value",
        1..=1,
        is_blank,
        "isEmpty, or text of only white space"
    ),
    function!(
        "len",
        "value",
        1..=1,
        len,
        "characters of text, or size of a list or map"
    ),
    function!(
        "Map",
        "map",
        0..=1,
        new_map,
        "a new empty map, or a copy of a map"
    ),
    function!(
        "List",
        "list or text",
        0..=1,
        new_list,
        "a new empty list, a copy of a list, or the comma-separated parts of a text"
    ),
    function!(
        "Collection",
        "elements or key : value pairs",
        0..=100000,
        new_collection,
        "a key-value collection (a Map) of pairs, an index-value one (a List) of elements, or an empty one"
    ),
    function!(
        "encodeUrl",
        "text",
        1..=1,
        url_encode,
        "URL-encoded text (space as +)"
    ),
    function!(
        "urlEncode",
        "text",
        1..=1,
        url_encode,
        "URL-encoded text (space as +)"
    ),
    function!(
        "urlDecode",
        "text",
        1..=1,
        url_decode,
        "URL-decoded text (+ as space)"
    ),
    function!(
        "base64Encode",
        "text",
        1..=1,
        base64_encode,
        "the UTF-8 bytes of text in base64"
    ),
    function!(
        "base64Decode",
        "text",
        1..=1,
        base64_decode,
        "base64 decoded to text"
    ),
    function!(
        "leftPad",
        "text, length, char",
        2..=3,
        left_pad,
        "text padded on the left to a length"
    ),
    function!(
        "rightPad",
        "text, length, char",
        2..=3,
        right_pad,
        "text padded on the right to a length"
    ),
    function!(
        "randomNumber",
        "start, end",
        2..=2,
        random_number,
        "a random number from start up to (not including) end"
    ),
    function!(
        "zoho.crm.invokeConnector",
        "api, values",
        1..=2,
        super::connector::invoke_connector,
        "calls a published connector API (ext.connector.api or connector.api) with values for its placeholders"
    ),
    function!(
        "zoho.crm.getRecordById",
        "module, id",
        2..=4,
        super::crm::get_record_by_id,
        "a record of the local CRM as a map (or Zoho's error map)"
    ),
    function!(
        "zoho.crm.createRecord",
        "module, data, options",
        2..=4,
        super::crm::create_record,
        "creates a record; {\"trigger\": {\"workflow\"}} fires workflow rules"
    ),
    function!(
        "zoho.crm.updateRecord",
        "module, id, data, options",
        3..=5,
        super::crm::update_record,
        "updates a record's fields; {\"trigger\": {\"workflow\"}} fires workflow rules"
    ),
    function!(
        "zoho.crm.searchRecords",
        "module, criteria, page, perPage",
        2..=6,
        super::crm::search_records,
        "records matching Zoho criteria such as (Last_Name:equals:Byrne)"
    ),
    function!(
        "zoho.crm.getRecords",
        "module, page, perPage",
        1..=5,
        super::crm::get_records,
        "a page of a module's records"
    ),
    function!(
        "zoho.crm.getRelatedRecords",
        "relation, parentModule, parentId, page, perPage",
        3..=6,
        super::crm::get_related_records,
        "records of the relation's module that point at the parent record"
    ),
    function!(
        "zoho.crm.deleteRecord",
        "module, id",
        2..=4,
        super::crm::delete_record,
        "deletes a record"
    ),
];

fn ifnull(args: &[Value]) -> BuiltinResult {
    Ok(match &args[0] {
        Value::Null => args[1].clone(),
        other => other.clone(),
    })
}

fn is_null(args: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(is_null_value(&args[0])))
}

fn is_empty(args: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(match &args[0] {
        Value::Null => true,
        Value::Text(t) => t.is_empty(),
        Value::List(l) => l.borrow().is_empty(),
        Value::Map(m) => m.borrow().is_empty(),
        _ => false,
    }))
}

fn is_blank(args: &[Value]) -> BuiltinResult {
    Ok(Value::Bool(match &args[0] {
        Value::Text(t) => t.trim().is_empty(),
        _ => return is_empty(args),
    }))
}

fn len(args: &[Value]) -> BuiltinResult {
    Ok(Value::Int(match &args[0] {
        Value::Text(t) => t.chars().count() as i64,
        Value::List(l) => l.borrow().len() as i64,
        Value::Map(m) => m.borrow().len() as i64,
        other => {
            return Err(BuiltinError::new(format!(
                "`len` expects Text, a List or a Map, got {}",
                other.type_name()
            ))
            .with_help("for a number, use len(value.toString())"))
        }
    }))
}

/// Room for a typical record's fields (CRM records built in scripts have about six) without
/// regrowing; a larger map grows by half from there. Reserving the full small-map size instead
/// cost 80 bytes a map, a sixth of a 300,000-record list's memory.
const NEW_MAP_CAPACITY: usize = 6;

fn new_map(args: &[Value]) -> BuiltinResult {
    match args.first() {
        None => Ok(Value::new_map(DgMap::with_capacity(NEW_MAP_CAPACITY))),
        Some(Value::Map(m)) => Ok(Value::new_map(m.borrow().clone())),
        Some(other) => Err(super::args::expected("a Map", other, "Map")
            .with_help("Map() makes an empty map; Map(otherMap) copies one")),
    }
}

/// `List()`, `List(otherList)` (a copy) or `List("a,b")`: every comma of the text splits it, and
/// the parts are kept as they are, empty ones included.
fn new_list(args: &[Value]) -> BuiltinResult {
    match args.first() {
        None => Ok(Value::new_list(Vec::new())),
        Some(Value::List(l)) => Ok(Value::new_list(l.borrow().clone())),
        Some(Value::Text(t)) => {
            crate::limits::check_pieces(t, ",")?;
            Ok(Value::new_list(t.split(',').map(Value::text).collect()))
        }
        Some(other) => Err(super::args::expected("a List or Text", other, "List")
            .with_help("List() makes an empty list; List(otherList) copies one; List(\"a,b\") splits a text")),
    }
}

/// `Collection()` is an empty key-value collection (it turns index-value at its first element,
/// see the interpreter's `collection_insert`); `Collection("k": v, …)` arrives as one map and
/// gives a copy of it, as does `Collection(map)`; `Collection(list)` copies the list; any other
/// arguments are the elements of an index-value collection.
fn new_collection(args: &[Value]) -> BuiltinResult {
    match args {
        [] | [Value::Map(_)] => new_map(args),
        [Value::List(l)] => Ok(Value::new_list(l.borrow().clone())),
        elements => {
            crate::limits::check_collection(elements.len())?;
            Ok(Value::new_list(elements.to_vec()))
        }
    }
}

fn url_encode(args: &[Value]) -> BuiltinResult {
    Ok(Value::text(&encode::url_encode(&text_like(
        args,
        0,
        "encodeUrl",
    )?)))
}

fn url_decode(args: &[Value]) -> BuiltinResult {
    Ok(Value::text(&encode::url_decode(&text_like(
        args,
        0,
        "urlDecode",
    )?)?))
}

fn base64_encode(args: &[Value]) -> BuiltinResult {
    let s = text_like(args, 0, "base64Encode")?;
    Ok(Value::text(&encode::base64_encode(s.as_bytes())))
}

fn base64_decode(args: &[Value]) -> BuiltinResult {
    Ok(Value::text(&encode::base64_decode(&text_like(
        args,
        0,
        "base64Decode",
    )?)?))
}

/// `leftPad(text, n)` is `text.leftPad(n)`; a number stands for its text.
fn left_pad(args: &[Value]) -> BuiltinResult {
    let receiver = Value::text(&text_like(args, 0, "leftPad")?);
    text::left_pad(&receiver, &args[1..])
}

fn right_pad(args: &[Value]) -> BuiltinResult {
    let receiver = Value::text(&text_like(args, 0, "rightPad")?);
    text::right_pad(&receiver, &args[1..])
}

/// A random value from the start limit up to, not including, the end limit (Zoho's note and
/// its `randomNumber(1,3)` → "1 or 2"; the page's heading says "inclusive", which its own example
/// contradicts). Whole limits give a whole number; a decimal limit gives a decimal.
fn random_number(args: &[Value]) -> BuiltinResult {
    let limit = |i: usize| {
        args[i]
            .as_decimal()
            .ok_or_else(|| super::args::expected("a number", &args[i], "randomNumber"))
    };
    let (low, high) = (limit(0)?, limit(1)?);
    if low > high {
        return Err(BuiltinError::new(format!(
            "`randomNumber`: the start {low} is above the end {high}"
        ))
        .with_help("write randomNumber(start, end) with start <= end"));
    }
    if let (Value::Int(a), Value::Int(b)) = (&args[0], &args[1]) {
        return Ok(Value::Int(if a == b {
            *a
        } else {
            rand::random_range(*a..*b)
        }));
    }
    // A uniformly random decimal in [low, high), to 9 places.
    let fraction = Decimal::new(i64::from(rand::random_range(0..1_000_000_000u32)), 9);
    let value = (high.checked_sub(low))
        .and_then(|span| span.checked_mul(fraction))
        .and_then(|part| part.checked_add(low))
        .ok_or_else(|| BuiltinError::new("`randomNumber`: the range is too wide"))?
        .round_dp(9)
        .normalize();
    Ok(Value::Decimal(if value >= high && high > low {
        low
    } else {
        value
    }))
}
