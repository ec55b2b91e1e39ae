//! The SSRF guard: which IP addresses the fetcher may connect to.
//!
//! Every address is checked after DNS resolution, by the resolver the HTTP client connects
//! through ([`GuardedResolver`]): the client only ever sees the vetted addresses, so a name
//! that resolves differently the second time (DNS rebinding) cannot slip past. URLs whose host
//! is an IP literal skip the resolver, so the fetcher checks those itself on every hop
//! (redirects are followed by hand for that reason).
//!
//! Refused by default: loopback, private (RFC 1918, IPv6 unique-local), link-local (which holds
//! the cloud metadata address 169.254.169.254), carrier-grade NAT, multicast, broadcast,
//! unspecified, reserved and documentation ranges, and the IPv6 forms that embed an IPv4
//! address (v4-mapped, v4-compatible, NAT64, 6to4), which are judged by the embedded address.
//! The operator may allow ranges (`127.0.0.1/32`) in the config; the CIDR parsing is a few
//! lines, so no crate is pulled in for it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

/// A CIDR range, `10.0.0.0/8` or `::1/128` (a bare address is a /32 or /128).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    addr: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// Parse `ADDR[/PREFIX]`.
    pub fn parse(text: &str) -> Result<IpRange, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr
            .trim_matches(|c| c == '[' || c == ']')
            .parse()
            .map_err(|_| format!("{text:?} is not an IP address or CIDR range"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{text:?}: prefix must be 0..={max}"))?,
        };
        Ok(IpRange { addr, prefix })
    }

    /// Whether `ip` is in the range (an IPv4 range also holds the v4-mapped IPv6 forms).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match (self.addr, ip) {
            (IpAddr::V4(_), IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => return false,
            },
            _ => ip,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl std::fmt::Display for IpRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// Why an address is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{host}: refused to connect to {addr} ({why} address; allow it with fetch.allow in the config)"
)]
pub struct Refused {
    /// The host name (or literal) asked for.
    pub host: String,
    /// The address refused.
    pub addr: IpAddr,
    /// Its kind: `loopback`, `private`, …
    pub why: &'static str,
}

/// The addresses the fetcher may connect to.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    allow: Vec<IpRange>,
}

impl Guard {
    /// A guard that refuses every non-public address except those in `allow`.
    pub fn new(allow: Vec<IpRange>) -> Guard {
        Guard { allow }
    }

    /// Check one address for `host`.
    pub fn check(&self, host: &str, addr: IpAddr) -> Result<(), Refused> {
        if self.allow.iter().any(|r| r.contains(addr)) {
            return Ok(());
        }
        match forbidden_kind(addr) {
            None => Ok(()),
            Some(why) => Err(Refused {
                host: host.to_owned(),
                addr,
                why,
            }),
        }
    }
}

/// The kind of a non-public address, or `None` for a public one.
pub fn forbidden_kind(addr: IpAddr) -> Option<&'static str> {
    match addr {
        IpAddr::V4(v4) => v4_kind(v4),
        IpAddr::V6(v6) => v6_kind(v6),
    }
}

fn v4_kind(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    if ip.is_unspecified() || a == 0 {
        Some("unspecified")
    } else if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_private() {
        Some("private")
    } else if a == 169 && b == 254 {
        Some("link-local or metadata")
    } else if a == 100 && (64..128).contains(&b) {
        Some("carrier-grade NAT")
    } else if ip.is_multicast() {
        Some("multicast")
    } else if ip.is_broadcast()
        || a >= 240
        || (a == 192 && b == 0 && c == 0)
        || (a == 192 && b == 0 && c == 2)
        || (a == 198 && (b == 18 || b == 19))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)
        || (a == 192 && b == 88 && c == 99)
    {
        Some("reserved")
    } else {
        None
    }
}

