//! `zoho.crm.*` record tasks against the local CRM, with Zoho's shapes: records as maps (lookups
//! as nested maps), lists for searches, and failures as Zoho's error maps (`code`, `message`,
//! `status`, `details`), not runtime errors. `createRecord` and `updateRecord` fire workflow rules
//! when asked, as in Zoho: `{"trigger": {"workflow"}}`.

use serde_json::{json, Map, Value as Json};

use super::{int_arg, BuiltinError, BuiltinResult};
use crate::records::{criteria, id_text, Fields, RecordError};
use crate::value::{from_serde, to_serde, DgMap, Value};
use crate::workflow::{run::fire, Event};

fn text(v: &Value, what: &str) -> Result<String, BuiltinError> {
    match v {
        Value::Text(t) => Ok(t.to_string()),
        Value::Int(n) => Ok(n.to_string()),
        other => Err(BuiltinError::new(format!(
            "{what} must be text, not {}",
            other.type_name()
        ))),
    }
}

fn record_id(v: &Value) -> Result<String, BuiltinError> {
    id_text(&to_serde(v)).ok_or_else(|| BuiltinError::new("the record id is empty"))
}

fn fields(v: &Value) -> Result<Fields, BuiltinError> {
    match to_serde(v) {
        Json::Object(m) => Ok(m),
        _ => Err(BuiltinError::new(format!(
            "the record data must be a map, not {}",
            v.type_name()
        ))
        .with_help("e.g. {\"Last_Name\": \"Byrne\", \"Email\": \"b@example.com\"}")),
    }
}

/// Zoho's error map.
fn error_map(e: &RecordError, id: Option<&str>) -> Value {
    let details = id.map_or(json!({}), |id| json!({ "id": id }));
    from_serde(
        &json!({"code": e.code, "details": details, "message": e.message, "status": "error"}),
    )
}

/// Whether an optional map asks for workflow rules: `{"trigger": {"workflow"}}`.
fn wants_workflow(options: Option<&Value>) -> bool {
    let Some(Value::Map(m)) = options else {
        return false;
    };
    let trigger = m.borrow().get("trigger").cloned();
    match trigger {
        Some(Value::List(items)) => items
            .borrow()
            .iter()
            .any(|i| i.to_display().eq_ignore_ascii_case("workflow")),
        Some(Value::Text(t)) => t.eq_ignore_ascii_case("workflow"),
        _ => false,
    }
}

fn store_call<T>(
    work: impl FnOnce(&crate::store::Store) -> Result<T, RecordError>,
) -> Result<Result<T, RecordError>, BuiltinError> {
    crate::host::with(|store, _| Ok(work(store)))
}

/// Fires the module's rules for a record changed by a script. The change is made already: a
/// failure to fire is reported, never turned into an error of the task that made the change.
fn fire_rules(module: &str, id: &str, event: Event) -> Result<(), BuiltinError> {
    let fired = crate::host::with(|store, _| {
        fire(store, module, id, event, None)
            .map(|_| ())
            .map_err(|e| BuiltinError::new(e.to_string()))
    });
    if let Err(e) = fired {
        eprintln!(
            "dg: workflow rules for {module} {id} did not run: {}",
            e.message
        );
    }
    Ok(())
}

pub fn get_record_by_id(args: &[Value]) -> BuiltinResult {
    let module = text(&args[0], "the module")?;
    let id = record_id(&args[1])?;
    Ok(match store_call(|s| s.get_record(&module, &id))? {
        Ok(Some(r)) => from_serde(&r),
        Ok(None) => error_map(
            &RecordError {
                code: "INVALID_DATA",
                message: "the id given seems to be invalid".into(),
            },
            Some(&id),
        ),
        Err(e) => error_map(&e, Some(&id)),
    })
}

fn summary(record: &Json) -> Value {
    let mut m = Map::new();
    for k in ["id", "Created_Time", "Modified_Time"] {
        if let Some(v) = record.get(k) {
            m.insert(k.into(), v.clone());
        }
    }
    from_serde(&Json::Object(m))
}

