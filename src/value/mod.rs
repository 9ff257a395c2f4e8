//! Runtime values: null, boolean, integer, decimal, text, and the shared, mutable list and map.

mod display;
mod json;
mod lenient_json;
mod map;
mod table;

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

pub use display::{escape_xml_into, to_json, MAX_DISPLAY_DEPTH};
pub use json::{from_json_text, from_serde, to_serde, JsonError};
pub use lenient_json::from_lenient_json;
pub use map::{DgMap, SMALL_LIMIT as SMALL_MAP_LIMIT};

/// Lists and maps are shared references, as in Deluge: a map put into two places is one map.
pub type ListRef = Rc<RefCell<Vec<Value>>>;
pub type MapRef = Rc<RefCell<DgMap>>;

/// A 64-bit tag puts every payload at offset 8, so values are copied as whole words; with the
/// default layout the 4-byte-aligned decimal sat at offset 4 and copies stalled on store forwarding.
#[derive(Debug, Clone, Default)]
#[repr(u64)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Int(i64),
    Decimal(Decimal),
    Text(Rc<str>),
    List(ListRef),
    Map(MapRef),
    /// A calendar date, shown as `15-Mar-2019`.
    Date(NaiveDate),
    /// A date and time of day in the script's time zone, shown as `15-Mar-2019 15:00:00`.
    DateTime(NaiveDateTime),
    /// A time of day (Zoho Creator's TIME), shown as written: `13:15:10` or `06:00:00 PM`.
    Time(crate::dates::TimeOfDay),
}

/// The type of a value, as scripts and error messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeTag {
    Null,
    Bool,
    Int,
    Decimal,
    Text,
    List,
    Map,
    Date,
    DateTime,
    Time,
}

impl TypeTag {
    pub fn name(self) -> &'static str {
        match self {
            TypeTag::Null => "null",
            TypeTag::Bool => "Boolean",
            TypeTag::Int => "Number",
            TypeTag::Decimal => "Decimal",
            TypeTag::Text => "Text",
            TypeTag::List => "List",
            TypeTag::Map => "Map",
            TypeTag::Date => "Date",
            TypeTag::DateTime => "DateTime",
            TypeTag::Time => "Time",
        }
    }
}

impl Value {
    pub fn tag(&self) -> TypeTag {
        match self {
            Value::Null => TypeTag::Null,
            Value::Bool(_) => TypeTag::Bool,
            Value::Int(_) => TypeTag::Int,
            Value::Decimal(_) => TypeTag::Decimal,
            Value::Text(_) => TypeTag::Text,
            Value::List(_) => TypeTag::List,
            Value::Map(_) => TypeTag::Map,
            Value::Date(_) => TypeTag::Date,
            Value::DateTime(_) => TypeTag::DateTime,
            Value::Time(_) => TypeTag::Time,
        }
    }

    pub fn type_name(&self) -> &'static str {
        self.tag().name()
    }

    pub fn text(s: &str) -> Value {
        Value::Text(Rc::from(s))
    }

    pub fn new_list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn new_map(map: DgMap) -> Value {
        Value::Map(Rc::new(RefCell::new(map)))
    }

    pub fn empty_map() -> Value {
        Value::new_map(DgMap::default())
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The key a value stands for in a map: text as-is, anything else as its display text.
    pub fn to_key(&self) -> Rc<str> {
        match self {
            Value::Text(t) => t.clone(),
            other => Rc::from(other.to_display()),
        }
    }

    /// Numeric view for mixed integer/decimal arithmetic and comparison.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Value::Int(n) => Some(Decimal::from(*n)),
            Value::Decimal(d) => Some(*d),
            _ => None,
        }
    }

    /// A date as the date-time at its midnight; a date-time as itself.
    pub fn as_datetime(&self) -> Option<NaiveDateTime> {
        match self {
            Value::Date(d) => d.and_hms_opt(0, 0, 0),
            Value::DateTime(t) => Some(*t),
            _ => None,
        }
    }

    /// Deluge equality: numbers compare by value across integer and decimal, text is case-sensitive,
    /// lists and maps compare element by element, and values of different types are unequal.
    pub fn equals(&self, other: &Value) -> bool {
        equals_at(self, other, 0)
    }

    /// Ordering for `<`, `>`, `<=`, `>=`: numbers by value, text lexicographically, booleans false < true.
    pub fn compare(&self, other: &Value) -> Option<Ordering> {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => Some(a.cmp(b)),
            (Value::Text(a), Value::Text(b)) => Some(a.cmp(b)),
            (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
            (Value::Date(_) | Value::DateTime(_), Value::Date(_) | Value::DateTime(_)) => {
                Some(self.as_datetime()?.cmp(&other.as_datetime()?))
            }
            (Value::Time(a), Value::Time(b)) => Some(a.naive().cmp(&b.naive())),
            _ => Some(self.as_decimal()?.cmp(&other.as_decimal()?)),
        }
    }
}

fn equals_at(a: &Value, b: &Value, depth: usize) -> bool {
    if depth > MAX_DISPLAY_DEPTH {
        return false;
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Text(x), Value::Text(y)) => x == y,
        (Value::Date(_) | Value::DateTime(_), Value::Date(_) | Value::DateTime(_)) => {
            a.as_datetime() == b.as_datetime()
        }
        (Value::Time(x), Value::Time(y)) => x.naive() == y.naive(),
        (Value::List(x), Value::List(y)) => {
            if Rc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|(p, q)| equals_at(p, q, depth + 1))
        }
        (Value::Map(x), Value::Map(y)) => {
            if Rc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| equals_at(v, w, depth + 1)))
        }
        _ => match (a.as_decimal(), b.as_decimal()) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Value {
        Value::Decimal(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn numbers_compare_across_int_and_decimal() {
        assert!(Value::Int(5).equals(&dec("5.0")));
        assert_eq!(Value::Int(2).compare(&dec("2.5")), Some(Ordering::Less));
        assert!(!Value::Int(1).equals(&Value::text("1")));
    }

    #[test]
    fn lists_and_maps_compare_deeply() {
        let a = Value::new_list(vec![Value::Int(1), Value::text("x")]);
        let b = Value::new_list(vec![Value::Int(1), Value::text("x")]);
        assert!(a.equals(&b));
        let mut m = DgMap::default();
        m.insert(Rc::from("k"), Value::Null);
        assert!(Value::new_map(m.clone()).equals(&Value::new_map(m)));
    }

    #[test]
    fn value_stays_three_words_and_option_adds_nothing() {
        assert_eq!(std::mem::size_of::<Value>(), 24);
        assert_eq!(std::mem::size_of::<Option<Value>>(), 24);
    }

    #[test]
    fn null_equals_only_null() {
        assert!(Value::Null.equals(&Value::Null));
        assert!(!Value::Null.equals(&Value::text("")));
        assert_eq!(Value::Null.compare(&Value::Int(1)), None);
    }

    #[test]
    fn keys_use_display_text() {
        assert_eq!(&*Value::Int(7).to_key(), "7");
        assert_eq!(&*dec("2.50").to_key(), "2.5");
    }
}
