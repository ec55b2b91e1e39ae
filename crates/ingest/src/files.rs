//! Finding page files under the paths a user names.

use std::path::{Path, PathBuf};

use crate::Error;

/// File endings read as pages when a folder is walked (a file named directly is always read).
const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "txt", "text"];

/// A page file to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFile {
    /// Where it is.
    pub path: PathBuf,
    /// The id it asks for: the file name without its extension.
    pub stem: String,
}

/// Every page file under `paths`, in a stable order: files as named, folders walked
/// recursively (hidden entries skipped) and sorted by path.
///
/// A path that does not exist, or a folder without pages, is an error.
pub fn find_pages(paths: &[PathBuf]) -> Result<Vec<PageFile>, Error> {
    let mut pages = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path: path.clone() },
            _ => Error::Read {
                path: path.clone(),
                source,
            },
        })?;
        if meta.is_dir() {
            let before = pages.len();
            walk(path, &mut pages)?;
            if pages.len() == before {
                return Err(Error::NoPages { path: path.clone() });
            }
        } else {
            pages.push(page_file(path.clone()));
        }
    }
    Ok(pages)
}

fn walk(dir: &Path, pages: &mut Vec<PageFile>) -> Result<(), Error> {
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|err| {
            let path = err.path().unwrap_or(dir).to_path_buf();
            Error::Read {
                path,
                source: err.into(),
            }
        })?;
        if entry.file_type().is_file() && has_page_extension(entry.path()) {
            found.push(entry.into_path());
        }
    }
    pages.extend(found.into_iter().map(page_file));
    Ok(())
}

fn has_page_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|p| p.eq_ignore_ascii_case(e)))
}

fn page_file(path: PathBuf) -> PageFile {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "page".to_owned());
    PageFile { path, stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_sorted_and_skips_hidden_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.html"), "<p>x</p>").unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("notes.md"), "x").unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/c.txt"), "x").unwrap();
        let pages = find_pages(&[dir.path().to_path_buf()]).unwrap();
        let stems: Vec<_> = pages.iter().map(|p| p.stem.as_str()).collect();
        assert_eq!(stems, ["a", "b"]);
    }

    #[test]
    fn missing_path_and_empty_folder_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = find_pages(&[dir.path().join("nope")]).unwrap_err();
        assert!(matches!(missing, Error::NotFound { .. }), "{missing}");
        let empty = find_pages(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(matches!(empty, Error::NoPages { .. }), "{empty}");
    }
}