pub fn create_record(args: &[Value]) -> BuiltinResult {
    let module = text(&args[0], "the module")?;
    let data = fields(&args[1])?;
    match store_call(|s| s.create_record(&module, &data))? {
        Ok(record) => {
            if wants_workflow(args.get(2)) {
                let id = record["id"].as_str().unwrap_or_default().to_string();
                fire_rules(&module, &id, Event::Create)?;
            }
            Ok(summary(&record))
        }
        Err(e) => Ok(error_map(&e, None)),
    }
}

pub fn update_record(args: &[Value]) -> BuiltinResult {
    let module = text(&args[0], "the module")?;
    let id = record_id(&args[1])?;
    let data = fields(&args[2])?;
    match store_call(|s| s.update_record(&module, &id, &data))? {
        Ok(record) => {
            if wants_workflow(args.get(3)) {
                fire_rules(&module, &id, Event::Edit)?;
            }
            Ok(summary(&record))
        }
        Err(e) => Ok(error_map(&e, Some(&id))),
    }
}

pub fn delete_record(args: &[Value]) -> BuiltinResult {
    let module = text(&args[0], "the module")?;
    let id = record_id(&args[1])?;
    Ok(match store_call(|s| s.delete_record(&module, &id))? {
        Ok(true) => from_serde(&json!({"code": "SUCCESS", "details": {"id": id},
            "message": "record deleted", "status": "success"})),
        Ok(false) => error_map(
            &RecordError {
                code: "INVALID_DATA",
                message: "the id given seems to be invalid".into(),
            },
            Some(&id),
        ),
        Err(e) => error_map(&e, Some(&id)),
    })
}

fn page_args(args: &[Value], at: usize) -> Result<(usize, usize), BuiltinError> {
    let page = match args.get(at) {
        Some(v) if !v.is_null() => int_arg(args, at, "page")?.max(1) as usize,
        _ => 1,
    };
    let per_page = match args.get(at + 1) {
        Some(v) if !v.is_null() => int_arg(args, at + 1, "perPage")?.clamp(1, 200) as usize,
        _ => 200,
    };
    Ok((page, per_page))
}

fn list_of(records: Vec<Json>) -> Value {
    Value::new_list(records.iter().map(from_serde).collect())
}

pub fn search_records(args: &[Value]) -> BuiltinResult {
    let module = text(&args[0], "the module")?;
    let text_criteria = text(&args[1], "the criteria")?;
    let (page, per_page) = page_args(args, 2)?;
    let parsed = match criteria::parse(&text_criteria) {
        Ok(c) => c,
        Err(e) => {
            return Ok(error_map(
                &RecordError {
                    code: "INVALID_QUERY",
                    message: e.to_string(),
                },
                None,
            ))
        }
    };
    Ok(
        match store_call(|s| s.list_records(&module, Some(&parsed), page, per_page))? {
            Ok(records) => list_of(records),
            Err(e) => error_map(&e, None),
        },
    )
}

pub fn get_records(args: &[Value]) -> BuiltinResult {
    let module = text(&args[0], "the module")?;
    let (page, per_page) = page_args(args, 1)?;
    Ok(
        match store_call(|s| s.list_records(&module, None, page, per_page))? {
            Ok(records) => list_of(records),
            Err(e) => error_map(&e, None),
        },
    )
}

pub fn get_related_records(args: &[Value]) -> BuiltinResult {
    let relation = text(&args[0], "the relation")?;
    let _parent_module = text(&args[1], "the parent module")?;
    let parent_id = record_id(&args[2])?;
    let (page, per_page) = page_args(args, 3)?;
    Ok(
        match store_call(|s| s.related_records(&relation, &parent_id))? {
            Ok(records) => list_of(
                records
                    .into_iter()
                    .skip((page - 1).saturating_mul(per_page))
                    .take(per_page)
                    .collect(),
            ),
            Err(e) => error_map(&e, Some(&parent_id)),
        },
    )
}

/// `sendmail [...]`: the message is kept in the local outbox (`dg outbox`), never sent.
pub fn send_mail(message: &DgMap) -> Result<(), BuiltinError> {
    let json = to_serde(&Value::new_map(message.clone()));
    crate::host::with(|store, _| {
        store
            .conn
            .execute(
                "INSERT INTO outbox (at, message) VALUES (?1, ?2)",
                rusqlite::params![chrono::Utc::now().to_rfc3339(), json.to_string()],
            )
            .map(|_| ())
            .map_err(|e| BuiltinError::new(format!("cannot keep the message in the outbox: {e}")))
    })
}
