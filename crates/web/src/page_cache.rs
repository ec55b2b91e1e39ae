//! A short-lived cache of rendered pages and API answers ("microcaching").
//!
//! Every public `GET` (pages, feeds, the JSON API) is the same for every reader, apart from
//! the digits they chose and the host name feeds put in their links, so a page rendered for
//! one reader can be sent to the next for a moment. Under load most requests then cost a copy
//! of the bytes instead of a store read and a template. An entry is fresh for the configured
//! time (`marsad serve --page-cache-ms`; 0 turns the cache off); for as long again it is
//! still sent, once, while the same request renders it anew in the background ("stale while
//! revalidate": readers of a busy page never wait for a render), and after that it is
//! rendered for the reader who asks. So what another process writes (an ingest worker) shows
//! within twice that time plus a render; any write request this process serves (a report
//! that hides an item, an administrator's decision) empties the cache at once, and a render
//! begun before such a write is not kept.
//!
//! When the store can tell whether anything changed ([`Store::version`](marsad_store::Store::version),
//! watched by the server every [`VERSION_POLL`]), an entry whose time is up but whose store
//! version is still the one it was rendered under is kept as fresh without a render, for up
//! to [`MAX_UNCHANGED`] after its render: an idle store's pages cost a copy, not a search. The
//! bound is for what changes without a write: the home page's keyword cloud and ranking,
//! rebuilt each minute against the clock.
//!
//! Not cached: anything but `GET`, the report form and the administration (they carry
//! per-visitor tokens), health checks, answers other than 200, answers that set a cookie,
//! and answers larger than [`MAX_ENTRY_BYTES`]. The cache is bounded in entries and bytes and
//! drops the least recently used first (the `lru` crate).

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, COOKIE, HOST, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lru::LruCache;

use crate::state::SharedState;

/// The largest answer kept (bigger ones are rare and cheap to skip).
pub const MAX_ENTRY_BYTES: usize = 1 << 20;
/// The most entries kept.
const MAX_ENTRIES: usize = 4096;
/// The most bytes kept, all entries together.
const MAX_TOTAL_BYTES: usize = 64 << 20;
/// Paths never cached: per-visitor forms, administration, health.
const UNCACHED_PREFIXES: &[&str] = &["/report", "/admin", "/healthz"];
/// How often the server reads the store's version.
pub const VERSION_POLL: Duration = Duration::from_millis(250);
/// The longest an entry is kept past its time because the store has not changed.
pub const MAX_UNCHANGED: Duration = Duration::from_secs(60);

/// One kept answer.
struct Entry {
    /// When it was rendered, or last found unchanged.
    at: Instant,
    /// When it was rendered.
    rendered: Instant,
    /// The store's version when its render began (`None`: unknown).
    version: Option<u64>,
    content_type: Option<HeaderValue>,
    body: Bytes,
    /// A background render of it is running.
    refreshing: bool,
}

struct Inner {
    entries: LruCache<String, Entry>,
    bytes: usize,
    /// Bumped by every [`PageCache::clear`]: a render begun under an older generation is not
    /// kept (it may show what a write just changed).
    generation: u64,
    /// The store's version as last read (`None`: unknown).
    version: Option<u64>,
}

/// What a render is kept under: the cache's generation and the store's version when it began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ticket {
    generation: u64,
    version: Option<u64>,
}

/// What the cache holds for a key.
enum Lookup {
    /// Fresh: send it.
    Fresh(Option<HeaderValue>, Bytes),
    /// Stale: send it, and render it anew in the background (this caller is the one to).
    Refresh(Option<HeaderValue>, Bytes, Ticket),
    /// Nothing usable: render it (then keep it under this ticket).
    Miss(Ticket),
}

/// The cache of rendered answers (see the module doc).
pub struct PageCache {
    ttl: Duration,
    inner: Mutex<Inner>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache").field("ttl", &self.ttl).finish()
    }
}

