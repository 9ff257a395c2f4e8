//! The local CRM's records: modules made on first use, each record a JSON object of fields with a
//! 19-digit `id`, `Created_Time` and `Modified_Time`, kept in the product's database.

pub mod criteria;
pub mod import;

use chrono::Utc;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde_json::{Map, Value as Json};

use crate::connectors::ConnectorError;
use crate::store::{CachedQuery, Store};
pub use criteria::Criteria;

/// Record ids are this prefix and a 9-digit sequence number: 19 digits, as Zoho's.
const ID_PREFIX: u64 = 4_150_868_000;

pub type Fields = Map<String, Json>;

/// Why a record task failed, in Zoho's terms (`code`, `message`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(dg::records))]
pub struct RecordError {
    /// Zoho's error code, e.g. `INVALID_DATA`, `INVALID_MODULE`.
    pub code: &'static str,
    pub message: String,
}

impl RecordError {
    fn new(code: &'static str, message: impl Into<String>) -> RecordError {
        RecordError {
            code,
            message: message.into(),
        }
    }
}

impl From<rusqlite::Error> for RecordError {
    fn from(e: rusqlite::Error) -> RecordError {
        RecordError::new("INTERNAL_ERROR", format!("database error: {e}"))
    }
}

impl From<ConnectorError> for RecordError {
    fn from(e: ConnectorError) -> RecordError {
        RecordError::new("INTERNAL_ERROR", e.to_string())
    }
}

/// A module name: letters, digits and `_` (Contacts, Leads, Deals, Custom_Module).
pub fn check_module(module: &str) -> Result<(), RecordError> {
    let ok = !module.is_empty()
        && module.len() <= 100
        && module
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(RecordError::new(
            "INVALID_MODULE",
            format!("the module name {module:?} is not valid (letters, digits and _)"),
        ))
    }
}

