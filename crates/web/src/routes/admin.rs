//! Administration over the web, when `marsad serve --admin-token` is set: the moderation
//! queue, restoring or removing an item, and the audit log (the same as `marsad admin`).
//!
//! Pages: `GET /admin` (a login form, or the queue), `POST /admin/login`, `POST /admin/decide`,
//! `POST /admin/logout`, `GET /admin/log`. The session is an HttpOnly, SameSite=Strict cookie
//! derived from the token; every form carries a CSRF token derived from the session, and
//! every POST checks the origin. JSON: `GET /api/admin/queue`, `GET /api/admin/log` and
//! `POST /api/admin/decide`, authorised by `Authorization: Bearer <token>` (no cookie, so
//! no CSRF exposure).

use askama::Template;
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{RawQuery, State};
use axum::http::header::{AUTHORIZATION, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::{Form, Json};
use chrono::Utc;
use marsad_store::moderation::{AuditEntry, Decision, ItemKind, ItemRef, QueueEntry};
use serde::{Deserialize, Serialize};

use crate::forms::check_same_origin;
use crate::layout::Layout;
use crate::links::{article_href, with_query};
use crate::query_params::{self, Params};
use crate::routes::api::SCHEMA;
use crate::state::SharedState;
use crate::visitor::{ADMIN_COOKIE, cookie, set_cookie, token_matches};
use crate::{ApiError, PageError, WebError};

/// Items or log lines per page.
const PER_PAGE: usize = 50;
/// An admin session lasts 12 hours.
const SESSION_MAX_AGE: u64 = 12 * 3600;
/// The actor name for decisions made over the web.
const WEB_ACTOR: &str = "admin (web)";

fn configured(state: &SharedState) -> Option<&str> {
    state
        .settings
        .admin_token
        .as_deref()
        .filter(|t| !t.is_empty())
}

/// The session cookie value, when the request carries a valid one.
fn session(state: &SharedState, headers: &HeaderMap) -> Option<String> {
    let token = configured(state)?;
    let expected = state.settings.key.admin_session(token);
    let given = cookie(headers, ADMIN_COOKIE)?;
    token_matches(given, &expected).then_some(expected)
}

/// A queue entry as the admin page shows it.
struct QueueRow {
    kind: &'static str,
    id: String,
    href: String,
    status: &'static str,
    reporters: u32,
    reasons: Vec<String>,
    last: String,
}

impl QueueRow {
    fn new(entry: &QueueEntry) -> QueueRow {
        QueueRow {
            kind: entry.item.kind.as_str(),
            id: entry.item.id.clone(),
            href: article_href(entry.item.article_id()),
            status: status_label(entry.status.as_str()),
            reporters: entry.reporters,
            reasons: entry.reasons.clone(),
            last: entry.last_reported.format("%Y-%m-%d %H:%M").to_string(),
        }
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "hidden" => "مخفي",
        "reported" => "مُبلغ عنه",
        "restored" => "مستعاد",
        "removed" => "محذوف",
        _ => "؟",
    }
}

#[derive(Template)]
#[template(path = "pages/admin.html")]
struct AdminPage {
    layout: Layout,
    enabled: bool,
    logged_in: bool,
    rows: Vec<QueueRow>,
    csrf: String,
    next: Option<String>,
}

struct LogRow {
    at: String,
    actor: String,
    action: &'static str,
    kind: &'static str,
    id: String,
    note: String,
}

#[derive(Template)]
#[template(path = "pages/admin_log.html")]
struct AdminLogPage {
    layout: Layout,
    rows: Vec<LogRow>,
    next: Option<String>,
}

fn page_of(raw: Option<&str>) -> Result<usize, WebError> {
    let params = Params::from_raw(raw);
    query_params::page(params.get("page"), PER_PAGE, query_params::MAX_LIST_OFFSET)
}

/// `GET /admin`.
pub async fn show(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let page = page_of(raw.as_deref())?;
    let session = session(&state, &headers);
    let mut rows = Vec::new();
    if session.is_some() {
        let queue = state
            .store
            .moderation
            .queue(PER_PAGE + 1, (page - 1) * PER_PAGE)
            .await
            .map_err(WebError::from)?;
        rows = queue.iter().map(QueueRow::new).collect();
    }
    let more = rows.len() > PER_PAGE;
    rows.truncate(PER_PAGE);
    let page = AdminPage {
        layout: Layout::new("الإدارة", ""),
        enabled: configured(&state).is_some(),
        logged_in: session.is_some(),
        csrf: session
            .as_deref()
            .map(|s| state.settings.key.csrf_token(s))
            .unwrap_or_default(),
        rows,
        next: more.then(|| with_query("/admin", &[("page", &(page + 1).to_string())])),
    };
    let status = if page.logged_in || !page.enabled {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    };
    let html = page.render().map_err(WebError::from)?;
    Ok((status, Html(html)).into_response())
}

/// The login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    token: String,
}

