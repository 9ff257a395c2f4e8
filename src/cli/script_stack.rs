//! Runs a closure on a freshly mapped stack with a guard page below it, on the calling thread.
//!
//! `stacker::grow` does the same, but first asks glibc where the current stack ends, and for the
//! main thread glibc answers by reading and parsing `/proc/self/maps`: a fifth of an empty
//! script's instructions, for a limit `dg` never asks for. On Linux (x86_64, aarch64) this maps
//! the stack itself and switches to it with `psm` (which `stacker` uses underneath); elsewhere it
//! is `stacker::grow`.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// What running on the new stack gave: `work`'s value, or the payload of its panic.
pub(crate) type Outcome<T> = std::thread::Result<T>;

/// Runs `work` on a new stack of at least `bytes`, catching its panic. Fails only when the
/// stack cannot be mapped (the error says why); the stack is unmapped again before this returns.
#[cfg(fast_stack)]
pub(crate) fn run_on_new_stack<T>(
    bytes: usize,
    work: impl FnOnce() -> T,
) -> std::io::Result<Outcome<T>> {
    Ok(Mapping::new(bytes)?.run(work))
}

/// Runs `work` on a new stack of at least `bytes`, catching its panic (`stacker` panics, rather
/// than fails, when it cannot map the stack).
#[cfg(not(fast_stack))]
pub(crate) fn run_on_new_stack<T>(
    bytes: usize,
    work: impl FnOnce() -> T,
) -> std::io::Result<Outcome<T>> {
    Ok(stacker::grow(bytes, move || {
        catch_unwind(AssertUnwindSafe(work))
    }))
}

/// An anonymous private mapping: one inaccessible guard page, then the readable, writable stack
/// above it (stacks grow down, so running off the end faults on the guard page).
#[cfg(fast_stack)]
struct Mapping {
    start: *mut libc::c_void,
    len: usize,
    usable: *mut u8,
    usable_len: usize,
}

#[cfg(fast_stack)]
impl Mapping {
    /// Runs `work` on this stack, catching its panic.
    fn run<T>(&self, work: impl FnOnce() -> T) -> Outcome<T> {
        // SAFETY: `usable` is page-aligned (so aligned for any target) and `usable_len` a multiple
        // of the page size below isize::MAX; the callback cannot unwind because `catch_unwind`
        // stops every panic inside it; `self` (the mapping) outlives the call.
        unsafe {
            psm::on_stack(self.usable, self.usable_len, move || {
                catch_unwind(AssertUnwindSafe(work))
            })
        }
    }

    fn new(bytes: usize) -> std::io::Result<Mapping> {
        // SAFETY: sysconf only reads a configuration value.
        let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) })
            .ok()
            .filter(|size| *size > 0)
            .unwrap_or(4096);
        let too_large = || std::io::Error::from(std::io::ErrorKind::OutOfMemory);
        let usable_len = bytes
            .checked_next_multiple_of(page)
            .filter(|len| *len <= isize::MAX.unsigned_abs() / 2)
            .ok_or_else(too_large)?
            .max(page);
        let len = usable_len + page;
        // SAFETY: a new anonymous mapping at an address of the kernel's choosing touches no
        // existing memory; the result is checked against MAP_FAILED.
        let start = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK,
                -1,
                0,
            )
        };
        if start == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        let mapping = Mapping {
            start,
            len,
            // SAFETY: `page` is within the `len` bytes just mapped.
            usable: unsafe { start.cast::<u8>().add(page) },
            usable_len,
        };
        // SAFETY: the first page lies inside the mapping, which nothing else uses yet.
        if unsafe { libc::mprotect(start, page, libc::PROT_NONE) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(mapping)
    }
}

#[cfg(fast_stack)]
impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: the mapping was made by `Mapping::new` with this start and length, and no
        // stack frame lives on it any more (`psm::on_stack` has returned).
        unsafe { libc::munmap(self.start, self.len) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Recursion `depth` deep with a kilobyte of locals a level; returns the sum it carried.
    fn recurse(depth: usize) -> usize {
        let block = std::hint::black_box([depth as u8; 1024]);
        if depth == 0 {
            return usize::from(block[0]);
        }
        // The block is read after the call, so every level keeps its frame.
        let below = recurse(depth - 1);
        below + usize::from(std::hint::black_box(&block)[1023])
    }

    #[test]
    fn work_runs_on_a_stack_of_the_size_asked_for() {
        // At least 16 MiB of frames (a few times that unoptimized): far beyond a test thread's
        // 2 MiB stack, well within the 128 MiB asked for.
        let depth = 16 * 1024;
        let outcome = run_on_new_stack(128 * 1024 * 1024, || recurse(depth));
        let sum = outcome.ok().and_then(Result::ok);
        assert_eq!(sum, Some((1..=depth).map(|d| d % 256).sum()));
    }

    #[test]
    fn a_panic_on_the_new_stack_comes_back_as_its_payload() {
        let outcome = run_on_new_stack(1024 * 1024, || -> u8 { panic!("deliberate") });
        let payload = outcome.ok().and_then(Result::err);
        let message = payload.and_then(|p| p.downcast_ref::<&str>().map(|s| s.to_string()));
        assert_eq!(message.as_deref(), Some("deliberate"));
    }

    #[cfg(fast_stack)]
    #[test]
    fn an_impossible_size_is_an_error_not_a_crash() {
        // Beyond any address space: mmap refuses it.
        assert!(run_on_new_stack(1 << 60, || 1).is_err());
        // Beyond what the size arithmetic allows: refused before mmap.
        assert!(run_on_new_stack(usize::MAX - 10, || 1).is_err());
    }

    #[cfg(fast_stack)]
    #[test]
    fn work_runs_on_the_mapping_above_its_guard_page() {
        let stack = Mapping::new(1024 * 1024);
        assert!(stack.is_ok());
        let Ok(stack) = stack else { return };
        let (start, usable, end) = (
            stack.start as usize,
            stack.usable as usize,
            stack.usable as usize + stack.usable_len,
        );
        let sp = stack.run(|| psm::stack_pointer() as usize).ok();
        assert!(
            sp.is_some_and(|sp| (usable..end).contains(&sp)),
            "{sp:x?} not in {usable:x}-{end:x}"
        );
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
        let guard = format!("{start:x}-{usable:x} ---p");
        assert!(
            maps.lines().any(|l| l.starts_with(&guard)),
            "no guard page {guard}"
        );
    }
}
