//! What every handler shares: the store, the reader's settings, the signing key and the
//! report limiter, behind one `Arc`.

use std::sync::Arc;
use std::time::Duration;

use marsad_store::Store;

use crate::MonthNames;
use crate::digits::Digits;
use crate::rate_limit::RateLimiter;
use crate::visitor::VisitorKey;

/// How the reader is configured (`marsad serve` flags).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Which Arabic month names dates use.
    pub months: MonthNames,
    /// Which digits dates and counts use unless the reader chose otherwise.
    pub digits: Digits,
    /// How many distinct readers' reports hide an item (Maghress's rule: 3).
    pub report_threshold: u32,
    /// The administrator's token; no administration over the web without one.
    pub admin_token: Option<String>,
    /// Reports accepted from one IP address per hour.
    pub reports_per_hour: usize,
    /// The key signing visitor cookies and form tokens.
    pub key: VisitorKey,
    /// How long a rendered public page or API answer may be sent again (zero: never; see
    /// `page_cache`).
    pub page_cache: Duration,
}

impl Settings {
    /// The defaults, with this signing key.
    pub fn new(key: VisitorKey) -> Settings {
        Settings {
            months: MonthNames::default(),
            digits: Digits::default(),
            report_threshold: 3,
            admin_token: None,
            reports_per_hour: 20,
            key,
            page_cache: Duration::ZERO,
        }
    }
}

/// The shared state of the web app.
pub struct AppState {
    /// Where articles and the search index live.
    pub store: Store,
    /// Which Arabic month names dates use.
    pub months: MonthNames,
    /// The settings.
    pub settings: Settings,
    /// Reports per address.
    pub(crate) limiter: RateLimiter,
    /// The home page's keyword cloud, built at most once a minute.
    pub(crate) cloud: crate::cloud::CloudCache,
    /// The home page's events ranked by importance, built at most once a minute.
    pub(crate) ranked: crate::ranked::RankedCache,
    /// Rendered public answers, kept for `settings.page_cache`.
    pub(crate) pages: crate::page_cache::PageCache,
}

impl AppState {
    /// The state over `store` with `settings`.
    pub fn new(store: Store, settings: Settings) -> AppState {
        AppState {
            store,
            months: settings.months,
            limiter: RateLimiter::new(settings.reports_per_hour, Duration::from_secs(3600)),
            cloud: crate::cloud::CloudCache::default(),
            ranked: crate::ranked::RankedCache::default(),
            pages: crate::page_cache::PageCache::new(settings.page_cache),
            settings,
        }
    }
}

/// The state as handlers receive it.
pub type SharedState = Arc<AppState>;
