//! A local test server on 127.0.0.1 (a free port): fixture feeds, sitemaps, robots.txt,
//! pages, redirects, slow and huge responses, 304s, 500s and windows-1256 pages.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

/// What a path answers.
#[derive(Clone)]
pub enum Route {
    /// A body with a content type (ETag given: 304 on a matching If-None-Match).
    Body {
        content_type: &'static str,
        body: Vec<u8>,
        etag: Option<&'static str>,
    },
    /// This status, no body.
    Status(u16),
    /// 500 for the first `n` requests, then the body.
    FlakyThen(u32, Vec<u8>),
    /// A redirect to the location.
    Redirect(String),
    /// Wait, then a small body.
    Slow(Duration),
    /// A body of this many bytes.
    Huge(usize),
}

#[derive(Default)]
pub struct State_ {
    pub routes: Mutex<HashMap<String, Route>>,
    /// (path, start, end) of every request.
    pub log: Mutex<Vec<(String, Instant, Instant)>>,
    hits: Mutex<HashMap<String, u32>>,
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub state: Arc<State_>,
}

impl Server {
    pub async fn start() -> Server {
        let state = Arc::new(State_::default());
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Server { addr, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn route(&self, path: &str, route: Route) {
        self.state
            .routes
            .lock()
            .unwrap()
            .insert(path.to_owned(), route);
    }

    pub fn body(&self, path: &str, content_type: &'static str, body: impl Into<Vec<u8>>) {
        self.route(
            path,
            Route::Body {
                content_type,
                body: body.into(),
                etag: None,
            },
        );
    }

    /// Requests to `path` so far, with their start and end.
    pub fn requests(&self, path: &str) -> Vec<(Instant, Instant)> {
        self.state
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _, _)| p == path)
            .map(|(_, s, e)| (*s, *e))
            .collect()
    }
}

async fn handle(State(state): State<Arc<State_>>, request: Request) -> Response {
    let start = Instant::now();
    let path = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let route = state.routes.lock().unwrap().get(&path).cloned();
    let hit = {
        let mut hits = state.hits.lock().unwrap();
        let n = hits.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    let response = respond(route, hit, request.headers()).await;
    state
        .log
        .lock()
        .unwrap()
        .push((path, start, Instant::now()));
    response
}

async fn respond(route: Option<Route>, hit: u32, headers: &HeaderMap) -> Response {
    let status = |code: u16| {
        Response::builder()
            .status(StatusCode::from_u16(code).unwrap())
            .body(Body::empty())
            .unwrap()
    };
    match route {
        None => status(404),
        Some(Route::Status(code)) => status(code),
        Some(Route::Body {
            content_type,
            body,
            etag,
        }) => {
            if let Some(etag) = etag
                && headers
                    .get(header::IF_NONE_MATCH)
                    .and_then(|v| v.to_str().ok())
                    == Some(etag)
            {
                return status(304);
            }
            let mut response = Response::builder()
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(body))
                .unwrap();
            if let Some(etag) = etag {
                response
                    .headers_mut()
                    .insert(header::ETAG, HeaderValue::from_static(etag));
            }
            response
        }
        Some(Route::FlakyThen(n, body)) => {
            if hit <= n {
                status(500)
            } else {
                Response::builder()
                    .header(header::CONTENT_TYPE, "text/plain")
                    .body(Body::from(body))
                    .unwrap()
            }
        }
        Some(Route::Redirect(location)) => Response::builder()
            .status(StatusCode::FOUND)
            .header(header::LOCATION, location)
            .body(Body::empty())
            .unwrap(),
        Some(Route::Slow(wait)) => {
            tokio::time::sleep(wait).await;
            Response::builder().body(Body::from("late")).unwrap()
        }
        Some(Route::Huge(n)) => Response::builder()
            .header(header::CONTENT_TYPE, "text/html")
            .body(Body::from(vec![b'a'; n]))
            .unwrap(),
    }
}

/// An article page `i` (Arabic, distinct text).
pub fn article_html(i: usize) -> String {
    format!(
        "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>الخبر رقم {i}</title></head><body>\
<nav><a href=\"/\">الرئيسية</a></nav><article><h1>الخبر رقم {i}: وصول الوفد إلى المدينة</h1>\
<p>قال المتحدث باسم الوزارة إن الوفد رقم {i} وصل صباح اليوم إلى المدينة في زيارة رسمية تستمر ثلاثة أيام.</p>\
<p>وأضاف أن الزيارة رقم {i} تتناول التعاون الاقتصادي والثقافي بين البلدين، وأن اتفاقيات جديدة ستوقع في ختامها.</p>\
<p>وأشار إلى أن اللقاءات ستشمل مسؤولين ورجال أعمال، وأن الجانبين يأملان في نتائج ملموسة خلال العام المقبل.</p>\
</article><footer>جميع الحقوق محفوظة</footer></body></html>"
    )
}

/// An RSS 2.0 feed of these links.
pub fn rss(links: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>أخبار</title><link>http://x/</link><description>d</description>",
    );
    for (i, link) in links.iter().enumerate() {
        xml.push_str(&format!(
            "<item><title>خبر {i}</title><link>{link}</link><pubDate>Tue, 05 Mar 2024 10:{:02}:00 +0300</pubDate></item>",
            i % 60
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

/// A urlset of these links.
pub fn urlset(links: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
    );
    for link in links {
        xml.push_str(&format!(
            "<url><loc>{link}</loc><lastmod>2024-03-05</lastmod></url>"
        ));
    }
    xml.push_str("</urlset>");
    xml
}
