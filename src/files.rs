//! Writing files without losing what users own: atomic replacement that keeps the file's mode,
//! owner and symbolic links.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result};

/// The most symbolic links followed from one path, as the kernel allows.
const MAX_LINKS: usize = 40;

/// The file a path designates once its symbolic links are followed (the path itself when it is
/// not a link; a link to a missing file gives that file's path).
pub fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p).map_err(|e| Error::io(&p, &e))?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(Error::new(ErrorKind::Io, "too many levels of symbolic links").at(path))
}

/// A temporary file that is removed when dropped, unless it was put in place.
struct Temp {
    path: PathBuf,
    armed: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if self.armed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Creates a new temporary file in `dir` for `name`, exclusively (an existing file or link of
/// that name is never opened, let alone followed): `.NAME.PID-N.tmp`.
fn create_temp(dir: &Path, name: &str) -> Result<(Temp, std::fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let pid = std::process::id();
    for _ in 0..1000 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".{name}.{pid}-{n}.tmp"));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((Temp { path, armed: true }, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                let e = Error::io(dir, &e);
                return Err(Error {
                    message: format!("cannot create a file in this folder: {}", e.message),
                    ..e
                });
            }
        }
    }
    Err(Error::new(ErrorKind::Io, "cannot create a temporary file (1000 names taken)").at(dir))
}

/// Writes `bytes` to `path` atomically: into a new temporary file in the same folder, synced to
/// disk, then renamed over the file, and the folder synced, so that a reader sees the old content
/// or the new, never a part, and a crash leaves one of them. The file keeps its permissions (and,
/// when allowed, its owner and group); a symbolic link stays a link and its target is replaced. The
/// temporary file is created exclusively (a file or link planted under its name is never followed)
/// and removed on every error. A path that is not a regular file (a FIFO, `/dev/stdout`) is
/// written in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() && !m.is_dir() {
            let mut f =
                std::fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::io(path, &e))?;
            return f.write_all(bytes).and_then(|()| f.flush()).map_err(|e| Error::io(path, &e));
        }
    }
    let target = resolve_links(path)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::new(ErrorKind::Io, "not a file name").at(path))?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = std::fs::metadata(&target).ok();
    let (mut temp, mut file) = create_temp(&dir, &name)?;
    if let Some(m) = &existing {
        file.set_permissions(m.permissions()).map_err(|e| Error::io(&temp.path, &e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // only a privileged user may give a file away; the group is kept when the user is in it
            if std::os::unix::fs::fchown(&file, Some(m.uid()), Some(m.gid())).is_err() {
                let _ = std::os::unix::fs::fchown(&file, None, Some(m.gid()));
            }
        }
    }
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| Error::io(&temp.path, &e))?;
    drop(file);
    std::fs::rename(&temp.path, &target).map_err(|e| Error::io(path, &e))?;
    temp.armed = false;
    sync_dir(&dir)
}

/// Makes a rename in `dir` durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<()> {
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| Error::io(dir, &e))
}

/// Folders cannot be opened as files here; the rename is as durable as the system makes it.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> Result<()> {
    Ok(())
}

/// An exclusive lock for a read-modify-write of a file (`geokg build --into`), held until it is
/// dropped. It is an advisory lock (`flock`, `LockFileEx`, through fs4) on `NAME.lock` beside the
/// real file (symbolic links followed): a lock on the file itself would be lost when a save renames
/// a new file over it. The lock file is left in place, empty; the lock dies with its process.
#[derive(Debug)]
pub struct FileLock {
    file: std::fs::File,
    path: PathBuf,
}

impl FileLock {
    /// The lock file of `path`: `NAME.lock` beside the file its links lead to.
    pub fn lock_path(path: &Path) -> Result<PathBuf> {
        let mut p = resolve_links(path)?.into_os_string();
        p.push(".lock");
        Ok(PathBuf::from(p))
    }

