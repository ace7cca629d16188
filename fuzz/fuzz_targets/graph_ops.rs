//! Every export and every query on graphs built from structured input, and the laws of the graph:
//! the input is decoded into small articles (extracted for real) and events (with hostile strings
//! and arbitrary numbers in their ranges), added, replaced, renamed and removed in three graphs.
//! Then, for each graph: it equals the graph built afresh from its current documents; it reads back
//! equal (and writes the same bytes again) from JSON and binary, in memory and through
//! `save`/`load`; merging with an empty graph or itself changes nothing. Merging the three is
//! commutative and associative. Every export (DOT with every option, node-link JSON, GraphML,
//! Cytoscape, CSV, SVG) is well formed with one entry per actor and relation, on the graphs, on a
//! filtered graph (which may be empty) and on subgraphs; every query (resolve, neighbours, links,
//! path, top, PageRank, actor, timeline, ego, subgraph) answers consistently.
//!
//! The input keeps to what extraction gives: an actor id names one actor, a CAMEO code one
//! relation, an event document one date, and an article (id and text) one date.
#![no_main]
use std::collections::{BTreeMap, BTreeSet};

use geokg::export;
use geokg::graph::{text_hash, Added};
use geokg::query::{self, Filter, Period};
use geokg::{Actor, ActorKind, Article, Event, Extractor, Graph, Relation};
use libfuzzer_sys::fuzz_target;
use petgraph::Direction;

/// A reader of the fuzz input: zeros once it is used up.
struct Input<'a> {
    data: &'a [u8],
    at: usize,
}

impl Input<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }
    fn done(&self) -> bool {
        self.at >= self.data.len()
    }
    fn below(&mut self, n: usize) -> usize {
        self.byte() as usize % n.max(1)
    }
    fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }
    fn u64(&mut self) -> u64 {
        (0..8).fold(0, |x, _| (x << 8) | u64::from(self.byte()))
    }
    /// A short string of any characters (invalid UTF-8 becomes U+FFFD).
    fn string(&mut self, max: usize) -> String {
        let n = self.below(max + 1);
        let start = self.at.min(self.data.len());
        let end = (start + n).min(self.data.len());
        self.at += n;
        String::from_utf8_lossy(&self.data[start..end]).into_owned()
    }
    /// A number in `lo..=hi`: a round one (two decimals) or any.
    fn number(&mut self, lo: f64, hi: f64) -> f64 {
        if self.flag() {
            lo + (self.below(101) as f64 / 100.0) * (hi - lo)
        } else {
            let x = lo + (self.u64() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo);
            x.clamp(lo, hi)
        }
    }
    /// A date: none, a valid day, or any short string.
    fn date(&mut self) -> Option<String> {
        match self.below(4) {
            0 => None,
            1 => Some(self.string(12)),
            _ => Some(format!("20{:02}-{:02}-{:02}", self.below(30), 1 + self.below(12), 1 + self.below(31))),
        }
    }
}

const NAMES: [&str; 20] = [
    "Russia",
    "France",
    "the United States",
    "Ukraine",
    "Iran",
    "Israel",
    "China",
    "Germany",
    "Vladimir Putin",
    "Emmanuel Macron",
    "NATO",
    "the United Nations",
    "Hamas",
    "Moscou",
    "la Russie",
    "la France",
    "les États-Unis",
    "l'Iran",
    "Kyiv",
    "Xi Jinping",
];
const VERBS: [&str; 16] = [
    "condemned",
    "attacked",
    "met",
    "praised",
    "accused",
    "threatened",
    "sanctioned",
    "urged",
    "criticized",
    "welcomed",
    "a condamné",
    "a attaqué",
    "a rencontré",
    "a salué",
    "accuse",
    "menace",
];
const DOC_IDS: [&str; 8] = ["a", "b", "c", "x/a", "y/x/a", "x/b", "a/c", "x/y"];
const CODES: [&str; 12] = ["010", "0311", "036", "042", "057", "111", "12", "130", "173", "190", "193", "20"];

