//! Compiles the demo corpus (`corpora/demo/`) and the shipped claims files (`corpora/claims/`) into the gwr binary:
//! `$OUT_DIR/embedded_corpora.rs` holds one `include_bytes!` per file, sorted by relative path, so a file added to
//! either folder is embedded without touching any list. (The default dictionary is embedded by gwr-dict.)

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    let mut code = String::new();
    for (name, folder) in [("DEMO_FILES", "corpora/demo"), ("CLAIMS_FILES", "corpora/claims")] {
        let root = manifest.join(folder);
        // A folder given to rerun-if-changed is scanned recursively: an added, removed or edited file rebuilds.
        println!("cargo:rerun-if-changed={}", root.display());
        let mut files = Vec::new();
        walk(&root, "", &mut files);
        assert!(!files.is_empty(), "{}: no file to embed", root.display());
        files.sort();
        writeln!(code, "/// Every file of `{folder}/`: (path relative to the folder, `/`-separated; bytes).").unwrap();
        writeln!(code, "pub static {name}: &[(&str, &[u8])] = &[").unwrap();
        for (relative, path) in &files {
            let path = path.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let path = path.to_str().unwrap_or_else(|| panic!("{}: not UTF-8", path.display()));
            writeln!(code, "    ({relative:?}, include_bytes!({path:?})),").unwrap();
        }
        code.push_str("];\n");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_corpora.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// Every file under `dir` except hidden entries, as (relative path, path).
fn walk(dir: &Path, relative: &str, out: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let name = entry.file_name().to_str().map(str::to_string);
        let name = name.unwrap_or_else(|| panic!("{}: a file name that is not UTF-8", entry.path().display()));
        if name.starts_with('.') {
            continue;
        }
        let child = if relative.is_empty() { name.clone() } else { format!("{relative}/{name}") };
        let path = entry.path();
        if path.is_dir() {
            walk(&path, &child, out);
        } else {
            out.push((child, path));
        }
    }
}
