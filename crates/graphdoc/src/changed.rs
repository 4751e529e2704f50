//! Which pages a change touches: from git (`--changed-since REV`) or as
//! given (`--only PATH...`). The whole tree is still read for context;
//! findings are shown only where they concern these pages.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use graphdoc_ir::Diagnostic;

use crate::Error;

/// A set of pages, by canonical path.
#[derive(Debug, Clone, Default)]
pub struct Pages {
    canonical: BTreeSet<PathBuf>,
}

impl Pages {
    /// The pages at these paths (files that do not exist are dropped: a
    /// deleted page has no findings).
    pub fn new(paths: impl IntoIterator<Item = PathBuf>) -> Self {
        Self {
            canonical: paths
                .into_iter()
                .filter_map(|p| std::fs::canonicalize(p).ok())
                .collect(),
        }
    }

    pub fn contains(&self, path: &str) -> bool {
        std::fs::canonicalize(path).is_ok_and(|p| self.canonical.contains(&p))
    }

    pub fn len(&self) -> usize {
        self.canonical.len()
    }

    pub fn is_empty(&self) -> bool {
        self.canonical.is_empty()
    }

    /// Whether a finding concerns these pages: it is on one, or names one
    /// (a row missing from a table, on the example that shows it).
    pub fn concern(&self, d: &Diagnostic) -> bool {
        self.contains(&d.file) || d.related.iter().any(|r| self.contains(&r.file))
    }
}

/// The files changed since `rev` in the git repository holding `near`:
/// committed, staged, unstaged and untracked.
pub fn since(rev: &str, near: &Path) -> Result<Pages, Error> {
    let dir = if near.is_dir() {
        near.to_path_buf()
    } else {
        near.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let git = |args: &[&str]| -> Result<String, Error> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(args)
            .output()
            .map_err(|e| Error::Git(format!("running git: {e}")))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(Error::Git(format!(
                "`git {}` in {}: {}",
                args.join(" "),
                dir.display(),
                err.trim()
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?.trim());
    let mut files: Vec<PathBuf> = Vec::new();
    let changed = git(&["diff", "--name-only", "--no-renames", rev, "--"])?;
    let untracked = git(&["ls-files", "--others", "--exclude-standard", "--full-name"])?;
    for line in changed.lines().chain(untracked.lines()) {
        if !line.trim().is_empty() {
            files.push(top.join(line.trim()));
        }
    }
    Ok(Pages::new(files))
}
