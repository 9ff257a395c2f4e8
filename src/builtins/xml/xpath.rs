//! The XPath that Zoho's `executeXPath` examples use, over XML parsed by roxmltree: absolute and
//! `//` paths of element names or `*`, `@name`/`@*`, `text()`, `node()`, `.` and `..`, with
//! predicates `[n]`, `[last()]`, `[@a]`, `[@a='v']`, `[name='v']` and `[text()='v']`.
//!
//! Matched elements come back written out as XML, text nodes as their text, and an attribute as
//! an element named after it (`/a/@href` gives `<href>…</href>`, which Zoho's example then reads
//! with `/href/text()`). Several matches are joined with nothing between them.

use std::collections::HashSet;

use roxmltree::{Document, Node, NodeId, NodeType};

use super::write::escape;
use crate::builtins::BuiltinError;

/// One step's node test.
#[derive(Debug, Clone, PartialEq)]
enum Test {
    Element(String),
    AnyElement,
    Attribute(String),
    AnyAttribute,
    Text,
    AnyNode,
    SelfNode,
    Parent,
}

#[derive(Debug, Clone, PartialEq)]
enum Predicate {
    Position(usize),
    Last,
    HasAttribute(String),
    /// `[@a='v']` (attribute), `[b='v']` (child element's text) or `[text()='v']`; `equal` is
    /// false for `!=`.
    Compare {
        target: Test,
        value: String,
        equal: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
struct Step {
    /// `//` before the step: any descendant, not only a child.
    descendant: bool,
    test: Test,
    predicates: Vec<Predicate>,
}

/// A match: a node of the document, or an attribute (name and value).
#[derive(Clone)]
enum Item<'a, 'input> {
    Node(Node<'a, 'input>),
    /// The element that has it, its name and its value.
    Attribute(NodeId, &'a str, &'a str),
}

fn bad(path: &str, why: &str) -> BuiltinError {
    BuiltinError::new(format!(
        "`executeXPath`: cannot read the XPath {path:?}: {why}"
    ))
    .with_help(
        "dg supports paths such as /a/b, //b, /a/@href, /a/b/text(), /a/b[1] and /a/b[@id='x']",
    )
}

fn parse_path(path: &str) -> Result<Vec<Step>, BuiltinError> {
    let mut steps = Vec::new();
    let mut rest = path.trim();
    if !rest.starts_with('/') {
        rest = rest.strip_prefix("./").unwrap_or(rest);
        // A relative path starts from the document, like an absolute one.
        if !rest.is_empty() {
            let (step, after) = parse_step(rest, false, path)?;
            steps.push(step);
            rest = after;
        }
    }
    while !rest.is_empty() {
        let (descendant, after) = match rest.strip_prefix("//") {
            Some(after) => (true, after),
            None => match rest.strip_prefix('/') {
                Some(after) => (false, after),
                None => return Err(bad(path, &format!("expected `/` before {rest:?}"))),
            },
        };
        let (step, after) = parse_step(after, descendant, path)?;
        steps.push(step);
        rest = after;
    }
    if steps.is_empty() {
        return Err(bad(path, "it selects nothing"));
    }
    Ok(steps)
}

/// One step and what follows it.
fn parse_step<'p>(
    s: &'p str,
    descendant: bool,
    path: &str,
) -> Result<(Step, &'p str), BuiltinError> {
    let end = s.find(['/', '[']).unwrap_or(s.len());
    let test = parse_test(s[..end].trim(), path)?;
    let mut rest = &s[end..];
    let mut predicates = Vec::new();
    while let Some(inner) = rest.strip_prefix('[') {
        let close = inner
            .find(']')
            .ok_or_else(|| bad(path, "a `[` is not closed"))?;
        predicates.push(parse_predicate(inner[..close].trim(), path)?);
        rest = &inner[close + 1..];
    }
    Ok((
        Step {
            descendant,
            test,
            predicates,
        },
        rest,
    ))
}

fn parse_test(t: &str, path: &str) -> Result<Test, BuiltinError> {
    let name_ok =
        |n: &str| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || "_-.:".contains(c));
    Ok(match t {
        "*" => Test::AnyElement,
        "@*" => Test::AnyAttribute,
        "text()" => Test::Text,
        "node()" => Test::AnyNode,
        "." => Test::SelfNode,
        ".." => Test::Parent,
        _ => match t.strip_prefix('@') {
            Some(name) if name_ok(name) => Test::Attribute(name.to_string()),
            None if name_ok(t) => Test::Element(t.to_string()),
            _ => return Err(bad(path, &format!("{t:?} is not a step dg knows"))),
        },
    })
}

