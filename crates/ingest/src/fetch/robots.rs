//! robots.txt rules of one site, parsed by `texting_robots` (tested on millions of real
//! files), with the usual policy for a robots.txt that could not be read: a 4xx means "no
//! rules" (everything allowed), a 5xx or a network failure means "everything disallowed"
//! until it is fetched again.

use std::time::Duration;

use crate::fetch::FetchError;

/// What a site's robots.txt says to this agent.
#[derive(Debug)]
pub struct RobotsRules {
    robot: Option<texting_robots::Robot>,
    allow_all: bool,
    delay: Option<Duration>,
    sitemaps: Vec<String>,
    refused: Option<crate::fetch::Refused>,
}

impl RobotsRules {
    /// Parse a robots.txt body for `agent`; an unparseable file gives no rules.
    pub fn parse(agent: &str, body: &[u8]) -> RobotsRules {
        match texting_robots::Robot::new(agent, body) {
            Ok(robot) => {
                let delay = robot
                    .delay
                    .filter(|d| d.is_finite() && *d > 0.0)
                    .map(|d| Duration::from_secs_f32(d.min(86_400.0)));
                let sitemaps = robot.sitemaps.clone();
                RobotsRules {
                    robot: Some(robot),
                    allow_all: false,
                    delay,
                    sitemaps,
                    refused: None,
                }
            }
            Err(err) => {
                tracing::info!(error = %err, "unparseable robots.txt: no rules");
                RobotsRules::allow_all()
            }
        }
    }

    /// Rules after robots.txt could not be fetched.
    pub fn from_failure(err: &FetchError) -> RobotsRules {
        match err {
            FetchError::Status { status, .. } if (400..500).contains(status) => {
                RobotsRules::allow_all()
            }
            _ => {
                tracing::info!(error = %err, "robots.txt unavailable: site skipped for now");
                RobotsRules {
                    robot: None,
                    allow_all: false,
                    delay: None,
                    sitemaps: Vec::new(),
                    refused: match err {
                        FetchError::Refused(refused) => Some(refused.clone()),
                        _ => None,
                    },
                }
            }
        }
    }

    fn allow_all() -> RobotsRules {
        RobotsRules {
            robot: None,
            allow_all: true,
            delay: None,
            sitemaps: Vec::new(),
            refused: None,
        }
    }

    /// When the SSRF guard refused the site's address (so every page of it is refused).
    pub fn refusal(&self) -> Option<&crate::fetch::Refused> {
        self.refused.as_ref()
    }

    /// Whether the agent may fetch `url`.
    pub fn allowed(&self, url: &str) -> bool {
        match &self.robot {
            Some(robot) => robot.allowed(url),
            None => self.allow_all,
        }
    }

    /// The crawl-delay, when one is given.
    pub fn delay(&self) -> Option<Duration> {
        self.delay
    }

    /// The `Sitemap:` lines.
    pub fn sitemaps(&self) -> &[String] {
        &self.sitemaps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_delay_and_sitemaps() {
        let txt = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\nSitemap: https://a.example/sitemap.xml\n\nUser-agent: MarsadBot\nDisallow: /no-bots/\nCrawl-delay: 3\n";
        let rules = RobotsRules::parse("MarsadBot", txt);
        assert!(rules.allowed("https://a.example/news/1"));
        assert!(!rules.allowed("https://a.example/no-bots/x"));
        assert_eq!(rules.delay(), Some(Duration::from_secs(3)));
        assert_eq!(rules.sitemaps(), ["https://a.example/sitemap.xml"]);
        let other = RobotsRules::parse("OtherBot", txt);
        assert!(!other.allowed("https://a.example/private/x"));
    }

    #[test]
    fn failures_follow_the_usual_policy() {
        let gone = FetchError::Status {
            url: "u".into(),
            status: 404,
        };
        assert!(RobotsRules::from_failure(&gone).allowed("https://a.example/x"));
        let down = FetchError::Status {
            url: "u".into(),
            status: 503,
        };
        assert!(!RobotsRules::from_failure(&down).allowed("https://a.example/x"));
    }
}
