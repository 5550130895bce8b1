//! Everything that can change the app's state, as one explicit enum (see [`super::state`]).

use super::analysis::Analysis;
use super::protocol::Reply;
use crate::i18n::Localizer;
use std::rc::Rc;

/// How "Copy explanation" formats the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CopyFormat {
    /// Plain text, as the CLI prints it.
    #[default]
    Plain,
    /// Markdown, for a ticket.
    Markdown,
}

/// The outcome of the last copy, announced to screen readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyStatus {
    /// Copied to the clipboard.
    Copied,
    /// The browser refused.
    Failed,
    /// The text is too long for a link.
    TooLong,
}

/// A state change.
#[derive(Debug, Clone)]
pub enum Action {
    /// The input text changed (typed, pasted, dropped, opened or an example); `immediate`
    /// skips the typing debounce (paste, drop, file, example).
    SetText {
        /// The new text.
        text: Rc<str>,
        /// Analyse without waiting for more typing.
        immediate: bool,
        /// True when the text did not come from typing in the text area (example, file), so
        /// the text area must be updated to show it.
        external: bool,
    },
    /// Empties the input.
    Clear,
    /// A dropped or opened file could not be read.
    FileFailed,
    /// The UI locale changed; `full` says whether the explanation bundle is loaded too.
    SetLocale {
        /// The localizer.
        loc: Rc<Localizer>,
        /// True when it holds every message, not only the UI ones.
        full: bool,
    },
    /// The explanation bundle for the current locale failed to load.
    LocaleFailed,
    /// An analysis of input generation `generation` started.
    AnalysisStarted {
        /// Input generation.
        generation: u64,
        /// Show a progress bar: the input is large, or the engine is still starting.
        progress: bool,
    },
    /// An analysis finished.
    AnalysisDone {
        /// Input generation it belongs to (stale results are dropped).
        generation: u64,
        /// The result.
        analysis: Rc<Analysis>,
        /// Milliseconds from start to result.
        elapsed_ms: f64,
    },
    /// The engine failed (it crashed, or could not be started).
    AnalysisFailed {
        /// Input generation.
        generation: u64,
    },
    /// Copy format chosen.
    SetCopyFormat(CopyFormat),
    /// A copy finished.
    Copied(CopyStatus),
    /// The "redact before copying or sharing" switch.
    SetRedact(bool),
    /// Copying the share link finished.
    LinkCopied(CopyStatus),
    /// A batch (many messages: an mbox, several files) was sent to the engine as `id`;
    /// `clear_text` when its messages are not in the text area (dropped or opened files).
    BatchRequested {
        /// The batch's number.
        id: u64,
        /// Empty the input.
        clear_text: bool,
        /// The input generation whose text it is (dropped if the text has changed since);
        /// `None` for files.
        generation: Option<u64>,
    },
    /// A batch reply from the engine (started, progress, done, or "one message only").
    Batch(Reply),
    /// One of the batch's messages, to explain alone (the batch view is hidden, not dropped).
    OpenBatchMessage(Rc<str>),
    /// Back to the batch view.
    ShowBatch,
}
