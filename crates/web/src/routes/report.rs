//! `/report`: any reader reports an article or one of its images, with a reason.
//!
//! `GET /report?kind=article|image&id=…` shows the form (and gives the reader a signed
//! visitor cookie if they have none); `POST /report` checks the origin, the cookie, the CSRF
//! token and the per-address limit, then records the report. The item is hidden once
//! `report_threshold` distinct readers have reported it.

use std::time::Instant;

use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{RawQuery, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use marsad_store::moderation::{ItemKind, ItemRef, ItemStatus, NewReport};
use serde::Deserialize;

use crate::forms::{ClientAddr, check_same_origin};
use crate::layout::Layout;
use crate::links::article_href;
use crate::query_params::Params;
use crate::state::SharedState;
use crate::visitor::{VISITOR_COOKIE, cookie, set_cookie};
use crate::{PageError, WebError};

/// How long a visitor cookie lasts: a year.
const VISITOR_MAX_AGE: u64 = 365 * 24 * 3600;

/// The reasons a reader picks from (value, label).
pub const REASONS: [(&str, &str); 5] = [
    ("abuse", "محتوى مسيء أو عنيف"),
    ("misleading", "معلومات مضللة أو كاذبة"),
    ("privacy", "انتهاك للخصوصية"),
    ("copyright", "انتهاك لحقوق النشر"),
    ("other", "سبب آخر"),
];

/// The longest free-text detail, in characters.
const MAX_DETAILS_CHARS: usize = 400;

#[derive(Template)]
#[template(path = "pages/report.html")]
struct ReportPage {
    layout: Layout,
    kind: &'static str,
    id: String,
    what: String,
    back: String,
    csrf: String,
    reasons: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "pages/report_done.html")]
struct ReportDone {
    layout: Layout,
    counted: bool,
    hidden: bool,
    back: String,
}

/// The item a request names, checked to exist (an article, or an image it has).
async fn find_item(
    state: &SharedState,
    kind: &str,
    id: &str,
) -> Result<(ItemRef, String), WebError> {
    let kind = ItemKind::parse(kind).ok_or(WebError::BadRequest {
        param: "kind",
        problem: "يجب أن يكون article أو image",
    })?;
    if id.is_empty() || id.len() > 512 {
        return Err(WebError::BadRequest {
            param: "id",
            problem: "معرّف غير صالح",
        });
    }
    let item = ItemRef {
        kind,
        id: id.to_owned(),
    };
    let article_id = item.article_id().to_owned();
    let stored = state
        .store
        .articles
        .get(&article_id)
        .await?
        .ok_or_else(|| WebError::NotFound {
            what: format!("reported article {article_id}"),
        })?;
    let what = match kind {
        ItemKind::Article => format!(
            "الخبر «{}»",
            stored
                .article
                .title
                .as_deref()
                .unwrap_or(crate::view::UNTITLED)
        ),
        ItemKind::Image => {
            let n = id
                .rsplit_once('/')
                .and_then(|(_, n)| n.parse::<usize>().ok())
                .filter(|n| *n < stored.article.captions.len())
                .ok_or_else(|| WebError::NotFound {
                    what: format!("image {id}"),
                })?;
            format!("الصورة {} في الخبر", n + 1)
        }
    };
    Ok((item, what))
}

/// `GET /report?kind=&id=`.
pub async fn form(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let params = Params::from_raw(raw.as_deref());
    let kind = params.get("kind").unwrap_or("article");
    let id = params.get("id").unwrap_or_default();
    let (item, what) = find_item(&state, kind, id).await?;
    let key = &state.settings.key;
    let existing = cookie(&headers, VISITOR_COOKIE).and_then(|c| key.visitor_id(c));
    let (visitor, new_cookie) = match existing {
        Some(id) => (id, None),
        None => {
            let (value, id) = key.new_visitor().map_err(|err| {
                tracing::error!(error = %err, "visitor cookie");
                WebError::Forbidden {
                    why: "تعذّر إنشاء جلسة للزائر",
                }
            })?;
            (id, Some(value))
        }
    };
    let html = ReportPage {
        layout: Layout::new("الإبلاغ عن محتوى", ""),
        kind: item.kind.as_str(),
        back: article_href(item.article_id()),
        id: item.id,
        what,
        csrf: key.csrf_token(&visitor),
        reasons: REASONS.to_vec(),
    }
    .render()
    .map_err(WebError::from)?;
    let mut response = Html(html).into_response();
    if let Some(value) = new_cookie
        && let Ok(header) =
            HeaderValue::from_str(&set_cookie(VISITOR_COOKIE, &value, VISITOR_MAX_AGE))
    {
        response.headers_mut().insert(SET_COOKIE, header);
    }
    Ok(response)
}

/// The posted report form.
#[derive(Debug, Deserialize)]
pub struct ReportForm {
    kind: String,
    id: String,
    reason: String,
    #[serde(default)]
    details: String,
    csrf: String,
}

/// `POST /report`.
pub async fn submit(
    State(state): State<SharedState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    form: Result<Form<ReportForm>, FormRejection>,
) -> Result<Html<String>, PageError> {
    check_same_origin(&headers)?;
    let Form(form) =
        form.map_err(|r| crate::forms::body_error(r.status(), "نموذج البلاغ ناقص أو غير صالح"))?;
    let key = &state.settings.key;
    let visitor = cookie(&headers, VISITOR_COOKIE)
        .and_then(|c| key.visitor_id(c))
        .ok_or(WebError::Forbidden {
            why: "جلسة الزائر غير موجودة؛ فعّل ملفات تعريف الارتباط ثم أعد المحاولة",
        })?;
    if !key.check_csrf(&visitor, &form.csrf) {
        return Err(WebError::Forbidden {
            why: "انتهت صلاحية النموذج؛ أعد فتح صفحة البلاغ",
        }
        .into());
    }
    let label = REASONS
        .iter()
        .find(|(value, _)| *value == form.reason)
        .map(|(_, label)| *label)
        .ok_or(WebError::BadRequest {
            param: "reason",
            problem: "اختر سببًا من القائمة",
        })?;
    let (item, _) = find_item(&state, &form.kind, &form.id).await?;
    if !state.limiter.allow(addr, Instant::now()) {
        return Err(WebError::TooManyRequests.into());
    }
    let details: String = form
        .details
        .trim()
        .chars()
        .take(MAX_DETAILS_CHARS)
        .collect();
    let reason = if details.is_empty() {
        label.to_owned()
    } else {
        format!("{label}: {details}")
    };
    let back = article_href(item.article_id());
    let outcome = state
        .store
        .moderation
        .report(
            &NewReport {
                item,
                reporter: key.reporter(&visitor),
                reason,
                at: Utc::now(),
            },
            state.settings.report_threshold,
        )
        .await
        .map_err(WebError::from)?;
    let html = ReportDone {
        layout: Layout::new("شكرًا على البلاغ", ""),
        counted: outcome.counted,
        hidden: outcome.status.is_hidden() && outcome.status != ItemStatus::Restored,
        back,
    }
    .render()
    .map_err(WebError::from)?;
    Ok(Html(html))
}
