//! Secrets at rest: XChaCha20-Poly1305 with a random nonce per value. The key comes from
//! `DG_MASTER_KEY` (base64 of 32 bytes) or from a key file created with mode 0600 beside the
//! database; a check value in the database detects a wrong key before anything is written.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rusqlite::Connection;

use super::{meta_get, meta_set, StoreError};

/// Prefix of sealed values (format version 1).
const SEALED_PREFIX: &str = "x1:";
const KEY_CHECK: &str = "dg key check";
const NONCE_LEN: usize = 24;

pub struct Vault {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault(…)")
    }
}

impl Vault {
    pub fn from_key(key: &[u8; 32]) -> Vault {
        Vault {
            cipher: XChaCha20Poly1305::new(Key::from_slice(key)),
        }
    }

    /// The vault for the database at `db_path`, checked against the database's key-check value.
    pub fn for_database(db_path: &Path, conn: &Connection) -> Result<Vault, StoreError> {
        let key = match std::env::var("DG_MASTER_KEY") {
            Ok(text) if !text.trim().is_empty() => decode_key(&text, "DG_MASTER_KEY")?,
            _ => key_file(&key_file_path(db_path))?,
        };
        let vault = Vault::from_key(&key);
        match meta_get(conn, "key_check")? {
            Some(check) => {
                if vault.open(&check).ok().as_deref() != Some(KEY_CHECK) {
                    return Err(StoreError::Vault(format!(
                        "the encryption key does not match the database {} (it was written with another key); \
                         set DG_MASTER_KEY to the key it was created with, or restore {}",
                        db_path.display(),
                        key_file_path(db_path).display()
                    )));
                }
            }
            None => meta_set(conn, "key_check", &vault.seal(KEY_CHECK)?)?,
        }
        Ok(vault)
    }

    /// Encrypts a secret for storage.
    pub fn seal(&self, plain: &str) -> Result<String, StoreError> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(&nonce, plain.as_bytes())
            .map_err(|_| StoreError::Vault("cannot encrypt a secret".into()))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(format!("{SEALED_PREFIX}{}", STANDARD.encode(bytes)))
    }

    /// Decrypts a stored secret.
    pub fn open(&self, sealed: &str) -> Result<String, StoreError> {
        let broken =
            || StoreError::Vault("a stored secret cannot be decrypted with this key".into());
        let body = sealed.strip_prefix(SEALED_PREFIX).ok_or_else(broken)?;
        let bytes = STANDARD.decode(body).map_err(|_| broken())?;
        if bytes.len() < NONCE_LEN {
            return Err(broken());
        }
        let (nonce, data) = bytes.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(XNonce::from_slice(nonce), data)
            .map_err(|_| broken())?;
        String::from_utf8(plain).map_err(|_| broken())
    }
}

pub(super) fn key_file_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

pub(super) fn decode_key(text: &str, origin: &str) -> Result<[u8; 32], StoreError> {
    let bytes = STANDARD
        .decode(text.trim())
        .map_err(|_| StoreError::Vault(format!("{origin} is not valid base64")))?;
    bytes
        .try_into()
        .map_err(|_| StoreError::Vault(format!("{origin} must hold exactly 32 bytes (base64)")))
}

/// A new random key.
pub(super) fn new_key() -> [u8; 32] {
    let key = XChaCha20Poly1305::generate_key(&mut OsRng);
    let mut out = [0u8; 32];
    out.copy_from_slice(&key);
    out
}

/// Writes a key (base64) to a new file with mode 0600, synced to disk.
pub(super) fn write_key_file(path: &Path, key: &[u8; 32]) -> Result<(), StoreError> {
    let shown = path.display().to_string();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| StoreError::Vault(format!("cannot create the key file {shown}: {e}")))?;
    file.write_all(STANDARD.encode(key).as_bytes())
        .and_then(|_| file.sync_all())
        .map_err(|e| StoreError::Vault(format!("cannot write the key file {shown}: {e}")))
}

/// Reads the key file, or creates it (mode 0600) with a new random key.
fn key_file(path: &Path) -> Result<[u8; 32], StoreError> {
    let shown = path.display().to_string();
    if path.exists() {
        let text = std::fs::read_to_string(path)
            .map_err(|e| StoreError::Vault(format!("cannot read the key file {shown}: {e}")))?;
        return decode_key(&text, &format!("the key file {shown}"));
    }
    let key = new_key();
    write_key_file(path, &key)?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_and_open_round_trip_with_fresh_nonces() {
        let v = Vault::from_key(&[7u8; 32]);
        let a = v.seal("token").unwrap();
        let b = v.seal("token").unwrap();
        assert_ne!(a, b);
        assert!(!a.contains("token"));
        assert_eq!(v.open(&a).unwrap(), "token");
        assert!(Vault::from_key(&[8u8; 32]).open(&a).is_err());
        assert!(v.open("plain").is_err());
    }

    #[test]
    fn a_wrong_key_is_detected_at_open() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("dg.db");
        drop(super::super::Store::open(&db).unwrap());
        let key_file = key_file_path(&db);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&key_file, STANDARD.encode([9u8; 32])).unwrap();
        let err = super::super::Store::open(&db).unwrap_err();
        assert!(err.to_string().contains("does not match"), "{err}");
    }
}
