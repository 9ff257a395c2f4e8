//! The token stream LALRPOP reads: `(start, Tok, end)` triples, with the `;` the parser supplies
//! (left out after a bracket task, or after a statement a missing `;` was reported for).

use super::{LexError, LexErrorKind, Tok, MAX_NESTING};
use crate::source::Span;
use logos::Logos;

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
