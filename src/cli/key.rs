//! `dg key rotate`: re-encrypts the stored secrets with a new key.

use std::path::Path;

use clap::Subcommand;

use super::{report, CliError, Status};
use crate::store::rotate::{rotate, NewKey};
use crate::store::Store;

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
    /// Re-encrypt every stored secret with a new key (a new key file, or the key in --new-key-env)
    Rotate {
        /// Take the new key (base64 of 32 bytes) from this environment variable; required when
        /// DG_MASTER_KEY is in use, which you then set to the new key
        #[arg(long, value_name = "VAR")]
        new_key_env: Option<String>,
    },
}

pub fn key(db: &Path, command: KeyCommand) -> Status {
    let KeyCommand::Rotate { new_key_env } = command;
    let new = match (&new_key_env, std::env::var_os("DG_MASTER_KEY")) {
        (Some(var), _) => match std::env::var(var) {
            Ok(text) => NewKey::Given(text),
            Err(_) => {
                report(&CliError::BadSetting {
                    reason: format!("the environment variable {var} is not set"),
                });
                return Status::Failed;
            }
        },
        (None, Some(_)) => {
            report(&CliError::BadSetting {
                reason: "DG_MASTER_KEY is in use: give the new key with --new-key-env VAR"
                    .to_string(),
            });
            return Status::Failed;
        }
        (None, None) => NewKey::KeyFile,
    };
    let given = matches!(new, NewKey::Given(_));
    let result = Store::open(db).and_then(|mut store| rotate(&mut store, new));
    match result {
        Ok(n) => {
            println!("re-encrypted {n} stored secrets with the new key");
            if given {
                println!("now set DG_MASTER_KEY to the new key");
            }
            Status::Ok
        }
        Err(e) => {
            report(&e);
            Status::Failed
        }
    }
}
