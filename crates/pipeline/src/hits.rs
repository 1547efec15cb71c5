//! Where a run keeps its hits: not as [`Hit`] values (five strings each, about 500 bytes), but as the very lines
//! of `hits.jsonl`, written as each document is finished. Lines stay in memory up to a limit; past it, everything
//! goes to a temporary file, so memory no longer grows with the corpus.
//!
//! `hits.jsonl` lists documents in doc_id order. Each document has its place in the order the run expects
//! ([`Seq`]: its file, then its rank among the file's documents sorted by doc_id), and its lines are appended only
//! when every document before it is in: a document finished early waits in memory. So in the usual run the store
//! holds `hits.jsonl` exactly as it must be written, and when the temporary file lies in the output folder
//! ([`HitStore::new`] with a folder), [`HitStore::take_file`] hands it over to be renamed into place: no copy, no
//! second write. Whenever the order cannot be kept (waiting documents past the memory limit, a document dropped
//! as a duplicate, a renamed doc_id), the lines are still all there, each document knowing its byte ranges, and
//! `hits.jsonl` is copied range by range in doc_id order instead.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use gwr_core::Hit;
use rayon::prelude::*;

/// Default for [`crate::Settings::hits_in_memory`]: 16 MiB of hit lines (about 45,000 hits) stay in memory.
pub const HITS_IN_MEMORY: u64 = 16 << 20;

/// A document's lines are handed to the store in pieces of this many hits (about 1 MB of lines).
pub const PIECE_HITS: usize = 4096;

/// What the store writes as one line of `hits.jsonl`: a [`Hit`] as JSON, then a line break.
pub(crate) trait HitLine {
    /// Append the line to `out`.
    fn write_line(&self, out: &mut Vec<u8>) -> std::io::Result<()>;
}

impl HitLine for Hit {
    fn write_line(&self, out: &mut Vec<u8>) -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, self)?;
        out.push(b'\n');
        Ok(())
    }
}

impl HitLine for crate::HitRow<'_> {
    fn write_line(&self, out: &mut Vec<u8>) -> std::io::Result<()> {
        crate::HitRow::write_line(self, out)
    }
}

/// A document's place in the order the run expects: (index of its file, rank among the file's documents).
pub(crate) type Seq = (usize, usize);

/// The lines of one document: the place it was stored under, and how many there are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HitLines {
    seq: Option<Seq>,
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
    /// Written at offsets (`pwrite`) by the threads that append, after they release the store's lock.
    File(Arc<File>),
}

/// File writes decided under the store's lock, made once it is released: (offset, bytes). A thread that waits on
/// the disk (page cache allocation, dirty-page throttling) then no longer holds up the others.
type Writes<'a> = Vec<(u64, Cow<'a, [u8]>)>;

