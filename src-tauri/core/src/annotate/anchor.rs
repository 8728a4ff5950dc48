//! Anchoring: where a highlight (or bookmark) sits in an article's text, and finding it
//! again after the text changed.
//!
//! A highlight is stored as a W3C TextPositionSelector (start, end) plus a
//! TextQuoteSelector (exact, with up to 32 characters of prefix and suffix). Offsets
//! count UTF-16 code units, as the DOM does, so the webview's Range offsets and ours are
//! the same numbers. Re-anchoring tries, in order: the old position, the exact quote
//! (the occurrence whose context fits best), then fuzzy candidates found from pieces of
//! the quote and its context, scored on quote, prefix, suffix and closeness as
//! Hypothesis does. Nothing good enough means orphaned: kept, shown, never dropped.

use serde::{Deserialize, Serialize};

/// Characters of context kept on each side of a quote.
pub const CONTEXT_UNITS: usize = 32;
/// How similar a fuzzy candidate's text must be to the quote to be accepted.
const MIN_QUOTE_SIMILARITY: f64 = 0.7;
/// Pieces of the quote searched for when it no longer occurs exactly.
const PIECE_UNITS: usize = 24;

/// Where a highlight is, as a W3C text position and text quote selector together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Selector {
    /// Where the quote starts: UTF-16 code units into the article text.
    pub start: u32,
    /// Where it ends (exclusive).
    pub end: u32,
    /// The quoted text itself.
    pub exact: String,
    /// A few words of text just before the quote, to tell identical quotes apart.
    pub prefix: String,
    /// A few words just after it.
    pub suffix: String,
}

/// How a selector was found in the current text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchored {
    /// The quote is still at its position.
    InPlace,
    /// The same quote, found elsewhere (text was added or removed before it).
    Moved {
        /// Where the quote starts now (UTF-16 offset).
        start: u32,
        /// Where it ends now (exclusive).
        end: u32,
    },
    /// A close match: the quote itself changed a little.
    Fuzzy {
        /// Where the closest match starts (UTF-16 offset).
        start: u32,
        /// Where it ends (exclusive).
        end: u32,
        /// How close it is, from 0 (nothing alike) to 1 (the same text).
        score: f64,
    },
    /// Nowhere good enough.
    Orphaned,
}

/// Article text as UTF-16 code units, the unit every offset counts.
pub struct Text {
    units: Vec<u16>,
}

impl Text {
    /// Index an article text by UTF-16 code unit.
    pub fn new(text: &str) -> Text {
        Text { units: text.encode_utf16().collect() }
    }

    /// Its length in UTF-16 code units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// True for an article without text.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The text between two offsets (clamped to the text, never splitting a character).
    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.units.len());
        String::from_utf16_lossy(&self.units[start.min(end)..end])
    }

    /// The selector for `start..end`, or None when the range is empty or out of bounds.
    pub fn describe(&self, start: usize, end: usize) -> Option<Selector> {
        if start >= end || end > self.units.len() {
            return None;
        }
        Some(Selector {
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
            exact: self.slice(start, end),
            prefix: self.slice(start.saturating_sub(CONTEXT_UNITS), start),
            suffix: self.slice(end, end + CONTEXT_UNITS),
        })
    }

    fn find_all(&self, needle: &[u16]) -> Vec<usize> {
        if needle.is_empty() || needle.len() > self.units.len() {
            return Vec::new();
        }
        self.units.windows(needle.len()).enumerate().filter(|(_, w)| *w == needle).map(|(i, _)| i).collect()
    }
}

/// Find `selector` in `text`.
pub fn anchor(text: &Text, selector: &Selector) -> Anchored {
    let exact: Vec<u16> = selector.exact.encode_utf16().collect();
    let (start, end) = (selector.start as usize, selector.end as usize);
    if exact.is_empty() {
        return Anchored::Orphaned;
    }
    if end <= text.len() && text.units[start.min(end)..end] == exact[..] {
        return Anchored::InPlace;
    }
    let exact_hits = text.find_all(&exact);
    if !exact_hits.is_empty() {
        let best = exact_hits
            .into_iter()
            .map(|s| (s, score(text, selector, s, s + exact.len())))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(s, _)| s)
            .unwrap_or_default();
        return Anchored::Moved { start: best as u32, end: (best + exact.len()) as u32 };
    }
    fuzzy(text, selector, &exact)
}

