//! `dg serve`: an HTTP server for workflow hooks. Record changes (`POST /records/{module}`,
//! `PUT /records/{module}/{id}`) fire workflow rules, `POST /functions/{name}` runs a function,
//! `GET /runs` lists rule evaluations, `GET /health` answers, and `GET /callback` finishes a
//! connector authorization. Scripts run on a blocking pool with deep stacks, a few at a time;
//! a failing or endless script is stopped and reported, and the server keeps serving. Bodies are
//! capped at 2 MB and every request has a time limit.

// Handlers carry their error answers as ready responses, built once per failed request.
#![allow(clippy::result_large_err)]

mod jobs;
mod routes;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// What every request handler shares.
pub struct AppState {
    pub db: PathBuf,
    pub functions: PathBuf,
    api_key: Option<String>,
    pub limit: Arc<tokio::sync::Semaphore>,
    /// Requests waiting for a worker now, and how many may wait.
    pub waiting: std::sync::atomic::AtomicUsize,
    pub queue: usize,
}

/// How the server is started.
pub struct Settings {
    pub listen: SocketAddr,
    pub db: PathBuf,
    pub functions: PathBuf,
    pub api_key: Option<String>,
    /// Scripts running at once.
    pub workers: usize,
    /// Requests that may wait for a worker; more get 503 with Retry-After.
    pub queue: usize,
    /// How long a request may take, reading its body included, before it gets 504.
    pub request_timeout: std::time::Duration,
}

/// The largest request body read.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ServeError {
    #[error("an API key is required to listen on {0}, which is not this machine only")]
    #[diagnostic(
        code(dg::serve),
        help("pass --api-key-env VAR with a long random key in VAR, or listen on 127.0.0.1")
    )]
    KeyRequired(SocketAddr),
    #[error("cannot listen on {addr}: {reason}")]
    #[diagnostic(code(dg::serve), help("choose another address or port with --listen"))]
    Bind { addr: SocketAddr, reason: String },
    #[error("the server failed: {0}")]
    #[diagnostic(code(dg::serve))]
    Failed(String),
}

/// A JSON error answer.
pub fn error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (
        status,
        Json(json!({"code": code, "message": message.into(), "status": "error"})),
    )
        .into_response()
}

/// Compares in time independent of where the texts differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether a Host or Origin names this machine.
fn loopback_name(value: &str) -> bool {
    let host = value
        .trim()
        .trim_start_matches("http://")
        .trim_start_matches("https://");
    let name = if host.starts_with('[') {
        host.split(']')
            .next()
            .map(|h| format!("{h}]"))
            .unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or("").to_string()
    };
    matches!(name.as_str(), "127.0.0.1" | "localhost" | "[::1]")
}

/// Without an API key the server trusts this machine only: web pages in a local browser must not
/// reach it (a foreign Origin, or a DNS-rebound Host, is refused), and bodies must be declared JSON,
/// which a page cannot send without the browser asking first.
fn browser_guard(state: &AppState, req: &Request) -> Option<Response> {
    if state.api_key.is_some() {
        return None;
    }
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if header("host").is_some_and(|h| !loopback_name(h)) {
        return Some(error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "requests must name 127.0.0.1 or localhost as their host",
        ));
    }
    if header("origin").is_some_and(|o| !loopback_name(o)) {
        return Some(error(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "requests from web pages of other sites are refused",
        ));
    }
    let has_body = matches!(
        *req.method(),
        axum::http::Method::POST | axum::http::Method::PUT
    );
    let json = header("content-type")
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/json"));
    if has_body && !json {
        return Some(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "INVALID_CONTENT_TYPE",
            "send the body as JSON with Content-Type: application/json",
        ));
    }
    None
}

async fn require_key(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if let Some(refused) = browser_guard(&state, &req) {
        return refused;
    }
    let open = matches!(req.uri().path(), "/health" | "/callback");
    if let (Some(key), false) = (&state.api_key, open) {
        let given = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("");
        if !same_secret(given.as_bytes(), key.as_bytes()) {
            return error(
                StatusCode::UNAUTHORIZED,
                "AUTHENTICATION_FAILURE",
                "a valid API key is required: Authorization: Bearer KEY",
            );
        }
    }
    next.run(req).await
}

/// How often the server checkpoints its database's WAL.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// Runs the server until Ctrl-C or SIGTERM, then finishes the executions in flight.
pub fn serve(settings: Settings) -> Result<(), ServeError> {
    if settings.api_key.is_none() && !settings.listen.ip().is_loopback() {
        return Err(ServeError::KeyRequired(settings.listen));
    }
    // Checkpoints happen here, not in the commits of requests; it stops when `serve` returns.
    let _checkpoints =
        crate::store::checkpoint::Checkpointer::start(&settings.db, CHECKPOINT_EVERY)
            .map_err(|e| ServeError::Failed(e.to_string()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(settings.workers.max(1) + 2)
        .thread_stack_size(jobs::SCRIPT_STACK_BYTES)
        .enable_all()
        .build()
        .map_err(|e| ServeError::Failed(e.to_string()))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(settings.listen)
            .await
            .map_err(|e| ServeError::Bind {
                addr: settings.listen,
                reason: e.to_string(),
            })?;
        let addr = listener
            .local_addr()
            .map_err(|e| ServeError::Failed(e.to_string()))?;
        let state = Arc::new(AppState {
            db: settings.db,
            functions: settings.functions,
            api_key: settings.api_key,
            limit: Arc::new(tokio::sync::Semaphore::new(settings.workers.max(1))),
            waiting: std::sync::atomic::AtomicUsize::new(0),
            queue: settings.queue,
        });
        let timeout = settings.request_timeout;
        let app = routes::router(state.clone())
            .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
            .layer(axum::middleware::from_fn_with_state(state, require_key))
            .layer(axum::middleware::from_fn(
                move |req: Request, next: Next| time_limit(timeout, req, next),
            ));
        eprintln!("dg: serving on http://{addr} (Ctrl-C stops after the running executions)");
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| ServeError::Failed(e.to_string()))
    })
}

/// Answers 504 when a request (a slow body, a long wait for a worker) outlasts `limit`. A
/// script already running goes on to its own time limit; its answer is dropped.
async fn time_limit(limit: std::time::Duration, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => error(
            StatusCode::GATEWAY_TIMEOUT,
            "TIMEOUT",
            format!(
                "the request took longer than {} s (dg serve --request-timeout)",
                limit.as_secs()
            ),
        ),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    eprintln!("dg: stopping: finishing the running executions");
}
