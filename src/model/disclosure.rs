//! Small-number protection: the `[disclosure]` settings and what a run suppressed. The rules
//! themselves are in `crate::disclosure`; presenting reads this to print `[c]` and say why.

use serde::{Deserialize, Serialize};

/// The symbol of a suppressed cell: the Government Statistical Service's "confidential".
pub const CONFIDENTIAL: &str = "[c]";

/// The smallest group the published outputs may break down, by default.
pub const DEFAULT_THRESHOLD: u64 = 5;

/// The `[disclosure]` table of `evalboard.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// The smallest group (respondents of a session, members of a cohort or role, members
    /// rating a statement, comments on a question) whose figures are published. `1` switches
    /// protection off.
    #[serde(default = "default_threshold")]
    pub threshold: u64,
}

fn default_threshold() -> u64 {
    DEFAULT_THRESHOLD
}

impl Default for Disclosure {
    fn default() -> Disclosure {
        Disclosure {
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// The `dimension` of suppressed sessions.
pub const SESSION: &str = "session";
/// The `dimension` of a question with too few comments to theme.
pub const COMMENTS: &str = "question's comments";
/// The `group` of the suppressed total of all sessions.
pub const ALL_SESSIONS: &str = "all sessions";

/// Why a group's figures are not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    /// The group is smaller than the threshold.
    Primary,
    /// The group is large enough, but its figures and a total would give away a suppressed
    /// group's.
    Secondary,
}

/// One group whose figures are shown as [`CONFIDENTIAL`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Suppressed {
    /// What the group is one of: `session`, `cohort`, `role`, `level`, `statement`, `theme`,
    /// `question's comments`.
    pub dimension: String,
    /// The group, with the level or wave it was counted at where that matters.
    pub group: String,
    pub reason: Reason,
}

/// What the protection did in a run.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Protection {
    pub threshold: u64,
    pub suppressed: Vec<Suppressed>,
}

impl Protection {
    /// Whether the figures of `group`, one of `dimension`, are suppressed.
    pub fn hides(&self, dimension: &str, group: &str) -> bool {
        self.suppressed
            .iter()
            .any(|s| s.dimension == dimension && s.group == group)
    }

    /// `figure`, or [`CONFIDENTIAL`] when the session's figures are suppressed.
    /// (`overall` is the group of all sessions.)
    pub fn session_figure(&self, session: &str, figure: String) -> String {
        let group = if session == super::col::OVERALL {
            ALL_SESSIONS
        } else {
            session
        };
        if self.hides(SESSION, group) {
            CONFIDENTIAL.to_string()
        } else {
            figure
        }
    }

    pub fn count(&self, reason: Reason) -> usize {
        self.suppressed
            .iter()
            .filter(|s| s.reason == reason)
            .count()
    }
}
