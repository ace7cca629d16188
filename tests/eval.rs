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
    assert_eq!(ours, reference);
}
