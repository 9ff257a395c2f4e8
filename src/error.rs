//! Runtime errors raised while a script runs, and their rendering as miette diagnostics.

use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, NamedSource, SourceSpan};
use thiserror::Error;

use crate::source::{SourceFile, Span};

/// A runtime failure at a place in the script. `fatal` errors (limits) cannot be caught by `try`.
#[derive(Debug, Clone)]
pub struct RuntimeError {
    pub message: String,
    pub span: Span,
    pub label: String,
    pub help: Option<String>,
    pub fatal: bool,
    /// The library file the span points into (`None`: the script being run).
    pub source: Option<SourceFile>,
}

impl RuntimeError {
    pub fn new(
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Box<RuntimeError> {
        Box::new(RuntimeError {
            message: message.into(),
            span,
            label: label.into(),
            help: None,
            fatal: false,
            source: None,
        })
    }

    pub fn with_help(mut self: Box<Self>, help: impl Into<String>) -> Box<RuntimeError> {
        self.help = Some(help.into());
        self
    }

    pub fn with_optional_help(mut self: Box<Self>, help: Option<String>) -> Box<RuntimeError> {
        self.help = help;
        self
    }

    pub fn fatal(mut self: Box<Self>) -> Box<RuntimeError> {
        self.fatal = true;
        self
    }

    /// Attaches the script text so the error can be shown with its snippet (the library's text when
    /// it happened in a library function).
    pub fn in_source(&self, source: &SourceFile) -> ScriptError {
        ScriptError {
            message: self.message.clone(),
            src: self.source.as_ref().unwrap_or(source).named(),
            span: self.span.into(),
            label: self.label.clone(),
            help: self.help.clone(),
        }
    }
}

/// A runtime error ready to render: message, labelled snippet and hint.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(dg::runtime))]
pub struct ScriptError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<Arc<str>>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

/// Renders any diagnostic as text. Golden tests use `colour: false` and width 80 so output is stable.
pub fn render(diagnostic: &dyn Diagnostic, colour: bool, width: usize) -> String {
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .without_syntax_highlighting()
        .with_width(width);
    let mut out = String::new();
    if handler.render_report(&mut out, diagnostic).is_err() {
        out = format!("error: {diagnostic}\n");
    }
    out
}
