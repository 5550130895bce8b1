//! The app state handle shared through a Yew context.

use crate::web::state::AppState;
use yew::prelude::*;

/// The reducer handle every component reads and dispatches to.
pub type AppHandle = UseReducerHandle<AppState>;

/// The app state from context. Panics only if a component is used outside `App`, which
/// is a programming error caught by the first render in any test.
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("components are rendered inside App's ContextProvider")
}
