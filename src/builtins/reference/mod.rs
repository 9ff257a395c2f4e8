//! Zoho's Deluge function reference: every function its help pages document, by category, with
//! its call forms, a one-line doc, an example with its documented result, and whether dg runs it.
//!
//! `dg doc NAME`, the REPL's `:doc` and `docs/functions.md` are made from these tables. A unit test
//! runs every example and compares it with its documented result, and checks that every function
//! marked implemented is one the interpreter can call.

mod collection;
mod common;
mod datetime;
mod encoding;
mod list;
mod map;
mod number;
mod text;

#[cfg(test)]
mod tests;

use std::fmt::Write;

/// A chapter of Zoho's function reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Text,
    Number,
    DateTime,
    Time,
    List,
    Map,
    Collection,
    Common,
    Conversion,
    Encoding,
    JsonXml,
}

impl Category {
    pub fn title(self) -> &'static str {
        match self {
            Category::Text => "Text",
            Category::Number => "Number and math",
            Category::DateTime => "Date-time",
            Category::Time => "Time (Creator)",
            Category::List => "List",
            Category::Map => "Map",
            Category::Collection => "Collection",
            Category::Common => "Common",
            Category::Conversion => "Conversion",
            Category::Encoding => "Encryption and encoding",
            Category::JsonXml => "JSON and XML",
        }
    }

    const ALL: [Category; 11] = [
        Category::Text,
        Category::Number,
        Category::DateTime,
        Category::Time,
        Category::List,
        Category::Map,
        Category::Collection,
        Category::Common,
        Category::Conversion,
        Category::Encoding,
        Category::JsonXml,
    ];
}

/// Whether dg runs a documented function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Implemented,
    /// It needs a Zoho service dg does not have; the text says which.
    NeedsZoho(&'static str),
    /// Not built yet; the text says why.
    NotYet(&'static str),
}

/// One function of Zoho's reference.
#[derive(Debug)]
pub struct Entry {
    /// The name as Zoho spells it.
    pub name: &'static str,
    pub category: Category,
    /// Every documented call form, separated by ` | `, optional parameters in `[ ]`.
    pub forms: &'static str,
    /// One line, in our words.
    pub doc: &'static str,
    /// Statements (each ending in `;`) then one expression, as a script would write them.
    pub example: &'static str,
    /// What `info` shows for the example's expression, as Zoho documents it.
    pub result: &'static str,
    pub status: Status,
}

/// Declares an implemented `Entry`: name, category, forms, doc, example, documented result.
macro_rules! zoho {
    ($name:literal, $cat:ident, $forms:literal, $doc:literal, $example:literal => $result:literal) => {
        $crate::builtins::reference::Entry {
            name: $name,
            category: $crate::builtins::reference::Category::$cat,
            forms: $forms,
            doc: $doc,
            example: $example,
            result: $result,
            status: $crate::builtins::reference::Status::Implemented,
        }
    };
}

/// Declares an `Entry` dg does not run: name, category, forms, doc, and the status with its reason.
macro_rules! zoho_missing {
    ($name:literal, $cat:ident, $forms:literal, $doc:literal, $status:ident($why:literal)) => {
        $crate::builtins::reference::Entry {
            name: $name,
            category: $crate::builtins::reference::Category::$cat,
            forms: $forms,
            doc: $doc,
            example: "",
            result: "",
            status: $crate::builtins::reference::Status::$status($why),
        }
    };
}
pub(crate) use {zoho, zoho_missing};

static TABLES: &[&[Entry]] = &[
    text::ENTRIES,
    number::ENTRIES,
    datetime::ENTRIES,
    list::ENTRIES,
    map::ENTRIES,
    collection::ENTRIES,
    common::ENTRIES,
    encoding::ENTRIES,
];

/// Every documented function, in reference order.
pub fn all() -> impl Iterator<Item = &'static Entry> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The documented functions of that name (one per category that has it), any letter case.
pub fn find(name: &str) -> Vec<&'static Entry> {
    all()
        .filter(|e| e.name.eq_ignore_ascii_case(name))
        .collect()
}

/// `dg doc NAME`'s text: each documented entry of the name, else what the registry knows, else
/// `None`.
pub fn describe(name: &str) -> Option<String> {
    let entries = find(name);
    let mut out = String::new();
    for e in &entries {
        let _ = writeln!(out, "{}  ({})", e.name, e.category.title());
        for form in e.forms.split(" | ") {
            let _ = writeln!(out, "  {form}");
        }
        let _ = writeln!(out, "  {}", e.doc);
        match e.status {
            Status::Implemented => {
                let _ = writeln!(out, "  example: {}  →  {}", e.example, e.result);
            }
            Status::NeedsZoho(why) => {
                let _ = writeln!(out, "  not in dg: it needs {why}");
            }
            Status::NotYet(why) => {
                let _ = writeln!(out, "  not in dg yet: {why}");
            }
        }
    }
    if entries.is_empty() {
        out = super::describe_registered(name)?;
    }
    Some(out)
}

/// `docs/functions.md`: every function of Zoho's reference, by category, with its status.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Deluge functions in dg\n\n\
         Generated from `src/builtins/reference/` (`DG_BLESS=1 cargo test --lib reference` \
         rewrites it). Every function of Zoho's Deluge reference, with its call forms, what it \
         does, an example with the result Zoho documents (checked by the test suite), and whether \
         dg runs it. `dg doc NAME` prints the same for one function.\n",
    );
    let total = all().count();
    let done = all().filter(|e| e.status == Status::Implemented).count();
    let _ = writeln!(
        out,
        "\n{done} of {total} documented functions are implemented."
    );
    for cat in Category::ALL {
        let entries: Vec<&Entry> = all().filter(|e| e.category == cat).collect();
        if entries.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {}\n", cat.title());
        let _ = writeln!(
            out,
            "| function | forms | what it does | example | status |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|");
        for e in entries {
            let forms = e.forms.replace(" | ", "<br>");
            let (example, status) = match e.status {
                Status::Implemented => (
                    format!("`{}` → `{}`", e.example, e.result),
                    "yes".to_string(),
                ),
                Status::NeedsZoho(why) => (String::new(), format!("no: needs {why}")),
                Status::NotYet(why) => (String::new(), format!("not yet: {why}")),
            };
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                e.name,
                cell(&forms),
                cell(e.doc),
                cell(&example),
                cell(&status)
            );
        }
    }
    out
}

/// Text made safe for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
