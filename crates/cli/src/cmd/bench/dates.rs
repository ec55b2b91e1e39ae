//! `marsad bench dates`: accuracy of `parse_dates` on the date test set (and on dateparser's
//! own Arabic test cases), next to Python dateparser's `search_dates` in the same run, plus
//! articles/s of both on real article bodies.
//!
//! Scoring: a case is right when the set of (value, precision) pairs found equals the
//! expected set (so a missed date, an extra false date or a wrong precision each make it
//! wrong; negatives are right only with nothing found). dateparser gives no precision, so its
//! side re-reads each found substring for its period (see `bench/dates/dateparser_bench.py`).
//!
//! `--json` prints one object:
//! `{"schema":1, "set": path, "cases": n,
//!   "marsad": {"accuracy": f, "right": n, "by_region": {region: {"accuracy","right","cases"}},
//!              "by_kind": {…}},
//!   "dateparser": same as marsad | null, "dateparser_skipped": reason | null,
//!   "dateparser_testcases": {"cases": n, "marsad": {"accuracy","right"}, "dateparser": {…} | null} | null,
//!   "speed": {"bodies": n, "marsad_articles_per_s": f, "dateparser_bodies": n,
//!             "dateparser_articles_per_s": f | null, "ratio": f | null} | null,
//!   "failures": [{"text","ref","expected","marsad"}]}`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::Context;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use marsad_text::parse_dates;
use serde_json::{Value, json};

use crate::cmd::dates::parse_reference;

const DATA: &str = "/work/shared/data";

/// Flags of `marsad bench dates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The test set (JSON lines). Default: `bench/dates/testset.jsonl`.
    #[arg(long)]
    set: Option<PathBuf>,
    /// Print one JSON object (schema 1) instead of a table.
    #[arg(long)]
    json: bool,
    /// Article bodies for the Marsad speed run.
    #[arg(long, default_value_t = 1000)]
    bodies: usize,
    /// Article bodies for the (slow) dateparser speed run.
    #[arg(long, default_value_t = 100)]
    dateparser_bodies: usize,
    /// Skip Python dateparser.
    #[arg(long)]
    no_dateparser: bool,
}

/// One test case.
#[derive(Debug, Clone)]
struct Case {
    text: String,
    reference: NaiveDateTime,
    expected: BTreeSet<(String, String)>,
    region: String,
    kind: String,
}

type Found = BTreeSet<(String, String)>;

