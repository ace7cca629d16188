//! The extraction, pinned: the exact events of the founding example article and of written
//! sentences that exercise each rule of the actors and events stages.

use geokg::{Article, Event, ExtractOptions, Extractor, Lang};

/// (sentence, source id, CAMEO code, target id, trigger, negated)
type Row = (usize, String, String, String, String, bool);

fn rows(events: &[Event]) -> Vec<Row> {
    events
        .iter()
        .map(|e| {
            (
                e.sentence,
                e.source.id.to_string(),
                e.relation.cameo.clone(),
                e.target.id.to_string(),
                e.trigger.clone(),
                e.negated,
            )
        })
        .collect()
}

fn r(sentence: usize, source: &str, code: &str, target: &str, trigger: &str) -> Row {
    (sentence, source.into(), code.into(), target.into(), trigger.into(), false)
}

fn extract(lang: Lang, date: &str, text: &str) -> Vec<Row> {
    extract_with(lang, date, text, false)
}

fn extract_with(lang: Lang, date: &str, text: &str, negated: bool) -> Vec<Row> {
    let ex = Extractor::default().with_options(ExtractOptions {
        negated,
        min_confidence: 0.0,
        ..Default::default()
    });
    let mut a = Article::from_text("t", &format!("Title\n{text}\n"));
    a.lang = lang;
    a.date = Some(date.to_string());
    // sentence 0 is the title
    rows(&ex.extract(&a)).into_iter().map(|(s, a, b, c, d, e)| (s - 1, a, b, c, d, e)).collect()
}

#[test]
fn founding_example_article() {
    let text = std::fs::read_to_string("examples/articles/fr_seed_khamenei_poutine.txt").unwrap();
    let mut article = Article::from_text("fr_seed_khamenei_poutine", &text);
    article.date = Some("2025-06-23".into());
    assert_eq!(article.lang, Lang::Fr);
    assert!(article.body_text().ends_with("sur plusieurs fronts internationaux."), "furniture is cut");
    let events = Extractor::default().extract(&article);
    assert_eq!(
        rows(&events),
        vec![
            r(0, "ali-khamenei", "023", "vladimir-putin", "demande davantage d’aide"),
            r(0, "usa", "190", "irn", "frappes"),
            r(1, "usa", "190", "irn", "frappes"),
            r(1, "irn", "020", "rus", "obtenir davantage de soutien"),
            r(2, "ali-khamenei", "042", "rus", "dépêcher"),
            r(6, "rus", "111", "isr", "condamné"),
            r(7, "rus", "039", "irn", "rôle de médiateur"),
            r(8, "rus", "190", "ukr", "engagement militaire"),
            r(14, "rus", "057", "irn", "signé"),
            r(14, "irn", "057", "rus", "signé"),
            r(20, "vassily-nebenzia", "111", "usa", "critiqué"),
            r(24, "rus", "051", "irn", "soutien"),
        ]
    );
    // evidence: the sentence's byte span in the text as read
    let first = &events[0];
    assert_eq!(first.span, [0, 113]);
    assert_eq!(&text[first.span[0]..first.span[1]], first.text);
    assert_eq!(first.date.as_deref(), Some("2025-06-23"));
    assert_eq!(
        (first.relation.label.as_str(), first.relation.quad, first.relation.goldstein),
        ("appeal for aid", 1, 3.4)
    );
    assert_eq!(first.source.country.as_deref(), Some("IRN"));
    assert_eq!(first.target.role.as_deref(), Some("GOV"));
}

#[test]
fn english_active_passive_and_nominal() {
    assert_eq!(
        extract(Lang::En, "2022-03-01", "Russia condemned the United States."),
        vec![r(0, "rus", "111", "usa", "condemned")]
    );
    assert_eq!(
        extract(Lang::En, "2022-03-01", "Ukraine was attacked by Russia on Thursday."),
        vec![r(0, "rus", "190", "ukr", "attacked")]
    );
    assert_eq!(
        extract(
            Lang::En,
            "2022-03-01",
            "The United States strongly condemns the Russian missile attack on Ukraine."
        ),
        vec![r(0, "usa", "111", "rus", "condemns"), r(0, "rus", "190", "ukr", "attack")]
    );
    assert_eq!(
        extract(Lang::En, "2022-03-01", "Iran's missile strikes on Iraq killed three people."),
        vec![r(0, "irn", "190", "irq", "strikes")]
    );
}

