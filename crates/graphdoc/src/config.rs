//! A docs repository's `graphdoc.toml`: lint levels for the repository,
//! found by walking up from the inputs, as Cargo finds `Cargo.toml`.
//!
//! ```toml
//! [lints]
//! GD0108 = "warn"    # report unannotated examples, off by default
//! GD0203 = "deny"    # a missing table row fails the run
//! warnings = "deny"  # every warning fails the run
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use graphdoc_ir::{Level, Levels, LintName};
use serde::Deserialize;

use crate::Error;

/// The file name looked for.
pub const CONFIG_FILE: &str = "graphdoc.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    lints: BTreeMap<String, String>,
}

/// The `graphdoc.toml` in the directory of `input` (itself, when it is a
/// directory) or the nearest one above it.
pub fn find(input: &Path) -> Option<PathBuf> {
    let start = if input.is_dir() {
        input.to_path_buf()
    } else {
        input.parent()?.to_path_buf()
    };
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file())
}

/// The levels in force for a run over `inputs`: each code's default, then
/// the configuration (`config`, else the `graphdoc.toml` found above the
/// first input), then `flags` (`-A/-W/-D CODE`) in the order given.
pub fn resolve(
    inputs: &[PathBuf],
    config: Option<&Path>,
    flags: &[(String, Level)],
) -> Result<Levels, Error> {
    let mut resolved = Levels::default();
    let file = match config {
        Some(path) => Some(path.to_path_buf()),
        None => inputs.first().and_then(|i| find(i)),
    };
    if let Some(file) = file {
        for (name, level) in levels(&file)? {
            resolved.set(name, level);
        }
    }
    for (name, level) in flags {
        let lint = LintName::parse(name).ok_or_else(|| Error::UnknownLint(name.clone()))?;
        resolved.set(lint, *level);
    }
    Ok(resolved)
}

/// The levels a configuration file sets, in the file's order.
pub fn levels(path: &Path) -> Result<Vec<(LintName, Level)>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let bad = |why: String| Error::Config {
        path: crate::input::display_path(path),
        why,
    };
    let file: File = toml::from_str(&text).map_err(|e| bad(e.to_string()))?;
    file.lints
        .iter()
        .map(|(name, level)| {
            let lint = LintName::parse(name).ok_or_else(|| {
                bad(format!(
                    "`{name}` is no graphdoc code (GDnnnn) nor `warnings`"
                ))
            })?;
            let level = Level::parse(level).ok_or_else(|| {
                bad(format!(
                    "`{name} = \"{level}\"`: the level is allow, warn or deny"
                ))
            })?;
            Ok((lint, level))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_ir::Code;

    #[test]
    fn found_by_walking_up_and_read() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("api-reference/v1.0/api");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "[lints]\nGD0203 = \"deny\"\nwarnings = \"allow\"\n",
        )
        .unwrap();
        let found = find(&docs).expect("found above the input");
        assert_eq!(
            levels(&found).unwrap(),
            [
                (LintName::Code(Code::UnknownExampleProperty), Level::Deny),
                (LintName::Warnings, Level::Allow)
            ]
        );
        std::fs::write(&found, "[lints]\nGD9999 = \"deny\"\n").unwrap();
        let err = levels(&found).unwrap_err().to_string();
        assert!(
            err.contains("graphdoc.toml") && err.contains("GD9999"),
            "{err}"
        );
        std::fs::write(&found, "[lints\n").unwrap();
        let err = levels(&found).unwrap_err().to_string();
        assert!(err.contains("line 1"), "{err}");
    }
}
