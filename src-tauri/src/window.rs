//! The main window. Built in code rather than in tauri.conf.json so that navigation
//! can be locked to the app itself: a link in an article can never replace the UI.

use tauri::{AppHandle, WebviewUrl, WebviewWindowBuilder};

pub fn open_main_window(app: &AppHandle) -> tauri::Result<()> {
    let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
        .title("Lectern")
        .inner_size(1180.0, 800.0)
        .min_inner_size(640.0, 480.0)
        .on_navigation(|url| {
            let allowed = is_app_url(url);
            if !allowed {
                log::warn!("blocked navigation to {url}");
            }
            allowed
        })
        .build()?;
    lighten_webview(&window);
    Ok(())
}

/// The UI is one local page that never navigates, so WebKit's caches for browsing (the
/// memory cache of resources, pages kept for back and forward) only cost memory: the
/// document-viewer model, made for applications like this one, turns them off.
///
/// Without a GPU, WebKit composites every frame through Mesa's software rasterizer
/// (llvmpipe): measured on a machine without one, that cost 150–200 ms before the first
/// frame, 60 ms on every article opened and 130 MB. Pages of text draw faster on the CPU
/// directly, so there the webview draws without compositing; with a GPU, or when the
/// user set WebKit's own switch, it keeps WebKit's choice.
#[cfg(target_os = "linux")]
fn lighten_webview(window: &tauri::WebviewWindow) {
    let software_only = crate::drawing::without_gpu();
    let result = window.with_webview(move |webview| {
        use webkit2gtk::{SettingsExt, WebContextExt, WebViewExt};
        let view = webview.inner();
        if let Some(context) = view.context() {
            context.set_cache_model(webkit2gtk::CacheModel::DocumentViewer);
        }
        if software_only && let Some(settings) = view.settings() {
            settings.set_hardware_acceleration_policy(webkit2gtk::HardwareAccelerationPolicy::Never);
        }
    });
    match result {
        Ok(()) if software_only => {
            log::info!("no GPU found: the webview draws without compositing; set for GTK and WebKit: {:?}", crate::drawing::variables_set())
        }
        Ok(()) => {}
        Err(error) => log::warn!("the webview keeps its default caches and drawing: {error}"),
    }
}

#[cfg(not(target_os = "linux"))]
fn lighten_webview(_window: &tauri::WebviewWindow) {}

/// The app's own origin: the embedded assets, or the Vite dev server in a dev build.
fn is_app_url(url: &tauri::Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", _) | ("http" | "https", Some("tauri.localhost")) => true,
        ("http", Some("localhost")) => !cfg!(feature = "custom-protocol"),
        _ => false,
    }
}
