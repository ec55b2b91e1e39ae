//! `marsad bench corpus --size N --out FILE [--seed S] [--from I] [--per-day D]`: a large, realistic Arabic news
//! stream in the JSON Lines import schema (docs/cli-json.md), made on demand from the real
//! corpora in `../shared/data` and never committed.
//!
//! How an article is made (all choices from one seeded generator per article, so article
//! `i` is the same for a seed whatever `--size` is, and the file is the same bytes every run):
//! - **Pools**: the real articles of ANT v2.1 (5 outlets, 2018), ANT v1.1 (Jawhara FM) and
//!   SaudiNewsNet (14 Saudi outlets, 2015) are read once; each one's paragraphs go into the
//!   pool of its category (Marsad's taxonomy for ANT; one pool per outlet for SaudiNewsNet,
//!   which has no categories). Only the pools are held in memory (~60k real articles), never
//!   the generated stream: the output is written one line at a time.
//! - **Article**: a real article is drawn as the template (its title and first paragraph
//!   kept, its length in paragraphs kept, 1–12); the other paragraphs are drawn from the
//!   template's category pool, so topics stay coherent within an article.
//! - **Entities**: place and organisation names from small gazetteer-like pools written
//!   below are swapped, consistently within an article, for other members of the same pool
//!   wherever they occur as words (one or two clitic letters `و` `ب` `ل` `ف` allowed); in 40 %
//!   of articles one paragraph is attributed to a person with an invented name (first name ×
//!   family name pools) speaking for an organisation of the pool. Invented person names, not
//!   real ones, so no real person is given words they never said.
//! - **Re-reports**: 15 % of articles re-tell one of the previous 200 articles (same template
//!   and paragraph draws, one paragraph dropped, order partly shuffled) from another outlet
//!   a few hours later, as several outlets covering one event do; the clustering sees events.
//! - **Outlet, date, URL**: the outlet is drawn from the real outlets of the three corpora
//!   (weighted by how much each published there); the dates run forward from 2026-01-01 at
//!   `--per-day` articles a day (default 1,000), in stream order with up to ±6 hours of jitter,
//!   at minute precision; the URL is `https://{outlet domain}/{yyyy}/{mm}/{dd}/{n}`; the id is
//!   `b{seed}-{i}`. Authors are invented names in 60 % of articles.

use std::collections::HashMap;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use chrono::{Duration, NaiveDate};
use serde_json::json;

use crate::cmd::train::{Labels, read_ant};

/// Flags of `marsad bench corpus`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many articles to write.
    #[arg(long)]
    size: u64,
    /// Where to write the JSON Lines (`-` for standard output).
    #[arg(long)]
    out: PathBuf,
    /// The generator's seed: the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Articles published a day (the dates of the stream run forward at this rate).
    #[arg(long, default_value_t = 1000)]
    per_day: u32,
    /// Write articles `from..size` only (to continue a stream already imported).
    #[arg(long, default_value_t = 0)]
    from: u64,
    /// The shared data folder (ant-corpus-v2.1, ant-corpus-v1.1, saudinewsnet).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// One JSON object on standard output when done (schema in docs/cli-json.md).
    #[arg(long)]
    json: bool,
}

