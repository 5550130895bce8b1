//! The Yew function components, one per file.

pub mod app;
pub mod batch_view;
pub mod copy_panel;
pub mod dns_panel;
pub mod empty_state;
pub mod examples_menu;
pub mod facts_table;
pub mod header;
pub mod hop_diagram;
pub mod input_panel;
pub mod locale_switch;
pub mod recipient_section;
pub mod results;
pub mod source_view;
pub mod status_line;
pub mod summary;
pub mod update_banner;

use crate::i18n::Localizer;

/// A UI message without arguments.
pub fn t(loc: &Localizer, id: &str) -> String {
    loc.msg(id, &[])
}

/// A UI message with named arguments (numbers as decimal strings select plural forms).
pub fn ta(loc: &Localizer, id: &str, args: &[(&str, String)]) -> String {
    loc.msg(id, args)
}
