//! Stage 5: the knowledge graph — a petgraph directed multigraph with one node per canonical actor
//! and one edge per (source, target, CAMEO code), aggregating counts, dates and evidence.
//!
//! The graph is a function of the set of documents it was built from: it records each document's
//! id and text hash, and every node keeps its mentions per document. Adding a document that is
//! already there with the same text changes nothing; adding it with a changed text replaces its
//! old evidence. Merging takes the union of the documents (a document in both with different texts
//! keeps the version with the greater hash), so merging is associative, commutative and idempotent,
//! and `merge(build(A), build(B)) == build(A + B)` (but for one case: adding a document whose id is
//! a path, `a/report`, with the text the graph has under the bare name `report` renames that
//! document, where merging keeps both ids).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::Direction;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::extract::Analysis;
use crate::ingest::Article;
use crate::lexicon::FxMap;
use crate::model::{Actor, ActorKind, Event, Str};

/// Version of the graph file format.
pub const FORMAT_VERSION: u32 = 2;

/// What one document says of an actor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeDoc {
    /// Mentions of the actor in the document.
    pub mentions: u64,
    /// The forms written in the document, sorted, without repeats (a short list: a set would
    /// cost a tree node per actor and document).
    pub aliases: Vec<Str>,
    /// The CAMEO role the document gives the actor (the smallest code when several).
    #[serde(default)]
    pub role: Option<String>,
}

/// Inserts `s` into a sorted list unless it is there.
fn insert_sorted(v: &mut Vec<Str>, s: &str) {
    if let Err(i) = v.binary_search_by(|a| a.as_str().cmp(s)) {
        v.insert(i, s.into());
    }
}

/// The smaller of two optional roles, a known role beating none.
fn min_role(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

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
    /// For an actor with no state (an armed group): the state where it operates.
    #[serde(default)]
    pub operates_in: Option<String>,
    /// The surface forms seen in the articles.
    pub aliases: BTreeSet<String>,
    /// Number of mentions in the documents where the actor takes part in an event.
    pub mentions: u64,
    /// Mentions and forms per document.
    #[serde(default)]
    pub documents: BTreeMap<Str, NodeDoc>,
}

impl Node {
    fn from_actor(a: &Actor) -> Node {
        Node {
            id: a.id.to_string(),
            name: a.name.to_string(),
            kind: a.kind,
            country: a.country.as_deref().map(str::to_string),
            role: a.role.as_deref().map(str::to_string),
            operates_in: a.operates_in.as_deref().map(str::to_string),
            aliases: BTreeSet::new(),
            mentions: 0,
            documents: BTreeMap::new(),
        }
    }

    /// The node with no per-document records (nor the totals drawn from them: the role too, when
    /// it comes from documents; a merge that drops a document's version must not keep its role).
    fn bare(&self) -> Node {
        Node {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: self.kind,
            country: self.country.clone(),
            role: if self.documents.is_empty() { self.role.clone() } else { None },
            operates_in: self.operates_in.clone(),
            aliases: BTreeSet::new(),
            mentions: 0,
            documents: BTreeMap::new(),
        }
    }

    /// Recomputes the totals from the per-document records.
    fn refresh(&mut self) {
        self.mentions = self.documents.values().map(|d| d.mentions).sum();
        for d in self.documents.values_mut() {
            if !d.aliases.windows(2).all(|w| w[0] < w[1]) {
                d.aliases.sort();
                d.aliases.dedup();
            }
        }
        self.aliases =
            self.documents.values().flat_map(|d| d.aliases.iter().map(|a| a.to_string())).collect();
        if !self.documents.is_empty() {
            self.role = self.documents.values().fold(None, |r, d| min_role(r, d.role.clone()));
        }
    }
}

/// One piece of evidence for an edge.
#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Evidence {
    /// Article date, when known.
    pub date: Option<Str>,
    /// Document id.
    pub doc: Str,
    /// Sentence index.
    pub sentence: usize,
    /// Byte span of the sentence.
    pub span: [usize; 2],
    /// The sentence.
    pub text: String,
    /// The trigger words.
    pub trigger: Str,
    /// The extractor's confidence.
    pub confidence: f64,
}

/// A graph edge: every event from `source` to `target` with one CAMEO code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Source actor id.
    pub source: Str,
    /// Target actor id.
    pub target: Str,
    /// CAMEO code.
    pub cameo: Str,
    /// Label of the code.
    pub label: Str,
    /// Quad class 1–4.
    pub quad: u8,
    /// Goldstein value of the edge's events (one code per edge, so also their mean).
    pub goldstein: f64,
    /// Number of events.
    pub count: usize,
    /// Earliest dated evidence.
    pub first_date: Option<Str>,
    /// Latest dated evidence.
    pub last_date: Option<Str>,
    /// The evidence, sorted by date, document, sentence.
    pub evidence: Vec<Evidence>,
}

