//! Output safety, as properties over hostile strings: whatever an actor's id or name, or an
//! evidence sentence, holds (quotes, backslashes, line breaks, markup, formulas, NUL, terminal
//! escape sequences, bidi overrides, noncharacters), it stays inside its field in DOT, GraphML,
//! CSV and JSON, and the terminal gets no control characters. `tests/tools.rs` has Graphviz and
//! networkx read the same kind of strings back.

use geokg::graph::Graph;
use geokg::model::{Actor, ActorKind, Event};
use geokg::Lexicon;
use proptest::prelude::*;

/// Characters chosen to break out of some field, mixed with any character at all.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            '"', '\\', '\n', '\r', '\t', '\0', '\u{1b}', '\u{7f}', '\u{9b}', '<', '>', '&', '\'', '=', '+',
            '-', '@', '{', '}', '[', ']', ';', ',', '#', '\u{202e}', '\u{2066}', '\u{fffe}', '\u{ffff}',
            '\u{feff}', 'ا', 'ש', '😀', '\u{ff1d}', 'a', ' ', 'N', 'l',
        ]),
        1 => any::<char>(),
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..24).prop_map(|v| v.into_iter().collect())
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

/// Two actors with hostile ids and names, linked by an event whose evidence is hostile too.
fn graph(a: &str, b: &str, text: &str) -> Graph {
    static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    let lex = LEX.get_or_init(Lexicon::default);
    let e = Event {
        doc: format!("doc{a}"),
        date: Some("2022-03-01".into()),
        sentence: 0,
        span: [0, 1],
        text: text.into(),
        source: actor(&format!("a{a}"), a),
        target: actor(&format!("b{b}"), b),
        relation: lex.cameo().relation("111").unwrap(),
        trigger: text.into(),
        negated: false,
        confidence: 0.5,
    };
    Graph::from_events([&e])
}

/// What Graphviz shows for a label we wrote: its lexer turns `\"` into `"`, then the label
/// escapes `\\` and `\n` become `\` and a line break.
fn graphviz_label(quoted: &str) -> String {
    let mut out = String::new();
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                other => panic!("unexpected escape \\{other:?} in {quoted:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The quoted strings of a DOT text, raw; panics when a quote is left open. Outside them the text
/// must be plain ASCII: a hostile string cannot have leaked there.
fn dot_strings(dot: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut chars = dot.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            let mut s = String::new();
            loop {
                match chars.next().expect("a quoted string is left open") {
                    '\\' => {
                        s.push('\\');
                        s.push(chars.next().expect("an escape ends the file"));
                    }
                    '"' => break,
                    c => s.push(c),
                }
            }
            strings.push(s);
        } else {
            assert!(c.is_ascii() && (c == '\n' || !c.is_ascii_control()), "{c:?} outside quotes");
        }
    }
    strings
}

/// What an XML parser reads back from escaped text.
fn xml_unescape(s: &str) -> String {
    assert!(!s.contains(['<', '>', '"', '\'']), "raw markup in {s:?}");
    for (i, _) in s.match_indices('&') {
        let rest = &s[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#9;", "&#10;", "&#13;"]
                .iter()
                .any(|e| rest.starts_with(e)),
            "raw & in {s:?}"
        );
    }
    s.replace("&#9;", "\t")
        .replace("&#10;", "\n")
        .replace("&#13;", "\r")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// XML 1.0 characters: no C0 control but tab and line breaks, no C1, no U+FFFE/U+FFFF.
fn xml_chars(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || c == '\u{fffe}' || c == '\u{ffff}')
        })
        .collect()
}

