//! Annotation commands: highlights and their notes, bookmarks, reading position,
//! favourites and the article's own note.

use lectern_core::ErrorPayload;
use lectern_core::annotate::{Bookmark, Highlight, HighlightColor, HighlightFilter, HighlightInLibrary, NewHighlight};
use tauri::State;

use crate::state::LibraryState;

#[tauri::command]
#[specta::specta]
pub async fn list_highlights(state: State<'_, LibraryState>, article_id: i64) -> Result<Vec<Highlight>, ErrorPayload> {
    state.run("load the highlights", move |library| library.highlights_for(article_id)).await
}

/// Highlights across the library, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_all_highlights(state: State<'_, LibraryState>, filter: HighlightFilter) -> Result<Vec<HighlightInLibrary>, ErrorPayload> {
    state.run("load the highlights", move |library| library.all_highlights(&filter)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_highlight(state: State<'_, LibraryState>, article_id: i64, highlight: NewHighlight) -> Result<Highlight, ErrorPayload> {
    state.run("save the highlight", move |library| library.add_highlight(article_id, &highlight)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_highlight_color(state: State<'_, LibraryState>, id: i64, color: HighlightColor) -> Result<Highlight, ErrorPayload> {
    state.run("change the highlight's colour", move |library| library.set_highlight_color(id, color)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_highlight_note(state: State<'_, LibraryState>, id: i64, note: String) -> Result<Highlight, ErrorPayload> {
    state.run("save the note", move |library| library.set_highlight_note(id, &note)).await
}

/// Move a highlight's ends to new offsets (the reader extended or trimmed it).
#[tauri::command]
#[specta::specta]
pub async fn set_highlight_range(
    state: State<'_, LibraryState>,
    id: i64,
    start: u32,
    end: u32,
    exact: String,
) -> Result<Highlight, ErrorPayload> {
    state.run("resize the highlight", move |library| library.set_highlight_range(id, start, end, &exact)).await
}

/// Delete a highlight; the returned highlight can be given to `restore_highlight` to undo.
#[tauri::command]
#[specta::specta]
pub async fn delete_highlight(state: State<'_, LibraryState>, id: i64) -> Result<Highlight, ErrorPayload> {
    state.run("delete the highlight", move |library| library.delete_highlight(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_highlight(state: State<'_, LibraryState>, highlight: Highlight) -> Result<Highlight, ErrorPayload> {
    state.run("restore the highlight", move |library| library.restore_highlight(&highlight)).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_bookmarks(state: State<'_, LibraryState>, article_id: i64) -> Result<Vec<Bookmark>, ErrorPayload> {
    state.run("load the bookmarks", move |library| library.bookmarks_for(article_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_bookmark(state: State<'_, LibraryState>, article_id: i64, position: u32, label: String) -> Result<Bookmark, ErrorPayload> {
    state.run("save the bookmark", move |library| library.add_bookmark(article_id, position, &label)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_bookmark(state: State<'_, LibraryState>, id: i64) -> Result<(), ErrorPayload> {
    state.run("delete the bookmark", move |library| library.delete_bookmark(id)).await
}

/// Where the reader is: an offset into the article text and the share read (0..1).
#[tauri::command]
#[specta::specta]
pub async fn save_reading_position(
    state: State<'_, LibraryState>,
    article_id: i64,
    position: u32,
    progress: f64,
) -> Result<(), ErrorPayload> {
    state.run("save the reading position", move |library| library.set_reading_position(article_id, position, progress)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_favorite(state: State<'_, LibraryState>, article_id: i64, favorite: bool) -> Result<(), ErrorPayload> {
    state.run("star the article", move |library| library.set_favorite(article_id, favorite)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_article_note(state: State<'_, LibraryState>, article_id: i64, note: String) -> Result<(), ErrorPayload> {
    state.run("save the article's note", move |library| library.set_article_note(article_id, &note)).await
}
