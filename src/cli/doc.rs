//! `dg doc NAME`: a function's call forms, what it does and an example, from Zoho's reference as
//! dg keeps it (`builtins::reference`).

use clap::Args;

use super::Status;
use crate::builtins::{self, reference};

#[derive(Debug, Args)]
pub struct DocArgs {
    /// The function or method, e.g. addBusinessDay, toList, zoho.encryption.urlEncode
    pub name: String,
}

pub fn doc(args: DocArgs) -> Status {
    match reference::describe(&args.name) {
        Some(text) => {
            print!("{text}");
            Status::Ok
        }
        None => {
            eprintln!("dg: no function or method named `{}`", args.name);
            if let Some(s) = builtins::suggest_function(&args.name) {
                eprintln!("  help: did you mean `{s}`? (try `dg doc {s}`)");
            }
            Status::Failed
        }
    }
}
