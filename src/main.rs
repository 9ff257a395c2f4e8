//! The `dg` binary: tunes the allocator, then hands the command line to `dg::cli`.

/// Scripts allocate many small maps, lists and texts; mimalloc serves those faster than the system
/// allocator, and large blocks get mappings of their own (`dg::alloc`).
#[global_allocator]
static ALLOCATOR: dg::alloc::DgAlloc = dg::alloc::DgAlloc;

/// `mi_option_arena_eager_commit` in mimalloc's `mi_option_t` (libmimalloc-sys exports no name
/// for it).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Commits arena memory as it is used rather than a whole chunk up front (an empty script then
/// needs 6 MB instead of 10). It must be set before mimalloc reserves its first arena, which happens
/// before `main`: so this runs as a high-priority constructor, ahead of mimalloc's own.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array.00099"]
static COMMIT_LAZILY: extern "C" fn() = commit_lazily;

#[cfg(target_os = "linux")]
extern "C" fn commit_lazily() {
    // SAFETY: mi_option_set only stores an integer option; 0 is a valid value for this option.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
}

fn main() -> std::process::ExitCode {
    disable_transparent_huge_pages();
    dg::trace::init();
    dg::cli::main()
}

/// mimalloc asks for transparent huge pages, and on machines that defragment on demand a fault on
/// one can stall for a long time while the kernel compacts memory. Short script runs gain nothing
/// from huge pages, so they are turned off for this process.
fn disable_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only sets a flag on this process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
