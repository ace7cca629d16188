//! Stage 6b: queries on a graph — who is linked to an actor, and how two actors are linked.
//!
//! Actors are named by any alias (canonical name, id, ISO code, a surface form seen in the
//! articles, or a lexicon alias), ignoring accents and case.

use petgraph::Direction;
use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::graph::{Edge, Evidence, Graph};
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
                        return Ok(id.to_string());
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
    /// Number of documents the events are told in.
    pub documents: usize,
    /// First and last dates.
    pub first_date: Option<String>,
    /// Last date.
    pub last_date: Option<String>,
    /// One evidence sentence (the most confident).
    pub evidence: String,
    /// Its document.
    pub doc: String,
    /// More of the evidence, on request ([`with_evidence`]): in the order of the graph (date,
    /// document, sentence); absent from JSON when not asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub all_evidence: Vec<Evidence>,
}

/// Fills each link's [`Link::all_evidence`] with the first `n` pieces of its evidence (by date,
/// document, sentence; `usize::MAX` for all of them).
pub fn with_evidence(graph: &Graph, links: &mut [Link], n: usize) {
    for l in links {
        if let Some(e) = graph
            .edges_of(&l.source, Direction::Outgoing)
            .into_iter()
            .find(|e| e.target == l.target && e.cameo == l.cameo)
        {
            l.all_evidence = e.evidence.iter().take(n).cloned().collect();
        }
    }
}

/// Sorts links for reading: by source name, target name, then code (ids break ties).
pub fn sort_by_name(links: &mut [Link]) {
    links.sort_by(|a, b| {
        (&a.source_name, &a.target_name, &a.cameo, &a.source, &a.target).cmp(&(
            &b.source_name,
            &b.target_name,
            &b.cameo,
            &b.source,
            &b.target,
        ))
    });
}

fn link(graph: &Graph, e: &Edge) -> Link {
    let name = |id: &str| graph.node(id).map_or(id.to_string(), |n| n.name.clone());
    let best = e.evidence.iter().max_by(|a, b| {
        a.confidence.partial_cmp(&b.confidence).unwrap_or(std::cmp::Ordering::Equal).then(b.doc.cmp(&a.doc))
    });
    Link {
        source: e.source.to_string(),
        source_name: name(&e.source),
        target: e.target.to_string(),
        target_name: name(&e.target),
        cameo: e.cameo.to_string(),
        label: e.label.to_string(),
        quad: e.quad,
        count: e.count,
        documents: e
            .evidence
            .iter()
            .map(|ev| ev.doc.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len(),
        first_date: e.first_date.as_deref().map(str::to_string),
        last_date: e.last_date.as_deref().map(str::to_string),
        evidence: best.map(|b| b.text.clone()).unwrap_or_default(),
        doc: best.map(|b| b.doc.to_string()).unwrap_or_default(),
        all_evidence: Vec::new(),
    }
}

/// Every relation from or to an actor: outgoing first, then incoming, each by the other actor's
/// name.
pub fn neighbors(graph: &Graph, id: &str) -> Vec<Link> {
    neighbors_dir(graph, id, None)
}

/// The relations of an actor in one direction (`Some(Outgoing)`: what it does; `Some(Incoming)`:
/// what is done to it), or both (`None`, outgoing first), each by the other actor's name.
pub fn neighbors_dir(graph: &Graph, id: &str, dir: Option<Direction>) -> Vec<Link> {
    let mut out = Vec::new();
    for d in [Direction::Outgoing, Direction::Incoming] {
        if dir.is_none_or(|x| x == d) {
            let mut part: Vec<Link> = graph.edges_of(id, d).into_iter().map(|e| link(graph, e)).collect();
            sort_by_name(&mut part);
            out.extend(part);
        }
    }
    out
}

/// The direct relations between two actors, both ways (a → b first), each way by code.
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

/// Every relation of the graph, by source name, target name and code.
pub fn all_links(graph: &Graph) -> Vec<Link> {
    let mut out: Vec<Link> = graph.edges().map(|e| link(graph, e)).collect();
    sort_by_name(&mut out);
    out
}

/// Which relations a query or an export keeps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Keep evidence dated on or after this day (`YYYY-MM-DD`); undated evidence is dropped
    /// when a window is set.
    pub since: Option<String>,
    /// Keep evidence dated on or before this day.
    pub until: Option<String>,
    /// Keep these CAMEO codes (prefixes: "19" keeps 19x).
    pub codes: Vec<String>,
    /// Keep these quad classes.
    pub quads: Vec<u8>,
    /// Keep relations with at least this many events (after the time window).
    pub min_count: usize,
}

