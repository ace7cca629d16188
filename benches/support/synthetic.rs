//! Synthetic graphs for the benchmarks and `examples/synthetic_graph.rs`: `n` events of one code
//! between `n / 8` actors, pairs drawn by a fixed linear congruential generator (so almost every
//! event is a relation of its own), twenty events a document, document ids prefixed by the seed
//! (graphs of two seeds share no document).

use geokg::model::{Actor, ActorKind, Event};
use geokg::{Graph, Lexicon};

/// The events of a synthetic graph.
pub fn events(n: usize, seed: u64) -> Vec<Event> {
    let relation = Lexicon::default().cameo().relation("111").expect("111 is a CAMEO code");
    let actor = |i: u64| Actor {
        id: format!("a{i}").into(),
        name: format!("Actor {i}").into(),
        kind: ActorKind::Organization,
        country: None,
        role: None,
        operates_in: None,
    };
    let nodes = (n as u64 / 8).max(2);
    let mut state = seed;
    (0..n)
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
        .collect()
}

/// A synthetic graph of `n` events.
pub fn graph(n: usize, seed: u64) -> Graph {
    Graph::from_events(&events(n, seed))
}
