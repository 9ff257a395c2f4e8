//! `dg api …`: add, edit, list, show, delete, publish and execute a connector's APIs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::util::{boxed, pairs, Outcome};
use super::{report, CliError, Status};
use crate::apis::call::{self, Target};
use crate::apis::{template, ApiDef, StoredApi, METHODS};
use crate::http::log::{self, REDACTED};
use crate::http::{Answer, Transport};
use crate::store::Store;
use crate::value::{from_json_text, from_serde, to_json, DgMap, Value};

#[derive(Subcommand, Debug)]
pub enum ApiCommand {
    /// Add an API to a connector (method, URL, headers, parameters, body; `${name}` placeholders anywhere)
    Add(Box<AddArgs>),
    /// Change an API's draft (invocations keep the published version until `dg api publish`)
    Edit(Box<EditArgs>),
    /// List a connector's APIs
    List {
        connector: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Show one API: its draft, its published version and its placeholders
    Show {
        /// CONNECTOR.API
        id: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Delete an API with its published versions
    Delete {
        /// CONNECTOR.API
        id: String,
    },
    /// Freeze an API's draft as its next numbered version, the one invocations use
    Publish {
        /// CONNECTOR.API
        id: String,
    },
    /// Run an API with the connector's authorization and print the response (exit 0 on 2xx)
    Execute(ExecuteArgs),
}

#[derive(Args, Debug)]
pub struct Fields {
    /// A header "Name: value" (repeatable)
    #[arg(long = "header", value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// A query parameter K=V (repeatable)
    #[arg(long = "param", value_name = "K=V")]
    params: Vec<String>,
    /// The request body
    #[arg(long, conflicts_with = "body_file")]
    body: Option<String>,
    /// Read the request body from a file
    #[arg(long, value_name = "FILE")]
    body_file: Option<PathBuf>,
    /// The body's content type (e.g. application/json, application/atom+xml)
    #[arg(long)]
    content_type: Option<String>,
    /// Seconds before the request is abandoned (default 40)
    #[arg(long, value_name = "SECS")]
    timeout: Option<u32>,
    /// Retry POST and PATCH on passing failures too (GET, PUT and DELETE always are)
    #[arg(long)]
    retry_unsafe: bool,
    /// A status besides 401 meaning "the token expired" (repeatable), e.g. 403
    #[arg(long = "expired-status", value_name = "STATUS")]
    expired_status: Vec<u16>,
    /// Text in a response body meaning "the token expired"
    #[arg(long, value_name = "TEXT")]
    expired_body: Option<String>,
}

#[derive(Args, Debug)]
pub struct AddArgs {
    connector: String,
    name: String,
    /// GET, POST, PUT, PATCH or DELETE
    #[arg(long, value_parser = METHODS.to_vec(), ignore_case = true)]
    method: String,
    /// The URL, e.g. https://api.example.com/users/${id}
    #[arg(long)]
    url: String,
    #[command(flatten)]
    fields: Fields,
}

#[derive(Args, Debug)]
pub struct EditArgs {
    /// CONNECTOR.API
    id: String,
    #[arg(long, value_parser = METHODS.to_vec(), ignore_case = true)]
    method: Option<String>,
    #[arg(long)]
    url: Option<String>,
    #[command(flatten)]
    fields: Fields,
    /// Remove a header (repeatable)
    #[arg(long = "remove-header", value_name = "NAME")]
    remove_headers: Vec<String>,
    /// Remove a query parameter (repeatable)
    #[arg(long = "remove-param", value_name = "K")]
    remove_params: Vec<String>,
    /// Remove the body
    #[arg(long, conflicts_with_all = ["body", "body_file"])]
    no_body: bool,
    /// Stop retrying POST and PATCH
    #[arg(long, conflicts_with = "retry_unsafe")]
    no_retry_unsafe: bool,
    /// Forget the expired-token signals (--expired-status, --expired-body)
    #[arg(long, conflicts_with_all = ["expired_status", "expired_body"])]
    clear_expired: bool,
}

#[derive(Args, Debug)]
pub struct ExecuteArgs {
    /// CONNECTOR.API (the draft, with the connector's tokens) or EXTENSION.CONNECTOR.API (published)
    id: String,
    /// A placeholder value: K=TEXT, K:=JSON, K=@FILE (repeatable)
    #[arg(long = "var", value_name = "K=V")]
    vars: Vec<String>,
    /// Print the request that would be sent (secrets redacted) and send nothing
    #[arg(long)]
    dry_run: bool,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn api(db: &Path, command: ApiCommand) -> Status {
    let store = match Store::open(db) {
        Ok(s) => s,
        Err(e) => {
            report(&e);
            return Status::Failed;
        }
    };
    let result = match command {
        ApiCommand::Add(a) => add(&store, *a),
        ApiCommand::Edit(a) => edit(&store, *a),
        ApiCommand::List { connector, json } => list(&store, &connector, json),
        ApiCommand::Show { id, json } => show(&store, &id, json),
        ApiCommand::Delete { id } => split(&id).and_then(|(c, n)| {
            store.delete_api(&c, &n).map_err(boxed)?;
            println!("deleted API {c}.{n}");
            Ok(())
        }),
        ApiCommand::Publish { id } => split(&id).and_then(|(c, n)| {
            let version = store.publish_api(&c, &n).map_err(boxed)?;
            println!("published {c}.{n} as version {version}");
            Ok(())
        }),
        ApiCommand::Execute(a) => return execute(&store, &a),
    };
    match result {
        Ok(()) => Status::Ok,
        Err(e) => {
            report(e.as_ref());
            Status::Failed
        }
    }
}

fn usage(reason: String) -> Box<dyn miette::Diagnostic + Send + Sync> {
    boxed(CliError::BadSetting { reason })
}

/// `CONNECTOR.API` into its two names.
fn split(id: &str) -> Result<(String, String), Box<dyn miette::Diagnostic + Send + Sync>> {
    match id.split_once('.') {
        Some((c, n)) if !c.is_empty() && !n.is_empty() && !n.contains('.') => {
            Ok((c.to_string(), n.to_string()))
        }
        _ => Err(usage(format!("{id:?} must be CONNECTOR.API"))),
    }
}

fn headers(
    items: &[String],
) -> Result<BTreeMap<String, String>, Box<dyn miette::Diagnostic + Send + Sync>> {
    items
        .iter()
        .map(|h| match h.split_once(':') {
            Some((k, v)) if !k.trim().is_empty() => {
                Ok((k.trim().to_string(), v.trim().to_string()))
            }
            _ => Err(usage(format!("--header {h:?} must be \"Name: value\""))),
        })
        .collect()
}

fn body_of(f: &Fields) -> Result<Option<String>, Box<dyn miette::Diagnostic + Send + Sync>> {
    match (&f.body, &f.body_file) {
        (Some(b), _) => Ok(Some(b.clone())),
        (None, Some(path)) => std::fs::read_to_string(path).map(Some).map_err(|e| {
            boxed(CliError::Read {
                path: path.display().to_string(),
                reason: e.to_string(),
            })
        }),
        (None, None) => Ok(None),
    }
}

fn add(store: &Store, a: AddArgs) -> Outcome {
    let api = ApiDef {
        name: a.name,
        method: a.method.to_ascii_uppercase(),
        url: a.url,
        headers: headers(&a.fields.headers)?,
        params: pairs(&a.fields.params, "--param")?,
        body: body_of(&a.fields)?,
        content_type: a.fields.content_type.clone(),
        timeout_secs: a.fields.timeout,
        retry_unsafe: a.fields.retry_unsafe,
        expired_status: a.fields.expired_status.clone(),
        expired_body: a.fields.expired_body.clone(),
    };
    store.add_api(&a.connector, &api).map_err(boxed)?;
    println!(
        "added API {}.{} (a draft: `dg api execute` tests it, `dg api publish` releases it)",
        a.connector, api.name
    );
    Ok(())
}

fn edit(store: &Store, a: EditArgs) -> Outcome {
    let (connector, name) = split(&a.id)?;
    let mut api = store.api(&connector, &name).map_err(boxed)?.draft;
    if let Some(m) = a.method {
        api.method = m.to_ascii_uppercase();
    }
    if let Some(u) = a.url {
        api.url = u;
    }
    for k in &a.remove_headers {
        api.headers.retain(|h, _| !h.eq_ignore_ascii_case(k));
    }
    for (k, v) in headers(&a.fields.headers)? {
        api.headers.retain(|h, _| !h.eq_ignore_ascii_case(&k));
        api.headers.insert(k, v);
    }
    for k in &a.remove_params {
        api.params.remove(k);
    }
    api.params.extend(pairs(&a.fields.params, "--param")?);
    if a.no_body {
        api.body = None;
    } else if let Some(body) = body_of(&a.fields)? {
        api.body = Some(body);
    }
    let f = &a.fields;
    api.content_type = f.content_type.clone().or(api.content_type);
    api.timeout_secs = f.timeout.or(api.timeout_secs);
    api.retry_unsafe = (api.retry_unsafe || f.retry_unsafe) && !a.no_retry_unsafe;
    if a.clear_expired {
        api.expired_status.clear();
        api.expired_body = None;
    }
    if !f.expired_status.is_empty() {
        api.expired_status = f.expired_status.clone();
    }
    api.expired_body = f.expired_body.clone().or(api.expired_body);
    store.update_api(&connector, &api).map_err(boxed)?;
    println!(
        "updated the draft of {connector}.{name}; `dg api publish {connector}.{name}` releases it"
    );
    Ok(())
}

fn api_value(connector: &str, stored: &StoredApi) -> Value {
    let d = &stored.draft;
    let mut m = DgMap::new();
    m.insert("id".into(), Value::text(&format!("{connector}.{}", d.name)));
    m.insert(
        "draft".into(),
        from_serde(&serde_json::to_value(d).unwrap_or_default()),
    );
    m.insert(
        "published_version".into(),
        stored
            .published
            .as_ref()
            .map_or(Value::Null, |(v, _)| Value::Int(*v)),
    );
    m.insert(
        "unpublished_changes".into(),
        Value::Bool(stored.has_unpublished_changes()),
    );
    let mut names: Vec<String> = template::placeholders(&d.url);
    for t in d
        .headers
        .values()
        .chain(d.params.values())
        .chain(d.body.iter())
    {
        names.extend(template::placeholders(t));
    }
    names.dedup();
    let mut seen = std::collections::BTreeSet::new();
    names.retain(|n| seen.insert(n.clone()));
    m.insert(
        "placeholders".into(),
        Value::new_list(names.iter().map(|n| Value::text(n)).collect()),
    );
    Value::new_map(m)
}

fn list(store: &Store, connector: &str, json: bool) -> Outcome {
    let apis = store.apis(connector).map_err(boxed)?;
    if json {
        let items = apis.iter().map(|a| api_value(connector, a)).collect();
        println!("{}", to_json(&Value::new_list(items)));
        return Ok(());
    }
    if apis.is_empty() {
        println!("no APIs yet: dg api add {connector} NAME --method GET --url URL");
    }
    for a in &apis {
        let state = match (&a.published, a.has_unpublished_changes()) {
            (None, _) => "draft".to_string(),
            (Some((v, _)), false) => format!("published v{v}"),
            (Some((v, _)), true) => format!("published v{v} + draft"),
        };
        println!(
            "{:<20} {:<7} {:<24} {}",
            a.draft.name, a.draft.method, state, a.draft.url
        );
    }
    Ok(())
}

fn show(store: &Store, id: &str, json: bool) -> Outcome {
    let (connector, name) = split(id)?;
    let stored = store.api(&connector, &name).map_err(boxed)?;
    let value = api_value(&connector, &stored);
    if json {
        println!("{}", to_json(&value));
    } else {
        println!("{}", value.to_display());
    }
    Ok(())
}

/// The `--var` values as a map for the templates.
fn vars(items: &[String]) -> Result<DgMap, Box<dyn miette::Diagnostic + Send + Sync>> {
    let mut m = DgMap::new();
    for item in items {
        let raw = super::args::parse_arg(item).map_err(boxed)?;
        m.insert(raw.name.as_str().into(), raw.to_value().map_err(boxed)?);
    }
    Ok(m)
}

fn execute(store: &Store, a: &ExecuteArgs) -> Status {
    match try_execute(store, a) {
        Ok(status) => status,
        Err(e) => {
            report(e.as_ref());
            Status::Failed
        }
    }
}

fn try_execute(
    store: &Store,
    a: &ExecuteArgs,
) -> Result<Status, Box<dyn miette::Diagnostic + Send + Sync>> {
    // CONNECTOR.API tests the draft; an extension's API is what scripts would call: published.
    let draft = a.id.matches('.').count() == 1;
    let target = call::resolve(store, &a.id, draft).map_err(boxed)?;
    let vars = vars(&a.vars)?;
    if a.dry_run {
        print_dry_run(store, &target, &vars, a.json)?;
        return Ok(Status::Ok);
    }
    let transport = Transport::new().map_err(boxed)?;
    let answer = call::call(store, &transport, &target, &vars, "api execute")?;
    print_answer(&answer, a.json);
    if (200..300).contains(&answer.status) {
        Ok(Status::Ok)
    } else {
        eprintln!(
            "dg: {} answered HTTP {}{}",
            a.id,
            answer.status,
            reqwest::StatusCode::from_u16(answer.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .map(|r| format!(" {r}"))
                .unwrap_or_default()
        );
        Ok(Status::Failed)
    }
}

fn print_dry_run(store: &Store, target: &Target, vars: &DgMap, json: bool) -> Outcome {
    let mut req = call::prepare(&target.api, vars)?;
    let scheme = store
        .token_info(&target.token_owner)
        .map_err(boxed)?
        .and_then(|i| i.token_type)
        .unwrap_or_else(|| "Bearer".into());
    if !req
        .headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("authorization"))
    {
        req.headers
            .insert(0, ("Authorization".into(), format!("{scheme} {REDACTED}")));
    }
    for (k, v) in req.headers.iter_mut() {
        if log::secret_header(k) && !v.ends_with(REDACTED) {
            *v = REDACTED.to_string();
        }
    }
    let url = log::redact_url(&req.url);
    if json {
        let mut m = DgMap::new();
        m.insert("method".into(), Value::text(&req.method));
        m.insert("url".into(), Value::text(&url));
        let mut h = DgMap::new();
        for (k, v) in &req.headers {
            h.insert(k.as_str().into(), Value::text(v));
        }
        m.insert("headers".into(), Value::new_map(h));
        m.insert(
            "body".into(),
            req.body.as_deref().map_or(Value::Null, Value::text),
        );
        println!("{}", to_json(&Value::new_map(m)));
    } else {
        println!("{} {url}", req.method);
        for (k, v) in &req.headers {
            println!("{k}: {v}");
        }
        if let Some(body) = &req.body {
            println!("\n{body}");
        }
    }
    Ok(())
}

fn print_answer(answer: &Answer, json: bool) {
    let parsed = answer
        .is_json()
        .then(|| from_json_text(&answer.body).ok())
        .flatten();
    if json {
        let mut m = DgMap::new();
        m.insert("status_code".into(), Value::Int(i64::from(answer.status)));
        let mut h = DgMap::new();
        for (k, v) in &answer.headers {
            h.insert(k.as_str().into(), Value::text(v));
        }
        m.insert("headers".into(), Value::new_map(h));
        m.insert(
            "response".into(),
            parsed.unwrap_or_else(|| Value::text(&answer.body)),
        );
        m.insert("attempts".into(), Value::Int(i64::from(answer.attempts)));
        println!("{}", to_json(&Value::new_map(m)));
        return;
    }
    println!("HTTP {}", answer.status);
    for (k, v) in &answer.headers {
        println!("{k}: {v}");
    }
    println!();
    match parsed
        .as_ref()
        .and_then(|_| serde_json::from_str::<serde_json::Value>(&answer.body).ok())
    {
        Some(v) => println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default()),
        None => println!("{}", answer.body),
    }
}
