//! Every CAMEO root, in French and in English, coded from a news-style sentence.

use geokg::{Article, Extractor, Lang};

/// (id, language, sentence, expected events as (source id, CAMEO code, target id, trigger))
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str, &'static str)],
);

const CASES: &[Case] = &[
    (
        "en01",
        "en",
        "Russia announced to NATO that it had completed the exercise.",
        &[("rus", "010", "nato", "announced")],
    ),
    (
        "en02",
        "en",
        "Ukraine appealed to the European Union for more weapons.",
        &[("ukr", "020", "european-union", "appealed to")],
    ),
    (
        "en03",
        "en",
        "Japan promised to provide assistance to the Philippines.",
        &[("jpn", "033", "phl", "promised to provide assistance")],
    ),
    (
        "en04",
        "en",
        "The Turkish president visited Azerbaijan on Monday.",
        &[("recep-tayyip-erdogan", "042", "aze", "visited")],
    ),
    ("en05", "en", "Germany praised Poland for its efforts.", &[("deu", "051", "pol", "praised")]),
    (
        "en06",
        "en",
        "Canada and Mexico agreed to share intelligence.",
        &[("can", "064", "mex", "share intelligence"), ("mex", "064", "can", "share intelligence")],
    ),
    (
        "en07",
        "en",
        "The United States provided humanitarian aid to Haiti.",
        &[("usa", "070", "hti", "provided humanitarian aid")],
    ),
    (
        "en08",
        "en",
        "Russia withdrew its troops from Georgia.",
        &[("rus", "087", "geo", "withdrew its troops")],
    ),
    (
        "en09",
        "en",
        "The International Criminal Court opened an investigation into Myanmar.",
        &[("icc", "090", "mmr", "investigation")],
    ),
    (
        "en10",
        "en",
        "The European Union demanded that Belarus release the prisoners.",
        &[("european-union", "100", "blr", "demanded")],
    ),
    ("en11", "en", "China accused Japan of provocation.", &[("chn", "112", "jpn", "accused")]),
    ("en12", "en", "Iran rejected the proposal of the United States.", &[("irn", "120", "usa", "rejected")]),
    (
        "en13",
        "en",
        "North Korea threatened South Korea with retaliation.",
        &[("prk", "130", "kor", "threatened")],
    ),
    ("en14", "en", "Thousands of Serbians protested against Kosovo.", &[("srb", "140", "xkx", "protested")]),
    (
        "en15",
        "en",
        "India mobilized troops along the border with Pakistan.",
        &[("ind", "154", "pak", "mobilized")],
    ),
    (
        "en16",
        "en",
        "The United States imposed sanctions on Venezuela.",
        &[("usa", "163", "ven", "imposed sanctions")],
    ),
    ("en17", "en", "Iran seized a British tanker.", &[("irn", "171", "gbr", "seized")]),
    ("en18", "en", "Hamas kidnapped Israeli soldiers.", &[("hamas", "181", "isr", "kidnapped")]),
    (
        "en19",
        "en",
        "Israel bombed Gaza and Lebanon.",
        &[("isr", "195", "pse", "bombed"), ("isr", "195", "lbn", "bombed")],
    ),
    (
        "en20",
        "en",
        "The Islamic State carried out a massacre of Yazidis in Iraq.",
        &[("islamic-state", "202", "irq", "massacre")],
    ),
    (
        "fr01",
        "fr",
        "La France a présenté ses condoléances à la Turquie.",
        &[("fra", "018", "tur", "présenté ses condoléances")],
    ),
    (
        "fr02",
        "fr",
        "L'Ukraine a demandé à l'Union européenne de livrer davantage d'armes.",
        &[("ukr", "020", "european-union", "demandé")],
    ),
    (
        "fr03",
        "fr",
        "Le Japon a promis son aide aux Philippines.",
        &[("jpn", "033", "phl", "promis son aide")],
    ),
    (
        "fr04",
        "fr",
        "Le président turc s'est rendu en Azerbaïdjan lundi.",
        &[("recep-tayyip-erdogan", "042", "aze", "rendu")],
    ),
    ("fr05", "fr", "L'Allemagne a salué la Pologne pour ses efforts.", &[("deu", "051", "pol", "salué")]),
    (
        "fr06",
        "fr",
        "Le Canada et le Mexique coopèrent dans la lutte contre le trafic.",
        &[("can", "060", "mex", "coopèrent"), ("mex", "060", "can", "coopèrent")],
    ),
    (
        "fr07",
        "fr",
        "Les États-Unis ont fourni une aide humanitaire à Haïti.",
        &[("usa", "070", "hti", "fourni une aide")],
    ),
    (
        "fr08",
        "fr",
        "La Russie a retiré ses troupes de Géorgie.",
        &[("rus", "087", "geo", "retiré ses troupes")],
    ),
    (
        "fr09",
        "fr",
        "La Cour pénale internationale a ouvert une enquête sur la Birmanie.",
        &[("icc", "090", "mmr", "enquête")],
    ),
    (
        "fr10",
        "fr",
        "L'Union européenne a exigé de la Biélorussie la libération des prisonniers.",
        &[("european-union", "100", "blr", "exigé")],
    ),
    ("fr11", "fr", "La Chine a accusé le Japon de provocation.", &[("chn", "112", "jpn", "accusé")]),
    ("fr12", "fr", "L'Iran a rejeté la proposition des États-Unis.", &[("irn", "120", "usa", "rejeté")]),
    (
        "fr13",
        "fr",
        "La Corée du Nord a menacé la Corée du Sud de représailles.",
        &[("prk", "130", "kor", "menacé")],
    ),
    (
        "fr14",
        "fr",
        "Des milliers de Serbes ont manifesté contre le Kosovo.",
        &[("srb", "141", "xkx", "manifesté")],
    ),
    (
        "fr15",
        "fr",
        "L'Inde a déployé des troupes à la frontière avec le Pakistan.",
        &[("ind", "154", "pak", "déployé")],
    ),
    (
        "fr16",
        "fr",
        "Les États-Unis ont imposé des sanctions au Venezuela.",
        &[("usa", "163", "ven", "imposé des sanctions")],
    ),
    ("fr17", "fr", "L'Iran a arraisonné un pétrolier britannique.", &[("irn", "171", "gbr", "arraisonné")]),
    ("fr18", "fr", "Le Hamas a enlevé des soldats israéliens.", &[("hamas", "181", "isr", "enlevé")]),
    (
        "fr19",
        "fr",
        "Israël a bombardé Gaza et le Liban.",
        &[("isr", "190", "pse", "bombardé"), ("isr", "190", "lbn", "bombardé")],
    ),
    (
        "fr20",
        "fr",
        "L'État islamique a commis un massacre de Yézidis en Irak.",
        &[("islamic-state", "202", "irq", "massacre")],
    ),
];

