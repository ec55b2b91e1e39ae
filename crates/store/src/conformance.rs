//! The conformance suite every backend passes: each check takes a fresh, empty [`Store`] and
//! panics (with the check's name and what differed) when the backend misbehaves.
//!
//! Run it with [`conformance_tests!`](crate::conformance_tests), which writes one
//! `#[tokio::test]` per check:
//! ```ignore
//! marsad_store::conformance_tests!(async { (marsad_store::Store::memory(), ()) });
//! ```

use chrono::{DateTime, TimeZone, Utc};
use marsad_extract::{Article, Published};

use crate::{PutOutcome, SearchQuery, SearchResults, Store, StoredArticle};

/// Write one `#[tokio::test]` per conformance check. `$fresh` is an expression (evaluated once
/// per test) giving a future of `(Store, guard)`: a fresh empty store and whatever must live
/// as long as it (a temporary folder), dropped after the store.
///
/// With `@skippable`, `$fresh` gives a future of `Option<(Store, guard)>` instead, and each
/// test returns at once on `None` (a backend that is not available here, such as PostgreSQL
/// without `MARSAD_TEST_POSTGRES`: `$fresh` says why and decides whether that is a failure).
#[macro_export]
macro_rules! conformance_tests {
    (@skippable $fresh:expr) => {
        $crate::conformance_tests!(@list skippable $fresh);
    };
    ($fresh:expr) => {
        $crate::conformance_tests!(@list required $fresh);
    };
    (@list $mode:ident $fresh:expr) => {
        $crate::conformance_tests!(@each $mode $fresh;
            put_get_round_trips,
            put_reports_each_outcome,
            put_many_sees_its_own_batch,
            get_many_keeps_order,
            latest_orders_and_pages,
            scan_and_delete,
            search_ignores_diacritics,
            search_unifies_alef_forms,
            search_unifies_alef_maqsura,
            search_strips_clitics,
            search_finds_title_words,
            search_pages_and_counts,
            search_phrase_needs_adjacent_words,
            search_upsert_replaces,
            search_delete_and_clear,
            search_snippet_shows_the_match,
            search_empty_query_finds_nothing,
            rebuild_index_restores_search,
            analyses_put_replace_and_delete,
            analyses_list_filters_and_orders,
            analyses_put_in_one_call_past_a_statement,
            sources_round_trip_and_remove,
            fetch_state_round_trips,
            long_urls_round_trip,
            clusters_save_and_read_back,
            clusters_replace_and_clear,
            clusters_save_many_rows_last_one_wins,
            clusters_save_many_storylines_past_a_statement,
            clusters_save_changed_storylines_only,
            moderation_counts_distinct_reporters,
            moderation_restore_and_remove,
            moderation_queue_and_audit_log,
            moderation_concurrent_reports_hide_once,
            entities_put_replace_and_read,
            entity_mentions_replace_per_article,
            jobs_claim_lease_and_complete,
            jobs_once_round_skips_completed,
            jobs_concurrent_claims_never_overlap
        );
    };
    (@each required $fresh:expr; $($check:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $check() {
                let (store, _guard) = $fresh.await;
                $crate::conformance::$check(&store).await;
                drop(store);
            }
        )*
    };
    (@each skippable $fresh:expr; $($check:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $check() {
                let Some((store, _guard)) = $fresh.await else {
                    return;
                };
                $crate::conformance::$check(&store).await;
                drop(store);
            }
        )*
    };
}

/// A time for tests, `n` seconds after a fixed instant.
pub fn at(n: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000 + n, 0)
        .single()
        .unwrap_or_default()
}

/// A stored article with this id, title and body paragraphs; its content hash is derived
/// from title and body, so equal texts are duplicates.
pub fn article(id: &str, title: &str, body: &[&str]) -> StoredArticle {
    let article = Article {
        title: Some(title.to_owned()),
        body: body.iter().map(|p| (*p).to_owned()).collect(),
        language: "ar".into(),
        ..Article::default()
    };
    StoredArticle {
        id: id.to_owned(),
        content_hash: hash_of(&article),
        imported_at: at(0),
        article,
    }
}

/// A content hash good enough for tests (FNV-1a over title and body).
fn hash_of(article: &Article) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let title = article.title.as_deref().unwrap_or_default();
    for byte in std::iter::once(title)
        .chain(article.body.iter().map(String::as_str))
        .flat_map(|s| s.bytes().chain([0]))
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

async fn put(store: &Store, a: &StoredArticle) -> PutOutcome {
    match store.articles.put(a).await {
        Ok(outcome) => outcome,
        Err(err) => panic!("put {}: {err}", a.id),
    }
}

/// Store and index the articles, then commit.
async fn load(store: &Store, articles: &[StoredArticle]) {
    for a in articles {
        assert_eq!(put(store, a).await, PutOutcome::Inserted, "put {}", a.id);
        if let Err(err) = store.index.upsert(a) {
            panic!("upsert {}: {err}", a.id);
        }
    }
    commit(store);
}

fn commit(store: &Store) {
    if let Err(err) = store.index.commit() {
        panic!("commit: {err}");
    }
}

fn search(store: &Store, text: &str, limit: usize, offset: usize) -> SearchResults {
    match store.index.search(&SearchQuery {
        text: text.to_owned(),
        limit,
        offset,
    }) {
        Ok(results) => results,
        Err(err) => panic!("search {text:?}: {err}"),
    }
}

/// The first ten hits of [`Store::search`] for `text`, snippets cut from the stored bodies,
/// each hit with its article.
async fn searched(store: &Store, text: &str) -> SearchResults {
    let query = SearchQuery {
        text: text.to_owned(),
        limit: 10,
        offset: 0,
    };
    match store.search(&query).await {
        Ok((results, articles)) => {
            let ids: Vec<Option<&str>> = articles
                .iter()
                .map(|a| a.as_ref().map(|a| a.id.as_str()))
                .collect();
            let hit_ids: Vec<Option<&str>> =
                results.hits.iter().map(|h| Some(h.id.as_str())).collect();
            assert_eq!(ids, hit_ids, "each hit with its article");
            results
        }
        Err(err) => panic!("search {text:?}: {err}"),
    }
}

