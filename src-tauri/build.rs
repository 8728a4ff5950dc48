// Tauri generates an `allow-<command>` permission for each app command, and the UI may
// call only those granted in capabilities/ (least privilege). The commands are read from
// their one list, the `collect_commands![…]` in src/commands/mod.rs, so registering a
// command there is all it takes to give it a permission; granting it stays a deliberate
// line in capabilities/default.json (a test in src/commands/mod.rs checks that exactly
// the registered commands are granted).
const COMMANDS_SOURCE: &str = "src/commands/mod.rs";

/// The names in `collect_commands![module::name, …]`.
fn registered_commands(source: &str) -> Vec<String> {
    let list = source
        .split("collect_commands![")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("src/commands/mod.rs registers its commands with collect_commands![…]");
    list.split(',')
        .map(|entry| entry.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<String>())
        .filter_map(|entry| entry.trim().rsplit("::").next().map(|name| name.trim().to_string()))
        .filter(|name| !name.is_empty())
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed={COMMANDS_SOURCE}");
    let source = std::fs::read_to_string(COMMANDS_SOURCE).expect("read src/commands/mod.rs");
    // tauri-build keeps the names for the whole build: leaked once, by a build script.
    let commands: &'static [&'static str] = Vec::leak(registered_commands(&source).into_iter().map(|name| &*String::leak(name)).collect());
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)))
        .expect("failed to run tauri-build");
}
