//! Connector manifests: a secret-free, human-editable TOML form of a definition and its APIs, for
//! version control. Exporting, importing and exporting again gives the same text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ClientAuth, ConnectorError, Definition, DEFAULT_REFRESH_MARGIN_SECS};
use crate::apis::ApiDef;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
    authorize_url: String,
    token_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    revoke_url: Option<String>,
    #[serde(default)]
    scopes: Vec<String>,
    #[serde(default = "space")]
    scope_separator: String,
    #[serde(default = "basic")]
    client_auth: ClientAuth,
    #[serde(default = "yes")]
    pkce: bool,
    redirect_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    client_id: Option<String>,
    #[serde(default = "margin", skip_serializing_if = "is_default_margin")]
    refresh_margin_secs: u32,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    auth_params: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    token_params: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    refresh_params: BTreeMap<String, String>,
    /// Absent: the connector's APIs are left as they are; present (even empty): they become these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    apis: Option<Vec<ApiDef>>,
}

fn space() -> String {
    " ".to_string()
}

fn basic() -> ClientAuth {
    ClientAuth::Basic
}

fn yes() -> bool {
    true
}

fn margin() -> u32 {
    DEFAULT_REFRESH_MARGIN_SECS
}

fn is_default_margin(secs: &u32) -> bool {
    *secs == DEFAULT_REFRESH_MARGIN_SECS
}

const HEADER: &str =
    "# dg connector manifest: no secrets here; add them with `dg connector credentials`.\n";

/// The manifest text of a definition and its APIs (their drafts).
pub fn export(d: &Definition, apis: &[ApiDef]) -> Result<String, ConnectorError> {
    let m = Manifest {
        name: d.name.clone(),
        description: d.description.clone(),
        authorize_url: d.authorize_url.clone(),
        token_url: d.token_url.clone(),
        refresh_url: d.refresh_url.clone(),
        revoke_url: d.revoke_url.clone(),
        scopes: d.scopes.clone(),
        scope_separator: d.scope_separator.clone(),
        client_auth: d.client_auth,
        pkce: d.pkce,
        redirect_url: d.redirect_url.clone(),
        client_id: d.client_id.clone(),
        refresh_margin_secs: d.refresh_margin_secs,
        auth_params: d.auth_params.clone(),
        token_params: d.token_params.clone(),
        refresh_params: d.refresh_params.clone(),
        apis: (!apis.is_empty()).then(|| apis.to_vec()),
    };
    let body = toml::to_string(&m)
        .map_err(|e| ConnectorError::Invalid(format!("cannot write the manifest: {e}")))?;
    Ok(format!("{HEADER}{body}"))
}

/// Reads a manifest; secrets and unknown keys are refused. The APIs are `None` when the manifest
/// does not mention them.
pub fn import(text: &str) -> Result<(Definition, Option<Vec<ApiDef>>), ConnectorError> {
    let m: Manifest = toml::from_str(text).map_err(|e| {
        let hint = if text.contains("secret") || text.contains("token =") {
            " (manifests never hold secrets or tokens)"
        } else {
            ""
        };
        ConnectorError::Invalid(format!("invalid connector manifest{hint}: {}", e.message()))
    })?;
    let d = Definition {
        name: m.name,
        description: m.description,
        authorize_url: m.authorize_url,
        token_url: m.token_url,
        refresh_url: m.refresh_url,
        revoke_url: m.revoke_url,
        scopes: m.scopes,
        scope_separator: m.scope_separator,
        auth_params: m.auth_params,
        token_params: m.token_params,
        refresh_params: m.refresh_params,
        client_auth: m.client_auth,
        pkce: m.pkce,
        redirect_url: m.redirect_url,
        client_id: m.client_id,
        refresh_margin_secs: m.refresh_margin_secs,
    };
    super::validate(&d)?;
    for api in m.apis.iter().flatten() {
        crate::apis::validate(api)?;
    }
    Ok((d, m.apis))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Definition {
        Definition {
            name: "google".into(),
            description: "Google Contacts".into(),
            authorize_url: "https://accounts.example.com/o/oauth2/auth?access_type=offline".into(),
            token_url: "https://oauth2.example.com/token".into(),
            refresh_url: None,
            revoke_url: Some("https://oauth2.example.com/revoke".into()),
            scopes: vec!["contacts".into(), "profile".into()],
            scope_separator: " ".into(),
            auth_params: BTreeMap::from([("prompt".to_string(), "consent".to_string())]),
            token_params: BTreeMap::new(),
            refresh_params: BTreeMap::new(),
            client_auth: ClientAuth::Body,
            pkce: true,
            redirect_url: Definition::default_redirect_url(),
            client_id: Some("client-123".into()),
            refresh_margin_secs: 300,
        }
    }

    fn sample_apis() -> Vec<ApiDef> {
        let mut api =
            crate::apis::tests::get("contacts", "https://www.example.com/m8/feeds/${user}");
        api.method = "POST".into();
        api.headers
            .insert("Content-Type".into(), "application/atom+xml".into());
        api.body = Some("<entry>\n  <title>${Fname} &amp; co</title>\n</entry>\n".into());
        vec![api]
    }

    #[test]
    fn export_import_export_is_exact() {
        let text = export(&sample(), &sample_apis()).unwrap();
        let (back, apis) = import(&text).unwrap();
        assert_eq!(back, sample());
        assert_eq!(apis.as_deref(), Some(&sample_apis()[..]));
        assert_eq!(export(&back, &sample_apis()).unwrap(), text);
        let (_, none) = import(&export(&sample(), &[]).unwrap()).unwrap();
        assert_eq!(none, None, "a manifest without APIs leaves them alone");
    }

    #[test]
    fn secrets_and_unknown_keys_are_refused() {
        let text = export(&sample(), &[]).unwrap() + "client_secret = \"x\"\n";
        let err = import(&text).unwrap_err().to_string();
        assert!(err.contains("never hold secrets"), "{err}");
        assert!(import("name = \"x\"").is_err());
    }
}
