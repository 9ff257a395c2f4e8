//! The `dg` binary: hands the command line to `dg::cli`.

/// Scripts allocate many small maps, lists and texts; mimalloc serves those faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 2's `mi_option_t` (libmimalloc-sys exports no name for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Give freed memory back at once instead of after 10 ms: growing a large list otherwise keeps
    // every outgrown copy alive and more than doubles peak memory.
    // SAFETY: mi_option_set only stores an integer option; any value is valid for this option.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    dg::cli::main()
}
