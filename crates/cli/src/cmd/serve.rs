//! `marsad serve`: the reader and the JSON API on one address.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use marsad_store::Store;

use crate::data::{DataArgs, runtime};

/// Flags of `marsad serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub reader: ReaderArgs,
}

/// The reader's settings: moderation, administration and digits.
#[derive(Debug, Clone, clap::Args)]
pub struct ReaderArgs {
    /// How many distinct readers' reports hide an article or image.
    #[arg(long, env = "MARSAD_REPORT_THRESHOLD", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub report_threshold: u32,
    /// Reports accepted from one IP address per hour.
    #[arg(long, env = "MARSAD_REPORTS_PER_HOUR", default_value_t = 20)]
    pub reports_per_hour: usize,
    /// The administrator's token for /admin and /api/admin (none: no web administration;
    /// `marsad admin` works regardless). Prefer the environment variable to the flag.
    #[arg(long, env = "MARSAD_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// Digits of dates and counts unless a reader chooses otherwise.
    #[arg(long, env = "MARSAD_DIGITS", default_value = "western", value_parser = ["western", "eastern"])]
    pub digits: String,
    /// How long, in milliseconds, a rendered public page or API answer is sent again to the
    /// next readers (0: render every request). Reports and decisions made through this
    /// server show at once; articles another process imports show within this time.
    #[arg(long, env = "MARSAD_PAGE_CACHE_MS", default_value_t = 2000)]
    pub page_cache_ms: u64,
}

impl ReaderArgs {
    /// The web settings, with the signing key of the data folder `dir`.
    pub fn settings(&self, dir: &std::path::Path) -> anyhow::Result<marsad_web::Settings> {
        let key = marsad_web::VisitorKey::load_or_create(dir).context("the web signing key")?;
        let mut settings = marsad_web::Settings::new(key);
        settings.report_threshold = self.report_threshold;
        settings.reports_per_hour = self.reports_per_hour;
        settings.admin_token = self.admin_token.clone().filter(|t| !t.trim().is_empty());
        settings.digits = marsad_web::Digits::parse(&self.digits).unwrap_or_default();
        settings.page_cache = std::time::Duration::from_millis(self.page_cache_ms);
        Ok(settings)
    }
}

/// Run `marsad serve` until Ctrl-C.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = args.data.open().await?;
        let settings = args.reader.settings(&args.data.dir)?;
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listen on {}", args.addr))?;
        serve_with_until_ctrl_c(store, settings, listener).await
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Print the reader's URL and serve with the default settings (a fresh signing key) until
/// Ctrl-C.
pub async fn serve_until_ctrl_c(
    store: Store,
    listener: tokio::net::TcpListener,
) -> anyhow::Result<()> {
    let key = marsad_web::VisitorKey::random().context("the web signing key")?;
    serve_with_until_ctrl_c(store, marsad_web::Settings::new(key), listener).await
}

/// Print the reader's URL and serve with `settings` until Ctrl-C.
pub async fn serve_with_until_ctrl_c(
    store: Store,
    settings: marsad_web::Settings,
    listener: tokio::net::TcpListener,
) -> anyhow::Result<()> {
    let addr = listener.local_addr().context("listening address")?;
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "Marsad reader: http://{addr}/  (Ctrl-C stops)").context("write URL")?;
        out.flush().context("write URL")?;
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let state = marsad_web::AppState::new(store, settings);
    marsad_web::serve_with(state, listener, shutdown)
        .await
        .context("serve")?;
    Ok(())
}
