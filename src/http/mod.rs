//! The HTTP transport for API calls and `invokeurl`: one pooled client per run, a timeout per
//! request, responses capped at 10 MB, and retries with exponential backoff and jitter on network
//! errors, 408, 429 and 5xx (honouring `Retry-After`, in seconds or as a date, up to a cap), only
//! for requests that are safe to repeat. Requests run on a single-threaded runtime driven by the
//! calling thread, so a call costs no hand-off to a background thread.

pub mod log;

use std::time::{Duration, Instant};

use crate::retry;

/// The longest response body read; more is an error rather than memory spent.
pub const MAX_RESPONSE_BYTES: u64 = 10 * 1024 * 1024;
/// Deluge's own limit for one `invokeurl`; `DG_HTTP_TIMEOUT_SECS` or an API's setting overrides it.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(40);
/// Attempts for a request that may be repeated.
const ATTEMPTS: u32 = 3;
const RETRY_BASE: Duration = Duration::from_millis(250);
/// The longest wait between attempts, whatever `Retry-After` asks.
const LONGEST_WAIT: Duration = Duration::from_secs(10);

/// A request to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub timeout: Duration,
    /// Safe to send again after a failure (GET, PUT, DELETE, or an API that opted in).
    pub repeatable: bool,
    /// Credentials the request carries (its access token): a server that echoes them back
    /// (httpbin's `/anything`, debugging endpoints) gets them replaced in the answer, so they
    /// reach no script, output, log or database.
    pub secrets: Vec<String>,
}

/// What came back.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub attempts: u32,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_json(&self) -> bool {
        self.header("content-type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("json"))
    }
}

#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
pub enum HttpError {
    #[error("the request to {url} failed: {reason}")]
    #[diagnostic(
        code(dg::http::network),
        help("check the URL and that the server is up; it was tried {attempts} time(s)")
    )]
    Network {
        url: String,
        reason: String,
        attempts: u32,
    },
    #[error("the request to {url} took longer than {seconds} s")]
    #[diagnostic(
        code(dg::http::timeout),
        help("raise the limit with DG_HTTP_TIMEOUT_SECS or the API's --timeout")
    )]
    Timeout { url: String, seconds: u64 },
    #[error("the response from {url} is larger than 10 MB")]
    #[diagnostic(
        code(dg::http::too_large),
        help("ask the API for less (paging, filters)")
    )]
    TooLarge { url: String },
    #[error("{0}")]
    #[diagnostic(
        code(dg::http::request),
        help("check the URL, the method and the header names of the request")
    )]
    Invalid(String),
}

/// The default timeout, or `DG_HTTP_TIMEOUT_SECS`.
pub fn default_timeout() -> Duration {
    std::env::var("DG_HTTP_TIMEOUT_SECS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&s| s > 0)
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs)
}

/// One pooled HTTP client (keep-alive connections are reused between calls) and the runtime that
/// drives it on the caller's thread.
pub struct Transport {
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
}

impl Transport {
    pub fn new() -> Result<Transport, HttpError> {
        let cannot = |e: &dyn std::fmt::Display| {
            HttpError::Invalid(format!("cannot start the HTTP client: {e}"))
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| cannot(&e))?;
        // The client's connection pool belongs to the runtime it is first used on.
        let client = {
            let _entered = runtime.enter();
            reqwest::Client::builder()
                .user_agent(concat!("dg/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| cannot(&e))?
        };
        Ok(Transport { client, runtime })
    }

    /// Sends a request, retrying passing failures when it is repeatable.
    pub fn send(&self, req: &Outgoing) -> Result<Answer, HttpError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = self.send_once(req);
            let last = attempt >= ATTEMPTS || !req.repeatable;
            let wait = match &outcome {
                Ok(answer) if passing_status(answer.status) => Some(retry_wait(answer, attempt)),
                Err(HttpError::Network { .. }) => {
                    Some(retry::backoff(attempt - 1, RETRY_BASE, LONGEST_WAIT))
                }
                _ => None,
            };
            let give_up = last || wait.is_none_or(|w| w > LONGEST_WAIT);
            if let (false, Some(wait)) = (give_up, wait) {
                std::thread::sleep(wait);
                continue;
            }
            {
                return match outcome {
                    Ok(mut answer) => {
                        answer.attempts = attempt;
                        Ok(answer)
                    }
                    Err(HttpError::Network { url, reason, .. }) => Err(HttpError::Network {
                        url,
                        reason,
                        attempts: attempt,
                    }),
                    Err(other) => Err(other),
                };
            }
        }
    }

