// Every app command must be listed here: Tauri generates an `allow-<command>` permission
// for each, and the UI may call only those granted in capabilities/ (least privilege).
// A test in src/commands/mod.rs checks this list against the registered commands.
const APP_COMMANDS: &[&str] = &[
    "app_info",
    "connect_browsers",
    "list_articles",
    "get_article",
    "trash_article",
    "set_article_state",
    "list_trash",
    "restore_article",
    "empty_trash",
    "search",
    "set_articles_state",
    "trash_articles",
    "list_tags",
    "tag_articles",
    "untag_article",
    "rename_tag",
    "delete_tag",
    "get_settings",
    "update_settings",
    "log_from_ui",
    "open_link",
    "take_link_requests",
    "recover_library",
    "choose_backup",
    "restore_chosen_backup",
    "import_pasted",
    "choose_files_to_import",
    "cancel_import",
    "choose_export",
    "import_chosen_export",
    "discard_chosen_export",
    "export_markdown",
    "back_up_library",
    "download_saved_links",
    "download_article",
    "export_file",
    "count_saved_links",
    "list_highlights",
    "list_all_highlights",
    "add_highlight",
    "set_highlight_color",
    "set_highlight_note",
    "set_highlight_range",
    "delete_highlight",
    "restore_highlight",
    "list_bookmarks",
    "add_bookmark",
    "delete_bookmark",
    "save_reading_position",
    "set_favorite",
    "set_article_note",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(APP_COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
