//! [`SearchIndex`] on tantivy, with the Arabic analyzer of `analyzer.rs`.
//!
//! Each article is one document: its id, the title and body as normalised words (with
//! positions, for phrases) and as stems, and its facets. Only the id is stored: SQLite is the
//! source of truth and the index can be rebuilt from it. Snippets are cut from the bodies the
//! caller reads from the store anyway ([`SearchIndex::snippets`]), so the index does not keep
//! a second copy of every body (it was more than half of the index, and of the index pages a
//! serving process kept in memory). The writer
//! is created on the first write, so a process that only reads (the web server) never takes
//! the writer lock another process (an import) may hold; readers follow commits on disk.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TantivyDocument, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Executor, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, Term};

use crate::analyzer::{self, ArabicTokenizer, Mode};
use crate::faceted::SnippetPart;
use crate::query_text::{self, Part};
use crate::tantivy_facet_tally::FacetTables;
use crate::{Error, SearchHit, SearchIndex, SearchQuery, SearchResults, StoredArticle};

/// The file beside the index that records which analyzer built it (see
/// [`analyzer::fingerprint`]).
const MARKER_FILE: &str = "marsad-analyzer.txt";
/// The marker's first line: bump it when the schema or document layout changes.
const MARKER_FORMAT: &str = "marsad-index 3";
/// How long a snippet is, in characters.
const SNIPPET_CHARS: usize = 220;
/// The most threads one query's segments are searched on.
const SEARCH_THREADS: usize = 4;

/// Relative weights of the fields: a title match counts more, an exact form more than a stem.
const BOOST_TITLE_NORM: f32 = 3.0;
const BOOST_TITLE_STEM: f32 = 2.0;
const BOOST_BODY_NORM: f32 = 1.5;
const BOOST_BODY_STEM: f32 = 1.0;

/// How the index was found when opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexState {
    /// An index built by this analyzer was there.
    Current,
    /// There was no index: a new, empty one was made.
    Created,
    /// The index was built by another analyzer or schema: it was emptied and needs a rebuild.
    Reset,
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) id: Field,
    pub(crate) title_norm: Field,
    pub(crate) title_stem: Field,
    pub(crate) body_norm: Field,
    pub(crate) body_stem: Field,
    /// The outlet, as a facet `/{source}` (filter and counts).
    pub(crate) source: Field,
    /// The category, as a facet `/{category}`.
    pub(crate) category: Field,
    /// The month of publication, as a facet `/{YYYY-MM}`.
    pub(crate) month: Field,
    /// The day of publication, days since 1970-01-01 (date-range filter).
    pub(crate) day: Field,
    /// Publication (else import) time in seconds (date order).
    pub(crate) time: Field,
}

impl Fields {
    fn schema() -> (Schema, Fields) {
        let text = |mode: Mode| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(mode.tokenizer_name())
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        let mut builder = Schema::builder();
        let fields = Fields {
            id: builder.add_text_field("id", STRING | STORED),
            title_norm: builder.add_text_field("title_norm", text(Mode::Norm)),
            title_stem: builder.add_text_field("title_stem", text(Mode::Stem)),
            body_norm: builder.add_text_field("body_norm", text(Mode::Norm)),
            body_stem: builder.add_text_field("body_stem", text(Mode::Stem)),
            source: builder.add_facet_field("source", FacetOptions::default()),
            category: builder.add_facet_field("category", FacetOptions::default()),
            month: builder.add_facet_field("month", FacetOptions::default()),
            day: builder.add_i64_field("day", INDEXED | FAST),
            time: builder.add_i64_field("time", FAST),
        };
        (builder.build(), fields)
    }
}

/// A tantivy index in a folder.
pub struct TantivyIndex {
    index: Index,
    pub(crate) reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    pub(crate) fields: Fields,
    path: PathBuf,
    writer_heap_bytes: usize,
    /// Searches running now (see [`TantivyIndex::run_search`]).
    in_flight: AtomicUsize,
    single_thread: Executor,
    /// Each segment's facet ordinals, kept by the reader's warmer (see `tantivy_facet_tally`).
    pub(crate) facet_tables: Arc<FacetTables>,
}

/// A search counted in [`TantivyIndex`]'s `in_flight` while it lives.
struct InFlight<'a> {
    count: &'a AtomicUsize,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.count.fetch_sub(1, Ordering::AcqRel);
    }
}

