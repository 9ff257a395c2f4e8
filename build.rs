//! Compiles `grammar/deluge.lalrpop` into `$OUT_DIR/deluge.rs` with LALRPOP, and on Linux links the
//! `dg` binary as a position-dependent executable with GCC's static unwinder and its start-up
//! functions placed together.

fn main() {
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .emit_rerun_directives(true)
        .process()
        .unwrap_or_else(|e| panic!("LALRPOP could not compile grammar/deluge.lalrpop: {e}"));
    // A position-independent executable makes the loader apply ~50,000 relocations and dirty
    // ~1.3 MB of pointer tables at every start; linked at a fixed address, `dg` starts in about
    // half the time with 3 MB less memory. Only the binaries: proc-macros stay shared objects.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    // Rust's standard library takes its unwinder from the shared libgcc_s, whose constructor asks
    // the CPU for its features a dozen times; under a hypervisor each CPUID instruction traps and
    // costs ~7 us, so loading libgcc_s was a tenth of an empty script's run. GCC's static unwinder
    // (what `gcc -static-libgcc` links) provides the same `_Unwind_*` functions; named here, ahead
    // of the standard library's libraries, it resolves them and libgcc_s is no longer loaded.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu")
    {
        println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
    }
    order_startup_functions();
}

/// The functions a run executes lie scattered over 9 MB of code, and the kernel maps 64 KiB around
/// each page a process first touches: an empty script mapped 2.6 MB of code, and mapping and
/// unmapping those pages was a tenth of its run. `src/startup-order.txt` (written by
/// `benches/startup_order.py`) lists them; the linker puts them first. Only where rustc links with
/// its own LLD (x86_64 Linux from Rust 1.90) and nobody chose another linker; names no longer
/// found are skipped, so a stale list costs speed, not the build.
fn order_startup_functions() {
    const ORDER: &str = "src/startup-order.txt";
    println!("cargo:rerun-if-changed={ORDER}");
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    let rustflags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let other_linker = rustflags.contains("linker") || std::env::var_os("RUSTC_LINKER").is_some();
    if std::env::var("TARGET").as_deref() != Ok("x86_64-unknown-linux-gnu")
        || other_linker
        || !rustc_links_with_lld()
    {
        return;
    }
    let Ok(root) = std::env::var("CARGO_MANIFEST_DIR") else {
        return;
    };
    println!("cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={root}/{ORDER}");
    println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
}

/// Whether this rustc links x86_64 Linux binaries with its own LLD by default (1.90 and later).
fn rustc_links_with_lld() -> bool {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(output) = std::process::Command::new(rustc).arg("--version").output() else {
        return false;
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let version = String::from_utf8_lossy(&output.stdout);
    let mut numbers = version
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .split(['.', '-'])
        .map(|n| n.parse::<u32>().unwrap_or(0));
    let (major, minor) = (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0));
    (major, minor) >= (1, 90)
}
