//! Zoho's search criteria, as `zoho.crm.searchRecords` and `dg record list --criteria` take them:
//! `(Field:operator:value)` conditions joined with `and` / `or` and grouped with parentheses, e.g.
//! `((Last_Name:equals:Burns\,B)and(First_Name:starts_with:Ma))`. In values `\,` `\(` `\)` and `\\`
//! stand for themselves; `in`, `not_in` and `between` take comma-separated values.

use serde_json::Value as Json;

/// A parsed criteria expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Criteria {
    Condition {
        field: String,
        op: Op,
        values: Vec<String>,
    },
    And(Box<Criteria>, Box<Criteria>),
    Or(Box<Criteria>, Box<Criteria>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Equals,
    NotEqual,
    StartsWith,
    EndsWith,
    Contains,
    NotContains,
    In,
    NotIn,
    GreaterThan,
    GreaterEqual,
    LessThan,
    LessEqual,
    Between,
}

/// The operator names, for errors and help.
pub const OPERATORS: &str =
    "equals, not_equal, starts_with, ends_with, contains, not_contains, in, \
not_in, greater_than, greater_equal, less_than, less_equal, between";

impl Op {
    fn parse(name: &str) -> Option<Op> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "equals" | "eq" => Op::Equals,
            "not_equal" | "not_equals" => Op::NotEqual,
            "starts_with" => Op::StartsWith,
            "ends_with" => Op::EndsWith,
            "contains" => Op::Contains,
            "not_contains" => Op::NotContains,
            "in" => Op::In,
            "not_in" => Op::NotIn,
            "greater_than" => Op::GreaterThan,
            "greater_equal" => Op::GreaterEqual,
            "less_than" => Op::LessThan,
            "less_equal" => Op::LessEqual,
            "between" => Op::Between,
            _ => return None,
        })
    }
}

/// Why criteria text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid criteria at character {at}: {reason}")]
pub struct CriteriaError {
    pub at: usize,
    pub reason: String,
}

/// How deeply parentheses may nest, and how many conditions one criteria may hold: bounds that
/// keep parsing, matching and dropping far from the stack's end.
const MAX_DEPTH: usize = 32;
const MAX_CONDITIONS: usize = 500;

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    text: &'a str,
    depth: usize,
    conditions: usize,
}

pub fn parse(text: &str) -> Result<Criteria, CriteriaError> {
    let mut p = Parser {
        chars: text.chars().collect(),
        pos: 0,
        text,
        depth: 0,
        conditions: 0,
    };
    let c = p.expr()?;
    p.spaces();
    if p.pos < p.chars.len() {
        return Err(p.error("unexpected text after the criteria"));
    }
    Ok(c)
}