/// The ids found for `text` (first 100), sorted.
fn found(store: &Store, text: &str) -> Vec<String> {
    let mut ids: Vec<String> = search(store, text, 100, 0)
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

/// Assert that each query finds exactly `expected`.
fn check_finds(store: &Store, cases: &[(&str, &[&str])]) {
    for (query, expected) in cases {
        assert_eq!(found(store, query), *expected, "search {query:?}");
    }
}

/// `put` then `get` gives the same article back, Arabic, optional fields and all.
pub async fn put_get_round_trips(store: &Store) {
    let mut a = article(
        "rt-1",
        "«عاجل»: وزيرُ الخارجيّة يصل إلى الرباط",
        &["الفقرة الأولى.", "", "الفقرة الثانية ٢٠٢٤."],
    );
    a.article.url = Some("https://example.com/ar/خبر?id=1".into());
    a.article.subtitle = Some("عنوان فرعي".into());
    a.article.published = Published {
        published: Some("2024-03-05T10:30".into()),
        published_precision: Some("minute".into()),
    };
    a.article.captions = vec!["صورة".into()];
    a.imported_at = Utc
        .timestamp_opt(1_700_000_123, 456_789_123)
        .single()
        .unwrap_or_default();
    let bare = StoredArticle {
        article: Article::default(),
        ..article("rt-2", "", &[])
    };
    for a in [a, bare] {
        assert_eq!(put(store, &a).await, PutOutcome::Inserted);
        let back = store
            .articles
            .get(&a.id)
            .await
            .unwrap_or_else(|err| panic!("get {}: {err}", a.id));
        assert_eq!(back.as_ref(), Some(&a), "round trip of {}", a.id);
    }
    assert_eq!(store.articles.get("missing").await.ok().flatten(), None);
}

/// Inserted, Unchanged, Updated (keeping the first import time), Duplicate (writing nothing).
pub async fn put_reports_each_outcome(store: &Store) {
    let first = article("o-1", "عنوان", &["نص أول"]);
    assert_eq!(put(store, &first).await, PutOutcome::Inserted);
    assert_eq!(put(store, &first).await, PutOutcome::Unchanged);
    let mut later = first.clone();
    later.imported_at = at(60);
    assert_eq!(
        put(store, &later).await,
        PutOutcome::Unchanged,
        "a new import time alone changes nothing"
    );
    let changed = StoredArticle {
        imported_at: at(120),
        ..article("o-1", "عنوان", &["نص معدل"])
    };
    assert_eq!(put(store, &changed).await, PutOutcome::Updated);
    let back = store.articles.get("o-1").await.ok().flatten();
    assert_eq!(back.as_ref().map(|b| &b.article), Some(&changed.article));
    assert_eq!(
        back.map(|b| b.imported_at),
        Some(first.imported_at),
        "imported_at is the first import"
    );
    let copy = article("o-2", "عنوان", &["نص معدل"]);
    assert_eq!(put(store, &copy).await, PutOutcome::Duplicate("o-1".into()));
    assert_eq!(
        store.articles.get("o-2").await.ok().flatten(),
        None,
        "a duplicate is not written"
    );
    assert_eq!(store.articles.count().await.ok(), Some(1));
    // The old content is free again once its article changed.
    let old_text = article("o-3", "عنوان", &["نص أول"]);
    assert_eq!(put(store, &old_text).await, PutOutcome::Inserted);
}

/// A batch sees itself: a repeat or a duplicate inside it is reported as such.
pub async fn put_many_sees_its_own_batch(store: &Store) {
    let a = article("b-1", "أ", &["واحد"]);
    let b = article("b-2", "ب", &["اثنان"]);
    let dup = article("b-3", "أ", &["واحد"]);
    let outcomes = store
        .articles
        .put_many(&[a.clone(), b, dup, a])
        .await
        .unwrap_or_else(|err| panic!("put_many: {err}"));
    assert_eq!(
        outcomes,
        [
            PutOutcome::Inserted,
            PutOutcome::Inserted,
            PutOutcome::Duplicate("b-1".into()),
            PutOutcome::Unchanged
        ]
    );
    assert_eq!(store.articles.count().await.ok(), Some(2));
    assert_eq!(store.articles.put_many(&[]).await.ok(), Some(Vec::new()));
}

/// `get_many` answers in the order asked, `None` for unknown ids.
pub async fn get_many_keeps_order(store: &Store) {
    load(
        store,
        &[article("g-1", "أ", &["١"]), article("g-2", "ب", &["٢"])],
    )
    .await;
    let ids = ["g-2", "nope", "g-1", "g-2"].map(str::to_owned);
    let got = store
        .articles
        .get_many(&ids)
        .await
        .unwrap_or_else(|err| panic!("get_many: {err}"));
    let got: Vec<Option<String>> = got.into_iter().map(|a| a.map(|a| a.id)).collect();
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(got, [some("g-2"), None, some("g-1"), some("g-2")]);
    assert!(
        store
            .articles
            .get_many(&[])
            .await
            .is_ok_and(|v| v.is_empty())
    );
}

/// Newest publication first, undated last, then newest import, then id; pages don't overlap.
pub async fn latest_orders_and_pages(store: &Store) {
    let dated = |id: &str, published: Option<&str>, imported: i64| {
        let mut a = article(id, id, &[id]);
        a.article.published.published = published.map(str::to_owned);
        a.imported_at = at(imported);
        a
    };
    let all = [
        dated("l-undated-old", None, 1),
        dated("l-2023", Some("2023-12-31T23:59"), 5),
        dated("l-undated-new", None, 9),
        dated("l-2024-b", Some("2024-01-02"), 3),
        dated("l-2024-a", Some("2024-01-02"), 3),
        dated("l-2024-late", Some("2024-01-02T08:00"), 0),
    ];
    for a in &all {
        put(store, a).await;
    }
    let expected = [
        "l-2024-late",
        "l-2024-a",
        "l-2024-b",
        "l-2023",
        "l-undated-new",
        "l-undated-old",
    ];
    let ids = |v: Vec<StoredArticle>| v.into_iter().map(|a| a.id).collect::<Vec<_>>();
    let latest = |limit, offset| async move {
        store
            .articles
            .latest(limit, offset)
            .await
            .unwrap_or_else(|err| panic!("latest: {err}"))
    };
    assert_eq!(ids(latest(10, 0).await), expected);
    assert_eq!(ids(latest(2, 0).await), expected[..2]);
    assert_eq!(ids(latest(2, 2).await), expected[2..4]);
    assert_eq!(ids(latest(10, 5).await), expected[5..]);
    assert!(latest(10, 6).await.is_empty());
    assert_eq!(store.articles.count().await.ok(), Some(6));

    // `newest_of` orders a subset the same way, leaving unknown ids out.
    let newest_of = |ids: &'static [&'static str], limit| async move {
        let ids: Vec<String> = ids.iter().map(|s| (*s).to_owned()).collect();
        store
            .articles
            .newest_of(&ids, limit)
            .await
            .unwrap_or_else(|err| panic!("newest_of: {err}"))
    };
    assert_eq!(
        newest_of(
            &["l-undated-old", "nope", "l-2024-b", "l-2023", "l-2024-b"],
            10
        )
        .await,
        ["l-2024-b", "l-2023", "l-undated-old"]
    );
    assert_eq!(
        newest_of(&["l-undated-new", "l-2024-late", "l-2024-a", "l-2023"], 2).await,
        ["l-2024-late", "l-2024-a"]
    );
    assert!(newest_of(&["nope"], 10).await.is_empty());
    assert!(newest_of(&["l-2023"], 0).await.is_empty());
}

/// `scan` pages through every article by id; `delete` removes one.
pub async fn scan_and_delete(store: &Store) {
    for i in 0..7 {
        put(
            store,
            &article(&format!("s-{i}"), "عنوان", &[&format!("نص رقم {i}")]),
        )
        .await;
    }
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = store
            .articles
            .scan(after.as_deref(), 3)
            .await
            .unwrap_or_else(|err| panic!("scan: {err}"));
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        seen.extend(page.into_iter().map(|a| a.id));
    }
    assert_eq!(seen, (0..7).map(|i| format!("s-{i}")).collect::<Vec<_>>());
    assert_eq!(store.articles.delete("s-3").await.ok(), Some(true));
    assert_eq!(store.articles.delete("s-3").await.ok(), Some(false));
    assert_eq!(store.articles.get("s-3").await.ok().flatten(), None);
    assert_eq!(store.articles.count().await.ok(), Some(6));
    // Its content can be stored again under another id.
    assert_eq!(
        put(store, &article("s-new", "عنوان", &["نص رقم 3"])).await,
        PutOutcome::Inserted
    );
}

/// A query without diacritics finds a text with them, and the other way round.
pub async fn search_ignores_diacritics(store: &Store) {
    load(
        store,
        &[
            article("d-1", "خبر", &["وَصَلَ الوَفْدُ الرَّسْمِيُّ صَبَاحًا"]),
            article("d-2", "خبر آخر", &["انعقد الاجتماع في العاصمة"]),
        ],
    )
    .await;
    check_finds(
        store,
        &[
            ("الوفد", &["d-1"]),
            ("الرسمي", &["d-1"]),
            ("الاجْتِمَاعُ", &["d-2"]),
        ],
    );
}

/// أ, إ, آ and ا are one letter for search.
pub async fn search_unifies_alef_forms(store: &Store) {
    load(
        store,
        &[
            article("h-1", "خبر", &["أعلنت الحكومة إجراءات جديدة"]),
            article("h-2", "خبر آخر", &["وصل الآن وفد من آسيا"]),
        ],
    )
    .await;
    check_finds(
        store,
        &[
            ("اعلنت", &["h-1"]),
            ("اجراءات", &["h-1"]),
            ("إعلنت", &["h-1"]),
            ("اسيا", &["h-2"]),
            ("أسيا", &["h-2"]),
        ],
    );
}

/// ى and ي are one letter for search.
pub async fn search_unifies_alef_maqsura(store: &Store) {
    load(
        store,
        &[
            article("y-1", "خبر", &["وصل الوزير إلى مستشفى المدينة"]),
            article("y-2", "آخر", &["مستشفي الأطفال"]),
        ],
    )
    .await;
    check_finds(
        store,
        &[("مستشفي", &["y-1", "y-2"]), ("مستشفى", &["y-1", "y-2"])],
    );
}

/// «المغرب» finds «والمغرب» and «بالمغرب», and the other way round.
pub async fn search_strips_clitics(store: &Store) {
    load(
        store,
        &[
            article("c-1", "خبر", &["اتفاق بين تونس والمغرب"]),
            article("c-2", "خبر آخر", &["أمطار غزيرة بالمغرب"]),
            article("c-3", "ثالث", &["زار المغرب وفد رسمي"]),
            article("c-4", "رابع", &["لا علاقة لهذا النص"]),
        ],
    )
    .await;
    check_finds(
        store,
        &[
            ("المغرب", &["c-1", "c-2", "c-3"]),
            ("والمغرب", &["c-1", "c-2", "c-3"]),
            ("بالمغرب", &["c-1", "c-2", "c-3"]),
        ],
    );
}

/// A word of the title alone finds the article, and ranks a title match first.
pub async fn search_finds_title_words(store: &Store) {
    load(
        store,
        &[
            article("t-1", "انتخابات بلدية في الأردن", &["جرت العملية في هدوء"]),
            article(
                "t-2",
                "الطقس",
                &["تحدث التقرير عن انتخابات قادمة في دولة مجاورة"],
            ),
        ],
    )
    .await;
    check_finds(store, &[("بلدية", &["t-1"]), ("الأردن", &["t-1"])]);
    let ranked = search(store, "انتخابات", 10, 0);
    assert_eq!(
        ranked.hits.first().map(|h| h.id.as_str()),
        Some("t-1"),
        "title match ranks first: {ranked:?}"
    );
}