fn see_other(to: &str, cookie: Option<String>) -> Response {
    let mut response = (StatusCode::SEE_OTHER, [(LOCATION, to.to_owned())]).into_response();
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(SET_COOKIE, cookie);
    }
    response
}

/// `POST /admin/login`.
pub async fn login(
    State(state): State<SharedState>,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Result<Response, PageError> {
    check_same_origin(&headers)?;
    let Form(form) = form.map_err(|_| WebError::Unauthorized)?;
    let token = configured(&state).ok_or(WebError::Unauthorized)?;
    if !token_matches(form.token.trim(), token) {
        return Err(WebError::Unauthorized.into());
    }
    let value = state.settings.key.admin_session(token);
    Ok(see_other(
        "/admin",
        Some(set_cookie(ADMIN_COOKIE, &value, SESSION_MAX_AGE)),
    ))
}

/// `POST /admin/logout`.
pub async fn logout(headers: HeaderMap) -> Result<Response, PageError> {
    check_same_origin(&headers)?;
    Ok(see_other("/admin", Some(set_cookie(ADMIN_COOKIE, "", 0))))
}

/// A decision, as the admin page's forms and the JSON API post it.
#[derive(Debug, Deserialize)]
pub struct DecideForm {
    kind: String,
    id: String,
    decision: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    csrf: String,
}

fn parse_decision(form: &DecideForm) -> Result<(ItemRef, Decision, Option<String>), WebError> {
    let kind = ItemKind::parse(&form.kind).ok_or(WebError::BadRequest {
        param: "kind",
        problem: "يجب أن يكون article أو image",
    })?;
    let decision = match form.decision.as_str() {
        "restore" => Decision::Restore,
        "remove" => Decision::Remove,
        _ => {
            return Err(WebError::BadRequest {
                param: "decision",
                problem: "يجب أن يكون restore أو remove",
            });
        }
    };
    if form.id.is_empty() || form.id.len() > 512 {
        return Err(WebError::BadRequest {
            param: "id",
            problem: "معرّف غير صالح",
        });
    }
    let note: String = form.note.trim().chars().take(500).collect();
    Ok((
        ItemRef {
            kind,
            id: form.id.clone(),
        },
        decision,
        Some(note).filter(|n| !n.is_empty()),
    ))
}

/// `POST /admin/decide`.
pub async fn decide(
    State(state): State<SharedState>,
    headers: HeaderMap,
    form: Result<Form<DecideForm>, FormRejection>,
) -> Result<Response, PageError> {
    check_same_origin(&headers)?;
    let session = session(&state, &headers).ok_or(WebError::Unauthorized)?;
    let Form(form) = form.map_err(|r| crate::forms::body_error(r.status(), "النموذج ناقص"))?;
    if !state.settings.key.check_csrf(&session, &form.csrf) {
        return Err(WebError::Forbidden {
            why: "انتهت صلاحية النموذج؛ أعد تحميل صفحة الإدارة",
        }
        .into());
    }
    let (item, decision, note) = parse_decision(&form)?;
    state
        .store
        .moderation
        .decide(&item, decision, WEB_ACTOR, note.as_deref(), Utc::now())
        .await
        .map_err(WebError::from)?;
    Ok(see_other("/admin", None))
}

/// `GET /admin/log`.
pub async fn log_page(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, PageError> {
    session(&state, &headers).ok_or(WebError::Unauthorized)?;
    let page = page_of(raw.as_deref())?;
    let mut log = state
        .store
        .moderation
        .audit_log(PER_PAGE + 1, (page - 1) * PER_PAGE)
        .await?;
    let more = log.len() > PER_PAGE;
    log.truncate(PER_PAGE);
    let rows = log
        .iter()
        .map(|e| LogRow {
            at: e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            // Reporter ids are keyed hashes: show a short prefix, enough to tell them apart.
            actor: e.actor.chars().take(16).collect(),
            action: e.action.as_str(),
            kind: e.item.kind.as_str(),
            id: e.item.id.clone(),
            note: e.note.clone().unwrap_or_default(),
        })
        .collect();
    Ok(Html(
        AdminLogPage {
            layout: Layout::new("سجل الإدارة", ""),
            rows,
            next: more.then(|| with_query("/admin/log", &[("page", &(page + 1).to_string())])),
        }
        .render()?,
    ))
}

/// Authorise a JSON API call by its bearer token.
fn bearer(state: &SharedState, headers: &HeaderMap) -> Result<(), WebError> {
    let token = configured(state).ok_or(WebError::Unauthorized)?;
    let given = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(WebError::Unauthorized)?;
    if token_matches(given.trim(), token) {
        Ok(())
    } else {
        Err(WebError::Unauthorized)
    }
}

#[derive(Serialize)]
struct QueueAnswer<'a> {
    schema: u32,
    limit: usize,
    offset: usize,
    items: &'a [QueueEntry],
}

#[derive(Serialize)]
struct LogAnswer<'a> {
    schema: u32,
    limit: usize,
    offset: usize,
    entries: &'a [AuditEntry],
}