// Work done keeping evidence in order (elements shifted by inserts, comparisons made by sorts),
// counted in unit tests to check that building stays linear.
#[cfg(test)]
thread_local! {
    static ORDER_WORK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[inline]
fn count_order_work(_n: usize) {
    #[cfg(test)]
    ORDER_WORK.with(|w| w.set(w.get() + _n));
}

impl Edge {
    /// Adds one piece of evidence in order (once: the same evidence twice is kept once). It
    /// shifts the evidence after it: adding many to one edge is for [`Bulk`].
    fn insert(&mut self, ev: Evidence) {
        let at = self.evidence.binary_search_by(|x| x.partial_cmp(&ev).unwrap_or(std::cmp::Ordering::Less));
        if let Err(i) = at {
            count_order_work(self.evidence.len() - i + 1);
            if let Some(d) = &ev.date {
                if self.first_date.as_ref().is_none_or(|f| d < f) {
                    self.first_date = Some(d.clone());
                }
                if self.last_date.as_ref().is_none_or(|l| d > l) {
                    self.last_date = Some(d.clone());
                }
            }
            self.evidence.insert(i, ev);
            self.count = self.evidence.len();
        }
    }

    fn refresh(&mut self) {
        let ordered =
            self.evidence.windows(2).all(|w| w[0].partial_cmp(&w[1]) == Some(std::cmp::Ordering::Less));
        if !ordered {
            self.evidence.sort_by(|a, b| {
                count_order_work(1);
                a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal)
            });
            self.evidence.dedup();
        }
        self.count = self.evidence.len();
        let dates = self.evidence.iter().filter_map(|e| e.date.as_deref());
        let (first, last) = (dates.clone().min(), dates.max());
        if self.first_date.as_deref() != first {
            self.first_date = first.map(Str::from);
        }
        if self.last_date.as_deref() != last {
            self.last_date = last.map(Str::from);
        }
    }

    /// The edge with only the given evidence (same code and labels).
    fn with_evidence(&self, evidence: Vec<Evidence>) -> Edge {
        let mut e = Edge {
            source: self.source.clone(),
            target: self.target.clone(),
            cameo: self.cameo.clone(),
            label: self.label.clone(),
            quad: self.quad,
            goldstein: self.goldstein,
            count: 0,
            first_date: None,
            last_date: None,
            evidence,
        };
        e.refresh();
        e
    }
}

/// A document the graph was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRecord {
    /// Hash of the document text (FNV-1a, 64 bits, hexadecimal).
    pub hash: String,
    /// The document's date, when known.
    pub date: Option<String>,
}

/// What adding a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A new document.
    New,
    /// The same document with the same text: nothing changed.
    Unchanged,
    /// The same document id with a changed text: its old evidence was replaced.
    Replaced,
    /// The same text seen before under the document's bare file name (`report` for `a/report`,
    /// as a file named alone, or found in a folder before ids were paths relative to it): not
    /// counted twice, the document now goes by its new id.
    Renamed,
}

/// Rejects an edge that no extraction could have made: no evidence, a code that is not 2 to 4
/// digits, a quad class outside 1–4, a Goldstein value outside −10..10, a confidence outside 0..1
/// (NaN included).
fn check_edge(e: &Edge) -> Result<()> {
    let bad = |what: &str| {
        Err(Error::new(ErrorKind::Graph, format!("edge {} -> {} ({}): {what}", e.source, e.target, e.cameo)))
    };
    if e.evidence.is_empty() {
        return bad("no evidence");
    }
    if !(2..=4).contains(&e.cameo.len()) || !e.cameo.bytes().all(|b| b.is_ascii_digit()) {
        return bad("the CAMEO code is not 2 to 4 digits");
    }
    if !(1..=4).contains(&e.quad) {
        return bad("the quad class is not 1 to 4");
    }
    if !(-10.0..=10.0).contains(&e.goldstein) {
        return bad("the Goldstein value is not between -10 and 10");
    }
    if e.evidence.iter().any(|ev| !(0.0..=1.0).contains(&ev.confidence)) {
        return bad("a confidence is not between 0 and 1");
    }
    Ok(())
}

