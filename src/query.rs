//! Stage 6b: queries on a graph — who is linked to an actor, and how two actors are linked.
//!
//! Actors are named by any alias (canonical name, id, ISO code, a surface form seen in the
//! articles, or a lexicon alias), ignoring accents and case.

use petgraph::Direction;
use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::graph::{Edge, Graph};
use crate::lexicon::Lexicon;
use crate::segment::tokenize;
use crate::text::name_key;

/// Finds the graph node an actor name refers to.
///
/// ```
/// use geokg::{Article, Extractor, Graph, Lexicon};
/// let ex = Extractor::default();
/// let a = Article::from_text("a", "Titre\nLa Russie a condamné les États-Unis.");
/// let mut g = Graph::new();
/// g.add_analysis(&a, &ex.analyze(&a));
/// assert_eq!(geokg::query::resolve(&g, ex.lexicon(), "etats-unis").unwrap(), "usa");
/// assert_eq!(geokg::query::resolve(&g, ex.lexicon(), "Moscou").unwrap(), "rus");
/// ```
pub fn resolve(graph: &Graph, lex: &Lexicon, name: &str) -> Result<String> {
    let key = name_key(name);
    if key.is_empty() {
        return Err(Error::new(ErrorKind::Usage, "empty actor name"));
    }
    // graph nodes: id, name, country code, aliases seen
    for n in graph.nodes() {
        let keys = [name_key(&n.id), name_key(&n.name)];
        if keys.contains(&key) || n.aliases.iter().any(|a| name_key(a) == key) {
            return Ok(n.id.clone());
        }
    }
    for n in graph.nodes() {
        if n.kind == crate::model::ActorKind::Country
            && n.country.as_deref().is_some_and(|c| name_key(c) == key)
        {
            return Ok(n.id.clone());
        }
    }
    // lexicon aliases (matched like text, case-insensitively)
    let upper = name.to_uppercase();
    for candidate in [name, upper.as_str()] {
        let toks = tokenize(candidate, 0..candidate.len());
        if toks.is_empty() {
            continue;
        }
        if let Some((len, hits)) = lex.name_at(candidate, &toks, 0) {
            if len == toks.len() {
                for h in hits {
                    let id = &lex.entry(h.actor).actor.id;
                    if graph.node(id).is_some() {
                        return Ok(id.clone());
                    }
                }
            }
        }
    }
    let close: Vec<String> = graph
        .nodes()
        .filter(|n| {
            let nk = name_key(&n.name);
            key.split(' ').any(|w| w.len() >= 3 && nk.contains(w))
                || nk.split(' ').any(|w| w.len() >= 3 && key.contains(w))
        })
        .map(|n| n.name.clone())
        .take(5)
        .collect();
    let hint = if close.is_empty() { String::new() } else { format!(" (closest: {})", close.join(", ")) };
    Err(Error::new(ErrorKind::NotFound, format!("no actor {name:?} in the graph{hint}")))
}

/// One relation in a query answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Source actor id.
    pub source: String,
    /// Source name.
    pub source_name: String,
    /// Target actor id.
    pub target: String,
    /// Target name.
    pub target_name: String,
    /// CAMEO code.
    pub cameo: String,
    /// Label.
    pub label: String,
    /// Quad class.
    pub quad: u8,
    /// Number of events.
    pub count: usize,
    /// First and last dates.
    pub first_date: Option<String>,
    /// Last date.
    pub last_date: Option<String>,
    /// One evidence sentence (the most confident).
    pub evidence: String,
    /// Its document.
    pub doc: String,
}

fn link(graph: &Graph, e: &Edge) -> Link {
    let name = |id: &str| graph.node(id).map_or(id.to_string(), |n| n.name.clone());
    let best = e.evidence.iter().max_by(|a, b| {
        a.confidence.partial_cmp(&b.confidence).unwrap_or(std::cmp::Ordering::Equal).then(b.doc.cmp(&a.doc))
    });
    Link {
        source: e.source.clone(),
        source_name: name(&e.source),
        target: e.target.clone(),
        target_name: name(&e.target),
        cameo: e.cameo.clone(),
        label: e.label.clone(),
        quad: e.quad,
        count: e.count,
        first_date: e.first_date.clone(),
        last_date: e.last_date.clone(),
        evidence: best.map(|b| b.text.clone()).unwrap_or_default(),
        doc: best.map(|b| b.doc.clone()).unwrap_or_default(),
    }
}

/// Every relation from or to an actor: outgoing first, then incoming.
pub fn neighbors(graph: &Graph, id: &str) -> Vec<Link> {
    let mut out: Vec<Link> =
        graph.edges_of(id, Direction::Outgoing).into_iter().map(|e| link(graph, e)).collect();
    out.extend(graph.edges_of(id, Direction::Incoming).into_iter().map(|e| link(graph, e)));
    out
}

/// The direct relations between two actors, both ways (a → b first).
pub fn links(graph: &Graph, a: &str, b: &str) -> Vec<Link> {
    let mut out: Vec<Link> = graph
        .edges_of(a, Direction::Outgoing)
        .into_iter()
        .filter(|e| e.target == b)
        .map(|e| link(graph, e))
        .collect();
    out.extend(
        graph.edges_of(b, Direction::Outgoing).into_iter().filter(|e| e.target == a).map(|e| link(graph, e)),
    );
    out
}
