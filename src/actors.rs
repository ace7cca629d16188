//! Stage 3: actor mentions — finding names, linking them to canonical actors, resolving role
//! descriptions by date and pronouns by a simple coreference step.
//!
//! For each sentence, left to right:
//! 1. the longest lexicon name at each token (a name beats a metonym, a seat and a demonym);
//!    a capital or seat ("Moscou") counts as its state only when it is not a place
//!    ("à Moscou", "in Moscow");
//! 2. role phrases ("le président russe", "Iranian foreign minister", "son ministre des Affaires
//!    étrangères", "l'armée syrienne") resolve to the office-holder at the article's date, or to
//!    the state; a role followed by a name in apposition becomes that name ("le président russe
//!    Vladimir Poutine", "L'ambassadeur russe à l'ONU, Vassily Nebenzia": an unknown name there is a
//!    new person actor of that state);
//! 3. pronouns ("il", "elle", "ils", "ce dernier", "he", "she", "they", "we") resolve to a recent
//!    compatible actor; "ils"/"they" to the last coordinated pair ("la Russie et l'Iran").

use crate::ingest::{Article, Lang};
use crate::lexicon::{FxMap, Lexicon, NameHit, NameKind};
use crate::model::{Actor, ActorKind};
use crate::segment::{Sentence, Token, TokenKind};
use crate::text::{fold, is_capitalized, slug};

/// How a mention refers to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A name from the lexicon.
    Name,
    /// A demonym adjective ("russe", "Iranian").
    Demonym,
    /// A capital or seat acting as government ("Moscou a condamné").
    Seat,
    /// An institution standing for a government ("Kremlin").
    Metonym,
    /// A role description ("le président russe").
    Role,
    /// A person named in apposition to a role, not in the lexicon.
    Unknown,
    /// A pronoun resolved by coreference.
    Pronoun,
    /// A capital as a place ("à Moscou", "in Moscow"): only the destination of a visit.
    Place,
}

/// One mention of an actor in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Index of the sentence in the document's sentence list.
    pub sentence: usize,
    /// First token of the mention (index into the sentence's tokens).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The resolved actor(s): two or more for a plural pronoun resolved to a coordinated pair.
    pub actors: Vec<Actor>,
    /// How the mention refers.
    pub kind: MentionKind,
    /// Id of the coordination group ("X et Y") this mention belongs to, if any.
    pub group: Option<usize>,
}

impl Mention {
    /// The first resolved actor.
    pub fn actor(&self) -> &Actor {
        &self.actors[0]
    }
}

/// Folded determiners, possessives and similar words skipped when looking around a mention.
pub(crate) const DETERMINERS: &[&str] = &[
    "le", "la", "les", "l'", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "son", "sa", "ses",
    "leur", "leurs", "notre", "nos", "the", "a", "an", "its", "his", "her", "their", "our", "this", "that",
    "these", "those", "'s",
];

/// Folded prepositions (a mention right after one of these is governed by it).
pub(crate) const PREPOSITIONS: &[&str] = &[
    "a", "au", "aux", "de", "du", "des", "d'", "en", "dans", "sur", "contre", "avec", "par", "pour", "vers",
    "depuis", "entre", "chez", "envers", "selon", "sans", "apres", "avant", "pendant", "face", "aupres",
    "of", "to", "in", "on", "with", "by", "for", "from", "against", "at", "into", "toward", "towards",
    "between", "among", "after", "before", "during", "about", "over", "under", "near", "through", "across",
    "within", "without", "upon", "via", "along", "around", "beyond", "inside", "outside", "amid", "despite",
    "off", "toward", "malgre", "parmi", "pres", "outre", "jusqu'a", "durant", "hors",
];

/// Prepositions that make a capital a place rather than its government.
const LOCATIVE: &[&str] = &[
    "a", "au", "aux", "en", "dans", "vers", "depuis", "in", "at", "to", "from", "near", "into", "via", "pres",
];

/// Nouns that take a city's name as their own ("l'accord de Paris", "the Minsk agreements" aside):
/// the city there is not its government.
const NAMED_AFTER_PLACES: &[&str] = &[
    "accord",
    "accords",
    "traite",
    "conference",
    "sommet",
    "convention",
    "protocole",
    "pacte",
    "charte",
    "declaration",
    "processus",
    "format",
    "agreement",
    "agreements",
    "treaty",
    "conference",
    "summit",
    "protocol",
    "pact",
    "charter",
    "declaration",
    "process",
    "talks",
    "club",
    "groupe",
    "group",
    "mairie",
    "maire",
    "mayor",
    "universite",
    "university",
    "region",
    "province",
    "aeroport",
    "airport",
    "bourse",
    "stock",
];

/// Genitive prepositions: "la rhétorique de Washington".
pub(crate) const GENITIVE: &[&str] = &["de", "du", "des", "d'", "of"];

/// The preposition governing the token at `i`, looking left over determiners and a few lower-case
/// words of the same noun phrase (at most four tokens).
pub(crate) fn governor(tokens: &[Token], doc: &str, i: usize) -> Option<usize> {
    let mut k = i;
    let mut skipped = 0;
    while k > 0 && skipped < 5 {
        k -= 1;
        let t = &tokens[k];
        if t.kind == TokenKind::Punct {
            return None;
        }
        // "des"/"du" right after a preposition, a verb or the start are determiners
        let partitive = matches!(t.norm.as_str(), "des" | "du")
            && (k == 0 || {
                let p = &tokens[k - 1];
                p.kind == TokenKind::Punct || is_preposition(p, doc) || is_verbish(&p.norm)
            });
        if is_preposition(t, doc) && !partitive {
            // "en" governs a name right after it ("en Syrie"), not "en urgence son ministre"
            if t.norm == "en" && k + 1 != i {
                return None;
            }
            return Some(k);
        }
        if DETERMINERS.contains(&t.norm.as_str()) || t.kind == TokenKind::Number {
            skipped += 1;
            continue;
        }
        // another word of the noun phrase ("les sites nucléaires iraniens", "the Kurdistan region")
        if !is_verbish(&t.norm) && k > 0 {
            skipped += 1;
            continue;
        }
        return None;
    }
    None
}

/// True when the token is a preposition ("à" but not the verb "a", nor the English article).
pub(crate) fn is_preposition(t: &Token, doc: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| PREPOSITIONS.iter().copied().collect());
    set.contains(t.norm.as_str()) && (t.norm != "a" || matches!(t.text(doc), "à" | "À"))
}

/// Auxiliaries and frequent verbs that end a noun phrase when looking left.
fn is_verbish(w: &str) -> bool {
    const V: &[&str] = &[
        "a", "ont", "avait", "avaient", "est", "sont", "etait", "etaient", "sera", "seront", "ete", "fut",
        "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "que", "qui", "et",
        "ou", "mais", "and", "or", "but", "that", "which", "who", "il", "elle", "ils", "elles", "it", "he",
        "she", "they", "we", "nous",
    ];
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| V.iter().copied().collect()).contains(w)
}

/// The actor mentions of a document, and who speaks in it.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// Every mention, in text order.
    pub list: Vec<Mention>,
    /// Who "we" is: the byline of a statement ("Antony J. Blinken, Secretary of State"), its
    /// issuers ("released by the Governments of A, B and C"), or the signatories in apposition ("We,
    /// the G7 Foreign Ministers of A, B ... and C"); empty when unknown.
    pub speakers: Vec<Actor>,
}

