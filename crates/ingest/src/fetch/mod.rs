//! The polite, guarded HTTP fetcher: one async client (reqwest, rustls) with a proper
//! User-Agent, robots.txt honoured and cached (with crawl-delay), one request at a time per
//! host and a minimum interval between them, conditional GET, retries with exponential
//! backoff and jitter for 5xx and timeouts (never for 4xx), redirects followed by hand (at
//! most `max_redirects`, each hop checked by the SSRF guard), and responses bounded in size
//! and time (gzip and brotli are decoded by the client).
//!
//! Politeness is per host: a host's slot is held for the whole request (retries included),
//! so two tasks never talk to one host at once, and the next request waits until the
//! interval (the config's, or the robots crawl-delay when longer) has passed since the last
//! one started: the interval is a rate (one request per interval, as search engines read
//! crawl-delay), and a slow answer is not followed by a second pause. This is a small
//! scheduler written here because the rate-limit crates (governor) meter rates but do not
//! serialise requests, and the interval must also follow each host's crawl-delay.

mod guard;
mod robots;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap, HeaderValue};
use url::Url;

pub use guard::{Guard, GuardedResolver, IpRange, Refused, forbidden_kind};
pub use robots::RobotsRules;

/// How the fetcher behaves (the `[fetch]` section of the config).
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The User-Agent header; its first word (before `/`) is the robots.txt agent.
    pub user_agent: String,
    /// Address ranges allowed although not public (for a local mirror or tests).
    pub allow: Vec<IpRange>,
    /// Responses larger than this (after decoding) are refused.
    pub max_bytes: u64,
    /// The whole request, body included, must finish within this.
    pub timeout: Duration,
    /// Connecting must finish within this.
    pub connect_timeout: Duration,
    /// At most this many redirects are followed.
    pub max_redirects: usize,
    /// Attempts after the first for 5xx, 429 and timeouts.
    pub retries: u32,
    /// The first retry waits about this long; each next one twice as long (plus jitter).
    pub backoff: Duration,
    /// The least time from the start of one request to a host to the start of the next.
    pub host_interval: Duration,
    /// A robots crawl-delay above this is capped to it.
    pub max_crawl_delay: Duration,
    /// robots.txt is fetched again after this long.
    pub robots_ttl: Duration,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: format!(
                "MarsadBot/{} (+https://example.invalid/marsad/bot; news observatory)",
                env!("CARGO_PKG_VERSION")
            ),
            allow: Vec::new(),
            max_bytes: 10 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_redirects: 5,
            retries: 3,
            backoff: Duration::from_millis(500),
            host_interval: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(60),
            robots_ttl: Duration::from_secs(24 * 3600),
        }
    }
}

/// A fetch that did not give a page.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// Not an http(s) URL.
    #[error("{url}: not an http or https URL")]
    BadUrl {
        /// The URL.
        url: String,
    },
    /// The SSRF guard refused an address.
    #[error("{0}")]
    Refused(Refused),
    /// robots.txt disallows the URL.
    #[error("{url}: disallowed by robots.txt")]
    Robots {
        /// The URL.
        url: String,
    },
    /// A status that is not a page (after retries for 5xx).
    #[error("{url}: HTTP {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// More redirects than allowed, or a redirect without a usable Location.
    #[error("{url}: {why}")]
    Redirect {
        /// The URL.
        url: String,
        /// What went wrong.
        why: String,
    },
    /// The response is larger than the limit.
    #[error("{url}: response larger than {limit} bytes")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit.
        limit: u64,
    },
    /// Timed out (after retries).
    #[error("{url}: timed out")]
    Timeout {
        /// The URL.
        url: String,
    },
    /// Another transport error (after retries).
    #[error("{url}: {message}")]
    Transport {
        /// The URL.
        url: String,
        /// The error, in one line.
        message: String,
    },
    /// The HTTP client could not be built.
    #[error("HTTP client: {0}")]
    Client(String),
}

