//! Merging graphs is associative, commutative and idempotent, and equals building from the union
//! of the articles (property tests over random sets of articles, with changed versions of some).

use geokg::{Article, Extractor, Graph};
use proptest::prelude::*;

const TEXTS: &[(&str, &str)] = &[
    ("a", "Title\nRussia condemned the United States. France praised Germany."),
    ("b", "Title\nIsrael and Jordan signed an agreement on water."),
    ("c", "Title\nThe United States imposed sanctions on Iran. Iran threatened Israel."),
    ("d", "Titre\nLa Russie a condamné les frappes israéliennes en Syrie."),
    ("e", "Titre\nLa Chine et le Pakistan ont appelé le Conseil de sécurité à agir."),
    // changed versions of the same documents
    ("a", "Title\nRussia praised the United States."),
    ("d", "Titre\nMoscou a menacé Israël."),
];

/// The graph of each text alone, made once.
fn singles() -> &'static [Graph] {
    static SINGLES: std::sync::OnceLock<Vec<Graph>> = std::sync::OnceLock::new();
    SINGLES.get_or_init(|| {
        let ex = Extractor::default();
        TEXTS
            .iter()
            .map(|(id, text)| {
                let a = Article::from_text(id, text);
                let mut one = Graph::new();
                one.add_analysis(&a, &ex.analyze(&a));
                one
            })
            .collect()
    })
}

fn build(ids: &[usize]) -> Graph {
    let mut g = Graph::new();
    for &i in ids {
        g.merge(&singles()[i]);
    }
    g
}

/// Building directly from the articles, one `add_analysis` after the other.
fn build_direct(ids: &[usize]) -> Graph {
    static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    let ex = EX.get_or_init(Extractor::default);
    let mut g = Graph::new();
    for &i in ids {
        let (id, text) = TEXTS[i];
        let a = Article::from_text(id, text);
        g.add_analysis(&a, &ex.analyze(&a));
    }
    g
}

/// Sets of articles with one version each (a changed version is a replacement in a build, a
/// choice by hash in a merge).
fn plain_set() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(0..5usize, 0..5)
}

fn merged(a: &Graph, b: &Graph) -> Graph {
    let mut g = a.clone();
    g.merge(b);
    g
}

fn set() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(0..TEXTS.len(), 0..5)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn merge_is_commutative(a in set(), b in set()) {
        let (ga, gb) = (build(&a), build(&b));
        prop_assert_eq!(merged(&ga, &gb), merged(&gb, &ga));
    }

    #[test]
    fn merge_is_associative(a in set(), b in set(), c in set()) {
        let (ga, gb, gc) = (build(&a), build(&b), build(&c));
        prop_assert_eq!(merged(&merged(&ga, &gb), &gc), merged(&ga, &merged(&gb, &gc)));
    }

    #[test]
    fn both_file_formats_read_back_the_same_graph(a in set()) {
        let g = build(&a);
        prop_assert_eq!(Graph::from_file_bytes(&g.to_file_bytes()).unwrap(), g.clone());
        prop_assert_eq!(Graph::from_file_json(&g.to_file_json()).unwrap(), g);
    }

    #[test]
    fn merge_is_idempotent(a in set()) {
        let ga = build(&a);
        prop_assert_eq!(merged(&ga, &ga), ga.clone());
    }

    #[test]
    fn merge_equals_building_from_the_union(a in plain_set(), b in plain_set()) {
        let mut both = a.clone();
        both.extend(&b);
        prop_assert_eq!(merged(&build_direct(&a), &build_direct(&b)), build_direct(&both));
    }
}

