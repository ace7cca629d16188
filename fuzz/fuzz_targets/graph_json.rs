//! Loading a graph file from arbitrary text: an error or a graph, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(g) = geokg::Graph::from_file_json(text) {
        let _ = g.to_file_json();
        let _ = geokg::export::to_graphml(&g);
        let _ = geokg::export::to_gexf(&g);
    }
});
