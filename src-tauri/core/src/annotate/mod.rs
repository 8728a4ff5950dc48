//! Annotations: highlights with notes, bookmarks, reading position, all anchored to
//! the article text (see [`anchor`]).

pub mod anchor;
pub mod bookmarks;
pub mod highlights;

pub use bookmarks::Bookmark;
pub use highlights::{Highlight, HighlightColor, HighlightFilter, HighlightInLibrary, NewHighlight, Reanchored};