#[test]
fn english_negation_hypothesis_and_coordination() {
    assert_eq!(extract(Lang::En, "2022-03-01", "France did not condemn Iran."), vec![]);
    assert_eq!(
        extract_with(Lang::En, "2022-03-01", "France did not condemn Iran.", true),
        vec![(0, "fra".into(), "111".into(), "irn".into(), "condemn".into(), true)]
    );
    assert_eq!(extract(Lang::En, "2022-03-01", "Officials said Russia would invade Georgia."), vec![]);
    assert_eq!(
        extract(Lang::En, "2022-03-01", "Israel and Jordan signed an agreement on water."),
        vec![r(0, "isr", "057", "jor", "signed"), r(0, "jor", "057", "isr", "signed")]
    );
    assert_eq!(
        extract(Lang::En, "2022-03-01", "China and Pakistan called on the Security Council to act."),
        vec![
            r(0, "chn", "020", "un-security-council", "called on"),
            r(0, "pak", "020", "un-security-council", "called on")
        ]
    );
}

#[test]
fn english_roles_and_pronouns() {
    assert_eq!(
        extract(
            Lang::En,
            "2022-03-01",
            "The Iranian foreign minister met Sergei Lavrov in Moscow. He urged Russia to send weapons."
        ),
        vec![
            r(0, "hossein-amir-abdollahian", "040", "sergey-lavrov", "met"),
            r(0, "sergey-lavrov", "040", "hossein-amir-abdollahian", "met"),
            r(1, "hossein-amir-abdollahian", "020", "rus", "urged"),
        ]
    );
}

#[test]
fn french_passive_negation_and_capitals() {
    assert_eq!(
        extract(Lang::Fr, "2022-03-01", "L'Ukraine a été attaquée par la Russie."),
        vec![r(0, "rus", "190", "ukr", "attaquée")]
    );
    assert_eq!(extract(Lang::Fr, "2022-03-01", "La France n'a pas condamné l'Iran."), vec![]);
    assert_eq!(
        extract(Lang::Fr, "2017-05-01", "Moscou a condamné les frappes israéliennes en Syrie."),
        vec![r(0, "rus", "111", "isr", "condamné"), r(0, "isr", "190", "syr", "frappes")]
    );
    assert_eq!(
        extract(Lang::Fr, "2019-05-01", "Washington a imposé des sanctions contre le Venezuela."),
        vec![r(0, "usa", "163", "ven", "imposé des sanctions")]
    );
}

#[test]
fn french_roles_resolve_by_date() {
    let text = "Le président américain a menacé la Corée du Nord.";
    assert_eq!(extract(Lang::Fr, "2012-05-01", text), vec![r(0, "barack-obama", "130", "prk", "menacé")]);
    assert_eq!(extract(Lang::Fr, "2017-05-01", text), vec![r(0, "donald-trump", "130", "prk", "menacé")]);
    assert_eq!(
        extract(Lang::Fr, "2019-05-01", "Le ministre russe des Affaires étrangères s'est rendu à Téhéran."),
        vec![r(0, "sergey-lavrov", "042", "irn", "rendu")]
    );
}

#[test]
fn french_nominal_events_and_plural_pronouns() {
    assert_eq!(
        extract(
            Lang::Fr,
            "2025-06-23",
            "Khamenei dénonce les frappes américaines sur les sites nucléaires iraniens."
        ),
        vec![r(0, "ali-khamenei", "111", "usa", "dénonce"), r(0, "usa", "190", "irn", "frappes")]
    );
    assert_eq!(
        extract(
            Lang::Fr,
            "2025-06-23",
            "La Russie et l'Iran se rapprochent. Ils ont signé un accord de partenariat."
        ),
        vec![r(1, "rus", "057", "irn", "signé"), r(1, "irn", "057", "rus", "signé")]
    );
}

/// Regression: an unresolved "we" before a role word once made the role resolution panic.
#[test]
fn unresolved_we_before_a_role() {
    assert_eq!(
        extract(
            Lang::En,
            "2022-03-01",
            "We foreign ministers condemn Russia. We, the G7, urge Iran to stop."
        ),
        vec![r(1, "g7", "020", "irn", "urge")]
    );
}

#[test]
fn a_judgement_on_an_earlier_act_targets_its_author() {
    assert_eq!(
        extract(
            Lang::Fr,
            "2017-04-07",
            "Les États-Unis ont bombardé une base en Syrie. La télévision syrienne a qualifié les frappes d'agression."
        ),
        vec![r(0, "usa", "190", "syr", "bombardé"), r(1, "syr", "111", "usa", "qualifié")]
    );
}

