//! Writing a generated tree safely: all or nothing, never outside the output
//! directory, and a `--check` mode that writes nothing.
//!
//! The output directory may hold files graphdoc does not own (a hand-written
//! test, insta snapshots). graphdoc owns exactly the files listed in the
//! manifest it writes beside them, so a later run can remove what it no longer
//! generates without touching anything else.
//!
//! A write is a small transaction: every changed file is first written into a
//! staging directory; a `COMMITTED` marker is then created atomically; only
//! then are the staged files renamed into place. A run interrupted before the
//! marker leaves the previous tree as it was (the staging directory is
//! discarded by the next run); a run interrupted after it is rolled forward by
//! the next run.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;

/// The file listing what graphdoc generated in an output directory.
pub const MANIFEST: &str = ".graphdoc-manifest";
const STAGING: &str = ".graphdoc-staging";
const COMMITTED: &str = "COMMITTED";

/// A file to write: a relative `/`-separated path and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// What a write changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
}

/// How a checked-in tree differs from a fresh generation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Files whose contents differ.
    pub changed: Vec<String>,
    /// Files that would be created.
    pub missing: Vec<String>,
    /// Files graphdoc generated before but would now remove.
    pub extra: Vec<String>,
}

impl Staleness {
    pub fn is_fresh(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

impl std::fmt::Display for Staleness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let groups = [
            ("changed", &self.changed),
            ("missing", &self.missing),
            ("no longer generated", &self.extra),
        ];
        for (label, paths) in groups {
            for path in paths {
                writeln!(f, "  {label}: {path}")?;
            }
        }
        Ok(())
    }
}

/// Checks that a generated path stays inside the output directory: relative,
/// no `..`, `.`, empty or drive components, and only portable file-name characters.
pub fn validate_relative_path(path: &str) -> Result<(), Error> {
    let unsafe_path = |why: &str| {
        Err(Error::UnsafePath {
            path: path.to_string(),
            why: why.to_string(),
        })
    };
    if path.is_empty() {
        return unsafe_path("empty path");
    }
    if path.starts_with('/') {
        return unsafe_path("absolute path");
    }
    for component in path.split('/') {
        match component {
            "" => return unsafe_path("empty path component"),
            "." | ".." => return unsafe_path("relative path component"),
            _ => {}
        }
        if !component
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return unsafe_path("characters outside [A-Za-z0-9_.-]");
        }
    }
    Ok(())
}

/// Compares `files` with what `out` holds. Writes nothing.
pub fn check_tree(out: &Path, files: &[OutputFile]) -> Result<Staleness, Error> {
    use rayon::prelude::*;
    validate_all(files)?;
    let mut staleness = Staleness::default();
    // Read and compared on all cores, reported in order.
    let found: Vec<std::io::Result<bool>> = files
        .par_iter()
        .map(|file| fs::read(out.join(&file.path)).map(|e| e == file.contents.as_bytes()))
        .collect();
    for (file, found) in files.iter().zip(found) {
        match found {
            Ok(true) => {}
            Ok(false) => staleness.changed.push(file.path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                staleness.missing.push(file.path.clone())
            }
            Err(e) => return Err(Error::io(&out.join(&file.path), e)),
        }
    }
    let manifest = manifest_text(files);
    match fs::read_to_string(out.join(MANIFEST)) {
        Ok(existing) if existing == manifest => {}
        Ok(_) => staleness.changed.push(MANIFEST.to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            staleness.missing.push(MANIFEST.to_string())
        }
        Err(e) => return Err(Error::io(&out.join(MANIFEST), e)),
    }
    staleness.extra = removed_paths(out, files)?;
    Ok(staleness)
}

/// Makes `out` hold exactly `files` (plus anything graphdoc does not own).
/// Unchanged files are not rewritten, so their timestamps stay.
pub fn write_tree(out: &Path, files: &[OutputFile]) -> Result<WriteReport, Error> {
    validate_all(files)?;
    fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    recover(out)?;

    let staging = out.join(STAGING);
    // Before the marker nothing is decided: a failure discards the staging
    // directory so no half-staged tree lingers (recovery would discard it anyway).
    let (written, unchanged, removed) = stage(out, &staging, files).inspect_err(|_| {
        let _ = fs::remove_dir_all(&staging);
    })?;

    // Past the marker the new tree is decided; `recover` finishes it if we stop here.
    roll_forward(out)?;
    Ok(WriteReport {
        written,
        unchanged,
        removed,
    })
}

