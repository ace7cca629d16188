//! Ask how two actors are linked, naming them by any alias ("Poutine", "Téhéran", "etats-unis").
//!
//! `cargo run --example query_links [A] [B]` (default: Iran and Russie, over examples/articles).

use geokg::ingest::{read_inputs, ReadOptions};
use geokg::{query, Extractor, Graph};

fn main() -> Result<(), geokg::Error> {
    let mut args = std::env::args().skip(1);
    let a = args.next().unwrap_or_else(|| "Iran".into());
    let b = args.next().unwrap_or_else(|| "Russie".into());
    let batch = read_inputs(&["examples/articles"], &ReadOptions::default());
    let extractor = Extractor::default();
    let mut graph = Graph::new();
    for article in &batch.articles {
        graph.add_analysis(article, &extractor.analyze(article));
    }
    let (ia, ib) =
        (query::resolve(&graph, extractor.lexicon(), &a)?, query::resolve(&graph, extractor.lexicon(), &b)?);
    for link in query::links(&graph, &ia, &ib) {
        println!(
            "{} -> {}: {} {} (x{})",
            link.source_name, link.target_name, link.cameo, link.label, link.count
        );
        println!("    \"{}\" ({})", link.evidence, link.doc);
    }
    Ok(())
}
