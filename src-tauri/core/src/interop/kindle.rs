//! Kindle's "My Clippings.txt": entries separated by `==========`, each `Title (Author)`,
//! `- Your Highlight on page N | Location a-b | Added on …`, a blank line and the text.
//! A book becomes one article whose text is its highlights (the only text there is);
//! a note joins the highlight that ends where the note sits; bookmarks carry no text.

use super::{Foreign, ForeignArticle, ForeignContent, ForeignHighlight, Format, RowProblem, dates};

pub fn read(bytes: &[u8]) -> Foreign {
    let text = String::from_utf8_lossy(bytes).replace('\u{feff}', "").replace("\r\n", "\n");
    let mut books: Vec<Book> = Vec::new();
    let mut problems = Vec::new();
    let mut line = 1u32;
    for entry in text.split("==========") {
        let entry_line = line;
        line += entry.matches('\n').count() as u32;
        let entry = entry.trim_matches('\n');
        if entry.trim().is_empty() {
            continue;
        }
        match Clipping::parse(entry) {
            Some(clipping) => book_for(&mut books, &clipping.book).add(clipping),
            None => problems.push(RowProblem { line: entry_line, message: "not a Kindle clipping; skipped".into() }),
        }
    }
    let articles = books.into_iter().enumerate().filter_map(|(i, b)| b.into_article(i as u32 + 1)).collect();
    Foreign { format: Format::Kindle, articles, problems, exact: None }
}

enum Kind {
    Highlight,
    Note,
    Bookmark,
}

struct Clipping {
    book: String,
    kind: Kind,
    /// The location range's end (a note sits at the end of its highlight).
    location_end: Option<u32>,
    added: Option<i64>,
    text: String,
}

impl Clipping {
    fn parse(entry: &str) -> Option<Clipping> {
        let mut lines = entry.lines();
        let book = lines.next()?.trim().to_string();
        let meta = lines.next()?.trim();
        if !meta.starts_with('-') || book.is_empty() {
            return None;
        }
        let lower = meta.to_lowercase();
        let kind = if lower.contains("note") {
            Kind::Note
        } else if lower.contains("bookmark") {
            Kind::Bookmark
        } else {
            Kind::Highlight
        };
        let location_end = meta.split('|').find(|p| p.to_lowercase().contains("location")).and_then(|part| {
            let digits = part.rsplit(['-', ' ']).find(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))?;
            digits.parse().ok()
        });
        let added = meta.split('|').find_map(|p| p.trim().strip_prefix("Added on ").and_then(dates::parse));
        let text = lines.collect::<Vec<_>>().join("\n").trim().to_string();
        Some(Clipping { book, kind, location_end, added, text })
    }
}

struct Book {
    title: String,
    author: Option<String>,
    highlights: Vec<(Option<u32>, ForeignHighlight)>,
    notes: Vec<(Option<u32>, String)>,
}

fn book_for<'a>(books: &'a mut Vec<Book>, heading: &str) -> &'a mut Book {
    let (title, author) = split_author(heading);
    let at = books.iter().position(|b| b.title == title).unwrap_or_else(|| {
        books.push(Book { title, author, highlights: Vec::new(), notes: Vec::new() });
        books.len() - 1
    });
    &mut books[at]
}

/// "Title (Author)" → ("Title", Some("Author")); titles may hold parentheses themselves.
fn split_author(heading: &str) -> (String, Option<String>) {
    let heading = heading.trim();
    if heading.ends_with(')')
        && let Some(open) = heading.rfind(" (")
    {
        return (heading[..open].trim().to_string(), Some(heading[open + 2..heading.len() - 1].trim().to_string()));
    }
    (heading.to_string(), None)
}

impl Book {
    fn add(&mut self, clipping: Clipping) {
        match clipping.kind {
            Kind::Bookmark => {}
            Kind::Note if !clipping.text.is_empty() => self.notes.push((clipping.location_end, clipping.text)),
            Kind::Note => {}
            Kind::Highlight if clipping.text.is_empty() => {}
            Kind::Highlight => {
                // Kindle adds a new entry when a highlight is extended: keep the longer one.
                if let Some(existing) =
                    self.highlights.iter_mut().find(|(_, h)| clipping.text.contains(&h.quote) || h.quote.contains(&clipping.text))
                {
                    if clipping.text.len() > existing.1.quote.len() {
                        existing.1.quote = clipping.text;
                        existing.0 = clipping.location_end;
                    }
                    return;
                }
                let highlight = ForeignHighlight { quote: clipping.text, created_at: clipping.added, ..ForeignHighlight::default() };
                self.highlights.push((clipping.location_end, highlight));
            }
        }
    }

    fn into_article(mut self, line: u32) -> Option<ForeignArticle> {
        for (location, note) in std::mem::take(&mut self.notes) {
            match self.highlights.iter_mut().find(|(end, _)| end.is_some() && *end == location) {
                Some((_, highlight)) => highlight.note = Some(note),
                // A note on no highlight is kept as a highlight of its own words.
                None => self
                    .highlights
                    .push((location, ForeignHighlight { quote: note.clone(), note: Some(note), ..ForeignHighlight::default() })),
            }
        }
        if self.highlights.is_empty() {
            return None;
        }
        let text = self.highlights.iter().map(|(_, h)| h.quote.as_str()).collect::<Vec<_>>().join("\n\n");
        let identity = format!("kindle:{}", self.title);
        Some(ForeignArticle {
            line,
            title: self.title,
            author: self.author,
            content: Some(ForeignContent::Text { identity, text }),
            highlights: self.highlights.into_iter().map(|(_, h)| h).collect(),
            ..ForeignArticle::default()
        })
    }
}
