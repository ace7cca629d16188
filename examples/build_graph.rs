//! Build one graph from every article of a folder and print it as Graphviz DOT.
//!
//! `cargo run --example build_graph [FOLDER] | dot -Tsvg > graph.svg`

use geokg::ingest::{read_inputs, ReadOptions};
use geokg::{Extractor, Graph};

fn main() {
    let folder = std::env::args().nth(1).unwrap_or_else(|| "examples/articles".into());
    let batch = read_inputs(&[folder], &ReadOptions::default());
    for skipped in &batch.skipped {
        eprintln!("skipped {skipped}");
    }
    let extractor = Extractor::default();
    let mut graph = Graph::new();
    for article in &batch.articles {
        graph.add_analysis(article, &extractor.analyze(article));
    }
    eprintln!(
        "{} articles, {} actors, {} relations",
        batch.articles.len(),
        graph.node_count(),
        graph.edge_count()
    );
    print!("{}", geokg::export::to_dot(&graph));
}