impl PageCache {
    /// A cache keeping answers for `ttl` (zero: nothing is kept).
    pub fn new(ttl: Duration) -> PageCache {
        PageCache {
            ttl,
            inner: Mutex::new(Inner {
                entries: LruCache::new(NonZeroUsize::new(MAX_ENTRIES).unwrap_or(NonZeroUsize::MIN)),
                bytes: 0,
                generation: 0,
                version: None,
            }),
        }
    }

    /// Whether the cache keeps anything.
    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    /// Forget every answer (after this process changed what pages show).
    pub fn clear(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.entries.clear();
            inner.bytes = 0;
            inner.generation += 1;
        }
    }

    /// Record the store's version (see [`Store::version`](marsad_store::Store::version)):
    /// entries rendered under it stay fresh past their time.
    pub fn set_version(&self, version: Option<u64>) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.version = version;
        }
    }

    /// How many answers are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.inner.lock().map_or(0, |inner| inner.entries.len())
    }

    /// Whether no answer is kept.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lookup(&self, key: &str) -> Lookup {
        let Ok(mut inner) = self.inner.lock() else {
            return Lookup::Miss(Ticket {
                generation: u64::MAX,
                version: None,
            });
        };
        let ticket = Ticket {
            generation: inner.generation,
            version: inner.version,
        };
        let Some(entry) = inner.entries.get_mut(key) else {
            return Lookup::Miss(ticket);
        };
        let mut age = entry.at.elapsed();
        if age >= self.ttl
            && !entry.refreshing
            && entry.version.is_some()
            && entry.version == ticket.version
            && entry.rendered.elapsed() < MAX_UNCHANGED
        {
            // Nothing was written since it was rendered: as good as new.
            entry.at = Instant::now();
            age = Duration::ZERO;
        }
        if age < self.ttl {
            return Lookup::Fresh(entry.content_type.clone(), entry.body.clone());
        }
        if age < self.ttl.saturating_mul(2) {
            if entry.refreshing {
                return Lookup::Fresh(entry.content_type.clone(), entry.body.clone());
            }
            entry.refreshing = true;
            return Lookup::Refresh(entry.content_type.clone(), entry.body.clone(), ticket);
        }
        if let Some(old) = inner.entries.pop(key) {
            inner.bytes -= old.body.len();
        }
        Lookup::Miss(ticket)
    }

    /// Keep an answer rendered under `ticket` (dropped when the cache was cleared since).
    fn put(&self, key: String, ticket: Ticket, content_type: Option<HeaderValue>, body: Bytes) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.generation != ticket.generation {
            return;
        }
        let size = body.len();
        let now = Instant::now();
        let entry = Entry {
            at: now,
            rendered: now,
            version: ticket.version,
            content_type,
            body,
            refreshing: false,
        };
        if let Some((_, old)) = inner.entries.push(key, entry) {
            // The same key replaced, or the least recently used one evicted.
            inner.bytes -= old.body.len();
        }
        inner.bytes += size;
        while inner.bytes > MAX_TOTAL_BYTES {
            match inner.entries.pop_lru() {
                Some((_, old)) => inner.bytes -= old.body.len(),
                None => break,
            }
        }
    }

    /// A background render failed or was not keepable: let the next reader try again.
    fn refresh_failed(&self, key: &str) {
        if let Ok(mut inner) = self.inner.lock()
            && let Some(entry) = inner.entries.peek_mut(key)
        {
            entry.refreshing = false;
        }
    }
}

/// The cache key of a request, or `None` when its answer is never cached.
fn key_of(method: &Method, uri: &axum::http::Uri, headers: &HeaderMap) -> Option<String> {
    if method != Method::GET {
        return None;
    }
    let path = uri.path();
    if UNCACHED_PREFIXES
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
    {
        return None;
    }
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .unwrap_or("")
    };
    // The digits a reader chose live in a cookie; feeds put the host in their links.
    let digits = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .find_map(|c| {
            c.strip_prefix(crate::digits::DIGITS_COOKIE)?
                .strip_prefix('=')
        })
        .unwrap_or("");
    let target = uri.path_and_query().map_or(path, |pq| pq.as_str());
    Some(format!("{}\n{digits}\n{target}", header(HOST)))
}

