//! The benchmark suite: times what the app does on a library (lists, search, the
//! Highlights view, opening an article) and reports median and p95 against the targets,
//! with the raw FTS5 query beside each search so Lectern's own cost shows; and, given
//! a folder of pages, how long importing it takes. Run by `lectern-cli bench` on any
//! library (`lectern-cli generate` fills one).

use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::annotate::HighlightFilter;
use crate::error::Result;
use crate::library::{ArticleQuery, Library, Shelf, SortOrder};

/// One timed operation.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    /// What was timed, as the table shows it.
    pub operation: String,
    /// The median of the runs, in milliseconds.
    pub median_ms: f64,
    /// The 95th percentile of the runs, in milliseconds.
    pub p95_ms: f64,
    /// What it returned (rows, results), to see it did the work.
    pub rows: usize,
    /// The target the operation should meet (p95), in ms.
    pub target_ms: f64,
    /// For a search: the same words as a bare FTS5 query on the same file.
    pub raw_fts: Option<RawFts>,
}

/// A bare FTS5 query's figures, beside a search's.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RawFts {
    /// The median, in milliseconds.
    pub median_ms: f64,
    /// The 95th percentile, in milliseconds.
    pub p95_ms: f64,
    /// Lectern's median over the raw median.
    pub ratio: f64,
}

/// The whole run.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BenchReport {
    /// How many articles the library holds.
    pub articles: u32,
    /// How many highlights it holds.
    pub highlights: u32,
    /// How many times each operation ran.
    pub runs: usize,
    /// One figure per operation.
    pub figures: Vec<Figure>,
}

const LIST_TARGET_MS: f64 = 5.0;
const SEARCH_TARGET_MS: f64 = 20.0;
const HIGHLIGHTS_TARGET_MS: f64 = 10.0;
const OPEN_TARGET_MS: f64 = 100.0;
/// 1,000 pages in 10 s.
const IMPORT_TARGET_MS_PER_PAGE: f64 = 10.0;
/// A folder import takes seconds: three runs give a median.
const IMPORT_RUNS: usize = 3;

/// (name, query, the FTS5 expression the raw comparison runs, when it has words).
const SEARCHES: &[(&str, &str, Option<&str>)] = &[
    ("search: common word", "river", Some("\"river\"*")),
    ("search: two words", "ancient harbour", Some("\"ancient\"* \"harbour\"*")),
    ("search: phrase", "\"the river\"", Some("\"the river\"")),
    ("search: prefix", "harb", Some("\"harb\"*")),
    ("search: word -excluded", "museum -winter", Some("\"museum\"* NOT \"winter\"")),
    ("search: word tag:", "river tag:history", Some("\"river\"*")),
    ("search: word has:highlights", "river has:highlights", Some("\"river\"*")),
    ("search: word is:unread", "museum is:unread", Some("\"museum\"*")),
    ("search: 2 Chinese characters", "公园", None),
    ("search: 4 Chinese characters", "公园散步", None),
];

/// Time every operation `runs` times on `library`.
pub fn run(library: &Library, runs: usize) -> Result<BenchReport> {
    let runs = runs.max(3);
    let articles = library.article_page(&ArticleQuery { shelf: Shelf::All, limit: Some(1), ..Default::default() })?.total.unwrap_or(0);
    let highlights: u32 = library.conn.query_row("SELECT count(*) FROM highlights", [], |r| r.get(0))?;
    let mut figures = Vec::new();
    let page = |shelf, sort, offset| ArticleQuery { shelf, sort, offset, limit: Some(100), ..Default::default() };
    // The row the app would continue after at a depth of 5,000 (it pages by the last row shown).
    let row_5000 = library.article_page(&page(Shelf::All, SortOrder::Title, 4_999))?.items.first().map(|a| a.id);
    let lists: [(&str, ArticleQuery); 9] = [
        ("list: inbox, newest", page(Shelf::Inbox, SortOrder::SavedNewest, 0)),
        ("list: all, newest, at 5,000", page(Shelf::All, SortOrder::SavedNewest, 5_000)),
        ("list: all, by title, after row 5,000", ArticleQuery { after: row_5000, ..page(Shelf::All, SortOrder::Title, 0) }),
        ("list: all, by title", page(Shelf::All, SortOrder::Title, 0)),
        ("list: archive, longest", page(Shelf::Archive, SortOrder::Longest, 0)),
        ("list: inbox, published newest", page(Shelf::Inbox, SortOrder::PublishedNewest, 0)),
        ("list: all, by progress, at 5,000", page(Shelf::All, SortOrder::Progress, 5_000)),
        ("list: all, shortest", page(Shelf::All, SortOrder::Shortest, 0)),
        ("list: starred, newest", page(Shelf::Starred, SortOrder::SavedNewest, 0)),
    ];
    for (name, query) in &lists {
        figures.push(time(name, LIST_TARGET_MS, runs, || Ok(library.article_page(query)?.items.len()))?);
    }
    for (name, query, raw) in SEARCHES {
        let search = || Ok(library.search(query, None)?.hits.len());
        let figure = match raw {
            Some(expression) => time_beside_raw(name, runs, search, || raw_fts(library, expression))?,
            None => time(name, SEARCH_TARGET_MS, runs, search)?,
        };
        figures.push(figure);
    }
    figures.push(time("highlights view, first page", HIGHLIGHTS_TARGET_MS, runs, || {
        Ok(library.all_highlights(&HighlightFilter::default())?.len())
    })?);
    let longest = library.article_page(&page(Shelf::All, SortOrder::Longest, 0))?.items.first().map_or(0, |a| a.id);
    figures.push(time("open the longest article + highlights", OPEN_TARGET_MS, runs, || {
        Ok(library.get_article(longest)?.content_html.len().min(1) + library.highlights_for(longest)?.len())
    })?);
    Ok(BenchReport { articles, highlights, runs, figures })
}

