//! Parsing an analyst lexicon file of any kind from arbitrary text: an error or a lexicon.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for name in ["people.tsv", "fr.tsv", "countries.tsv"] {
        let mut b = geokg::lexicon::LexiconBuilder::embedded();
        if b.add_source(name, text).is_ok() {
            let _ = b.build();
        }
    }
});