impl FetchError {
    /// The HTTP status, when the failure was one.
    pub fn status(&self) -> u16 {
        match self {
            FetchError::Status { status, .. } => *status,
            _ => 0,
        }
    }

    /// Whether trying again later may help (5xx, timeouts, transport errors).
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status >= 500 || *status == 429,
            FetchError::Timeout { .. } | FetchError::Transport { .. } => true,
            _ => false,
        }
    }
}

/// Validators of an earlier response, for a conditional GET.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    /// The earlier `ETag`.
    pub etag: Option<String>,
    /// The earlier `Last-Modified`.
    pub last_modified: Option<String>,
}

/// A response: a page, or "not modified".
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL asked for.
    pub url: String,
    /// The URL that answered (after redirects).
    pub final_url: String,
    /// The status (200…299, or 304).
    pub status: u16,
    /// The response headers (after decoding: no Content-Encoding).
    pub headers: Vec<(String, String)>,
    /// The body (empty for 304).
    pub body: Vec<u8>,
    /// When the response came.
    pub fetched_at: DateTime<Utc>,
    /// The `ETag`.
    pub etag: Option<String>,
    /// The `Last-Modified`.
    pub last_modified: Option<String>,
    /// The charset of `Content-Type`.
    pub charset: Option<String>,
    /// The media type of `Content-Type` (lower case, no parameters).
    pub content_type: Option<String>,
}

impl Fetched {
    /// Whether the server said the resource did not change.
    pub fn not_modified(&self) -> bool {
        self.status == 304
    }
}

#[derive(Debug, Default)]
struct HostSlot {
    next_allowed: Option<Instant>,
}

