//! The start-up arena: a process's first 64 KiB of small blocks, cut one after another from a static
//! buffer and never reused.
//!
//! mimalloc gives every size class a page of its own and readies a free list on it when the class
//! is first used. Start-up (the command line, reading and parsing a short script) uses some thirty
//! classes for 171 blocks and 47 KB in all, so that set-up and the page faults on thirty fresh pages
//! were a sixth of an empty script's run. Cut from one buffer instead, those blocks touch twelve
//! contiguous pages. Blocks freed there are simply left: the arena is small, and once it is full
//! (or a block does not fit) every block comes from mimalloc.

use std::alloc::Layout;
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes in an arena.
pub const ARENA_BYTES: usize = 64 * 1024;

/// The arena `DgAlloc` draws on first.
pub static STARTUP: Arena = Arena::new();

/// A page-aligned buffer handed out front to back, and how far it has been.
#[repr(C, align(4096))]
pub struct Arena {
    buffer: UnsafeCell<[u8; ARENA_BYTES]>,
    /// Offset of the first byte not yet handed out; `ARENA_BYTES` once the arena is closed.
    next: AtomicUsize,
}

// SAFETY: threads only reach disjoint ranges of the buffer, each handed out once by `next`.
unsafe impl Sync for Arena {}

impl Arena {
    /// An empty arena; as a `static` its buffer lies in zero-filled memory, so blocks start zeroed.
    pub const fn new() -> Arena {
        Arena {
            buffer: UnsafeCell::new([0; ARENA_BYTES]),
            next: AtomicUsize::new(0),
        }
    }

    #[inline]
    fn base(&self) -> usize {
        self.buffer.get() as usize
    }

    /// Whether the arena still hands out blocks: one load, for the allocator's hot path.
    #[inline(always)]
    pub fn is_open(&self) -> bool {
        self.next.load(Ordering::Relaxed) < ARENA_BYTES
    }

    /// A block for `layout`, or null once the arena is closed. The first block that does not fit
    /// closes it, so later blocks all come from the allocator behind it.
    #[cold]
    #[inline(never)]
    pub fn alloc(&self, layout: Layout) -> *mut u8 {
        let mut next = self.next.load(Ordering::Relaxed);
        while next < ARENA_BYTES {
            let start = (self.base() + next).next_multiple_of(layout.align()) - self.base();
            let fits = start
                .checked_add(layout.size())
                .filter(|&end| end <= ARENA_BYTES);
            match self.next.compare_exchange_weak(
                next,
                fits.unwrap_or(ARENA_BYTES),
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                // SAFETY: `start..start + size` lies inside the buffer and was handed out just now.
                Ok(_) if fits.is_some() => {
                    return unsafe { self.buffer.get().cast::<u8>().add(start) }
                }
                Ok(_) => break,
                Err(seen) => next = seen,
            }
        }
        std::ptr::null_mut()
    }

    /// Whether `ptr` is a block of this arena.
    #[inline(always)]
    pub fn owns(&self, ptr: *const u8) -> bool {
        (ptr as usize).wrapping_sub(self.base()) < ARENA_BYTES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_owned_until_one_does_not_fit() {
        static ARENA: Arena = Arena::new();
        let a = ARENA.alloc(layout(3, 1));
        let b = ARENA.alloc(layout(24, 16));
        assert!(!a.is_null() && !b.is_null());
        assert!(ARENA.owns(a) && ARENA.owns(b));
        assert_eq!(b as usize % 16, 0);
        assert!(b as usize >= a as usize + 3);
        // SAFETY: the block is 24 bytes long and fresh from the zero-filled buffer.
        assert!((0..24).all(|i| unsafe { *b.add(i) } == 0));
        assert!(!ARENA.owns(std::ptr::null()));
        let outside = Box::new(0u8);
        assert!(!ARENA.owns(&*outside));

        let rest = ARENA_BYTES - (b as usize + 24 - ARENA.base());
        assert!(
            ARENA.alloc(layout(rest + 1, 1)).is_null(),
            "one byte too many"
        );
        assert!(
            ARENA.alloc(layout(1, 1)).is_null(),
            "closed by the block that did not fit"
        );
    }

    #[test]
    fn a_block_that_fills_the_arena_exactly_is_served() {
        static ARENA: Arena = Arena::new();
        let p = ARENA.alloc(layout(ARENA_BYTES, 4096));
        assert!(!p.is_null() && ARENA.owns(p));
        assert!(ARENA.alloc(layout(1, 1)).is_null());
    }
}
