//! Calling user-defined functions: a fresh frame for parameters and `input`, and the depth limit.

use std::rc::Rc;

use super::compile::Operand;
use super::{Eval, Flow, Interpreter, MAX_CALL_DEPTH};
use crate::error::RuntimeError;
use crate::source::Span;
use crate::value::{DgMap, Value};

/// A function's variables; `None` until assigned.
pub(crate) type Frame = Vec<Option<Value>>;

impl Interpreter<'_> {
    /// Runs function `index`: evaluates `args` (as many as it has parameters, checked by the
    /// resolver) in the caller's frame straight into the new one, then runs the body there.
    /// Frames are recycled between calls.
    pub(crate) fn call_user(&mut self, index: usize, args: &[Operand], span: Span) -> Eval<Value> {
        let function = Rc::clone(&self.functions[index]);
        let frame = self.frame_with_args(&function.params, function.frame_size, args)?;
        if self.call_depth >= MAX_CALL_DEPTH {
            self.recycle(frame);
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
        let mut frame = frame;
        if let Some(slot) = function.input_slot {
            let mut input = DgMap::with_capacity(function.params.len());
            for (param, name) in &function.params {
                if let Some(value) = &frame[*param] {
                    input.insert(name.clone(), value.clone());
                }
            }
            frame[slot] = Some(Value::new_map(input));
        }
        let caller = std::mem::replace(&mut self.slots, frame);
        self.call_depth += 1;
        let result = self.run_block(&function.body);
        self.call_depth -= 1;
        let finished = std::mem::replace(&mut self.slots, caller);
        self.recycle(finished);
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

    /// A frame of `size` slots with each argument's value, evaluated in the current frame, in its
    /// parameter's slot.
    fn frame_with_args(
        &mut self,
        params: &[(usize, Rc<str>)],
        size: usize,
        args: &[Operand],
    ) -> Eval<Frame> {
        let mut frame = self.frames.pop().unwrap_or_default();
        frame.resize(size, None);
        for ((slot, _), arg) in params.iter().zip(args) {
            match arg.value(self) {
                Ok(value) => frame[*slot] = Some(value),
                Err(e) => {
                    self.recycle(frame);
                    return Err(e);
                }
            }
        }
        Ok(frame)
    }

    /// Empties a finished frame and keeps it for the next call.
    fn recycle(&mut self, mut frame: Frame) {
        frame.clear();
        self.frames.push(frame);
    }
}
