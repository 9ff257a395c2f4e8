//! Calling user-defined functions: a fresh frame for parameters and `input`, and the depth limit.

use std::rc::Rc;

use super::{Eval, Flow, Interpreter, MAX_CALL_DEPTH};
use crate::error::RuntimeError;
use crate::source::Span;
use crate::value::{DgMap, Value};

impl Interpreter<'_> {
    /// Runs function `index` with the arguments on the stack from `base` (their count was checked
    /// by the resolver); the arguments are taken off the stack. Frames are recycled between calls.
    pub(crate) fn call_user(&mut self, index: usize, base: usize, span: Span) -> Eval<Value> {
        let function = Rc::clone(&self.functions[index]);
        if self.call_depth >= MAX_CALL_DEPTH {
            self.stack.truncate(base);
            return Err(RuntimeError::new(
                format!("too many nested function calls (the limit is {MAX_CALL_DEPTH})"),
                span,
                format!(
                    "call to `{}` at depth {}",
                    function.name,
                    self.call_depth + 1
                ),
            )
            .with_help("a function probably calls itself without end; check its stopping condition")
            .fatal());
        }
        let mut frame = self.frames.pop().unwrap_or_default();
        frame.resize(function.frame_size, None);
        if let Some(slot) = function.input_slot {
            let mut input = DgMap::with_capacity(function.params.len());
            for ((_, name), value) in function.params.iter().zip(&self.stack[base..]) {
                input.insert(name.clone(), value.clone());
            }
            frame[slot] = Some(Value::new_map(input));
        }
        for ((slot, _), value) in function.params.iter().zip(self.stack.drain(base..)) {
            frame[*slot] = Some(value);
        }
        let caller = std::mem::replace(&mut self.slots, frame);
        self.call_depth += 1;
        let result = self.run_block(&function.body);
        self.call_depth -= 1;
        let mut finished = std::mem::replace(&mut self.slots, caller);
        finished.clear();
        self.frames.push(finished);
        match result {
            Ok(Flow::Return) => Ok(std::mem::take(&mut self.returned)),
            Ok(_) => Ok(Value::Null),
            Err(mut e) => {
                if e.source.is_none() {
                    e.source = function.source.clone();
                }
                Err(e)
            }
        }
    }
}
