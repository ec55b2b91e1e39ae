//! `marsad serve` on a free 127.0.0.1 port: the reader's pages and the JSON API.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::util::{corpus, json, marsad, ok};

/// Kills the server when the test ends, pass or fail.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

fn get(addr: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Response {
        status,
        headers: head.to_ascii_lowercase(),
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap();
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn serve_renders_rtl_pages_escapes_page_text_and_answers_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(marsad(
        &data,
        &["import", corpus().join("pages").to_str().unwrap()],
    ));
    let evil = dir.path().join("evil.jsonl");
    std::fs::write(
        &evil,
        r#"{"id":"evil","title":"<script>alert(1)</script> خبر خطير","body":["نص الخبر الخطير <img src=x onerror=alert(2)>"]}"#,
    )
    .unwrap();
    ok(marsad(
        &data,
        &["import", "--jsonl", evil.to_str().unwrap()],
    ));

    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("MARSAD_DATA", &data)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap()
        .to_owned();

    let home = get(&addr, "/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers.contains("content-type: text/html"),
        "{}",
        home.headers
    );
    assert!(home.body.contains("dir=\"rtl\"") && home.body.contains("lang=\"ar\""));
    assert!(
        home.body.contains("تختم زيارة قائد الجيش الإسرائيلي"),
        "a title on the home page"
    );
    assert!(
        !home.body.contains("<script>alert(1)"),
        "unescaped title on the home page"
    );
    assert!(home.body.contains("&lt;script&gt;") || home.body.contains("&#60;script&#62;"));

    let api = get(&addr, "/api/articles");
    assert_eq!(api.status, 200);
    assert!(api.headers.contains("content-type: application/json"));
    let list = json(&api.body);
    assert_eq!(list["schema"], 1);
    assert_eq!(list["total"], 6);
    let id = list["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.contains("كوخافي") || t.contains("قائد الجيش"))
        })
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .expect("a Kochavi article in the API list");

    let page = get(&addr, &format!("/articles/{id}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("dir=\"rtl\""));
    assert!(
        page.body.contains("أفيف كوخافي"),
        "body text on the article page"
    );
    let one = json(&get(&addr, &format!("/api/articles/{id}")).body);
    assert_eq!(one["article"]["id"], id);

    let evil_page = get(&addr, "/articles/evil");
    assert_eq!(evil_page.status, 200);
    assert!(!evil_page.body.contains("<script>alert(1)"));
    assert!(!evil_page.body.contains("<img src=x"));

    let search = get(&addr, &format!("/search?q={}", encode("كوخافي")));
    assert_eq!(search.status, 200);
    assert!(
        search.body.contains(&format!("/articles/{id}")),
        "hit links to the article"
    );
    let evil_search = get(&addr, &format!("/search?q={}", encode("الخطير")));
    assert!(!evil_search.body.contains("<script>alert(1)"));
    let api_search = json(&get(&addr, &format!("/api/search?q={}", encode("إسرائيل"))).body);
    assert!(api_search["total"].as_u64().unwrap() >= 2, "{api_search}");

    assert_eq!(get(&addr, "/articles/no-such-article").status, 404);
    assert_eq!(get(&addr, "/api/articles/no-such-article").status, 404);
    drop(server);
}