/// The middleware: answer from the cache when it can, else run the handler and keep its
/// answer when it may be kept.
pub async fn serve_cached(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let cache = &state.pages;
    let key = if cache.enabled() {
        key_of(request.method(), request.uri(), request.headers())
    } else {
        None
    };
    let Some(key) = key else {
        let changes =
            cache.enabled() && request.method() != Method::GET && request.method() != Method::HEAD;
        let response = next.run(request).await;
        // A report, a decision or any other write this process made may change what public
        // pages show: forget them all (writes are rare next to reads).
        if changes && !response.status().is_client_error() {
            cache.clear();
        }
        return response;
    };
    let ticket = match cache.lookup(&key) {
        Lookup::Fresh(content_type, body) => return answer(StatusCode::OK, content_type, body),
        Lookup::Refresh(content_type, body, ticket) => {
            let (state, key) = (state.clone(), key);
            tokio::spawn(async move {
                let response = next.run(request).await;
                let (_, kept) = keep(&state.pages, key.clone(), ticket, response).await;
                if !kept {
                    state.pages.refresh_failed(&key);
                }
            });
            return answer(StatusCode::OK, content_type, body);
        }
        Lookup::Miss(ticket) => ticket,
    };
    let response = next.run(request).await;
    keep(cache, key, ticket, response).await.0
}

/// Keep `response` when it may be kept; the response to send, and whether it was kept.
async fn keep(
    cache: &PageCache,
    key: String,
    ticket: Ticket,
    response: Response,
) -> (Response, bool) {
    if response.status() != StatusCode::OK || response.headers().contains_key(SET_COOKIE) {
        return (response, false);
    }
    // Rendered pages and JSON answers have a known length; a streamed or large body is sent
    // as it is, unkept.
    let keepable = response
        .body()
        .size_hint()
        .exact()
        .is_some_and(|n| usize::try_from(n).is_ok_and(|n| n <= MAX_ENTRY_BYTES));
    if !keepable {
        return (response, false);
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_ENTRY_BYTES).await {
        Ok(bytes) => {
            cache.put(
                key,
                ticket,
                parts.headers.get(CONTENT_TYPE).cloned(),
                bytes.clone(),
            );
            (Response::from_parts(parts, Body::from(bytes)), true)
        }
        // The body failed while read (its exact size was announced): nothing to send.
        Err(error) => {
            tracing::warn!(%error, "a rendered answer could not be read");
            (StatusCode::INTERNAL_SERVER_ERROR.into_response(), false)
        }
    }
}

