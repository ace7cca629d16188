//! Actors: every state by its French and English names and a demonym, roles by date, pronouns.

use geokg::actors::find_mentions;
use geokg::lexicon::tsv::Table;
use geokg::segment::segment;
use geokg::{Article, Lang, Lexicon};

/// The actor ids mentioned in `text`.
fn mentioned(lex: &Lexicon, lang: Lang, date: &str, text: &str) -> Vec<String> {
    let mut a = Article::from_text("t", &format!("Title\n{text}\n"));
    a.lang = lang;
    a.date = Some(date.into());
    let sentences = segment(&a.text, a.body.clone(), 0);
    find_mentions(lex, &a, &sentences)
        .list
        .iter()
        .flat_map(|m| m.actors.iter().map(|x| x.id.to_string()))
        .collect()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

#[test]
fn every_state_by_its_names_and_a_demonym() {
    let lex = Lexicon::default();
    let text = include_str!("../data/actors/countries.tsv");
    let table =
        Table::parse("countries.tsv", text, &["iso3", "name", "en", "fr", "en_adj", "fr_adj"]).unwrap();
    let mut states = 0;
    let mut failures = Vec::new();
    for row in table.rows() {
        let row = row.unwrap();
        let id = row.get("iso3").to_ascii_lowercase();
        let mut probes: Vec<(Lang, String)> = vec![(Lang::En, row.get("name").to_string())];
        probes.extend(row.list("en").into_iter().map(|n| (Lang::En, n.to_string())));
        probes.extend(row.list("fr").into_iter().map(|n| (Lang::Fr, n.to_string())));
        if let Some(d) = row.list("en_adj").first() {
            probes.push((Lang::En, format!("the {d} government")));
        }
        if let Some(d) = row.list("fr_adj").first() {
            probes.push((Lang::Fr, format!("le gouvernement {d}")));
        }
        for (lang, probe) in probes {
            let text = if probe.starts_with("the ") || probe.starts_with("le ") {
                probe.clone()
            } else {
                capitalize(&probe)
            };
            let got = mentioned(&lex, lang, "2020-01-01", &format!("{text} a parlé."));
            if got.first() != Some(&id) {
                failures.push(format!("{id}: {probe:?} -> {got:?}"));
            }
        }
        states += 1;
    }
    assert_eq!(states, 198, "193 UN members, 2 observers, Taiwan, Kosovo, Western Sahara");
    assert!(failures.is_empty(), "{} names do not resolve:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn roles_resolve_by_date() {
    let lex = Lexicon::default();
    let cases = [
        (Lang::Fr, "2012-06-01", "Le président américain a parlé.", "barack-obama"),
        (Lang::Fr, "2017-06-01", "Le président américain a parlé.", "donald-trump"),
        (Lang::Fr, "2022-06-01", "Le président américain a parlé.", "joe-biden"),
        (Lang::En, "2019-06-01", "The Iranian foreign minister spoke.", "mohammad-javad-zarif"),
        (Lang::En, "2025-06-01", "The Iranian foreign minister spoke.", "abbas-araghchi"),
        (Lang::Fr, "2016-06-01", "Le secrétaire général de l'ONU a parlé.", "ban-ki-moon"),
        (Lang::Fr, "2020-06-01", "Le secrétaire général de l'ONU a parlé.", "antonio-guterres"),
        (Lang::En, "2021-06-01", "The Russian President spoke.", "vladimir-putin"),
    ];
    for (lang, date, text, want) in cases {
        assert_eq!(mentioned(&lex, lang, date, text), [want], "{date}: {text}");
    }
}

#[test]
fn capitals_act_but_places_do_not() {
    let lex = Lexicon::default();
    assert_eq!(mentioned(&lex, Lang::Fr, "2020-01-01", "Moscou a condamné Kiev."), ["rus", "ukr"]);
    assert_eq!(mentioned(&lex, Lang::Fr, "2020-01-01", "Il vit à Moscou."), ["rus"]);
    let mut a = Article::from_text("t", "Title\nIl vit à Moscou.\n");
    a.lang = Lang::Fr;
    let s = segment(&a.text, a.body.clone(), 0);
    let m = find_mentions(&lex, &a, &s);
    assert_eq!(m.list[0].kind, geokg::actors::MentionKind::Place);
}

#[test]
fn pronouns_and_surnames_corefer() {
    let lex = Lexicon::default();
    assert_eq!(
        mentioned(&lex, Lang::Fr, "2018-03-24", "La Première ministre britannique Theresa May a parlé. May a ensuite rencontré Emmanuel Macron. Ce dernier a souri."),
        ["theresa-may", "theresa-may", "emmanuel-macron", "emmanuel-macron"]
    );
    assert_eq!(
        mentioned(
            &lex,
            Lang::Fr,
            "2025-01-01",
            "La Russie et l'Iran ont parlé. Ils ont signé. Elle a ensuite signé."
        ),
        ["rus", "irn", "rus", "irn", "rus"]
    );
    assert_eq!(
        mentioned(&lex, Lang::En, "2021-01-01", "We, the G7 foreign ministers, met. We condemn Russia."),
        ["g7", "g7", "g7", "rus"]
    );
}

#[test]
fn unknown_persons_take_the_state_their_role_gives() {
    let lex = Lexicon::default();
    assert_eq!(
        mentioned(&lex, Lang::En, "2020-01-01", "Kenyan opposition leader Raila Odinga spoke."),
        ["raila-odinga"]
    );
    let mut a = Article::from_text(
        "t",
        "Title\nLe ministre malien de la Défense, Jean-Baptiste Kouyaté Sangaré, a parlé.\n",
    );
    a.lang = Lang::Fr;
    let s = segment(&a.text, a.body.clone(), 0);
    let m = find_mentions(&lex, &a, &s);
    let actor = m.list[0].actor();
    assert_eq!(
        (actor.name.as_str(), actor.country.as_deref()),
        ("Jean-Baptiste Kouyaté Sangaré", Some("MLI"))
    );
}

#[test]
fn the_country_and_the_organisation_corefer() {
    let lex = Lexicon::default();
    assert_eq!(
        mentioned(
            &lex,
            Lang::Fr,
            "2017-11-13",
            "L'Iran a condamné Israël. Le pays a ensuite menacé les États-Unis."
        ),
        ["irn", "isr", "irn", "usa"]
    );
    assert_eq!(
        mentioned(&lex, Lang::Fr, "2017-11-13", "Benyamin Netanyahou a annoncé que son pays agirait."),
        ["benjamin-netanyahu", "isr"]
    );
    assert_eq!(
        mentioned(&lex, Lang::En, "2020-01-01", "NATO met in Brussels. The organization warned Russia."),
        ["nato", "nato", "rus"]
    );
}

#[test]
fn compound_demonyms_name_both_states() {
    let lex = Lexicon::default();
    assert_eq!(
        mentioned(&lex, Lang::Fr, "2020-01-01", "L'axe américano-israélien inquiète."),
        ["usa", "isr"]
    );
    assert_eq!(mentioned(&lex, Lang::En, "2020-01-01", "The Sino-Russian summit opened."), ["chn", "rus"]);
}

#[test]
fn unknown_persons_are_found_before_the_role_that_reveals_them() {
    let lex = Lexicon::default();
    assert_eq!(
        mentioned(
            &lex,
            Lang::Fr,
            "2012-08-17",
            "L'Équateur accorde l'asile à Jean-Marc Dupontel. L'opposant français Jean-Marc Dupontel a remercié Quito. Dupontel est arrivé."
        ),
        ["ecu", "jean-marc-dupontel", "jean-marc-dupontel", "ecu", "jean-marc-dupontel"]
    );
}
