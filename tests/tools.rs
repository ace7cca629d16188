//! The exports, read back by the real tools that consume them: Graphviz reads the DOT, networkx
//! reads the node-link JSON and the GraphML, Python's csv module reads the CSV.
//!
//! When a tool is missing the test says so and passes, unless `GEOKG_REQUIRE_TOOLS=1` (set by
//! `.ci/run`, which installs them), where a missing tool is a failure.

use std::io::Write;
use std::process::{Command, Stdio};

use geokg::graph::Graph;
use geokg::model::{Actor, ActorKind, Event};
use geokg::{Article, Extractor, Lexicon};

fn available(cmd: &str, arg: &str) -> bool {
    let ok = Command::new(cmd).arg(arg).output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("GEOKG_REQUIRE_TOOLS").is_none(), "{cmd} is required but missing");
        eprintln!("skipped: {cmd} is not installed");
    }
    ok
}

fn run(cmd: &str, args: &[&str], input: &str) -> (bool, String, String) {
    let mut child = Command::new(cmd)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn actor(id: &str, name: &str, country: Option<&str>) -> Actor {
    Actor {
        id: id.into(),
        name: name.into(),
        kind: if country.is_some() { ActorKind::Person } else { ActorKind::Organization },
        country: country.map(Into::into),
        role: None,
        operates_in: None,
    }
}

/// A graph whose names try every way out of a label: quotes, backslashes, « », line breaks,
/// HTML, spreadsheet formulas, non-Latin scripts, right-to-left text.
fn hostile() -> Graph {
    let lex = Lexicon::default();
    let names = [
        ("a", "Le \"Parti\" \\ de l'Ordre\nnouveau", Some("FRA")),
        ("b", "حزب الله «Hezbollah»", Some("LBN")),
        ("c", "=HYPERLINK(\"http://x\",\"y\")", None),
        ("d", "<b>Bold</b> & 'quoted'", Some("FRA")),
        ("e", "Зеленский 😀 \u{202e}txet\u{202c}", None),
    ];
    let mut events = Vec::new();
    for (k, w) in names.windows(2).enumerate() {
        events.push(Event {
            doc: format!("doc-{k}"),
            date: Some("2022-03-01".into()),
            sentence: 0,
            span: [0, 1],
            text: "a \"sentence\" with\nbreaks, commas; and =formulas".into(),
            source: actor(w[0].0, w[0].1, w[0].2),
            target: actor(w[1].0, w[1].1, w[1].2),
            relation: lex.cameo().relation(["111", "190", "051", "020"][k]).unwrap(),
            trigger: "x".into(),
            negated: false,
            confidence: 0.5,
        });
    }
    Graph::from_events(&events)
}

fn seed() -> Graph {
    let text = std::fs::read_to_string("examples/articles/fr_seed_khamenei_poutine.txt").unwrap();
    let mut a = Article::from_text("fr_seed_khamenei_poutine", &text);
    a.date = Some("2025-06-23".into());
    let ex = Extractor::default();
    let mut g = Graph::new();
    g.add_analysis(&a, &ex.analyze(&a));
    g
}

#[test]
fn graphviz_reads_the_dot() {
    if !available("dot", "-V") {
        return;
    }
    for g in [hostile(), seed()] {
        for options in
            [geokg::export::DotOptions::default(), geokg::export::DotOptions { legend: true, clusters: true }]
        {
            let dot = geokg::export::to_dot_with(&g, options);
            let (ok, svg, err) = run("dot", &["-Tsvg"], &dot);
            assert!(ok, "dot rejected:\n{dot}\n{err}");
            assert!(svg.contains("<svg"), "{svg}");
            // every actor is drawn, with its name intact
            for n in g.nodes() {
                let first = n.name.split(['\n', '"', '<', '&', '\\']).next().unwrap_or("");
                if !first.is_empty() {
                    assert!(svg.contains(first.trim()), "{first:?} missing from the drawing");
                }
            }
        }
    }
}

const CHECK: &str = r#"
import csv, io, json, sys
import networkx as nx
kind, path = sys.argv[1], sys.argv[2]
if kind == "json":
    data = json.load(open(path, encoding="utf-8"))
    g = nx.node_link_graph(data)  # the default call, as a user writes it
    print(g.is_directed(), g.is_multigraph(), g.number_of_nodes(), g.number_of_edges())
    print(sorted(g.nodes[n]["name"] for n in g.nodes)[0])
elif kind == "graphml":
    g = nx.read_graphml(path)
    print(g.is_directed(), g.number_of_nodes(), g.number_of_edges())
    e = next(iter(g.edges(data=True)))[2]
    print(type(e["quad"]).__name__, type(e["goldstein"]).__name__, type(e["count"]).__name__)
    print(sorted(g.nodes[n]["name"] for n in g.nodes)[0])
elif kind == "gexf":
    g = nx.read_gexf(path)
    print(g.is_directed(), g.is_multigraph(), g.number_of_nodes(), g.number_of_edges(), g.graph["mode"])
    for u, v, d in sorted(g.edges(data=True), key=lambda e: e[2]["id"]):
        print(u, v, d["id"], repr(d["label"]), d["weight"], repr(d["cameo"]), type(d["quad"]).__name__,
              type(d["goldstein"]).__name__, d.get("spells"))
    for n in sorted(g.nodes):
        print(n, repr(g.nodes[n]["label"]), type(g.nodes[n]["mentions"]).__name__, g.nodes[n].get("spells"))
elif kind == "cytoscape":
    g = nx.cytoscape_graph(json.load(open(path, encoding="utf-8")))
    print(g.is_directed(), g.is_multigraph(), g.number_of_nodes(), g.number_of_edges())
elif kind == "graphml-gephi":
    g = nx.read_graphml(path)
    for n in sorted(g.nodes):
        print(n, repr(g.nodes[n]["label"]))
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["cameo"])):
        print(u, v, repr(d["label"]), d["weight"])