/// Run `marsad bench corpus`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let pools = Pools::read(&args.data)?;
    eprintln!(
        "bench corpus: {} real articles in {} pools ({:.1} s)",
        pools.templates.len(),
        pools.paragraphs.len(),
        started.elapsed().as_secs_f64()
    );
    let generator = Generator::new(&pools, args.seed, args.per_day);
    let bar = crate::cmd::import::progress_bar(usize::try_from(args.size).unwrap_or(usize::MAX));
    let to_stdout = args.out.as_os_str() == "-";
    let sink: Box<dyn Write> = if to_stdout {
        Box::new(std::io::stdout().lock())
    } else {
        if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("create {}", parent.display()))?;
        }
        Box::new(
            std::fs::File::create(&args.out)
                .with_context(|| format!("create {}", args.out.display()))?,
        )
    };
    let mut out = BufWriter::with_capacity(1 << 20, sink);
    let mut bytes = 0u64;
    if args.from > args.size {
        anyhow::bail!("--from {} is past --size {}", args.from, args.size);
    }
    for i in args.from..args.size {
        let line = serde_json::to_string(&generator.article(i))?;
        bytes += line.len() as u64 + 1;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        if i % 1000 == 999 {
            bar.set_position(i + 1);
        }
    }
    out.flush()?;
    drop(out);
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let report = json!({"schema": 1, "out": args.out.display().to_string(), "size": args.size,
        "from": args.from, "seed": args.seed, "per_day": args.per_day, "bytes": bytes,
        "real_articles": pools.templates.len(), "pools": pools.paragraphs.len(),
        "seconds": seconds});
    if args.json && !to_stdout {
        println!("{report}");
    } else {
        eprintln!(
            "bench corpus: {} articles, {} MB in {seconds:.1} s",
            args.size,
            bytes / 1_000_000
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The real outlets the corpora come from: (name, domain, weight).
pub const OUTLETS: &[(&str, &str, u32)] = &[
    ("سكاي نيوز عربية", "skynewsarabia.com", 6),
    ("العربية", "alarabiya.net", 6),
    ("فرانس 24", "france24.com", 5),
    ("بي بي سي عربي", "bbc.com", 5),
    ("سي إن إن بالعربية", "arabic.cnn.com", 4),
    ("جوهرة أف أم", "jawharafm.net", 4),
    ("الشرق الأوسط", "aawsat.com", 3),
    ("الاقتصادية", "aleqt.com", 3),
    ("الجزيرة", "al-jazirah.com", 3),
    ("المدينة", "al-madina.com", 3),
    ("الرياض", "alriyadh.com", 4),
    ("الوطن", "alwatan.com.sa", 3),
    ("الوئام", "alweeam.com.sa", 2),
    ("اليوم", "alyaum.com", 3),
    ("الرياضي", "arreyadi.com.sa", 2),
    ("عكاظ", "okaz.com.sa", 3),
    ("سبق", "sabq.org", 4),
    ("واس", "spa.gov.sa", 3),
    ("عين اليوم", "3alyoum.com", 2),
];

/// Places swapped for one another (countries and capitals, the ones Arabic news names most).
pub const PLACES: &[&str] = &[
    "مصر",
    "السعودية",
    "الأردن",
    "لبنان",
    "سوريا",
    "العراق",
    "تونس",
    "الجزائر",
    "المغرب",
    "ليبيا",
    "اليمن",
    "قطر",
    "الكويت",
    "الإمارات",
    "البحرين",
    "السودان",
    "تركيا",
    "إيران",
    "روسيا",
    "فرنسا",
    "ألمانيا",
    "بريطانيا",
    "الصين",
    "اليابان",
    "القاهرة",
    "الرياض",
    "بيروت",
    "دمشق",
    "بغداد",
    "الدوحة",
    "دبي",
    "جدة",
    "الخرطوم",
    "صنعاء",
    "أنقرة",
    "طهران",
    "موسكو",
    "باريس",
    "لندن",
    "واشنطن",
    "برلين",
    "بكين",
];

/// Organisations swapped for one another.
pub const ORGS: &[&str] = &[
    "الأمم المتحدة",
    "جامعة الدول العربية",
    "مجلس الأمن",
    "الاتحاد الأوروبي",
    "حلف شمال الأطلسي",
    "صندوق النقد الدولي",
    "البنك الدولي",
    "منظمة الصحة العالمية",
    "مجلس التعاون الخليجي",
    "الاتحاد الأفريقي",
    "منظمة أوبك",
    "الصليب الأحمر",
    "وزارة الخارجية",
    "وزارة الداخلية",
    "وزارة الصحة",
    "البنك المركزي",
];

/// First names of invented people.
pub const FIRST_NAMES: &[&str] = &[
    "محمد",
    "أحمد",
    "خالد",
    "عبدالله",
    "سلمان",
    "يوسف",
    "عمر",
    "علي",
    "حسن",
    "طارق",
    "فيصل",
    "سامي",
    "ناصر",
    "منى",
    "فاطمة",
    "سارة",
    "ليلى",
    "هدى",
    "ريم",
    "نورة",
];

/// Family names of invented people.
pub const FAMILY_NAMES: &[&str] = &[
    "العتيبي",
    "الشمري",
    "الحربي",
    "القحطاني",
    "المصري",
    "التونسي",
    "الحسيني",
    "الخطيب",
    "النجار",
    "الزهراني",
    "البدوي",
    "السيد",
    "الدوسري",
    "الكبيسي",
    "الطرابلسي",
    "حداد",
];

/// Roles a quoted person speaks in.
const ROLES: &[&str] = &[
    "المتحدث باسم",
    "مدير الإعلام في",
    "المسؤول في",
    "المستشار لدى",
];

/// One real article kept as a template.
struct Template {
    pool: usize,
    title: String,
    first: usize,
    paragraphs: usize,
}

/// The real text the stream is made of.
pub struct Pools {
    /// Paragraphs of each pool (category or outlet).
    paragraphs: Vec<Vec<String>>,
    /// Pool names, for the report.
    names: Vec<String>,
    templates: Vec<Template>,
}

impl Pools {
    /// Read the three corpora under `data` (each skipped with a message when absent).
    pub fn read(data: &Path) -> anyhow::Result<Pools> {
        let mut pools = Pools {
            paragraphs: Vec::new(),
            names: Vec::new(),
            templates: Vec::new(),
        };
        let mut index: HashMap<String, usize> = HashMap::new();
        let v2 = data.join("ant-corpus-v2.1/ant-v2.1.tar.xz");
        let mut ant_dirs = Vec::new();
        match super::category::v2_folder(&v2)? {
            Some(dir) => ant_dirs.push(dir),
            None => eprintln!("bench corpus: no {}; skipping it", v2.display()),
        }
        let v1 = data.join("ant-corpus-v1.1");
        if v1.is_dir() {
            ant_dirs.push(v1);
        } else {
            eprintln!("bench corpus: no {}; skipping it", v1.display());
        }
        for dir in &ant_dirs {
            for a in read_ant(std::slice::from_ref(dir), Labels::Taxonomy)? {
                let Some(label) = a.labels.first() else {
                    continue;
                };
                pools.add(&mut index, label, a.title, a.body);
            }
        }
        let snn = data.join("saudinewsnet/dataset");
        if snn.is_dir() {
            read_saudinewsnet(&snn, |outlet, title, body| {
                pools.add(&mut index, &format!("snn:{outlet}"), title, body);
            })?;
        } else {
            eprintln!("bench corpus: no {}; skipping it", snn.display());
        }
        if pools.templates.is_empty() {
            anyhow::bail!(
                "no real articles under {} (ant-corpus-v2.1, ant-corpus-v1.1, saudinewsnet)",
                data.display()
            );
        }
        Ok(pools)
    }

    fn add(
        &mut self,
        index: &mut HashMap<String, usize>,
        pool: &str,
        title: Option<String>,
        body: Vec<String>,
    ) {
        let body: Vec<String> = body
            .into_iter()
            .map(|p| p.trim().to_owned())
            .filter(|p| p.chars().count() >= 20)
            .collect();
        let Some(title) = title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) else {
            return;
        };
        if body.is_empty() {
            return;
        }
        let n = *index.entry(pool.to_owned()).or_insert_with(|| {
            self.paragraphs.push(Vec::new());
            self.names.push(pool.to_owned());
            self.paragraphs.len() - 1
        });
        let first = self.paragraphs[n].len();
        let paragraphs = body.len().clamp(1, 12);
        self.paragraphs[n].extend(body);
        self.templates.push(Template {
            pool: n,
            title,
            first,
            paragraphs,
        });
    }
}

/// Every article of the SaudiNewsNet dumps (`YYYY-MM-DD.zip`, one JSON array each), in file
/// order: (outlet id, title, paragraphs).
fn read_saudinewsnet(
    dir: &Path,
    mut each: impl FnMut(&str, Option<String>, Vec<String>),
) -> anyhow::Result<()> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    files.sort();
    for file in files {
        let open =
            std::fs::File::open(&file).with_context(|| format!("open {}", file.display()))?;
        let mut archive =
            zip::ZipArchive::new(open).with_context(|| format!("{}: not a zip", file.display()))?;
        for n in 0..archive.len() {
            let entry = archive
                .by_index(n)
                .with_context(|| format!("{}: entry {n}", file.display()))?;
            if !entry.name().is_ok_and(|n| n.ends_with(".json")) {
                continue;
            }
            let articles: Vec<serde_json::Value> =
                serde_json::from_reader(std::io::BufReader::new(entry))
                    .with_context(|| format!("parse {}", file.display()))?;
            for a in articles {
                let outlet = a["source"].as_str().unwrap_or("unknown");
                let title = a["title"].as_str().map(str::to_owned);
                let body = a["content"]
                    .as_str()
                    .unwrap_or("")
                    .lines()
                    .map(str::to_owned)
                    .collect();
                each(outlet, title, body);
            }
        }
    }
    Ok(())
}