/// Stages every changed file and the manifest, then commits with the marker.
/// Returns (written, unchanged count, removed).
fn stage(
    out: &Path,
    staging: &Path,
    files: &[OutputFile],
) -> Result<(Vec<String>, usize, Vec<String>), Error> {
    use rayon::prelude::*;
    // Compared and staged on all cores (writing is mostly copying into the
    // page cache), reported in order.
    let staged: Vec<Result<bool, Error>> = files
        .par_iter()
        .map(|file| {
            if fs::read(out.join(&file.path)).is_ok_and(|e| e == file.contents.as_bytes()) {
                return Ok(false);
            }
            write_new(&staging.join(&file.path), file.contents.as_bytes())?;
            Ok(true)
        })
        .collect();
    let mut written = Vec::new();
    let mut unchanged = 0;
    for (file, staged) in files.iter().zip(staged) {
        if staged? {
            written.push(file.path.clone());
        } else {
            unchanged += 1;
        }
    }
    write_new(&staging.join(MANIFEST), manifest_text(files).as_bytes())?;
    let removed = removed_paths(out, files)?;
    write_new(&staging.join(COMMITTED), removed.join("\n").as_bytes())?;
    Ok((written, unchanged, removed))
}

fn validate_all(files: &[OutputFile]) -> Result<(), Error> {
    let mut seen = BTreeSet::new();
    for file in files {
        validate_relative_path(&file.path)?;
        if file.path == MANIFEST || file.path.starts_with(STAGING) {
            return Err(Error::UnsafePath {
                path: file.path.clone(),
                why: "reserved by graphdoc".into(),
            });
        }
        if !seen.insert(file.path.as_str()) {
            return Err(Error::UnsafePath {
                path: file.path.clone(),
                why: "generated twice".into(),
            });
        }
    }
    Ok(())
}

fn manifest_text(files: &[OutputFile]) -> String {
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut text = String::from(
        "# Files generated by graphdoc; it may remove or rewrite them. Do not edit.\n",
    );
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// Paths the previous manifest lists that the new generation no longer has.
/// Entries that are not safe relative paths are ignored, never followed.
fn removed_paths(out: &Path, files: &[OutputFile]) -> Result<Vec<String>, Error> {
    let previous = match fs::read_to_string(out.join(MANIFEST)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&out.join(MANIFEST), e)),
    };
    let current: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    Ok(previous
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter(|line| validate_relative_path(line).is_ok() && !current.contains(line))
        .filter(|line| out.join(line).is_file())
        .map(str::to_string)
        .collect())
}

/// Writes a file via a temporary sibling and a rename, creating parent directories.
fn write_new(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let parent = path.parent().expect("staged paths have a parent");
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    fs::write(&tmp, contents).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

/// Finishes or discards what an interrupted run left behind.
fn recover(out: &Path) -> Result<(), Error> {
    let staging = out.join(STAGING);
    if !staging.exists() {
        return Ok(());
    }
    if staging.join(COMMITTED).is_file() {
        roll_forward(out)
    } else {
        fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))
    }
}

/// Moves every staged file into place, removes what is no longer generated,
/// then deletes the staging directory. Idempotent, so it can be re-run after an interruption.
fn roll_forward(out: &Path) -> Result<(), Error> {
    let staging = out.join(STAGING);
    let marker = staging.join(COMMITTED);
    let removed = fs::read_to_string(&marker).map_err(|e| Error::io(&marker, e))?;
    for entry in walkdir::WalkDir::new(&staging).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(&staging, e.into()))?;
        let rel = entry
            .path()
            .strip_prefix(&staging)
            .expect("walk stays below staging");
        if !entry.file_type().is_file() || rel == Path::new(COMMITTED) {
            continue;
        }
        let target = out.join(rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::rename(entry.path(), &target).map_err(|e| Error::io(&target, e))?;
    }
    for path in removed
        .lines()
        .filter(|p| validate_relative_path(p).is_ok())
    {
        let target = out.join(path);
        match fs::remove_file(&target) {
            Ok(()) => remove_empty_parents(out, &target),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&target, e)),
        }
    }
    fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))
}

fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn rejects_paths_that_leave_the_output_directory() {
        for bad in [
            "../x.rs",
            "src/../../x.rs",
            "/etc/passwd",
            "src//x.rs",
            "./x.rs",
            "a\\..\\b",
            "C:x",
            "src/x y.rs",
            "",
        ] {
            assert!(
                validate_relative_path(bad).is_err(),
                "{bad:?} must be rejected"
            );
        }
        for good in ["lib.rs", "src/v1_0/models.rs", "Cargo.toml", "a-b/c_d.rs"] {
            validate_relative_path(good).unwrap();
        }
    }

    #[test]
    fn an_unsafe_path_writes_nothing_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_tree(
            dir.path(),
            &[file("ok.rs", "fn a() {}"), file("../escape.rs", "x")],
        )
        .unwrap_err();
        assert!(matches!(err, Error::UnsafePath { .. }), "{err}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        assert!(!dir.path().parent().unwrap().join("escape.rs").exists());
    }

    #[test]
    fn writes_then_checks_fresh_then_detects_each_kind_of_staleness() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let v1 = [
            file("src/lib.rs", "pub mod a;"),
            file("src/a.rs", "// a"),
            file("src/old.rs", "// old"),
        ];
        let report = write_tree(out, &v1).unwrap();
        assert_eq!(report.written.len(), 3);
        assert!(check_tree(out, &v1).unwrap().is_fresh());
        fs::write(out.join("src/hand_written.rs"), "// mine").unwrap();

        let v2 = [
            file("src/lib.rs", "pub mod a; pub mod b;"),
            file("src/a.rs", "// a"),
            file("src/b.rs", "// b"),
        ];
        let stale = check_tree(out, &v2).unwrap();
        assert_eq!(stale.changed, ["src/lib.rs", MANIFEST]);
        assert_eq!(stale.missing, ["src/b.rs"]);
        assert_eq!(stale.extra, ["src/old.rs"]);
        assert_eq!(
            fs::read_to_string(out.join("src/lib.rs")).unwrap(),
            "pub mod a;",
            "check never writes"
        );

        let report = write_tree(out, &v2).unwrap();
        assert_eq!(report.unchanged, 1);
        assert_eq!(report.removed, ["src/old.rs"]);
        assert!(!out.join("src/old.rs").exists());
        assert!(
            out.join("src/hand_written.rs").exists(),
            "files graphdoc does not own stay"
        );
        assert!(!out.join(STAGING).exists());
        assert!(check_tree(out, &v2).unwrap().is_fresh());
    }

    #[test]
    fn an_interrupted_write_before_the_marker_leaves_the_old_tree() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let v1 = [file("src/lib.rs", "// v1")];
        write_tree(out, &v1).unwrap();
        // Simulate a run killed while staging: half a staged tree, no marker.
        write_new(&out.join(STAGING).join("src/lib.rs"), b"// v2 half").unwrap();
        assert!(check_tree(out, &v1).unwrap().is_fresh());
        let v3 = [file("src/lib.rs", "// v3")];
        write_tree(out, &v3).unwrap();
        assert_eq!(fs::read_to_string(out.join("src/lib.rs")).unwrap(), "// v3");
        assert!(!out.join(STAGING).exists());
    }

    #[test]
    fn a_failed_staging_leaves_no_staging_directory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        write_tree(out, &[file("src/lib.rs", "// v1")]).unwrap();
        // A name longer than file systems allow makes staging fail after `src/a.rs`.
        let too_long = format!("src/{}.rs", "b".repeat(300));
        let err = write_tree(out, &[file("src/a.rs", "// a"), file(&too_long, "// b")]);
        assert!(err.is_err());
        assert!(!out.join(STAGING).exists());
        assert_eq!(fs::read_to_string(out.join("src/lib.rs")).unwrap(), "// v1");
    }

    #[test]
    fn an_interrupted_write_after_the_marker_is_rolled_forward() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        write_tree(
            out,
            &[file("src/lib.rs", "// v1"), file("src/gone.rs", "// gone")],
        )
        .unwrap();
        write_new(&out.join(STAGING).join("src/lib.rs"), b"// v2").unwrap();
        write_new(&out.join(STAGING).join(COMMITTED), b"src/gone.rs").unwrap();
        recover(out).unwrap();
        assert_eq!(fs::read_to_string(out.join("src/lib.rs")).unwrap(), "// v2");
        assert!(!out.join("src/gone.rs").exists());
    }
}