    fn open(path: &Path) -> Result<(std::fs::File, PathBuf)> {
        let lock = FileLock::lock_path(path)?;
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock)
            .or_else(|_| std::fs::File::open(&lock))
            .map_err(|e| Error::io(&lock, &e))?;
        Ok((file, lock))
    }

    /// Takes the lock of `path` if no one holds it; `None` when another holds it.
    pub fn try_acquire(path: &Path) -> Result<Option<FileLock>> {
        let (file, lock) = FileLock::open(path)?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => Ok(Some(FileLock { file, path: lock })),
            Err(fs4::TryLockError::WouldBlock) => Ok(None),
            Err(fs4::TryLockError::Error(e)) => Err(Error::io(&lock, &e)),
        }
    }

    /// Takes the lock of `path`, waiting for whoever holds it to let it go.
    pub fn acquire(path: &Path) -> Result<FileLock> {
        let (file, lock) = FileLock::open(path)?;
        fs4::FileExt::lock(&file).map_err(|e| Error::io(&lock, &e))?;
        Ok(FileLock { file, path: lock })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // closing the file releases the lock too; unlocking first says so explicitly
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

/// What walking a folder found: the files in sorted path order, the entries skipped with the
/// reason, and the hidden entries left out.
#[derive(Debug, Default)]
pub struct Walk {
    /// Regular files (symbolic links followed), each once, in sorted path order.
    pub files: Vec<PathBuf>,
    /// Entries that could not be read (unreadable folders, broken links) or are not regular files
    /// (FIFOs, devices, sockets): each an error naming it.
    pub skipped: Vec<Error>,
    /// Folders and files reached again through another path (a symbolic link loop, a second link
    /// to the same folder or file), not read again.
    pub repeated: Vec<PathBuf>,
    /// Hidden entries (names starting with `.`) left out, when asked.
    pub hidden: Vec<PathBuf>,
}

/// The identity of a file or folder: device and inode where there are some, else its canonical
/// path.
#[derive(Debug, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

fn file_id(path: &Path, m: &std::fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        let _ = path;
        use std::os::unix::fs::MetadataExt;
        FileId::Inode(m.dev(), m.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        FileId::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// Lists the regular files under `root`, recursively, in sorted path order, following symbolic
/// links but reading each folder and each file once (so a link loop ends), never opening what is
/// not a regular file (a FIFO would block, a device never end), and going on past whatever cannot
/// be read, which is listed in [`Walk::skipped`] (what is reached again, in [`Walk::repeated`]). With `skip_hidden`, entries whose name starts
/// with `.` are left out and listed in [`Walk::hidden`].
pub fn walk(root: &Path, skip_hidden: bool) -> Walk {
    let mut w = Walk::default();
    let mut seen = std::collections::HashSet::new();
    match std::fs::metadata(root) {
        Ok(m) => {
            seen.insert(file_id(root, &m));
            walk_into(root, skip_hidden, &mut seen, &mut w);
        }
        Err(e) => w.skipped.push(Error::io(root, &e)),
    }
    w
}

fn walk_into(dir: &Path, skip_hidden: bool, seen: &mut std::collections::HashSet<FileId>, w: &mut Walk) {
    let entries = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => return w.skipped.push(Error::io(dir, &e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => paths.push(e.path()),
            Err(e) => w.skipped.push(Error::io(dir, &e)),
        }
    }
    paths.sort();
    for p in paths {
        if skip_hidden && p.file_name().is_some_and(|n| n.as_encoded_bytes().starts_with(b".")) {
            w.hidden.push(p);
            continue;
        }
        let m = match std::fs::metadata(&p) {
            Ok(m) => m,
            Err(e) => {
                let link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
                w.skipped.push(if link {
                    Error::new(ErrorKind::Io, format!("broken symbolic link ({e})")).at(&p)
                } else {
                    Error::io(&p, &e)
                });
                continue;
            }
        };
        if !m.is_dir() && !m.is_file() {
            w.skipped.push(
                Error::new(ErrorKind::Io, "not a regular file (a FIFO, device or socket): not read").at(&p),
            );
            continue;
        }
        if !seen.insert(file_id(&p, &m)) {
            w.repeated.push(p);
            continue;
        }
        if m.is_dir() {
            walk_into(&p, skip_hidden, seen, w);
        } else {
            w.files.push(p);
        }
    }
}
