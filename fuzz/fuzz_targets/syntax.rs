//! Tagging and parsing arbitrary UTF-8 in both languages (and CoNLL-U reading): never a panic,
//! and every parse is a tree — one root, every head inside the sentence, no cycle — whose words
//! are in-order slices of the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = geokg::syntax::conllu::parse(text);
    for lang in ["fr", "en"] {
        let model = geokg::syntax::Model::embedded(lang).expect("embedded model");
        for s in geokg::segment::segment(text, 0..text.len(), 0) {
            let p = geokg::syntax::parse_sentence(model, text, &s);
            let n = p.words.len();
            assert_eq!(p.words.iter().filter(|w| w.head.is_none()).count(), usize::from(n > 0));
            for (i, w) in p.words.iter().enumerate() {
                assert!(w.start <= w.end && w.end <= text.len() && text.is_char_boundary(w.start));
                // following heads from any word reaches the root within n steps
                let mut k = i;
                let mut steps = 0;
                while let Some(h) = p.words[k].head {
                    assert!(h < n);
                    k = h;
                    steps += 1;
                    assert!(steps <= n, "a cycle");
                }
            }
        }
    }
});