impl std::fmt::Debug for TantivyIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TantivyIndex")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl TantivyIndex {
    /// Open the index in `dir`, creating it if missing and emptying it if another analyzer or
    /// schema built it. `writer_heap_bytes` is the indexing memory budget (at least 15 MB per
    /// indexing thread; 50 MB is a good default).
    pub fn open(dir: &Path, writer_heap_bytes: usize) -> Result<(TantivyIndex, IndexState), Error> {
        std::fs::create_dir_all(dir).map_err(|source| Error::DataDir {
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, fields) = Fields::schema();
        let marker_path = dir.join(MARKER_FILE);
        let marker = format!("{MARKER_FORMAT}\n{}\n", analyzer::fingerprint());
        let open_err = |source| Error::IndexOpen {
            path: dir.to_path_buf(),
            source,
        };
        let directory = || MmapDirectory::open(dir).map_err(|e| open_err(e.into()));
        let exists = Index::exists(&directory()?).map_err(|e| open_err(e.into()))?;
        let (mut index, state) = if exists {
            let current = match std::fs::read_to_string(&marker_path) {
                Ok(found) => found == marker,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => false,
                Err(source) => {
                    return Err(Error::IndexMarker {
                        path: marker_path,
                        source,
                    });
                }
            };
            // An index that does not open (damaged) is rebuilt like a stale one: it is derived.
            let opened = Index::open(directory()?)
                .ok()
                .filter(|i| current && i.schema() == schema);
            if let Some(opened) = opened {
                (opened, IndexState::Current)
            } else {
                empty_dir(dir)?;
                (
                    Index::create(directory()?, schema, Default::default()).map_err(open_err)?,
                    IndexState::Reset,
                )
            }
        } else {
            (
                Index::create(directory()?, schema, Default::default()).map_err(open_err)?,
                IndexState::Created,
            )
        };
        if state != IndexState::Current {
            std::fs::write(&marker_path, &marker).map_err(|source| Error::IndexMarker {
                path: marker_path,
                source,
            })?;
        }
        for mode in [Mode::Norm, Mode::Stem] {
            index
                .tokenizers()
                .register(mode.tokenizer_name(), ArabicTokenizer::new(mode));
        }
        // A query's segments are searched on every core: a lone query's latency falls with the
        // cores it can use (under full load the cores are busy anyway and the total work is
        // the same).
        let threads =
            std::thread::available_parallelism().map_or(1, |n| n.get().min(SEARCH_THREADS));
        if threads > 1 {
            index.set_multithread_executor(threads).map_err(open_err)?;
        }
        let facet_tables = Arc::new(FacetTables::default());
        let warmer: std::sync::Weak<dyn tantivy::Warmer> = Arc::downgrade(&facet_tables) as _;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![warmer])
            .try_into()
            .map_err(open_err)?;
        let index = TantivyIndex {
            index,
            reader,
            writer: Mutex::new(None),
            fields,
            path: dir.to_path_buf(),
            writer_heap_bytes,
            in_flight: AtomicUsize::new(0),
            single_thread: Executor::single_thread(),
            facet_tables,
        };
        Ok((index, state))
    }

    /// The index folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Drop the index writer, if one was created, releasing the writer lock so another process
    /// can write; the next write creates it again. Changes not yet committed are discarded.
    pub fn release_writer(&self) -> Result<(), Error> {
        let writer = self
            .writer
            .lock()
            .map_err(|_| Error::Poisoned {
                what: "index writer",
            })?
            .take();
        drop(writer);
        Ok(())
    }

    /// Run `f` with the writer, creating it (and taking the writer lock) on first use.
    fn with_writer<T>(
        &self,
        f: impl FnOnce(&mut IndexWriter) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut guard = self.writer.lock().map_err(|_| Error::Poisoned {
            what: "index writer",
        })?;
        let writer = match guard.take() {
            Some(writer) => writer,
            None => self
                .index
                .writer(self.writer_heap_bytes)
                .map_err(|source| match source {
                    tantivy::TantivyError::LockFailure(..) => Error::IndexLocked {
                        path: self.path.clone(),
                    },
                    source => Error::Index {
                        action: "create the writer".into(),
                        source,
                    },
                })?,
        };
        f(guard.insert(writer))
    }

    fn id_term(&self, id: &str) -> Term {
        Term::from_field_text(self.fields.id, id)
    }

    /// The query for the user's text, or `None` when it has no searchable word.
    pub(crate) fn build_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for part in query_text::parse(text) {
            match part {
                Part::Words(words) => clauses.extend(self.word_clauses(words)),
                Part::Phrase(phrase) => {
                    clauses.extend(self.phrase_clause(phrase).map(|q| (Occur::Must, q)))
                }
            }
        }
        if clauses.is_empty() {
            None
        } else {
            Some(Box::new(BooleanQuery::new(clauses)))
        }
    }

    /// One required clause per word: the word in any field, exact or stemmed. Stop words are
    /// dropped, unless the words are all stop words.
    fn word_clauses(&self, words: &str) -> Vec<(Occur, Box<dyn Query>)> {
        let norm = analyzer::analyze(words, Mode::Norm);
        let stem = analyzer::analyze(words, Mode::Stem);
        let only_stop_words = stem.is_empty();
        norm.iter()
            .filter_map(|n| {
                let s = stem.iter().find(|s| s.position == n.position);
                if s.is_none() && !only_stop_words {
                    return None;
                }
                let f = &self.fields;
                let norms = [
                    boosted(term_query(f.title_norm, &n.text), BOOST_TITLE_NORM),
                    boosted(term_query(f.body_norm, &n.text), BOOST_BODY_NORM),
                ];
                let stems = s.map(|s| {
                    [
                        boosted(term_query(f.title_stem, &s.text), BOOST_TITLE_STEM),
                        boosted(term_query(f.body_stem, &s.text), BOOST_BODY_STEM),
                    ]
                });
                Some((Occur::Must, required_with_bonus(stems, norms)))
            })
            .collect()
    }

    /// The phrase in title or body, as written (normalised) or by stems (so «"المغرب اليوم"»
    /// finds «بالمغرب اليوم»); a one-word phrase is that word, exact.
    fn phrase_clause(&self, phrase: &str) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let norm = analyzer::analyze(phrase, Mode::Norm);
        let stem = analyzer::analyze(phrase, Mode::Stem);
        let query = |field, terms: &[analyzer::Term], boost| -> Option<Box<dyn Query>> {
            let query: Box<dyn Query> = match terms {
                [] => return None,
                [one] => term_query(field, &one.text),
                many => {
                    let first = many[0].position;
                    let with_offsets = many
                        .iter()
                        .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
                        .collect();
                    Box::new(PhraseQuery::new_with_offset(with_offsets))
                }
            };
            Some(boosted(query, boost))
        };
        let norms = query(f.title_norm, &norm, BOOST_TITLE_NORM)
            .zip(query(f.body_norm, &norm, BOOST_BODY_NORM))
            .map(|(title, body)| [title, body]);
        let stems = query(f.title_stem, &stem, BOOST_TITLE_STEM)
            .zip(query(f.body_stem, &stem, BOOST_BODY_STEM))
            .map(|(title, body)| [title, body]);
        match (stems, norms) {
            (stems, Some(norms)) => Some(required_with_bonus(stems, norms)),
            (Some([title, body]), None) => Some(Box::new(BooleanQuery::new(vec![
                (Occur::Should, title),
                (Occur::Should, body),
            ]))),
            (None, None) => None,
        }
    }

    /// `searcher.search(query, collector)`, its segments searched on the thread pool when it
    /// is the only search running (a lone query's latency falls with the cores it uses), else
    /// on the calling thread (under load every core is busy with its own query, and handing
    /// segments to the pool only adds thread switches).
    pub(crate) fn run_search<C: Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        collector: &C,
    ) -> tantivy::Result<C::Fruit> {
        let before = self.in_flight.fetch_add(1, Ordering::AcqRel);
        let _in_flight = InFlight {
            count: &self.in_flight,
        };
        let executor = if before == 0 {
            self.index.search_executor()
        } else {
            &self.single_thread
        };
        let scoring = if collector.requires_scoring() {
            EnableScoring::enabled_from_searcher(searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        searcher.search_with_executor(query, collector, executor, scoring)
    }

    pub(crate) fn index_error(action: &str) -> impl FnOnce(tantivy::TantivyError) -> Error + '_ {
        move |source| Error::Index {
            action: action.to_owned(),
            source,
        }
    }
}

