//! `marsad bench pgfts --corpus FILE --url postgres://…`: whether PostgreSQL's own full-text
//! search (its `arabic` text search configuration: Snowball's Arabic stemmer) could be the
//! server-side search, measured on the same corpus and the same query set
//! ([`super::scale::query_set`]) as `marsad bench scale` measures tantivy with.
//!
//! The corpus goes into one table, independent of any Marsad store backend: id, outlet,
//! category (the bundled classifier's label, as the import pipeline gives it), day, title,
//! body, and a stored generated `tsvector` (title weighted A, body B) with a GIN index, plus
//! B-tree indexes on outlet, category and day for the facets. A query is `plainto_tsquery`
//! (free words, every one required, as Marsad's search box) or `phraseto_tsquery` (a quoted
//! phrase), filters as `WHERE`, ordered by `ts_rank` — a page of 20, like `/search`. Two
//! timings per query: the page alone, and the page plus the facet counts that Marsad's
//! faceted search also returns (total, per outlet, per category, per month over every match,
//! one `GROUPING SETS` query). `scripts/bench-pgfts.sh` starts a throw-away server for it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use serde_json::{Value, json};
use sqlx::Row;
use sqlx::postgres::PgPoolOptions;

use super::scale::{BenchQuery, percentiles, query_set};
use crate::data::runtime;

/// Flags of `marsad bench pgfts`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The corpus (JSON Lines from `marsad bench corpus`).
    #[arg(long)]
    corpus: PathBuf,
    /// The PostgreSQL server.
    #[arg(long, env = "MARSAD_PG_URL")]
    url: String,
    /// Drop and reload the table even when it holds as many rows as the corpus.
    #[arg(long)]
    reload: bool,
    /// Timed passes over the query set (after one warm-up pass).
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Queries in the set.
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// One JSON object (schema in docs/cli-json.md).
    #[arg(long)]
    json: bool,
}

const TABLE: &str = "marsad_bench_fts";
const BATCH: usize = 500;

/// Run `marsad bench pgfts`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let queries = query_set(&args.corpus, args.queries)?;
    let report = runtime()?.block_on(measure(&args, &queries))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{report}")?;
    } else {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    }
    Ok(ExitCode::SUCCESS)
}

async fn measure(args: &Args, queries: &[BenchQuery]) -> anyhow::Result<Value> {
    let pool = PgPoolOptions::new()
        .max_connections(2)
        .connect(&args.url)
        .await
        .context("connect to PostgreSQL")?;
    let version: String = sqlx::query_scalar("SHOW server_version")
        .fetch_one(&pool)
        .await?;
    let exists: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT count(*) FROM {TABLE} WHERE to_regclass('{TABLE}') IS NOT NULL"
    )))
    .fetch_optional(&pool)
    .await
    .unwrap_or(None);
    let lines = super::corpus::read_lines(&args.corpus, usize::MAX, |_| Ok(()))? as i64;
    let mut load_s = None;
    if args.reload || exists != Some(lines) {
        load_s = Some(load(&pool, args).await?);
    }
    let rows: i64 =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {TABLE}")))
            .fetch_one(&pool)
            .await?;
    let table_bytes: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT pg_total_relation_size('{TABLE}')"
    )))
    .fetch_one(&pool)
    .await?;
    let gin_bytes: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT pg_relation_size('{TABLE}_tsv')"
    )))
    .fetch_one(&pool)
    .await?;
    let mut conn = pool.acquire().await?;
    let mut matched_none = 0;
    for q in queries {
        let (page, _) = run_query(&mut conn, q).await?;
        if page == 0 {
            matched_none += 1;
        }
    }
    let mut page_ms = Vec::new();
    let mut full_ms = Vec::new();
    let mut by_kind: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
    for _ in 0..args.rounds.max(1) {
        for q in queries {
            let t = Instant::now();
            let (_, page) = run_query(&mut conn, q).await?;
            let full = t.elapsed().as_secs_f64() * 1000.0;
            page_ms.push(page);
            full_ms.push(full);
            by_kind.entry(q.kind.clone()).or_default().push(page);
        }
    }
    let kinds: serde_json::Map<String, Value> = by_kind
        .into_iter()
        .map(|(k, mut v)| (k, percentiles(&mut v)))
        .collect();
    Ok(json!({
        "schema": 1,
        "corpus": args.corpus.display().to_string(),
        "server_version": version,
        "rows": rows,
        "load_s": load_s,
        "table_bytes": table_bytes,
        "gin_bytes": gin_bytes,
        "queries": queries.len(),
        "rounds": args.rounds.max(1),
        "queries_with_empty_page": matched_none,
        "page": percentiles(&mut page_ms),
        "page_and_facets": percentiles(&mut full_ms),
        "by_kind": kinds,
    }))
}

