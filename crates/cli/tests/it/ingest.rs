//! `marsad source`, `ingest`, `reprocess` and WARC `import` end to end, against a tiny HTTP
//! server on 127.0.0.1 (std only: one thread, `Connection: close`).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;

use crate::util::{marsad, ok};

pub(crate) fn page(i: usize) -> String {
    format!(
        "<html lang=\"ar\"><head><meta charset=\"utf-8\"><title>خبر {i}</title></head><body><article><h1>الخبر رقم {i} عن افتتاح المعرض</h1>\
<p>افتتح وزير الثقافة صباح اليوم المعرض رقم {i} للكتاب بمشاركة مئات الناشرين من الدول العربية والأجنبية.</p>\
<p>ويستمر المعرض عشرة أيام ويضم ندوات وأمسيات شعرية ولقاءات مع الكتاب والمترجمين من بلدان عدة.</p></article></body></html>"
    )
}

/// Serve `routes` (path → content type, body) forever on a free port; returns the base URL.
fn serve(routes: HashMap<String, (&'static str, Vec<u8>)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = Arc::new(routes);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
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
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    base
}

#[test]
fn source_ingest_reprocess_and_warc_import() {
    let mut routes = HashMap::new();
    let mut items = String::new();
    for i in 0..3 {
        routes.insert(
            format!("/n/{i}"),
            ("text/html; charset=utf-8", page(i).into_bytes()),
        );
        items.push_str(&format!(
            "<item><title>{i}</title><link>/n/{i}</link></item>"
        ));
    }
    routes.insert(
        "/".into(),
        (
            "text/html",
            "<html lang=\"ar\"><head><title>موقع الاختبار</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss\"></head></html>".into(),
        ),
    );
    routes.insert(
        "/rss".into(),
        (
            "application/rss+xml",
            format!("<rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>")
                .into_bytes(),
        ),
    );
    routes.insert(
        "/robots.txt".into(),
        ("text/plain", b"User-agent: *\nAllow: /\n".to_vec()),
    );
    let base = serve(routes);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");

    // Refused without --allow: 127.0.0.1 is loopback.
    let refused = marsad(&data, &["source", "add", &format!("{base}/")]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("loopback"),
        "{:?}",
        refused
    );

    let allow = ["--allow", "127.0.0.1/32", "--host-interval-ms", "0"];
    let added = ok(marsad(
        &data,
        &[
            &[
                "source",
                "add",
                &format!("{base}/"),
                "--country",
                "ma",
                "--json",
            ][..],
            &allow,
        ]
        .concat(),
    ));
    let added: serde_json::Value = serde_json::from_str(&added).unwrap();
    assert_eq!(added["schema"], 1);
    assert_eq!(added["name"], "موقع الاختبار");
    assert_eq!(added["country"], "MA");
    assert_eq!(added["feeds"][0], format!("{base}/rss"));

    let round = ok(marsad(
        &data,
        &[&["ingest", "--once", "--json"][..], &allow].concat(),
    ));
    let round: serde_json::Value = serde_json::from_str(round.lines().last().unwrap()).unwrap();
    assert_eq!(
        (round["fetched"].as_u64(), round["inserted"].as_u64()),
        (Some(3), Some(3)),
        "{round}"
    );

    let list = ok(marsad(&data, &["source", "list", "--json"]));
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list["sources"][0]["stored_articles"], 3);

    let opml = ok(marsad(&data, &["source", "export-opml"]));
    assert!(
        opml.contains("xmlUrl=") && opml.contains("country=\"MA\""),
        "{opml}"
    );

    let redo = ok(marsad(&data, &["reprocess", "--json"]));
    let redo: serde_json::Value = serde_json::from_str(&redo).unwrap();
    assert_eq!(
        (redo["pages"].as_u64(), redo["unchanged"].as_u64()),
        (Some(3), Some(3)),
        "{redo}"
    );

    // The archive imports into another data folder.
    let warc: Vec<_> = std::fs::read_dir(data.join("warc"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let other = tmp.path().join("other");
    let imported = ok(marsad(
        &other,
        &["import", "--json", warc[0].to_str().unwrap()],
    ));
    let imported: serde_json::Value = serde_json::from_str(&imported).unwrap();
    assert_eq!(imported["inserted"], 3, "{imported}");

    let removed = ok(marsad(
        &data,
        &["source", "remove", added["id"].as_str().unwrap(), "--json"],
    ));
    assert!(removed.contains("\"removed\""));
    assert!(
        !marsad(&data, &["source", "remove", "nope"])
            .status
            .success()
    );
}