/// The actor named by an elliptic half of two coordinated names sharing a word, and the half's
/// length in tokens: "North" in "North and South Korea" (the shared word comes after), "du Sud"
/// in "la Corée du Nord et du Sud" (the shared word comes before). Both names must be names of the
/// lexicon, not demonyms or seats.
fn elliptic_name(
    lex: &Lexicon,
    doc: &str,
    toks: &[Token],
    i: usize,
    previous: &[Mention],
    si: usize,
    lang: Lang,
) -> Option<(usize, Actor)> {
    let name_of = |joined: &[Token]| -> Option<Actor> {
        let (n, hits) = lex.name_at(doc, joined, 0)?;
        let best = best_hit(doc, joined, 0, n, &hits, lang)?;
        (n == joined.len() && best.kind == NameKind::Name).then(|| lex.entry(best.actor).actor.clone())
    };
    // "North and South Korea": a capitalised word, "and", then a name whose first word it replaces
    if toks[i].kind == TokenKind::Word
        && is_capitalized(toks[i].text(doc))
        && toks.get(i + 1).is_some_and(|t| matches!(t.norm.as_str(), "and" | "or" | "et" | "ou"))
    {
        if let Some((n, _)) = lex.name_at(doc, toks, i + 2).filter(|(n, _)| *n >= 2) {
            let mut joined = vec![toks[i].clone()];
            joined.extend_from_slice(&toks[i + 3..i + 2 + n]);
            if let Some(a) = name_of(&joined) {
                return Some((1, a));
            }
        }
    }
    // "la Corée du Nord et du Sud": a name, "et", then words that replace its last ones
    let p = previous.last().filter(|p| p.sentence == si && p.kind == MentionKind::Name && p.end + 1 == i)?;
    if !matches!(toks[p.end].norm.as_str(), "et" | "and" | "ou" | "or") || p.end - p.start < 2 {
        return None;
    }
    for m in 1..=2.min(p.end - p.start - 1) {
        if i + m > toks.len() || !toks[i..i + m].iter().any(|t| is_capitalized(t.text(doc))) {
            continue;
        }
        let mut joined = toks[p.start..p.end - m].to_vec();
        joined.extend_from_slice(&toks[i..i + m]);
        if let Some(a) = name_of(&joined).filter(|a| a.id != p.actor().id) {
            return Some((m, a));
        }
    }
    None
}

/// "je", "j'", "I": the first person singular.
fn is_first_singular(t: &Token) -> bool {
    matches!(t.norm.as_str(), "je" | "j'" | "i")
}

/// True when `owner` (a state or an organisation) follows the person or role `m` after "of"/"de"
/// ("Foreign Minister Safadi of Jordan", "le ministre Lavrov de la Russie").
fn owner_attachment(toks: &[Token], m: &Mention, owner: &Mention) -> bool {
    let between: Vec<&str> = toks[m.end..owner.start].iter().map(|t| t.norm.as_str()).collect();
    let person = m.actors.first().is_some_and(|a| a.kind == ActorKind::Person);
    let state_or_org =
        owner.actors.first().is_some_and(|a| matches!(a.kind, ActorKind::Country | ActorKind::Organization));
    person
        && state_or_org
        && owner.kind == MentionKind::Name
        && matches!(between.first(), Some(&("of" | "de" | "du" | "des" | "d'")))
        && between.len() <= 2
        && between[1..].iter().all(|w| matches!(*w, "the" | "la" | "le" | "les" | "l'"))
}