/// The actors of events: a few fixed ones, then up to three made from the input (ids not in the
/// lexicon, so that an id always names the same actor).
fn actors(inp: &mut Input) -> Vec<Actor> {
    let actor = |id: &str, name: &str, kind, country: Option<&str>, role: Option<&str>| Actor {
        id: id.into(),
        name: name.into(),
        kind,
        country: country.map(Into::into),
        role: role.map(Into::into),
        operates_in: None,
    };
    let mut v = vec![
        actor("t-rus", "Russia (t)", ActorKind::Country, Some("RUS"), None),
        actor("t-fra", "France (t)", ActorKind::Country, Some("FRA"), None),
        actor("t-putin", "Vladimir Putin (t)", ActorKind::Person, Some("RUS"), Some("GOV")),
        actor("t-un", "United Nations (t)", ActorKind::Organization, None, Some("IGO")),
        actor("t-group", "Group (t)", ActorKind::Group, Some("SYR"), Some("REB")),
    ];
    let kinds = [
        ActorKind::Country,
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Group,
        ActorKind::Location,
    ];
    for _ in 0..inp.below(4) {
        let id = format!("~{}", inp.string(8));
        if v.iter().any(|a| a.id == id) {
            continue;
        }
        let name = inp.string(10);
        let kind = kinds[inp.below(5)];
        let country = inp.flag().then(|| inp.string(4));
        let role = inp.flag().then(|| inp.string(4));
        v.push(actor(&id, &name, kind, country.as_deref(), role.as_deref()));
    }
    v
}

/// The relations of events: one per code.
fn relations(inp: &mut Input) -> Vec<Relation> {
    let mut v: Vec<Relation> = Vec::new();
    for _ in 0..1 + inp.below(4) {
        let cameo = if inp.flag() {
            CODES[inp.below(CODES.len())].to_string()
        } else {
            let n = 2 + inp.below(3);
            (0..n).map(|_| char::from(b'0' + inp.below(10) as u8)).collect()
        };
        if v.iter().any(|r| r.cameo == cameo) {
            continue;
        }
        let label = inp.string(8);
        let quad = 1 + inp.below(4) as u8;
        let goldstein = inp.number(-10.0, 10.0);
        v.push(Relation { cameo, label, quad, goldstein });
    }
    v
}

/// What the fuzzer knows of the world it makes.
struct World {
    actors: Vec<Actor>,
    relations: Vec<Relation>,
    /// The date of each event document.
    doc_dates: BTreeMap<String, Option<String>>,
    /// The date of each article (id and text).
    article_dates: BTreeMap<(String, String), Option<String>>,
    /// The events of the documents shared by the graphs (the same in each).
    shared: BTreeMap<String, Vec<Event>>,
}

impl World {
    fn event(&mut self, inp: &mut Input, doc: &str) -> Event {
        let date = match self.doc_dates.get(doc) {
            Some(d) => d.clone(),
            None => {
                let d = inp.date();
                self.doc_dates.insert(doc.to_string(), d.clone());
                d
            }
        };
        let mut source = self.actors[inp.below(self.actors.len())].clone();
        let target = self.actors[inp.below(self.actors.len())].clone();
        if inp.below(4) == 0 {
            // the role an article gives an actor may vary
            source.role = Some(["GOV", "MIL", "OPP"][inp.below(3)].into());
        }
        let start = inp.below(200);
        Event {
            doc: doc.to_string(),
            date,
            sentence: inp.below(20),
            span: [start, start + inp.below(200)],
            text: if inp.flag() {
                format!("{} {} {}.", source.name, VERBS[inp.below(VERBS.len())], target.name)
            } else {
                inp.string(24)
            },
            source,
            target,
            relation: self.relations[inp.below(self.relations.len())].clone(),
            trigger: inp.string(6),
            negated: inp.flag(),
            confidence: inp.number(0.0, 1.0),
        }
    }

