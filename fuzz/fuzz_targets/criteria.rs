//! Fuzz target: criteria. The text is read as a `searchRecords` criteria (`(Field:op:value)`)
//! and matched against a record, and as a workflow rule's Deluge criteria evaluated over it.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

fn record() -> &'static Value {
    static RECORD: OnceLock<Value> = OnceLock::new();
    RECORD.get_or_init(|| {
        json!({
            "id": "6000000000000000001",
            "Last_Name": "O'Brien",
            "First_Name": "Ada",
            "Mailing_Country": "Ireland",
            "Score": 70,
            "Amount": 12.5,
            "Tags": ["a", "b"],
            "Owner": {"name": "x", "id": "1"},
            "Empty": null
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(criteria) = dg::records::criteria::parse(text) {
        let _ = criteria.matches(record());
    }
    if !text.contains("invoke") && !text.contains("zoho") && !text.contains("sendmail") {
        let _ = dg::workflow::run::criteria_hold(text, record());
    }
});
