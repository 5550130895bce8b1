//! Compiles the Fluent locale folders in: every `i18n/<locale>/*.ftl` becomes part of the binary, so
//! adding a locale is adding a folder (see `src/i18n/mod.rs`).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut locales: Vec<(String, Vec<(String, String)>)> = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(&root) {
        for dir in dirs.flatten() {
            let path = dir.path();
            if !path.is_dir() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", path.display());
            let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
                continue;
            };
            let mut files = Vec::new();
            if let Ok(entries) = std::fs::read_dir(&path) {
                for f in entries.flatten() {
                    let p = f.path();
                    if p.extension().is_some_and(|e| e == "ftl") {
                        println!("cargo:rerun-if-changed={}", p.display());
                        let file = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
                        files.push((file, p.display().to_string()));
                    }
                }
            }
            if !files.is_empty() {
                files.sort();
                locales.push((name, files));
            }
        }
    }
    locales.sort();
    let mut code = String::from("/// Every compiled-in locale: (folder name, [(file name, FTL text)]).\n");
    code.push_str("pub static LOCALES: &[(&str, &[(&str, &str)])] = &[\n");
    for (name, files) in &locales {
        let _ = writeln!(code, "    ({name:?}, &[");
        for (file, path) in files {
            let _ = writeln!(code, "        ({file:?}, include_str!({path:?})),");
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("locales.rs");
    std::fs::write(out, code).expect("write locales.rs");
}
