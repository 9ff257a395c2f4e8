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

/// The token stream LALRPOP reads. It also remembers where each token ended, so a missing `;` can be
/// reported right after the statement that lacks it.
pub struct Lexer<'s> {
    inner: logos::Lexer<'s, Tok<'s>>,
    /// Offsets (ascending) where a `;` the author left out is supplied, so parsing can go on.
    insert_semicolons: Vec<usize>,
    /// Tokens read ahead while a supplied `;` or a split token was yielded first (next on top).
    pending: Vec<(usize, Tok<'s>, usize)>,
    /// Where the `]` of a bracket task just yielded ends: a `;` left out after it is supplied.
    task_end: Option<usize>,
    /// Whether the last token yielded ends a statement or opens or closes a block.
    at_statement_start: bool,
    depth: usize,
    halted: bool,
    pub errors: Vec<LexError>,
    /// `(start, end)` of every token yielded so far, in order.
    pub token_spans: Vec<(usize, usize)>,
    /// For each open `[`, whether it opened a bracket task.
    brackets: Vec<bool>,
    /// What the last two tokens were, as far as telling a task's `[` apart needs.
    recent: [Recent; 2],
}

/// The little a lexer remembers of a token to recognise the `[` of a bracket task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Recent {
    TaskWord,
    Into,
    Word,
    Other,
}

impl Recent {
    fn of(tok: &Tok<'_>) -> Recent {
        match tok {
            Tok::InvokeUrl | Tok::SendMail | Tok::SendSms => Recent::TaskWord,
            Tok::InsertInto => Recent::Into,
            Tok::Ident(_) => Recent::Word,
            _ => Recent::Other,
        }
    }
}

