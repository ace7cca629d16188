//! The command line, end to end: outputs on good input, clear errors on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let p = std::env::temp_dir().join(format!("geokg-test-{}-{}", name, std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Dir(p)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn geokg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_geokg")).args(args).output().unwrap()
}

fn geokg_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const GOOD: &str = "A headline\nThe United States condemned Russia.\n";

#[test]
fn missing_file_is_a_one_line_error_naming_it() {
    let o = geokg(&["extract", "no/such/article.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "geokg: skipped no/such/article.txt: no such file or folder\ngeokg: error: no/such/article.txt: no such file or folder\n");
    assert!(o.stdout.is_empty());
}

#[test]
fn folder_with_nothing_readable_is_an_error() {
    let d = Dir::new("empty");
    d.write("notes.csv", b"a,b\n");
    let o = geokg(&["extract", s(&d.0)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("ignored 1 file(s) that are not articles"), "{err}");
    assert!(
        err.ends_with(&format!(
            "geokg: error: {}: folder has no readable article (.txt, .json, .jsonl)\n",
            d.0.display()
        )),
        "{err}"
    );
}

#[test]
fn invalid_utf8_names_file_and_line() {
    let d = Dir::new("utf8");
    let bad = d.write("bad.txt", b"Title\nline two\n\xff\xfe broken\n");
    let o = geokg(&["extract", s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("{}:3: invalid UTF-8 at byte 15", bad.display())), "{}", stderr(&o));
}

#[test]
fn malformed_jsonl_record_is_skipped_with_its_line_and_the_rest_processed() {
    let d = Dir::new("jsonl");
    let f = d.write(
        "batch.jsonl",
        concat!(
            "{\"id\":\"a\",\"text\":\"The United States condemned Russia.\",\"date\":\"2022-03-01\"}\n",
            "{\"id\":\"b\",\"text\": oops}\n",
            "{\"id\":\"c\",\"title\":\"no text\"}\n",
            "{\"id\":\"d\",\"text\":\"France condemned Iran.\",\"lang\":\"en\"}\n",
        )
        .as_bytes(),
    );
    let o = geokg(&["extract", s(&f)]);
    assert_eq!(o.status.code(), Some(1), "skips make the exit non-zero");
    let err = stderr(&o);
    assert!(err.contains(&format!("geokg: skipped {}:2: malformed JSON record", f.display())), "{err}");
    assert!(
        err.contains(&format!("geokg: skipped {}:3: record has no \"text\" field", f.display())),
        "{err}"
    );
    assert!(err.contains("geokg: 2 article(s) read, 2 input(s) skipped"), "{err}");
    let out = stdout(&o);
    let docs: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs, ["a", "d"]);
    assert!(out.contains("\"date\":\"2022-03-01\""));
}

#[test]
fn unknown_format_is_refused() {
    let o = geokg(&["extract", "--format", "xml", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid value 'xml' for '--format <FORMAT>'"), "{}", stderr(&o));
}

#[test]
fn bad_date_and_lang_options_are_refused() {
    let o = geokg(&["extract", "--date", "23/07/2022", "x.txt"]);
    assert_eq!(stderr(&o), "geokg: error: --date \"23/07/2022\": use YYYY-MM-DD\n");
    let o = geokg(&["extract", "--lang", "de", "x.txt"]);
    assert_eq!(stderr(&o), "geokg: error: --lang \"de\": use fr or en\n");
}

#[test]
fn standard_input_text_and_crlf_bom() {
    let o = geokg_stdin(
        &["extract", "-"],
        "\u{feff}A headline\r\nThe United States condemned Russia.\r\n".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(e["doc"], "stdin");
    assert_eq!(e["source"]["id"], "usa");
    assert_eq!(e["target"]["id"], "rus");
    assert_eq!(e["relation"]["cameo"], "111");
    assert_eq!(e["sentence"], 1);
}

#[test]
fn build_export_and_query_round_trip() {
    let d = Dir::new("graph");
    let a = d.write("a.txt", GOOD.as_bytes());
    let g = d.0.join("graph.json");
    let o = geokg(&["build", s(&a), "-o", s(&g), "--date", "2022-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = geokg(&["query", s(&g), "links", "etats-unis", "RUSSIE", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let links: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(links[0]["source"], "usa");
    assert_eq!(links[0]["target"], "rus");
    assert_eq!(links[0]["cameo"], "111");
    assert_eq!(links[0]["count"], 1);
    assert_eq!(links[0]["first_date"], "2022-03-01");
    assert_eq!(links[0]["evidence"], "The United States condemned Russia.");
    let o = geokg(&["query", s(&g), "neighbors", "Atlantis"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "geokg: error: no actor \"Atlantis\" in the graph\n");
    let o = geokg(&["export", s(&g), "--format", "dot"]);
    assert!(stdout(&o).contains("n1 -> n0 [label=\"111 criticize or denounce\""), "{}", stdout(&o));
}

/// A filter that leaves nothing, or an actor list with no relation between them, draws an empty
/// picture: it made the layout engine panic (exit 101).
#[cfg(feature = "svg")]
#[test]
fn svg_export_of_nothing_is_an_empty_picture_not_a_panic() {
    let d = Dir::new("svg-empty");
    let a = d.write("a.txt", GOOD.as_bytes());
    let g = d.0.join("graph.json");
    let o = geokg(&["build", s(&a), "-o", s(&g), "--date", "2022-03-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for filter in [&["--since", "2100-01-01"][..], &["--actors", "United States"], &["--root", "19"]] {
        let mut args = vec!["export", s(&g), "--format", "svg"];
        args.extend(filter);
        let o = geokg(&args);
        assert_eq!(o.status.code(), Some(0), "{filter:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), geokg::export::SVG_EMPTY, "{filter:?}");
        assert_eq!(
            stderr(&o),
            "geokg: warning: the selection is empty: no relation passes the filters and selection\n"
        );
    }
}

#[test]
fn graph_file_errors_name_the_file() {
    let d = Dir::new("badgraph");
    let g = d.write("g.json", b"{\"nodes\": 3}");
    let o = geokg(&["export", s(&g)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(&format!("geokg: error: {}:1: not a geokg graph", g.display())),
        "{}",
        stderr(&o)
    );
}

#[test]
fn explain_shows_actors_clauses_triggers_and_outcomes() {
    let o = geokg_stdin(
        &["explain", "--lang", "fr", "-"],
        "Titre\nMoscou, qui avait condamné les frappes israéliennes, n'a pas condamné l'Iran.\n".as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        concat!(
            "# stdin (fr, no date)\n",
            "[0] Titre\n",
            "    clauses [Titre]\n",
            "[1] Moscou, qui avait condamné les frappes israéliennes, n'a pas condamné l'Iran.\n",
            "    actor  \"Moscou\" -> Russia (Seat)\n",
            "    actor  \"israéliennes\" -> Israel (Demonym)\n",
            "    actor  \"Iran\" -> Iran (Name)\n",
            "    clauses [Moscou] [qui avait condamné les frappes israéliennes] [n'a pas condamné l'Iran.]\n",
            "    parse  1:Moscou/PROPN root>0  2:,/PUNCT punct>5  3:qui/PRON nsubj>5  4:avait/AUX aux:tense>5  ",
            "5:condamné/VERB acl:relcl>1  6:les/DET det>7  7:frappes/NOUN obj>5  8:israéliennes/ADJ amod>7  ",
            "9:,/PUNCT punct>13  10:n'/ADV advmod>13  11:a/AUX aux:tense>13  12:pas/ADV advmod>13  ",
            "13:condamné/VERB advcl>5  14:l'/DET det>15  15:Iran/PROPN obj>13  16:./PUNCT punct>1\n",
            "    trigger \"condamné\" 111 (relations/fr.tsv:251): Coded(1)\n",
            "        event Russia -> Israel 111 criticize or denounce (confidence 0.75)\n",
            "    trigger \"frappes\" 190 (relations/fr.tsv:450): NoTarget\n",
            "    trigger \"condamné\" 111 (relations/fr.tsv:251): Coded(1)\n",
            "        event Russia -> Iran 111 criticize or denounce (confidence 0.69, negated)\n",
        )
    );
}

#[test]
fn analyst_lexicons_add_and_override_entries() {
    let d = Dir::new("lexicon");
    d.write(
        "analyst/people.tsv",
        "id\tname\tcountry\torg\trole\taliases\tterms\njane-doe\tJane Doe\tFRA\t\tGOV\tDoe\tforeign_minister@2030-01-01..\n".as_bytes(),
    );
    d.write(
        "analyst/triggers_fr.tsv",
        "cameo\tpos\ttrigger\ttarget\tflags\n111\tverb\tfustiger vertement\tobj\t\n".as_bytes(),
    );
    // overrides the embedded Iran: a new name
    d.write(
        "analyst/countries.tsv",
        "iso3\tname\ten\tfr\ten_adj\tfr_adj\tseats\tmetonyms\nIRN\tIran\tIran\tIran|Perse\tIranian\tiranien|iranienne|iraniens|iraniennes\tTehran|Téhéran\t\n".as_bytes(),
    );
    let article = d.write("a.txt", "Titre\nJane Doe a fustigé vertement la Perse.\n".as_bytes());
    let o = geokg(&["extract", "--lexicon", s(&d.0.join("analyst")), s(&article)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(
        (e["source"]["id"].as_str(), e["target"]["id"].as_str(), e["relation"]["cameo"].as_str()),
        (Some("jane-doe"), Some("irn"), Some("111"))
    );
    assert_eq!(e["trigger"], "fustigé vertement");
}

#[test]
fn bad_analyst_lexicon_entries_name_file_line_and_field() {
    let d = Dir::new("badlexicon");
    let f = d.write("people.tsv", "id\tname\tcountry\torg\trole\taliases\tterms\n# a comment\nx\tX\tFRA\t\tGOV\t\tpresident@2017-13-01..\n".as_bytes());
    let o = geokg(&["extract", "--lexicon", s(&f), "x.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("geokg: error: {}:3: field `terms` has a bad term \"president@2017-13-01..\"\n", f.display())
    );
    let g = d.write(
        "orgs.tsv",
        "id\tname\tkind\tcountry\trole\tparent\ten\tfr\nhamas-bis\tHamas bis\tgroup\tPSE\tREB\t\tHamas\t\n"
            .as_bytes(),
    );
    let a = d.write("a.txt", b"Title\nHamas attacked Israel.\n");
    let o = geokg(&["extract", "--lexicon", s(&g), s(&a)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("geokg: warning: alias \"Hamas\" is claimed by both `hamas` and `hamas-bis`"),
        "{}",
        stderr(&o)
    );
    // a receiving frame with a root that is not one
    let r = d.write("frames.tsv", "lang\thead\tcase\troots\nfr\tcompter\tsur\t05|5\n".as_bytes());
    let o = geokg(&["extract", "--lexicon", s(&r), s(&a)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("geokg: error: {}:2: field `roots` has \"5\", not a CAMEO root\n", r.display())
    );
}

#[test]
fn actors_lists_known_and_unknown_actors_and_writes_a_lexicon() {
    let d = Dir::new("actors");
    let a = d.write(
        "a.txt",
        // a person no lexicon knows (Adama Barrow, the president of 2017, is in the converted ones)
        "Titre\nLe président gambien Lamin Jarju Ceesay a rencontré Macky Sall. Ceesay a remercié le Sénégal.\n"
            .as_bytes(),
    );
    let o = geokg(&["actors", "--unknown", "--date", "2017-02-01", "--format", "json", s(&a)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ceesay = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["actor"]["id"] == "lamin-jarju-ceesay")
        .expect("Ceesay is found");
    assert_eq!(ceesay["actor"]["country"], "GMB");
    assert_eq!(ceesay["known"], false);
    assert_eq!(ceesay["mentions"], 2);
    assert!(v.as_array().unwrap().iter().all(|c| c["known"] == false));
    let o = geokg(&["actors", "--date", "2017-02-01", "--format", "lexicon", s(&a)]);
    let lexicon = stdout(&o);
    assert!(lexicon.contains("id\tname\tcountry\torg\trole\taliases\tterms\n"), "{lexicon}");
    assert!(
        lexicon.contains("lamin-jarju-ceesay\tLamin Jarju Ceesay\tGMB\t\tGOV\tCeesay|président gambien Lamin Jarju Ceesay\t\n"),
        "{lexicon}"
    );
    // what it writes is a lexicon geokg reads back
    let back = d.write("new_people.tsv", lexicon.as_bytes());
    let o = geokg(&["actors", "--unknown", "--lexicon", s(&back), "--date", "2017-02-01", s(&a)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("Lamin Jarju Ceesay"), "{}", stdout(&o));
}

/// A graph of three dated articles, for the query tests.
fn query_graph(d: &Dir) -> PathBuf {
    let f = d.write(
        "news.jsonl",
        concat!(
            "{\"id\":\"a\",\"date\":\"2022-01-10\",\"text\":\"Russia condemned France. France praised Germany.\"}\n",
            "{\"id\":\"b\",\"date\":\"2022-02-20\",\"text\":\"Russia attacked Ukraine. Ukraine condemned Russia.\"}\n",
            "{\"id\":\"c\",\"date\":\"2022-03-05\",\"text\":\"Russia attacked Ukraine again. Germany sent aid to Ukraine.\"}\n",
        )
        .as_bytes(),
    );
    let g = d.0.join("g.json");
    let o = geokg(&["build", s(&f), "-o", s(&g)]);
    assert!(o.status.success(), "{}", stderr(&o));
    g
}

#[test]
fn queries_path_top_timeline_and_filters() {
    let d = Dir::new("queries");
    let g = query_graph(&d);
    let o = geokg(&["query", s(&g), "path", "France", "Ukraine", "--json"]);
    let hops: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let chain: Vec<(&str, &str)> = hops
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["from"].as_str().unwrap(), h["to"].as_str().unwrap()))
        .collect();
    assert_eq!(chain, [("fra", "deu"), ("deu", "ukr")]);
    let o = geokg(&["query", s(&g), "timeline", "Russie", "Ukraine", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows: Vec<(&str, &str, u64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["period"].as_str().unwrap(), r["source"].as_str().unwrap(), r["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(rows, [("2022-02", "rus", 1), ("2022-02", "ukr", 1), ("2022-03", "rus", 1)]);
    let o = geokg(&[
        "query",
        s(&g),
        "neighbors",
        "Russia",
        "--out",
        "--since",
        "2022-02-01",
        "--root",
        "19",
        "--json",
    ]);
    let links: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let got: Vec<(&str, u64)> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["cameo"].as_str().unwrap(), l["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(got, [("190", 2)]);
    let o = geokg(&["query", s(&g), "top", "-n", "1", "--json"]);
    let top: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(top["actors"][0]["id"], "ukr");
    assert_eq!(top["relations"][0]["cameo"], "190");
    assert_eq!(top["relations"][0]["count"], 2);
    let o = geokg(&["query", s(&g), "actor", "Ukraine", "--json"]);
    let actor: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(actor["partners"][0][0], "Germany");
    assert_eq!(actor["adversaries"][0][0], "Russia");
    let o = geokg(&["query", s(&g), "neighbors", "Russia", "--since", "2022-13-01"]);
    assert_eq!(stderr(&o), "geokg: error: --since \"2022-13-01\": use YYYY-MM-DD\n");
}

#[test]
fn build_into_counts_an_article_once_and_merge_unites_graphs() {
    let d = Dir::new("into");
    let a = d.write("a.txt", b"Title\nRussia condemned France.\n");
    let b = d.write("b.txt", b"Title\nIran threatened Israel.\n");
    let g = d.0.join("g.json");
    for _ in 0..2 {
        let o = geokg(&["build", "--into", s(&g), s(&a)]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = geokg(&["build", "--into", s(&g), s(&a), s(&b)]);
    assert!(
        stderr(&o).contains("1 new, 1 unchanged, 0 replaced article(s); 4 actors, 2 relations"),
        "{}",
        stderr(&o)
    );
    let gb = d.0.join("gb.json");
    geokg(&["build", s(&b), "-o", s(&gb)]);
    let ga = d.0.join("ga.json");
    geokg(&["build", s(&a), "-o", s(&ga)]);
    let m = d.0.join("m.json");
    let o = geokg(&["merge", s(&ga), s(&gb), "-o", s(&m)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (merged, built) = (std::fs::read_to_string(&m).unwrap(), std::fs::read_to_string(&g).unwrap());
    assert_eq!(merged, built);
    let v: serde_json::Value = serde_json::from_str(&built).unwrap();
    assert_eq!(v["geokg_graph"], 2);
    assert_eq!(v["geokg_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["lexicon_version"].as_str().unwrap().len(), 16);
}

/// A `.gkg` path gets the binary format; every command reads either format, told apart by content.
#[test]
fn binary_and_json_graphs_mix() {
    let d = Dir::new("binary");
    let a = d.write("a.txt", b"Title\nRussia condemned France.\n");
    let b = d.write("b.txt", b"Title\nIran threatened Israel.\n");
    let (ga, gb, m) = (d.0.join("a.gkg"), d.0.join("b.json"), d.0.join("m.gkg"));
    assert!(geokg(&["build", s(&a), "-o", s(&ga)]).status.success());
    assert!(geokg(&["build", s(&b), "-o", s(&gb)]).status.success());
    assert!(std::fs::read(&ga).unwrap().starts_with(geokg::graph::BINARY_MAGIC));
    let o = geokg(&["merge", s(&ga), s(&gb), "-o", s(&m)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = geokg(&["query", s(&m), "neighbors", "Russia", "--json"]);
    let links: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((links[0]["target"].as_str(), links[0]["cameo"].as_str()), (Some("fra"), Some("111")));
    let o = geokg(&["build", "--into", s(&m), s(&a), s(&b)]);
    assert!(stderr(&o).contains("0 new, 2 unchanged, 0 replaced"), "{}", stderr(&o));
    // a damaged binary graph is an error naming the file, not a panic
    let bytes = std::fs::read(&m).unwrap();
    for cut in [bytes.len() / 2, geokg::graph::BINARY_MAGIC.len() + 3] {
        let bad = d.write("bad.gkg", &bytes[..cut]);
        let o = geokg(&["export", s(&bad)]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).starts_with(&format!("geokg: error: {}: damaged binary graph", bad.display())),
            "{}",
            stderr(&o)
        );
    }
}

/// A streamed run ends with one summary line on stderr (the progress bar only draws on a
/// terminal); `--quiet` silences it.
#[test]
fn summary_line_and_quiet() {
    let o = geokg(&["extract", "examples/articles/fr_seed_khamenei_poutine.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let events = stdout(&o).lines().count();
    let err = stderr(&o);
    assert!(err.starts_with("geokg: 1 article(s), 0.0 MB in "), "{err}");
    assert!(
        err.ends_with(&format!(" MB/s), {events} event(s), {events} undated, 0 input(s) skipped\n")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let o = geokg(&["extract", "--quiet", "examples/articles/fr_seed_khamenei_poutine.txt"]);
    assert_eq!(stderr(&o), "");
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let mut outputs = Vec::new();
    for threads in ["1", "2", "3"] {
        let o = geokg(&["extract", "--threads", threads, "examples/articles"]);
        assert!(o.status.success(), "{}", stderr(&o));
        outputs.push(o.stdout);
    }
    assert!(outputs[0].len() > 1000);
    assert!(outputs.iter().all(|o| *o == outputs[0]));
    let o = geokg(&["extract", "--threads", "0", "examples/articles"]);
    assert_eq!(stderr(&o), "geokg: error: --threads must be at least 1\n");
}

#[test]
fn jsonl_streams_line_by_line_with_bad_utf8_on_one_line() {
    let d = Dir::new("stream");
    let mut bytes = b"{\"id\":\"a\",\"text\":\"Russia condemned France.\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"id\":\"b\",\"text\":\"\xff\"}\n");
    bytes.extend_from_slice(b"{\"id\":\"c\",\"text\":\"Iran threatened Israel.\"}\n");
    let f = d.write("s.jsonl", &bytes);
    let o = geokg(&["extract", s(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains(&format!("geokg: skipped {}:2: invalid UTF-8 at byte 18 of the line", f.display())),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn oversized_articles_are_skipped_and_strict_stops_at_the_first_skip() {
    let d = Dir::new("limits");
    let big = d.write("big.txt", format!("Title\n{}\n", "Russia condemned France. ".repeat(100)).as_bytes());
    let small = d.write("small.txt", b"Title\nIran threatened Israel.\n");
    let o = geokg(&["extract", "--max-article-bytes", "1000", s(&big), s(&small)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!(
            "geokg: skipped {}: file of 2507 bytes is over --max-article-bytes 1000 (not read)\n",
            big.display()
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o).lines().count(), 1);
    let o = geokg(&["extract", "--strict", "missing.txt", s(&small)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "geokg: error: missing.txt: no such file or folder\n");
    assert!(o.stdout.is_empty());
}

/// The ids of a graph's documents, from its JSON file.
fn documents(graph: &Path) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(graph).unwrap()).unwrap();
    v["documents"].as_object().unwrap().keys().cloned().collect()
}

/// Two files of the same name in two subfolders are two documents (they were one, the second
/// silently replacing the first), and a second build of the same folder into the graph still
/// recognises every article.
#[test]
fn same_names_in_two_subfolders_are_two_documents() {
    let d = Dir::new("same-names");
    d.write("in/a/report.txt", b"Title\nRussia condemned France.\n");
    d.write("in/b/report.txt", b"Title\nIran threatened Israel.\n");
    d.write("in/report.txt", b"Title\nChina praised Brazil.\n");
    let input = d.0.join("in");
    let g = d.0.join("g.json");
    let o = geokg(&["build", s(&input), "-o", s(&g)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(documents(&g), ["a/report", "b/report", "report"]);
    let o = geokg(&["extract", s(&input)]);
    let docs: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs, ["a/report", "b/report", "report"]);
    let into = d.0.join("into.json");
    let o = geokg(&["build", "--into", s(&into), s(&input)]);
    assert!(stderr(&o).contains("3 new, 0 unchanged, 0 replaced article(s)"), "{}", stderr(&o));
    // the same folder again, named another way: the same ids
    let again = format!("{}/../in/", input.display());
    let o = geokg(&["build", "--into", s(&into), &again]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 new, 3 unchanged, 0 replaced article(s)"), "{}", stderr(&o));
    assert_eq!(documents(&into), ["a/report", "b/report", "report"]);
}

/// A repeated id is reported with both places and counted as skipped (exit 1); the first article
/// stays in the graph (the second silently replaced it).
#[test]
fn a_repeated_id_is_reported_never_a_silent_replacement() {
    let d = Dir::new("dup-ids");
    let f = d.write(
        "f.jsonl",
        concat!(
            r#"{"id":"x","text":"Title\nRussia condemned France."}"#,
            "\n",
            r#"{"id":"y","text":"Title\nIran threatened Israel."}"#,
            "\n",
            r#"{"id":"x","text":"Title\nChina praised Brazil."}"#,
            "\n"
        )
        .as_bytes(),
    );
    let txt = d.write("x.txt", b"Title\nGermany criticized Poland.\n");
    let g = d.0.join("g.json");
    let o = geokg(&["build", s(&f), s(&txt), "-o", s(&g), "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let (fp, tp) = (f.display(), txt.display());
    assert_eq!(
        stderr(&o),
        format!(
            "geokg: skipped {fp}:3: document id \"x\" was already read from {fp}:1 (skipped)\n\
             geokg: skipped {tp}: document id \"x\" was already read from {fp}:1 (skipped)\n\
             geokg: 2 article(s) read, 2 input(s) skipped\n"
        )
    );
    assert_eq!(documents(&g), ["x", "y"]);
    let o = geokg(&["query", s(&g), "neighbors", "Russia", "--json"]);
    let links: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(links[0]["target"], "fra");
    assert_eq!(geokg(&["query", s(&g), "neighbors", "China"]).status.code(), Some(1));
    // --strict stops at it
    let o = geokg(&["extract", "--strict", s(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("geokg: error: {fp}:3: document id \"x\" was already read from {fp}:1 (skipped)\n")
    );
}

/// Writes `n` short articles named `{prefix}NN.txt` into the folder `name` of `d`, each with its
/// own text, and returns the folder.
fn articles(d: &Dir, name: &str, prefix: &str, n: usize) -> PathBuf {
    let states = ["Russia", "France", "Iran", "Israel", "China", "Brazil", "Germany", "Poland"];
    for i in 0..n {
        let text = format!(
            "Title {prefix}{i}\n{} condemned {} on day {i}.\n",
            states[i % states.len()],
            states[(i + 1 + i / states.len()) % states.len()]
        );
        d.write(&format!("{name}/{prefix}{i:02}.txt"), text.as_bytes());
    }
    d.0.join(name)
}

/// Two builds into one graph at the same time both keep their articles: the second waits for
/// the first's lock (one writer's articles were lost in 36 of 40 tries, and both wrote PATH.tmp).
#[test]
fn concurrent_builds_into_one_graph_lose_nothing() {
    let d = Dir::new("concurrent");
    let a = articles(&d, "a", "a", 30);
    let b = articles(&d, "b", "b", 30);
    let mut expected: Vec<String> = (0..30).map(|i| format!("a{i:02}")).collect();
    expected.extend((0..30).map(|i| format!("b{i:02}")));
    for (round, name) in ["g.json", "g.gkg", "g.json", "g.gkg"].iter().enumerate() {
        let g = d.0.join(format!("{round}-{name}"));
        let spawn = |input: &Path| {
            Command::new(env!("CARGO_BIN_EXE_geokg"))
                .args(["build", "--into", s(&g), s(input), "--threads", "1"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (pa, pb) = (spawn(&a), spawn(&b));
        let (oa, ob) = (pa.wait_with_output().unwrap(), pb.wait_with_output().unwrap());
        assert_eq!(oa.status.code(), Some(0), "{}", stderr(&oa));
        assert_eq!(ob.status.code(), Some(0), "{}", stderr(&ob));
        let graph = geokg::Graph::load(&g).unwrap();
        let docs: Vec<&String> = graph.documents().keys().collect();
        assert_eq!(docs, expected.iter().collect::<Vec<_>>(), "round {round}");
    }
    // nothing is left behind but the graphs and their lock files
    let mut names: Vec<String> =
        std::fs::read_dir(&d.0).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "0-g.json",
            "0-g.json.lock",
            "1-g.gkg",
            "1-g.gkg.lock",
            "2-g.json",
            "2-g.json.lock",
            "3-g.gkg",
            "3-g.gkg.lock",
            "a",
            "b"
        ]
    );
}

/// A build into a graph another writer holds says so and waits, then adds its articles to what
/// the other wrote.
#[test]
fn a_build_into_a_locked_graph_waits_for_it() {
    use std::io::BufRead;
    let d = Dir::new("waits");
    let a = articles(&d, "a", "a", 3);
    let g = d.0.join("g.json");
    let lock = geokg::files::FileLock::acquire(&g).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["build", "--into", s(&g), s(&a), "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert_eq!(
        line,
        format!("geokg: waiting for another geokg writing {} (lock {}.lock)\n", g.display(), g.display())
    );
    // meanwhile this process writes the graph, under the lock
    let ex = geokg::Extractor::default();
    let other = geokg::Article::from_text("other", "Title\nChina praised Brazil.\n");
    let mut graph = geokg::Graph::new();
    graph.add_analysis(&other, &ex.analyze(&other));
    graph.save(&g).unwrap();
    drop(lock);
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    assert_eq!(status.code(), Some(0), "{rest}");
    assert_eq!(documents(&g), ["a00", "a01", "a02", "other"]);
}

/// The `doc` of each event printed by `geokg extract`.
fn event_docs(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].as_str().unwrap().to_string())
        .collect()
}

/// Link loops end (two loops read files again and again, and hung), a FIFO is not opened (it
/// blocked forever) and a broken link is skipped: each is said and counted, and the rest is read.
#[cfg(unix)]
#[test]
fn folder_walk_survives_link_loops_fifos_and_broken_links() {
    use std::os::unix::fs::symlink;
    let d = Dir::new("walk");
    d.write("in/a.txt", b"Title\nRussia condemned France.\n");
    d.write("in/sub/b.txt", b"Title\nIran threatened Israel.\n");
    let input = d.0.join("in");
    symlink("..", input.join("sub/up")).unwrap();
    symlink("../sub", input.join("sub/again")).unwrap();
    symlink("a.txt", input.join("link.txt")).unwrap();
    symlink("nowhere.txt", input.join("broken.txt")).unwrap();
    let fifo = input.join("fifo.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let o = geokg(&["extract", s(&input), "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(event_docs(&o), ["a", "sub/b"]);
    let i = input.display();
    assert_eq!(
        stderr(&o),
        format!(
            "geokg: skipped {i}/broken.txt: broken symbolic link (No such file or directory (os error 2))\n\
             geokg: skipped {i}/fifo.txt: not a regular file (a FIFO, device or socket): not read\n\
             geokg: ignored 3 folder(s) or file(s) reached again through a link, read once (e.g. {i}/link.txt)\n\
             geokg: 2 article(s) read, 2 input(s) skipped\n"
        )
    );
    // an unreadable subfolder is skipped and said, the rest read (it dropped the whole folder);
    // a user whom permissions do not stop (root) cannot make one
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = d.0.join("in2/locked");
        d.write("in2/locked/x.txt", b"Title\nChina praised Brazil.\n");
        d.write("in2/z.txt", b"Title\nRussia condemned France.\n");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read_dir(&locked).is_err() {
            let o = geokg(&["extract", s(&d.0.join("in2")), "-q"]);
            assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
            assert_eq!(event_docs(&o), ["z"]);
            assert_eq!(
                stderr(&o),
                format!(
                    "geokg: skipped {}: permission denied\ngeokg: 1 article(s) read, 1 input(s) skipped\n",
                    locked.display()
                )
            );
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // a lexicon folder with a loop is read once
    d.write(
        "lex/people.tsv",
        "id\tname\tcountry\torg\trole\taliases\tterms\njane-doe\tJane Doe\tFRA\t\tGOV\tDoe\t\n".as_bytes(),
    );
    symlink(".", d.0.join("lex/loop")).unwrap();
    let a = d.write("j.txt", b"Title\nJane Doe condemned Russia.\n");
    let o = geokg(&["extract", "--lexicon", s(&d.0.join("lex")), s(&a), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"jane-doe\""), "{}", stdout(&o));
}

/// A file over --max-article-bytes is skipped before it is read, and an endless one (a device)
/// is read no further than the limit (it was read until memory ran out).
#[cfg(unix)]
#[test]
fn endless_and_oversized_inputs_are_not_read_past_the_limit() {
    let d = Dir::new("endless");
    let small = d.write("small.txt", b"Title\nIran threatened Israel.\n");
    let o = geokg(&["extract", "--max-article-bytes", "1000", "/dev/zero", s(&small), "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "geokg: skipped /dev/zero: more than 1003 bytes, over --max-article-bytes 1000 (read no further)\n\
         geokg: 1 article(s) read, 1 input(s) skipped\n"
    );
    assert_eq!(event_docs(&o), ["small"]);
    let json = d.write("big.json", format!(r#"{{"text": "{}"}}"#, "x".repeat(100_000)).as_bytes());
    let o = geokg(&["extract", "--max-article-bytes", "1000", s(&json), s(&small), "-q"]);
    assert_eq!(
        stderr(&o),
        format!(
            "geokg: skipped {}: file of 100012 bytes is over 71536 bytes, the most read for --max-article-bytes 1000 (not read)\n\
             geokg: 1 article(s) read, 1 input(s) skipped\n",
            json.display()
        )
    );
}

/// Hidden files are counted and said, an upper-case extension is not part of the id, and a name
/// that is not UTF-8 is an article like the others (it was "not an article").
#[cfg(unix)]
#[test]
fn names_are_treated_consistently() {
    use std::os::unix::ffi::OsStrExt;
    let d = Dir::new("names");
    d.write("in/.draft.txt", b"Title\nChina praised Brazil.\n");
    d.write("in/.git/x.txt", b"Title\nChina praised Brazil.\n");
    d.write("in/NOTE.TXT", b"Title\nRussia condemned France.\n");
    let odd = d.0.join("in").join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    std::fs::write(&odd, b"Title\nIran threatened Israel.\n").unwrap();
    let o = geokg(&["extract", s(&d.0.join("in")), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(event_docs(&o), ["NOTE", "caf\u{fffd}"]);
    assert_eq!(
        stderr(&o),
        format!("geokg: ignored 2 hidden file(s) or folder(s) (e.g. {}/in/.draft.txt)\n", d.0.display())
    );
}

/// Standard input reads exactly like a file of the same bytes (named `stdin.EXT`, so that ids
/// agree): JSON Lines line by line, a bad or junk line skipped alone (one bad line lost every
/// record, a junk first line made the whole stream one text article, one invalid UTF-8 line
/// rejected it all), and text starting with `[` or `{` an article (it was rejected as JSON).
#[test]
fn standard_input_reads_like_the_same_bytes_in_a_file() {
    let d = Dir::new("stdin-like-file");
    let ok_a = r#"{"id":"a","text":"Title\nRussia condemned France."}"#;
    let ok_b = r#"{"id":"b","text":"Title\nIran threatened Israel."}"#;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("jsonl", format!("{ok_a}\noops, not JSON\n{ok_b}\n").into_bytes()),
        ("jsonl", format!("#junk first line\n{ok_a}\n{ok_b}\n").into_bytes()),
        (
            "jsonl",
            [format!("{ok_a}\n").as_bytes(), b"{\"id\":\"c\",\"text\":\"T\xff\"}\n", ok_b.as_bytes()]
                .concat(),
        ),
        ("txt", b"[Reuters] Russia condemned France.\nThe United States condemned Russia.\n".to_vec()),
        ("txt", b"{Breaking} Russia condemned France.\n".to_vec()),
        ("json", format!("[\n  {ok_a},\n  {ok_b}\n]\n").into_bytes()),
        ("json", b"{\n  \"id\": \"a\",\n  \"text\": \"Title\\nRussia condemned France.\"\n}\n".to_vec()),
    ];
    for (ext, bytes) in cases {
        let file = d.write(&format!("stdin.{ext}"), &bytes);
        let from_file = geokg(&["extract", s(&file), "-q"]);
        let from_stdin = geokg_stdin(&["extract", "-", "-q"], &bytes);
        let what = String::from_utf8_lossy(&bytes);
        assert_eq!(from_stdin.status.code(), from_file.status.code(), "{what}");
        assert_eq!(stdout(&from_stdin), stdout(&from_file), "{what}");
        assert!(!stdout(&from_file).is_empty(), "{what}");
        assert_eq!(stderr(&from_stdin), stderr(&from_file).replace(s(&file), "<stdin>"), "{what}");
        let _ = std::fs::remove_file(&file);
    }
}

/// `--input-format` says how to read standard input and the files named, whatever they look like.
#[test]
fn input_format_overrides_the_guess_and_the_extension() {
    let d = Dir::new("input-format");
    let o = geokg_stdin(
        &["extract", "-", "--input-format", "text"],
        br#"[{"text": "Russia condemned France."}]"#,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(event_docs(&o), ["stdin"]);
    let lines = d.write(
        "records.txt",
        concat!(
            r#"{"id":"a","text":"T\nRussia condemned France."}"#,
            "\n",
            r#"{"id":"b","text":"T\nIran threatened Israel."}"#,
            "\n"
        )
        .as_bytes(),
    );
    let o = geokg(&["extract", "--input-format", "jsonl", s(&lines), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(event_docs(&o), ["a", "b"]);
    let o = geokg(&["extract", "--input-format", "yaml", s(&lines)]);
    assert_eq!(o.status.code(), Some(2));
}

/// A graph whose actors or evidence cite a document its list does not have is an error naming
/// the file and the first such record, in file order (it loaded, answered queries, and merge
/// silently dropped the edge); a graph file with no list of documents at all gets it from its
/// evidence.
#[test]
fn graph_references_are_checked_on_load() {
    let d = Dir::new("refs");
    let a = d.write("a.txt", b"Title\nRussia condemned France.\n");
    let b = d.write("b.txt", b"Title\nRussia condemned France again.\n");
    let g = d.0.join("g.json");
    assert!(geokg(&["build", s(&a), s(&b), "-o", s(&g)]).status.success());
    let good: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
    let mut v = good.clone();
    v["documents"].as_object_mut().unwrap().remove("b");
    let bad = d.write("bad-actor.json", v.to_string().as_bytes());
    let o = geokg(&["export", s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "geokg: error: {}: actor fra: document \"b\" is not among the graph's documents\n",
            bad.display()
        )
    );
    for n in v["nodes"].as_array_mut().unwrap() {
        n["documents"].as_object_mut().unwrap().remove("b");
    }
    let bad = d.write("bad-edge.json", v.to_string().as_bytes());
    for args in
        [&["query", s(&bad), "neighbors", "Russia"][..], &["merge", s(&bad), s(&g)], &["export", s(&bad)]]
    {
        let o = geokg(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&o),
            format!(
                "geokg: error: {}: edge rus -> fra (111), evidence 2: document \"b\" is not among the graph's documents\n",
                bad.display()
            )
        );
    }
    let mut v = good;
    v.as_object_mut().unwrap().remove("documents");
    let old = d.write("old.json", v.to_string().as_bytes());
    let loaded = geokg::Graph::load(&old).unwrap();
    assert_eq!(loaded.documents().keys().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(loaded.edges().next().unwrap().count, 2);
}

/// A file built into a graph on its own (known by its bare name) is recognised when its folder is
/// built into the graph later (where it is known by its path): counted once, renamed; a file of
/// that bare name in the same folder is another document.
#[test]
fn a_file_named_alone_before_is_recognised_in_its_folder() {
    let d = Dir::new("renamed");
    let nested = d.write("in/a/report.txt", b"Title\nRussia condemned France.\n");
    d.write("in/b/report.txt", b"Title\nIran threatened Israel.\n");
    d.write("in/report.txt", b"Title\nChina praised Brazil.\n");
    let g = d.0.join("g.json");
    let o = geokg(&["build", "--into", s(&g), s(&nested)]);
    assert!(stderr(&o).contains("1 new, 0 unchanged, 0 replaced article(s)"), "{}", stderr(&o));
    assert_eq!(documents(&g), ["report"]);
    let o = geokg(&["build", "--into", s(&g), s(&d.0.join("in"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 new, 1 unchanged, 0 replaced article(s)"), "{}", stderr(&o));
    assert_eq!(documents(&g), ["a/report", "b/report", "report"]);
    let o = geokg(&["query", s(&g), "links", "Russia", "France", "--json"]);
    let links: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(links.as_array().unwrap().len(), 1);
    assert_eq!(links[0]["count"], 1);
    let built = d.0.join("built.json");
    assert!(geokg(&["build", s(&d.0.join("in")), "-o", s(&built)]).status.success());
    let (a, b) = (std::fs::read_to_string(&g).unwrap(), std::fs::read_to_string(&built).unwrap());
    assert_eq!(a, b);
}

/// `-o NAME.ext` without --format writes the format the extension names (`.json` is the graph
/// file for build, node-link JSON for export; `.csv` the two Neo4j files beside it).
#[test]
fn output_extension_picks_the_format() {
    let d = Dir::new("ext");
    let a = d.write("a.txt", GOOD.as_bytes());
    let g = d.0.join("graph.json");
    assert!(geokg(&["build", s(&a), "-o", s(&g), "--date", "2022-03-01", "-q"]).status.success());
    let graph: serde_json::Value = serde_json::from_slice(&std::fs::read(&g).unwrap()).unwrap();
    assert_eq!(graph["geokg_graph"], 2, "build -o graph.json writes the graph file");
    let head = |name: &str| -> String {
        let p = d.0.join(name);
        let o = geokg(&["export", s(&g), "-o", s(&p)]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{name}");
        String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned()
    };
    assert!(head("g.dot").starts_with("digraph {\n  graph [rankdir=LR, label=\"geokg\"];\n"));
    assert_eq!(head("g.GV").lines().next(), Some("digraph {"));
    assert_eq!(
        head("g.graphml").lines().nth(1),
        Some("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">")
    );
    assert!(head("g.gexf")
        .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\""));
    assert!(head("g.svg").starts_with("<?xml"));
    assert!(head("g.txt")
        .starts_with("2 actors, 1 relations\nUnited States -> Russia  111 criticize or denounce"));
    assert!(head("g.gkg").starts_with("GEOKG-GRAPH"));
    let json: serde_json::Value = {
        head("nodelink.json");
        serde_json::from_slice(&std::fs::read(d.0.join("nodelink.json")).unwrap()).unwrap()
    };
    assert_eq!((json["directed"].clone(), json["edges"][0]["cameo"].clone()), (true.into(), "111".into()));
    let cy: serde_json::Value = {
        head("g.cyjs");
        serde_json::from_slice(&std::fs::read(d.0.join("g.cyjs")).unwrap()).unwrap()
    };
    assert_eq!(cy["elements"]["edges"][0]["data"]["cameo"], "111");
    // NAME.csv: NAME.nodes.csv and NAME.edges.csv beside it, said on stderr
    let csv = d.0.join("neo.v1.csv");
    let o = geokg(&["export", s(&g), "-o", s(&csv)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (nodes, edges) = (d.0.join("neo.v1.nodes.csv"), d.0.join("neo.v1.edges.csv"));
    assert_eq!(stderr(&o), format!("geokg: wrote {} and {}\n", nodes.display(), edges.display()));
    assert!(std::fs::read_to_string(&nodes).unwrap().starts_with("id:ID,"));
    assert!(std::fs::read_to_string(&edges).unwrap().starts_with(":START_ID,"));
    assert!(!csv.exists());
    // build takes the extension too, and --format agreeing with it
    let gexf = d.0.join("built.gexf");
    assert!(geokg(&["build", s(&a), "-o", s(&gexf), "--date", "2022-03-01", "-q"]).status.success());
    assert!(std::fs::read_to_string(&gexf)
        .unwrap()
        .contains("<spell start=\"2022-03-01\" end=\"2022-03-01\"/>"));
    let o = geokg(&["export", s(&g), "--format", "cytoscape", "-o", s(&d.0.join("cy.json"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// --format and a known extension that disagree, or an extension with no known format and no
/// --format, are refused before anything is read or written.
#[test]
fn output_extension_and_format_must_agree() {
    let d = Dir::new("ext-mismatch");
    let a = d.write("a.txt", GOOD.as_bytes());
    let g = d.0.join("graph.json");
    assert!(geokg(&["build", s(&a), "-o", s(&g), "-q"]).status.success());
    let out = d.0.join("g.graphml");
    let o = geokg(&["export", s(&g), "--format", "dot", "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "geokg: error: --format dot does not match -o {}: a .graphml file is graphml; drop --format or change the file name\n",
            out.display()
        )
    );
    assert!(!out.exists());
    let gkg = d.0.join("g.gkg");
    let o = geokg(&["build", s(&a), "--format", "json", "-o", s(&gkg)]);
    assert_eq!(
        stderr(&o),
        format!(
            "geokg: error: --format json does not match -o {}: a .gkg file is graph; drop --format or change the file name\n",
            gkg.display()
        )
    );
    let png = d.0.join("g.png");
    let o = geokg(&["export", s(&g), "-o", s(&png)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "geokg: error: -o {}: no format is known for .png; give --format (graph, dot, json, graphml, gexf, cytoscape, csv, svg, table)\n",
            png.display()
        )
    );
    assert!(!png.exists());
    let o = geokg(&["export", s(&g), "--format", "csv"]);
    assert_eq!(stderr(&o), "geokg: error: --format csv needs -o FOLDER or -o NAME.csv\n");
}

/// Datelines with a weekday or day first are read, an undated article's events are counted as
/// undated in the summary line, and the timeline lists them as undated, with the actors' names.
#[test]
fn undated_events_are_counted_and_listed() {
    let d = Dir::new("undated");
    d.write("a.txt", "Headline\nFriday, February 25, 2022\nRussia attacked Ukraine.\n".as_bytes());
    d.write("b.txt", "Headline\nRussia attacked Ukraine again.\n".as_bytes());
    d.write("c.txt", "Gros titre\n22/06/2025\nL'Ukraine a condamné la Russie.\n".as_bytes());
    d.write("e.txt", "Headline\nmardi 3 mai 2022\nRussia attacked Ukraine.\n".as_bytes());
    let g = d.0.join("g.json");
    let o = geokg(&["build", s(&d.0), "-o", s(&g)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.starts_with("geokg: 4 article(s), 0.0 MB in "), "{err}");
    assert!(err.ends_with(" MB/s), 4 event(s), 1 undated, 0 input(s) skipped\n"), "{err}");
    let o = geokg(&["query", s(&g), "timeline", "Ukraine", "Russia"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        concat!(
            "period     source                   target                   events goldstein\n",
            "2022-02    Russia                   Ukraine                       1     -10.0\n",
            "2022-05    Russia                   Ukraine                       1     -10.0\n",
            "2025-06    Ukraine                  Russia                        1      -2.0\n",
            "undated    Russia                   Ukraine                       1     -10.0\n",
        )
    );
    let o = geokg(&["query", s(&g), "timeline", "Ukraine", "Russia", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        rows[3],
        serde_json::json!({"period": null, "source": "rus", "source_name": "Russia", "target": "ukr",
            "target_name": "Ukraine", "count": 1, "goldstein": -10.0})
    );
}

/// Russia → Germany and France (names in another order than ids: deu < fra, France < Germany),
/// three times on Ukraine in two documents, and Ukraine → Russia once.
fn named_graph(d: &Dir) -> PathBuf {
    let f = d.write(
        "news.jsonl",
        concat!(
            "{\"id\":\"a\",\"date\":\"2022-01-10\",\"text\":\"Russia condemned Germany. Russia condemned France.\"}\n",
            "{\"id\":\"b\",\"date\":\"2022-02-20\",\"text\":\"Russia attacked Ukraine. Ukraine condemned Russia.\"}\n",
            "{\"id\":\"c\",\"date\":\"2022-03-06\",\"text\":\"Russia attacked Ukraine. Russia attacked Ukraine in Kharkiv.\"}\n",
        )
        .as_bytes(),
    );
    let g = d.0.join("g.json");
    let o = geokg(&["build", s(&f), "-o", s(&g), "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    g
}

/// `links --evidence N|all` shows the evidence of each relation by date, and says how much is
/// left; every relation counts its events and its documents.
#[test]
fn links_show_every_evidence_with_events_and_documents() {
    let d = Dir::new("evidence");
    let g = named_graph(&d);
    let o = geokg(&["query", s(&g), "links", "Ukraine", "Russia", "--evidence", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        concat!(
            "Ukraine -> Russia  111 criticize or denounce: 1 event(s) in 1 document(s), 2022-02-20\n",
            "    2022-02-20 “Ukraine condemned Russia.” (b, sentence 1)\n",
            "Russia -> Ukraine  190 use conventional military force: 3 event(s) in 2 document(s), 2022-02-20..2022-03-06\n",
            "    2022-02-20 “Russia attacked Ukraine.” (b, sentence 0)\n",
            "    2022-03-06 “Russia attacked Ukraine.” (c, sentence 0)\n",
            "    … 1 more (--evidence all)\n",
        )
    );
    let o = geokg(&["query", s(&g), "links", "Russia", "Ukraine", "--evidence", "all", "--json"]);
    let links: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((links[0]["count"].clone(), links[0]["documents"].clone()), (3.into(), 2.into()));
    let texts: Vec<(&str, u64)> = links[0]["all_evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["doc"].as_str().unwrap(), e["sentence"].as_u64().unwrap()))
        .collect();
    assert_eq!(texts, [("b", 0), ("c", 0), ("c", 1)]);
    // without --evidence, the JSON is as before: one evidence sentence, no list
    let o = geokg(&["query", s(&g), "links", "Russia", "Ukraine", "--json"]);
    let links: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(links[0].get("all_evidence").is_none());
    assert_eq!(links[0]["evidence"], "Russia attacked Ukraine.");
    let o = geokg(&["query", s(&g), "links", "Russia", "Ukraine", "--evidence", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid value '0' for '--evidence <N|all>': use a number from 1, or all"));
    let o = geokg(&["query", s(&g), "top", "-n", "2"]);
    assert_eq!(
        stdout(&o).lines().take(3).collect::<Vec<_>>(),
        [
            "actor                             pagerank  degree  events documents",
            "Russia                              0.3612       4       6         3",
            "Ukraine                             0.2948       2       4         2",
        ]
    );
}

/// Relation tables are sorted by name (France before Germany, whose id deu comes first).
#[test]
fn tables_sort_by_name() {
    let d = Dir::new("by-name");
    let g = named_graph(&d);
    let o = geokg(&["query", s(&g), "neighbors", "Russia"]);
    let out = stdout(&o);
    let heads: Vec<&str> =
        out.lines().filter(|l| !l.starts_with(' ')).map(|l| l.split("  ").next().unwrap()).collect();
    assert_eq!(heads, ["Russia -> France", "Russia -> Germany", "Russia -> Ukraine", "Ukraine -> Russia"]);
    let o = geokg(&["export", s(&g), "--format", "table"]);
    let out = stdout(&o);
    let heads: Vec<&str> =
        out.lines().skip(1).filter(|l| !l.starts_with(' ')).map(|l| l.split("  ").next().unwrap()).collect();
    assert_eq!(heads, ["Russia -> France", "Russia -> Germany", "Russia -> Ukraine", "Ukraine -> Russia"]);
    let o = geokg(&["query", s(&g), "top", "-n", "3", "--json"]);
    let top: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rels: Vec<&str> =
        top["relations"].as_array().unwrap().iter().map(|r| r["target_name"].as_str().unwrap()).collect();
    assert_eq!(rels, ["Ukraine", "France", "Germany"]);
}

/// An export whose selection matches nothing says so on stderr, naming the option when it is
/// --country (matched without case).
#[test]
fn an_empty_selection_warns() {
    let d = Dir::new("empty-selection");
    let g = named_graph(&d);
    let o = geokg(&["export", s(&g), "--country", "XXX", "--format", "table"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "0 actors, 0 relations\nno relation\n");
    assert_eq!(stderr(&o), "geokg: warning: the selection is empty: --country XXX matches no actor\n");
    let o = geokg(&["export", s(&g), "--country", "rus", "--format", "table"]);
    assert_eq!(
        stderr(&o),
        "geokg: warning: the selection is empty: no relation passes the filters and selection\n"
    );
    let o = geokg(&["export", s(&g), "--actors", "Russia,ukr", "--format", "table"]);
    assert_eq!(stderr(&o), "");
    assert!(stdout(&o).starts_with("2 actors, 2 relations\n"), "{}", stdout(&o));
}
