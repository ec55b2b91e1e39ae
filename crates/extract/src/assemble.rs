//! The pipeline from blocks to an [`Article`], top to bottom: features, aggregator lines,
//! content values, the body region, the head above it, then each field from the best
//! evidence (structured metadata before visible text, visible text before the URL).

use std::collections::HashSet;

use marsad_text::DateValue;

use crate::block::{Block, Kind};
use crate::boilerplate::key;
use crate::meta::Meta;
use crate::{Article, Extraction, Options, Published};
use crate::{aggregator, body, byline, features, head, language, published, region, title};

/// The least total value of blocks in marked article containers for the marks to be trusted.
const CONTENT_CONTAINER_MIN: f32 = 30.0;

/// How many blocks from the headline a «By X» line may be.
const LEAD_LINE_REACH: usize = 12;

/// Assemble the article of a page's blocks.
pub(crate) fn assemble(blocks: &[Block], meta: &Meta, options: &Options, html: bool) -> Extraction {
    let mut warnings = Vec::new();
    let mut feats = features::features(blocks);
    let (agg_lines, spec) = aggregator::mark(blocks);
    for &i in &agg_lines {
        feats[i].aggregator = true;
    }

    let content_total: f32 = blocks
        .iter()
        .zip(&feats)
        .filter(|(b, _)| b.content)
        .map(|(b, f)| region::value(b, f, false).max(0.0))
        .sum();
    let trust_containers = content_total >= CONTENT_CONTAINER_MIN;
    let mut values = values_of(blocks, &feats, trust_containers);
    let mut run = region::best_run(&values);
    if run.is_none() {
        // A page whose only prose is a teaser cut off with «…» (a paywall, a members-only
        // post) gives that teaser rather than nothing: teasers of whole sentences are
        // read as prose on a second pass. Pages with a body never take this pass.
        let mut changed = false;
        for (b, f) in blocks.iter().zip(feats.iter_mut()) {
            if f.shape.ellipsis && !b.noise && !b.hinted && has_inner_sentence_end(&b.text) {
                f.shape.ellipsis = false;
                f.shape.terminal = true;
                changed = true;
            }
        }
        if changed {
            values = values_of(blocks, &feats, trust_containers);
            run = region::best_run(&values);
        }
    }
    if run.is_none() {
        // A page that renders its article twice (a desktop and a mobile copy, one of them
        // hidden by a style sheet) repeats every paragraph, and repeated lines are read as
        // captions: with no body otherwise, a last pass reads them as prose, once each.
        let mut changed = false;
        for (b, f) in blocks.iter().zip(feats.iter_mut()) {
            if f.repeats >= 2 && b.kind != Kind::Caption && !b.noise && !f.shape.credit {
                f.repeats = 1;
                changed = true;
            }
        }
        if changed {
            values = values_of(blocks, &feats, trust_containers);
            run = region::best_run(&values);
        }
    }
    if let Some(r) = run
        && let Some(at) = description_block(blocks, &feats, meta)
    {
        // The page's own summary names a block outside the chosen run: when the best run
        // through that block does not reach the chosen one either, the chosen run is another
        // text (a longer teaser, a comment) and the article is where the summary points.
        let through = region::best_run_through(&values, at);
        if through.1 < r.0 || through.0 > r.1 {
            run = Some(through);
        }
    }
    let run = run.map(|r| region::trim_start(blocks, &feats, r));
    let start = run.map_or(blocks.len(), |r| r.0);

    let page_url = meta.canonical.as_deref().or(options.url.as_deref());
    let meta_title = title::from_meta(meta, page_url);
    let head = head::read(blocks, &feats, start, meta_title.as_deref(), !html);
    let skip: HashSet<usize> = head
        .title
        .iter()
        .chain(head.subtitle.iter())
        .copied()
        .collect();
    let mut body_skip = skip.clone();
    if let Some(t) = head.title {
        // The headline again further down (a second copy of the article, a sticky header)
        // is no paragraph.
        let headline = &feats[t].key;
        body_skip.extend((0..blocks.len()).filter(|&i| feats[i].key == *headline));
    }
    let run = match run {
        Some(r) if html => {
            let floor = head.title.map_or(0, |t| t + 1);
            Some(region::extend_in_container(
                blocks,
                &values,
                r,
                floor,
                &mut body_skip,
            ))
        }
        r => r,
    };
    // The element that holds most of the body's prose: its other lines are the body's too.
    let main = if html {
        run.and_then(|r| region::main_container(blocks, &values, r))
    } else {
        None
    };
    let run = match (run, main) {
        (Some(r), Some(c)) => {
            let floor = head.title.map_or(0, |t| t + 1);
            let mut stops = body_skip.clone();
            stops.extend(head.bylines.iter().chain(&head.dates).chain(&head.captions));
            Some(region::grow_in_element(
                blocks,
                &feats,
                r,
                c,
                floor,
                &stops,
                &meta.parents,
            ))
        }
        (r, _) => r,
    };
    // A short line inside that element is kept when the body goes on after it (a list of
    // ingredients, a one-line paragraph, a code line); one followed by furniture or by
    // another element's text is a widget's header.
    let in_body = |i: usize| {
        main.is_some_and(|c| {
            let inside = |j: usize| region::within(&meta.parents, blocks[j].container, c);
            inside(i)
                && i + 1 < blocks.len()
                && region::plain(blocks, &feats, i + 1)
                && inside(i + 1)
        })
    };
    let mut body = run
        .map(|(s, e)| body::read(blocks, &feats, &values, s, e, &body_skip, &in_body))
        .unwrap_or_default();
    if let Some(ld) = meta.ld_body.as_deref() {
        // Pages that render their text by script leave it only in JSON-LD.
        let words = |t: &str| t.split_whitespace().count();
        let found: usize = body.paragraphs.iter().map(|p| words(p)).sum();
        if found * 2 < words(ld) {
            body.paragraphs = ld
                .split('\n')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect();
            warnings.push("body taken from JSON-LD articleBody".to_owned());
        }
    }
    if body.paragraphs.is_empty() {
        warnings.push("no body text found".to_owned());
    }
    let found = aggregator::resolve(blocks, &agg_lines, spec, start);

    let title = meta_title.or_else(|| head.title.map(|i| blocks[i].text.clone()));
    if title.is_none() {
        warnings.push("no headline found".to_owned());
    }
    let subtitle = head
        .subtitle
        .map(|i| blocks[i].text.clone())
        .filter(|s| title.as_deref().is_none_or(|t| key(t) != key(s)));

    // Bylines nearest the body first; each field from the first line that has it.
    let mut line = byline::Byline::default();
    for &i in &head.bylines {
        if let Some(b) = byline::parse(&blocks[i].text) {
            line.author = line.author.or(b.author);
            line.dateline = line.dateline.or(b.dateline);
            line.source = line.source.or(b.source);
        }
    }
    let is_site = |name: &str| meta.site_names.iter().any(|s| key(s) == key(name));
    let author = meta
        .authors
        .iter()
        .filter(|a| !is_site(a))
        .find_map(|a| byline::author_from_element(a))
        .or_else(|| {
            meta.bylines
                .iter()
                .filter(|a| !is_site(a))
                .find_map(|a| byline::author_from_element(a))
        })
        .or(line.author)
        .or_else(|| {
            // A «By X» / «von X» line near the headline, out of the head's reach (above the
            // headline, or with a date on the same line).
            let anchor = head.title.unwrap_or(start);
            let near = anchor.saturating_sub(LEAD_LINE_REACH)..(anchor + LEAD_LINE_REACH);
            blocks
                .iter()
                .enumerate()
                .filter(|(i, b)| near.contains(i) && (!b.noise || b.content) && !b.hinted)
                // The headline may start with «Von» («Von Sprachregeln, Gender-Politik …»).
                .filter(|(i, b)| {
                    !skip.contains(i) && title.as_deref().is_none_or(|t| key(t) != key(&b.text))
                })
                .filter_map(|(i, b)| byline::lead_line(&b.text).map(|a| (i.abs_diff(anchor), a)))
                .filter(|(_, a)| !is_site(a))
                .min_by_key(|(distance, _)| *distance)
                .map(|(_, a)| a)
        });
    let source = line
        .source
        .or_else(|| found.aggregator.as_ref().and_then(|a| a.source.clone()))
        .or(found.source_line.clone())
        .or_else(|| meta.site_names.first().cloned());

    let published = choose_published(blocks, meta, &head, &found, options, start);
    if published.is_none() {
        warnings.push("no publication date found".to_owned());
    }

    let mut captions = Vec::new();
    let mut seen = HashSet::new();
    for i in head.captions.iter().chain(&body.captions) {
        let text = &blocks[*i].text;
        if seen.insert(key(text)) {
            captions.push(text.clone());
        }
    }
    let sample: String = body
        .paragraphs
        .iter()
        .take(20)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    let language = language::detect(
        meta.lang.as_deref(),
        if sample.is_empty() {
            title.as_deref().unwrap_or("")
        } else {
            &sample
        },
    );

    let article = Article {
        url: meta.canonical.clone().or_else(|| options.url.clone()),
        title,
        subtitle,
        author,
        dateline: line.dateline,
        source,
        published: published
            .map(|v| Published::from_value(&v))
            .unwrap_or_default(),
        language,
        captions,
        body: body.paragraphs,
        aggregator: found.aggregator,
    };
    Extraction { article, warnings }
}

