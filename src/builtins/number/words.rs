//! `toWords`: a number spelt out in English, as ICU's spell-out rules write it.
//!
//! `1989` is "one thousand nine hundred eighty-nine"; a decimal reads its fraction digit by digit
//! after "point"; a negative starts with "minus". `en-in` groups by lakh and crore. Zoho also
//! lists fr, de, it, ja, ko, zh and es, which dg does not spell yet.

use rust_decimal::Decimal;

use crate::builtins::BuiltinError;

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// Western scale words, each a thousand times the last.
const SCALES: [&str; 7] = [
    "",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
];

/// Whole numbers may have up to 18 digits, as Zoho documents.
const MAX_WHOLE_DIGITS: usize = 18;

/// `d` in words for the language code `lang`.
pub(crate) fn to_words(d: Decimal, lang: &str) -> Result<String, BuiltinError> {
    let indian = match lang.to_ascii_lowercase().replace('_', "-").as_str() {
        "en" | "en-us" | "en-gb" => false,
        "en-in" => true,
        other => {
            return Err(BuiltinError::new(format!(
                "`toWords`: dg does not spell numbers in {other:?} yet"
            ))
            .with_help("dg spells English: \"en-us\", \"en-gb\" or \"en-in\""))
        }
    };
    let text = d.abs().normalize().to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    if whole.len() > MAX_WHOLE_DIGITS {
        return Err(BuiltinError::new(format!(
            "`toWords`: {d} has more than {MAX_WHOLE_DIGITS} digits"
        )));
    }
    let n: u64 = whole.parse().unwrap_or(0);
    let mut out = String::new();
    if d.is_sign_negative() && !d.is_zero() {
        out.push_str("minus ");
    }
    out.push_str(&if indian {
        lakh_words(n)
    } else {
        western_words(n)
    });
    if !frac.is_empty() {
        out.push_str(" point");
        for digit in frac.chars().filter_map(|c| c.to_digit(10)) {
            out.push(' ');
            out.push_str(ONES[digit as usize]);
        }
    }
    Ok(out)
}

/// 0 to 999.
fn below_thousand(n: u64) -> String {
    let mut parts = Vec::new();
    let (hundreds, rest) = (n / 100, n % 100);
    if hundreds > 0 {
        parts.push(format!("{} hundred", ONES[hundreds as usize]));
    }
    if rest > 0 || hundreds == 0 {
        parts.push(below_hundred(rest));
    }
    parts.join(" ")
}

fn below_hundred(n: u64) -> String {
    match n {
        0..=19 => ONES[n as usize].to_string(),
        _ if n % 10 == 0 => TENS[(n / 10) as usize].to_string(),
        _ => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
    }
}

fn western_words(n: u64) -> String {
    if n == 0 {
        return ONES[0].to_string();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 1000);
        rest /= 1000;
    }
    let mut parts = Vec::new();
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        let scale = SCALES.get(i).copied().unwrap_or("");
        let words = below_thousand(g);
        parts.push(if scale.is_empty() {
            words
        } else {
            format!("{words} {scale}")
        });
    }
    parts.join(" ")
}

/// Indian grouping: crore (10^7), lakh (10^5), thousand, hundred.
fn lakh_words(n: u64) -> String {
    if n == 0 {
        return ONES[0].to_string();
    }
    let mut parts = Vec::new();
    let crores = n / 10_000_000;
    if crores > 0 {
        parts.push(format!("{} crore", lakh_words(crores)));
    }
    let lakhs = n / 100_000 % 100;
    if lakhs > 0 {
        parts.push(format!("{} lakh", below_hundred(lakhs)));
    }
    let thousands = n / 1000 % 100;
    if thousands > 0 {
        parts.push(format!("{} thousand", below_hundred(thousands)));
    }
    let rest = n % 1000;
    if rest > 0 {
        parts.push(below_thousand(rest));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn w(n: &str, lang: &str) -> String {
        to_words(Decimal::from_str(n).unwrap(), lang).unwrap_or_else(|e| e.message)
    }

    #[test]
    fn english_words() {
        assert_eq!(w("1989", "en-us"), "one thousand nine hundred eighty-nine");
        assert_eq!(w("1000", "en-us"), "one thousand");
        assert_eq!(w("-12", "en-gb"), "minus twelve");
        assert_eq!(w("0", "en-us"), "zero");
        assert_eq!(w("2.05", "en-us"), "two point zero five");
        assert_eq!(w("1000001", "en-us"), "one million one");
        assert_eq!(
            w("12345678", "en-in"),
            "one crore twenty-three lakh forty-five thousand six hundred seventy-eight"
        );
        assert!(w("5", "xx").contains("does not spell"));
    }
}