/// Candidates from whatever survived: the context on either side, the head and the
/// tail of the quote. Each is scored; the best above the threshold wins.
fn fuzzy(text: &Text, selector: &Selector, exact: &[u16]) -> Anchored {
    let prefix: Vec<u16> = selector.prefix.encode_utf16().collect();
    let suffix: Vec<u16> = selector.suffix.encode_utf16().collect();
    let head = &exact[..exact.len().min(PIECE_UNITS)];
    let tail = &exact[exact.len().saturating_sub(PIECE_UNITS)..];
    let max_len = exact.len() * 3 / 2 + 8;
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let end_from = |start: usize| -> Vec<usize> {
        // Where the quote may end now: its tail or the suffix found soon after, else its old length.
        let mut ends = vec![(start + exact.len()).min(text.len())];
        for piece in [tail, &suffix[..suffix.len().min(PIECE_UNITS)]] {
            if piece.len() >= 4 {
                for hit in text.find_all(piece) {
                    if hit > start && hit - start <= max_len {
                        ends.push(if piece == tail { hit + piece.len() } else { hit });
                    }
                }
            }
        }
        ends
    };
    let mut starts: Vec<usize> = Vec::new();
    if prefix.len() >= 8 {
        let piece = &prefix[prefix.len().saturating_sub(PIECE_UNITS)..];
        starts.extend(text.find_all(piece).into_iter().map(|hit| hit + piece.len()));
    }
    if head.len() >= 4 {
        starts.extend(text.find_all(head));
    }
    for start in starts {
        for end in end_from(start) {
            candidates.push((start, end));
        }
    }
    if suffix.len() >= 8 {
        for hit in text.find_all(&suffix[..suffix.len().min(PIECE_UNITS)]) {
            candidates.push((hit.saturating_sub(exact.len()), hit));
        }
    }
    let exact_text = String::from_utf16_lossy(exact);
    candidates
        .into_iter()
        .filter(|(s, e)| s < e && *e <= text.len())
        .filter_map(|(s, e)| {
            let quote = strsim::normalized_levenshtein(&text.slice(s, e), &exact_text);
            (quote >= MIN_QUOTE_SIMILARITY).then(|| (s, e, score(text, selector, s, e)))
        })
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .map_or(Anchored::Orphaned, |(s, e, score)| Anchored::Fuzzy { start: s as u32, end: e as u32, score })
}

/// Quote counts most, then context on each side, then staying near the old place.
fn score(text: &Text, selector: &Selector, start: usize, end: usize) -> f64 {
    let quote = strsim::normalized_levenshtein(&text.slice(start, end), &selector.exact);
    let prefix = similarity(&text.slice(start.saturating_sub(CONTEXT_UNITS), start), &selector.prefix);
    let suffix = similarity(&text.slice(end, end + CONTEXT_UNITS), &selector.suffix);
    let distance = (start as f64 - f64::from(selector.start)).abs();
    let closeness = 1.0 - (distance / text.len().max(1) as f64).min(1.0);
    0.5 * quote + 0.2 * prefix + 0.2 * suffix + 0.1 * closeness
}