/// The content value of every block.
fn values_of(blocks: &[Block], feats: &[features::Features], trust_containers: bool) -> Vec<f32> {
    blocks
        .iter()
        .zip(feats)
        .map(|(b, f)| region::value(b, f, trust_containers))
        .collect()
}

/// The fewest words of a page description that can mark a block.
const DESCRIPTION_MIN_WORDS: usize = 8;
/// The most leading words of a description compared with the blocks.
const DESCRIPTION_PREFIX_WORDS: usize = 15;

/// The first block outside furniture that holds the start of one of the page's
/// descriptions, word for word (after [`key`] folding): the leading words, less the last
/// one (descriptions are often cut mid-word), at least [`DESCRIPTION_MIN_WORDS`] of them so
/// that a site's generic tagline does not count.
fn description_block(blocks: &[Block], feats: &[features::Features], meta: &Meta) -> Option<usize> {
    let prefixes: Vec<String> = meta
        .descriptions
        .iter()
        .filter_map(|d| {
            let k = key(d);
            let words: Vec<&str> = k.split(' ').collect();
            let n = words.len().saturating_sub(1).min(DESCRIPTION_PREFIX_WORDS);
            (n >= DESCRIPTION_MIN_WORDS).then(|| words[..n].join(" "))
        })
        .collect();
    if prefixes.is_empty() {
        return None;
    }
    blocks.iter().zip(feats).position(|(b, f)| {
        (!b.noise || b.content) && !b.hinted && prefixes.iter().any(|p| contains_words(&f.key, p))
    })
}