/// `limit`, `offset` and `total`.
pub async fn search_pages_and_counts(store: &Store) {
    let articles: Vec<StoredArticle> = (0..12)
        .map(|i| {
            article(
                &format!("p-{i:02}"),
                &format!("تقرير {i}"),
                &[&format!("القمة العربية في دورتها {i}")],
            )
        })
        .collect();
    load(store, &articles).await;
    let mut seen = Vec::new();
    for page in 0..3 {
        let results = search(store, "القمة", 5, page * 5);
        assert_eq!(results.total, 12, "total on page {page}");
        assert_eq!(
            results.hits.len(),
            if page < 2 { 5 } else { 2 },
            "hits on page {page}"
        );
        seen.extend(results.hits.into_iter().map(|h| h.id));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 12, "pages overlap or miss hits");
    assert_eq!(search(store, "القمة", 5, 40).hits.len(), 0);
    let counted = search(store, "القمة", 0, 0);
    assert_eq!((counted.total, counted.hits.len()), (12, 0));
}

/// A quoted phrase needs its words together and in order.
pub async fn search_phrase_needs_adjacent_words(store: &Store) {
    load(
        store,
        &[
            article("ph-1", "خبر", &["اجتمع مجلس الأمن الدولي أمس"]),
            article("ph-2", "خبر آخر", &["قال الأمن إن المجلس اجتمع"]),
        ],
    )
    .await;
    check_finds(
        store,
        &[
            ("مجلس الأمن", &["ph-1", "ph-2"]),
            ("\"مجلس الأمن\"", &["ph-1"]),
            ("«مجلس الامن»", &["ph-1"]),
            ("«الأمن مجلس»", &[]),
        ],
    );
}

/// `upsert` replaces the article's earlier version.
pub async fn search_upsert_replaces(store: &Store) {
    let first = article("u-1", "خبر", &["الرئيس يزور القاهرة"]);
    load(store, &[first]).await;
    let second = article("u-1", "خبر", &["الرئيس يزور عمان"]);
    if let Err(err) = store.index.upsert(&second) {
        panic!("upsert: {err}");
    }
    commit(store);
    check_finds(
        store,
        &[("القاهرة", &[]), ("عمان", &["u-1"]), ("الرئيس", &["u-1"])],
    );
    assert_eq!(store.index.count().ok(), Some(1));
}

/// `delete` and `clear` take effect at commit.
pub async fn search_delete_and_clear(store: &Store) {
    load(
        store,
        &[
            article("x-1", "خبر", &["السوق المالية"]),
            article("x-2", "خبر آخر", &["السوق الشعبية"]),
        ],
    )
    .await;
    if let Err(err) = store.index.delete("x-1") {
        panic!("delete: {err}");
    }
    commit(store);
    check_finds(store, &[("السوق", &["x-2"])]);
    if let Err(err) = store.index.clear() {
        panic!("clear: {err}");
    }
    commit(store);
    check_finds(store, &[("السوق", &[])]);
    assert_eq!(store.index.count().ok(), Some(0));
}

/// The snippet is plain text from the body, around the match.
pub async fn search_snippet_shows_the_match(store: &Store) {
    let filler = "كلام عام لا يهم القارئ كثيرا ".repeat(30);
    let body = format!("{filler}وفي الختام أعلن المتحدث نتائج التحقيق الرسمية. {filler}");
    load(store, &[article("sn-1", "خبر", &[&body])]).await;
    let results = searched(store, "التحقيق").await;
    let hit = results.hits.first().unwrap_or_else(|| panic!("no hit"));
    assert!(
        hit.snippet.contains("أعلن المتحدث نتائج التحقيق الرسمية"),
        "the words around the match keep their spaces: {:?}",
        hit.snippet
    );
    assert!(
        hit.snippet.chars().count() < 400,
        "snippet too long: {}",
        hit.snippet.chars().count()
    );
    assert!(
        !hit.snippet.contains('<') && !hit.snippet.contains('\n'),
        "snippet {:?}",
        hit.snippet
    );
    assert!(hit.score > 0.0);

    // A match far past the lead (2,000 characters) is found too; the one above lies past
    // the first window searched (600).
    let long = "كلام عام لا يهم القارئ كثيرا ".repeat(120);
    let deep = format!("{long}وكشف التقرير عن صفقة الطائرات المسيرة. {filler}");
    load(store, &[article("sn-2", "خبر آخر", &[&deep])]).await;
    let results = searched(store, "الطائرات").await;
    let hit = results.hits.first().unwrap_or_else(|| panic!("no hit"));
    assert_eq!(hit.id, "sn-2");
    assert!(
        hit.snippet.contains("الطائرات"),
        "snippet {:?}",
        hit.snippet
    );
}

/// An empty query, or one without words, finds nothing (and does not fail).
pub async fn search_empty_query_finds_nothing(store: &Store) {
    load(store, &[article("e-1", "خبر", &["نص"])]).await;
    for text in ["", "   ", "«»", "!!! ،،"] {
        let results = search(store, text, 10, 0);
        assert_eq!(
            (results.total, results.hits.len()),
            (0, 0),
            "search {text:?}"
        );
    }
}

/// After the index is emptied, `rebuild_index` brings back every stored article.
pub async fn rebuild_index_restores_search(store: &Store) {
    load(
        store,
        &[
            article("r-1", "خبر", &["مهرجان السينما"]),
            article("r-2", "خبر آخر", &["مهرجان المسرح"]),
        ],
    )
    .await;
    if let Err(err) = store.index.clear() {
        panic!("clear: {err}");
    }
    commit(store);
    check_finds(store, &[("مهرجان", &[])]);
    let mut calls = 0;
    let rebuilt = store
        .rebuild_index(&mut |_, _| calls += 1)
        .await
        .unwrap_or_else(|err| panic!("rebuild: {err}"));
    assert_eq!(rebuilt, 2);
    assert!(calls > 0, "progress was reported");
    check_finds(store, &[("مهرجان", &["r-1", "r-2"]), ("السينما", &["r-1"])]);
}

/// A source for the sources checks.
fn source(id: &str, home: &str) -> crate::Source {
    crate::Source {
        id: id.to_owned(),
        name: format!("جريدة {id}"),
        home_url: home.to_owned(),
        country: Some("MA".into()),
        language: Some("ar".into()),
        feeds: vec![format!("{home}rss.xml")],
        sitemaps: vec![format!("{home}sitemap.xml")],
        profile: crate::SourceProfile {
            reliability: Some(0.75),
            ownership: Some("private".into()),
            ..crate::SourceProfile::default()
        },
        added_at: at(0),
        schedule: crate::Schedule {
            interval_secs: 900,
            next_due: at(10),
            last_run: None,
            last_new: 0,
        },
    }
}

/// Sources: put (new, then replaced), get, list in id order, schedule, remove (with state).
pub async fn sources_round_trip_and_remove(store: &Store) {
    let s = &store.sources;
    let a = source("b.example", "https://b.example/");
    let b = source("a.example", "https://a.example/");
    assert!(
        s.put_source(&a)
            .await
            .unwrap_or_else(|e| panic!("put: {e}"))
    );
    assert!(
        s.put_source(&b)
            .await
            .unwrap_or_else(|e| panic!("put: {e}"))
    );
    let mut renamed = a.clone();
    renamed.name = "اسم جديد".into();
    assert!(
        !s.put_source(&renamed)
            .await
            .unwrap_or_else(|e| panic!("put: {e}")),
        "a second put of the same id replaces"
    );
    assert_eq!(
        s.get_source("b.example").await.ok().flatten(),
        Some(renamed.clone())
    );
    let ids: Vec<String> = s
        .list_sources()
        .await
        .unwrap_or_else(|e| panic!("list: {e}"))
        .into_iter()
        .map(|x| x.id)
        .collect();
    assert_eq!(ids, ["a.example", "b.example"]);
    let schedule = crate::Schedule {
        interval_secs: 60,
        next_due: at(99),
        last_run: Some(at(39)),
        last_new: 4,
    };
    assert_eq!(
        s.set_schedule("b.example", &schedule).await.ok(),
        Some(true)
    );
    assert_eq!(s.set_schedule("none", &schedule).await.ok(), Some(false));
    assert_eq!(
        s.get_source("b.example")
            .await
            .ok()
            .flatten()
            .map(|x| x.schedule),
        Some(schedule)
    );
    let state = crate::FetchState {
        url: "https://b.example/1".into(),
        source_id: "b.example".into(),
        etag: None,
        last_modified: None,
        last_status: 200,
        first_seen: at(1),
        last_fetched: at(1),
        article_id: Some("x".into()),
    };
    s.put_fetch_state(&state)
        .await
        .unwrap_or_else(|e| panic!("state: {e}"));
    assert_eq!(s.remove_source("b.example").await.ok(), Some(true));
    assert_eq!(s.remove_source("b.example").await.ok(), Some(false));
    assert_eq!(s.get_source("b.example").await.ok().flatten(), None);
    assert_eq!(
        s.count_fetch_states(None).await.ok(),
        Some((0, 0)),
        "removing a source removes its fetch state"
    );
}