/// The most mentions of one actor in one document a graph file may give: more than any text
/// within the size limit holds, and small enough that the totals over all the documents of any
/// graph that fits in memory (and of any merge of such graphs) cannot overflow.
pub const MAX_DOC_MENTIONS: u64 = u32::MAX as u64;

/// The first bytes of a binary graph file: the name and a format byte.
pub const BINARY_MAGIC: &[u8] = b"GEOKG-GRAPH\x00\x03";

/// The serialised form of a graph (borrowed when written, owned when read).
#[derive(Debug, Serialize, Deserialize)]
struct GraphFile<'a> {
    geokg_graph: u32,
    #[serde(default)]
    geokg_version: std::borrow::Cow<'a, str>,
    #[serde(default)]
    lexicon_version: std::borrow::Cow<'a, str>,
    #[serde(default)]
    documents: std::borrow::Cow<'a, BTreeMap<String, DocRecord>>,
    nodes: Vec<std::borrow::Cow<'a, Node>>,
    edges: Vec<std::borrow::Cow<'a, Edge>>,
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
/// // the same article again changes nothing
/// assert_eq!(g.add_analysis(&a, &ex.analyze(&a)), geokg::graph::Added::Unchanged);
/// assert_eq!(g.edges().next().unwrap().count, 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Graph {
    graph: StableDiGraph<Node, Edge>,
    nodes: FxMap<String, NodeIndex>,
    /// Edges by (source, target, CAMEO code).
    edges: FxMap<(NodeIndex, NodeIndex, Str), EdgeIndex>,
    documents: BTreeMap<String, DocRecord>,
    /// While a [`Bulk`] is open: the edges given evidence out of order, put in order when it closes.
    unsorted: Option<rustc_hash::FxHashSet<EdgeIndex>>,
    /// While a [`Bulk`] is open: documents renamed, whose old evidence is removed when it closes
    /// (all in one pass over the graph).
    renamed: rustc_hash::FxHashSet<String>,
    /// The geokg version that built the graph.
    pub geokg_version: String,
    /// The version (content hash) of the lexicon that built the graph.
    pub lexicon_version: String,
}

impl PartialEq for Graph {
    fn eq(&self, other: &Self) -> bool {
        self.documents == other.documents && self.nodes().eq(other.nodes()) && self.edges().eq(other.edges())
    }
}

