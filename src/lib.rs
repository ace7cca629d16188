//! # geokg
//!
//! geokg turns news articles, in French and English, into a geopolitical knowledge graph: it finds
//! the actors (states, leaders, ministers, organisations, armed groups), resolves who is who
//! ("Poutine" = "Vladimir Putin" = "le président russe"; "Moscou" acting = Russia), extracts who did
//! what to whom as CAMEO-coded events with their evidence, and merges events from many articles into
//! one directed multigraph that exports to Graphviz DOT and JSON and answers queries.
//!
//! The pipeline, one module per stage (see `ARCHITECTURE.md`):
//! [`ingest`] → [`segment`] → [`syntax`] → [`actors`] → [`events`] → [`graph`] → [`export`] /
//! [`query`], with the lexicons in [`lexicon`], the tagger and parser models in [`syntax`], and
//! scoring in [`eval`].
//!
//! ```
//! use geokg::{Article, Extractor, Graph};
//!
//! let extractor = Extractor::default(); // the lexicons shipped in data/, embedded
//! let article = Article::from_text(
//!     "seed",
//!     "Khamenei demande davantage d’aide à Poutine après les frappes américaines sur les sites nucléaires iraniens\n",
//! );
//! let events = extractor.extract(&article);
//! let codes: Vec<(&str, &str, &str)> = events
//!     .iter()
//!     .map(|e| (e.source.name.as_str(), e.relation.root(), e.target.name.as_str()))
//!     .collect();
//! assert!(codes.contains(&("Ali Khamenei", "02", "Vladimir Putin")));
//! assert!(codes.contains(&("United States", "19", "Iran")));
//!
//! let mut graph = Graph::new();
//! graph.add_analysis(&article, &extractor.analyze(&article));
//! assert!(geokg::export::to_dot(&graph).contains("Vladimir Putin"));
//! ```
#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod actors;
pub mod cameo;
pub mod error;
pub mod eval;
pub mod events;
pub mod export;
pub mod extract;
pub mod files;
pub mod graph;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod query;
pub mod segment;
pub mod syntax;
pub mod text;

pub use error::{Error, ErrorKind, Result};
pub use extract::{Analysis, ExtractOptions, Extractor};
pub use graph::Graph;
pub use ingest::{Article, Lang};
pub use lexicon::Lexicon;
pub use model::{Actor, ActorKind, Event, Relation};
