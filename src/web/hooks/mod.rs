//! Custom hooks: the app context, locale loading and debounced analysis.

mod use_analysis;
mod use_app;
mod use_embedding;
mod use_locale_loader;

pub use use_analysis::{start_batch, use_analysis, TYPING_DEBOUNCE_MS};
pub use use_app::{use_app, AppHandle};
pub use use_embedding::use_embedding;
pub use use_locale_loader::use_locale_loader;