/// The fetcher: share one per run (it holds the per-host slots and the robots cache).
pub struct Fetcher {
    client: reqwest::Client,
    config: FetchConfig,
    guard: Arc<Guard>,
    agent: String,
    hosts: Mutex<HashMap<String, Arc<tokio::sync::Mutex<HostSlot>>>>,
    robots: tokio::sync::Mutex<HashMap<String, (Instant, Arc<RobotsRules>)>>,
    requests: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Fetcher {
    /// A fetcher with this config.
    pub fn new(config: FetchConfig) -> Result<Fetcher, FetchError> {
        let guard = Arc::new(Guard::new(config.allow.clone()));
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver::new(guard.clone())))
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .gzip(true)
            .brotli(true)
            .build()
            .map_err(|err| FetchError::Client(err.to_string()))?;
        let agent = config
            .user_agent
            .split(['/', ' '])
            .next()
            .unwrap_or("MarsadBot")
            .to_owned();
        Ok(Fetcher {
            client,
            config,
            guard,
            agent,
            hosts: Mutex::new(HashMap::new()),
            robots: tokio::sync::Mutex::new(HashMap::new()),
            requests: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// The config.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// How many HTTP requests were sent (robots.txt and retries included).
    pub fn requests_sent(&self) -> u64 {
        self.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Fetch `url` if robots.txt allows it.
    pub async fn fetch(
        &self,
        url: &str,
        validators: Option<&Validators>,
    ) -> Result<Fetched, FetchError> {
        let parsed = parse_http_url(url)?;
        self.check_literal(&parsed)?;
        let rules = self.robots_for(&parsed).await;
        if let Some(refused) = rules.refusal() {
            return Err(FetchError::Refused(refused.clone()));
        }
        if !rules.allowed(parsed.as_str()) {
            return Err(FetchError::Robots {
                url: url.to_owned(),
            });
        }
        self.fetch_unchecked(url, validators, rules.delay()).await
    }

    /// The robots rules of the URL's site (fetched once per `robots_ttl`).
    pub async fn robots_for(&self, url: &Url) -> Arc<RobotsRules> {
        let origin = url.origin().ascii_serialization();
        {
            let cache = self.robots.lock().await;
            if let Some((at, rules)) = cache.get(&origin)
                && at.elapsed() < self.config.robots_ttl
            {
                return rules.clone();
            }
        }
        let robots_url = format!("{origin}/robots.txt");
        let rules = match self.fetch_unchecked(&robots_url, None, None).await {
            Ok(response) => RobotsRules::parse(&self.agent, &response.body),
            Err(err) => RobotsRules::from_failure(&err),
        };
        let rules = Arc::new(rules);
        self.robots
            .lock()
            .await
            .insert(origin, (Instant::now(), rules.clone()));
        rules
    }

    /// Fetch without consulting robots.txt (for robots.txt itself), following redirects.
    async fn fetch_unchecked(
        &self,
        url: &str,
        validators: Option<&Validators>,
        crawl_delay: Option<Duration>,
    ) -> Result<Fetched, FetchError> {
        let mut current = parse_http_url(url)?;
        for hop in 0..=self.config.max_redirects {
            let response = self
                .fetch_one(url, &current, validators, crawl_delay)
                .await?;
            match response {
                Hop::Done(mut fetched) => {
                    fetched.url = url.to_owned();
                    return Ok(fetched);
                }
                Hop::Redirect(location) => {
                    let next = current.join(&location).map_err(|_| FetchError::Redirect {
                        url: url.to_owned(),
                        why: format!("bad redirect Location {location:?}"),
                    })?;
                    current = parse_http_url(next.as_str())?;
                    tracing::debug!(url, hop, to = %current, "redirect");
                }
            }
        }
        Err(FetchError::Redirect {
            url: url.to_owned(),
            why: format!("more than {} redirects", self.config.max_redirects),
        })
    }

    fn host_slot(&self, host: &str) -> Arc<tokio::sync::Mutex<HostSlot>> {
        let mut hosts = match self.hosts.lock() {
            Ok(hosts) => hosts,
            Err(poisoned) => poisoned.into_inner(),
        };
        hosts.entry(host.to_owned()).or_default().clone()
    }

    /// One hop: wait for the host's turn, then send with retries.
    async fn fetch_one(
        &self,
        asked: &str,
        url: &Url,
        validators: Option<&Validators>,
        crawl_delay: Option<Duration>,
    ) -> Result<Hop, FetchError> {
        let host = url.host_str().unwrap_or_default().to_owned();
        self.check_literal(url)?;
        let slot = self.host_slot(&format!(
            "{host}:{}",
            url.port_or_known_default().unwrap_or(0)
        ));
        let mut slot = slot.lock().await;
        let interval = crawl_delay
            .map(|d| d.min(self.config.max_crawl_delay))
            .unwrap_or_default()
            .max(self.config.host_interval);
        let mut attempt = 0u32;
        loop {
            if let Some(next) = slot.next_allowed {
                tokio::time::sleep_until(next.into()).await;
            }
            let started = Instant::now();
            let result = self.send(asked, url, validators).await;
            slot.next_allowed = Some(started + interval);
            match result {
                Err(err) if err.is_transient() && attempt < self.config.retries => {
                    let wait = backoff(self.config.backoff, attempt);
                    tracing::info!(url = %url, attempt, error = %err, wait_ms = wait.as_millis() as u64, "retry");
                    attempt += 1;
                    tokio::time::sleep(wait).await;
                }
                other => return other,
            }
        }
    }

    /// URLs whose host is an IP literal skip the resolver: check them here.
    fn check_literal(&self, url: &Url) -> Result<(), FetchError> {
        let ip = match url.host() {
            Some(url::Host::Ipv4(v4)) => std::net::IpAddr::V4(v4),
            Some(url::Host::Ipv6(v6)) => std::net::IpAddr::V6(v6),
            _ => return Ok(()),
        };
        self.guard
            .check(url.host_str().unwrap_or_default(), ip)
            .map_err(FetchError::Refused)
    }

    async fn send(
        &self,
        asked: &str,
        url: &Url,
        validators: Option<&Validators>,
    ) -> Result<Hop, FetchError> {
        let mut request = self.client.get(url.clone());
        if let Some(v) = validators {
            if let Some(etag) = v
                .etag
                .as_deref()
                .and_then(|e| HeaderValue::from_str(e).ok())
            {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = v
                .last_modified
                .as_deref()
                .and_then(|e| HeaderValue::from_str(e).ok())
            {
                request = request.header(header::IF_MODIFIED_SINCE, lm);
            }
        }
        self.requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let response = request
            .send()
            .await
            .map_err(|err| transport_error(asked, &err))?;
        let status = response.status();
        let headers = response.headers().clone();
        if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
            let location = headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| FetchError::Redirect {
                    url: asked.to_owned(),
                    why: format!("HTTP {} without Location", status.as_u16()),
                })?;
            return Ok(Hop::Redirect(location.to_owned()));
        }
        if !(status.is_success() || status == StatusCode::NOT_MODIFIED) {
            return Err(FetchError::Status {
                url: asked.to_owned(),
                status: status.as_u16(),
            });
        }
        let limit = self.config.max_bytes;
        if response.content_length().is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge {
                url: asked.to_owned(),
                limit,
            });
        }
        let mut body = Vec::new();
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|err| transport_error(asked, &err))?;
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(FetchError::TooLarge {
                    url: asked.to_owned(),
                    limit,
                });
            }
            body.extend_from_slice(&chunk);
        }
        let (content_type, charset) = content_type(&headers);
        Ok(Hop::Done(Fetched {
            url: asked.to_owned(),
            final_url: url.to_string(),
            status: status.as_u16(),
            headers: header_pairs(&headers),
            body,
            fetched_at: Utc::now(),
            etag: header_text(&headers, header::ETAG),
            last_modified: header_text(&headers, header::LAST_MODIFIED),
            charset,
            content_type,
        }))
    }
}

