//! The whole extraction (segmentation, actors, events, graph) on arbitrary UTF-8: never a panic,
//! and every event's evidence is a slice of the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    thread_local! {
        static EX: geokg::Extractor = geokg::Extractor::default();
    }
    EX.with(|ex| {
        for lang in [geokg::Lang::Fr, geokg::Lang::En] {
            let mut a = geokg::Article::from_text("fuzz", text);
            a.lang = lang;
            let analysis = ex.analyze(&a);
            for e in &analysis.events {
                assert_eq!(&a.text[e.span[0]..e.span[1]], e.text);
            }
            let mut g = geokg::Graph::new();
            g.add_analysis(&a, &analysis);
            let _ = geokg::export::to_dot(&g);
        }
    });
});
