//! `marsad dates`: find the dates in each line of stdin.
//!
//! With `--json`, one object per input line (offsets in characters, i.e. Unicode scalar
//! values, not bytes):
//! `{"schema": 1, "input": "…", "mentions": [{"text": "…", "start": 3, "end": 19,
//! "value": "YYYY-MM-DD[THH:MM[:SS]]", "precision": "year|month|day|minute|second",
//! "relative": false, "calendar": "gregorian|hijri"}]}`.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use marsad_text::{DateMention, parse_dates};

/// Flags of `marsad dates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Reference time for relative dates: `2016-08-15`, `2016-08-15T10:00:00` or RFC 3339
    /// (`2016-08-15T10:00:00+03:00`: its wall-clock time is used, not converted). Default: now.
    #[arg(long = "ref", value_name = "DATE_OR_DATETIME")]
    reference: Option<String>,
    /// One JSON object per input line.
    #[arg(long)]
    json: bool,
}

/// Run `marsad dates`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let reference = match args.reference.as_deref() {
        Some(s) => match parse_reference(s) {
            Some(r) => r,
            None => {
                eprintln!(
                    "error: --ref {s:?}: expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or an RFC 3339 datetime"
                );
                return Ok(ExitCode::from(2));
            }
        },
        None => chrono::Local::now().naive_local(),
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line.context("reading stdin")?;
        let mentions = parse_dates(&line, reference);
        let written = if args.json {
            let value = to_json(&line, &mentions);
            writeln!(out, "{value}")
        } else {
            write_plain(&mut out, &line, &mentions)
        };
        if let Err(err) = written {
            if err.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(err).context("writing stdout");
        }
    }
    match out.flush() {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(err).context("writing stdout")
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// A reference time from `2016-08-15`, `2016-08-15T10:00[:00]` (or with a space) or RFC 3339
/// (wall clock kept, offset dropped).
pub fn parse_reference(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.naive_local());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// The JSON object for one input line (offsets in characters).
pub fn to_json(input: &str, mentions: &[DateMention]) -> serde_json::Value {
    let mentions: Vec<serde_json::Value> = mentions
        .iter()
        .map(|m| {
            let start = input.get(..m.start).map_or(0, |s| s.chars().count());
            let text = input.get(m.start..m.end).unwrap_or("");
            serde_json::json!({
                "text": text,
                "start": start,
                "end": start + text.chars().count(),
                "value": m.value.to_iso(),
                "precision": m.value.precision,
                "relative": m.relative,
                "calendar": m.calendar,
            })
        })
        .collect();
    serde_json::json!({ "schema": 1, "input": input, "mentions": mentions })
}

fn write_plain(out: &mut impl Write, input: &str, mentions: &[DateMention]) -> std::io::Result<()> {
    for m in mentions {
        let text = input.get(m.start..m.end).unwrap_or("");
        let precision = serde_json::to_value(m.value.precision)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let calendar = match m.calendar {
            marsad_text::Calendar::Gregorian => "gregorian",
            marsad_text::Calendar::Hijri => "hijri",
        };
        writeln!(
            out,
            "{}\t{}\t{}{}\t{}",
            m.value.to_iso(),
            precision,
            calendar,
            if m.relative { " relative" } else { "" },
            text
        )?;
    }
    if mentions.is_empty() {
        writeln!(out, "-\t(no date)")?;
    }
    Ok(())
}
