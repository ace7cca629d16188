//! Writes a synthetic graph of N events between N/8 actors (almost all distinct relations), for
//! benchmarking graph loading and queries:
//! `cargo run --release --example synthetic_graph -- 1000000 graph.gkg [SEED]`.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let out = args.next().unwrap_or_else(|| "synthetic.gkg".into());
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let g = synthetic::graph(n, seed);
    if let Err(e) = g.save(std::path::Path::new(&out)) {
        eprintln!("synthetic_graph: {e}");
        std::process::exit(1);
    }
    eprintln!("{out}: {} actors, {} relations", g.node_count(), g.edge_count());
}