/// FNV-1a, 64 bits, as 16 hexadecimal digits: a stable hash of a text.
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Graph::default()
    }

    /// Builds a graph from events alone (nodes get no mention counts).
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        let mut g = Graph::new();
        let mut bulk = g.bulk();
        for e in events {
            bulk.add_event(e);
        }
        drop(bulk);
        g
    }

    /// The documents the graph was built from.
    pub fn documents(&self) -> &BTreeMap<String, DocRecord> {
        &self.documents
    }

    /// Adds the events of one analysed article, and the mentions of the actors that take part.
    /// An article already in the graph with the same text is not counted twice; with a changed
    /// text, it replaces its old evidence. An article with a path for id (`a/report`) whose text
    /// the graph has under its bare name (`report`) is that document, renamed.
    pub fn add_analysis(&mut self, article: &Article, analysis: &Analysis) -> Added {
        if self.renamed.contains(&article.id) {
            // a document renamed in this bulk comes back under its old name: finish the renaming
            self.remove_renamed();
        }
        let hash = text_hash(&article.text);
        let former = article
            .id
            .rsplit_once('/')
            .map(|(_, name)| name)
            .filter(|name| self.documents.get(*name).is_some_and(|r| r.hash == hash));
        let outcome = match (self.documents.get(&article.id), former) {
            (Some(r), _) if r.hash == hash => return Added::Unchanged,
            (Some(_), _) => {
                self.remove_document(&article.id);
                Added::Replaced
            }
            (None, Some(name)) => {
                let name = name.to_string();
                self.documents.remove(&name);
                self.renamed.insert(name);
                if self.unsorted.is_none() {
                    self.remove_renamed();
                }
                Added::Renamed
            }
            (None, None) => Added::New,
        };
        self.documents.insert(article.id.clone(), DocRecord { hash, date: article.date.clone() });
        for e in &analysis.events {
            self.add_event(e);
        }
        let involved: BTreeSet<&str> =
            analysis.events.iter().flat_map(|e| [e.source.id.as_str(), e.target.id.as_str()]).collect();
        for m in &analysis.mentions {
            let s = &analysis.sentences[m.sentence];
            let surface = article.text[s.tokens[m.start].start..s.tokens[m.end - 1].end].to_string();
            for a in m.actors.iter().filter(|a| involved.contains(a.id.as_str())) {
                if let Some(&ix) = self.nodes.get(a.id.as_str()) {
                    let node = &mut self.graph[ix];
                    let d = node.documents.entry(article.id.as_str().into()).or_default();
                    d.mentions += 1;
                    node.mentions += 1;
                    if m.kind != crate::actors::MentionKind::Pronoun {
                        insert_sorted(&mut d.aliases, &surface);
                        if !node.aliases.contains(&surface) {
                            node.aliases.insert(surface.clone());
                        }
                    }
                }
            }
        }
        outcome
    }

    /// A handle that adds many articles in linear time: evidence is appended to its edge and each
    /// edge is put in order once, when the handle is dropped (the graph cannot be read before),
    /// where [`Graph::add_analysis`] keeps every edge in order at each article, shifting the
    /// evidence after the new one. The graph is the same either way.
    ///
    /// ```
    /// use geokg::{Article, Extractor, Graph};
    /// let ex = Extractor::default();
    /// let mut g = Graph::new();
    /// let mut bulk = g.bulk();
    /// for (id, text) in [("b", "T\nRussia condemned France."), ("a", "T\nRussia condemned France.")] {
    ///     let a = Article::from_text(id, text);
    ///     bulk.add_analysis(&a, &ex.analyze(&a));
    /// }
    /// drop(bulk);
    /// let docs: Vec<&str> = g.edges().next().unwrap().evidence.iter().map(|e| e.doc.as_str()).collect();
    /// assert_eq!(docs, ["a", "b"]);
    /// ```
    pub fn bulk(&mut self) -> Bulk<'_> {
        self.unsorted.get_or_insert_with(Default::default);
        Bulk { graph: self }
    }

    /// Removes what the documents renamed contributed under their old names.
    fn remove_renamed(&mut self) {
        let names = std::mem::take(&mut self.renamed);
        if !names.is_empty() {
            self.remove_documents(|d| names.contains(d));
        }
    }

    /// Puts in order the evidence of the edges a bulk add appended to.
    fn settle(&mut self) {
        self.remove_renamed();
        for ix in self.unsorted.take().into_iter().flatten() {
            // an edge removed meanwhile (a replaced document) has no weight any more
            if let Some(e) = self.graph.edge_weight_mut(ix) {
                e.refresh();
            }
        }
    }

    /// Adds one event (its document is recorded without a text hash if it is new).
    pub fn add_event(&mut self, e: &Event) {
        self.documents
            .entry(e.doc.clone())
            .or_insert_with(|| DocRecord { hash: String::new(), date: e.date.clone() });
        let s = self.ensure_node(Node::from_actor(&e.source));
        let t = self.ensure_node(Node::from_actor(&e.target));
        for (ix, actor) in [(s, &e.source), (t, &e.target)] {
            let node = &mut self.graph[ix];
            let d = node.documents.entry(e.doc.as_str().into()).or_default();
            d.role = min_role(d.role.take(), actor.role.as_deref().map(str::to_string));
            node.role = min_role(node.role.take(), actor.role.as_deref().map(str::to_string));
        }
        let evidence = Evidence {
            date: e.date.as_deref().map(Str::from),
            doc: e.doc.as_str().into(),
            sentence: e.sentence,
            span: e.span,
            text: e.text.clone(),
            trigger: e.trigger.as_str().into(),
            confidence: e.confidence,
        };
        let edge = Edge {
            source: e.source.id.clone(),
            target: e.target.id.clone(),
            cameo: e.relation.cameo.as_str().into(),
            label: e.relation.label.as_str().into(),
            quad: e.relation.quad,
            goldstein: e.relation.goldstein,
            count: 0,
            first_date: None,
            last_date: None,
            evidence: vec![evidence],
        };
        self.add_edge(s, t, edge);
    }

    fn ensure_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&ix) = self.nodes.get(&node.id) {
            let existing = &mut self.graph[ix];
            for (doc, d) in node.documents {
                let mine = existing.documents.entry(doc).or_default();
                if d.mentions > mine.mentions {
                    existing.mentions += d.mentions - mine.mentions;
                    mine.mentions = d.mentions;
                }
                existing.aliases.extend(d.aliases.iter().map(|a| a.to_string()));
                for a in &d.aliases {
                    insert_sorted(&mut mine.aliases, a);
                }
                existing.role = min_role(existing.role.take(), d.role.clone());
                mine.role = min_role(mine.role.take(), d.role);
            }
            return ix;
        }
        let id = node.id.clone();
        let mut node = node;
        node.refresh();
        let ix = self.graph.add_node(node);
        self.nodes.insert(id, ix);
        ix
    }

    fn add_edge(&mut self, s: NodeIndex, t: NodeIndex, edge: Edge) {
        let key = (s, t, Str::from(edge.cameo.as_str()));
        match self.edges.get(&key) {
            Some(&ix) => {
                // every event of an edge has the same code, hence the same Goldstein value
                let existing = &mut self.graph[ix];
                match &mut self.unsorted {
                    // appended, and put in order once, when the bulk ends
                    Some(unsorted) => {
                        existing.evidence.extend(edge.evidence);
                        unsorted.insert(ix);
                    }
                    None => {
                        for ev in edge.evidence {
                            existing.insert(ev);
                        }
                    }
                }
            }
            None => {
                let mut edge = edge;
                edge.refresh();
                let ix = self.graph.add_edge(s, t, edge);
                self.edges.insert(key, ix);
            }
        }
    }

    /// Removes everything a document contributed; actors left with no relation are removed.
    pub fn remove_document(&mut self, doc: &str) {
        self.documents.remove(doc);
        self.remove_documents(|d| d == doc);
    }

    /// Removes the evidence and mentions of the documents `gone` accepts, in one pass over the
    /// graph (their records in the list of documents are the caller's).
    fn remove_documents(&mut self, gone: impl Fn(&str) -> bool) {
        let edge_ixs: Vec<EdgeIndex> = self.edges.values().copied().collect();
        for ix in edge_ixs {
            let e = &mut self.graph[ix];
            if e.evidence.iter().any(|ev| gone(&ev.doc)) {
                e.evidence.retain(|ev| !gone(&ev.doc));
                e.refresh();
                if e.evidence.is_empty() {
                    let cameo = Str::from(e.cameo.as_str());
                    if let Some((s, t)) = self.graph.edge_endpoints(ix) {
                        self.edges.remove(&(s, t, cameo));
                    }
                    self.graph.remove_edge(ix);
                }
            }
        }
        let node_ixs: Vec<NodeIndex> = self.nodes.values().copied().collect();
        for ix in node_ixs {
            let n = &mut self.graph[ix];
            let before = n.documents.len();
            n.documents.retain(|d, _| !gone(d));
            if n.documents.len() != before {
                n.refresh();
            }
            if self.graph.neighbors_undirected(ix).next().is_none() {
                let id = self.graph[ix].id.clone();
                self.graph.remove_node(ix);
                self.nodes.remove(&id);
            }
        }
    }

    /// Merges another graph into this one: the union of their documents. A document in both
    /// with different texts keeps the version with the greater hash. Linear in the evidence: each
    /// edge is put in order once.
    pub fn merge(&mut self, other: &Graph) {
        let bulk = self.bulk();
        bulk.graph.merge_unsorted(other);
    }

    fn merge_unsorted(&mut self, other: &Graph) {
        // what each document of `other` contributed
        let mut node_docs: HashMap<&str, Vec<(&Node, &NodeDoc)>> = HashMap::new();
        for n in other.graph.node_weights() {
            for (doc, d) in &n.documents {
                node_docs.entry(doc.as_str()).or_default().push((n, d));
            }
        }
        let mut edge_docs: HashMap<&str, Vec<(&Edge, Vec<Evidence>)>> = HashMap::new();
        for e in other.graph.edge_weights() {
            let mut by_doc: BTreeMap<&str, Vec<Evidence>> = BTreeMap::new();
            for ev in &e.evidence {
                by_doc.entry(ev.doc.as_str()).or_default().push(ev.clone());
            }
            for (doc, evs) in by_doc {
                edge_docs.entry(doc).or_default().push((e, evs));
            }
        }
        for (doc, rec) in &other.documents {
            match self.documents.get(doc) {
                Some(mine) if mine.hash >= rec.hash => continue,
                Some(_) => self.remove_document(doc),
                None => {}
            }
            self.documents.insert(doc.clone(), rec.clone());
            for (e, evs) in edge_docs.remove(doc.as_str()).into_iter().flatten() {
                let s = self.node_index(&other.graph[other.nodes[e.source.as_str()]]);
                let t = self.node_index(&other.graph[other.nodes[e.target.as_str()]]);
                self.add_edge(s, t, e.with_evidence(evs));
            }
            for (n, d) in node_docs.get(doc.as_str()).into_iter().flatten() {
                let mut node = n.bare();
                node.documents.insert(doc.as_str().into(), (*d).clone());
                self.ensure_node(node);
            }
        }
    }

    /// The index of the node of `n`'s actor, added (without its documents) if it is new.
    fn node_index(&mut self, n: &Node) -> NodeIndex {
        match self.nodes.get(&n.id) {
            Some(&ix) => ix,
            None => self.ensure_node(n.bare()),
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
        let Some(&ix) = self.nodes.get(id) else { return Vec::new() };
        let mut v: Vec<&Edge> = self.graph.edges_directed(ix, dir).map(|e| e.weight()).collect();
        v.sort_by(|a, b| (&a.source, &a.target, &a.cameo).cmp(&(&b.source, &b.target, &b.cameo)));
        v
    }

    /// The underlying petgraph graph, for algorithms.
    pub fn petgraph(&self) -> &StableDiGraph<Node, Edge> {
        &self.graph
    }

    /// The petgraph index of an actor's node.
    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.nodes.get(id).copied()
    }

    /// A graph of the same documents keeping only the evidence and edges `keep` accepts (for
    /// time windows and code filters); actors left with no relation are dropped.
    pub fn filtered(
        &self,
        keep_edge: impl Fn(&Edge) -> bool,
        keep_evidence: impl Fn(&Evidence) -> bool,
    ) -> Graph {
        let mut g = Graph {
            documents: self.documents.clone(),
            geokg_version: self.geokg_version.clone(),
            lexicon_version: self.lexicon_version.clone(),
            ..Graph::default()
        };
        for e in self.edges().filter(|e| keep_edge(e)) {
            let evs: Vec<Evidence> = e.evidence.iter().filter(|ev| keep_evidence(ev)).cloned().collect();
            if evs.is_empty() {
                continue;
            }
            let s = g.ensure_node(self.node(&e.source).expect("edge ends are nodes").clone());
            let t = g.ensure_node(self.node(&e.target).expect("edge ends are nodes").clone());
            g.add_edge(s, t, e.with_evidence(evs));
        }
        g
    }

    /// Serialises the graph to its JSON file format.
    pub fn to_file_json(&self) -> String {
        serde_json::to_string_pretty(&self.file()).expect("graph serialisation cannot fail")
    }

    /// The serialised form, borrowing the graph's content.
    fn file(&self) -> GraphFile<'_> {
        GraphFile {
            geokg_graph: FORMAT_VERSION,
            geokg_version: std::borrow::Cow::Borrowed(&self.geokg_version),
            lexicon_version: std::borrow::Cow::Borrowed(&self.lexicon_version),
            documents: std::borrow::Cow::Borrowed(&self.documents),
            nodes: self.nodes().map(std::borrow::Cow::Borrowed).collect(),
            edges: self.edges().map(std::borrow::Cow::Borrowed).collect(),
        }
    }

    /// Reads a graph from its JSON file format.
    pub fn from_file_json(text: &str) -> Result<Graph> {
        let file: GraphFile = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorKind::Graph, format!("not a geokg graph: {e}")).line(e.line()))?;
        Graph::from_file(file)
    }

    fn from_file(file: GraphFile<'_>) -> Result<Graph> {
        if file.geokg_graph != FORMAT_VERSION {
            return Err(Error::new(
                ErrorKind::Graph,
                format!(
                    "unsupported graph format version {} (this geokg reads {FORMAT_VERSION})",
                    file.geokg_graph
                ),
            ));
        }
        let mut g = Graph {
            documents: file.documents.into_owned(),
            geokg_version: file.geokg_version.into_owned(),
            lexicon_version: file.lexicon_version.into_owned(),
            ..Graph::default()
        };
        // a graph file without a list of documents (written before there was one) gets it from
        // its evidence, as events alone would give; with a list, every reference must be in it
        let listed = !g.documents.is_empty();
        let unlisted = |what: String, doc: &str| {
            Error::new(
                ErrorKind::Graph,
                format!("{what}: document {doc:?} is not among the graph's documents"),
            )
        };
        g.nodes.reserve(file.nodes.len());
        g.edges.reserve(file.edges.len());
        g.graph.reserve_nodes(file.nodes.len());
        g.graph.reserve_edges(file.edges.len());
        for n in file.nodes {
            let n = n.into_owned();
            if g.nodes.contains_key(&n.id) {
                return Err(Error::new(ErrorKind::Graph, format!("actor {} is listed twice", n.id)));
            }
            for (doc, d) in &n.documents {
                if listed && !g.documents.contains_key(doc.as_str()) {
                    return Err(unlisted(format!("actor {}", n.id), doc));
                }
                if d.mentions > MAX_DOC_MENTIONS {
                    return Err(Error::new(
                        ErrorKind::Graph,
                        format!(
                            "actor {}: {} mentions in document {doc:?} (at most {MAX_DOC_MENTIONS})",
                            n.id, d.mentions
                        ),
                    ));
                }
            }
            g.ensure_node(n);
        }
        // edges come sorted by source: look each source up once
        let mut last: Option<(Str, NodeIndex)> = None;
        for e in file.edges {
            let e = e.into_owned();
            check_edge(&e)?;
            for (i, ev) in e.evidence.iter().enumerate() {
                if !g.documents.contains_key(ev.doc.as_str()) {
                    if listed {
                        let what =
                            format!("edge {} -> {} ({}), evidence {}", e.source, e.target, e.cameo, i + 1);
                        return Err(unlisted(what, &ev.doc));
                    }
                    let date = ev.date.as_deref().map(str::to_string);
                    g.documents.insert(ev.doc.to_string(), DocRecord { hash: String::new(), date });
                }
            }
            let s = match &last {
                Some((id, ix)) if *id == e.source => Some(ix),
                _ => g.nodes.get(e.source.as_str()),
            }
            .copied();
            if let Some(ix) = s {
                last = Some((e.source.clone(), ix));
            }
            let (Some(s), Some(&t)) = (s, g.nodes.get(e.target.as_str())) else {
                return Err(Error::new(
                    ErrorKind::Graph,
                    format!("edge {} -> {} names an actor that is not a node", e.source, e.target),
                ));
            };
            g.add_edge(s, t, e);
        }
        if !listed {
            let docs: Vec<String> = g
                .graph
                .node_weights()
                .flat_map(|n| n.documents.keys())
                .filter(|d| !g.documents.contains_key(d.as_str()))
                .map(|d| d.to_string())
                .collect();
            for d in docs {
                g.documents.entry(d).or_insert_with(|| DocRecord { hash: String::new(), date: None });
            }
        }
        Ok(g)
    }

    /// Serialises the graph to its compact binary file format: [`BINARY_MAGIC`], then the same
    /// content as the JSON format in postcard's encoding. It loads several times faster than JSON.
    pub fn to_file_bytes(&self) -> Vec<u8> {
        let file = self.file();
        let mut out = BINARY_MAGIC.to_vec();
        out.extend(postcard::to_stdvec(&file).expect("graph serialisation cannot fail"));
        out
    }

    /// Reads a graph from its binary file format.
    pub fn from_file_bytes(bytes: &[u8]) -> Result<Graph> {
        let name = &BINARY_MAGIC[..BINARY_MAGIC.len() - 1];
        let body = match bytes.strip_prefix(BINARY_MAGIC) {
            Some(body) => body,
            None if bytes.starts_with(name) && bytes.len() > name.len() => {
                return Err(Error::new(
                    ErrorKind::Graph,
                    format!(
                        "a binary graph of format {}, and this geokg reads format {}: build it again",
                        bytes[name.len()],
                        BINARY_MAGIC[name.len()]
                    ),
                ));
            }
            None => {
                return Err(Error::new(
                    ErrorKind::Graph,
                    "not a geokg binary graph (it does not start with GEOKG-GRAPH)",
                ))
            }
        };
        let file: GraphFile = postcard::from_bytes(body)
            .map_err(|e| Error::new(ErrorKind::Graph, format!("damaged binary graph: {e}")))?;
        Graph::from_file(file)
    }

    /// Reads a graph file, JSON or binary (told apart by the binary format's first bytes).
    pub fn load(path: &Path) -> Result<Graph> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        if bytes.starts_with(&BINARY_MAGIC[..BINARY_MAGIC.len() - 1]) {
            return Graph::from_file_bytes(&bytes).map_err(|e| e.at(path));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::new(
                ErrorKind::Graph,
                format!("not a geokg graph: invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
            )
            .at(path)
        })?;
        Graph::from_file_json(&text).map_err(|e| e.at(path))
    }

    /// Writes the graph file atomically ([`crate::files::write_atomic`]: a new temporary file
    /// beside it, synced, renamed over it; mode, owner and symbolic links kept). A path ending in
    /// `.gkg` gets the binary format, any other the JSON format.
    pub fn save(&self, path: &Path) -> Result<()> {
        let binary = path.extension().is_some_and(|e| e == "gkg");
        let bytes = if binary { self.to_file_bytes() } else { (self.to_file_json() + "\n").into_bytes() };
        crate::files::write_atomic(path, &bytes)
    }
}

