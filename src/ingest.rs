//! Stage 1: reading articles from plain text, JSON, JSON Lines, folders and standard input.
//!
//! A plain-text article's first non-empty line is its title. A trailing block of site furniture
//! (site name, "Similaire"/"Related", comment policy, "source of this article") is recognised by
//! general rules (see [`body_end`]) and excluded from the text that is analysed, though byte offsets
//! still refer to the text as read. A byte-order mark is dropped; CRLF and LF are both accepted.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, ErrorKind, Result};

/// The language of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Parses `fr`/`french`/`en`/`english` (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Some(Lang::Fr),
            "en" | "eng" | "english" | "anglais" => Some(Lang::En),
            _ => None,
        }
    }

    /// The two-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// One article, ready for segmentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Document id: for a file named on the command line, its name without the article
    /// extension; for a file found in a folder, its path relative to that folder without the
    /// extension (`a/report` for `d/a/report.txt` read as `d`); for a JSON record, its `id`.
    pub id: String,
    /// The title (first line of a text file, or the record's `title`).
    pub title: Option<String>,
    /// The document text as read (title first when there is one); offsets refer to it.
    pub text: String,
    /// Byte range of `text` that is article content: site furniture at the end is left out.
    pub body: std::ops::Range<usize>,
    /// The article date, ISO 8601 `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// Where the article was published, when known.
    pub url: Option<String>,
    /// French or English.
    pub lang: Lang,
}

impl Article {
    /// Makes an article from a plain text: the first non-empty line is the title, furniture at the
    /// end is excluded, the date is taken from an early date line when there is one, and the
    /// language is detected.
    ///
    /// ```
    /// use geokg::ingest::{Article, Lang};
    /// let a = Article::from_text("doc", "Titre\n3 mai 2017 –\nLa Russie a condamné les frappes.\nSimilaire\n");
    /// assert_eq!(a.title.as_deref(), Some("Titre"));
    /// assert_eq!(a.lang, Lang::Fr);
    /// assert_eq!(a.date.as_deref(), Some("2017-05-03"));
    /// assert!(!a.text[a.body.clone()].contains("Similaire"));
    /// ```
    pub fn from_text(id: &str, text: &str) -> Article {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
        let title = text.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string);
        let end = body_end(&text);
        let lang = detect_lang(&text[..end]);
        let date = find_date(&text[..end]);
        Article { id: id.to_string(), title, body: 0..end, text, date, url: None, lang }
    }

    /// The analysed part of the text.
    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }
}

/// Options that apply to every article read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Forces the language instead of detecting it.
    pub lang: Option<Lang>,
    /// Date for articles that carry none (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Articles longer than this many bytes are skipped (none when `None`).
    pub max_bytes: Option<usize>,
    /// Lets several articles of a stream have the same id. By default a repeated id is an error
    /// (the later article is skipped and reported, never silently made to replace the first in a
    /// graph); checking keeps every id read in memory, a few dozen bytes an article.
    pub allow_duplicate_ids: bool,
    /// How to read standard input, a reader, and the files named by the caller (not the files
    /// found in folders, told by their extensions); `None` for the extension, or for standard input
    /// and readers, the guess of [`guess_format`].
    pub format: Option<InputFormat>,
}

/// The format of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One plain-text article.
    Text,
    /// A JSON article object, or an array of them.
    Json,
    /// JSON Lines: one article object per line, read line by line.
    Jsonl,
}

impl InputFormat {
    fn file_type(self) -> FileType {
        match self {
            InputFormat::Text => FileType::Text,
            InputFormat::Json => FileType::Json,
            InputFormat::Jsonl => FileType::JsonLines,
        }
    }
}

/// How much of standard input (or a reader) [`guess_format`] looks at.
pub const GUESS_WINDOW: usize = 64 * 1024;

/// Guesses the format of an input from its first bytes (at most [`GUESS_WINDOW`], cut anywhere),
/// whitespace and a byte-order mark aside:
/// - JSON when it starts like an array of objects: `[` then `{` or `]`;
/// - else JSON Lines when at least half of its non-blank lines start like a JSON object (`{` then
///   `"` or `}`), counting only whole lines unless there is just one;
/// - else JSON when it starts like an object (one spread over several lines);
/// - else text (so `[Reuters] ...` and `{Breaking}` are articles).
///
/// ```
/// use geokg::ingest::{guess_format, InputFormat};
/// assert_eq!(guess_format(b"junk\n{\"text\": \"a\"}\n{\"text\": \"b\"}\n"), InputFormat::Jsonl);
/// assert_eq!(guess_format(b"{\n  \"text\": \"a\"\n}\n"), InputFormat::Json);
/// assert_eq!(guess_format(b"[{\"text\": \"a\"}]"), InputFormat::Json);
/// assert_eq!(guess_format(b"[Reuters] Russia condemned France.\n"), InputFormat::Text);
/// ```
pub fn guess_format(head: &[u8]) -> InputFormat {
    fn skip_ws(b: &[u8]) -> &[u8] {
        let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
        let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
        &b[start..]
    }
    fn object_like(b: &[u8]) -> bool {
        let b = skip_ws(b);
        b.first() == Some(&b'{') && matches!(skip_ws(&b[1..]).first(), Some(b'"' | b'}'))
    }
    let b = skip_ws(head);
    if b.first() == Some(&b'[') && matches!(skip_ws(&b[1..]).first(), Some(b'{' | b']')) {
        return InputFormat::Json;
    }
    let mut lines: Vec<&[u8]> = head.split(|&c| c == b'\n').collect();
    if lines.len() > 1 {
        lines.pop(); // the last line may be cut
    }
    let lines: Vec<&[u8]> = lines.into_iter().filter(|l| !skip_ws(l).is_empty()).collect();
    let objects = lines.iter().filter(|l| object_like(l)).count();
    if !lines.is_empty() && 2 * objects >= lines.len() {
        return InputFormat::Jsonl;
    }
    if object_like(b) {
        InputFormat::Json
    } else {
        InputFormat::Text
    }
}

