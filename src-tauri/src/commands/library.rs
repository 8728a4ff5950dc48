//! Library commands: list, open, trash.

use lectern_core::{Article, ArticleSummary, ErrorPayload};
use tauri::State;

use crate::state::LibraryState;

#[tauri::command]
#[specta::specta]
pub async fn list_articles(state: State<'_, LibraryState>) -> Result<Vec<ArticleSummary>, ErrorPayload> {
    state.run("list the library", |library| library.list_articles()).await
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
