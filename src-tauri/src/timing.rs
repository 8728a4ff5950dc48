//! How long the app takes to show its first screen, from the start of the process (the
//! UI measures the rest itself; see ui/src/timing.ts). Logged as a "timing:" line.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();
static PAINTED: AtomicBool = AtomicBool::new(false);

/// Call first thing in the process.
pub fn process_started() {
    STARTED.get_or_init(Instant::now);
}

/// A step of starting up is done: log the time since the process started.
pub fn step(what: &str) {
    if let Some(started) = STARTED.get() {
        log::info!("timing: {what} {:.1} ms after the process started", started.elapsed().as_secs_f64() * 1000.0);
    }
}

/// The first screen is painted: log the time since the process started, once.
pub fn first_paint() {
    if PAINTED.swap(true, Ordering::Relaxed) {
        return;
    }
    if let Some(started) = STARTED.get() {
        log::info!("timing: first paint {:.1} ms after the process started", started.elapsed().as_secs_f64() * 1000.0);
    }
}
