//! Library commands: list, open, trash.

use lectern_core::library::{ArticlePage, ArticleQuery, ArticleState, Tag};
use lectern_core::search::SearchResults;
use lectern_core::{Article, ArticleSummary, ErrorPayload};
use tauri::State;

use crate::state::LibraryState;

/// One page of a shelf, in the chosen order.
#[tauri::command]
#[specta::specta]
pub async fn list_articles(state: State<'_, LibraryState>, query: ArticleQuery) -> Result<ArticlePage, ErrorPayload> {
    state.run("list the library", move |library| library.article_page(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_article(state: State<'_, LibraryState>, id: i64) -> Result<Article, ErrorPayload> {
    state.run("open the article", move |library| library.get_article(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn trash_article(state: State<'_, LibraryState>, id: i64) -> Result<(), ErrorPayload> {
    state.run("move the article to the trash", move |library| library.trash_article(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_article_state(state: State<'_, LibraryState>, id: i64, article_state: ArticleState) -> Result<(), ErrorPayload> {
    state.run("archive the article", move |library| library.set_article_state(id, article_state)).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_trash(state: State<'_, LibraryState>) -> Result<Vec<ArticleSummary>, ErrorPayload> {
    state.run("list the trash", |library| library.list_trash()).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_article(state: State<'_, LibraryState>, id: i64) -> Result<(), ErrorPayload> {
    state.run("restore the article", move |library| library.restore_article(id)).await
}

/// Delete everything in the trash for good; returns how many articles went.
#[tauri::command]
#[specta::specta]
pub async fn empty_trash(state: State<'_, LibraryState>) -> Result<u32, ErrorPayload> {
    state.run("empty the trash", |library| library.empty_trash().map(|n| u32::try_from(n).unwrap_or(u32::MAX))).await
}

/// Search articles, highlights and notes; see lectern_core::search::query for the syntax.
/// `offset` 0 is the first page; a page's `nextOffset` asks for the one after it.
#[tauri::command]
#[specta::specta]
pub async fn search(state: State<'_, LibraryState>, query: String, offset: u32) -> Result<SearchResults, ErrorPayload> {
    state.run("search", move |library| library.search_page(&query, offset, None)).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_tags(state: State<'_, LibraryState>) -> Result<Vec<Tag>, ErrorPayload> {
    state.run("list the tags", |library| library.list_tags()).await
}

/// Give articles a tag, creating it if it is new.
#[tauri::command]
#[specta::specta]
pub async fn tag_articles(state: State<'_, LibraryState>, name: String, article_ids: Vec<i64>) -> Result<Tag, ErrorPayload> {
    state.run("tag the articles", move |library| library.tag_articles(&name, &article_ids)).await
}

#[tauri::command]
#[specta::specta]
pub async fn untag_article(state: State<'_, LibraryState>, name: String, article_id: i64) -> Result<(), ErrorPayload> {
    state.run("remove the tag", move |library| library.untag_article(&name, article_id)).await
}

/// Rename a tag; renaming onto an existing tag merges the two.
#[tauri::command]
#[specta::specta]
pub async fn rename_tag(state: State<'_, LibraryState>, id: i64, name: String) -> Result<Tag, ErrorPayload> {
    state.run("rename the tag", move |library| library.rename_tag(id, &name)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_tag(state: State<'_, LibraryState>, id: i64) -> Result<(), ErrorPayload> {
    state.run("delete the tag", move |library| library.delete_tag(id)).await
}

/// Archive or return to the inbox many articles at once.
#[tauri::command]
#[specta::specta]
pub async fn set_articles_state(state: State<'_, LibraryState>, ids: Vec<i64>, article_state: ArticleState) -> Result<u32, ErrorPayload> {
    state.run("archive the articles", move |library| library.set_articles_state(&ids, article_state).map(|n| n as u32)).await
}

/// Move many articles to the trash at once.
#[tauri::command]
#[specta::specta]
pub async fn trash_articles(state: State<'_, LibraryState>, ids: Vec<i64>) -> Result<u32, ErrorPayload> {
    state.run("move the articles to the trash", move |library| library.trash_articles(&ids).map(|n| n as u32)).await
}