/// The default `--max-article-bytes`: 10 MB, far beyond any news article.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 10_000_000;

impl ReadOptions {
    fn apply(&self, mut a: Article) -> Article {
        if let Some(l) = self.lang {
            a.lang = l;
        }
        if a.date.is_none() {
            a.date.clone_from(&self.date);
        }
        a
    }
}

/// What reading a set of inputs produced: the articles, and the inputs skipped with the reason.
#[derive(Debug, Default)]
pub struct Batch {
    /// Articles read, in input order (folders in sorted path order).
    pub articles: Vec<Article>,
    /// Each input (file, or record of a JSONL file) that was skipped, and why.
    pub skipped: Vec<Error>,
    /// Files of a folder that are not articles (other extensions, `*.gold.jsonl` annotations).
    pub ignored: Vec<std::path::PathBuf>,
    /// Hidden files and folders of a folder (names starting with `.`), not read.
    pub hidden: Vec<std::path::PathBuf>,
    /// Folders and files of a folder reached again through a link (a loop), not read again.
    pub repeated: Vec<std::path::PathBuf>,
}

/// Reads every input: files, folders (recursively) and `-` for standard input.
/// Bad inputs are reported in [`Batch::skipped`]; the good ones are still read.
pub fn read_inputs<P: AsRef<Path>>(inputs: &[P], opts: &ReadOptions) -> Batch {
    let mut batch = Batch::default();
    let mut stream = ArticleStream::new(inputs, opts.clone());
    for item in &mut stream {
        match item {
            Ok(a) => batch.articles.push(a),
            Err(e) => batch.skipped.push(e),
        }
    }
    batch.ignored = stream.ignored;
    batch.hidden = stream.hidden;
    batch.repeated = stream.repeated;
    batch
}

/// Where the stream reads next.
#[derive(Debug)]
enum Source {
    /// A path named by the caller: a file or a folder.
    Path(PathBuf),
    /// A file found in a folder, and its document id (its path relative to the folder).
    InFolder(PathBuf, String),
    /// A stream of bytes (standard input), its name in messages and its document id.
    Reader(Reader, PathBuf, String),
    /// The end of a folder's files, and how many articles had been read when it began.
    DirEnd(PathBuf, usize),
}

/// Articles read one at a time, so that inputs larger than memory stream through: folders are
/// listed, not loaded, and JSON Lines are read line by line. Each item is an article, or the
/// error that made an input (a file, or one line of a JSONL file) be skipped.
///
/// ```
/// use geokg::ingest::{ArticleStream, ReadOptions};
/// let mut stream = ArticleStream::new(&["examples/articles"], ReadOptions::default());
/// let first = stream.next().unwrap().unwrap();
/// assert_eq!(first.id, "en_0021_war-crimes-russias-forces-ukraine");
/// assert_eq!(stream.count(), 3);
/// ```
#[derive(Debug)]
pub struct ArticleStream {
    opts: ReadOptions,
    queue: std::collections::VecDeque<Source>,
    pending: std::collections::VecDeque<(Result<Article>, Option<PathBuf>)>,
    lines: Option<JsonLines>,
    read: usize,
    last_line: Option<(PathBuf, usize)>,
    /// Every id read, with where it was first read (an index into `files`, and a line or 0).
    seen: crate::lexicon::FxMap<crate::model::Str, (u32, u32)>,
    /// The files articles were read from, in order, each once.
    files: Vec<PathBuf>,
    /// Files of a folder that are not articles (other extensions, `*.gold.jsonl` annotations).
    pub ignored: Vec<PathBuf>,
    /// Hidden files and folders of a folder (names starting with `.`), not read.
    pub hidden: Vec<PathBuf>,
    /// Folders and files of a folder reached again through a link (a loop), not read again.
    pub repeated: Vec<PathBuf>,
}

/// A byte stream to read articles from.
struct Reader(Box<dyn std::io::Read + Send>);

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reader")
    }
}

/// A JSON Lines file or stream being read.
struct JsonLines {
    path: PathBuf,
    id: String,
    reader: Box<dyn std::io::BufRead + Send>,
    line: usize,
}

impl std::fmt::Debug for JsonLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonLines").field("path", &self.path).field("line", &self.line).finish()
    }
}

impl ArticleStream {
    /// A stream over the inputs, in order (folders in sorted path order).
    pub fn new<P: AsRef<Path>>(inputs: &[P], opts: ReadOptions) -> Self {
        let queue = inputs
            .iter()
            .map(|p| {
                let p = p.as_ref();
                if p == Path::new("-") {
                    Source::Reader(Reader(Box::new(std::io::stdin())), "<stdin>".into(), "stdin".into())
                } else {
                    Source::Path(p.to_path_buf())
                }
            })
            .collect();
        ArticleStream {
            opts,
            queue,
            pending: Default::default(),
            lines: None,
            read: 0,
            last_line: None,
            seen: Default::default(),
            files: Vec::new(),
            ignored: Vec::new(),
            hidden: Vec::new(),
            repeated: Vec::new(),
        }
    }

