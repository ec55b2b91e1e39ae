//! What every handler shares: the store and the reader's settings, behind one `Arc`.

use std::sync::Arc;

use marsad_store::Store;

use crate::MonthNames;

/// The shared state of the web app.
pub struct AppState {
    /// Where articles and the search index live.
    pub store: Store,
    /// Which Arabic month names dates use.
    pub months: MonthNames,
}

/// The state as handlers receive it.
pub type SharedState = Arc<AppState>;
