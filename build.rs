//! Compiles `grammar/deluge.lalrpop` into `$OUT_DIR/deluge.rs` with LALRPOP, and on Linux links the
//! `dg` binary as a position-dependent executable with GCC's static unwinder.

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
}