    /// A stream over the bytes of `reader`, read exactly like a file of the same bytes named
    /// `name` (its articles' ids built on `id`): JSON Lines streamed line by line, a bad line
    /// skipped alone. The format is [`ReadOptions::format`], or else guessed ([`guess_format`]).
    pub fn from_reader(
        reader: impl std::io::Read + Send + 'static,
        name: &str,
        id: &str,
        opts: ReadOptions,
    ) -> Self {
        let mut s = ArticleStream::new::<&Path>(&[], opts);
        s.queue.push_back(Source::Reader(Reader(Box::new(reader)), name.into(), id.into()));
        s
    }

    fn next_line(&mut self) -> Option<Result<Article>> {
        let jl = self.lines.as_mut()?;
        loop {
            let mut buf = Vec::new();
            jl.line += 1;
            // a record's JSON is at most 6 bytes per byte of text (`\uXXXX`), plus its fields
            let limit = self.opts.max_bytes.map_or(usize::MAX, json_limit);
            match read_line_bounded(&mut jl.reader, &mut buf, limit) {
                Ok(0) => {
                    self.lines = None;
                    return None;
                }
                Ok(n) if n > buf.len() => {
                    let msg = format!(
                        "record of {n} bytes is over the limit for --max-article-bytes {} (skipped unread)",
                        self.opts.max_bytes.unwrap_or_default()
                    );
                    return Some(Err(Error::new(ErrorKind::Io, msg).at(&jl.path).line(jl.line)));
                }
                Ok(_) => {}
                Err(e) => {
                    let err = Error::io(&jl.path, &e).line(jl.line);
                    self.lines = None;
                    return Some(Err(err));
                }
            }
            let line = match std::str::from_utf8(&buf) {
                Ok(l) => l,
                Err(e) => {
                    let msg = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
                    return Some(Err(Error::new(ErrorKind::Encoding, msg).at(&jl.path).line(jl.line)));
                }
            };
            let line = if jl.line == 1 { line.trim_start_matches('\u{feff}') } else { line };
            if line.trim().is_empty() {
                continue;
            }
            let fallback = format!("{}-{}", jl.id, jl.line);
            self.last_line = Some((jl.path.clone(), jl.line));
            return Some(
                parse_json_lossy::<Record>(line)
                    .map_err(|e| Error::new(ErrorKind::Json, json_message(&e)))
                    .and_then(|r| r.into_article(&fallback))
                    .map(|a| self.opts.apply(a))
                    .map_err(|e| e.at(&jl.path).line(jl.line)),
            );
        }
    }

    fn open(&mut self, source: Source) {
        match source {
            Source::Reader(Reader(mut reader), name, id) => {
                // the first bytes tell the format; they are read again with the rest
                let mut head = Vec::new();
                let kind = match self.opts.format {
                    Some(f) => f,
                    None => match (&mut reader).take(GUESS_WINDOW as u64).read_to_end(&mut head) {
                        Ok(_) => guess_format(&head),
                        Err(e) => return self.pending.push_back((Err(Error::io(&name, &e)), None)),
                    },
                };
                let reader = std::io::Cursor::new(head).chain(reader);
                self.open_stream(Box::new(reader), name, id, kind.file_type());
            }
            Source::DirEnd(path, before) => {
                if self.read == before {
                    self.pending.push_back((
                        Err(Error::new(
                            ErrorKind::Io,
                            "folder has no readable article (.txt, .json, .jsonl)",
                        )
                        .at(path)),
                        None,
                    ));
                }
            }
            Source::Path(path) if path.is_dir() => {
                let walk = crate::files::walk(&path, true);
                self.pending.extend(walk.skipped.into_iter().map(|e| (Err(e), None)));
                self.hidden.extend(walk.hidden);
                self.repeated.extend(walk.repeated);
                let mut sources: Vec<Source> = Vec::new();
                for f in walk.files {
                    match article_file_type(&f) {
                        FileType::Annotation | FileType::Other => self.ignored.push(f),
                        _ => {
                            let id = relative_doc_id(&path, &f);
                            sources.push(Source::InFolder(f, id));
                        }
                    }
                }
                sources.push(Source::DirEnd(path, self.read));
                for s in sources.into_iter().rev() {
                    self.queue.push_front(s);
                }
            }
            Source::Path(path) => {
                let id = doc_id(&path);
                let kind = self.opts.format.map_or_else(|| article_file_type(&path), InputFormat::file_type);
                self.open_file(path, id, kind);
            }
            Source::InFolder(path, id) => {
                let kind = article_file_type(&path);
                self.open_file(path, id, kind);
            }
        }
    }