/// Parses CSV (RFC 4180) into rows of cells; panics on a malformed quote.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut fresh = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                    assert!(
                        matches!(chars.peek(), None | Some(',') | Some('\n')),
                        "text after a closing quote"
                    );
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if fresh => quoted = true,
            '"' => panic!("quote inside an unquoted cell"),
            ',' => {
                row.push(std::mem::take(&mut cell));
                fresh = true;
                continue;
            }
            '\n' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                fresh = true;
                continue;
            }
            c => cell.push(c),
        }
        fresh = false;
    }
    assert!(!quoted, "a quoted cell is left open");
    rows
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn dot_labels_stay_in_their_quotes(a in hostile(), b in hostile(), text in hostile()) {
        let g = graph(&a, &b, &text);
        for options in [geokg::export::DotOptions::default(), geokg::export::DotOptions { legend: true, clusters: true }] {
            let dot = geokg::export::to_dot_with(&g, options);
            let labels: Vec<String> = dot_strings(&dot).iter().map(|s| graphviz_label(s)).collect();
            let shown = |s: &str| -> String {
                s.chars().filter(|&c| c != '\r' && c != '\u{fffe}' && c != '\u{ffff}')
                    .map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
            };
            prop_assert!(labels.contains(&shown(&a)), "{:?} not a label of\n{}", a, dot);
            prop_assert!(labels.contains(&shown(&b)), "{:?} not a label of\n{}", b, dot);
            let tooltip = shown(&format!("a{} [organization]", a));
            prop_assert!(labels.contains(&tooltip));
        }
    }

    #[test]
    fn graphml_text_is_escaped_and_valid(a in hostile(), b in hostile(), text in hostile()) {
        let g = graph(&a, &b, &text);
        let xml = geokg::export::to_graphml(&g);
        let mut found = Vec::new();
        for part in xml.split("<data key=\"").skip(1) {
            let body = &part[part.find('>').unwrap() + 1..part.find("</data>").expect("data closed")];
            let text = xml_unescape(body);
            if part.starts_with("edge_evidence\"") {
                // every piece of evidence, as JSON
                let evidence: Vec<serde_json::Value> = serde_json::from_str(&text).expect("evidence is JSON");
                found.extend(evidence.iter().map(|e| e["text"].as_str().unwrap().to_string()));
            } else {
                found.push(text);
            }
        }
        for attr in xml.split(['"']).skip(1).step_by(2) {
            xml_unescape(attr);
        }
        prop_assert!(xml.chars().all(|c| xml_chars(&c.to_string()).len() == c.len_utf8()));
        prop_assert!(found.contains(&xml_chars(&a)));
        prop_assert!(found.contains(&xml_chars(&b)));
        // JSON escapes the C0 controls; the other characters XML output drops (DEL, C1 controls,
        // U+FFFE, U+FFFF) are dropped
        let json: String = text
            .chars()
            .filter(|&c| c < ' ' || !(c.is_control() || c == '\u{fffe}' || c == '\u{ffff}'))
            .collect();
        prop_assert!(found.contains(&json), "{:?} not in {:?}", json, found);
    }

    #[test]
    fn csv_cells_keep_their_place_and_value(a in hostile(), b in hostile(), text in hostile()) {
        let g = graph(&a, &b, &text);
        let (nodes, edges) = geokg::export::to_csv(&g);
        for (file, width) in [(&nodes, 8), (&edges, 10)] {
            let rows = csv_rows(file);
            for r in &rows {
                prop_assert_eq!(r.len(), width, "a cell broke its row in\n{}", file);
                for c in r {
                    prop_assert!(!c.chars().any(|ch| ch.is_control() && ch != '\n'), "control in {:?}", c);
                }
            }
        }
        // the value itself, controls as spaces: no quote prefix, which Neo4j would keep as data
        let names: Vec<String> = csv_rows(&nodes).into_iter().skip(1).map(|r| r[1].clone()).collect();
        for n in [&a, &b] {
            let plain: String = n.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect();
            prop_assert!(names.contains(&plain), "{:?} not in {:?}", plain, names);
        }
    }

    #[test]
    fn json_round_trips_exactly(a in hostile(), b in hostile(), text in hostile()) {
        let g = graph(&a, &b, &text);
        let back = Graph::from_file_json(&g.to_file_json()).unwrap();
        prop_assert_eq!(&back, &g);
        let v: serde_json::Value = serde_json::from_str(&serde_json::to_string(&geokg::export::to_json(&g)).unwrap()).unwrap();
        let names: Vec<&str> = v["nodes"].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap()).collect();
        prop_assert!(names.contains(&a.as_str()) && names.contains(&b.as_str()));
    }

    #[test]
    fn terminal_text_has_no_controls(s in hostile()) {
        for keep in [false, true] {
            let t = geokg::text::terminal_safe(&s, keep);
            prop_assert!(t.chars().all(|c| !geokg::text::is_bidi_control(c)
                && (!c.is_control() || (keep && matches!(c, '\n' | '\t')))), "{:?}", t);
            let kept: String = s.chars().filter(|&c| !c.is_control() && !geokg::text::is_bidi_control(c)).collect();
            let shown: String = t.chars().filter(|&c| !c.is_control()).collect();
            prop_assert_eq!(shown.replace(' ', ""), kept.replace(' ', ""));
        }
    }
}

#[cfg(feature = "svg")]
proptest! {
    // a layout is slow: fewer cases
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn svg_text_is_escaped_and_valid(a in hostile(), b in hostile()) {
        let g = graph(&a, &b, "x");
        let svg = geokg::export::to_svg(&g).unwrap();
        prop_assert!(svg.chars().all(|c| xml_chars(&c.to_string()).len() == c.len_utf8()), "{}", svg);
        // between the tags, only escaped text
        for part in svg.split('<').skip(1) {
            let end = part.find('>').expect("tag closed");
            xml_unescape(&part[end + 1..]);
        }
    }
}

/// The terminal tables of the command line pass through the same filter: an actor named with an
/// escape sequence prints without it.
#[test]
fn tables_on_the_terminal_drop_escape_sequences() {
    let dir = std::env::temp_dir().join(format!("geokg-safety-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("g.json");
    graph("Evil\u{1b}]0;owned\u{7}\u{1b}[2J", "\u{202e}Iran", "x\u{9b}31m").save(&path).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_geokg"))
        .arg("query")
        .arg(&path)
        .arg("neighbors")
        .arg("aEvil\u{1b}]0;owned\u{7}\u{1b}[2J")
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("Evil]0;owned[2J"), "{stdout}");
    assert!(stdout.contains("Iran"), "{stdout}");
    for c in stdout.chars().chain(stderr.chars()) {
        assert!(
            c == '\n' || !(c.is_control() || geokg::text::is_bidi_control(c)),
            "{c:?} in {stdout}{stderr}"
        );
    }
}
