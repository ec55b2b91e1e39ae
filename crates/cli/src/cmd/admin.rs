//! `marsad admin`: moderation from the command line — the queue of reported items, restoring
//! or removing one, and the audit log. Works on the data folder directly (also while
//! `marsad serve` runs: SQLite serialises the writes), so it needs no token.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use chrono::Utc;
use marsad_store::moderation::{Decision, ItemKind, ItemRef};
use serde::Serialize;

use crate::data::{DataArgs, runtime};

/// The version of `marsad admin --json` output.
const SCHEMA: u32 = 1;

/// Flags of `marsad admin`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: AdminCommand,
}

/// What to do.
#[derive(Debug, clap::Subcommand)]
pub enum AdminCommand {
    /// Items readers reported that wait for a decision (hidden first).
    Queue(ListArgs),
    /// Show an item again; the reports so far stop counting.
    Restore(DecideArgs),
    /// Hide an item for good.
    Remove(DecideArgs),
    /// Every report, automatic hiding and decision, newest first.
    Log(ListArgs),
}

/// Flags of `queue` and `log`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// How many to print.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// How many to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

/// Flags of `restore` and `remove`.
#[derive(Debug, clap::Args)]
pub struct DecideArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The article's id, or with `--image` the image as `ARTICLE_ID/N` (N from 0).
    #[arg(value_name = "ID")]
    pub id: String,
    /// The item is an image of an article.
    #[arg(long)]
    pub image: bool,
    /// A note for the audit log.
    #[arg(long)]
    pub note: Option<String>,
    /// Who decides, for the audit log.
    #[arg(long, default_value = "admin (cli)")]
    pub actor: String,
    /// Print JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Listing<'a, T: Serialize> {
    schema: u32,
    limit: usize,
    offset: usize,
    #[serde(rename = "items")]
    entries: &'a [T],
}

#[derive(Serialize)]
struct Decided<'a> {
    schema: u32,
    item: &'a ItemRef,
    status: &'static str,
}

/// Run `marsad admin …`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        match args.command {
            AdminCommand::Queue(list) => queue(list).await,
            AdminCommand::Log(list) => log(list).await,
            AdminCommand::Restore(decide) => decide_on(decide, Decision::Restore).await,
            AdminCommand::Remove(decide) => decide_on(decide, Decision::Remove).await,
        }
    })
}

async fn queue(args: ListArgs) -> anyhow::Result<ExitCode> {
    let store = args.data.open().await?;
    let items = store
        .moderation
        .queue(args.limit, args.offset)
        .await
        .context("read the moderation queue")?;
    print_listing(
        &args,
        &items,
        Some("nothing waits for a decision"),
        |out, entry| {
            writeln!(
                out,
                "{}\t{}\t{}\t{} reporters\t{}\t{}",
                entry.status.as_str(),
                entry.item.kind.as_str(),
                entry.item.id,
                entry.reporters,
                entry.last_reported.format("%Y-%m-%d %H:%M"),
                entry.reasons.join(" | ")
            )
        },
    )
}

async fn log(args: ListArgs) -> anyhow::Result<ExitCode> {
    let store = args.data.open().await?;
    let entries = store
        .moderation
        .audit_log(args.limit, args.offset)
        .await
        .context("read the audit log")?;
    print_listing(&args, &entries, None, |out, e| {
        writeln!(
            out,
            "{}\t{}\t{}\t{} {}\t{}",
            e.seq,
            e.at.format("%Y-%m-%d %H:%M:%S"),
            e.action.as_str(),
            e.item.kind.as_str(),
            e.item.id,
            e.note.as_deref().unwrap_or_default()
        )
    })
}

/// One page of a listing: the versioned JSON object with `--json`, else one line per entry
/// (or `empty` when there is none and it is given).
fn print_listing<T: Serialize>(
    args: &ListArgs,
    entries: &[T],
    empty: Option<&str>,
    line: impl Fn(&mut std::io::StdoutLock<'static>, &T) -> std::io::Result<()>,
) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.json {
        let listing = Listing {
            schema: SCHEMA,
            limit: args.limit,
            offset: args.offset,
            entries,
        };
        serde_json::to_writer(&mut out, &listing).context("write JSON")?;
        writeln!(out).context("write")?;
    } else if let (true, Some(empty)) = (entries.is_empty(), empty) {
        writeln!(out, "{empty}").context("write")?;
    } else {
        for entry in entries {
            line(&mut out, entry).context("write")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn decide_on(args: DecideArgs, decision: Decision) -> anyhow::Result<ExitCode> {
    let kind = if args.image {
        ItemKind::Image
    } else {
        ItemKind::Article
    };
    let id = args.id.trim().to_owned();
    if id.is_empty() {
        anyhow::bail!("an item id is needed");
    }
    if kind == ItemKind::Image
        && !id
            .rsplit_once('/')
            .is_some_and(|(a, n)| !a.is_empty() && n.parse::<usize>().is_ok())
    {
        anyhow::bail!("an image is ARTICLE_ID/N (N from 0), not {id:?}");
    }
    let store = args.data.open().await?;
    let item = ItemRef { kind, id };
    let article = item.article_id().to_owned();
    if store
        .articles
        .get(&article)
        .await
        .context("read the article")?
        .is_none()
    {
        anyhow::bail!("no article {article} in {}", args.data.dir.display());
    }
    let status = store
        .moderation
        .decide(
            &item,
            decision,
            &args.actor,
            args.note.as_deref(),
            Utc::now(),
        )
        .await
        .context("record the decision")?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(
            &mut out,
            &Decided {
                schema: SCHEMA,
                item: &item,
                status: status.as_str(),
            },
        )
        .context("write JSON")?;
        writeln!(out).context("write")?;
    } else {
        writeln!(
            out,
            "{} {}: {}",
            item.kind.as_str(),
            item.id,
            status.as_str()
        )
        .context("write")?;
    }
    Ok(ExitCode::SUCCESS)
}
