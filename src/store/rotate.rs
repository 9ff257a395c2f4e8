//! `dg key rotate`: re-encrypts every stored secret with a new key, in one transaction, without a
//! moment where the key on disk and the database disagree beyond recovery.

use std::path::PathBuf;

use super::vault::{self, Vault};
use super::{Store, StoreError};

/// Columns that hold sealed values: (table, key column, sealed column).
const SEALED: &[(&str, &str, &str)] = &[
    ("connectors", "id", "client_secret"),
    ("tokens", "connector_id", "access_token"),
    ("tokens", "connector_id", "refresh_token"),
    ("tokens", "connector_id", "id_token"),
    ("pending_flows", "state", "code_verifier"),
    ("meta", "key", "value"),
];

/// Where the new key comes from.
pub enum NewKey {
    /// Generate one and store it in the key file beside the database.
    KeyFile,
    /// Use this key (base64 of 32 bytes); the caller sets `DG_MASTER_KEY` to it afterwards.
    Given(String),
}

/// Re-encrypts everything; returns how many values were re-sealed.
pub fn rotate(store: &mut Store, new: NewKey) -> Result<usize, StoreError> {
    let (key, pending_file) = match new {
        NewKey::Given(text) => (vault::decode_key(&text, "the new key")?, None),
        NewKey::KeyFile => {
            let key = vault::new_key();
            let mut staged = vault::key_file_path(&store.path).into_os_string();
            staged.push(".new");
            let staged = PathBuf::from(staged);
            let _ = std::fs::remove_file(&staged);
            vault::write_key_file(&staged, &key)?;
            (key, Some(staged))
        }
    };
    let new_vault = Vault::from_key(&key);
    let tx = store
        .conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut count = 0;
    for (table, id, column) in SEALED {
        let rows: Vec<(rusqlite::types::Value, String)> = {
            let mut stmt = tx.prepare(&format!(
                "SELECT {id}, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} LIKE 'x1:%'"
            ))?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (key, sealed) in rows {
            let plain = store.vault.open(&sealed)?;
            let resealed = new_vault.seal(&plain)?;
            tx.execute(
                &format!("UPDATE {table} SET {column} = ?1 WHERE {id} = ?2"),
                rusqlite::params![resealed, key],
            )?;
            count += 1;
        }
    }
    tx.commit()?;
    if let Some(staged) = pending_file {
        let final_path = vault::key_file_path(&store.path);
        std::fs::rename(&staged, &final_path).map_err(|e| {
            StoreError::Vault(format!(
                "the database now uses the new key, but moving {} to {} failed ({e}): move it by hand",
                staged.display(),
                final_path.display()
            ))
        })?;
    }
    store.vault = new_vault;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_survive_rotation_and_the_old_key_stops_working() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("dg.db");
        let mut store = Store::open(&db).unwrap();
        store
            .create_connector(&crate::connectors::example_definition("c"))
            .unwrap();
        store
            .set_credentials("c", "id", Some("the-secret"))
            .unwrap();
        let old_key = std::fs::read_to_string(vault::key_file_path(&db)).unwrap();
        let n = rotate(&mut store, NewKey::KeyFile).unwrap();
        assert_eq!(n, 2, "the client secret and the key check");
        drop(store);
        let new_key = std::fs::read_to_string(vault::key_file_path(&db)).unwrap();
        assert_ne!(old_key, new_key);
        let again = Store::open(&db).unwrap();
        assert_eq!(
            again.client_secret("c").unwrap().as_deref(),
            Some("the-secret")
        );
        drop(again);
        std::fs::write(vault::key_file_path(&db), old_key).unwrap();
        assert!(Store::open(&db).is_err());
    }
}
