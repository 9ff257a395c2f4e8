//! The allocator `dg` runs on: the start-up arena for the first small blocks (`startup`), mimalloc
//! (called directly) for ordinary blocks, and a mapping of its own for each large block, so that a
//! growing list or text is moved with `mremap` instead of being copied.
//!
//! A list that grows to millions of values doubles its buffer about twenty times. Through an
//! ordinary allocator every doubling copies the whole buffer into fresh memory and touches every
//! page of it again (a 3,000,000-value list touched ~200 MB and took ~48,000 page faults). With a
//! mapping per large block, the kernel moves the existing pages instead: nothing is copied and only
//! the new tail is touched.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

mod startup;

use startup::STARTUP;

/// Blocks of this many bytes or more get a mapping of their own.
pub const LARGE_BLOCK: usize = 2 << 20;

/// The start-up arena, then mimalloc, with large blocks mapped directly (on Linux).
pub struct DgAlloc;

/// Whether mimalloc's plain entry points give this layout its alignment: every block is aligned to
/// a word, and blocks of 16 bytes or more to 16. The plain calls skip the aligned ones' checks.
#[inline]
fn plain(size: usize, align: usize) -> bool {
    align <= std::mem::size_of::<usize>() || (align <= 16 && size >= 16)
}

/// A pair of mimalloc's entry points: plain, and with an alignment.
struct Entry {
    plain: unsafe extern "C" fn(usize) -> *mut c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut c_void,
}

/// `mi_malloc` and `mi_malloc_aligned`.
const MALLOC: Entry = Entry {
    plain: mi::mi_malloc,
    aligned: mi::mi_malloc_aligned,
};

/// `mi_zalloc` and `mi_zalloc_aligned` (zeroed blocks).
const ZALLOC: Entry = Entry {
    plain: mi::mi_zalloc,
    aligned: mi::mi_zalloc_aligned,
};

/// A new mimalloc block through `entry`'s plain call when that gives the alignment, else its
/// aligned one.
///
/// # Safety
/// As `GlobalAlloc::alloc`: `layout` has a non-zero size.
#[inline]
unsafe fn from_mimalloc(layout: Layout, entry: &Entry) -> *mut u8 {
    // SAFETY: both calls take any size and alignment; the caller's layout is valid.
    unsafe {
        if plain(layout.size(), layout.align()) {
            (entry.plain)(layout.size()).cast()
        } else {
            (entry.aligned)(layout.size(), layout.align()).cast()
        }
    }
}

/// A block that is not large: from the start-up arena while it is open, else from mimalloc.
///
/// # Safety
/// As [`from_mimalloc`].
#[inline]
unsafe fn small_block(layout: Layout, entry: &Entry) -> *mut u8 {
    if STARTUP.is_open() {
        let p = STARTUP.alloc(layout);
        if !p.is_null() {
            return p;
        }
    }
    // SAFETY: as the caller promises.
    unsafe { from_mimalloc(layout, entry) }
}

/// Whether a block of this layout is a mapping of its own. Mappings are page-aligned, which covers
/// every alignment up to 4 KiB; a block asking for more stays with mimalloc.
#[inline]
fn is_large(size: usize, align: usize) -> bool {
    cfg!(target_os = "linux") && size >= LARGE_BLOCK && align <= 4096
}

