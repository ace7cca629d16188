//! Throughput benchmarks on real articles: `cargo bench --bench throughput` prints one table.
//!
//! The articles come from `../shared/corpus` when it is there (else `examples/articles`),
//! repeated in memory to `GEOKG_BENCH_MB` megabytes (default 50). The graph benchmarks use
//! synthetic graphs of `GEOKG_BENCH_EDGES` edges (default 1 000 000).

use std::time::Instant;

#[path = "support/synthetic.rs"]
mod synthetic;

use geokg::ingest::{read_inputs, ReadOptions};
use geokg::{Article, Extractor, Graph};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Peak resident memory of the process so far, in MB (Linux).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

fn corpus() -> Vec<Article> {
    let shared = std::path::Path::new("../shared/corpus");
    let inputs: Vec<std::path::PathBuf> = if shared.is_dir() {
        vec![shared.join("articles"), shared.join("dev"), shared.join("raw_fr")]
    } else {
        vec!["examples/articles".into()]
    };
    read_inputs(&inputs, &ReadOptions::default()).articles
}

fn main() {
    let target_mb = env_usize("GEOKG_BENCH_MB", 50);
    let edges = env_usize("GEOKG_BENCH_EDGES", 1_000_000);
    // start-up: the embedded lexicons alone, then the whole extractor (lexicons and syntax models)
    let t = Instant::now();
    let lex = geokg::Lexicon::default();
    let lexicon_ms = t.elapsed().as_secs_f64() * 1e3;
    let lexicon_actors = lex.actors().len();
    drop(lex);
    let t = Instant::now();
    let ex = Extractor::default();
    let extractor_ms = t.elapsed().as_secs_f64() * 1e3;
    let base = corpus();
    let base_bytes: usize = base.iter().map(|a| a.text.len()).sum();
    let copies = (target_mb * 1_000_000 / base_bytes.max(1)).max(1);
    let articles: Vec<Article> = (0..copies)
        .flat_map(|c| base.iter().map(move |a| Article { id: format!("{}-{c}", a.id), ..a.clone() }))
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut rows: Vec<(String, String)> = Vec::new();
    rows.push(("cores".into(), std::thread::available_parallelism().map_or(1, |n| n.get()).to_string()));
    rows.push(("load the lexicons".into(), format!("{lexicon_ms:.0} ms ({lexicon_actors} actors)")));
    rows.push(("load the extractor (lexicons and models)".into(), format!("{extractor_ms:.0} ms")));
    rows.push((
        "articles".into(),
        format!("{} ({:.1} MB, {} real ones repeated)", articles.len(), bytes as f64 / 1e6, base.len()),
    ));

    // extraction, one core
    let t = Instant::now();
    let mut events = 0;
    for a in &articles {
        events += ex.extract(a).len();
    }
    let secs = t.elapsed().as_secs_f64();
    rows.push((
        "extract, 1 core".into(),
        format!(
            "{:.1} MB/s ({} events, {:.0} articles/s)",
            bytes as f64 / 1e6 / secs,
            events,
            articles.len() as f64 / secs
        ),
    ));

    // extraction without the syntax stage, one core
    let plain =
        Extractor::default().with_options(geokg::ExtractOptions { parse: false, ..Default::default() });
    let t = Instant::now();
    let mut plain_events = 0;
    for a in &articles {
        plain_events += plain.extract(a).len();
    }
    let secs = t.elapsed().as_secs_f64();
    rows.push((
        "extract without parsing, 1 core".into(),
        format!("{:.1} MB/s ({} events)", bytes as f64 / 1e6 / secs, plain_events),
    ));

    // the parser alone (tagging and parsing every sentence of the real articles), one core
    let t = Instant::now();
    let (mut words, mut parsed_bytes) = (0usize, 0usize);
    for a in &base {
        let Some(model) = ex.model(a.lang) else { continue };
        for s in geokg::segment::segment(&a.text, a.body.clone(), 0) {
            words += geokg::syntax::parse_sentence(model, &a.text, &s).words.len();
            parsed_bytes += s.end - s.start;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    rows.push((
        "tag and parse every sentence, 1 core".into(),
        format!("{:.0} words/s ({:.2} MB/s)", words as f64 / secs, parsed_bytes as f64 / 1e6 / secs),
    ));

    // build, one core, as `geokg build` does it (evidence appended, each edge sorted once)
    let t = Instant::now();
    let mut g = Graph::new();
    let mut bulk = g.bulk();
    for a in &articles {
        bulk.add_analysis(a, &ex.analyze(a));
    }
    drop(bulk);
    let secs = t.elapsed().as_secs_f64();
    rows.push((
        "build, 1 core".into(),
        format!(
            "{:.1} MB/s ({} actors, {} relations)",
            bytes as f64 / 1e6 / secs,
            g.node_count(),
            g.edge_count()
        ),
    ));

    // graphs: two synthetic graphs of `edges` events each (almost all distinct relations)
    let (a, b) = (synthetic::graph(edges, 1), synthetic::graph(edges, 2));
    let mut m = a.clone();
    let t = Instant::now();
    m.merge(&b);
    rows.push((
        format!("merge two graphs of {} and {} edges", a.edge_count(), b.edge_count()),
        format!("{:.2} s ({} edges)", t.elapsed().as_secs_f64(), m.edge_count()),
    ));
    drop(m);
    let dir = std::env::temp_dir().join(format!("geokg-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut loaded = None;
    for (format, name) in [("JSON", "g.json"), ("binary", "g.gkg")] {
        let path = dir.join(name);
        let t = Instant::now();
        a.save(&path).unwrap();
        let saved = t.elapsed().as_secs_f64();
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        let t = Instant::now();
        let g = Graph::load(&path).unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(g.edge_count(), a.edge_count());
        rows.push((
            format!("load a {}-edge graph ({format})", a.edge_count()),
            format!("{secs:.2} s ({:.0} MB; saved in {saved:.2} s)", size as f64 / 1e6),
        ));
        loaded = Some(g);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let loaded = loaded.unwrap();
    let t = Instant::now();
    let mut found = 0;
    for i in 0..100 {
        found += geokg::query::neighbors(&loaded, &format!("a{i}")).len();
    }
    rows.push((
        format!("neighbors query on the {}-edge graph", loaded.edge_count()),
        format!("{:.3} ms (mean of 100, {} links)", t.elapsed().as_secs_f64() * 10.0, found),
    ));
    rows.push(("peak memory".into(), format!("{:.0} MB", peak_mb())));

    println!("| benchmark | result |\n| --- | --- |");
    for (k, v) in rows {
        println!("| {k} | {v} |");
    }
}
