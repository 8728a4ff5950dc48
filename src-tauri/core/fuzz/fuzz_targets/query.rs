#![no_main]
use std::sync::OnceLock;

use lectern_core::Library;

/// One library for the whole run, in a folder that lives as long as the process.
fn library() -> &'static std::sync::Mutex<Library> {
    static LIBRARY: OnceLock<std::sync::Mutex<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("lectern-fuzz-query-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::sync::Mutex::new(lectern_fuzz::targets::query_library(&dir))
    })
}

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let library = library().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    lectern_fuzz::targets::query(&library, bytes);
});