impl Filter {
    /// True when the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        self.since.is_none()
            && self.until.is_none()
            && self.codes.is_empty()
            && self.quads.is_empty()
            && self.min_count <= 1
    }

    /// The graph with only what the filter keeps (the graph itself, borrowed, when the filter keeps
    /// everything).
    ///
    /// ```
    /// use geokg::{Article, Extractor, Graph, query::Filter};
    /// let ex = Extractor::default();
    /// let mut g = Graph::new();
    /// for (id, date, text) in [("a", "2020-01-05", "T\nRussia condemned France."), ("b", "2021-06-01", "T\nRussia attacked Ukraine.")] {
    ///     let mut a = Article::from_text(id, text);
    ///     a.date = Some(date.into());
    ///     g.add_analysis(&a, &ex.analyze(&a));
    /// }
    /// let recent = Filter { since: Some("2021-01-01".into()), ..Filter::default() }.apply(&g);
    /// assert_eq!(recent.edges().map(|e| e.cameo.as_str()).collect::<Vec<_>>(), ["190"]);
    /// assert!(recent.node("fra").is_none());
    /// ```
    pub fn apply<'g>(&self, graph: &'g Graph) -> std::borrow::Cow<'g, Graph> {
        if self.is_empty() {
            return std::borrow::Cow::Borrowed(graph);
        }
        let window = self.since.is_some() || self.until.is_some();
        let g = graph.filtered(
            |e| {
                (self.codes.is_empty() || self.codes.iter().any(|c| e.cameo.starts_with(c.as_str())))
                    && (self.quads.is_empty() || self.quads.contains(&e.quad))
            },
            |ev| {
                !window
                    || ev.date.as_deref().is_some_and(|d| {
                        self.since.as_deref().is_none_or(|s| d >= s)
                            && self.until.as_deref().is_none_or(|u| d <= u)
                    })
            },
        );
        std::borrow::Cow::Owned(if self.min_count > 1 {
            g.filtered(|e| e.count >= self.min_count, |_| true)
        } else {
            g
        })
    }
}

/// One hop of a path: a relation between two actors, in either direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    /// The actor the hop starts from.
    pub from: String,
    /// The actor it reaches.
    pub to: String,
    /// The relations between the two (both ways), with one evidence sentence each.
    pub links: Vec<Link>,
}

/// A shortest chain of relations from `a` to `b`, whatever their direction (breadth-first, ties
/// broken by actor id); `None` when they are not connected.
pub fn path(graph: &Graph, a: &str, b: &str) -> Option<Vec<Hop>> {
    use std::collections::{HashMap, HashSet, VecDeque};
    let g = graph.petgraph();
    let (ia, ib) = (graph.index_of(a)?, graph.index_of(b)?);
    // breadth-first over the petgraph, each node's neighbours in actor-id order: the cost is the
    // part of the graph explored, not the whole graph
    let mut parent = HashMap::new();
    let mut seen = HashSet::from([ia]);
    let mut queue = VecDeque::from([ia]);
    while let Some(n) = queue.pop_front() {
        if n == ib {
            break;
        }
        let mut next: Vec<_> = g.neighbors_undirected(n).filter(|m| !seen.contains(m)).collect();
        next.sort_by(|x, y| g[*x].id.cmp(&g[*y].id));
        next.dedup();
        for m in next {
            seen.insert(m);
            parent.insert(m, n);
            queue.push_back(m);
        }
    }
    if ia != ib && !parent.contains_key(&ib) {
        return None;
    }
    let mut chain = vec![ib];
    while let Some(&p) = parent.get(chain.last().expect("non-empty")) {
        chain.push(p);
    }
    chain.reverse();
    Some(
        chain
            .windows(2)
            .map(|w| {
                let (from, to) = (g[w[0]].id.as_str(), g[w[1]].id.as_str());
                Hop { from: from.into(), to: to.into(), links: links(graph, from, to) }
            })
            .collect(),
    )
}

/// An actor's standing in the graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rank {
    /// Actor id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Distinct relations in and out.
    pub degree: usize,
    /// Events in and out.
    pub weighted_degree: usize,
    /// Documents telling those events.
    pub documents: usize,
    /// PageRank over the relations weighted by their event counts.
    pub pagerank: f64,
}

