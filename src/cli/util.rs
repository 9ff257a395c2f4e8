//! Helpers shared by the subcommands: the outcome type, boxing errors into diagnostics, KEY=VALUE
//! lists, and reading a client secret from stdin or an environment variable (never an argument).

use std::collections::BTreeMap;
use std::io::Read;

use super::{report, CliError, Status};
use crate::store::Store;

pub(crate) type Outcome = Result<(), Box<dyn miette::Diagnostic + Send + Sync>>;

pub(crate) fn boxed<E: miette::Diagnostic + Send + Sync + 'static>(
    e: E,
) -> Box<dyn miette::Diagnostic + Send + Sync> {
    Box::new(e)
}

pub(crate) fn pairs(
    items: &[String],
    flag: &str,
) -> Result<BTreeMap<String, String>, Box<dyn miette::Diagnostic + Send + Sync>> {
    items
        .iter()
        .map(|item| match item.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(boxed(CliError::BadSetting {
                reason: format!("{flag} {item:?} must be KEY=VALUE"),
            })),
        })
        .collect()
}

/// Opens the database and runs a subcommand on it: its errors reported, its status returned.
pub(crate) fn with_store(db: &std::path::Path, work: impl FnOnce(&Store) -> Outcome) -> Status {
    let result = Store::open(db)
        .map_err(boxed)
        .and_then(|store| work(&store));
    match result {
        Ok(()) => Status::Ok,
        Err(e) => {
            report(e.as_ref());
            Status::Failed
        }
    }
}

/// An OAuth client id, and where its secret comes from (never the command line).
#[derive(clap::Args, Debug)]
pub struct ClientArgs {
    /// The OAuth client id
    #[arg(long)]
    pub client_id: String,
    /// Read the client secret from standard input
    #[arg(long, conflicts_with = "client_secret_env")]
    client_secret_stdin: bool,
    /// Read the client secret from this environment variable
    #[arg(long, value_name = "VAR")]
    client_secret_env: Option<String>,
}

impl ClientArgs {
    /// The client secret, or `None` for a public client.
    pub fn secret(&self) -> Result<Option<String>, Box<dyn miette::Diagnostic + Send + Sync>> {
        read_client_secret(self.client_secret_stdin, self.client_secret_env.as_deref())
    }
}

/// The client secret from standard input (`stdin`) or the environment variable `env`; `None`
/// for a public client. An empty secret is refused.
fn read_client_secret(
    stdin: bool,
    env: Option<&str>,
) -> Result<Option<String>, Box<dyn miette::Diagnostic + Send + Sync>> {
    let secret = if stdin {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            boxed(CliError::BadSetting {
                reason: format!("cannot read the client secret from stdin: {e}"),
            })
        })?;
        Some(text.trim_end_matches(['\n', '\r']).to_string())
    } else if let Some(var) = env {
        Some(std::env::var(var).map_err(|_| {
            boxed(CliError::BadSetting {
                reason: format!("the environment variable {var} is not set"),
            })
        })?)
    } else {
        None
    };
    if secret.as_deref().is_some_and(str::is_empty) {
        return Err(boxed(CliError::BadSetting {
            reason: "the client secret is empty".to_string(),
        }));
    }
    Ok(secret)
}