    fn article(&mut self, inp: &mut Input) -> Article {
        let id = if inp.below(4) == 0 {
            // any id but an event document's
            inp.string(6).replace('#', "")
        } else {
            DOC_IDS[inp.below(DOC_IDS.len())].to_string()
        };
        let mut text = format!("Title {}\n", inp.below(3));
        for _ in 0..1 + inp.below(3) {
            if inp.below(6) == 0 {
                text.push_str(&inp.string(40));
            } else {
                let a = NAMES[inp.below(NAMES.len())];
                let v = VERBS[inp.below(VERBS.len())];
                let b = NAMES[inp.below(NAMES.len())];
                text.push_str(&format!("{a} {v} {b}."));
            }
            text.push(if inp.flag() { '\n' } else { ' ' });
        }
        let mut a = Article::from_text(&id, &text);
        let key = (id, a.text.clone());
        let date = match self.article_dates.get(&key) {
            Some(d) => d.clone(),
            None => {
                let d = if inp.flag() { a.date.clone() } else { inp.date() };
                self.article_dates.insert(key, d.clone());
                d
            }
        };
        a.date = date;
        a
    }
}

/// A document of a graph, as it was last added.
#[derive(Clone)]
enum Doc {
    Article(Article),
    Events(String, Vec<Event>),
}

impl Doc {
    fn id(&self) -> &str {
        match self {
            Doc::Article(a) => &a.id,
            Doc::Events(id, _) => id,
        }
    }
}

/// A document's hash, as the graph records it.
fn doc_hash(d: &Doc) -> String {
    match d {
        Doc::Article(a) => text_hash(&a.text),
        Doc::Events(..) => String::new(),
    }
}

/// The documents of a graph in the order they were added (what the graph must be a function of).
#[derive(Default, Clone)]
struct Model {
    docs: Vec<Doc>,
}

impl Model {
    fn hash_of(&self, id: &str) -> Option<String> {
        self.docs.iter().find(|d| d.id() == id).map(doc_hash)
    }

    /// What adding the article does, and the documents after it.
    fn add_article(&mut self, a: &Article) -> Added {
        let hash = text_hash(&a.text);
        let outcome = match self.hash_of(&a.id) {
            Some(h) if h == hash => return Added::Unchanged,
            Some(_) => {
                self.remove(&a.id);
                Added::Replaced
            }
            None => match a.id.rsplit_once('/').map(|(_, name)| name) {
                Some(name) if self.hash_of(name).as_deref() == Some(hash.as_str()) => {
                    let name = name.to_string();
                    self.remove(&name);
                    Added::Renamed
                }
                _ => Added::New,
            },
        };
        self.docs.push(Doc::Article(a.clone()));
        outcome
    }

    fn add_event(&mut self, e: &Event) {
        match self.docs.iter_mut().find(|d| d.id() == e.doc) {
            Some(Doc::Events(_, evs)) => evs.push(e.clone()),
            Some(Doc::Article(_)) => unreachable!("event documents start with #"),
            None => self.docs.push(Doc::Events(e.doc.clone(), vec![e.clone()])),
        }
    }

    fn remove(&mut self, id: &str) {
        self.docs.retain(|d| d.id() != id);
    }
}

