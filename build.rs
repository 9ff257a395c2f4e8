//! Compiles `grammar/deluge.lalrpop` into `$OUT_DIR/deluge.rs` with LALRPOP, and on Linux links the
//! `dg` binary as a position-dependent executable with GCC's static unwinder, glibc linked in where
//! that works, and its start-up functions placed together.

fn main() {
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .emit_rerun_directives(true)
        .process()
        .unwrap_or_else(|e| panic!("LALRPOP could not compile grammar/deluge.lalrpop: {e}"));
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    let (os, env, arch) = (
        target("CARGO_CFG_TARGET_OS"),
        target("CARGO_CFG_TARGET_ENV"),
        target("CARGO_CFG_TARGET_ARCH"),
    );
    // A position-independent executable makes the loader apply ~50,000 relocations and dirty
    // ~1.3 MB of pointer tables at every start; linked at a fixed address, `dg` starts in about
    // half the time with 3 MB less memory. Only the binaries: proc-macros stay shared objects.
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    // Rust's standard library takes its unwinder from the shared libgcc_s, whose constructor asks
    // the CPU for its features a dozen times; under a hypervisor each CPUID instruction traps and
    // costs ~7 us, so loading libgcc_s was a tenth of an empty script's run. GCC's static unwinder
    // (what `gcc -static-libgcc` links) provides the same `_Unwind_*` functions; named here, ahead
    // of the standard library's libraries, it resolves them and libgcc_s is no longer loaded.
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
        link_glibc_statically();
    }
    if os == "linux" {
        order_startup_functions();
    }
    // `src/cli/script_stack.rs` maps script stacks itself where psm can switch to them and
    // mmap takes these flags; elsewhere it uses `stacker` (see Cargo.toml).
    println!("cargo:rustc-check-cfg=cfg(fast_stack)");
    if os == "linux" && (arch == "x86_64" || arch == "aarch64") {
        println!("cargo:rustc-cfg=fast_stack");
    }
}

/// Loading libc and libm and binding dg's ~190 imports to them was a fifth of an empty script's
/// run (0.98 ms, against 0.73 ms linked statically, `benches/startup.py`). rustc itself links the
/// system libraries dynamically (only `-C target-feature=+crt-static` changes that, and through
/// RUSTFLAGS it would reach the proc-macros, which must stay shared objects), so
/// `.cargo/config.toml` names `.cargo/static-link` as the linker: given `-static`, it drops the
/// arguments that undo it. A tiny program is linked that way and run first; if it does not link
/// or run (a linker set by the user, no static glibc, a cross build), `dg` stays dynamically
/// linked. The costs: glibc, like dg, then sits at a fixed address, and the name services other
/// than files and DNS (`/etc/nsswitch.conf`) are loaded from the machine's glibc, which must be
/// the version linked in. A `dg` built to be copied to other machines is built with
/// `DG_DYNAMIC_GLIBC=1`.
fn link_glibc_statically() {
    println!("cargo:rerun-if-changed=.cargo/static-link");
    println!("cargo:rerun-if-env-changed=DG_DYNAMIC_GLIBC");
    if std::env::var_os("DG_DYNAMIC_GLIBC").is_some_and(|v| !v.is_empty() && v != "0") {
        return;
    }
    let Some(out) = std::env::var_os("OUT_DIR") else {
        return;
    };
    // As for dg itself, GCC's static unwinder stands in for libgcc_s.
    let flags = ["-static".to_string(), "-lgcc_eh".to_string()];
    let Some(program) = link_probe("static_probe", &flags, std::path::Path::new(&out)) else {
        return;
    };
    let native = std::env::var("HOST").ok() == std::env::var("TARGET").ok();
    if native && succeeds(&mut std::process::Command::new(&program)) {
        println!("cargo:rustc-link-arg-bins=-static");
    }
}

/// The functions a run executes lie scattered over 9 MB of code, and the kernel maps 64 KiB around
/// each page a process first touches: an empty script mapped 2.6 MB of code, and mapping and
/// unmapping those pages was a tenth of its run. `src/startup-order.txt` (written by
/// `benches/startup_order.py`) lists them; the linker puts them first. Only LLD (rustc's own on
/// x86_64 Linux from Rust 1.90) and mold take the list, so a tiny program is linked with it first
/// and the list is used only if that links; names no longer found are skipped, so a stale list
/// costs speed, not the build. (Linux only.)
fn order_startup_functions() {
    const ORDER: &str = "src/startup-order.txt";
    println!("cargo:rerun-if-changed={ORDER}");
    let (Ok(root), Some(out)) = (
        std::env::var("CARGO_MANIFEST_DIR"),
        std::env::var_os("OUT_DIR"),
    ) else {
        return;
    };
    let flags = [
        "-Xlinker".to_string(),
        format!("--symbol-ordering-file={root}/{ORDER}"),
        "-Xlinker".to_string(),
        "--no-warn-symbol-ordering".to_string(),
    ];
    if link_probe("order_probe", &flags, std::path::Path::new(&out)).is_some() {
        for flag in flags {
            println!("cargo:rustc-link-arg-bins={flag}");
        }
    }
}

/// Links a program that prints a line (`out/name`) for this target, with this build's rustc flags
/// and linker, passing `flags` to the linker driver; the program's path if that linked.
fn link_probe(name: &str, flags: &[String], out: &std::path::Path) -> Option<std::path::PathBuf> {
    let source = out.join(format!("{name}.rs"));
    let program = out.join(name);
    std::fs::write(&source, "fn main() { println!(\"probe\"); }\n").ok()?;
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut probe = std::process::Command::new(rustc);
    probe.arg(&source).arg("-o").arg(&program);
    if let Ok(target) = std::env::var("TARGET") {
        probe.args(["--target", &target]);
    }
    if let Some(linker) = std::env::var_os("RUSTC_LINKER") {
        probe.arg("-C").arg({
            let mut arg = std::ffi::OsString::from("linker=");
            arg.push(linker);
            arg
        });
    }
    let rustflags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    probe.args(rustflags.split('\x1f').filter(|f| !f.is_empty()));
    for flag in flags {
        probe.arg("-C").arg(format!("link-arg={flag}"));
    }
    succeeds(&mut probe).then_some(program)
}

/// Whether `command`, run with its output discarded, exits with success.
fn succeeds(command: &mut std::process::Command) -> bool {
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