/// URLs far longer than any index entry (10 000 characters) are stored and found: an
/// article's, a source's home page, a fetched URL.
pub async fn long_urls_round_trip(store: &Store) {
    // Pseudo-random, so that PostgreSQL cannot compress it under the index limit.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let path: String = (0..10_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[(seed % 36) as usize])
        })
        .collect();
    let long = format!("https://long.example/{path}");
    let mut a = article("long-1", "عنوان", &["نص"]);
    a.article.url = Some(long.clone());
    assert_eq!(put(store, &a).await, PutOutcome::Inserted);
    assert_eq!(store.articles.get("long-1").await.ok().flatten(), Some(a));
    let s = &store.sources;
    let home = source("long.example", &long);
    assert_eq!(s.put_source(&home).await.ok(), Some(true));
    assert_eq!(
        s.get_source("long.example").await.ok().flatten(),
        Some(home)
    );
    let state = crate::FetchState {
        url: long.clone(),
        source_id: "long.example".into(),
        etag: None,
        last_modified: None,
        last_status: 200,
        first_seen: at(1),
        last_fetched: at(1),
        article_id: Some("long-1".into()),
    };
    for last_status in [200, 304] {
        let state = crate::FetchState {
            last_status,
            ..state.clone()
        };
        s.put_fetch_state(&state)
            .await
            .unwrap_or_else(|e| panic!("state of a long URL: {e}"));
    }
    let other = format!("{long}y");
    let back = s
        .fetch_states(&[other, long])
        .await
        .unwrap_or_else(|e| panic!("get: {e}"));
    let expected = crate::FetchState {
        last_status: 304,
        ..state
    };
    assert_eq!(back, vec![None, Some(expected)]);
    assert_eq!(s.count_fetch_states(None).await.ok(), Some((1, 1)));
}

/// Fetch state: absent, put, replaced (first_seen kept), counted per source.
pub async fn fetch_state_round_trips(store: &Store) {
    let s = &store.sources;
    let urls = vec![
        "https://x.example/a".to_owned(),
        "https://x.example/b".to_owned(),
    ];
    assert_eq!(s.fetch_states(&urls).await.ok(), Some(vec![None, None]));
    let first = crate::FetchState {
        url: urls[0].clone(),
        source_id: "x.example".into(),
        etag: Some("\"v1\"".into()),
        last_modified: Some("Wed, 21 Oct 2015 07:28:00 GMT".into()),
        last_status: 200,
        first_seen: at(5),
        last_fetched: at(5),
        article_id: None,
    };
    s.put_fetch_state(&first)
        .await
        .unwrap_or_else(|e| panic!("state: {e}"));
    let later = crate::FetchState {
        etag: Some("\"v2\"".into()),
        last_status: 304,
        first_seen: at(50),
        last_fetched: at(50),
        article_id: Some("art-1".into()),
        ..first.clone()
    };
    s.put_fetch_state(&later)
        .await
        .unwrap_or_else(|e| panic!("state: {e}"));
    let other = crate::FetchState {
        url: urls[1].clone(),
        source_id: "y.example".into(),
        ..first.clone()
    };
    s.put_fetch_state(&other)
        .await
        .unwrap_or_else(|e| panic!("state: {e}"));
    let back = s
        .fetch_states(&urls)
        .await
        .unwrap_or_else(|e| panic!("get: {e}"));
    let expected = crate::FetchState {
        first_seen: at(5),
        ..later
    };
    assert_eq!(back[0].as_ref(), Some(&expected), "first_seen is the first");
    assert_eq!(back[1].as_ref(), Some(&other));
    assert_eq!(
        s.count_fetch_states(Some("x.example")).await.ok(),
        Some((1, 1))
    );
    assert_eq!(s.count_fetch_states(None).await.ok(), Some((2, 1)));
}

fn event(id: &str, date: &str, articles: u64) -> crate::EventRecord {
    crate::EventRecord {
        id: id.into(),
        label: format!("حدث {id}"),
        date: date.into(),
        articles,
        entities: vec!["المغرب".into(), "IAI Harop".into()],
    }
}

fn placed(article: &str, event: &str, duplicate_of: Option<&str>) -> crate::ArticleAssignment {
    crate::ArticleAssignment {
        article: article.into(),
        event: event.into(),
        duplicate_of: duplicate_of.map(str::to_owned),
    }
}

/// Clustering state and assignments round-trip; a later update adds and replaces by id and
/// replaces the storylines as a whole.
pub async fn clusters_save_and_read_back(store: &Store) {
    let c = &store.clusters;
    assert_eq!(c.state().await.ok(), Some(None));
    let state = crate::ClusterState {
        format: "test/1".into(),
        articles: 2,
        bytes: vec![0, 1, 2, 255],
    };
    let first = crate::ClusterUpdate {
        state: Some(state.clone()),
        replace: false,
        articles: vec![placed("a", "e-a", None), placed("b", "e-a", Some("a"))],
        events: vec![event("e-a", "2022-07-19", 2)],
        storylines: vec![crate::StorylineRecord {
            id: "s-a".into(),
            label: "قصة".into(),
            events: vec!["e-a".into()],
        }],
        timelines: Vec::new(),
        ..Default::default()
    };
    c.save(&first).await.unwrap_or_else(|e| panic!("save: {e}"));
    assert_eq!(c.state().await.ok(), Some(Some(state)));
    assert_eq!(
        c.assignment("b").await.ok(),
        Some(Some(placed("b", "e-a", Some("a"))))
    );
    assert_eq!(c.assignment("zz").await.ok(), Some(None));
    let second = crate::ClusterUpdate {
        state: Some(crate::ClusterState {
            format: "test/1".into(),
            articles: 3,
            bytes: vec![9; 1000],
        }),
        replace: false,
        articles: vec![placed("c", "e-c", None)],
        events: vec![event("e-a", "2022-07-20", 2), event("e-c", "2021-11-24", 1)],
        storylines: vec![crate::StorylineRecord {
            id: "s-c".into(),
            label: "قصة أخرى".into(),
            events: vec!["e-c".into(), "e-a".into()],
        }],
        timelines: vec![
            entry("s-c", "2020-12", "mentioned", None, &["c"]),
            entry("s-c", "2021-11-24", "event", Some("e-c"), &["c"]),
            entry("s-c", "2022-07-20", "event", Some("e-a"), &["a", "b"]),
        ],
        ..Default::default()
    };
    c.save(&second)
        .await
        .unwrap_or_else(|e| panic!("save: {e}"));
    let all = c
        .assignments()
        .await
        .unwrap_or_else(|e| panic!("read: {e}"));
    let ids: Vec<&str> = all.iter().map(|a| a.article.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let events = c.events().await.unwrap_or_else(|e| panic!("read: {e}"));
    assert_eq!(
        events,
        vec![event("e-c", "2021-11-24", 1), event("e-a", "2022-07-20", 2)]
    );
    let lines = c.storylines().await.unwrap_or_else(|e| panic!("read: {e}"));
    assert_eq!(lines.len(), 1, "storylines are replaced as a whole");
    assert_eq!(lines[0].events, ["e-c", "e-a"], "in the order given");
    assert_eq!(c.storyline("s-c").await.ok(), Some(Some(lines[0].clone())));
    assert_eq!(c.storyline("s-a").await.ok(), Some(None), "replaced");
    assert_eq!(
        c.storyline_of("e-a").await.ok().flatten().map(|s| s.id),
        Some("s-c".to_owned())
    );
    assert_eq!(c.storyline_of("e-zz").await.ok(), Some(None));
    let timeline = c
        .timeline("s-c")
        .await
        .unwrap_or_else(|e| panic!("read: {e}"));
    let dates: Vec<&str> = timeline.iter().map(|t| t.date.as_str()).collect();
    assert_eq!(
        dates,
        ["2020-12", "2021-11-24", "2022-07-20"],
        "in the order given"
    );
    assert_eq!(timeline[2].articles, ["a", "b"]);
    assert_eq!(timeline[0].event, None);
    assert_eq!(c.timeline("s-zz").await.ok(), Some(Vec::new()));
    assert_eq!(c.state().await.ok().flatten().map(|s| s.articles), Some(3));

    // One event, its articles, and the latest events (newest day, then the largest).
    assert_eq!(
        c.event("e-c").await.ok(),
        Some(Some(event("e-c", "2021-11-24", 1)))
    );
    assert_eq!(c.event("e-zz").await.ok(), Some(None));
    assert_eq!(
        c.event_articles("e-a").await.ok(),
        Some(vec!["a".to_owned(), "b".to_owned()])
    );
    assert_eq!(c.event_articles("e-zz").await.ok(), Some(Vec::new()));
    let third = crate::ClusterUpdate {
        state: None,
        replace: false,
        articles: vec![placed("d", "e-d", None), placed("e", "e-e", None)],
        events: vec![event("e-d", "2022-07-20", 5), event("e-e", "2022-07-20", 1)],
        storylines: Vec::new(),
        timelines: Vec::new(),
        ..Default::default()
    };
    c.save(&third).await.unwrap_or_else(|e| panic!("save: {e}"));
    let latest: Vec<String> = c
        .latest_events(3)
        .await
        .unwrap_or_else(|e| panic!("read: {e}"))
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(latest, ["e-d", "e-a", "e-e"]);
    assert_eq!(c.latest_events(0).await.ok().map(|v| v.len()), Some(0));
}

fn entry(
    storyline: &str,
    date: &str,
    kind: &str,
    event: Option<&str>,
    articles: &[&str],
) -> crate::TimelineRecord {
    crate::TimelineRecord {
        storyline: storyline.into(),
        date: date.into(),
        precision: if date.len() == 7 { "month" } else { "day" }.into(),
        kind: kind.into(),
        what: format!("{kind} {date}"),
        event: event.map(str::to_owned),
        articles: articles.iter().map(|a| (*a).to_owned()).collect(),
    }
}

/// With `storylines_changed_only`, only the storylines given (and their timelines) are
/// replaced, those removed are dropped, and the others stay as they were.
pub async fn clusters_save_changed_storylines_only(store: &Store) {
    let c = &store.clusters;
    let line = |id: &str, events: &[&str]| crate::StorylineRecord {
        id: id.into(),
        label: format!("قصة {id}"),
        events: events.iter().map(|e| (*e).to_owned()).collect(),
    };
    let all = crate::ClusterUpdate {
        storylines: vec![
            line("s-a", &["e-a", "e-b"]),
            line("s-c", &["e-c", "e-d"]),
            line("s-e", &["e-e", "e-f"]),
        ],
        timelines: vec![
            entry("s-a", "2022-07-19", "event", Some("e-a"), &["a"]),
            entry("s-c", "2022-07-20", "event", Some("e-c"), &["c"]),
            entry("s-e", "2022-07-21", "event", Some("e-e"), &["e"]),
        ],
        ..crate::ClusterUpdate::default()
    };
    c.save(&all).await.unwrap_or_else(|e| panic!("save: {e}"));
    // e-d moves from s-c to s-a; s-e is gone.
    let delta = crate::ClusterUpdate {
        storylines: vec![
            line("s-a", &["e-a", "e-b", "e-d"]),
            line("s-c", &["e-c", "e-g"]),
        ],
        timelines: vec![
            entry("s-a", "2022-07-19", "event", Some("e-a"), &["a"]),
            entry("s-a", "2022-07-22", "event", Some("e-d"), &["d"]),
        ],
        storylines_changed_only: true,
        storylines_removed: vec!["s-e".into()],
        ..crate::ClusterUpdate::default()
    };
    c.save(&delta).await.unwrap_or_else(|e| panic!("save: {e}"));
    let mut lines = c.storylines().await.unwrap_or_else(|e| panic!("read: {e}"));
    lines.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        lines,
        vec![
            line("s-a", &["e-a", "e-b", "e-d"]),
            line("s-c", &["e-c", "e-g"])
        ]
    );
    assert_eq!(
        c.storyline_of("e-d").await.ok().flatten().map(|s| s.id),
        Some("s-a".to_owned())
    );
    assert_eq!(c.storyline_of("e-f").await.ok(), Some(None));
    let dates = |id: &'static str| async move {
        c.timeline(id)
            .await
            .unwrap_or_else(|e| panic!("read: {e}"))
            .into_iter()
            .map(|t| t.date)
            .collect::<Vec<_>>()
    };
    assert_eq!(dates("s-a").await, ["2022-07-19", "2022-07-22"]);
    assert_eq!(
        dates("s-c").await,
        Vec::<String>::new(),
        "its timeline was replaced"
    );
    assert_eq!(dates("s-e").await, Vec::<String>::new());

    // Untouched storylines stay.
    let other = crate::ClusterUpdate {
        storylines: vec![line("s-h", &["e-h", "e-i"])],
        storylines_changed_only: true,
        ..crate::ClusterUpdate::default()
    };
    c.save(&other).await.unwrap_or_else(|e| panic!("save: {e}"));
    assert_eq!(c.storylines().await.map(|l| l.len()).ok(), Some(3));
    assert_eq!(dates("s-a").await.len(), 2);
}