/// Run `marsad bench dates`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = super::repo_root();
    let set_path = args
        .set
        .clone()
        .unwrap_or_else(|| root.join("bench/dates/testset.jsonl"));
    let cases = load_set(&set_path)?;
    let dp_cases = load_dateparser_testcases();

    let marsad: Vec<Found> = cases
        .iter()
        .map(|c| run_marsad(&c.text, c.reference))
        .collect();
    let marsad_dp: Vec<Found> = dp_cases
        .iter()
        .map(|c| run_marsad(&c.text, c.reference))
        .collect();

    let python = if args.no_dateparser {
        Err("--no-dateparser given".to_owned())
    } else {
        venv_python(&root)
    };
    let script = root.join("bench/dates/dateparser_bench.py");
    let (dateparser, dateparser_dp, skipped) = match &python {
        Ok(py) => {
            let all: Vec<&Case> = cases.iter().chain(dp_cases.iter()).collect();
            match run_dateparser(py, &script, &all) {
                Ok(mut found) => {
                    let dp = found.split_off(cases.len());
                    (Some(found), Some(dp), None)
                }
                Err(e) => (None, None, Some(format!("{e:#}"))),
            }
        }
        Err(reason) => (None, None, Some(reason.clone())),
    };

    let speed = speed(&args, python.as_ref().ok(), &script);

    let score_m = score(&cases, &marsad);
    let score_d = dateparser.as_ref().map(|d| score(&cases, d));
    let dp_block = (!dp_cases.is_empty()).then(|| {
        let m = score(&dp_cases, &marsad_dp);
        let d = dateparser_dp.as_ref().map(|d| score(&dp_cases, d));
        json!({"cases": dp_cases.len(), "marsad": m["overall"], "dateparser": d.map(|d| d["overall"].clone())})
    });
    let failures: Vec<Value> = cases
        .iter()
        .zip(&marsad)
        .filter(|(c, f)| c.expected != **f)
        .map(|(c, f)| {
            json!({"text": c.text, "ref": c.reference.format("%Y-%m-%dT%H:%M:%S").to_string(),
                   "region": c.region, "kind": c.kind,
                   "expected": pairs(&c.expected), "marsad": pairs(f)})
        })
        .collect();
    let report = json!({
        "schema": 1,
        "set": set_path.display().to_string(),
        "cases": cases.len(),
        "marsad": flatten(&score_m),
        "dateparser": score_d.as_ref().map(flatten),
        "dateparser_skipped": skipped,
        "dateparser_testcases": dp_block,
        "speed": speed,
        "failures": failures,
    });
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{report}")?;
    } else {
        print_table(&mut out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn load_set(path: &Path) -> anyhow::Result<Vec<Case>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("opening test set {}", path.display()))?;
    let mut cases = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}: reading line {}", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)
            .with_context(|| format!("{}: line {}: bad JSON", path.display(), n + 1))?;
        let reference = v["ref"]
            .as_str()
            .and_then(parse_reference)
            .with_context(|| format!("{}: line {}: bad ref", path.display(), n + 1))?;
        let expected = v["expected"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| {
                        Some((
                            e["value"].as_str()?.to_owned(),
                            e["precision"].as_str()?.to_owned(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        cases.push(Case {
            text: v["text"].as_str().unwrap_or_default().to_owned(),
            reference,
            expected,
            region: v["region"].as_str().unwrap_or("other").to_owned(),
            kind: v["kind"].as_str().unwrap_or("other").to_owned(),
        });
    }
    Ok(cases)
}

/// dateparser's own Arabic test cases with absolute expected values (see the data's SOURCE.md);
/// relative "ago" cases are resolved against a fixed reference.
fn load_dateparser_testcases() -> Vec<Case> {
    let path = format!("{DATA}/arabic-dates/dateparser-arabic-script-testcases.json");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let Ok(v) = serde_json::from_str::<Value>(&raw) else {
        return Vec::new();
    };
    let fixed = NaiveDate::from_ymd_opt(2020, 6, 15).and_then(|d| d.and_hms_opt(12, 0, 0));
    let Some(fixed) = fixed else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let case = |text: &str, reference: NaiveDateTime, expected: Found| Case {
        text: text.to_owned(),
        reference,
        expected,
        region: "dateparser_tests".to_owned(),
        kind: "dateparser_tests".to_owned(),
    };
    for c in v["cases"].as_array().into_iter().flatten() {
        let lang = c["language"].as_str().unwrap_or("");
        if !lang.starts_with("ar") {
            continue;
        }
        let named = &c["named"];
        match c["test"].as_str().unwrap_or("") {
            "test_datetime_parsing" | "test_letter_variant_locale_detection" => {
                let text = named["dt_string"]
                    .as_str()
                    .or(named["date_string"].as_str())
                    .unwrap_or("");
                let exp = named["dt_obj"]
                    .as_str()
                    .or(named["expected"].as_str())
                    .and_then(iso_pair);
                if let Some(exp) = exp {
                    out.push(case(text, fixed, BTreeSet::from([exp])));
                }
            }
            "test_incomplete_month_name" => {
                out.push(case(
                    named["dt_string"].as_str().unwrap_or(""),
                    fixed,
                    BTreeSet::new(),
                ));
            }
            "test_search_and_parse" => {
                let reference = named["settings"]["RELATIVE_BASE"]
                    .as_str()
                    .and_then(parse_reference)
                    .unwrap_or(fixed);
                let exp: Found = named["expected"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p.get(1).and_then(Value::as_str).and_then(iso_pair))
                    .collect();
                out.push(case(named["string"].as_str().unwrap_or(""), reference, exp));
            }
            "test_relative_past_dates" => {
                let text = named["date_string"].as_str().unwrap_or("");
                let Some(ago) = named["ago"].as_object() else {
                    continue;
                };
                if ago.len() != 1 {
                    continue;
                }
                let Some((unit, n)) = ago
                    .iter()
                    .next()
                    .and_then(|(k, v)| Some((k.as_str(), v.as_i64()?)))
                else {
                    continue;
                };
                let exp = ago_value(fixed, unit, n);
                if let Some(exp) = exp {
                    out.push(case(text, fixed, BTreeSet::from([exp])));
                }
            }
            _ => {}
        }
    }
    out
}

/// `2020-10-08T20:15:00` → its value at the precision it shows (midnight → day).
fn iso_pair(s: &str) -> Option<(String, String)> {
    let dt = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok()?;
    Some(if dt.time() == chrono::NaiveTime::MIN {
        (dt.format("%Y-%m-%d").to_string(), "day".to_owned())
    } else if dt.format("%S").to_string() != "00" {
        (
            dt.format("%Y-%m-%dT%H:%M:%S").to_string(),
            "second".to_owned(),
        )
    } else {
        (dt.format("%Y-%m-%dT%H:%M").to_string(), "minute".to_owned())
    })
}

fn ago_value(r: NaiveDateTime, unit: &str, n: i64) -> Option<(String, String)> {
    let day = |d: NaiveDateTime| (d.format("%Y-%m-%d").to_string(), "day".to_owned());
    Some(match unit {
        "days" => day(r - Duration::days(n)),
        "weeks" => day(r - Duration::weeks(n)),
        "hours" => (
            (r - Duration::hours(n))
                .format("%Y-%m-%dT%H:%M")
                .to_string(),
            "minute".to_owned(),
        ),
        "minutes" => (
            (r - Duration::minutes(n))
                .format("%Y-%m-%dT%H:%M")
                .to_string(),
            "minute".to_owned(),
        ),
        "seconds" => (
            (r - Duration::seconds(n))
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            "second".to_owned(),
        ),
        "months" => {
            let k = i64::from(chrono::Datelike::year(&r)) * 12
                + i64::from(chrono::Datelike::month0(&r))
                - n;
            (
                format!("{:04}-{:02}-01", k.div_euclid(12), k.rem_euclid(12) + 1),
                "month".to_owned(),
            )
        }
        "years" => (
            format!("{:04}-01-01", i64::from(chrono::Datelike::year(&r)) - n),
            "year".to_owned(),
        ),
        _ => return None,
    })
}

fn run_marsad(text: &str, reference: NaiveDateTime) -> Found {
    parse_dates(text, reference)
        .iter()
        .map(|m| {
            let p = serde_json::to_value(m.value.precision)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            (m.value.to_iso(), p)
        })
        .collect()
}

fn pairs(f: &Found) -> Value {
    Value::Array(
        f.iter()
            .map(|(v, p)| json!({"value": v, "precision": p}))
            .collect(),
    )
}

/// The bench virtualenv's python with dateparser, when the corpora are here.
fn venv_python(root: &Path) -> Result<PathBuf, String> {
    if !Path::new(DATA).is_dir() {
        return Err(format!("{DATA} not found"));
    }
    super::venv::python_with(root, "dateparser", &["dateparser"])
}

fn run_dateparser(py: &Path, script: &Path, cases: &[&Case]) -> anyhow::Result<Vec<Found>> {
    let mut input = String::new();
    for (id, c) in cases.iter().enumerate() {
        let line = json!({"id": id, "text": c.text, "ref": c.reference.format("%Y-%m-%dT%H:%M:%S").to_string()});
        input.push_str(&line.to_string());
        input.push('\n');
    }
    let out = run_python(py, script, "cases", &input)?;
    let mut found = vec![Found::new(); cases.len()];
    for line in out.lines() {
        let v: Value = serde_json::from_str(line).context("dateparser script: bad JSON line")?;
        let Some(id) = v["id"].as_u64().and_then(|i| usize::try_from(i).ok()) else {
            continue;
        };
        if let Some(slot) = found.get_mut(id) {
            *slot = v["found"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| {
                    Some((
                        e["value"].as_str()?.to_owned(),
                        e["precision"].as_str()?.to_owned(),
                    ))
                })
                .collect();
        }
    }
    Ok(found)
}

fn run_python(py: &Path, script: &Path, mode: &str, input: &str) -> anyhow::Result<String> {
    let mut child = Command::new(py)
        .arg(script)
        .arg(mode)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("running {}", script.display()))?;
    let mut stdin = child.stdin.take().context("dateparser script stdin")?;
    let input = input.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .context("waiting for the dateparser script")?;
    writer
        .join()
        .map_err(|_| anyhow::anyhow!("dateparser script writer panicked"))?
        .context("writing to the dateparser script")?;
    anyhow::ensure!(
        output.status.success(),
        "dateparser script failed: {}",
        output.status
    );
    String::from_utf8(output.stdout).context("dateparser script output is not UTF-8")
}

/// Up to `n` article bodies (with their publication time) from ANT v1.1.
fn bodies(n: usize) -> Vec<(String, NaiveDateTime)> {
    let mut files = Vec::new();
    let Ok(dirs) = std::fs::read_dir(format!("{DATA}/ant-corpus-v1.1")) else {
        return Vec::new();
    };
    for dir in dirs.flatten() {
        if let Ok(entries) = std::fs::read_dir(dir.path()) {
            files.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "txt")),
            );
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        if out.len() >= n {
            break;
        }
        let Ok(doc) = std::fs::read_to_string(&f) else {
            continue;
        };
        let between = |a: &str, b: &str| {
            let s = doc.find(a)? + a.len();
            let e = doc[s..].find(b)? + s;
            Some(doc[s..e].trim().to_owned())
        };
        let (Some(body), Some(time)) = (between("<TEXT>", "</TEXT>"), between("<TIME>", "</TIME>"))
        else {
            continue;
        };
        if let Some(r) = parse_reference(&time) {
            out.push((body, r));
        }
    }
    out
}

