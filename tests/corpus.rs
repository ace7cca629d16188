//! `tests/corpus`: every gold file is well formed (the format of `shared/docs/gold-format.md`) and
//! every text has its attribution in `SOURCES.tsv`. Each problem is reported with its file and line.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

const HEADER: &str = "file\tlang\ttitle\tdate\torigin\turl\tlicence";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    root().join("tests/corpus")
}

/// The path as written in messages: relative to the checkout.
fn shown(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// Rows of a TSV data file, without comments and header (the header starts with `first`).
fn data_rows(path: &Path, first: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", shown(path)));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty() && !l.starts_with(first))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// The CAMEO roots of data/cameo.tsv (the codes of level 1).
fn cameo_roots() -> HashSet<String> {
    let roots: HashSet<String> = data_rows(&root().join("data/cameo.tsv"), "code\t")
        .into_iter()
        .filter(|r| r.get(2).is_some_and(|level| level == "1"))
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(roots.len(), 20, "data/cameo.tsv: 20 roots expected");
    roots
}

/// The ISO 3166-1 alpha-3 codes of data/actors/countries.tsv (first column), plus XKX, the
/// user-assigned code in common use for Kosovo.
fn country_codes() -> HashSet<String> {
    let mut codes: HashSet<String> = data_rows(&root().join("data/actors/countries.tsv"), "iso3\t")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert!(codes.len() >= 193, "data/actors/countries.tsv: {} codes", codes.len());
    codes.insert("XKX".to_string());
    codes
}

fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut f: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", shown(dir)))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(suffix))
        .collect();
    f.sort();
    f
}

fn stem(p: &Path, suffix: &str) -> String {
    let name = p.file_name().unwrap().to_string_lossy();
    name[..name.len() - suffix.len()].to_string()
}

/// The problems of one gold actor (`side` is "source" or "target").
fn check_actor(a: &Value, side: &str, countries: &HashSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    if !a.is_object() {
        return vec![format!("{side} is not an object")];
    }
    match a["names"].as_array() {
        Some(names) if !names.is_empty() => {
            if names.iter().any(|n| n.as_str().is_none_or(|n| n.trim().is_empty())) {
                out.push(format!("{side}.names holds something other than a non-empty name: {}", a["names"]));
            }
        }
        _ => out.push(format!("{side}.names must be a non-empty list of names")),
    }
    match &a["country"] {
        Value::Null => {}
        Value::String(c) if countries.contains(c) => {}
        other => out.push(format!("{side}.country {other} is neither null nor an ISO 3166-1 alpha-3 code")),
    }
    out
}

/// The problems of one gold line.
fn check_event(
    line: &str,
    doc: &str,
    text: Option<&str>,
    roots: &HashSet<String>,
    countries: &HashSet<String>,
    ids: &mut HashMap<String, usize>,
    line_no: usize,
) -> Vec<String> {
    let v: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return vec![format!("not JSON: {e}")],
    };
    let mut out = Vec::new();
    if let Err(e) = serde_json::from_str::<geokg::eval::GoldEvent>(line) {
        out.push(format!("not a gold event: {e}"));
    }
    match v["doc"].as_str() {
        Some(d) if d == doc => {}
        _ => out.push(format!("doc is {}, not the file stem {doc:?}", v["doc"])),
    }
    match v["id"].as_str() {
        Some(id) if !id.trim().is_empty() => {
            if let Some(first) = ids.insert(id.to_string(), line_no) {
                out.push(format!("id {id:?} already on line {first}"));
            }
        }
        _ => out.push(format!("id {} is not a non-empty string", v["id"])),
    }
    out.extend(check_actor(&v["source"], "source", countries));
    out.extend(check_actor(&v["target"], "target", countries));
    match v["roots"].as_array() {
        Some(rs) if !rs.is_empty() => {
            for r in rs {
                let ok = r.as_str().is_some_and(|r| {
                    r.len() == 2
                        && r.bytes().all(|b| b.is_ascii_digit())
                        && ("01"..="20").contains(&r)
                        && roots.contains(r)
                });
                if !ok {
                    out.push(format!("root {r} is not a CAMEO root (two digits, 01 to 20)"));
                }
            }
        }
        _ => out.push("roots must be a non-empty list".to_string()),
    }
    if !v["core"].is_boolean() {
        out.push(format!("core {} is not true or false", v["core"]));
    }
    match (v["quote"].as_str(), text) {
        (Some(q), Some(t)) if !q.trim().is_empty() => {
            if !t.contains(q) {
                out.push(format!("quote {q:?} is not in the text"));
            }
        }
        (Some(q), _) if !q.trim().is_empty() => {}
        _ => out.push(format!("quote {} is not a non-empty string", v["quote"])),
    }
    out
}

