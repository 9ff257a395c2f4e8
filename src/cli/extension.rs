//! `dg extension …`: create extensions, associate published connectors with them (each with its
//! own credentials), and list the API identifiers scripts can call.

use std::path::Path;

use clap::{Args, Subcommand};

use super::util::{boxed, with_store, ClientArgs, Outcome};
use super::Status;
use crate::store::Store;
use crate::value::{to_json, DgMap, Value};

#[derive(Subcommand, Debug)]
pub enum ExtensionCommand {
    /// Create an extension
    Create { name: String },
    /// List extensions
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Show an extension's connectors and the API identifiers `ext.connector.api` scripts call
    Show {
        name: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Associate a published connector (and all its published APIs) with an extension
    AddConnector(AddConnectorArgs),
    /// Delete an extension with its associations' credentials and tokens
    Delete { name: String },
}

#[derive(Args, Debug)]
pub struct AddConnectorArgs {
    extension: String,
    connector: String,
    /// This association's own client id and secret
    #[command(flatten)]
    client: ClientArgs,
    /// This association's redirect URL (default: the connector's)
    #[arg(long)]
    redirect_url: Option<String>,
}

pub fn extension(db: &Path, command: ExtensionCommand) -> Status {
    with_store(db, |store| match command {
        ExtensionCommand::Create { name } => store
            .create_extension(&name)
            .map(|_| println!("created extension {name}"))
            .map_err(boxed),
        ExtensionCommand::List { json } => list(store, json),
        ExtensionCommand::Show { name, json } => show(store, &name, json),
        ExtensionCommand::AddConnector(a) => add_connector(store, &a),
        ExtensionCommand::Delete { name } => store
            .delete_extension(&name)
            .map(|_| println!("deleted extension {name}"))
            .map_err(boxed),
    })
}

fn add_connector(store: &Store, a: &AddConnectorArgs) -> Outcome {
    let secret = a.client.secret()?;
    let name = store
        .add_connector_to_extension(
            &a.extension,
            &a.connector,
            &a.client.client_id,
            secret.as_deref(),
            a.redirect_url.as_deref(),
        )
        .map_err(boxed)?;
    let redirect = store
        .connector(&name)
        .map_err(boxed)?
        .definition
        .redirect_url;
    println!(
        "added connector {} to extension {}",
        a.connector, a.extension
    );
    println!("register this redirect URL with the provider: {redirect}");
    println!(
        "then: dg connector authorize {} --extension {}",
        a.connector, a.extension
    );
    Ok(())
}

fn extension_value(
    store: &Store,
    name: &str,
) -> Result<Value, Box<dyn miette::Diagnostic + Send + Sync>> {
    let ext = store.extension(name).map_err(boxed)?;
    let mut m = DgMap::new();
    m.insert("name".into(), Value::text(&ext.name));
    let mut connectors = Vec::new();
    for c in &ext.connectors {
        let assoc = crate::apis::extensions::association_name(&ext.name, c);
        let s = store.connector(&assoc).map_err(boxed)?;
        let mut cm = DgMap::new();
        cm.insert("connector".into(), Value::text(c));
        cm.insert("status".into(), Value::text(s.status.as_str()));
        cm.insert(
            "client_id".into(),
            s.definition
                .client_id
                .as_deref()
                .map_or(Value::Null, Value::text),
        );
        cm.insert(
            "redirect_url".into(),
            Value::text(&s.definition.redirect_url),
        );
        connectors.push(Value::new_map(cm));
    }
    m.insert("connectors".into(), Value::new_list(connectors));
    let ids = store.extension_api_ids(name).map_err(boxed)?;
    m.insert(
        "apis".into(),
        Value::new_list(ids.iter().map(|i| Value::text(i)).collect()),
    );
    Ok(Value::new_map(m))
}

fn list(store: &Store, json: bool) -> Outcome {
    let all = store.extensions().map_err(boxed)?;
    if json {
        let items = all
            .iter()
            .map(|e| extension_value(store, &e.name))
            .collect::<Result<Vec<_>, _>>()?;
        println!("{}", to_json(&Value::new_list(items)));
        return Ok(());
    }
    if all.is_empty() {
        println!("no extensions yet: dg extension create NAME");
    }
    for e in &all {
        println!("{:<20} {}", e.name, e.connectors.join(", "));
    }
    Ok(())
}

fn show(store: &Store, name: &str, json: bool) -> Outcome {
    let value = extension_value(store, name)?;
    if json {
        println!("{}", to_json(&value));
        return Ok(());
    }
    let ext = store.extension(name).map_err(boxed)?;
    println!("extension {}", ext.name);
    for c in &ext.connectors {
        let assoc = crate::apis::extensions::association_name(&ext.name, c);
        let status = store.connector(&assoc).map_err(boxed)?.status;
        println!("  connector {c} ({})", status.as_str());
    }
    for id in store.extension_api_ids(name).map_err(boxed)? {
        println!("  {id}");
    }
    Ok(())
}
