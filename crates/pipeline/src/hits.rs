//! Where a run keeps its hits: not as [`Hit`] values (five strings each, about 500 bytes), but as the very lines
//! of `hits.jsonl`, written as each document is finished. Lines stay in memory up to a limit; past it, everything
//! goes to an anonymous temporary file (deleted by the system when the run ends), so memory no longer grows with the
//! corpus. Documents finish in any order: each one keeps the byte ranges of its lines, and `hits.jsonl` is copied
//! range by range in doc_id order at the end.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use gwr_core::Hit;
use rayon::prelude::*;

/// Default for [`crate::Settings::hits_in_memory`]: 16 MiB of hit lines (about 45,000 hits) stay in memory.
pub const HITS_IN_MEMORY: u64 = 16 << 20;

/// A document's lines are handed to the store in pieces of this many hits (about 1 MB of lines).
pub const PIECE_HITS: usize = 4096;

/// Where the lines of one document are, in order: byte ranges of the run's hit store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HitLines {
    ranges: Vec<(u64, u64)>,
    count: u64,
}

impl HitLines {
    /// Number of hits (lines).
    pub fn len(&self) -> u64 {
        self.count
    }

    /// True when there is no hit.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

enum Backing {
    Memory(Vec<u8>),
    File(File),
}

struct Inner {
    backing: Backing,
    len: u64,
}

/// Append-only store of hit lines, shared by the worker threads.
pub(crate) struct HitStore {
    inner: Mutex<Inner>,
    memory_max: u64,
}

impl HitStore {
    /// A store that keeps up to `memory_max` bytes in memory before it moves everything to a temporary file.
    pub(crate) fn new(memory_max: u64) -> HitStore {
        HitStore { inner: Mutex::new(Inner { backing: Backing::Memory(Vec::new()), len: 0 }), memory_max }
    }

    /// True once the lines have gone to a temporary file.
    pub(crate) fn spilled(&self) -> bool {
        matches!(self.lock().backing, Backing::File(_))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves the bytes as they were: the store stays usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Serialize `row(item)` for each of `items` (a [`Hit`] or what serializes as one, such as
    /// [`crate::HitRow`]), one line each, and store the lines in order. The lines go to the store in pieces of
    /// [`PIECE_HITS`] hits; a document with more hits than that has its pieces serialized in parallel, a few at a
    /// time (so that no copy of all of a huge document's lines is ever held besides its hits).
    pub(crate) fn put<H: Sync, T: serde::Serialize>(
        &self,
        items: &[H],
        row: impl Fn(&H) -> T + Sync,
    ) -> std::io::Result<HitLines> {
        let serialize = |piece: &[H]| -> std::io::Result<Vec<u8>> {
            let mut buf = Vec::with_capacity(piece.len() * 400);
            for item in piece {
                serde_json::to_writer(&mut buf, &row(item))?;
                buf.push(b'\n');
            }
            Ok(buf)
        };
        let mut lines = HitLines { ranges: Vec::new(), count: items.len() as u64 };
        if items.is_empty() {
            return Ok(lines);
        }
        if items.len() <= PIECE_HITS {
            lines.ranges.push(self.append(&serialize(items)?)?);
            return Ok(lines);
        }
        let in_flight = PIECE_HITS * 2 * rayon::current_num_threads();
        for group in items.chunks(in_flight) {
            let pieces: Vec<std::io::Result<Vec<u8>>> = group.par_chunks(PIECE_HITS).map(serialize).collect();
            for piece in pieces {
                lines.ranges.push(self.append(&piece?)?);
            }
        }
        Ok(lines)
    }

    fn append(&self, bytes: &[u8]) -> std::io::Result<(u64, u64)> {
        let mut inner = self.lock();
        let start = inner.len;
        let len = bytes.len() as u64;
        if let Backing::Memory(mem) = &mut inner.backing {
            if start + len > self.memory_max {
                let mut file = tempfile::tempfile()?;
                file.write_all(mem)?;
                inner.backing = Backing::File(file);
            }
        }
        match &mut inner.backing {
            Backing::Memory(mem) => mem.extend_from_slice(bytes),
            Backing::File(file) => file.write_all(bytes)?,
        }
        inner.len += len;
        Ok((start, len))
    }

    /// Hand every stored line of `lines` to `out`, in order, a piece at a time.
    pub(crate) fn copy(&self, lines: &HitLines, out: &mut dyn Write) -> std::io::Result<()> {
        let mut buf = Vec::new();
        for &(start, len) in &lines.ranges {
            let mut inner = self.lock();
            match &mut inner.backing {
                Backing::Memory(mem) => out.write_all(&mem[start as usize..(start + len) as usize])?,
                Backing::File(file) => {
                    buf.resize(len as usize, 0);
                    file.seek(SeekFrom::Start(start))?;
                    file.read_exact(&mut buf)?;
                    // Seek back to the end before the lock goes: appends write at the file position.
                    file.seek(SeekFrom::End(0))?;
                    drop(inner);
                    out.write_all(&buf)?;
                }
            }
        }
        Ok(())
    }

    /// The hits of `lines`, read back.
    pub(crate) fn read(&self, lines: &HitLines) -> std::io::Result<Vec<Hit>> {
        let mut bytes = Vec::new();
        self.copy(lines, &mut bytes)?;
        let mut hits = Vec::with_capacity(lines.count as usize);
        for line in bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            hits.push(serde_json::from_slice(line)?);
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(doc: &str, n: usize) -> Hit {
        Hit {
            doc_id: doc.to_string(),
            concept: format!("c{n}"),
            sector: "s".to_string(),
            surface: "量子\"".to_string(),
            start: n,
            end: n + 7,
            context: "前 量子\" 后\n".to_string(),
            in_glossary: n.is_multiple_of(2),
        }
    }

    #[test]
    fn lines_read_back_whether_in_memory_or_spilled() {
        for memory_max in [0, 300, u64::MAX] {
            let store = HitStore::new(memory_max);
            let a: Vec<Hit> = (0..5).map(|n| hit("a", n)).collect();
            let b: Vec<Hit> = (0..3).map(|n| hit("b", n)).collect();
            let la = store.put(&a, Hit::clone).unwrap();
            let le = store.put(&[], Hit::clone).unwrap();
            let lb = store.put(&b, Hit::clone).unwrap();
            assert_eq!(store.spilled(), memory_max < u64::MAX);
            assert_eq!((la.len(), le.is_empty(), lb.len()), (5, true, 3));
            assert_eq!(store.read(&lb).unwrap(), b);
            assert_eq!(store.read(&la).unwrap(), a);
            let mut out = Vec::new();
            store.copy(&la, &mut out).unwrap();
            let want: String = a.iter().map(|h| serde_json::to_string(h).unwrap() + "\n").collect();
            assert_eq!(String::from_utf8(out).unwrap(), want);
        }
    }

    #[test]
    fn a_document_with_many_pieces_keeps_its_lines_in_order() {
        let many: Vec<Hit> = (0..PIECE_HITS * 5 + 17).map(|n| hit("big", n)).collect();
        let want: String = many.iter().map(|h| serde_json::to_string(h).unwrap() + "\n").collect();
        for memory_max in [0, u64::MAX] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
            let store = HitStore::new(memory_max);
            let lines = pool.install(|| store.put(&many, Hit::clone)).unwrap();
            assert_eq!(lines.len(), many.len() as u64);
            assert_eq!(lines.ranges.len(), 6, "one range per piece of {PIECE_HITS} hits");
            let mut out = Vec::new();
            store.copy(&lines, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want);
        }
    }
}
