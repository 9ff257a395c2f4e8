//! Number patterns as Java's `DecimalFormat` reads them: `text(10, "$0.00")` is `$10.00`.
//!
//! A pattern is a prefix, a number part of `0` (a digit always shown), `#` (a digit shown when
//! not zero), `,` (grouping) and `.` (the decimal point), then a suffix; `%` in the prefix or suffix
//! multiplies by 100, and text in single quotes is literal. Rounding is half-even, Java's default.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::builtins::BuiltinError;

/// The parts of a pattern.
#[derive(Debug, PartialEq)]
struct Pattern {
    prefix: String,
    suffix: String,
    min_int: usize,
    min_frac: usize,
    max_frac: usize,
    /// Digits between grouping separators (0 = no grouping).
    group: usize,
    percent: bool,
}

/// `d` written by the pattern `pattern`.
pub(crate) fn format_number(d: Decimal, pattern: &str) -> Result<String, BuiltinError> {
    let p = parse(pattern)?;
    let mut d = d;
    if p.percent {
        d = d
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or_else(|| BuiltinError::new(format!("{d} is too large for a percentage")))?;
    }
    let rounded =
        d.round_dp_with_strategy(p.max_frac as u32, RoundingStrategy::MidpointNearestEven);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let digits = rounded.abs().to_string();
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((&digits, ""));
    let int_part = int_part.trim_start_matches('0');
    let mut int_digits = "0".repeat(p.min_int.saturating_sub(int_part.len())) + int_part;
    if p.group > 0 && int_digits.len() > p.group {
        let mut grouped = String::new();
        for (i, c) in int_digits.chars().enumerate() {
            if i > 0 && (int_digits.len() - i) % p.group == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        int_digits = grouped;
    }
    let mut frac = frac_part.trim_end_matches('0').to_string();
    while frac.len() < p.min_frac {
        frac.push('0');
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&p.prefix);
    out.push_str(&int_digits);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
    }
    out.push_str(&p.suffix);
    Ok(out)
}

fn parse(pattern: &str) -> Result<Pattern, BuiltinError> {
    let bad = |why: &str| {
        BuiltinError::new(format!("the number pattern {pattern:?} {why}")).with_help(
            "a number pattern is made of 0 # , . with text around it, e.g. \"$#,##0.00\"",
        )
    };
    let mut prefix = String::new();
    let mut suffix = String::new();
    let mut number = String::new();
    let mut quoted = false;
    let mut percent = false;
    // 0: prefix, 1: number part, 2: suffix
    let mut stage = 0;
    for c in pattern.chars() {
        if c == '\'' {
            quoted = !quoted;
            continue;
        }
        let in_number = !quoted && matches!(c, '0' | '#' | ',' | '.');
        if in_number && stage < 2 {
            stage = 1;
            number.push(c);
            continue;
        }
        if stage == 1 {
            stage = 2;
        }
        if c == '%' && !quoted {
            percent = true;
        }
        if stage == 0 {
            prefix.push(c);
        } else {
            suffix.push(c);
        }
    }
    if number.is_empty() {
        return Err(bad("has no digits (0 or #)"));
    }
    let (int_pat, frac_pat) = match number.split_once('.') {
        Some((i, f)) if !f.contains('.') => (i, f),
        Some(_) => return Err(bad("has two decimal points")),
        None => (number.as_str(), ""),
    };
    if frac_pat.contains(',') {
        return Err(bad("has a grouping comma after the decimal point"));
    }
    let group = match int_pat.rfind(',') {
        Some(i) => int_pat.len() - i - 1,
        None => 0,
    };
    Ok(Pattern {
        prefix,
        suffix,
        min_int: int_pat.chars().filter(|&c| c == '0').count(),
        min_frac: frac_pat.chars().filter(|&c| c == '0').count(),
        max_frac: frac_pat.len(),
        group,
        percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn f(n: &str, pattern: &str) -> String {
        format_number(Decimal::from_str(n).unwrap(), pattern).unwrap_or_else(|e| e.message)
    }

    #[test]
    fn java_decimal_format_basics() {
        assert_eq!(f("10", "$0.00"), "$10.00");
        assert_eq!(f("7.456", "0.00 per hour"), "7.46 per hour");
        assert_eq!(f("1234567.891", "#,##0.0"), "1,234,567.9");
        assert_eq!(f("0.5", "#.##"), ".5");
        assert_eq!(f("0.125", "0.00"), "0.12");
        assert_eq!(f("-3.5", "0"), "-4");
        assert_eq!(f("0.256", "0.0%"), "25.6%");
        assert_eq!(f("5", "'#'0"), "#5");
        assert_eq!(f("42", "00000"), "00042");
        assert!(f("1", "abc").contains("no digits"));
    }
}
