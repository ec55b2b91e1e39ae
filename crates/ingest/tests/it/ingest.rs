//! A whole round against the local server: discovery, feeds and sitemaps, windows-1256
//! pages, the archive, a second round (304s, nothing new), and reprocessing the archive.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use marsad_ingest::run::{RunContext, RunOptions, run_round};
use marsad_ingest::sources::{SourceHints, discover};
use marsad_ingest::warc::{WARC_DIR, WarcWriter, archive_files};
use marsad_store::Store;

use crate::local_fetcher;
use crate::server::{Route, Server, article_html, rss, urlset};

pub fn serve_site(server: &Server, pages: usize) -> Vec<String> {
    let links: Vec<String> = (0..pages)
        .map(|i| server.url(&format!("/news/{i}")))
        .collect();
    for (i, _) in links.iter().enumerate() {
        server.body(
            &format!("/news/{i}"),
            "text/html; charset=utf-8",
            article_html(i),
        );
    }
    server.body(
        "/",
        "text/html",
        "<html lang=\"ar\"><head><title>جريدة الاختبار</title>\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\"></head><body></body></html>",
    );
    server.body(
        "/robots.txt",
        "text/plain",
        format!(
            "User-agent: *\nDisallow: /private/\nSitemap: {}\n",
            server.url("/sitemap.xml")
        ),
    );
    let half = pages / 2;
    server.route(
        "/rss.xml",
        Route::Body {
            content_type: "application/rss+xml",
            body: rss(&links[..half]).into_bytes(),
            etag: Some("\"feed-1\""),
        },
    );
    server.route(
        "/sitemap.xml",
        Route::Body {
            content_type: "application/xml",
            body: urlset(&links[half..]).into_bytes(),
            etag: Some("\"map-1\""),
        },
    );
    links
}

#[tokio::test]
async fn a_round_discovers_fetches_archives_and_resumes() {
    let server = Server::start().await;
    let mut links = serve_site(&server, 8);
    // A windows-1256 page declared only in the HTTP header, a 500 that heals, a 404, and a
    // page robots.txt disallows, all linked from the feed's end of the list.
    let title = "الوزير يفتتح المعرض الدولي للكتاب";
    let cp1256_html = format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>افتتح وزير الثقافة صباح اليوم المعرض الدولي للكتاب بمشاركة مئات الناشرين من الدول العربية.</p>\
         <p>ويستمر المعرض عشرة أيام ويضم ندوات وأمسيات شعرية ولقاءات مع الكتاب والمترجمين.</p></article></body></html>"
    );
    let (encoded, _, _) = encoding_rs::WINDOWS_1256.encode(&cp1256_html);
    server.body(
        "/cp1256",
        "text/html; charset=windows-1256",
        encoded.into_owned(),
    );
    server.route(
        "/heals",
        Route::FlakyThen(1, article_html(100).into_bytes()),
    );
    server.route("/missing", Route::Status(404));
    server.body("/private/p", "text/html", article_html(101));
    for extra in ["/cp1256", "/heals", "/missing", "/private/p"] {
        links.push(server.url(extra));
    }
    server.route(
        "/rss.xml",
        Route::Body {
            content_type: "application/rss+xml",
            body: rss(&[&links[..4], &links[8..]].concat()).into_bytes(),
            etag: Some("\"feed-1\""),
        },
    );

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let fetcher = Arc::new(local_fetcher(0));
    let source = discover(
        &fetcher,
        &server.url("/"),
        SourceHints::default(),
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(source.name, "جريدة الاختبار");
    assert_eq!(source.language.as_deref(), Some("ar"));
    assert_eq!(source.feeds, [server.url("/rss.xml")]);
    assert_eq!(source.sitemaps, [server.url("/sitemap.xml")]);
    store.sources.put_source(&source).await.unwrap();

    let archive = WarcWriter::create(&dir.path().join(WARC_DIR), "test").unwrap();
    let ctx = RunContext::new(
        store.clone(),
        fetcher.clone(),
        archive,
        RunOptions {
            batch: 3,
            ..RunOptions::default()
        },
        Arc::new(AtomicBool::new(false)),
    );
    let report = run_round(&ctx, vec![source.clone()], &|_| {})
        .await
        .unwrap();
    let r = &report.sources[0];
    assert_eq!(r.links, 12);
    assert_eq!(
        r.fetched, 10,
        "8 news pages, the cp1256 page, the healed one"
    );
    assert_eq!(r.inserted, 10, "{:?}", r.failed);
    assert_eq!(r.failed.len(), 2, "404 and robots: {:?}", r.failed);
    assert_eq!(store.articles.count().await.unwrap(), 10);
    let id = marsad_ingest::id_from_url(&server.url("/cp1256"));
    let article = store.articles.get(&id).await.unwrap().unwrap();
    assert_eq!(
        article.article.title.as_deref(),
        Some(title),
        "windows-1256 decoded"
    );
    assert!(server.requests("/private/p").is_empty());
    let (urls, stored) = store
        .sources
        .count_fetch_states(Some(&source.id))
        .await
        .unwrap();
    assert_eq!(stored, 10);
    assert!(urls >= 12);

    // Second round: feed and sitemap answer 304, nothing is fetched again.
    let before = server.state.log.lock().unwrap().len();
    let again = run_round(&ctx, vec![source.clone()], &|_| {})
        .await
        .unwrap();
    let r = &again.sources[0];
    assert_eq!(
        (r.lists_not_modified, r.fetched, r.inserted),
        (2, 0, 0),
        "{r:?}"
    );
    assert_eq!(
        server.state.log.lock().unwrap().len() - before,
        2,
        "only the two lists"
    );

    // Every fetched page is in the archive; reprocessing it changes nothing.
    drop(ctx);
    let files = archive_files(dir.path()).unwrap();
    assert_eq!(files.len(), 1);
    let redo = marsad_ingest::reprocess::import_warcs(
        &store,
        &files,
        &marsad_ingest::ImportOptions::default(),
        4,
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!(redo.pages, 10);
    assert_eq!((redo.import.inserted, redo.import.unchanged), (0, 10));
    assert_eq!(store.articles.count().await.unwrap(), 10);
}