// Work done matching the names of persons found in the document (trie steps, coverage marks), counted
// in unit tests to check that a long article costs work linear in its length.
#[cfg(test)]
thread_local! {
    static NAME_WORK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[inline]
fn count_name_work(_n: usize) {
    #[cfg(test)]
    NAME_WORK.with(|w| w.set(w.get() + _n));
}

/// The full names of the persons found in a document, in a trie of words, so that finding the
/// longest one starting at a token costs one lookup per word, however many names there are.
struct KnownNames<'k> {
    /// Per node: the next words, and the index of the name that ends there.
    nodes: Vec<(FxMap<&'k str, usize>, Option<usize>)>,
}

impl<'k> KnownNames<'k> {
    fn new(known: &'k [(Vec<String>, Actor)]) -> Self {
        let mut t = KnownNames { nodes: vec![(FxMap::default(), None)] };
        for (ix, (words, _)) in known.iter().enumerate() {
            let mut node = 0;
            for w in words {
                let fresh = t.nodes.len();
                node = *t.nodes[node].0.entry(w.as_str()).or_insert(fresh);
                if node == fresh {
                    t.nodes.push((FxMap::default(), None));
                }
            }
            // the last of equal names wins, as a scan keeping the longest would
            t.nodes[node].1 = Some(ix);
        }
        t
    }

    /// The longest name starting at token `i`: its index and its length in tokens.
    fn longest_at(&self, toks: &[Token], i: usize) -> Option<(usize, usize)> {
        let mut best = None;
        let mut node = 0;
        for (k, t) in toks[i..].iter().enumerate() {
            count_name_work(1);
            match self.nodes[node].0.get(t.norm.as_str()) {
                Some(&next) => node = next,
                None => break,
            }
            if let Some(ix) = self.nodes[node].1 {
                best = Some((ix, k + 1));
            }
        }
        best
    }
}

/// Finds and resolves every actor mention of an article.
pub fn find_mentions(lex: &Lexicon, article: &Article, sentences: &[Sentence]) -> Mentions {
    let first = mentions_with(lex, article, sentences, &[]);
    // persons the lexicon does not know, found by a role ("le fondateur de WikiLeaks Julian
    // Assange"): a second pass finds their names everywhere, before the role too (the title)
    let mut found: Vec<(Vec<String>, Actor)> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<Vec<String>> = Default::default();
    for m in first.list.iter().filter(|m| m.kind == MentionKind::Unknown) {
        let a = m.actor();
        let words: Vec<String> = crate::segment::tokenize(&a.name, 0..a.name.len())
            .into_iter()
            .map(|t| t.norm.to_string())
            .collect();
        if words.len() >= 2 && !seen.contains(&words) {
            seen.insert(words.clone());
            found.push((words, a.clone()));
        }
    }
    // the second pass is needed only where a word of those names stands outside the first
    // pass's mentions (other than pronouns): each token marked once
    let mut covered: Vec<Vec<bool>> = sentences.iter().map(|s| vec![false; s.tokens.len()]).collect();
    for m in first.list.iter().filter(|m| m.kind != MentionKind::Pronoun) {
        if let Some(marks) = covered.get_mut(m.sentence).and_then(|c| c.get_mut(m.start..m.end)) {
            count_name_work(marks.len());
            marks.fill(true);
        }
    }
    let words: rustc_hash::FxHashSet<&str> =
        found.iter().flat_map(|(w, _)| w.iter().map(String::as_str)).collect();
    let elsewhere = sentences.iter().zip(&covered).any(|(s, covered)| {
        s.tokens.iter().zip(covered).any(|(t, &covered)| {
            count_name_work(1);
            !covered && words.contains(t.norm.as_str())
        })
    });
    if elsewhere {
        mentions_with(lex, article, sentences, &found)
    } else {
        first
    }
}

/// [`find_mentions`], knowing the full names of some persons beforehand.
fn mentions_with(
    lex: &Lexicon,
    article: &Article,
    sentences: &[Sentence],
    known: &[(Vec<String>, Actor)],
) -> Mentions {
    let doc = article.text.as_str();
    let date = article.date.as_deref();
    let mut out: Vec<Mention> = Vec::new();
    let mut groups = 0usize;
    let mut we: Vec<Actor> = Vec::new();
    // surnames of the persons named in full so far ("Theresa May" ... "May"), and of the persons
    // known beforehand
    let mut local: FxMap<String, Actor> = FxMap::default();
    for (words, a) in known {
        if let Some(last) = words.last().filter(|w| w.chars().count() >= 3) {
            local.insert(last.clone(), a.clone());
        }
    }
    let names = KnownNames::new(known);
    for (si, s) in sentences.iter().enumerate() {
        let toks = &s.tokens;
        let first_of_sentence = out.len();
        let mut pending: Vec<Mention> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let full_name = match names.longest_at(toks, i) {
                Some((ix, _)) if lex.name_at(doc, toks, i).is_none() => Some(&known[ix]),
                _ => None,
            };
            let found = match full_name {
                Some((w, a)) => Some((
                    Mention {
                        sentence: si,
                        start: i,
                        end: i + w.len(),
                        actors: vec![a.clone()],
                        kind: MentionKind::Name,
                        group: None,
                    },
                    i + w.len(),
                )),
                None => mention_at(lex, doc, toks, i, si, date, article.lang, &out, &we, sentences, &local),
            };
            if let Some((m, next)) = found {
                if m.actors.first().is_some_and(|a| a.kind == ActorKind::Person)
                    && matches!(m.kind, MentionKind::Name | MentionKind::Unknown)
                    && next - i >= 2
                {
                    let last = &toks[next - 1];
                    if is_capitalized(last.text(doc)) && last.norm.chars().count() >= 3 {
                        local.insert(last.norm.to_string(), m.actor().clone());
                    }
                }
                // a role absorbs the owner named just before it ("IAEA Director General Grossi")
                while out.last().is_some_and(|p| p.sentence == si && p.start >= m.start) {
                    out.pop();
                }
                // an unresolved "we" waits for the end of the sentence ("We, the G7 ...")
                if m.actors.is_empty() {
                    pending.push(m);
                } else {
                    out.push(m);
                }
                i = next;
            } else {
                i += 1;
            }
        }
        // "We, the G7 Foreign Ministers of A, B and C, ..." fixes who "we" is for the rest of the
        // document: every actor of the apposition
        let here = &out[first_of_sentence..];
        for p in &pending {
            let signatories = apposition_actors(doc, toks, here, p.end);
            if !signatories.is_empty() {
                we = signatories;
            }
        }
        if we.is_empty() && si <= 5 {
            // "The following statement was released by the Governments of A, B and C"
            we = issuers(doc, toks, here);
        }
        if we.is_empty() && si <= 3 {
            // a byline ("Antony J. Blinken, Secretary of State") speaks for the document
            if let Some(m) =
                here.iter().find(|m| m.kind != MentionKind::Pronoun && m.actor().kind == ActorKind::Person)
            {
                // one line, with no full stop but its last or an initial's ("Antony J. Blinken")
                let initial = |k: usize| k > 0 && toks[k - 1].norm.chars().count() == 1;
                let one_line =
                    toks.iter().enumerate().all(|(k, t)| t.norm != "." || t.end == s.end || initial(k));
                if one_line && toks.len() <= 12 {
                    // an official's statement speaks for the state ("we" is the United States)
                    let person = m.actor();
                    let state = person.country.as_deref().and_then(|c| lex.actor(&c.to_ascii_lowercase()));
                    we = vec![state.cloned().unwrap_or_else(|| person.clone())];
                }
            }
        }
        // "« Nous contrôlons nos frontières », a déclaré Benyamin Netanyahou": the speaker of a
        // quotation is who "we" is inside it (for an official, the state)
        if let Some(speaker) = quotation_speaker(toks, &out[first_of_sentence..]) {
            let who = speaker
                .country
                .as_deref()
                .filter(|_| speaker.kind == ActorKind::Person)
                .and_then(|c| lex.actor(&c.to_ascii_lowercase()))
                .cloned()
                .unwrap_or_else(|| speaker.clone());
            for mut p in pending.drain(..) {
                // "je" is the speaker in person
                p.actors.push(if is_first_singular(&toks[p.start]) { speaker.clone() } else { who.clone() });
                out.push(p);
            }
            out[first_of_sentence..].sort_by_key(|m| m.start);
        }
        // late resolution of "we" pronouns found before the apposition
        if !we.is_empty() {
            for mut p in pending.drain(..) {
                if is_first_singular(&toks[p.start]) && (we.len() > 1 || we[0].kind != ActorKind::Person) {
                    continue;
                }
                p.actors.extend(we.iter().cloned());
                out.push(p);
            }
            out[first_of_sentence..].sort_by_key(|m| m.start);
        }
        pending.clear();
        // coordination: "X et Y", "X, Y and Z"
        let start = first_of_sentence.min(out.len());
        let mut k = start;
        while k + 1 < out.len() {
            // "Foreign Minister Safadi of Jordan and Prime Minister Bennett": the state a person
            // belongs to, attached by "of"/"de", is not a member of the coordination
            let mut j = k + 1;
            let mut left_end = out[k].end;
            if j + 1 < out.len() && owner_attachment(toks, &out[k], &out[j]) {
                left_end = out[j].end;
                j += 1;
            }
            let (a, b) = (&out[k], &out[j]);
            let between: Vec<&str> = toks[left_end..b.start].iter().map(|t| t.norm.as_str()).collect();
            // "X et Y", "X, Y and the Z", "de l'Allemagne, de la Belgique et des Pays-Bas"
            let joins = !between.is_empty()
                && between.len() <= 4
                && between.iter().any(|w| matches!(*w, "," | "et" | "and"))
                && between.iter().all(|w| {
                    matches!(
                        *w,
                        "," | "et" | "and" | "the" | "de" | "du" | "des" | "d'" | "l'" | "la" | "le" | "les"
                    )
                });
            if joins && a.kind != MentionKind::Pronoun && b.kind != MentionKind::Pronoun {
                let g = match out[k].group {
                    Some(g) => g,
                    None => {
                        groups += 1;
                        groups
                    }
                };
                out[k].group = Some(g);
                out[j].group = Some(g);
                k = j;
            } else {
                k += 1;
            }
        }
    }
    Mentions { list: out, speakers: we }
}

