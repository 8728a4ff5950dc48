//! How the app draws. Without a GPU the webview draws on the CPU (no compositing, see
//! window.rs) and the app process is kept from loading OpenGL at all: Mesa's software
//! driver and its LLVM cost 43 MB resident and a slower first frame, for nothing drawn.

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
pub fn prepare() {
    let without_gpu = !has_gpu() && !chose_compositing_themselves();
    let mut set = Vec::new();
    if without_gpu {
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
    DECIDED.get_or_init(|| Decided { without_gpu, set });
}

/// The variables `prepare` set: Lectern's own business, kept from the programs
/// it starts (a browser for a link may be a WebKit one, with a GPU of its own to find).
#[cfg(target_os = "linux")]
pub fn variables_set() -> &'static [&'static str] {
    DECIDED.get().map_or(&[], |decided| decided.set.as_slice())
}

/// Whether the webview draws on the CPU (no GPU, and the user did not choose for
/// WebKit), as `prepare` decided at start-up.
#[cfg(target_os = "linux")]
pub fn without_gpu() -> bool {
    DECIDED.get().is_some_and(|decided| decided.without_gpu)
}

/// What `prepare` decided, once, before GTK started.
#[cfg(target_os = "linux")]
struct Decided {
    without_gpu: bool,
    set: Vec<&'static str>,
}

#[cfg(target_os = "linux")]
static DECIDED: std::sync::OnceLock<Decided> = std::sync::OnceLock::new();

/// What keeps OpenGL out of the app process when there is no GPU (see `prepare`).
/// tests/e2e/run.sh's stand-in opener records these names to prove no browser gets
/// them: a variable added here goes there too.
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
pub fn prepare() {}