    /// Opens one article file, known by `id`, of type `kind`.
    fn open_file(&mut self, path: PathBuf, id: String, kind: FileType) {
        match std::fs::File::open(&path) {
            // a regular file too large is skipped before it is read
            Ok(f) => match (kind, self.read_limit(kind), f.metadata()) {
                (FileType::JsonLines, _, _) => self.open_stream(Box::new(f), path, id, kind),
                (_, Some((limit, max)), Ok(m)) if m.is_file() && m.len() > limit as u64 => {
                    let e =
                        over_limit(&path, format!("file of {} bytes is", m.len()), limit, max, "not read");
                    self.pending.push_back((Err(e), None));
                }
                _ => self.open_stream(Box::new(f), path, id, kind),
            },
            Err(e) => self.pending.push_back((Err(Error::io(&path, &e)), None)),
        }
    }

    /// The most bytes read of one input of type `kind`, and the article limit it comes from.
    fn read_limit(&self, kind: FileType) -> Option<(usize, usize)> {
        self.opts.max_bytes.map(|m| match kind {
            // a JSON input holds one article or an array: bounded like a JSON Lines record
            FileType::Json => (json_limit(m), m),
            // a byte-order mark is not part of the text
            _ => (m.saturating_add(3), m),
        })
    }

    /// Reads an input of type `kind` from `reader`: JSON Lines line by line, anything else whole,
    /// through a bounded reader.
    fn open_stream(
        &mut self,
        reader: Box<dyn std::io::Read + Send>,
        path: PathBuf,
        id: String,
        kind: FileType,
    ) {
        if kind == FileType::JsonLines {
            let reader = Box::new(std::io::BufReader::with_capacity(1 << 16, reader));
            self.lines = Some(JsonLines { id, path, reader, line: 0 });
            return;
        }
        match read_bounded(reader, &path, self.read_limit(kind)) {
            Ok(bytes) => self.parse_bytes(&path, &id, &bytes, kind),
            Err(e) => self.pending.push_back((Err(e), None)),
        }
    }

    fn parse_bytes(&mut self, path: &Path, id: &str, bytes: &[u8], kind: FileType) {
        let mut batch = Batch::default();
        read_bytes(path, id, bytes, kind, &self.opts, &mut batch);
        self.pending.extend(batch.articles.into_iter().map(|a| (Ok(a), Some(path.to_path_buf()))));
        self.pending.extend(batch.skipped.into_iter().map(|e| (Err(e), None)));
    }
}

impl ArticleStream {
    /// Counts an article read, or skips it when it is over the size limit or when its id was
    /// read before.
    fn checked(&mut self, item: Result<Article>, source: Option<(PathBuf, usize)>) -> Result<Article> {
        let a = item?;
        let located = |mut e: Error| {
            if let Some((path, line)) = &source {
                e = e.at(path);
                if *line > 0 {
                    e = e.line(*line);
                }
            }
            e
        };
        if let Some(max) = self.opts.max_bytes {
            if a.text.len() > max {
                return Err(located(Error::new(
                    ErrorKind::Io,
                    format!("article {:?} is {} bytes, over --max-article-bytes {max}", a.id, a.text.len()),
                )));
            }
        }
        if !self.opts.allow_duplicate_ids {
            if let Some(&(file, line)) = self.seen.get(a.id.as_str()) {
                let first = match (self.files.get(file as usize), line) {
                    (Some(p), 0) => format!("{}", p.display()),
                    (Some(p), l) => format!("{}:{l}", p.display()),
                    (None, _) => "an earlier input".to_string(),
                };
                return Err(located(Error::new(
                    ErrorKind::Duplicate,
                    format!("document id {:?} was already read from {first} (skipped)", a.id),
                )));
            }
            let (file, line) = match &source {
                Some((path, line)) => {
                    if self.files.last() != Some(path) {
                        self.files.push(path.clone());
                    }
                    (self.files.len() - 1, *line)
                }
                None => (usize::MAX, 0),
            };
            let at = (u32::try_from(file).unwrap_or(u32::MAX), u32::try_from(line).unwrap_or(0));
            self.seen.insert(a.id.as_str().into(), at);
        }
        self.read += 1;
        Ok(a)
    }
}