/// The problems of a gold file, each as `FILE:LINE: message`; the text is `text_dir/STEM.txt`.
fn check_gold_file(
    path: &Path,
    text_dir: &Path,
    roots: &HashSet<String>,
    countries: &HashSet<String>,
) -> Vec<String> {
    let doc = stem(path, ".gold.jsonl");
    let text_path = text_dir.join(format!("{doc}.txt"));
    let text = std::fs::read_to_string(&text_path).ok();
    let mut out = Vec::new();
    if text.is_none() {
        out.push(format!("{}: no text {}", shown(path), shown(&text_path)));
    }
    let gold = match std::fs::read_to_string(path) {
        Ok(g) => g,
        Err(e) => return vec![format!("{}: {e}", shown(path))],
    };
    let mut ids = HashMap::new();
    for (n, line) in gold.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        for p in check_event(line, &doc, text.as_deref(), roots, countries, &mut ids, n + 1) {
            out.push(format!("{}:{}: {p}", shown(path), n + 1));
        }
    }
    out
}

#[test]
fn every_gold_file_is_well_formed() {
    let (roots, countries) = (cameo_roots(), country_codes());
    let dir = corpus();
    let mut problems = Vec::new();
    let gold = files(&dir, ".gold.jsonl");
    assert!(!gold.is_empty(), "{}: no gold file", shown(&dir));
    for g in &gold {
        problems.extend(check_gold_file(g, &dir, &roots, &countries));
    }
    // the agreement study's two annotations, of texts in the corpus
    for sub in ["agreement/a", "agreement/b"] {
        let sub = dir.join(sub);
        if sub.is_dir() {
            for g in files(&sub, ".gold.jsonl") {
                problems.extend(check_gold_file(&g, &dir, &roots, &countries));
            }
        }
    }
    // every text has its gold file (empty when the article has no event)
    for t in files(&dir, ".txt") {
        let g = dir.join(format!("{}.gold.jsonl", stem(&t, ".txt")));
        if !g.is_file() {
            problems.push(format!("{}: no gold file {}", shown(&t), shown(&g)));
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_text_has_its_attribution_and_every_attribution_its_text() {
    let dir = corpus();
    let path = dir.join("SOURCES.tsv");
    let sources = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", shown(&path)));
    let mut problems = Vec::new();
    let mut lines = sources.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h == HEADER => {}
        h => problems.push(format!(
            "{}:1: the header must be {HEADER:?}, not {:?}",
            shown(&path),
            h.map(|h| h.1)
        )),
    }
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    let mut langs: BTreeMap<String, usize> = BTreeMap::new();
    for (n, line) in lines {
        let at = format!("{}:{}", shown(&path), n + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 7 {
            problems.push(format!("{at}: {} columns, 7 expected ({HEADER:?})", cols.len()));
            continue;
        }
        for (name, value) in HEADER.split('\t').zip(&cols) {
            if value.trim().is_empty() {
                problems.push(format!("{at}: empty {name}"));
            }
        }
        let file = cols[0];
        if !file.ends_with(".txt") || file.contains('/') {
            problems.push(format!("{at}: file {file:?} is not the name of a .txt in the folder"));
        } else if !dir.join(file).is_file() {
            problems.push(format!("{at}: no text {}", shown(&dir.join(file))));
        }
        if !["fr", "en"].contains(&cols[1]) {
            problems.push(format!("{at}: lang {:?} is neither fr nor en", cols[1]));
        }
        *langs.entry(cols[1].to_string()).or_default() += 1;
        if let Some(first) = rows.insert(file.to_string(), n + 1) {
            problems.push(format!("{at}: second row for {file} (first on line {first})"));
        }
    }
    let texts: BTreeSet<String> =
        files(&dir, ".txt").iter().map(|t| t.file_name().unwrap().to_string_lossy().to_string()).collect();
    for t in &texts {
        if !rows.contains_key(t) {
            problems.push(format!("{}: no attribution row in {}", shown(&dir.join(t)), shown(&path)));
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
    // the size issue 14 asks for
    assert!(texts.len() >= 70, "{} texts, at least 70 expected", texts.len());
    assert!(langs.get("fr").copied().unwrap_or(0) >= 40, "French texts: {:?}", langs);
}
