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
use std::rc::Rc;

/// The active localizer as a component's property: equal when it is the same one (a locale
/// switch makes a new one), so a component re-renders exactly when its texts change.
#[derive(Clone)]
pub struct Loc(pub Rc<Localizer>);

impl PartialEq for Loc {
    fn eq(&self, other: &Loc) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Loc {
    type Target = Localizer;
    fn deref(&self) -> &Localizer {
        &self.0
    }
}

/// A UI message without arguments.
pub fn t(loc: &Localizer, id: &str) -> String {
    loc.msg(id, &[])
}

/// A UI message with named arguments (numbers as decimal strings select plural forms).
pub fn ta(loc: &Localizer, id: &str, args: &[(&str, String)]) -> String {
    loc.msg(id, args)
}