/// A rebuild (`replace`) drops the old assignments; `clear` drops everything.
pub async fn clusters_replace_and_clear(store: &Store) {
    let c = &store.clusters;
    let update = crate::ClusterUpdate {
        state: None,
        replace: false,
        articles: vec![placed("a", "e-a", None), placed("b", "e-b", None)],
        events: vec![event("e-a", "2022-07-19", 1), event("e-b", "2022-07-19", 1)],
        storylines: Vec::new(),
        timelines: Vec::new(),
        ..Default::default()
    };
    c.save(&update)
        .await
        .unwrap_or_else(|e| panic!("save: {e}"));
    assert_eq!(c.state().await.ok(), Some(None), "no state was given");
    let rebuild = crate::ClusterUpdate {
        replace: true,
        articles: vec![placed("a", "e-x", None)],
        events: vec![event("e-x", "2022-07-19", 1)],
        ..crate::ClusterUpdate::default()
    };
    c.save(&rebuild)
        .await
        .unwrap_or_else(|e| panic!("save: {e}"));
    let all = c
        .assignments()
        .await
        .unwrap_or_else(|e| panic!("read: {e}"));
    assert_eq!(all, vec![placed("a", "e-x", None)]);
    assert_eq!(c.events().await.map(|e| e.len()).ok(), Some(1));
    c.clear().await.unwrap_or_else(|e| panic!("clear: {e}"));
    assert_eq!(c.assignments().await.map(|a| a.len()).ok(), Some(0));
    assert_eq!(c.events().await.map(|e| e.len()).ok(), Some(0));
    assert_eq!(c.state().await.ok(), Some(None));
}

/// A save of many rows (more than a backend may write in one statement) keeps them all, and
/// an article or event given twice in one update ends as its last row.
pub async fn clusters_save_many_rows_last_one_wins(store: &Store) {
    let c = &store.clusters;
    let mut articles: Vec<crate::ArticleAssignment> = (0..12_000)
        .map(|i| placed(&format!("a{i:05}"), &format!("e{:04}", i / 4), None))
        .collect();
    articles.push(placed("a00000", "e-last", Some("a00001")));
    let mut events: Vec<crate::EventRecord> = (0..3_000)
        .map(|e| event(&format!("e{e:04}"), "2022-07-19", 4))
        .collect();
    events.push(event("e-last", "2022-07-20", 1));
    events.push(crate::EventRecord {
        label: "الأخير".into(),
        ..event("e0001", "2022-07-21", 9)
    });
    let update = crate::ClusterUpdate {
        replace: true,
        articles,
        events,
        ..crate::ClusterUpdate::default()
    };
    c.save(&update)
        .await
        .unwrap_or_else(|e| panic!("save: {e}"));
    let all = c
        .assignments()
        .await
        .unwrap_or_else(|e| panic!("read: {e}"));
    assert_eq!(all.len(), 12_000);
    assert_eq!(
        all[0],
        placed("a00000", "e-last", Some("a00001")),
        "the last row wins"
    );
    assert_eq!(all[11_999], placed("a11999", "e2999", None));
    let events = c.events().await.unwrap_or_else(|e| panic!("events: {e}"));
    assert_eq!(events.len(), 3_001);
    let e1 = c.event("e0001").await.ok().flatten();
    assert_eq!(
        e1.as_ref().map(|e| (e.label.as_str(), e.articles)),
        Some(("الأخير", 9))
    );
    assert_eq!(
        c.event_articles("e2999").await.ok(),
        Some(vec![
            "a11996".to_owned(),
            "a11997".into(),
            "a11998".into(),
            "a11999".into()
        ])
    );
}

/// Storylines, their members and timelines past what a backend may write in one statement:
/// all are kept in order, and a changed-only update that removes and replaces hundreds of
/// them leaves the others as they were.
pub async fn clusters_save_many_storylines_past_a_statement(store: &Store) {
    let c = &store.clusters;
    let line = |n: usize, events: usize, tag: &str| crate::StorylineRecord {
        id: format!("s{n:04}"),
        label: format!("قصة {n} {tag}"),
        events: (0..events).map(|e| format!("e{n:04}-{e}")).collect(),
    };
    let entries = |n: usize, count: usize| -> Vec<crate::TimelineRecord> {
        (0..count)
            .map(|k| {
                let date = format!("2022-07-{:02}", 1 + k);
                let event = format!("e{n:04}-{k}");
                entry(&format!("s{n:04}"), &date, "event", Some(&event), &["a"])
            })
            .collect()
    };
    let all = crate::ClusterUpdate {
        storylines: (0..1_200).map(|n| line(n, 3, "أ")).collect(),
        timelines: (0..1_200).flat_map(|n| entries(n, 2)).collect(),
        ..crate::ClusterUpdate::default()
    };
    c.save(&all).await.unwrap_or_else(|e| panic!("save: {e}"));
    let lines = c.storylines().await.unwrap_or_else(|e| panic!("read: {e}"));
    assert_eq!(lines.len(), 1_200);
    let members: usize = lines.iter().map(|l| l.events.len()).sum();
    assert_eq!(members, 3_600);
    // The first 600 are removed, the other 600 replaced (two events, one timeline entry),
    // and 100 new ones added.
    let delta = crate::ClusterUpdate {
        storylines: (600..1_300).map(|n| line(n, 2, "ب")).collect(),
        timelines: (600..1_300).flat_map(|n| entries(n, 1)).collect(),
        storylines_changed_only: true,
        storylines_removed: (0..600).map(|n| format!("s{n:04}")).collect(),
        ..crate::ClusterUpdate::default()
    };
    c.save(&delta).await.unwrap_or_else(|e| panic!("save: {e}"));
    let mut lines = c.storylines().await.unwrap_or_else(|e| panic!("read: {e}"));
    lines.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(lines.len(), 700);
    assert_eq!(lines[0], line(600, 2, "ب"));
    assert_eq!(lines[699], line(1_299, 2, "ب"));
    assert_eq!(c.storyline_of("e0005-0").await.ok(), Some(None), "removed");
    assert_eq!(
        c.storyline_of("e1100-1").await.ok().flatten().map(|s| s.id),
        Some("s1100".to_owned())
    );
    let timeline = |id: String| async move {
        c.timeline(&id)
            .await
            .unwrap_or_else(|e| panic!("read: {e}"))
            .into_iter()
            .map(|t| t.date)
            .collect::<Vec<_>>()
    };
    assert_eq!(timeline("s0001".into()).await, Vec::<String>::new());
    assert_eq!(timeline("s0650".into()).await, ["2022-07-01"]);
    assert_eq!(timeline("s1250".into()).await, ["2022-07-01"]);
}

