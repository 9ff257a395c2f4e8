//! Diagnostic logging to stderr, off unless `DG_LOG` is set (`DG_LOG=debug`, `DG_LOG=trace`, or
//! any `tracing` filter such as `dg::oauth=trace`; a plain level covers dg's own modules). What is logged is redacted where it is made:
//! credential headers, secret-looking fields and tokens never reach the log.

/// Starts the stderr logger when `DG_LOG` asks for one.
pub fn init() {
    let Some(filter) = std::env::var_os("DG_LOG") else {
        return;
    };
    let filter = filter.to_string_lossy().trim().to_ascii_lowercase();
    // A plain level is dg's own logging only: the HTTP libraries' trace output shows raw headers.
    let filter = match filter.as_str() {
        "trace" | "debug" | "info" | "warn" | "error" => format!("dg={filter}"),
        _ => filter,
    };
    let filter = tracing_subscriber::EnvFilter::builder().parse_lossy(filter);
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(true)
        .try_init();
}
