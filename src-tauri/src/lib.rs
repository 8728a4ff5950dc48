//! The Lectern shell: builds the Tauri app around lectern-core. Commands live in
//! `commands/`, one file per domain; nothing here holds domain logic.

mod commands;
mod drawing;
mod import_jobs;
mod link_requests;
mod live;
mod state;
mod timing;
mod window;

use tauri::Manager;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

pub use commands::specta_builder;

/// The log file's name inside the app's log directory (`lectern.log`).
pub const LOG_FILE_STEM: &str = "lectern";

/// Start Lectern. Call it first thing in `main`: it sets drawing variables for GTK and
/// WebKit (`drawing::prepare`), which is safe only while the process has one thread.
pub fn run() {
    timing::process_started();
    drawing::prepare();
    let specta = commands::specta_builder();
    link_requests::plugins(tauri::Builder::default())
        .plugin(
            tauri_plugin_log::Builder::new()
                .targets([Target::new(TargetKind::Stdout), Target::new(TargetKind::LogDir { file_name: Some(LOG_FILE_STEM.into()) })])
                .level(log::LevelFilter::Info)
                .max_file_size(5 * 1024 * 1024)
                .rotation_strategy(RotationStrategy::KeepSome(3))
                .build(),
        )
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(import_jobs::ImportJobs::default())
        .manage(commands::interop::PendingExport::default())
        .manage(commands::recovery::PendingBackup::default())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(drop) = event {
                import_jobs::on_drag_drop(window.app_handle(), drop);
            }
        })
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            specta.mount_events(app);
            let library_path = app.path().app_data_dir()?.join(lectern_core::paths::LIBRARY_FILE_NAME);
            timing::step("setup began");
            app.manage(state::LibraryState::open(&library_path));
            timing::step("library opened");
            window::open_main_window(app.handle())?;
            timing::step("window created");
            state::keep_daily_backups(app.handle().clone());
            live::watch(app.handle().clone());
            link_requests::listen(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("Lectern could not start");
}
