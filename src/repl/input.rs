//! Deciding whether what was typed so far is a whole entry, using the real parser.

use crate::ast::StmtKind;
use crate::parser;
use crate::source::SourceFile;

/// What to do with the text typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Run this (possibly with a `;` supplied at the end, so `m.get("k")` needs none).
    Complete(String),
    /// A whole entry that ends with an `if` block: an `else` may still follow on the next line.
    UnlessElseFollows(String),
    /// The input stopped inside a block, a bracket or a text: ask for another line.
    Incomplete,
}

/// True when a line continues an `if` statement of the lines before it.
pub fn continues_if(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("else") && !t[4..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
}

pub fn classify(text: &str) -> Entry {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.starts_with(':') {
        return Entry::Complete(text.to_string());
    }
    match parser::parse(&SourceFile::new("<repl>", text)) {
        Ok(program) => {
            let ends_with_if = matches!(
                program.body.last().map(|s| &s.kind),
                Some(StmtKind::If {
                    otherwise: None,
                    ..
                })
            );
            return if ends_with_if && trimmed.ends_with('}') {
                Entry::UnlessElseFollows(text.to_string())
            } else {
                Entry::Complete(text.to_string())
            };
        }
        Err(errors) if !errors.is_incomplete() => return Entry::Complete(text.to_string()),
        Err(_) => {}
    }
    // A statement or expression typed without its `;`: supply it when that is all that is missing.
    let with_semicolon = format!("{}; ", text.trim_end());
    match parser::parse(&SourceFile::new("<repl>", with_semicolon.as_str())) {
        Ok(_) => Entry::Complete(with_semicolon),
        Err(_) => Entry::Incomplete,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_blocks_and_literals_ask_for_more() {
        assert_eq!(classify("if (x > 1) {"), Entry::Incomplete);
        assert_eq!(classify("m = {\"a\": 1,"), Entry::Incomplete);
        assert_eq!(classify("t = \"first line"), Entry::Incomplete);
        assert_eq!(classify("for each x in l {\n info x;"), Entry::Incomplete);
    }

    #[test]
    fn whole_entries_run_and_a_missing_final_semicolon_is_supplied() {
        assert_eq!(classify("x = 1;"), Entry::Complete("x = 1;".into()));
        assert_eq!(
            classify("m.get(\"k\")"),
            Entry::Complete("m.get(\"k\"); ".into())
        );
        assert_eq!(
            classify("if (x > 1) {\n info x;\n} else { }"),
            Entry::Complete("if (x > 1) {\n info x;\n} else { }".into())
        );
        assert_eq!(classify(":vars"), Entry::Complete(":vars".into()));
    }

    #[test]
    fn an_if_block_waits_for_a_possible_else() {
        assert_eq!(
            classify("if (x) {\n}\n"),
            Entry::UnlessElseFollows("if (x) {\n}\n".into())
        );
        assert!(continues_if("else {"));
        assert!(continues_if("  else if (y) {"));
        assert!(!continues_if("elsewhere = 1;"));
    }

    #[test]
    fn broken_input_runs_so_its_error_is_shown() {
        assert_eq!(classify("x = = 1;"), Entry::Complete("x = = 1;".into()));
        assert_eq!(classify("x = 1 )"), Entry::Complete("x = 1 )".into()));
    }
}

/// Turns lines into entries: collects lines until the parser says an entry is whole, and holds an
/// `if` block back for one line in case an `else` follows (a blank line ends it at once).
#[derive(Debug, Default)]
pub struct LineReader {
    buffer: String,
    awaiting_else: bool,
}

impl LineReader {
    /// True while an entry is open, so the prompt should be the continuation prompt.
    pub fn continuing(&self) -> bool {
        !self.buffer.is_empty()
    }

    /// Forgets the open entry (Ctrl-C).
    pub fn cancel(&mut self) {
        self.buffer.clear();
        self.awaiting_else = false;
    }

    /// Adds one line; returns the entries now ready to run, in order (none, one or two).
    pub fn push(&mut self, line: &str) -> Vec<String> {
        let mut ready = Vec::new();
        if self.awaiting_else {
            self.awaiting_else = false;
            if !continues_if(line) {
                ready.push(std::mem::take(&mut self.buffer));
                if line.trim().is_empty() {
                    return ready;
                }
            }
        }
        self.buffer.push_str(line);
        self.buffer.push('\n');
        match classify(&self.buffer) {
            Entry::Complete(text) => {
                self.buffer.clear();
                ready.push(text);
            }
            Entry::UnlessElseFollows(_) => self.awaiting_else = true,
            Entry::Incomplete => {}
        }
        ready
    }

    /// At the end of input: whatever is left, to run (so an unfinished entry shows its error).
    pub fn finish(&mut self) -> Option<String> {
        self.awaiting_else = false;
        let rest = std::mem::take(&mut self.buffer);
        (!rest.trim().is_empty()).then_some(rest)
    }
}

#[cfg(test)]
mod reader_tests {
    use super::*;

    fn feed(lines: &[&str]) -> Vec<String> {
        let mut r = LineReader::default();
        let mut out: Vec<String> = lines.iter().flat_map(|l| r.push(l)).collect();
        out.extend(r.finish());
        out
    }

    #[test]
    fn else_on_the_next_line_joins_the_if() {
        let entries = feed(&["if (a) {", "}", "else {", "}", "x = 1;"]);
        assert_eq!(entries, vec!["if (a) {\n}\nelse {\n}\n", "x = 1;\n"]);
    }

    #[test]
    fn another_statement_or_a_blank_line_ends_the_if() {
        assert_eq!(
            feed(&["if (a) { }", "x = 1;"]),
            vec!["if (a) { }\n", "x = 1;\n"]
        );
        assert_eq!(feed(&["if (a) { }", ""]), vec!["if (a) { }\n"]);
        assert_eq!(feed(&["if (a) { }"]), vec!["if (a) { }\n"]);
    }

    #[test]
    fn unfinished_input_is_handed_over_at_the_end() {
        assert_eq!(feed(&["m = {1,"]), vec!["m = {1,\n"]);
    }
}
