//! Fuzz target: reading a token endpoint's answer (JSON, form-encoded or anything else), with
//! the status taken from the first two bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let status = 100 + u16::from_le_bytes([data[0], data[1]]) % 500;
    let body = String::from_utf8_lossy(&data[2..]);
    if let Err(e) = dg::oauth::parse_token_response(status, &body) {
        let _ = e.to_string();
    }
});
