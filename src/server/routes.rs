//! The server's routes: records (firing workflow rules), functions, runs, health and the OAuth
//! callback. Bodies are read as bytes and parsed here, so malformed JSON gets a JSON error.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value as Json_};

use super::{error, jobs, AppState};
use crate::connectors::ConnectorError;
use crate::interp::{CapturedOutput, Limits};
use crate::invoke::{self, Invocation};
use crate::records::{Fields, RecordError};
use crate::script::Cleanup;
use crate::source::SourceFile;
use crate::value::{from_serde, to_serde, DgMap, Value};
use crate::workflow::queue;
use crate::workflow::run::{failure_text, runs, RunRecord};

type Shared = State<Arc<AppState>>;

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/health", get(|| async { Json(json!({"status": "ok"})) }))
        .route("/records/{module}", post(create_record))
        .route("/records/{module}/{id}", get(get_record).put(update_record))
        .route("/functions/{name}", post(call_function))
        .route("/runs", get(list_runs))
        .route("/callback", get(oauth_callback))
        .with_state(state)
}

fn bad_request(code: &str, message: impl Into<String>) -> Response {
    error(StatusCode::BAD_REQUEST, code, message)
}

fn fields_of(body: &Bytes) -> Result<Fields, Response> {
    match serde_json::from_slice::<Json_>(body) {
        Ok(Json_::Object(m)) => Ok(m),
        Ok(_) => Err(bad_request(
            "INVALID_DATA",
            "the body must be a JSON object of fields",
        )),
        Err(e) => Err(bad_request(
            "INVALID_DATA",
            format!("the body is not valid JSON: {e}"),
        )),
    }
}

fn record_error(e: RecordError) -> Response {
    let status = if e.code == "INTERNAL_ERROR" {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::BAD_REQUEST
    };
    error(status, e.code, e.message)
}

fn internal(e: impl std::fmt::Display) -> Response {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL_ERROR",
        e.to_string(),
    )
}

/// The answer to a record change: the record and the runs of the rules it fired.
fn changed(
    outcome: Result<(Json_, Result<Vec<RunRecord>, ConnectorError>), RecordError>,
) -> Result<Json_, Response> {
    let (record, fired) = outcome.map_err(record_error)?;
    // The change is made: whatever the rules do, the answer carries the record.
    Ok(match fired {
        Ok(fired) => {
            json!({"data": record, "runs": fired.iter().map(|r| r.to_json()).collect::<Vec<_>>()})
        }
        Err(e) => {
            json!({"data": record, "runs": [], "warning": format!("workflow rules did not run: {e}")})
        }
    })
}

async fn create_record(
    State(state): Shared,
    UrlPath(module): UrlPath<String>,
    body: Bytes,
) -> Response {
    let fields = match fields_of(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let result = jobs::run(&state, move |store| {
        changed(queue::create_and_fire(store, &module, &fields))
    })
    .await;
    match result {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(r) => r,
    }
}

async fn update_record(
    State(state): Shared,
    UrlPath((module, id)): UrlPath<(String, String)>,
    body: Bytes,
) -> Response {
    let fields = match fields_of(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let result = jobs::run(&state, move |store| {
        changed(queue::update_and_fire(store, &module, &id, &fields))
    })
    .await;
    match result {
        Ok(v) => Json(v).into_response(),
        Err(r) => r,
    }
}

async fn get_record(
    State(state): Shared,
    UrlPath((module, id)): UrlPath<(String, String)>,
) -> Response {
    let result = jobs::run(&state, move |store| match store.get_record(&module, &id) {
        Ok(Some(r)) => Ok(r),
        Ok(None) => Err(error(
            StatusCode::NOT_FOUND,
            "INVALID_DATA",
            format!("no {module} record {id}"),
        )),
        Err(e) => Err(record_error(e)),
    })
    .await;
    match result {
        Ok(v) => Json(json!({"data": v})).into_response(),
        Err(r) => r,
    }
}

async fn list_runs(State(state): Shared, Query(q): Query<HashMap<String, String>>) -> Response {
    let rule = q.get("rule").cloned();
    let limit = q
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(100u32);
    let result = jobs::run(&state, move |store| {
        runs(store, rule.as_deref(), limit).map_err(internal)
    })
    .await;
    match result {
        Ok(all) => Json(json!({"runs": all.iter().map(|r| r.to_json()).collect::<Vec<_>>()}))
            .into_response(),
        Err(r) => r,
    }
}

/// The `.dg` file in the functions folder that defines `name`: a file named after it, or a file
/// with a function of that name.
fn find_function(dir: &Path, name: &str) -> Option<(SourceFile, Option<String>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "dg"))
        .collect();
    files.sort();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let source = SourceFile::new(path.display().to_string(), text);
        if path
            .file_stem()
            .is_some_and(|s| s.eq_ignore_ascii_case(name))
        {
            return Some((source, None));
        }
        if let Ok(program) = crate::parser::parse(&source) {
            if program
                .functions
                .iter()
                .any(|f| f.name.name.eq_ignore_ascii_case(name))
            {
                return Some((source, Some(name.to_string())));
            }
        }
    }
    None
}