/// Actors by PageRank (then weighted degree, then id), and relations by event count (then by
/// source name, target name and code).
pub fn top(graph: &Graph, n: usize) -> (Vec<Rank>, Vec<Link>) {
    let pr = pagerank(graph);
    let mut ranks: Vec<Rank> = graph
        .nodes()
        .map(|node| {
            let edges: Vec<&Edge> = graph
                .edges_of(&node.id, Direction::Outgoing)
                .into_iter()
                .chain(graph.edges_of(&node.id, Direction::Incoming))
                .collect();
            Rank {
                id: node.id.clone(),
                name: node.name.clone(),
                degree: edges.len(),
                weighted_degree: edges.iter().map(|e| e.count).sum(),
                documents: edges
                    .iter()
                    .flat_map(|e| e.evidence.iter().map(|ev| ev.doc.as_str()))
                    .collect::<std::collections::HashSet<_>>()
                    .len(),
                pagerank: (pr.get(node.id.as_str()).copied().unwrap_or(0.0) * 1e4).round() / 1e4,
            }
        })
        .collect();
    ranks.sort_by(|a, b| {
        b.pagerank
            .partial_cmp(&a.pagerank)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.weighted_degree.cmp(&a.weighted_degree))
            .then(a.id.cmp(&b.id))
    });
    ranks.truncate(n);
    let mut rels = all_links(graph);
    // by event count, then by name (a stable sort keeps the names' order)
    rels.sort_by_key(|r| std::cmp::Reverse(r.count));
    rels.truncate(n);
    (ranks, rels)
}

/// PageRank (damping 0.85, 50 iterations) where a relation passes rank in proportion to its
/// event count; actors with no outgoing relation spread theirs evenly.
pub fn pagerank(graph: &Graph) -> std::collections::HashMap<&str, f64> {
    use std::collections::HashMap;
    let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
    let n = ids.len();
    let mut rank: HashMap<&str, f64> = ids.iter().map(|&i| (i, 1.0 / n.max(1) as f64)).collect();
    let out_weight: HashMap<&str, f64> = ids
        .iter()
        .map(|&i| (i, graph.edges_of(i, Direction::Outgoing).iter().map(|e| e.count as f64).sum()))
        .collect();
    for _ in 0..50 {
        let dangling: f64 = ids.iter().filter(|i| out_weight[*i] == 0.0).map(|i| rank[i]).sum();
        let mut next: HashMap<&str, f64> =
            ids.iter().map(|&i| (i, (0.15 + 0.85 * dangling) / n as f64)).collect();
        for e in graph.edges() {
            let share = rank[e.source.as_str()] * e.count as f64 / out_weight[e.source.as_str()];
            *next.get_mut(e.target.as_str()).expect("edge ends are nodes") += 0.85 * share;
        }
        rank = next;
    }
    rank
}

/// Everything known about an actor, and its strongest partners and adversaries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorReport {
    /// The node.
    pub node: crate::graph::Node,
    /// Actors it relates to, by the sum of the Goldstein values of their events (both ways),
    /// most cooperative first.
    pub partners: Vec<(String, f64)>,
    /// The same, most conflictual first.
    pub adversaries: Vec<(String, f64)>,
}

/// The report on one actor.
pub fn actor(graph: &Graph, id: &str) -> Option<ActorReport> {
    let node = graph.node(id)?.clone();
    let mut score: std::collections::BTreeMap<String, f64> = std::collections::BTreeMap::new();
    for e in
        graph.edges_of(id, Direction::Outgoing).into_iter().chain(graph.edges_of(id, Direction::Incoming))
    {
        let other = if e.source == id { &e.target } else { &e.source };
        let name = graph.node(other).map_or(other.to_string(), |n| n.name.clone());
        *score.entry(name).or_default() += e.goldstein * e.count as f64;
    }
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let mut all: Vec<(String, f64)> = score.into_iter().map(|(k, v)| (k, round(v))).collect();
    all.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then(a.0.cmp(&b.0)));
    let partners = all.iter().filter(|x| x.1 > 0.0).take(5).cloned().collect();
    let adversaries = all.iter().rev().filter(|x| x.1 < 0.0).take(5).cloned().collect();
    Some(ActorReport { node, partners, adversaries })
}

/// How events between two actors are grouped in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// By calendar month (`2022-03`).
    Month,
    /// By ISO week (`2022-W09`).
    Week,
    /// By day.
    Day,
}

/// One period of a timeline, in one direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRow {
    /// The period (`2022-03`, `2022-W09`, `2022-03-01`); `None` (JSON `null`) for the events
    /// whose date is unknown.
    pub period: Option<String>,
    /// Source actor id.
    pub source: String,
    /// Source name.
    pub source_name: String,
    /// Target actor id.
    pub target: String,
    /// Target name.
    pub target_name: String,
    /// Events.
    pub count: usize,
    /// Sum of their Goldstein values.
    pub goldstein: f64,
}

