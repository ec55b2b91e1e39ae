//! The OpenAPI 3.1 document of the JSON API, served at `/api/openapi.json`.
//!
//! Written out by hand as JSON (rather than derived with utoipa) because the answers borrow
//! from the store's types (a flattened `marsad_extract::Article`, `Cow`s, the store's facet and
//! moderation records), which a derive would need annotated in three crates. It is kept true
//! by the integration test `api::openapi_matches_the_router`: every route of the router is in
//! the document and nothing else is, and every answer of the test run validates against its
//! schema.

use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::routes::api::SCHEMA;

fn string() -> Value {
    json!({"type": "string"})
}

fn nullable(kind: &str) -> Value {
    json!({"type": [kind, "null"]})
}

fn list_params() -> Value {
    json!([
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}}
    ])
}

fn answer(schema: &str) -> Value {
    json!({
        "description": "OK",
        "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}
    })
}

fn error(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    })
}

/// The document.
pub fn document_value() -> Value {
    let facet_count = json!({
        "type": "object", "required": ["value", "count"],
        "properties": {"value": string(), "count": {"type": "integer", "minimum": 0}}
    });
    let source_path = json!({"get": {
        "summary": "One outlet (as articles name it; with what the operator registered for it, if anything): its visible articles counted per category and per month, and the newest of them",
        "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": answer("SourceAnswer"), "404": error("No article from this outlet and no such registered source")}
    }});
    let source_answer = json!({
        "type": "object", "required": ["schema", "name", "registered", "total", "categories", "months", "article_ids"],
        "properties": {
            "schema": {"const": SCHEMA},
            "name": string(),
            "registered": {"type": ["object", "null"], "required": ["id", "home_url", "country", "language"], "properties": {
                "id": string(), "home_url": string(),
                "country": {"type": ["string", "null"]}, "language": {"type": ["string", "null"]}
            }},
            "total": {"type": "integer"},
            "categories": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
            "months": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
            "article_ids": {"type": "array", "items": string()}
        }
    });
    let item = json!({
        "type": "object", "required": ["kind", "id"],
        "properties": {"kind": {"type": "string", "enum": ["article", "image"]}, "id": string()}
    });
    let article = json!({
        "type": "object",
        "required": ["id", "imported_at", "language", "body", "captions"],
        "properties": {
            "id": string(),
            "url": nullable("string"),
            "title": nullable("string"),
            "subtitle": nullable("string"),
            "author": nullable("string"),
            "dateline": nullable("string"),
            "source": nullable("string"),
            "published": nullable("string"),
            "published_precision": nullable("string"),
            "language": string(),
            "captions": {"type": "array", "items": string()},
            "body": {"type": "array", "items": string()},
            "aggregator": {"type": ["object", "null"], "properties": {
                "name": string(),
                "source": nullable("string"),
                "category": nullable("string"),
                "credibility_percent": nullable("integer"),
                "importance_percent": nullable("integer")
            }},
            "imported_at": {"type": "string", "format": "date-time"},
            "hidden_images": {"type": "array", "items": {"type": "integer"},
                "description": "Positions of captions left out because moderation hid their images."}
        }
    });
    let paged = |items: &str, schema: Value| {
        json!({
            "type": "object", "required": ["schema", "limit", "offset", items],
            "properties": {
                "schema": {"const": SCHEMA},
                "limit": {"type": "integer"},
                "offset": {"type": "integer"},
                items: {"type": "array", "items": schema}
            }
        })
    };
    let mut article_list = paged("articles", json!({"$ref": "#/components/schemas/Article"}));
    article_list["required"] = json!(["schema", "total", "limit", "offset", "articles"]);
    article_list["properties"]["total"] = json!({"type": "integer"});
    let search_params = json!([
        {"name": "q", "in": "query", "description": "The words (Arabic-aware; quotes for phrases). Required unless a filter is given.", "schema": {"type": "string", "maxLength": 300}},
        {"name": "source", "in": "query", "description": "Only this outlet (repeatable).", "schema": {"type": "string"}},
        {"name": "category", "in": "query", "description": "Only this category (repeatable).", "schema": {"type": "string"}},
        {"name": "from", "in": "query", "description": "Published on or after (YYYY-MM-DD).", "schema": {"type": "string", "format": "date"}},
        {"name": "to", "in": "query", "description": "Published on or before (YYYY-MM-DD).", "schema": {"type": "string", "format": "date"}},
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["relevance", "date"]}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 10000}}
    ]);
    let bearer = json!([{"admin": []}]);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Marsad API",
            "version": format!("{SCHEMA}"),
            "description": "The JSON API of the Marsad reader: articles, faceted search and moderation. Every answer carries \"schema\"; every failure is {\"error\": {\"code\", \"message\", \"param\"?}}. Articles hidden by moderation are left out of lists and search and answer 410."
        },
        "servers": [{"url": "/api"}],
        "paths": {
            "/articles": {"get": {
                "summary": "The latest articles, newest first",
                "parameters": list_params(),
                "responses": {"200": answer("ArticleList"), "400": error("Bad parameter")}
            }},
            "/articles/{id}": {"get": {
                "summary": "One article",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": answer("OneArticle"), "404": error("No such article"), "410": error("Hidden by moderation")}
            }},
            "/search": {"get": {
                "summary": "Faceted full-text search",
                "parameters": search_params,
                "responses": {"200": answer("SearchAnswer"), "400": error("Bad parameter")}
            }},
            "/events/{id}": {"get": {
                "summary": "One event (a cluster of articles about the same happening) and its visible articles, newest first",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": answer("EventAnswer"), "404": error("No such event")}
            }},
            "/storylines/{id}": {"get": {
                "summary": "One storyline (events on one subject) and its timeline: its events and the past happenings its visible articles mention, by date",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": answer("StorylineAnswer"), "404": error("No such storyline")}
            }},
            "/entities/{id}": {"get": {
                "summary": "One entity resolved across the store (canonical name, every spelling with its count) and the visible articles that mention it, newest first",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": answer("EntityAnswer"), "404": error("No such entity")}
            }},
            "/sources/{name}": source_path,
            "/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}}
            }},
            "/admin/queue": {"get": {
                "summary": "Reported items waiting for a decision, hidden first",
                "security": bearer,
                "parameters": list_params(),
                "responses": {"200": answer("QueueAnswer"), "401": error("No or wrong token")}
            }},
            "/admin/log": {"get": {
                "summary": "The moderation audit log, newest first",
                "security": bearer,
                "parameters": list_params(),
                "responses": {"200": answer("LogAnswer"), "401": error("No or wrong token")}
            }},
            "/admin/decide": {"post": {
                "summary": "Restore or remove an item",
                "security": bearer,
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DecideRequest"}}}},
                "responses": {"200": answer("DecideAnswer"), "400": error("Bad body"), "401": error("No or wrong token")}
            }}
        },
        "components": {
            "securitySchemes": {"admin": {"type": "http", "scheme": "bearer", "description": "The token of `marsad serve --admin-token`."}},
            "schemas": {
                "Article": article,
                "ArticleList": article_list,
                "OneArticle": {
                    "type": "object", "required": ["schema", "article"],
                    "properties": {"schema": {"const": SCHEMA}, "article": {"$ref": "#/components/schemas/Article"}}
                },
                "FacetCount": facet_count,
                "SnippetPart": {
                    "type": "object", "required": ["text", "hit"],
                    "properties": {"text": string(), "hit": {"type": "boolean"}}
                },
                "Hit": {
                    "type": "object", "required": ["id", "score", "snippet", "snippet_parts"],
                    "properties": {
                        "id": string(),
                        "score": {"type": "number"},
                        "snippet": string(),
                        "snippet_parts": {"type": "array", "items": {"$ref": "#/components/schemas/SnippetPart"}},
                        "title": nullable("string"),
                        "source": nullable("string"),
                        "published": nullable("string"),
                        "published_precision": nullable("string")
                    }
                },
                "SearchAnswer": {
                    "type": "object", "required": ["schema", "query", "sort", "total", "limit", "offset", "hits", "facets"],
                    "properties": {
                        "schema": {"const": SCHEMA},
                        "query": string(),
                        "sort": {"type": "string", "enum": ["relevance", "newest"]},
                        "total": {"type": "integer"},
                        "limit": {"type": "integer"},
                        "offset": {"type": "integer"},
                        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                        "facets": {
                            "type": "object", "required": ["sources", "categories", "months"],
                            "properties": {
                                "sources": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
                                "categories": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}},
                                "months": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}}
                            }
                        }
                    }
                },
                "EventAnswer": {
                    "type": "object", "required": ["schema", "event", "article_ids"],
                    "properties": {
                        "schema": {"const": SCHEMA},
                        "event": {"type": "object", "required": ["id", "label", "date", "articles", "entities"], "properties": {
                            "id": string(), "label": string(), "date": string(),
                            "articles": {"type": "integer"},
                            "entities": {"type": "array", "items": string()}
                        }},
                        "article_ids": {"type": "array", "items": string()}
                    }
                },
                "StorylineAnswer": {
                    "type": "object", "required": ["schema", "storyline", "timeline"],
                    "properties": {
                        "schema": {"const": SCHEMA},
                        "storyline": {"type": "object", "required": ["id", "label", "events"], "properties": {
                            "id": string(), "label": string(),
                            "events": {"type": "array", "items": string()}
                        }},
                        "timeline": {"type": "array", "items": {
                            "type": "object", "required": ["date", "precision", "kind", "what", "articles"],
                            "properties": {
                                "date": string(),
                                "precision": {"enum": ["day", "month"]},
                                "kind": {"enum": ["event", "mentioned"]},
                                "what": string(),
                                "event": string(),
                                "articles": {"type": "array", "items": string()}
                            }
                        }}
                    }
                },
                "EntityAnswer": {
                    "type": "object", "required": ["schema", "entity", "article_ids"],
                    "properties": {
                        "schema": {"const": SCHEMA},
                        "entity": {"type": "object", "required": ["id", "entity_type", "canonical", "forms"], "properties": {
                            "id": string(), "entity_type": string(), "canonical": string(),
                            "gazetteer": {"type": ["string", "null"]},
                            "forms": {"type": "array", "items": {"type": "array", "items": {"type": ["string", "integer"]}}}
                        }},
                        "article_ids": {"type": "array", "items": string()}
                    }
                },
                "SourceAnswer": source_answer,
                "ItemRef": item,
                "QueueEntry": {
                    "type": "object", "required": ["item", "status", "reporters", "reasons", "last_reported"],
                    "properties": {
                        "item": {"$ref": "#/components/schemas/ItemRef"},
                        "status": {"type": "string", "enum": ["reported", "hidden"]},
                        "reporters": {"type": "integer"},
                        "reasons": {"type": "array", "items": string()},
                        "last_reported": {"type": "string", "format": "date-time"}
                    }
                },
                "QueueAnswer": paged("items", json!({"$ref": "#/components/schemas/QueueEntry"})),
                "AuditEntry": {
                    "type": "object", "required": ["seq", "at", "actor", "action", "item"],
                    "properties": {
                        "seq": {"type": "integer"},
                        "at": {"type": "string", "format": "date-time"},
                        "actor": string(),
                        "action": {"type": "string", "enum": ["report", "auto_hide", "restore", "remove"]},
                        "item": {"$ref": "#/components/schemas/ItemRef"},
                        "note": nullable("string")
                    }
                },
                "LogAnswer": paged("entries", json!({"$ref": "#/components/schemas/AuditEntry"})),
                "DecideRequest": {
                    "type": "object", "required": ["kind", "id", "decision"],
                    "properties": {
                        "kind": {"type": "string", "enum": ["article", "image"]},
                        "id": string(),
                        "decision": {"type": "string", "enum": ["restore", "remove"]},
                        "note": string()
                    }
                },
                "DecideAnswer": {
                    "type": "object", "required": ["schema", "item", "status"],
                    "properties": {
                        "schema": {"const": SCHEMA},
                        "item": {"$ref": "#/components/schemas/ItemRef"},
                        "status": {"type": "string", "enum": ["restored", "removed"]}
                    }
                },
                "Error": {
                    "type": "object", "required": ["error"],
                    "properties": {"error": {
                        "type": "object", "required": ["code", "message"],
                        "properties": {
                            "code": {"type": "string", "enum": ["not_found", "bad_request", "hidden", "forbidden", "unauthorized", "rate_limited", "too_large", "internal"]},
                            "message": string(),
                            "param": string()
                        }
                    }}
                }
            }
        }
    })
}

/// `GET /api/openapi.json`.
pub async fn document() -> Response {
    axum::Json(document_value()).into_response()
}
