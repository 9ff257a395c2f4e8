//! `dg workflow …`: workflow rules (module, trigger, criteria, function) and the record of their runs.

use std::collections::BTreeMap;
use std::path::Path;

use clap::{Args, Subcommand};
use serde_json::{json, Value as Json};

use super::util::{boxed, with_store, Outcome};
use super::{CliError, Status};
use crate::store::Store;
use crate::workflow::queue;
use crate::workflow::run::{criteria_hold, runs, RunRecord};
use crate::workflow::{Rule, Trigger};

#[derive(Subcommand, Debug)]
pub enum WorkflowCommand {
    /// Add a rule: when a record of MODULE is created/edited/deleted and the criteria hold, call a function
    Add(AddArgs),
    /// List the rules
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Show one rule
    Show {
        name: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Turn a rule on
    Enable { name: String },
    /// Turn a rule off (it stays defined)
    Disable { name: String },
    /// Delete a rule
    Delete { name: String },
    /// Every rule evaluation: rule, record, outcome (ok, error, skipped), time, output, result or error
    Runs {
        /// Only this rule's runs
        #[arg(long)]
        rule: Option<String>,
        /// How many of the newest runs
        #[arg(long, short = 'n', default_value_t = 50)]
        limit: u32,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Finish the runs left pending by a dg process that died (dg serve does this when it starts)
    Resume,
}

#[derive(Args, Debug)]
pub struct AddArgs {
    name: String,
    /// The module whose records trigger it, e.g. Contacts
    #[arg(long)]
    module: String,
    /// create, edit, create-or-edit or delete
    #[arg(long = "on", value_parser = ["create", "edit", "create-or-edit", "delete"])]
    on: String,
    /// A Deluge condition over the record's fields, e.g. 'Mailing_Country == "Ireland"'
    #[arg(long)]
    criteria: Option<String>,
    /// FILE.dg, or FILE.dg:function.name (default: the file's first function)
    #[arg(long)]
    function: String,
    /// Pass a field as a parameter: PARAM=FIELD (PARAM=* for the whole record); repeatable.
    /// Default: the record as the parameter named after the module (Contacts → contact)
    #[arg(long = "arg", value_name = "PARAM=FIELD")]
    args: Vec<String>,
    /// Add it switched off
    #[arg(long)]
    disabled: bool,
}

fn usage(reason: String) -> Box<dyn miette::Diagnostic + Send + Sync> {
    boxed(CliError::BadSetting { reason })
}

pub fn workflow(db: &Path, command: WorkflowCommand) -> Status {
    with_store(db, |store| match command {
        WorkflowCommand::Add(a) => add(store, a),
        WorkflowCommand::List { json } => list(store, json),
        WorkflowCommand::Show { name, json } => show(store, &name, json),
        WorkflowCommand::Enable { name } => toggle(store, &name, true),
        WorkflowCommand::Disable { name } => toggle(store, &name, false),
        WorkflowCommand::Delete { name } => store
            .delete_rule(&name)
            .map(|_| println!("deleted workflow rule {name}"))
            .map_err(boxed),
        WorkflowCommand::Runs { rule, limit, json } => {
            show_runs(store, rule.as_deref(), limit, json)
        }
        WorkflowCommand::Resume => {
            let finished = queue::resume(store).map_err(boxed)?;
            for r in &finished {
                println!("{} on {} {}: {}", r.rule, r.module, r.record_id, r.outcome);
            }
            println!("{} interrupted run(s) finished", finished.len());
            Ok(())
        }
    })
}

fn add(store: &Store, a: AddArgs) -> Outcome {
    let (file, function) = match a.function.rsplit_once(".dg:") {
        Some((file, name)) => (format!("{file}.dg"), Some(name.to_string())),
        None => (a.function.clone(), None),
    };
    let path = std::fs::canonicalize(&file).map_err(|e| {
        boxed(CliError::Read {
            path: file.clone(),
            reason: e.to_string(),
        })
    })?;
    let text = std::fs::read_to_string(&path).map_err(|e| {
        boxed(CliError::Read {
            path: file.clone(),
            reason: e.to_string(),
        })
    })?;
    // Refuse a file that does not parse or lacks the function now, not at the first event.
    let source = crate::source::SourceFile::new(file.clone(), text);
    let program = crate::parser::parse(&source).map_err(boxed)?;
    if let Some(name) = &function {
        if !program
            .functions
            .iter()
            .any(|f| f.name.name.eq_ignore_ascii_case(name))
        {
            return Err(usage(format!("{file} has no function named {name:?}")));
        }
    }
    if let Some(c) = &a.criteria {
        // A syntax check against an empty record: errors other than syntax surface at event time.
        if let Err(e) = criteria_hold(c, &json!({})) {
            if e.contains("syntax") || e.contains("expected") {
                return Err(usage(format!("--criteria does not parse:\n{e}")));
            }
        }
    }
    let mut args = BTreeMap::new();
    for item in &a.args {
        match item.split_once('=') {
            Some((p, f)) if !p.is_empty() && !f.is_empty() => {
                args.insert(p.to_string(), f.to_string());
            }
            _ => return Err(usage(format!("--arg {item:?} must be PARAM=FIELD"))),
        }
    }
    let rule = Rule {
        name: a.name,
        module: a.module,
        trigger: Trigger::parse(&a.on).unwrap_or(Trigger::Create),
        criteria: a.criteria,
        file: path.display().to_string(),
        function,
        args,
        enabled: !a.disabled,
    };
    store.add_rule(&rule).map_err(boxed)?;
    println!(
        "added workflow rule {}: {} on {} → {}",
        rule.name,
        rule.module,
        rule.trigger.as_str(),
        rule.function.as_deref().unwrap_or(&rule.file)
    );
    Ok(())
}

fn rule_json(r: &Rule) -> Json {
    json!({
        "name": r.name, "module": r.module, "on": r.trigger.as_str(), "criteria": r.criteria,
        "file": r.file, "function": r.function, "args": r.args, "enabled": r.enabled,
    })
}

fn print_json(v: &Json) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

fn list(store: &Store, json: bool) -> Outcome {
    let rules = store.rules().map_err(boxed)?;
    if json {
        print_json(&Json::Array(rules.iter().map(rule_json).collect()));
        return Ok(());
    }
    if rules.is_empty() {
        println!("no workflow rules yet: dg workflow add NAME --module Contacts --on create --function FILE.dg");
    }
    for r in &rules {
        println!(
            "{:<20} {:<9} {:<12} {:<15} {}",
            r.name,
            if r.enabled { "enabled" } else { "disabled" },
            r.module,
            r.trigger.as_str(),
            r.criteria.as_deref().unwrap_or("(always)")
        );
    }
    Ok(())
}

fn show(store: &Store, name: &str, json: bool) -> Outcome {
    let rule = store
        .rule(name)
        .map_err(boxed)?
        .ok_or_else(|| boxed(crate::workflow::no_rule(name)))?;
    if json {
        print_json(&rule_json(&rule));
    } else {
        for (k, v) in rule_json(&rule).as_object().into_iter().flatten() {
            println!("{k:<9} {v}");
        }
    }
    Ok(())
}

fn toggle(store: &Store, name: &str, on: bool) -> Outcome {
    store.set_rule_enabled(name, on).map_err(boxed)?;
    println!(
        "workflow rule {name} {}",
        if on { "enabled" } else { "disabled" }
    );
    Ok(())
}

fn show_runs(store: &Store, rule: Option<&str>, limit: u32, json: bool) -> Outcome {
    let all = runs(store, rule, limit).map_err(boxed)?;
    if json {
        print_json(&Json::Array(all.iter().map(RunRecord::to_json).collect()));
        return Ok(());
    }
    if all.is_empty() {
        println!("no workflow runs yet");
    }
    for r in &all {
        println!(
            "{} {:<20} {} {} {:<7} {} ms",
            r.started_at, r.rule, r.module, r.record_id, r.outcome, r.duration_ms
        );
        for line in &r.output {
            println!("    info: {line}");
        }
        if let Some(e) = &r.error {
            for line in e.lines() {
                println!("    {line}");
            }
        }
    }
    Ok(())
}
