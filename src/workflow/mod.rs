//! Workflow rules: when a record of a module is created, edited or deleted and the rule's
//! criteria (a Deluge boolean expression over the record's fields) hold, a function from a `.dg`
//! file is called with the record. Rules are read from the database at event time.

pub mod queue;
pub mod run;

use std::collections::BTreeMap;

use chrono::Utc;
use rusqlite::{params, OptionalExtension, Row};

use crate::connectors::ConnectorError;
use crate::store::Store;

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Create,
    Edit,
    Delete,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Create => "create",
            Event::Edit => "edit",
            Event::Delete => "delete",
        }
    }

    pub fn parse(text: &str) -> Option<Event> {
        [Event::Create, Event::Edit, Event::Delete]
            .into_iter()
            .find(|e| e.as_str() == text)
    }
}

/// When a rule fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Create,
    Edit,
    CreateOrEdit,
    Delete,
}

impl Trigger {
    pub fn parse(text: &str) -> Option<Trigger> {
        Some(match text.to_ascii_lowercase().as_str() {
            "create" | "created" => Trigger::Create,
            "edit" | "edited" | "update" => Trigger::Edit,
            "create-or-edit" | "create_or_edit" => Trigger::CreateOrEdit,
            "delete" | "deleted" => Trigger::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Create => "create",
            Trigger::Edit => "edit",
            Trigger::CreateOrEdit => "create-or-edit",
            Trigger::Delete => "delete",
        }
    }

    pub fn fires_on(self, event: Event) -> bool {
        matches!(
            (self, event),
            (Trigger::Create | Trigger::CreateOrEdit, Event::Create)
                | (Trigger::Edit | Trigger::CreateOrEdit, Event::Edit)
                | (Trigger::Delete, Event::Delete)
        )
    }
}

/// A workflow rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub name: String,
    pub module: String,
    pub trigger: Trigger,
    /// A Deluge boolean expression over the record's fields; none means always.
    pub criteria: Option<String>,
    /// The `.dg` file holding the function (an absolute path).
    pub file: String,
    /// The function to call; none means the file's first function.
    pub function: Option<String>,
    /// Parameter name → record field; empty means the whole record as the module's singular.
    pub args: BTreeMap<String, String>,
    pub enabled: bool,
}

/// The parameter name a module's record is passed as: `Contacts` → `contact`.
pub fn singular(module: &str) -> String {
    let lower = module.to_ascii_lowercase();
    if let Some(stem) = lower.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = lower.strip_suffix('s').filter(|s| !s.is_empty()) {
        stem.to_string()
    } else {
        lower
    }
}

fn invalid(message: String) -> ConnectorError {
    ConnectorError::Invalid(message)
}

fn rule_row(r: &Row<'_>) -> rusqlite::Result<Rule> {
    let trigger: String = r.get(2)?;
    let args: String = r.get(6)?;
    Ok(Rule {
        name: r.get(0)?,
        module: r.get(1)?,
        trigger: Trigger::parse(&trigger).unwrap_or(Trigger::Create),
        criteria: r.get(3)?,
        file: r.get(4)?,
        function: r.get(5)?,
        args: serde_json::from_str(&args).unwrap_or_default(),
        enabled: r.get(7)?,
    })
}

/// `Store::rules_for` on a connection (inside a transaction, say).
pub(crate) fn rules_on(
    conn: &rusqlite::Connection,
    module: &str,
    event: Event,
) -> rusqlite::Result<Vec<Rule>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{RULE_SELECT} WHERE module = ?1 AND enabled = 1 ORDER BY name"
    ))?;
    let rows = stmt.query_map([module], rule_row)?;
    Ok(rows
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|r| r.trigger.fires_on(event))
        .collect())
}

const RULE_SELECT: &str =
    "SELECT name, module, on_event, criteria, file, function, args, enabled FROM workflow_rules";

impl Store {
    pub fn add_rule(&self, rule: &Rule) -> Result<(), ConnectorError> {
        crate::records::check_module(&rule.module).map_err(|e| invalid(e.message))?;
        let name_ok = !rule.name.is_empty()
            && rule
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !name_ok {
            return Err(invalid(format!(
                "rule name {:?} must be letters, digits, `_` or `-`",
                rule.name
            )));
        }
        if self.rule(&rule.name)?.is_some() {
            return Err(invalid(format!(
                "a workflow rule named {:?} already exists",
                rule.name
            )));
        }
        self.conn.execute(
            "INSERT INTO workflow_rules (name, module, on_event, criteria, file, function, args,
                 enabled, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                rule.name,
                rule.module,
                rule.trigger.as_str(),
                rule.criteria,
                rule.file,
                rule.function,
                serde_json::to_string(&rule.args).unwrap_or_else(|_| "{}".into()),
                rule.enabled,
                Utc::now().to_rfc3339()
            ],
        )?;
        Ok(())
    }

    pub fn rule(&self, name: &str) -> Result<Option<Rule>, ConnectorError> {
        Ok(self
            .conn
            .query_row(&format!("{RULE_SELECT} WHERE name = ?1"), [name], rule_row)
            .optional()?)
    }

    pub fn rules(&self) -> Result<Vec<Rule>, ConnectorError> {
        let mut stmt = self.conn.prepare(&format!("{RULE_SELECT} ORDER BY name"))?;
        let rows = stmt.query_map([], rule_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The enabled rules that fire for this event on this module, by name.
    pub fn rules_for(&self, module: &str, event: Event) -> Result<Vec<Rule>, ConnectorError> {
        Ok(rules_on(&self.conn, module, event)?)
    }

    pub fn set_rule_enabled(&self, name: &str, enabled: bool) -> Result<(), ConnectorError> {
        let n = self.conn.execute(
            "UPDATE workflow_rules SET enabled = ?2 WHERE name = ?1",
            params![name, enabled],
        )?;
        if n == 0 {
            return Err(no_rule(name));
        }
        Ok(())
    }

    pub fn delete_rule(&self, name: &str) -> Result<(), ConnectorError> {
        let n = self
            .conn
            .execute("DELETE FROM workflow_rules WHERE name = ?1", [name])?;
        if n == 0 {
            return Err(no_rule(name));
        }
        Ok(())
    }
}

pub fn no_rule(name: &str) -> ConnectorError {
    invalid(format!(
        "no workflow rule named {name:?} (`dg workflow list` shows them)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars_and_triggers() {
        assert_eq!(singular("Contacts"), "contact");
        assert_eq!(singular("Opportunities"), "opportunity");
        assert_eq!(singular("Leads"), "lead");
        assert_eq!(singular("Sales_Orders"), "sales_order");
        assert!(Trigger::CreateOrEdit.fires_on(Event::Edit));
        assert!(!Trigger::Create.fires_on(Event::Edit));
        assert!(Trigger::Delete.fires_on(Event::Delete));
        assert_eq!(Trigger::parse("bogus"), None);
    }
}