// SAFETY: every block is served and released by one side only: its address tells the arena's,
// `is_large` on the layout tells a mapping from mimalloc's, and Rust passes a block's own layout (or
// its new size, for `realloc`) back with it.
unsafe impl GlobalAlloc for DgAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if is_large(layout.size(), layout.align()) {
            return map::map(layout.size());
        }
        // SAFETY: mimalloc's allocation calls take any size and alignment.
        unsafe { small_block(layout, &MALLOC) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if is_large(layout.size(), layout.align()) {
            // Fresh anonymous mappings read as zeros.
            return map::map(layout.size());
        }
        // SAFETY: as for `alloc`; the arena's bytes are zero until handed out, once each.
        unsafe { small_block(layout, &ZALLOC) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if STARTUP.owns(ptr) {
            return;
        }
        if is_large(layout.size(), layout.align()) {
            // SAFETY: a large layout means `ptr` is a mapping of that size made by `map`.
            return unsafe { map::unmap(ptr, layout.size()) };
        }
        // SAFETY: a small layout means mimalloc made the block.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if STARTUP.owns(ptr) {
            // SAFETY: as the caller promises for `realloc`.
            return unsafe { self.move_out_of_arena(ptr, layout, new_size) };
        }
        let was_large = is_large(layout.size(), layout.align());
        let now_large = is_large(new_size, layout.align());
        match (was_large, now_large) {
            // SAFETY: mimalloc made the block and keeps it, aligned as it was.
            (false, false) => unsafe {
                let p = ptr.cast::<c_void>();
                if plain(new_size, layout.align()) {
                    mi::mi_realloc(p, new_size).cast()
                } else {
                    mi::mi_realloc_aligned(p, new_size, layout.align()).cast()
                }
            },
            // SAFETY: `ptr` is a mapping of `layout.size()` bytes made by `map`.
            (true, true) => unsafe { map::remap(ptr, layout.size(), new_size) },
            _ => {
                // Crossing the threshold: a new block from the other side, and a copy.
                // SAFETY: the new layout is valid (same alignment, size checked by the caller).
                let new_layout =
                    unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
                // SAFETY: `new_layout` has a non-zero size (it is at least the old or the threshold).
                let new = unsafe { self.alloc(new_layout) };
                if !new.is_null() {
                    // SAFETY: both blocks hold at least the smaller size and do not overlap.
                    unsafe {
                        std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                }
                new
            }
        }
    }
}

impl DgAlloc {
    /// `realloc` for a block of the start-up arena: it keeps a block that shrinks, and copies one
    /// that grows into a new block (the old one stays in the arena, unused).
    ///
    /// # Safety
    /// As `GlobalAlloc::realloc`.
    #[cold]
    unsafe fn move_out_of_arena(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size <= layout.size() {
            return ptr;
        }
        // SAFETY: the caller promises the new size with this alignment is a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: `new_layout` has a non-zero size (larger than the old one).
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: the old block holds `layout.size()` bytes, the new one more; they are apart.
            unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size()) };
        }
        new
    }
}