fn answer(status: StatusCode, content_type: Option<HeaderValue>, body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    if let Some(content_type) = content_type {
        response.headers_mut().insert(CONTENT_TYPE, content_type);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> axum::http::Uri {
        s.parse().expect("uri")
    }

    #[test]
    fn keys_tell_digits_and_hosts_apart_and_skip_private_paths() {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("a.example"));
        let plain = key_of(&Method::GET, &uri("/search?q=x"), &headers);
        assert!(plain.is_some());
        headers.insert(
            COOKIE,
            HeaderValue::from_static("x=1; marsad_digits=eastern"),
        );
        let eastern = key_of(&Method::GET, &uri("/search?q=x"), &headers);
        assert_ne!(plain, eastern);
        assert_ne!(eastern, key_of(&Method::GET, &uri("/search?q=y"), &headers));
        assert_eq!(key_of(&Method::POST, &uri("/search?q=x"), &headers), None);
        for private in [
            "/report",
            "/report?id=1",
            "/admin",
            "/admin/log",
            "/healthz",
        ] {
            assert_eq!(
                key_of(&Method::GET, &uri(private), &headers),
                None,
                "{private}"
            );
        }
        assert!(key_of(&Method::GET, &uri("/reports-of-the-day"), &headers).is_some());
    }

    fn ticket(generation: u64, version: Option<u64>) -> Ticket {
        Ticket {
            generation,
            version,
        }
    }

    fn body_of(lookup: Lookup) -> Option<Bytes> {
        match lookup {
            Lookup::Fresh(_, body) => Some(body),
            _ => None,
        }
    }

    #[test]
    fn entries_turn_stale_then_expire_and_the_cache_stays_within_its_bytes() {
        let cache = PageCache::new(Duration::from_millis(200));
        cache.put(
            "a".into(),
            ticket(0, None),
            None,
            Bytes::from_static(b"one"),
        );
        assert_eq!(body_of(cache.lookup("a")), Some(Bytes::from_static(b"one")));
        std::thread::sleep(Duration::from_millis(210));
        // Stale: the first reader sends it and renders it anew; the others are sent it.
        assert!(matches!(
            cache.lookup("a"),
            Lookup::Refresh(_, _, Ticket { generation: 0, .. })
        ));
        assert_eq!(body_of(cache.lookup("a")), Some(Bytes::from_static(b"one")));
        cache.refresh_failed("a");
        assert!(matches!(
            cache.lookup("a"),
            Lookup::Refresh(_, _, Ticket { generation: 0, .. })
        ));
        std::thread::sleep(Duration::from_millis(200));
        assert!(matches!(
            cache.lookup("a"),
            Lookup::Miss(Ticket { generation: 0, .. })
        ));
        assert!(cache.is_empty());

        let big = Bytes::from(vec![b'x'; MAX_ENTRY_BYTES]);
        for i in 0..(MAX_TOTAL_BYTES / MAX_ENTRY_BYTES + 5) {
            cache.put(format!("k{i}"), ticket(0, None), None, big.clone());
        }
        let inner = cache.inner.lock().expect("lock");
        assert!(inner.bytes <= MAX_TOTAL_BYTES);
        assert_eq!(inner.bytes, inner.entries.len() * MAX_ENTRY_BYTES);
        drop(inner);
        cache.clear();
        assert!(cache.is_empty());
    }

    #[test]
    fn a_render_begun_before_a_clear_is_not_kept() {
        let cache = PageCache::new(Duration::from_secs(60));
        let Lookup::Miss(generation) = cache.lookup("p") else {
            panic!("an empty cache misses");
        };
        cache.clear();
        cache.put("p".into(), generation, None, Bytes::from_static(b"old"));
        assert!(cache.is_empty());
        let Lookup::Miss(generation) = cache.lookup("p") else {
            panic!("still a miss");
        };
        cache.put("p".into(), generation, None, Bytes::from_static(b"new"));
        assert_eq!(body_of(cache.lookup("p")), Some(Bytes::from_static(b"new")));
    }

    #[test]
    fn an_unchanged_store_keeps_entries_fresh_and_a_change_ends_it() {
        let cache = PageCache::new(Duration::from_millis(200));
        cache.set_version(Some(7));
        let Lookup::Miss(seven) = cache.lookup("p") else {
            panic!("an empty cache misses");
        };
        assert_eq!(seven.version, Some(7));
        cache.put("p".into(), seven, None, Bytes::from_static(b"seven"));
        // Past twice its time, still fresh: the store says nothing changed.
        std::thread::sleep(Duration::from_millis(450));
        assert_eq!(
            body_of(cache.lookup("p")),
            Some(Bytes::from_static(b"seven"))
        );
        // A write elsewhere: the entry now ages as without a version.
        cache.set_version(Some(8));
        std::thread::sleep(Duration::from_millis(220));
        let Lookup::Refresh(_, body, eight) = cache.lookup("p") else {
            panic!("a changed store makes a stale entry render anew");
        };
        assert_eq!(body, Bytes::from_static(b"seven"));
        assert_eq!(eight.version, Some(8));
        // A store that cannot tell keeps the plain timing.
        cache.put(
            "q".into(),
            ticket(eight.generation, None),
            None,
            Bytes::from_static(b"q"),
        );
        cache.set_version(None);
        std::thread::sleep(Duration::from_millis(220));
        assert!(matches!(cache.lookup("q"), Lookup::Refresh(..)));
    }
}