fn events(lang: &str, text: &str, date: &str) -> Vec<(String, String, String, String)> {
    let mut a = Article::from_text("case", &format!("Title\n{text}\n"));
    a.lang = if lang == "fr" { Lang::Fr } else { Lang::En };
    a.date = Some(date.into());
    Extractor::default()
        .extract(&a)
        .into_iter()
        .map(|e| (e.source.id.into(), e.relation.cameo, e.target.id.into(), e.trigger))
        .collect()
}

#[test]
fn every_root_in_both_languages() {
    let mut roots = std::collections::BTreeSet::new();
    for (id, lang, text, expected) in CASES {
        let got = events(lang, text, "2022-03-01");
        let want: Vec<(String, String, String, String)> = expected
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        assert_eq!(got, want, "{id}: {text}");
        for (_, code, _, _) in expected.iter() {
            roots.insert((*lang, &code[..2]));
        }
    }
    for lang in ["en", "fr"] {
        let n = roots.iter().filter(|(l, _)| *l == lang).count();
        assert_eq!(n, 20, "{lang} covers every root");
    }
}

#[test]
fn reported_speech_codes_the_reported_act() {
    assert_eq!(
        events("fr", "Le Pentagone a affirmé que la Russie avait attaqué l'Ukraine.", "2022-03-01"),
        [("rus".into(), "190".into(), "ukr".into(), "attaqué".into())]
    );
    assert_eq!(
        events("en", "The Pentagon said that Russia had attacked Ukraine.", "2022-03-01"),
        [("rus".into(), "190".into(), "ukr".into(), "attacked".into())]
    );
}

#[test]
fn quotations_speak_for_their_speaker() {
    // "we" inside the quotation is the speaker's state, named after it
    assert_eq!(
        events("en", "\"We will support Ukraine,\" the German chancellor said.", "2022-03-01"),
        [("deu".into(), "051".into(), "ukr".into(), "support".into())]
    );
    assert_eq!(
        events("fr", "« Nous soutenons l'Ukraine », a déclaré Emmanuel Macron.", "2022-03-01"),
        [("fra".into(), "051".into(), "ukr".into(), "soutenons".into())]
    );
}

#[test]
fn intentions_are_not_acts() {
    assert_eq!(
        events("fr", "La Chine veut renforcer sa coopération avec la Russie.", "2022-03-01"),
        [("chn".into(), "031".into(), "rus".into(), "coopération".into())]
    );
    assert_eq!(
        events("en", "Turkey plans to invade Syria.", "2022-03-01"),
        [("tur".into(), "138".into(), "syr".into(), "invade".into())]
    );
}

#[test]
fn denied_and_threatened_acts_are_not_coded_as_done() {
    assert_eq!(
        events("en", "Russia denied attacking Ukraine.", "2022-03-01"),
        [("rus".into(), "016".into(), "ukr".into(), "denied".into())]
    );
    assert_eq!(
        events("fr", "Moscou dément avoir bombardé l'Ukraine.", "2022-03-01"),
        [("rus".into(), "016".into(), "ukr".into(), "dément".into())]
    );
    assert_eq!(
        events("fr", "Le Royaume-Uni a menacé d'envahir l'ambassade équatorienne.", "2022-03-01"),
        [("gbr".into(), "130".into(), "ecu".into(), "menacé".into())]
    );
}
