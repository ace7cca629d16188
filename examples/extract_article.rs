//! Extract the coded events of one article and print them as JSON Lines.
//!
//! `cargo run --example extract_article [FILE]` (default: the founding example article).

use geokg::{Article, Extractor};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path =
        std::env::args().nth(1).unwrap_or_else(|| "examples/articles/fr_seed_khamenei_poutine.txt".into());
    let text = std::fs::read_to_string(&path)?;
    let id = geokg::ingest::doc_id(std::path::Path::new(&path));
    let article = Article::from_text(&id, &text);
    let extractor = Extractor::default();
    for event in extractor.extract(&article) {
        println!("{}", serde_json::to_string(&event)?);
    }
    Ok(())
}
