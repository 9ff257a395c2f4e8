//! Number methods, shared by integers (Number) and decimals (Decimal).
//!
//! Integers stay integers where the result is whole (`abs`, `ceil`, `floor`, `signum`, integer
//! `power`); `round` and `truncate` keep the receiver's type; roots, logarithms, `exp` and the
//! trigonometric functions give decimals. Everything is computed in decimal arithmetic, so no binary
//! floating-point noise (`0.30000000000000004`) can appear.

mod convert;
mod format;
mod math;
mod round;
mod words;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::{BuiltinError, BuiltinResult, MethodDef};
use crate::value::Value;

use convert::{millis_to_date, millis_to_date_time, text_function, to_string, to_text, to_words};
pub(crate) use math::power;
use math::{acos, asin, atan, cos, exp, log, sin, sqrt, tan};
use round::*;

/// Global functions of this module that are not the function form of a method.
pub static FUNCTIONS: &[crate::builtins::FunctionDef] = &[function!(
    "text",
    "value, pattern",
    2..=2,
    text_function,
    "a number by a pattern such as \"$0.00\" (a date by a date pattern)"
)];

pub static METHODS: &[MethodDef] = &[
    method!("abs", "", 0..=0, abs, "the value without its sign"),
    method!(
        "ceil",
        "",
        0..=0,
        ceil,
        "the smallest whole number not below the value"
    ),
    method!(
        "floor",
        "",
        0..=0,
        floor,
        "the largest whole number not above the value"
    ),
    method!(
        "round",
        "places",
        0..=1,
        round,
        "rounded half away from zero (default 0 places)"
    ),
    method!(
        "truncate",
        "places",
        0..=1,
        truncate,
        "cut toward zero (default 0 places)"
    ),
    method!(
        "frac",
        "",
        0..=0,
        frac,
        "the fractional part, with the value's sign"
    ),
    method!(
        "signum",
        "",
        0..=0,
        signum,
        "-1, 0 or 1 by the value's sign"
    ),
    method!("sqrt", "", 0..=0, sqrt, "the square root, as a decimal"),
    method!(
        "power",
        "exponent",
        1..=1,
        power,
        "the value raised to a power"
    ),
    method!("exp", "", 0..=0, exp, "e raised to the value"),
    method!("log", "", 0..=0, log, "the natural logarithm"),
    method!("sin", "", 0..=0, sin, "the sine of an angle in radians"),
    method!("cos", "", 0..=0, cos, "the cosine of an angle in radians"),
    method!("tan", "", 0..=0, tan, "the tangent of an angle in radians"),
    method!(
        "acos",
        "",
        0..=0,
        acos,
        "the angle in radians whose cosine is the value (null outside -1..1)"
    ),
    method!(
        "asin",
        "",
        0..=0,
        asin,
        "the angle in radians whose sine is the value (null outside -1..1)"
    ),
    method!(
        "atan",
        "",
        0..=0,
        atan,
        "the angle in radians whose tangent is the value"
    ),
    method!(
        "isEven",
        "",
        0..=0,
        is_even,
        "true for an even whole number"
    ),
    method!("isOdd", "", 0..=0, is_odd, "true for an odd whole number"),
    method!(
        "toWords",
        "language",
        0..=1,
        to_words,
        "the number in words (\"en-us\", \"en-gb\", \"en-in\")"
    ),
    method!(
        "toText",
        "pattern, timeZone",
        0..=2,
        to_text,
        "the number as text; by a number pattern (\"0.00\"), or as epoch milliseconds by a date pattern"
    ),
    method!(
        "toString",
        "pattern, timeZone",
        0..=2,
        to_string,
        "the number as text; with a date pattern, as epoch milliseconds"
    ),
    method!(
        "min",
        "number",
        1..=1,
        min,
        "the smaller of the value and the number"
    ),
    method!(
        "max",
        "number",
        1..=1,
        max,
        "the larger of the value and the number"
    ),
    method!("toDecimal", "", 0..=0, to_decimal, "the value as a decimal"),
    method!(
        "toLong",
        "",
        0..=0,
        to_long,
        "the number without its fraction"
    ),
    method!(
        "toNumber",
        "",
        0..=0,
        to_long,
        "toLong: the number without its fraction"
    ),
    method!(
        "toDate",
        "pattern",
        0..=1,
        millis_to_date,
        "epoch milliseconds as a date in the script's time zone"
    ),
    method!(
        "toDateTime",
        "pattern",
        0..=1,
        millis_to_date_time,
        "epoch milliseconds as a date-time in the script's time zone"
    ),
    method!(
        "toTime",
        "pattern, timeZone",
        0..=2,
        millis_to_date_time,
        "epoch milliseconds as a date-time in the script's time zone"
    ),
    method!(
        "toHex",
        "",
        0..=0,
        to_hex,
        "a whole number in hexadecimal (lower case) text"
    ),
];

/// A receiver or argument seen as a number.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Num {
    Int(i64),
    Dec(Decimal),
}

