//! The app's state as a Yew [`Reducible`]: every change goes through [`Action`].

use super::action::{Action, CopyFormat, CopyStatus};
use super::analysis::Analysis;
use super::protocol::{BatchView, Node, Reply};
use crate::i18n::Localizer;
use std::rc::Rc;
use yew::Reducible;

/// Texts from files larger than this (bytes) are not put into the text area.
pub const EDITOR_LIMIT: usize = 1024 * 1024;

/// Where the analysis of the current text stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// No text.
    Empty,
    /// Waiting for the user to stop typing, or for the locale bundle.
    Waiting,
    /// Running in the engine; `progress` shows a progress bar (a large input, or the engine
    /// is still starting).
    Running {
        /// Show a progress bar.
        progress: bool,
    },
    /// Finished.
    Done,
    /// The engine or the locale bundle failed.
    Failed,
}

/// A batch of messages: its latest view from the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// Its number.
    pub id: u64,
    /// It is over (all analysed, or cancelled).
    pub finished: bool,
    /// Its status line.
    pub status: String,
    /// The label of the button back to it.
    pub back: String,
    /// What to show.
    pub view: Rc<Node>,
}

/// The whole state of the page.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The input text.
    pub text: Rc<str>,
    /// Bumped on every text change, so late results for old text are ignored.
    pub generation: u64,
    /// Bumped when the text changes from outside the text area (example, file, clear), so the
    /// text area is updated; typing never writes the (possibly huge) text back into it.
    pub external_generation: u64,
    /// True when the current text came from outside the text area (example, file).
    pub text_external: bool,
    /// Whether the current text should be analysed without the typing debounce.
    pub immediate: bool,
    /// The active localizer.
    pub loc: Rc<Localizer>,
    /// True once the explanation messages for `loc` are loaded (not only the UI ones).
    pub loc_full: bool,
    /// True when the explanation messages could not be loaded.
    pub loc_failed: bool,
    /// Analysis progress.
    pub phase: Phase,
    /// The latest result (kept while a new one runs, so the page does not flicker).
    pub analysis: Option<Rc<Analysis>>,
    /// Milliseconds the latest analysis took.
    pub elapsed_ms: Option<f64>,
    /// Copy format.
    pub copy_format: CopyFormat,
    /// Result of the last copy.
    pub copy_status: Option<CopyStatus>,
    /// The last dropped or opened file could not be read.
    pub file_failed: bool,
    /// Mask addresses, IPs and host names before copying or sharing.
    pub redact: bool,
    /// Result of the last "copy link".
    pub link_status: Option<CopyStatus>,
    /// The batch asked of the engine and not yet started (0: none).
    pub batch_pending: u64,
    /// The latest batch.
    pub batch: Option<Rc<Batch>>,
    /// True while a single text is shown instead of the batch.
    pub batch_hidden: bool,
    /// Explain the text as one message even if it starts like an mbox (the engine found one
    /// message only, or it is one of a batch's messages).
    pub single_only: bool,
}

impl AppState {
    /// A fresh state with the given (UI-only) localizer.
    pub fn new(loc: Rc<Localizer>) -> AppState {
        AppState {
            text: Rc::from(""),
            generation: 0,
            external_generation: 0,
            text_external: false,
            immediate: false,
            loc,
            loc_full: false,
            loc_failed: false,
            phase: Phase::Empty,
            analysis: None,
            elapsed_ms: None,
            copy_format: CopyFormat::default(),
            copy_status: None,
            file_failed: false,
            redact: false,
            link_status: None,
            batch_pending: 0,
            batch: None,
            batch_hidden: false,
            single_only: false,
        }
    }

    /// The language of the active localizer.
    pub fn lang(&self) -> &str {
        self.loc.lang()
    }

    /// True when the text is too large to put into the text area (browsers take seconds to lay
    /// out megabytes there): it is analysed and shown as excerpts, but not put in the editor.
    pub fn text_hidden_from_editor(&self) -> bool {
        self.text_external && self.text.len() > EDITOR_LIMIT
    }

    /// The result to show: only one made for the current text and locale.
    pub fn current(&self) -> Option<&Rc<Analysis>> {
        if self.text.trim().is_empty() {
            return None;
        }
        self.analysis.as_ref()
    }
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.external_generation == other.external_generation
            && self.text_external == other.text_external
            && Rc::ptr_eq(&self.text, &other.text)
            && Rc::ptr_eq(&self.loc, &other.loc)
            && self.loc_full == other.loc_full
            && self.loc_failed == other.loc_failed
            && self.phase == other.phase
            && self.analysis == other.analysis
            && self.copy_format == other.copy_format
            && self.copy_status == other.copy_status
            && self.file_failed == other.file_failed
            && self.redact == other.redact
            && self.link_status == other.link_status
            && self.batch_pending == other.batch_pending
            && self.batch == other.batch
            && self.batch_hidden == other.batch_hidden
            && self.single_only == other.single_only
    }
}

