//! `round` and `truncate` to a number of decimal places (negative places round to tens, hundreds…).
//!
//! With places of 0 or less the result is a whole number (an integer when it fits); with places
//! above 0 it is a decimal. Rounding is half away from zero, like Java's `HALF_UP`: 2.5 → 3, -2.5 → -3.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{this, whole, Num};
use crate::builtins::{int_arg, BuiltinError, BuiltinResult};
use crate::value::Value;

/// The most places a decimal can hold.
const MAX_SCALE: i64 = 28;

/// Zoho: a negative precision as large as the number of digits before the decimal point gives 0
/// (`5678.round(-4)` is 0, where arithmetic rounding would give 10000).
pub(super) fn round(v: &Value, args: &[Value]) -> BuiltinResult {
    if let Some(places @ ..=-1) = args
        .first()
        .map(|_| int_arg(args, 0, "round"))
        .transpose()?
    {
        let whole_digits = this(v)?.dec().trunc().abs().normalize().to_string().len() as u64;
        if places.unsigned_abs() >= whole_digits {
            return Ok(Value::Int(0));
        }
    }
    to_places(v, args, "round", RoundingStrategy::MidpointAwayFromZero)
}

pub(super) fn truncate(v: &Value, args: &[Value]) -> BuiltinResult {
    to_places(v, args, "truncate", RoundingStrategy::ToZero)
}

fn to_places(v: &Value, args: &[Value], what: &str, how: RoundingStrategy) -> BuiltinResult {
    let places = match args.first() {
        Some(_) => int_arg(args, 0, what)?,
        None => 0,
    };
    let n = this(v)?;
    if let Num::Int(i) = n {
        if places >= 0 {
            return Ok(Value::Int(i));
        }
    }
    let rounded = round_to(n.dec(), places, how).ok_or_else(|| {
        BuiltinError::new(format!(
            "`{what}({places})` of {} is out of range",
            v.to_display()
        ))
    })?;
    Ok(if places <= 0 {
        whole(rounded)
    } else {
        Value::Decimal(rounded)
    })
}

/// `d` rounded to `places` decimal places; `None` when the result does not fit in a decimal.
pub(crate) fn round_to(d: Decimal, places: i64, how: RoundingStrategy) -> Option<Decimal> {
    if places >= 0 {
        let dp = places.min(MAX_SCALE) as u32;
        return Some(d.round_dp_with_strategy(dp, how));
    }
    let k = places.unsigned_abs();
    if k > MAX_SCALE as u64 {
        // Every decimal is below 10^29, so it rounds to 0 unless it is at least half of that.
        let half = Decimal::from_i128_with_scale(5 * 10i128.pow(28), 0);
        return (how == RoundingStrategy::ToZero || d.abs() < half).then_some(Decimal::ZERO);
    }
    let factor = Decimal::from_i128_with_scale(10i128.pow(k as u32), 0);
    d.checked_div(factor)?
        .round_dp_with_strategy(0, how)
        .checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn r(s: &str, places: i64) -> String {
        let d = Decimal::from_str(s).unwrap();
        round_to(d, places, RoundingStrategy::MidpointAwayFromZero)
            .map_or("none".into(), |d| d.normalize().to_string())
    }

    #[test]
    fn half_rounds_away_from_zero() {
        assert_eq!(r("2.5", 0), "3");
        assert_eq!(r("-2.5", 0), "-3");
        assert_eq!(r("12.345", 2), "12.35");
        assert_eq!(r("1250", -2), "1300");
        assert_eq!(r("1", -40), "0");
        assert_eq!(r("70000000000000000000000000000", -29), "none");
    }
}
