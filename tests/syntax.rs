//! The syntax stage: the embedded models parse a fixed sentence per language to an exact tree,
//! `geokg parse --conllu` keeps a treebank's words and extra lines, and hostile inputs parse to
//! trees in bounded work.

use geokg::segment::segment;
use geokg::syntax::{parse_sentence, Model, Parse};

fn parse(lang: &str, text: &str) -> Parse {
    let model = Model::embedded(lang).expect("an embedded model");
    let s = segment(text, 0..text.len(), 0);
    assert_eq!(s.len(), 1, "one sentence");
    parse_sentence(model, text, &s[0])
}

/// The tree as "form/UPOS deprel>head" (1-based heads, 0 for the root).
fn rows(p: &Parse) -> Vec<String> {
    p.words
        .iter()
        .map(|w| format!("{}/{} {}>{}", w.form, w.upos, w.deprel, w.head.map_or(0, |h| h + 1)))
        .collect()
}

/// Every word reaches the root, which is unique, and words are in-order slices of the text.
fn assert_tree(p: &Parse, text: &str) {
    let n = p.words.len();
    assert_eq!(p.words.iter().filter(|w| w.head.is_none()).count(), usize::from(n > 0));
    let mut last = 0;
    for (i, w) in p.words.iter().enumerate() {
        assert!(w.start >= last || w.start == p.words[i - 1].start, "words out of order");
        assert!(w.end <= text.len() && text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        last = w.start;
        let (mut k, mut steps) = (i, 0);
        while let Some(h) = p.words[k].head {
            k = h;
            steps += 1;
            assert!(steps <= n, "a cycle through word {i}");
        }
    }
}

#[test]
fn french_sentence_parses_to_its_tree() {
    let text = "La Russie a condamné les frappes du Royaume-Uni contre l'Iran.";
    let p = parse("fr", text);
    assert_tree(&p, text);
    assert_eq!(
        rows(&p),
        [
            "La/DET det>2",
            "Russie/PROPN nsubj>4",
            "a/AUX aux:tense>4",
            "condamné/VERB root>0",
            "les/DET det>6",
            "frappes/NOUN obj>4",
            "de/ADP case>9",
            "le/DET det>9",
            "Royaume-Uni/PROPN nmod>6",
            "contre/ADP case>12",
            "l'/DET det>12",
            "Iran/PROPN nmod>6",
            "./PUNCT punct>4",
        ]
    );
    // "du" is two words sharing the contraction's span; the others have their own
    let du = &p.words[6];
    assert_eq!((&text[du.start..du.end], du.start, du.end), ("du", p.words[7].start, p.words[7].end));
    assert_eq!(&text[p.words[8].start..p.words[8].end], "Royaume-Uni");
    assert_eq!(p.words[3].lemma, "condamner");
    assert_eq!(p.words[3].feat("VerbForm"), Some("Part"));
}

#[test]
fn english_sentence_parses_to_its_tree() {
    let text = "Iran's foreign minister didn't meet the envoy sent by Washington.";
    let p = parse("en", text);
    assert_tree(&p, text);
    assert_eq!(
        rows(&p),
        [
            "Iran/PROPN nmod:poss>4",
            "'s/PART case>1",
            "foreign/ADJ amod>4",
            "minister/NOUN nsubj>7",
            "did/AUX aux>7",
            "n't/PART advmod>7",
            "meet/VERB root>0",
            "the/DET det>9",
            "envoy/NOUN obj>7",
            "sent/VERB acl>9",
            "by/ADP case>12",
            "Washington/PROPN obl:agent>10",
            "./PUNCT punct>7",
        ]
    );
    assert_eq!(&text[p.words[4].start..p.words[4].end], "did");
    assert_eq!(&text[p.words[5].start..p.words[5].end], "n't");
}

#[test]
fn hostile_sentences_parse_to_trees() {
    let long: String = (0..250).map(|i| if i % 7 == 0 { "et " } else { "Russie " }).collect();
    let cases = [
        long.as_str(),
        "!!! ??? ... ;;; --- ((( ))) «« »» ,,,",
        "Путин встретился с Си Цзиньпином 北京 2024 年 — مرحبا Poutine.",
        "xq zzv plof grrk vtt ppq wqq",
        "du du du des des au aux auquel don't can't cannot",
    ];
    for lang in ["fr", "en"] {
        let model = Model::embedded(lang).unwrap();
        for text in cases {
            for s in segment(text, 0..text.len(), 0) {
                let p = parse_sentence(model, text, &s);
                assert!(p.words.len() >= s.tokens.len() / 2, "{text}");
                assert_tree(&p, text);
            }
        }
    }
}

#[test]
fn a_model_file_round_trips_and_bad_files_are_errors_naming_them() {
    let model = Model::embedded("fr").unwrap();
    let bytes = model.to_bytes();
    assert_eq!(&Model::from_bytes(&bytes).unwrap(), model);
    let dir = std::env::temp_dir().join(format!("geokg-syntax-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.gksyn");
    std::fs::write(&bad, &bytes[..bytes.len() / 2]).unwrap();
    let err = Model::load(&bad).unwrap_err().to_string();
    assert!(err.starts_with(&format!("{}: ", bad.display())) && err.contains("ends early"), "{err}");
    std::fs::write(&bad, b"not a model").unwrap();
    assert!(Model::load(&bad).unwrap_err().to_string().contains("not a geokg syntax model"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An incise between the auxiliary and the participle is parsed apart and hangs from the
/// participle: the clause around it keeps its subject and object.
#[test]
fn an_incise_between_auxiliary_and_participle_keeps_the_clause() {
    let text = "La Commission européenne a, ce mercredi 22 février, menacé l'Italie de sanctions.";
    let p = parse("fr", text);
    assert_tree(&p, text);
    assert_eq!(
        rows(&p),
        [
            "La/DET det>2",
            "Commission/NOUN nsubj>11",
            "européenne/ADJ amod>2",
            "a/AUX aux:tense>11",
            ",/PUNCT punct>7",
            "ce/DET det>7",
            "mercredi/NOUN obl>11",
            "22/NUM nmod>7",
            "février/NOUN nmod>8",
            ",/PUNCT punct>7",
            "menacé/VERB root>0",
            "l'/DET det>13",
            "Italie/PROPN obj>11",
            "de/ADP case>15",
            "sanctions/NOUN nmod>13",
            "./PUNCT punct>11",
        ]
    );
}