fn report_by(item: &crate::moderation::ItemRef, who: &str, n: i64) -> crate::moderation::NewReport {
    crate::moderation::NewReport {
        item: item.clone(),
        reporter: who.to_owned(),
        reason: format!("  سبب {who}  "),
        at: at(n),
    }
}

/// Readers reporting one item at the same time are counted one after the other: with a
/// threshold of 3, twelve reports (by six readers, each twice) count six, and the item is
/// hidden exactly once.
pub async fn moderation_concurrent_reports_hide_once(store: &Store) {
    use crate::moderation::{AuditAction, ItemRef, ItemStatus};
    let item = ItemRef::article("busy");
    let mut tasks = Vec::new();
    for n in 0..12 {
        let store = store.clone();
        let item = item.clone();
        tasks.push(tokio::spawn(async move {
            let who = format!("v{}", n % 6);
            store
                .moderation
                .report(&report_by(&item, &who, n), 3)
                .await
                .unwrap_or_else(|e| panic!("report by {who}: {e}"))
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        match task.await {
            Ok(outcome) => outcomes.push(outcome),
            Err(err) => panic!("reporter task: {err}"),
        }
    }
    assert_eq!(
        outcomes.iter().filter(|o| o.counted).count(),
        6,
        "{outcomes:?}"
    );
    let mut counts: Vec<u32> = outcomes
        .iter()
        .filter(|o| o.counted)
        .map(|o| o.reporters)
        .collect();
    counts.sort_unstable();
    assert_eq!(
        counts,
        [1, 2, 3, 4, 5, 6],
        "each counted report sees the ones before"
    );
    assert_eq!(
        store.moderation.status(&item).await.ok(),
        Some(Some(ItemStatus::Hidden))
    );
    let log = store
        .moderation
        .audit_log(100, 0)
        .await
        .unwrap_or_else(|e| panic!("audit log: {e}"));
    let count = |action| log.iter().filter(|e| e.action == action).count();
    assert_eq!(count(AuditAction::Report), 12);
    assert_eq!(count(AuditAction::AutoHide), 1, "hidden once");
}

/// One reporter counts once; the item is hidden exactly when the threshold is reached.
pub async fn moderation_counts_distinct_reporters(store: &Store) {
    use crate::moderation::{ItemKind, ItemRef, ItemStatus};
    let m = &store.moderation;
    let item = ItemRef::article("a-1");
    let image = ItemRef::image("a-1", 0);
    assert_eq!(m.status(&item).await.ok(), Some(None), "never reported");
    let first = m
        .report(&report_by(&item, "v1", 1), 3)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    assert!(first.counted);
    assert_eq!((first.reporters, first.status), (1, ItemStatus::Reported));
    for n in 2..5 {
        let again = m
            .report(&report_by(&item, "v1", n), 3)
            .await
            .unwrap_or_else(|e| panic!("report: {e}"));
        assert!(!again.counted, "the same reporter counts once");
        assert_eq!(again.reporters, 1);
    }
    let second = m
        .report(&report_by(&item, "v2", 5), 3)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    assert_eq!((second.reporters, second.status), (2, ItemStatus::Reported));
    assert_eq!(m.hidden(ItemKind::Article).await.ok(), Some(Vec::new()));
    let third = m
        .report(&report_by(&item, "v3", 6), 3)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    assert_eq!((third.reporters, third.status), (3, ItemStatus::Hidden));
    assert_eq!(
        m.hidden(ItemKind::Article).await.ok(),
        Some(vec!["a-1".to_owned()])
    );
    assert_eq!(
        m.hidden(ItemKind::Image).await.ok(),
        Some(Vec::new()),
        "kinds are apart"
    );
    let fourth = m
        .report(&report_by(&item, "v4", 7), 3)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    assert_eq!((fourth.reporters, fourth.status), (4, ItemStatus::Hidden));
    // An image is its own item; a threshold of 1 hides at once (0 counts as 1).
    let img = m
        .report(&report_by(&image, "v1", 8), 0)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    assert_eq!(img.status, ItemStatus::Hidden);
    assert_eq!(
        m.hidden(ItemKind::Image).await.ok(),
        Some(vec!["a-1/0".to_owned()])
    );
}

/// A restore shows the item and resets the count; a remove hides it for good.
pub async fn moderation_restore_and_remove(store: &Store) {
    use crate::moderation::{Decision, ItemKind, ItemRef, ItemStatus};
    let m = &store.moderation;
    let item = ItemRef::image("a-2", 1);
    for (n, who) in ["v1", "v2"].iter().enumerate() {
        m.report(&report_by(&item, who, n as i64), 2)
            .await
            .unwrap_or_else(|e| panic!("report: {e}"));
    }
    assert_eq!(
        m.status(&item).await.ok().flatten(),
        Some(ItemStatus::Hidden)
    );
    let restored = m
        .decide(&item, Decision::Restore, "admin", Some("لا مخالفة"), at(10))
        .await;
    assert_eq!(restored.ok(), Some(ItemStatus::Restored));
    assert_eq!(m.hidden(ItemKind::Image).await.ok(), Some(Vec::new()));
    // Old reporters count again from zero, once each.
    let again = m
        .report(&report_by(&item, "v1", 11), 2)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    assert!(again.counted, "a report after a restore counts");
    assert_eq!((again.reporters, again.status), (1, ItemStatus::Reported));
    let hidden = m
        .report(&report_by(&item, "v2", 12), 2)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    assert_eq!((hidden.reporters, hidden.status), (2, ItemStatus::Hidden));
    let removed = m
        .decide(&item, Decision::Remove, "admin", None, at(13))
        .await;
    assert_eq!(removed.ok(), Some(ItemStatus::Removed));
    let ignored = m
        .report(&report_by(&item, "v9", 14), 2)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    assert!(!ignored.counted);
    assert_eq!(ignored.status, ItemStatus::Removed);
    assert_eq!(
        m.hidden(ItemKind::Image).await.ok(),
        Some(vec!["a-2/1".to_owned()])
    );
    // An admin may remove what nobody reported.
    let direct = m
        .decide(
            &ItemRef::article("a-3"),
            Decision::Remove,
            "admin",
            None,
            at(15),
        )
        .await;
    assert_eq!(direct.ok(), Some(ItemStatus::Removed));
    assert_eq!(
        m.hidden(ItemKind::Article).await.ok(),
        Some(vec!["a-3".to_owned()])
    );
}

/// The queue holds undecided items, hidden first; the log holds every action, newest first.
pub async fn moderation_queue_and_audit_log(store: &Store) {
    use crate::moderation::{AuditAction, Decision, ItemRef, ItemStatus};
    let m = &store.moderation;
    let a = ItemRef::article("a");
    let b = ItemRef::article("b");
    let c = ItemRef::article("c");
    m.report(&report_by(&a, "v1", 1), 3)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    for (n, who) in ["v1", "v2", "v3"].iter().enumerate() {
        m.report(&report_by(&b, who, 2 + n as i64), 3)
            .await
            .unwrap_or_else(|e| panic!("report: {e}"));
    }
    m.report(&report_by(&c, "v1", 6), 3)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    m.report(&report_by(&c, "v2", 7), 3)
        .await
        .unwrap_or_else(|e| panic!("report: {e}"));
    let queue = m
        .queue(10, 0)
        .await
        .unwrap_or_else(|e| panic!("queue: {e}"));
    let order: Vec<(&str, ItemStatus, u32)> = queue
        .iter()
        .map(|q| (q.item.id.as_str(), q.status, q.reporters))
        .collect();
    assert_eq!(
        order,
        vec![
            ("b", ItemStatus::Hidden, 3),
            ("c", ItemStatus::Reported, 2),
            ("a", ItemStatus::Reported, 1)
        ]
    );
    assert_eq!(
        queue[0].reasons,
        vec!["سبب v1", "سبب v2", "سبب v3"],
        "trimmed, oldest first"
    );
    assert_eq!(queue[0].last_reported, at(4));
    assert_eq!(m.queue(1, 1).await.ok().map(|q| q.len()), Some(1));
    m.decide(&b, Decision::Restore, "admin", Some("راجعته"), at(8))
        .await
        .unwrap_or_else(|e| panic!("decide: {e}"));
    let queue = m
        .queue(10, 0)
        .await
        .unwrap_or_else(|e| panic!("queue: {e}"));
    assert!(
        queue.iter().all(|q| q.item != b),
        "a decided item leaves the queue"
    );

    let log = m
        .audit_log(100, 0)
        .await
        .unwrap_or_else(|e| panic!("log: {e}"));
    let actions: Vec<(AuditAction, &str, &str)> = log
        .iter()
        .map(|e| (e.action, e.actor.as_str(), e.item.id.as_str()))
        .collect();
    assert_eq!(
        actions.len(),
        8,
        "6 reports, 1 auto-hide, 1 restore: {actions:?}"
    );
    assert_eq!(actions[0], (AuditAction::Restore, "admin", "b"));
    assert_eq!(log[0].note.as_deref(), Some("راجعته"));
    assert_eq!(log[0].at, at(8));
    assert!(actions.contains(&(AuditAction::AutoHide, crate::moderation::SYSTEM_ACTOR, "b")));
    assert!(log.windows(2).all(|w| w[0].seq > w[1].seq), "newest first");
    assert_eq!(m.audit_log(2, 1).await.ok().map(|l| l.len()), Some(2));
}

/// An analysis with this category and these figures.
fn analysis_of(category: &str, credibility: u8, importance: u8) -> marsad_analyze::Analysis {
    use marsad_analyze::{Analysis, CategoryResult, Reason, Score};
    let score = |value: u8| Score {
        value,
        reasons: vec![Reason {
            code: "base".into(),
            weight: i8::try_from(value).unwrap_or(0),
            detail: None,
        }],
    };
    Analysis {
        version: 1,
        category: Some(CategoryResult {
            label: category.to_owned(),
            arabic: Some("سياسة".into()),
            confidence: 0.75,
            ..CategoryResult::default()
        }),
        source_category: Some("إقتصاد".into()),
        credibility: score(credibility),
        importance: score(importance),
        ..Analysis::default()
    }
}

/// A put replaces the article's analysis (re-importing never duplicates); get, get_many,
/// delete and count agree.
pub async fn analyses_put_replace_and_delete(store: &Store) {
    let a = &store.analyses;
    let first = analysis_of("politics", 60, 40);
    a.put_analysis("x", &first)
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    assert_eq!(
        a.get_analysis("x")
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}"))
            .as_ref(),
        Some(&first)
    );
    let second = analysis_of("economy", 70, 50);
    a.put_analysis("x", &second)
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    assert_eq!(
        a.count_analyses()
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        1,
        "a put replaces"
    );
    assert_eq!(
        a.get_analysis("x")
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        Some(second.clone())
    );
    a.put_analyses(&[("y".into(), first.clone()), ("x".into(), second.clone())])
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    assert_eq!(
        a.count_analyses()
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        2
    );
    let got = a
        .get_analyses(&["y".into(), "nope".into(), "x".into()])
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    assert_eq!(got, vec![Some(first), None, Some(second)]);
    assert!(
        a.delete_analysis("x")
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}"))
    );
    assert!(
        !a.delete_analysis("x")
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}"))
    );
    assert_eq!(
        a.get_analysis("x")
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        None
    );
    assert_eq!(
        a.count_analyses()
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        1
    );
}

