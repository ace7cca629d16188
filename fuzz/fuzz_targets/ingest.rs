//! Article ingestion (text, JSON, JSON Lines) on arbitrary bytes: never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("geokg-fuzz-ingest-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for name in ["a.txt", "a.json", "a.jsonl"] {
        let p = dir.join(name);
        if std::fs::write(&p, data).is_ok() {
            let _ = geokg::ingest::read_inputs(&[&p], &geokg::ingest::ReadOptions::default());
        }
    }
});
