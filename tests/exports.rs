//! The graph and its exports: golden DOT and JSON for the founding example, escaping, merging.
//!
//! Regenerate the golden files after an intended change with
//! `GEOKG_UPDATE_GOLDEN=1 cargo test --test exports`, and review the diff.

use std::collections::BTreeSet;

use geokg::graph::Graph;
use geokg::model::{Actor, ActorKind};
use geokg::{Article, Event, Extractor};

fn article(path: &str, date: &str) -> Article {
    let text = std::fs::read_to_string(path).unwrap();
    let id = std::path::Path::new(path).file_stem().unwrap().to_str().unwrap();
    let mut a = Article::from_text(id, &text);
    if a.date.is_none() {
        a.date = Some(date.to_string());
    }
    a
}

fn build(articles: &[Article]) -> Graph {
    let ex = Extractor::default();
    let mut g = Graph::new();
    for a in articles {
        g.add_analysis(a, &ex.analyze(a));
    }
    g
}

fn golden(name: &str, actual: &str) {
    let path = format!("tests/golden/{name}");
    if std::env::var_os("GEOKG_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all("tests/golden").unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {path}"));
    assert_eq!(actual, expected, "{path} differs; see the module docs to regenerate it");
}

fn seed() -> Graph {
    build(&[article("examples/articles/fr_seed_khamenei_poutine.txt", "2025-06-23")])
}

#[test]
fn seed_graph_dot_is_golden() {
    golden("seed.dot", &geokg::export::to_dot(&seed()));
}

#[test]
fn seed_graph_json_is_golden() {
    let json = serde_json::to_string_pretty(&geokg::export::to_json(&seed())).unwrap() + "\n";
    golden("seed.json", &json);
}

#[test]
fn seed_graph_gexf_is_golden() {
    golden("seed.gexf", &geokg::export::to_gexf(&seed()));
}

/// Russia → France on two days (twice on the first), Russia → Ukraine on a third, and the United
/// States → Russia with no date.
fn dated() -> Graph {
    let lex = geokg::Lexicon::default();
    let country = |id: &str, name: &str, iso: &str| Actor {
        id: id.into(),
        name: name.into(),
        kind: ActorKind::Country,
        country: Some(iso.into()),
        role: None,
        operates_in: None,
    };
    let (rus, fra, ukr, usa) = (
        country("rus", "Russia", "RUS"),
        country("fra", "France", "FRA"),
        country("ukr", "Ukraine", "UKR"),
        country("usa", "United States", "USA"),
    );
    let events: Vec<Event> = [
        ("d1", Some("2022-03-01"), &rus, &fra, "111"),
        ("d2", Some("2022-03-01"), &rus, &fra, "111"),
        ("d3", Some("2022-04-02"), &rus, &fra, "111"),
        ("d4", Some("2022-02-24"), &rus, &ukr, "190"),
        ("d5", None, &usa, &rus, "111"),
    ]
    .into_iter()
    .map(|(doc, date, s, t, code)| Event {
        doc: doc.into(),
        date: date.map(Into::into),
        sentence: 0,
        span: [0, 10],
        text: format!("{} and {} ({doc}).", s.name, t.name),
        source: s.clone(),
        target: t.clone(),
        relation: lex.cameo().relation(code).unwrap(),
        trigger: "x".into(),
        negated: false,
        confidence: 0.8,
    })
    .collect();
    Graph::from_events(&events)
}

