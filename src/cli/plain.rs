//! `dg run FILE`, the whole command line, read without clap.
//!
//! Building clap's description of `run` and matching the line against it is a tenth of an empty
//! script's run (~0.13 ms of ~1.3). The plain form takes its settings from the environment exactly
//! as clap does for well-formed values; anything else (an option, an odd value) is left to clap,
//! which reads it and reports what is wrong. The tests hold the two readings equal.

use std::ffi::OsString;
use std::path::PathBuf;
use std::str::FromStr;

use super::run::RunArgs;
use crate::interp::{DEFAULT_MAX_INFO_BYTES, DEFAULT_MAX_SECONDS, DEFAULT_MAX_STATEMENTS};

/// The database and arguments of `dg run FILE` when `line` (the program name first) is exactly that
/// and every setting that `env` returns is well formed; `None` sends the line to clap.
pub(super) fn plain_run(
    line: &[OsString],
    env: impl Fn(&str) -> Option<OsString>,
) -> Option<(Option<PathBuf>, RunArgs)> {
    let [_, command, file] = line else {
        return None;
    };
    let file_bytes = file.as_encoded_bytes();
    if command != "run"
        || file_bytes.is_empty()
        || (file_bytes.starts_with(b"-") && file_bytes != b"-")
    {
        return None;
    }
    let db = text_setting(&env, "DG_DB")?.map(PathBuf::from);
    let args = RunArgs {
        file: PathBuf::from(file),
        args: Vec::new(),
        function: None,
        libs: Vec::new(),
        json: false,
        max_statements: number_setting(&env, "DG_MAX_STATEMENTS", DEFAULT_MAX_STATEMENTS)?,
        timeout: number_setting(&env, "DG_TIMEOUT", DEFAULT_MAX_SECONDS)?,
        max_output: number_setting(&env, "DG_MAX_OUTPUT", DEFAULT_MAX_INFO_BYTES)?,
        now: text_setting(&env, "DG_NOW")?,
        tz: text_setting(&env, "DG_TZ")?,
    };
    Some((db, args))
}

/// A count from the environment: `default` when unset, the number when it is plain digits, `None`
/// for anything else (clap's reading decides those).
fn number_setting<T: FromStr>(
    env: &impl Fn(&str) -> Option<OsString>,
    name: &str,
    default: T,
) -> Option<T> {
    let Some(value) = env(name) else {
        return Some(default);
    };
    let digits = value.to_str()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A text from the environment: `Some(None)` when unset, the text when it is non-empty UTF-8, `None`
/// for anything else (clap's reading decides those).
fn text_setting(env: &impl Fn(&str) -> Option<OsString>, name: &str) -> Option<Option<String>> {
    match env(name) {
        None => Some(None),
        Some(value) => value
            .into_string()
            .ok()
            .filter(|text| !text.is_empty())
            .map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{CommandLine, RunOnly};
    use clap::{CommandFactory, FromArgMatches};

    fn line(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    /// clap's reading of `words` with no environment at all.
    fn by_clap(words: &[&str]) -> (Option<PathBuf>, RunArgs) {
        let command = CommandLine::<RunOnly>::command()
            .mut_arg("db", |a| a.env(None))
            .mut_subcommand("run", |run| {
                ["max_statements", "timeout", "max_output", "now", "tz"]
                    .into_iter()
                    .fold(run, |run, id| run.mut_arg(id, |a| a.env(None)))
            });
        let matches = command
            .try_get_matches_from(words)
            .expect("clap reads the line");
        let parsed = CommandLine::<RunOnly>::from_arg_matches(&matches).expect("clap builds it");
        let Some(RunOnly::Run(args)) = parsed.command else {
            panic!("the line runs a script");
        };
        (parsed.db, args)
    }

    fn with_env<'a>(settings: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            settings
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_plain_line_reads_as_clap_reads_it() {
        let plain = plain_run(&line(&["dg", "run", "x.dg"]), |_| None);
        assert_eq!(plain, Some(by_clap(&["dg", "run", "x.dg"])));
        let stdin = plain_run(&line(&["dg", "run", "-"]), |_| None);
        assert_eq!(stdin, Some(by_clap(&["dg", "run", "-"])));
    }

    #[test]
    fn settings_from_the_environment_read_as_the_same_options() {
        let settings = [
            ("DG_DB", "/tmp/some.db"),
            ("DG_MAX_STATEMENTS", "0"),
            ("DG_TIMEOUT", "7"),
            ("DG_MAX_OUTPUT", "123"),
            ("DG_NOW", "2024-01-02T03:04:05Z"),
            ("DG_TZ", "Europe/Dublin"),
        ];
        let plain = plain_run(&line(&["dg", "run", "x.dg"]), with_env(&settings));
        let options = by_clap(&[
            "dg",
            "--db",
            "/tmp/some.db",
            "run",
            "x.dg",
            "--max-statements",
            "0",
            "--timeout",
            "7",
            "--max-output",
            "123",
            "--now",
            "2024-01-02T03:04:05Z",
            "--tz",
            "Europe/Dublin",
        ]);
        assert_eq!(plain, Some(options));
    }

    #[test]
    fn anything_else_is_left_to_clap() {
        let none = |_: &str| None;
        for words in [
            &["dg", "run"][..],
            &["dg", "run", ""],
            &["dg", "run", "x.dg", "--json"],
            &["dg", "run", "--help"],
            &["dg", "--db", "a.db", "run", "x.dg"],
            &["dg", "check", "x.dg"],
        ] {
            assert_eq!(plain_run(&line(words), none), None, "{words:?}");
        }
        let x = line(&["dg", "run", "x.dg"]);
        for (name, value) in [
            ("DG_MAX_STATEMENTS", "abc"),
            ("DG_MAX_STATEMENTS", ""),
            ("DG_MAX_STATEMENTS", "+5"),
            ("DG_TIMEOUT", "-1"),
            ("DG_MAX_OUTPUT", "99999999999999999999999"),
            ("DG_DB", ""),
            ("DG_NOW", ""),
        ] {
            let settings = [(name, value)];
            assert_eq!(plain_run(&x, with_env(&settings)), None, "{name}={value:?}");
        }
    }
}
