//! The files compiled into gwr besides the dictionary (which gwr-dict embeds): the demo corpus and the shipped
//! claims files (see `build.rs`). The binary needs no source tree at run time.

use std::path::{Path, PathBuf};

use anyhow::Context;

include!(concat!(env!("OUT_DIR"), "/embedded_corpora.rs"));

/// The claims file of the article gwr ships with (in `corpora/claims/`), the default of `gwr claims`.
pub const DEFAULT_CLAIMS: &str = "cgtn-2026-03-02.toml";

/// The default claims file: the name shown in messages and its text.
pub fn default_claims() -> (String, &'static str) {
    let bytes = CLAIMS_FILES
        .iter()
        .find(|(name, _)| *name == DEFAULT_CLAIMS)
        .map(|(_, bytes)| *bytes)
        .expect("build.rs embeds corpora/claims/, which holds the default claims file");
    let text = std::str::from_utf8(bytes).expect("the shipped claims file is UTF-8");
    (format!("corpora/claims/{DEFAULT_CLAIMS} (embedded)"), text)
}

/// The demo corpus, written out of the binary into a folder `demo/` under the system's temporary folder, so that
/// its documents keep the doc_ids they have in the repository (`demo/hebei-2026.html`). The folder's name holds
/// gwr's version and a hash of the files: runs of the same gwr reuse it (a file whose bytes differ is rewritten,
/// atomically), and every run reads exactly the embedded bytes.
pub fn demo_corpus() -> anyhow::Result<PathBuf> {
    let hash = DEMO_FILES.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, (name, bytes)| {
        let h = fnv(h, &(name.len() as u64).to_le_bytes());
        let h = fnv(h, name.as_bytes());
        let h = fnv(h, &(bytes.len() as u64).to_le_bytes());
        fnv(h, bytes)
    });
    let dir = std::env::temp_dir().join(format!("gwr-demo-{}-{hash:016x}", env!("CARGO_PKG_VERSION"))).join("demo");
    for (relative, bytes) in DEMO_FILES {
        let path = dir.join(relative);
        if std::fs::read(&path).is_ok_and(|on_disk| on_disk == *bytes) {
            continue;
        }
        write_atomic(&path, bytes).with_context(|| format!("cannot write the demo corpus into {}", dir.display()))?;
    }
    Ok(dir)
}

/// Write `bytes` to `path` through a file of this process renamed into place: a concurrent run never reads half a
/// file.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// FNV-1a, 64 bits, continued from `h`.
fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
