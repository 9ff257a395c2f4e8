//! The `dg` binary: tunes the allocator, then hands the command line to `dg::cli`.
#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

/// Scripts allocate many small maps, lists and texts; mimalloc serves those faster than the system
/// allocator, and large blocks get mappings of their own (`dg::alloc`).
#[global_allocator]
static ALLOCATOR: dg::alloc::DgAlloc = dg::alloc::DgAlloc;

/// `mi_option_arena_eager_commit` in mimalloc's `mi_option_t` (libmimalloc-sys exports no name
/// for it).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Sets mimalloc's options before it starts, which happens before `main`: so this runs as a
/// high-priority constructor, ahead of mimalloc's own.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array.00099"]
static PREPARE_ALLOCATOR: extern "C" fn() = prepare_allocator;

#[cfg(target_os = "linux")]
extern "C" fn prepare_allocator() {
    // Commits arena memory as it is used rather than a whole chunk up front (an empty script then
    // needs 6 MB instead of 10); it must be set before mimalloc reserves its first arena.
    // SAFETY: mi_option_set only stores an integer option; 0 is a valid value for this option.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0) };
    read_allocator_options();
}

// The process's environment, as C sees it.
#[cfg(target_os = "linux")]
extern "C" {
    static mut environ: *const *const libc::c_char;
}

/// Most `MIMALLOC_` settings read this way; with more, mimalloc reads the environment itself.
#[cfg(target_os = "linux")]
const MAX_ALLOCATOR_SETTINGS: usize = 64;

/// Reads mimalloc's options from the environment as mimalloc's start would, but from the
/// `MIMALLOC_` variables alone. mimalloc looks each of its ~40 options up, under two names, with a
/// case-blind comparison against every variable: a fifth of an empty script's instructions. Here
/// the few variables it can match are picked out once and shown to it as the whole environment
/// while it reads them; its start then finds every option read. (Arena eager commit stays off, as
/// `prepare_allocator` sets it.)
#[cfg(target_os = "linux")]
fn read_allocator_options() {
    static mut SETTINGS: [*const libc::c_char; MAX_ALLOCATOR_SETTINGS + 1] =
        [std::ptr::null(); MAX_ALLOCATOR_SETTINGS + 1];
    // SAFETY: constructors run on the one thread there is (no constructor of ours or of the
    // libraries we link starts threads), before anything reads `environ` or
    // `SETTINGS` concurrently. `environ` is NULL or a NULL-terminated array of NUL-terminated
    // strings; `SETTINGS` keeps a NULL after at most MAX_ALLOCATOR_SETTINGS entries, and
    // `environ` is given back before this returns. mi_option_get takes any option number.
    unsafe {
        let settings = &mut *std::ptr::addr_of_mut!(SETTINGS);
        let all = environ;
        let mut count = 0;
        let mut entry = all;
        while !all.is_null() && !(*entry).is_null() {
            if std::ffi::CStr::from_ptr(*entry)
                .to_bytes()
                .get(..9)
                .is_some_and(|prefix| prefix.eq_ignore_ascii_case(b"MIMALLOC_"))
            {
                if count == MAX_ALLOCATOR_SETTINGS {
                    return;
                }
                settings[count] = *entry;
                count += 1;
            }
            entry = entry.add(1);
        }
        environ = settings.as_ptr();
        for option in 0..libmimalloc_sys::_mi_option_last {
            // Before its start mimalloc leaves an option it did not find unread, to look again
            // later; setting it to the value read (or its default) marks it read.
            let value = libmimalloc_sys::mi_option_get(option);
            libmimalloc_sys::mi_option_set(option, value);
        }
        environ = all;
    }
}

/// C's `main`, in place of Rust's runtime start. That start locates the main thread's stack guard
/// by reading and parsing `/proc/self/maps` and sets up a signal stack for overflow reports: a
/// sixth of an empty script's instructions, for a report the interpreter's own depth limits make
/// unreachable. (On glibc the standard library reads the arguments before `main` on its own.) What
/// else it does that `dg` relies on is done here: standard streams that were
/// closed are opened on `/dev/null` (so no database can become file 1 or 2), SIGPIPE is ignored
/// (a closed pipe is an error to report, not a silent death), a panic ends with code 101, and the
/// output is flushed before exit.
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
#[no_mangle]
extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    open_closed_standard_streams();
    // SAFETY: setting SIGPIPE's disposition to SIG_IGN is always valid.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    let code = std::panic::catch_unwind(run).unwrap_or(101);
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let _ = std::io::Write::flush(&mut std::io::stderr());
    libc::c_int::from(code)
}

#[cfg(any(not(all(target_os = "linux", target_env = "gnu")), test))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(run())
}

/// Runs the command line; returns the exit code.
fn run() -> u8 {
    disable_transparent_huge_pages();
    dg::trace::init();
    dg::cli::main()
}

/// Opens `/dev/null` for each of standard input, output and error that the parent left closed, and
/// ends the process if it cannot (a file opened later would take the stream's place).
#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
fn open_closed_standard_streams() {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: poll reads and writes exactly the three pollfd entries passed with their count.
    let polled = unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) } >= 0;
    for pollfd in &fds {
        let closed = if polled {
            pollfd.revents & libc::POLLNVAL != 0
        } else {
            // poll refuses when fewer than three descriptors are allowed; ask one at a time.
            // SAFETY: F_GETFD only reads the descriptor's flags.
            unsafe { libc::fcntl(pollfd.fd, libc::F_GETFD) == -1 }
        };
        if !closed {
            continue;
        }
        let mode = if pollfd.fd == 0 {
            libc::O_RDONLY
        } else {
            libc::O_WRONLY
        };
        // SAFETY: the path is a NUL-terminated literal; open takes the lowest free descriptor,
        // which is this closed one since the lower ones are open or were just reopened.
        if unsafe { libc::open(c"/dev/null".as_ptr(), mode) } != pollfd.fd {
            // SAFETY: abort takes no arguments and ends the process.
            unsafe { libc::abort() };
        }
    }
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
