//! Errors: every error says where it comes from (file, and line when there is one).

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file or folder could not be read (missing, permissions...).
    Io,
    /// The bytes are not valid UTF-8.
    Encoding,
    /// A JSON or JSON Lines record is malformed or lacks a required field.
    Json,
    /// A lexicon file has a bad line.
    Lexicon,
    /// A graph file could not be understood.
    Graph,
    /// A gold annotation file is malformed.
    Gold,
    /// A CoNLL-U file or a syntax model is malformed.
    Syntax,
    /// A command-line value is not acceptable.
    Usage,
    /// An actor name given to a query matches no actor.
    NotFound,
    /// Two inputs of one run have the same document id.
    Duplicate,
}

/// An error with its location: file, and 1-based line when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What kind of error it is.
    pub kind: ErrorKind,
    /// The file concerned, if any.
    pub path: Option<PathBuf>,
    /// The 1-based line in that file, if any.
    pub line: Option<usize>,
    /// A human message, without the location.
    pub message: String,
}

impl Error {
    /// Makes an error of `kind` with a message and no location.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, path: None, line: None, message: message.into() }
    }

    /// Sets the file the error concerns.
    pub fn at(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Sets the 1-based line the error concerns.
    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, err: &std::io::Error) -> Self {
        let msg = match err.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => err.to_string(),
        };
        Error::new(ErrorKind::Io, msg).at(path)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => write!(f, "{}:{}: {}", p.display(), l, self.message),
            (Some(p), None) => write!(f, "{}: {}", p.display(), self.message),
            (None, Some(l)) => write!(f, "line {}: {}", l, self.message),
            (None, None) => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for Error {}

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