thread_local! {
    static EX: Extractor = Extractor::default();
    static DIR: std::path::PathBuf = {
        // in memory where there is such a folder: saves sync to disk
        let shm = std::path::Path::new("/dev/shm");
        let base = if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() };
        let d = base.join(format!("geokg-fuzz-graph-ops-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("a temporary folder");
        d
    };
}

fn json(g: &Graph) -> String {
    g.to_file_json()
}

/// Graphs equal as values and as files.
#[track_caller]
fn assert_same(a: &Graph, b: &Graph, what: &str) {
    assert_eq!(json(a), json(b), "{what}");
    assert!(a == b, "{what}: equal files but unequal graphs");
}

/// What must hold of every graph.
fn check_invariants(g: &Graph) {
    let docs = g.documents();
    let mut edges = 0;
    for e in g.edges() {
        edges += 1;
        assert_eq!(e.count, e.evidence.len());
        assert!(!e.evidence.is_empty(), "an edge without evidence");
        assert!(e.evidence.windows(2).all(|w| w[0].partial_cmp(&w[1]) == Some(std::cmp::Ordering::Less)));
        let dates = e.evidence.iter().filter_map(|ev| ev.date.as_deref());
        assert_eq!(e.first_date.as_deref(), dates.clone().min());
        assert_eq!(e.last_date.as_deref(), dates.max());
        assert!(e.evidence.iter().all(|ev| docs.contains_key(ev.doc.as_str())), "evidence of no document");
        assert!(g.node(&e.source).is_some() && g.node(&e.target).is_some());
    }
    assert_eq!(edges, g.edge_count());
    let mut nodes = 0;
    for n in g.nodes() {
        nodes += 1;
        assert_eq!(n.mentions, n.documents.values().map(|d| d.mentions).sum::<u64>(), "{}", n.id);
        let aliases: BTreeSet<String> =
            n.documents.values().flat_map(|d| d.aliases.iter().map(|a| a.to_string())).collect();
        assert_eq!(n.aliases, aliases, "{}", n.id);
        assert!(
            n.documents.keys().all(|d| docs.contains_key(d.as_str())),
            "{}: mentions of no document",
            n.id
        );
        assert!(
            !g.edges_of(&n.id, Direction::Outgoing).is_empty()
                || !g.edges_of(&n.id, Direction::Incoming).is_empty(),
            "{}: an actor without relations",
            n.id
        );
        assert_eq!(g.index_of(&n.id).map(|ix| &g.petgraph()[ix].id), Some(&n.id));
    }
    assert_eq!(nodes, g.node_count());
}

/// The first line where two texts differ.
fn first_difference(a: &str, b: &str) -> String {
    match a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y) {
        Some((i, (x, y))) => format!("line {}: {x:?} / {y:?}", i + 1),
        None => format!("{} / {} lines", a.lines().count(), b.lines().count()),
    }
}

/// Reads back equal from both formats, in memory and through files.
fn check_round_trips(g: &Graph) {
    let text = g.to_file_json();
    let back = Graph::from_file_json(&text).expect("a written graph reads back (JSON)");
    assert!(
        back == *g,
        "JSON read back a different graph: {}",
        first_difference(&text, &back.to_file_json())
    );
    assert_eq!(back.to_file_json(), text, "JSON read back writes other bytes");
    assert_eq!((&back.geokg_version, &back.lexicon_version), (&g.geokg_version, &g.lexicon_version));
    let bytes = g.to_file_bytes();
    let back = Graph::from_file_bytes(&bytes).expect("a written graph reads back (binary)");
    assert!(back == *g, "binary read back a different graph");
    assert_eq!(back.to_file_bytes(), bytes, "binary read back writes other bytes");
    assert_eq!(back.to_file_json(), text, "binary read back differs from JSON");
    DIR.with(|dir| {
        for name in ["g.json", "g.gkg"] {
            let p = dir.join(name);
            g.save(&p).expect("save");
            let back = Graph::load(&p).expect("load");
            assert!(back == *g, "{name}: load(save(g)) != g");
            assert_eq!(back.to_file_json(), text, "{name}: load(save(g)) writes other bytes");
        }
    });
}

/// Merging with nothing or with itself changes nothing, and keeps each document once.
fn check_merge_identities(g: &Graph) {
    let mut m = g.clone();
    m.merge(&Graph::new());
    assert_same(&m, g, "merge(g, empty) != g");
    let mut m = Graph::new();
    m.merge(g);
    assert_same(&m, g, "merge(empty, g) != g");
    let mut m = g.clone();
    m.merge(g);
    assert_same(&m, g, "merge(g, g) != g");
    assert_eq!(m.documents().len(), g.documents().len());
    let evidence = |g: &Graph| g.edges().map(|e| e.evidence.len()).sum::<usize>();
    assert_eq!(evidence(&m), evidence(g), "merge(g, g) repeats evidence");
}

/// The graph built from these documents in this order, in bulk or one by one.
fn rebuild(docs: &[Doc], bulk: bool) -> Graph {
    let mut g = Graph::new();
    let mut one = Graph::new();
    {
        let mut b = bulk.then(|| g.bulk());
        for d in docs {
            match d {
                Doc::Article(a) => {
                    let analysis = EX.with(|ex| ex.analyze(a));
                    let added = match &mut b {
                        Some(b) => b.add_analysis(a, &analysis),
                        None => one.add_analysis(a, &analysis),
                    };
                    assert_eq!(added, Added::New, "{:?} built afresh", a.id);
                }
                Doc::Events(_, evs) => {
                    for e in evs {
                        match &mut b {
                            Some(b) => b.add_event(e),
                            None => one.add_event(e),
                        }
                    }
                }
            }
        }
    }
    if bulk {
        g
    } else {
        one
    }
}