#[cfg(target_os = "linux")]
mod map {
    /// A fresh private anonymous mapping of `size` bytes, or null.
    pub(super) fn map(size: usize) -> *mut u8 {
        // SAFETY: an anonymous private mapping at an address the kernel chooses touches no memory
        // of ours.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            std::ptr::null_mut()
        } else {
            p.cast()
        }
    }

    /// Releases a mapping made by `map` or `remap`.
    ///
    /// # Safety
    /// `ptr` must be such a mapping, of `size` bytes, no longer used.
    pub(super) unsafe fn unmap(ptr: *mut u8, size: usize) {
        // SAFETY: as the caller promises; the kernel rounds the length up to whole pages.
        unsafe { libc::munmap(ptr.cast(), size) };
    }

    /// Grows or shrinks a mapping, moving its pages if it must; null (and the old mapping kept)
    /// when the kernel refuses.
    ///
    /// # Safety
    /// `ptr` must be a mapping made by `map` or `remap`, of `size` bytes.
    pub(super) unsafe fn remap(ptr: *mut u8, size: usize, new_size: usize) -> *mut u8 {
        // SAFETY: as the caller promises; MREMAP_MAYMOVE lets the kernel pick a new address.
        let p = unsafe { libc::mremap(ptr.cast(), size, new_size, libc::MREMAP_MAYMOVE) };
        if p == libc::MAP_FAILED {
            std::ptr::null_mut()
        } else {
            p.cast()
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod map {
    // `is_large` is always false off Linux, so these are never called.
    pub(super) fn map(_size: usize) -> *mut u8 {
        std::ptr::null_mut()
    }
    pub(super) unsafe fn unmap(_ptr: *mut u8, _size: usize) {}
    pub(super) unsafe fn remap(_ptr: *mut u8, _size: usize, _new_size: usize) -> *mut u8 {
        std::ptr::null_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fills `len` bytes with a pattern that tells positions apart.
    fn fill(p: *mut u8, len: usize) {
        for i in 0..len {
            // SAFETY: the tests pass blocks of at least `len` bytes.
            unsafe { *p.add(i) = (i % 251) as u8 };
        }
    }

    fn holds_pattern(p: *const u8, len: usize) -> bool {
        // SAFETY: as in `fill`.
        (0..len).all(|i| unsafe { *p.add(i) } == (i % 251) as u8)
    }

    #[test]
    fn blocks_keep_their_bytes_across_the_threshold_both_ways() {
        let small = 64 * 1024;
        let large = 3 * LARGE_BLOCK;
        let layout = Layout::from_size_align(small, 8).unwrap();
        // SAFETY: each step passes the block's current layout back, as Rust's collections do.
        unsafe {
            let p = DgAlloc.alloc(layout);
            assert!(!p.is_null());
            fill(p, small);
            let p = DgAlloc.realloc(p, layout, large);
            assert!(!p.is_null() && holds_pattern(p, small));
            fill(p, large);
            let large_layout = Layout::from_size_align(large, 8).unwrap();
            let p = DgAlloc.realloc(p, large_layout, 5 * LARGE_BLOCK);
            assert!(
                !p.is_null() && holds_pattern(p, large),
                "grown in place or moved"
            );
            let grown = Layout::from_size_align(5 * LARGE_BLOCK, 8).unwrap();
            let p = DgAlloc.realloc(p, grown, small);
            assert!(!p.is_null() && holds_pattern(p, small));
            DgAlloc.dealloc(p, layout);
        }
    }

    #[test]
    fn large_zeroed_blocks_are_zero_and_big_alignments_stay_with_mimalloc() {
        let layout = Layout::from_size_align(LARGE_BLOCK, 8).unwrap();
        // SAFETY: the block is read within its size and freed with its layout.
        unsafe {
            let p = DgAlloc.alloc_zeroed(layout);
            assert!(!p.is_null());
            assert!((0..LARGE_BLOCK).step_by(4096).all(|i| *p.add(i) == 0));
            DgAlloc.dealloc(p, layout);
        }
        assert!(!is_large(LARGE_BLOCK, 1 << 16));
        assert!(!is_large(LARGE_BLOCK - 1, 8));
        assert_eq!(is_large(LARGE_BLOCK, 8), cfg!(target_os = "linux"));
    }

    #[test]
    fn an_arena_block_keeps_its_place_to_shrink_and_its_bytes_to_grow() {
        static ARENA: startup::Arena = startup::Arena::new();
        let layout = Layout::from_size_align(100, 8).unwrap();
        let p = ARENA.alloc(layout);
        assert!(!p.is_null());
        fill(p, 100);
        // SAFETY: each call passes the block's current layout, as Rust's collections do.
        unsafe {
            assert_eq!(DgAlloc.move_out_of_arena(p, layout, 40), p);
            let grown = DgAlloc.move_out_of_arena(p, layout, 5000);
            assert!(!grown.is_null() && !ARENA.owns(grown) && holds_pattern(grown, 100));
            DgAlloc.dealloc(grown, Layout::from_size_align(5000, 8).unwrap());
        }
    }

    #[test]
    fn a_vector_grown_past_the_threshold_keeps_its_values() {
        let mut v: Vec<u64> = Vec::new();
        for i in 0..(LARGE_BLOCK as u64) {
            v.push(i * 3);
        }
        assert!(v.iter().enumerate().all(|(i, x)| *x == i as u64 * 3));
        v.truncate(10);
        v.shrink_to_fit();
        assert_eq!(v[9], 27);
    }
}