#[test]
fn a_changed_article_replaces_its_evidence() {
    let ex = Extractor::default();
    let mut g = Graph::new();
    let v1 = Article::from_text("a", TEXTS[0].1);
    let v2 = Article::from_text("a", TEXTS[5].1);
    assert_eq!(g.add_analysis(&v1, &ex.analyze(&v1)), geokg::graph::Added::New);
    assert_eq!(g.add_analysis(&v1, &ex.analyze(&v1)), geokg::graph::Added::Unchanged);
    assert_eq!(g.edges().map(|e| e.cameo.as_str()).collect::<Vec<_>>(), ["051", "111"]);
    assert_eq!(g.add_analysis(&v2, &ex.analyze(&v2)), geokg::graph::Added::Replaced);
    let codes: Vec<(&str, &str, &str)> =
        g.edges().map(|e| (e.source.as_str(), e.cameo.as_str(), e.target.as_str())).collect();
    assert_eq!(codes, [("rus", "051", "usa")]);
    assert!(g.node("fra").is_none(), "France took part only in the old version");
}

/// An article with a path for id whose text the graph has under its bare file name is that
/// document, renamed: counted once, under its new id.
#[test]
fn an_article_seen_under_its_bare_name_is_renamed_not_counted_twice() {
    let ex = Extractor::default();
    let mut g = Graph::new();
    let before = Article::from_text("report", TEXTS[0].1);
    let after = Article::from_text("a/report", TEXTS[0].1);
    let other = Article::from_text("b/report", TEXTS[5].1);
    assert_eq!(g.add_analysis(&before, &ex.analyze(&before)), geokg::graph::Added::New);
    let alone = g.clone();
    assert_eq!(g.add_analysis(&after, &ex.analyze(&after)), geokg::graph::Added::Renamed);
    assert_eq!(g.add_analysis(&after, &ex.analyze(&after)), geokg::graph::Added::Unchanged);
    assert_eq!(g.add_analysis(&other, &ex.analyze(&other)), geokg::graph::Added::New);
    assert_eq!(g.documents().keys().collect::<Vec<_>>(), ["a/report", "b/report"]);
    let mut direct = Graph::new();
    for a in [&after, &other] {
        direct.add_analysis(a, &ex.analyze(a));
    }
    assert_eq!(g, direct);
    // the same in bulk
    let mut g = alone;
    let mut bulk = g.bulk();
    assert_eq!(bulk.add_analysis(&after, &ex.analyze(&after)), geokg::graph::Added::Renamed);
    assert_eq!(bulk.add_analysis(&other, &ex.analyze(&other)), geokg::graph::Added::New);
    drop(bulk);
    assert_eq!(g, direct);
}

/// A document that a merge takes from neither side's losing version takes that version's roles
/// with it: Russia is GOV only in the version of `d` that loses ("Moscou" acting), so in the merge
/// it has the role of `e`, none, whichever graph is merged into which, and the merge reads back
/// from its file as it was (it came back with no role, and merging one way gave GOV).
#[test]
fn a_merge_keeps_no_role_of_a_document_version_it_drops() {
    let ex = Extractor::default();
    let add = |g: &mut Graph, id: &str, text: &str| {
        let a = Article::from_text(id, text);
        g.add_analysis(&a, &ex.analyze(&a));
    };
    let (winner, loser) = ("Title 0\nUkraine condemned France.", "Title\nMoscou a condamné la France.");
    assert!(geokg::graph::text_hash(winner) > geokg::graph::text_hash(loser));
    let (mut a, mut b) = (Graph::new(), Graph::new());
    add(&mut a, "d", winner);
    add(&mut b, "d", loser);
    add(&mut b, "e", "Title\nRussia condemned Ukraine.");
    assert_eq!(b.node("rus").unwrap().role.as_deref(), Some("GOV"));
    let (mut ab, mut ba) = (a.clone(), b.clone());
    ab.merge(&b);
    ba.merge(&a);
    assert_eq!(ab.node("rus").unwrap().role, None);
    assert_eq!(ab.to_file_json(), ba.to_file_json());
    assert_eq!(Graph::from_file_json(&ab.to_file_json()).unwrap(), ab);
    // built from the documents the merge kept, the graph is the same
    let mut built = Graph::new();
    add(&mut built, "d", winner);
    add(&mut built, "e", "Title\nRussia condemned Ukraine.");
    assert_eq!(built.to_file_json(), ab.to_file_json());
}