#[test]
fn elliptic_pairs_of_names_and_exchanges_of_fire() {
    assert_eq!(
        extract(Lang::En, "2015-08-21", "North and South Korea exchanged artillery fire."),
        vec![
            r(0, "prk", "190", "kor", "exchanged artillery fire"),
            r(0, "kor", "190", "prk", "exchanged artillery fire")
        ]
    );
    assert_eq!(
        extract(Lang::Fr, "2015-08-21", "La Corée du Nord et du Sud ont échangé des tirs."),
        vec![r(0, "prk", "190", "kor", "échangé des tirs"), r(0, "kor", "190", "prk", "échangé des tirs")]
    );
    // only names the lexicon knows: there is no "North Sudan"
    assert_eq!(extract(Lang::En, "2015-08-21", "North and South Sudan exchanged fire."), vec![]);
}

#[test]
fn the_state_of_a_person_is_no_member_of_a_coordination() {
    assert_eq!(
        extract(
            Lang::En,
            "2021-11-22",
            "The United States congratulated Foreign Minister Safadi of Jordan and Prime Minister Bennett of Israel."
        ),
        vec![r(0, "usa", "051", "ayman-safadi", "congratulated"), r(0, "usa", "051", "naftali-bennett", "congratulated")]
    );
}

#[test]
fn joint_acts_between_two_parties_named_later() {
    assert_eq!(
        extract(
            Lang::Fr,
            "2015-03-01",
            "Les négociations qui se déroulent entre Washington et Téhéran ont repris."
        ),
        vec![r(0, "usa", "046", "irn", "négociations"), r(0, "irn", "046", "usa", "négociations")]
    );
    // hoped for, or cancelled: no event
    assert_eq!(
        extract(
            Lang::En,
            "2022-09-01",
            "Grossi launched an initiative for an agreement between Ukraine and Russia."
        ),
        vec![]
    );
    assert_eq!(
        extract(
            Lang::Fr,
            "2018-05-24",
            "Trump a annoncé l'annulation du sommet entre les États-Unis et la Corée du Nord."
        ),
        vec![]
    );
    assert_eq!(
        extract(Lang::Fr, "2018-05-24", "Le report du sommet entre Washington et Pyongyang a surpris."),
        vec![]
    );
    // an English report tells of the act
    assert_eq!(
        extract(
            Lang::En,
            "2015-03-01",
            "A report on the negotiations between Washington and Tehran was published."
        ),
        vec![r(0, "usa", "046", "irn", "negotiations"), r(0, "irn", "046", "usa", "negotiations")]
    );
}

#[test]
fn an_order_is_coded_as_the_act_ordered_and_je_is_the_speaker() {
    assert_eq!(
        extract(
            Lang::Fr,
            "2017-04-07",
            "« J'ai ordonné une frappe contre la Syrie », a déclaré Donald Trump."
        ),
        vec![r(0, "donald-trump", "190", "syr", "frappe")]
    );
    // the act told of by the state and by its leader: a judgement of it targets the state
    assert_eq!(
        extract(
            Lang::Fr,
            "2017-04-07",
            "Les États-Unis ont bombardé la Syrie. Donald Trump a ordonné une frappe contre la Syrie. Damas a qualifié les frappes d'agression."
        ),
        vec![
            r(0, "usa", "190", "syr", "bombardé"),
            r(1, "donald-trump", "190", "syr", "frappe"),
            r(2, "syr", "111", "usa", "qualifié")
        ]
    );
}

/// Arguments read from the parse where the clause patterns find none: a subject past a relative
/// clause and an adverb, and an object's owner through a participle's agent.
#[test]
fn arguments_from_the_dependency_tree() {
    let text = "La Turquie, qui soutient les rebelles depuis 2012, a condamné mardi les frappes menées par la Russie.";
    assert_eq!(
        extract(Lang::Fr, "2024-01-01", text),
        vec![r(0, "tur", "051", "rebels", "soutient"), r(0, "tur", "111", "rus", "condamné")]
    );
    let text =
        "The United States strongly condemned on Tuesday the atrocities committed by the Russian forces.";
    assert_eq!(extract(Lang::En, "2024-01-01", text), vec![r(0, "usa", "111", "rus", "condemned")]);
    // without the parse, the patterns alone find no target in either sentence
    let plain = Extractor::default().with_options(ExtractOptions { parse: false, ..Default::default() });
    let a = Article::from_text("t", &format!("Title\n{text}\n"));
    assert!(plain.extract(&a).is_empty());
}

/// A nominal event's source named inside its phrase (an agent after "by"), its target attached
/// to that agent by the parser; and the spelling shared by a noun and a verb read as the tagger
/// reads it.
#[test]
fn nominal_events_from_their_noun_phrase() {
    let text = "The United States has taken this action following missile attacks by Iranian proxies against Saudi Arabia.";
    assert_eq!(extract(Lang::En, "2024-01-01", text), vec![r(0, "irn", "190", "sau", "attacks")]);
}