impl<'s> Lexer<'s> {
    pub fn new(text: &'s str) -> Lexer<'s> {
        Lexer::with_semicolons_at(text, Vec::new())
    }

    /// A lexer that also yields a `;` at each of `offsets` (ascending), before the token there.
    pub fn with_semicolons_at(text: &'s str, mut offsets: Vec<usize>) -> Lexer<'s> {
        offsets.sort_unstable();
        offsets.reverse();
        Lexer {
            inner: Tok::lexer(text),
            insert_semicolons: offsets,
            pending: Vec::new(),
            depth: 0,
            halted: false,
            errors: Vec::new(),
            token_spans: Vec::new(),
            task_end: None,
            at_statement_start: true,
            brackets: Vec::new(),
            recent: [Recent::Other; 2],
        }
    }
}

impl<'s> Iterator for Lexer<'s> {
    type Item = Result<(usize, Tok<'s>, usize), LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        let token = self.next_token();
        self.at_statement_start =
            matches!(token, Some((_, Tok::Semi | Tok::LBrace | Tok::RBrace, _)));
        token.map(Ok)
    }
}

/// Whether a token can only begin a new statement (or end a block, or the file), so that a `;`
/// left out before it after a bracket task is meant.
fn starts_statement(token: &Option<(usize, Tok<'_>, usize)>) -> bool {
    match token {
        None => true,
        Some((_, tok, _)) => matches!(
            tok,
            Tok::Ident(_)
                | Tok::Typed(_)
                | Tok::If
                | Tok::For
                | Tok::Break
                | Tok::Continue
                | Tok::Return
                | Tok::Info
                | Tok::Try
                | Tok::Alert
                | Tok::Cancel
                | Tok::InvokeUrl
                | Tok::SendMail
                | Tok::SendSms
                | Tok::InsertInto
                | Tok::SuccessMessage
                | Tok::RBrace
        ),
    }
}

impl<'s> Lexer<'s> {
    fn next_token(&mut self) -> Option<(usize, Tok<'s>, usize)> {
        if let Some(token) = self.pending.pop() {
            return Some(token);
        }
        let after_task = self.task_end.take();
        if after_task.is_some() {
            // What follows a bracket task starts a statement (a `;` is supplied before it).
            self.at_statement_start = true;
        }
        let token = self.next_real();
        if let Some(end) = after_task {
            if starts_statement(&token) {
                self.pending.extend(token);
                return Some((end, Tok::Semi, end));
            }
        }
        let start = token.as_ref().map_or(usize::MAX, |t| t.0);
        match self.insert_semicolons.last() {
            Some(&at) if at <= start => {
                self.insert_semicolons.pop();
                self.pending.extend(token);
                Some((at, Tok::Semi, at))
            }
            _ => token,
        }
    }

    fn next_real(&mut self) -> Option<(usize, Tok<'s>, usize)> {
        let token = self.next_lexed()?;
        // `success message` is one statement word only where a statement starts; elsewhere it
        // is two names (`subject: success message: …`).
        if let (start, Tok::SuccessMessage, end) = token {
            if !self.at_statement_start {
                let text = &self.inner.source()[start..end];
                let first = text.find(char::is_whitespace).unwrap_or(text.len());
                let split = text.rfind(char::is_whitespace).map_or(text.len(), |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
                self.pending
                    .push((start + split, Tok::Ident(&text[split..]), end));
                return Some((start, Tok::Ident(&text[..first]), start + first));
            }
        }
        Some(token)
    }

    fn next_lexed(&mut self) -> Option<(usize, Tok<'s>, usize)> {
        if self.halted {
            return None;
        }
        let result = self.inner.next()?;
        let range = self.inner.span();
        let tok = match result {
            Ok(Tok::LParen | Tok::LBrace | Tok::LBracket | Tok::Typed(_))
                if self.depth >= MAX_NESTING =>
            {
                self.errors.push(LexError {
                    kind: LexErrorKind::TooDeep,
                    span: Span::new(range.start, range.end),
                });
                self.halted = true;
                Tok::Error
            }
            Ok(tok) => {
                match tok {
                    Tok::LParen | Tok::LBrace | Tok::LBracket | Tok::Typed(_) => self.depth += 1,
                    Tok::RParen | Tok::RBrace | Tok::RBracket => {
                        self.depth = self.depth.saturating_sub(1)
                    }
                    _ => {}
                }
                tok
            }
            Err(kind) => {
                self.errors.push(LexError {
                    kind,
                    span: Span::new(range.start, range.end),
                });
                Tok::Error
            }
        };
        self.note_task_brackets(&tok, range.end);
        self.token_spans.push((range.start, range.end));
        Some((range.start, tok, range.end))
    }

    fn note_task_brackets(&mut self, tok: &Tok<'s>, end: usize) {
        match tok {
            Tok::LBracket => {
                let task = self.recent[1] == Recent::TaskWord
                    || (self.recent[0] == Recent::Into && self.recent[1] == Recent::Word);
                self.brackets.push(task);
            }
            Tok::RBracket if self.brackets.pop() == Some(true) => self.task_end = Some(end),
            _ => {}
        }
        self.recent = [self.recent[1], Recent::of(tok)];
    }
}

/// Splits `text` into tokens, for tests and tools (errors appear as `Tok::Error`).
pub fn tokens(text: &str) -> (Vec<Tok<'_>>, Vec<LexError>) {
    let mut lexer = Lexer::new(text);
    let toks = lexer
        .by_ref()
        .filter_map(Result::ok)
        .map(|(_, t, _)| t)
        .collect();
    (toks, lexer.errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn keywords_are_read_in_any_case() {
        let (toks, _) = tokens("if If info INFO invokeUrl True iffy Info_x");
        assert_eq!(
            toks,
            vec![
                Tok::If,
                Tok::If,
                Tok::Info,
                Tok::Info,
                Tok::InvokeUrl,
                Tok::True,
                Tok::Ident("iffy"),
                Tok::Ident("Info_x")
            ]
        );
    }

    #[test]
    fn unicode_spaces_separate_tokens() {
        let (toks, errs) = tokens("a\u{a0}=\u{2003}b\u{3000}\u{feff};");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(
            toks,
            vec![Tok::Ident("a"), Tok::Assign, Tok::Ident("b"), Tok::Semi]
        );
    }

    #[test]
    fn leading_dot_decimals_and_typed_heads() {
        let (toks, errs) =
            tokens(".5 0.25 List:String( List\u{a0}: Int ( Map:Text( lists {list:text}");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(toks[0], Tok::Decimal(Decimal::from_str("0.5").unwrap()));
        assert_eq!(toks[1], Tok::Decimal(Decimal::from_str("0.25").unwrap()));
        assert_eq!(
            &toks[2..],
            &[
                Tok::Typed("List"),
                Tok::Typed("List"),
                Tok::Typed("Map"),
                Tok::Ident("lists"),
                Tok::LBrace,
                Tok::Ident("list"),
                Tok::Colon,
                Tok::Ident("text"),
                Tok::RBrace
            ]
        );
    }

    #[test]
    fn numbers_and_decimals() {
        let (toks, errs) = tokens("42 3.14 5.toString");
        assert!(errs.is_empty());
        assert_eq!(toks[0], Tok::Int(42));
        assert_eq!(toks[1], Tok::Decimal(Decimal::from_str("3.14").unwrap()));
        assert_eq!(&toks[2..], &[Tok::Int(5), Tok::Dot, Tok::Ident("toString")]);
    }

    #[test]
    fn text_escapes_are_decoded() {
        let (toks, _) = tokens(r#""a\"b\\c\nd\t\/ \u00e9 \d" 'it\'s'"#);
        assert_eq!(toks[0], Tok::Text(Rc::from("a\"b\\c\nd\t/ é \\d")));
        assert_eq!(toks[1], Tok::Quoted(Rc::from("it's")));
    }

    #[test]
    fn unicode_text_is_kept_as_is() {
        let (toks, _) = tokens("\"Zoë 日本\"");
        assert_eq!(toks[0], Tok::Text(Rc::from("Zoë 日本")));
    }

    #[test]
    fn comments_are_skipped() {
        let (toks, errs) = tokens("a // line\n /* block\n */ b");
        assert!(errs.is_empty());
        assert_eq!(toks, vec![Tok::Ident("a"), Tok::Ident("b")]);
    }

    #[test]
    fn operators_take_the_longest_match() {
        let (toks, _) = tokens("a<=b==c!=d&&e||!f+=1");
        let symbols: Vec<_> = toks.iter().map(|t| t.symbol()).collect();
        assert_eq!(
            symbols,
            vec!["", "<=", "", "==", "", "!=", "", "&&", "", "||", "!", "", "+=", ""]
        );
    }

    #[test]
    fn errors_become_error_tokens_with_spans() {
        let (toks, errs) = tokens("a # b");
        assert_eq!(toks, vec![Tok::Ident("a"), Tok::Error, Tok::Ident("b")]);
        assert_eq!(errs[0].span, Span::new(2, 3));
        assert_eq!(errs[0].kind, LexErrorKind::UnexpectedChar);
    }

    #[test]
    fn unterminated_text_and_comment_are_reported() {
        let (_, errs) = tokens("x = \"abc");
        assert_eq!(errs[0].kind, LexErrorKind::UnterminatedText);
        let (_, errs) = tokens("x /* abc");
        assert_eq!(errs[0].kind, LexErrorKind::UnterminatedComment);
    }

    #[test]
    fn huge_integer_is_an_error() {
        let (_, errs) = tokens("99999999999999999999");
        assert_eq!(errs[0].kind, LexErrorKind::IntegerTooLarge);
    }

    #[test]
    fn a_semicolon_is_supplied_after_a_bracket_task_before_a_new_statement() {
        let text = "r = invokeUrl [ url: u[0] ]\nx = F[a]\ny = invokeurl [ url: u ]\n.toMap();\nsendmail [ to: t ]";
        let (toks, _) = tokens(text);
        let semis: Vec<usize> = toks
            .iter()
            .enumerate()
            .filter(|(_, t)| **t == Tok::Semi)
            .map(|(i, _)| i)
            .collect();
        // After the first task (before `x`), none after `F[a]` (not a task), none before
        // `.toMap()`, the written one, and one at the end of the file.
        assert_eq!(semis.len(), 3, "{toks:?}");
        assert_eq!(toks[semis[0] + 1], Tok::Ident("x"));
        assert_eq!(toks.last(), Some(&Tok::Semi));
    }

    #[test]
    fn success_message_is_one_word_only_where_a_statement_starts() {
        let (toks, _) = tokens("success message \"ok\"; m = success message;");
        assert_eq!(toks[0], Tok::SuccessMessage);
        assert_eq!(&toks[5..7], &[Tok::Ident("success"), Tok::Ident("message")]);
    }

    #[test]
    fn long_runs_of_multibyte_spaces_and_comments_lex_in_a_loop() {
        // Each of these once took a stack frame per character in the generated lexer.
        let text = format!(
            "a{}b //{}\nc",
            "\u{a0}\u{3000}\u{feff}".repeat(300_000),
            "é".repeat(300_000)
        );
        let (toks, errs) = tokens(&text);
        assert!(errs.is_empty());
        assert_eq!(
            toks,
            vec![Tok::Ident("a"), Tok::Ident("b"), Tok::Ident("c")]
        );
    }

    #[test]
    fn deep_nesting_halts_the_stream() {
        let text = "(".repeat(MAX_NESTING + 50);
        let (toks, errs) = tokens(&text);
        assert_eq!(toks.len(), MAX_NESTING + 1);
        assert_eq!(errs[0].kind, LexErrorKind::TooDeep);
    }
}