fn speed(args: &Args, python: Option<&PathBuf>, script: &Path) -> Option<Value> {
    let bodies = bodies(args.bodies);
    if bodies.is_empty() {
        return None;
    }
    // Repeat the Marsad pass until at least a second has gone by, for a stable rate.
    let start = Instant::now();
    let mut passes = 0u32;
    let mut found = 0usize;
    while passes == 0 || start.elapsed().as_secs_f64() < 1.0 {
        for (body, r) in &bodies {
            found += parse_dates(body, *r).len();
        }
        passes += 1;
    }
    let marsad_rate = f64::from(passes) * bodies.len() as f64 / start.elapsed().as_secs_f64();
    let dp_n = args.dateparser_bodies.min(bodies.len());
    let dp_rate = python.and_then(|py| {
        let mut input = String::new();
        for (body, r) in bodies.iter().take(dp_n) {
            input.push_str(
                &json!({"text": body, "ref": r.format("%Y-%m-%dT%H:%M:%S").to_string()})
                    .to_string(),
            );
            input.push('\n');
        }
        let out = run_python(py, script, "speed", &input).ok()?;
        let v: Value = serde_json::from_str(out.trim()).ok()?;
        let secs = v["seconds"].as_f64()?;
        (secs > 0.0).then(|| dp_n as f64 / secs)
    });
    Some(json!({
        "bodies": bodies.len(),
        "marsad_passes": passes,
        "marsad_mentions_per_pass": found / passes.max(1) as usize,
        "marsad_articles_per_s": marsad_rate,
        "dateparser_bodies": if dp_rate.is_some() { dp_n } else { 0 },
        "dateparser_articles_per_s": dp_rate,
        "ratio": dp_rate.map(|d| marsad_rate / d),
    }))
}