impl AppState {
    /// The state after a batch reply; `None` when the reply is for a batch no longer wanted.
    fn batch_reply(mut self, reply: Reply) -> Option<AppState> {
        match reply {
            Reply::BatchView {
                batch: id,
                view:
                    BatchView {
                        finished,
                        status,
                        back,
                        tree: view,
                    },
            } => {
                let first = id == self.batch_pending && self.batch.as_ref().is_none_or(|b| b.id != id);
                if !first && self.batch.as_ref().is_none_or(|b| b.id != id) {
                    return None;
                }
                if first {
                    self.batch_hidden = false;
                }
                if finished && id == self.batch_pending {
                    self.batch_pending = 0;
                    self.phase = Phase::Done;
                }
                self.batch = Some(Rc::new(Batch {
                    id,
                    finished,
                    status,
                    back,
                    view: Rc::new(view),
                }));
            }
            Reply::BatchSingle { batch: id } if id == self.batch_pending => {
                // Not a batch after all: explain the text as one message.
                self.batch_pending = 0;
                self.single_only = true;
                self.generation += 1;
                self.immediate = true;
                self.phase = if self.text.trim().is_empty() {
                    Phase::Empty
                } else {
                    Phase::Waiting
                };
            }
            _ => return None,
        }
        Some(self)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetText {
                text,
                immediate,
                external,
            } => {
                s.generation += 1;
                s.file_failed = false;
                if external {
                    s.external_generation += 1;
                }
                s.text_external = external;
                s.immediate = immediate;
                s.batch_pending = 0;
                s.batch_hidden = true;
                s.single_only = false;
                s.copy_status = None;
                if text.trim().is_empty() {
                    s.phase = Phase::Empty;
                    s.analysis = None;
                    s.elapsed_ms = None;
                } else {
                    s.phase = Phase::Waiting;
                }
                s.text = text;
            }
            Action::Clear => {
                s.batch = None;
                s.batch_pending = 0;
                s.generation += 1;
                s.external_generation += 1;
                s.text_external = false;
                s.text = Rc::from("");
                s.phase = Phase::Empty;
                s.analysis = None;
                s.elapsed_ms = None;
                s.copy_status = None;
            }
            Action::SetLocale { loc, full } => {
                if full && loc.lang() != s.loc.lang() {
                    // A late bundle for a locale the user has already left.
                    return self;
                }
                let changed = loc.lang() != s.loc.lang();
                s.loc = loc;
                s.loc_full = full;
                s.loc_failed = false;
                s.copy_status = None;
                if (changed || full) && !s.text.trim().is_empty() {
                    // Re-explain the same text in the new locale; a new generation drops old results.
                    s.generation += 1;
                    s.immediate = true;
                    s.phase = Phase::Waiting;
                }
            }
            Action::LocaleFailed => s.loc_failed = true,
            Action::AnalysisStarted { generation, progress } => {
                if generation == s.generation {
                    s.phase = Phase::Running { progress };
                }
            }
            Action::AnalysisDone {
                generation,
                analysis,
                elapsed_ms,
            } => {
                if generation != s.generation {
                    return self;
                }
                s.phase = Phase::Done;
                s.analysis = Some(analysis);
                s.elapsed_ms = Some(elapsed_ms);
            }
            Action::AnalysisFailed { generation } => {
                if generation != s.generation {
                    return self;
                }
                s.phase = Phase::Failed;
            }
            Action::SetCopyFormat(f) => {
                s.copy_format = f;
                s.copy_status = None;
            }
            Action::Copied(st) => s.copy_status = Some(st),
            Action::FileFailed => s.file_failed = true,
            Action::SetRedact(on) => {
                s.redact = on;
                s.copy_status = None;
                s.link_status = None;
            }
            Action::LinkCopied(st) => s.link_status = Some(st),
            Action::BatchRequested {
                id,
                clear_text,
                generation,
            } => {
                if generation.is_some_and(|g| g != s.generation) {
                    return self;
                }
                s.batch_pending = id;
                if clear_text {
                    s.generation += 1;
                    s.external_generation += 1;
                    s.text_external = false;
                    s.text = Rc::from("");
                    s.analysis = None;
                    s.phase = Phase::Running { progress: false };
                }
            }
            Action::Batch(reply) => return s.batch_reply(reply).map_or(self, Rc::new),
            Action::OpenBatchMessage(text) => {
                s.generation += 1;
                s.external_generation += 1;
                s.text_external = true;
                s.immediate = true;
                s.copy_status = None;
                s.phase = Phase::Waiting;
                s.text = text;
                s.batch_hidden = true;
                s.single_only = true;
            }
            Action::ShowBatch => s.batch_hidden = false,
        }
        Rc::new(s)
    }
}