/// Import every readable file in `folder` as the app imports a dropped folder (on every
/// core, one writer), into a new library each run: how long the whole folder takes.
pub fn time_import(folder: &Path) -> Result<Figure> {
    let files = crate::import::batch::collect_files(&[folder.to_path_buf()]);
    let scratch = std::env::temp_dir().join(format!("lectern-bench-import-{}", std::process::id()));
    let mut times = Vec::with_capacity(IMPORT_RUNS);
    let mut imported = 0;
    for _ in 0..IMPORT_RUNS {
        // Left by a run that was stopped: never import into what it holds.
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch)?;
        let mut library = Library::open(&scratch.join("library.sqlite3"))?;
        let started = Instant::now();
        let report = crate::import::batch::import_files(&files, &Default::default(), |article| library.save_article(article), |_| {});
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        imported = (report.added + report.already_saved) as usize;
        drop(library);
        std::fs::remove_dir_all(&scratch)?;
    }
    let (median_ms, p95_ms) = median_and_p95(times);
    let operation = format!("import: a folder of {} pages", files.len());
    let target_ms = IMPORT_TARGET_MS_PER_PAGE * files.len() as f64;
    // Rows: the pages that came in (added, or found already saved), failures not counted.
    Ok(Figure { operation, median_ms, p95_ms, rows: imported, target_ms, raw_fts: None })
}

/// The bare FTS5 query: the best ids for a first page of results (as many as search
/// shows) by the weights search ranks with, nothing joined, nothing built. bm25() called
/// directly, the fastest way FTS5 gives them (`ORDER BY rank` takes 30% longer).
fn raw_fts(library: &Library, expression: &str) -> Result<usize> {
    let mut statement = library.conn.prepare_cached(&format!(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY {} LIMIT {}",
        crate::search::RANK,
        crate::search::FIRST_PAGE
    ))?;
    let ids = statement.query_map([expression], |row| row.get::<_, i64>(0))?;
    Ok(ids.count())
}

fn time(name: &str, target_ms: f64, runs: usize, mut operation: impl FnMut() -> Result<usize>) -> Result<Figure> {
    let rows = operation()?; // warm the cache: the app's library is warm too
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        times.push(timed(&mut operation)?);
    }
    let (median_ms, p95_ms) = median_and_p95(times);
    Ok(Figure { operation: name.to_string(), median_ms, p95_ms, rows, target_ms, raw_fts: None })
}

/// A search and its bare FTS5 query, run in turn: a machine that slows down for a
/// while (a shared one does, by up to 2x) slows both, and leaves their ratio alone.
fn time_beside_raw(
    name: &str,
    runs: usize,
    mut search: impl FnMut() -> Result<usize>,
    mut raw: impl FnMut() -> Result<usize>,
) -> Result<Figure> {
    let rows = search()?;
    raw()?;
    let (mut searches, mut raws) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        searches.push(timed(&mut search)?);
        raws.push(timed(&mut raw)?);
    }
    let (median_ms, p95_ms) = median_and_p95(searches);
    let (raw_median, raw_p95) = median_and_p95(raws);
    let raw_fts = RawFts { median_ms: raw_median, p95_ms: raw_p95, ratio: median_ms / raw_median.max(0.001) };
    Ok(Figure { operation: name.to_string(), median_ms, p95_ms, rows, target_ms: SEARCH_TARGET_MS, raw_fts: Some(raw_fts) })
}

/// How long one run takes, in milliseconds.
fn timed(operation: &mut impl FnMut() -> Result<usize>) -> Result<f64> {
    let started = Instant::now();
    operation()?;
    Ok(started.elapsed().as_secs_f64() * 1000.0)
}

fn median_and_p95(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let p95 = times[((times.len() as f64 * 0.95).ceil() as usize).clamp(1, times.len()) - 1];
    (times[times.len() / 2], p95)
}

impl BenchReport {
    /// The figures as a table for a terminal, each with its target.
    pub fn table(&self) -> String {
        let mut out = format!("library: {} articles, {} highlights; {} runs each\n", self.articles, self.highlights, self.runs);
        out.push_str(&format!(
            "{:<40} {:>9} {:>9} {:>8} {:>6}  {:>8} {:>8} {:>6}\n",
            "operation", "median ms", "p95 ms", "target", "rows", "raw med", "raw p95", "ratio"
        ));
        for f in &self.figures {
            let mark = if f.p95_ms <= f.target_ms { " " } else { "!" };
            out.push_str(&format!("{:<40} {:>9.2} {:>9.2} {mark}<{:>6.0} {:>6}", f.operation, f.median_ms, f.p95_ms, f.target_ms, f.rows));
            if let Some(raw) = &f.raw_fts {
                out.push_str(&format!("  {:>8.2} {:>8.2} {:>5.2}x", raw.median_ms, raw.p95_ms, raw.ratio));
            }
            out.push('\n');
        }
        out.push_str(
            "! = p95 over target. raw = the same words as a bare FTS5 query (the best ids for a first page, by bm25, same weights) on the same file.\n",
        );
        out
    }
}
