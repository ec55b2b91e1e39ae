//! Several `marsad ingest --once` processes at the same time on one PostgreSQL store (each
//! with its own data folder): every source is fetched by exactly one of them, every article
//! stored once. Needs `MARSAD_TEST_POSTGRES` (`source .ci/postgres`); without it the test
//! says `skipped` and passes, unless `MARSAD_POSTGRES_REQUIRED=1`.
//!
//! The feed server answers each request after a short delay, so a round lasts longer than
//! the processes take to start: without claiming, each process would fetch every feed (the
//! per-feed request count below would be 3).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::ingest::page;

const SOURCES: usize = 6;
const ARTICLES: usize = 3;
const PROCESSES: usize = 3;
/// Each answer waits this long (one thread per connection).
const DELAY: Duration = Duration::from_millis(150);

type Counts = Arc<Mutex<HashMap<String, usize>>>;

/// Serve `routes` on a free port of 127.0.0.1, counting requests per path.
fn serve(routes: HashMap<String, (&'static str, Vec<u8>)>) -> (String, Counts) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = Arc::new(routes);
    let counts: Counts = Arc::default();
    let seen = counts.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let routes = routes.clone();
            let seen = seen.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) <= 2 {
                        break;
                    }
                }
                *seen.lock().unwrap().entry(path.clone()).or_default() += 1;
                std::thread::sleep(DELAY);
                let response = match routes.get(&path) {
                    Some((kind, body)) => {
                        let mut r = format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        )
                        .into_bytes();
                        r.extend_from_slice(body);
                        r
                    }
                    None => {
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .to_vec()
                    }
                };
                let _ = stream.write_all(&response);
            });
        }
    });
    (base, counts)
}

/// The test server's URL, or `None` (after saying why) when PostgreSQL tests are skipped.
fn postgres_url() -> Option<String> {
    match std::env::var("MARSAD_TEST_POSTGRES") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            if std::env::var("MARSAD_POSTGRES_REQUIRED").is_ok_and(|v| v == "1") {
                panic!(
                    "MARSAD_POSTGRES_REQUIRED=1 but MARSAD_TEST_POSTGRES is not set (run `source .ci/postgres`)"
                );
            }
            eprintln!("skipped: MARSAD_TEST_POSTGRES not set");
            None
        }
    }
}

/// Run one SQL statement on the test server.
fn sql(url: &str, statement: String) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(statement))
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    });
}

/// One number from the test server.
fn number(url: &str, statement: String) -> i64 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(statement))
            .fetch_one(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        n
    })
}

/// A fresh schema of the test database, dropped when this is dropped.
struct Schema {
    url: String,
    name: String,
}

impl Schema {
    fn new(url: &str) -> Schema {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!("marsad_cli_test_{}_{nanos}", std::process::id());
        sql(url, format!("CREATE SCHEMA \"{name}\""));
        Schema {
            url: url.to_owned(),
            name,
        }
    }

    /// The `--storage` URL whose tables live in this schema.
    fn storage(&self) -> String {
        let sep = if self.url.contains('?') { '&' } else { '?' };
        format!("{}{sep}options=-csearch_path%3D{}", self.url, self.name)
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let (url, name) = (self.url.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            sql(&url, format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE"));
        })
        .join();
    }
}

fn marsad(storage: &str, data: &std::path::Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_marsad"));
    command
        .args(args)
        .env("MARSAD_FETCH_ALLOW", "127.0.0.1/32")
        .env("MARSAD_FETCH_HOST_INTERVAL_MS", "0")
        .env("MARSAD_DATA", data)
        .env("MARSAD_STORAGE", storage)
        .env_remove("MARSAD_LOG");
    command
}