impl Iterator for ArticleStream {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((item, path)) = self.pending.pop_front() {
                return Some(self.checked(item, path.map(|p| (p, 0))));
            }
            if let Some(item) = self.next_line() {
                let at = self.last_line.take();
                return Some(self.checked(item, at));
            }
            let source = self.queue.pop_front()?;
            self.open(source);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum FileType {
    Text,
    Json,
    JsonLines,
    Annotation,
    Other,
}

fn article_file_type(path: &Path) -> FileType {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if name.ends_with(".gold.jsonl") {
        FileType::Annotation
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        FileType::JsonLines
    } else if name.ends_with(".json") {
        FileType::Json
    } else if name.ends_with(".txt") || name.ends_with(".text") {
        FileType::Text
    } else {
        FileType::Other
    }
}

/// The document id of a file found in the folder `root`: its path relative to `root`, parts
/// joined by `/`, without the article extension, so that `d/a/report.txt` and `d/b/report.txt`
/// read as `d` are `a/report` and `b/report`, whatever the folder is called or where it is.
///
/// ```
/// use std::path::Path;
/// assert_eq!(geokg::ingest::relative_doc_id(Path::new("d"), Path::new("d/a/report.txt")), "a/report");
/// assert_eq!(geokg::ingest::relative_doc_id(Path::new("d"), Path::new("d/x.jsonl")), "x");
/// ```
pub fn relative_doc_id(root: &Path, path: &Path) -> String {
    let Ok(rel) = path.strip_prefix(root) else { return doc_id(path) };
    let mut id = String::new();
    if let Some(parent) = rel.parent() {
        for part in parent.components() {
            id.push_str(&part.as_os_str().to_string_lossy());
            id.push('/');
        }
    }
    id.push_str(&doc_id(rel));
    id
}

/// The document id of a file: its name without the article extension (in any case: `NOTE.TXT`
/// is `NOTE`); a name that is not UTF-8 is read lossily (U+FFFD for each bad byte).
///
/// ```
/// use std::path::Path;
/// assert_eq!(geokg::ingest::doc_id(Path::new("d/NOTE.TXT")), "NOTE");
/// assert_eq!(geokg::ingest::doc_id(Path::new("a.b.Json")), "a.b");
/// ```
pub fn doc_id(path: &Path) -> String {
    let name = path.file_name().map_or_else(|| "document".into(), |n| n.to_string_lossy());
    let lower = name.to_ascii_lowercase();
    for ext in [".txt", ".text", ".jsonl", ".ndjson", ".json"] {
        if lower.ends_with(ext) && lower.len() > ext.len() {
            return name[..name.len() - ext.len()].to_string();
        }
    }
    name.into_owned()
}

/// Parses the bytes of one input (a text article, a JSON article or array, or JSON Lines).
fn read_bytes(path: &Path, id: &str, bytes: &[u8], kind: FileType, opts: &ReadOptions, batch: &mut Batch) {
    let text = match decode(path, bytes) {
        Ok(t) => t,
        Err(e) => {
            batch.skipped.push(e);
            return;
        }
    };
    match kind {
        FileType::Json => match parse_json(&text) {
            Ok(records) => {
                for (i, r) in records.into_iter().enumerate() {
                    let fallback = format!("{id}-{}", i + 1);
                    match r.into_article(&fallback) {
                        Ok(a) => batch.articles.push(opts.apply(a)),
                        Err(e) => batch.skipped.push(e.at(path)),
                    }
                }
            }
            Err(e) => batch.skipped.push(e.at(path)),
        },
        FileType::JsonLines => {
            let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
            for (n, line) in body.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let fallback = format!("{id}-{}", n + 1);
                let res = parse_json_lossy::<Record>(line)
                    .map_err(|e| Error::new(ErrorKind::Json, json_message(&e)))
                    .and_then(|r| r.into_article(&fallback));
                match res {
                    Ok(a) => batch.articles.push(opts.apply(a)),
                    Err(e) => batch.skipped.push(e.at(path).line(n + 1)),
                }
            }
        }
        _ => {
            let a = Article::from_text(id, &text);
            if a.body_text().trim().is_empty() {
                batch.skipped.push(Error::new(ErrorKind::Io, "empty article").at(path));
            } else {
                batch.articles.push(opts.apply(a));
            }
        }
    }
}

fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::new(ErrorKind::Encoding, format!("invalid UTF-8 at byte {at}")).at(path).line(line))
        }
    }
}

/// The most bytes of JSON read for articles of at most `max_bytes` bytes of text: 6 bytes per
/// byte of text (`\uXXXX`), plus 64 kB for the other fields.
fn json_limit(max_bytes: usize) -> usize {
    max_bytes.saturating_mul(6).saturating_add(1 << 16)
}

/// The error of an input over the size limit (`limit` bytes read at most for articles of `max`).
fn over_limit(path: &Path, what: String, limit: usize, max: usize, then: &str) -> Error {
    let bound = if limit == max.saturating_add(3) {
        format!("--max-article-bytes {max}")
    } else {
        format!("{limit} bytes, the most read for --max-article-bytes {max}")
    };
    Error::new(ErrorKind::Io, format!("{what} over {bound} ({then})")).at(path)
}

/// Reads an input whole, but never more than `limit` bytes (`(limit, max)`: the bytes read at
/// most for articles of `max` bytes): an endless input (a device, a FIFO) is skipped once it
/// passes the limit.
fn read_bounded(reader: impl std::io::Read, path: &Path, limit: Option<(usize, usize)>) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let Some((limit, max)) = limit else {
        let mut reader = reader;
        reader.read_to_end(&mut bytes).map_err(|e| Error::io(path, &e))?;
        return Ok(bytes);
    };
    reader.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(|e| Error::io(path, &e))?;
    if bytes.len() > limit {
        return Err(over_limit(path, format!("more than {limit} bytes,"), limit, max, "read no further"));
    }
    Ok(bytes)
}

/// Reads one line (with its `\n`) into `buf`, keeping at most `limit` bytes of it and skipping
/// the rest, so that one huge line cannot fill the memory. Returns the line's whole length.
fn read_line_bounded(
    r: &mut impl std::io::BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(total);
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = limit.saturating_sub(buf.len()).min(take);
        buf.extend_from_slice(&chunk[..room]);
        total += take;
        r.consume(take);
        if done {
            return Ok(total);
        }
    }
}

/// Parses JSON, reading a lone UTF-16 surrogate escape (`"\ud800"`, which a scraper that cut a
/// JavaScript string in two writes) as U+FFFD, the way invalid UTF-8 would be read lossily,
/// rather than losing the whole record.
fn parse_json_lossy<T: serde::de::DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    match serde_json::from_str(text) {
        Err(e) if e.to_string().contains("surrogate") || e.to_string().contains("hex escape") => {
            match replace_lone_surrogates(text) {
                Some(fixed) => serde_json::from_str(&fixed),
                None => Err(e),
            }
        }
        r => r,
    }
}

