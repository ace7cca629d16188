//! Per-stage benchmarks with divan: `cargo bench --bench stages` prints, for each stage, the time
//! per article (and MB/s) on real articles, and the time of graph operations on a synthetic
//! million-edge graph. `benches/throughput.rs` (run by `scripts/bench.sh`) gives the whole-run
//! table.

use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::Bencher;
use geokg::{Article, Extractor, Graph};

#[path = "support/synthetic.rs"]
mod synthetic;

fn main() {
    divan::main();
}

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(Extractor::default)
}

/// The example articles: one French, one English and the seed.
fn articles() -> &'static [Article] {
    static A: OnceLock<Vec<Article>> = OnceLock::new();
    A.get_or_init(|| {
        geokg::ingest::read_inputs(&["examples/articles"], &geokg::ingest::ReadOptions::default()).articles
    })
}

fn bytes() -> usize {
    articles().iter().map(|a| a.text.len()).sum()
}

#[divan::bench]
fn segment(b: Bencher) {
    b.counter(BytesCount::new(bytes())).bench(|| {
        articles().iter().map(|a| geokg::segment::segment(&a.text, a.body.clone(), 0).len()).sum::<usize>()
    });
}

#[divan::bench]
fn mentions(b: Bencher) {
    let lex = extractor().lexicon();
    let sentences: Vec<_> =
        articles().iter().map(|a| geokg::segment::segment(&a.text, a.body.clone(), 0)).collect();
    b.counter(BytesCount::new(bytes())).bench(|| {
        articles()
            .iter()
            .zip(&sentences)
            .map(|(a, s)| geokg::actors::find_mentions(lex, a, s).list.len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn extract(b: Bencher) {
    b.counter(BytesCount::new(bytes()))
        .bench(|| articles().iter().map(|a| extractor().extract(a).len()).sum::<usize>());
}

#[divan::bench]
fn build_graph(b: Bencher) {
    let analyses: Vec<_> = articles().iter().map(|a| extractor().analyze(a)).collect();
    b.bench(|| {
        let mut g = Graph::new();
        let mut bulk = g.bulk();
        for (a, an) in articles().iter().zip(&analyses) {
            bulk.add_analysis(a, an);
        }
        drop(bulk);
        g.edge_count()
    });
}

/// A synthetic graph of a million events between 125,000 actors.
fn million() -> &'static Graph {
    static G: OnceLock<Graph> = OnceLock::new();
    G.get_or_init(|| synthetic::graph(1_000_000, 1))
}

#[divan::bench]
fn neighbors_in_a_million_edges(b: Bencher) {
    let g = million();
    let mut i = 0u64;
    b.bench_local(|| {
        i = (i + 7919) % 125_000;
        geokg::query::neighbors(g, &format!("a{i}")).len()
    });
}

#[divan::bench]
fn path_in_a_million_edges(b: Bencher) {
    let g = million();
    let mut i = 0u64;
    b.bench_local(|| {
        i = (i + 7919) % 125_000;
        geokg::query::path(g, &format!("a{i}"), &format!("a{}", (i * 31 + 17) % 125_000)).map(|p| p.len())
    });
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn load_a_million_edges_binary(b: Bencher) {
    let bytes = million().to_file_bytes();
    b.counter(BytesCount::new(bytes.len())).bench(|| Graph::from_file_bytes(&bytes).unwrap().edge_count());
}