/// Tries to read a mention at token `i`; returns it and the index after it.
#[allow(clippy::too_many_arguments)]
fn mention_at(
    lex: &Lexicon,
    doc: &str,
    toks: &[Token],
    i: usize,
    si: usize,
    date: Option<&str>,
    lang: Lang,
    previous: &[Mention],
    we: &[Actor],
    sentences: &[Sentence],
    local: &FxMap<String, Actor>,
) -> Option<(Mention, usize)> {
    let mk = |start: usize, end: usize, actors: Vec<Actor>, kind: MentionKind| Mention {
        sentence: si,
        start,
        end,
        actors,
        kind,
        group: None,
    };
    // role phrase first: it may absorb a demonym and a name in apposition
    let name = lex.name_at(doc, toks, i);
    if let Some((n, role)) = lex.role_at(doc, toks, i, lang) {
        let role_is_lead = name.as_ref().is_none_or(|(len, _)| *len <= n);
        if role_is_lead {
            if let Some(res) = resolve_role(lex, doc, toks, i, n, &role, date, previous, si) {
                return Some(res);
            }
        }
    }
    if let Some((n, hits)) = name {
        // a name beats a metonym, a seat and a demonym; then the article's language decides
        // ("RSF" is a militia in English, Reporters sans frontières in French)
        let best = best_hit(doc, toks, i, n, &hits, lang)?;
        // a person with dated roles is who they were on the article's date
        let mut actor = lex.actor_on(best.actor, date);
        let kind = match best.kind {
            NameKind::Name => MentionKind::Name,
            NameKind::Metonym => {
                actor.role = Some("GOV".into());
                MentionKind::Metonym
            }
            NameKind::Seat => {
                // "à Moscou" is a place; so is "l'accord de Paris", a name of a treaty or a meeting
                let place = governor(toks, doc, i).is_some_and(|g| {
                    (LOCATIVE.contains(&toks[g].norm.as_str()) && g + 1 == i)
                        || (GENITIVE.contains(&toks[g].norm.as_str())
                            && g > 0
                            && NAMED_AFTER_PLACES.contains(&toks[g - 1].norm.as_str()))
                });
                if place {
                    MentionKind::Place
                } else {
                    actor.role = Some("GOV".into());
                    MentionKind::Seat
                }
            }
            NameKind::Demonym => {
                // "English"/"French" as languages, lower-case demonyms in English are not actors
                if lang == Lang::En && !is_capitalized(toks[i].text(doc)) {
                    return None;
                }
                MentionKind::Demonym
            }
        };
        return Some((mk(i, i + n, vec![actor], kind), i + n));
    }
    // one half of an elliptic pair of names: "North and South Korea", "la Corée du Nord et du Sud"
    if let Some((n, actor)) = elliptic_name(lex, doc, toks, i, previous, si, lang) {
        return Some((mk(i, i + n, vec![actor], MentionKind::Name), i + n));
    }
    // a surname alone, after the full name ("Theresa May" ... "May"); not after another first
    // name ("Yasser Arafat" is not "Souha Arafat")
    let after_first_name =
        i > 0 && toks[i - 1].kind == TokenKind::Word && is_capitalized(toks[i - 1].text(doc));
    if toks[i].kind == TokenKind::Word && is_capitalized(toks[i].text(doc)) && !after_first_name {
        if let Some(a) = local.get(toks[i].norm.as_str()) {
            return Some((mk(i, i + 1, vec![a.clone()], MentionKind::Name), i + 1));
        }
    }
    pronoun_at(lex, doc, toks, i, lang, previous, we, si, sentences).map(|m| {
        let e = m.end;
        (m, e)
    })
}

/// The best of the names found at `i` (`n` tokens): a name beats a metonym, a seat and a
/// demonym, then the article's language decides ("RSF" is a militia in English, Reporters sans
/// frontières in French); a one-word name written in lower case is a common word ("suisse" is
/// the adjective, "Suisse" the country).
fn best_hit<'h>(
    doc: &str,
    toks: &[Token],
    i: usize,
    n: usize,
    hits: &'h [NameHit],
    lang: Lang,
) -> Option<&'h NameHit> {
    let lower = n == 1 && !is_capitalized(toks[i].text(doc)) && toks[i].kind == TokenKind::Word;
    hits.iter()
        .filter(|h| !(lower && h.kind == NameKind::Name))
        .min_by_key(|h| (h.kind, h.lang.is_some_and(|l| l != lang)))
}

fn extra_pronoun_len(toks: &[Token], i: usize) -> usize {
    match (toks[i].norm.as_str(), toks.get(i + 1).map(|t| t.norm.as_str())) {
        ("ce" | "cette", Some("dernier" | "derniere")) => 1,
        ("celui" | "celle", Some("ci")) => 1,
        ("the", Some("latter")) => 1,
        (
            "le" | "ce" | "au" | "du" | "son" | "sa" | "leur" | "the" | "this" | "his" | "her" | "their",
            Some("pays" | "country"),
        )
        | ("l'" | "cette" | "the" | "this", Some("organisation" | "organization")) => 1,
        ("le" | "ce" | "du" | "au" | "the" | "this", Some("groupe" | "group")) => 1,
        _ => 0,
    }
}

