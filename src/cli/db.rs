//! `dg db backup FILE` and `dg db check`.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::util::{boxed, with_store};
use super::{CliError, Status};

#[derive(Subcommand, Debug)]
pub enum DbCommand {
    /// Write a consistent copy of the database (safe while dg serve or scripts are writing);
    /// the key file, when secrets are sealed with one, is copied beside it (FILE.key, mode 0600)
    Backup { file: PathBuf },
    /// Check the database's integrity and references; exit 1 when something is wrong
    Check,
}

pub fn db(db: &Path, command: DbCommand) -> Status {
    with_store(db, |store| match command {
        DbCommand::Backup { file } => {
            let done = store.backup(&file).map_err(boxed)?;
            println!("backed up {} to {}", db.display(), file.display());
            match done.key_file {
                Some(key) => println!(
                    "the key file went to {} (keep it as safe as the original)",
                    key.display()
                ),
                None => println!(
                    "secrets are sealed with DG_MASTER_KEY: keep that key to open the backup"
                ),
            }
            Ok(())
        }
        DbCommand::Check => {
            let problems = store.check().map_err(boxed)?;
            if problems.is_empty() {
                println!(
                    "ok: {} passes SQLite's integrity and foreign-key checks",
                    db.display()
                );
                return Ok(());
            }
            for p in &problems {
                println!("{p}");
            }
            Err(boxed(CliError::BadSetting {
                reason: format!(
                    "{} has {} problem(s); restore a backup (`dg db backup` makes them)",
                    db.display(),
                    problems.len()
                ),
            }))
        }
    })
}
