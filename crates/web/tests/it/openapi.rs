//! The OpenAPI document stays true: its paths are exactly the router's API routes, and real
//! answers of every route validate against the schemas it gives.

use axum::http::StatusCode;
use serde_json::Value;

use crate::fake_store::article;
use crate::{app_with, send};

/// A small JSON Schema check covering what the document uses: `$ref`, `type` (one or a
/// list), `const`, `enum`, `required`, `properties`, `items`. Returns the first mismatch.
fn validate(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        assert!(target.is_object(), "dangling $ref {reference}");
        return validate(doc, target, value, at);
    }
    if let Some(expected) = schema.get("const")
        && expected != value
    {
        return Err(format!("{at}: {value} is not {expected}"));
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        return Err(format!("{at}: {value} not in {options:?}"));
    }
    if let Some(kind) = schema.get("type") {
        let kinds: Vec<&str> = match kind {
            Value::String(k) => vec![k.as_str()],
            Value::Array(ks) => ks.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let fits = kinds.iter().any(|k| match *k {
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            "null" => value.is_null(),
            _ => false,
        });
        if !fits {
            return Err(format!("{at}: {value} is not {kinds:?}"));
        }
    }
    if let (Some(object), Some(required)) = (
        value.as_object(),
        schema.get("required").and_then(Value::as_array),
    ) {
        for name in required.iter().filter_map(Value::as_str) {
            if !object.contains_key(name) {
                return Err(format!("{at}: missing {name}"));
            }
        }
    }
    if let (Some(object), Some(properties)) = (
        value.as_object(),
        schema.get("properties").and_then(Value::as_object),
    ) {
        for (name, field) in object {
            if let Some(field_schema) = properties.get(name) {
                validate(doc, field_schema, field, &format!("{at}.{name}"))?;
            } else if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
                return Err(format!("{at}: unexpected {name}"));
            }
        }
    }
    if let (Some(items), Some(schema)) = (value.as_array(), schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(doc, schema, item, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

/// The schema of `method path`'s answer with `status`.
fn response_schema<'a>(doc: &'a Value, method: &str, path: &str, status: u16) -> &'a Value {
    let schema = &doc["paths"][path][method]["responses"][status.to_string()]["content"]["application/json"]
        ["schema"];
    assert!(
        schema.is_object(),
        "{method} {path} documents no {status} answer"
    );
    schema
}