/// One `put_analyses` of more rows than a backend may write in one statement stores them
/// all, and an id given twice keeps its later analysis, as separate puts would.
pub async fn analyses_put_in_one_call_past_a_statement(store: &Store) {
    let a = &store.analyses;
    let mut items: Vec<(String, marsad_analyze::Analysis)> = (0..1_203u32)
        .map(|i| {
            let figure = u8::try_from(i % 101).unwrap_or(0);
            (
                format!("a{i:04}"),
                analysis_of("politics", figure, 100 - figure),
            )
        })
        .collect();
    items.push(("a0007".into(), analysis_of("sport", 1, 2)));
    a.put_analyses(&items)
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    assert_eq!(
        a.count_analyses()
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        1_203
    );
    let ids: Vec<String> = ["a0000", "a0007", "a0600", "a1202"]
        .map(String::from)
        .to_vec();
    let got = a
        .get_analyses(&ids)
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    assert_eq!(
        got,
        vec![
            Some(items[0].1.clone()),
            Some(analysis_of("sport", 1, 2)),
            Some(items[600].1.clone()),
            Some(items[1202].1.clone()),
        ]
    );
}

/// `list_analyses` filters by category and minimum figures, orders by the chosen figure
/// (ties by id) and pages.
pub async fn analyses_list_filters_and_orders(store: &Store) {
    use crate::{AnalysisOrder, AnalysisQuery};
    let a = &store.analyses;
    let items: Vec<(String, marsad_analyze::Analysis)> = vec![
        ("a".into(), analysis_of("politics", 80, 30)),
        ("b".into(), analysis_of("sport", 40, 90)),
        ("c".into(), analysis_of("politics", 55, 60)),
        ("d".into(), analysis_of("politics", 20, 60)),
    ];
    a.put_analyses(&items)
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    let ids = |found: Vec<(String, marsad_analyze::Analysis)>| -> Vec<String> {
        found.into_iter().map(|(id, _)| id).collect()
    };
    let all = AnalysisQuery {
        limit: 10,
        ..AnalysisQuery::default()
    };
    assert_eq!(
        ids(a
            .list_analyses(&all)
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}"))),
        ["b", "c", "d", "a"]
    );
    let by_credibility = AnalysisQuery {
        order: AnalysisOrder::Credibility,
        ..all.clone()
    };
    assert_eq!(
        ids(a
            .list_analyses(&by_credibility)
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}"))),
        ["a", "c", "b", "d"]
    );
    let politics = AnalysisQuery {
        category: Some("politics".into()),
        min_credibility: Some(50),
        ..all.clone()
    };
    assert_eq!(
        ids(a
            .list_analyses(&politics)
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}"))),
        ["c", "a"]
    );
    let important = AnalysisQuery {
        min_importance: Some(60),
        offset: 1,
        limit: 1,
        ..all.clone()
    };
    assert_eq!(
        ids(a
            .list_analyses(&important)
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}"))),
        ["c"]
    );
}

fn entity(id: &str, canonical: &str, forms: &[(&str, u32)]) -> crate::EntityRecord {
    crate::EntityRecord {
        id: id.to_owned(),
        entity_type: "person".to_owned(),
        canonical: canonical.to_owned(),
        gazetteer: None,
        forms: forms.iter().map(|(f, c)| ((*f).to_owned(), *c)).collect(),
    }
}

fn mention(
    entity: &str,
    field: &str,
    paragraph: u32,
    start: u32,
    surface: &str,
) -> crate::MentionRecord {
    crate::MentionRecord {
        entity_id: entity.to_owned(),
        field: field.to_owned(),
        paragraph,
        start,
        end: start + surface.len() as u32,
        surface: surface.to_owned(),
    }
}

/// Entities are stored by id, replaced by a later put, and listed by id.
pub async fn entities_put_replace_and_read(store: &Store) {
    let s = &store.entities;
    assert!(
        s.all_entities()
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}"))
            .is_empty(),
        "fresh store has entities"
    );
    let a = entity("e2", "أفيف كوخافي", &[("أفيف كوخافي", 1)]);
    let b = entity("e1", "بيني غانتس", &[("بيني غانتس", 2), ("غانتس", 1)]);
    s.put_entities(&[a.clone(), b.clone()])
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    assert_eq!(
        s.entity("e1")
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        Some(b.clone())
    );
    assert_eq!(
        s.entity("missing")
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        None
    );
    let a2 = entity("e2", "أفيف كوخافي", &[("أفيف كوخافي", 1), ("كوخافي", 3)]);
    s.put_entities(std::slice::from_ref(&a2))
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    assert_eq!(
        s.all_entities()
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        vec![b, a2],
        "by id, replaced"
    );
}

