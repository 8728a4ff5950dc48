//! Shared by the integration tests: random choices without a crate for it, and a way
//! back to an older schema.

/// Highlight the first place `quote` stands in article `id`.
#[allow(dead_code)]
pub fn highlight_quote(
    library: &mut lectern_core::Library,
    id: i64,
    quote: &str,
    color: lectern_core::annotate::HighlightColor,
) -> lectern_core::annotate::Highlight {
    let text = library.article_text(id).unwrap();
    let start = text[..text.find(quote).expect("the quote is in the article")].encode_utf16().count() as u32;
    let wanted = lectern_core::annotate::NewHighlight {
        start,
        end: start + quote.encode_utf16().count() as u32,
        exact: quote.into(),
        color,
        note: None,
    };
    library.add_highlight(id, &wanted).unwrap()
}

/// Turns a current library back into schema version 2 (before article versions), as the
/// previous Lectern wrote it, so that opening it migrates. Every later migration undone.
#[allow(dead_code)]
pub const BACK_TO_SCHEMA_2: &str = "DROP INDEX highlights_created_at; DROP TRIGGER highlights_annotations_insert; DROP TRIGGER highlights_annotations_update; DROP TRIGGER highlights_annotations_delete; DROP TABLE link_downloads; DROP TABLE article_versions; DROP INDEX articles_url; PRAGMA user_version = 2;";

/// A small deterministic xorshift generator: the same seed gives the same run.
#[allow(dead_code)]
pub struct Rng(pub u64);

#[allow(dead_code)]
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A corpus in the project's shared/ folder beside the checkout (`shared/corpus/<name>`),
/// or where `env_var` says.
#[allow(dead_code)]
pub fn shared_corpus(name: &str, env_var: &str) -> std::path::PathBuf {
    if let Some(dir) = std::env::var_os(env_var) {
        return std::path::PathBuf::from(dir);
    }
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    repo.ancestors()
        .map(|dir| dir.join("shared/corpus").join(name))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| panic!("shared/corpus/{name} not found beside {} (set {env_var})", repo.display()))
}

/// Text with every run of whitespace made one space, as extraction scores compare it.
#[allow(dead_code)]
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
