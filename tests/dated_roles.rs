//! Dated roles decide who a person is on the article's date (data/actors/*.tsv, `roles` column).

use geokg::actors::find_mentions;
use geokg::lexicon::LexiconBuilder;
use geokg::segment::segment;
use geokg::{Article, Lang, Lexicon};

/// (id, country, role) of the actors mentioned in `text`, for an article of `date`.
fn mentioned(lex: &Lexicon, lang: Lang, date: Option<&str>, text: &str) -> Vec<(String, String, String)> {
    let mut a = Article::from_text("t", &format!("Title\n{text}\n"));
    a.lang = lang;
    a.date = date.map(str::to_string);
    let sentences = segment(&a.text, a.body.clone(), 0);
    find_mentions(lex, &a, &sentences)
        .list
        .iter()
        .flat_map(|m| m.actors.iter())
        .map(|x| {
            (
                x.id.to_string(),
                x.country.as_deref().unwrap_or("-").into(),
                x.role.as_deref().unwrap_or("-").into(),
            )
        })
        .collect()
}

fn who(id: &str, country: &str, role: &str) -> Vec<(String, String, String)> {
    vec![(id.into(), country.into(), role.into())]
}

#[test]
fn al_joulani_leads_al_nusra_in_2016_and_syria_in_2025() {
    let lex = Lexicon::default();
    let text = "Abou Mohammed al-Joulani a parlé.";
    assert_eq!(mentioned(&lex, Lang::Fr, Some("2016-07-28"), text), who("ahmed-al-sharaa", "-", "INS"));
    assert_eq!(mentioned(&lex, Lang::Fr, Some("2025-03-01"), text), who("ahmed-al-sharaa", "SYR", "GOV"));
    // without a date: the most recent role
    assert_eq!(mentioned(&lex, Lang::Fr, None, text), who("ahmed-al-sharaa", "SYR", "GOV"));
}

#[test]
fn a_rebel_in_2012_is_a_minister_in_2016() {
    let mut b = LexiconBuilder::embedded();
    b.add_source(
        "analyst/people.tsv",
        "id\tname\tcountry\torg\trole\taliases\tterms\troles\n\
         karim-zayani\tKarim Zayani\tSYR\t\tGOV\t\t\tSYRREB@2011-03-01..2013-01-01;SYRGOV@2016-01-01..\n",
    )
    .unwrap();
    let lex = b.build().unwrap();
    let text = "Karim Zayani spoke.";
    assert_eq!(mentioned(&lex, Lang::En, Some("2012-05-01"), text), who("karim-zayani", "SYR", "REB"));
    assert_eq!(mentioned(&lex, Lang::En, Some("2016-05-01"), text), who("karim-zayani", "SYR", "GOV"));
}

#[test]
fn converted_persons_resolve_by_their_phoenix_roles() {
    // Phoenix: Nikolay Podgorny, ELI until 1965-12-09, GOV (head of state) to 1977-06-16, then ELI
    let lex = Lexicon::default();
    let text = "Nikolay Podgorny spoke.";
    assert_eq!(mentioned(&lex, Lang::En, Some("1970-01-01"), text), who("nikolay-podgorny", "RUS", "GOV"));
    assert_eq!(mentioned(&lex, Lang::En, Some("1960-01-01"), text), who("nikolay-podgorny", "RUS", "ELI"));
}

#[test]
fn converted_names_stay_out_of_lower_case_text() {
    // "Shared Interest" is an NGO of the Phoenix dictionaries; "shared interest" is two words
    let lex = Lexicon::default();
    assert_eq!(
        mentioned(&lex, Lang::En, Some("2020-01-01"), "They have a shared interest in peace."),
        vec![]
    );
}

#[test]
fn the_converted_lexicons_claim_no_name_twice() {
    // the converter leaves out what the curated files name: the alias warnings are the curated
    // files' own
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut curated = LexiconBuilder::default();
    for f in geokg::lexicon::FILES.iter().filter(|f| !f.contains("phoenix") && !f.contains("wikidata")) {
        curated.add_path(&data.join(f)).unwrap();
    }
    let mut expected = curated.build().unwrap().warnings;
    let mut got = Lexicon::default().warnings;
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
}
