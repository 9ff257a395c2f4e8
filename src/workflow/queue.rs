//! Rule runs written ahead: a record change and a `pending` run for each rule it fires commit in
//! one transaction, so a process killed in between leaves its runs recorded, never a record
//! without them; `resume` finishes the pending runs of processes that died.

use chrono::Utc;
use rusqlite::{params, Connection};
use serde_json::Value as Json;

use super::run::{run_queued, RunRecord};
use super::{rules_on, Event, Rule};
use crate::connectors::ConnectorError;
use crate::oauth::lease::{process_alive, this_host};
use crate::records::{Fields, RecordError};
use crate::store::{CachedQuery, Store};

/// A run recorded as pending, to be carried out.
#[derive(Debug, Clone)]
pub struct Queued {
    pub id: i64,
    pub rule: Rule,
    pub started_at: String,
}

/// This process, as `pid@host`.
fn me() -> String {
    format!("{}@{}", std::process::id(), this_host())
}

/// Records a pending run of every rule that fires for this event on this module.
pub(crate) fn queue(
    conn: &Connection,
    module: &str,
    record_id: &str,
    event: Event,
) -> rusqlite::Result<Vec<Queued>> {
    let owner = me();
    let mut queued = Vec::new();
    for rule in rules_on(conn, module, event)? {
        let started_at = Utc::now().to_rfc3339();
        conn.cached_execute(
            "INSERT INTO workflow_runs (rule, module, record_id, event, outcome, started_at,
                 duration_ms, owner)
             VALUES (?1, ?2, ?3, ?4, 'pending', ?5, 0, ?6)",
            params![
                rule.name,
                module,
                record_id,
                event.as_str(),
                started_at,
                owner
            ],
        )?;
        queued.push(Queued {
            id: conn.last_insert_rowid(),
            rule,
            started_at,
        });
    }
    Ok(queued)
}

/// Creates a record and fires the module's create rules; the record and its pending runs are
/// committed together.
pub fn create_and_fire(
    store: &Store,
    module: &str,
    fields: &Fields,
) -> Result<(Json, Result<Vec<RunRecord>, ConnectorError>), RecordError> {
    let (record, queued) = store.create_record_with(module, fields, |tx, id| {
        queue(tx, module, id, Event::Create)
    })?;
    let id = record["id"].as_str().unwrap_or_default().to_string();
    let runs = run_queued(store, module, &id, Event::Create, None, queued);
    Ok((record, runs))
}

/// Changes a record and fires the module's edit rules; the change and its pending runs are
/// committed together.
pub fn update_and_fire(
    store: &Store,
    module: &str,
    id: &str,
    fields: &Fields,
) -> Result<(Json, Result<Vec<RunRecord>, ConnectorError>), RecordError> {
    let (record, queued) =
        store.update_record_with(module, id, fields, |tx| queue(tx, module, id, Event::Edit))?;
    let runs = run_queued(store, module, id, Event::Edit, None, queued);
    Ok((record, runs))
}

/// Whether `owner` (`pid@host`) names a process of this machine that no longer runs.
fn owner_died(owner: &str) -> bool {
    let Some((pid, host)) = owner.split_once('@') else {
        return true;
    };
    host == this_host() && pid.parse().is_ok_and(|pid| !process_alive(pid))
}

/// Carries out the pending runs whose process died (a kill, a crash, a power cut); runs of
/// processes still running, or of other machines, are left to them. Returns the runs finished.
pub fn resume(store: &Store) -> Result<Vec<RunRecord>, ConnectorError> {
    let mut stmt = store.conn.prepare(
        "SELECT id, rule, module, record_id, event, started_at, COALESCE(owner, '')
         FROM workflow_runs WHERE outcome = 'pending' ORDER BY id",
    )?;
    type Row = (i64, String, String, String, String, String, String);
    let pending = stmt
        .query_map([], |r| -> rusqlite::Result<Row> {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    drop(stmt);
    let mut finished = Vec::new();
    for (id, rule_name, module, record_id, event, started_at, owner) in pending {
        if !owner_died(&owner) {
            continue;
        }
        // Claim it: of two processes resuming at once, one wins.
        let claimed = store.conn.execute(
            "UPDATE workflow_runs SET owner = ?3 WHERE id = ?1 AND outcome = 'pending'
                 AND COALESCE(owner, '') = ?2",
            params![id, owner, me()],
        )?;
        if claimed == 0 {
            continue;
        }
        let Some(rule) = store.rule(&rule_name)? else {
            store.conn.execute(
                "UPDATE workflow_runs SET outcome = 'error', owner = NULL,
                     error = 'the rule was deleted before this interrupted run was resumed'
                 WHERE id = ?1",
                [id],
            )?;
            continue;
        };
        let event = Event::parse(&event).unwrap_or(Event::Create);
        let queued = vec![Queued {
            id,
            rule,
            started_at,
        }];
        finished.extend(run_queued(store, &module, &record_id, event, None, queued)?);
    }
    Ok(finished)
}
