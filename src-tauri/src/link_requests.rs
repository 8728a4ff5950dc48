//! `lectern://` links reaching the app: at start (the link is the one argument), or
//! from a second start, which the single-instance plugin turns into a message to the
//! running app and then ends. Links are read by lectern-core and queued here; the UI is
//! nudged with [`LinkRequested`] and takes the queue (`take_link_requests`), so a link that arrives before the
//! UI listens waits instead of being lost. Nothing is imported here: the UI asks the
//! user first, because any web page can start a `lectern://` link.

use std::sync::{Mutex, PoisonError};

use lectern_core::capture::lectern_link::{self, LinkRequest};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_deep_link::DeepLinkExt;
use tauri_specta::Event;

/// Links not yet handled by the UI.
#[derive(Default)]
pub struct PendingLinks(Mutex<Vec<LinkRequest>>);

/// One or more `lectern://` links wait in [`take_link_requests`].
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct LinkRequested;

/// The two plugins, in the order they must be registered (single-instance first, so a
/// second start hands over its link before it builds anything).
pub fn plugins<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| bring_to_front(app)))
        .plugin(tauri_plugin_deep_link::init())
        .manage(PendingLinks::default())
}

/// Queue the link the app was started with, and every link that arrives later.
pub fn listen(app: &AppHandle) {
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        queue(app, urls.iter().map(url::Url::as_str));
    }
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| queue(&handle, event.urls().iter().map(url::Url::as_str)));
}

/// Make this app the system's handler of `lectern://` links (Linux and Windows; macOS
/// reads it from the bundle). Installed packages register it in their desktop entry;
/// this covers a build run from the checkout.
pub fn register_scheme(app: &AppHandle) {
    #[cfg(any(target_os = "linux", windows))]
    match app.deep_link().register_all() {
        Ok(()) => log::info!("registered as the handler of {}:// links", lectern_link::SCHEME),
        Err(e) => log::warn!("could not register as the handler of {}:// links: {e}", lectern_link::SCHEME),
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    let _ = app;
}

impl PendingLinks {
    /// The links that arrived since the last call, oldest first.
    pub fn take(&self) -> Vec<LinkRequest> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

fn queue<'a>(app: &AppHandle, urls: impl Iterator<Item = &'a str>) {
    let requests: Vec<LinkRequest> = urls.map(lectern_link::parse_link).collect();
    for request in &requests {
        match request {
            LinkRequest::Refused { reason } => log::warn!("refused a {}:// link: {reason}", lectern_link::SCHEME),
            other => log::info!("{}:// link: {other:?}", lectern_link::SCHEME),
        }
    }
    app.state::<PendingLinks>().0.lock().unwrap_or_else(PoisonError::into_inner).extend(requests);
    let _ = LinkRequested.emit(app);
    bring_to_front(app);
}

fn bring_to_front<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}