impl Num {
    pub(crate) fn of(v: &Value) -> Option<Num> {
        match v {
            Value::Int(n) => Some(Num::Int(*n)),
            Value::Decimal(d) => Some(Num::Dec(*d)),
            _ => None,
        }
    }

    pub(crate) fn dec(self) -> Decimal {
        match self {
            Num::Int(n) => Decimal::from(n),
            Num::Dec(d) => d,
        }
    }
}

/// The receiver as a number (only numbers reach these methods, so the error is a safeguard).
fn this(v: &Value) -> Result<Num, BuiltinError> {
    Num::of(v).ok_or_else(|| BuiltinError::new(format!("expected a number, got {}", v.type_name())))
}

/// The `i`-th argument as a number.
pub(crate) fn num_arg(args: &[Value], i: usize, what: &str) -> Result<Num, BuiltinError> {
    match args.get(i) {
        Some(v) => Num::of(v).ok_or_else(|| super::args::expected("a number", v, what)),
        None => Err(BuiltinError::new(format!(
            "`{what}` is missing an argument"
        ))),
    }
}

/// A whole decimal as an integer when it fits, otherwise as a decimal.
pub(crate) fn whole(d: Decimal) -> Value {
    match d.to_i64() {
        Some(n) if d.fract().is_zero() => Value::Int(n),
        _ => Value::Decimal(d.normalize()),
    }
}

pub(crate) fn abs(v: &Value, _: &[Value]) -> BuiltinResult {
    match this(v)? {
        Num::Int(n) => n
            .checked_abs()
            .map(Value::Int)
            .ok_or_else(|| BuiltinError::new(format!("integer overflow in abs of {n}"))),
        Num::Dec(d) => Ok(Value::Decimal(d.abs())),
    }
}

fn ceil(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(match this(v)? {
        Num::Int(n) => Value::Int(n),
        Num::Dec(d) => whole(d.ceil()),
    })
}

fn floor(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(match this(v)? {
        Num::Int(n) => Value::Int(n),
        Num::Dec(d) => whole(d.floor()),
    })
}

fn frac(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(match this(v)? {
        Num::Int(_) => Value::Int(0),
        Num::Dec(d) => Value::Decimal(d.fract()),
    })
}

fn signum(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(match this(v)? {
        Num::Int(n) => n.signum(),
        Num::Dec(d) if d.is_zero() => 0,
        Num::Dec(d) if d.is_sign_negative() => -1,
        Num::Dec(_) => 1,
    }))
}

/// The smaller (or larger) of receiver and argument, each keeping its own type; ties keep the receiver.
fn pick(v: &Value, args: &[Value], what: &str, want_larger: bool) -> BuiltinResult {
    let a = this(v)?;
    let b = num_arg(args, 0, what)?;
    let b_wins = if want_larger {
        b.dec() > a.dec()
    } else {
        b.dec() < a.dec()
    };
    Ok(if b_wins { args[0].clone() } else { v.clone() })
}

pub(crate) fn min(v: &Value, args: &[Value]) -> BuiltinResult {
    pick(v, args, "min", false)
}

pub(crate) fn max(v: &Value, args: &[Value]) -> BuiltinResult {
    pick(v, args, "max", true)
}

fn to_decimal(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Decimal(this(v)?.dec()))
}

fn to_long(v: &Value, _: &[Value]) -> BuiltinResult {
    match this(v)? {
        Num::Int(n) => Ok(Value::Int(n)),
        Num::Dec(d) => d
            .trunc()
            .to_i64()
            .map(Value::Int)
            .ok_or_else(|| BuiltinError::new(format!("{d} is too large for a Number"))),
    }
}

/// Hexadecimal digits; a negative number shows as its 64-bit two's complement, as Java's `toHexString`.
fn to_hex(v: &Value, _: &[Value]) -> BuiltinResult {
    let n = match this(v)? {
        Num::Int(n) => n,
        Num::Dec(d) if d.fract().is_zero() => d
            .to_i64()
            .ok_or_else(|| BuiltinError::new(format!("{d} is too large for toHex")))?,
        Num::Dec(d) => {
            return Err(
                BuiltinError::new(format!("toHex needs a whole number, got {d}"))
                    .with_help("round it first, e.g. value.round().toHex()"),
            )
        }
    };
    Ok(Value::text(&format!("{n:x}")))
}

/// True when the value is a whole number of the wanted parity; a fraction is neither even nor odd.
fn parity(v: &Value, odd: bool) -> BuiltinResult {
    let d = this(v)?.dec();
    if !d.fract().is_zero() {
        return Ok(Value::Bool(false));
    }
    let is_odd = !(d % Decimal::TWO).is_zero();
    Ok(Value::Bool(is_odd == odd))
}

fn is_even(v: &Value, _: &[Value]) -> BuiltinResult {
    parity(v, false)
}

fn is_odd(v: &Value, _: &[Value]) -> BuiltinResult {
    parity(v, true)
}
