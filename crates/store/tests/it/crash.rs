//! `kill -9` during an import loses no acknowledged article, and the next open repairs the
//! index. The test binary runs itself as the child (the ignored `crash_child` test).

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use marsad_store::conformance::article;
use marsad_store::{SearchQuery, Store};

/// Set (to a data folder) only in the child process.
const CHILD_DIR: &str = "MARSAD_STORE_CRASH_DIR";

#[tokio::test]
#[ignore = "the child side of killed_import_loses_nothing_acknowledged"]
async fn crash_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let store = Store::open(std::path::Path::new(&dir)).await.expect("open");
    let start = store.articles.count().await.expect("count");
    for i in start.. {
        let a = article(
            &format!("k-{i:06}"),
            "خبر المحاكاة",
            &[&format!("نص رقم {i}")],
        );
        store.articles.put(&a).await.expect("put");
        store.index.upsert(&a).expect("upsert");
        if i % 50 == 49 {
            store.index.commit().expect("commit");
        }
        // Printed only once the put returned: the parent counts these as acknowledged.
        println!("ack {}", a.id);
    }
}

#[tokio::test]
async fn killed_import_loses_nothing_acknowledged() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let exe = std::env::current_exe().expect("test binary");
    for round in 0..3 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash::crash_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the child");
        let stdout = child.stdout.take().expect("child stdout");
        let mut acked = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        let wanted = 120 + 37 * round;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(id) = line.strip_prefix("ack ") {
                acked.push(id.to_owned());
            }
            if acked.len() >= wanted || Instant::now() > deadline {
                break;
            }
        }
        child.kill().expect("kill -9 the child");
        let _ = child.wait();
        assert!(
            acked.len() >= wanted,
            "round {round}: the child acknowledged only {}",
            acked.len()
        );
        let store = Store::open(tmp.path())
            .await
            .expect("reopen after the kill");
        for id in &acked {
            assert!(
                store.articles.get(id).await.expect("get").is_some(),
                "round {round}: lost acknowledged {id}"
            );
        }
        let stored = store.articles.count().await.expect("count");
        assert_eq!(
            store.index.count().expect("index count"),
            stored,
            "round {round}: index repaired on open"
        );
        let all = store
            .index
            .search(&SearchQuery {
                text: "المحاكاة".into(),
                limit: 1,
                offset: 0,
            })
            .expect("search");
        assert_eq!(all.total as u64, stored);
        drop(store);
    }
}
