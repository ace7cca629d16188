//! Sentence splitting and tokenization on arbitrary UTF-8: never a panic, and every sentence and
//! token is an in-order, non-overlapping slice of the text on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let sentences = geokg::segment::segment(text, 0..text.len(), 0);
    let mut last_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        assert_eq!(s.index, i);
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(s.start >= last_end, "sentences overlap");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(!s.tokens.is_empty());
        let mut tok_end = s.start;
        for t in &s.tokens {
            assert!(t.start >= tok_end && t.start < t.end && t.end <= s.end, "token out of order");
            let _ = t.text(text);
            tok_end = t.end;
        }
        last_end = s.end;
    }
});
