//! `dg`: a Deluge-compatible scripting runtime. The library holds the language (lexer, parser,
//! resolver, interpreter, values, built-ins) and the command-line front end the binary calls.

pub mod alloc;
pub mod apis;
pub mod ast;
pub mod builtins;
pub mod cli;
pub mod connectors;
pub mod dates;
pub mod error;
pub mod host;
pub mod http;
pub mod interp;
pub mod invoke;
pub mod lexer;
pub mod limits;
pub mod oauth;
pub mod parser;
pub mod records;
pub mod repl;
pub mod resolve;
pub mod retry;
pub mod script;
pub mod server;
pub mod source;
pub mod store;
pub mod trace;
pub mod value;
pub mod workflow;

pub use parser::parse;

/// The unit tests run on the binary's allocator too.
#[cfg(test)]
#[global_allocator]
static TEST_ALLOCATOR: alloc::DgAlloc = alloc::DgAlloc;