/// Resolves a role phrase at `i..i+n` to an actor, absorbing a demonym, an owner ("de la Russie",
/// "son"), and a name in apposition.
#[allow(clippy::too_many_arguments)]
fn resolve_role(
    lex: &Lexicon,
    doc: &str,
    toks: &[Token],
    i: usize,
    n: usize,
    role: &crate::lexicon::RoleWord,
    date: Option<&str>,
    previous: &[Mention],
    si: usize,
) -> Option<(Mention, usize)> {
    let mut end = i + n;
    let mut role = role.clone();
    let mut owner: Option<Actor> = None;
    // where the mention starts: an owner written before the role is part of it
    let mut lead = i;
    // demonym or name before (English "Russian President", "IAEA Director General")
    if i > 0 {
        if let Some(m) = previous.last() {
            let owner_name = m.kind == MentionKind::Name
                && matches!(m.actor().kind, ActorKind::Country | ActorKind::Organization);
            // "Kenyan opposition leader": up to two lower-case words between
            let close = m.end <= i
                && i - m.end <= 2
                && toks[m.end..i].iter().all(|t| {
                    t.kind == TokenKind::Word && !is_capitalized(t.text(doc)) && !is_verbish(&t.norm)
                });
            if m.sentence == si && close && (m.kind == MentionKind::Demonym || (owner_name && m.end == i)) {
                owner = Some(m.actor().clone());
                lead = m.start;
            }
        }
    }
    // demonym or "de X" / "of X" after
    let mut j = end;
    let mut skipped = 0;
    while owner.is_none() && j < toks.len() && skipped < 4 {
        if let Some((len, hits)) = lex.name_at(doc, toks, j) {
            let best = best_hit(doc, toks, j, len, &hits, Lang::En)?;
            let a = lex.entry(best.actor).actor.clone();
            let adjacent = j == end;
            let after_of = j > end && GENITIVE.contains(&toks[j - 1].norm.as_str())
                || (j > end + 1
                    && GENITIVE.contains(&toks[j - 2].norm.as_str())
                    && DETERMINERS.contains(&toks[j - 1].norm.as_str()));
            let owner_kind = a.kind == ActorKind::Country || a.kind == ActorKind::Organization;
            if ((best.kind == NameKind::Demonym && (adjacent || skipped <= 2)) || after_of) && owner_kind {
                owner = Some(a);
                let role_end = end;
                end = j + len;
                // "le ministre russe des Affaires étrangères": the role goes on after the demonym
                if adjacent && best.kind == NameKind::Demonym {
                    let mut joined: Vec<Token> = toks[i..role_end].to_vec();
                    joined.extend_from_slice(&toks[end..]);
                    if let Some((n2, r2)) = lex.role_at(doc, &joined, 0, role.lang) {
                        if n2 > role_end - i {
                            end += n2 - (role_end - i);
                            role = r2;
                        }
                    }
                }
            }
            break;
        }
        let w = toks[j].norm.as_str();
        if toks[j].kind == TokenKind::Punct {
            break;
        }
        if !(GENITIVE.contains(&w) || DETERMINERS.contains(&w) || !is_capitalized(toks[j].text(doc))) {
            break;
        }
        j += 1;
        skipped += 1;
    }
    // possessive: "son ministre des Affaires étrangères" → the last actor named
    if owner.is_none()
        && i > 0
        && matches!(
            toks[i - 1].norm.as_str(),
            "son" | "sa" | "ses" | "leur" | "his" | "her" | "its" | "their"
        )
    {
        owner = previous.iter().rev().find(|m| m.sentence + 1 >= si).map(|m| m.actor().clone());
    }
    // "Russia's foreign minister"
    if owner.is_none() && i >= 2 && toks[i - 1].norm == "'s" {
        if let Some(m) = previous.last() {
            if m.end + 1 == i {
                owner = Some(m.actor().clone());
            }
        }
    }
    // a prepositional phrase naming an organisation ("à l'ONU", "to the UN") belongs to the role
    let mut k = end;
    {
        let mut j = k;
        if j < toks.len() && (is_preposition(&toks[j], doc) || toks[j].norm == "aupres") {
            j += 1;
            while j < toks.len()
                && (DETERMINERS.contains(&toks[j].norm.as_str()) || GENITIVE.contains(&toks[j].norm.as_str()))
            {
                j += 1;
            }
            if j < toks.len() {
                if let Some((len, hits)) = lex.name_at(doc, toks, j) {
                    if hits.iter().any(|h| lex.entry(h.actor).actor.kind == ActorKind::Organization) {
                        k = j + len;
                        end = k;
                    }
                }
            }
        }
    }
    // apposition: a name right after (optionally after a comma and a title word)
    if k < toks.len() && toks[k].norm == "," {
        k += 1;
    }
    let mut titles = 0;
    while k < toks.len()
        && titles < 2
        && matches!(
            toks[k].norm.as_str(),
            "l'" | "le"
                | "la"
                | "ayatollah"
                | "general"
                | "cheikh"
                | "sheikh"
                | "m"
                | "mme"
                | "mr"
                | "mrs"
                | "ms"
                | "dr"
                | "."
                | "emir"
        )
    {
        k += 1;
        titles += 1;
    }
    if k < toks.len() {
        if let Some((len, hits)) = lex.name_at(doc, toks, k) {
            if let Some(best) = hits.iter().find(|h| h.kind == NameKind::Name) {
                let a = lex.actor_on(best.actor, date);
                if a.kind == ActorKind::Person {
                    return Some((
                        Mention {
                            sentence: si,
                            start: lead,
                            end: k + len,
                            actors: vec![a],
                            kind: MentionKind::Name,
                            group: None,
                        },
                        k + len,
                    ));
                }
            }
        } else if let Some(p) = (toks[k].kind == TokenKind::Word
            && is_capitalized(toks[k].text(doc))
            && toks.get(k + 1).is_none_or(|t| !is_capitalized(t.text(doc))))
        .then(|| lex.person_by_surname(&toks[k].norm, date))
        .flatten()
        {
            // "Prime Minister Bennett": a title and a surname the lexicon knows for one person only
            let a = lex.actor_on(p, date);
            return Some((
                Mention {
                    sentence: si,
                    start: lead,
                    end: k + 1,
                    actors: vec![a],
                    kind: MentionKind::Name,
                    group: None,
                },
                k + 1,
            ));
        } else if let Some(len) = unknown_name_len(doc, toks, k) {
            // "le ministre turc de la Défense, Hulusi Akar", "Kenyan opposition leader Raila
            // Odinga", "le président Faustin-Archange Touadéra": a person the lexicon does not
            // know, with the role and the state the text gives (a plural role names no one)
            let singular = !toks[role_end_token(i, n)].norm.ends_with('s') || role.office.is_some();
            if owner.is_some() || singular {
                let name = doc[toks[k].start..toks[k + len - 1].end].to_string();
                let country = owner.as_ref().and_then(|o| o.country.clone());
                let a = Actor {
                    id: slug(&name).into(),
                    name: name.into(),
                    kind: ActorKind::Person,
                    country,
                    role: Some(role.role.as_str().into()),
                    operates_in: None,
                };
                return Some((
                    Mention {
                        sentence: si,
                        start: lead,
                        end: k + len,
                        actors: vec![a],
                        kind: MentionKind::Unknown,
                        group: None,
                    },
                    k + len,
                ));
            }
        }
    }
    // "les rebelles syriens", "Cuban protesters", "the separatists": a collective actor
    if let Some(actor) = collective(lex, doc, toks, i, end, &role, owner.as_ref()) {
        return Some((
            Mention {
                sentence: si,
                start: lead,
                end,
                actors: vec![actor],
                kind: MentionKind::Role,
                group: None,
            },
            end,
        ));
    }
    let owner = owner?;
    let mut actor = None;
    if let Some(office) = &role.office {
        let holder = match owner.kind {
            ActorKind::Country | ActorKind::Person => {
                lex.office_holder(owner.country.as_deref(), None, office, date)
            }
            ActorKind::Organization => lex.office_holder(None, Some(&owner.id), office, date),
            _ => None,
        };
        actor = holder.map(|h| lex.actor_on(h, date));
    }
    let actor = actor.unwrap_or_else(|| {
        let mut a = if owner.kind == ActorKind::Person {
            owner
                .country
                .as_deref()
                .and_then(|c| lex.actor(&c.to_ascii_lowercase()))
                .cloned()
                .unwrap_or(owner.clone())
        } else {
            owner.clone()
        };
        a.role = Some(role.role.as_str().into());
        a
    });
    Some((
        Mention { sentence: si, start: lead, end, actors: vec![actor], kind: MentionKind::Role, group: None },
        end,
    ))
}

/// The collective actor named by the role phrase at `i..end` ("rebelles", "protesters"), with the
/// state that owns it, if any. With a state owner: "Syrian rebels" have no state (their country is
/// null and they operate in Syria), "Cuban protesters" are Cuba's. With no owner, the bare
/// collective ("rebels"), only where it stands as a noun phrase: after a determiner or at the
/// start of the sentence, and not as a mass noun followed by its object ("opposition to").
/// An organisation owner is the actor itself ("Houthi rebels" are the Houthis): `None` then.
fn collective(
    lex: &Lexicon,
    doc: &str,
    toks: &[Token],
    i: usize,
    end: usize,
    role: &crate::lexicon::RoleWord,
    owner: Option<&Actor>,
) -> Option<Actor> {
    let name = role.collective.as_deref()?;
    // a collective is a common noun: "Rebellion" capitalised inside a sentence is a name
    if i > 0 && is_capitalized(toks[i].text(doc)) {
        return None;
    }
    let state = match owner {
        Some(o) if o.kind == ActorKind::Country => Some(o),
        Some(o) if o.kind != ActorKind::Person => return None,
        _ => None,
    };
    let role_code = Some(role.role.as_str().into());
    match state {
        Some(s) => {
            let iso = s.country.clone()?;
            let demonym = lex.demonym(&s.id).unwrap_or(&s.name);
            let stateless = role.stateless();
            Some(Actor {
                id: format!("{}-{}", s.id, slug(name)).into(),
                name: format!("{demonym} {name}").into(),
                kind: ActorKind::Group,
                country: (!stateless).then(|| iso.clone()),
                role: role_code,
                operates_in: stateless.then_some(iso),
            })
        }
        None => {
            let before = i.checked_sub(1).map(|k| toks[k].norm.as_str());
            let noun_phrase = match before {
                None => true,
                Some(w) => {
                    DETERMINERS.contains(&w)
                        || matches!(
                            w,
                            "these"
                                | "those"
                                | "ces"
                                | "des"
                                | "les"
                                | "aux"
                                | "au"
                                | "de"
                                | "d'"
                                | ","
                                | "«"
                                | "\""
                        )
                }
            };
            // "à" is folded to "a", which is also the auxiliary ("l'opposition a dénoncé")
            let followed_by_object = toks.get(end).is_some_and(|t| {
                matches!(t.norm.as_str(), "to" | "au" | "aux" | "against") || t.text(doc) == "à"
            });
            let capitalized_start = i == 0 && is_capitalized(toks[i].text(doc));
            if !(noun_phrase || capitalized_start) || followed_by_object {
                return None;
            }
            Some(Actor {
                id: slug(name).into(),
                name: name.into(),
                kind: ActorKind::Group,
                country: None,
                role: role_code,
                operates_in: None,
            })
        }
    }
}

