//! Fuzz target: the lexer, parser and resolver (what `dg check` runs) on any text.
#![no_main]

use dg::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = dg::lexer::tokens(text);
    let source = SourceFile::new("fuzz.dg", text);
    if let Err(errors) = dg::script::compile(&source, &["input"]) {
        // Rendering the diagnostics walks the spans into the source: they must be in bounds.
        for e in &errors.errors {
            let _ = dg::error::render(e, false, 100);
        }
    }
});
