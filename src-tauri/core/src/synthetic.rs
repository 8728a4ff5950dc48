//! Synthetic libraries for benchmarks and scale tests: articles that read like articles
//! (sentences, paragraphs, sites, authors, dates) and highlights spread across them.
//! Deterministic: the same seed gives the same library.

use rusqlite::params;

use crate::annotate::HighlightColor;
use crate::annotate::anchor::Text;
use crate::annotate::highlights::{StoredHighlight, insert_highlight};
use crate::error::Result;
use crate::import::{ImportedArticle, SourceKind};
use crate::library::Library;
use crate::sql::TextEnum;

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "had",
    "they",
    "you",
    "were",
    "their",
    "one",
    "all",
    "we",
    "can",
    "her",
    "has",
    "there",
    "been",
    "if",
    "more",
    "when",
    "will",
    "would",
    "who",
    "so",
    "no",
    "city",
    "river",
    "train",
    "library",
    "reading",
    "market",
    "policy",
    "science",
    "history",
    "energy",
    "climate",
    "garden",
    "village",
    "music",
    "language",
    "winter",
    "summer",
    "journey",
    "bridge",
    "harbour",
    "council",
    "election",
    "research",
    "economy",
    "school",
    "teacher",
    "doctor",
    "hospital",
    "museum",
    "archive",
    "letter",
    "minister",
    "government",
    "company",
    "worker",
    "farmer",
    "engineer",
    "writer",
    "painter",
    "island",
    "mountain",
    "forest",
    "coast",
    "storm",
    "quietly",
    "slowly",
    "carefully",
    "recently",
    "finally",
    "rarely",
    "often",
    "never",
    "always",
    "perhaps",
    "certainly",
    "remarkable",
    "ordinary",
    "ancient",
    "modern",
    "fragile",
    "steady",
    "bright",
    "distant",
    "careful",
    "curious",
    "discovered",
    "described",
    "argued",
    "suggested",
    "believed",
    "measured",
    "published",
    "announced",
    "remembered",
];
const SITES: &[&str] = &[
    "The Atlantic Review",
    "Rail Weekly",
    "Field Notes",
    "The Long Read",
    "Harbour Gazette",
    "Science Daily Digest",
    "Quiet Letters",
    "Northern Times",
];
const NAMES: &[&str] =
    &["Ada Lovelace", "Mary Reader", "Tomás Ortega", "Yuki Tanaka", "Amara Okafor", "Lena Schmidt", "Rafael Costa", "Priya Nair"];
const TAGS: &[&str] = &["history", "travel", "science", "essays", "to-share", "work"];
/// Sentences for the articles in Chinese (one in a hundred), which go to the trigram index.
const CHINESE: &[&str] = &[
    "我们今天去公园散步，天气很好。",
    "河边的老城有很多历史。",
    "港口的船在早上出发。",
    "博物馆在冬天很安静。",
    "火车穿过山谷，到了海边。",
];
const BATCH: usize = 500;

/// A small deterministic generator (xorshift64*): no dependency, same output everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Fill `library` with `articles` articles and about `highlights_per_article` highlights each.
/// Returns (articles, highlights) added.
pub fn generate(library: &mut Library, articles: usize, highlights_per_article: usize, seed: u64) -> Result<(usize, usize)> {
    let mut random = Random(seed.max(1));
    let mut highlight_count = 0;
    let now = crate::library::now_millis();
    for start in (0..articles).step_by(BATCH) {
        let tx = library.conn.transaction()?;
        for index in start..(start + BATCH).min(articles) {
            let article = article(&mut random, index);
            let id = crate::library::save_article_in(&tx, &article)?.id();
            // Spread saved dates over three years so sorting and filters have something to do.
            let saved = now - (random.below(3 * 365 * 24) as i64) * 3_600_000;
            tx.execute("UPDATE articles SET saved_at = ?2, updated_at = ?2 WHERE id = ?1", params![id, saved])?;
            highlight_count += highlights(&tx, &mut random, id, &article.content_text, highlights_per_article, saved)?;
            shelve(&tx, &mut random, id)?;
        }
        tx.commit()?;
    }
    Ok((articles, highlight_count))
}

