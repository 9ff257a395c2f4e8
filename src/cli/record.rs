//! `dg record …` (the local CRM's records; creating, updating and deleting fire workflow rules)
//! and `dg outbox` (messages `sendmail` kept).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::Value as Json;

use super::util::{boxed, Outcome};
use super::{report, CliError, Status};
use crate::records::{criteria, import, Fields};
use crate::store::Store;
use crate::workflow::queue;
use crate::workflow::run::{fire, RunRecord};
use crate::workflow::Event;

#[derive(Subcommand, Debug)]
pub enum RecordCommand {
    /// Create a record (fires the module's create rules)
    Create {
        module: String,
        /// The fields: a JSON object, or @FILE holding one
        #[arg(long)]
        data: String,
    },
    /// Change some fields of a record (fires the module's edit rules)
    Update {
        module: String,
        id: String,
        /// The fields to change: a JSON object, or @FILE
        #[arg(long)]
        data: String,
    },
    /// Show a record as JSON
    Get { module: String, id: String },
    /// List a module's records as JSON, optionally matching Zoho criteria
    List {
        module: String,
        /// e.g. '(Mailing_Country:equals:Ireland)'
        #[arg(long)]
        criteria: Option<String>,
        #[arg(long, default_value_t = 1)]
        page: usize,
        #[arg(long, default_value_t = 200)]
        per_page: usize,
    },
    /// Delete a record (fires the module's delete rules)
    Delete { module: String, id: String },
    /// Create records from a CSV file (header row of field names) or a JSON array; fires no rules
    Import { module: String, file: PathBuf },
}

#[derive(Args, Debug)]
pub struct OutboxArgs {
    /// How many of the newest messages to show
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: u32,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

fn data_of(text: &str) -> Result<Fields, Box<dyn miette::Diagnostic + Send + Sync>> {
    let text = match text.strip_prefix('@') {
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            boxed(CliError::Read {
                path: path.to_string(),
                reason: e.to_string(),
            })
        })?,
        None => text.to_string(),
    };
    match serde_json::from_str::<Json>(&text) {
        Ok(Json::Object(m)) => Ok(m),
        Ok(_) => Err(usage("--data must be a JSON object of fields".into())),
        Err(e) => Err(usage(format!("--data is not valid JSON: {e}"))),
    }
}

fn usage(reason: String) -> Box<dyn miette::Diagnostic + Send + Sync> {
    boxed(CliError::BadSetting { reason })
}

fn print_json(value: &Json) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

/// Tells what the rules did, on stderr (stdout keeps the record's JSON).
fn tell_runs(runs: &[RunRecord]) {
    for r in runs {
        eprintln!(
            "dg: workflow {} on {} {}: {}{}",
            r.rule,
            r.module,
            r.record_id,
            r.outcome,
            r.error
                .as_deref()
                .map(|e| format!("\n{e}"))
                .unwrap_or_default()
        );
    }
}

pub fn record(db: &Path, command: RecordCommand) -> Status {
    let db = db.to_path_buf();
    // Rules run scripts: do the work on the script thread (deep stack, host set up).
    let outcome = super::on_script_thread(Some(db.clone()), move || {
        let store = Store::open(&db).map_err(boxed)?;
        run(&store, command)
    });
    match outcome {
        Ok(Ok(())) => Status::Ok,
        Ok(Err(e)) => {
            report(e.as_ref());
            Status::Failed
        }
        Err(e) => {
            report(&e);
            Status::Failed
        }
    }
}

fn run(store: &Store, command: RecordCommand) -> Outcome {
    match command {
        RecordCommand::Create { module, data } => {
            let (record, runs) =
                queue::create_and_fire(store, &module, &data_of(&data)?).map_err(boxed)?;
            print_json(&record);
            tell_runs(&runs.map_err(boxed)?);
        }
        RecordCommand::Update { module, id, data } => {
            let (record, runs) =
                queue::update_and_fire(store, &module, &id, &data_of(&data)?).map_err(boxed)?;
            print_json(&record);
            tell_runs(&runs.map_err(boxed)?);
        }
        RecordCommand::Get { module, id } => match store.get_record(&module, &id).map_err(boxed)? {
            Some(r) => print_json(&r),
            None => return Err(usage(format!("no {module} record {id}"))),
        },
        RecordCommand::List {
            module,
            criteria: text,
            page,
            per_page,
        } => {
            let parsed = text
                .as_deref()
                .map(criteria::parse)
                .transpose()
                .map_err(|e| usage(format!("{e}; the operators are {}", criteria::OPERATORS)))?;
            let records = store
                .list_records(&module, parsed.as_ref(), page, per_page.max(1))
                .map_err(boxed)?;
            print_json(&Json::Array(records));
        }
        RecordCommand::Delete { module, id } => {
            let snapshot = store.get_record(&module, &id).map_err(boxed)?;
            let Some(snapshot) = snapshot else {
                return Err(usage(format!("no {module} record {id}")));
            };
            store.delete_record(&module, &id).map_err(boxed)?;
            println!("deleted {module} record {id}");
            tell_runs(&fire(store, &module, &id, Event::Delete, Some(&snapshot)).map_err(boxed)?);
        }
        RecordCommand::Import { module, file } => {
            let rows = import::read(&file).map_err(boxed)?;
            let n = store.import_records(&module, &rows).map_err(boxed)?;
            println!("imported {n} {module} record(s)");
        }
    }
    Ok(())
}

pub fn outbox(db: &Path, a: &OutboxArgs) -> Status {
    let result = Store::open(db).map_err(boxed).and_then(|store| {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT at, message FROM (SELECT * FROM outbox ORDER BY id DESC LIMIT ?1) ORDER BY id",
            )
            .map_err(|e| boxed(crate::store::StoreError::from(e)))?;
        let rows = stmt
            .query_map([a.limit], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| boxed(crate::store::StoreError::from(e)))?;
        Ok(rows)
    });
    let rows = match result {
        Ok(rows) => rows,
        Err(e) => {
            report(e.as_ref());
            return Status::Failed;
        }
    };
    if a.json {
        let items: Vec<Json> = rows
            .iter()
            .map(|(at, m)| {
                serde_json::json!({"at": at, "message": serde_json::from_str::<Json>(m).unwrap_or(Json::Null)})
            })
            .collect();
        print_json(&Json::Array(items));
        return Status::Ok;
    }
    if rows.is_empty() {
        println!("the outbox is empty");
    }
    for (at, m) in rows {
        let m: Json = serde_json::from_str(&m).unwrap_or(Json::Null);
        let field = |k: &str| match m.get(k) {
            Some(Json::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        println!("{at} to {}: {}", field("to"), field("subject"));
    }
    Status::Ok
}
