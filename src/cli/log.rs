//! `dg log`: the local call log of API calls and `invokeurl`, secrets redacted.

use std::path::Path;

use clap::Args;

use super::{report, Status};
use crate::http::log::{recent, Logged};
use crate::store::Store;
use crate::value::{to_json, DgMap, Value};

#[derive(Args, Debug)]
pub struct LogArgs {
    /// How many of the newest calls to show
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: u32,
    /// Print JSON
    #[arg(long)]
    json: bool,
    /// Also show the request and response bodies
    #[arg(long, short = 'v')]
    verbose: bool,
}

fn entry_value(e: &Logged) -> Value {
    let opt = |t: &Option<String>| t.as_deref().map_or(Value::Null, Value::text);
    let mut m = DgMap::new();
    m.insert("at".into(), Value::text(&e.at));
    m.insert("origin".into(), Value::text(&e.origin));
    m.insert("connector".into(), opt(&e.connector));
    m.insert("api".into(), opt(&e.api));
    m.insert("method".into(), Value::text(&e.method));
    m.insert("url".into(), Value::text(&e.url));
    m.insert("request".into(), Value::text(&e.request));
    m.insert(
        "status".into(),
        e.status.map_or(Value::Null, |s| Value::Int(i64::from(s))),
    );
    m.insert("response".into(), opt(&e.response));
    m.insert("error".into(), opt(&e.error));
    m.insert("attempts".into(), Value::Int(i64::from(e.attempts)));
    m.insert("duration_ms".into(), Value::Int(e.duration_ms));
    Value::new_map(m)
}

pub fn log(db: &Path, a: &LogArgs) -> Status {
    let entries = match Store::open(db)
        .map_err(Into::into)
        .and_then(|s| recent(&s, a.limit))
    {
        Ok(e) => e,
        Err(e) => {
            report(&e);
            return Status::Failed;
        }
    };
    if a.json {
        let items = entries.iter().map(entry_value).collect();
        println!("{}", to_json(&Value::new_list(items)));
        return Status::Ok;
    }
    if entries.is_empty() {
        println!("no calls logged yet");
    }
    for e in &entries {
        let outcome = match (e.status, &e.error) {
            (Some(s), _) => s.to_string(),
            (None, Some(err)) => format!("failed: {err}"),
            (None, None) => "?".into(),
        };
        let who = match (&e.connector, &e.api) {
            (Some(c), Some(api)) => format!(" {c}.{api}"),
            (Some(c), None) => format!(" {c}"),
            _ => String::new(),
        };
        println!(
            "{} {}{} {} {} -> {} ({} ms, {} attempt(s))",
            e.at, e.origin, who, e.method, e.url, outcome, e.duration_ms, e.attempts
        );
        if a.verbose {
            println!("{}", e.request);
            if let Some(r) = &e.response {
                println!("--- response\n{r}");
            }
            println!();
        }
    }
    Status::Ok
}