fn merged(a: &Graph, b: &Graph) -> Graph {
    let mut m = a.clone();
    m.merge(b);
    m
}

/// Splits CSV text into records of cells (quoted cells may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell) = (Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(!quoted, "CSV ends inside a quoted cell");
    assert!(cell.is_empty() && row.is_empty(), "CSV does not end with a line break");
    rows
}

fn check_csv(text: &str, records: usize, fields: usize) {
    let rows = parse_csv(text);
    assert_eq!(rows.len(), records + 1, "CSV records");
    for r in &rows {
        assert_eq!(r.len(), fields, "CSV fields in {r:?}");
        // (cells are their values, for neo4j-admin: no spreadsheet guard against formulas)
        for c in r {
            assert!(!c.chars().any(|ch| ch.is_control() && ch != '\n'), "CSV control character in {c:?}");
        }
    }
}

/// The arrows of a DOT text, outside quoted strings; and the text does not end inside one.
fn dot_arrows(dot: &str) -> usize {
    let (mut quoted, mut escaped, mut arrows, mut prev) = (false, false, 0, ' ');
    for c in dot.chars() {
        if quoted {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                quoted = false;
            } else {
                assert!(c != '\n' && c != '\r', "a line break inside a DOT string");
            }
        } else if c == '"' {
            quoted = true;
        } else if prev == '-' && c == '>' {
            arrows += 1;
        }
        prev = if quoted { ' ' } else { c };
    }
    assert!(!quoted, "DOT ends inside a string");
    arrows
}

