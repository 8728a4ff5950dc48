//! The search box's language, as people already type it elsewhere:
//! words, "exact phrases", -excluded words, and filters such as tag:, site:,
//! is:archived, is:favorite, has:highlights.

use serde::Serialize;

use crate::library::ArticleState;

/// A word or phrase of a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    /// The word, or the phrase's words.
    pub text: String,
    /// Written in quotes: the words must stand together.
    pub phrase: bool,
    /// Written with a leading `-`: articles with it are left out.
    pub excluded: bool,
}

/// A search as the user typed it: words and phrases, and filters (`tag:`, `site:`, `is:`, `has:`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Query {
    /// The words and phrases.
    pub terms: Vec<Term>,
    /// `tag:` filters: every one must be on the article.
    pub tags: Vec<String>,
    /// `site:` filters: the article's site or address contains it.
    pub sites: Vec<String>,
    /// `is:archived` / `is:inbox`.
    pub state: Option<ArticleState>,
    /// `is:starred` (or not).
    pub favorite: Option<bool>,
    /// `is:read` / `is:unread`.
    pub read: Option<bool>,
    /// `has:highlights` (or not).
    pub has_highlights: Option<bool>,
    /// `has:notes` (or not).
    pub has_notes: Option<bool>,
    /// Filters that were not understood, to tell the user.
    pub unknown: Vec<String>,
}

impl Query {
    /// Read a query; words it does not know as filters stay words.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        for token in tokens(input) {
            query.add(token);
        }
        query
    }

    /// The words and phrases to find (not the excluded ones).
    pub fn positive_terms(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| !t.excluded)
    }

    /// True when there is nothing to search for and nothing to filter by.
    pub fn is_empty(&self) -> bool {
        self == &Query::default()
    }

    fn add(&mut self, token: Token) {
        if let Some((key, value)) = token.text.split_once(':').filter(|(k, v)| !token.quoted && !k.is_empty() && !v.is_empty()) {
            if self.filter(&key.to_ascii_lowercase(), value, token.excluded) {
                return;
            }
            if ["tag", "site", "is", "has"].contains(&key.to_ascii_lowercase().as_str()) {
                self.unknown.push(token.text.clone());
                return;
            }
        }
        if !token.text.trim().is_empty() {
            self.terms.push(Term { text: token.text, phrase: token.quoted, excluded: token.excluded });
        }
    }

    /// Apply `key:value`; false when the key is not a filter.
    fn filter(&mut self, key: &str, value: &str, excluded: bool) -> bool {
        let yes = !excluded;
        match (key, value.to_ascii_lowercase().as_str()) {
            ("tag", _) => self.tags.push(value.to_string()),
            ("site", _) => self.sites.push(value.to_ascii_lowercase()),
            ("is", "archived" | "archive") => self.state = Some(if yes { ArticleState::Archive } else { ArticleState::Inbox }),
            ("is", "inbox") => self.state = Some(if yes { ArticleState::Inbox } else { ArticleState::Archive }),
            ("is", "favorite" | "favourite" | "starred") => self.favorite = Some(yes),
            ("is", "read" | "finished") => self.read = Some(yes),
            ("is", "unread") => self.read = Some(!yes),
            ("has", "highlights" | "highlight") => self.has_highlights = Some(yes),
            ("has", "notes" | "note") => self.has_notes = Some(yes),
            _ => return false,
        }
        true
    }
}

struct Token {
    text: String,
    quoted: bool,
    excluded: bool,
}

fn tokens(input: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let excluded = c == '-';
        if excluded {
            chars.next();
        }
        let quoted = chars.peek() == Some(&'"');
        let mut text = String::new();
        if quoted {
            chars.next();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                text.push(c);
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                text.push(c);
                chars.next();
            }
        }
        out.push(Token { text, quoted, excluded });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, phrase: bool, excluded: bool) -> Term {
        Term { text: text.into(), phrase, excluded }
    }

    #[test]
    fn words_phrases_and_exclusions() {
        let q = Query::parse(r#"night trains "sleeper cabin" -bus -"red eye""#);
        assert_eq!(
            q.terms,
            vec![
                term("night", false, false),
                term("trains", false, false),
                term("sleeper cabin", true, false),
                term("bus", false, true),
                term("red eye", true, true),
            ]
        );
    }

    #[test]
    fn filters_are_recognised() {
        let q = Query::parse("tag:Travel site:Example.com is:archived is:favorite has:highlights -has:notes is:unread putin");
        assert_eq!(q.tags, vec!["Travel"]);
        assert_eq!(q.sites, vec!["example.com"]);
        assert_eq!(q.state, Some(ArticleState::Archive));
        assert_eq!(q.favorite, Some(true));
        assert_eq!(q.has_highlights, Some(true));
        assert_eq!(q.has_notes, Some(false));
        assert_eq!(q.read, Some(false));
        assert_eq!(q.terms, vec![term("putin", false, false)]);
    }

    #[test]
    fn unknown_filters_are_reported_and_colons_in_words_kept() {
        let q = Query::parse("is:bogus 10:30 https://example.com");
        assert_eq!(q.unknown, vec!["is:bogus"]);
        assert_eq!(q.terms.len(), 2);
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end() {
        assert_eq!(Query::parse(r#""open phrase"#).terms, vec![term("open phrase", true, false)]);
        assert!(Query::parse("   ").is_empty());
    }
}
