//! No input makes the extraction panic: word salads built from the tokens that the stages treat
//! specially (pronouns, roles, names, triggers, punctuation, elisions, hyphens, quotes).

use geokg::{Article, Extractor, Graph, Lang};

const PIECES: &[&str] = &[
    "We",
    "we",
    ",",
    ".",
    "the",
    "G7",
    "il",
    "elle",
    "ils",
    "Ce",
    "dernier",
    "lui",
    "leur",
    "a",
    "à",
    "de",
    "l’",
    "d'",
    "qu’",
    "Russie",
    "Russia",
    "russe",
    "président",
    "président russe",
    "ministre",
    "des Affaires étrangères",
    "Moscou",
    "à Moscou",
    "Poutine",
    "Trump",
    "condamné",
    "condemned",
    "was",
    "été",
    "par",
    "by",
    "frappes",
    "strikes",
    "on",
    "sur",
    "and",
    "et",
    "«",
    "»",
    "(",
    ")",
    ":",
    ";",
    "n'",
    "pas",
    "not",
    "would",
    "must",
    "doit",
    "'s",
    "’s",
    "-",
    "—",
    "U.S.",
    "ONU",
    "UN",
    "1 000",
    "3.5",
    "\n",
    "\n\n",
    "Ils ont signé",
    "signed",
    "with",
    "avec",
    "qui",
    "who",
    "that",
    "que",
    "M.",
    "Dr.",
    "Tel-Aviv",
    "a-t-il",
    "déclaré",
    "l'accord de Paris",
    "é",
    "\u{feff}",
    "\r\n",
    "حزب الله",
    "Зеленский",
    "😀",
    "  ",
    "\t",
    "Ambassador",
    "to the UN",
];

#[test]
fn word_salads_do_not_panic() {
    let ex = Extractor::default();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut graph = Graph::new();
    let mut events = 0;
    for n in 0..10_000 {
        let len = next() % 40;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(PIECES[next() % PIECES.len()]);
            if next() % 3 > 0 {
                text.push(' ');
            }
        }
        let mut a = Article::from_text(&format!("salad-{n}"), &text);
        a.lang = if n % 2 == 0 { Lang::Fr } else { Lang::En };
        let analysis = ex.analyze(&a);
        for e in &analysis.events {
            assert!(e.span[0] <= e.span[1] && e.span[1] <= a.text.len());
            assert_eq!(&a.text[e.span[0]..e.span[1]], e.text);
            assert_ne!(e.source.id, e.target.id);
        }
        events += analysis.events.len();
        graph.add_analysis(&a, &analysis);
    }
    assert!(events > 0, "the salads should trigger some events");
    let back = Graph::from_file_json(&graph.to_file_json()).unwrap();
    assert_eq!(back, graph);
    let _ = geokg::export::to_dot(&graph);
}

#[test]
fn empty_and_degenerate_articles() {
    let ex = Extractor::default();
    for text in ["", " ", "\n\n\n", ".", "«»", "\u{feff}", "-", "'", "’s", "a-", "-a", "..."] {
        let a = Article::from_text("x", text);
        assert!(ex.extract(&a).is_empty(), "{text:?}");
    }
}

/// Pathological inputs stay within bounded work per sentence: a text with no full stop is cut into
/// sentences of at most `MAX_SENTENCE_TOKENS` tokens, so that finding arguments (which looks
/// around each trigger in its sentence) costs the same for each piece.
#[test]
fn no_punctuation_and_thousands_of_actors_stay_bounded() {
    let ex = Extractor::default();
    let words = [
        "la",
        "Russie",
        "a",
        "condamné",
        "les",
        "frappes",
        "israéliennes",
        "contre",
        "l'Iran",
        "et",
        "il",
        "Moscou",
    ];
    let text: String = (0..60_000).map(|i| words[i * 7 % words.len()]).collect::<Vec<_>>().join(" ");
    let a = Article::from_text("flat", &format!("Titre\n{text}\n"));
    let analysis = ex.analyze(&a);
    assert!(analysis.sentences.len() >= 60_000 / geokg::segment::MAX_SENTENCE_TOKENS);
    assert!(analysis.sentences.iter().all(|s| s.tokens.len() <= geokg::segment::MAX_SENTENCE_TOKENS));
    let states =
        ["la Russie", "la Chine", "l'Iran", "la France", "l'Allemagne", "le Japon", "l'Inde", "le Brésil"];
    let many: String = (0..5_000).map(|i| states[i % states.len()]).collect::<Vec<_>>().join(", ");
    let a = Article::from_text("many", &format!("Titre\n{many} et la Turquie ont condamné Israël.\n"));
    let analysis = ex.analyze(&a);
    // each piece codes at most its own actors against Israel: no blow-up in pairs
    assert!(analysis.events.len() <= states.len() + 1, "{}", analysis.events.len());
}

