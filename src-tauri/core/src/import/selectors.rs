//! CSS selectors compiled once per thread. `NodeRef::is` parses its selector on every
//! call, and extraction asks it of every node of a page, several times: parsing them,
//! with the interning, allocating and freeing that goes with it, was more than half of
//! a folder import's time (612 pages: 6.3 s before, 2.6 s after).

use std::cell::RefCell;
use std::collections::HashMap;

use dom_query::{Matcher, NodeRef};

thread_local! {
    /// Keyed by where the selector's text lives: they are all constants of this crate.
    static COMPILED: RefCell<HashMap<(usize, usize), Option<Matcher>>> = RefCell::new(HashMap::new());
}

/// `NodeRef::is`, with the selector compiled once.
pub(crate) trait Matches {
    /// Whether the node is an element the selector matches (never, for a selector
    /// that does not parse, as `NodeRef::is`).
    fn matches(&self, selector: &'static str) -> bool;
}

impl Matches for NodeRef<'_> {
    fn matches(&self, selector: &'static str) -> bool {
        COMPILED.with(|compiled| {
            let mut compiled = compiled.borrow_mut();
            let key = (selector.as_ptr() as usize, selector.len());
            let matcher = compiled.entry(key).or_insert_with(|| Matcher::new(selector).ok());
            matcher.as_ref().is_some_and(|matcher| self.is_match(matcher))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn matches_as_is_does_each_time() {
        let document = Document::from("<p class=a>x <a href=y>link</a></p><div>z</div>");
        for node in document.select("body *").nodes() {
            for selector in ["p", "a[href]", "p, div", "div.a", "not a selector ((", "p.a > a"] {
                assert_eq!(node.matches(selector), node.is(selector), "{selector} on {:?}", node.node_name());
                assert_eq!(node.matches(selector), node.is(selector), "{selector} again");
            }
        }
    }
}