impl Parser<'_> {
    fn error(&self, reason: &str) -> CriteriaError {
        CriteriaError {
            at: self.pos + 1,
            reason: format!("{reason} (in {:?})", self.text),
        }
    }

    fn spaces(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn word(&mut self, w: &str) -> bool {
        let end = self.pos + w.len();
        let matches = end <= self.chars.len()
            && self.chars[self.pos..end]
                .iter()
                .collect::<String>()
                .eq_ignore_ascii_case(w);
        if matches {
            self.pos = end;
        }
        matches
    }

    /// `term (and|or term)*`, `and` binding tighter than `or`.
    fn expr(&mut self) -> Result<Criteria, CriteriaError> {
        let mut left = self.conjunction()?;
        loop {
            self.spaces();
            if !self.word("or") {
                return Ok(left);
            }
            let right = self.conjunction()?;
            left = Criteria::Or(Box::new(left), Box::new(right));
        }
    }

    fn conjunction(&mut self) -> Result<Criteria, CriteriaError> {
        let mut left = self.term()?;
        loop {
            self.spaces();
            if !self.word("and") {
                return Ok(left);
            }
            let right = self.term()?;
            left = Criteria::And(Box::new(left), Box::new(right));
        }
    }

    fn term(&mut self) -> Result<Criteria, CriteriaError> {
        self.spaces();
        if self.chars.get(self.pos) != Some(&'(') {
            return Err(self.error("expected `(`"));
        }
        self.pos += 1;
        self.spaces();
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(&format!("parentheses nest deeper than {MAX_DEPTH}")));
        }
        let inner = if self.chars.get(self.pos) == Some(&'(') {
            self.expr()?
        } else {
            self.conditions += 1;
            if self.conditions > MAX_CONDITIONS {
                return Err(self.error(&format!("more than {MAX_CONDITIONS} conditions")));
            }
            self.condition()?
        };
        self.depth -= 1;
        self.spaces();
        if self.chars.get(self.pos) != Some(&')') {
            return Err(self.error("expected `)`"));
        }
        self.pos += 1;
        Ok(inner)
    }

    fn until_colon(&mut self, what: &str) -> Result<String, CriteriaError> {
        let start = self.pos;
        while let Some(&c) = self.chars.get(self.pos) {
            if c == ':' {
                let text: String = self.chars[start..self.pos].iter().collect();
                self.pos += 1;
                return Ok(text.trim().to_string());
            }
            if c == '(' || c == ')' {
                break;
            }
            self.pos += 1;
        }
        Err(self.error(&format!("expected `:` after the {what}")))
    }

    fn condition(&mut self) -> Result<Criteria, CriteriaError> {
        let field = self.until_colon("field name")?;
        if field.is_empty() {
            return Err(self.error("a field name is missing"));
        }
        let op_at = self.pos;
        let op_name = self.until_colon("operator")?;
        let op = Op::parse(&op_name).ok_or_else(|| CriteriaError {
            at: op_at + 1,
            reason: format!("unknown operator {op_name:?}; the operators are {OPERATORS}"),
        })?;
        let mut values = vec![String::new()];
        loop {
            match self.chars.get(self.pos) {
                None => return Err(self.error("expected `)` after the value")),
                Some(')') => break,
                Some('\\') => {
                    self.pos += 1;
                    if let (Some(&c), Some(v)) = (self.chars.get(self.pos), values.last_mut()) {
                        v.push(c);
                        self.pos += 1;
                    }
                }
                Some(',') if matches!(op, Op::In | Op::NotIn | Op::Between) => {
                    values.push(String::new());
                    self.pos += 1;
                }
                Some(&c) => {
                    if let Some(v) = values.last_mut() {
                        v.push(c);
                    }
                    self.pos += 1;
                }
            }
        }
        let values: Vec<String> = values.into_iter().map(|v| v.trim().to_string()).collect();
        if op == Op::Between && values.len() != 2 {
            return Err(self.error("between takes two values: low,high"));
        }
        Ok(Criteria::Condition { field, op, values })
    }
}

/// A field's value as text for comparison; a lookup (`{"id", "name"}`) compares by both.
fn texts_of(value: &Json) -> Vec<String> {
    match value {
        Json::Null => vec![],
        Json::String(s) => vec![s.clone()],
        Json::Object(m) => ["name", "id"]
            .iter()
            .filter_map(|k| m.get(*k))
            .flat_map(texts_of)
            .collect(),
        Json::Array(items) => items.iter().flat_map(texts_of).collect(),
        other => vec![other.to_string()],
    }
}