/// Reproducers found by the fuzzers (`scripts/fuzz.sh`), kept as regression tests.
#[test]
fn fuzz_reproducers() {
    // graph_bin: an edge with no evidence and a NaN Goldstein value loaded, and then did not
    // equal itself; such edges are now refused
    let data = std::fs::read("tests/regressions/graph_bin-empty-edge-nan-goldstein.bin").unwrap();
    let mut bytes = geokg::graph::BINARY_MAGIC.to_vec();
    bytes.extend_from_slice(&data);
    // (the reproducer was written in format 2; read as format 3, with one more field per node, its
    // names shift, but its edge is still the one with no evidence)
    let err = geokg::Graph::from_file_bytes(&bytes).unwrap_err().to_string();
    assert!(err.starts_with("edge \u{1} -> ") && err.ends_with("): no evidence"), "{err:?}");
    // every reproducer of the graph_bin target loads to an error or to a graph equal to itself
    for entry in std::fs::read_dir("tests/regressions").unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("graph_bin-")) {
            let mut bytes = geokg::graph::BINARY_MAGIC.to_vec();
            bytes.extend_from_slice(&std::fs::read(&path).unwrap());
            if let Ok(g) = geokg::Graph::from_file_bytes(&bytes) {
                assert_eq!(
                    geokg::Graph::from_file_bytes(&g.to_file_bytes()).unwrap(),
                    g,
                    "{}",
                    path.display()
                );
            }
        }
    }
    let json = r#"{"geokg_graph": 2, "nodes": [{"id": "a", "name": "A", "kind": "country", "country": null,
        "role": null, "aliases": [], "mentions": 0}], "edges": [{"source": "a", "target": "a", "cameo": "111",
        "label": "x", "quad": 3, "goldstein": 42.0, "count": 1, "first_date": null, "last_date": null,
        "evidence": [{"date": null, "doc": "d", "sentence": 0, "span": [0, 1], "text": "t", "trigger": "t",
        "confidence": 0.5}]}]}"#;
    let err = geokg::Graph::from_file_json(json).unwrap_err().to_string();
    assert_eq!(err, "edge a -> a (111): the Goldstein value is not between -10 and 10");
}

/// graph_ops (fuzz/reproducers/graph_ops/): a Goldstein value or a confidence whose shortest
/// decimal form has 16 or 17 digits (9.399999999999999, the number just below 9.4) came back from
/// the JSON graph file one unit in the last place away (9.4), so that save → load changed the
/// graph; serde_json now parses floats exactly (its float_roundtrip feature).
#[test]
fn json_graph_files_keep_every_float_exactly() {
    use geokg::{Actor, ActorKind, Event, Relation};
    let actor = |id: &str| Actor {
        id: id.into(),
        name: id.into(),
        kind: ActorKind::Country,
        country: None,
        role: None,
        operates_in: None,
    };
    let values = [9.399999999999999, 0.30000000000000004, 0.1 + 0.7, 2.0 / 3.0, 1e-300, 0.8999999999999999];
    let events: Vec<Event> = values
        .iter()
        .enumerate()
        .map(|(i, &x)| Event {
            doc: format!("d{i}"),
            date: None,
            sentence: 0,
            span: [0, 1],
            text: "t".into(),
            source: actor("a"),
            target: actor("b"),
            relation: Relation { cameo: format!("{:03}", 10 + i), label: "x".into(), quad: 1, goldstein: x },
            trigger: "t".into(),
            negated: false,
            confidence: x.min(1.0),
        })
        .collect();
    let g = Graph::from_events(&events);
    let text = g.to_file_json();
    let back = Graph::from_file_json(&text).unwrap();
    let goldstein: Vec<f64> = back.edges().map(|e| e.goldstein).collect();
    assert_eq!(goldstein, values);
    assert_eq!(back, g);
    assert_eq!(back.to_file_json(), text);
    // the node-link export reads back exactly too
    let v = geokg::export::to_json(&g);
    let again: serde_json::Value = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
    assert_eq!(again, v);
}

/// graph_bin (fuzz/reproducers/graph_bin/node-mentions-overflow): per-document mention counts
/// whose sum is past u64 made loading panic (overflow, with debug assertions) or wrap to a wrong
/// total; a count above `MAX_DOC_MENTIONS` in a graph file is now refused.
#[test]
fn graph_files_with_overflowing_mention_counts_are_refused() {
    let json = r#"{"geokg_graph": 2, "documents": {"d": {"hash": "", "date": null}, "e": {"hash": "", "date": null}},
        "nodes": [{"id": "a", "name": "A", "kind": "country", "country": null, "role": null, "aliases": [],
        "mentions": 0, "documents": {"d": {"mentions": 9223372036854775808, "aliases": []},
        "e": {"mentions": 9223372036854775808, "aliases": []}}}], "edges": []}"#;
    let err = Graph::from_file_json(json).unwrap_err().to_string();
    assert_eq!(err, "actor a: 9223372036854775808 mentions in document \"d\" (at most 4294967295)");
    // the most a document may give loads, and its totals are exact
    let json = json.replace("9223372036854775808", "4294967295");
    let g = Graph::from_file_json(&json).unwrap();
    assert_eq!(g.node("a").unwrap().mentions, 2 * 4294967295);
    // the fuzzer's input, a binary graph of format 2 (before nodes had `operates_in`), is refused
    // by its format; read as it was written, it went through the same check as the JSON above
    // (both formats load through `Graph::from_file`)
    let mut bytes = b"GEOKG-GRAPH\x00\x02".to_vec();
    bytes.extend_from_slice(&std::fs::read("fuzz/reproducers/graph_bin/node-mentions-overflow").unwrap());
    let err = Graph::from_file_bytes(&bytes).unwrap_err().to_string();
    assert_eq!(err, "a binary graph of format 2, and this geokg reads format 3: build it again");
}