fn score(cases: &[Case], found: &[Found]) -> Value {
    let mut overall = (0usize, 0usize);
    let mut by_region: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (c, f) in cases.iter().zip(found) {
        let ok = usize::from(c.expected == *f);
        overall.0 += ok;
        overall.1 += 1;
        let r = by_region.entry(&c.region).or_default();
        r.0 += ok;
        r.1 += 1;
        let k = by_kind.entry(&c.kind).or_default();
        k.0 += ok;
        k.1 += 1;
    }
    let cell = |(right, n): (usize, usize)| json!({"accuracy": if n == 0 { 0.0 } else { right as f64 / n as f64 }, "right": right, "cases": n});
    json!({
        "overall": cell(overall),
        "by_region": by_region.into_iter().map(|(k, v)| (k.to_owned(), cell(v))).collect::<serde_json::Map<_, _>>(),
        "by_kind": by_kind.into_iter().map(|(k, v)| (k.to_owned(), cell(v))).collect::<serde_json::Map<_, _>>(),
    })
}

fn flatten(s: &Value) -> Value {
    json!({
        "accuracy": s["overall"]["accuracy"],
        "right": s["overall"]["right"],
        "by_region": s["by_region"],
        "by_kind": s["by_kind"],
    })
}

fn print_table(out: &mut impl Write, r: &Value) -> std::io::Result<()> {
    let pct = |v: &Value| {
        v.as_f64()
            .map_or("  -  ".to_owned(), |x| format!("{:5.1}%", x * 100.0))
    };
    writeln!(
        out,
        "date test set: {} ({} cases)",
        r["set"].as_str().unwrap_or(""),
        r["cases"]
    )?;
    if let Some(reason) = r["dateparser_skipped"].as_str() {
        writeln!(out, "dateparser skipped: {reason}")?;
    }
    writeln!(
        out,
        "{:<22} {:>8} {:>11} {:>6}",
        "", "marsad", "dateparser", "cases"
    )?;
    writeln!(
        out,
        "{:<22} {:>8} {:>11} {:>6}",
        "overall",
        pct(&r["marsad"]["accuracy"]),
        pct(&r["dateparser"]["accuracy"]),
        r["cases"]
    )?;
    for group in ["by_region", "by_kind"] {
        writeln!(out, "{group}:")?;
        if let Some(map) = r["marsad"][group].as_object() {
            for (k, v) in map {
                writeln!(
                    out,
                    "  {:<20} {:>8} {:>11} {:>6}",
                    k,
                    pct(&v["accuracy"]),
                    pct(&r["dateparser"][group][k]["accuracy"]),
                    v["cases"]
                )?;
            }
        }
    }
    if r["dateparser_testcases"].is_object() {
        let t = &r["dateparser_testcases"];
        writeln!(
            out,
            "dateparser's own Arabic test cases ({}): marsad {}  dateparser {}",
            t["cases"],
            pct(&t["marsad"]["accuracy"]),
            pct(&t["dateparser"]["accuracy"])
        )?;
    }
    if r["speed"].is_object() {
        let s = &r["speed"];
        writeln!(
            out,
            "speed: marsad {:.0} articles/s ({} bodies), dateparser {} articles/s ({} bodies), ratio {}",
            s["marsad_articles_per_s"].as_f64().unwrap_or(0.0),
            s["bodies"],
            s["dateparser_articles_per_s"]
                .as_f64()
                .map_or("-".to_owned(), |x| format!("{x:.2}")),
            s["dateparser_bodies"],
            s["ratio"]
                .as_f64()
                .map_or("-".to_owned(), |x| format!("{x:.0}x"))
        )?;
    } else {
        writeln!(out, "speed: skipped ({DATA} not found)")?;
    }
    Ok(())
}
