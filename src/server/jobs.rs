//! Blocking work for the server: each job runs on the blocking pool (deep stacks for scripts),
//! at most `workers` at once, with a database connection kept per pool thread. A job that panics
//! becomes a 500 answer; the server goes on.

use std::cell::RefCell;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;

use super::{error, AppState};
use crate::store::{checkpoint, Store};

/// Stack for the threads that run scripts (as the CLI's script thread).
pub const SCRIPT_STACK_BYTES: usize = 256 * 1024 * 1024;

thread_local! {
    static STORE: RefCell<Option<Store>> = const { RefCell::new(None) };
}

/// The pool thread's connection, opened on first use.
fn with_store<T>(db: &Path, work: impl FnOnce(&Store) -> T) -> Result<T, Response> {
    STORE.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.as_ref().is_none_or(|s| s.path != db) {
            let internal =
                |e: String| error(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", e);
            let store = Store::open(db).map_err(|e| internal(e.to_string()))?;
            // The server's checkpoint thread copies the WAL into the database (see `serve`).
            checkpoint::leave_checkpoints(&store.conn).map_err(|e| internal(e.to_string()))?;
            *slot = Some(store);
        }
        match slot.as_ref() {
            Some(store) => Ok(work(store)),
            None => Err(error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR",
                "the database is not open",
            )),
        }
    })
}

/// Counts a request as waiting for a worker until dropped.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs `work` with the database on the blocking pool, within the concurrency limit.
pub async fn run<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&Store) -> Result<T, Response> + Send + 'static,
) -> Result<T, Response> {
    // A bounded queue: when `queue` requests already wait for a worker, say so at once rather
    // than holding ever more of them in memory.
    let waiting = state.waiting.fetch_add(1, Ordering::SeqCst);
    let _in_queue = Waiting(&state.waiting);
    if waiting >= state.queue {
        let mut busy = error(
            StatusCode::SERVICE_UNAVAILABLE,
            "BUSY",
            format!("{waiting} requests are waiting already; try again shortly"),
        );
        busy.headers_mut()
            .insert("retry-after", axum::http::HeaderValue::from_static("1"));
        return Err(busy);
    }
    // The permit goes with the job: a client that hangs up does not free a slot its script holds.
    let permit = state.limit.clone().acquire_owned().await.map_err(|_| {
        error(
            StatusCode::SERVICE_UNAVAILABLE,
            "UNAVAILABLE",
            "the server is stopping",
        )
    })?;
    drop(_in_queue);
    let db = state.db.clone();
    let joined = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        crate::host::use_database(&db);
        with_store(&db, work)?
    })
    .await;
    match joined {
        Ok(result) => result,
        Err(e) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_ERROR",
            format!("the execution failed unexpectedly: {e}"),
        )),
    }
}
