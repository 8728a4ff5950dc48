//! Reader settings: what they are and which values make sense. The shell stores
//! them with tauri-plugin-store; the UI applies them live.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file the app keeps its settings in (with tauri-plugin-store), in the app data
/// directory beside the library, and the key of the reader settings in it.
pub const STORE_FILE: &str = "settings.json";
/// The key the reader settings are stored under.
pub const READER_KEY: &str = "reader";

/// The reader's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, Default)]
#[serde(rename_all = "camelCase")]
pub enum Theme {
    /// Follow the operating system's light/dark preference.
    #[default]
    System,
    /// Dark text on white.
    Light,
    /// Dark brown on warm paper.
    Sepia,
    /// Light text on near black.
    Dark,
}

/// The reading typeface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, Default)]
#[serde(rename_all = "camelCase")]
pub enum FontFamily {
    /// Literata, a serif made for reading on screens.
    #[default]
    Serif,
    /// Inter, a sans-serif.
    Sans,
}

/// How the reader looks and what imports may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The colours.
    pub theme: Theme,
    /// The typeface.
    pub font_family: FontFamily,
    /// Body text size in CSS pixels.
    pub font_size: u32,
    /// Measure: the longest line, in characters (`ch`).
    pub line_width: u32,
    /// Line height as a multiple of the font size.
    pub line_height: f64,
    /// Fetch the web images that imported files and pasted HTML name. Off by default:
    /// fetching tells those servers what you read. Pages saved by address always
    /// bring their images.
    pub fetch_remote_images: bool,
    /// Set text flush with both edges of the column (hyphenation keeps the gaps even).
    pub justify: bool,
    /// Break long words at line ends, by the rules of the article's language (its `lang`).
    pub hyphenate: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::System,
            font_family: FontFamily::Serif,
            font_size: 19,
            line_width: 68,
            line_height: 1.6,
            fetch_remote_images: false,
            justify: false,
            hyphenate: true,
        }
    }
}

/// The text sizes offered, in CSS pixels.
pub const FONT_SIZE_RANGE: (u32, u32) = (13, 32);
/// The line widths offered, in characters.
pub const LINE_WIDTH_RANGE: (u32, u32) = (40, 100);
/// The line heights offered, as a multiple of the text size.
pub const LINE_HEIGHT_RANGE: (f64, f64) = (1.2, 2.2);

/// The ranges, as the UI's controls need them (exported to TypeScript as a constant).
pub fn limits_json() -> serde_json::Value {
    let range = |min: f64, max: f64| serde_json::json!({ "min": min, "max": max });
    serde_json::json!({
        "fontSize": range(FONT_SIZE_RANGE.0.into(), FONT_SIZE_RANGE.1.into()),
        "lineWidth": range(LINE_WIDTH_RANGE.0.into(), LINE_WIDTH_RANGE.1.into()),
        "lineHeight": range(LINE_HEIGHT_RANGE.0, LINE_HEIGHT_RANGE.1),
    })
}

impl Settings {
    /// The same settings with every number brought into its sensible range
    /// (a hand-edited or older settings file can hold anything).
    pub fn clamped(self) -> Settings {
        let line_height = if self.line_height.is_finite() { self.line_height } else { Settings::default().line_height };
        Settings {
            font_size: self.font_size.clamp(FONT_SIZE_RANGE.0, FONT_SIZE_RANGE.1),
            line_width: self.line_width.clamp(LINE_WIDTH_RANGE.0, LINE_WIDTH_RANGE.1),
            line_height: line_height.clamp(LINE_HEIGHT_RANGE.0, LINE_HEIGHT_RANGE.1),
            ..self
        }
    }

    /// Read settings from stored JSON; anything missing or malformed falls back to the default.
    pub fn from_stored(value: Option<serde_json::Value>) -> Settings {
        value.and_then(|v| serde_json::from_value::<Settings>(v).ok()).unwrap_or_default().clamped()
    }
}

/// The settings store of the app whose library is `library`.
pub fn store_beside(library: &Path) -> PathBuf {
    library.with_file_name(STORE_FILE)
}

/// The reader settings stored beside `library` (defaults when there are none or the
/// file cannot be read), for lectern-cli, which runs without the app.
pub fn read_beside(library: &Path) -> Settings {
    let stored = std::fs::read(store_beside(library)).ok().and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    Settings::from_stored(stored.and_then(|mut store| store.get_mut(READER_KEY).map(serde_json::Value::take)))
}

/// Store `settings` beside `library`, keeping whatever else the store holds. The app reads
/// the file when it starts, so this is for lectern-cli while the app is closed.
pub fn write_beside(library: &Path, settings: &Settings) -> std::io::Result<()> {
    let path = store_beside(library);
    let mut store = std::fs::read(&path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .filter(serde_json::Value::is_object)
        .unwrap_or_else(|| serde_json::json!({}));
    store[READER_KEY] = serde_json::to_value(settings.clone().clamped()).map_err(std::io::Error::other)?;
    std::fs::write(path, serde_json::to_vec_pretty(&store).map_err(std::io::Error::other)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_values_are_clamped() {
        let wild = Settings { font_size: 400, line_width: 2, line_height: f64::NAN, ..Settings::default() };
        let clamped = wild.clamped();
        assert_eq!(clamped.font_size, 32);
        assert_eq!(clamped.line_width, 40);
        assert_eq!(clamped.line_height, 1.6);
    }

    #[test]
    fn stored_values_missing_fields_keep_defaults() {
        let settings = Settings::from_stored(Some(serde_json::json!({ "theme": "dark", "fontSize": 22 })));
        assert_eq!(settings, Settings { theme: Theme::Dark, font_size: 22, ..Settings::default() });
    }

    #[test]
    fn settings_written_beside_a_library_are_read_back_and_the_rest_of_the_store_stays() {
        let dir = tempfile::tempdir().unwrap();
        let library = dir.path().join("library.sqlite3");
        assert_eq!(read_beside(&library), Settings::default(), "no store yet: defaults");
        std::fs::write(store_beside(&library), r#"{"window":{"width":900}}"#).unwrap();
        let mine = Settings { theme: Theme::Sepia, font_size: 23, ..Settings::default() };
        write_beside(&library, &mine).unwrap();
        assert_eq!(read_beside(&library), mine);
        let stored: serde_json::Value = serde_json::from_slice(&std::fs::read(store_beside(&library)).unwrap()).unwrap();
        assert_eq!(stored["window"]["width"], 900, "what else the store held is kept");
    }

    #[test]
    fn garbage_in_the_store_gives_defaults() {
        assert_eq!(Settings::from_stored(Some(serde_json::json!("nonsense"))), Settings::default());
        assert_eq!(Settings::from_stored(None), Settings::default());
    }
}
