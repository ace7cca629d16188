//! Evaluation against gold annotations, exactly as `shared/docs/gold-format.md` defines it (and as
//! the reference scorer `score.py` computes it): four levels, precision / recall / F1.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Actor, Event};
use crate::text::name_key;

/// The four scoring levels, in report order.
pub const LEVELS: [&str; 4] = ["country+root", "actor+root", "country-dyad", "actor-dyad"];

/// A gold actor: acceptable names and the state's code.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldActor {
    /// Acceptable names; the first is canonical.
    pub names: Vec<String>,
    /// ISO alpha-3, or null.
    pub country: Option<String>,
}

/// One gold event.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    /// Document id.
    pub doc: String,
    /// Who acts.
    pub source: GoldActor,
    /// Acceptable CAMEO roots.
    pub roots: Vec<String>,
    /// Who is acted upon.
    pub target: GoldActor,
    /// Must a good coder find it?
    #[serde(default = "yes")]
    pub core: bool,
}

fn yes() -> bool {
    true
}

/// Figures at one level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    /// TP / (TP + FP).
    pub precision: f64,
    /// Core groups found / core groups.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// Core gold groups.
    pub core: usize,
    /// Core gold groups found.
    pub core_found: usize,
}

impl Score {
    fn finish(mut self) -> Self {
        // like Python's round(x, 3): exact ties go to the even digit (0.5625 -> 0.562)
        let r3 = |x: f64| format!("{x:.3}").parse::<f64>().unwrap_or(x);
        let p = if self.tp + self.fp > 0 { self.tp as f64 / (self.tp + self.fp) as f64 } else { 0.0 };
        let r = if self.core > 0 { self.core_found as f64 / self.core as f64 } else { 0.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        self.precision = r3(p);
        self.recall = r3(r);
        self.f1 = r3(f);
        self
    }

    fn add(&mut self, o: &Score) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.core += o.core;
        self.core_found += o.core_found;
    }
}

/// Reads every `*.gold.jsonl` of a folder, by document id.
pub fn load_gold(dir: &Path) -> Result<BTreeMap<String, Vec<GoldEvent>>> {
    Ok(load_folder(dir)?.into_iter().map(|(doc, (_, events))| (doc, events)).collect())
}

/// Gold events by document id, each with the first file that names the document.
fn load_folder(dir: &Path) -> Result<BTreeMap<String, (PathBuf, Vec<GoldEvent>)>> {
    let mut out: BTreeMap<String, (PathBuf, Vec<GoldEvent>)> = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.jsonl"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::new(ErrorKind::Gold, "no *.gold.jsonl file").at(dir));
    }
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| Error::io(&f, &e))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let g: GoldEvent = serde_json::from_str(line).map_err(|e| {
                Error::new(ErrorKind::Gold, format!("bad gold event: {e}")).at(&f).line(n + 1)
            })?;
            out.entry(g.doc.clone()).or_insert_with(|| (f.clone(), Vec::new())).1.push(g);
        }
    }
    Ok(out)
}

/// The gold events of several folders.
#[derive(Debug, Clone, Default)]
pub struct GoldSet {
    /// The folders, in the order given.
    pub dirs: Vec<PathBuf>,
    /// Gold events by document id, over all folders.
    pub events: BTreeMap<String, Vec<GoldEvent>>,
    /// The folder of each document: an index into `dirs`.
    pub folder: BTreeMap<String, usize>,
}

impl GoldSet {
    /// Reads every `*.gold.jsonl` of each folder. A document id found in two folders is an error
    /// naming both files (within one folder, several files may add to one document, as `score.py`
    /// reads them).
    pub fn load(dirs: &[PathBuf]) -> Result<GoldSet> {
        let mut set = GoldSet { dirs: dirs.to_vec(), ..GoldSet::default() };
        let mut first_file: BTreeMap<String, PathBuf> = BTreeMap::new();
        for (i, dir) in dirs.iter().enumerate() {
            for (doc, (file, events)) in load_folder(dir)? {
                if let Some(other) = first_file.get(&doc) {
                    return Err(Error::new(
                        ErrorKind::Gold,
                        format!(
                            "document {doc:?} is in two folders: {} and {}; document ids must be unique",
                            other.display(),
                            file.display()
                        ),
                    ));
                }
                first_file.insert(doc.clone(), file);
                set.folder.insert(doc.clone(), i);
                set.events.insert(doc, events);
            }
        }
        Ok(set)
    }

    /// The folder a document's gold comes from.
    pub fn dir_of(&self, doc: &str) -> Option<&Path> {
        self.folder.get(doc).map(|&i| self.dirs[i].as_path())
    }
}

fn names_match(pred: &str, gold: &[String]) -> bool {
    let p = name_key(pred);
    if p.is_empty() {
        return false;
    }
    let pt: Vec<&str> = p.split(' ').collect();
    let contains = |hay: &[&str], needle: &[&str]| {
        needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle)
    };
    gold.iter().any(|g| {
        let n = name_key(g);
        if n.is_empty() {
            return false;
        }
        let nt: Vec<&str> = n.split(' ').collect();
        p == n || contains(&pt, &nt) || (contains(&nt, &pt) && p.chars().count() >= 4)
    })
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum Side {
    Country(String),
    Name(String),
}

/// (source side, sorted roots at the root levels, target side).
type GroupKey = (Side, Option<Vec<String>>, Side);

fn pred_side(a: &Actor, country_level: bool) -> Side {
    match (&a.country, country_level) {
        (Some(c), true) if !c.is_empty() => Side::Country(c.to_string()),
        _ => Side::Name(name_key(&a.name)),
    }
}

