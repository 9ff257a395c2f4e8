//! The product's one SQLite database: opened in WAL mode with a busy timeout, schema migrations
//! (numbered SQL files) applied at open, and a vault that encrypts secrets at rest.

pub mod checkpoint;
pub mod maintenance;
pub mod rotate;
pub mod vault;

use std::path::{Path, PathBuf};
use std::time::Duration;

use miette::Diagnostic;
use rusqlite::{Connection, OptionalExtension};
use thiserror::Error;

pub use vault::Vault;

/// `query_row` through the connection's statement cache: for lookups made on every API call.
pub trait CachedQuery {
    fn cached_row<T, P: rusqlite::Params, F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>>(
        &self,
        sql: &str,
        params: P,
        f: F,
    ) -> rusqlite::Result<T>;

    /// Runs a statement from the connection's statement cache; returns the rows changed.
    fn cached_execute<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
}

impl CachedQuery for Connection {
    fn cached_row<T, P: rusqlite::Params, F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>>(
        &self,
        sql: &str,
        params: P,
        f: F,
    ) -> rusqlite::Result<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    fn cached_execute<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }
}

/// Migrations in order; `PRAGMA user_version` records how many have been applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_connectors.sql"),
    include_str!("migrations/0002_pending_flows.sql"),
    include_str!("migrations/0003_refresh_lease.sql"),
    include_str!("migrations/0004_refresh_backoff.sql"),
    include_str!("migrations/0005_apis_extensions.sql"),
    include_str!("migrations/0006_records_workflows.sql"),
    include_str!("migrations/0007_pending_runs.sql"),
];

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a writer sleeps between looks at a locked database. SQLite's own busy timeout sleeps
/// up to 100 ms at a time, which under many short concurrent writes (the hook server) turns a
/// lock held for a millisecond into a 100 ms stall.
const BUSY_POLL: Duration = Duration::from_micros(250);

/// The busy handler: wait `BUSY_POLL` and try again, until `BUSY_TIMEOUT` has passed.
fn wait_while_busy(attempts: i32) -> bool {
    let waited = BUSY_POLL * u32::try_from(attempts).unwrap_or(u32::MAX);
    if waited >= BUSY_TIMEOUT {
        return false;
    }
    std::thread::sleep(BUSY_POLL);
    true
}

#[derive(Debug, Error, Diagnostic)]
pub enum StoreError {
    #[error("cannot open the database {path}: {reason}")]
    #[diagnostic(
        code(dg::db),
        help("check the path given with --db / DG_DB and its permissions")
    )]
    Open { path: String, reason: String },
    #[error("database error: {0}")]
    #[diagnostic(code(dg::db))]
    Sql(String),
    #[error("the database {path} has schema version {found}, newer than this dg knows ({known})")]
    #[diagnostic(
        code(dg::db),
        help("upgrade dg; this database was written by a newer version")
    )]
    TooNew {
        path: String,
        found: i64,
        known: usize,
    },
    #[error("{0}")]
    #[diagnostic(code(dg::vault))]
    Vault(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Sql(e.to_string())
    }
}

/// An open database and the key for its secrets.
#[derive(Debug)]
pub struct Store {
    pub conn: Connection,
    pub vault: Vault,
    pub path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        tracing::debug!(path = %shown, "opening the database");
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: shown.clone(),
                reason: e.to_string(),
            })?;
        }
        let mut conn = Connection::open(path).map_err(|e| StoreError::Open {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        conn.busy_handler(Some(wait_while_busy))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Checkpoint the WAL every 8,000 pages (32 MB) instead of 1,000: under a stream of small
        // writes (the hook server), a checkpoint with its fsync every few hundred events cost a
        // fifth of the time. The file is cut back to 64 MB after a checkpoint.
        conn.pragma_update(None, "wal_autocheckpoint", 8000)?;
        conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
        // Scripts repeat the same few lookups per API call: keep their compiled statements.
        conn.set_prepared_statement_cache_capacity(64);
        migrate(&mut conn, &shown)?;
        let vault = Vault::for_database(path, &conn)?;
        Ok(Store {
            conn,
            vault,
            path: path.to_path_buf(),
        })
    }
}

fn migrate(conn: &mut Connection, shown: &str) -> Result<(), StoreError> {
    // IMMEDIATE: two processes opening a new database at once migrate one after the other.
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > MIGRATIONS.len() as i64 {
        return Err(StoreError::TooNew {
            path: shown.to_string(),
            found: version,
            known: MIGRATIONS.len(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}

/// Reads one value of the `meta` table.
pub fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub fn meta_set(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// The database `dg` uses when `--db` and `DG_DB` are not given: `dg.db` in the data directory.
pub fn default_path() -> PathBuf {
    crate::cli::repl::data_dir()
        .unwrap_or_else(|| PathBuf::from(".dg"))
        .join("dg.db")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_twice_keeps_the_schema_and_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/dg.db");
        let store = Store::open(&path).unwrap();
        let sealed = store.vault.seal("s3cret").unwrap();
        drop(store);
        let again = Store::open(&path).unwrap();
        let version: i64 = again
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        assert_eq!(again.vault.open(&sealed).unwrap(), "s3cret");
    }
}