elif kind == "names":
    g = nx.read_graphml(path)
    names = [g.nodes[n]["name"] for n in g.nodes]
    names += [ev["text"] for _, _, d in g.edges(data=True) for ev in json.loads(d["evidence"])]
    print(json.dumps(names))
elif kind == "csv":
    print(json.dumps(list(csv.reader(open(path, encoding="utf-8", newline="")))))
"#;

fn python(kind: &str, content: &str) -> String {
    // a folder per call: tests run in parallel, some with the same kind
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("geokg-tools-{}-{kind}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (script, data) = (dir.join("check.py"), dir.join(format!("data.{kind}")));
    std::fs::write(&script, CHECK).unwrap();
    std::fs::write(&data, content).unwrap();
    // warnings are errors: a FutureWarning (a default about to change) fails the check
    let o = Command::new("python3").args(["-W", "error"]).arg(&script).arg(kind).arg(&data).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(o.status.success(), "python: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// networkx 3.6 or later (the first whose default `node_link_graph(d)` reads `edges`).
fn networkx() -> bool {
    let version =
        "import networkx, sys; sys.exit(tuple(map(int, networkx.__version__.split('.')[:2])) < (3, 6))";
    let ok = Command::new("python3").args(["-c", version]).output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("GEOKG_REQUIRE_TOOLS").is_none(), "networkx >= 3.6 is required but missing");
        eprintln!("skipped: networkx 3.6 or later is not installed");
    }
    ok
}

#[test]
fn networkx_reads_the_node_link_json_and_the_graphml() {
    if !networkx() {
        return;
    }
    let g = hostile();
    let json = serde_json::to_string(&geokg::export::to_json(&g)).unwrap();
    assert_eq!(python("json", &json), "True True 5 4\n<b>Bold</b> & 'quoted'\n");
    let graphml = geokg::export::to_graphml(&g);
    assert_eq!(python("graphml", &graphml), "True 5 4\nint float int\n<b>Bold</b> & 'quoted'\n");
    let cy = serde_json::to_string(&geokg::export::to_cytoscape(&g)).unwrap();
    assert_eq!(python("cytoscape", &cy), "True True 5 4\n");
    let s = seed();
    let out = python("graphml", &geokg::export::to_graphml(&s));
    assert!(out.starts_with(&format!("True {} {}\n", s.node_count(), s.edge_count())), "{out}");
}

/// Russia → France twice on 2022-03-01 and once on 2022-04-02 (criticism), and once with force
/// on 2022-04-02; France → Russia with no date.
fn dated() -> Graph {
    let lex = Lexicon::default();
    let (rus, fra) = (actor("rus", "Russia", Some("RUS")), actor("fra", "France", Some("FRA")));
    let events: Vec<Event> = [
        ("d1", Some("2022-03-01"), &rus, &fra, "111"),
        ("d2", Some("2022-03-01"), &rus, &fra, "111"),
        ("d3", Some("2022-04-02"), &rus, &fra, "111"),
        ("d3", Some("2022-04-02"), &rus, &fra, "190"),
        ("d4", None, &fra, &rus, "111"),
    ]
    .into_iter()
    .map(|(doc, date, s, t, code)| Event {
        doc: doc.into(),
        date: date.map(Into::into),
        sentence: 0,
        span: [0, 1],
        text: format!("{} {code} {}", s.name, t.name),
        source: s.clone(),
        target: t.clone(),
        relation: lex.cameo().relation(code).unwrap(),
        trigger: "x".into(),
        negated: false,
        confidence: 0.5,
    })
    .collect();
    Graph::from_events(&events)
}

/// networkx reads the GEXF as a directed multigraph (parallel relations of different codes kept),
/// with Gephi's label and weight, typed attributes, and every day with evidence as a spell.
#[test]
fn networkx_reads_the_gexf_with_its_spells() {
    if !networkx() {
        return;
    }
    assert_eq!(
        python("gexf", &geokg::export::to_gexf(&dated())),
        concat!(
            "True True 2 3 dynamic\n",
            "fra rus e0 'criticize or denounce' 1.0 '111' int float None\n",
            "rus fra e1 'criticize or denounce' 3.0 '111' int float [('2022-03-01', '2022-03-01'), ('2022-04-02', '2022-04-02')]\n",
            "rus fra e2 'use conventional military force' 1.0 '190' int float [('2022-04-02', '2022-04-02')]\n",
            "fra 'France' int None\n",
            "rus 'Russia' int None\n",
        )
    );
    let g = hostile();
    let out = python("gexf", &geokg::export::to_gexf(&g));
    assert!(out.starts_with("True False 5 4 dynamic\n"), "{out}");
    assert!(out.contains("c '=HYPERLINK(\"http://x\",\"y\")' int [('2022-03-01', '2022-03-01')]\n"), "{out}");
    assert!(out.contains("a 'Le \"Parti\" \\\\ de l\\'Ordre\\nnouveau' int"), "{out}");
    let s = seed();
    let out = python("gexf", &geokg::export::to_gexf(&s));
    assert!(out.starts_with(&format!("True True {} {} dynamic\n", s.node_count(), s.edge_count())), "{out}");
    assert!(out.contains(" 'appeal for aid' 1.0 '023' int float [('2025-06-23', '2025-06-23')]\n"), "{out}");
}

/// networkx reads GraphML's `label` and `weight` (a float), the keys Gephi uses.
#[test]
fn networkx_reads_graphml_label_and_weight() {
    if !networkx() {
        return;
    }
    assert_eq!(
        python("graphml-gephi", &geokg::export::to_graphml(&dated())),
        concat!(
            "fra 'France'\n",
            "rus 'Russia'\n",
            "fra rus 'criticize or denounce' 1.0\n",
            "rus fra 'criticize or denounce' 3.0\n",
            "rus fra 'use conventional military force' 1.0\n",
        )
    );
}

/// Python's csv module reads every cell of the Neo4j files back as the value itself: formula-like
/// names without a quote prefix, codes with their leading zero, aliases as one `;`-joined cell.
#[test]
fn csv_cells_read_back_exactly() {
    if !networkx() {
        return;
    }
    let (nodes, edges) = geokg::export::to_csv(&hostile());
    let rows = |file: &str| -> Vec<Vec<String>> { serde_json::from_str(&python("csv", file)).unwrap() };
    let nodes = rows(&nodes);
    assert_eq!(nodes.len(), 6);
    assert!(nodes.iter().all(|r| r.len() == 8), "{nodes:?}");
    let names: Vec<&str> = nodes[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        names,
        [
            "Le \"Parti\" \\ de l'Ordre\nnouveau",
            "حزب الله «Hezbollah»",
            "=HYPERLINK(\"http://x\",\"y\")",
            "<b>Bold</b> & 'quoted'",
            "Зеленский 😀 \u{202e}txet\u{202c}",
        ]
    );
    let edges = rows(&edges);
    let codes: Vec<&str> = edges[1..].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(codes, ["111", "190", "051", "020"]);
    assert_eq!(edges[1][8..], ["2022-03-01", "2022-03-01"]);
    let seed = rows(&geokg::export::to_csv(&seed()).0);
    let putin = seed.iter().find(|r| r[0] == "vladimir-putin").unwrap();
    assert_eq!(
        putin[5].split(';').collect::<Vec<_>>(),
        ["Poutine", "Vladimir Poutine", "président russe Vladimir Poutine"]
    );
}

/// Strings made by proptest from the characters that break fields (quotes, backslashes, line
/// breaks, markup, formulas, controls, bidi, noncharacters) and any others; the same every run.
fn hostile_strings(n: usize) -> Vec<String> {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    let chars = prop_oneof![
        3 => prop::sample::select(vec![
            '"', '\\', '\n', '\r', '\t', '\0', '\u{1b}', '\u{9b}', '<', '>', '&', '\'', '=', '+', '-', '@',
            '{', '}', '[', ']', ';', ',', '\u{202e}', '\u{fffe}', '\u{ffff}', 'ا', '😀', 'a', ' ', 'N', 'l',
        ]),
        1 => any::<char>(),
    ];
    let strings = prop::collection::vec(chars, 1..20).prop_map(|v| v.into_iter().collect::<String>());
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    (0..n).map(|_| strings.new_tree(&mut runner).unwrap().current()).collect()
}

/// A chain of actors named by the strings: `h0 → h1 → …`.
fn chain(names: &[String]) -> Graph {
    let lex = Lexicon::default();
    let events: Vec<Event> = names
        .windows(2)
        .enumerate()
        .map(|(k, w)| Event {
            doc: format!("doc-{k}"),
            date: None,
            sentence: 0,
            span: [0, 1],
            text: w[0].clone(),
            source: actor(&format!("h{k}"), &w[0], None),
            target: actor(&format!("h{}", k + 1), &w[1], None),
            relation: lex.cameo().relation("111").unwrap(),
            trigger: "x".into(),
            negated: false,
            confidence: 0.5,
        })
        .collect();
    Graph::from_events(&events)
}

/// Graphviz reads back every hostile label exactly as written: nothing broke out of its quotes.
#[test]
fn graphviz_reads_hostile_labels_exactly() {
    if !available("dot", "-V") {
        return;
    }
    let names = hostile_strings(80);
    let g = chain(&names);
    let dot = geokg::export::to_dot(&g);
    let (ok, json, err) = run("dot", &["-Tjson"], &dot);
    assert!(ok, "dot rejected:\n{dot}\n{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let labels: std::collections::BTreeMap<String, String> = v["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| Some((o["tooltip"].as_str()?.to_string(), o["label"].as_str()?.to_string())))
        .collect();
    assert_eq!(labels.len(), g.node_count());
    for n in g.nodes() {
        // Graphviz' lexer turns \" into "; the label keeps the other escapes for drawing
        let mut expected = String::new();
        let escaped = geokg::export::escape_dot(&n.name);
        let mut chars = escaped.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('"') => expected.push('"'),
                    Some(d) => {
                        expected.push('\\');
                        expected.push(d);
                    }
                    None => expected.push('\\'),
                },
                _ => expected.push(c),
            }
        }
        let tooltip = format!("{} [organization]", n.id);
        assert_eq!(labels.get(&tooltip), Some(&expected), "{:?}", n.name);
    }
}

/// networkx reads back every hostile name and evidence exactly from the GraphML, but for the
/// characters XML 1.0 cannot carry (controls, U+FFFE, U+FFFF), which are dropped (in evidence,
/// JSON-escaped, the C0 controls are kept).
#[test]
fn networkx_reads_hostile_graphml_exactly() {
    if !networkx() {
        return;
    }
    let names = hostile_strings(80);
    let g = chain(&names);
    let out = python("names", &geokg::export::to_graphml(&g));
    let read: Vec<String> = serde_json::from_str(&out).unwrap();
    let xml = |s: &str| -> String {
        s.chars()
            .filter(|&c| {
                matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || c == '\u{fffe}' || c == '\u{ffff}')
            })
            .collect()
    };
    let mut expected: Vec<String> = g.nodes().map(|n| xml(&n.name)).collect();
    // evidence is JSON inside the XML: JSON escapes the C0 controls, and only the others go
    let json = |s: &str| -> String {
        s.chars().filter(|&c| c < ' ' || !(c.is_control() || c == '\u{fffe}' || c == '\u{ffff}')).collect()
    };
    expected.extend(g.edges().flat_map(|e| e.evidence.iter().map(|ev| json(&ev.text))));
    assert_eq!(read, expected);
}
