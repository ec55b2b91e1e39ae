//! Per-address rate limiting of reports: at most `per_window` reports from one IP address in
//! a sliding hour, so clearing cookies does not let one person hide an item alone.
//!
//! Hand-written (a map of recent times per address) rather than `governor`: the limit is a
//! handful of reports an hour, checked only on POST, and the map must stay bounded in memory
//! (addresses are pruned when it grows past [`MAX_ADDRESSES`]).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The most addresses tracked at once; past it, addresses with no recent report are dropped,
/// then the oldest ones.
pub const MAX_ADDRESSES: usize = 50_000;

/// A sliding-window limiter keyed by address.
#[derive(Debug)]
pub struct RateLimiter {
    per_window: usize,
    window: Duration,
    seen: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// At most `per_window` events per address in each `window`.
    pub fn new(per_window: usize, window: Duration) -> RateLimiter {
        RateLimiter {
            per_window,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Record an event from `addr` at `now`; `false` (and nothing recorded) when over the limit.
    pub fn allow(&self, addr: IpAddr, now: Instant) -> bool {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if seen.len() >= MAX_ADDRESSES && !seen.contains_key(&addr) {
            let window = self.window;
            seen.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
            if seen.len() >= MAX_ADDRESSES {
                let oldest = seen
                    .iter()
                    .min_by_key(|(_, times)| times.back().copied())
                    .map(|(addr, _)| *addr);
                if let Some(oldest) = oldest {
                    seen.remove(&oldest);
                }
            }
        }
        let times = seen.entry(addr).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            times.pop_front();
        }
        if times.len() >= self.per_window {
            return false;
        }
        times.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_address_in_its_window() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let t0 = Instant::now();
        assert!(limiter.allow(a, t0));
        assert!(limiter.allow(a, t0 + Duration::from_secs(30)));
        assert!(
            !limiter.allow(a, t0 + Duration::from_secs(31)),
            "third in a minute"
        );
        assert!(
            limiter.allow(b, t0 + Duration::from_secs(2)),
            "another address"
        );
        assert!(
            limiter.allow(a, t0 + Duration::from_secs(61)),
            "the first one expired"
        );
        assert!(!limiter.allow(a, t0 + Duration::from_secs(61)));
    }
}
