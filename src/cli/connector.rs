//! `dg connector …`: create, list, show, delete, export and import connectors, and set their
//! credentials (the client secret only ever from stdin or an environment variable).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::util::{boxed, pairs, ClientArgs, Outcome};
use super::{report, CliError, Status};
use crate::connectors::tokens::{Grant, Saving};
use crate::connectors::{manifest, ClientAuth, Definition, Summary};
use crate::oauth::code;
use crate::oauth::grant::{self, Client};
use crate::store::Store;
use crate::value::{to_json, DgMap, Value};

#[derive(Subcommand, Debug)]
pub enum ConnectorCommand {
    /// Define a connector (an OAuth 2.0 client)
    Create(Box<CreateArgs>),
    /// Set the client id and secret (the secret from stdin or an environment variable, never an argument)
    Credentials(CredentialsArgs),
    /// List connectors with their status
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Show one connector (secrets redacted)
    Show {
        name: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Delete a connector with its credentials and tokens
    Delete { name: String },
    /// Write a connector's secret-free TOML manifest
    Export {
        name: String,
        /// Write to this file instead of stdout
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Create or update a connector from a TOML manifest
    Import { file: PathBuf },
    /// Obtain tokens: the browser authorization-code flow (PKCE, state), or client credentials
    Authorize(AuthorizeArgs),
    /// Show the token status (type, scopes, expiry, refresh), never the tokens
    Token {
        name: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// First make sure the access token is fresh: refresh it when it is about to expire
        #[arg(long)]
        refresh: bool,
        /// With --refresh: refresh even a token that is still fresh
        #[arg(long, requires = "refresh")]
        force: bool,
        /// The connector's association with this extension (its own credentials and tokens)
        #[arg(long, value_name = "EXT")]
        extension: Option<String>,
    },
    /// Forget the tokens (calling the revocation URL first when there is one)
    Revoke {
        name: String,
        /// The connector's association with this extension (its own credentials and tokens)
        #[arg(long, value_name = "EXT")]
        extension: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Connector name (letters, digits, `_`, `-`)
    name: String,
    /// The provider's authorization URL (it may already carry parameters such as access_type)
    #[arg(long)]
    authorize_url: String,
    /// The provider's token URL
    #[arg(long)]
    token_url: String,
    /// A separate refresh-token URL (default: the token URL)
    #[arg(long)]
    refresh_url: Option<String>,
    /// A token revocation URL
    #[arg(long)]
    revoke_url: Option<String>,
    /// A scope to request (repeatable)
    #[arg(long = "scope")]
    scopes: Vec<String>,
    /// How scopes are joined: " " (RFC 6749), "," or "+"
    #[arg(long, default_value = " ")]
    scope_separator: String,
    /// An extra authorization parameter K=V (repeatable), e.g. access_type=offline
    #[arg(long = "auth-param", value_name = "K=V")]
    auth_params: Vec<String>,
    /// An extra token-request parameter K=V (repeatable)
    #[arg(long = "token-param", value_name = "K=V")]
    token_params: Vec<String>,
    /// An extra refresh-request parameter K=V (repeatable)
    #[arg(long = "refresh-param", value_name = "K=V")]
    refresh_params: Vec<String>,
    /// How the client authenticates at the token URL: basic (HTTP Basic) or body
    #[arg(long, default_value = "basic", value_parser = ["basic", "body"])]
    client_auth: String,
    /// Do not use PKCE (S256) in the authorization-code flow
    #[arg(long)]
    no_pkce: bool,
    /// A description
    #[arg(long, default_value = "")]
    description: String,
    /// The redirect URL to register with the provider (default http://127.0.0.1:8976/callback)
    #[arg(long)]
    redirect_url: Option<String>,
    /// Refresh an access token this many seconds before it expires
    #[arg(long, value_name = "SECS", default_value_t = crate::connectors::DEFAULT_REFRESH_MARGIN_SECS)]
    refresh_margin: u32,
}

#[derive(Args, Debug)]
pub struct AuthorizeArgs {
    name: String,
    /// Authorize the connector's association with this extension (its own credentials and tokens)
    #[arg(long, value_name = "EXT")]
    extension: Option<String>,
    /// The grant: the browser flow, or client credentials for machine-to-machine APIs
    #[arg(long, default_value = "authorization-code", value_parser = ["authorization-code", "client-credentials"])]
    grant: String,
    /// Do not open a browser or listen: print the URL and read the final redirected URL from stdin
    #[arg(long)]
    no_browser: bool,
    /// Finish a pending flow with the URL the browser was redirected to
    #[arg(long, value_name = "URL", conflicts_with = "no_browser")]
    callback_url: Option<String>,
    /// Seconds to wait for the callback
    #[arg(long, default_value_t = 300)]
    timeout: u64,
}

#[derive(Args, Debug)]
pub struct CredentialsArgs {
    name: String,
    #[command(flatten)]
    client: ClientArgs,
}

/// The connector row a command acts on: the connector, or its association with an extension.
fn in_extension(name: &str, extension: Option<&str>) -> String {
    extension.map_or_else(
        || name.to_string(),
        |ext| crate::apis::extensions::association_name(ext, name),
    )
}

pub fn connector(db: &Path, command: ConnectorCommand) -> Status {
    let store = match Store::open(db) {
        Ok(s) => s,
        Err(e) => {
            report(&e);
            return Status::Failed;
        }
    };
    let result = match command {
        ConnectorCommand::Create(args) => create(&store, *args),
        ConnectorCommand::Credentials(args) => credentials(&store, args),
        ConnectorCommand::List { json } => list(&store, json),
        ConnectorCommand::Show { name, json } => show(&store, &name, json),
        ConnectorCommand::Delete { name } => store
            .delete_connector(&name)
            .map(|_| println!("deleted connector {name}"))
            .map_err(boxed),
        ConnectorCommand::Export { name, output } => export(&store, &name, output.as_deref()),
        ConnectorCommand::Import { file } => import(&store, &file),
        ConnectorCommand::Authorize(mut args) => {
            args.name = in_extension(&args.name, args.extension.as_deref());
            authorize(&store, &args)
        }
        ConnectorCommand::Token {
            name,
            json,
            refresh,
            force,
            extension,
        } => {
            let name = in_extension(&name, extension.as_deref());
            if refresh {
                if let Err(e) = crate::oauth::refresh::fresh_access_token(&store, &name, force) {
                    report(e.as_ref());
                    return Status::Failed;
                }
            }
            token(&store, &name, json)
        }
        ConnectorCommand::Revoke { name, extension } => {
            revoke(&store, &in_extension(&name, extension.as_deref()))
        }
    };
    match result {
        Ok(()) => Status::Ok,
        Err(e) => {
            report(e.as_ref());
            Status::Failed
        }
    }
}

fn create(store: &Store, a: CreateArgs) -> Outcome {
    let definition = Definition {
        name: a.name,
        description: a.description,
        authorize_url: a.authorize_url,
        token_url: a.token_url,
        refresh_url: a.refresh_url,
        revoke_url: a.revoke_url,
        scopes: a.scopes,
        scope_separator: a.scope_separator,
        auth_params: pairs(&a.auth_params, "--auth-param")?,
        token_params: pairs(&a.token_params, "--token-param")?,
        refresh_params: pairs(&a.refresh_params, "--refresh-param")?,
        client_auth: ClientAuth::parse(&a.client_auth).unwrap_or(ClientAuth::Basic),
        pkce: !a.no_pkce,
        redirect_url: a
            .redirect_url
            .unwrap_or_else(Definition::default_redirect_url),
        client_id: None,
        refresh_margin_secs: a.refresh_margin,
    };
    store.create_connector(&definition).map_err(boxed)?;
    println!("created connector {}", definition.name);
    println!(
        "register this redirect URL with the provider: {}",
        definition.redirect_url
    );
    println!(
        "then: dg connector credentials {} --client-id ID --client-secret-stdin",
        definition.name
    );
    Ok(())
}

fn credentials(store: &Store, a: CredentialsArgs) -> Outcome {
    let secret = a.client.secret()?;
    store
        .set_credentials(&a.name, &a.client.client_id, secret.as_deref())
        .map_err(boxed)?;
    let what = if secret.is_some() {
        "client id and secret"
    } else {
        "client id (public client, no secret)"
    };
    println!("stored the {what} for {}", a.name);
    Ok(())
}

fn summary_value(s: &Summary) -> Value {
    let d = &s.definition;
    let text = |t: &str| Value::text(t);
    let opt = |t: &Option<String>| t.as_deref().map_or(Value::Null, Value::text);
    let mut m = DgMap::new();
    m.insert("name".into(), text(&d.name));
    m.insert("status".into(), text(s.status.as_str()));
    m.insert("description".into(), text(&d.description));
    m.insert("authorize_url".into(), text(&d.authorize_url));
    m.insert("token_url".into(), text(&d.token_url));
    m.insert("refresh_url".into(), opt(&d.refresh_url));
    m.insert("revoke_url".into(), opt(&d.revoke_url));
    m.insert("redirect_url".into(), text(&d.redirect_url));
    m.insert(
        "scopes".into(),
        Value::new_list(d.scopes.iter().map(|s| text(s)).collect()),
    );
    m.insert("client_auth".into(), text(d.client_auth.as_str()));
    m.insert("pkce".into(), Value::Bool(d.pkce));
    m.insert(
        "refresh_margin_secs".into(),
        Value::Int(i64::from(d.refresh_margin_secs)),
    );
    m.insert("client_id".into(), opt(&d.client_id));
    m.insert(
        "client_secret".into(),
        text(if s.has_client_secret {
            "(set, redacted)"
        } else {
            "(not set)"
        }),
    );
    Value::new_map(m)
}

fn list(store: &Store, json: bool) -> Outcome {
    let all = store.connectors().map_err(boxed)?;
    if json {
        println!(
            "{}",
            to_json(&Value::new_list(all.iter().map(summary_value).collect()))
        );
        return Ok(());
    }
    if all.is_empty() {
        println!("no connectors yet: dg connector create NAME --authorize-url URL --token-url URL");
    }
    for s in &all {
        println!(
            "{:<20} {:<13} {}",
            s.definition.name,
            s.status.as_str(),
            s.definition
                .client_id
                .as_deref()
                .unwrap_or("(no client id)")
        );
    }
    Ok(())
}

fn show(store: &Store, name: &str, json: bool) -> Outcome {
    let s = store.connector(name).map_err(boxed)?;
    let value = summary_value(&s);
    if json {
        println!("{}", to_json(&value));
        return Ok(());
    }
    if let Value::Map(m) = &value {
        for (k, v) in m.borrow().iter() {
            println!("{k:<14} {}", v.to_display());
        }
    }
    for (what, params) in [
        ("auth param", &s.definition.auth_params),
        ("token param", &s.definition.token_params),
        ("refresh param", &s.definition.refresh_params),
    ] {
        for (k, v) in params {
            println!("{what:<14} {k}={v}");
        }
    }
    Ok(())
}

fn export(store: &Store, name: &str, output: Option<&Path>) -> Outcome {
    let s = store.connector(name).map_err(boxed)?;
    let apis: Vec<_> = store
        .apis(name)
        .map_err(boxed)?
        .into_iter()
        .map(|a| a.draft)
        .collect();
    let text = manifest::export(&s.definition, &apis).map_err(boxed)?;
    match output {
        None => print!("{text}"),
        Some(path) => std::fs::write(path, text).map_err(|e| {
            boxed(CliError::Read {
                path: path.display().to_string(),
                reason: e.to_string(),
            })
        })?,
    }
    Ok(())
}

fn import(store: &Store, file: &Path) -> Outcome {
    let text = std::fs::read_to_string(file).map_err(|e| {
        boxed(CliError::Read {
            path: file.display().to_string(),
            reason: e.to_string(),
        })
    })?;
    let (definition, apis) = manifest::import(&text).map_err(boxed)?;
    let exists = store
        .find_connector_id(&definition.name)
        .map_err(boxed)?
        .is_some();
    if exists {
        store.update_connector(&definition).map_err(boxed)?;
        println!("updated connector {}", definition.name);
    } else {
        store.create_connector(&definition).map_err(boxed)?;
        println!("created connector {}", definition.name);
    }
    if let Some(apis) = apis {
        store.replace_apis(&definition.name, &apis).map_err(boxed)?;
        println!(
            "{} API draft(s) imported; `dg api publish {}.API` releases each",
            apis.len(),
            definition.name
        );
    }
    Ok(())
}

fn client_of(
    store: &Store,
    s: &Summary,
) -> Result<(String, Option<String>), Box<dyn miette::Diagnostic + Send + Sync>> {
    let id = s.definition.client_id.clone().ok_or_else(|| {
        boxed(CliError::BadSetting {
            reason: format!(
                "connector {} has no client id yet: dg connector credentials {} --client-id ID --client-secret-stdin",
                s.definition.name, s.definition.name
            ),
        })
    })?;
    let secret = store.client_secret(&s.definition.name).map_err(boxed)?;
    Ok((id, secret))
}

fn authorize(store: &Store, a: &AuthorizeArgs) -> Outcome {
    let name = a.name.as_str();
    if a.grant == "client-credentials" {
        return authorize_client_credentials(store, name);
    }
    if let Some(url) = &a.callback_url {
        let cb = code::parse_callback(url).map_err(boxed)?;
        code::complete(store, name, &cb)?;
        println!("authorized {name}");
        return Ok(());
    }
    let (url, state) = code::begin(store, name).map_err(boxed)?;
    println!("Open this URL to authorize {name}:\n{url}");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let cb = if a.no_browser {
        println!("Then paste the full URL your browser was sent to (or finish later with --callback-url URL):");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
        if line.trim().is_empty() {
            return Err(boxed(CliError::BadSetting {
                reason: format!(
                    "no redirected URL given; the authorization stays pending for {} minutes: \
                     dg connector authorize {name} --callback-url URL",
                    code::PENDING_MINUTES
                ),
            }));
        }
        code::parse_callback(&line).map_err(boxed)?
    } else {
        open_browser(&url);
        let redirect = store
            .connector(name)
            .map_err(boxed)?
            .definition
            .redirect_url;
        println!("Waiting for the provider to redirect to {redirect} …");
        let _ = std::io::Write::flush(&mut std::io::stdout());
        code::listen(&redirect, &state, std::time::Duration::from_secs(a.timeout)).map_err(boxed)?
    };
    code::complete(store, name, &cb)?;
    println!("authorized {name}");
    Ok(())
}

/// Opens the URL in a browser when this session has a display; silently does nothing otherwise.
fn open_browser(url: &str) {
    let has_display =
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if has_display && std::env::var_os("DG_NO_BROWSER").is_none() {
        let _ = std::process::Command::new("xdg-open")
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
}

fn authorize_client_credentials(store: &Store, name: &str) -> Outcome {
    let s = store.connector(name).map_err(boxed)?;
    let (id, secret) = client_of(store, &s)?;
    let client = Client {
        id: &id,
        secret: secret.as_deref(),
    };
    let tokens = grant::client_credentials(&s.definition, &client).map_err(boxed)?;
    store
        .save_tokens(
            name,
            &tokens,
            Grant::ClientCredentials,
            Saving::Authorization,
        )
        .map_err(boxed)?;
    let expiry = tokens
        .expires_in
        .map(|s| format!(", expires in {s} s"))
        .unwrap_or_default();
    println!("authorized {name} (client credentials{expiry})");
    Ok(())
}

fn token(store: &Store, name: &str, json: bool) -> Outcome {
    let info = store.token_info(name).map_err(boxed)?;
    let status = store.connector(name).map_err(boxed)?.status;
    let mut m = DgMap::new();
    m.insert("name".into(), Value::text(name));
    m.insert("status".into(), Value::text(status.as_str()));
    if let Some(info) = &info {
        let opt = |t: &Option<String>| t.as_deref().map_or(Value::Null, Value::text);
        m.insert("token_type".into(), opt(&info.token_type));
        m.insert("scope".into(), opt(&info.scope));
        m.insert(
            "expires_at".into(),
            info.expires_at
                .map_or(Value::Null, |t| Value::text(&t.to_rfc3339())),
        );
        m.insert("obtained_at".into(), Value::text(&info.obtained_at));
        m.insert("last_refresh_at".into(), opt(&info.last_refresh_at));
        m.insert(
            "refresh_token".into(),
            Value::text(if info.has_refresh_token {
                "(stored, redacted)"
            } else {
                "(none)"
            }),
        );
    }
    let value = Value::new_map(m);
    if json {
        println!("{}", to_json(&value));
    } else if let Value::Map(m) = &value {
        for (k, v) in m.borrow().iter() {
            println!("{k:<16} {}", v.to_display());
        }
    }
    Ok(())
}

fn revoke(store: &Store, name: &str) -> Outcome {
    let s = store.connector(name).map_err(boxed)?;
    if let Some(url) = &s.definition.revoke_url {
        let (id, secret) = client_of(store, &s)?;
        let client = Client {
            id: &id,
            secret: secret.as_deref(),
        };
        // The refresh token first: it is the one that could mint new access tokens.
        let tokens = [
            (store.refresh_token(name).map_err(boxed)?, "refresh_token"),
            (store.access_token(name).map_err(boxed)?, "access_token"),
        ];
        for (token, hint) in tokens {
            let Some(token) = token else { continue };
            if let Err(e) = grant::revoke(url, s.definition.client_auth, &client, &token, hint) {
                eprintln!("dg: the provider did not confirm revoking the {hint} ({e}); forgetting it anyway");
            }
        }
    }
    let had = store.forget_tokens(name).map_err(boxed)?;
    println!(
        "{}",
        if had {
            format!("forgot the tokens of {name}")
        } else {
            format!("{name} had no tokens")
        }
    );
    Ok(())
}