/// Every day with evidence is a point spell of its relation, an actor has the days of its
/// relations (none when one of them is undated: Gephi then shows it at every time), and label,
/// weight and kind are where Gephi reads them.
#[test]
fn gexf_dates_every_event_as_a_spell() {
    let gexf = geokg::export::to_gexf(&dated());
    golden("dated.gexf", &gexf);
    let element = |open: &str| -> String {
        let start = gexf.find(open).unwrap_or_else(|| panic!("{open} missing:\n{gexf}"));
        let end = gexf[start..].find(if open.starts_with("<node") { "</node>" } else { "</edge>" }).unwrap();
        gexf[start..start + end].to_string()
    };
    let spells = |el: &str| -> Vec<String> {
        el.lines().filter(|l| l.contains("<spell ")).map(|l| l.trim().to_string()).collect()
    };
    let rus_fra = element(
        r#"<edge id="e0" source="rus" target="fra" kind="111" label="criticize or denounce" weight="3">"#,
    );
    assert_eq!(
        spells(&rus_fra),
        [
            r#"<spell start="2022-03-01" end="2022-03-01"/>"#,
            r#"<spell start="2022-04-02" end="2022-04-02"/>"#
        ]
    );
    let rus_ukr = element(
        r#"<edge id="e1" source="rus" target="ukr" kind="190" label="use conventional military force" weight="1">"#,
    );
    assert_eq!(spells(&rus_ukr), [r#"<spell start="2022-02-24" end="2022-02-24"/>"#]);
    assert_eq!(spells(&element(r#"<edge id="e2" source="usa" target="rus""#)), Vec::<String>::new());
    assert_eq!(
        spells(&element(r#"<node id="fra" label="France">"#)),
        [
            r#"<spell start="2022-03-01" end="2022-03-01"/>"#,
            r#"<spell start="2022-04-02" end="2022-04-02"/>"#
        ]
    );
    assert_eq!(spells(&element(r#"<node id="ukr" label="Ukraine">"#)).len(), 1);
    assert_eq!(spells(&element(r#"<node id="rus" label="Russia">"#)), Vec::<String>::new());
    assert_eq!(spells(&element(r#"<node id="usa" label="United States">"#)), Vec::<String>::new());
}

/// GraphML carries `label` and `weight`, the keys Gephi reads as labels and edge weights.
#[test]
fn graphml_has_gephi_label_and_weight() {
    let xml = geokg::export::to_graphml(&dated());
    assert!(xml.contains(r#"<key id="node_label" for="node" attr.name="label" attr.type="string"/>"#));
    assert!(xml.contains(r#"<key id="edge_weight" for="edge" attr.name="weight" attr.type="double"/>"#));
    assert!(
        xml.contains("<node id=\"usa\">\n      <data key=\"node_label\">United States</data>\n"),
        "{xml}"
    );
    let rus_fra = &xml[xml.find("source=\"rus\" target=\"fra\"").unwrap()..];
    assert!(rus_fra.contains("<data key=\"edge_label\">criticize or denounce</data>"));
    assert!(rus_fra.contains("<data key=\"edge_weight\">3</data>"));
}

/// The Neo4j files: aliases as a `string[]`, typed dates, CAMEO codes as strings with their
/// leading zero (023, 042), no spreadsheet quote prefix.
#[test]
fn seed_graph_csv_is_golden() {
    let (nodes, edges) = geokg::export::to_csv(&seed());
    golden("seed.nodes.csv", &nodes);
    golden("seed.edges.csv", &edges);
    assert!(nodes.starts_with("id:ID,name,kind,country,role,aliases:string[],mentions:long,:LABEL\n"));
    assert!(nodes.contains(
        "\nvladimir-putin,Vladimir Putin,person,RUS,GOV,Poutine;Vladimir Poutine;président russe Vladimir Poutine,4,Actor;Person\n"
    ));
    assert!(edges.starts_with(
        ":START_ID,:END_ID,:TYPE,cameo:string,label,quad:int,goldstein:double,count:long,first_date:date,last_date:date\n"
    ));
    assert!(edges
        .contains("\nali-khamenei,vladimir-putin,QUAD1,023,appeal for aid,1,3.4,1,2025-06-23,2025-06-23\n"));
}

/// A formula-like name is written as it is (Neo4j would keep a `'` prefix as data), a `;` in an
/// alias cannot split the array, and an undated relation has empty date cells.
#[test]
fn csv_cells_are_the_values_neo4j_reads() {
    let (_, edges) = geokg::export::to_csv(&dated());
    assert_eq!(
        edges.lines().skip(1).collect::<Vec<_>>(),
        [
            "rus,fra,QUAD3,111,criticize or denounce,3,-2,3,2022-03-01,2022-04-02",
            "rus,ukr,QUAD4,190,use conventional military force,4,-10,1,2022-02-24,2022-02-24",
            "usa,rus,QUAD3,111,criticize or denounce,3,-2,1,,",
        ]
    );
    assert_eq!(geokg::export::csv_cell("=SUM(A1)"), "=SUM(A1)");
    assert_eq!(geokg::export::csv_cell("-Hamas, \"x\""), "\"-Hamas, \"\"x\"\"\"");
    assert_eq!(geokg::export::csv_array(["a;b", "c"]), "\"a,b;c\"");
}

/// CAMEO codes keep their leading zero in every table format: strings, never numbers.
#[test]
fn cameo_codes_keep_their_leading_zero_everywhere() {
    let g = seed();
    let graphml = geokg::export::to_graphml(&g);
    assert!(graphml.contains(r#"<key id="edge_cameo" for="edge" attr.name="cameo" attr.type="string"/>"#));
    assert!(graphml.contains("<data key=\"edge_cameo\">023</data>"));
    let gexf = geokg::export::to_gexf(&g);
    assert!(gexf.contains(r#"<attribute id="0" title="cameo" type="string"/>"#));
    assert!(gexf.contains(r#"kind="023" label="appeal for aid""#));
    assert!(gexf.contains(r#"<attvalue for="0" value="023"/>"#));
    let json = geokg::export::to_json(&g);
    assert!(json["edges"].as_array().unwrap().iter().any(|e| e["cameo"] == "023" && e["key"] == "023"));
    let cy = geokg::export::to_cytoscape(&g);
    assert!(cy["elements"]["edges"].as_array().unwrap().iter().any(|e| e["data"]["cameo"] == "042"));
    let (_, edges) = geokg::export::to_csv(&g);
    assert!(edges.contains(",QUAD1,042,make a visit,"));
}

/// GraphML keeps every piece of evidence of a relation, as a JSON array.
#[test]
fn graphml_keeps_every_evidence() {
    let g = dated();
    let xml = geokg::export::to_graphml(&g);
    let rus_fra = &xml[xml.find("source=\"rus\" target=\"fra\"").unwrap()..];
    let start = rus_fra.find("<data key=\"edge_evidence\">").unwrap() + "<data key=\"edge_evidence\">".len();
    let end = rus_fra.find("</data>\n    </edge>").unwrap();
    let json = rus_fra[start..end].replace("&quot;", "\"");
    let evidence: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        evidence,
        serde_json::json!([
            {"date": "2022-03-01", "doc": "d1", "sentence": 0, "span": [0, 10], "text": "Russia and France (d1).", "trigger": "x", "confidence": 0.8},
            {"date": "2022-03-01", "doc": "d2", "sentence": 0, "span": [0, 10], "text": "Russia and France (d2).", "trigger": "x", "confidence": 0.8},
            {"date": "2022-04-02", "doc": "d3", "sentence": 0, "span": [0, 10], "text": "Russia and France (d3).", "trigger": "x", "confidence": 0.8},
        ])
    );
}

#[test]
fn seed_graph_aggregates_repeated_relations() {
    let g = seed();
    let usa_irn: Vec<_> = g.edges().filter(|e| e.source == "usa" && e.target == "irn").collect();
    assert_eq!(usa_irn.len(), 1);
    assert_eq!(usa_irn[0].cameo, "190");
    assert_eq!(usa_irn[0].count, 2);
    assert_eq!(usa_irn[0].evidence.iter().map(|e| e.sentence).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(usa_irn[0].first_date.as_deref(), Some("2025-06-23"));
    let putin = g.node("vladimir-putin").unwrap();
    assert_eq!(putin.kind, ActorKind::Person);
    assert_eq!(putin.country.as_deref(), Some("RUS"));
    assert!(putin.aliases.contains("Poutine"), "{:?}", putin.aliases);
}

#[test]
fn graph_file_round_trips() {
    let g = seed();
    let back = Graph::from_file_json(&g.to_file_json()).unwrap();
    assert_eq!(back, g);
    assert_eq!(back.to_file_json(), g.to_file_json());
}

#[test]
fn merging_is_building_from_both_inputs() {
    let a = article("examples/articles/fr_seed_khamenei_poutine.txt", "2025-06-23");
    let b = article("examples/articles/en_0040_hizballah-rocket-attacks-into-israel.txt", "2021-08-06");
    let c = article("examples/articles/en_0021_war-crimes-russias-forces-ukraine.txt", "2022-03-23");
    let whole = build(&[a.clone(), b.clone(), c.clone()]);
    let mut ab = build(std::slice::from_ref(&a));
    ab.merge(&build(std::slice::from_ref(&b)));
    ab.merge(&build(std::slice::from_ref(&c)));
    assert_eq!(ab, whole);
    let mut ba = build(std::slice::from_ref(&c));
    ba.merge(&build(&[b, a]));
    assert_eq!(ba, whole);
    assert!(whole.edge_count() > 12);
}

fn actor(id: &str, name: &str) -> Actor {
    Actor {
        id: id.into(),
        name: name.into(),
        kind: ActorKind::Organization,
        country: None,
        role: None,
        operates_in: None,
    }
}

#[test]
fn dot_escapes_hostile_labels() {
    let lex = geokg::Lexicon::default();
    let e = Event {
        doc: "d".into(),
        date: None,
        sentence: 0,
        span: [0, 1],
        text: "x".into(),
        source: actor("a", "Le \"Parti\" \\ de l'Ordre\nnouveau » ok"),
        target: actor("b", "حزب الله «Hezbollah»"),
        relation: lex.cameo().relation("111").unwrap(),
        trigger: "x".into(),
        negated: false,
        confidence: 0.5,
    };
    let dot = geokg::export::to_dot(&Graph::from_events([&e]));
    assert!(
        dot.contains(r#"n0 [label="Le \"Parti\" \\ de l'Ordre\nnouveau » ok", tooltip="a [organization]"];"#),
        "{dot}"
    );
    assert!(dot.contains(r#"n1 [label="حزب الله «Hezbollah»", tooltip="b [organization]"];"#), "{dot}");
    assert!(dot.contains("n0 -> n1 [label=\"111 criticize or denounce\""), "{dot}");
    // every line of the body is a complete statement: no label broke out of its quotes
    let quotes: usize = dot.lines().map(|l| l.matches('"').count() - l.matches("\\\"").count()).sum();
    assert_eq!(quotes % 2, 0);
}

#[test]
fn json_export_is_node_link() {
    let v = geokg::export::to_json(&seed());
    assert_eq!(v["directed"], true);
    assert_eq!(v["multigraph"], true);
    // networkx 3.6's default node_link_graph(d) reads "edges"; no second copy under "links"
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["directed", "edges", "graph", "multigraph", "nodes"]);
    assert_eq!(v["edges"].as_array().unwrap().len(), seed().edge_count());
    let ids: BTreeSet<&str> =
        v["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    for l in v["edges"].as_array().unwrap() {
        assert!(ids.contains(l["source"].as_str().unwrap()));
        assert!(ids.contains(l["target"].as_str().unwrap()));
        assert_eq!(l["key"], l["cameo"]);
    }
}

/// `examples/output/` shows what `geokg extract --format table` and the JSON Lines give on one
/// French and one English example article; this test keeps them current.
#[test]
fn example_outputs_are_current() {
    let ex = Extractor::default();
    for (file, date) in [
        ("fr_seed_khamenei_poutine", "2025-06-23"),
        ("en_0040_hizballah-rocket-attacks-into-israel", "2021-08-06"),
    ] {
        let a = article(&format!("examples/articles/{file}.txt"), date);
        let mut jsonl = String::new();
        for e in ex.extract(&a) {
            jsonl.push_str(&serde_json::to_string(&e).unwrap());
            jsonl.push('\n');
        }
        let path = format!("examples/output/{file}.jsonl");
        if std::env::var_os("GEOKG_UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all("examples/output").unwrap();
            std::fs::write(&path, &jsonl).unwrap();
        }
        assert_eq!(jsonl, std::fs::read_to_string(&path).unwrap(), "{path} differs; regenerate it");
    }
}

/// The README shows the diagram of the founding example: this test keeps it current.
#[cfg(feature = "svg")]
#[test]
fn readme_diagram_is_current() {
    // the layout engine places things differently from run to run: compare what is written
    fn texts(svg: &str) -> Vec<String> {
        let mut v: Vec<String> = svg
            .split("<tspan")
            .skip(1)
            .filter_map(|t| {
                t.split_once('>').and_then(|(_, rest)| rest.split_once('<')).map(|(text, _)| text.to_string())
            })
            .collect();
        v.sort();
        v
    }
    let svg = geokg::export::to_svg(&seed()).unwrap();
    let path = "examples/output/fr_seed_khamenei_poutine.svg";
    if std::env::var_os("GEOKG_UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &svg).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap();
    assert_eq!(texts(&svg), texts(&committed), "{path} is stale; regenerate it");
    assert!(texts(&svg).contains(&"023 appeal for aid".to_string()), "{:?}", texts(&svg));
    assert!(texts(&svg).contains(&"Vladimir Putin".to_string()));
}

/// An empty graph, or a graph the filters emptied, draws as a picture saying so (the layout engine
/// panicked on it, exit 101).
#[cfg(feature = "svg")]
#[test]
fn svg_of_an_empty_graph_is_a_picture_saying_so() {
    assert_eq!(geokg::export::to_svg(&Graph::new()).unwrap(), geokg::export::SVG_EMPTY);
    let none = seed().filtered(|_| false, |_| true);
    assert_eq!(none.node_count(), 0);
    assert_eq!(geokg::export::to_svg(&none).unwrap(), geokg::export::SVG_EMPTY);
    assert!(geokg::export::SVG_EMPTY.contains(">no relations to draw</text></svg>"));
}
