//! The Deluge lexer: a `logos` token enum plus the wrapper that feeds LALRPOP `(start, Tok, end)` triples.
//!
//! Lexical errors never stop the token stream: the wrapper yields `Tok::Error` in their place (so the
//! parser can recover past them) and records the real error in `Lexer::errors`.

use std::fmt;
use std::rc::Rc;

use logos::Logos;
use rust_decimal::Decimal;

use crate::source::Span;

/// Deepest nesting of `(`, `[` and `{` accepted; deeper input is rejected instead of risking the stack.
pub const MAX_NESTING: usize = 100;

/// Why a piece of input is not a token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LexErrorKind {
    #[default]
    UnexpectedChar,
    UnterminatedText,
    UnterminatedComment,
    IntegerTooLarge,
    DecimalTooLarge,
    TooDeep,
    /// Grammar-rule errors share this type so LALRPOP can carry them; see `parser::actions`.
    ExpressionTooDeep,
    ExpectedIndex,
    ExpectedNot,
    UnknownStatement,
    ExpectedUiCall,
}

impl fmt::Display for LexErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LexErrorKind::UnexpectedChar => "unexpected character",
            LexErrorKind::UnterminatedText => "unterminated text literal",
            LexErrorKind::UnterminatedComment => "unterminated block comment",
            LexErrorKind::IntegerTooLarge => "integer literal does not fit in 64 bits",
            LexErrorKind::DecimalTooLarge => "decimal literal has too many digits",
            LexErrorKind::TooDeep => "brackets nested too deeply",
            LexErrorKind::ExpressionTooDeep => "expression too long or nested too deeply",
            LexErrorKind::ExpectedIndex => "expected `index` or `in` after `for each`",
            LexErrorKind::ExpectedNot => "expected `is null` or `is not null`",
            LexErrorKind::UnknownStatement => "not a statement",
            LexErrorKind::ExpectedUiCall => "expected `:ui.add(…)` or `:ui.append(…)`",
        })
    }
}

/// A lexical error (or a grammar rule's own error) with the span of the offending input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub kind: LexErrorKind,
    pub span: Span,
}

/// One token. Keywords are read in any letter case (`If`, `Info`, `invokeUrl`), as Zoho's editor takes
/// them, and every Unicode space (the no-break spaces of code pasted from web pages) is white space.
#[derive(Logos, Debug, Clone, PartialEq)]
#[logos(error = LexErrorKind)]
pub enum Tok<'s> {
    #[token("/*", block_comment)]
    BlockComment,
    /// `// …` to the end of the line, skipped by a loop (a long comment of multi-byte characters
    /// would otherwise take one stack frame of the generated lexer per character).
    #[token("//", line_comment)]
    LineComment,
    /// White space, skipped the same way.
    #[regex(r"[\p{White_Space}\u{feff}\u{200b}]", white_space)]
    Space,

    #[token("if", ignore(case))]
    If,
    #[token("else", ignore(case))]
    Else,
    #[token("for", ignore(case))]
    For,
    #[token("each", ignore(case))]
    Each,
    #[token("in", ignore(case))]
    In,
    #[token("break", ignore(case))]
    Break,
    #[token("continue", ignore(case))]
    Continue,
    #[token("return", ignore(case))]
    Return,
    #[token("info", ignore(case))]
    Info,
    #[token("try", ignore(case))]
    Try,
    #[token("catch", ignore(case))]
    Catch,
    #[token("true", ignore(case))]
    True,
    #[token("false", ignore(case))]
    False,
    #[token("null", ignore(case))]
    Null,
    #[token("is", ignore(case))]
    Is,
    #[token("alert", ignore(case))]
    Alert,
    #[token("cancel", ignore(case))]
    Cancel,
    #[token("invokeurl", ignore(case))]
    InvokeUrl,
    #[token("sendmail", ignore(case))]
    SendMail,
    #[token("sendsms", ignore(case))]
    SendSms,
    /// Creator's `insert into`, one token so that a form name can follow without ambiguity.
    #[regex(r"(?i:insert)[\p{White_Space}]+(?i:into)")]
    InsertInto,
    /// Creator's `success message`, one token for the same reason.
    #[regex(r"(?i:success)[\p{White_Space}]+(?i:message)")]
    SuccessMessage,
    /// A typed constructor's head with its `(`: `List:String(` or `Map : Text(` (the element type
    /// is not enforced). The `(` belongs to the token so that `{list:text}` stays a map literal.
    #[regex(r"(?i:list|map|collection)[\p{White_Space}]*:[\p{White_Space}]*(?i:string|text|int|integer|long|bigint|decimal|float|double|number|date|datetime|time|bool|boolean|map|list|file|collection)[\p{White_Space}]*\(", |lex| typed_head(lex.slice()))]
    Typed(&'s str),

    #[regex(r"[A-Za-z_][A-Za-z0-9_]*")]
    Ident(&'s str),
    #[regex(r"[0-9]+", |lex| lex.slice().parse::<i64>().map_err(|_| LexErrorKind::IntegerTooLarge))]
    Int(i64),
    /// `3.14`, and `.5` as pasted scripts write it.
    #[regex(r"[0-9]*\.[0-9]+", |lex| decimal_literal(lex.slice()))]
    Decimal(Decimal),
    #[token("\"", |lex| text_literal(lex, '"'))]
    Text(Rc<str>),
    /// Single-quoted: a date literal such as `'15-Mar-2019'`, otherwise ordinary text.
    #[token("'", |lex| text_literal(lex, '\''))]
    Quoted(Rc<str>),

    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token("=")]
    Assign,
    #[token("+=")]
    PlusAssign,
    #[token("-=")]
    MinusAssign,
    #[token("*=")]
    StarAssign,
    #[token("/=")]
    SlashAssign,
    #[token("%=")]
    PercentAssign,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    #[token("<=")]
    Le,
    #[token(">=")]
    Ge,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("%")]
    Percent,
    #[token("!")]
    Bang,
    #[token("&&")]
    AndAnd,
    #[token("||")]
    OrOr,

    /// Stands in for input that is not a token; the real error is in `Lexer::errors`.
    Error,
}