/// The last token of a role phrase of `n` tokens at `i`.
fn role_end_token(i: usize, n: usize) -> usize {
    i + n.max(1) - 1
}

/// Length of a run of 2–4 capitalised words (a person's name not in the lexicon), allowing
/// particles such as "al", "el", "de", "bin".
fn unknown_name_len(doc: &str, toks: &[Token], k: usize) -> Option<usize> {
    let mut n = 0;
    while k + n < toks.len() && n < 4 {
        let t = &toks[k + n];
        let text = t.text(doc);
        let particle =
            matches!(t.norm.as_str(), "al" | "el" | "ben" | "bin" | "von" | "van" | "de" | "da" | "ibn");
        if t.kind == TokenKind::Word
            && (is_capitalized(text) || (particle && n > 0))
            && text.chars().count() > 1
        {
            n += 1;
        } else {
            break;
        }
    }
    // a trailing particle is not part of the name
    while n > 0 && !is_capitalized(toks[k + n - 1].text(doc)) {
        n -= 1;
    }
    (n >= 2).then_some(n)
}

/// True when token `i` is inside a quotation opened earlier in the sentence.
fn in_quotation(toks: &[Token], i: usize) -> bool {
    let (mut guillemets, mut curly, mut straight) = (0i32, 0i32, 0usize);
    for t in &toks[..i] {
        match t.norm.as_str() {
            "«" => guillemets += 1,
            "»" => guillemets -= 1,
            "“" => curly += 1,
            "”" => curly -= 1,
            "\"" => straight += 1,
            _ => {}
        }
    }
    guillemets > 0 || curly > 0 || straight % 2 == 1
}

/// The actors of a list that starts within `reach` tokens after token `from`: mentions joined by
/// commas, conjunctions, determiners, "of"/"de" and capitalised title words ("the G7 Foreign
/// Ministers of Canada, France ... and the High Representative of the European Union"). The list
/// ends at any other word: the verb after the apposition, or a lower-case noun.
fn listed_actors(doc: &str, toks: &[Token], mentions: &[Mention], from: usize, reach: usize) -> Vec<Actor> {
    let linking = |t: &Token| {
        matches!(
            t.norm.as_str(),
            "," | "and" | "et" | "the" | "of" | "la" | "le" | "les" | "l'" | "de" | "d'" | "des" | "du"
        ) || (t.kind == TokenKind::Word && is_capitalized(t.text(doc)))
    };
    let mut out: Vec<Actor> = Vec::new();
    let mut at = from;
    let mut allowed = reach;
    for m in mentions.iter().filter(|m| m.start >= from && m.kind != MentionKind::Pronoun) {
        if m.start < at || m.start > at + allowed || !toks[at..m.start].iter().all(linking) {
            break;
        }
        for a in &m.actors {
            if !out.iter().any(|b| b.id == a.id) {
                out.push(a.clone());
            }
        }
        at = m.end;
        allowed = 5;
    }
    out
}

/// The signatories in apposition to "we" ending at token `we_end`: "We, the G7 Foreign Ministers
/// of Canada, France ... and the High Representative of the European Union, condemn".
fn apposition_actors(doc: &str, toks: &[Token], mentions: &[Mention], we_end: usize) -> Vec<Actor> {
    if toks.get(we_end).is_none_or(|t| t.norm != ",") {
        return Vec::new();
    }
    listed_actors(doc, toks, mentions, we_end + 1, 3)
}

/// The issuers of a statement, named in its heading: "The following statement was released by the
/// Governments of A, B and C", "Joint Statement by the Foreign Ministers of A and B", "Déclaration
/// conjointe de A et B".
fn issuers(doc: &str, toks: &[Token], mentions: &[Mention]) -> Vec<Actor> {
    let Some(noun) =
        toks.iter().position(|t| matches!(t.norm.as_str(), "statement" | "declaration" | "communique"))
    else {
        return Vec::new();
    };
    // the first "by"/"from"/"par"/"de" after the noun, at most a few words on
    let Some(by) = (noun + 1..toks.len().min(noun + 6))
        .find(|&k| matches!(toks[k].norm.as_str(), "by" | "from" | "par" | "de" | "d'" | "des" | "du"))
    else {
        return Vec::new();
    };
    listed_actors(doc, toks, mentions, by + 1, 5)
}

/// The speaker of a quotation: the actor named right after its closing mark and a comma
/// ("», a déclaré Benyamin Netanyahou", "», a-t-il déclaré", "\", the chancellor said").
fn quotation_speaker(toks: &[Token], mentions: &[Mention]) -> Option<Actor> {
    let close = toks.iter().rposition(|t| matches!(t.norm.as_str(), "»" | "”" | "\""))?;
    if toks.get(close + 1).is_none_or(|t| t.norm != ",")
        && toks.get(close.wrapping_sub(1)).is_none_or(|t| t.norm != ",")
    {
        return None;
    }
    mentions
        .iter()
        .find(|m| m.start > close && m.start <= close + 6 && !m.actors.is_empty())
        .map(|m| m.actor().clone())
}