/// Context compared from the side nearest the quote (a prefix's end, a suffix's start
/// are what changed edits leave intact).
fn similarity(found: &str, expected: &str) -> f64 {
    if expected.is_empty() {
        return 1.0;
    }
    strsim::normalized_levenshtein(found, expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "The letter was delivered by the foreign minister, who arrived in Moscow on Monday morning. \
        While the full contents have not been disclosed, officials say it reflects growing urgency to rally support. \
        Putin responded by condemning the strikes as unjustified and unprovoked acts of aggression. \
        The timing of the letter is critical for both countries.";

    fn select(text: &str, quote: &str) -> Selector {
        let t = Text::new(text);
        let start = text.find(quote).unwrap();
        let start16 = text[..start].encode_utf16().count();
        t.describe(start16, start16 + quote.encode_utf16().count()).unwrap()
    }

    fn found(text: &str, anchored: Anchored) -> String {
        let t = Text::new(text);
        match anchored {
            Anchored::Moved { start, end } | Anchored::Fuzzy { start, end, .. } => t.slice(start as usize, end as usize),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn a_selector_carries_quote_and_context() {
        let selector = select(ARTICLE, "condemning the strikes");
        assert_eq!(selector.exact, "condemning the strikes");
        assert_eq!(selector.prefix.chars().count(), 32);
        assert!(selector.prefix.ends_with("Putin responded by "));
        assert!(selector.suffix.starts_with(" as unjustified"));
    }

    #[test]
    fn offsets_count_utf16_units_like_the_dom() {
        let text = "Emoji 🙂 then café and 日本語 text.";
        let selector = select(text, "café");
        // "Emoji " (6) + 🙂 (2 units) + " then " (6) = 14
        assert_eq!((selector.start, selector.end), (14, 18));
        assert_eq!(anchor(&Text::new(text), &selector), Anchored::InPlace);
    }

    #[test]
    fn unchanged_text_anchors_in_place() {
        let selector = select(ARTICLE, "growing urgency to rally support");
        assert_eq!(anchor(&Text::new(ARTICLE), &selector), Anchored::InPlace);
    }

    #[test]
    fn an_inserted_paragraph_moves_the_highlight_with_its_text() {
        let selector = select(ARTICLE, "growing urgency to rally support");
        let edited = format!("Editor's note: this story was updated with new details.\n{ARTICLE}");
        let anchored = anchor(&Text::new(&edited), &selector);
        assert!(matches!(anchored, Anchored::Moved { .. }), "{anchored:?}");
        assert_eq!(found(&edited, anchored), "growing urgency to rally support");
    }

    #[test]
    fn a_repeated_quote_is_found_where_its_context_matches() {
        let text = "He said yes. Later, at the meeting in Moscow, he said yes. Then it ended.";
        let selector = select(text, "meeting in Moscow, he said yes");
        let only_second = Selector {
            exact: "he said yes".into(),
            start: 0,
            end: 0,
            prefix: "the meeting in Moscow, ".into(),
            suffix: ". Then it ended.".into(),
        };
        let anchored = anchor(&Text::new(text), &only_second);
        let Anchored::Moved { start, .. } = anchored else { panic!("{anchored:?}") };
        assert!(start as usize > text.find("Later").unwrap(), "picked the first 'he said yes'");
        assert_eq!(anchor(&Text::new(text), &selector), Anchored::InPlace);
    }

    #[test]
    fn a_changed_word_inside_the_quote_is_found_fuzzily() {
        let selector = select(ARTICLE, "condemning the strikes as unjustified and unprovoked acts of aggression");
        let edited = ARTICLE.replace("unjustified and unprovoked", "unjustified and unwarranted");
        let anchored = anchor(&Text::new(&edited), &selector);
        assert!(matches!(anchored, Anchored::Fuzzy { .. }), "{anchored:?}");
        assert_eq!(found(&edited, anchored), "condemning the strikes as unjustified and unwarranted acts of aggression");
    }

    #[test]
    fn an_edited_quote_with_moved_text_is_still_found() {
        let selector = select(ARTICLE, "The timing of the letter is critical");
        let edited = format!(
            "A new first paragraph. {}",
            ARTICLE.replace("The timing of the letter is critical", "The timing of this letter is critical")
        );
        let anchored = anchor(&Text::new(&edited), &selector);
        assert_eq!(found(&edited, anchored), "The timing of this letter is critical");
    }

    #[test]
    fn a_removed_section_orphans_the_highlight() {
        let selector = select(ARTICLE, "officials say it reflects growing urgency to rally support");
        let edited = ARTICLE
            .replace("While the full contents have not been disclosed, officials say it reflects growing urgency to rally support. ", "");
        assert_eq!(anchor(&Text::new(&edited), &selector), Anchored::Orphaned);
    }

    #[test]
    fn a_rewritten_sentence_is_not_matched_to_something_unrelated() {
        let selector = select(ARTICLE, "Putin responded by condemning the strikes");
        let edited = ARTICLE.replace("Putin responded by condemning the strikes", "Moscow's reply came within hours and was sharp");
        assert_eq!(anchor(&Text::new(&edited), &selector), Anchored::Orphaned);
    }

    #[test]
    fn empty_or_out_of_range_selections_are_refused() {
        let text = Text::new("short");
        assert!(text.describe(3, 3).is_none());
        assert!(text.describe(2, 99).is_none());
    }
}
