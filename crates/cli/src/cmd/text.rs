//! `marsad text normalize|tokens|stem|namekey`: the Arabic text core on stdin, one result per
//! input line, as plain text or (`--json`) one JSON object per line.

use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use marsad_text::{Level, name_key, normalize, stem_str, tokens};
use serde_json::{Value, json};

/// Flags of `marsad text`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do with each line of stdin.
    #[arg(value_enum)]
    op: Op,
    /// Normalisation level (`normalize` only; default `match`).
    #[arg(long, value_enum)]
    level: Option<LevelArg>,
    /// One JSON object per line: {"schema":1,"input":..,"output":..}.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Op {
    /// The line normalised at `--level`.
    Normalize,
    /// The words of the line with their byte spans in the line.
    Tokens,
    /// The light stem of each word (after search normalisation).
    Stem,
    /// The name key of the line (one name per line).
    Namekey,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LevelArg {
    /// NFC, invisible controls removed; letters untouched.
    Display,
    /// Diacritics, tatweel, letter variants, digits and punctuation unified.
    Match,
    /// `match`, plus lowercasing.
    Search,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Self {
        match l {
            LevelArg::Display => Level::Display,
            LevelArg::Match => Level::Match,
            LevelArg::Search => Level::Search,
        }
    }
}

/// Run `marsad text`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.level.is_some() && !matches!(args.op, Op::Normalize) {
        anyhow::bail!("--level applies to `normalize` only");
    }
    let level: Level = args.level.map_or(Level::Match, Level::from);
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let mut input = stdin.lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf).context("read stdin")?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = std::str::from_utf8(&buf)
            .map_err(|e| anyhow::anyhow!("stdin line {line_no}: not valid UTF-8 ({e})"))?;
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (plain, output) = apply(args.op, level, line);
        if args.json {
            let obj = json!({ "schema": 1, "input": line, "output": output });
            serde_json::to_writer(&mut out, &obj).context("write stdout")?;
            writeln!(out).context("write stdout")?;
        } else {
            writeln!(out, "{plain}").context("write stdout")?;
        }
        if interactive {
            out.flush().context("write stdout")?;
        }
    }
    out.flush().context("write stdout")?;
    Ok(ExitCode::SUCCESS)
}

/// The plain-text and JSON results of `op` on one line.
fn apply(op: Op, level: Level, line: &str) -> (String, Value) {
    match op {
        Op::Normalize => {
            let n = normalize(line, level);
            (n.clone(), Value::String(n))
        }
        Op::Tokens => {
            let toks = tokens(line);
            let plain = toks.iter().map(|t| t.surface).collect::<Vec<_>>().join(" ");
            let json = toks
                .iter()
                .map(|t| json!({ "surface": t.surface, "start": t.start, "end": t.end }))
                .collect();
            (plain, Value::Array(json))
        }
        Op::Stem => {
            let n = normalize(line, Level::Search);
            let stems: Vec<&str> = tokens(&n).iter().map(|t| stem_str(t.surface)).collect();
            (stems.join(" "), json!(stems))
        }
        Op::Namekey => {
            let k = name_key(line);
            (k.clone(), Value::String(k))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(op: Op, line: &str, plain: &str) {
        assert_eq!(apply(op, Level::Match, line).0, plain, "{op:?} {line}");
    }

    #[test]
    fn each_op() {
        check(Op::Normalize, "أَفِيف كوخافــي", "افيف كوخافي");
        check(Op::Tokens, "قال، أفيف", "قال أفيف");
        check(Op::Stem, "والمغرب بالمستشفيات", "مغرب مستشف");
        check(Op::Namekey, "بلخير الفاروق", "بلكير فروك");
        let (_, json) = apply(Op::Tokens, Level::Match, "قال، أفيف");
        assert_eq!(json[1]["start"], 9);
        assert_eq!(json[1]["end"], 17);
    }
}