/// What article `i` is made of, before its text is put together.
struct Plan {
    template: usize,
    /// (pool, paragraph) draws after the template's first paragraph.
    draws: Vec<usize>,
    /// Entity swaps: (pool of names, from → to) as indexes into the name pools.
    place_shift: usize,
    org_shift: usize,
    /// The quoted person (first, family, role, org) and the paragraph they speak in.
    speaker: Option<(usize, usize, usize, usize, usize)>,
}

/// Makes article `i` of the stream for a seed.
pub struct Generator<'a> {
    pools: &'a Pools,
    seed: u64,
    per_day: u32,
    outlet_weights: u32,
}

impl<'a> Generator<'a> {
    /// A generator of a stream of `per_day` articles a day.
    pub fn new(pools: &'a Pools, seed: u64, per_day: u32) -> Self {
        Generator {
            pools,
            seed,
            per_day: per_day.max(1),
            outlet_weights: OUTLETS.iter().map(|o| o.2).sum(),
        }
    }

    fn rng(&self, i: u64, salt: u64) -> fastrand::Rng {
        fastrand::Rng::with_seed(
            self.seed
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(i.wrapping_mul(0xD1B5_4A32_D192_ED03))
                .wrapping_add(salt),
        )
    }

    fn plan(&self, i: u64) -> Plan {
        let mut rng = self.rng(i, 1);
        let template = rng.usize(..self.pools.templates.len());
        let t = &self.pools.templates[template];
        let pool_len = self.pools.paragraphs[t.pool].len();
        let draws = (1..t.paragraphs).map(|_| rng.usize(..pool_len)).collect();
        let speaker = (rng.u8(..10) < 4).then(|| {
            (
                rng.usize(..FIRST_NAMES.len()),
                rng.usize(..FAMILY_NAMES.len()),
                rng.usize(..ROLES.len()),
                rng.usize(..ORGS.len()),
                rng.usize(..t.paragraphs),
            )
        });
        Plan {
            template,
            draws,
            place_shift: rng.usize(1..PLACES.len()),
            org_shift: rng.usize(1..ORGS.len()),
            speaker,
        }
    }

