//! The `dg` binary: hands the command line to `dg::cli`.

fn main() -> std::process::ExitCode {
    dg::cli::main()
}
