//! The built-in registry: methods by receiver type and global functions, with arity and lookup.
//!
//! Names are matched case-insensitively (`ifNull` and `ifnull`, `subString` and `substring` both occur
//! in real scripts). The same tables drive method dispatch, "did you mean" hints and REPL completion,
//! so nothing can be suggested that does not exist.

/// Declares one `MethodDef` table entry: name, parameters, arity range, function, summary.
macro_rules! method {
    ($name:literal, $params:literal, $min:literal..=$max:literal, $func:ident, $summary:literal) => {
        $crate::builtins::MethodDef {
            name: $name,
            params: $params,
            min_args: $min,
            max_args: $max,
            func: $func,
            summary: $summary,
        }
    };
}

/// Declares one `FunctionDef` table entry: name, parameters, arity range, function, summary.
macro_rules! function {
    ($name:literal, $params:literal, $min:literal..=$max:literal, $func:path, $summary:literal) => {
        $crate::builtins::FunctionDef {
            name: $name,
            params: $params,
            min_args: $min,
            max_args: $max,
            func: $func,
            summary: $summary,
        }
    };
}

mod any;
mod args;
mod collection;
mod connector;
pub(crate) mod crm;
mod date;
mod encode;
mod encryption;
mod global;
mod list;
mod map;
mod number;
pub mod reference;
#[cfg(test)]
mod robustness_tests;
mod text;
mod type_checks;
mod web;
mod xml;

use crate::value::{TypeTag, Value};

/// A built-in's failure; the interpreter adds where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltinError {
    pub message: String,
    pub help: Option<String>,
}

impl BuiltinError {
    pub fn new(message: impl Into<String>) -> BuiltinError {
        BuiltinError {
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> BuiltinError {
        self.help = Some(help.into());
        self
    }
}

pub type BuiltinResult = Result<Value, BuiltinError>;
pub type MethodFn = fn(&Value, &[Value]) -> BuiltinResult;
pub type FunctionFn = fn(&[Value]) -> BuiltinResult;

/// A method callable as `value.name(args)` on values of one type.
#[derive(Debug)]
pub struct MethodDef {
    pub name: &'static str,
    /// Parameter list as shown in help and completion, e.g. `"key, value"`.
    pub params: &'static str,
    pub min_args: usize,
    pub max_args: usize,
    pub func: MethodFn,
    pub summary: &'static str,
}

/// A global function callable as `name(args)`.
#[derive(Debug)]
pub struct FunctionDef {
    pub name: &'static str,
    pub params: &'static str,
    pub min_args: usize,
    pub max_args: usize,
    pub func: FunctionFn,
    pub summary: &'static str,
}

/// The method tables of one receiver type, most specific first (the common table comes last).
fn tables(tag: TypeTag) -> &'static [&'static [MethodDef]] {
    static TEXT: [&[MethodDef]; 6] = [
        text::METHODS,
        date::TEXT_METHODS,
        date::SHARED_METHODS,
        collection::TEXT_METHODS,
        xml::TEXT_METHODS,
        any::COMMON_METHODS,
    ];
    static LIST: [&[MethodDef]; 4] = [
        list::METHODS,
        collection::LIST_METHODS,
        any::CONTAINER_METHODS,
        any::COMMON_METHODS,
    ];
    static MAP: [&[MethodDef]; 5] = [
        map::METHODS,
        collection::MAP_METHODS,
        xml::MAP_METHODS,
        any::CONTAINER_METHODS,
        any::COMMON_METHODS,
    ];
    static NUMBER: [&[MethodDef]; 3] = [number::METHODS, date::NUMBER_METHODS, any::COMMON_METHODS];
    static DATE: [&[MethodDef]; 3] = [date::METHODS, date::SHARED_METHODS, any::COMMON_METHODS];
    static TIME: [&[MethodDef]; 2] = [date::TIME_METHODS, any::COMMON_METHODS];
    static BOOL: [&[MethodDef]; 1] = [any::COMMON_METHODS];
    static NULL: [&[MethodDef]; 1] = [any::NULL_METHODS];
    match tag {
        TypeTag::Text => &TEXT,
        TypeTag::List => &LIST,
        TypeTag::Map => &MAP,
        TypeTag::Int | TypeTag::Decimal => &NUMBER,
        TypeTag::Date | TypeTag::DateTime => &DATE,
        TypeTag::Time => &TIME,
        TypeTag::Bool => &BOOL,
        TypeTag::Null => &NULL,
    }
}

/// Every method a value of type `tag` answers to (for a name defined twice, the first wins).
pub fn all_methods(tag: TypeTag) -> impl Iterator<Item = &'static MethodDef> {
    tables(tag).iter().flat_map(|t| t.iter())
}

pub fn find_method(tag: TypeTag, name: &str) -> Option<&'static MethodDef> {
    all_methods(tag).find(|m| m.name.eq_ignore_ascii_case(name))
}

/// The global function tables, one per module that has functions of its own.
static FUNCTION_TABLES: &[&[FunctionDef]] = &[
    global::FUNCTIONS,
    text::FUNCTIONS,
    number::FUNCTIONS,
    date::FUNCTIONS,
    list::FUNCTIONS,
    map::FUNCTIONS,
    encryption::FUNCTIONS,
    web::FUNCTIONS,
];

/// Every global function (for a name defined twice, the first wins).
pub fn functions() -> impl Iterator<Item = &'static FunctionDef> {
    FUNCTION_TABLES.iter().flat_map(|t| t.iter())
}

pub fn find_function(name: &str) -> Option<&'static FunctionDef> {
    functions().find(|f| f.name.eq_ignore_ascii_case(name))
}