/// Resolves a pronoun at `i`.
#[allow(clippy::too_many_arguments)]
fn pronoun_at(
    lex: &Lexicon,
    doc: &str,
    toks: &[Token],
    i: usize,
    lang: Lang,
    previous: &[Mention],
    we: &[Actor],
    si: usize,
    sentences: &[Sentence],
) -> Option<Mention> {
    let w = toks[i].norm.as_str();
    let next = toks.get(i + 1).map(|t| t.norm.as_str());
    #[derive(PartialEq)]
    enum Want {
        Person,
        /// "the latter": the actor named last, whatever its kind
        Latest,
        /// "ce dernier", "celui-ci": the masculine actor named last (a person, "le Japon", "le Front")
        LatestMasculine,
        /// "cette dernière", "celle-ci": the feminine actor named last ("la Russie", "l'UE")
        LatestFeminine,
        /// "le pays", "the country": a state named before
        Country,
        /// "son pays", "his country": the state of the person named before
        TheirCountry,
        /// "l'organisation", "the organization"
        Organization,
        /// "le groupe", "the group": an armed or other non-state group named before
        Group,
        Feminine,
        Plural,
        NonPerson,
        We,
    }
    let want = match (lang, w, next) {
        (Lang::Fr, "ce", Some("dernier")) | (Lang::Fr, "celui", Some("ci")) => Want::LatestMasculine,
        (Lang::Fr, "cette", Some("derniere")) | (Lang::Fr, "celle", Some("ci")) => Want::LatestFeminine,
        (Lang::En, "the", Some("latter")) => Want::Latest,
        (_, "le" | "ce" | "au" | "du" | "the" | "this", Some("pays" | "country")) => Want::Country,
        (_, "son" | "sa" | "leur" | "his" | "her" | "their", Some("pays" | "country")) => Want::TheirCountry,
        (_, "l'" | "cette" | "the" | "this", Some("organisation" | "organization")) => Want::Organization,
        (_, "le" | "ce" | "du" | "au" | "the" | "this", Some("groupe" | "group")) => Want::Group,
        (Lang::Fr, "il", _) => Want::Person,
        (Lang::Fr, "elle", _) => Want::Feminine,
        (Lang::Fr, "ils" | "elles", _) => Want::Plural,
        // object clitics before the verb: "l'Équateur lui a accordé l'asile"
        (Lang::Fr, "lui", Some(n)) if n != "-" && !n.is_empty() => Want::Person,
        (
            Lang::Fr,
            "leur",
            Some("a" | "ont" | "avait" | "avaient" | "sera" | "seront" | "est" | "sont" | "y"),
        ) => Want::Plural,
        (Lang::En, "he" | "she" | "him", _) => Want::Person,
        (Lang::En, "they" | "them", _) => Want::Plural,
        (Lang::En, "it", _) => Want::NonPerson,
        (Lang::En, "we", _) | (Lang::Fr, "nous", _) => Want::We,
        // "je", and "I" before a lower-case word (not a numeral: "World War I")
        (Lang::Fr, "je" | "j'", _) => Want::We,
        (Lang::En, "i", Some(_))
            if toks[i].text(doc) == "I"
                && toks
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokenKind::Word && !is_capitalized(t.text(doc))) =>
        {
            Want::We
        }
        _ => return None,
    };
    // French "il" in impersonal phrases ("il y a", "il faut", "il s'agit") refers to nobody
    if w == "il"
        && matches!(next, Some("y" | "faut" | "s'" | "semble" | "est" | "reste" | "convient" | "fallait"))
    {
        return None;
    }
    if w == "it" && matches!(next, Some("is" | "was" | "'s" | "has" | "will" | "would" | "seems" | "remains"))
    {
        return None;
    }
    let len = 1 + extra_pronoun_len(toks, i);
    // "Ce dernier, Abbas Araghchi, ...": the name in apposition is the mention
    if toks.get(i + len).is_some_and(|t| t.norm == ",")
        && toks.get(i + len + 1).is_some_and(|t| is_capitalized(t.text(doc)))
    {
        return None;
    }
    let mk = |actors: Vec<Actor>| Mention {
        sentence: si,
        start: i,
        end: i + len,
        actors,
        kind: MentionKind::Pronoun,
        group: None,
    };
    if want == Want::We {
        // resolved now if known, else after the sentence ("We, the G7 ..."); inside a quotation
        // always after the sentence, where the quote's speaker is known; "I" only ever a person
        let first_singular = is_first_singular(&toks[i]);
        let known = if in_quotation(toks, i)
            || (first_singular && (we.len() != 1 || we[0].kind != ActorKind::Person))
        {
            Vec::new()
        } else {
            we.to_vec()
        };
        return Some(mk(known));
    }
    // persons stay in focus longer than other actors
    let window = if matches!(want, Want::Person | Want::Latest) { 4 } else { 2 };
    // the mentions of the last sentences, newest first, each told once whether a preposition
    // governs it
    let window_mentions: Vec<&Mention> = previous
        .iter()
        .rev()
        .take_while(|m| m.sentence + window >= si)
        .filter(|m| !m.actors.is_empty())
        .collect();
    let governed: Vec<bool> = window_mentions
        .iter()
        .map(|m| governor(&sentences[m.sentence].tokens, doc, m.start).is_some())
        .collect();
    // the subject of a sentence: its first actor that no preposition governs
    let mut first_free: FxMap<usize, usize> = FxMap::default();
    for (m, g) in window_mentions.iter().zip(&governed) {
        if !g {
            let e = first_free.entry(m.sentence).or_insert(m.start);
            *e = (*e).min(m.start);
        }
    }
    let candidates: Vec<(&Mention, bool)> = window_mentions
        .iter()
        .zip(&governed)
        .filter(|(m, _)| !matches!(m.kind, MentionKind::Demonym | MentionKind::Place))
        .map(|(m, g)| (*m, *g))
        .collect();
    // the subject of the current or previous sentence first, then other subjects and objects, then
    // actors inside prepositional phrases
    let recent: Vec<&Mention> = candidates
        .iter()
        .filter(|(m, g)| !g && first_free.get(&m.sentence) == Some(&m.start) && m.sentence + 1 >= si)
        .chain(candidates.iter().filter(|(_, g)| !g))
        .chain(candidates.iter().filter(|(_, g)| *g))
        .map(|(m, _)| *m)
        .collect();
    let found: Option<Vec<Actor>> = match want {
        Want::Person => {
            // French "il" is any masculine noun: the subject of this or the last sentence when it
            // is a masculine group, organisation or state ("Le Front al-Nosra ... Il s'est allié")
            let subject = candidates
                .iter()
                .find(|(m, g)| !g && first_free.get(&m.sentence) == Some(&m.start) && m.sentence + 1 >= si)
                .map(|(m, _)| *m)
                .filter(|m| {
                    w == "il" && m.actor().kind != ActorKind::Person && !is_feminine(doc, m, sentences)
                });
            subject
                .or_else(|| recent.iter().copied().find(|m| m.actor().kind == ActorKind::Person))
                .map(|m| vec![m.actor().clone()])
        }
        Want::Latest | Want::LatestMasculine | Want::LatestFeminine => previous
            .iter()
            .rev()
            .take_while(|m| m.sentence + 2 >= si)
            .filter(|m| !m.actors.is_empty() && !matches!(m.kind, MentionKind::Demonym | MentionKind::Place))
            .find(|m| match want {
                Want::LatestFeminine => is_feminine(doc, m, sentences),
                Want::LatestMasculine => !is_feminine(doc, m, sentences),
                _ => true,
            })
            .map(|m| vec![m.actor().clone()]),
        Want::Feminine => {
            recent.iter().find(|m| is_feminine(doc, m, sentences)).map(|m| vec![m.actor().clone()])
        }
        Want::NonPerson => {
            recent.iter().find(|m| m.actor().kind != ActorKind::Person).map(|m| vec![m.actor().clone()])
        }
        Want::Country => {
            recent.iter().find(|m| m.actor().kind == ActorKind::Country).map(|m| vec![m.actor().clone()])
        }
        Want::TheirCountry => recent
            .iter()
            .find(|m| m.actor().kind == ActorKind::Person && m.actor().country.is_some())
            .and_then(|m| m.actor().country.as_deref())
            .and_then(|c| lex.actor(&c.to_ascii_lowercase()))
            .map(|a| {
                let mut a = a.clone();
                a.role = Some("GOV".into());
                vec![a]
            }),
        Want::Organization => recent
            .iter()
            .find(|m| matches!(m.actor().kind, ActorKind::Organization | ActorKind::Group))
            .map(|m| vec![m.actor().clone()]),
        Want::Group => {
            recent.iter().find(|m| m.actor().kind == ActorKind::Group).map(|m| vec![m.actor().clone()])
        }
        Want::Plural => {
            let last_group = recent.iter().find_map(|m| m.group);
            match last_group {
                Some(g) => {
                    let mut v: Vec<Actor> = window_mentions
                        .iter()
                        .rev()
                        .filter(|m| m.group == Some(g))
                        .map(|m| m.actor().clone())
                        .collect();
                    v.dedup();
                    Some(v)
                }
                None => None,
            }
        }
        Want::We => None,
    };
    found.filter(|v| !v.is_empty()).map(mk)
}

