//! Roots, powers, logarithms and trigonometry in decimal arithmetic.
//!
//! Series approximations leave tails such as `2.0000000000000000000000000003` for `4.power(0.5)`,
//! so approximate results are rounded to 16 significant digits (about a double's precision). Results
//! too small for a decimal (below 10^-28) become 0; results too large are an error.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, MathematicalOps, RoundingStrategy};

use super::{num_arg, this, Num};
use crate::builtins::{BuiltinError, BuiltinResult};
use crate::value::Value;

/// Significant digits kept from an approximate result.
const SIGNIFICANT: u32 = 16;

/// `d` rounded to `SIGNIFICANT` significant digits.
fn tidy(d: Decimal) -> Decimal {
    let digits = d
        .mantissa()
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |l| l + 1);
    if digits <= SIGNIFICANT {
        return d.normalize();
    }
    let scale = d.scale().saturating_sub(digits - SIGNIFICANT);
    d.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

fn approx(d: Decimal) -> BuiltinResult {
    Ok(Value::Decimal(tidy(d)))
}

/// A failed computation: 0 when the true result is too small for a decimal, else an overflow error.
fn out_of_range(estimate: f64, what: &str, v: &Value) -> BuiltinResult {
    if estimate.is_finite() && estimate.abs() < 1e-28 {
        return Ok(Value::Decimal(Decimal::ZERO));
    }
    Err(BuiltinError::new(format!(
        "the result of `{what}` on {} is too large for a decimal",
        v.to_display()
    )))
}

fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

/// Newton's method from a floating-point first guess, with a bounded number of steps.
fn decimal_sqrt(x: Decimal) -> Option<Decimal> {
    if x.is_zero() {
        return Some(Decimal::ZERO);
    }
    let mut r = Decimal::from_f64(f64_of(x).sqrt()).filter(|g| !g.is_zero())?;
    for _ in 0..64 {
        let next = r
            .checked_add(x.checked_div(r)?)?
            .checked_div(Decimal::TWO)?;
        if next == r {
            break;
        }
        r = next;
    }
    Some(r)
}

pub(super) fn sqrt(v: &Value, _: &[Value]) -> BuiltinResult {
    let x = this(v)?.dec();
    // Zoho: "values below 0 will return null".
    if x.is_sign_negative() && !x.is_zero() {
        return Ok(Value::Null);
    }
    match decimal_sqrt(x) {
        Some(r) => approx(r),
        None => out_of_range(f64_of(x).sqrt(), "sqrt", v),
    }
}

/// Integer to a non-negative integer power stays an integer when it fits; whole exponents are exact;
/// fractional exponents are approximate and need a non-negative base.
pub(crate) fn power(v: &Value, args: &[Value]) -> BuiltinResult {
    let base = this(v)?;
    let exp = num_arg(args, 0, "power")?;
    if let (Num::Int(b), Num::Int(e)) = (base, exp) {
        if let Some(n) = u32::try_from(e).ok().and_then(|e| b.checked_pow(e)) {
            return Ok(Value::Int(n));
        }
    }
    let (b, e) = (base.dec(), exp.dec());
    let estimate = f64_of(b).powf(f64_of(e));
    if b.is_zero() && e.is_sign_negative() && !e.is_zero() {
        return Err(BuiltinError::new("division by zero: 0 to a negative power"));
    }
    if e.fract().is_zero() {
        let Some(whole_exp) = e.to_i64() else {
            return out_of_range(estimate, "power", v);
        };
        return match b.checked_powi(whole_exp) {
            Some(r) => Ok(Value::Decimal(r.normalize())),
            None => out_of_range(estimate, "power", v),
        };
    }
    if b.is_sign_negative() {
        return Err(BuiltinError::new(format!(
            "cannot raise a negative number ({b}) to a fractional power ({e})"
        )));
    }
    match b.checked_powd(e) {
        Some(r) => approx(r),
        None => out_of_range(estimate, "power", v),
    }
}

pub(super) fn exp(v: &Value, _: &[Value]) -> BuiltinResult {
    let x = this(v)?.dec();
    match x.checked_exp() {
        Some(r) => approx(r),
        None => out_of_range(f64_of(x).exp(), "exp", v),
    }
}

pub(super) fn log(v: &Value, _: &[Value]) -> BuiltinResult {
    let x = this(v)?.dec();
    // Zoho: a value of 0 or below returns null.
    if x.is_sign_negative() || x.is_zero() {
        return Ok(Value::Null);
    }
    match x.checked_ln() {
        Some(r) => approx(r),
        None => out_of_range(f64::NAN, "log", v),
    }
}

pub(super) fn sin(v: &Value, _: &[Value]) -> BuiltinResult {
    let x = this(v)?.dec();
    x.checked_sin()
        .map_or_else(|| out_of_range(f64::NAN, "sin", v), approx)
}

pub(super) fn cos(v: &Value, _: &[Value]) -> BuiltinResult {
    let x = this(v)?.dec();
    x.checked_cos()
        .map_or_else(|| out_of_range(f64::NAN, "cos", v), approx)
}

/// sin / cos (more accurate than the crate's own tangent series).
pub(super) fn tan(v: &Value, _: &[Value]) -> BuiltinResult {
    let x = this(v)?.dec();
    let ratio = x
        .checked_sin()
        .zip(x.checked_cos())
        .and_then(|(s, c)| s.checked_div(c));
    ratio.map_or_else(|| out_of_range(f64::NAN, "tan", v), approx)
}

/// An inverse trigonometric function computed as Java's `Math` does (in binary floating point, shown
/// in the shortest form that reads back: `0.5.acos()` is `1.0471975511965979`); null where it is
/// undefined (Java's NaN).
fn inverse(v: &Value, f: fn(f64) -> f64) -> BuiltinResult {
    let r = f(f64_of(this(v)?.dec()));
    if !r.is_finite() {
        return Ok(Value::Null);
    }
    Ok(Decimal::from_str_exact(&format!("{r}"))
        .or_else(|_| Decimal::from_f64(r).ok_or(()))
        .map_or(Value::Null, |d| Value::Decimal(d.normalize())))
}

pub(super) fn acos(v: &Value, _: &[Value]) -> BuiltinResult {
    inverse(v, f64::acos)
}

pub(super) fn asin(v: &Value, _: &[Value]) -> BuiltinResult {
    inverse(v, f64::asin)
}

pub(super) fn atan(v: &Value, _: &[Value]) -> BuiltinResult {
    inverse(v, f64::atan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn tidy_keeps_sixteen_significant_digits() {
        assert_eq!(tidy(d("2.0000000000000000000000000003")).to_string(), "2");
        assert_eq!(
            tidy(d("1.4142135623730950488016887242")).to_string(),
            "1.414213562373095"
        );
        assert_eq!(tidy(d("0.1")).to_string(), "0.1");
    }

    #[test]
    fn square_roots_of_squares_are_exact() {
        assert_eq!(tidy(decimal_sqrt(d("2.25")).unwrap()), d("1.5"));
        assert_eq!(tidy(decimal_sqrt(d("16")).unwrap()), d("4"));
        assert!(decimal_sqrt(Decimal::MAX).is_some());
    }
}
