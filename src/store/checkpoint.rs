//! WAL checkpoints off the request path, for `dg serve`: its connections make none themselves, and a
//! thread of its own checkpoints the database every so often.
//!
//! With SQLite's automatic checkpoints the commit that crosses the threshold copies the whole WAL
//! into the database and waits for its fsync: one hook event in a few thousand took 40-160 ms.
//! Commits (`synchronous = NORMAL`) never wait for the disk; checkpoints are the only writes that
//! do, and here they wait on this thread. PASSIVE checkpoints never block readers or writers.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

use super::{Store, StoreError};

/// Makes `conn` leave its checkpoints to a `Checkpointer`.
pub fn leave_checkpoints(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "wal_autocheckpoint", 0)
}

/// How long a checkpoint waits for readers and writers before it gives up for this round.
const GIVE_UP_AFTER: Duration = Duration::from_millis(20);

/// A WAL of this many frames (4 KB pages) is restarted after its checkpoint.
const RESTART_FRAMES: i64 = 2000;

/// One PASSIVE checkpoint: copies what it can of the WAL into the database without waiting for
/// anyone. Returns the WAL's frames and how many of them are now in the database.
pub fn checkpoint(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    checkpoint_mode(conn, "PASSIVE")
}

fn checkpoint_mode(conn: &Connection, mode: &str) -> rusqlite::Result<(i64, i64)> {
    conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |row| {
        Ok((row.get(1)?, row.get(2)?))
    })
}

/// A PASSIVE checkpoint, then, when the WAL has grown long, a RESTART one. Under a steady stream
/// of commits a PASSIVE checkpoint never catches up with the last frame, and SQLite starts the WAL
/// over only once every frame is in the database: without the restart it grows without end. The
/// restart holds writers back while it copies the frames committed since the passive pass, and at
/// most `GIVE_UP_AFTER` while readers finish.
fn keep_short(conn: &Connection) -> rusqlite::Result<()> {
    let (frames, _) = checkpoint(conn)?;
    if frames >= RESTART_FRAMES {
        checkpoint_mode(conn, "RESTART")?;
    }
    Ok(())
}

/// The checkpointing thread; dropping it stops the thread after one last checkpoint.
pub struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Opens its own connection to the database at `path` and checkpoints it every `every`.
    pub fn start(path: &Path, every: Duration) -> Result<Checkpointer, StoreError> {
        let store = Store::open(path)?;
        // A RESTART checkpoint holds new writers back while it waits for readers: give up soon
        // and try again on the next round rather than stall the server's commits.
        store.conn.busy_timeout(GIVE_UP_AFTER)?;
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("dg-checkpoint".into())
            .spawn(move || loop {
                let last = !matches!(stopped.recv_timeout(every), Err(RecvTimeoutError::Timeout));
                if let Err(e) = keep_short(&store.conn) {
                    tracing::warn!(error = %e, "WAL checkpoint failed; trying again later");
                }
                if last {
                    break;
                }
            })
            .map_err(|e| StoreError::Sql(format!("cannot start the checkpoint thread: {e}")))?;
        Ok(Checkpointer {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_len(path: &Path) -> u64 {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }

    /// A new database whose connection leaves checkpoints to others, with a table to fill.
    fn writer_with_table() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let writer = Store::open(&dir.path().join("dg.db")).unwrap();
        leave_checkpoints(&writer.conn).unwrap();
        writer
            .conn
            .execute_batch("CREATE TABLE filler (n INTEGER, text TEXT)")
            .unwrap();
        (dir, writer)
    }

    fn write_rows(store: &Store, from: i64, count: i64, bytes: usize) {
        let text = "x".repeat(bytes);
        for i in from..from + count {
            store
                .conn
                .execute(
                    "INSERT INTO filler (n, text) VALUES (?1, ?2)",
                    rusqlite::params![i, text],
                )
                .unwrap();
        }
    }

    #[test]
    fn a_long_wal_starts_over_even_while_others_read_and_write() {
        let (dir, writer) = writer_with_table();
        let path = dir.path().join("dg.db");
        write_rows(&writer, 0, 500, 20_000);
        // A reader on an older snapshot keeps a passive checkpoint from reaching the WAL's end.
        let (ready, started) = mpsc::channel();
        let reader_path = path.clone();
        let reader = std::thread::spawn(move || {
            let store = Store::open(&reader_path).unwrap();
            store.conn.execute_batch("BEGIN").unwrap();
            let _: i64 = store
                .conn
                .query_row("SELECT count(*) FROM filler", [], |r| r.get(0))
                .unwrap();
            ready.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(200));
            store.conn.execute_batch("COMMIT").unwrap();
        });
        started.recv().unwrap();
        write_rows(&writer, 500, 50, 20_000);
        let checkpointer = Store::open(&path).unwrap();
        keep_short(&checkpointer.conn).unwrap();
        reader.join().unwrap();
        write_rows(&writer, 0, 1, 500);
        let (frames, _) = checkpoint(&checkpointer.conn).unwrap();
        assert!(
            frames < 10,
            "the WAL started over: {frames} frames after one small write"
        );
    }

    #[test]
    fn writes_reach_the_database_file_only_through_the_thread() {
        let (dir, writer) = writer_with_table();
        let path = dir.path().join("dg.db");
        checkpoint(&writer.conn).unwrap();
        let before = file_len(&path);
        write_rows(&writer, 0, 400, 500);
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(
            file_len(&path),
            before,
            "no connection checkpoints by itself"
        );

        let checkpoints = Checkpointer::start(&path, Duration::from_millis(20)).unwrap();
        let mut waited = 0;
        while file_len(&path) == before && waited < 100 {
            std::thread::sleep(Duration::from_millis(20));
            waited += 1;
        }
        assert!(
            file_len(&path) > before,
            "the thread copied the WAL into the database"
        );
        write_rows(&writer, 400, 10, 500);
        drop(checkpoints);
        let (frames, copied) = checkpoint(&writer.conn).unwrap();
        assert_eq!(frames, copied);
        let rows: i64 = writer
            .conn
            .query_row("SELECT count(*) FROM filler", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 410);
    }
}
