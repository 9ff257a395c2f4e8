//! Methods of Creator's TIME values (`'13:15:10'`, `'10:00:00 PM'`): the hour, minutes and
//! seconds, moving within one day, and `toString(pattern)`.

use super::super::{int_arg, text_arg, BuiltinError, BuiltinResult, MethodDef};
use crate::dates::{self, pattern, TimeOfDay};
use crate::value::Value;

pub static TIME_METHODS: &[MethodDef] = &[
    method!(
        "getHour",
        "",
        0..=0,
        time_hour,
        "the hour as written (1 to 12 for a 12-hour time)"
    ),
    method!(
        "getMinutes",
        "",
        0..=0,
        time_minutes,
        "minutes past the hour"
    ),
    method!(
        "getSeconds",
        "",
        0..=0,
        time_seconds,
        "seconds past the minute"
    ),
    method!(
        "addHour",
        "hours",
        1..=1,
        time_add_hour,
        "the time that many hours later, within the day"
    ),
    method!(
        "subHour",
        "hours",
        1..=1,
        time_sub_hour,
        "the time that many hours earlier, within the day"
    ),
    method!(
        "addMinutes",
        "minutes",
        1..=1,
        time_add_minutes,
        "the time that many minutes later, within the day"
    ),
    method!(
        "subMinutes",
        "minutes",
        1..=1,
        time_sub_minutes,
        "the time that many minutes earlier, within the day"
    ),
    method!(
        "addSeconds",
        "seconds",
        1..=1,
        time_add_seconds,
        "the time that many seconds later, within the day"
    ),
    method!(
        "subSeconds",
        "seconds",
        1..=1,
        time_sub_seconds,
        "the time that many seconds earlier, within the day"
    ),
    method!(
        "toString",
        "pattern",
        0..=1,
        time_to_string,
        "as written, or formatted with a pattern such as \"hh:mm a\""
    ),
];

fn time(v: &Value) -> Result<TimeOfDay, BuiltinError> {
    match v {
        Value::Time(t) => Ok(*t),
        other => Err(BuiltinError::new(format!(
            "expected a time, got {}",
            other.type_name()
        ))),
    }
}

fn time_hour(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(i64::from(time(v)?.hour())))
}
fn time_minutes(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(i64::from(time(v)?.minute())))
}
fn time_seconds(v: &Value, _: &[Value]) -> BuiltinResult {
    Ok(Value::Int(i64::from(time(v)?.second())))
}

/// Moves the time by `n` units of `unit` seconds (`sign` -1 subtracts); Zoho refuses a result
/// outside 00:00:00 to 23:59:59.
fn shift(v: &Value, a: &[Value], what: &str, unit: i64, sign: i64) -> BuiltinResult {
    let t = time(v)?;
    let n = int_arg(a, 0, what)?;
    n.checked_mul(unit)
        .and_then(|s| s.checked_mul(sign))
        .and_then(|s| t.plus_seconds(s))
        .map(Value::Time)
        .ok_or_else(|| {
            BuiltinError::new("Invalid Operation. Value outside 24 hour range")
                .with_help("a time stays between 00:00:00 and 23:59:59")
        })
}

fn time_add_hour(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addHour", 3600, 1)
}
fn time_sub_hour(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subHour", 3600, -1)
}
fn time_add_minutes(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addMinutes", 60, 1)
}
fn time_sub_minutes(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subMinutes", 60, -1)
}
fn time_add_seconds(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "addSeconds", 1, 1)
}
fn time_sub_seconds(v: &Value, a: &[Value]) -> BuiltinResult {
    shift(v, a, "subSeconds", 1, -1)
}

fn time_to_string(v: &Value, a: &[Value]) -> BuiltinResult {
    let t = time(v)?;
    if a.is_empty() {
        return Ok(Value::text(&t.to_string()));
    }
    let java = text_arg(a, 0, "toString")?;
    let day = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(chrono::NaiveDate::MIN);
    let at = day.and_time(t.naive());
    let zone = dates::Zone::Fixed(0);
    pattern::format(at, java, zone)
        .map(|s| Value::text(&s))
        .map_err(BuiltinError::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_methods_never_panic() {
        let times = ["00:00:00", "23:59:59", "12:00:00 AM", "11:59:59 PM"];
        let args = [
            Value::Int(i64::MIN),
            Value::Int(i64::MAX),
            Value::Int(-1),
            Value::text("hh:mm:ss a yyyy"),
            Value::Null,
        ];
        for t in times {
            let v = Value::Time(TimeOfDay::literal(t).expect("a valid time"));
            for m in TIME_METHODS {
                let _ = (m.func)(&v, &[]);
                for a in &args {
                    let _ = (m.func)(&v, std::slice::from_ref(a));
                }
            }
        }
    }
}
