//! lectern-cli: Lectern's library from a terminal, over the same core and file as the app.

mod failure;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use failure::{CliResult, EXIT_CODES_HELP, Exit, Failure};

use clap::{Parser, Subcommand};
use lectern_core::interop::FileExport;
use lectern_core::{Library, SaveOutcome, import, paths, search, seeds};

#[derive(Parser)]
#[command(name = "lectern-cli", version, about = "Lectern's library, headless", after_help = EXIT_CODES_HELP)]
struct Cli {
    /// The library file (default: the one the Lectern app uses).
    #[arg(long, global = true, value_name = "PATH")]
    library: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import a file (.html, .md, .txt, .epub) or every such file in a folder into the library, or a web page by its address.
    Add { source: String },
    /// List the articles in the library, newest first.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one article's metadata and text.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Print what Lectern extracts from a file, without touching the library.
    Extract {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Move in from another app: a Pocket, Instapaper, Omnivore or Kindle export
    /// (the format is recognised), with highlights, tags, states and dates.
    Import {
        file: PathBuf,
        /// Print what would come in, and the rows that cannot be read, without importing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Export articles with their highlights and notes. `markdown`: one file per article
    /// for Obsidian or Logseq into the folder --out, rewriting earlier exports in place.
    /// `json`: the whole library (or the --id articles) and the reader settings in one file
    /// (--out), which `import` restores exactly into a new library.
    /// `w3c` and `readwise`: the highlights, as Web Annotations or Readwise's CSV.
    Export {
        #[arg(long, value_enum, default_value = "markdown")]
        format: ExportFormat,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// A minijinja template of your own (the default is in the README).
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Only these articles (default: every article not in the trash).
        #[arg(long = "id")]
        ids: Vec<i64>,
    },
    /// Fetch an article saved from the web again. When the page changed, its text is
    /// replaced (the old version is kept) and its highlights follow the new text, none
    /// lost; prints what changed.
    Refetch {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Every highlight with its note and article, as JSON (for scripts).
    Highlights,
    /// Download the articles an export saved as links only (their highlights then anchor);
    /// run it again to retry the ones that failed.
    DownloadLinks,
    /// Write the whole library to one file (a consistent copy, even while the app runs).
    /// Restore by opening it: `--library BACKUP`, or copy it over the library with the app closed.
    Backup { destination: PathBuf },
    /// Import the bundled seed articles this library has never had.
    Seed,
    /// Fill the library with realistic synthetic articles and highlights (benchmarks, scale tests).
    Generate {
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        #[arg(long, default_value_t = 10)]
        highlights_per_article: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time the operations the app runs on this library (listing, search, highlights) and print the figures.
    Bench {
        #[arg(long, default_value_t = 21)]
        runs: usize,
        /// Print the figures as JSON.
        #[arg(long)]
        json: bool,
        /// Also time importing this folder of pages (into new libraries, never this one).
        #[arg(long, value_name = "FOLDER")]
        import: Option<PathBuf>,
    },
    /// Serve the Lectern browser extension (the browser starts this through native
    /// messaging: length-prefixed JSON on stdin and stdout). Not for use by hand.
    NativeHost {
        /// What the browser passes (the extension's origin, or Firefox's manifest path and id).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        browser_args: Vec<String>,
    },
    /// Connect the Lectern extension in Chromium, Chrome, Brave, Edge and Firefox: writes
    /// the native-messaging host manifests for this user, pointing at this lectern-cli.
    Browser {
        #[command(subcommand)]
        action: BrowserAction,
    },
    /// Search articles, highlights and notes: words, "phrases", -excluded, tag: site: is: has:.
    Search {
        /// The query; it may start with "-" (an excluded word).
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// Print the page as JSON: each hit with its article, snippet and matching highlights, and `nextOffset`.
        #[arg(long)]
        json: bool,
        /// How many results (1 to 500; the app's first page, 20, when not given).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=500))]
        limit: Option<u32>,
        /// Skip this many of the best results (the next page starts where a page says).
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
}

#[derive(Subcommand)]
enum BrowserAction {
    /// Write the host manifests (for the browsers installed for this user).
    Install,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Markdown,
    Json,
    /// W3C Web Annotations (JSON-LD): every highlight with quote, position, colour, note.
    W3c,
    /// Readwise's CSV import template.
    Readwise,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

fn run(cli: Cli) -> CliResult {
    match cli.command {
        Command::Extract { file, json } => extract(&file, json),
        Command::Add { source } => add(&mut open(cli.library)?, &source),
        Command::List { json } => list(&open(cli.library)?, json),
        Command::Show { id, json } => show(&open(cli.library)?, id, json),
        Command::Refetch { id, json } => refetch(&mut open(cli.library)?, id, json),
        Command::Search { query, json, limit, offset } => search(&open(cli.library)?, &query, json, offset, limit),
        Command::Generate { articles, highlights_per_article, seed } => {
            let started = std::time::Instant::now();
            let (added, highlights) = lectern_core::synthetic::generate(&mut open(cli.library)?, articles, highlights_per_article, seed)?;
            out!("generated {added} articles and {highlights} highlights in {:.1} s", started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::Bench { runs, json, import } => bench(&open(cli.library)?, runs, json, import.as_deref()),
        Command::Import { file, dry_run, json } => import_export(cli.library, &file, dry_run, json),
        Command::Export { format: ExportFormat::Markdown, out, template, ids } => {
            let template = template.map(|t| std::fs::read_to_string(&t).map_err(|e| Failure::from(e).about(t.display()))).transpose()?;
            let done = open(cli.library)?.export_markdown(&ids, &out, template.as_deref())?;
            out!("{} written, {} updated in {}", done.written, done.updated, out.display());
            Ok(())
        }
        Command::Export { format, out, ids, .. } => {
            let kind = match format {
                ExportFormat::Json => FileExport::Json,
                ExportFormat::W3c => FileExport::W3c,
                ExportFormat::Readwise => FileExport::ReadwiseCsv,
                ExportFormat::Markdown => unreachable!("matched above"),
            };
            let path = library_path(cli.library)?;
            let settings = lectern_core::settings::read_beside(&path);
            let file = open(Some(path))?.export_file(kind, &ids, Some(&settings))?;
            write_out(&out, &file.bytes)?;
            out!("{} articles, {} highlights written to {}", file.articles, file.highlights, out.display());
            Ok(())
        }
        Command::DownloadLinks => {
            let mut library = open(cli.library)?;
            let links = library.links_to_download()?;
            let report = lectern_core::interop::download::download_links(
                &links,
                &import::CancelToken::default(),
                |link, page| library.settle_download(link, page),
                |progress| {
                    if let Some(url) = &progress.current {
                        eprintln!("[{}/{}] {url}", progress.done + 1, progress.total);
                    }
                },
            );
            out!("{} downloaded, {} failed", report.added, report.failures.len());
            for failure in &report.failures {
                out!("{}: {}", failure.file, failure.message);
            }
            Ok(())
        }
        Command::Highlights => {
            let all = open(cli.library)?.export_json()?;
            let highlights: Vec<serde_json::Value> = all
                .articles
                .iter()
                .filter(|a| a.deleted_at.is_none())
                .flat_map(|a| {
                    a.highlights
                        .iter()
                        .map(move |h| serde_json::json!({ "articleId": a.id, "articleTitle": a.title, "url": a.url, "highlight": h }))
                })
                .collect();
            out!("{}", serde_json::to_string_pretty(&highlights)?);
            Ok(())
        }
        Command::Backup { destination } => {
            open(cli.library)?.backup_to(&destination)?;
            out!("backed up to {}", destination.display());
            Ok(())
        }
        Command::NativeHost { .. } => {
            let path = library_path(cli.library)?;
            Ok(lectern_core::capture::native::serve(&mut std::io::stdin().lock(), &mut std::io::stdout().lock(), &path, &open_with_system)?)
        }
        Command::Browser { action: BrowserAction::Install } => browser_install(cli.library),
        Command::Seed => {
            let added = open(cli.library)?.import_seeds(seeds::BUNDLED)?;
            out!("{added} seed article(s) added");
            Ok(())
        }
    }
}

fn library_path(library: Option<PathBuf>) -> CliResult<PathBuf> {
    library.or_else(paths::default_library_path).ok_or_else(|| Failure::new(Exit::Usage, "no home directory: pass --library PATH"))
}

fn open(library: Option<PathBuf>) -> CliResult<Library> {
    Ok(Library::open(&library_path(library)?)?)
}

fn refetch(library: &mut Library, id: i64, json: bool) -> CliResult {
    let address = library.refetch_address(id)?;
    let fetched = lectern_core::library::refetch::fetch_again(&address, &import::CancelToken::default())
        .map_err(|e| Failure::from(e).about(&address))?;
    let report = library.apply_refetch(id, fetched)?;
    if json {
        out!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    if !report.changed {
        out!("unchanged: {address} gives the same text as before");
        return Ok(());
    }
    let title = if report.title_changed { ", new title" } else { "" };
    let h = &report.highlights;
    out!(
        "updated from {address}: {} → {} words{title}; highlights: {} in place, {} moved, {} kept apart (not found)",
        report.words_before,
        report.words_after,
        h.in_place,
        h.moved,
        h.orphaned
    );
    Ok(())
}

fn add(library: &mut Library, source: &str) -> CliResult {
    if Path::new(source).is_dir() {
        return add_folder(library, Path::new(source));
    }
    let article = if source.starts_with("http://") || source.starts_with("https://") {
        import::web::import_url(source, import::web::FetchLimits::default())
    } else {
        import::import_file(Path::new(source))
    }
    .map_err(|e| Failure::from(e).about(source))?;
    match library.save_article(&article)? {
        SaveOutcome::Added { id } => out!("added {id}: {}", article.title),
        SaveOutcome::AlreadySaved { id } => out!("already saved as {id}: {}", article.title),
        SaveOutcome::Updated { id } => out!("updated {id} with the new text: {}", article.title),
    }
    Ok(())
}

/// Every readable file in a folder, as the app imports a dropped folder: on every core,
/// one bad file never stopping the rest.
fn add_folder(library: &mut Library, folder: &Path) -> CliResult {
    let files = import::batch::collect_files(&[folder.to_path_buf()]);
    let started = std::time::Instant::now();
    let report = import::batch::import_files(&files, &Default::default(), |article| library.save_article(article), |_| {});
    for failure in &report.failures {
        eprintln!("{}: {}", failure.file, failure.message);
    }
    out!(
        "{} files in {:.1} s: {} added, {} already saved, {} failed",
        files.len(),
        started.elapsed().as_secs_f64(),
        report.added,
        report.already_saved,
        report.failures.len()
    );
    if report.failures.len() == files.len() && !files.is_empty() {
        Err(Failure::new(Exit::InvalidInput, "nothing could be imported"))
    } else {
        Ok(())
    }
}

fn browser_install(library: Option<PathBuf>) -> CliResult {
    let home = paths::home_dir().ok_or_else(|| Failure::new(Exit::Usage, "no home directory for this user"))?;
    let data = paths::default_data_dir().ok_or_else(|| Failure::new(Exit::Usage, "no data directory for this user"))?;
    let me = std::env::current_exe().map_err(|e| Failure::from(e).about("where is lectern-cli?"))?;
    let connected = lectern_core::capture::manifests::install(&home, &data, &me, library.as_deref())?;
    for browser in connected {
        out!("{}: {}", browser.name, browser.manifest_dir.display());
    }
    out!("Connected. Install the Lectern extension in your browser (see the README), then save a page with it.");
    Ok(())
}

fn write_out(path: &Path, bytes: &[u8]) -> CliResult {
    std::fs::write(path, bytes).map_err(|e| Failure::from(e).about(path.display()))
}

fn import_export(library: Option<PathBuf>, file: &Path, dry_run: bool, json: bool) -> CliResult {
    let bytes = std::fs::read(file).map_err(|e| Failure::from(e).about(file.display()))?;
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let foreign = lectern_core::interop::read_export(name, &bytes).map_err(|e| Failure::from(e).about(file.display()))?;
    let preview = foreign.preview();
    if dry_run {
        if json {
            out!("{}", serde_json::to_string_pretty(&preview)?);
        } else {
            print_preview(&preview)?;
        }
        return Ok(());
    }
    let path = library_path(library)?;
    let report = open(Some(path.clone()))?.import_foreign(&foreign)?;
    if let Some(settings) = &report.restored_settings {
        lectern_core::settings::write_beside(&path, settings)
            .map_err(|e| Failure::from(e).about("the reader settings could not be restored"))?;
    }
    if json {
        out!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    out!(
        "{}: {} added, {} merged into articles already saved, {} saved as links to download",
        preview.format_label,
        report.added,
        report.merged,
        report.links_only
    );
    out!(
        "highlights: {} anchored, {} waiting for their article's text, {} already there",
        report.highlights_anchored,
        report.highlights_waiting,
        report.highlights_already_there
    );
    if report.restored_settings.is_some() {
        out!("reader settings restored");
    }
    print_problems(&report.problems)
}

fn print_preview(preview: &lectern_core::interop::Preview) -> CliResult {
    out!("{}: {} articles ({} with their text, the rest as links to download)", preview.format_label, preview.articles, preview.with_text);
    out!("{} highlights, {} notes, {} archived, {} starred", preview.highlights, preview.notes, preview.archived, preview.favorites);
    if !preview.tags.is_empty() {
        out!("tags: {}", preview.tags.join(", "));
    }
    print_problems(&preview.problems)
}

fn print_problems(problems: &[lectern_core::interop::RowProblem]) -> CliResult {
    for problem in problems {
        out!("line {}: {}", problem.line, problem.message);
    }
    Ok(())
}

fn list(library: &Library, json: bool) -> CliResult {
    let articles = library.list_articles()?;
    if json {
        out!("{}", serde_json::to_string_pretty(&articles)?);
        return Ok(());
    }
    for article in &articles {
        let source = article.site_name.as_deref().unwrap_or("");
        out!("{:>5}  {:<60}  {}", article.id, truncate(&article.title, 60), source);
    }
    Ok(())
}

fn show(library: &Library, id: i64, json: bool) -> CliResult {
    let article = library.get_article(id)?;
    if json {
        out!("{}", serde_json::to_string_pretty(&article)?);
        return Ok(());
    }
    let summary = &article.summary;
    out!("{}", summary.title);
    for (label, value) in [("By", &summary.byline), ("Site", &summary.site_name), ("URL", &summary.url)] {
        if let Some(value) = value {
            out!("{label}: {value}");
        }
    }
    out!("{} words, {} min read\n", summary.word_count, summary.reading_minutes);
    out!("{}", library.article_text(id)?);
    Ok(())
}

fn search(library: &Library, query: &str, json: bool, offset: u32, limit: Option<u32>) -> CliResult {
    let results = library.search_page(query, offset, limit)?;
    if json {
        out!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(());
    }
    for filter in &results.unknown_filters {
        eprintln!("not a filter Lectern knows: {filter}");
    }
    let marked = |s: &str| s.replace(search::MATCH_START, "[").replace(search::MATCH_END, "]");
    for hit in &results.hits {
        out!("{:>5}  {}", hit.article.id, hit.article.title);
        if let Some(snippet) = &hit.snippet {
            out!("       {}", marked(snippet));
        }
        for highlight in &hit.highlights {
            out!("       highlight: {}", marked(&highlight.snippet));
        }
    }
    if results.hits.is_empty() {
        out!("nothing found");
    }
    if let Some(next) = results.next_offset {
        out!("more results: --offset {next}");
    }
    Ok(())
}

/// Time what the app does on this library and print the figures with their targets.
fn bench(library: &Library, runs: usize, json: bool, import_folder: Option<&Path>) -> CliResult {
    let mut report = lectern_core::bench::run(library, runs)?;
    if let Some(folder) = import_folder {
        report.figures.push(lectern_core::bench::time_import(folder)?);
    }
    if json {
        out!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        out!("{}", report.table().trim_end());
    }
    Ok(())
}

fn extract(file: &Path, json: bool) -> CliResult {
    let bytes = std::fs::read(file).map_err(|e| Failure::from(e).about(file.display()))?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let extracted = import::extract_bytes(&name, &bytes)?;
    let content_html = import::stored_html(&extracted.content_html)?;
    let text = lectern_core::text::article_text(&content_html);
    let value = serde_json::json!({
        "title": extracted.title,
        "byline": extracted.byline,
        "siteName": extracted.site_name,
        "publishedTime": extracted.published_at,
        "lang": extracted.lang,
        "contentHtml": content_html,
        "text": text,
    });
    if json {
        out!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        out!("{}\n\n{text}", extracted.title);
    }
    Ok(())
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max { text.to_string() } else { format!("{}…", text.chars().take(max - 1).collect::<String>()) }
}

/// Hand a `lectern://` link to the system's opener, which starts the Lectern app (or
/// reaches the running one) as for a clicked link. Not waited for: the app outlives us.
fn open_with_system(link: &str) -> std::io::Result<()> {
    let mut opener = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut start = std::process::Command::new("cmd");
        start.args(["/C", "start", ""]);
        start
    } else {
        std::process::Command::new("xdg-open")
    };
    // The browser reads our stdout as messages: the opener must not write to it.
    opener.arg(link).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).spawn().map(drop)
}
