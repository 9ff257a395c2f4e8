//! Size limits that keep a script from exhausting memory: the longest text and the largest list
//! or map a run may build, with the errors that say so.

use crate::builtins::BuiltinError;

/// The longest text a script may build (32 MB: a 10 MB response and then some).
pub const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;
/// The most values one list or map may hold.
pub const MAX_COLLECTION_LEN: usize = 5_000_000;

/// `Ok` when a text of `len` bytes is allowed.
#[inline(always)]
pub fn check_text(len: usize) -> Result<(), BuiltinError> {
    if len > MAX_TEXT_BYTES {
        return Err(text_too_long());
    }
    Ok(())
}

/// `Ok` when a list or map of `len` values is allowed.
#[inline(always)]
pub fn check_collection(len: usize) -> Result<(), BuiltinError> {
    if len > MAX_COLLECTION_LEN {
        return Err(collection_too_large());
    }
    Ok(())
}

/// `Ok` when splitting `text` at `sep` (at every character when `sep` is empty) gives a list
/// within the limit; counted before any piece is made.
pub fn check_pieces(text: &str, sep: &str) -> Result<(), BuiltinError> {
    let pieces = if sep.is_empty() {
        text.chars().count()
    } else {
        text.matches(sep).count() + 1
    };
    check_collection(pieces)
}

/// The error for a text past the limit.
#[cold]
#[inline(never)]
pub fn text_too_long() -> BuiltinError {
    BuiltinError::new(format!(
        "the text would be longer than the limit of {} MB",
        MAX_TEXT_BYTES >> 20
    ))
    .with_help("a loop may be doubling a text; build smaller pieces or write them out as you go")
}

#[cold]
#[inline(never)]
fn collection_too_large() -> BuiltinError {
    BuiltinError::new(format!(
        "the list or map would hold more than the limit of {MAX_COLLECTION_LEN} values"
    ))
    .with_help("a loop may be doubling a collection; process the data in pages")
}