fn v6_kind(ip: Ipv6Addr) -> Option<&'static str> {
    let segments = ip.segments();
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    if ip.is_loopback() {
        return Some("loopback");
    }
    // Forms that carry an IPv4 address are judged by it.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return v4_kind(v4);
    }
    let low_v4 = || {
        let o = ip.octets();
        Ipv4Addr::new(o[12], o[13], o[14], o[15])
    };
    if segments[..6] == [0; 6] {
        // ::a.b.c.d (deprecated IPv4-compatible).
        return v4_kind(low_v4()).or(Some("reserved"));
    }
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] || segments[..3] == [0x64, 0xff9b, 1] {
        return v4_kind(low_v4());
    }
    if segments[0] == 0x2002 {
        let v4 = Ipv4Addr::new(
            (segments[1] >> 8) as u8,
            segments[1] as u8,
            (segments[2] >> 8) as u8,
            segments[2] as u8,
        );
        return v4_kind(v4);
    }
    let first = segments[0];
    if first & 0xfe00 == 0xfc00 {
        Some("private")
    } else if first & 0xffc0 == 0xfe80 {
        Some("link-local")
    } else if first & 0xffc0 == 0xfec0 {
        Some("site-local")
    } else if first & 0xff00 == 0xff00 {
        Some("multicast")
    } else if (first == 0x2001 && segments[1] == 0x0db8)
        || (first == 0x0100 && segments[1..4] == [0, 0, 0])
    {
        Some("reserved")
    } else {
        None
    }
}

/// The HTTP client's resolver: the system's DNS, then only the addresses the guard allows.
#[derive(Debug, Clone)]
pub struct GuardedResolver {
    guard: Arc<Guard>,
}

impl GuardedResolver {
    /// A resolver checking with `guard`.
    pub fn new(guard: Arc<Guard>) -> GuardedResolver {
        GuardedResolver { guard }
    }
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let guard = self.guard.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let mut first_refusal = None;
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|addr| match guard.check(&host, addr.ip()) {
                    Ok(()) => true,
                    Err(refused) => {
                        first_refusal.get_or_insert(refused);
                        false
                    }
                })
                .collect();
            if allowed.is_empty() {
                return Err(match first_refusal {
                    Some(refused) => Box::new(refused) as Box<dyn std::error::Error + Send + Sync>,
                    None => format!("{host}: no address").into(),
                });
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn refuses_every_non_public_kind() {
        let guard = Guard::default();
        for bad in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.254",
            "224.0.0.1",
            "255.255.255.255",
            "0.0.0.0",
            "0.1.2.3",
            "240.0.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd00:ec2::254",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
            "2002:7f00:1::",
            "::127.0.0.1",
        ] {
            assert!(guard.check("h", ip(bad)).is_err(), "{bad} must be refused");
        }
        for good in [
            "8.8.8.8",
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "2002:808:808::",
        ] {
            assert!(guard.check("h", ip(good)).is_ok(), "{good} is public");
        }
    }

    #[test]
    fn allowed_ranges_open_exactly_themselves() {
        let guard = Guard::new(vec![
            IpRange::parse("127.0.0.1").unwrap(),
            IpRange::parse("10.0.0.0/8").unwrap(),
            IpRange::parse("[::1]").unwrap(),
        ]);
        assert!(guard.check("h", ip("127.0.0.1")).is_ok());
        assert!(guard.check("h", ip("::ffff:127.0.0.1")).is_ok());
        assert!(guard.check("h", ip("127.0.0.2")).is_err());
        assert!(guard.check("h", ip("10.200.0.1")).is_ok());
        assert!(guard.check("h", ip("::1")).is_ok());
        assert!(guard.check("h", ip("192.168.0.1")).is_err());
        let refused = guard.check("meta", ip("169.254.169.254")).unwrap_err();
        assert!(refused.to_string().contains("metadata"), "{refused}");
    }

    #[test]
    fn range_parsing_rejects_nonsense() {
        assert!(IpRange::parse("10.0.0.0/33").is_err());
        assert!(IpRange::parse("example.com").is_err());
        assert!(IpRange::parse("::/0").unwrap().contains(ip("2001:db8::1")));
        assert!(IpRange::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
    }
}