/// The constructor of a typed head: `List` of `List : String`.
fn typed_head(slice: &str) -> &str {
    let end = slice
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(slice.len());
    &slice[..end]
}

/// A decimal literal; a leading `.` stands for `0.`.
fn decimal_literal(slice: &str) -> Result<Decimal, LexErrorKind> {
    let parsed = if slice.starts_with('.') {
        Decimal::from_str_exact(&format!("0{slice}"))
    } else {
        Decimal::from_str_exact(slice)
    };
    parsed.map_err(|_| LexErrorKind::DecimalTooLarge)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// Skips the rest of a run of white space.
fn white_space<'s>(lex: &mut logos::Lexer<'s, Tok<'s>>) -> logos::FilterResult<(), LexErrorKind> {
    let rest = lex.remainder();
    let len = rest.find(|c: char| !is_space(c)).unwrap_or(rest.len());
    lex.bump(len);
    logos::FilterResult::Skip
}

/// Skips a `//` comment up to (not including) its line break.
fn line_comment<'s>(lex: &mut logos::Lexer<'s, Tok<'s>>) -> logos::FilterResult<(), LexErrorKind> {
    let rest = lex.remainder();
    lex.bump(rest.find('\n').unwrap_or(rest.len()));
    logos::FilterResult::Skip
}

/// Skips a `/* … */` comment, or fails when it never ends.
fn block_comment<'s>(lex: &mut logos::Lexer<'s, Tok<'s>>) -> logos::FilterResult<(), LexErrorKind> {
    match lex.remainder().find("*/") {
        Some(end) => {
            lex.bump(end + 2);
            logos::FilterResult::Skip
        }
        None => {
            lex.bump(lex.remainder().len());
            logos::FilterResult::Error(LexErrorKind::UnterminatedComment)
        }
    }
}

