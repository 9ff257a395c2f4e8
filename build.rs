//! Compiles `grammar/deluge.lalrpop` into `$OUT_DIR/deluge.rs` with LALRPOP.

fn main() {
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .emit_rerun_directives(true)
        .process()
        .unwrap_or_else(|e| panic!("LALRPOP could not compile grammar/deluge.lalrpop: {e}"));
}