enum Hop {
    Done(Fetched),
    Redirect(String),
}

fn parse_http_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url.trim()).map_err(|_| FetchError::BadUrl {
        url: url.to_owned(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(FetchError::BadUrl {
            url: url.to_owned(),
        });
    }
    Ok(parsed)
}

/// `base × 2^attempt`, times a random factor in 0.5..1.5 (full spread jitter keeps many
/// clients from retrying in step).
pub fn backoff(base: Duration, attempt: u32) -> Duration {
    let factor = 2f64.powi(attempt.min(16) as i32) * (0.5 + fastrand::f64());
    base.mul_f64(factor)
}

fn transport_error(url: &str, err: &reqwest::Error) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = source {
        if let Some(refused) = cause.downcast_ref::<Refused>() {
            return FetchError::Refused(refused.clone());
        }
        source = cause.source();
    }
    if err.is_timeout() {
        return FetchError::Timeout {
            url: url.to_owned(),
        };
    }
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    FetchError::Transport {
        url: url.to_owned(),
        message,
    }
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// The media type and charset of a `Content-Type` header.
fn content_type(headers: &HeaderMap) -> (Option<String>, Option<String>) {
    match header_text(headers, header::CONTENT_TYPE) {
        Some(value) => parse_content_type(&value),
        None => (None, None),
    }
}

/// The media type and charset of a `Content-Type` value.
pub fn parse_content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let media = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_owned())
            .filter(|v| !v.is_empty())
    });
    (media, charset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_bounded_jitter() {
        let base = Duration::from_millis(100);
        for attempt in 0..5 {
            let wait = backoff(base, attempt);
            let nominal = 100.0 * 2f64.powi(attempt as i32);
            let ms = wait.as_secs_f64() * 1000.0;
            assert!(
                ms >= nominal * 0.5 && ms <= nominal * 1.5,
                "{attempt}: {ms}"
            );
        }
    }

    #[test]
    fn content_type_gives_media_and_charset() {
        assert_eq!(
            parse_content_type("text/html; charset=\"Windows-1256\""),
            (Some("text/html".into()), Some("Windows-1256".into()))
        );
        assert_eq!(
            parse_content_type("TEXT/XML"),
            (Some("text/xml".into()), None)
        );
    }
}
