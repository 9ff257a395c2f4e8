//! Chains of `+` that build text (`"id=" + x + ";name=" + name + ";"`): once the running value is
//! text, every further `+` is concatenation, so the pieces go into one reused buffer and the result
//! is allocated once, instead of once per `+`.

use std::rc::Rc;

use super::compile::Operand;
use super::{dispatch, ops, Eval, Interpreter};
use crate::ast::BinaryOp;
use crate::limits;
use crate::source::Span;
use crate::value::Value;

/// Buffers larger than this are not kept for reuse.
const KEEP_BUFFER_BYTES: usize = 1024 * 1024;

/// `first + rest[0] + rest[1] …`, left to right, each `+` with its own span for errors. Until the
/// running value is text each `+` is the ordinary operator (numbers add, lists join); values are
/// computed in the same order, and errors are the same, as when each `+` builds its own result.
pub(super) fn add_chain(
    m: &mut Interpreter<'_>,
    first: &Operand,
    rest: &[(Operand, Span)],
) -> Eval<Value> {
    let mut acc = first.value(m)?;
    for (i, (operand, span)) in rest.iter().enumerate() {
        if let Value::Text(start) = &acc {
            return in_buffer(m, start, &rest[i..]);
        }
        acc = add(m, &acc, operand, *span)?;
    }
    Ok(acc)
}

/// One ordinary `+`: the running value and the next operand.
fn add(m: &mut Interpreter<'_>, acc: &Value, operand: &Operand, span: Span) -> Eval<Value> {
    let v = operand.value(m)?;
    dispatch::binary(BinaryOp::Add, acc, &v, span)
}

/// The text `start` followed by the display text of every operand in `rest`, in a pooled buffer.
fn in_buffer(m: &mut Interpreter<'_>, start: &str, rest: &[(Operand, Span)]) -> Eval<Value> {
    let mut buf = m.text_buffers.pop().unwrap_or_default();
    buf.clear();
    buf.reserve(start.len() + 64);
    buf.push_str(start);
    let result = concat_rest(m, &mut buf, rest);
    if buf.capacity() <= KEEP_BUFFER_BYTES {
        m.text_buffers.push(buf);
    }
    result
}

/// Appends the display text of each remaining operand to `buf`, which holds the text so far.
fn concat_rest(m: &mut Interpreter<'_>, buf: &mut String, rest: &[(Operand, Span)]) -> Eval<Value> {
    for (i, (operand, span)) in rest.iter().enumerate() {
        let v = operand.value(m)?;
        let before = buf.len();
        ops::push_display(buf, &v);
        if buf.len() > limits::MAX_TEXT_BYTES {
            // Past the limit: the ordinary operator reports it, exactly as it would have.
            buf.truncate(before);
            let so_far = Value::Text(Rc::from(buf.as_str()));
            let mut acc = dispatch::binary(BinaryOp::Add, &so_far, &v, *span)?;
            for (operand, span) in &rest[i + 1..] {
                acc = add(m, &acc, operand, *span)?;
            }
            return Ok(acc);
        }
    }
    Ok(Value::Text(Rc::from(buf.as_str())))
}