fn gold_side(a: &GoldActor, country_level: bool) -> Side {
    match (&a.country, country_level) {
        (Some(c), true) if !c.is_empty() => Side::Country(c.clone()),
        _ => Side::Name(name_key(a.names.first().map_or("", String::as_str))),
    }
}

fn actor_fits(pred: &Actor, gold: &GoldActor, country_level: bool) -> bool {
    if country_level {
        if let Some(gc) = gold.country.as_deref().filter(|c| !c.is_empty()) {
            return pred.country.as_deref() == Some(gc);
        }
    }
    names_match(&pred.name, &gold.names)
}

/// Scores one document's predictions at one level.
pub fn score_doc(gold: &[GoldEvent], pred: &[&Event], level: &str) -> Score {
    let country = level.starts_with("country");
    let with_rel = level.ends_with("root");
    let mut seen = HashSet::new();
    let mut preds: Vec<(&Actor, String, &Actor)> = Vec::new();
    for e in pred {
        let r = e.relation.root().to_string();
        let key = (pred_side(&e.source, country), with_rel.then(|| r.clone()), pred_side(&e.target, country));
        if key.0 == key.2 || !seen.insert(key) {
            continue;
        }
        preds.push((&e.source, r, &e.target));
    }
    // gold groups, in first-appearance order
    let mut order: Vec<GroupKey> = Vec::new();
    let mut groups: HashMap<GroupKey, (Vec<&GoldEvent>, bool)> = HashMap::new();
    for g in gold {
        let mut roots = g.roots.clone();
        roots.sort();
        let key = (gold_side(&g.source, country), with_rel.then_some(roots), gold_side(&g.target, country));
        if key.0 == key.2 {
            continue;
        }
        let entry = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            (Vec::new(), false)
        });
        entry.0.push(g);
        entry.1 |= g.core;
    }
    let glist: Vec<&(Vec<&GoldEvent>, bool)> = order.iter().map(|k| &groups[k]).collect();
    let fits = |p: &(&Actor, String, &Actor), g: &GoldEvent| {
        (!with_rel || g.roots.contains(&p.1))
            && actor_fits(p.0, &g.source, country)
            && actor_fits(p.2, &g.target, country)
    };
    let adj: Vec<Vec<usize>> = preds
        .iter()
        .map(|p| (0..glist.len()).filter(|&gi| glist[gi].0.iter().any(|g| fits(p, g))).collect())
        .collect();
    let mut owner: HashMap<usize, usize> = HashMap::new();
    fn assign(
        pi: usize,
        allowed: &HashSet<usize>,
        visited: &mut HashSet<usize>,
        adj: &[Vec<usize>],
        owner: &mut HashMap<usize, usize>,
    ) -> bool {
        for &gi in &adj[pi] {
            if allowed.contains(&gi) && visited.insert(gi) {
                let free = match owner.get(&gi) {
                    None => true,
                    Some(&other) => assign(other, allowed, visited, adj, owner),
                };
                if free {
                    owner.insert(gi, pi);
                    return true;
                }
            }
        }
        false
    }
    let core_groups: HashSet<usize> = (0..glist.len()).filter(|&gi| glist[gi].1).collect();
    for pi in 0..preds.len() {
        assign(pi, &core_groups, &mut HashSet::new(), &adj, &mut owner);
    }
    let everything: HashSet<usize> = (0..glist.len()).collect();
    for pi in 0..preds.len() {
        if !owner.values().any(|&v| v == pi) {
            assign(pi, &everything, &mut HashSet::new(), &adj, &mut owner);
        }
    }
    Score {
        tp: owner.len(),
        fp: adj.iter().filter(|a| a.is_empty()).count(),
        core: core_groups.len(),
        core_found: core_groups.iter().filter(|g| owner.contains_key(g)).count(),
        ..Score::default()
    }
}

/// The scores of a whole evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Totals per level.
    pub levels: BTreeMap<String, Score>,
    /// Per document, per level.
    pub documents: BTreeMap<String, BTreeMap<String, Score>>,
}

impl Report {
    /// The totals per level over some of the documents (counts summed before dividing, as over
    /// the whole set). Documents without scores are ignored.
    pub fn total_of<'a>(&self, docs: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, Score> {
        let mut totals: BTreeMap<String, Score> =
            LEVELS.iter().map(|l| (l.to_string(), Score::default())).collect();
        for levels in docs.into_iter().filter_map(|d| self.documents.get(d)) {
            for (level, s) in levels {
                totals.entry(level.clone()).or_default().add(s);
            }
        }
        totals.into_iter().map(|(l, s)| (l, s.finish())).collect()
    }
}

/// Scores predicted events against gold events (both by document id), at the four levels.
/// Predictions for documents without gold are ignored.
pub fn score(gold: &BTreeMap<String, Vec<GoldEvent>>, pred: &[Event]) -> Report {
    let mut by_doc: HashMap<&str, Vec<&Event>> = HashMap::new();
    for e in pred {
        by_doc.entry(e.doc.as_str()).or_default().push(e);
    }
    let mut report = Report::default();
    for level in LEVELS {
        let mut total = Score::default();
        for (doc, g) in gold {
            let p = by_doc.get(doc.as_str()).map_or(&[][..], Vec::as_slice);
            let s = score_doc(g, p, level);
            total.add(&s);
            report.documents.entry(doc.clone()).or_default().insert(level.to_string(), s.finish());
        }
        report.levels.insert(level.to_string(), total.finish());
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_matching_follows_the_reference() {
        let g = vec!["Ali Khamenei".to_string()];
        assert!(names_match("Khamenei", &g));
        assert!(names_match("Ayatollah Ali Khamenei", &g));
        assert!(!names_match("Ali", &g)); // a shorter predicted name needs 4 characters
        assert!(!names_match("Khamene", &g));
    }
}
