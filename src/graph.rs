//! Stage 5: the knowledge graph — a petgraph directed multigraph with one node per canonical actor
//! and one edge per (source, target, CAMEO code), aggregating counts, dates and evidence.
//!
//! Building is order-independent: nodes and edges are keyed by actor id and code, evidence lists
//! are kept sorted, and a node's mention count only includes documents where the actor takes part
//! in an event. So `merge(build(A), build(B)) == build(A + B)`.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::Direction;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::extract::Analysis;
use crate::ingest::Article;
use crate::model::{ActorKind, Event};

/// Version of the graph file format.
pub const FORMAT_VERSION: u32 = 1;

/// A graph node: one canonical actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Actor id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Kind of actor.
    pub kind: ActorKind,
    /// ISO alpha-3 of its state.
    pub country: Option<String>,
    /// CAMEO role, when one is known.
    pub role: Option<String>,
    /// The surface forms seen in the articles.
    pub aliases: BTreeSet<String>,
    /// Number of mentions in the documents where the actor takes part in an event.
    pub mentions: u64,
}

/// One piece of evidence for an edge.
#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Evidence {
    /// Article date, when known.
    pub date: Option<String>,
    /// Document id.
    pub doc: String,
    /// Sentence index.
    pub sentence: usize,
    /// Byte span of the sentence.
    pub span: [usize; 2],
    /// The sentence.
    pub text: String,
    /// The trigger words.
    pub trigger: String,
    /// The extractor's confidence.
    pub confidence: f64,
}

/// A graph edge: every event from `source` to `target` with one CAMEO code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Source actor id.
    pub source: String,
    /// Target actor id.
    pub target: String,
    /// CAMEO code.
    pub cameo: String,
    /// Label of the code.
    pub label: String,
    /// Quad class 1–4.
    pub quad: u8,
    /// Goldstein value of the edge's events (one code per edge, so also their mean).
    pub goldstein: f64,
    /// Number of events.
    pub count: usize,
    /// Earliest dated evidence.
    pub first_date: Option<String>,
    /// Latest dated evidence.
    pub last_date: Option<String>,
    /// The evidence, sorted by date, document, sentence.
    pub evidence: Vec<Evidence>,
}

impl Edge {
    fn refresh(&mut self) {
        self.evidence.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        self.count = self.evidence.len();
        let dates = self.evidence.iter().filter_map(|e| e.date.clone());
        self.first_date = dates.clone().min();
        self.last_date = dates.max();
    }
}

/// The serialised form of a graph.
#[derive(Debug, Serialize, Deserialize)]
struct GraphFile {
    geokg_graph: u32,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

/// The knowledge graph.
///
/// ```
/// use geokg::{Article, Extractor, Graph};
/// let ex = Extractor::default();
/// let a = Article::from_text("a", "Title\nThe United States condemned Russia.");
/// let mut g = Graph::new();
/// g.add_analysis(&a, &ex.analyze(&a));
/// assert_eq!(g.node_count(), 2);
/// assert_eq!(g.edges().next().unwrap().cameo, "111");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Graph {
    graph: StableDiGraph<Node, Edge>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<(String, String, String), EdgeIndex>,
}

