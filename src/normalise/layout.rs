//! The layout of one sheet once the survey is resolved: the role of each column, or, for a
//! tally sheet, its columns and which survey question each of its question texts is.

use super::columns::{Role, TallyColumns};
use std::collections::HashMap;

pub struct Layout {
    /// One role per column (empty for a tally sheet).
    pub roles: Vec<Role>,
    /// Set for a tally sheet.
    pub tally: Option<TallyLayout>,
}

pub struct TallyLayout {
    pub columns: TallyColumns,
    /// Question text (matching key) -> survey question index.
    pub questions: HashMap<String, usize>,
}

impl Layout {
    pub fn column_of(&self, role: &Role) -> Option<usize> {
        self.roles.iter().position(|r| r == role)
    }
}