fn parse_predicate(p: &str, path: &str) -> Result<Predicate, BuiltinError> {
    if let Ok(n) = p.parse::<usize>() {
        return match n {
            0 => Err(bad(path, "positions count from 1")),
            n => Ok(Predicate::Position(n)),
        };
    }
    if p == "last()" {
        return Ok(Predicate::Last);
    }
    let Some(op) = p.find('=') else {
        return match parse_test(p, path)? {
            Test::Attribute(name) => Ok(Predicate::HasAttribute(name)),
            _ => Err(bad(
                path,
                &format!("the condition [{p}] is not one dg knows"),
            )),
        };
    };
    let equal = !p[..op].ends_with('!');
    let target = parse_test(p[..op].trim_end_matches('!').trim(), path)?;
    let literal = p[op + 1..].trim();
    let value = literal
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .or_else(|| literal.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
        .unwrap_or(literal);
    Ok(Predicate::Compare {
        target,
        value: value.to_string(),
        equal,
    })
}

/// Evaluates `path` against the XML text and writes out what it selects.
pub(crate) fn evaluate(xml: &str, path: &str) -> Result<String, BuiltinError> {
    let steps = parse_path(path)?;
    let doc = Document::parse(xml).map_err(|e| {
        BuiltinError::new(format!("`executeXPath`: the text is not XML or JSON ({e})"))
            .with_help("pass XML text such as <a><b>1</b></a>, or JSON text")
    })?;
    let mut items = vec![Item::Node(doc.root())];
    for step in &steps {
        items = apply(&items, step);
    }
    let mut out = String::new();
    for item in &items {
        // Matches nested in each other repeat their subtrees: stop at the text limit.
        crate::limits::check_text(out.len())?;
        match item {
            Item::Node(n) => write_node(*n, &mut out),
            Item::Attribute(_, name, value) => {
                out.push_str(&format!("<{name}>{}</{name}>", escape(value)));
            }
        }
    }
    crate::limits::check_text(out.len())?;
    Ok(out)
}

fn apply<'a, 'i>(items: &[Item<'a, 'i>], step: &Step) -> Vec<Item<'a, 'i>> {
    // The nodes the step starts from, each once: `//x` tests x on the children of the node
    // itself and of every descendant.
    let mut seen_context = HashSet::new();
    let mut contexts: Vec<Node> = Vec::new();
    for item in items {
        let Item::Node(node) = item else { continue };
        if step.descendant {
            // A node already taken in came with all its descendants: walking them again made
            // chained `//` steps quadratic in the depth.
            if seen_context.contains(&node.id()) {
                continue;
            }
            for d in node.descendants() {
                if seen_context.insert(d.id()) {
                    contexts.push(d);
                }
            }
        } else if seen_context.insert(node.id()) {
            contexts.push(*node);
        }
    }
    let mut seen = HashSet::new();
    let mut out: Vec<Item<'a, 'i>> = Vec::new();
    for context in contexts {
        let mut found = candidates(context, &step.test);
        for p in &step.predicates {
            found = filter(found, p);
        }
        out.extend(found.into_iter().filter(|f| seen.insert(identity(f))));
    }
    out
}

/// What makes two matches the same: the node, or the attribute's element and name.
fn identity<'a>(item: &Item<'a, '_>) -> (NodeId, Option<&'a str>) {
    match item {
        Item::Node(n) => (n.id(), None),
        Item::Attribute(owner, name, _) => (*owner, Some(*name)),
    }
}