impl SearchIndex for TantivyIndex {
    fn upsert(&self, stored: &StoredArticle) -> Result<(), Error> {
        let f = self.fields;
        let a = &stored.article;
        let title = a.title.as_deref().unwrap_or_default();
        // What is searched as body: the standfirst, the paragraphs and the captions.
        let capacity = a.body.iter().map(|p| p.len() + 1).sum::<usize>() + 256;
        let mut searched = String::with_capacity(capacity);
        for piece in a
            .subtitle
            .iter()
            .chain(a.body.iter())
            .chain(a.captions.iter())
        {
            searched.push_str(piece);
            searched.push('\n');
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &stored.id);
        // Each text read once for both of its fields; the fields keep their tokenizers,
        // which read queries and give the same terms.
        let [title_norm, title_stem] = analyzer::pre_tokenized(title);
        let [body_norm, body_stem] = analyzer::pre_tokenized(&searched);
        doc.add_pre_tokenized_text(f.title_norm, title_norm);
        doc.add_pre_tokenized_text(f.title_stem, title_stem);
        doc.add_pre_tokenized_text(f.body_norm, body_norm);
        doc.add_pre_tokenized_text(f.body_stem, body_stem);
        let facets = crate::tantivy_facets::FacetValues::of(stored);
        if let Some(source) = &facets.source {
            doc.add_facet(f.source, Facet::from_path([source]));
        }
        if let Some(category) = &facets.category {
            doc.add_facet(f.category, Facet::from_path([category]));
        }
        if let Some(day) = facets.day {
            doc.add_i64(f.day, day);
            doc.add_facet(f.month, Facet::from_path([facets.month()]));
        }
        doc.add_i64(f.time, facets.time);
        let id_term = self.id_term(&stored.id);
        self.with_writer(|writer| {
            writer.delete_term(id_term);
            writer
                .add_document(doc)
                .map(drop)
                .map_err(Self::index_error(&format!("add article {}", stored.id)))
        })
    }

