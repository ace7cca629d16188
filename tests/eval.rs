//! `geokg eval`: exact figures on a written gold set, and agreement with the reference scorer.

use std::path::PathBuf;
use std::process::Command;

fn geokg(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_geokg")).args(args).output().unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("geokg-eval-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

#[test]
fn scores_a_written_gold_set_exactly() {
    let dir = temp_dir("written");
    std::fs::write(
        dir.join("d1.txt"),
        "A headline\nRussia condemned the United States. France attacked Iran. Germany praised Italy.\n",
    )
    .unwrap();
    let gold = [
        // found: Russia -11-> United States (core)
        r#"{"doc":"d1","id":"e1","source":{"names":["Russia"],"country":"RUS"},"roots":["11"],"target":{"names":["United States"],"country":"USA"},"core":true}"#,
        // found with the wrong root: France -19-> Iran coded, gold says 18
        r#"{"doc":"d1","id":"e2","source":{"names":["France"],"country":"FRA"},"roots":["18"],"target":{"names":["Iran"],"country":"IRN"},"core":true}"#,
        // not found at all (core)
        r#"{"doc":"d1","id":"e3","source":{"names":["Spain"],"country":"ESP"},"roots":["04"],"target":{"names":["Portugal"],"country":"PRT"},"core":true}"#,
    ];
    std::fs::write(dir.join("d1.gold.jsonl"), gold.join("\n") + "\n").unwrap();
    let o = geokg(&["eval", dir.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // predictions: RUS-11-USA (tp), FRA-19-IRN (fp at root levels), DEU-05-ITA (fp)
    let cr = &v["country+root"];
    assert_eq!(
        (cr["tp"].as_u64(), cr["fp"].as_u64(), cr["core"].as_u64(), cr["core_found"].as_u64()),
        (Some(1), Some(2), Some(3), Some(1))
    );
    assert_eq!(
        (cr["precision"].as_f64(), cr["recall"].as_f64(), cr["f1"].as_f64()),
        (Some(0.333), Some(0.333), Some(0.333))
    );
    let cd = &v["country-dyad"];
    assert_eq!(
        (cd["tp"].as_u64(), cd["fp"].as_u64(), cd["core_found"].as_u64()),
        (Some(2), Some(1), Some(2))
    );
    assert_eq!(
        (cd["precision"].as_f64(), cd["recall"].as_f64(), cd["f1"].as_f64()),
        (Some(0.667), Some(0.667), Some(0.667))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The figures of `geokg eval` equal those of `shared/tools/score.py` on the same events, when the
/// shared folder (beside the repository) and python3 are there.
#[test]
fn agrees_with_the_reference_scorer_on_the_dev_set() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let (dev, scorer) = (shared.join("corpus/dev"), shared.join("tools/score.py"));
    let python = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if !dev.is_dir() || !scorer.is_file() || !python {
        eprintln!("skipped: needs ../shared and python3");
        return;
    }
    let texts: Vec<String> = std::fs::read_dir(&dev)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    let mut args = vec!["extract"];
    args.extend(texts.iter().map(String::as_str));
    let o = geokg(&args);
    assert!(o.status.success());
    let events = temp_dir("ref").join("events.jsonl");
    std::fs::write(&events, &o.stdout).unwrap();
    let reference =
        Command::new("python3").arg(&scorer).arg(&dev).arg(&events).arg("--json").output().unwrap();
    assert!(reference.status.success(), "{}", String::from_utf8_lossy(&reference.stderr));
    let reference: serde_json::Value = serde_json::from_slice(&reference.stdout).unwrap();
    let ours = geokg(&["eval", dev.to_str().unwrap(), "--json"]);
    let ours: serde_json::Value = serde_json::from_slice(&ours.stdout).unwrap();
    assert_eq!(levels(&ours), reference);
    // one folder: its figures are the overall ones
    assert_eq!(ours["folders"][dev.to_str().unwrap()], reference);
}

const LEVELS: [&str; 4] = ["country+root", "actor+root", "country-dyad", "actor-dyad"];

/// The overall figures of `geokg eval --json` (the reference scorer's shape), after checking that
/// nothing else is there but the "languages" and "folders" objects.
fn levels(v: &serde_json::Value) -> serde_json::Value {
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = LEVELS.to_vec();
    expected.extend(["languages", "folders"]);
    expected.sort();
    assert_eq!(keys, expected);
    serde_json::Value::Object(LEVELS.iter().map(|l| (l.to_string(), v[l].clone())).collect())
}

fn texts(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut t: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    t.sort();
    t
}

fn score_py(scorer: &std::path::Path, gold: &std::path::Path, events: &std::path::Path) -> serde_json::Value {
    let o = Command::new("python3").arg(scorer).arg(gold).arg(events).arg("--json").output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Over two folders (the shared dev set and tests/corpus), the overall figures of `geokg eval`
/// equal those of `score.py` over a merged copy of both, and each folder's equal `score.py`'s over
/// that folder; the per-language figures equal those of `--lang`.
#[test]
fn agrees_with_the_reference_scorer_on_two_folders() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared");
    let (dev, scorer) = (shared.join("corpus/dev"), shared.join("tools/score.py"));
    let corpus = root.join("tests/corpus");
    let python = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if !dev.is_dir() || !scorer.is_file() || !python {
        eprintln!("skipped: needs ../shared and python3");
        return;
    }
    let work = temp_dir("two");
    let merged = work.join("merged");
    std::fs::create_dir_all(&merged).unwrap();
    for dir in [&dev, &corpus] {
        for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
            let name = e.file_name().to_string_lossy().to_string();
            if name.ends_with(".txt") || name.ends_with(".gold.jsonl") {
                let to = merged.join(&name);
                assert!(!to.exists(), "{name} is in both folders");
                std::fs::copy(e.path(), to).unwrap();
            }
        }
    }
    let all = texts(&merged);
    let mut args = vec!["extract".to_string()];
    args.extend(all.iter().map(|p| p.to_str().unwrap().to_string()));
    let o = geokg(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let events = work.join("events.jsonl");
    std::fs::write(&events, &o.stdout).unwrap();

    let (dev_s, corpus_s) = (dev.to_str().unwrap(), corpus.to_str().unwrap());
    let ours = geokg(&["eval", dev_s, corpus_s, "--json"]);
    assert!(ours.status.success(), "{}", String::from_utf8_lossy(&ours.stderr));
    let ours: serde_json::Value = serde_json::from_slice(&ours.stdout).unwrap();
    assert_eq!(levels(&ours), score_py(&scorer, &merged, &events), "both folders");
    assert_eq!(ours["folders"][dev_s], score_py(&scorer, &dev, &events), "{dev_s}");
    assert_eq!(ours["folders"][corpus_s], score_py(&scorer, &corpus, &events), "{corpus_s}");
    assert_eq!(ours["folders"].as_object().unwrap().len(), 2);
    for lang in ["fr", "en"] {
        let only = geokg(&["eval", dev_s, corpus_s, "--json", "--lang", lang]);
        let only: serde_json::Value = serde_json::from_slice(&only.stdout).unwrap();
        assert_eq!(ours["languages"][lang], levels(&only), "{lang}");
        assert_eq!(only["languages"].as_object().unwrap().len(), 1, "{lang}");
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// Two written folders, one English and one French document: the overall figures, per language,
/// per folder, and the documents worst first, exactly.
#[test]
fn reports_per_language_per_folder_and_worst_documents_first() {
    let work = temp_dir("folders");
    let (a, b) = (work.join("a"), work.join("b"));
    for d in [&a, &b] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(
        a.join("d1.txt"),
        "A headline\nRussia condemned the United States. France attacked Iran. Germany praised Italy.\n",
    )
    .unwrap();
    let gold1 = [
        r#"{"doc":"d1","id":"e1","source":{"names":["Russia"],"country":"RUS"},"roots":["11"],"target":{"names":["United States"],"country":"USA"},"core":true}"#,
        r#"{"doc":"d1","id":"e2","source":{"names":["France"],"country":"FRA"},"roots":["18"],"target":{"names":["Iran"],"country":"IRN"},"core":true}"#,
        r#"{"doc":"d1","id":"e3","source":{"names":["Spain"],"country":"ESP"},"roots":["04"],"target":{"names":["Portugal"],"country":"PRT"},"core":true}"#,
    ];
    std::fs::write(a.join("d1.gold.jsonl"), gold1.join("\n") + "\n").unwrap();
    std::fs::write(
        b.join("d2.txt"),
        "Un titre\nLa Russie a condamné les États-Unis. La Chine a rencontré le Japon.\n",
    )
    .unwrap();
    let gold2 = [
        // found
        r#"{"doc":"d2","id":"e1","source":{"names":["Russia"],"country":"RUS"},"roots":["11"],"target":{"names":["United States"],"country":"USA"},"core":true}"#,
        // found; the coder also codes Japan -04-> China, a false positive
        r#"{"doc":"d2","id":"e2","source":{"names":["China"],"country":"CHN"},"roots":["04"],"target":{"names":["Japan"],"country":"JPN"},"core":true}"#,
        // missed
        r#"{"doc":"d2","id":"e3","source":{"names":["Iran"],"country":"IRN"},"roots":["17"],"target":{"names":["Israel"],"country":"ISR"},"core":true}"#,
    ];
    std::fs::write(b.join("d2.gold.jsonl"), gold2.join("\n") + "\n").unwrap();
    let (a_s, b_s) = (a.to_str().unwrap(), b.to_str().unwrap());
    let o = geokg(&["eval", a_s, b_s, "--per-doc"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let d1 = "country+root  P=0.333 R=0.333 F1=0.333  (tp=1 fp=2 core 1/3)
  actor+root    P=0.333 R=0.333 F1=0.333  (tp=1 fp=2 core 1/3)
  country-dyad  P=0.667 R=0.667 F1=0.667  (tp=2 fp=1 core 2/3)
  actor-dyad    P=0.667 R=0.667 F1=0.667  (tp=2 fp=1 core 2/3)
";
    let d2 = "country+root  P=0.667 R=0.667 F1=0.667  (tp=2 fp=1 core 2/3)
  actor+root    P=0.667 R=0.667 F1=0.667  (tp=2 fp=1 core 2/3)
  country-dyad  P=0.667 R=0.667 F1=0.667  (tp=2 fp=1 core 2/3)
  actor-dyad    P=0.667 R=0.667 F1=0.667  (tp=2 fp=1 core 2/3)
";
    let expected = format!(
        "geokg eval {a_s} {b_s} (2 documents)
country+root  P=0.500 R=0.500 F1=0.500  (tp=3 fp=3 core 3/6)
actor+root    P=0.500 R=0.500 F1=0.500  (tp=3 fp=3 core 3/6)
country-dyad  P=0.667 R=0.667 F1=0.667  (tp=4 fp=2 core 4/6)
actor-dyad    P=0.667 R=0.667 F1=0.667  (tp=4 fp=2 core 4/6)

language fr (1 documents)
  {d2}
language en (1 documents)
  {d1}
folder {a_s} (1 documents)
  {d1}
folder {b_s} (1 documents)
  {d2}
per document, worst country+root F1 first

d1 ({a_s}, en)
  {d1}
d2 ({b_s}, fr)
  {d2}"
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), expected);

    let o = geokg(&["eval", a_s, b_s, "--json", "--per-doc"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["documents"]["d2"]["folder"].as_str(), v["documents"]["d2"]["lang"].as_str()),
        (Some(b_s), Some("fr"))
    );
    assert_eq!(v["documents"]["d1"]["country+root"]["tp"].as_u64(), Some(1));
    assert_eq!(v["folders"][a_s]["country+root"]["f1"].as_f64(), Some(0.333));
    assert_eq!(v["languages"]["fr"]["country-dyad"]["fp"].as_u64(), Some(1));

    // French only: one language and one folder left, so no split is repeated
    let o = geokg(&["eval", a_s, b_s, "--lang", "fr"]);
    let expected = format!(
        "geokg eval {a_s} {b_s} (1 documents, fr)
country+root  P=0.667 R=0.667 F1=0.667  (tp=2 fp=1 core 2/3)
actor+root    P=0.667 R=0.667 F1=0.667  (tp=2 fp=1 core 2/3)
country-dyad  P=0.667 R=0.667 F1=0.667  (tp=2 fp=1 core 2/3)
actor-dyad    P=0.667 R=0.667 F1=0.667  (tp=2 fp=1 core 2/3)
"
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), expected);
    let _ = std::fs::remove_dir_all(&work);
}

/// A document id in two folders is an error that names both files.
#[test]
fn a_document_in_two_folders_is_an_error() {
    let work = temp_dir("clash");
    let (a, b) = (work.join("a"), work.join("b"));
    let gold = r#"{"doc":"d1","id":"e1","source":{"names":["Russia"],"country":"RUS"},"roots":["11"],"target":{"names":["United States"],"country":"USA"},"core":true}"#;
    for d in [&a, &b] {
        std::fs::create_dir_all(d).unwrap();
        std::fs::write(d.join("d1.txt"), "A headline\nRussia condemned the United States.\n").unwrap();
        std::fs::write(d.join("d1.gold.jsonl"), format!("{gold}\n")).unwrap();
    }
    let o = geokg(&["eval", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    for f in [a.join("d1.gold.jsonl"), b.join("d1.gold.jsonl")] {
        assert!(err.contains(f.to_str().unwrap()), "{err}");
    }
    assert!(o.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&work);
}