/// A record id as text, from text or a number.
pub fn id_text(id: &Json) -> Option<String> {
    match id {
        Json::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn now() -> String {
    Utc::now().format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// System fields a caller cannot set.
const SYSTEM_FIELDS: &[&str] = &["id", "Created_Time", "Modified_Time"];

fn parse_data(text: &str) -> Json {
    serde_json::from_str(text).unwrap_or(Json::Null)
}

impl Store {
    /// Creates a record; returns it with its `id` and times.
    pub fn create_record(&self, module: &str, fields: &Fields) -> Result<Json, RecordError> {
        Ok(self.create_record_with(module, fields, |_, _| Ok(()))?.0)
    }

    /// Creates a record, and does `also` (given its id) in the same transaction.
    pub fn create_record_with<T>(
        &self,
        module: &str,
        fields: &Fields,
        also: impl FnOnce(&rusqlite::Connection, &str) -> rusqlite::Result<T>,
    ) -> Result<(Json, T), RecordError> {
        check_module(module)?;
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let record = insert_record(&tx, module, fields)?;
        let id = record["id"].as_str().unwrap_or_default().to_string();
        let more = also(&tx, &id)?;
        tx.commit()?;
        Ok((record, more))
    }

    /// Creates many records in one transaction: all or none.
    pub fn create_records(&self, module: &str, all: &[Fields]) -> Result<usize, RecordError> {
        check_module(module)?;
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        for fields in all {
            insert_record(&tx, module, fields)?;
        }
        tx.commit()?;
        Ok(all.len())
    }

    /// Changes the given fields of a record; returns the whole record after the change.
    pub fn update_record(
        &self,
        module: &str,
        id: &str,
        fields: &Fields,
    ) -> Result<Json, RecordError> {
        Ok(self.update_record_with(module, id, fields, |_| Ok(()))?.0)
    }

    /// Changes a record, and does `also` in the same transaction.
    pub fn update_record_with<T>(
        &self,
        module: &str,
        id: &str,
        fields: &Fields,
        also: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>,
    ) -> Result<(Json, T), RecordError> {
        check_module(module)?;
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let data: String = tx
            .query_row(
                "SELECT data FROM records WHERE module = ?1 AND id = ?2",
                params![module, id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| not_found(module, id))?;
        let mut record = match parse_data(&data) {
            Json::Object(m) => m,
            _ => Fields::new(),
        };
        for (k, v) in fields {
            if !SYSTEM_FIELDS.contains(&k.as_str()) {
                record.insert(k.clone(), v.clone());
            }
        }
        let at = now();
        record.insert("Modified_Time".into(), Json::String(at.clone()));
        let record = Json::Object(record);
        tx.execute(
            "UPDATE records SET data = ?3, modified_at = ?4 WHERE module = ?1 AND id = ?2",
            params![module, id, record.to_string(), at],
        )?;
        let more = also(&tx)?;
        tx.commit()?;
        Ok((record, more))
    }

    pub fn get_record(&self, module: &str, id: &str) -> Result<Option<Json>, RecordError> {
        check_module(module)?;
        Ok(self
            .conn
            .cached_row(
                "SELECT data FROM records WHERE module = ?1 AND id = ?2",
                params![module, id],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .map(|d| parse_data(&d)))
    }

    /// Records of a module in creation order, those matching `criteria`, page `page` (from 1) of
    /// `per_page`.
    pub fn list_records(
        &self,
        module: &str,
        criteria: Option<&Criteria>,
        page: usize,
        per_page: usize,
    ) -> Result<Vec<Json>, RecordError> {
        check_module(module)?;
        let mut stmt = self
            .conn
            .prepare("SELECT data FROM records WHERE module = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([module], |r| r.get::<_, String>(0))?;
        let skip = page.saturating_sub(1).saturating_mul(per_page);
        let mut out = Vec::new();
        let mut matched = 0usize;
        for row in rows {
            let record = parse_data(&row?);
            if criteria.is_some_and(|c| !c.matches(&record)) {
                continue;
            }
            matched += 1;
            if matched > skip {
                out.push(record);
                if out.len() >= per_page {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// Deletes a record; false when there was none.
    pub fn delete_record(&self, module: &str, id: &str) -> Result<bool, RecordError> {
        check_module(module)?;
        Ok(self.conn.execute(
            "DELETE FROM records WHERE module = ?1 AND id = ?2",
            params![module, id],
        )? > 0)
    }

    /// Records of `module` that point at `parent_id`: a lookup field holding `{"id": parent_id}`,
    /// or a field equal to it.
    pub fn related_records(&self, module: &str, parent_id: &str) -> Result<Vec<Json>, RecordError> {
        let all = self.list_records(module, None, 1, usize::MAX)?;
        Ok(all
            .into_iter()
            .filter(|r| {
                r.as_object().is_some_and(|m| {
                    m.iter().any(|(k, v)| {
                        k != "id"
                            && (id_text(v).as_deref() == Some(parent_id)
                                || v.get("id").and_then(id_text).as_deref() == Some(parent_id))
                    })
                })
            })
            .collect())
    }
}

/// Inserts one record inside the caller's (immediate) transaction. Sequence numbers come from
/// AUTOINCREMENT's counter, so ids are never reused.
fn insert_record(
    tx: &rusqlite::Transaction<'_>,
    module: &str,
    fields: &Fields,
) -> Result<Json, RecordError> {
    let last: i64 = tx
        .cached_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'records'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let seq = last + 1;
    let id = format!("{ID_PREFIX}{seq:09}");
    let at = now();
    let mut record = Fields::new();
    record.insert("id".into(), Json::String(id.clone()));
    for (k, v) in fields {
        if !SYSTEM_FIELDS.contains(&k.as_str()) {
            record.insert(k.clone(), v.clone());
        }
    }
    record.insert("Created_Time".into(), Json::String(at.clone()));
    record.insert("Modified_Time".into(), Json::String(at.clone()));
    let record = Json::Object(record);
    tx.cached_execute(
        "INSERT INTO records (seq, module, id, data, created_at, modified_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![seq, module, id, record.to_string(), at],
    )?;
    Ok(record)
}

fn not_found(module: &str, id: &str) -> RecordError {
    RecordError::new(
        "INVALID_DATA",
        format!("the id given seems to be invalid: no {module} record {id}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Json) -> Fields {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn records_are_created_updated_searched_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("dg.db")).unwrap();
        let a = store
            .create_record(
                "Contacts",
                &fields(json!({"Last_Name": "Byrne", "id": "x"})),
            )
            .unwrap();
        let id = a["id"].as_str().unwrap().to_string();
        assert_eq!(id.len(), 19);
        assert_ne!(id, "x");
        store
            .create_record("Contacts", &fields(json!({"Last_Name": "Murphy"})))
            .unwrap();
        let deal = store
            .create_record(
                "Deals",
                &fields(json!({"Contact_Name": {"id": id, "name": "Byrne"}})),
            )
            .unwrap();
        let updated = store
            .update_record("contacts", &id, &fields(json!({"City": "Cork"})))
            .unwrap();
        assert_eq!(updated["Last_Name"], "Byrne");
        assert_eq!(updated["City"], "Cork");
        let c = criteria::parse("(City:equals:cork)").unwrap();
        assert_eq!(
            store
                .list_records("Contacts", Some(&c), 1, 200)
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store.list_records("Contacts", None, 2, 1).unwrap()[0]["Last_Name"],
            "Murphy"
        );
        assert_eq!(store.related_records("Deals", &id).unwrap(), vec![deal]);
        assert!(store.delete_record("Contacts", &id).unwrap());
        // The newest record deleted: its id is not handed out again.
        let newest = store.create_record("Leads", &Fields::new()).unwrap();
        let newest_id = newest["id"].as_str().unwrap().to_string();
        store.delete_record("Leads", &newest_id).unwrap();
        let next = store.create_record("Leads", &Fields::new()).unwrap();
        assert_ne!(next["id"].as_str().unwrap(), newest_id);
        assert!(store.get_record("Contacts", &id).unwrap().is_none());
        let e = store
            .update_record("Contacts", &id, &Fields::new())
            .unwrap_err();
        assert_eq!(e.code, "INVALID_DATA");
        assert_eq!(
            store
                .create_record("bad module", &Fields::new())
                .unwrap_err()
                .code,
            "INVALID_MODULE"
        );
    }
}