/// The method that the function form `name(value, args…)` stands for: Zoho documents most
/// functions in both forms (`floor(10.1)` is `10.1.floor()`), the first argument being the receiver.
pub fn find_function_form(name: &str, args: &[Value]) -> Option<&'static MethodDef> {
    let first = args.first()?;
    find_method(first.tag(), name)
}

/// A method of that name on any type (for the function form called with no value at all).
pub fn find_any_method(name: &str) -> Option<&'static MethodDef> {
    [
        TypeTag::Text,
        TypeTag::Int,
        TypeTag::Date,
        TypeTag::List,
        TypeTag::Map,
    ]
    .into_iter()
    .find_map(|t| find_method(t, name))
}

/// Every name a function call may use: global functions and, in function form, methods.
pub fn function_names() -> impl Iterator<Item = &'static str> {
    let tags = [
        TypeTag::Text,
        TypeTag::List,
        TypeTag::Map,
        TypeTag::Int,
        TypeTag::Date,
    ];
    functions().map(|f| f.name).chain(
        tags.into_iter()
            .flat_map(|t| all_methods(t).map(|m| m.name)),
    )
}

/// What the registry knows of a name that Zoho's reference does not document (dg's own
/// functions and aliases): each method and function of that name with its parameters and summary.
pub(crate) fn describe_registered(name: &str) -> Option<String> {
    use std::fmt::Write;
    let mut out = String::new();
    if let Some(f) = find_function(name) {
        let _ = writeln!(out, "{}({})\n  {}", f.name, f.params, f.summary);
    }
    let tags = [
        TypeTag::Text,
        TypeTag::Int,
        TypeTag::Date,
        TypeTag::List,
        TypeTag::Map,
        TypeTag::Bool,
    ];
    let mut seen: Vec<*const MethodDef> = Vec::new();
    for tag in tags {
        if let Some(m) = find_method(tag, name) {
            if seen.contains(&(m as *const MethodDef)) {
                continue;
            }
            seen.push(m);
            let _ = writeln!(
                out,
                "{}.{}({})\n  {}",
                tag.name(),
                m.name,
                m.params,
                m.summary
            );
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The closest known name to a misspelt one, if any is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // No built-in name is anywhere near this long; comparing would only cost time.
    if name.len() > 64 {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    candidates
        .map(|c| {
            (
                strsim::damerau_levenshtein(&lower, &c.to_ascii_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= 2.max(c.len() / 4) && *d < c.len() && (*d <= 1 || lower.len() > 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

pub fn suggest_method(tag: TypeTag, name: &str) -> Option<&'static str> {
    closest(name, all_methods(tag).map(|m| m.name))
}

pub fn suggest_function(name: &str) -> Option<&'static str> {
    closest(name, function_names())
}

// ------------------------------------------------------------------ argument helpers

/// The `i`-th argument as text, or an error naming the method and the type received.
pub(crate) fn text_arg<'a>(
    args: &'a [Value],
    i: usize,
    what: &str,
) -> Result<&'a str, BuiltinError> {
    match args.get(i) {
        Some(Value::Text(t)) => Ok(t),
        Some(other) => Err(BuiltinError::new(format!(
            "`{what}` expects Text, got {}",
            other.type_name()
        ))),
        None => Err(BuiltinError::new(format!(
            "`{what}` is missing an argument"
        ))),
    }
}

/// The `i`-th argument as a whole number (a decimal with no fraction is accepted).
pub(crate) fn int_arg(args: &[Value], i: usize, what: &str) -> Result<i64, BuiltinError> {
    match args.get(i) {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Decimal(d)) if d.fract().is_zero() => {
            i64::try_from(*d).map_err(|_| BuiltinError::new(format!("{what}: {d} is too large")))
        }
        Some(other) => {
            let err = BuiltinError::new(format!(
                "`{what}` expects a Number, got {} {}",
                other.type_name(),
                crate::value::to_json(other)
            ));
            Err(match other {
                Value::Text(_) => err.with_help("convert text to a number first with toLong()"),
                Value::Decimal(_) => err.with_help("round it first with round() or toLong()"),
                _ => err,
            })
        }
        None => Err(BuiltinError::new(format!(
            "`{what}` is missing an argument"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_case_insensitive() {
        assert!(find_method(TypeTag::Text, "TOUPPERCASE").is_some());
        assert!(find_function("IfNull").is_some());
    }

    #[test]
    fn every_value_has_to_string_but_null_has_only_null_tests() {
        for tag in [
            TypeTag::Text,
            TypeTag::List,
            TypeTag::Map,
            TypeTag::Int,
            TypeTag::Bool,
        ] {
            assert!(find_method(tag, "toString").is_some(), "{tag:?}");
        }
        assert!(find_method(TypeTag::Null, "toString").is_none());
        assert!(find_method(TypeTag::Null, "isNull").is_some());
    }

    #[test]
    fn suggestions_find_typos_only() {
        assert_eq!(suggest_method(TypeTag::Text, "lenght"), Some("length"));
        assert_eq!(
            suggest_method(TypeTag::Map, "containsKye"),
            Some("containsKey")
        );
        assert_eq!(suggest_method(TypeTag::Text, "frobnicate"), None);
    }

    #[test]
    fn arities_are_consistent() {
        let tags = [
            TypeTag::Text,
            TypeTag::List,
            TypeTag::Map,
            TypeTag::Int,
            TypeTag::Null,
        ];
        for m in tags.iter().flat_map(|t| all_methods(*t)) {
            assert!(m.min_args <= m.max_args, "{}", m.name);
        }
        for f in functions() {
            assert!(f.min_args <= f.max_args, "{}", f.name);
        }
    }
}
