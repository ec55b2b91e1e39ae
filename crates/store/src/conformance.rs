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
/// as long as it (a temporary folder).
#[macro_export]
macro_rules! conformance_tests {
    ($fresh:expr) => {
        $crate::conformance_tests!(@each $fresh;
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
            rebuild_index_restores_search
        );
    };
    (@each $fresh:expr; $($check:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $check() {
                let (store, _guard) = $fresh.await;
                $crate::conformance::$check(&store).await;
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
    let ids = ["g-2".to_owned(), "nope".to_owned(), "g-1".to_owned()];
    let got = store
        .articles
        .get_many(&ids)
        .await
        .unwrap_or_else(|err| panic!("get_many: {err}"));
    let got: Vec<Option<String>> = got.into_iter().map(|a| a.map(|a| a.id)).collect();
    assert_eq!(got, [Some("g-2".to_owned()), None, Some("g-1".to_owned())]);
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
    let results = search(store, "التحقيق", 10, 0);
    let hit = results.hits.first().unwrap_or_else(|| panic!("no hit"));
    assert!(hit.snippet.contains("التحقيق"), "snippet {:?}", hit.snippet);
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
