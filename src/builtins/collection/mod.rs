//! Zoho's collection methods on both kinds of collection: an index-value collection is a List, a
//! key-value collection is a Map. Names the list and map tables already answer (get, size, insert,
//! sort of a list, …) are not repeated here; these tables come after them in the registry.

mod indexed;
mod keyed;

use super::BuiltinError;
use crate::value::Value;

pub use indexed::METHODS as LIST_METHODS;
pub use keyed::METHODS as MAP_METHODS;

/// The `[start[, end]]` of `duplicate`: both optional, 0-based, end excluded and at most `len`.
fn duplicate_bounds(args: &[Value], len: usize) -> Result<(usize, usize), BuiltinError> {
    if args.is_empty() {
        return Ok((0, len));
    }
    super::args::slice_bounds(args, len, "duplicate", "collection", "size")
}