/// `text` with every `\uD800`–`\uDFFF` escape that is not half of a valid pair replaced by
/// `\uFFFD`; `None` when there is none.
fn replace_lone_surrogates(text: &str) -> Option<String> {
    fn escape_at(b: &[u8], i: usize) -> Option<u16> {
        let hex = b.get(i..i + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut i, mut copied, mut changed) = (0, 0, false);
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match escape_at(b, i) {
            Some(0xd800..=0xdbff) if matches!(escape_at(b, i + 6), Some(0xdc00..=0xdfff)) => i += 12,
            Some(0xd800..=0xdfff) => {
                out.push_str(&text[copied..i]);
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
                changed = true;
            }
            // any other escape, `\\` included, is two bytes at least: skip them together
            _ => i += 2,
        }
    }
    out.push_str(&text[copied..]);
    changed.then_some(out)
}

fn json_message(e: &serde_json::Error) -> String {
    format!("malformed JSON record: {e}")
}

/// A JSON article record `{id, title, text, date, url, lang}`; only `text` is required.
#[derive(Debug, Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    title: Option<String>,
    text: Option<String>,
    date: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

impl Record {
    fn into_article(self, fallback_id: &str) -> Result<Article> {
        let body = self.text.ok_or_else(|| Error::new(ErrorKind::Json, "record has no \"text\" field"))?;
        let id = match self.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            None | Some(serde_json::Value::Null) => fallback_id.to_string(),
            Some(_) => return Err(Error::new(ErrorKind::Json, "\"id\" must be a string or a number")),
        };
        let text = match &self.title {
            Some(t) if !t.trim().is_empty() && !body.trim_start().starts_with(t.trim()) => {
                format!("{}\n{}", t.trim(), body)
            }
            _ => body,
        };
        let mut a = Article::from_text(&id, &text);
        if let Some(t) = self.title {
            if !t.trim().is_empty() {
                a.title = Some(t.trim().to_string());
            }
        }
        if let Some(d) = self.date {
            a.date =
                Some(parse_iso_date(&d).ok_or_else(|| {
                    Error::new(ErrorKind::Json, format!("\"date\" is not an ISO date: {d:?}"))
                })?);
        }
        a.url = self.url;
        if let Some(l) = self.lang {
            a.lang = Lang::parse(&l).ok_or_else(|| {
                Error::new(ErrorKind::Json, format!("unsupported \"lang\": {l:?} (fr or en)"))
            })?;
        }
        Ok(a)
    }
}

fn parse_json(text: &str) -> Result<Vec<Record>> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value =
        parse_json_lossy(t).map_err(|e| Error::new(ErrorKind::Json, json_message(&e)).line(e.line()))?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        v @ serde_json::Value::Object(_) => vec![v],
        _ => return Err(Error::new(ErrorKind::Json, "expected an article object or an array of them")),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value::<Record>(v)
                .map_err(|e| Error::new(ErrorKind::Json, format!("record {}: {}", i + 1, json_message(&e))))
        })
        .collect()
}

/// Parses `YYYY-MM-DD` (optionally followed by a time) into `YYYY-MM-DD`; a day the month does
/// not have (`2017-02-30`, `2023-02-29`) is no date.
///
/// ```
/// assert_eq!(geokg::ingest::parse_iso_date("2022-07-23T10:00:00Z").as_deref(), Some("2022-07-23"));
/// assert_eq!(geokg::ingest::parse_iso_date("23/07/2022"), None);
/// assert_eq!(geokg::ingest::parse_iso_date("2017-02-30"), None);
/// assert_eq!(geokg::ingest::parse_iso_date("2024-02-29").as_deref(), Some("2024-02-29"));
/// ```
pub fn parse_iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let head = s.get(..10)?;
    let b = head.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    if s.len() > 10 && !matches!(b.get(10).copied().or(s.as_bytes().get(10).copied()), Some(b'T' | b' ')) {
        return None;
    }
    let year: u32 = head[..4].parse().ok()?;
    let month: u32 = head[5..7].parse().ok()?;
    let day: u32 = head[8..10].parse().ok()?;
    valid_date(year, month, day).then(|| head.to_string())
}

/// True when the month (1–12) has the day (February 29 in leap years only).
fn valid_date(year: u32, month: u32, day: u32) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