/// Reads a text literal after its opening quote, decoding escapes. Unknown escapes stay as written
/// (`"\d"` is the two characters `\d`), which is what regex-heavy Deluge code expects.
fn text_literal<'s>(
    lex: &mut logos::Lexer<'s, Tok<'s>>,
    quote: char,
) -> Result<Rc<str>, LexErrorKind> {
    let rest = lex.remainder();
    let mut out = String::new();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == quote {
            lex.bump(i + c.len_utf8());
            return Ok(Rc::from(out));
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some((_, 'n')) => out.push('\n'),
            Some((_, 't')) => out.push('\t'),
            Some((_, 'r')) => out.push('\r'),
            Some((_, 'b')) => out.push('\u{8}'),
            Some((_, 'f')) => out.push('\u{c}'),
            Some((_, 'u')) => push_unicode_escape(&mut out, &mut chars),
            Some((_, e @ ('"' | '\'' | '\\' | '/'))) => out.push(e),
            Some((_, other)) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    lex.bump(rest.len());
    Err(LexErrorKind::UnterminatedText)
}

/// Decodes the `XXXX` of a `\uXXXX` escape; anything else is kept literally as `\u…`.
fn push_unicode_escape(out: &mut String, chars: &mut std::str::CharIndices<'_>) {
    let lookahead: String = chars.clone().take(4).map(|(_, c)| c).collect();
    let decoded = (lookahead.len() == 4)
        .then(|| u32::from_str_radix(&lookahead, 16).ok())
        .flatten()
        .and_then(char::from_u32);
    match decoded {
        Some(c) => {
            out.push(c);
            for _ in 0..4 {
                chars.next();
            }
        }
        None => out.push_str("\\u"),
    }
}

impl fmt::Display for Tok<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(name) => write!(f, "identifier `{name}`"),
            Tok::Typed(name) => write!(f, "typed constructor `{name}:…(`"),
            Tok::Int(n) => write!(f, "number `{n}`"),
            Tok::Decimal(d) => write!(f, "decimal `{d}`"),
            Tok::Text(_) | Tok::Quoted(_) => f.write_str("text literal"),
            Tok::Error => f.write_str("invalid input"),
            Tok::BlockComment | Tok::LineComment => f.write_str("comment"),
            Tok::Space => f.write_str("white space"),
            other => write!(f, "`{}`", other.symbol()),
        }
    }
}

impl Tok<'_> {
    /// The literal spelling of a keyword or punctuation token.
    pub fn symbol(&self) -> &'static str {
        match self {
            Tok::If => "if",
            Tok::Else => "else",
            Tok::For => "for",
            Tok::Each => "each",
            Tok::In => "in",
            Tok::Break => "break",
            Tok::Continue => "continue",
            Tok::Return => "return",
            Tok::Info => "info",
            Tok::Try => "try",
            Tok::Catch => "catch",
            Tok::True => "true",
            Tok::False => "false",
            Tok::Null => "null",
            Tok::Is => "is",
            Tok::Alert => "alert",
            Tok::Cancel => "cancel",
            Tok::InvokeUrl => "invokeurl",
            Tok::SendMail => "sendmail",
            Tok::SendSms => "sendsms",
            Tok::InsertInto => "insert into",
            Tok::SuccessMessage => "success message",
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::LBrace => "{",
            Tok::RBrace => "}",
            Tok::LBracket => "[",
            Tok::RBracket => "]",
            Tok::Comma => ",",
            Tok::Semi => ";",
            Tok::Colon => ":",
            Tok::Dot => ".",
            Tok::Assign => "=",
            Tok::PlusAssign => "+=",
            Tok::MinusAssign => "-=",
            Tok::StarAssign => "*=",
            Tok::SlashAssign => "/=",
            Tok::PercentAssign => "%=",
            Tok::EqEq => "==",
            Tok::NotEq => "!=",
            Tok::Lt => "<",
            Tok::Gt => ">",
            Tok::Le => "<=",
            Tok::Ge => ">=",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Slash => "/",
            Tok::Percent => "%",
            Tok::Bang => "!",
            Tok::AndAnd => "&&",
            Tok::OrOr => "||",
            Tok::Ident(_)
            | Tok::Typed(_)
            | Tok::Int(_)
            | Tok::Decimal(_)
            | Tok::Text(_)
            | Tok::Quoted(_) => "",
            Tok::Error | Tok::BlockComment | Tok::LineComment | Tok::Space => "",
        }
    }
}

mod stream;
#[cfg(test)]
mod tests;

pub use stream::{tokens, Lexer};