/// Where a reader would have put it: a third archived, one in ten starred, some read or
/// begun, most with a tag or two, so every shelf and filter has work to do.
fn shelve(tx: &rusqlite::Transaction<'_>, random: &mut Random, id: i64) -> Result<()> {
    let state = if random.below(3) == 0 { "archive" } else { "inbox" };
    let progress = [0.0, 0.0, 0.35, 1.0][random.below(4)];
    tx.execute(
        "UPDATE articles SET state = ?2, favorite = ?3, read_progress = ?4 WHERE id = ?1",
        params![id, state, random.below(10) == 0, progress],
    )?;
    for _ in 0..random.below(3) {
        let tag = random.pick(TAGS);
        tx.execute("INSERT OR IGNORE INTO tags (name) VALUES (?1)", [tag])?;
        tx.execute("INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT ?1, id FROM tags WHERE name = ?2", params![id, tag])?;
    }
    Ok(())
}

fn sentence(random: &mut Random) -> String {
    let length = 8 + random.below(18);
    let mut words: Vec<&str> = (0..length).map(|_| random.pick(WORDS)).collect();
    let mut first = words[0].to_string();
    first[..1].make_ascii_uppercase();
    words[0] = "";
    format!("{first}{}.", words.join(" "))
}

fn article(random: &mut Random, index: usize) -> ImportedArticle {
    let chinese = index % 100 == 99;
    let paragraphs: Vec<String> = (0..4 + random.below(12))
        .map(|_| {
            let sentences = (0..2 + random.below(5)).map(|_| if chinese { random.pick(CHINESE).to_string() } else { sentence(random) });
            sentences.collect::<Vec<_>>().join(if chinese { "" } else { " " })
        })
        .collect();
    let title_words: Vec<&str> = (0..3 + random.below(6)).map(|_| random.pick(&WORDS[49..])).collect();
    let mut title = format!("{} {}", title_words.join(" "), index + 1);
    title[..1].make_ascii_uppercase();
    let content_html = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect::<Vec<_>>().join("\n");
    let content_text = paragraphs.join("\n");
    let length = crate::text::measure(&content_text);
    ImportedArticle {
        url: Some(format!("https://example.org/articles/{}", index + 1)),
        canonical_url: Some(format!("https://example.org/articles/{}", index + 1)),
        title,
        byline: Some(random.pick(NAMES).to_string()),
        site_name: Some(random.pick(SITES).to_string()),
        lang: Some(if chinese { "zh" } else { "en" }.into()),
        published_at: None,
        excerpt: crate::text::excerpt(&content_text, crate::text::EXCERPT_CHARS),
        word_count: length.words as u32,
        reading_minutes: length.reading_minutes as u32,
        content_hash: format!("synthetic-{index}-{}", random.next()),
        content_html,
        content_text,
        source_kind: SourceKind::Html,
    }
}

fn highlights(tx: &rusqlite::Transaction<'_>, random: &mut Random, article_id: i64, text: &str, count: usize, saved: i64) -> Result<usize> {
    let text = Text::new(text);
    let mut added = 0;
    for _ in 0..count {
        if text.len() < 200 {
            break;
        }
        let start = random.below(text.len() - 120);
        let Some(selector) = text.describe(start, start + 20 + random.below(100)) else { continue };
        let note = if random.below(4) == 0 { sentence(random) } else { String::new() };
        let (color, _) = HighlightColor::WORDS[random.below(HighlightColor::WORDS.len())];
        insert_highlight(tx, article_id, &StoredHighlight::new(&selector, color, &note, saved))?;
        added += 1;
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_library_is_searchable_and_consistent() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(&dir.path().join("library.sqlite3")).unwrap();
        let (articles, highlights) = generate(&mut library, 120, 3, 7).unwrap();
        assert_eq!(articles, 120);
        assert!(highlights > 300, "{highlights}");
        let page = library.article_page(&Default::default()).unwrap();
        let all = library.article_page(&crate::library::ArticleQuery { shelf: crate::library::Shelf::All, ..Default::default() }).unwrap();
        assert_eq!(all.total, Some(120));
        let inbox = page.total.unwrap();
        assert!(inbox > 40 && inbox < 120, "some are archived: {inbox} in the inbox");
        assert!(!library.list_tags().unwrap().is_empty(), "articles are tagged");
        assert_eq!(library.search("公园", None).unwrap().hits.len(), 1, "one in a hundred is in Chinese");
        assert!(!library.search("library", None).unwrap().hits.is_empty());
        library.check_search_index().unwrap();
        let some = library.highlights_for(page.items[0].id).unwrap();
        let text = Text::new(&library.article_text(page.items[0].id).unwrap());
        for h in some {
            assert_eq!(text.slice(h.selector.start as usize, h.selector.end as usize), h.selector.exact);
        }
    }
}
