//! `dg serve`: the workflow hook server (see `server`).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{report, CliError, Status};
use crate::server::{serve as run_server, Settings};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one)
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The folder of .dg files that `POST /functions/{name}` runs
    #[arg(long, default_value = "functions")]
    functions: PathBuf,
    /// Require `Authorization: Bearer KEY` with the key in this environment variable
    /// (required when listening beyond this machine)
    #[arg(long, value_name = "VAR")]
    api_key_env: Option<String>,
    /// How many scripts may run at once (default: the number of CPUs; more only adds waiting)
    #[arg(long)]
    workers: Option<usize>,
    /// How many requests may wait for a worker; beyond that they get 503 with Retry-After
    #[arg(long, default_value_t = 256)]
    queue: usize,
    /// Seconds a request may take, from its first byte to its answer, before it gets 504
    /// (a script's own limit is 60 s: DG_TIMEOUT)
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    request_timeout: u64,
}

pub fn serve(db: &Path, a: ServeArgs) -> Status {
    let api_key = match &a.api_key_env {
        Some(var) => match std::env::var(var) {
            Ok(k) if k.len() >= 16 => Some(k),
            Ok(_) => {
                report(&CliError::BadSetting {
                    reason: format!("the API key in {var} is shorter than 16 characters"),
                });
                return Status::Failed;
            }
            Err(_) => {
                report(&CliError::BadSetting {
                    reason: format!("the environment variable {var} is not set"),
                });
                return Status::Failed;
            }
        },
        None => None,
    };
    // Create the database and apply migrations before the first request, and finish the rule
    // runs an earlier server (or any dg) left pending when it died.
    let resumed = crate::store::Store::open(db).map(|store| {
        crate::host::use_database(db);
        crate::workflow::queue::resume(&store)
    });
    match resumed {
        Err(e) => {
            report(&e);
            return Status::Failed;
        }
        Ok(Err(e)) => eprintln!("dg: interrupted workflow runs were not resumed: {e}"),
        Ok(Ok(runs)) if !runs.is_empty() => {
            eprintln!("dg: finished {} interrupted workflow run(s)", runs.len());
        }
        Ok(Ok(_)) => {}
    }
    let settings = Settings {
        listen: a.listen,
        db: db.to_path_buf(),
        functions: a.functions,
        api_key,
        queue: a.queue,
        request_timeout: std::time::Duration::from_secs(a.request_timeout.max(1)),
        workers: a.workers.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
        }),
    };
    match run_server(settings) {
        Ok(()) => Status::Ok,
        Err(e) => {
            report(&e);
            Status::Failed
        }
    }
}
