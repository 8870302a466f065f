//! Where `-o FILE` writes, and how.
//!
//! A regular file (or a path that does not exist yet) is written whole or
//! not at all: into a temporary file beside it, renamed into place. A
//! symbolic link is followed, so its target is replaced and the link kept.
//! An existing file keeps its permissions, and a read-only one is refused
//! rather than silently replaced. Anything else — a character device
//! (`/dev/null`, `/dev/full`), a FIFO, a socket — is written in place, since
//! renaming over it would replace the device with a file; `/dev/stdout`
//! (and `/dev/fd/1`) is standard output itself.
//!
//! While a temporary file exists it is registered here, so that SIGINT,
//! SIGTERM or SIGHUP remove it before the process exits (with 128 plus the
//! signal's number: 130 for Ctrl-C).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, Result, bail};

/// The temporary file being written, to remove on a signal.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Symbolic links followed before giving up, as the kernel does (ELOOP).
const MAX_LINKS: usize = 40;

/// Creates the temporary file `tmp` (never an existing file or link) and
/// registers it, under the lock, so a signal between the two cannot leave
/// it behind.
fn create_pending(tmp: &Path) -> io::Result<File> {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let file = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    *pending = Some(tmp.to_path_buf());
    Ok(file)
}

fn clear_pending() {
    PENDING.lock().unwrap_or_else(|e| e.into_inner()).take();
}

/// Removes the pending temporary file, if any, and exits 128 + `signal`.
/// Runs on the signal thread, not in a signal handler, so it may lock and
/// touch the file system.
fn interrupted(signal: i32) -> ! {
    let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(tmp) = pending {
        let _ = fs::remove_file(tmp);
    }
    let _ = writeln!(io::stderr(), "interrupted (signal {signal})");
    std::process::exit(128 + signal)
}

/// Handles SIGINT, SIGTERM and SIGHUP on a thread of their own: a pending
/// temporary file is removed, and the process exits 128 + the signal.
pub fn watch_signals() -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        .context("cannot install the signal handlers")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                interrupted(signal);
            }
        })
        .context("cannot start the signal thread")?;
    Ok(())
}

/// How a path given to `-o` is written.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// Standard output (`/dev/stdout`, `/dev/fd/1`).
    Stdout,
    /// A device, FIFO or socket: opened and written as it is.
    InPlace,
    /// A regular file or a new path, after following links: a temporary
    /// file beside it is renamed over it.
    Atomic(PathBuf),
}

/// The path a chain of symbolic links ends at (which need not exist).
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

fn target_of(path: &Path) -> io::Result<Target> {
    if matches!(
        path.to_str(),
        Some("/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1")
    ) {
        return Ok(Target::Stdout);
    }
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io::Error::other("is a directory")),
        Ok(meta) if !meta.is_file() => Ok(Target::InPlace),
        _ => Ok(Target::Atomic(follow_links(path)?)),
    }
}

/// A writer whose errors name the user's path (not a temporary file's),
/// keeping the error's kind so a broken pipe is still recognised.
struct Named<W> {
    inner: W,
    shown: String,
}

impl<W: Write> Named<W> {
    fn name(&self, e: io::Error) -> io::Error {
        io::Error::new(e.kind(), format!("cannot write {}: {e}", self.shown))
    }
}

impl<W: Write> Write for Named<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.name(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.name(e))
    }
}

/// Renders to standard output. A write error there fails the run, except
/// a broken pipe, which `main` treats as a reader that stopped (`| head`).
fn to_stdout(render: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(Named {
        inner: stdout.lock(),
        shown: "standard output".into(),
    });
    render(&mut out)?;
    out.flush()?;
    Ok(())
}

/// Renders into a device or FIFO as it is.
fn in_place(path: &Path, render: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let shown = path.display().to_string();
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot write {shown}"))?;
    let mut out = BufWriter::new(Named { inner: file, shown });
    render(&mut out)?;
    out.flush()?;
    Ok(())
}

/// Renders into a temporary file beside `real` (the end of the user's
/// `path`'s links) and renames it over `real`, keeping an existing file's
/// permissions.
fn atomic(
    path: &Path,
    real: &Path,
    render: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let shown = path.display().to_string();
    let existing = fs::metadata(real).ok();
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        bail!("cannot write {shown}: the file is read-only; not replaced");
    }
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = real.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let file = create_pending(&tmp).with_context(|| format!("cannot write {shown}"))?;
    let written = (|| -> Result<()> {
        if let Some(meta) = &existing {
            fs::set_permissions(&tmp, meta.permissions())
                .with_context(|| format!("cannot keep the permissions of {shown}"))?;
        }
        let mut out = BufWriter::new(Named {
            inner: file,
            shown: shown.clone(),
        });
        render(&mut out)?;
        out.flush()?;
        let named = out.get_ref();
        named.inner.sync_all().map_err(|e| named.name(e))?;
        fs::rename(&tmp, real).with_context(|| format!("cannot write {shown}"))?;
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    clear_pending();
    written
}

/// Renders to `output`, or to stdout: see the module's documentation for
/// how each kind of path is written.
pub fn emit(
    output: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(path) = output else {
        return to_stdout(render);
    };
    let target = target_of(path).with_context(|| format!("cannot write {}", path.display()))?;
    match target {
        Target::Stdout => to_stdout(render),
        Target::InPlace => in_place(path, render),
        Target::Atomic(real) => atomic(path, &real, render),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_follow_the_kind_of_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        fs::write(&file, "x").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("a.json", &link).unwrap();
        assert_eq!(target_of(Path::new("/dev/stdout")).unwrap(), Target::Stdout);
        assert_eq!(target_of(Path::new("/dev/null")).unwrap(), Target::InPlace);
        assert_eq!(target_of(&file).unwrap(), Target::Atomic(file.clone()));
        assert_eq!(target_of(&link).unwrap(), Target::Atomic(file.clone()));
        let new = dir.path().join("new.json");
        assert_eq!(target_of(&new).unwrap(), Target::Atomic(new.clone()));
        assert!(target_of(dir.path()).is_err());
    }
}
