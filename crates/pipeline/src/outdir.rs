//! The output folder of a run: one run at a time writes into it, and what an earlier run left there that this run
//! does not write (older tables of another format, temporary files of a run that was killed) is removed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::PipelineError;

/// Every file a run of `gwr analyze` or `gwr claims` may leave in its output folder. A run removes those of them
/// it did not write itself ([`stale_outputs`]): left beside the new ones, they would describe another corpus.
pub const OUTPUT_FILES: &[&str] = &[
    "documents.csv",
    "counts.csv",
    "scores.csv",
    "hits.jsonl",
    "run.json",
    "documents.json",
    "counts.json",
    "scores.json",
    "documents.parquet",
    "counts.parquet",
    "scores.parquet",
    "claims.csv",
    "panel.csv",
    "documents.dta",
    "counts.dta",
    "scores.dta",
    "panel.dta",
    "documents.xlsx",
    "counts.xlsx",
    "scores.xlsx",
    "panel.xlsx",
];

/// An output folder held by this process: no other gwr run can take it until this is dropped. The lock is an
/// advisory `flock` on the folder itself (no lock file: a killed run leaves nothing behind), released by the
/// system when the process ends, however it ends.
#[derive(Debug)]
pub struct OutputLock {
    dir: PathBuf,
    _handle: fs::File,
    /// The folder did not exist before: removed again on drop if still empty.
    created: bool,
}

impl OutputLock {
    /// Take the output folder `dir` (created if missing) for this run, or fail at once when another gwr run holds
    /// it: `--out DIR is being written by another gwr run (pid N)` (the pid read from `/proc/locks`, `unknown`
    /// where it cannot be). Temporary files that runs no longer alive left in it are removed
    /// ([`sweep_dead_temp_files`]).
    pub fn acquire(dir: &Path) -> Result<OutputLock, PipelineError> {
        let created = !dir.exists();
        let err = |source| PipelineError::Write { path: dir.to_path_buf(), source };
        fs::create_dir_all(dir).map_err(err)?;
        let handle = fs::File::open(dir).map_err(err)?;
        match try_lock(&handle) {
            Ok(true) => {}
            Ok(false) => return Err(PipelineError::OutputBusy { dir: dir.to_path_buf(), pid: lock_holder(&handle) }),
            Err(source) => return Err(err(source)),
        }
        sweep_dead_temp_files(dir);
        Ok(OutputLock { dir: dir.to_path_buf(), _handle: handle, created })
    }

    /// The folder held.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        if self.created {
            // A run that stopped before writing anything leaves no folder behind (removed only when empty).
            let _ = fs::remove_dir(&self.dir);
        }
    }
}

/// The pid of the process holding a `flock` on the file or folder open as `file`, from `/proc/locks` (lines like
/// `1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF`); `None` where it cannot be read.
fn lock_holder(file: &fs::File) -> Option<u32> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let ino = file.metadata().ok()?.ino();
        let locks = fs::read_to_string("/proc/locks").ok()?;
        locks.lines().find_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (kind, pid, id) = (fields.get(1)?, fields.get(4)?, fields.get(5)?);
            let lock_ino: u64 = id.rsplit(':').next()?.parse().ok()?;
            (*kind == "FLOCK" && lock_ino == ino).then(|| pid.parse().ok()).flatten()
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        None
    }
}

/// Take an exclusive advisory lock (`flock`) on `file` without waiting: `Ok(false)` when another open file holds
/// it. Where there is no `flock` (not Unix), always taken.
fn try_lock(file: &fs::File) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: flock only reads its integer arguments; the descriptor is open for the whole call.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Ok(true);
        }
        let err = std::io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
            Ok(false)
        } else {
            Err(err)
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(true)
    }
}

/// The pid in the name of a temporary file a run writes in its output folder (`.NAME.tmp-PID` for a table,
/// `.hits.jsonl.tmp-PID-N` for the hits), if `name` is one.
fn temp_file_pid(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let (_, rest) = name.rsplit_once(".tmp-")?;
    let pid = rest.split('-').next()?;
    pid.parse().ok()
}

/// Whether the process `pid` is running. Where that cannot be known (not Linux), it is taken to be.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Remove the temporary files of runs no longer alive from `dir` (a killed run cannot clean up after itself);
/// the names removed, sorted. Files of a live run, and files that are not gwr's, are left alone.
pub fn sweep_dead_temp_files(dir: &Path) -> Vec<String> {
    let mut removed = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return removed };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let ours = OUTPUT_FILES.iter().any(|f| name.starts_with(&format!(".{f}.tmp-")));
        if let Some(pid) = temp_file_pid(name).filter(|_| ours) {
            if !alive(pid) && entry.file_type().is_ok_and(|t| t.is_file()) && fs::remove_file(entry.path()).is_ok() {
                removed.push(name.to_string());
            }
        }
    }
    removed.sort();
    removed
}

/// The outputs of gwr ([`OUTPUT_FILES`]) present in `dir` that are not in `written`: what an earlier run left
/// and this one does not replace. Sorted.
pub fn stale_outputs(dir: &Path, written: &[&str]) -> Vec<String> {
    OUTPUT_FILES
        .iter()
        .filter(|name| !written.contains(name))
        .filter(|name| dir.join(name).is_file())
        .map(|name| name.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_file_names_give_their_pid() {
        assert_eq!(temp_file_pid(".hits.jsonl.tmp-1234-7"), Some(1234));
        assert_eq!(temp_file_pid(".documents.csv.tmp-99"), Some(99));
        assert_eq!(temp_file_pid("documents.csv"), None);
        assert_eq!(temp_file_pid(".notes.tmp-x"), None);
    }

    #[test]
    fn a_second_lock_on_the_folder_is_refused_with_the_holder_pid() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("out");
        let first = OutputLock::acquire(&out).expect("first lock");
        let err = OutputLock::acquire(&out).expect_err("second lock");
        let message = err.to_string();
        assert_eq!(
            message,
            format!("--out {} is being written by another gwr run (pid {})", out.display(), std::process::id())
        );
        drop(first);
        // Released: taken again; the folder created for it is gone once nothing is in it.
        let again = OutputLock::acquire(&out).expect("lock after release");
        drop(again);
        assert!(!out.exists());
    }

    #[test]
    fn temp_files_of_dead_runs_are_swept_and_others_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A pid above the kernel's largest (4194304) is never a live process.
        let dead = ".hits.jsonl.tmp-4999999-0";
        let live = format!(".counts.csv.tmp-{}", std::process::id());
        for name in [dead, live.as_str(), ".notes.tmp-4999999", "documents.csv"] {
            fs::write(dir.path().join(name), "x").expect("write");
        }
        assert_eq!(sweep_dead_temp_files(dir.path()), [dead.to_string()]);
        assert!(dir.path().join(&live).exists());
        assert!(dir.path().join(".notes.tmp-4999999").exists());
        assert_eq!(stale_outputs(dir.path(), &["counts.csv"]), ["documents.csv".to_string()]);
    }
}