fn candidates<'a, 'i>(node: Node<'a, 'i>, test: &Test) -> Vec<Item<'a, 'i>> {
    let children = || node.children();
    match test {
        Test::Element(name) => children()
            .filter(|c| c.is_element() && c.tag_name().name() == name)
            .map(Item::Node)
            .collect(),
        Test::AnyElement => children()
            .filter(Node::is_element)
            .map(Item::Node)
            .collect(),
        Test::Text => children().filter(Node::is_text).map(Item::Node).collect(),
        Test::AnyNode => children().map(Item::Node).collect(),
        Test::SelfNode => vec![Item::Node(node)],
        Test::Parent => node.parent().map(Item::Node).into_iter().collect(),
        Test::Attribute(name) => node
            .attributes()
            .filter(|a| a.name() == name)
            .map(|a| Item::Attribute(node.id(), a.name(), a.value()))
            .collect(),
        Test::AnyAttribute => node
            .attributes()
            .map(|a| Item::Attribute(node.id(), a.name(), a.value()))
            .collect(),
    }
}

fn filter<'a, 'i>(found: Vec<Item<'a, 'i>>, p: &Predicate) -> Vec<Item<'a, 'i>> {
    let len = found.len();
    found
        .into_iter()
        .enumerate()
        .filter(|(i, item)| match p {
            Predicate::Position(n) => i + 1 == *n,
            Predicate::Last => i + 1 == len,
            Predicate::HasAttribute(name) => {
                matches!(item, Item::Node(n) if n.attribute(name.as_str()).is_some())
            }
            Predicate::Compare {
                target,
                value,
                equal,
            } => {
                let Item::Node(n) = item else { return false };
                let any = candidates(*n, target)
                    .iter()
                    .any(|c| string_value(c) == *value);
                any == *equal
            }
        })
        .map(|(_, item)| item)
        .collect()
}

/// XPath's string value: an attribute's value, or all the text inside a node.
fn string_value(item: &Item) -> String {
    match item {
        Item::Attribute(_, _, v) => v.to_string(),
        Item::Node(n) => n
            .descendants()
            .filter(Node::is_text)
            .filter_map(|t| t.text())
            .collect(),
    }
}

/// A node written out as XML: elements with their attributes and content, text escaped.
fn write_node(node: Node, out: &mut String) {
    match node.node_type() {
        NodeType::Root => node.children().for_each(|c| write_node(c, out)),
        NodeType::Text => out.push_str(node.text().unwrap_or("")),
        NodeType::Comment => {
            out.push_str("<!--");
            out.push_str(node.text().unwrap_or(""));
            out.push_str("-->");
        }
        NodeType::PI => {}
        NodeType::Element => {
            let name = node.tag_name().name();
            out.push('<');
            out.push_str(name);
            for a in node.attributes() {
                out.push_str(&format!(" {}=\"{}\"", a.name(), escape(a.value())));
            }
            if node.children().next().is_none() {
                out.push_str("/>");
                return;
            }
            out.push('>');
            for c in node.children() {
                if c.is_text() {
                    out.push_str(&escape_text(c.text().unwrap_or("")));
                } else {
                    write_node(c, out);
                }
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

/// Text inside an element: only `&`, `<` and `>` need entities.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = "<CATALOG><CD id=\"1\"><TITLE>Blue</TITLE><YEAR>1985</YEAR></CD>\
                           <CD id=\"2\"><TITLE>Red &amp; Gold</TITLE><YEAR>1990</YEAR></CD></CATALOG>";

    fn run(path: &str) -> String {
        evaluate(CATALOG, path).unwrap_or_else(|e| e.message)
    }

    #[test]
    fn paths_attributes_text_and_predicates() {
        assert_eq!(
            run("/CATALOG/CD/TITLE"),
            "<TITLE>Blue</TITLE><TITLE>Red &amp; Gold</TITLE>"
        );
        assert_eq!(run("//TITLE/text()"), "BlueRed & Gold");
        assert_eq!(run("/CATALOG/CD[2]/YEAR/text()"), "1990");
        assert_eq!(run("/CATALOG/CD[last()]/@id"), "<id>2</id>");
        assert_eq!(run("/CATALOG/CD[@id='1']/TITLE/text()"), "Blue");
        assert_eq!(run("/CATALOG/CD[YEAR='1990']/@id"), "<id>2</id>");
        assert_eq!(run("/CATALOG/NOPE"), "");
        assert!(run("/CATALOG/count(CD)").contains("cannot read"));
    }
}