const FR_MONTHS: &[&str] = &[
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];
const EN_MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// Finds the article date in its first lines: a dateline alone on its line or opening it, such
/// as `2022-07-23`, `22/06/2025` (day first; `-` and `.` also separate), `7 avril 2017`, `1er mai
/// 2022`, `July 23, 2022`, `May 1st, 2022` or `23 July 2022`, after a weekday or not (`Friday,
/// July 21, 2017`, `mardi 3 mai 2022`). A day the month does not have is no date.
///
/// ```
/// use geokg::ingest::find_date;
/// assert_eq!(find_date("T\nFriday, July 21, 2017\nBody.").as_deref(), Some("2017-07-21"));
/// assert_eq!(find_date("T\n22/06/2025 – Corps.").as_deref(), Some("2025-06-22"));
/// assert_eq!(find_date("T\n30 février 2017\nCorps."), None);
/// ```
pub fn find_date(text: &str) -> Option<String> {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()).skip(1).take(3) {
        if let Some(d) = parse_iso_date(line.get(..10).unwrap_or("")) {
            return Some(d);
        }
        if let Some(d) = numeric_date(line) {
            return Some(d);
        }
        let mut words: Vec<String> = line
            .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
            .filter(|w| !w.is_empty())
            .take(5)
            .map(crate::text::fold)
            .collect();
        if words.first().is_some_and(|w| WEEKDAYS.contains(&w.as_str())) {
            words.remove(0);
        }
        let month = |w: &str| {
            FR_MONTHS.iter().position(|m| *m == w).or_else(|| EN_MONTHS.iter().position(|m| *m == w))
        };
        // a day: 7, 1er, 1st, 2nd, 3rd, 21st, 4th
        let num = |w: &str| {
            let digits = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h', 'e']);
            let suffix = &w[digits.len()..];
            matches!(suffix, "" | "er" | "st" | "nd" | "rd" | "th")
                .then(|| digits.parse::<u32>().ok())
                .flatten()
        };
        let year = |w: &str| w.parse::<u32>().ok().filter(|y| (1900..=2100).contains(y));
        let ymd = match words.as_slice() {
            [d, m, y, ..] if num(d).is_some() && month(m).is_some() => (year(y), month(m), num(d)),
            [m, d, y, ..] if month(m).is_some() && num(d).is_some() => (year(y), month(m), num(d)),
            _ => continue,
        };
        if let (Some(y), Some(m), Some(d)) = ymd {
            let m = m as u32 + 1;
            if valid_date(y, m, d) {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    None
}

/// A numeric dateline opening the line, day first: `22/06/2025`, `22-06-2025`, `22.06.2025`
/// (`1/6/2025` too), followed by the end of the line or a space.
fn numeric_date(line: &str) -> Option<String> {
    let head = line.split(|c: char| c.is_whitespace() || c == ',').next()?;
    let sep = head.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = head.trim_end_matches('.').split(sep).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4)) {
        return None;
    }
    let (d, m, y): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    ((1900..=2100).contains(&y) && valid_date(y, m, d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// French function words ("l" and "d": "l'" and "d'" cut before their apostrophe).
fn is_french_word(w: &str) -> bool {
    matches!(
        w,
        "le" | "la"
            | "les"
            | "des"
            | "du"
            | "est"
            | "et"
            | "une"
            | "dans"
            | "pour"
            | "qui"
            | "que"
            | "sur"
            | "pas"
            | "au"
            | "aux"
            | "a"
            | "ont"
            | "avec"
            | "par"
            | "ce"
            | "il"
            | "elle"
            | "l"
            | "d"
    )
}

/// English function words.
fn is_english_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "of"
            | "and"
            | "to"
            | "is"
            | "in"
            | "that"
            | "for"
            | "on"
            | "with"
            | "by"
            | "was"
            | "has"
            | "have"
            | "are"
            | "it"
            | "its"
            | "from"
            | "this"
            | "we"
            | "will"
            | "be"
    )
}

/// Detects French or English from function-word counts (English on a tie), in the first 20 kB,
/// stopping once one language leads by 30 function words.
///
/// ```
/// use geokg::ingest::{detect_lang, Lang};
/// assert_eq!(detect_lang("La Russie a condamné les frappes"), Lang::Fr);
/// assert_eq!(detect_lang("Russia condemned the strikes"), Lang::En);
/// ```
pub fn detect_lang(text: &str) -> Lang {
    let (mut fr, mut en) = (0usize, 0usize);
    let mut folded = String::new();
    let sample = &text[..floor_char_boundary(text, 20_000)];
    for w in sample.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        // function words are short: "l'", "d'", "the", "dans"
        let cut = if w.is_ascii() { w.bytes().position(|b| b == b'\'') } else { w.find(['\'', '’']) };
        let w = match cut {
            Some(i) => &w[..i],
            None => w,
        };
        if w.is_empty() || w.len() > 5 {
            continue;
        }
        folded.clear();
        crate::text::fold_into(w, &mut folded);
        fr += usize::from(is_french_word(&folded));
        en += usize::from(is_english_word(&folded));
        // a lead of 30 function words decides: the rest of a long article need not be read
        if fr.abs_diff(en) >= 30 {
            break;
        }
    }
    if fr > en {
        Lang::Fr
    } else {
        Lang::En
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Words whose presence marks a line as site furniture rather than article text.
const FURNITURE_WORDS: &[&str] = &[
    "commentaire",
    "commentaires",
    "comment",
    "comments",
    "source",
    "sources",
    "redaction",
    "newsletter",
    "abonnez",
    "abonnement",
    "subscribe",
    "cookies",
    "copyright",
    "droits",
    "rights",
    "partager",
    "share",
    "similaire",
    "similaires",
    "related",
    "publicite",
    "advertisement",
    "lire",
    "read",
    "voir",
    "see",
    "aussi",
    "also",
    "tags",
    "mots-cles",
];

/// Finds where the article content ends: trailing lines that look like site furniture (short
/// lines without final punctuation, web addresses, or lines about comments, sources, sharing,
/// subscriptions, copyright) are left out. The title line is never removed.
///
/// ```
/// let text = "Titre\nLa Russie a condamné les frappes.\nExample.com\nSimilaire\nLa source de cet article se trouve sur ce site";
/// assert_eq!(&text[..geokg::ingest::body_end(text)], "Titre\nLa Russie a condamné les frappes.");
/// ```
pub fn body_end(text: &str) -> usize {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        lines.push((pos, pos + line.len()));
        pos += line.len() + 1;
    }
    let first_content = lines.iter().position(|&(s, e)| !text[s..e].trim().is_empty());
    let mut end = text.trim_end().len();
    for (i, &(s, e)) in lines.iter().enumerate().rev() {
        let line = text[s..e].trim();
        if line.is_empty() {
            continue;
        }
        if Some(i) <= first_content || !is_furniture(line) {
            break;
        }
        end = text[..s].trim_end().len();
    }
    end
}

fn is_furniture(line: &str) -> bool {
    let split = || line.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|w| !w.is_empty());
    let ends_sentence = line.ends_with(['.', '!', '?', '»', '"', '”', '…']);
    let looks_like_url = line.contains("://")
        || line.starts_with("www.")
        || (!line.contains(' ') && line.contains('.') && !ends_sentence);
    if looks_like_url {
        return true;
    }
    // counted before anything is folded: most lines are long sentences
    let n = split().count();
    if !ends_sentence && n <= 12 {
        return true;
    }
    if n > 40 {
        return false;
    }
    let words: Vec<String> = split().map(crate::text::fold).collect();
    words.iter().any(|w| FURNITURE_WORDS.contains(&w.as_str())) && mentions_site(&words)
}

