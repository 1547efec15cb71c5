//! Compiles the default dictionary (every file of the repository's `dictionaries/` folder, walked at build time) into
//! the crate: `$OUT_DIR/embedded_dictionary.rs` holds one `include_bytes!` per file, sorted by relative path, so a
//! file added to the folder is embedded without touching any list.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.join("../../dictionaries");
    // A folder given to rerun-if-changed is scanned recursively: an added, removed or edited file rebuilds.
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    walk(&root, "", &mut files);
    assert!(
        files.iter().any(|(relative, _)| relative == "dictionary.toml"),
        "{}: no dictionary.toml; the default dictionary cannot be embedded",
        root.display()
    );
    files.sort();
    let mut code =
        String::from("/// Every file of `dictionaries/`: (path relative to the folder, `/`-separated; bytes).\n");
    code.push_str("pub(crate) static FILES: &[(&str, &[u8])] = &[\n");
    for (relative, path) in &files {
        let path = path.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let path = path.to_str().unwrap_or_else(|| panic!("{}: not UTF-8", path.display()));
        writeln!(code, "    ({relative:?}, include_bytes!({path:?})),").expect("write to a String");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_dictionary.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// Every file under `dir` except hidden entries (editor and VCS files), as (relative path, path).
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