/// Write all of `bytes` at `offset` of `file`; threads may call it at once for different ranges.
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
    }
    #[cfg(windows)]
    {
        let (mut bytes, mut offset) = (bytes, offset);
        while !bytes.is_empty() {
            match std::os::windows::fs::FileExt::seek_write(file, bytes, offset) {
                Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
                Ok(n) => (bytes, offset) = (&bytes[n..], offset + n as u64),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
    #[cfg(not(any(unix, windows)))]
    {
        // No positional write: a seek and a write, one thread at a time.
        static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
        let _turn = crate::engine::lock(&ONE_AT_A_TIME);
        let mut file = file;
        file.seek(SeekFrom::Start(offset))?;
        file.write_all(bytes)
    }
}

struct Inner {
    backing: Backing,
    len: u64,
    /// Byte ranges of each document's lines, in order, once they are appended.
    ranges: HashMap<Seq, Vec<(u64, u64)>>,
    order: Order,
    /// The named temporary file in the store's folder, until [`HitStore::take_file`] hands it over.
    path: Option<PathBuf>,
    /// The store made its folder (it removes the folder again if it leaves it empty).
    made_dir: bool,
    /// Syncs the named file to disk while the run goes on, so that little is left to sync when it is handed over.
    syncer: Option<Syncer>,
}

/// Largest single write to the store's file (see [`HitStore::write_unlocked`]).
const WRITE_PIECE: usize = 1 << 20;

/// Bytes appended to the named file between two background syncs.
const SYNC_EVERY: u64 = 16 << 20;

/// A thread that syncs a file's data to disk each time it is asked (the `fsync` of a 68 MB `hits.jsonl` took
/// 45-60 ms at the end of a run; this way most of it is done while the run goes on).
struct Syncer {
    ask: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    /// Bytes appended since the last request, and between two requests.
    unsynced: u64,
    every: u64,
}

impl Syncer {
    fn start(file: &File, every: u64) -> std::io::Result<Syncer> {
        let file = file.try_clone()?;
        let (ask, asked) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            while asked.recv().is_ok() {
                // Requests that came meanwhile are covered by this sync.
                while asked.try_recv().is_ok() {}
                file.sync_data()?;
            }
            Ok(())
        });
        Ok(Syncer { ask: Some(ask), thread: Some(thread), unsynced: 0, every })
    }

    /// `bytes` more were appended: ask for a sync every `every` bytes.
    fn appended(&mut self, bytes: u64) {
        self.unsynced += bytes;
        if self.unsynced >= self.every {
            self.unsynced = 0;
            if let Some(ask) = &self.ask {
                // A thread that stopped on an error reports it in `finish`.
                let _ = ask.send(());
            }
        }
    }

    /// Stop the thread, with the error of a sync that failed.
    fn finish(&mut self) -> std::io::Result<()> {
        self.ask = None;
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => Ok(()),
        }
    }
}

/// Which document's lines go next.
#[derive(Default)]
struct Order {
    next: Seq,
    /// Documents of each file, once the file is read (the order stops at a file not read yet).
    files: HashMap<usize, usize>,
    /// Lines of documents finished before their turn, and whether all of the document's lines are in.
    waiting: BTreeMap<Seq, (Vec<u8>, bool)>,
    waiting_bytes: u64,
    /// Set when waiting lines passed the memory limit: from then on lines are appended as they come.
    given_up: bool,
}

/// Append-only store of hit lines, shared by the worker threads.
pub(crate) struct HitStore {
    inner: Mutex<Inner>,
    memory_max: u64,
    /// Bytes of lines that may wait for their turn before the order is given up.
    waiting_max: u64,
    /// Bytes appended to a named file between two background syncs ([`SYNC_EVERY`]).
    sync_every: u64,
    /// Where the temporary file goes (an anonymous file in the system's temporary folder when `None`).
    dir: Option<PathBuf>,
}

impl HitStore {
    /// A store that keeps up to `memory_max` bytes in memory before it moves everything to a temporary file in
    /// `dir` (created if missing; the file is removed when the store is dropped, unless [`HitStore::take_file`]
    /// handed it over, and so is the folder if the store made it and leaves it empty), or an anonymous one in the
    /// system's temporary folder. Lines may wait for their turn up to `memory_max` or [`HITS_IN_MEMORY`] bytes,
    /// whichever is more.
    pub(crate) fn new(memory_max: u64, dir: Option<PathBuf>) -> HitStore {
        let inner = Inner {
            backing: Backing::Memory(Vec::new()),
            len: 0,
            ranges: HashMap::new(),
            order: Order::default(),
            path: None,
            made_dir: false,
            syncer: None,
        };
        HitStore {
            inner: Mutex::new(inner),
            memory_max,
            waiting_max: memory_max.max(HITS_IN_MEMORY),
            sync_every: SYNC_EVERY,
            dir,
        }
    }

    /// True once the lines have gone to a temporary file.
    pub(crate) fn spilled(&self) -> bool {
        matches!(self.lock().backing, Backing::File(_))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves the bytes as they were: the store stays usable.
        crate::engine::lock(&self.inner)
    }

