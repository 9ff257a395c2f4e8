//! Database upkeep: an online backup (`VACUUM INTO`, consistent while other processes write, with
//! the key file copied beside it when the secrets are sealed with one) and an integrity check.

use std::path::Path;

use super::vault::key_file_path;
use super::{Store, StoreError};

/// What a backup wrote.
pub struct Backup {
    /// The key file copied beside the backup, when there is one.
    pub key_file: Option<std::path::PathBuf>,
}

impl Store {
    /// Writes a consistent copy of the database to `target` (which must not exist yet).
    pub fn backup(&self, target: &Path) -> Result<Backup, StoreError> {
        if target.exists() {
            return Err(StoreError::Sql(format!(
                "{} exists already; choose a new file for the backup",
                target.display()
            )));
        }
        let shown = target.display().to_string();
        self.conn.execute("VACUUM INTO ?1", [&shown])?;
        let key = key_file_path(&self.path);
        if !key.exists() {
            return Ok(Backup { key_file: None });
        }
        let copy = key_file_path(target);
        let bytes = std::fs::read(&key)
            .map_err(|e| StoreError::Vault(format!("cannot read {}: {e}", key.display())))?;
        write_private(&copy, &bytes)?;
        Ok(Backup {
            key_file: Some(copy),
        })
    }

    /// SQLite's integrity and foreign-key checks; an empty list means all is well.
    pub fn check(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = row?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let orphans = stmt.query_map([], |r| {
            Ok(format!(
                "row {} of {} points at a missing row of {}",
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?
            ))
        })?;
        for o in orphans {
            problems.push(o?);
        }
        Ok(problems)
    }
}

/// Writes a file only its owner can read (a copy of the key).
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| StoreError::Vault(format!("cannot write {}: {e}", path.display())))?;
    file.write_all(bytes)
        .map_err(|e| StoreError::Vault(format!("cannot write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_opens_with_its_key_and_passes_the_check() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("dg.db")).unwrap();
        store
            .create_connector(&crate::connectors::example_definition("c"))
            .unwrap();
        store.set_credentials("c", "id", Some("s3cret")).unwrap();
        assert!(store.check().unwrap().is_empty());
        let target = dir.path().join("copy.db");
        let done = store.backup(&target).unwrap();
        assert!(done.key_file.is_some() || std::env::var_os("DG_MASTER_KEY").is_some());
        assert!(store.backup(&target).is_err(), "never overwrites");
        let copy = Store::open(&target).unwrap();
        assert_eq!(copy.client_secret("c").unwrap().as_deref(), Some("s3cret"));
        assert!(copy.check().unwrap().is_empty());
    }
}