#[derive(Serialize)]
struct DecideAnswer<'a> {
    schema: u32,
    item: &'a ItemRef,
    status: &'static str,
}

fn limits(raw: Option<&str>) -> Result<(usize, usize), WebError> {
    let params = Params::from_raw(raw);
    Ok((
        query_params::limit(params.get("limit"), PER_PAGE)?,
        query_params::offset(params.get("offset"), query_params::MAX_LIST_OFFSET)?,
    ))
}

/// `GET /api/admin/queue?limit=&offset=`.
pub async fn api_queue(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    bearer(&state, &headers)?;
    let (limit, offset) = limits(raw.as_deref())?;
    let items = state.store.moderation.queue(limit, offset).await?;
    Ok(super::api::to_json(&QueueAnswer {
        schema: SCHEMA,
        limit,
        offset,
        items: &items,
    })?)
}

/// `GET /api/admin/log?limit=&offset=`.
pub async fn api_log(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    bearer(&state, &headers)?;
    let (limit, offset) = limits(raw.as_deref())?;
    let entries = state.store.moderation.audit_log(limit, offset).await?;
    Ok(super::api::to_json(&LogAnswer {
        schema: SCHEMA,
        limit,
        offset,
        entries: &entries,
    })?)
}

/// `POST /api/admin/decide` with `{"kind", "id", "decision": "restore"|"remove", "note"?}`.
pub async fn api_decide(
    State(state): State<SharedState>,
    headers: HeaderMap,
    body: Result<Json<DecideForm>, JsonRejection>,
) -> Result<Response, ApiError> {
    bearer(&state, &headers)?;
    let Json(form) = body
        .map_err(|r| crate::forms::body_error(r.status(), "يلزم JSON فيه kind و id و decision"))?;
    let (item, decision, note) = parse_decision(&form)?;
    let status = state
        .store
        .moderation
        .decide(&item, decision, "admin (api)", note.as_deref(), Utc::now())
        .await?;
    Ok(super::api::to_json(&DecideAnswer {
        schema: SCHEMA,
        item: &item,
        status: status.as_str(),
    })?)
}