fn field<'a>(record: &'a Json, name: &str) -> Option<&'a Json> {
    let m = record.as_object()?;
    m.get(name).or_else(|| {
        m.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// A finite decimal number, exactly (19-digit ids included); `nan` and `inf` are text.
fn number(s: &str) -> Option<rust_decimal::Decimal> {
    let t = s.trim();
    let plain = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.'));
    if plain {
        t.parse().ok()
    } else {
        None
    }
}

/// Orders two values: as exact numbers when both are, else as text without case.
fn order(a: &str, b: &str) -> std::cmp::Ordering {
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.to_lowercase().cmp(&b.to_lowercase()),
    }
}

fn same(a: &str, b: &str) -> bool {
    order(a, b) == std::cmp::Ordering::Equal
}

impl Criteria {
    /// Whether a record (a JSON object of fields) matches.
    pub fn matches(&self, record: &Json) -> bool {
        match self {
            Criteria::And(a, b) => a.matches(record) && b.matches(record),
            Criteria::Or(a, b) => a.matches(record) || b.matches(record),
            Criteria::Condition {
                field: name,
                op,
                values,
            } => {
                let texts = field(record, name).map(texts_of).unwrap_or_default();
                let v = values.first().map(String::as_str).unwrap_or("");
                let any = |f: &dyn Fn(&str) -> bool| texts.iter().any(|t| f(t));
                let lower = |s: &str| s.to_lowercase();
                match op {
                    Op::Equals => {
                        any(&|t| same(t, v)) || (texts.is_empty() && (v.is_empty() || v == "null"))
                    }
                    Op::NotEqual => !any(&|t| same(t, v)),
                    Op::StartsWith => any(&|t| lower(t).starts_with(&lower(v))),
                    Op::EndsWith => any(&|t| lower(t).ends_with(&lower(v))),
                    Op::Contains => any(&|t| lower(t).contains(&lower(v))),
                    Op::NotContains => !any(&|t| lower(t).contains(&lower(v))),
                    Op::In => any(&|t| values.iter().any(|x| same(t, x))),
                    Op::NotIn => !any(&|t| values.iter().any(|x| same(t, x))),
                    Op::GreaterThan => any(&|t| order(t, v).is_gt()),
                    Op::GreaterEqual => any(&|t| order(t, v).is_ge()),
                    Op::LessThan => any(&|t| order(t, v).is_lt()),
                    Op::LessEqual => any(&|t| order(t, v).is_le()),
                    Op::Between => {
                        let hi = values.get(1).map(String::as_str).unwrap_or("");
                        any(&|t| order(t, v).is_ge() && order(t, hi).is_le())
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(criteria: &str, record: &Json) -> bool {
        parse(criteria).unwrap().matches(record)
    }

    #[test]
    fn operators_and_grouping() {
        let r = json!({"Last_Name": "Burns,B", "First_Name": "Mary", "Age": 42,
                       "Account_Name": {"id": "41", "name": "Zylker"}, "City": "Dublin"});
        assert!(check(r"(Last_Name:equals:Burns\,B)", &r));
        assert!(check(
            r"((Last_Name:equals:burns\,b)and(First_Name:starts_with:Ma))",
            &r
        ));
        assert!(check("(First_Name:ends_with:ry)", &r));
        assert!(check("(City:contains:ubl)and(City:not_contains:x)", &r));
        assert!(check("(City:in:Cork,Dublin)", &r));
        assert!(check("(City:not_in:Cork,Galway)", &r));
        assert!(
            check("(Age:greater_than:9)", &r),
            "numbers compare as numbers"
        );
        assert!(check("(Age:between:40,50)and(Age:less_equal:42)", &r));
        assert!(check("(Account_Name:equals:Zylker)", &r));
        assert!(check("(Account_Name:equals:41)", &r));
        assert!(check("((City:equals:Cork)or(City:equals:Dublin))", &r));
        assert!(check(
            "(City:equals:Cork)or(Age:greater_equal:42)and(First_Name:equals:Mary)",
            &r
        ));
        assert!(!check("(City:not_equal:Dublin)", &r));
        assert!(!check("(Missing:equals:x)", &r));
        assert!(check("(Missing:not_equal:x)", &r));
    }

    #[test]
    fn numbers_compare_exactly_and_nan_is_text() {
        let r = json!({"Ref": "4150868000000000002", "First_Name": "Nan", "Amount": "10.50"});
        assert!(!check("(Ref:equals:4150868000000000001)", &r));
        assert!(check("(Ref:equals:4150868000000000002)", &r));
        assert!(!check("(First_Name:equals:5)", &r));
        assert!(check("(Amount:equals:10.5)", &r));
    }

    #[test]
    fn nesting_and_size_are_bounded() {
        let deep = format!("{}(A:equals:1){}", "(".repeat(40), ")".repeat(40));
        assert!(parse(&deep).unwrap_err().reason.contains("nest deeper"));
        let long = vec!["(A:equals:1)"; 600].join("and");
        assert!(parse(&long).unwrap_err().reason.contains("conditions"));
    }

    #[test]
    fn bad_criteria_say_where() {
        let e = parse("(City:like:Dublin)").unwrap_err();
        assert!(e.reason.contains("unknown operator \"like\""), "{e}");
        assert!(parse("City:equals:Dublin").is_err());
        assert!(parse("(City:equals:Dublin").is_err());
        assert!(parse("(City:equals:Dublin))").is_err());
        assert!(parse("(Age:between:1)").is_err());
    }
}