/// True when a line speaks of the site itself (its comments, editors, readers, this article).
fn mentions_site(words: &[String]) -> bool {
    const SITE: &[&str] = &[
        "commentaire",
        "commentaires",
        "comment",
        "comments",
        "redaction",
        "site",
        "article",
        "newsletter",
        "abonnez",
        "subscribe",
        "cookies",
        "copyright",
        "droits",
        "rights",
        "editors",
        "lecteurs",
        "readers",
    ];
    words.iter().any(|w| SITE.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_keeps_crlf_offsets() {
        let a = Article::from_text("x", "\u{feff}Title\r\nThe United States condemned Russia.\r\n");
        assert_eq!(a.title.as_deref(), Some("Title"));
        assert!(a.text.starts_with("Title"));
        assert_eq!(a.body_text(), "Title\r\nThe United States condemned Russia.");
    }

    #[test]
    fn english_and_french_datelines() {
        assert_eq!(find_date("T\n\n2022-07-23\n\nBody."), Some("2022-07-23".into()));
        assert_eq!(find_date("T\n7 avril 2017. –\nCorps."), Some("2017-04-07".into()));
        assert_eq!(find_date("T\nJuly 23, 2022\nBody."), Some("2022-07-23".into()));
        assert_eq!(find_date("T\nNo date here.\nBody."), None);
    }

    /// Datelines with a weekday, day-first numbers and ordinals are read; days a month does not
    /// have are not dates.
    #[test]
    fn weekday_numeric_and_ordinal_datelines() {
        let date = |line: &str| find_date(&format!("Title\n{line}\nBody."));
        assert_eq!(date("Friday, July 21, 2017").as_deref(), Some("2017-07-21"));
        assert_eq!(date("mardi 3 mai 2022").as_deref(), Some("2022-05-03"));
        assert_eq!(date("Mardi, 3 mai 2022 à 10h").as_deref(), Some("2022-05-03"));
        assert_eq!(date("Sunday 1 May 2022").as_deref(), Some("2022-05-01"));
        assert_eq!(date("22/06/2025").as_deref(), Some("2025-06-22"));
        assert_eq!(date("06/07/2025 10:00 – Paris").as_deref(), Some("2025-07-06"));
        assert_eq!(date("1.6.2025").as_deref(), Some("2025-06-01"));
        assert_eq!(date("22-06-2025,").as_deref(), Some("2025-06-22"));
        assert_eq!(date("May 1st, 2022").as_deref(), Some("2022-05-01"));
        assert_eq!(date("May 22nd 2022").as_deref(), Some("2022-05-22"));
        assert_eq!(date("3rd June 2021").as_deref(), Some("2021-06-03"));
        assert_eq!(date("1er mai 2022").as_deref(), Some("2022-05-01"));
        assert_eq!(date("29 February 2024").as_deref(), Some("2024-02-29"));
        // impossible days, a month-first number beyond 12, a year out of range, no year
        assert_eq!(date("2017-02-30"), None);
        assert_eq!(date("30 février 2017"), None);
        assert_eq!(date("29 February 2023"), None);
        assert_eq!(date("April 31, 2020"), None);
        assert_eq!(date("06/22/2025"), None);
        assert_eq!(date("31/04/2025"), None);
        assert_eq!(date("12/06/0025"), None);
        assert_eq!(date("May 1st"), None);
        assert_eq!(date("May 1sx, 2022"), None);
        assert_eq!(date("1/2"), None);
    }

    #[test]
    fn article_prose_is_not_furniture() {
        let text = "Title\nFirst sentence.\nThe source said the talks would resume.";
        assert_eq!(body_end(text), text.len());
    }

    #[test]
    fn json_record_needs_text() {
        let e = Record { id: None, title: None, text: None, date: None, url: None, lang: None }
            .into_article("f-1")
            .unwrap_err();
        assert_eq!(e.message, "record has no \"text\" field");
    }
}
