//! OPML import and export of sources. Each `<outline>` with an `xmlUrl` is a feed; outlines
//! of one site (same `htmlUrl`, else the feed's host) become one source. Marsad's own fields
//! travel as extra attributes (`country`, `language`, `reliability`, `transparency`,
//! `ownership`), which OPML readers ignore.

use quick_xml::events::Event;

use marsad_store::{Source, SourceProfile};

/// One site read from OPML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpmlSite {
    /// `text` or `title`.
    pub name: Option<String>,
    /// `htmlUrl`, else the first feed's origin.
    pub home_url: String,
    /// `xmlUrl`s.
    pub feeds: Vec<String>,
    /// `country`.
    pub country: Option<String>,
    /// `language`.
    pub language: Option<String>,
    /// Profile values.
    pub profile: SourceProfile,
}

/// An OPML file that could not be read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("OPML: {0}")]
pub struct OpmlError(pub String);

/// The sites of an OPML document.
pub fn parse_opml(bytes: &[u8]) -> Result<Vec<OpmlSite>, OpmlError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut sites: Vec<OpmlSite> = Vec::new();
    let mut saw_opml = false;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if name == "opml" {
                    saw_opml = true;
                }
                if name != "outline" {
                    buf.clear();
                    continue;
                }
                let mut attrs: std::collections::HashMap<String, String> =
                    std::collections::HashMap::new();
                for attr in e.attributes().flatten() {
                    let key = attr.key.as_ref().to_ascii_lowercase();
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_else(|_| attr.value.clone().into_owned());
                    attrs.insert(key, value.trim().to_owned());
                }
                let Some(feed) = attrs.get("xmlurl").filter(|u| !u.is_empty()).cloned() else {
                    buf.clear();
                    continue;
                };
                let home = attrs
                    .get("htmlurl")
                    .filter(|u| !u.is_empty())
                    .cloned()
                    .or_else(|| {
                        url::Url::parse(&feed)
                            .ok()
                            .map(|u| format!("{}/", u.origin().ascii_serialization()))
                    })
                    .unwrap_or_else(|| feed.clone());
                let number = |k: &str| attrs.get(k).and_then(|v| v.parse::<f64>().ok());
                let text = |k: &str| attrs.get(k).filter(|v| !v.is_empty()).cloned();
                if let Some(site) = sites.iter_mut().find(|s| s.home_url == home) {
                    site.feeds.push(feed);
                } else {
                    sites.push(OpmlSite {
                        name: text("text").or_else(|| text("title")),
                        home_url: home,
                        feeds: vec![feed],
                        country: text("country"),
                        language: text("language"),
                        profile: SourceProfile {
                            reliability: number("reliability"),
                            transparency: number("transparency"),
                            ownership: text("ownership"),
                            ..SourceProfile::default()
                        },
                    });
                }
            }
            Ok(Event::Eof) => break,
            Err(err) => return Err(OpmlError(err.to_string())),
            Ok(_) => {}
        }
        buf.clear();
    }
    if !saw_opml {
        return Err(OpmlError("no <opml> element".into()));
    }
    Ok(sites)
}

/// An OPML 2.0 document of `sources`, one outline per feed.
pub fn write_opml(sources: &[Source]) -> String {
    let esc = |s: &str| quick_xml::escape::escape(s).into_owned();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head><title>Marsad sources</title></head>\n<body>\n",
    );
    for source in sources {
        let mut extra = String::new();
        if let Some(c) = &source.country {
            extra.push_str(&format!(" country=\"{}\"", esc(c)));
        }
        if let Some(l) = &source.language {
            extra.push_str(&format!(" language=\"{}\"", esc(l)));
        }
        if let Some(r) = source.profile.reliability {
            extra.push_str(&format!(" reliability=\"{r}\""));
        }
        if let Some(t) = source.profile.transparency {
            extra.push_str(&format!(" transparency=\"{t}\""));
        }
        if let Some(o) = &source.profile.ownership {
            extra.push_str(&format!(" ownership=\"{}\"", esc(o)));
        }
        for feed in &source.feeds {
            out.push_str(&format!(
                "  <outline type=\"rss\" text=\"{}\" htmlUrl=\"{}\" xmlUrl=\"{}\"{extra}/>\n",
                esc(&source.name),
                esc(&source.home_url),
                esc(feed)
            ));
        }
    }
    out.push_str("</body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_groups_feeds_by_site() {
        let source = Source {
            id: "a.example".into(),
            name: "جريدة \"أ\" & شركاه".into(),
            home_url: "https://a.example/".into(),
            country: Some("EG".into()),
            language: Some("ar".into()),
            feeds: vec![
                "https://a.example/rss".into(),
                "https://a.example/atom?x=1&y=2".into(),
            ],
            sitemaps: vec![],
            profile: SourceProfile {
                reliability: Some(0.5),
                ..SourceProfile::default()
            },
            added_at: chrono::Utc::now(),
            schedule: marsad_store::Schedule {
                interval_secs: 1,
                next_due: chrono::Utc::now(),
                last_run: None,
                last_new: 0,
            },
        };
        let xml = write_opml(std::slice::from_ref(&source));
        let sites = parse_opml(xml.as_bytes()).unwrap();
        assert_eq!(sites.len(), 1);
        assert_eq!(sites[0].name.as_deref(), Some(source.name.as_str()));
        assert_eq!(sites[0].feeds, source.feeds);
        assert_eq!(sites[0].country.as_deref(), Some("EG"));
        assert_eq!(sites[0].profile.reliability, Some(0.5));
    }

    #[test]
    fn foreign_opml_and_errors() {
        let xml = r#"<opml version="1.0"><body><outline text="News"><outline text="B" xmlUrl="https://b.example/feed"/></outline></body></opml>"#;
        let sites = parse_opml(xml.as_bytes()).unwrap();
        assert_eq!(sites[0].home_url, "https://b.example/");
        assert!(parse_opml(b"<html/>").is_err());
    }
}
