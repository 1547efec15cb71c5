//! Test support: the real report corpora (../shared/corpora beside the repository), read at run time and never
//! copied into the repository. A test that needs them starts with [`require_corpora!`]: on a fresh clone (no
//! corpora) it skips itself with a loud notice; when `GWR_CORPORA` names the folder (CI) it runs, and a missing
//! folder fails. The readers below panic loudly when the corpora are absent. Tests that load a page in headless
//! Chromium likewise start their browser part with [`require_browser!`] (required when `GWR_REQUIRE_BROWSER` is set).
//!
//! # Example
//!
//! ```no_run
//! let reports = gwr_testdata::provincial();
//! assert_eq!(reports.len(), 31);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

use std::path::PathBuf;

/// The environment variable that names the corpora folder. When it is set, the real-corpus tests must run: a
/// missing folder is a failure, never a skip. CI sets it.
pub const CORPORA_ENV: &str = "GWR_CORPORA";

/// Where the real corpora are, if anywhere: `$GWR_CORPORA` when set (panics when that folder does not exist, so a
/// run that asked for the corpora cannot skip them), else `../shared/corpora` beside the repository when present,
/// else `None` (a fresh clone: the tests that need the corpora skip themselves with [`require_corpora!`]).
pub fn corpora_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CORPORA_ENV).filter(|v| !v.is_empty()) {
        let dir = PathBuf::from(dir);
        assert!(
            dir.is_dir(),
            "REAL CORPUS MISSING: {CORPORA_ENV}={} is not a folder; the real-corpus tests were asked to run",
            dir.display()
        );
        return Some(dir);
    }
    let beside = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora"));
    beside.is_dir().then_some(beside)
}

/// Prints the loud notice of a skipped real-corpus test on stderr (what [`require_corpora!`] prints).
#[doc(hidden)]
pub fn skip_notice(test: &str) {
    skip_notice_because(
        test,
        &format!(
            "the real corpora are absent (no ${CORPORA_ENV}, no ../shared/corpora beside the repository). Set \
             {CORPORA_ENV}=/path/to/corpora to run it."
        ),
    );
}

/// The first word of every skip notice: CI counts the lines that hold it (`.ci/test`), and fails unless none.
pub const SKIP_MARK: &str = "!!!!! SKIPPED";

/// Prints `!!!!! SKIPPED <test>: <why> !!!!!` straight to the process's stderr: the test harness captures what
/// `eprintln!` prints from a passing test, and a skip must show in the log of `cargo test`.
#[doc(hidden)]
pub fn skip_notice_because(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "\n{SKIP_MARK} {test}: {why} !!!!!\n");
}

/// The environment variable that makes the browser tests required: when set (non-empty), a missing Chromium fails
/// them instead of skipping them. CI sets it.
pub const REQUIRE_BROWSER_ENV: &str = "GWR_REQUIRE_BROWSER";

/// Debian's headless Chromium (`/usr/bin/chromium`), if installed. Panics when it is absent and
/// `$GWR_REQUIRE_BROWSER` is set, so a run that asked for the browser tests cannot skip them.
pub fn browser() -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin/chromium");
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os(REQUIRE_BROWSER_ENV).is_none_or(|v| v.is_empty()),
        "BROWSER MISSING: {REQUIRE_BROWSER_ENV} is set but /usr/bin/chromium is absent \
         (apt-get install -y --no-install-recommends chromium; .ci/test installs it)"
    );
    None
}

/// Before the part of a test that loads a page in headless Chromium: returns from the test, after a loud notice
/// naming it, when [`browser`] finds none. Evaluates to Chromium's path otherwise.
#[macro_export]
macro_rules! require_browser {
    () => {
        match $crate::browser() {
            Some(path) => path,
            None => {
                $crate::skip_notice_because(
                    concat!(module_path!(), " (", file!(), ":", line!(), ")"),
                    "its browser part needs headless Chromium (/usr/bin/chromium), absent. Install Debian's chromium \
                     package to run it; set GWR_REQUIRE_BROWSER=1 to make its absence a failure.",
                );
                return;
            }
        }
    };
}

/// At the top of a test that needs the real corpora: returns from the test, after a loud notice naming it, when
/// [`corpora_dir`] finds none. Evaluates to the corpora folder otherwise.
///
/// ```no_run
/// # fn test() {
/// let corpora = gwr_testdata::require_corpora!();
/// assert!(corpora.join("provincial-2026").is_dir());
/// # }
/// ```
#[macro_export]
macro_rules! require_corpora {
    () => {
        match $crate::corpora_dir() {
            Some(dir) => dir,
            None => {
                $crate::skip_notice(concat!(module_path!(), " (", file!(), ":", line!(), ")"));
                return;
            }
        }
    };
}

/// The shared corpora folder ([`corpora_dir`]). Panics loudly when there is none: call it after
/// [`require_corpora!`], or where a missing corpus must fail.
pub fn corpora() -> PathBuf {
    corpora_dir().unwrap_or_else(|| {
        panic!("REAL CORPUS MISSING: set {CORPORA_ENV} or put the shared corpora at ../shared/corpora beside the repository")
    })
}

/// `full_text` of every provincial 2026 report, in file-name order.
pub fn provincial() -> Vec<String> {
    let texts = csv_column("provincial-2026", "full_text");
    assert_eq!(texts.len(), 31, "one report per provincial-level region");
    texts
}

/// Every cell of `column` in the CSV files (UTF-8, BOM or not) of `corpora()/folder`, files in name order.
pub fn csv_column(folder: &str, column: &str) -> Vec<String> {
    let dir = corpora().join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort();
    let mut cells = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut reader = csv::Reader::from_reader(bytes);
        let headers = reader.headers().expect("csv header").clone();
        let col = headers
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("{}: no {column} column", path.display()));
        for record in reader.records() {
            cells.push(record.expect("csv record")[col].to_string());
        }
    }
    cells
}

/// `content` of every national report (rows with a year).
pub fn national() -> Vec<String> {
    let path = corpora().join("national-zh/government_work_reports.jsonl");
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let texts: Vec<String> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json line"))
        .filter(|v| !v["year"].is_null())
        .map(|v| v["content"].as_str().expect("content string").to_string())
        .collect();
    assert!(texts.len() >= 50, "national corpus has its reports");
    texts
}

/// The English sentences (`英文` column) of the bilingual 2024-2026 reports.
pub fn english_sentences() -> Vec<String> {
    let sentences = csv_column("bilingual-2024-2026", "英文");
    assert!(sentences.len() > 1000, "the bilingual corpus has its sentence pairs");
    sentences
}
