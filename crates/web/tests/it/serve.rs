//! A real server on 127.0.0.1:0, fetched with a raw HTTP/1.1 request, then shut down.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::fake_store::{article, store_with};

#[tokio::test]
async fn serves_the_home_page_and_shuts_down() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let store = store_with(vec![article("a1", "خبر من الخادم", "2022-07-21")]);
    let server = tokio::spawn(marsad_web::serve(store, listener, async {
        let _ = stopped.await;
    }));

    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let response = String::from_utf8(raw).unwrap();
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("content-security-policy: default-src 'self'")
    );
    assert!(response.contains("خبر من الخادم"));

    stop.send(()).unwrap();
    let result = tokio::time::timeout(std::time::Duration::from_secs(10), server).await;
    assert!(matches!(result, Ok(Ok(Ok(())))), "server stops cleanly");
}

/// `GET path` on a running server; the body of the answer.
async fn fetch(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let response = String::from_utf8(raw).unwrap();
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn with_the_page_cache_an_import_by_another_process_still_shows() {
    let dir = tempfile::tempdir().unwrap();
    // The server's store reads; another handle on the folder writes, as an importer would.
    let served = marsad_store::Store::open(dir.path()).await.unwrap();
    let importer = marsad_store::Store::open(dir.path()).await.unwrap();
    let first = marsad_store::conformance::article("w1", "خبر أول", &["نص عن المطر"]);
    importer.articles.put(&first).await.unwrap();
    importer.index.upsert(&first).unwrap();
    importer.index.commit().unwrap();

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let mut settings = marsad_web::Settings::new(marsad_web::VisitorKey::random().unwrap());
    settings.page_cache = std::time::Duration::from_millis(300);
    let server = tokio::spawn(marsad_web::serve_with(
        marsad_web::AppState::new(served, settings),
        listener,
        async {
            let _ = stopped.await;
        },
    ));
    let q: String = form_urlencoded::byte_serialize("القمح".as_bytes()).collect();
    let path = format!("/api/search?q={q}");
    assert!(fetch(addr, &path).await.contains("\"total\":0"));
    // Past twice the cache time with nothing written: still one answer.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert!(fetch(addr, &path).await.contains("\"total\":0"));

    let second = marsad_store::conformance::article("w2", "خبر ثان", &["نص عن القمح"]);
    importer.articles.put(&second).await.unwrap();
    importer.index.upsert(&second).unwrap();
    importer.index.commit().unwrap();
    // The store's version changed: the kept answer ages out and the import shows, well
    // before the minute an unchanged store keeps it.
    let mut seen = false;
    for _ in 0..50 {
        if fetch(addr, &path).await.contains("\"total\":1") {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(seen, "the import never showed");
    stop.send(()).unwrap();
    let result = tokio::time::timeout(std::time::Duration::from_secs(10), server).await;
    assert!(matches!(result, Ok(Ok(Ok(())))), "server stops cleanly");
}