#[test]
fn several_ingest_processes_fetch_each_source_once() {
    let Some(url) = postgres_url() else {
        return;
    };
    let started = Instant::now();
    let mut routes = HashMap::new();
    for s in 0..SOURCES {
        let mut items = String::new();
        for a in 0..ARTICLES {
            routes.insert(
                format!("/s{s}/n/{a}"),
                (
                    "text/html; charset=utf-8",
                    page(s * ARTICLES + a).into_bytes(),
                ),
            );
            items.push_str(&format!(
                "<item><title>{a}</title><link>/s{s}/n/{a}</link></item>"
            ));
        }
        routes.insert(
            format!("/s{s}/"),
            (
                "text/html",
                format!("<html lang=\"ar\"><head><title>موقع {s}</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/s{s}/rss\"></head></html>").into_bytes(),
            ),
        );
        routes.insert(
            format!("/s{s}/rss"),
            (
                "application/rss+xml",
                format!("<rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>")
                    .into_bytes(),
            ),
        );
    }
    routes.insert(
        "/robots.txt".into(),
        ("text/plain", b"User-agent: *\nAllow: /\n".to_vec()),
    );
    let (base, counts) = serve(routes);
    let schema = Schema::new(&url);
    let storage = schema.storage();
    let tmp = tempfile::tempdir().unwrap();
    for s in 0..SOURCES {
        let added = marsad(
            &storage,
            &tmp.path().join("setup"),
            &["source", "add", &format!("{base}/s{s}/")],
        )
        .output()
        .unwrap();
        assert!(
            added.status.success(),
            "source add: {}",
            String::from_utf8_lossy(&added.stderr)
        );
    }
    counts.lock().unwrap().clear();

    let children: Vec<_> = (0..PROCESSES)
        .map(|p| {
            marsad(
                &storage,
                &tmp.path().join(format!("data{p}")),
                &["ingest", "--once", "--json", "--parallel", "1"],
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    let mut fetched_by: BTreeMap<String, usize> = BTreeMap::new();
    let mut inserted: BTreeMap<String, usize> = BTreeMap::new();
    let mut busy = 0;
    for (p, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "process {p}: {stderr}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let round: serde_json::Value =
            serde_json::from_str(stdout.lines().last().unwrap_or("")).unwrap();
        let mine: Vec<&str> = round["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["source"].as_str().unwrap())
            .collect();
        let skipped: BTreeSet<&str> = round["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(mine.len() + skipped.len(), SOURCES, "process {p}: {round}");
        busy += usize::from(!mine.is_empty());
        for source in mine {
            assert!(!skipped.contains(source), "{round}");
            *fetched_by.entry(source.to_owned()).or_default() += 1;
        }
        for line in stderr.lines().filter(|l| l.starts_with("stored ")) {
            let mut words = line.split_whitespace().skip(1);
            let (id, outcome) = (words.next().unwrap(), words.next().unwrap());
            assert_eq!(outcome, "inserted", "process {p}: {line}");
            *inserted.entry(id.to_owned()).or_default() += 1;
        }
    }
    println!("sources per process: {busy} of {PROCESSES} processes fetched some");

    // Every source fetched by exactly one process, each feed and page requested once.
    assert_eq!(fetched_by.len(), SOURCES, "{fetched_by:?}");
    assert!(fetched_by.values().all(|n| *n == 1), "{fetched_by:?}");
    let counts = counts.lock().unwrap().clone();
    for s in 0..SOURCES {
        assert_eq!(counts.get(&format!("/s{s}/rss")), Some(&1), "{counts:?}");
        for a in 0..ARTICLES {
            assert_eq!(counts.get(&format!("/s{s}/n/{a}")), Some(&1), "{counts:?}");
        }
    }
    // The work was shared (the round lasts seconds; the processes start within milliseconds).
    assert!(busy >= 2, "one process did everything: {fetched_by:?}");

    // Every article stored once, by one process, and in the store once.
    assert_eq!(inserted.len(), SOURCES * ARTICLES, "{inserted:?}");
    assert!(inserted.values().all(|n| *n == 1), "{inserted:?}");
    let list = marsad(
        &storage,
        &tmp.path().join("setup"),
        &["source", "list", "--json"],
    )
    .output()
    .unwrap();
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let stored: Vec<u64> = list["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stored_articles"].as_u64().unwrap())
        .collect();
    assert_eq!(stored, vec![ARTICLES as u64; SOURCES], "{list}");
    // Each process clustered what it stored, in turn: the saved state and the assignments
    // hold every article (a save over a state loaded before another's would drop some).
    let total = (SOURCES * ARTICLES) as i64;
    let placed = number(
        &url,
        format!(
            "SELECT articles FROM \"{}\".cluster_state WHERE id = 1",
            schema.name
        ),
    );
    let assigned = number(
        &url,
        format!("SELECT COUNT(*) FROM \"{}\".cluster_articles", schema.name),
    );
    assert_eq!(
        (placed, assigned),
        (total, total),
        "clustering lost placements"
    );
    println!("wall time: {:.1} s", started.elapsed().as_secs_f64());
}