/// An article's mentions are replaced as a whole, read back title first, and give the
/// articles of an entity.
pub async fn entity_mentions_replace_per_article(store: &Store) {
    let s = &store.entities;
    let first = vec![
        mention("e1", "body", 1, 10, "غانتس"),
        mention("e1", "body", 0, 4, "بيني غانتس"),
        mention("e2", "title", 0, 0, "كوخافي"),
    ];
    s.put_mentions("a1", &first)
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    s.put_mentions("a2", &[mention("e1", "body", 0, 0, "غانتس")])
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    let read = s
        .article_mentions("a1")
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    assert_eq!(
        read,
        vec![first[2].clone(), first[1].clone(), first[0].clone()]
    );
    assert_eq!(
        s.entity_articles("e1", 10)
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        ["a1", "a2"]
    );
    assert_eq!(
        s.entity_articles("e1", 1)
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        ["a1"]
    );
    s.put_mentions("a1", &[mention("e2", "body", 0, 0, "كوخافي")])
        .await
        .unwrap_or_else(|e| panic!("analyses: {e}"));
    assert_eq!(
        s.article_mentions("a1")
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}"))
            .len(),
        1,
        "replaced, not added"
    );
    assert_eq!(
        s.entity_articles("e1", 10)
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}")),
        ["a2"]
    );
    assert!(
        s.article_mentions("unknown")
            .await
            .unwrap_or_else(|e| panic!("analyses: {e}"))
            .is_empty()
    );
}

fn job_keys(jobs: &[crate::jobs::Job]) -> Vec<&str> {
    jobs.iter().map(|j| j.key.as_str()).collect()
}

async fn claim(
    store: &Store,
    worker: &str,
    limit: usize,
    now: i64,
    availability: crate::jobs::Availability,
) -> Vec<crate::jobs::Job> {
    store
        .jobs
        .claim(&crate::jobs::ClaimRequest {
            kind: "test",
            worker,
            keys: None,
            limit,
            now: at(now),
            lease: chrono::Duration::seconds(60),
            availability,
        })
        .await
        .unwrap_or_else(|e| panic!("claim as {worker}: {e}"))
}

/// Jobs are added once, leased to one worker at a time (oldest first, then by key), come back
/// when their lease ends, and once completed wait until their next time.
pub async fn jobs_claim_lease_and_complete(store: &Store) {
    use crate::jobs::Availability::Due;
    let q = &store.jobs;
    let keys = |ks: &[&str], t: i64| -> Vec<(String, DateTime<Utc>)> {
        ks.iter().map(|k| ((*k).to_owned(), at(t))).collect()
    };
    let added = q.add_jobs("test", &keys(&["b", "c"], 0)).await;
    assert_eq!(added.ok(), Some(2));
    let added = q.add_jobs("test", &keys(&["a", "b"], -5)).await;
    assert_eq!(added.ok(), Some(1), "an existing job is not added again");
    let added = q.add_jobs("other", &keys(&["a"], 0)).await;
    assert_eq!(added.ok(), Some(1), "kinds are apart");
    assert!(
        claim(store, "w1", 5, -10, Due).await.is_empty(),
        "not due yet"
    );

    let w1 = claim(store, "w1", 2, 10, Due).await;
    assert_eq!(job_keys(&w1), ["a", "b"], "oldest first, then by key");
    assert!(w1.iter().all(|j| j.attempts == 1 && j.worker == "w1"));
    assert_eq!(w1[0].lease_until, at(70));
    let w2 = claim(store, "w2", 5, 11, Due).await;
    assert_eq!(job_keys(&w2), ["c"], "a and b are held by w1");
    assert!(claim(store, "w3", 5, 12, Due).await.is_empty(), "all held");

    // w1 completes a: it comes back at 100, not before.
    let done = q.complete(&w1[0], at(100), at(20)).await;
    assert_eq!(done.ok(), Some(true));
    assert!(claim(store, "w3", 5, 30, Due).await.is_empty());
    let impostor = crate::jobs::Job {
        worker: "w3".into(),
        ..w1[0].clone()
    };
    let done = q.complete(&impostor, at(5), at(31)).await;
    assert_eq!(done.ok(), Some(false), "only the holder completes");

    // Leases of b (w1) and c (w2) end at 70 and 71: w3 takes them over.
    let w3 = claim(store, "w3", 5, 80, Due).await;
    assert_eq!(job_keys(&w3), ["b", "c"]);
    assert!(w3.iter().all(|j| j.attempts == 2), "second claims");
    let done = q.complete(&w1[1], at(500), at(81)).await;
    assert_eq!(done.ok(), Some(false), "w1 lost b when its lease ended");
    let released = q.release(&w3[1]).await;
    assert_eq!(released.ok(), Some(true));
    let again = claim(store, "w4", 5, 82, Due).await;
    assert_eq!(job_keys(&again), ["c"], "a released job is free at once");
    let renewed = claim(store, "w4", 5, 83, Due).await;
    assert_eq!(job_keys(&renewed), ["c"], "a worker's own job is renewed");
    assert_eq!(renewed[0].lease_until, at(143));
    let a = claim(store, "w1", 5, 100, Due).await;
    assert_eq!(job_keys(&a), ["a"], "due again at 100");
    assert_eq!(a[0].attempts, 1, "completion resets the attempts");

    let listed = q
        .jobs("test")
        .await
        .unwrap_or_else(|e| panic!("list jobs: {e}"));
    let summary: Vec<(&str, Option<&str>, u32)> = listed
        .iter()
        .map(|j| (j.key.as_str(), j.worker.as_deref(), j.attempts))
        .collect();
    assert_eq!(
        summary,
        [
            ("a", Some("w1"), 1),
            ("b", Some("w3"), 2),
            ("c", Some("w4"), 4)
        ]
    );
    assert_eq!(listed[0].completed_at, Some(at(20)));
    assert_eq!(listed[0].available_at, at(100));
    assert_eq!(listed[1].lease_until, Some(at(140)));
}

/// A `--once` round takes jobs whether due or not, but not one completed since the round
/// began (another process did it), and can be limited to some keys.
pub async fn jobs_once_round_skips_completed(store: &Store) {
    use crate::jobs::Availability::NotCompletedSince;
    let q = &store.jobs;
    let jobs: Vec<(String, DateTime<Utc>)> = ["a", "b"]
        .iter()
        .map(|k| ((*k).to_owned(), at(1000)))
        .collect();
    assert_eq!(q.add_jobs("test", &jobs).await.ok(), Some(2));
    let w1 = claim(store, "w1", 5, 10, NotCompletedSince(at(5))).await;
    assert_eq!(job_keys(&w1), ["a", "b"], "not due, taken anyway");
    assert_eq!(q.complete(&w1[0], at(2000), at(11)).await.ok(), Some(true));
    assert_eq!(q.release(&w1[1]).await.ok(), Some(true));
    let w2 = claim(store, "w2", 5, 12, NotCompletedSince(at(5))).await;
    assert_eq!(job_keys(&w2), ["b"], "a was done in this round");
    let w3 = claim(store, "w3", 5, 13, NotCompletedSince(at(50))).await;
    assert_eq!(
        job_keys(&w3),
        ["a"],
        "a later round takes a again; b is held"
    );
    let only = store
        .jobs
        .claim(&crate::jobs::ClaimRequest {
            kind: "test",
            worker: "w4",
            keys: Some(&["b".to_owned(), "zz".to_owned()]),
            limit: 5,
            now: at(200),
            lease: chrono::Duration::seconds(60),
            availability: NotCompletedSince(at(50)),
        })
        .await
        .unwrap_or_else(|e| panic!("claim: {e}"));
    assert_eq!(
        job_keys(&only),
        ["b"],
        "only the keys asked, once b's lease ended"
    );
}

/// Workers claiming at the same time never get the same job, and together get them all:
/// each stores the article of each job it holds, and every article is stored once.
pub async fn jobs_concurrent_claims_never_overlap(store: &Store) {
    use crate::jobs::Availability::Due;
    let jobs: Vec<(String, DateTime<Utc>)> = (0..40).map(|i| (format!("j{i:02}"), at(0))).collect();
    assert_eq!(store.jobs.add_jobs("test", &jobs).await.ok(), Some(40));
    let mut tasks = Vec::new();
    for w in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let worker = format!("w{w}");
            let mut mine = Vec::new();
            loop {
                let got = claim(&store, &worker, 3, 10, Due).await;
                if got.is_empty() {
                    break mine;
                }
                for job in got {
                    // Held while the article is stored: the other workers claim meanwhile.
                    let a = article(&format!("job-{}", job.key), &job.key, &["نص المقال"]);
                    let outcome = put(&store, &a).await;
                    assert_eq!(outcome, PutOutcome::Inserted, "{worker} stores {}", a.id);
                    tokio::task::yield_now().await;
                    let done = store.jobs.complete(&job, at(10_000), at(11)).await;
                    assert_eq!(done.ok(), Some(true), "{worker} holds {}", job.key);
                    mine.push(job.key);
                }
            }
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        match task.await {
            Ok(keys) => all.extend(keys),
            Err(err) => panic!("worker task: {err}"),
        }
    }
    all.sort();
    let expected: Vec<String> = jobs.into_iter().map(|(k, _)| k).collect();
    assert_eq!(all, expected, "each job claimed exactly once");
    assert_eq!(
        store.articles.count().await.ok(),
        Some(40),
        "each article once"
    );
    let listed = store
        .jobs
        .jobs("test")
        .await
        .unwrap_or_else(|e| panic!("list jobs: {e}"));
    assert!(
        listed
            .iter()
            .all(|j| j.worker.is_none() && j.attempts == 0 && j.completed_at == Some(at(11))),
        "every job completed: {listed:?}"
    );
}
