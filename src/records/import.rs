//! Seeding a module from a file: CSV with a header row of field names, or JSON (an array of
//! objects, or Zoho's `{"data": [...]}` envelope).

use std::path::Path;

use serde_json::{Map, Value as Json};

use super::{Fields, RecordError};
use crate::store::Store;

fn invalid(message: String) -> RecordError {
    RecordError {
        code: "INVALID_DATA",
        message,
    }
}

/// The records a file holds, not yet stored.
pub fn read(path: &Path) -> Result<Vec<Fields>, RecordError> {
    let shown = path.display();
    let text =
        std::fs::read_to_string(path).map_err(|e| invalid(format!("cannot read {shown}: {e}")))?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        from_csv(&text).map_err(|e| invalid(format!("{shown}: {e}")))
    } else {
        from_json(&text).map_err(|e| invalid(format!("{shown}: {e}")))
    }
}

fn from_csv(text: &str) -> Result<Vec<Fields>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::Headers)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| e.to_string())?;
        let mut fields = Map::new();
        for (name, value) in headers.iter().zip(row.iter()) {
            if !value.is_empty() {
                fields.insert(name.to_string(), Json::String(value.to_string()));
            }
        }
        out.push(fields);
    }
    Ok(out)
}

fn from_json(text: &str) -> Result<Vec<Fields>, String> {
    let value: Json = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let items = match value {
        Json::Array(items) => items,
        Json::Object(mut m) => match m.remove("data") {
            Some(Json::Array(items)) => items,
            _ => vec![Json::Object(m)],
        },
        _ => return Err("expected an array of records".into()),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| match item {
            Json::Object(m) => Ok(m),
            _ => Err(format!("item {} is not an object of fields", i + 1)),
        })
        .collect()
}

impl Store {
    /// Creates every record of a file in one transaction (all or none); returns how many.
    pub fn import_records(&self, module: &str, records: &[Fields]) -> Result<usize, RecordError> {
        self.create_records(module, records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_and_json_files_become_field_maps() {
        let rows = from_csv("Last_Name, Email\nByrne,b@example.com\n\"O'Neil, Jr\",\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1]["Last_Name"], "O'Neil, Jr");
        assert!(!rows[1].contains_key("Email"));
        assert_eq!(
            from_json(r#"{"data": [{"a": 1}, {"b": 2}]}"#)
                .unwrap()
                .len(),
            2
        );
        assert!(from_json("[1]").is_err());
    }
}