    /// Article `i` as one JSON object of the import schema.
    pub fn article(&self, i: u64) -> serde_json::Value {
        let mut rng = self.rng(i, 2);
        // A re-report tells an earlier article's story again.
        let source_of_story = if i > 0 && rng.u8(..100) < 15 {
            i - 1 - rng.u64(..i.min(200))
        } else {
            i
        };
        let plan = self.plan(source_of_story);
        let t = &self.pools.templates[plan.template];
        let pool = &self.pools.paragraphs[t.pool];
        let mut body: Vec<String> = std::iter::once(t.first)
            .chain(plan.draws.iter().copied())
            .map(|n| swap_entities(&pool[n], plan.place_shift, plan.org_shift))
            .collect();
        if let Some((first, family, role, org, at)) = plan.speaker
            && let Some(p) = body.get_mut(at)
        {
            *p = format!(
                "وقال {} {} {} {}: {p}",
                FIRST_NAMES[first], FAMILY_NAMES[family], ROLES[role], ORGS[org]
            );
        }
        if source_of_story != i {
            if body.len() > 2 {
                body.remove(1 + rng.usize(..body.len() - 1));
            }
            if body.len() > 2 {
                let a = 1 + rng.usize(..body.len() - 1);
                let b = 1 + rng.usize(..body.len() - 1);
                body.swap(a, b);
            }
        }
        let title = swap_entities(&t.title, plan.place_shift, plan.org_shift);
        let pick = rng.u32(..self.outlet_weights);
        let (outlet, domain) = weighted_outlet(pick);
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        let at = i64::try_from(source_of_story)
            .unwrap_or(i64::MAX / 2)
            .saturating_mul(24 * 60)
            / i64::from(self.per_day);
        let jitter = if source_of_story == i {
            rng.i64(-360..=360)
        } else {
            rng.i64(30..=600)
        };
        let when = start.and_hms_opt(0, 0, 0).unwrap_or_default()
            + Duration::minutes((at + jitter).max(0));
        let author = (rng.u8(..10) < 6).then(|| {
            format!(
                "{} {}",
                FIRST_NAMES[rng.usize(..FIRST_NAMES.len())],
                FAMILY_NAMES[rng.usize(..FAMILY_NAMES.len())]
            )
        });
        json!({
            "id": format!("b{}-{i}", self.seed),
            "url": format!("https://{domain}/{}/{i}", when.format("%Y/%m/%d")),
            "source": outlet,
            "title": title,
            "author": author,
            "published": when.format("%Y-%m-%dT%H:%M").to_string(),
            "body": body,
        })
    }
}