impl PartialEq for Graph {
    fn eq(&self, other: &Self) -> bool {
        self.nodes().eq(other.nodes()) && self.edges().eq(other.edges())
    }
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Graph::default()
    }

    /// Builds a graph from events alone (nodes get no mention counts).
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        let mut g = Graph::new();
        for e in events {
            g.add_event(e);
        }
        g
    }

    /// Adds the events of one analysed article, and the mentions of the actors that take part.
    pub fn add_analysis(&mut self, article: &Article, analysis: &Analysis) {
        for e in &analysis.events {
            self.add_event(e);
        }
        let involved: BTreeSet<&str> =
            analysis.events.iter().flat_map(|e| [e.source.id.as_str(), e.target.id.as_str()]).collect();
        for m in &analysis.mentions {
            let s = &analysis.sentences[m.sentence];
            let surface = article.text[s.tokens[m.start].start..s.tokens[m.end - 1].end].to_string();
            for a in &m.actors {
                if !involved.contains(a.id.as_str()) {
                    continue;
                }
                if let Some(&ix) = self.nodes.get(&a.id) {
                    let node = &mut self.graph[ix];
                    node.mentions += 1;
                    if m.kind != crate::actors::MentionKind::Pronoun {
                        node.aliases.insert(surface.clone());
                    }
                }
            }
        }
    }

    fn ensure_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&ix) = self.nodes.get(&node.id) {
            let existing = &mut self.graph[ix];
            existing.mentions += node.mentions;
            existing.aliases.extend(node.aliases);
            // the smallest role seen, so that the result does not depend on the order of inputs
            existing.role = match (existing.role.take(), node.role) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            return ix;
        }
        let id = node.id.clone();
        let ix = self.graph.add_node(node);
        self.nodes.insert(id, ix);
        ix
    }

    /// Adds one event.
    pub fn add_event(&mut self, e: &Event) {
        let mk = |a: &crate::model::Actor| Node {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind,
            country: a.country.clone(),
            role: a.role.clone(),
            aliases: BTreeSet::new(),
            mentions: 0,
        };
        let s = self.ensure_node(mk(&e.source));
        let t = self.ensure_node(mk(&e.target));
        let evidence = Evidence {
            date: e.date.clone(),
            doc: e.doc.clone(),
            sentence: e.sentence,
            span: e.span,
            text: e.text.clone(),
            trigger: e.trigger.clone(),
            confidence: e.confidence,
        };
        let edge = Edge {
            source: e.source.id.clone(),
            target: e.target.id.clone(),
            cameo: e.relation.cameo.clone(),
            label: e.relation.label.clone(),
            quad: e.relation.quad,
            goldstein: e.relation.goldstein,
            count: 0,
            first_date: None,
            last_date: None,
            evidence: vec![evidence],
        };
        self.add_edge(s, t, edge);
    }

    fn add_edge(&mut self, s: NodeIndex, t: NodeIndex, edge: Edge) {
        let key = (edge.source.clone(), edge.target.clone(), edge.cameo.clone());
        match self.edges.get(&key) {
            Some(&ix) => {
                // every event of an edge has the same code, hence the same Goldstein value
                let existing = &mut self.graph[ix];
                existing.evidence.extend(edge.evidence);
                existing.refresh();
            }
            None => {
                let mut edge = edge;
                edge.refresh();
                let ix = self.graph.add_edge(s, t, edge);
                self.edges.insert(key, ix);
            }
        }
    }

    /// Merges another graph into this one (the same as building one graph from both inputs).
    pub fn merge(&mut self, other: &Graph) {
        for n in other.nodes() {
            self.ensure_node(n.clone());
        }
        for e in other.edges() {
            let s = self.nodes[&e.source];
            let t = self.nodes[&e.target];
            self.add_edge(s, t, e.clone());
        }
    }

    /// Number of actors.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Number of (source, target, code) edges.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The node of an actor id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id).map(|&ix| &self.graph[ix])
    }

    /// All nodes, sorted by id.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        let mut v: Vec<&Node> = self.graph.node_weights().collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v.into_iter()
    }

    /// All edges, sorted by (source, target, code).
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        let mut v: Vec<&Edge> = self.graph.edge_weights().collect();
        v.sort_by(|a, b| (&a.source, &a.target, &a.cameo).cmp(&(&b.source, &b.target, &b.cameo)));
        v.into_iter()
    }

    /// Edges leaving (`Outgoing`) or entering (`Incoming`) an actor, sorted.
    pub fn edges_of(&self, id: &str, dir: Direction) -> Vec<&Edge> {
        let Some(&ix) = self.nodes.get(id) else {
            return Vec::new();
        };
        let mut v: Vec<&Edge> = self.graph.edges_directed(ix, dir).map(|e| e.weight()).collect();
        v.sort_by(|a, b| (&a.source, &a.target, &a.cameo).cmp(&(&b.source, &b.target, &b.cameo)));
        v
    }

    /// The underlying petgraph graph, for algorithms.
    pub fn petgraph(&self) -> &StableDiGraph<Node, Edge> {
        &self.graph
    }

    /// Serialises the graph to its JSON file format.
    pub fn to_file_json(&self) -> String {
        let file = GraphFile {
            geokg_graph: FORMAT_VERSION,
            nodes: self.nodes().cloned().collect(),
            edges: self.edges().cloned().collect(),
        };
        serde_json::to_string_pretty(&file).expect("graph serialisation cannot fail")
    }

    /// Reads a graph from its JSON file format.
    pub fn from_file_json(text: &str) -> Result<Graph> {
        let file: GraphFile = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorKind::Graph, format!("not a geokg graph: {e}")).line(e.line()))?;
        if file.geokg_graph != FORMAT_VERSION {
            return Err(Error::new(
                ErrorKind::Graph,
                format!("unsupported graph format version {}", file.geokg_graph),
            ));
        }
        let mut g = Graph::new();
        for n in file.nodes {
            g.ensure_node(n);
        }
        for e in file.edges {
            let (Some(&s), Some(&t)) = (g.nodes.get(&e.source), g.nodes.get(&e.target)) else {
                return Err(Error::new(
                    ErrorKind::Graph,
                    format!("edge {} -> {} names an actor that is not a node", e.source, e.target),
                ));
            };
            g.add_edge(s, t, e);
        }
        Ok(g)
    }

    /// Reads a graph file.
    pub fn load(path: &Path) -> Result<Graph> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        Graph::from_file_json(&text).map_err(|e| e.at(path))
    }
}
