//! Deterministic train/test splits that never put copies of one article on both sides: by
//! URL (a seeded hash of the URL picks the side) or by publication month.

use super::features::hash_bytes;

/// How examples are divided between training and testing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Split {
    /// Everything is on both sides (train on all; evaluate on all).
    All,
    /// A URL goes to the test side when its seeded hash falls in the first `test_fraction`
    /// of the hash range, so the split depends only on the URL and the seed.
    ByUrl {
        /// Share of URLs on the test side, 0 to 1.
        test_fraction: f64,
        /// Changes which URLs are picked.
        seed: u64,
    },
    /// Articles published in `(year, month)` or later are the test side; articles without a
    /// readable date are training.
    ByDate {
        /// First `(year, month)` of the test side.
        test_from: (u16, u8),
    },
}

/// A side of a [`Split`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// Used to train.
    Train,
    /// Used to evaluate.
    Test,
}

/// The side of the article at `url` published on `day` (`(year, month, day)`).
/// `Split::All` answers `Train`; callers that evaluate on all treat both sides alike.
///
/// ```
/// use marsad_analyze::{Side, Split, split_side};
/// let split = Split::ByUrl { test_fraction: 0.2, seed: 1 };
/// let url = "https://www.bbc.co.uk/arabic/world-43193332";
/// assert_eq!(split_side(&split, url, None), split_side(&split, url, Some((2018, 8, 1))));
/// let by_date = Split::ByDate { test_from: (2018, 8) };
/// assert_eq!(split_side(&by_date, url, Some((2018, 7, 31))), Side::Train);
/// assert_eq!(split_side(&by_date, url, Some((2018, 8, 1))), Side::Test);
/// ```
pub fn split_side(split: &Split, url: &str, day: Option<(u16, u8, u8)>) -> Side {
    match *split {
        Split::All => Side::Train,
        Split::ByUrl {
            test_fraction,
            seed,
        } => {
            let h = hash_bytes(seed ^ 0x7e57_5011, url.trim().as_bytes());
            if ((h >> 11) as f64 / (1u64 << 53) as f64) < test_fraction {
                Side::Test
            } else {
                Side::Train
            }
        }
        Split::ByDate { test_from } => match day {
            Some((y, m, _)) if (y, m) >= test_from => Side::Test,
            _ => Side::Train,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_split_is_deterministic_and_near_its_fraction() {
        let split = Split::ByUrl {
            test_fraction: 0.2,
            seed: 42,
        };
        let urls: Vec<String> = (0..5000)
            .map(|i| format!("https://example.com/article/{i}"))
            .collect();
        let sides: Vec<Side> = urls.iter().map(|u| split_side(&split, u, None)).collect();
        let again: Vec<Side> = urls
            .iter()
            .map(|u| split_side(&split, u, Some((2018, 1, 1))))
            .collect();
        assert_eq!(sides, again);
        let test = sides.iter().filter(|&&s| s == Side::Test).count();
        assert!(
            (850..1150).contains(&test),
            "{test} of 5000 on the test side"
        );
        let other: Vec<Side> = urls
            .iter()
            .map(|u| {
                split_side(
                    &Split::ByUrl {
                        test_fraction: 0.2,
                        seed: 43,
                    },
                    u,
                    None,
                )
            })
            .collect();
        assert_ne!(sides, other, "the seed changes the split");
    }

    #[test]
    fn date_split_puts_undated_articles_in_training() {
        let split = Split::ByDate {
            test_from: (2018, 8),
        };
        for (day, side) in [
            (Some((2018, 7, 31)), Side::Train),
            (Some((2018, 8, 1)), Side::Test),
            (Some((2019, 1, 1)), Side::Test),
            (Some((2012, 12, 1)), Side::Train),
            (None, Side::Train),
        ] {
            assert_eq!(split_side(&split, "u", day), side, "{day:?}");
        }
    }
}
