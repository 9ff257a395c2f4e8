//! Fuzz target: the interpreter on whatever parses, with the statement budget, a short time
//! limit and the output cap on. Scripts that reach out get a scratch database and a proxy that
//! refuses every connection, so nothing leaves the machine.
#![no_main]

use std::sync::Once;

use dg::interp::{CapturedOutput, Limits};
use dg::source::SourceFile;
use libfuzzer_sys::fuzz_target;

static SANDBOX: Once = Once::new();

fn sandbox() {
    SANDBOX.call_once(|| {
        let dir = std::env::temp_dir().join(format!("dg-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        std::env::set_var("DG_DB", dir.join("fuzz.db"));
        std::env::set_var("DG_DATA_DIR", &dir);
        for var in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"] {
            std::env::set_var(var, "http://127.0.0.1:9");
        }
        std::env::remove_var("NO_PROXY");
        std::env::remove_var("no_proxy");
        std::env::set_var("DG_HTTP_TIMEOUT_SECS", "1");
        dg::host::set_database(dir.join("fuzz.db"));
    });
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    sandbox();
    let source = SourceFile::new("fuzz.dg", text);
    let limits = Limits {
        max_statements: 5_000,
        max_seconds: 2,
        max_info_bytes: 64 * 1024,
    };
    let mut out = CapturedOutput::default();
    if let Err(dg::script::Failure::Runtime(e)) = dg::script::run(&source, &[], limits, &mut out) {
        let _ = dg::error::render(e.as_ref(), false, 100);
    }
});