    fn commit(&self) -> Result<(), Error> {
        let committed = self.with_writer(|writer| {
            writer
                .commit()
                .map(drop)
                .map_err(Self::index_error("commit"))
        });
        if committed.is_err() {
            // A failed commit leaves the writer unusable: drop it so the next write starts afresh.
            if let Ok(mut guard) = self.writer.lock() {
                *guard = None;
            }
        }
        committed?;
        self.reader
            .reload()
            .map_err(Self::index_error("reload the reader after commit"))
    }

    fn search(&self, query: &SearchQuery) -> Result<SearchResults, Error> {
        let Some(built) = self.build_query(&query.text) else {
            return Ok(SearchResults::default());
        };
        let searcher = self.reader.searcher();
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        // Bounded by the index size: the collector allocates `limit + offset` slots.
        let limit = query.limit.min(docs);
        if limit == 0 || query.offset >= docs {
            let total = self
                .run_search(&searcher, &*built, &Count)
                .map_err(Self::index_error("count matches"))?;
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
            });
        }
        let top = TopDocs::with_limit(limit)
            .and_offset(query.offset)
            .order_by_score();
        let (total, top) = self
            .run_search(&searcher, &*built, &(Count, top))
            .map_err(Self::index_error("search"))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher
                .doc(address)
                .map_err(Self::index_error("read a hit"))?;
            hits.push(SearchHit {
                id: stored_id(&doc, self.fields.id),
                score,
                snippet: String::new(),
            });
        }
        Ok(SearchResults { total, hits })
    }

    fn delete(&self, id: &str) -> Result<(), Error> {
        let term = self.id_term(id);
        self.with_writer(|writer| {
            writer.delete_term(term);
            Ok(())
        })
    }

    fn clear(&self) -> Result<(), Error> {
        self.with_writer(|writer| {
            writer
                .delete_all_documents()
                .map(drop)
                .map_err(Self::index_error("clear"))
        })
    }

    fn count(&self) -> Result<u64, Error> {
        Ok(self.reader.searcher().num_docs())
    }

    fn generation(&self) -> Option<u64> {
        Some(self.reader.searcher().generation().generation_id())
    }

    fn search_faceted(
        &self,
        query: &crate::faceted::FacetedQuery,
    ) -> Result<crate::faceted::FacetedResults, Error> {
        crate::tantivy_facets::search(self, query)
    }

    fn snippets(
        &self,
        text: &str,
        bodies: &[&str],
    ) -> Result<Option<Vec<Vec<SnippetPart>>>, Error> {
        let searcher = self.reader.searcher();
        let generator = match self.build_query(text) {
            Some(built) if !bodies.is_empty() => {
                body_snippet_generator(&searcher, &*built, &self.fields)?
            }
            _ => None,
        };
        Ok(Some(
            bodies
                .iter()
                .map(|body| crate::tantivy_facets::snippet_parts(generator.as_ref(), body))
                .collect(),
        ))
    }
}

/// The snippet generator of a query's body matches: by stems, or by exact forms for a query
/// without stems (stop words only). When stems exist they are required, and an exact form
/// stands where its stem does, so the exact forms would find no other place.
pub(crate) fn body_snippet_generator(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    fields: &Fields,
) -> Result<Option<SnippetGenerator>, Error> {
    Ok(
        match snippet_generator(searcher, query, fields.body_stem, Mode::Stem)? {
            Some(stems) => Some(stems),
            None => snippet_generator(searcher, query, fields.body_norm, Mode::Norm)?,
        },
    )
}