/// Run one query: the page (its row count and milliseconds), then the facet counts; returns
/// the page's rows and the page's own time.
async fn run_query(conn: &mut sqlx::PgConnection, q: &BenchQuery) -> anyhow::Result<(usize, f64)> {
    let function = if q.is_phrase() {
        "phraseto_tsquery"
    } else {
        "plainto_tsquery"
    };
    let mut filter = String::new();
    let mut binds: Vec<String> = vec![q.words()];
    if let Some(s) = &q.source {
        binds.push(s.clone());
        filter.push_str(&format!(" AND source = ${}", binds.len()));
    }
    if let Some(c) = &q.category {
        binds.push(c.clone());
        filter.push_str(&format!(" AND category = ${}", binds.len()));
    }
    if let (Some(from), Some(to)) = (q.from, q.to) {
        binds.push(from.to_string());
        binds.push(to.to_string());
        filter.push_str(&format!(
            " AND day BETWEEN ${}::date AND ${}::date",
            binds.len() - 1,
            binds.len()
        ));
    }
    let page_sql = format!(
        "SELECT id, ts_rank(tsv, q) AS r FROM {TABLE}, {function}('arabic', $1) q \
         WHERE tsv @@ q{filter} ORDER BY r DESC LIMIT 20"
    );
    let facet_sql = format!(
        "SELECT source, category, to_char(day, 'YYYY-MM') AS month, count(*) \
         FROM {TABLE}, {function}('arabic', $1) q WHERE tsv @@ q{filter} \
         GROUP BY GROUPING SETS ((source), (category), (month), ())"
    );
    let t = Instant::now();
    let mut page = sqlx::query(sqlx::AssertSqlSafe(page_sql));
    for b in &binds {
        page = page.bind(b);
    }
    let rows = page.fetch_all(&mut *conn).await.context("page query")?;
    let page_ms = t.elapsed().as_secs_f64() * 1000.0;
    let mut facets = sqlx::query(sqlx::AssertSqlSafe(facet_sql));
    for b in &binds {
        facets = facets.bind(b);
    }
    let counts = facets.fetch_all(&mut *conn).await.context("facet query")?;
    let _: i64 = counts.last().map_or(Ok(0), |r| r.try_get(3))?;
    Ok((rows.len(), page_ms))
}

/// (Re)create the table and load the corpus into it; seconds taken (indexes included).
async fn load(pool: &sqlx::PgPool, args: &Args) -> anyhow::Result<f64> {
    let started = Instant::now();
    let model = marsad_analyze::product_model().context("load the category model")?;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP TABLE IF EXISTS {TABLE}")))
        .execute(pool)
        .await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE TABLE {TABLE} (id text PRIMARY KEY, source text, category text, day date, \
         title text, body text NOT NULL, tsv tsvector GENERATED ALWAYS AS \
         (setweight(to_tsvector('arabic', coalesce(title, '')), 'A') || \
          setweight(to_tsvector('arabic', body), 'B')) STORED)"
    )))
    .execute(pool)
    .await?;
    let mut rows: Vec<[Option<String>; 6]> = Vec::with_capacity(BATCH);
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<[Option<String>; 6]>>(4);
    let writer = {
        let pool = pool.clone();
        tokio::spawn(async move {
            let mut done = 0usize;
            while let Some(batch) = rx.recv().await {
                let mut b = sqlx::QueryBuilder::new(format!(
                    "INSERT INTO {TABLE} (id, source, category, day, title, body) "
                ));
                b.push_values(batch.iter(), |mut row, r| {
                    row.push_bind(r[0].clone())
                        .push_bind(r[1].clone())
                        .push_bind(r[2].clone())
                        .push_bind(r[3].clone())
                        .push_unseparated("::date")
                        .push_bind(r[4].clone())
                        .push_bind(r[5].clone());
                });
                b.push(" ON CONFLICT (id) DO NOTHING");
                b.build().execute(&pool).await?;
                done += batch.len();
                if done % 50_000 < BATCH {
                    eprintln!("bench pgfts: {done} rows loaded");
                }
            }
            anyhow::Ok(())
        })
    };
    let corpus = args.corpus.clone();
    let reader = tokio::task::spawn_blocking(move || {
        super::corpus::read_lines(&corpus, usize::MAX, |v| {
            let body: Vec<String> = match &v["body"] {
                Value::Array(a) => a
                    .iter()
                    .filter_map(|p| p.as_str().map(str::to_owned))
                    .collect(),
                Value::String(s) => s.lines().map(str::to_owned).collect(),
                _ => Vec::new(),
            };
            let title = v["title"].as_str().map(str::to_owned);
            let category = model.predict(title.as_deref(), &body).label;
            let s = |k: &str| v[k].as_str().map(str::to_owned);
            rows.push([
                s("id"),
                s("source"),
                Some(category),
                v["published"]
                    .as_str()
                    .and_then(|p| p.get(..10))
                    .map(str::to_owned),
                title,
                Some(body.join("\n")),
            ]);
            if rows.len() >= BATCH {
                tx.blocking_send(std::mem::take(&mut rows))
                    .map_err(|_| anyhow::anyhow!("the loader stopped"))?;
            }
            Ok(())
        })?;
        if !rows.is_empty() {
            tx.blocking_send(rows)
                .map_err(|_| anyhow::anyhow!("the loader stopped"))?;
        }
        anyhow::Ok(())
    });
    let read = reader.await?;
    writer.await??;
    read?;
    for sql in [
        format!("CREATE INDEX {TABLE}_tsv ON {TABLE} USING gin (tsv)"),
        format!("CREATE INDEX {TABLE}_source ON {TABLE} (source)"),
        format!("CREATE INDEX {TABLE}_category ON {TABLE} (category)"),
        format!("CREATE INDEX {TABLE}_day ON {TABLE} (day)"),
        format!("VACUUM ANALYZE {TABLE}"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .execute(pool)
            .await?;
    }
    Ok(started.elapsed().as_secs_f64())
}