fn weighted_outlet(mut pick: u32) -> (&'static str, &'static str) {
    for &(name, domain, weight) in OUTLETS {
        if pick < weight {
            return (name, domain);
        }
        pick -= weight;
    }
    (OUTLETS[0].0, OUTLETS[0].1)
}

/// `text` with every pool place (org) replaced by the one `shift` places (orgs) further
/// along its pool, wherever it stands as a word (one or two clitic letters before it allowed).
fn swap_entities(text: &str, place_shift: usize, org_shift: usize) -> String {
    let text = swap_pool(text, ORGS, org_shift);
    swap_pool(&text, PLACES, place_shift)
}

fn swap_pool(text: &str, pool: &[&str], shift: usize) -> String {
    if !pool.iter().any(|name| text.contains(name)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    'outer: while !rest.is_empty() {
        for (n, name) in pool.iter().enumerate() {
            if rest.starts_with(name) && at_word_start(&out) && word_ends(&rest[name.len()..]) {
                out.push_str(pool[(n + shift) % pool.len()]);
                rest = &rest[name.len()..];
                continue 'outer;
            }
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Whether a word may start after `before`: at a non-letter, or after one or two clitic
/// letters that themselves start a word.
fn at_word_start(before: &str) -> bool {
    let mut back = before.chars().rev();
    for _ in 0..3 {
        match back.next() {
            None => return true,
            Some(c) if !c.is_alphanumeric() => return true,
            Some('و' | 'ب' | 'ل' | 'ف') => {}
            Some(_) => return false,
        }
    }
    false
}

fn word_ends(after: &str) -> bool {
    after.chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// The first `limit` articles of a corpus file, parsed (for query sets and PostgreSQL).
pub fn read_lines(
    path: &Path,
    limit: usize,
    mut each: impl FnMut(serde_json::Value) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let file = std::fs::File::open(path).with_context(|| format!("open {}", path.display()))?;
    let mut n = 0;
    for line in std::io::BufReader::with_capacity(1 << 20, file).lines() {
        if n >= limit {
            break;
        }
        let line = line.with_context(|| format!("read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        each(value)?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pools() -> Pools {
        let mut pools = Pools {
            paragraphs: Vec::new(),
            names: Vec::new(),
            templates: Vec::new(),
        };
        let mut index = HashMap::new();
        for n in 0..5 {
            pools.add(
                &mut index,
                if n % 2 == 0 { "politics" } else { "sport" },
                Some(format!("عنوان رقم {n} عن مصر")),
                (0..4)
                    .map(|p| format!("فقرة {p} من المقال {n} تتحدث عن لبنان والأمم المتحدة"))
                    .collect(),
            );
        }
        pools
    }

    #[test]
    fn same_seed_same_articles_other_seed_other() {
        let p = pools();
        let a = Generator::new(&p, 7, 10);
        let b = Generator::new(&p, 7, 10);
        let c = Generator::new(&p, 8, 10);
        for i in 0..100 {
            assert_eq!(a.article(i), b.article(i));
        }
        assert!((0..100).any(|i| a.article(i)["body"] != c.article(i)["body"]));
    }

    #[test]
    fn articles_parse_as_import_records() {
        let p = pools();
        let g = Generator::new(&p, 1, 10);
        for i in 0..50 {
            let line = g.article(i).to_string();
            let record: marsad_ingest::JsonlArticle = serde_json::from_str(&line).unwrap();
            let (id, article) = record.into_article().unwrap();
            assert_eq!(id, format!("b1-{i}"));
            assert!(!article.body.is_empty());
            assert!(article.published.published.is_some());
        }
    }

    #[test]
    fn dates_run_forward_over_the_span() {
        let p = pools();
        let g = Generator::new(&p, 1, 100);
        let first = g.article(0)["published"].as_str().unwrap().to_owned();
        let last = g.article(999)["published"].as_str().unwrap().to_owned();
        assert!(first.starts_with("2026-01-01"), "{first}");
        assert!(last.starts_with("2026-01-1"), "{last}");
        assert!(first < last);
    }

    #[test]
    fn swaps_whole_words_only() {
        assert_eq!(
            swap_pool("زار مصر وبمصر", PLACES, 1),
            "زار السعودية وبالسعودية"
        );
        // «مصرف» is not «مصر».
        assert_eq!(swap_pool("مصرف مصري", PLACES, 1), "مصرف مصري");
    }
}