/// Many articles added to a graph in linear time ([`Graph::bulk`]); the edges are put in order
/// when it is dropped.
#[derive(Debug)]
pub struct Bulk<'g> {
    graph: &'g mut Graph,
}

impl Bulk<'_> {
    /// Adds the events of one analysed article, like [`Graph::add_analysis`].
    pub fn add_analysis(&mut self, article: &Article, analysis: &Analysis) -> Added {
        self.graph.add_analysis(article, analysis)
    }

    /// Adds one event, like [`Graph::add_event`].
    pub fn add_event(&mut self, e: &Event) {
        self.graph.add_event(e);
    }
}

impl Drop for Bulk<'_> {
    fn drop(&mut self) {
        self.graph.settle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation;

    /// `n` events of one relation, each from its own document and date, in a scrambled order.
    fn events(n: usize) -> Vec<Event> {
        let actor = |id: &str| Actor {
            id: id.into(),
            name: id.into(),
            kind: ActorKind::Country,
            country: Some(id.to_uppercase().into()),
            role: None,
            operates_in: None,
        };
        let mut order: Vec<usize> = (0..n).collect();
        // a fixed shuffle (a linear congruential generator), so that evidence comes in no order
        let mut x: u64 = 12345;
        for i in (1..n).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (x >> 33) as usize % (i + 1));
        }
        order
            .into_iter()
            .map(|i| Event {
                doc: format!("d{i:06}"),
                date: Some(format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28)),
                sentence: i % 7,
                span: [0, 30],
                text: format!("Russia condemned France ({i})."),
                source: actor("rus"),
                target: actor("fra"),
                relation: Relation {
                    cameo: "111".into(),
                    label: "criticize".into(),
                    quad: 3,
                    goldstein: -2.0,
                },
                trigger: "condemned".into(),
                negated: false,
                confidence: 0.85,
            })
            .collect()
    }

    /// The work of putting evidence in order when the events are added in bulk, or one by one.
    fn order_work(events: &[Event], bulk: bool) -> (Graph, usize) {
        ORDER_WORK.with(|w| w.set(0));
        let g = if bulk {
            Graph::from_events(events)
        } else {
            let mut g = Graph::new();
            for e in events {
                g.add_event(e);
            }
            g
        };
        (g, ORDER_WORK.with(std::cell::Cell::get))
    }

    /// Building is linear in the evidence of an edge (up to the sort's logarithm): four times the
    /// evidence is at most 5.5 times the work, where keeping the edge in order at each event
    /// (Vec::insert, the way builds went) costs about sixteen times; and both give the same graph,
    /// byte for byte.
    #[test]
    fn bulk_building_is_linear_in_the_evidence_of_an_edge() {
        let (small, large) = (events(4_000), events(16_000));
        let (g_small, bulk_small) = order_work(&small, true);
        let (g_large, bulk_large) = order_work(&large, true);
        let ratio = bulk_large as f64 / bulk_small as f64;
        assert!(ratio < 5.5, "bulk work grew {ratio:.2}× for 4× the evidence ({bulk_small} → {bulk_large})");
        let (one_by_one_small, insert_small) = order_work(&small, false);
        let (one_by_one_large, insert_large) = order_work(&large, false);
        let ratio = insert_large as f64 / insert_small as f64;
        assert!(ratio > 12.0, "inserts grew {ratio:.2}× for 4× the evidence");
        assert_eq!(g_small.to_file_json(), one_by_one_small.to_file_json());
        assert_eq!(g_large.to_file_json(), one_by_one_large.to_file_json());
        let e = g_large.edges().next().unwrap();
        assert_eq!((e.count, e.evidence.len()), (16_000, 16_000));
        assert_eq!(
            (e.first_date.as_deref(), e.last_date.as_deref()),
            (Some("2010-01-01"), Some("2024-12-28"))
        );
    }

    /// A binary graph of another format version is refused with both versions named, and one
    /// written today loads back equal.
    #[test]
    fn binary_graphs_of_another_format_say_so() {
        let g = Graph::from_events(&events(3));
        let bytes = g.to_file_bytes();
        assert_eq!(Graph::from_file_bytes(&bytes).unwrap().to_file_json(), g.to_file_json());
        let mut old = bytes.clone();
        old[BINARY_MAGIC.len() - 1] = 2;
        let e = Graph::from_file_bytes(&old).unwrap_err().to_string();
        assert!(e.contains("a binary graph of format 2, and this geokg reads format 3"), "{e}");
    }
}