/// A statement's byline with an initial ("Antony J. Blinken") tells who "we" is.
#[test]
fn a_byline_with_an_initial_speaks_for_the_document() {
    let text = "2022-03-30\nAntony J. Blinken, Secretary of State\nToday, we condemned Russia.";
    assert_eq!(extract(Lang::En, "2022-03-30", text), vec![r(2, "usa", "111", "rus", "condemned")]);
}

/// "We" in apposition to a list of signatories is every one of them, and they are not each other's
/// partners in a joint act.
#[test]
fn we_is_every_signatory_listed_in_apposition() {
    let text =
        "We, the G7 Foreign Ministers of Canada, France and Japan, and the High Representative of the \
                European Union, condemn Russia. We will hold talks with Ukraine.";
    let mut got = extract(Lang::En, "2022-04-07", text);
    got.sort();
    let mut want = vec![
        r(0, "g7", "111", "rus", "condemn"),
        r(0, "can", "111", "rus", "condemn"),
        r(0, "fra", "111", "rus", "condemn"),
        r(0, "jpn", "111", "rus", "condemn"),
        r(0, "european-union", "111", "rus", "condemn"),
    ];
    let talks = extract(Lang::En, "2022-04-07", text).into_iter().filter(|x| x.0 == 1).collect::<Vec<_>>();
    // talks are joint: each signatory with Ukraine, both ways, and never two signatories
    assert!(talks.iter().all(|x| (x.1 == "ukr") != (x.3 == "ukr")), "{talks:?}");
    assert_eq!(talks.len(), 10);
    want.extend(talks);
    want.sort();
    assert_eq!(got, want);
}

/// The heading of a joint statement names who "we" is.
#[test]
fn the_issuers_of_a_statement_are_we() {
    let text =
        "The following statement was released by the Governments of France and Italy.\nWe condemn Iran.";
    assert_eq!(
        extract(Lang::En, "2022-03-04", text),
        vec![r(1, "fra", "111", "irn", "condemn"), r(1, "ita", "111", "irn", "condemn")]
    );
}

/// Rebels, separatists and protesters are actors of their own; rebels have no state, and an armed
/// group of the lexicon has none either.
#[test]
fn collectives_and_armed_groups_are_not_states() {
    let ex = Extractor::default();
    let mut a = Article::from_text(
        "t",
        "Title\nLes rebelles syriens ont attaqué l'armée turque. Le Hezbollah a condamné Israël.\n",
    );
    a.lang = Lang::Fr;
    a.date = Some("2017-02-24".into());
    let events = ex.extract(&a);
    let rebels = &events[0].source;
    assert_eq!(
        (rebels.id.as_str(), rebels.name.as_str(), rebels.country.as_deref(), rebels.operates_in.as_deref()),
        ("syr-rebels", "Syrian rebels", None, Some("SYR"))
    );
    assert_eq!((events[0].relation.cameo.as_str(), events[0].target.id.as_str()), ("190", "tur"));
    let hezbollah = &events[1].source;
    assert_eq!(
        (hezbollah.id.as_str(), hezbollah.country.as_deref(), hezbollah.operates_in.as_deref()),
        ("hezbollah", None, Some("LBN"))
    );
    assert_eq!(events.len(), 2);
    assert_eq!(
        extract(
            Lang::En,
            "2021-07-12",
            "Cuban protesters denounced the Cuban government. The separatists attacked Ukraine."
        ),
        vec![
            r(0, "cub-protesters", "111", "cub", "denounced"),
            r(1, "separatists", "190", "ukr", "attacked")
        ]
    );
    // after a contracted article too
    assert_eq!(
        extract(Lang::Fr, "2016-10-01", "L'Ukraine a demandé aux séparatistes de désarmer."),
        vec![r(0, "ukr", "020", "separatists", "demandé")]
    );
    // a mass noun with its object is no actor
    assert_eq!(extract(Lang::En, "2021-07-12", "The opposition to Russia condemned France."), vec![]);
}

/// A verb shares the object of the verb coordinated after it; a noun's agent ("by X") owns it;
/// the owner of an oblique that says what the act is about is the target.
#[test]
fn shared_objects_agents_of_nouns_and_topics() {
    let text = "The United States welcomes and strongly supports the declaration today by the Government of Ethiopia.";
    assert_eq!(
        extract(Lang::En, "2022-03-24", text),
        // (one event: the same act twice in a sentence is kept once)
        vec![r(0, "usa", "051", "eth", "welcomes")]
    );
    let text = "Egypt protested against the arrest of the Iranian ambassador.";
    assert_eq!(extract(Lang::En, "2022-03-24", text), vec![r(0, "egy", "140", "irn", "protested")]);
}

