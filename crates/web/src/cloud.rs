//! The home page's keyword cloud: the heaviest keywords of the latest articles moderation has
//! not hidden (their stored analyses' keywords summed with
//! [`marsad_analyze::keyword_cloud`]), each sized by its weight and linking to a search.
//!
//! Built from the store at most once a minute and shared between requests (the latest
//! articles change slowly next to how often the home page is read); a change of moderation
//! shows within that minute.

use std::sync::Arc;
use std::time::{Duration, Instant};

use marsad_analyze::keyword_cloud;

use crate::WebError;
use crate::hidden::Hidden;
use crate::links::with_query;
use crate::state::SharedState;

/// Latest articles whose keywords make the cloud.
const ARTICLES: usize = 100;
/// Words in the cloud.
const WORDS: usize = 30;
/// How long a built cloud is served.
const FRESH: Duration = Duration::from_secs(60);
/// Size classes (`w1` smallest … `w5` largest).
const SIZES: usize = 5;

/// One word of the cloud.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudWord {
    /// What to show.
    pub text: String,
    /// The search for it.
    pub href: String,
    /// Its size class, 1 to 5, by weight relative to the heaviest word.
    pub size: usize,
}

/// The cache of the built cloud.
#[derive(Debug, Default)]
pub struct CloudCache {
    built: tokio::sync::Mutex<Option<(Instant, Arc<Vec<CloudWord>>)>>,
}

impl CloudCache {
    /// The cloud, built again when older than a minute.
    pub(crate) async fn get(&self, state: &SharedState) -> Result<Arc<Vec<CloudWord>>, WebError> {
        let mut built = self.built.lock().await;
        if let Some((at, words)) = built.as_ref()
            && at.elapsed() < FRESH
        {
            return Ok(words.clone());
        }
        let words = Arc::new(build(state).await?);
        *built = Some((Instant::now(), words.clone()));
        Ok(words)
    }
}

async fn build(state: &SharedState) -> Result<Vec<CloudWord>, WebError> {
    let hidden = Hidden::load(state).await?;
    let (_, latest) = crate::routes::home::latest_visible(state, &hidden, ARTICLES, 0).await?;
    let ids: Vec<String> = latest.into_iter().map(|a| a.id).collect();
    let analyses = state.store.analyses.get_analyses(&ids).await?;
    let keywords: Vec<Vec<marsad_analyze::Keyword>> =
        analyses.into_iter().flatten().map(|a| a.keywords).collect();
    let cloud = keyword_cloud(keywords.iter().map(Vec::as_slice), WORDS);
    Ok(sized(&cloud))
}

/// Words in alphabetical order (a cloud is read, not ranked), each with its size class.
fn sized(cloud: &[marsad_analyze::Keyword]) -> Vec<CloudWord> {
    let top = cloud.iter().map(|k| k.weight).fold(0.0_f64, f64::max);
    let mut words: Vec<CloudWord> = cloud
        .iter()
        .filter(|k| k.weight > 0.0 && !k.display.trim().is_empty())
        .map(|k| {
            let share = if top > 0.0 { k.weight / top } else { 0.0 };
            // The square root spreads the many light words over the small sizes.
            let size = 1 + ((share.sqrt() * SIZES as f64) as usize).min(SIZES - 1);
            CloudWord {
                href: with_query("/search", &[("q", k.display.as_str())]),
                text: k.display.clone(),
                size,
            }
        })
        .collect();
    words.sort_by(|a, b| a.text.cmp(&b.text));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kw(display: &str, weight: f64) -> marsad_analyze::Keyword {
        marsad_analyze::Keyword {
            term: display.to_owned(),
            display: display.to_owned(),
            weight,
            entity: false,
        }
    }

    #[test]
    fn sizes_follow_the_weights_and_links_search() {
        let words = sized(&[
            kw("سد", 10.0),
            kw("الرباط", 2.5),
            kw("ماء", 0.1),
            kw("", 3.0),
        ]);
        let size = |t: &str| words.iter().find(|w| w.text == t).map(|w| w.size);
        assert_eq!(size("سد"), Some(SIZES));
        assert!(size("الرباط") < size("سد") && size("ماء") < size("الرباط"));
        assert_eq!(size("ماء"), Some(1));
        assert_eq!(words.len(), 3, "an empty word is left out");
        let dam = words
            .iter()
            .find(|w| w.text == "سد")
            .map(|w| w.href.clone());
        assert_eq!(dam.as_deref(), Some("/search?q=%D8%B3%D8%AF"));
        assert!(sized(&[]).is_empty());
    }
}