    fn send_once(&self, req: &Outgoing) -> Result<Answer, HttpError> {
        let method = reqwest::Method::from_bytes(req.method.as_bytes())
            .map_err(|_| HttpError::Invalid(format!("{:?} is not an HTTP method", req.method)))?;
        let mut builder = self.client.request(method, &req.url).timeout(req.timeout);
        for (k, v) in &req.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        if let Some(body) = &req.body {
            builder = builder.body(body.clone());
        }
        let started = Instant::now();
        tracing::debug!(method = %req.method, url = %log::redact_url(&req.url), "request");
        tracing::trace!(request = %log::describe_request(req), "request in full");
        self.runtime.block_on(async {
            let mut response = builder
                .send()
                .await
                .map_err(|e| self.failure(req, &e, started))?;
            let status = response.status().as_u16();
            let headers: Vec<(String, String)> = response
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let mut bytes = Vec::new();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| self.failure(req, &e, started))?
            {
                if (bytes.len() + chunk.len()) as u64 > MAX_RESPONSE_BYTES {
                    return Err(HttpError::TooLarge {
                        url: log::redact_url(&req.url),
                    });
                }
                bytes.extend_from_slice(&chunk);
            }
            let mut body = String::from_utf8_lossy(&bytes).into_owned();
            let mut headers = headers;
            if !req.secrets.is_empty() {
                let secrets: Vec<&str> = req.secrets.iter().map(String::as_str).collect();
                body = log::scrub(&body, &secrets);
                for (_, v) in &mut headers {
                    *v = log::scrub(v, &secrets);
                }
            }
            tracing::debug!(status, bytes = bytes.len(), elapsed = ?started.elapsed(), "response");
            tracing::trace!(body = %log::preview(&log::redact_body(&body)), "response body");
            Ok(Answer {
                status,
                headers,
                body,
                attempts: 1,
            })
        })
    }

    fn failure(&self, req: &Outgoing, e: &reqwest::Error, started: Instant) -> HttpError {
        // Errors quote the URL without secret-looking query values.
        let url = log::redact_url(&req.url);
        if e.is_timeout() || started.elapsed() >= req.timeout {
            return HttpError::Timeout {
                url,
                seconds: req.timeout.as_secs(),
            };
        }
        if e.is_builder() {
            return HttpError::Invalid(format!(
                "cannot send the request to {url}: the URL or a header is not valid"
            ));
        }
        // The innermost cause says what happened ("connection refused"), without the URL again.
        let mut reason = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            reason = s.to_string();
            source = s.source();
        }
        HttpError::Network {
            url,
            reason: log::scrub(&reason, &[&req.url]),
            attempts: 1,
        }
    }
}

/// Statuses that say "try again later".
pub fn passing_status(status: u16) -> bool {
    crate::oauth::passing_status(status)
}

/// How long to wait before the next attempt after a passing status: `Retry-After` when given
/// (rounded up), else the backoff.
fn retry_wait(answer: &Answer, attempt: u32) -> Duration {
    answer
        .header("retry-after")
        .and_then(|v| retry::retry_after(v, chrono::Utc::now()))
        .map(|d| {
            if d.subsec_nanos() > 0 {
                Duration::from_secs(d.as_secs() + 1)
            } else {
                d
            }
        })
        .unwrap_or_else(|| retry::backoff(attempt - 1, RETRY_BASE, LONGEST_WAIT))
}
