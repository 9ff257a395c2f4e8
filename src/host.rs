//! What scripts reach outside the interpreter: the database (connectors, their APIs and tokens)
//! and one pooled HTTP transport, both opened on first use for the script's thread. Serves
//! `zoho.crm.invokeConnector` and `invokeurl`.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;

use crate::apis::call;
use crate::builtins::BuiltinError;
use crate::http::log::Origin;
use crate::http::{Answer, Outgoing, Transport};
use crate::store::Store;
use crate::value::{from_json_text, DgMap, Value};

#[derive(Default)]
struct Host {
    db: Option<PathBuf>,
    store: Option<Store>,
    transport: Option<Transport>,
}

thread_local! {
    static HOST: RefCell<Host> = RefCell::new(Host::default());
    /// Whether this thread has reached `HOST`. Its first use makes the slot and registers its
    /// destructor, so closing a host nobody used (an empty script's) is left out.
    static USED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work` on this thread's host.
fn this_host<T>(work: impl FnOnce(&mut Host) -> T) -> T {
    USED.set(true);
    HOST.with(|h| work(&mut h.borrow_mut()))
}

/// Sets the database scripts on this thread use (`--db` / `DG_DB`); opened only when a script
/// first calls out.
pub fn set_database(path: PathBuf) {
    this_host(|h| {
        h.db = Some(path);
        h.store = None;
    });
}

/// Closes this thread's database and HTTP connections and forgets which database it uses.
pub fn close() {
    if USED.get() {
        this_host(|h| *h = Host::default());
    }
}

/// Sets the database unless this thread already uses it (keeps the open connection).
pub fn use_database(path: &std::path::Path) {
    let same = this_host(|h| h.db.as_deref() == Some(path));
    if !same {
        set_database(path.to_path_buf());
    }
}

fn failure(e: &dyn miette::Diagnostic) -> BuiltinError {
    let error = BuiltinError::new(e.to_string());
    match e.help() {
        Some(help) => error.with_help(help.to_string()),
        None => error,
    }
}

/// Runs `work` with the store and the transport, opening them first if needed. They are taken
/// out of the thread's slot while `work` runs, so that work which runs scripts of its own (workflow
/// rules) can call out again: those calls open their own and leave ours alone.
pub fn with<T>(
    work: impl FnOnce(&Store, &Transport) -> Result<T, BuiltinError>,
) -> Result<T, BuiltinError> {
    let (db, store, transport) = this_host(|h| (h.db.clone(), h.store.take(), h.transport.take()));
    let store = match store {
        Some(s) => s,
        None => {
            let path = db.unwrap_or_else(crate::store::default_path);
            Store::open(&path).map_err(|e| failure(&e))?
        }
    };
    let transport = match transport {
        Some(t) => t,
        None => Transport::new().map_err(|e| failure(&e))?,
    };
    let result = work(&store, &transport);
    this_host(|h| {
        // Keep ours unless the database was changed meanwhile.
        if h.store.is_none() && h.db.as_deref().is_none_or(|p| p == store.path) {
            h.store = Some(store);
        }
        if h.transport.is_none() {
            h.transport = Some(transport);
        }
    });
    result
}

fn headers_map(answer: &Answer) -> Value {
    let mut m = DgMap::new();
    for (k, v) in &answer.headers {
        m.insert(k.as_str().into(), Value::text(v));
    }
    Value::new_map(m)
}

/// `zoho.crm.invokeConnector("ext.connector.api" | "connector.api", map)`: the published API with
/// the map's values, returning `{"status_code", "response", "headers"}`; any HTTP status is an
/// answer, not an error.
pub fn invoke_connector(id: &str, vars: &DgMap) -> Result<Value, BuiltinError> {
    with(|store, transport| {
        let target = call::resolve(store, id, false).map_err(|e| failure(&e))?;
        let answer = call::call(store, transport, &target, vars, "invokeConnector")
            .map_err(|e| failure(e.as_ref()))?;
        let mut m = DgMap::new();
        m.insert("status_code".into(), Value::Int(i64::from(answer.status)));
        m.insert("response".into(), Value::text(&answer.body));
        m.insert("headers".into(), headers_map(&answer));
        Ok(Value::new_map(m))
    })
}

/// An `invokeurl [ … ]` task, its entries evaluated.
#[derive(Debug, Default)]
pub struct UrlTask {
    pub url: String,
    pub method: String,
    pub parameters: Option<Value>,
    pub headers: Option<Value>,
    pub body: Option<Value>,
    pub content_type: Option<String>,
    pub connection: Option<String>,
    pub detailed: bool,
}

fn form_encode(map: &DgMap) -> String {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in map.iter() {
        out.append_pair(k, &value_text(v));
    }
    out.finish()
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        other => other.to_display(),
    }
}

/// Builds the request of an `invokeurl`: map parameters go in the query of GET and DELETE and in a
/// form body otherwise; text parameters or `body` are sent as they are.
fn url_request(task: &UrlTask) -> Result<Outgoing, BuiltinError> {
    let method = task.method.to_ascii_uppercase();
    if !crate::apis::METHODS.contains(&method.as_str()) {
        return Err(BuiltinError::new(format!(
            "invokeurl type {method:?} is not GET, POST, PUT, PATCH or DELETE"
        )));
    }
    let mut url = url::Url::parse(&task.url).map_err(|e| {
        BuiltinError::new(format!("invokeurl url {:?} is not a URL: {e}", task.url))
            .with_help("give a full URL, e.g. \"https://api.example.com/v1/items\"")
    })?;
    let mut headers = Vec::new();
    if let Some(Value::Map(h)) = &task.headers {
        for (k, v) in h.borrow().iter() {
            let v = value_text(v);
            if v.contains(['\r', '\n']) {
                return Err(BuiltinError::new(format!(
                    "the value of header {k} holds a line break"
                )));
            }
            headers.push((k.to_string(), v));
        }
    }
    let mut body = task.body.as_ref().map(value_text);
    let mut form = false;
    match &task.parameters {
        Some(Value::Map(p)) if matches!(method.as_str(), "GET" | "DELETE") || body.is_some() => {
            let mut q = url.query_pairs_mut();
            for (k, v) in p.borrow().iter() {
                q.append_pair(k, &value_text(v));
            }
        }
        Some(Value::Map(p)) => {
            body = Some(form_encode(&p.borrow()));
            form = true;
        }
        Some(Value::Null) | None => {}
        Some(other) => body = Some(value_text(other)),
    }
    let has_type = headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
    if !has_type {
        if let Some(ct) = &task.content_type {
            headers.push(("Content-Type".into(), ct.clone()));
        } else if form {
            headers.push((
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            ));
        }
    }
    Ok(Outgoing {
        method: method.clone(),
        url: url.to_string(),
        headers,
        body,
        timeout: crate::http::default_timeout(),
        repeatable: matches!(method.as_str(), "GET" | "PUT" | "DELETE"),
        secrets: Vec::new(),
    })
}

/// Runs an `invokeurl`: JSON answers come back as maps or lists, others as text; `detailed: true`
/// gives `{"responseCode", "responseText", "responseHeader"}`.
pub fn invoke_url(task: &UrlTask) -> Result<Value, BuiltinError> {
    let req = url_request(task)?;
    with(|store, transport| {
        let origin = Origin {
            kind: "invokeurl",
            connector: task.connection.as_deref(),
            api: None,
        };
        let answer = call::send_authorized(
            store,
            transport,
            task.connection.as_deref(),
            &req,
            &origin,
            |a| a.status == 401,
        )
        .map_err(|e| failure(e.as_ref()))?;
        let trimmed = answer.body.trim_start();
        let body = if trimmed.starts_with('{') || trimmed.starts_with('[') {
            from_json_text(&answer.body).unwrap_or_else(|_| Value::text(&answer.body))
        } else {
            Value::text(&answer.body)
        };
        if !task.detailed {
            return Ok(body);
        }
        let mut m = DgMap::new();
        m.insert("responseCode".into(), Value::Int(i64::from(answer.status)));
        m.insert("responseText".into(), body);
        m.insert("responseHeader".into(), headers_map(&answer));
        Ok(Value::new_map(m))
    })
}
