//! Tab completion: variables, keywords and global functions, or after a `.` the methods the
//! receiver's type really has (from the built-in registry, so nothing that does not exist is offered).

use std::collections::BTreeSet;

use crate::builtins;
use crate::value::TypeTag;

/// Statement and expression keywords offered at the start of a word.
pub const KEYWORDS: &[&str] = &[
    "if", "else", "for each", "in", "break", "continue", "return", "info", "try", "catch", "true",
    "false", "null",
];

/// What the session knows that completion can use.
pub struct Scope<'a> {
    pub variables: &'a [(String, TypeTag)],
    pub functions: &'a [String],
}

/// The start of the word being completed and the candidates for it.
pub fn candidates(line: &str, pos: usize, scope: &Scope<'_>) -> (usize, Vec<String>) {
    let pos = floor_boundary(line, pos.min(line.len()));
    let before = &line[..pos];
    let start = word_start(before, |c| c.is_ascii_alphanumeric() || c == '_');
    let word = &before[start..];
    let found = match before[..start].strip_suffix('.') {
        Some(receiver_text) => match namespace_functions(receiver_text, word, scope) {
            Some(functions) => functions,
            None => methods(receiver_type(receiver_text, scope), word),
        },
        None => words(word, scope),
    };
    (start, found)
}

/// After `standalone.` (a namespace, not a variable), the user functions defined in it.
fn namespace_functions(receiver_text: &str, word: &str, scope: &Scope<'_>) -> Option<Vec<String>> {
    let path_start = word_start(receiver_text, |c| {
        c.is_ascii_alphanumeric() || c == '_' || c == '.'
    });
    let path = &receiver_text[path_start..];
    if path.is_empty() || scope.variables.iter().any(|(n, _)| n == path) {
        return None;
    }
    let prefix = format!("{path}.");
    let found: Vec<String> = scope
        .functions
        .iter()
        .filter_map(|f| f.strip_prefix(&prefix))
        .filter(|rest| rest.starts_with(word))
        .map(|rest| format!("{rest}("))
        .collect();
    (!found.is_empty()).then_some(found)
}

/// Byte offset where the run of `in_word` characters that ends `text` begins (a char boundary).
fn word_start(text: &str, in_word: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| !in_word(*c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The type of what stands before the `.`, when it can be known without running anything.
fn receiver_type(text: &str, scope: &Scope<'_>) -> Option<TypeTag> {
    let text = text.trim_end();
    if text.ends_with('"') || text.ends_with('\'') {
        return Some(TypeTag::Text);
    }
    let ident_start = word_start(text, |c| c.is_ascii_alphanumeric() || c == '_');
    let ident = &text[ident_start..];
    if ident.is_empty() || text[..ident_start].ends_with('.') {
        return None;
    }
    if ident.chars().all(|c| c.is_ascii_digit()) {
        return Some(TypeTag::Int);
    }
    scope
        .variables
        .iter()
        .find(|(name, _)| name == ident)
        .map(|(_, tag)| *tag)
}

const ALL_TYPES: [TypeTag; 9] = [
    TypeTag::Date,
    TypeTag::DateTime,
    TypeTag::Text,
    TypeTag::List,
    TypeTag::Map,
    TypeTag::Int,
    TypeTag::Decimal,
    TypeTag::Bool,
    TypeTag::Null,
];

/// Methods of one type, or of every type when the receiver's type is unknown.
fn methods(tag: Option<TypeTag>, prefix: &str) -> Vec<String> {
    let tags: Vec<TypeTag> = match tag {
        Some(t) => vec![t],
        None => ALL_TYPES.to_vec(),
    };
    let mut found = BTreeSet::new();
    for t in tags {
        for m in builtins::all_methods(t) {
            if starts_with_ignore_case(m.name, prefix) {
                found.insert(call_text(m.name, m.max_args));
            }
        }
    }
    found.into_iter().collect()
}

fn words(prefix: &str, scope: &Scope<'_>) -> Vec<String> {
    if prefix.is_empty() {
        return Vec::new();
    }
    let mut found = BTreeSet::new();
    for (name, _) in scope.variables {
        if name.starts_with(prefix) {
            found.insert(name.clone());
        }
    }
    for k in KEYWORDS {
        if k.starts_with(prefix) {
            found.insert(k.to_string());
        }
    }
    for f in builtins::functions() {
        if starts_with_ignore_case(f.name, prefix) {
            found.insert(call_text(f.name, f.max_args));
        }
    }
    for f in scope.functions {
        if f.starts_with(prefix) {
            found.insert(format!("{f}("));
        }
    }
    found.into_iter().collect()
}

fn starts_with_ignore_case(name: &str, prefix: &str) -> bool {
    name.len() >= prefix.len() && name[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// `name()` for calls without arguments, `name(` for calls that take some.
fn call_text(name: &str, max_args: usize) -> String {
    if max_args == 0 {
        format!("{name}()")
    } else {
        format!("{name}(")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(line: &str, vars: &[(&str, TypeTag)]) -> (usize, Vec<String>) {
        let variables: Vec<(String, TypeTag)> =
            vars.iter().map(|(n, t)| (n.to_string(), *t)).collect();
        let functions = vec!["standalone.mix".to_string()];
        let scope = Scope {
            variables: &variables,
            functions: &functions,
        };
        candidates(line, line.len(), &scope)
    }

    #[test]
    fn methods_of_a_map_variable() {
        let (start, found) = complete("x = contact.con", &[("contact", TypeTag::Map)]);
        assert_eq!(start, 12);
        assert_eq!(
            found,
            vec![
                "containKey(",
                "containValue(",
                "containsKey(",
                "containsValue("
            ]
        );
    }

    #[test]
    fn methods_of_text_literals_and_numbers() {
        assert_eq!(complete("\"abc\".toU", &[]).1, vec!["toUpperCase()"]);
        assert_eq!(complete("5.toL", &[]).1, vec!["toLong()"]);
    }

    #[test]
    fn unknown_receivers_offer_every_real_method_and_nothing_else() {
        let (_, found) = complete("a.b().si", &[]);
        assert_eq!(found, vec!["signum()", "sin()", "size()"]);
        let (_, none) = complete("m.frobn", &[("m", TypeTag::Map)]);
        assert!(none.is_empty());
    }

    #[test]
    fn names_keywords_and_functions_at_the_start_of_a_word() {
        let (start, found) = complete("info if", &[("ifValue", TypeTag::Int)]);
        assert_eq!(start, 5);
        assert_eq!(found, vec!["if", "ifValue", "ifnull("]);
        assert_eq!(complete("x = Ma", &[]).1, vec!["Map("]);
        assert_eq!(complete("stand", &[]).1, vec!["standalone.mix("]);
        assert_eq!(complete("x = standalone.m", &[]).1, vec!["mix("]);
    }

    #[test]
    fn multi_byte_characters_before_the_word_are_fine() {
        assert_eq!(complete("\"é", &[]).1, Vec::<String>::new());
        assert_eq!(complete("x = \"日本\".toU", &[]).1, vec!["toUpperCase()"]);
        let (start, _) = complete("é.Ma", &[]);
        assert_eq!(start, "é.".len());
    }

    #[test]
    fn methods_complete_after_a_dot_even_with_an_empty_word() {
        let (start, found) = complete("l.", &[("l", TypeTag::List)]);
        assert_eq!(start, 2);
        assert!(found.contains(&"add(".to_string()));
        assert!(found.contains(&"toString()".to_string()));
        assert!(!found.iter().any(|m| m.starts_with("put")));
    }
}