#[tokio::test]
async fn openapi_matches_the_router() {
    let doc = marsad_web::openapi_document();
    let documented: Vec<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.clone(), path.clone()))
        })
        .collect();
    let mut routed: Vec<(String, String)> = marsad_web::API_ROUTES
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let mut documented_sorted = documented.clone();
    routed.sort();
    documented_sorted.sort();
    assert_eq!(
        documented_sorted, routed,
        "the document lists exactly the router's routes"
    );

    let mut hidden = article("h1", "خبر مخفي", "2022-07-19");
    hidden.content_hash = "h".into();
    let store = crate::events::clustered().await;
    store.articles.put(&hidden).await.unwrap();
    let app = app_with(store, |s| s.admin_token = Some("t0ken".into()));
    let auth = [
        ("authorization", "Bearer t0ken"),
        ("content-type", "application/json"),
    ];
    // Hide one article and make a log, through the API itself.
    let decided = send(
        &app,
        "POST",
        "/api/admin/decide",
        &auth,
        r#"{"kind":"article","id":"h1","decision":"remove","note":"اختبار"}"#,
    )
    .await;
    let q: String = form_urlencoded::byte_serialize("الوزير".as_bytes()).collect();
    let calls: Vec<(&str, &str, String, crate::Answer)> = vec![
        ("post", "/admin/decide", "decide".into(), decided),
        (
            "get",
            "/articles",
            String::new(),
            send(&app, "GET", "/api/articles", &[], "").await,
        ),
        (
            "get",
            "/articles/{id}",
            String::new(),
            send(&app, "GET", "/api/articles/a1", &[], "").await,
        ),
        (
            "get",
            "/articles/{id}",
            "hidden".into(),
            send(&app, "GET", "/api/articles/h1", &[], "").await,
        ),
        (
            "get",
            "/articles/{id}",
            "missing".into(),
            send(&app, "GET", "/api/articles/zz", &[], "").await,
        ),
        (
            "get",
            "/search",
            String::new(),
            send(&app, "GET", &format!("/api/search?q={q}"), &[], "").await,
        ),
        (
            "get",
            "/search",
            "bad".into(),
            send(&app, "GET", "/api/search?q=", &[], "").await,
        ),
        (
            "get",
            "/events/{id}",
            String::new(),
            send(&app, "GET", "/api/events/e1", &[], "").await,
        ),
        (
            "get",
            "/events/{id}",
            "missing".into(),
            send(&app, "GET", "/api/events/zz", &[], "").await,
        ),
        (
            "get",
            "/storylines/{id}",
            String::new(),
            send(&app, "GET", "/api/storylines/s1", &[], "").await,
        ),
        (
            "get",
            "/storylines/{id}",
            "missing".into(),
            send(&app, "GET", "/api/storylines/zz", &[], "").await,
        ),
        (
            "get",
            "/entities/{id}",
            String::new(),
            send(&app, "GET", "/api/entities/loc-rabat", &[], "").await,
        ),
        (
            "get",
            "/entities/{id}",
            "missing".into(),
            send(&app, "GET", "/api/entities/zz", &[], "").await,
        ),
        (
            "get",
            "/sources/{name}",
            String::new(),
            send(
                &app,
                "GET",
                "/api/sources/%D9%87%D8%B3%D8%A8%D8%B1%D9%8A%D8%B3",
                &[],
                "",
            )
            .await,
        ),
        (
            "get",
            "/sources/{name}",
            "missing".into(),
            send(&app, "GET", "/api/sources/zz", &[], "").await,
        ),
        (
            "get",
            "/openapi.json",
            String::new(),
            send(&app, "GET", "/api/openapi.json", &[], "").await,
        ),
        (
            "get",
            "/admin/queue",
            String::new(),
            send(&app, "GET", "/api/admin/queue", &auth, "").await,
        ),
        (
            "get",
            "/admin/queue",
            "no token".into(),
            send(&app, "GET", "/api/admin/queue", &[], "").await,
        ),
        (
            "get",
            "/admin/log",
            String::new(),
            send(&app, "GET", "/api/admin/log", &auth, "").await,
        ),
    ];
    let mut covered = std::collections::BTreeSet::new();
    for (method, path, what, answer) in &calls {
        assert_ne!(
            answer.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        let schema = response_schema(&doc, method, path, answer.status.as_u16());
        let value = answer.json();
        if let Err(problem) = validate(&doc, schema, &value, "$") {
            panic!("{method} {path} ({what}) does not match its schema: {problem}\n{value}");
        }
        covered.insert(((*method).to_owned(), (*path).to_owned()));
    }
    for route in &routed {
        assert!(covered.contains(route), "the test calls {route:?}");
    }
    // The served document is the same document.
    let served = send(&app, "GET", "/api/openapi.json", &[], "").await.json();
    assert_eq!(served, doc);
    // The listed article's answer really lists one article (the hidden one is left out).
    let listed = send(&app, "GET", "/api/articles", &[], "").await.json();
    assert_eq!(listed["total"], 3);
}

#[test]
fn the_validator_catches_mismatches() {
    let doc = marsad_web::openapi_document();
    let schema = serde_json::json!({"$ref": "#/components/schemas/OneArticle"});
    let bad = serde_json::json!({"schema": 1, "article": {"id": 3}});
    assert!(validate(&doc, &schema, &bad, "$").is_err());
    let wrong_schema = serde_json::json!({"schema": 2, "article": {}});
    assert!(validate(&doc, &schema, &wrong_schema, "$").is_err());
}