/// Runs a function with the body's fields as its arguments (by parameter name); a parameter
/// named `crmAPIRequest` gets the request itself, as in Zoho's REST-API functions.
fn run_function(
    dir: &Path,
    name: &str,
    body: &Map<String, Json_>,
    headers: &HeaderMap,
) -> Result<Json_, Response> {
    let Some((source, function)) = find_function(dir, name) else {
        return Err(error(
            StatusCode::NOT_FOUND,
            "INVALID_FUNCTION",
            format!("no function {name:?} in {}", dir.display()),
        ));
    };
    let program = crate::parser::parse(&source).map_err(|e| {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "SYNTAX_ERROR",
            crate::error::render(&e, false, 100),
        )
    })?;
    let params: Vec<String> = match &function {
        Some(n) => program
            .functions
            .iter()
            .find(|f| f.name.name.eq_ignore_ascii_case(n)),
        None if program.body.is_empty() => program.functions.first(),
        None => None,
    }
    .map(|f| f.params.iter().map(|p| p.var.name.to_string()).collect())
    .unwrap_or_default();
    let mut inputs = Vec::new();
    for p in &params {
        if p == "crmAPIRequest" {
            let mut h = DgMap::new();
            for (k, v) in headers {
                h.insert(k.as_str().into(), Value::text(v.to_str().unwrap_or("")));
            }
            let mut req = DgMap::new();
            req.insert("body".into(), from_serde(&Json_::Object(body.clone())));
            req.insert("headers".into(), Value::new_map(h));
            inputs.push((p.clone(), Value::new_map(req)));
        } else if let Some(v) = body.get(p) {
            inputs.push((p.clone(), from_serde(v)));
        }
    }
    if params.is_empty() {
        inputs.extend(body.iter().map(|(k, v)| (k.clone(), from_serde(v))));
    }
    let mut out = CapturedOutput::default();
    let invocation = Invocation {
        source: &source,
        libraries: &[],
        function: function.as_deref(),
        inputs: &inputs,
    };
    match invoke::run(&invocation, Limits::default(), &mut out, Cleanup::Free) {
        Ok(v) => {
            let mut details = json!({
                "output": to_serde(&v),
                "info": out.lines,
            });
            if !out.form_actions.is_empty() {
                details["form_actions"] =
                    to_serde(&crate::value::Value::new_list(out.form_actions));
            }
            Ok(json!({"code": "success", "details": details}))
        }
        Err(f) => Err((
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({"code": "error", "status": "error", "message": failure_text(&f), "details": {"info": out.lines}})),
        )
            .into_response()),
    }
}

async fn call_function(
    State(state): Shared,
    UrlPath(name): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let args = if body.is_empty() {
        Map::new()
    } else {
        match fields_of(&body) {
            Ok(f) => f,
            Err(r) => return r,
        }
    };
    let dir = state.functions.clone();
    let result = jobs::run(&state, move |_| run_function(&dir, &name, &args, &headers)).await;
    match result {
        Ok(v) => Json(v).into_response(),
        Err(r) => r,
    }
}

async fn oauth_callback(
    State(state): Shared,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let result = jobs::run(&state, move |store| {
        let url = format!(
            "http://127.0.0.1/callback?{}",
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(q.iter())
                .finish()
        );
        let cb = crate::oauth::code::parse_callback(&url)
            .map_err(|e| bad_request("INVALID_CALLBACK", e.to_string()))?;
        let state_text = cb.state.clone().unwrap_or_default();
        let name = crate::oauth::code::connector_for_state(store, &state_text)
            .map_err(internal)?
            .ok_or_else(|| {
                bad_request("INVALID_STATE", "no pending authorization has this state")
            })?;
        crate::oauth::code::complete(store, &name, &cb)
            .map_err(|e| bad_request("AUTHORIZATION_FAILED", e.to_string()))?;
        Ok(name)
    })
    .await;
    match result {
        Ok(name) => Html(format!(
            "<!doctype html><title>dg</title><p>Connector <b>{}</b> is authorized. You can close this page.</p>",
            name.replace('<', "&lt;")
        ))
        .into_response(),
        Err(r) => r,
    }
}
