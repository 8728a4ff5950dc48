//! Telling browsers where Lectern's native-messaging host is: one manifest per browser,
//! in that browser's per-user folder, naming the host program and the only extension
//! allowed to start it. (Windows keeps these in the registry instead: see the README.)

use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

/// The host's name, as the extension asks for it.
pub const HOST_NAME: &str = "app.lectern.reader";

/// The Lectern extension in Chromium-based browsers (its id follows from the public key
/// in ui/extension/manifest.json, so an unpacked copy has the same id as a packed one).
pub const CHROMIUM_EXTENSION_ID: &str = "cklbmclmdoobfhimdnedmalmgoaaipcg";

/// The Lectern extension in Firefox (browser_specific_settings.gecko.id).
pub const FIREFOX_EXTENSION_ID: &str = "save@lectern.app";

/// Which manifest shape a browser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Chrome, Chromium, Brave, Edge: `allowed_origins`.
    Chromium,
    /// Firefox: `allowed_extensions`.
    Firefox,
}

/// A browser Lectern can connect to: its name, the folder of its profiles (present when
/// it is installed for this user) and where its host manifests go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browser {
    /// The browser's name, as the user knows it.
    pub name: &'static str,
    /// Which manifest shape it reads.
    pub family: Family,
    /// Its profiles' folder: present when it is installed for this user.
    pub profile_root: PathBuf,
    /// Where its native-messaging host manifests go.
    pub manifest_dir: PathBuf,
}

/// The browsers Lectern knows on this platform, for the user whose home is `home`.
pub fn browsers(home: &Path) -> Vec<Browser> {
    let known: &[(&str, Family, &str, &str)] = if cfg!(target_os = "macos") {
        &[
            ("Chromium", Family::Chromium, "Library/Application Support/Chromium", "NativeMessagingHosts"),
            ("Google Chrome", Family::Chromium, "Library/Application Support/Google/Chrome", "NativeMessagingHosts"),
            ("Brave", Family::Chromium, "Library/Application Support/BraveSoftware/Brave-Browser", "NativeMessagingHosts"),
            ("Microsoft Edge", Family::Chromium, "Library/Application Support/Microsoft Edge", "NativeMessagingHosts"),
            ("Firefox", Family::Firefox, "Library/Application Support/Mozilla", "NativeMessagingHosts"),
        ]
    } else {
        &[
            ("Chromium", Family::Chromium, ".config/chromium", "NativeMessagingHosts"),
            ("Google Chrome", Family::Chromium, ".config/google-chrome", "NativeMessagingHosts"),
            ("Brave", Family::Chromium, ".config/BraveSoftware/Brave-Browser", "NativeMessagingHosts"),
            ("Microsoft Edge", Family::Chromium, ".config/microsoft-edge", "NativeMessagingHosts"),
            ("Firefox", Family::Firefox, ".mozilla", "native-messaging-hosts"),
        ]
    };
    known
        .iter()
        .map(|(name, family, root, dir)| Browser {
            name,
            family: *family,
            profile_root: home.join(root),
            manifest_dir: home.join(root).join(dir),
        })
        .collect()
}

/// The manifest a browser of `family` reads, for the host program at `program`.
pub fn manifest(family: Family, program: &Path) -> Value {
    let mut manifest = json!({
        "name": HOST_NAME,
        "description": "Lectern: save pages from the browser to your library",
        "path": program,
        "type": "stdio",
    });
    match family {
        Family::Chromium => manifest["allowed_origins"] = json!([format!("chrome-extension://{CHROMIUM_EXTENSION_ID}/")]),
        Family::Firefox => manifest["allowed_extensions"] = json!([FIREFOX_EXTENSION_ID]),
    }
    manifest
}

/// The program browsers start: a script that runs `lectern-cli native-host` (browsers
/// pass their own arguments and no others), with the library it was installed for.
pub fn host_script(cli: &Path, library: Option<&Path>) -> String {
    let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', r"'\''"));
    let library = library.map(|l| format!(" --library {}", quote(l))).unwrap_or_default();
    format!(
        "#!/bin/sh\n# Started by the browser for the Lectern extension (native messaging).\nexec {}{library} native-host \"$@\"\n",
        quote(cli)
    )
}

impl Browser {
    /// Where Lectern's manifest for this browser goes.
    pub fn manifest_path(&self) -> PathBuf {
        self.manifest_dir.join(format!("{HOST_NAME}.json"))
    }
}

/// Write the host script into `data_dir` and a manifest for every browser installed for
/// this user (every browser Lectern knows when none is found, so one installed later
/// works too). Returns the browsers connected.
pub fn install(home: &Path, data_dir: &Path, cli: &Path, library: Option<&Path>) -> io::Result<Vec<Browser>> {
    let program = data_dir.join("lectern-native-host");
    std::fs::create_dir_all(data_dir)?;
    std::fs::write(&program, host_script(cli, library))?;
    make_executable(&program)?;
    let all = browsers(home);
    let installed: Vec<Browser> = all.iter().filter(|b| b.profile_root.is_dir()).cloned().collect();
    let targets = if installed.is_empty() { all } else { installed };
    for browser in &targets {
        std::fs::create_dir_all(&browser.manifest_dir)?;
        std::fs::write(browser.manifest_path(), serde_json::to_vec_pretty(&manifest(browser.family, &program)).map_err(io::Error::other)?)?;
    }
    Ok(targets)
}

#[cfg(unix)]
fn make_executable(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_go_to_the_installed_browsers_and_name_only_the_lectern_extension() {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(home.path().join(".config/chromium")).unwrap();
        std::fs::create_dir_all(home.path().join(".mozilla")).unwrap();
        let data = home.path().join("data");
        let connected = install(home.path(), &data, Path::new("/opt/lectern/lectern-cli"), None).unwrap();
        assert_eq!(connected.iter().map(|b| b.name).collect::<Vec<_>>(), ["Chromium", "Firefox"]);
        let chromium: Value = serde_json::from_slice(
            &std::fs::read(home.path().join(".config/chromium/NativeMessagingHosts/app.lectern.reader.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(chromium["allowed_origins"], json!([format!("chrome-extension://{CHROMIUM_EXTENSION_ID}/")]));
        assert_eq!(chromium["type"], "stdio");
        let firefox: Value =
            serde_json::from_slice(&std::fs::read(home.path().join(".mozilla/native-messaging-hosts/app.lectern.reader.json")).unwrap())
                .unwrap();
        assert_eq!(firefox["allowed_extensions"], json!([FIREFOX_EXTENSION_ID]));
        assert_eq!(firefox["path"], data.join("lectern-native-host").display().to_string());
        let script = std::fs::read_to_string(data.join("lectern-native-host")).unwrap();
        assert!(script.contains("exec '/opt/lectern/lectern-cli' native-host \"$@\""), "{script}");
        assert!(!home.path().join(".config/google-chrome").exists(), "no folders for browsers that are not there");
    }

    #[test]
    fn with_no_browser_found_every_known_one_gets_a_manifest() {
        let home = tempfile::tempdir().unwrap();
        let connected =
            install(home.path(), &home.path().join("data"), Path::new("/usr/bin/lectern-cli"), Some(Path::new("/tmp/it's.sqlite3")))
                .unwrap();
        assert_eq!(connected, browsers(home.path()));
        assert!(connected.iter().all(|b| b.manifest_path().is_file()));
        let script = std::fs::read_to_string(home.path().join("data/lectern-native-host")).unwrap();
        assert!(script.contains(r"--library '/tmp/it'\''s.sqlite3'"), "quoted for the shell: {script}");
    }
}