    /// File `file` holds `documents` documents: their places are `(file, 0..documents)`.
    pub(crate) fn expect_file(&self, file: usize, documents: usize) -> std::io::Result<()> {
        let mut writes = Writes::new();
        let mut inner = self.lock();
        inner.order.files.insert(file, documents);
        self.advance(&mut inner, &mut writes)?;
        self.write_unlocked(inner, writes)
    }

    /// Write the line of `row(item)` (a [`Hit`] or a [`crate::HitRow`]: a [`HitLine`]) for each of `items`, and
    /// store the lines in order as the document at `seq` (every document
    /// of an expected file must be put once, with no items if it has no hits). The lines go to the store in
    /// pieces of [`PIECE_HITS`] hits; a document with more hits than that has its pieces serialized in parallel, a
    /// few at a time (so that no copy of all of a huge document's lines is ever held besides its hits).
    pub(crate) fn put<H: Sync, T: HitLine>(
        &self,
        seq: Seq,
        items: &[H],
        row: impl Fn(&H) -> T + Sync,
    ) -> std::io::Result<HitLines> {
        self.put_lines(seq, items, row, true)?;
        Ok(HitLines { seq: Some(seq), count: items.len() as u64 })
    }

    /// [`HitStore::put`] for a document whose lines come in parts, in order: this part's lines are stored, and
    /// more follow. [`HitStore::finish`] ends the document.
    pub(crate) fn put_part<H: Sync, T: HitLine>(
        &self,
        seq: Seq,
        items: &[H],
        row: impl Fn(&H) -> T + Sync,
    ) -> std::io::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        self.put_lines(seq, items, row, false)
    }

    /// The document at `seq`, whose lines came through [`HitStore::put_part`], is complete with `count` lines.
    pub(crate) fn finish(&self, seq: Seq, count: u64) -> std::io::Result<HitLines> {
        self.place(seq, &[], true)?;
        Ok(HitLines { seq: Some(seq), count })
    }

    /// Store the lines of `items` for the document at `seq` (`done`: they are its last).
    fn put_lines<H: Sync, T: HitLine>(
        &self,
        seq: Seq,
        items: &[H],
        row: impl Fn(&H) -> T + Sync,
        done: bool,
    ) -> std::io::Result<()> {
        let serialize = |piece: &[H]| -> std::io::Result<Vec<u8>> {
            let mut buf = Vec::with_capacity(piece.len() * 400);
            for item in piece {
                row(item).write_line(&mut buf)?;
            }
            Ok(buf)
        };
        if items.len() <= PIECE_HITS {
            return self.place(seq, &serialize(items)?, done);
        }
        // Groups of a few pieces per thread: a group's pieces are appended while the next group is serialized.
        let in_flight = PIECE_HITS * 2 * rayon::current_num_threads();
        let serialize_group =
            |group: &[H]| -> Vec<std::io::Result<Vec<u8>>> { group.par_chunks(PIECE_HITS).map(serialize).collect() };
        let place_group = |pieces: Vec<std::io::Result<Vec<u8>>>, last_group: bool| -> std::io::Result<()> {
            let last = pieces.len().saturating_sub(1);
            for (i, piece) in pieces.into_iter().enumerate() {
                self.place(seq, &piece?, last_group && i == last)?;
            }
            Ok(())
        };
        let mut serialized = None;
        for group in items.chunks(in_flight) {
            let (next, placed) = rayon::join(
                || serialize_group(group),
                || serialized.take().map_or(Ok(()), |pieces| place_group(pieces, false)),
            );
            placed?;
            serialized = Some(next);
        }
        serialized.map_or(Ok(()), |pieces| place_group(pieces, done))
    }

    /// The document at `seq` has no lines (it still takes its turn).
    pub(crate) fn put_none(&self, seq: Seq) -> std::io::Result<()> {
        self.place(seq, &[], true)
    }

    /// Lines of the document at `seq` (`done`: they are its last): appended now if it is the document's turn
    /// (or the order was given up), else kept waiting.
    fn place(&self, seq: Seq, bytes: &[u8], done: bool) -> std::io::Result<()> {
        let mut writes = Writes::new();
        let mut inner = self.lock();
        self.place_locked(&mut inner, seq, bytes, done, &mut writes)?;
        self.write_unlocked(inner, writes)
    }

    /// [`HitStore::place`] under the lock: the file writes it needs go to `writes`.
    fn place_locked<'a>(
        &self,
        inner: &mut Inner,
        seq: Seq,
        bytes: &'a [u8],
        done: bool,
        writes: &mut Writes<'a>,
    ) -> std::io::Result<()> {
        if inner.order.given_up || seq == inner.order.next {
            self.append(inner, seq, Cow::Borrowed(bytes), writes)?;
            if done && seq == inner.order.next {
                inner.order.next.1 += 1;
                self.advance(inner, writes)?;
            }
            return Ok(());
        }
        let order = &mut inner.order;
        let (lines, complete) = order.waiting.entry(seq).or_default();
        lines.extend_from_slice(bytes);
        *complete = done;
        order.waiting_bytes += bytes.len() as u64;
        if order.waiting_bytes > self.waiting_max {
            // Too much is waiting: append everything as it comes; hits.jsonl will be copied in order at the end.
            order.given_up = true;
            let waiting = std::mem::take(&mut order.waiting);
            order.waiting_bytes = 0;
            for (seq, (lines, _)) in waiting {
                self.append(inner, seq, Cow::Owned(lines), writes)?;
            }
        }
        Ok(())
    }

    /// Release the lock, then make the file writes decided under it.
    fn write_unlocked(&self, inner: std::sync::MutexGuard<'_, Inner>, writes: Writes<'_>) -> std::io::Result<()> {
        if writes.is_empty() {
            return Ok(());
        }
        let Backing::File(file) = &inner.backing else {
            unreachable!("writes are only decided once the store has a file");
        };
        let file = Arc::clone(file);
        drop(inner);
        for (offset, bytes) in writes {
            // In pieces: the system locks the file for each write, and one write of the 16 MiB held in memory
            // until the store spills was once seen to keep the other thread's writes waiting about 70 ms (a core
            // idle).
            for (k, piece) in bytes.chunks(WRITE_PIECE).enumerate() {
                write_at(&file, piece, offset + (k * WRITE_PIECE) as u64)?;
            }
        }
        Ok(())
    }

    /// Move the order on past finished documents and files: append the lines of every document whose turn has
    /// come and that was waiting.
    fn advance(&self, inner: &mut Inner, writes: &mut Writes<'_>) -> std::io::Result<()> {
        loop {
            let (file, rank) = inner.order.next;
            match inner.order.files.get(&file) {
                Some(&documents) if rank >= documents => {
                    inner.order.next = (file + 1, 0);
                    continue;
                }
                Some(_) => {}
                None => return Ok(()),
            }
            let Some((lines, complete)) = inner.order.waiting.remove(&(file, rank)) else {
                return Ok(());
            };
            inner.order.waiting_bytes -= lines.len() as u64;
            self.append(inner, (file, rank), Cow::Owned(lines), writes)?;
            if !complete {
                // The rest of its lines come through `place`, now that it is their turn.
                return Ok(());
            }
            inner.order.next.1 += 1;
        }
    }

    /// Give `bytes` the next range of the store, for the document at `seq`: copied now in memory, or written to
    /// the file through `writes`.
    fn append<'a>(
        &self,
        inner: &mut Inner,
        seq: Seq,
        bytes: Cow<'a, [u8]>,
        writes: &mut Writes<'a>,
    ) -> std::io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        let start = inner.len;
        let len = bytes.len() as u64;
        if let Backing::Memory(mem) = &mut inner.backing {
            if start + len > self.memory_max {
                let (file, path) = self.temporary_file(&mut inner.made_dir)?;
                if path.is_some() {
                    inner.syncer = Some(Syncer::start(&file, self.sync_every)?);
                }
                let held = std::mem::take(mem);
                if !held.is_empty() {
                    writes.push((0, Cow::Owned(held)));
                }
                inner.backing = Backing::File(Arc::new(file));
                inner.path = path;
            }
        }
        match &mut inner.backing {
            Backing::Memory(mem) => mem.extend_from_slice(&bytes),
            Backing::File(_) => writes.push((start, bytes)),
        }
        if let Some(syncer) = &mut inner.syncer {
            syncer.appended(len);
        }
        inner.len += len;
        inner.ranges.entry(seq).or_default().push((start, len));
        Ok(())
    }

    /// A new temporary file: named, in the store's folder (`made_dir` set when the folder had to be made), or
    /// anonymous.
    fn temporary_file(&self, made_dir: &mut bool) -> std::io::Result<(File, Option<PathBuf>)> {
        let Some(dir) = &self.dir else {
            return Ok((tempfile::tempfile()?, None));
        };
        if !dir.is_dir() {
            std::fs::create_dir_all(dir)?;
            *made_dir = true;
        }
        // Created like any output file (same permissions), named like the other temporary outputs (hidden,
        // `.tmp-` in the name), under a name no other store or run uses.
        static STORES: AtomicUsize = AtomicUsize::new(0);
        loop {
            let n = STORES.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".hits.jsonl.tmp-{}-{n}", std::process::id()));
            match File::options().read(true).write(true).create_new(true).open(&path) {
                Ok(file) => return Ok((file, Some(path))),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Hand every stored line of `lines` to `out`, in order, a piece at a time.
    pub(crate) fn copy(&self, lines: &HitLines, out: &mut dyn Write) -> std::io::Result<()> {
        let Some(seq) = lines.seq else {
            return Ok(());
        };
        let ranges = self.lock().ranges.get(&seq).cloned().unwrap_or_default();
        let mut buf = Vec::new();
        for (start, len) in ranges {
            let mut inner = self.lock();
            match &mut inner.backing {
                Backing::Memory(mem) => out.write_all(&mem[start as usize..(start + len) as usize])?,
                Backing::File(file) => {
                    let mut file: &File = file;
                    buf.resize(len as usize, 0);
                    file.seek(SeekFrom::Start(start))?;
                    file.read_exact(&mut buf)?;
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

    /// True when the lines of `documents`, one after the other, are every stored byte in store order: the store is
    /// then the content of `hits.jsonl` for that list.
    pub(crate) fn in_order<'a>(&self, documents: impl IntoIterator<Item = &'a HitLines>) -> bool {
        let inner = self.lock();
        let mut at = 0;
        for lines in documents {
            let Some(ranges) = lines.seq.and_then(|seq| inner.ranges.get(&seq)) else {
                continue;
            };
            for &(start, len) in ranges {
                if start != at {
                    return false;
                }
                at += len;
            }
        }
        at == inner.len
    }

    /// The temporary file, synced to disk, to be renamed: when it lies in `dir` and `in_order` (see
    /// [`HitStore::in_order`]) holds. The store keeps reading from it under its new name, and no longer removes it.
    pub(crate) fn take_file(&self, dir: &Path, in_order: bool) -> std::io::Result<Option<PathBuf>> {
        let mut inner = self.lock();
        let ours = inner.path.as_deref().is_some_and(|p| p.parent() == Some(dir));
        if !in_order || !ours {
            return Ok(None);
        }
        if let Some(mut syncer) = inner.syncer.take() {
            syncer.finish()?;
        }
        if let Backing::File(file) = &inner.backing {
            file.sync_all()?;
        }
        Ok(inner.path.take())
    }
}

impl Drop for HitStore {
    fn drop(&mut self) {
        let inner = self.inner.get_mut().unwrap_or_else(|e| e.into_inner());
        if let Some(mut syncer) = inner.syncer.take() {
            let _ = syncer.finish();
        }
        if let Some(path) = inner.path.take() {
            let _ = std::fs::remove_file(&path);
            if let (true, Some(dir)) = (inner.made_dir, &self.dir) {
                // Only succeeds on an empty folder: nothing else went into the one made for the file.
                let _ = std::fs::remove_dir(dir);
            }
        }
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

    fn lines_of(hits: &[Hit]) -> String {
        hits.iter().map(|h| serde_json::to_string(h).unwrap() + "\n").collect()
    }

    fn store_text(store: &HitStore, docs: &[&HitLines]) -> String {
        let mut out = Vec::new();
        for lines in docs {
            store.copy(lines, &mut out).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lines_read_back_whether_in_memory_or_spilled() {
        for memory_max in [0, 300, u64::MAX] {
            let store = HitStore::new(memory_max, None);
            store.expect_file(0, 3).unwrap();
            let a: Vec<Hit> = (0..5).map(|n| hit("a", n)).collect();
            let b: Vec<Hit> = (0..3).map(|n| hit("b", n)).collect();
            let la = store.put((0, 0), &a, Hit::clone).unwrap();
            let le = store.put((0, 1), &[], Hit::clone).unwrap();
            let lb = store.put((0, 2), &b, Hit::clone).unwrap();
            assert_eq!(store.spilled(), memory_max < u64::MAX);
            assert_eq!((la.len(), le.is_empty(), lb.len()), (5, true, 3));
            assert_eq!(store.read(&lb).unwrap(), b);
            assert_eq!(store.read(&la).unwrap(), a);
            assert_eq!(store_text(&store, &[&la]), lines_of(&a));
            assert!(store.in_order([&la, &le, &lb]), "put in order, stored in order");
            assert!(!store.in_order([&lb, &la]), "not the store order");
            assert!(!store.in_order([&la]), "lines left out");
        }
    }

    #[test]
    fn lines_longer_than_a_write_piece_read_back() {
        // The lines held in memory (over one piece) are written at the spill, then a document of about three pieces.
        let store = HitStore::new(WRITE_PIECE as u64 * 3 / 2, None);
        store.expect_file(0, 2).unwrap();
        let small: Vec<Hit> = (0..12_000).map(|n| hit("small", n)).collect();
        let large: Vec<Hit> = (0..30_000).map(|n| hit("large", n)).collect();
        let ls = store.put((0, 0), &small, Hit::clone).unwrap();
        let ll = store.put((0, 1), &large, Hit::clone).unwrap();
        assert!(store.spilled());
        assert!(lines_of(&small).len() > WRITE_PIECE && lines_of(&large).len() > 2 * WRITE_PIECE);
        assert_eq!(store.read(&ll).unwrap(), large);
        assert_eq!(store.read(&ls).unwrap(), small);
        assert_eq!(store_text(&store, &[&ls, &ll]), lines_of(&small) + &lines_of(&large));
    }

    #[test]
    fn documents_finished_early_wait_for_their_turn() {
        // Files 0 and 1 with 3 and 2 documents, finished in a scrambled order, file 1 read before file 0.
        let docs: Vec<Vec<Hit>> = (0..5).map(|d| (0..d + 1).map(|n| hit(&format!("d{d}"), n)).collect()).collect();
        let seqs = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)];
        for (memory_max, waiting_max) in [(u64::MAX, u64::MAX), (0, HITS_IN_MEMORY), (0, 0)] {
            let mut store = HitStore::new(memory_max, None);
            store.waiting_max = waiting_max;
            let mut lines: Vec<Option<HitLines>> = vec![None; 5];
            store.expect_file(1, 2).unwrap();
            for i in [4, 1, 3] {
                lines[i] = Some(store.put(seqs[i], &docs[i], Hit::clone).unwrap());
            }
            store.expect_file(0, 3).unwrap();
            for i in [2, 0] {
                lines[i] = Some(store.put(seqs[i], &docs[i], Hit::clone).unwrap());
            }
            let lines: Vec<&HitLines> = lines.iter().map(|l| l.as_ref().unwrap()).collect();
            // Kept in order while waiting lines fit in their limit (in memory or spilled); past it the order is
            // given up, and the lines are still all there, each document's in its own order.
            assert_eq!(store.in_order(lines.iter().copied()), waiting_max > 0, "waiting limit {waiting_max}");
            assert_eq!(store.spilled(), memory_max == 0);
            assert_eq!(store_text(&store, &lines), docs.iter().map(|d| lines_of(d)).collect::<String>());
        }
    }

    #[test]
    fn a_huge_document_finished_in_pieces_before_its_turn_keeps_the_order() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let big: Vec<Hit> = (0..PIECE_HITS * 5 + 17).map(|n| hit("big", n)).collect();
        let small: Vec<Hit> = (0..3).map(|n| hit("small", n)).collect();
        let store = HitStore::new(u64::MAX, None);
        store.expect_file(0, 2).unwrap();
        let lb = pool.install(|| store.put((0, 1), &big, Hit::clone)).unwrap();
        let ls = store.put((0, 0), &small, Hit::clone).unwrap();
        assert!(store.in_order([&ls, &lb]));
        assert_eq!(store_text(&store, &[&ls, &lb]), lines_of(&small) + &lines_of(&big));
    }

    #[test]
    fn the_file_in_the_output_folder_is_handed_over_or_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let a: Vec<Hit> = (0..50).map(|n| hit("a", n)).collect();
        for take in [true, false] {
            let mut store = HitStore::new(100, Some(dir.clone()));
            // A background sync at every append.
            store.sync_every = 1;
            store.expect_file(0, 1).unwrap();
            let la = store.put((0, 0), &a, Hit::clone).unwrap();
            assert!(store.spilled());
            let listed = || std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
            assert_eq!(listed(), 1, "the store's file is in the folder");
            assert_eq!(store.take_file(tmp.path(), true).unwrap(), None, "another folder");
            assert_eq!(store.take_file(&dir, false).unwrap(), None, "not in order");
            if take {
                let path = store.take_file(&dir, store.in_order([&la])).unwrap().expect("handed over");
                assert_eq!(std::fs::read_to_string(&path).unwrap(), lines_of(&a));
                drop(store);
                assert!(path.exists(), "a file handed over stays");
                std::fs::remove_file(path).unwrap();
                std::fs::remove_dir(&dir).unwrap();
            } else {
                drop(store);
                assert!(!dir.exists(), "the file and the folder made for it are removed");
            }
        }
        // A folder that was there before stays.
        std::fs::create_dir_all(&dir).unwrap();
        let store = HitStore::new(0, Some(dir.clone()));
        store.expect_file(0, 1).unwrap();
        store.put((0, 0), &a, Hit::clone).unwrap();
        drop(store);
        assert!(dir.is_dir() && std::fs::read_dir(&dir).unwrap().count() == 0);
    }

    #[test]
    fn a_document_with_many_pieces_keeps_its_lines_in_order() {
        let many: Vec<Hit> = (0..PIECE_HITS * 5 + 17).map(|n| hit("big", n)).collect();
        let want = lines_of(&many);
        for memory_max in [0, u64::MAX] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
            let store = HitStore::new(memory_max, None);
            store.expect_file(0, 1).unwrap();
            let lines = pool.install(|| store.put((0, 0), &many, Hit::clone)).unwrap();
            assert_eq!(lines.len(), many.len() as u64);
            let ranges = store.lock().ranges[&(0, 0)].len();
            assert_eq!(ranges, 6, "one range per piece of {PIECE_HITS} hits");
            assert_eq!(store_text(&store, &[&lines]), want);
        }
    }
}