/// Every export, well formed, with one entry per actor and relation.
fn check_exports(g: &Graph) {
    let (n, e) = (g.node_count(), g.edge_count());
    for legend in [false, true] {
        for clusters in [false, true] {
            let dot = export::to_dot_with(g, export::DotOptions { legend, clusters });
            assert!(dot.starts_with("digraph {"));
            assert_eq!(dot_arrows(&dot), e + if legend { 4 } else { 0 }, "DOT arrows");
        }
    }
    assert_eq!(export::to_dot(g), export::to_dot_with(g, export::DotOptions::default()));

    let v = export::to_json(g);
    assert_eq!(v["nodes"].as_array().map(Vec::len), Some(n));
    assert_eq!(v["edges"].as_array().map(Vec::len), Some(e));
    let text = serde_json::to_string(&v).expect("JSON");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&text).expect("node-link JSON reads back"), v);

    let v = export::to_cytoscape(g);
    assert_eq!(v["elements"]["nodes"].as_array().map(Vec::len), Some(n));
    assert_eq!(v["elements"]["edges"].as_array().map(Vec::len), Some(e));
    let text = serde_json::to_string(&v).expect("JSON");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&text).expect("Cytoscape JSON reads back"), v);

    let x = export::to_graphml(g);
    // markup only where the export puts it: the header, 2 + 15 keys + 2 around, 14 tags per node
    // (itself and 6 data), 20 per edge (itself and 9 data)
    assert_eq!(x.matches('<').count(), 1 + 2 + 15 + 2 + 14 * n + 20 * e, "GraphML markup");
    assert_eq!(x.matches("<node id=").count(), n);
    assert_eq!(x.matches("<edge id=").count(), e);
    assert!(!x.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{fffe}' || c == '\u{ffff}'));

    let x = export::to_gexf(g);
    assert!(x.starts_with("<?xml") && x.trim_end().ends_with("</gexf>"), "GEXF document");
    assert_eq!(x.matches("<node id=").count(), n);
    assert_eq!(x.matches("<edge id=").count(), e);
    assert!(!x.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{fffe}' || c == '\u{ffff}'));

    let (nodes, edges) = export::to_csv(g);
    check_csv(&nodes, n, 8);
    check_csv(&edges, e, 10);

    if n <= 12 {
        let svg = export::to_svg(g).expect("a small graph draws");
        if n == 0 {
            assert_eq!(svg, export::SVG_EMPTY);
        } else {
            assert!(svg.contains("<svg"), "not an SVG");
        }
    }
}

/// Every query, on actors of the graph and names from the input.
fn check_queries(g: &Graph, names: &[String]) {
    EX.with(|ex| check_queries_with(g, ex.lexicon(), names));
}

fn check_queries_with(g: &Graph, lex: &geokg::Lexicon, names: &[String]) {
    assert!(query::resolve(g, lex, "").is_err());
    for name in names {
        if let Ok(id) = query::resolve(g, lex, name) {
            assert!(g.node(&id).is_some(), "resolved {name:?} to {id:?}, not a node");
        }
    }
    let ids: Vec<String> = g.nodes().map(|n| n.id.clone()).take(6).collect();
    for id in &ids {
        let node = g.node(id).expect("a node");
        for name in [&node.id, &node.name].into_iter().chain(node.aliases.iter().take(2)) {
            match query::resolve(g, lex, name) {
                Ok(r) => assert!(g.node(&r).is_some()),
                Err(_) => assert!(geokg::text::name_key(name).is_empty(), "{name:?} of {id:?} not resolved"),
            }
        }
        let (out, inc) = (g.edges_of(id, Direction::Outgoing), g.edges_of(id, Direction::Incoming));
        let all = query::neighbors(g, id);
        assert_eq!(all.len(), out.len() + inc.len());
        assert!(all.iter().all(|l| l.source == *id || l.target == *id));
        let o = query::neighbors_dir(g, id, Some(Direction::Outgoing));
        assert!(o.len() == out.len() && o.iter().all(|l| l.source == *id));
        let i = query::neighbors_dir(g, id, Some(Direction::Incoming));
        assert!(i.len() == inc.len() && i.iter().all(|l| l.target == *id));
        assert_eq!(query::neighbors_dir(g, id, None), all);
        assert!(all.iter().all(|l| l.count >= 1 && g.documents().contains_key(&l.doc)));

        let report = query::actor(g, id).expect("an actor's report");
        assert_eq!(&report.node.id, id);
        assert!(report.partners.iter().all(|p| p.1 > 0.0) && report.adversaries.iter().all(|p| p.1 < 0.0));

        let mut last = BTreeSet::new();
        for depth in 0..3 {
            let ego = query::ego(g, id, depth);
            assert!(ego.contains(id) && ego.is_superset(&last));
            assert!(ego.iter().all(|m| g.node(m).is_some()));
            let sub = query::subgraph(g, &ego);
            check_invariants(&sub);
            assert!(sub.edges().all(|e| ego.contains(e.source.as_str()) && ego.contains(e.target.as_str())));
            assert_eq!(sub.documents(), g.documents());
            last = ego;
        }
    }
    for a in &ids {
        for b in ids.iter().take(3) {
            let links = query::links(g, a, b);
            assert!(links
                .iter()
                .all(|l| (l.source == *a && l.target == *b) || (l.source == *b && l.target == *a)));
            let events: usize = links.iter().map(|l| l.count).sum();
            match query::path(g, a, b) {
                Some(hops) => {
                    if a == b {
                        assert!(hops.is_empty());
                    } else {
                        assert_eq!(&hops[0].from, a);
                        assert_eq!(&hops[hops.len() - 1].to, b);
                        assert!(hops.windows(2).all(|w| w[0].to == w[1].from));
                        assert!(hops.iter().all(|h| !h.links.is_empty()));
                        if !links.is_empty() {
                            assert_eq!(hops.len(), 1, "a longer path than a direct link");
                        }
                    }
                    let back = query::path(g, b, a).expect("paths go both ways");
                    assert_eq!(back.len(), hops.len(), "shortest paths of different lengths");
                }
                None => {
                    assert!(links.is_empty() && a != b);
                    assert!(query::path(g, b, a).is_none());
                }
            }
            for by in [Period::Month, Period::Week, Period::Day] {
                let rows = query::timeline(g, a, b, by);
                assert!(rows.iter().map(|r| r.count).sum::<usize>() <= events);
                assert!(rows.iter().all(|r| r.count > 0 && r.goldstein.is_finite()));
            }
        }
    }
    for k in [0, 1, 3, 1000] {
        let (ranks, rels) = query::top(g, k);
        assert_eq!(ranks.len(), k.min(g.node_count()));
        assert_eq!(rels.len(), k.min(g.edge_count()));
        assert!(ranks.iter().all(|r| r.pagerank.is_finite() && (0.0..=1.0).contains(&r.pagerank)));
        assert!(rels.windows(2).all(|w| w[0].count >= w[1].count));
    }
    let pr = query::pagerank(g);
    assert_eq!(pr.len(), g.node_count());
    if !pr.is_empty() {
        let sum: f64 = pr.values().sum();
        assert!((sum - 1.0).abs() < 1e-6, "PageRank sums to {sum}");
    }
    for e in g.edges() {
        for ev in &e.evidence {
            if let Some(d) = ev.date.as_deref() {
                for by in [Period::Month, Period::Week, Period::Day] {
                    let _ = query::period_of(d, by);
                }
            }
        }
    }
    let all: BTreeSet<String> = g.nodes().map(|n| n.id.clone()).collect();
    assert_same(&query::subgraph(g, &all), g, "the subgraph of every actor is not the graph");
}

fn filter(inp: &mut Input, relations: &[Relation]) -> Filter {
    let mut f = Filter { since: inp.date(), until: inp.date(), ..Filter::default() };
    for _ in 0..inp.below(3) {
        let code = if inp.flag() {
            let c = &relations[inp.below(relations.len())].cameo;
            c[..2 + inp.below(c.len() - 1)].to_string()
        } else {
            inp.string(3)
        };
        f.codes.push(code);
    }
    for _ in 0..inp.below(3) {
        f.quads.push(inp.below(6) as u8);
    }
    f.min_count = inp.below(4);
    f
}

fn check_filtered(g: &Graph, f: &Filter, out: &Graph) {
    check_invariants(out);
    assert_eq!(out.documents(), g.documents());
    let window = f.since.is_some() || f.until.is_some();
    for e in out.edges() {
        assert!(f.codes.is_empty() || f.codes.iter().any(|c| e.cameo.starts_with(c.as_str())));
        assert!(f.quads.is_empty() || f.quads.contains(&e.quad));
        assert!(e.count >= f.min_count);
        let full = g.edges_of(&e.source, Direction::Outgoing);
        let full = full
            .iter()
            .find(|x| x.target == e.target && x.cameo == e.cameo)
            .expect("a filtered edge is an edge");
        assert!(e.evidence.iter().all(|ev| full.evidence.contains(ev)));
        if window {
            for ev in &e.evidence {
                let d = ev.date.as_deref().expect("a window keeps dated evidence");
                assert!(
                    f.since.as_deref().is_none_or(|s| d >= s) && f.until.as_deref().is_none_or(|u| d <= u)
                );
            }
        } else {
            assert_eq!(e.evidence.len(), full.evidence.len());
        }
    }
    if f.is_empty() {
        assert_same(out, g, "an empty filter changed the graph");
    }
}

fuzz_target!(|data: &[u8]| {
    let inp = &mut Input { data, at: 0 };
    let mut world = World {
        actors: actors(inp),
        relations: relations(inp),
        doc_dates: BTreeMap::new(),
        article_dates: BTreeMap::new(),
        shared: BTreeMap::new(),
    };
    let mut graphs = [Graph::new(), Graph::new(), Graph::new()];
    let mut models: [Model; 3] = Default::default();
    let mut names: Vec<String> = Vec::new();
    for _ in 0..24 {
        if inp.done() {
            break;
        }
        let k = inp.below(3);
        let (g, m) = (&mut graphs[k], &mut models[k]);
        match inp.below(8) {
            0 | 1 | 7 => {
                let a = world.article(inp);
                let analysis = EX.with(|ex| ex.analyze(&a));
                let expected = m.add_article(&a);
                assert_eq!(g.add_analysis(&a, &analysis), expected, "adding {:?}", a.id);
            }
            2 => {
                let mut bulk = g.bulk();
                for _ in 0..1 + inp.below(3) {
                    let a = world.article(inp);
                    let analysis = EX.with(|ex| ex.analyze(&a));
                    let expected = m.add_article(&a);
                    assert_eq!(bulk.add_analysis(&a, &analysis), expected, "adding {:?} in bulk", a.id);
                }
            }
            3 => {
                // events of a document of this graph alone
                let doc = format!("#{k}{}", inp.below(3));
                let bulk = inp.flag();
                let events: Vec<Event> = (0..1 + inp.below(3)).map(|_| world.event(inp, &doc)).collect();
                for e in &events {
                    m.add_event(e);
                }
                if bulk {
                    let mut b = g.bulk();
                    events.iter().for_each(|e| b.add_event(e));
                } else {
                    events.iter().for_each(|e| g.add_event(e));
                }
            }
            4 => {
                // a document of events that every graph has the same
                let doc = format!("#s{}", inp.below(2));
                if !world.shared.contains_key(&doc) {
                    let events = (0..1 + inp.below(4)).map(|_| world.event(inp, &doc)).collect();
                    world.shared.insert(doc.clone(), events);
                }
                if m.hash_of(&doc).is_none() {
                    let mut events = world.shared[&doc].clone();
                    let n = events.len();
                    events.rotate_left(inp.below(n));
                    for e in &events {
                        m.add_event(e);
                        g.add_event(e);
                    }
                }
            }
            5 => {
                let id = match m.docs.len() {
                    0 => inp.string(3),
                    n => m.docs[inp.below(n)].id().to_string(),
                };
                m.remove(&id);
                g.remove_document(&id);
            }
            _ => names.push(inp.string(12)),
        }
    }

    for (g, m) in graphs.iter().zip(&models) {
        check_invariants(g);
        // the graph is a function of its documents: built afresh from them, it is the same
        let fresh = rebuild(&m.docs, inp.flag());
        assert_same(&fresh, g, "the graph differs from the graph built afresh from its documents");
        let ids: BTreeSet<&str> = m.docs.iter().map(Doc::id).collect();
        assert!(g.documents().keys().map(String::as_str).eq(ids.iter().copied()), "the documents");

        check_merge_identities(g);
        let mut versioned = g.clone();
        versioned.geokg_version = inp.string(6);
        versioned.lexicon_version = inp.string(6);
        check_round_trips(&versioned);
    }

    // merging is commutative and associative
    let [a, b, c] = &graphs;
    let ab = merged(a, b);
    assert_same(&ab, &merged(b, a), "merge(a, b) != merge(b, a)");
    let abc = merged(&ab, c);
    assert_same(&abc, &merged(a, &merged(b, c)), "merge(merge(a, b), c) != merge(a, merge(b, c))");
    check_invariants(&abc);
    // and it is building from the union of the documents (a document in several graphs in the
    // version of greatest hash), but when a kept article's id is a path whose bare name is another
    // kept article's, with the same text: building renames it, merging keeps both
    let mut union: Vec<Doc> = Vec::new();
    for d in models.iter().flat_map(|m| &m.docs) {
        match union.iter_mut().find(|u| u.id() == d.id()) {
            Some(u) => {
                if doc_hash(d) > doc_hash(u) {
                    *u = d.clone();
                }
            }
            None => union.push(d.clone()),
        }
    }
    let renames = union.iter().any(|d| {
        d.id()
            .rsplit_once('/')
            .is_some_and(|(_, bare)| union.iter().any(|u| u.id() == bare && doc_hash(u) == doc_hash(d)))
    });
    if !renames {
        assert_same(
            &rebuild(&union, inp.flag()),
            &abc,
            "merge(a, b, c) differs from building from the union",
        );
    }
    check_merge_identities(&abc);
    check_round_trips(&abc);

    for g in [a, &abc] {
        names.extend(g.nodes().take(3).map(|n| n.name.clone()));
        check_exports(g);
        check_queries(g, &names);
    }

    // a filtered graph, which may be empty
    let f = filter(inp, &world.relations);
    let out = f.apply(&abc);
    check_filtered(&abc, &f, &out);
    check_round_trips(&out);
    check_merge_identities(&out);
    check_exports(&out);
    check_queries(&out, &names);
    if let Some(id) = out.nodes().next().map(|n| n.id.clone()) {
        let ego = query::subgraph(&out, &query::ego(&out, &id, 1));
        check_exports(&ego);
    };
});