/// A snippet generator for the terms `query` looks up in `field` (analysed in `mode`), each
/// weighted as tantivy's own `SnippetGenerator::create` weights it (rarer terms count more),
/// with the [`SnippetTokenizer`](analyzer::SnippetTokenizer) of those terms.
pub(crate) fn snippet_generator(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    field: Field,
    mode: Mode,
) -> Result<Option<SnippetGenerator>, Error> {
    let mut terms: std::collections::BTreeSet<&Term> = std::collections::BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term);
        }
    });
    let mut weights = std::collections::BTreeMap::new();
    for term in terms {
        let value = term.value();
        let Some(text) = value.as_str() else {
            continue;
        };
        let docs = searcher
            .doc_freq(term)
            .map_err(TantivyIndex::index_error("prepare snippets"))?;
        if docs > 0 {
            weights.insert(text.to_owned(), 1.0 / (1.0 + docs as f32));
        }
    }
    if weights.is_empty() {
        return Ok(None);
    }
    let tokenizer = analyzer::SnippetTokenizer::new(mode, weights.keys().cloned());
    Ok(Some(SnippetGenerator::new(
        weights,
        tantivy::tokenizer::TextAnalyzer::from(tokenizer),
        field,
        SNIPPET_CHARS,
    )))
}

/// The windows of a body's lead searched for a snippet, in characters, before the whole
/// body: the first paragraph or two, then the lead.
const SNIPPET_WINDOWS: [usize; 2] = [600, 2_000];

/// The best fragment of `body` in the first of its leading windows ([`SNIPPET_WINDOWS`])
/// that holds one, else in the whole body. News puts its subject in the lead, so most hits
/// are served from its first lines, and a long body is walked only when its lead does not
/// hold the query (a match in the title only, or deep in the text). Each window is walked
/// word by word, so the small first one keeps a page of twenty hits cheap.
pub(crate) fn best_snippet(
    generator: Option<&SnippetGenerator>,
    body: &str,
) -> Option<tantivy::snippet::Snippet> {
    let generator = generator?;
    let found =
        |text: &str| Some(generator.snippet(text)).filter(|s| !s.fragment().trim().is_empty());
    let mut searched = 0;
    for chars in SNIPPET_WINDOWS {
        let window = leading(body, chars);
        if window.len() > searched
            && let Some(snippet) = found(window)
        {
            return Some(snippet);
        }
        searched = searched.max(window.len());
    }
    if searched < body.len() {
        found(body)
    } else {
        None
    }
}

/// The start of `text`, at most `max_chars` characters, cut at a space when there is one.
pub(crate) fn leading(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        None => text,
        Some((cut, _)) => {
            let head = &text[..cut];
            head.rfind(char::is_whitespace)
                .map_or(head, |space| &head[..space])
        }
    }
}

/// A word or phrase matched by stems in title or body, scored by every form that matches.
///
/// The exact (normalised) forms only add to the score when stems exist: a text holding the
/// normalised form at some place holds its stem there too (the stem field is the same words,
/// stemmed, stop words dropped at their positions), so requiring either stem clause matches
/// the same articles as requiring any of the four, and the exact clauses are only looked up
/// for those articles instead of being merged with them. With no stems (a query of stop
/// words only) the exact forms are required.
fn required_with_bonus(
    stems: Option<[Box<dyn Query>; 2]>,
    norms: [Box<dyn Query>; 2],
) -> Box<dyn Query> {
    let [title_norm, body_norm] = norms;
    match stems {
        None => Box::new(BooleanQuery::new(vec![
            (Occur::Should, title_norm),
            (Occur::Should, body_norm),
        ])),
        Some([title_stem, body_stem]) => {
            let required: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                (Occur::Should, title_stem),
                (Occur::Should, body_stem),
            ]));
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, required),
                (Occur::Should, title_norm),
                (Occur::Should, body_norm),
            ]))
        }
    }
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, boost))
}

/// The id a document stores.
pub(crate) fn stored_id(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned()
}

/// Remove everything inside `dir` (the folder stays).
fn empty_dir(dir: &Path) -> Result<(), Error> {
    let err = |source| Error::DataDir {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(err)? {
        let path = entry.map_err(err)?.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|source| Error::DataDir { path, source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_cuts_at_a_space() {
        assert_eq!(leading("قال الرئيس اليوم", 8), "قال");
        assert_eq!(leading("قصير", 10), "قصير");
    }
}
