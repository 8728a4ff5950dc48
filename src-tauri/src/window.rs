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
    let software_only = draws_without_gpu();
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
            log::info!("no GPU found: the webview draws without compositing; set for GTK and WebKit: {:?}", set_for_drawing())
        }
        Ok(()) => {}
        Err(error) => log::warn!("the webview keeps its default caches and drawing: {error}"),
    }
}

/// Call first thing in the process, before GTK starts and while no other thread exists.
///
/// Drawing without a GPU, the app process has no use for OpenGL, yet three things open
/// it at start-up and with it Mesa's software driver, whose LLVM alone is 43 MB resident
/// (its static initialisers touch pages all over the library): GDK opening GLX with the
/// display, and WebKit's UI process opening an EGL display twice, to check for its
/// DMA-BUF renderer and to look up the GPU's render node for the web process. Measured
/// on the 10,000-article bench: 185 MB resident before, 128 MB after, and the first
/// frame sooner. A variable the user set stays as they set it.
#[cfg(target_os = "linux")]
pub fn prepare_drawing() {
    let mut set = Vec::new();
    if draws_without_gpu() {
        for (name, value) in WITHOUT_GL_IN_THE_APP_PROCESS {
            if std::env::var_os(name).is_none() {
                // SAFETY: no other thread exists yet to read the environment meanwhile.
                #[allow(unsafe_code)]
                unsafe {
                    std::env::set_var(name, value)
                };
                set.push(name);
            }
        }
    }
    SET_FOR_DRAWING.get_or_init(|| set);
}

/// The variables `prepare_drawing` set: Lectern's own business, kept from the programs
/// it starts (a browser for a link may be a WebKit one, with a GPU of its own to find).
#[cfg(target_os = "linux")]
pub fn set_for_drawing() -> &'static [&'static str] {
    SET_FOR_DRAWING.get().map_or(&[], Vec::as_slice)
}

#[cfg(target_os = "linux")]
static SET_FOR_DRAWING: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// What keeps OpenGL out of the app process when there is no GPU (see `prepare_drawing`).
#[cfg(target_os = "linux")]
const WITHOUT_GL_IN_THE_APP_PROCESS: [(&str, &str); 3] = [
    // GTK's own GL (for GL widgets, which the app has none of).
    ("GDK_GL", "disable"),
    // WebKit's DMA-BUF renderer shares composited frames, and there are none.
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
    // Given a render node by name, WebKit does not open EGL to look one up. This file is
    // no DRM device: WebKit finds no GPU behind it, as it would have found none in EGL.
    ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/null"),
];

/// Whether the webview draws on the CPU: no GPU, and the user did not choose for WebKit.
#[cfg(target_os = "linux")]
fn draws_without_gpu() -> bool {
    !has_gpu() && !chose_compositing_themselves()
}

/// Whether the user set WebKit's own switch for compositing: theirs is the last word.
#[cfg(target_os = "linux")]
fn chose_compositing_themselves() -> bool {
    ["WEBKIT_FORCE_COMPOSITING_MODE", "WEBKIT_DISABLE_COMPOSITING_MODE"].iter().any(|name| std::env::var_os(name).is_some())
}

/// Whether the machine has a GPU to render with: a DRM render node, which Mesa's
/// hardware drivers open (a virtual machine or Xvfb has none).
#[cfg(target_os = "linux")]
fn has_gpu() -> bool {
    std::fs::read_dir("/dev/dri")
        .is_ok_and(|entries| entries.flatten().any(|entry| entry.file_name().to_string_lossy().starts_with("renderD")))
}

#[cfg(not(target_os = "linux"))]
pub fn prepare_drawing() {}

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