/// A mention is feminine when written after "la"/"cette"/"une", or when it is a state whose
/// French name ends in -e (la Russie, la Chine, la France).
fn is_feminine(doc: &str, m: &Mention, sentences: &[Sentence]) -> bool {
    let toks = &sentences[m.sentence].tokens;
    // the determiner before the mention, or its own first word ("le groupe", "cette dernière")
    let det = match toks[m.start].norm.as_str() {
        own @ ("le" | "la" | "ce" | "cette" | "du" | "au") => Some(own),
        _ => m.start.checked_sub(1).map(|k| toks[k].norm.as_str()),
    };
    match det {
        Some("la" | "cette" | "une" | "sa" | "mme" | "madame") => return true,
        Some("le" | "du" | "au" | "un" | "ce" | "son" | "m" | "monsieur") => return false,
        _ => {}
    }
    if m.actor().kind == ActorKind::Person || m.kind == MentionKind::Demonym {
        return false;
    }
    // "l'Ukraine", "l'ONU" (l'Organisation), "Moscou" (la ville): written names ending in -e,
    // acronyms of organisations, and cities are feminine
    let text = fold(&doc[toks[m.start].start..toks[m.end - 1].end]);
    m.kind == MentionKind::Seat
        || text.ends_with('e')
        || (m.actor().kind == ActorKind::Organization && crate::text::is_all_caps(toks[m.start].text(doc)))
}

/// How often each actor is mentioned across articles: the `geokg actors` census.
#[derive(Debug, Clone, Default)]
pub struct Census {
    actors: std::collections::BTreeMap<String, ActorCount>,
}

/// One actor of a [`Census`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ActorCount {
    /// The actor.
    pub actor: Actor,
    /// False for actors the lexicon does not know (discovered by a role and a name).
    pub known: bool,
    /// Mentions, pronouns included.
    pub mentions: usize,
    /// Documents that mention it.
    pub documents: usize,
    /// The forms written in the texts (pronouns left out).
    pub forms: std::collections::BTreeSet<String>,
    /// One sentence that mentions it (the first met).
    pub example: String,
}

impl Census {
    /// An empty census.
    pub fn new() -> Self {
        Census::default()
    }

    /// Counts the mentions of one analysed article.
    pub fn add(&mut self, lex: &Lexicon, article: &Article, sentences: &[Sentence], mentions: &[Mention]) {
        let mut seen_here = std::collections::HashSet::new();
        for m in mentions {
            let s = &sentences[m.sentence];
            let surface = article.text[s.tokens[m.start].start..s.tokens[m.end - 1].end].to_string();
            for a in &m.actors {
                let entry = self.actors.entry(a.id.to_string()).or_insert_with(|| ActorCount {
                    actor: a.clone(),
                    known: lex.index_of(&a.id).is_some(),
                    mentions: 0,
                    documents: 0,
                    forms: Default::default(),
                    example: s.text(&article.text).to_string(),
                });
                entry.mentions += 1;
                if seen_here.insert(a.id.clone()) {
                    entry.documents += 1;
                }
                if m.kind != MentionKind::Pronoun {
                    entry.forms.insert(surface.clone());
                }
            }
        }
    }

    /// The actors, most mentioned first (then by id).
    pub fn counts(&self) -> Vec<&ActorCount> {
        let mut v: Vec<&ActorCount> = self.actors.values().collect();
        v.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.actor.id.cmp(&b.actor.id)));
        v
    }

    /// The unknown persons in the format of `data/actors/people.tsv`, for an analyst to review
    /// and add: their forms become aliases, and the terms are left empty.
    pub fn unknown_as_lexicon(&self) -> String {
        let mut out =
            String::from("# unknown persons found by geokg: review before adding them to a lexicon\n");
        out.push_str("id\tname\tcountry\torg\trole\taliases\tterms\n");
        for c in self.counts().into_iter().filter(|c| !c.known && c.actor.kind == ActorKind::Person) {
            let clean = |s: &str| s.replace(['\t', '\n', '\r', '|'], " ");
            let aliases: Vec<String> = c
                .forms
                .iter()
                .filter(|f| **f != c.actor.name && !f.contains(['\t', '\n', '|']))
                .map(|f| clean(f))
                .collect();
            out.push_str(&format!(
                "{}\t{}\t{}\t\t{}\t{}\t\n",
                c.actor.id,
                clean(&c.actor.name),
                c.actor.country.as_deref().unwrap_or(""),
                c.actor.role.as_deref().unwrap_or(""),
                aliases.join("|")
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word salad of actors, roles, pronouns and triggers without punctuation, of about `bytes`
    /// bytes: unknown persons keep turning up in it, so the list of names the second pass looks
    /// for grows with the text.
    fn salad(bytes: usize) -> Article {
        const PIECES: &[&str] = &[
            "We",
            "we",
            "the",
            "G7",
            "il",
            "elle",
            "ils",
            "Ce",
            "dernier",
            "lui",
            "leur",
            "a",
            "à",
            "de",
            "l’",
            "d'",
            "qu’",
            "Russie",
            "Russia",
            "russe",
            "président",
            "président russe",
            "ministre",
            "des Affaires étrangères",
            "Moscou",
            "à Moscou",
            "Poutine",
            "Trump",
            "condamné",
            "condemned",
            "was",
            "été",
            "par",
            "by",
            "frappes",
            "strikes",
            "on",
            "sur",
            "and",
            "et",
            "n'",
            "pas",
            "not",
            "would",
            "must",
            "doit",
            "'s",
            "’s",
            "ONU",
            "UN",
            "1 000",
            "Ils ont signé",
            "signed",
            "with",
            "avec",
            "qui",
            "who",
            "that",
            "que",
            "Tel-Aviv",
            "a-t-il",
            "déclaré",
            "l'accord de Paris",
            "é",
            "حزب الله",
            "Зеленский",
            "😀",
            "  ",
            "Ambassador",
            "to the UN",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let mut text = String::from("Titre\n");
        while text.len() < bytes {
            text.push_str(PIECES[next() % PIECES.len()]);
            if next() % 3 > 0 {
                text.push(' ');
            }
        }
        Article::from_text("salad", &text)
    }

    /// The work of finding the mentions of an article, and its number of tokens.
    fn name_work(article: &Article, lex: &Lexicon) -> (usize, usize, usize) {
        let sentences = crate::segment::segment(&article.text, article.body.clone(), 0);
        let tokens = sentences.iter().map(|s| s.tokens.len()).sum();
        NAME_WORK.with(|w| w.set(0));
        let found = find_mentions(lex, article, &sentences);
        (NAME_WORK.with(std::cell::Cell::get), tokens, found.list.len())
    }

    /// A long article without punctuation costs work linear in its length: the names of the
    /// unknown persons it names are looked up in a trie (one step per word), and whether the
    /// first pass covered a token is marked once, where every token was compared with every name
    /// found and every mention of the document (quadratic: 4 MB took 3.5 s, 16 MB 35 s).
    #[test]
    fn finding_names_in_a_long_unpunctuated_article_is_linear() {
        let lex = Lexicon::default();
        let (small, large) = (salad(250_000), salad(1_000_000));
        let (w1, t1, m1) = name_work(&small, &lex);
        let (w4, t4, m4) = name_work(&large, &lex);
        assert!(m4 > 3 * m1, "mentions {m1} → {m4}");
        // at most a few steps per token, whatever the length
        assert!(w1 <= 4 * t1 && w4 <= 4 * t4, "work {w1} for {t1} tokens, {w4} for {t4}");
        let ratio = w4 as f64 / w1 as f64;
        let tokens = t4 as f64 / t1 as f64;
        assert!(ratio <= 1.1 * tokens, "work grew {ratio:.2}× for {tokens:.2}× the tokens ({w1} → {w4})");
    }
}
