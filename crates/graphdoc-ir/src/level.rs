//! Lint levels, as rustc and clippy have them: each code is allowed (not
//! shown), warned about, or denied (an error, failing the run). A code has
//! a default level ([`Code::default_level`]); a repository's `graphdoc.toml`
//! and the command line change it per code, or for every warning at once.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Code, Diagnostic, Severity};

/// How a code's findings are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not shown.
    Allow,
    /// Shown, with the code's own severity (a note stays a note).
    Warn,
    /// Shown as an error: the run fails.
    Deny,
}

impl Level {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a level applies to: one code, or every finding shown as a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LintName {
    Code(Code),
    /// `warnings`: every finding that would be shown as a warning.
    Warnings,
}

impl LintName {
    /// `GD0203` (any case) or `warnings`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("warnings") {
            return Some(LintName::Warnings);
        }
        Code::parse(&s.to_ascii_uppercase()).map(LintName::Code)
    }
}

impl fmt::Display for LintName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LintName::Code(c) => write!(f, "{c}"),
            LintName::Warnings => f.write_str("warnings"),
        }
    }
}

/// The levels in force: the codes' defaults, overridden in order (a
/// repository's configuration, then the command line; a later setting wins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    codes: BTreeMap<Code, Level>,
    warnings: Option<Level>,
}

impl Levels {
    /// Sets the level of a code, or of all warnings.
    pub fn set(&mut self, name: LintName, level: Level) {
        match name {
            LintName::Code(code) => {
                self.codes.insert(code, level);
            }
            LintName::Warnings => self.warnings = Some(level),
        }
    }

    /// The level of a code, before the `warnings` group.
    pub fn of(&self, code: Code) -> Level {
        self.codes
            .get(&code)
            .copied()
            .unwrap_or_else(|| code.default_level())
    }

    /// The severity a finding is shown with, or `None` when it is not shown.
    pub fn severity(&self, d: &Diagnostic) -> Option<Severity> {
        let shown = match self.of(d.code) {
            Level::Allow => return None,
            Level::Deny => Severity::Error,
            Level::Warn => d.severity.min(Severity::Warning),
        };
        match (shown, self.warnings) {
            (Severity::Warning, Some(Level::Allow)) => None,
            (Severity::Warning, Some(Level::Deny)) => Some(Severity::Error),
            _ => Some(shown),
        }
    }

    /// The findings shown at these levels, with the severity they are shown with.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter_map(|mut d| {
                d.severity = self.severity(&d)?;
                Some(d)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: Code) -> Diagnostic {
        Diagnostic::new(code, "p.md", 1, 1, "m")
    }

    #[test]
    fn defaults_then_overrides_then_the_warnings_group() {
        let mut levels = Levels::default();
        let warn = finding(Code::UnknownExampleProperty);
        let note = finding(Code::PlaceholderValue);
        assert_eq!(levels.severity(&warn), Some(Severity::Warning));
        levels.set(LintName::Warnings, Level::Deny);
        assert_eq!(levels.severity(&warn), Some(Severity::Error));
        assert_eq!(
            levels.severity(&note),
            Some(Severity::Info),
            "notes are no warnings"
        );
        levels.set(LintName::Code(Code::UnknownExampleProperty), Level::Allow);
        assert_eq!(levels.severity(&warn), None, "allowed is not a warning");
        levels.set(LintName::Code(Code::PlaceholderValue), Level::Deny);
        assert_eq!(levels.severity(&note), Some(Severity::Error));
        let shown = levels.apply(vec![warn, note]);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].severity, Severity::Error);
    }

    #[test]
    fn names_parse() {
        assert_eq!(
            LintName::parse("gd0203"),
            Some(LintName::Code(Code::UnknownExampleProperty))
        );
        assert_eq!(LintName::parse("Warnings"), Some(LintName::Warnings));
        assert_eq!(LintName::parse("GD9999"), None);
        assert_eq!(Level::parse("DENY"), Some(Level::Deny));
        assert_eq!(Level::parse("forbid"), None);
    }
}
