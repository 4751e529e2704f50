//! Finding and reading input pages.

use std::path::{Path, PathBuf};

use crate::Error;

/// One page's path (as displayed in diagnostics) and raw bytes.
pub type Source = (String, Vec<u8>);

/// Expands inputs into page files: a file is taken as is (any extension: the
/// seeds are `.txt`); a directory contributes every `.md` file below it,
/// recursively. The result is sorted and deduplicated so runs are deterministic.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|source| Error::io(input, source))?;
        if meta.is_dir() {
            for entry in walkdir::WalkDir::new(input)
                .follow_links(true)
                .sort_by_file_name()
            {
                let entry = entry.map_err(|e| {
                    let path = e.path().unwrap_or(input).to_path_buf();
                    Error::io(&path, e.into())
                })?;
                if entry.file_type().is_file()
                    && entry.path().extension().is_some_and(|ext| ext == "md")
                {
                    files.push(entry.into_path());
                }
            }
        } else {
            files.push(input.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// Reads every discovered page, in order. Paths are displayed with `/`
/// separators. On all cores: reading is mostly copying out of the page
/// cache, a serial stretch of the pipeline otherwise.
pub fn read_sources(inputs: &[PathBuf]) -> Result<Vec<Source>, Error> {
    use rayon::prelude::*;
    discover(inputs)?
        .into_par_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).map_err(|source| Error::io(&path, source))?;
            Ok((display_path(&path), bytes))
        })
        .collect::<Vec<Result<Source, Error>>>()
        // The first failure in order, as a serial read would report.
        .into_iter()
        .collect()
}

pub(crate) fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_contribute_markdown_recursively_and_files_any_extension() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("a/b/x.md"), "# x").unwrap();
        std::fs::write(dir.path().join("a/y.md"), "# y").unwrap();
        std::fs::write(dir.path().join("a/notes.txt"), "skip").unwrap();
        let seed = dir.path().join("seed.txt");
        std::fs::write(&seed, "# seed").unwrap();

        let found = discover(&[dir.path().join("a"), seed.clone(), seed.clone()]).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().to_owned())
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("a/b/x.md"),
                PathBuf::from("a/y.md"),
                PathBuf::from("seed.txt")
            ]
        );
    }

    #[test]
    fn a_missing_input_names_the_path() {
        let err = discover(&[PathBuf::from("/no/such/dir")]).unwrap_err();
        assert!(err.to_string().contains("/no/such/dir"), "{err}");
    }
}