/// Whether the words of `needle` occur in `hay` as a run of whole words (both [`key`]s).
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let end = i + needle.len();
        (i == 0 || hay.as_bytes()[i - 1] == b' ')
            && (end == hay.len() || hay.as_bytes()[end] == b' ')
    })
}

/// Whether a sentence ends inside `text` (not only at its end): «… ein. Die …».
fn has_inner_sentence_end(text: &str) -> bool {
    let t = text.trim_end_matches(['.', '…', ' ']);
    t.contains(". ") || t.contains("! ") || t.contains("? ") || t.contains("؟ ") || t.contains("۔ ")
}

/// The publication date from the best evidence there is.
fn choose_published(
    blocks: &[Block],
    meta: &Meta,
    head: &head::Head,
    found: &aggregator::Found,
    options: &Options,
    start: usize,
) -> Option<DateValue> {
    let mut structured: Vec<&(u8, String)> = meta.published.iter().collect();
    structured.sort_by_key(|(rank, _)| *rank);
    if let Some(v) = structured
        .iter()
        .find_map(|(_, raw)| published::parse_structured(raw))
    {
        return Some(v);
    }
    if let Some(v) = found.published {
        return Some(v);
    }
    let visible: Vec<(DateValue, bool)> = head
        .dates
        .iter()
        .filter_map(|&i| published::visible(&blocks[i].text, options.fetched_at))
        .collect();
    if let Some((v, _)) = visible
        .iter()
        .find(|(_, updated)| !updated)
        .or(visible.first())
    {
        return Some(*v);
    }
    // Elements the markup marks as dates, the nearest to the headline (or the body's start).
    let anchor = head.title.unwrap_or(start);
    if let Some((_, v)) = meta
        .date_texts
        .iter()
        .filter_map(|(at, text)| {
            published::marked(text, options.fetched_at).map(|v| (at.abs_diff(anchor), v))
        })
        .min_by_key(|(distance, _)| *distance)
    {
        return Some(v);
    }
    let url = meta.canonical.as_deref().or(options.url.as_deref());
    if let Some(v) = url.and_then(published::from_url) {
        return Some(v);
    }
    // A date line anywhere outside furniture, the nearest to the headline: many pages put
    // it above the headline or after the body, out of the head's reach.
    // Short lines with a digit only: a date of day precision always has one, and the
    // date parser is not run on every paragraph of a long page.
    let outside_furniture = || {
        blocks.iter().enumerate().filter(|(_, b)| {
            (!b.noise || b.content)
                && !b.hinted
                && b.text.len() <= 400
                && b.text.chars().any(|c| {
                    c.is_ascii_digit()
                        || ('\u{0660}'..='\u{0669}').contains(&c)
                        || ('\u{06F0}'..='\u{06F9}').contains(&c)
                })
        })
    };
    if let Some((_, v)) = outside_furniture()
        .filter_map(|(i, b)| {
            published::visible(&b.text, options.fetched_at).map(|(v, _)| (i.abs_diff(anchor), v))
        })
        .min_by_key(|(distance, _)| *distance)
    {
        return Some(v);
    }
    if let Some((_, v)) = outside_furniture()
        .filter_map(|(i, b)| published::in_short_line(&b.text).map(|v| (i.abs_diff(anchor), v)))
        .min_by_key(|(distance, _)| *distance)
    {
        return Some(v);
    }
    meta.modified
        .iter()
        .find_map(|raw| published::parse_structured(raw))
}