/// Frames where the subject receives or undergoes the act a noun names (data/relations/
/// receivers.tsv): the noun's owner is the source, the subject the target.
#[test]
fn receiving_frames_reverse_the_roles() {
    let text =
        "La Turquie peut compter sur l'appui de la Russie. L'armée turque intervient en Syrie avec le \
                soutien des États-Unis. Israël a subi des frappes iraniennes.";
    assert_eq!(
        extract(Lang::Fr, "2016-09-01", text),
        vec![
            r(0, "rus", "051", "tur", "appui"),
            r(1, "usa", "051", "tur", "soutien"),
            r(2, "irn", "190", "isr", "frappes")
        ]
    );
    let text =
        "Ukraine received military aid from the United States. Kyiv faces attacks by Russia. With the \
                help of France, Mali attacked the rebels.";
    assert_eq!(
        extract(Lang::En, "2022-05-01", text),
        vec![
            r(0, "usa", "072", "ukr", "military aid"),
            r(1, "rus", "190", "ukr", "attacks"),
            r(2, "fra", "070", "mli", "help"),
            // the fronted phrase's France is no member of the subject
            r(2, "mli", "190", "rebels", "attacked"),
        ]
    );
}

/// "Ce dernier" and "cette dernière" are the last actor named of their gender, whatever its kind.
#[test]
fn ce_dernier_is_the_last_actor_of_its_gender() {
    assert_eq!(
        extract(
            Lang::Fr,
            "2016-01-01",
            "Le Japon a rencontré la Chine. Cette dernière a condamné l'Inde. Ce dernier a condamné la Corée du Nord."
        ),
        vec![
            r(0, "jpn", "040", "chn", "rencontré"),
            r(0, "chn", "040", "jpn", "rencontré"),
            r(1, "chn", "111", "ind", "condamné"),
            r(2, "jpn", "111", "prk", "condamné"),
        ]
    );
}

/// An act threatened, promised or refused is done to the complement of the verb it controls; who
/// says that another actor must act demands it (100).
#[test]
fn modal_acts_and_reported_demands() {
    let text =
        "Russia threatened to cut gas supplies to Ukraine. Hassan Rouhani announced to leave for Italy. \
                Israel said that Iran must stop.";
    assert_eq!(
        extract(Lang::En, "2016-01-20", text),
        vec![r(0, "rus", "130", "ukr", "threatened"), r(2, "isr", "100", "irn", "must")]
    );
    assert_eq!(
        extract(Lang::Fr, "2016-01-20", "La France estime que l'Iran doit cesser ses attaques."),
        vec![r(0, "fra", "100", "irn", "doit")]
    );
}

/// A relative pronoun object is the noun its clause qualifies; "l'exécutif européen" is the
/// European Commission and "au pays" the country named before.
#[test]
fn relative_objects_periphrases_and_the_country() {
    assert_eq!(
        extract(Lang::Fr, "2016-10-01", "L'armée turque et les rebelles qu'elle soutient ont pris Dabiq."),
        vec![r(0, "tur", "051", "rebels", "soutient")]
    );
    assert_eq!(
        extract(
            Lang::Fr,
            "2017-02-22",
            "L'Italie a un budget en déficit. L'exécutif européen reproche au pays sa dette."
        ),
        vec![r(1, "european-commission", "112", "ita", "reproche")]
    );
}

/// "le groupe" is the group named before; French "il" may be a masculine group or state that was
/// the subject just before.
#[test]
fn le_groupe_and_il_for_groups() {
    assert_eq!(
        extract(
            Lang::Fr,
            "2016-07-29",
            "Le Hezbollah a tenu une réunion à Beyrouth. Le groupe a condamné Israël. Il a aussi attaqué la Syrie."
        ),
        vec![r(1, "hezbollah", "111", "isr", "condamné"), r(2, "hezbollah", "190", "syr", "attaqué")]
    );
}

/// "must" and "may" before an act: an obligation or a possibility, not the act done ("Iran must
/// cooperate with the IAEA" is no cooperation; the statement's speaker demands it).
#[test]
fn an_obligation_is_no_act_done() {
    let text = "2022-06-08\nAntony J. Blinken, Secretary of State\nIran must cooperate with the IAEA. Russia may attack Ukraine.";
    assert_eq!(extract(Lang::En, "2022-06-08", text), vec![r(2, "usa", "100", "irn", "must")]);
}
