//! Loading a binary graph file from arbitrary bytes (after the magic): an error or a graph, never
//! a panic, and a graph read back writes and reads again to the same graph.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = geokg::graph::BINARY_MAGIC.to_vec();
    bytes.extend_from_slice(data);
    if let Ok(g) = geokg::Graph::from_file_bytes(&bytes) {
        let again = geokg::Graph::from_file_bytes(&g.to_file_bytes()).expect("a written graph reads back");
        assert_eq!(again, g);
        let _ = g.to_file_json();
    }
});
