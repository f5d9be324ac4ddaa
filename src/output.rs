//! Where a rendered report goes: a file, written atomically.
//!
//! The text goes to a temporary file in the target's folder, which is then
//! renamed over the target: a reader sees the old file or the new one, never a
//! half-written one, and an error leaves the old file as it was.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `text` to `path`, replacing it only once everything is written.
pub fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let shown = path.display().to_string();
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".redliner-").suffix(".tmp");
    // A new file gets the usual permissions (the umask applies), not the
    // owner-only ones of a temporary file; a replaced file keeps its own.
    #[cfg(unix)]
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => std::os::unix::fs::PermissionsExt::from_mode(0o666),
    };
    #[cfg(unix)]
    builder.permissions(permissions);
    let mut file = builder.tempfile_in(dir).with_context(|| shown.clone())?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| shown.clone())?;
    file.persist(path)
        .map_err(|e| e.error)
        .with_context(|| shown)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("digest.md");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nowhere/digest.md");
        let err = write_atomic(&path, "text").unwrap_err();
        assert!(format!("{err:#}").contains("nowhere/digest.md"), "{err:#}");
    }
}