/// The events between two actors, both directions, per period, in time order and by source
/// name within a period; the events without a (readable) date come last, as one undated row per
/// direction, never left out.
///
/// ```
/// use geokg::{Article, Extractor, Graph, query::{timeline, Period}};
/// let ex = Extractor::default();
/// let mut g = Graph::new();
/// for (id, date) in [("a", Some("2022-03-04")), ("b", None)] {
///     let mut a = Article::from_text(id, "T\nRussia condemned France.");
///     a.date = date.map(Into::into);
///     g.add_analysis(&a, &ex.analyze(&a));
/// }
/// let rows = timeline(&g, "rus", "fra", Period::Month);
/// assert_eq!(rows.iter().map(|r| r.period.as_deref()).collect::<Vec<_>>(), [Some("2022-03"), None]);
/// assert_eq!((rows[1].source_name.as_str(), rows[1].count), ("Russia", 1));
/// ```
pub fn timeline(graph: &Graph, a: &str, b: &str, by: Period) -> Vec<TimelineRow> {
    let name = |id: &str| graph.node(id).map_or(id.to_string(), |n| n.name.clone());
    // (period, None last), source name, target name, source id
    type Key = ((bool, String), String, String, String);
    let mut rows: std::collections::BTreeMap<Key, (String, usize, f64)> = Default::default();
    for (s, t) in [(a, b), (b, a)] {
        for e in graph.edges_of(s, Direction::Outgoing).into_iter().filter(|e| e.target == t) {
            for ev in &e.evidence {
                let period = ev.date.as_deref().and_then(|d| period_of(d, by));
                let key = ((period.is_none(), period.unwrap_or_default()), name(s), name(t), s.to_string());
                let r = rows.entry(key).or_insert_with(|| (t.to_string(), 0, 0.0));
                r.1 += 1;
                r.2 += e.goldstein;
            }
        }
    }
    rows.into_iter()
        .map(|(((undated, period), source_name, target_name, source), (target, count, g))| TimelineRow {
            period: (!undated).then_some(period),
            source,
            source_name,
            target,
            target_name,
            count,
            goldstein: (g * 100.0).round() / 100.0,
        })
        .collect()
}

/// The period a `YYYY-MM-DD` date falls in.
///
/// ```
/// use geokg::query::{period_of, Period};
/// assert_eq!(period_of("2022-03-04", Period::Month).as_deref(), Some("2022-03"));
/// assert_eq!(period_of("2022-03-04", Period::Week).as_deref(), Some("2022-W09"));
/// assert_eq!(period_of("2021-01-03", Period::Week).as_deref(), Some("2020-W53"));
/// ```
pub fn period_of(date: &str, by: Period) -> Option<String> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    Some(match by {
        Period::Day => date[..10].to_string(),
        Period::Month => date[..7].to_string(),
        Period::Week => {
            // ISO 8601 week: the week with the year's first Thursday is week 1
            let days = days_from_civil(y, m, d);
            let weekday = (days + 3).rem_euclid(7); // 0 = Monday
            let thursday = days - weekday + 3;
            let (ty, _, _) = civil_from_days(thursday);
            let week = (thursday - days_from_civil(ty, 1, 1)) / 7 + 1;
            format!("{ty}-W{week:02}")
        }
    })
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The actors within `depth` relations of `id` (either direction), itself included.
pub fn ego(graph: &Graph, id: &str, depth: usize) -> std::collections::BTreeSet<String> {
    let mut keep = std::collections::BTreeSet::from([id.to_string()]);
    let mut frontier = vec![id.to_string()];
    for _ in 0..depth {
        let mut next = Vec::new();
        for n in &frontier {
            for e in graph
                .edges_of(n, Direction::Outgoing)
                .into_iter()
                .chain(graph.edges_of(n, Direction::Incoming))
            {
                for m in [&e.source, &e.target] {
                    if keep.insert(m.to_string()) {
                        next.push(m.to_string());
                    }
                }
            }
        }
        frontier = next;
    }
    keep
}

/// The graph of the relations between the given actors only.
pub fn subgraph(graph: &Graph, keep: &std::collections::BTreeSet<String>) -> Graph {
    graph.filtered(|e| keep.contains(e.source.as_str()) && keep.contains(e.target.as_str()), |_| true)
}
