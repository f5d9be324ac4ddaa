//! Where a rendered report goes: a file, written atomically.
//!
//! The text goes to a temporary file in the target's folder, which is then
//! renamed over the target: a reader sees the old file or the new one, never a
//! half-written one, and an error leaves the old file as it was. What is not a
//! regular file (`/dev/null`, a named pipe, a terminal) is written to as it is:
//! renaming over it would replace the device with a file. A symbolic link stays
//! a link: the file it points to is replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Writes `text` to `path`, replacing it only once everything is written.
pub fn write_atomic(path: &Path, text: &str) -> Result<()> {
    write_atomic_with(path, |out| out.write_all(text.as_bytes()))
}

/// Writes what `write` produces to `path` as it is produced (a long report is
/// never held whole in memory), replacing the file only once `write` has
/// succeeded: on an error the old file stays as it was.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let shown = path.display().to_string();
    let write_buffered = |file: &std::fs::File| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out).and_then(|()| out.flush())
    };
    if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|target| write_buffered(&target))
            .with_context(|| shown);
    }
    let resolved: PathBuf;
    let path = if path.is_symlink() && path.exists() {
        resolved = std::fs::canonicalize(path).with_context(|| shown.clone())?;
        resolved.as_path()
    } else if path.is_symlink() {
        // A dangling link: write the file it names (relative to the link's folder).
        let target = std::fs::read_link(path).with_context(|| shown.clone())?;
        resolved = path.parent().unwrap_or(Path::new("")).join(target);
        resolved.as_path()
    } else {
        path
    };
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
    let file = builder.tempfile_in(dir).with_context(|| shown.clone())?;
    write_buffered(file.as_file())
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
    fn a_failed_writer_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(&path, "old").unwrap();
        let err = write_atomic_with(&path, |out| {
            out.write_all(b"half of a rep")?;
            Err(std::io::Error::other("the renderer failed"))
        })
        .unwrap_err();
        assert!(
            format!("{err:#}").contains("the renderer failed"),
            "{err:#}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic_with(&path, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

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

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        write_atomic(&fifo, "through the pipe").unwrap();
        // Checked before joining: had the pipe been replaced, the reader would
        // wait for a writer forever.
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
        assert_eq!(reader.join().unwrap(), "through the pipe");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link_to_the_new_text() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("digest.md");
        let link = dir.path().join("latest.md");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, "new").unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nowhere/digest.md");
        let err = write_atomic(&path, "text").unwrap_err();
        assert!(format!("{err:#}").contains("nowhere/digest.md"), "{err:#}");
    }
}
