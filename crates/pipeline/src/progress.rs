//! Progress on stderr: an indicatif bar when stderr is a terminal, nothing otherwise.

use std::io::IsTerminal;

/// Whether to show a progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar when stderr is a terminal, none when it is piped or redirected.
    #[default]
    Auto,
    /// Never a bar (`--quiet`).
    Hidden,
}

/// A progress bar over the bytes of the input files, or a do-nothing stand-in.
pub(crate) struct Progress {
    #[cfg(feature = "progress")]
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub(crate) fn new(mode: ProgressMode, total_bytes: u64) -> Progress {
        let show = mode == ProgressMode::Auto && std::io::stderr().is_terminal();
        #[cfg(feature = "progress")]
        {
            let bar = show.then(|| {
                let bar = indicatif::ProgressBar::new(total_bytes);
                let style = indicatif::ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg}",
                )
                .expect("progress template is valid");
                bar.set_style(style);
                bar
            });
            Progress { bar }
        }
        #[cfg(not(feature = "progress"))]
        {
            let _ = (show, total_bytes);
            Progress {}
        }
    }

    /// One input file done: `bytes` of it, `docs` documents so far.
    pub(crate) fn file_done(&self, bytes: u64, docs: u64) {
        #[cfg(feature = "progress")]
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            bar.set_message(format!("{docs} documents"));
        }
        #[cfg(not(feature = "progress"))]
        let _ = (bytes, docs);
    }

    pub(crate) fn finish(&self) {
        #[cfg(feature = "progress")]
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
