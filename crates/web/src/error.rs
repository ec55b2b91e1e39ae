//! Every way a request can fail, mapped to an HTTP status, a stable snake_case code and an
//! Arabic message in one place; [`ApiError`] renders it as JSON and [`PageError`] as a page.

use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

use crate::layout::Layout;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebError {
    /// No such article, page or API route.
    #[error("not found: {what}")]
    NotFound {
        /// What was asked for, for the log.
        what: String,
    },
    /// A query parameter is malformed or out of range.
    #[error("bad parameter {param}: {problem}")]
    BadRequest {
        /// The parameter's name (`limit`, `offset`, `page`, `q`).
        param: &'static str,
        /// What is expected of it, in Arabic (shown to the user).
        problem: &'static str,
    },
    /// The item was hidden after readers' reports, or removed by an administrator.
    #[error("hidden: {what}")]
    Hidden {
        /// What was asked for, for the log.
        what: String,
    },
    /// A form was posted without a valid session cookie, CSRF token or same-site origin.
    #[error("forbidden: {why}")]
    Forbidden {
        /// Why, in Arabic (shown to the user).
        why: &'static str,
    },
    /// The administrator's token is missing or wrong (or none is configured).
    #[error("unauthorized")]
    Unauthorized,
    /// The request body is larger than the limit.
    #[error("request body too large")]
    TooLarge,
    /// Too many reports from one address.
    #[error("rate limited")]
    TooManyRequests,
    /// The store or the index failed.
    #[error("store: {0}")]
    Store(#[from] marsad_store::Error),
    /// A page template failed to render.
    #[error("render: {0}")]
    Render(#[from] askama::Error),
    /// An answer could not be serialised.
    #[error("serialise json: {0}")]
    Json(#[from] serde_json::Error),
    /// A feed could not be written.
    #[error("write feed: {0}")]
    Feed(#[from] std::io::Error),
    /// A blocking task (the search) panicked or was cancelled.
    #[error("blocking task: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl WebError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound { .. } => StatusCode::NOT_FOUND,
            WebError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            WebError::Hidden { .. } => StatusCode::GONE,
            WebError::Forbidden { .. } => StatusCode::FORBIDDEN,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            WebError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Store(_)
            | WebError::Render(_)
            | WebError::Json(_)
            | WebError::Feed(_)
            | WebError::Task(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine code: `not_found`, `bad_request`, `hidden`, `forbidden`,
    /// `unauthorized`, `rate_limited`, `too_large` or `internal`.
    pub fn code(&self) -> &'static str {
        match self.status() {
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::BAD_REQUEST => "bad_request",
            StatusCode::GONE => "hidden",
            StatusCode::FORBIDDEN => "forbidden",
            StatusCode::UNAUTHORIZED => "unauthorized",
            StatusCode::TOO_MANY_REQUESTS => "rate_limited",
            StatusCode::PAYLOAD_TOO_LARGE => "too_large",
            _ => "internal",
        }
    }

    /// The message for the reader, in Arabic; internal details never appear in it.
    pub fn message(&self) -> String {
        match self {
            WebError::NotFound { .. } => {
                "لم نجد ما تبحث عنه: ربما حُذف أو أن الرابط غير صحيح.".to_owned()
            }
            WebError::BadRequest { param, problem } => {
                format!("قيمة المعامل «{param}» غير صالحة: {problem}.")
            }
            WebError::Hidden { .. } => {
                "أُخفي هذا المحتوى بعد بلاغات القراء، بانتظار مراجعة الإدارة.".to_owned()
            }
            WebError::Forbidden { why } => format!("تعذّر قبول الطلب: {why}."),
            WebError::Unauthorized => "يلزم رمز الإدارة للوصول إلى هذه الصفحة.".to_owned(),
            WebError::TooLarge => "الطلب أكبر من الحد المسموح به.".to_owned(),
            WebError::TooManyRequests => {
                "أرسلت بلاغات كثيرة في وقت قصير. حاول مرة أخرى بعد ساعة.".to_owned()
            }
            WebError::Store(_)
            | WebError::Render(_)
            | WebError::Json(_)
            | WebError::Feed(_)
            | WebError::Task(_) => "حدث خطأ داخلي في الخادم. حاول مرة أخرى بعد قليل.".to_owned(),
        }
    }

    /// The parameter at fault, for `bad_request`.
    fn param(&self) -> Option<&'static str> {
        match self {
            WebError::BadRequest { param, .. } => Some(param),
            _ => None,
        }
    }

    /// Log server-side failures with their details (which the response never carries).
    fn log(&self) {
        if self.status().is_server_error() {
            tracing::error!(error = %self, code = self.code(), "request failed");
        } else {
            tracing::debug!(error = %self, code = self.code(), "request refused");
        }
    }
}

/// A failure of a JSON API request: `{"error":{"code", "message", "param"?}}`.
#[derive(Debug)]
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(err: E) -> Self {
        ApiError(err.into())
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    param: Option<&'a str>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let err = self.0;
        err.log();
        let body = ErrorBody {
            error: ErrorDetail {
                code: err.code(),
                message: err.message(),
                param: err.param(),
            },
        };
        (err.status(), Json(body)).into_response()
    }
}

/// A failure of a reader page: an Arabic error page with the right status.
#[derive(Debug)]
pub struct PageError(pub WebError);

impl<E: Into<WebError>> From<E> for PageError {
    fn from(err: E) -> Self {
        PageError(err.into())
    }
}

#[derive(Template)]
#[template(path = "pages/error.html")]
struct ErrorPage {
    layout: Layout,
    status: u16,
    heading: &'static str,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let err = self.0;
        err.log();
        let status = err.status();
        let heading = match status {
            StatusCode::NOT_FOUND => "الصفحة غير موجودة",
            StatusCode::BAD_REQUEST => "طلب غير صالح",
            StatusCode::GONE => "محتوى مخفي",
            StatusCode::FORBIDDEN => "طلب مرفوض",
            StatusCode::UNAUTHORIZED => "دخول الإدارة",
            StatusCode::TOO_MANY_REQUESTS => "بلاغات كثيرة",
            StatusCode::PAYLOAD_TOO_LARGE => "طلب كبير",
            _ => "خطأ في الخادم",
        };
        let page = ErrorPage {
            layout: Layout::new(heading, ""),
            status: status.as_u16(),
            heading,
            message: err.message(),
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(render) => {
                tracing::error!(error = %render, "error page failed to render");
                (status, err.message()).into_response()
            }
        }
    }
}
