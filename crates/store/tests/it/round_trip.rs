//! Write then read gives the same article back, for any text (Arabic, empty, long, odd; NUL
//! characters too), on SQLite and on PostgreSQL (when `MARSAD_TEST_POSTGRES` is set).

use chrono::{TimeZone, Utc};
use marsad_extract::{Aggregator, Article, Published};
use marsad_store::{PutOutcome, StoredArticle};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\\u0600-\\u06FF\\u064B-\\u0652 ،؛«»\"'a-zA-Z0-9٠-٩\\n]{0,60}",
        ".{0,30}",
        "[\\u0621-\\u064A ]{2000,6000}",
        "[a-z\\x00/]{0,12}",
    ]
}

fn optional() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn article() -> impl Strategy<Value = Article> {
    let aggregator = proptest::option::of(
        (
            text(),
            optional(),
            optional(),
            any::<Option<u8>>(),
            any::<Option<u8>>(),
        )
            .prop_map(
                |(name, source, category, credibility_percent, importance_percent)| Aggregator {
                    name,
                    source,
                    category,
                    credibility_percent,
                    importance_percent,
                },
            ),
    );
    (
        (
            optional(),
            optional(),
            optional(),
            optional(),
            optional(),
            optional(),
        ),
        (
            optional(),
            optional(),
            "[a-z]{0,3}",
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(text(), 0..6),
        ),
        aggregator,
    )
        .prop_map(
            |(
                (url, title, subtitle, author, dateline, source),
                (published, precision, language, captions, body),
                aggregator,
            )| {
                Article {
                    url,
                    title,
                    subtitle,
                    author,
                    dateline,
                    source,
                    published: Published {
                        published,
                        published_precision: precision,
                    },
                    language,
                    captions,
                    body,
                    aggregator,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn sqlite_round_trips(article in article(), secs in 0i64..4_000_000_000, nanos in 0u32..1_000_000_000, hash in "[0-9a-f]{1,64}") {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        runtime.block_on(async {
            let (store, _dir) = crate::fresh_embedded().await;
            let imported_at = Utc.timestamp_opt(secs, nanos).single().expect("valid time");
            let stored = StoredArticle { id: format!("id-{hash}"), content_hash: hash, imported_at, article };
            prop_assert_eq!(store.articles.put(&stored).await.expect("put"), PutOutcome::Inserted);
            let back = store.articles.get(&stored.id).await.expect("get");
            prop_assert_eq!(back.as_ref(), Some(&stored));
            prop_assert_eq!(store.articles.put(&stored).await.expect("put again"), PutOutcome::Unchanged);
            let latest = store.articles.latest(1, 0).await.expect("latest");
            prop_assert_eq!(latest.first(), Some(&stored));
            Ok(())
        })?;
    }

    #[test]
    fn postgres_round_trips(article in article(), secs in 0i64..4_000_000_000, nanos in 0u32..1_000_000_000, hash in "[0-9a-f]{1,64}") {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        runtime.block_on(async {
            let Some((store, _guard)) = crate::postgres::fresh().await else {
                return Ok(());
            };
            let imported_at = Utc.timestamp_opt(secs, nanos).single().expect("valid time");
            let stored = StoredArticle { id: format!("id-{hash}"), content_hash: hash, imported_at, article };
            prop_assert_eq!(store.articles.put(&stored).await.expect("put"), PutOutcome::Inserted);
            let back = store.articles.get(&stored.id).await.expect("get");
            prop_assert_eq!(back.as_ref(), Some(&stored));
            prop_assert_eq!(store.articles.put(&stored).await.expect("put again"), PutOutcome::Unchanged);
            let latest = store.articles.latest(1, 0).await.expect("latest");
            prop_assert_eq!(latest.first(), Some(&stored));
            Ok(())
        })?;
    }
}
