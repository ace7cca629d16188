//! The `geokg` command line: a thin layer over the library.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use geokg::error::{Error, ErrorKind};
use geokg::eval::{self, LEVELS};
use geokg::ingest::{read_inputs, Batch, Lang, ReadOptions};
use geokg::query::{self, Link};
use geokg::{Article, Event, ExtractOptions, Extractor, Graph, Lexicon};

/// Turns news articles (French, English) into a geopolitical knowledge graph of CAMEO-coded events.
#[derive(Parser, Debug)]
#[command(name = "geokg", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by the commands that read articles.
#[derive(clap::Args, Debug, Clone)]
struct InputArgs {
    /// Articles: .txt, .json, .jsonl files, folders (recursive), or - for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Language of every article (fr or en) instead of detecting it.
    #[arg(long)]
    lang: Option<String>,
    /// Date (YYYY-MM-DD) for articles that carry none.
    #[arg(long)]
    date: Option<String>,
    /// Also output negated events (marked "negated": true).
    #[arg(long)]
    negated: bool,
    /// Do not parse sentences: arguments from clause patterns alone (faster, less accurate).
    #[arg(long)]
    no_parse: bool,
    /// Drop events below this confidence (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f64,
    /// A folder laid out like data/ to use instead of the embedded lexicons.
    #[arg(long)]
    data: Option<PathBuf>,
    /// An analyst lexicon (a .tsv file in the format of data/, or a folder of them) that adds to
    /// or overrides the lexicons; repeatable.
    #[arg(long = "lexicon", value_name = "FILE|DIR")]
    lexicons: Vec<PathBuf>,
    /// Threads extracting articles in parallel (default: all cores); the output is the same
    /// whatever the number.
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar and no summary line on standard error.
    #[arg(long, short)]
    quiet: bool,
    /// Skip articles longer than this many bytes.
    #[arg(long, default_value_t = geokg::ingest::DEFAULT_MAX_ARTICLE_BYTES)]
    max_article_bytes: usize,
    /// Stop at the first input that cannot be read, instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// How to read standard input and the files named here (not those found in folders): by
    /// default a file by its extension, and standard input by a guess from its first 64 kB (JSON
    /// Lines when half its lines start like a JSON object, JSON when it starts like one or like
    /// an array of them, else text).
    #[arg(long, value_enum)]
    input_format: Option<InputFormatArg>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum InputFormatArg {
    /// One plain-text article.
    Text,
    /// A JSON article, or an array of them.
    Json,
    /// JSON Lines, one article per line.
    Jsonl,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ExtractFormat {
    /// One JSON event per line (shared/docs/output-schema.md).
    Jsonl,
    /// A readable table.
    Table,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// The geokg graph file (reload it with export and query).
    Graph,
    /// Graphviz DOT.
    Dot,
    /// Node-link JSON (networkx, D3).
    Json,
    /// GraphML (Gephi, yEd, networkx).
    Graphml,
    /// GEXF 1.3 (Gephi, with a timeline from the event dates; networkx).
    Gexf,
    /// Cytoscape.js elements JSON.
    Cytoscape,
    /// nodes.csv and edges.csv for neo4j-admin import (into the folder given by -o).
    Csv,
    /// SVG drawn without Graphviz (small graphs).
    Svg,
    /// A readable list of the relations.
    Table,
}

/// Which part of a graph an export draws, and how.
#[derive(clap::Args, Debug, Clone, Default)]
struct ExportArgs {
    /// Only the actors within --depth relations of this one.
    #[arg(long)]
    ego: Option<String>,
    /// The depth of --ego.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// Only the relations between these actors (comma-separated names).
    #[arg(long, value_delimiter = ',')]
    actors: Vec<String>,
    /// Only the actors of this state (ISO alpha-3) and their relations with each other.
    #[arg(long)]
    country: Option<String>,
    /// Only the N most central actors (PageRank).
    #[arg(long)]
    top: Option<usize>,
    /// DOT: add a legend of the quad-class colours.
    #[arg(long)]
    legend: bool,
    /// DOT: draw the persons of a state in a box with it.
    #[arg(long)]
    clusters: bool,
    #[command(flatten)]
    filter: FilterArgs,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum ActorsFormat {
    /// A readable table.
    Table,
    /// A JSON array.
    Json,
    /// Unknown persons in the format of data/actors/people.tsv.
    Lexicon,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract coded events from articles.
    Extract {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
    },
    /// Build the graph of the events of articles.
    Build {
        #[command(flatten)]
        input: InputArgs,
        /// Write to this file instead of standard output; its extension gives the format when
        /// --format is not given (.json and .gkg: the graph file; .dot, .graphml, .gexf, .cyjs,
        /// .svg, .txt; .csv: NAME.nodes.csv and NAME.edges.csv).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Add the articles to this graph file (created if missing): an article already there
        /// with the same text is not counted twice; a changed one replaces its old evidence.
        #[arg(long, value_name = "GRAPH", conflicts_with = "output")]
        into: Option<PathBuf>,
        /// Output format [default: from the extension of -o, else graph].
        #[arg(long, value_enum)]
        format: Option<GraphFormat>,
    },
    /// Merge graph files built separately (the union of their documents).
    Merge {
        /// Graph files written by `geokg build`.
        #[arg(required = true)]
        graphs: Vec<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Export a graph file (DOT, node-link JSON, GraphML, GEXF, Cytoscape, CSV, SVG, table).
    Export {
        /// A graph file written by `geokg build`.
        graph: PathBuf,
        /// Output format [default: from the extension of -o, else dot].
        #[arg(long, value_enum)]
        format: Option<GraphFormat>,
        /// Write to this file instead of standard output; its extension gives the format when
        /// --format is not given (.dot, .json: node-link, .graphml, .gexf, .cyjs, .svg, .txt,
        /// .gkg: the graph file; .csv: NAME.nodes.csv and NAME.edges.csv; a folder for csv).
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        view: ExportArgs,
    },
    /// Ask a graph who is linked to whom.
    Query {
        /// A graph file written by `geokg build`.
        graph: PathBuf,
        #[command(subcommand)]
        question: Question,
    },
    /// List the actors found in articles, known and unknown, with their mention counts.
    Actors {
        #[command(flatten)]
        input: InputArgs,
        /// Only the actors the lexicon does not know.
        #[arg(long)]
        unknown: bool,
        /// Output format: table, json, or lexicon (unknown persons as rows of people.tsv).
        #[arg(long, value_enum, default_value_t = ActorsFormat::Table)]
        format: ActorsFormat,
    },
    /// Show, sentence by sentence, the actors found, the triggers and why each was or was not coded.
    Explain {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Score the extraction against gold annotations (NAME.txt beside NAME.gold.jsonl), over all
    /// the documents of the folders, then per language and per folder (a split into one group is
    /// not repeated).
    Eval {
        /// Folders of NAME.txt and NAME.gold.jsonl files; document ids must be unique across them.
        #[arg(required = true)]
        gold_dir: Vec<PathBuf>,
        /// Also give the figures of each document, worst country+root F1 first.
        #[arg(long)]
        per_doc: bool,
        /// Print JSON: the reference scorer's shape for the overall figures, plus "languages" and
        /// "folders" objects of the same shape (and "documents" with --per-doc).
        #[arg(long)]
        json: bool,
        /// A folder laid out like data/ to use instead of the embedded lexicons.
        #[arg(long)]
        data: Option<PathBuf>,
        /// An analyst lexicon that adds to or overrides the lexicons; repeatable.
        #[arg(long = "lexicon", value_name = "FILE|DIR")]
        lexicons: Vec<PathBuf>,
        /// Drop events below this confidence (0 to 1).
        #[arg(long, default_value_t = 0.0)]
        min_confidence: f64,
        /// Score only the articles in this language (fr or en).
        #[arg(long)]
        lang: Option<String>,
        /// Do not parse: find arguments with the clause patterns alone (for comparison).
        #[arg(long)]
        no_parse: bool,
    },
    /// Tag and parse: articles (any input extract takes) or, with --conllu, the words of a
    /// CoNLL-U file, written as CoNLL-U with predicted UPOS, LEMMA, FEATS, HEAD and DEPREL.
    Parse {
        #[command(flatten)]
        input: InputArgs,
        /// Read the words of this CoNLL-U file (keeping its sentences and multiword tokens)
        /// instead of articles.
        #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
        conllu: Option<PathBuf>,
        /// A model file written by `geokg train-syntax`, instead of the embedded one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
    /// Train a tagger and parser on Universal Dependencies treebanks (see data/syntax/README.md).
    TrainSyntax {
        /// The language of the treebanks: fr or en.
        #[arg(long)]
        lang: String,
        /// A training treebank (CoNLL-U); repeatable.
        #[arg(long = "train", required = true, value_name = "FILE")]
        train: Vec<PathBuf>,
        /// A development treebank, to choose the number of parser passes.
        #[arg(long, value_name = "FILE")]
        dev: Option<PathBuf>,
        /// Tagger passes.
        #[arg(long, default_value_t = 8)]
        tagger_epochs: usize,
        /// The most parser passes (the best on --dev is kept).
        #[arg(long, default_value_t = 15)]
        parser_epochs: usize,
        /// Folds for jackknifed training tags (1 trains the parser on gold tags).
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Drop parser weights below this (in perceptron updates): smaller and faster.
        #[arg(long, default_value_t = 1.0)]
        prune: f64,
        /// Where to write the model.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// Which relations a query or an export keeps.
#[derive(clap::Args, Debug, Clone, Default)]
struct FilterArgs {
    /// Only evidence dated on or after this day (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Only evidence dated on or before this day (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    /// Only this CAMEO code or its sub-codes (repeatable): 19, 190, 0231.
    #[arg(long = "code")]
    codes: Vec<String>,
    /// Only this CAMEO root (repeatable), like --code with two digits.
    #[arg(long = "root")]
    roots: Vec<String>,
    /// Only this quad class (repeatable): 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    #[arg(long = "quad")]
    quads: Vec<u8>,
    /// Only relations with at least this many events.
    #[arg(long, default_value_t = 1)]
    min_count: usize,
}

impl FilterArgs {
    fn filter(&self) -> Result<query::Filter, Error> {
        let date = |d: &Option<String>, flag: &str| -> Result<Option<String>, Error> {
            match d {
                Some(d) => geokg::ingest::parse_iso_date(d)
                    .filter(|x| x.len() == d.trim().len())
                    .map(Some)
                    .ok_or_else(|| Error::new(ErrorKind::Usage, format!("{flag} {d:?}: use YYYY-MM-DD"))),
                None => Ok(None),
            }
        };
        let mut codes = self.codes.clone();
        codes.extend(self.roots.iter().cloned());
        for c in &codes {
            if !(2..=4).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::new(ErrorKind::Usage, format!("--code/--root {c:?}: 2 to 4 digits")));
            }
        }
        if let Some(q) = self.quads.iter().find(|q| !(1..=4).contains(*q)) {
            return Err(Error::new(ErrorKind::Usage, format!("--quad {q}: 1 to 4")));
        }
        Ok(query::Filter {
            since: date(&self.since, "--since")?,
            until: date(&self.until, "--until")?,
            codes,
            quads: self.quads.clone(),
            min_count: self.min_count,
        })
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum By {
    /// Calendar months.
    Month,
    /// ISO weeks.
    Week,
    /// Days.
    Day,
}

#[derive(Subcommand, Debug)]
enum Question {
    /// Every relation from or to an actor.
    Neighbors {
        /// The actor, by any name (accents and case ignored).
        actor: String,
        /// Only what the actor does.
        #[arg(long = "out", conflicts_with = "incoming")]
        outgoing: bool,
        /// Only what is done to the actor.
        #[arg(long = "in")]
        incoming: bool,
        #[command(flatten)]
        filter: FilterArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The direct relations between two actors, both ways.
    Links {
        /// First actor.
        a: String,
        /// Second actor.
        b: String,
        /// Show the first N pieces of evidence of each relation (by date), or all of them.
        #[arg(long, value_name = "N|all", value_parser = parse_evidence_count)]
        evidence: Option<usize>,
        #[command(flatten)]
        filter: FilterArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A shortest chain of relations between two actors, with the evidence of each hop.
    Path {
        /// First actor.
        a: String,
        /// Second actor.
        b: String,
        #[command(flatten)]
        filter: FilterArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The most central actors (PageRank, degree) and the most frequent relations.
    Top {
        /// How many of each.
        #[arg(short, long, default_value_t = 10)]
        n: usize,
        #[command(flatten)]
        filter: FilterArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Everything known about an actor: names, role, state, mentions, partners and adversaries.
    Actor {
        /// The actor.
        actor: String,
        #[command(flatten)]
        filter: FilterArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The events between two actors per period, both directions, with their Goldstein sum.
    Timeline {
        /// First actor.
        a: String,
        /// Second actor.
        b: String,
        /// The period.
        #[arg(long, value_enum, default_value_t = By::Month)]
        by: By,
        #[command(flatten)]
        filter: FilterArgs,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `--evidence N|all`: a positive count, or `all` (every piece).
fn parse_evidence_count(s: &str) -> Result<usize, String> {
    match s {
        "all" => Ok(usize::MAX),
        _ => s
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| "use a number from 1, or all".to_string()),
    }
}

/// Prints a message on stderr with control and bidi characters removed, so that a file name or an
/// article's text quoted in a message cannot drive the terminal.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", geokg::text::terminal_safe(&format!($($arg)*), true))
    };
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            say!("geokg: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &Error) -> bool {
    e.kind == ErrorKind::Io && e.message.contains("Broken pipe")
}

fn out_err(e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io, e.to_string())
}

fn lexicon(data: &Option<PathBuf>, extra: &[PathBuf]) -> Result<Lexicon, Error> {
    if extra.is_empty() {
        return match data {
            Some(dir) => Lexicon::from_dir(dir),
            None => Ok(Lexicon::default()),
        };
    }
    let mut b = match data {
        Some(dir) => {
            let mut b = geokg::lexicon::LexiconBuilder::default();
            for f in geokg::lexicon::FILES {
                b.add_path(&dir.join(f))?;
            }
            b
        }
        None => geokg::lexicon::LexiconBuilder::embedded(),
    };
    for p in extra {
        b.add_path(p)?;
    }
    let lex = b.build()?;
    for w in &lex.warnings {
        say!("geokg: warning: {w}");
    }
    Ok(lex)
}

/// The extractor and the options of the articles to read, from the command line.
fn prepare(input: &InputArgs) -> Result<(Extractor, ReadOptions), Error> {
    let lang = match &input.lang {
        Some(l) => Some(
            Lang::parse(l)
                .ok_or_else(|| Error::new(ErrorKind::Usage, format!("--lang {l:?}: use fr or en")))?,
        ),
        None => None,
    };
    let date = match &input.date {
        Some(d) => Some(
            geokg::ingest::parse_iso_date(d)
                .filter(|x| x.len() == d.trim().len())
                .ok_or_else(|| Error::new(ErrorKind::Usage, format!("--date {d:?}: use YYYY-MM-DD")))?,
        ),
        None => None,
    };
    if !(0.0..=1.0).contains(&input.min_confidence) {
        return Err(Error::new(ErrorKind::Usage, "--min-confidence must be between 0 and 1"));
    }
    if let Some(n) = input.threads {
        if n == 0 {
            return Err(Error::new(ErrorKind::Usage, "--threads must be at least 1"));
        }
        // the global pool can be set once; a second call (in tests) keeps the first
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
    }
    let ex = Extractor::new(lexicon(&input.data, &input.lexicons)?).with_options(ExtractOptions {
        negated: input.negated,
        min_confidence: input.min_confidence,
        parse: !input.no_parse,
    });
    let format = input.input_format.map(|f| match f {
        InputFormatArg::Text => geokg::ingest::InputFormat::Text,
        InputFormatArg::Json => geokg::ingest::InputFormat::Json,
        InputFormatArg::Jsonl => geokg::ingest::InputFormat::Jsonl,
    });
    Ok((
        ex,
        ReadOptions {
            lang,
            date,
            max_bytes: Some(input.max_article_bytes),
            allow_duplicate_ids: false,
            format,
        },
    ))
}

/// Reads every input at once (for the commands that need all articles together).
fn read(input: &InputArgs) -> Result<(Extractor, Batch), Error> {
    let (ex, opts) = prepare(input)?;
    let batch = read_inputs(&input.inputs, &opts);
    report_batch(&batch)?;
    Ok((ex, batch))
}

/// What a streamed run read.
#[derive(Default)]
struct Counts {
    articles: usize,
    bytes: usize,
    events: usize,
    /// Events of articles with no date (no dateline, no `date` field, no --date).
    undated: usize,
    skipped: Vec<Error>,
}

impl Counts {
    /// "12 article(s), 0.1 MB in 0.02 s (5.2 MB/s), 30 event(s), 4 undated, 0 input(s) skipped"
    fn summary(&self, started: std::time::Instant) -> String {
        let secs = started.elapsed().as_secs_f64().max(1e-6);
        format!(
            "{} article(s), {:.1} MB in {:.2} s ({:.1} MB/s), {} event(s), {} undated, {} input(s) skipped",
            self.articles,
            self.bytes as f64 / 1e6,
            secs,
            self.bytes as f64 / 1e6 / secs,
            self.events,
            self.undated,
            self.skipped.len()
        )
    }
}

/// Streams the articles of the inputs through `work` in parallel chunks, and hands each result
/// to `sink` in input order: memory stays flat in the number of articles, and the output does not
/// depend on the number of threads.
fn stream<T: Send>(
    input: &InputArgs,
    ex: &Extractor,
    opts: ReadOptions,
    work: impl Fn(&Extractor, &Article) -> T + Sync,
    mut sink: impl FnMut(&Article, T) -> Result<usize, Error>,
) -> Result<(Counts, Unread), Error> {
    use rayon::prelude::*;
    const CHUNK: usize = 256;
    let started = std::time::Instant::now();
    let mut articles = geokg::ingest::ArticleStream::new(&input.inputs, opts);
    let mut counts = Counts::default();
    let progress = Progress::new(input.quiet);
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        for item in articles.by_ref() {
            match item {
                Ok(a) => {
                    chunk.push(a);
                    if chunk.len() == CHUNK {
                        break;
                    }
                }
                Err(e) if input.strict => return Err(e),
                Err(e) => {
                    progress.bar.suspend(|| say!("geokg: skipped {e}"));
                    counts.skipped.push(e);
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<T> = chunk.par_iter().map(|a| work(ex, a)).collect();
        for (a, r) in chunk.iter().zip(results) {
            counts.articles += 1;
            counts.bytes += a.text.len();
            let events = sink(a, r)?;
            counts.events += events;
            if a.date.is_none() {
                counts.undated += events;
            }
        }
        progress.update(&counts, started);
    }
    progress.bar.finish_and_clear();
    let unread = Unread {
        ignored: std::mem::take(&mut articles.ignored),
        hidden: std::mem::take(&mut articles.hidden),
        repeated: std::mem::take(&mut articles.repeated),
    };
    if !input.quiet && counts.articles > 0 {
        say!("geokg: {}", counts.summary(started));
    }
    Ok((counts, unread))
}

/// The progress bar on stderr: shown once a run has lasted a second, when stderr is a terminal
/// and `--quiet` is not given.
struct Progress {
    bar: indicatif::ProgressBar,
    enabled: bool,
}

impl Progress {
    fn new(quiet: bool) -> Self {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg}")
                .expect("the progress template is valid"),
        );
        let enabled = !quiet && std::io::IsTerminal::is_terminal(&std::io::stderr());
        Progress { bar, enabled }
    }

    fn update(&self, counts: &Counts, started: std::time::Instant) {
        if !self.enabled {
            return;
        }
        if self.bar.is_hidden() && started.elapsed() >= std::time::Duration::from_secs(1) {
            self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(std::time::Duration::from_millis(200));
        }
        self.bar.set_message(counts.summary(started));
    }
}

/// The files of folders left unread on purpose: not articles, hidden, or reached again through a
/// link.
struct Unread {
    ignored: Vec<PathBuf>,
    hidden: Vec<PathBuf>,
    repeated: Vec<PathBuf>,
}

impl Unread {
    fn report(&self) {
        say_unread(&self.ignored, &self.hidden, &self.repeated);
    }
}

/// Says how many files of folders were left unread on purpose, and why, with an example of each.
fn say_unread(ignored: &[PathBuf], hidden: &[PathBuf], repeated: &[PathBuf]) {
    if let Some(first) = ignored.first() {
        say!("geokg: ignored {} file(s) that are not articles (e.g. {})", ignored.len(), first.display());
    }
    if let Some(first) = hidden.first() {
        say!("geokg: ignored {} hidden file(s) or folder(s) (e.g. {})", hidden.len(), first.display());
    }
    if let Some(first) = repeated.first() {
        say!(
            "geokg: ignored {} folder(s) or file(s) reached again through a link, read once (e.g. {})",
            repeated.len(),
            first.display()
        );
    }
}

/// Reports the end of a streamed run like [`report_batch`]: an error when nothing was read.
fn finish(counts: &Counts, unread: &Unread) -> Result<ExitCode, Error> {
    unread.report();
    if counts.articles == 0 {
        return Err(match counts.skipped.as_slice() {
            [one] => one.clone(),
            _ => Error::new(
                ErrorKind::Io,
                format!("no article could be read ({} input(s) skipped)", counts.skipped.len()),
            ),
        });
    }
    if counts.skipped.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        say!("geokg: {} article(s) read, {} input(s) skipped", counts.articles, counts.skipped.len());
        Ok(ExitCode::from(1))
    }
}

/// Tells what was skipped; fails when nothing could be read.
fn report_batch(batch: &Batch) -> Result<(), Error> {
    for e in &batch.skipped {
        say!("geokg: skipped {e}");
    }
    say_unread(&batch.ignored, &batch.hidden, &batch.repeated);
    if batch.articles.is_empty() {
        return Err(match batch.skipped.as_slice() {
            [one] => one.clone(),
            _ => Error::new(
                ErrorKind::Io,
                format!("no article could be read ({} input(s) skipped)", batch.skipped.len()),
            ),
        });
    }
    if !batch.skipped.is_empty() {
        say!("geokg: {} article(s) read, {} input(s) skipped", batch.articles.len(), batch.skipped.len());
    }
    Ok(())
}

fn exit_for(batch: &Batch) -> ExitCode {
    if batch.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn write_output(output: &Option<PathBuf>, text: &str) -> Result<(), Error> {
    match output {
        Some(p) => geokg::files::write_atomic(p, text.as_bytes()),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes()).map_err(out_err)?;
            stdout.flush().map_err(out_err)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Extract { input, format } => {
            let (ex, opts) = prepare(&input)?;
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            if format == ExtractFormat::Table {
                writeln!(stdout, "{}", table_header()).map_err(out_err)?;
            }
            // events are extracted and written out in parallel, then printed in input order
            let lines = |ex: &Extractor, a: &Article| {
                let events = ex.extract(a);
                let mut text = String::new();
                for e in &events {
                    match format {
                        ExtractFormat::Jsonl => {
                            text.push_str(&serde_json::to_string(e).expect("event serialises"))
                        }
                        ExtractFormat::Table => text.push_str(&table_row(e)),
                    }
                    text.push('\n');
                }
                (text, events.len())
            };
            let (counts, unread) = stream(&input, &ex, opts, lines, |_, (text, n)| {
                stdout.write_all(text.as_bytes()).map_err(out_err)?;
                Ok(n)
            })?;
            stdout.flush().map_err(out_err)?;
            finish(&counts, &unread)
        }
        Command::Build { input, output, into, format } => {
            let format = output_format(format, output.as_deref(), GraphFormat::Graph)?;
            let (ex, opts) = prepare(&input)?;
            // the graph is locked from before it is read until after it is saved, so that two
            // builds into it take turns and neither loses the other's articles
            let _lock = match &into {
                Some(p) => Some(match geokg::files::FileLock::try_acquire(p)? {
                    Some(lock) => lock,
                    None => {
                        say!(
                            "geokg: waiting for another geokg writing {} (lock {})",
                            p.display(),
                            geokg::files::FileLock::lock_path(p)?.display()
                        );
                        geokg::files::FileLock::acquire(p)?
                    }
                }),
                None => None,
            };
            let mut g = match &into {
                Some(p) if p.exists() => Graph::load(p)?,
                _ => Graph::new(),
            };
            let lexicon_version = ex.lexicon().version().to_string();
            if !g.lexicon_version.is_empty() && g.lexicon_version != lexicon_version {
                say!("geokg: warning: the graph was built with another lexicon ({})", g.lexicon_version);
            }
            g.geokg_version = env!("CARGO_PKG_VERSION").to_string();
            g.lexicon_version = lexicon_version;
            let (mut new, mut same, mut replaced) = (0, 0, 0);
            // evidence is appended, and each edge put in order once when `bulk` ends
            let mut bulk = g.bulk();
            let (counts, unread) = stream(
                &input,
                &ex,
                opts,
                |ex, a| ex.analyze(a),
                |a, analysis| {
                    match bulk.add_analysis(a, &analysis) {
                        geokg::graph::Added::New => new += 1,
                        // renamed: seen before under its bare file name
                        geokg::graph::Added::Unchanged | geokg::graph::Added::Renamed => same += 1,
                        geokg::graph::Added::Replaced => replaced += 1,
                    }
                    Ok(analysis.events.len())
                },
            )?;
            drop(bulk);
            let code = finish(&counts, &unread)?;
            match &into {
                Some(p) => {
                    g.save(p)?;
                    say!(
                        "geokg: {new} new, {same} unchanged, {replaced} replaced article(s); {} actors, {} relations in {}",
                        g.node_count(),
                        g.edge_count(),
                        p.display()
                    );
                }
                None => write_graph(&g, format, &output, geokg::export::DotOptions::default())?,
            }
            Ok(code)
        }
        Command::Merge { graphs, output } => {
            let mut g = Graph::new();
            for p in &graphs {
                let other = Graph::load(p)?;
                if g.lexicon_version.is_empty() {
                    g.lexicon_version.clone_from(&other.lexicon_version);
                    g.geokg_version.clone_from(&other.geokg_version);
                } else if other.lexicon_version != g.lexicon_version {
                    say!("geokg: warning: {} was built with another lexicon", p.display());
                }
                g.merge(&other);
            }
            match &output {
                Some(p) => g.save(p)?,
                None => write_output(&None, &(g.to_file_json() + "\n"))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { graph, format, output, view } => {
            let format = output_format(format, output.as_deref(), GraphFormat::Dot)?;
            let full = Graph::load(&graph)?;
            let g = view.filter.filter()?.apply(&full);
            let lex = Lexicon::default();
            let mut keep: Option<std::collections::BTreeSet<String>> = None;
            let mut restrict = |set: std::collections::BTreeSet<String>| {
                keep = Some(match keep.take() {
                    Some(k) => k.intersection(&set).cloned().collect(),
                    None => set,
                });
            };
            if let Some(e) = &view.ego {
                restrict(query::ego(&g, &query::resolve(&g, &lex, e)?, view.depth));
            }
            if !view.actors.is_empty() {
                let mut set = std::collections::BTreeSet::new();
                for a in &view.actors {
                    set.insert(query::resolve(&g, &lex, a)?);
                }
                restrict(set);
            }
            let mut empty_because = None;
            if let Some(c) = &view.country {
                let of_state: std::collections::BTreeSet<String> = g
                    .nodes()
                    .filter(|n| n.country.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(c)))
                    .map(|n| n.id.clone())
                    .collect();
                if of_state.is_empty() {
                    empty_because = Some(format!("--country {c} matches no actor"));
                }
                restrict(of_state);
            }
            if let Some(n) = view.top {
                restrict(query::top(&g, n).0.into_iter().map(|r| r.id).collect());
            }
            let g = match keep {
                Some(k) => std::borrow::Cow::Owned(query::subgraph(&g, &k)),
                None => g,
            };
            if g.edge_count() == 0 && full.edge_count() > 0 {
                say!(
                    "geokg: warning: the selection is empty: {}",
                    empty_because.as_deref().unwrap_or("no relation passes the filters and selection")
                );
            }
            let dot = geokg::export::DotOptions { legend: view.legend, clusters: view.clusters };
            write_graph(&g, format, &output, dot)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Query { graph, question } => {
            let full = Graph::load(&graph)?;
            let lex = Lexicon::default();
            // tables are made terminal-safe; JSON answers keep the data exact
            let is_json = std::cell::Cell::new(false);
            let json_of = |v: &dyn erased::Json| {
                is_json.set(true);
                v.json()
            };
            let text = match question {
                Question::Neighbors { actor, outgoing, incoming, filter, json } => {
                    let g = filter.filter()?.apply(&full);
                    let id = query::resolve(&g, &lex, &actor)?;
                    let dir = match (outgoing, incoming) {
                        (true, _) => Some(petgraph::Direction::Outgoing),
                        (_, true) => Some(petgraph::Direction::Incoming),
                        _ => None,
                    };
                    let links = query::neighbors_dir(&g, &id, dir);
                    if json {
                        json_of(&links)
                    } else {
                        links_table(&links)
                    }
                }
                Question::Links { a, b, evidence, filter, json } => {
                    let g = filter.filter()?.apply(&full);
                    let (ia, ib) = (query::resolve(&g, &lex, &a)?, query::resolve(&g, &lex, &b)?);
                    let mut links = query::links(&g, &ia, &ib);
                    if let Some(n) = evidence {
                        query::with_evidence(&g, &mut links, n);
                    }
                    if json {
                        json_of(&links)
                    } else {
                        links_table(&links)
                    }
                }
                Question::Path { a, b, filter, json } => {
                    let g = filter.filter()?.apply(&full);
                    let (ia, ib) = (query::resolve(&g, &lex, &a)?, query::resolve(&g, &lex, &b)?);
                    let hops = query::path(&g, &ia, &ib).unwrap_or_default();
                    if json {
                        json_of(&hops)
                    } else if hops.is_empty() {
                        format!("no chain of relations links {a} and {b}\n")
                    } else {
                        let mut t = String::new();
                        let name = |id: &str| g.node(id).map_or(id.to_string(), |n| n.name.clone());
                        for (k, h) in hops.iter().enumerate() {
                            t.push_str(&format!("hop {}: {} — {}\n", k + 1, name(&h.from), name(&h.to)));
                            t.push_str(&indent(&links_table(&h.links)));
                        }
                        t
                    }
                }
                Question::Top { n, filter, json } => {
                    let g = filter.filter()?.apply(&full);
                    let (ranks, rels) = query::top(&g, n);
                    if json {
                        json_of(&serde_json::json!({"actors": ranks, "relations": rels}))
                    } else {
                        let mut t = format!(
                            "{:<32} {:>9} {:>7} {:>7} {:>9}\n",
                            "actor", "pagerank", "degree", "events", "documents"
                        );
                        for r in &ranks {
                            t.push_str(&format!(
                                "{:<32} {:>9.4} {:>7} {:>7} {:>9}\n",
                                clip(&r.name, 32),
                                r.pagerank,
                                r.degree,
                                r.weighted_degree,
                                r.documents
                            ));
                        }
                        t.push('\n');
                        t.push_str(&links_table(&rels));
                        t
                    }
                }
                Question::Actor { actor, filter, json } => {
                    let g = filter.filter()?.apply(&full);
                    let id = query::resolve(&g, &lex, &actor)?;
                    let report = query::actor(&g, &id).expect("resolved actors are nodes");
                    if json {
                        json_of(&report)
                    } else {
                        let n = &report.node;
                        let list = |v: &[(String, f64)]| {
                            v.iter().map(|(k, s)| format!("{k} ({s:+})")).collect::<Vec<_>>().join(", ")
                        };
                        format!(
                            "{} [{}]\n  kind: {}\n  state: {}\n  role: {}\n  mentions: {} in {} document(s)\n  names: {}\n  partners: {}\n  adversaries: {}\n",
                            n.name,
                            n.id,
                            n.kind.as_str(),
                            n.country.as_deref().unwrap_or("-"),
                            n.role.as_deref().unwrap_or("-"),
                            n.mentions,
                            n.documents.len(),
                            n.aliases.iter().cloned().collect::<Vec<_>>().join(", "),
                            list(&report.partners),
                            list(&report.adversaries)
                        )
                    }
                }
                Question::Timeline { a, b, by, filter, json } => {
                    let g = filter.filter()?.apply(&full);
                    let (ia, ib) = (query::resolve(&g, &lex, &a)?, query::resolve(&g, &lex, &b)?);
                    let period = match by {
                        By::Month => query::Period::Month,
                        By::Week => query::Period::Week,
                        By::Day => query::Period::Day,
                    };
                    let rows = query::timeline(&g, &ia, &ib, period);
                    if json {
                        json_of(&rows)
                    } else {
                        let mut t = format!(
                            "{:<10} {:<24} {:<24} {:>6} {:>9}\n",
                            "period", "source", "target", "events", "goldstein"
                        );
                        for r in &rows {
                            t.push_str(&format!(
                                "{:<10} {:<24} {:<24} {:>6} {:>9.1}\n",
                                r.period.as_deref().unwrap_or("undated"),
                                clip(&r.source_name, 24),
                                clip(&r.target_name, 24),
                                r.count,
                                r.goldstein
                            ));
                        }
                        t
                    }
                }
            };
            write_output(&None, &if is_json.get() { text } else { table_safe(text) })?;
            // the process ends here: freeing a large graph object by object would only delay it
            std::mem::forget(full);
            Ok(ExitCode::SUCCESS)
        }
        Command::Actors { input, unknown, format } => {
            let (ex, batch) = read(&input)?;
            let mut census = geokg::actors::Census::new();
            for a in &batch.articles {
                let analysis = ex.analyze(a);
                census.add(ex.lexicon(), a, &analysis.sentences, &analysis.mentions);
            }
            let counts: Vec<_> = census.counts().into_iter().filter(|c| !unknown || !c.known).collect();
            let text = match format {
                ActorsFormat::Lexicon => census.unknown_as_lexicon(),
                ActorsFormat::Json => {
                    serde_json::to_string_pretty(&counts).expect("census serialises") + "\n"
                }
                ActorsFormat::Table => {
                    let mut t = format!(
                        "{:>8} {:>5}  {:<32} {:<12} {:<7} {:<4} {}\n",
                        "mentions", "docs", "actor", "kind", "country", "", "forms"
                    );
                    for c in &counts {
                        let forms: Vec<&str> = c.forms.iter().map(String::as_str).take(4).collect();
                        t.push_str(&format!(
                            "{:>8} {:>5}  {:<32} {:<12} {:<7} {:<4} {}\n",
                            c.mentions,
                            c.documents,
                            clip(&c.actor.name, 32),
                            c.actor.kind.as_str(),
                            c.actor.country.as_deref().unwrap_or("-"),
                            if c.known { "" } else { "new" },
                            clip(&forms.join(", "), 60)
                        ));
                    }
                    t
                }
            };
            write_output(&None, &if format == ActorsFormat::Table { table_safe(text) } else { text })?;
            Ok(exit_for(&batch))
        }
        Command::Explain { input } => {
            let (ex, batch) = read(&input)?;
            let mut text = String::new();
            for a in &batch.articles {
                text.push_str(&format!(
                    "# {} ({}, {})\n",
                    a.id,
                    a.lang.code(),
                    a.date.as_deref().unwrap_or("no date")
                ));
                for s in ex.explain(a) {
                    text.push_str(&format!("[{}] {}\n", s.sentence, clip(&s.text, 300)));
                    for (surface, names, kind) in &s.mentions {
                        text.push_str(&format!(
                            "    actor  {surface:?} -> {} ({kind:?})\n",
                            names.join(" + ")
                        ));
                    }
                    text.push_str(&format!(
                        "    clauses {}\n",
                        s.clauses.iter().map(|c| format!("[{}]", clip(c, 80))).collect::<Vec<_>>().join(" ")
                    ));
                    if let Some(p) = &s.parse {
                        // one line per sentence: word/UPOS deprel>head (1-based, 0 the root)
                        let words: Vec<String> = p
                            .words
                            .iter()
                            .enumerate()
                            .map(|(i, w)| {
                                format!(
                                    "{}:{}/{} {}>{}",
                                    i + 1,
                                    w.form,
                                    w.upos,
                                    w.deprel,
                                    w.head.map_or(0, |h| h + 1)
                                )
                            })
                            .collect();
                        text.push_str(&format!("    parse  {}\n", words.join("  ")));
                    }
                    for t in &s.triggers {
                        text.push_str(&format!(
                            "    trigger {:?} {} ({}): {:?}\n",
                            t.text, t.code, t.origin, t.outcome
                        ));
                        for e in &t.events {
                            text.push_str(&format!(
                                "        event {} -> {} {} {} (confidence {:.2}{})\n",
                                e.source.name,
                                e.target.name,
                                e.relation.cameo,
                                e.relation.label,
                                e.confidence,
                                if e.negated { ", negated" } else { "" }
                            ));
                        }
                    }
                }
            }
            write_output(&None, &table_safe(text))?;
            Ok(exit_for(&batch))
        }
        Command::TrainSyntax { lang, train, dev, tagger_epochs, parser_epochs, folds, prune, output } => {
            let files: Vec<String> = train.iter().chain(&dev).map(|p| p.display().to_string()).collect();
            let provenance = format!(
                "geokg {} train-syntax --lang {lang} (tagger {tagger_epochs} passes, parser up to {parser_epochs}, {folds} folds, pruned below {prune}) on {}",
                env!("CARGO_PKG_VERSION"),
                files.join(", ")
            );
            let opts = geokg::syntax::train::TrainOptions {
                lang,
                train,
                dev,
                tagger_epochs,
                parser_epochs,
                folds,
                prune,
                provenance,
            };
            let model = geokg::syntax::train::train(&opts, &mut |m| say!("{m}"))?;
            std::fs::write(&output, model.to_bytes()).map_err(|e| Error::io(&output, &e))?;
            say!("geokg: wrote {}", output.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Parse { input, conllu, model } => {
            let loaded = match &model {
                Some(p) => Some(geokg::syntax::Model::load(p)?),
                None => None,
            };
            let Some(path) = conllu else {
                return parse_articles(&input, loaded.as_ref());
            };
            let mut sentences = geokg::syntax::conllu::read_file(&path)?;
            let lang = guess_conllu_lang(&sentences);
            let m = match &loaded {
                Some(m) => m,
                None => geokg::syntax::Model::embedded(lang)
                    .ok_or_else(|| Error::new(ErrorKind::Usage, "no model"))?,
            };
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let mut buf = String::new();
            for s in &mut sentences {
                geokg::syntax::train::predict(m, s);
                buf.clear();
                geokg::syntax::conllu::write(s, &mut buf);
                if out.write_all(buf.as_bytes()).is_err() {
                    return Ok(ExitCode::SUCCESS);
                }
            }
            let _ = out.flush();
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { gold_dir, per_doc, json, data, lexicons, min_confidence, lang, no_parse } => {
            let only = match &lang {
                Some(l) => Some(
                    Lang::parse(l)
                        .ok_or_else(|| Error::new(ErrorKind::Usage, format!("--lang {l:?}: use fr or en")))?,
                ),
                None => None,
            };
            let mut gold = eval::GoldSet::load(&gold_dir)?;
            let ex = Extractor::new(lexicon(&data, &lexicons)?).with_options(ExtractOptions {
                negated: false,
                min_confidence,
                parse: !no_parse,
            });
            let mut events: Vec<Event> = Vec::new();
            let mut langs: BTreeMap<String, Lang> = BTreeMap::new();
            for (doc, &folder) in &gold.folder {
                let path = gold.dirs[folder].join(format!("{doc}.txt"));
                let batch = read_inputs(&[path.as_path()], &ReadOptions::default());
                for e in &batch.skipped {
                    say!("geokg: skipped {e}");
                }
                for a in &batch.articles {
                    langs.insert(doc.clone(), a.lang);
                    if only.is_none_or(|l| l == a.lang) {
                        events.extend(ex.extract(a));
                    }
                }
            }
            if let Some(l) = only {
                let other: Vec<String> =
                    langs.iter().filter(|&(_, &a)| a != l).map(|(d, _)| d.clone()).collect();
                for doc in other {
                    gold.events.remove(&doc);
                    gold.folder.remove(&doc);
                }
            }
            let report = eval::score(&gold.events, &events);
            let run = EvalRun { report: &report, gold: &gold, langs: &langs };
            let text = if json { eval_json(&run, per_doc) } else { eval_table(&run, per_doc, only) };
            write_output(&None, &if json { text } else { table_safe(text) })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The graph formats a file name's extension stands for (compared without case), the first one
/// the one taken when --format is not given; `None` for an extension geokg does not know. A
/// `.json` is the graph file for `build` (`default` graph) and node-link JSON for `export`.
fn formats_of_extension(ext: &str, default: GraphFormat) -> Option<&'static [GraphFormat]> {
    use GraphFormat::*;
    Some(match ext.to_ascii_lowercase().as_str() {
        "dot" | "gv" => &[Dot],
        "json" if default == Graph => &[Graph, Json, Cytoscape],
        "json" => &[Json, Graph, Cytoscape],
        "gkg" => &[Graph],
        "graphml" => &[Graphml],
        "gexf" => &[Gexf],
        "cyjs" => &[Cytoscape],
        "csv" => &[Csv],
        "svg" => &[Svg],
        "txt" => &[Table],
        _ => return None,
    })
}

/// The name of a format as --format takes it.
fn format_name(f: GraphFormat) -> String {
    f.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
}

/// The format of a graph output: --format when given, else the one the extension of -o stands
/// for, else the command's default. A known extension that --format contradicts, or an unknown
/// one without --format, is refused before any work (a folder, for csv, has no extension).
fn output_format(
    given: Option<GraphFormat>,
    output: Option<&std::path::Path>,
    default: GraphFormat,
) -> Result<GraphFormat, Error> {
    let ext = output.filter(|p| !p.is_dir()).and_then(|p| p.extension()).map(|e| e.to_string_lossy());
    let Some(ext) = ext else { return Ok(given.unwrap_or(default)) };
    let path = output.expect("an extension comes from -o").display();
    match (given, formats_of_extension(&ext, default)) {
        (Some(f), Some(known)) if !known.contains(&f) => Err(Error::new(
            ErrorKind::Usage,
            format!(
                "--format {} does not match -o {path}: a .{ext} file is {}; drop --format or change the file name",
                format_name(f),
                known.iter().map(|k| format_name(*k)).collect::<Vec<_>>().join(" or ")
            ),
        )),
        (Some(f), _) => Ok(f),
        (None, Some(known)) => Ok(known[0]),
        (None, None) => Err(Error::new(
            ErrorKind::Usage,
            format!(
                "-o {path}: no format is known for .{ext}; give --format ({})",
                GraphFormat::value_variants().iter().map(|k| format_name(*k)).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}

/// Writes the graph in a format: the graph file through [`Graph::save`] (binary for `.gkg`),
/// the Neo4j CSV as two files (into the folder -o names, or beside `NAME.csv` as
/// `NAME.nodes.csv` and `NAME.edges.csv`), any other format to -o or standard output.
fn write_graph(
    g: &Graph,
    format: GraphFormat,
    output: &Option<PathBuf>,
    dot: geokg::export::DotOptions,
) -> Result<(), Error> {
    match (format, output) {
        (GraphFormat::Graph, Some(p)) => g.save(p),
        (GraphFormat::Csv, None) => {
            Err(Error::new(ErrorKind::Usage, "--format csv needs -o FOLDER or -o NAME.csv"))
        }
        (GraphFormat::Csv, Some(p)) => {
            let pair = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) && !p.is_dir();
            let (nodes_path, edges_path) = if pair {
                let stem = p.file_stem().unwrap_or_default().to_string_lossy();
                (p.with_file_name(format!("{stem}.nodes.csv")), p.with_file_name(format!("{stem}.edges.csv")))
            } else {
                std::fs::create_dir_all(p).map_err(|e| Error::io(p, &e))?;
                (p.join("nodes.csv"), p.join("edges.csv"))
            };
            let (nodes, edges) = geokg::export::to_csv(g);
            geokg::files::write_atomic(&nodes_path, nodes.as_bytes())?;
            geokg::files::write_atomic(&edges_path, edges.as_bytes())?;
            if pair {
                say!("geokg: wrote {} and {}", nodes_path.display(), edges_path.display());
            }
            Ok(())
        }
        _ => write_output(output, &render_with(g, format, dot)?),
    }
}

fn render_with(g: &Graph, format: GraphFormat, dot: geokg::export::DotOptions) -> Result<String, Error> {
    Ok(match format {
        GraphFormat::Graph => g.to_file_json() + "\n",
        GraphFormat::Dot => geokg::export::to_dot_with(g, dot),
        GraphFormat::Json => serde_json::to_string_pretty(&geokg::export::to_json(g)).expect("json") + "\n",
        GraphFormat::Graphml => geokg::export::to_graphml(g),
        GraphFormat::Gexf => geokg::export::to_gexf(g),
        GraphFormat::Cytoscape => {
            serde_json::to_string_pretty(&geokg::export::to_cytoscape(g)).expect("json") + "\n"
        }
        GraphFormat::Csv => {
            let (nodes, edges) = geokg::export::to_csv(g);
            format!("{nodes}\n{edges}")
        }
        #[cfg(feature = "svg")]
        GraphFormat::Svg => geokg::export::to_svg(g)?,
        #[cfg(not(feature = "svg"))]
        GraphFormat::Svg => {
            return Err(Error::new(
                ErrorKind::Usage,
                "this geokg was built without the svg feature: use --format dot and Graphviz",
            ))
        }
        GraphFormat::Table => {
            let links = query::all_links(g);
            table_safe(format!(
                "{} actors, {} relations\n{}",
                g.node_count(),
                g.edge_count(),
                links_table(&links)
            ))
        }
    })
}

/// Pretty JSON of anything serialisable, for the `--json` answers.
/// `geokg parse` on articles: CoNLL-U, a `newdoc` comment per article and a block per sentence,
/// parsed in parallel and written in input order.
fn parse_articles(input: &InputArgs, model: Option<&geokg::syntax::Model>) -> Result<ExitCode, Error> {
    let (ex, opts) = prepare(input)?;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let work = |_: &Extractor, a: &Article| {
        let mut text = format!("# newdoc id = {}\n", a.id);
        let m = model.or_else(|| geokg::syntax::Model::embedded(a.lang.code()));
        for s in geokg::segment::segment(&a.text, a.body.clone(), 0) {
            if let Some(m) = m {
                let p = geokg::syntax::parse_sentence(m, &a.text, &s);
                geokg::syntax::write_conllu(&format!("{}-{}", a.id, s.index), &a.text, &s, &p, &mut text);
            }
        }
        text
    };
    let (counts, ignored) = stream(input, &ex, opts, work, |_, text| {
        stdout.write_all(text.as_bytes()).map_err(out_err)?;
        Ok(0)
    })?;
    stdout.flush().map_err(out_err)?;
    finish(&counts, &ignored)
}

/// The language of a CoNLL-U file, from its French and English function words.
fn guess_conllu_lang(sentences: &[geokg::syntax::conllu::Sentence]) -> &'static str {
    let (mut fr, mut en) = (0, 0);
    for r in sentences.iter().take(200).flat_map(|s| &s.rows) {
        match r.form.to_lowercase().as_str() {
            "le" | "la" | "les" | "de" | "et" | "est" | "une" | "des" => fr += 1,
            "the" | "of" | "and" | "is" | "to" | "a" | "that" => en += 1,
            _ => {}
        }
    }
    if fr > en {
        "fr"
    } else {
        "en"
    }
}

mod erased {
    /// A value that prints as pretty JSON.
    pub trait Json {
        /// The JSON text, with a final newline.
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string_pretty(self).expect("query answers serialise") + "\n"
        }
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

/// A table for the terminal: control and bidi characters removed, line breaks and tabs kept.
fn table_safe(text: String) -> String {
    match geokg::text::terminal_safe(&text, true) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

fn table_header() -> String {
    format!(
        "{:<28} {:>3}  {:<24} {:<5} {:<28} {:<24} {:>4}  {}",
        "doc", "s", "source", "code", "relation", "target", "conf", "trigger"
    )
}

fn clip(s: &str, n: usize) -> String {
    let clean = geokg::text::terminal_safe(s, false);
    if clean.chars().count() <= n {
        clean.into_owned()
    } else {
        clean.chars().take(n - 1).collect::<String>() + "…"
    }
}

fn table_row(e: &Event) -> String {
    format!(
        "{:<28} {:>3}  {:<24} {:<5} {:<28} {:<24} {:>4.2}  {}{}",
        clip(&e.doc, 28),
        e.sentence,
        clip(&e.source.name, 24),
        e.relation.cameo,
        clip(&e.relation.label, 28),
        clip(&e.target.name, 24),
        e.confidence,
        clip(&e.trigger, 40),
        if e.negated { " (negated)" } else { "" }
    )
}

/// Relations for reading: per relation, its events and documents, its days, then its best piece
/// of evidence, or the pieces asked for with `--evidence` (and how many more there are).
fn links_table(links: &[Link]) -> String {
    let mut s = String::new();
    for l in links {
        let dates = match (&l.first_date, &l.last_date) {
            (Some(a), Some(b)) if a != b => format!(", {a}..{b}"),
            (Some(a), _) => format!(", {a}"),
            _ => String::new(),
        };
        s.push_str(&format!(
            "{} -> {}  {} {}: {} event(s) in {} document(s){}\n",
            clip(&l.source_name, 40),
            clip(&l.target_name, 40),
            l.cameo,
            l.label,
            l.count,
            l.documents,
            dates
        ));
        if l.all_evidence.is_empty() {
            s.push_str(&format!("    “{}” ({})\n", clip(&l.evidence, 160), l.doc));
            continue;
        }
        for ev in &l.all_evidence {
            s.push_str(&format!(
                "    {} “{}” ({}, sentence {})\n",
                ev.date.as_deref().unwrap_or("undated"),
                clip(&ev.text, 160),
                clip(&ev.doc, 60),
                ev.sentence
            ));
        }
        if l.all_evidence.len() < l.count {
            s.push_str(&format!("    … {} more (--evidence all)\n", l.count - l.all_evidence.len()));
        }
    }
    if links.is_empty() {
        s.push_str("no relation\n");
    }
    s
}

/// Named groups of documents.
type Groups<'a> = Vec<(String, Vec<&'a str>)>;

/// One evaluation's scores, with where each document came from.
struct EvalRun<'a> {
    report: &'a eval::Report,
    gold: &'a eval::GoldSet,
    langs: &'a BTreeMap<String, Lang>,
}

impl EvalRun<'_> {
    /// The groups of documents by language (fr, en), then by folder (in the order given), each
    /// with its documents; empty groups are left out.
    fn groups(&self) -> (Groups<'_>, Groups<'_>) {
        let docs = || self.report.documents.keys().map(String::as_str);
        let langs = [Lang::Fr, Lang::En]
            .into_iter()
            .map(|l| (l.code().to_string(), docs().filter(|d| self.langs.get(*d) == Some(&l)).collect()))
            .filter(|(_, d): &(String, Vec<&str>)| !d.is_empty())
            .collect();
        let folders = self
            .gold
            .dirs
            .iter()
            .enumerate()
            .map(|(i, dir)| {
                (dir.display().to_string(), docs().filter(|d| self.gold.folder.get(*d) == Some(&i)).collect())
            })
            .filter(|(_, d): &(String, Vec<&str>)| !d.is_empty())
            .collect();
        (langs, folders)
    }

    /// The documents, worst country+root F1 first, then by name.
    fn worst_first(&self) -> Vec<&str> {
        let mut docs: Vec<&str> = self.report.documents.keys().map(String::as_str).collect();
        let f1 = |d: &str| self.report.documents[d][LEVELS[0]].f1;
        docs.sort_by(|a, b| f1(a).total_cmp(&f1(b)).then(a.cmp(b)));
        docs
    }

    fn lang_of(&self, doc: &str) -> &'static str {
        self.langs.get(doc).map_or("?", |l| l.code())
    }

    fn dir_of(&self, doc: &str) -> String {
        self.gold.dir_of(doc).map(|d| d.display().to_string()).unwrap_or_default()
    }
}

fn eval_json(run: &EvalRun, per_doc: bool) -> String {
    let report = run.report;
    let mut v = serde_json::to_value(&report.levels).expect("scores serialise");
    let (langs, folders) = run.groups();
    let object = |groups: Groups| {
        let mut o = serde_json::Map::new();
        for (name, docs) in groups {
            o.insert(name, serde_json::to_value(report.total_of(docs)).expect("scores serialise"));
        }
        serde_json::Value::Object(o)
    };
    v["languages"] = object(langs);
    v["folders"] = object(folders);
    if per_doc {
        let mut docs = serde_json::Map::new();
        for (doc, levels) in &report.documents {
            let mut d = serde_json::to_value(levels).expect("scores serialise");
            d["folder"] = run.dir_of(doc).into();
            d["lang"] = run.lang_of(doc).into();
            docs.insert(doc.clone(), d);
        }
        v["documents"] = serde_json::Value::Object(docs);
    }
    serde_json::to_string(&v).expect("json") + "\n"
}

fn eval_table(run: &EvalRun, per_doc: bool, lang: Option<Lang>) -> String {
    let line = |name: &str, s: &eval::Score| {
        format!(
            "{name:<13} P={:.3} R={:.3} F1={:.3}  (tp={} fp={} core {}/{})\n",
            s.precision, s.recall, s.f1, s.tp, s.fp, s.core_found, s.core
        )
    };
    let report = run.report;
    let dirs: Vec<String> = run.gold.dirs.iter().map(|d| d.display().to_string()).collect();
    let mut out = format!(
        "geokg eval {} ({} documents{})\n",
        dirs.join(" "),
        report.documents.len(),
        lang.map(|l| format!(", {}", l.code())).unwrap_or_default()
    );
    for level in LEVELS {
        out.push_str(&line(level, &report.levels[level]));
    }
    let (langs, folders) = run.groups();
    for (kind, groups) in [("language", langs), ("folder", folders)] {
        if groups.len() < 2 {
            continue; // one group: the overall figures again
        }
        for (name, docs) in groups {
            out.push_str(&format!("\n{kind} {name} ({} documents)\n", docs.len()));
            let totals = report.total_of(docs);
            for level in LEVELS {
                out.push_str(&format!("  {}", line(level, &totals[level])));
            }
        }
    }
    if per_doc {
        out.push_str("\nper document, worst country+root F1 first\n");
        for doc in run.worst_first() {
            out.push_str(&format!("\n{doc} ({}, {})\n", run.dir_of(doc), run.lang_of(doc)));
            for level in LEVELS {
                out.push_str(&format!("  {}", line(level, &report.documents[doc][level])));
            }
        }
    }
    out
}
