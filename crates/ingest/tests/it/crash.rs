//! `kill -9` during an ingest loses nothing that was reported stored and duplicates nothing:
//! the child (this test binary, the ignored `crash_child` test) ingests from the parent's
//! local server, printing `stored ID` once each article is durable; the parent kills it
//! mid-run three times, then lets a last run finish and checks every id against the input.

use std::collections::HashSet;
use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use marsad_ingest::run::{Event, RunContext, RunOptions, run_round};
use marsad_ingest::warc::{WARC_DIR, WarcWriter};
use marsad_store::{Schedule, Source, Store};

use crate::ingest::serve_site;
use crate::local_fetcher;
use crate::server::Server;

const CHILD_DIR: &str = "MARSAD_INGEST_CRASH_DIR";
const CHILD_SITE: &str = "MARSAD_INGEST_CRASH_SITE";
const PAGES: usize = 60;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the child side of killed_ingest_resumes_without_loss_or_duplicates"]
async fn crash_child() {
    let (Some(dir), Some(site)) = (std::env::var_os(CHILD_DIR), std::env::var(CHILD_SITE).ok())
    else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let store = Store::open(&dir).await.expect("open");
    let now = chrono::Utc::now();
    let source = Source {
        id: "crash".into(),
        name: "crash".into(),
        home_url: format!("{site}/"),
        country: None,
        language: Some("ar".into()),
        feeds: vec![format!("{site}/rss.xml")],
        sitemaps: vec![format!("{site}/sitemap.xml")],
        profile: Default::default(),
        added_at: now,
        schedule: Schedule {
            interval_secs: 60,
            next_due: now,
            last_run: None,
            last_new: 0,
        },
    };
    store.sources.put_source(&source).await.expect("source");
    let archive = WarcWriter::create(&dir.join(WARC_DIR), "crash").expect("warc");
    let ctx = RunContext::new(
        store,
        Arc::new(local_fetcher(0)),
        archive,
        RunOptions {
            batch: 4,
            ..RunOptions::default()
        },
        Arc::new(AtomicBool::new(false)),
    )
    // Each child takes the place of the one killed before it: with its worker id it takes
    // the source's lease over at once (a new id would wait for the lease to end).
    .with_worker("crash-child");
    run_round(&ctx, vec![source], &|event| {
        if let Event::Stored { id, .. } = event {
            println!("stored {id}");
        }
    })
    .await
    .expect("round");
    println!("done");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_ingest_resumes_without_loss_or_duplicates() {
    let server = Server::start().await;
    let links = serve_site(&server, PAGES);
    let expected: HashSet<String> = links
        .iter()
        .map(|l| marsad_ingest::id_from_url(l))
        .collect();
    let tmp = tempfile::tempdir().expect("tempdir");
    let exe = std::env::current_exe().expect("test binary");
    let mut acked: HashSet<String> = HashSet::new();
    let mut finished = false;
    for round in 0..8 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash::crash_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, tmp.path())
            .env(CHILD_SITE, server.url(""))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the child");
        let stdout = child.stdout.take().expect("child stdout");
        // Kill after a few new acknowledgements in the first rounds; let the last one finish.
        let kill_after = if round < 3 { 5 + 3 * round } else { usize::MAX };
        let mut new_acks = 0;
        let deadline = Instant::now() + Duration::from_secs(60);
        let lines = tokio::task::spawn_blocking(move || {
            let mut seen = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let stop = line == "done";
                seen.push(line);
                let acks = seen.iter().filter(|l| l.starts_with("stored ")).count();
                if stop || acks >= kill_after || Instant::now() > deadline {
                    break;
                }
            }
            seen
        })
        .await
        .expect("reader");
        child.kill().expect("kill -9 the child");
        let _ = child.wait();
        for line in &lines {
            if let Some(id) = line.strip_prefix("stored ") {
                acked.insert(id.to_owned());
                new_acks += 1;
            }
            if line == "done" {
                finished = true;
            }
        }
        let store = Store::open(tmp.path())
            .await
            .expect("reopen after the kill");
        for id in &acked {
            assert!(
                store.articles.get(id).await.expect("get").is_some(),
                "round {round}: lost acknowledged {id}"
            );
        }
        drop(store);
        if finished {
            break;
        }
        assert!(
            new_acks > 0 || round >= 3,
            "round {round}: the child made no progress"
        );
    }
    assert!(finished, "the last run finished");
    let store = Store::open(tmp.path()).await.expect("open");
    let stored = store.articles.scan(None, 10_000).await.expect("scan");
    let ids: Vec<String> = stored.iter().map(|a| a.id.clone()).collect();
    let unique: HashSet<String> = ids.iter().cloned().collect();
    assert_eq!(ids.len(), unique.len(), "no duplicated ids");
    assert_eq!(unique, expected, "every page stored once, nothing else");
    let urls: HashSet<_> = stored
        .iter()
        .filter_map(|a| a.article.url.clone())
        .collect();
    assert_eq!(urls.len(), PAGES, "no article stored twice under two ids");
}
