//! Writes a synthetic graph of N events between N/8 actors (almost all distinct relations), for
//! benchmarking graph loading and queries: `cargo run --release --example synthetic_graph -- N out.gkg`.

use geokg::model::{Actor, ActorKind, Event};
use geokg::{Graph, Lexicon};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let out = args.next().unwrap_or_else(|| "synthetic.gkg".into());
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let relation = Lexicon::default().cameo().relation("111").unwrap();
    let actor = |i: u64| Actor {
        id: format!("a{i}").into(),
        name: format!("Actor {i}").into(),
        kind: ActorKind::Organization,
        country: None,
        role: None,
    };
    let nodes = (n as u64 / 8).max(2);
    let mut state = seed;
    let events: Vec<Event> = (0..n)
        .map(|k| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let s = (state >> 33) % nodes;
            let t = (s + 1 + (state >> 13) % (nodes - 1)) % nodes;
            Event {
                doc: format!("d{seed}-{}", k / 20),
                date: Some(format!("2022-{:02}-{:02}", 1 + k % 12, 1 + k % 28)),
                sentence: k % 20,
                span: [0, 10],
                text: format!("Actor {s} criticised Actor {t}."),
                source: actor(s),
                target: actor(t),
                relation: relation.clone(),
                trigger: "criticised".into(),
                negated: false,
                confidence: 0.5,
            }
        })
        .collect();
    let g = Graph::from_events(&events);
    g.save(std::path::Path::new(&out)).unwrap();
    eprintln!("{out}: {} actors, {} relations", g.node_count(), g.edge_count());
}
