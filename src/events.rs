//! Stage 4: events — relation triggers found in each sentence, with their source and target found
//! around them by clause-level patterns, coded with CAMEO.
//!
//! For each trigger of `data/relations/*.tsv` found in a sentence:
//! - **voice**: a participle after a form of *être* / *be* is passive: the source is the agent
//!   (`par X`, `by X`) and the target the subject; a French participle with no auxiliary is only
//!   coded when it has an agent; an English or French conditional (`would`, `-rait`) is
//!   hypothetical and not coded;
//! - **source** (active): the leftmost actor of the trigger's clause that no preposition other than
//!   *de/of* governs; after `qui`/`who`, the antecedent; for a noun, first a demonym next to it
//!   ("frappes américaines", "Russian attack"), an agent (`par X`), or the clause subject;
//! - **target**: the first actor after the trigger in its clause that fits the trigger's frame
//!   (`obj`: a direct object, or an actor governed by one of the listed prepositions);
//! - **coordination**: "la Chine et le Pakistan" act each; a `joint` trigger with coordinated
//!   actors is coded both ways;
//! - **negation** (`ne … pas`, `not`, `refuse de`, `without`) marks the event `negated`.

use crate::actors::{governor, is_preposition, Mention, MentionKind, DETERMINERS, GENITIVE};
use crate::ingest::{Article, Lang};
use crate::lexicon::inflect::FormKind;
use crate::lexicon::{Lexicon, Pos, Trigger, TriggerWord};
use crate::model::{Actor, ActorKind, Event};
use crate::segment::{Sentence, Token, TokenKind};
use crate::syntax::{Model, Parse};
use crate::text::is_capitalized;

/// A trigger found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerMatch {
    /// Index of the trigger in [`Lexicon::triggers`].
    pub trigger: usize,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The kind of the first word's form (participle, conditional...).
    pub form: FormKind,
}

/// Why a trigger did or did not give an event (for `explain` and tests).
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Events were coded.
    Coded(usize),
    /// No source actor was found.
    NoSource,
    /// No target actor was found.
    NoTarget,
    /// The action is hypothetical (conditional, "would").
    Hypothetical,
    /// A participle used as an adjective, without an agent.
    Adjectival,
    /// Source and target are the same actor.
    SameActor,
    /// An infinitive under a threat, promise, appeal or demand ("menacé d'envahir"): the act is
    /// not reported as done; the governing trigger codes the event.
    Embedded,
    /// An order whose object is an act ("a ordonné une frappe"): the act's noun codes the event,
    /// with the order's author as its source.
    Ordered,
}

/// The noun trigger that is the object of verb trigger `ti`: within three words after it, with
/// only words (determiners, adjectives) between.
fn ordered_act(lex: &Lexicon, toks: &[Token], triggers: &[TriggerMatch], ti: usize) -> Option<usize> {
    let m = &triggers[ti];
    let next = triggers.get(ti + 1)?;
    let noun = lex.triggers()[next.trigger].pos != Pos::Verb;
    let close = next.start >= m.end
        && next.start - m.end <= 3
        && toks[m.end..next.start].iter().all(|t| t.kind == TokenKind::Word);
    (noun && close).then_some(ti + 1)
}

/// Words that make what follows an intention ("veut renforcer", "plans to invade").
const INTENT_WORDS: &[&str] = &[
    "veut",
    "veulent",
    "voulait",
    "voulaient",
    "souhaite",
    "souhaitent",
    "souhaitait",
    "compte",
    "comptent",
    "envisage",
    "envisagent",
    "envisageait",
    "prevoit",
    "prevoient",
    "entend",
    "entendent",
    "projette",
    "projettent",
    "apprete",
    "appretent",
    "want",
    "wants",
    "wanted",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "seek",
    "seeks",
    "sought",
    "seeking",
    "hope",
    "hopes",
    "aim",
    "aims",
    "aiming",
];

/// The intention word governing the trigger at `start`, if any ("veut renforcer sa coopération",
/// "plans to invade"): within four words before it, past "de", "to" and adverbs.
fn intention_before(toks: &[Token], start: usize) -> Option<usize> {
    let mut k = start;
    for _ in 0..4 {
        k = k.checked_sub(1)?;
        let w = toks[k].norm.as_str();
        if INTENT_WORDS.contains(&w) {
            return Some(k);
        }
        if !(matches!(
            w,
            "de" | "d'"
                | "a"
                | "to"
                | "sa"
                | "son"
                | "ses"
                | "leur"
                | "leurs"
                | "its"
                | "their"
                | "his"
                | "her"
                | "s'"
                | "se"
        ) || ADVERB_SKIP.contains(&w)
            || toks[k].kind == TokenKind::Word && w.len() > 3 && !is_verbish_word(w))
        {
            return None;
        }
    }
    None
}

/// The CAMEO code of the intention to do what `code` codes: to cooperate (03x) or to use force
/// (13x); verbal acts stay as they are.
fn intended(code: &str) -> String {
    match &code[..2] {
        "04" => "036",
        "05" => "032",
        "06" => "031",
        "07" => "033",
        "08" => "035",
        "14" => "133",
        "15" | "18" | "19" | "20" => "138",
        "16" => "131",
        "17" => "137",
        _ => code,
    }
    .to_string()
}

/// The largest coordination coded as mutual dyads ("X, Y and Z met"); beyond it the act is
/// multilateral and not coded as pairs.
const MAX_MUTUAL: usize = 4;

/// Roots whose trigger governs an infinitive that did not happen: statements, appeals, intents,
/// demands, rejections, threats.
const GOVERNING_ROOTS: &[&str] = &["01", "02", "03", "10", "12", "13"];

/// The trigger that governs trigger `ti` when `ti` is an infinitive right after it ("menacé la
/// veille d'envahir", "threatened to invade").
fn governing_trigger(lex: &Lexicon, toks: &[Token], triggers: &[TriggerMatch], ti: usize) -> Option<usize> {
    let m = &triggers[ti];
    if ti == 0 {
        return None;
    }
    let before = |k: usize| m.start.checked_sub(k).map(|j| toks[j].norm.as_str());
    // "de frapper", "to invade"; a past infinitive needs no marker: "dément avoir bombardé"
    let infinitive = m.form == FormKind::Infinitive && matches!(before(1), Some("de" | "d'" | "a" | "to"));
    let past_infinitive =
        m.form == FormKind::Participle && matches!(before(1), Some("avoir" | "etre" | "having"));
    // "denied attacking", "rejected sending"
    let gerund = toks[m.start].norm.ends_with("ing") && m.form != FormKind::Participle;
    let prev = &triggers[ti - 1];
    let gap = m.start.checked_sub(prev.end);
    let root = &lex.triggers()[prev.trigger].code[..2];
    let governs = GOVERNING_ROOTS.contains(&root)
        && match gap {
            Some(g) if infinitive || past_infinitive => g <= 4,
            Some(g) if gerund => g <= 1,
            _ => false,
        };
    governs.then_some(ti - 1)
}

/// Finds the triggers of a sentence, longest first, without overlaps.
pub fn find_triggers(lex: &Lexicon, lang: Lang, doc: &str, toks: &[Token]) -> Vec<TriggerMatch> {
    find_triggers_with(lex, lang, doc, toks, None)
}

/// [`find_triggers`], telling a noun from a verb of the same spelling ("L'armée turque combat
/// Daech", "the attacks by") by the part of speech the parse gives, when there is one.
pub fn find_triggers_with(
    lex: &Lexicon,
    lang: Lang,
    doc: &str,
    toks: &[Token],
    parse: Option<&Parse>,
) -> Vec<TriggerMatch> {
    let mut found: Vec<TriggerMatch> = Vec::new();
    for i in 0..toks.len() {
        for &t in lex.triggers_starting_with(lang, &toks[i].norm) {
            let trig = &lex.triggers()[t];
            let mut form = match trig.words.first() {
                Some(TriggerWord::Forms(f)) => {
                    f.get(toks[i].norm.as_str()).copied().unwrap_or(FormKind::Plain)
                }
                _ => FormKind::Plain,
            };
            // folding hides "demandé" behind "demande": the accent in the text tells
            if lang == Lang::Fr && trig.pos == Pos::Verb && form == FormKind::Plain {
                let written = toks[i].text(doc).to_lowercase();
                if ["é", "ée", "és", "ées"].iter().any(|e| written.ends_with(e)) {
                    form = FormKind::Participle;
                }
            }
            // ... and an -er participle must show its accent: "les sommes" is no "sommés"
            let er_verb = trig.pattern.split_whitespace().next().is_some_and(|w| w.ends_with("er"));
            if lang == Lang::Fr && trig.pos == Pos::Verb && form == FormKind::Participle && er_verb {
                let written = toks[i].text(doc).to_lowercase();
                if !["é", "ée", "és", "ées"].iter().any(|e| written.ends_with(e)) {
                    continue;
                }
            }
            if let Some(end) = match_words(&trig.words[1..], toks, i + 1) {
                found.push(TriggerMatch { trigger: t, start: i, end, form });
            }
        }
    }
    // prefer longer matches; at equal span, a noun after a determiner, else a verb
    found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<TriggerMatch> = Vec::new();
    for m in found {
        if let Some(last) = out.last_mut() {
            if m.start < last.end {
                if m.start == last.start && m.end == last.end {
                    let (lp, mp) = (lex.triggers()[last.trigger].pos, lex.triggers()[m.trigger].pos);
                    // "a critiqué" is the verb, whatever folding makes of "critique"
                    let participle = [(lp, last.form), (mp, m.form)]
                        .iter()
                        .any(|&(p, f)| p == Pos::Verb && f == FormKind::Participle && lang == Lang::Fr);
                    let tagged = parse.and_then(|p| {
                        p.words_in(m.start, m.start + 1).next().map(|w| p.words[w].upos.as_str())
                    });
                    let prefer_noun = match tagged {
                        Some("NOUN") => true,
                        Some("VERB" | "AUX") => false,
                        _ => !participle && noun_phrase_start(lang, doc, toks, m.start).is_some(),
                    };
                    let better = if prefer_noun {
                        mp == Pos::Noun && lp != Pos::Noun
                    } else {
                        mp == Pos::Verb && lp != Pos::Verb
                    };
                    if better {
                        *last = m;
                    }
                }
                continue;
            }
        }
        out.push(m);
    }
    out
}

fn match_words(words: &[TriggerWord], toks: &[Token], i: usize) -> Option<usize> {
    let Some(first) = words.first() else {
        return Some(i);
    };
    match first {
        TriggerWord::Gap => {
            for skip in 0..=3 {
                if i + skip > toks.len() || toks[i..i + skip].iter().any(|t| t.kind == TokenKind::Punct) {
                    break;
                }
                if let Some(e) = match_words(&words[1..], toks, i + skip) {
                    return Some(e);
                }
            }
            None
        }
        TriggerWord::Forms(f) => {
            (i < toks.len() && f.contains_key(toks[i].norm.as_str())).then_some(())?;
            match_words(&words[1..], toks, i + 1)
        }
    }
}

const FR_AVOIR: &[&str] =
    &["a", "ont", "avait", "avaient", "aura", "auront", "eu", "avoir", "ayant", "as", "ai"];
const FR_ETRE: &[&str] = &[
    "est", "sont", "etait", "etaient", "sera", "seront", "ete", "etre", "fut", "furent", "soit", "soient",
    "etant",
];
const FR_COND_AUX: &[&str] =
    &["aurait", "auraient", "serait", "seraient", "pourrait", "pourraient", "devrait", "devraient"];
const EN_BE: &[&str] = &["is", "are", "was", "were", "been", "be", "being"];
const EN_HAVE: &[&str] = &["has", "have", "had", "having"];
const EN_MODAL_HYPO: &[&str] = &["would", "could", "might", "should", "must", "may"];
const ADVERB_SKIP: &[&str] = &[
    "ne",
    "n'",
    "pas",
    "jamais",
    "plus",
    "deja",
    "aussi",
    "egalement",
    "notamment",
    "clairement",
    "immediatement",
    "recemment",
    "encore",
    "toujours",
    "fermement",
    "officiellement",
    "vivement",
    "severement",
    "ainsi",
    "alors",
    "donc",
    "bien",
    "not",
    "n't",
    "also",
    "already",
    "strongly",
    "firmly",
    "repeatedly",
    "again",
    "further",
    "recently",
    "officially",
    "immediately",
    "jointly",
    "publicly",
    "formally",
    "once",
    "today",
    "now",
    "y",
    "en",
    "lui",
    "leur",
    "l'",
    "les",
    "se",
    "s'",
    "t",
    "il",
    "elle",
    "ils",
    "elles",
    "-",
];

/// True for the adverbs and clitics that may stand between an auxiliary and its participle
/// ("a ensuite menacé", "has repeatedly warned"): the listed words, and words in -ment / -ly.
fn is_adverb(w: &str) -> bool {
    ADVERB_SKIP.contains(&w)
        || matches!(
            w,
            "ensuite"
                | "enfin"
                | "puis"
                | "meme"
                | "tres"
                | "trop"
                | "tout"
                | "toutefois"
                | "cependant"
                | "pourtant"
                | "hier"
                | "desormais"
                | "deja"
                | "souvent"
                | "longtemps"
                | "beaucoup"
                | "finally"
                | "then"
                | "still"
                | "just"
                | "even"
                | "previously"
                | "later"
                | "since"
                | "never"
                | "ever"
                | "yet"
                | "reportedly"
                | "allegedly"
        )
        || (w.len() > 6 && (w.ends_with("ment") || w.ends_with("ly")))
}

/// Auxiliary before a verb trigger (skipping adverbs and clitics): its folded form and position.
fn auxiliary(toks: &[Token], start: usize) -> Option<(usize, &str)> {
    let mut k = start;
    let mut steps = 0;
    while k > 0 && steps < 4 {
        k -= 1;
        let w = toks[k].norm.as_str();
        if FR_AVOIR.contains(&w)
            || FR_ETRE.contains(&w)
            || FR_COND_AUX.contains(&w)
            || EN_BE.contains(&w)
            || EN_HAVE.contains(&w)
            || EN_MODAL_HYPO.contains(&w)
            || matches!(w, "will" | "must" | "to" | "de" | "d'" | "a" | "pour")
        {
            return Some((k, &toks[k].norm));
        }
        if !is_adverb(w) {
            return None;
        }
        steps += 1;
    }
    None
}

/// True when the clause says the action did not happen.
fn is_negated(toks: &[Token], m: &TriggerMatch) -> bool {
    let from = m.start.saturating_sub(6);
    let before: Vec<&str> = toks[from..m.start].iter().map(|t| t.norm.as_str()).collect();
    let after: Vec<&str> =
        toks[m.start..(m.end + 2).min(toks.len())].iter().map(|t| t.norm.as_str()).collect();
    const FR_NEG: &[&str] =
        &["pas", "jamais", "plus", "point", "guere", "aucun", "aucune", "nullement", "rien"];
    let ne = before.iter().rposition(|w| matches!(*w, "ne" | "n'"));
    if let Some(p) = ne {
        let tail = before[p + 1..].iter().chain(after.iter());
        if tail.clone().any(|w| FR_NEG.contains(w)) {
            return true;
        }
    }
    let near: Vec<&str> = before.iter().rev().take(4).copied().collect();
    near.iter().any(|w| matches!(*w, "not" | "n't" | "never" | "sans" | "without"))
        || before.windows(2).any(|w| {
            matches!(
                w,
                [
                    "refuse"
                        | "refusent"
                        | "refuse'"
                        | "refusait"
                        | "refused"
                        | "refuses"
                        | "declined"
                        | "refuses'",
                    "de" | "d'" | "to"
                ]
            )
        })
}

/// Tokens that end a clause when looking for a trigger's source.
fn is_clause_boundary(w: &str) -> bool {
    matches!(
        w,
        ";" | ":"
            | "«"
            | "»"
            | "“"
            | "”"
            | "\""
            | "("
            | ")"
            | "que"
            | "qu'"
            | "mais"
            | "but"
            | "tandis"
            | "whereas"
            | "while"
            | "lorsque"
            | "lorsqu'"
            | "when"
            | "si"
            | "if"
            | "car"
            | "because"
            | "that"
            | "puisque"
            | "quand"
            | "—"
            | "–"
            | "dont"
            | "ou"
    )
}

/// The clauses of a sentence, as token ranges: split at the words and marks where the source
/// search stops (relative pronouns, subordinating conjunctions, quotes, semicolons) and at commas.
pub fn clauses(toks: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, t) in toks.iter().enumerate() {
        let w = t.norm.as_str();
        if is_clause_boundary(w) || matches!(w, "qui" | "who" | "which" | ",") {
            out.push(start..k);
            start = if t.kind == TokenKind::Punct { k + 1 } else { k };
        }
    }
    out.push(start..toks.len());
    out
}

/// Finds the events of one article, given its sentences and actor mentions.
pub fn find_events(
    lex: &Lexicon,
    article: &Article,
    sentences: &[Sentence],
    mentions: &[Mention],
    speakers: &[Actor],
    model: Option<&Model>,
) -> Vec<Event> {
    let mut out = Vec::new();
    // one event per (sentence, source, target, code), kept as each sentence is coded: a sentence
    // can propose many duplicates (every trigger of a long list against every pair)
    let mut seen = rustc_hash::FxHashSet::default();
    for (si, s) in sentences.iter().enumerate() {
        let before = out.len();
        let (triggers, parse) = triggers_and_parse(lex, article, s, si, mentions, model);
        let coder = SentenceCoder::from_parts(lex, article, s, si, mentions, triggers, parse.as_ref());
        for ti in 0..coder.triggers.len() {
            coder.code(ti, &mut out);
        }
        for sp in speakers {
            speaker_demands(lex, article, s, &coder.mentions, sp, &mut out);
        }
        coder.reported_demands(&mut out);
        let coded = out.split_off(before);
        out.extend(coded.into_iter().filter(|e| {
            seen.insert((e.sentence, e.source.id.clone(), e.target.id.clone(), e.relation.cameo.clone()))
        }));
    }
    out
}

/// The triggers of sentence `si` and, from the syntax stage, its parse when its tree can give an
/// event (a verb or noun trigger and two different actors); with a parse, a trigger spelt like a
/// noun and a verb is read as what the tagger says. Extraction and `explain` both go through it,
/// so they parse the same sentences.
pub fn triggers_and_parse(
    lex: &Lexicon,
    article: &Article,
    s: &Sentence,
    si: usize,
    mentions: &[Mention],
    model: Option<&Model>,
) -> (Vec<TriggerMatch>, Option<Parse>) {
    let triggers = find_triggers(lex, article.lang, &article.text, &s.tokens);
    let wanted = triggers.iter().any(|t| matches!(lex.triggers()[t.trigger].pos, Pos::Verb | Pos::Noun))
        && two_actors(sentence_mentions(mentions, si));
    match model.filter(|_| wanted) {
        Some(m) => {
            let parse = crate::syntax::parse_sentence(m, &article.text, s);
            (find_triggers_with(lex, article.lang, &article.text, &s.tokens, Some(&parse)), Some(parse))
        }
        None => (triggers, None),
    }
}

/// The mentions of sentence `si` (mentions come in sentence order).
fn sentence_mentions(mentions: &[Mention], si: usize) -> impl Iterator<Item = &Mention> {
    let lo = mentions.partition_point(|m| m.sentence < si);
    mentions[lo..].iter().take_while(move |m| m.sentence == si)
}

/// True when the mentions name two different actors: an event needs a source and a target.
fn two_actors<'m>(mut mentions: impl Iterator<Item = &'m Mention>) -> bool {
    let Some(first) = mentions.next() else { return false };
    let id = &first.actor().id;
    mentions.any(|m| m.actors.iter().any(|a| a.id != *id)) || first.actors.len() > 1
}

/// The arguments found for a trigger.
#[derive(Debug, Clone, Copy)]
struct Args<'a> {
    source: &'a Mention,
    target: Option<&'a Mention>,
    confidence: f64,
}

/// The arguments of a trigger read from the parse.
struct TreeArgs<'a> {
    source: &'a Mention,
    target: Option<&'a Mention>,
    /// The source is a passive agent.
    passive: bool,
    /// The trigger is a noun whose phrase names its source.
    nominal: bool,
}

/// Codes the triggers of one sentence: finds each one's source and target.
pub struct SentenceCoder<'a> {
    lex: &'a Lexicon,
    article: &'a Article,
    sentence: &'a Sentence,
    /// The mentions of this sentence.
    mentions: Vec<&'a Mention>,
    /// The mentions of this sentence, as a slice (for coordination groups).
    all_mentions: &'a [Mention],
    /// The triggers found in the sentence.
    pub triggers: Vec<TriggerMatch>,
    /// The parse of the sentence, when the syntax stage made one.
    parse: Option<&'a Parse>,
}

impl<'a> SentenceCoder<'a> {
    /// Prepares the coding of sentence `s` (its index in the document is `si`).
    pub fn new(
        lex: &'a Lexicon,
        article: &'a Article,
        s: &'a Sentence,
        si: usize,
        all_mentions: &'a [Mention],
        parse: Option<&'a Parse>,
    ) -> Self {
        let triggers = find_triggers(lex, article.lang, &article.text, &s.tokens);
        Self::from_parts(lex, article, s, si, all_mentions, triggers, parse)
    }

    /// Prepares the coding of sentence `s` whose triggers are known.
    pub fn from_parts(
        lex: &'a Lexicon,
        article: &'a Article,
        s: &'a Sentence,
        si: usize,
        all_mentions: &'a [Mention],
        triggers: Vec<TriggerMatch>,
        parse: Option<&'a Parse>,
    ) -> Self {
        // mentions come in sentence order: this sentence's are one slice (coordination groups
        // never cross a sentence)
        let lo = all_mentions.partition_point(|m| m.sentence < si);
        let hi = all_mentions.partition_point(|m| m.sentence <= si).max(lo);
        let all_mentions = &all_mentions[lo..hi];
        let mentions = all_mentions.iter().collect();
        SentenceCoder { lex, article, sentence: s, mentions, all_mentions, triggers, parse }
    }

    /// Finds the source and target of trigger `ti`, or says why there are none: from the parse
    /// where it gives them, else from the clause patterns.
    fn arguments(&self, ti: usize) -> Result<Args<'a>, Outcome> {
        let patterns = self.pattern_arguments(ti);
        if let Err(Outcome::Hypothetical | Outcome::Embedded | Outcome::Ordered) = patterns {
            return patterns;
        }
        if let Some(received) = self.received(ti) {
            return received;
        }
        let Some(tree) = self.tree_arguments(ti) else {
            return patterns;
        };
        // the patterns' target, when they agree on the source or when the source is the one a
        // noun phrase names ("attacks by Iranian proxies"), which beats a clause subject
        let from_patterns = patterns
            .as_ref()
            .ok()
            .filter(|a| tree.nominal || std::ptr::eq(a.source, tree.source))
            .and_then(|a| a.target)
            .filter(|t| !std::ptr::eq(*t, tree.source));
        match tree.target.or(from_patterns) {
            // the tree has a source only: the patterns' full answer, when they have one
            None if patterns.is_ok() => patterns,
            // an act undergone by no actor ("une offensive soutenue par la Turquie"): nothing to code
            None if tree.passive => Err(Outcome::NoTarget),
            target => {
                // the patterns' own estimate when they found the same source; else by the tree's
                // path: a verb's subject 0.85, a passive agent or a noun phrase's owner 0.8
                let confidence = match &patterns {
                    Ok(a) if std::ptr::eq(a.source, tree.source) => a.confidence,
                    _ if tree.passive || tree.nominal => 0.8,
                    _ => 0.85,
                };
                Ok(Args { source: tree.source, target, confidence })
            }
        }
    }

    /// The arguments of a noun trigger in a receiving frame of the lexicon ("la Turquie peut
    /// compter sur l'appui de la Russie", "avec le soutien des États-Unis", "faces attacks by
    /// the separatists"): the source is the noun's owner (a "de"/"of"/"by"/"from" complement, a
    /// possessive or a demonym, on the noun or on the verb it depends on), the target the subject
    /// of the clause. `None` when no frame applies; no source is an outcome of its own (the
    /// subject is no source here).
    fn received(&self, ti: usize) -> Option<Result<Args<'a>, Outcome>> {
        let parse = self.parse?;
        let m = &self.triggers[ti];
        let trig = &self.lex.triggers()[m.trigger];
        let n = parse.span_head(m.start, m.end)?;
        if trig.pos == Pos::Verb || parse.words[n].upos != "NOUN" {
            return None;
        }
        // "grâce à l'écartement des rivaux et à l'aide de la Russie": a conjunct takes the frame
        // of the first
        let base = if parse.words[n].rel() == "conj" { parse.words[n].head? } else { n };
        let h = parse.words[base].head?;
        let case = if parse.words[base].rel() == "obj" {
            "obj".to_string()
        } else {
            crate::text::fold(&parse.case_of(base)?)
        };
        let lemma = crate::text::fold(&parse.words[h].lemma);
        // "*" frames are for a phrase hanging from a verb
        let frame = self.lex.receiver(self.article.lang, &lemma, &case, &trig.code[..2])?;
        if frame.head == "*" && !matches!(parse.words[h].upos.as_str(), "VERB" | "AUX") {
            return None;
        }
        let Some(target) = parse.subject(h).and_then(|w| self.mention_of_word(parse, w, true)) else {
            return Some(Err(Outcome::NoTarget));
        };
        let from = |c: usize| {
            let w = &parse.words[c];
            w.deprel == "nmod:poss"
                || w.rel() == "amod"
                || (matches!(w.rel(), "nmod" | "obl")
                    && parse.case_of(c).is_some_and(|p| {
                        matches!(crate::text::fold(&p).as_str(), "de" | "d'" | "of" | "by" | "par" | "from")
                    }))
        };
        // the owner may hang from a modifier the parser put between ("l'appui déterminant de la
        // Russie", "déterminant" read as a participle)
        let modifiers = parse.children(n).filter(|&c| matches!(parse.words[c].rel(), "acl" | "amod"));
        let source = parse
            .children(n)
            .chain(modifiers.flat_map(|c| parse.children(c)))
            .filter(|&c| from(c))
            .chain(parse.children(h).filter(|&c| c != n && parse.words[c].rel() == "obl" && from(c)))
            .find_map(|c| self.mention_of_word(parse, c, false))
            .filter(|s| !std::ptr::eq(*s, target));
        Some(match source {
            Some(source) => Ok(Args { source, target: Some(target), confidence: 0.8 }),
            None => Err(Outcome::NoSource),
        })
    }

    /// "Israel said that Iran must stop its attacks", "la France estime que l'Iran doit cesser":
    /// who says that another actor must act demands it of that actor (CAMEO 100), read from the
    /// parse (the clause of "must"/"devoir" is the complement of a verb whose subject is an actor).
    pub fn reported_demands(&self, out: &mut Vec<Event>) {
        let Some(parse) = self.parse else {
            return;
        };
        let Some(relation) = self.lex.cameo().relation("100") else {
            return;
        };
        for (k, w) in parse.words.iter().enumerate() {
            let lemma = crate::text::fold(&w.lemma);
            if !matches!(lemma.as_str(), "must" | "devoir")
                || !matches!(w.rel(), "aux" | "xcomp" | "root" | "ccomp")
            {
                continue;
            }
            // English "must" is an auxiliary of the verb; French "doit" governs the infinitive
            let clause = if w.rel() == "aux" { w.head } else { Some(k) };
            let Some(clause) = clause else { continue };
            let Some(say) = parse.words[clause].head.filter(|_| parse.words[clause].rel() == "ccomp") else {
                continue;
            };
            let (Some(who), Some(whom)) = (parse.subject(say), parse.subject(clause)) else {
                continue;
            };
            let (Some(source), Some(target)) =
                (self.mention_of_word(parse, who, true), self.mention_of_word(parse, whom, true))
            else {
                continue;
            };
            let trigger = parse.words[k].form.to_string();
            for a in self.members(source) {
                for b in self.members(target) {
                    if a.id == b.id || (a.country.is_some() && a.country == b.country) {
                        continue;
                    }
                    out.push(evidence_event(
                        self.article,
                        self.sentence,
                        a.clone(),
                        b,
                        relation.clone(),
                        trigger.clone(),
                        false,
                        0.7,
                    ));
                }
            }
        }
    }

    /// The actors a mention stands for ([`expand`]); with a parse, less the members of its
    /// coordination group that the tree shows in another function: "With the help of France, Mali
    /// attacked" (the comma joins no pair: Mali is a subject, France is not, and neither is a
    /// conjunct). A list the parser broke ("de l'Allemagne, de la Belgique") stays whole.
    fn members(&self, m: &Mention) -> Vec<Actor> {
        let (Some(parse), Some(g)) = (self.parse, m.group) else {
            return expand(m, self.all_mentions);
        };
        let head = |x: &Mention| parse.span_head(x.start, x.end);
        let Some(hm) = head(m) else {
            return expand(m, self.all_mentions);
        };
        let subject = |w: usize| parse.words[w].rel() == "nsubj";
        let conj = |w: usize| parse.words[w].rel() == "conj";
        let mut v: Vec<Actor> = Vec::new();
        for x in self.all_mentions.iter().filter(|x| x.group == Some(g)) {
            let apart = head(x).is_some_and(|hx| subject(hx) != subject(hm) && !conj(hx) && !conj(hm));
            if std::ptr::eq(x, m) || !apart {
                for a in &x.actors {
                    if !v.iter().any(|b| b.id == a.id) {
                        v.push(a.clone());
                    }
                }
            }
        }
        v
    }

    /// The source and target of a verb trigger read from the parse: the subject (through
    /// coordination, control and relative clauses) and the object or the obliques with the
    /// trigger's prepositions; in the passive, the agent (`par`, `by`) and the subject. `None`
    /// when the parse gives no source.
    fn tree_arguments(&self, ti: usize) -> Option<TreeArgs<'a>> {
        let parse = self.parse?;
        let m = &self.triggers[ti];
        let trig = &self.lex.triggers()[m.trigger];
        let v = parse.span_head(m.start, m.end)?;
        let fold_case = |w: usize| parse.case_of(w).map(|c| crate::text::fold(&c));
        if trig.pos == Pos::Noun && parse.words[v].upos == "NOUN" {
            return self.noun_tree_arguments(parse, v, trig);
        }
        if trig.pos != Pos::Verb || !matches!(parse.words[v].upos.as_str(), "VERB" | "AUX") {
            return None;
        }
        let agent = parse.agent(v);
        let subject = parse.subject(v);
        let passive = parse.is_passive(v) || (parse.words[v].rel() == "acl" && agent.is_some());
        let (src_word, tgt_subject) = if passive { (agent?, subject) } else { (subject?, None) };
        let source = self.mention_of_word(parse, src_word, true)?;
        // the source's own coordination ("l'Arabie saoudite, le Qatar et la Turquie") is not its target
        let apart =
            |x: &&'a Mention| !std::ptr::eq(*x, source) && (x.group.is_none() || x.group != source.group);
        let target =
            tgt_subject.and_then(|w| self.mention_of_word(parse, w, true)).filter(apart).or_else(|| {
                let obj = trig.target.iter().any(|t| t == "obj");
                parse.children(v).filter(|&c| c != src_word).find_map(|c| {
                    let w = &parse.words[c];
                    let fits = match w.rel() {
                        "obj" | "iobj" => obj || w.rel() == "iobj",
                        "obl" | "nmod" => fold_case(c)
                            .is_some_and(|p| trig.target.iter().any(|t| t != "obj" && prep_matches(t, &p))),
                        "ccomp" => trig.target.iter().any(|t| t == "that" || t == "que"),
                        _ => false,
                    };
                    if !fits {
                        return None;
                    }
                    // an object's owner is the target: "condamné les frappes de la Russie",
                    // "condemn the atrocities committed by the Russian forces"; an oblique's
                    // only when it tells what the act is about ("concern regarding the presence
                    // of al-Qaida", "protesté contre l'arrestation de X"), not where or with
                    // whom ("aux côtés de la Chine")
                    let owner = matches!(w.rel(), "obj" | "iobj")
                        || fold_case(c).is_some_and(|p| {
                            matches!(
                                p.as_str(),
                                "regarding"
                                    | "about"
                                    | "over"
                                    | "against"
                                    | "concerning"
                                    | "contre"
                                    | "concernant"
                            )
                        });
                    // "les rebelles qu'elle soutient": a relative pronoun object stands for the
                    // noun the clause qualifies
                    let w = if w.rel() == "ccomp" {
                        parse.subject(c)?
                    } else if parse.is_relative(c) {
                        parse.antecedent(v)?
                    } else {
                        c
                    };
                    self.mention_of_word(parse, w, owner).filter(apart)
                })
            });
        // "Russia threatened to cut gas supplies to Ukraine", "promised to help Pakistan": an act
        // announced, promised or threatened is done to the complement of the verb it controls
        // (not a statement's: "a annoncé se rendre en Italie" says nothing to Italy; nor when the
        // controlled verb is an act of its own, coded apart)
        let is_trigger = |w: usize| {
            let tok = parse.words[w].token;
            self.triggers.iter().any(|t| t.start <= tok && tok < t.end)
        };
        let target = target.or_else(|| {
            if trig.code.starts_with("01") {
                return None;
            }
            let embedded = parse.children(v).find(|&c| {
                parse.words[c].rel() == "xcomp" && parse.words[c].upos == "VERB" && !is_trigger(c)
            })?;
            parse
                .children(embedded)
                .filter(|&c| matches!(parse.words[c].rel(), "obj" | "iobj" | "obl") && !parse.is_agent(c))
                .find_map(|c| self.mention_of_word(parse, c, parse.words[c].rel() != "obl"))
                .filter(apart)
        });
        // "welcomes and strongly supports the declaration by X": a verb with no complement of its
        // own shares the complement of the verb coordinated after it
        let target = target.or_else(|| {
            let shared = parse.children(v).find(|&c| {
                parse.words[c].rel() == "conj"
                    && c > v
                    && parse.words[c].upos == "VERB"
                    && !parse.children(c).any(|g| matches!(parse.words[g].rel(), "nsubj" | "csubj"))
            })?;
            if parse.children(v).any(|c| matches!(parse.words[c].rel(), "obj" | "ccomp" | "xcomp")) {
                return None;
            }
            let obj = parse.children(shared).find(|&c| parse.words[c].rel() == "obj")?;
            let takes_obj = trig.target.iter().any(|t| t == "obj");
            takes_obj.then(|| self.mention_of_word(parse, obj, true)).flatten().filter(apart)
        });
        Some(TreeArgs { source, target, passive, nominal: false })
    }

    /// The arguments of a nominal event from its noun phrase: the source is its owner ("Iran's
    /// attack"), its demonym ("les frappes américaines") or its agent ("attacks by Iranian
    /// proxies", "l'offensive menée par la Turquie"); the target the complement with one of the
    /// trigger's prepositions ("sur les sites iraniens", "against Saudi Arabia"). `None` when
    /// the phrase names no source: the clause patterns look further.
    fn noun_tree_arguments(&self, parse: &Parse, n: usize, trig: &Trigger) -> Option<TreeArgs<'a>> {
        let fold_case = |w: usize| parse.case_of(w).map(|c| crate::text::fold(&c));
        let agentive = |c: usize| {
            let w = &parse.words[c];
            w.deprel == "nmod:poss" || w.rel() == "amod" || (w.rel() == "nmod" && parse.is_agent(c))
        };
        let by_participle =
            parse.children(n).filter(|&c| parse.words[c].rel() == "acl").find_map(|acl| parse.agent(acl));
        let inside = parse
            .children(n)
            .filter(|&c| agentive(c))
            .find(|&c| self.mention_of_word(parse, c, true).is_some())
            .or(by_participle);
        // "X imposed sanctions on Y", "a lancé une offensive contre": the act named as the object
        // of a verb is that verb's subject's
        // (not under a verb that is an act of its own: "a condamné les frappes" says nothing of
        // who struck)
        let is_trigger = |h: usize| {
            let tok = parse.words[h].token;
            self.triggers.iter().any(|t| t.start <= tok && tok < t.end)
        };
        let head = parse.words[n].head.filter(|&h| {
            parse.words[n].rel() == "obj"
                && matches!(parse.words[h].upos.as_str(), "VERB" | "AUX")
                && !is_trigger(h)
        });
        let src_word = inside.or_else(|| parse.subject(head?))?;
        let source = self.mention_of_word(parse, src_word, true)?;
        let apart =
            |x: &&'a Mention| !std::ptr::eq(*x, source) && (x.group.is_none() || x.group != source.group);
        // the complement may hang from the noun or, misattached, from its agent ("attacks by
        // proxies against Saudi Arabia"); a place names its state after a comma ("Erbil, Iraq")
        let target = parse
            .children(n)
            .chain(parse.children(src_word))
            .chain(head.into_iter().flat_map(|h| parse.children(h)))
            .filter(|&c| c != src_word && parse.words[c].rel() == "nmod")
            .find_map(|c| {
                let p = fold_case(c)?;
                if !trig.target.iter().any(|t| t != "obj" && prep_matches(t, &p)) {
                    return None;
                }
                std::iter::once(c)
                    .chain(parse.conjuncts(c))
                    .find_map(|w| self.mention_of_word(parse, w, false).filter(apart))
            });
        Some(TreeArgs { source, target, passive: false, nominal: inside.is_some() })
    }

    /// The actor mention a word of the parse stands for: a mention that contains it, else one
    /// attached to it as a name, compound or demonym adjective ("les forces russes") or, when
    /// `owner`, as its owner ("le gouvernement de la Syrie", "Iran's army").
    fn mention_of_word(&self, parse: &Parse, w: usize, owner: bool) -> Option<&'a Mention> {
        let at = |w: usize| {
            let tok = parse.words[w].token;
            self.mentions
                .iter()
                .copied()
                .find(|x| x.start <= tok && tok < x.end && x.kind != MentionKind::Place)
        };
        // an owner through "de"/"of" or a possessive only: "des voix en Russie" are no Russia
        let genitive = |c: usize| {
            parse.words[c].deprel == "nmod:poss"
                || parse
                    .case_of(c)
                    .is_some_and(|p| matches!(crate::text::fold(&p).as_str(), "de" | "d'" | "of"))
        };
        at(w)
            .or_else(|| {
                parse
                    .children(w)
                    .filter(|&c| match parse.words[c].rel() {
                        "flat" | "compound" | "amod" => true,
                        // "the declaration by the Government of Ethiopia": a noun's agent owns it
                        "nmod" | "det" => owner && (genitive(c) || parse.is_agent(c)),
                        _ => false,
                    })
                    .find_map(at)
            })
            .or_else(|| {
                // the agent of a participle qualifying the word: "les frappes menées par Israël"
                let acl = parse.children(w).find(|&c| owner && parse.words[c].rel() == "acl")?;
                let agent = parse.agent(acl)?;
                self.mention_of_word(parse, agent, false)
            })
    }

    /// The source and target of trigger `ti` from clause patterns (word order, prepositions,
    /// punctuation), or why there are none.
    fn pattern_arguments(&self, ti: usize) -> Result<Args<'a>, Outcome> {
        let (lex, article, ms, triggers) = (self.lex, self.article, &self.mentions, &self.triggers);
        let doc = article.text.as_str();
        let toks = &self.sentence.tokens;
        let m = &triggers[ti];
        let trig = &lex.triggers()[m.trigger];
        let aux = if trig.pos == Pos::Verb { auxiliary(toks, m.start) } else { None };
        let aux_w = aux.map(|(_, w)| w);
        if m.form == FormKind::Conditional
            || aux_w.is_some_and(|w| FR_COND_AUX.contains(&w) || EN_MODAL_HYPO.contains(&w))
        {
            return Err(Outcome::Hypothetical);
        }
        if governing_trigger(lex, toks, triggers, ti).is_some() {
            return Err(Outcome::Embedded);
        }
        // "a ordonné une frappe militaire": the act ordered is the event, coded by its noun
        if trig.pos == Pos::Verb && trig.order && ordered_act(lex, toks, triggers, ti).is_some() {
            return Err(Outcome::Ordered);
        }
        let mut passive = false;
        if trig.pos == Pos::Verb && m.form == FormKind::Participle {
            match (article.lang, aux_w) {
                // "s'est rendu": a reflexive verb takes être without being passive
                (_, Some(w)) if FR_ETRE.contains(&w) || EN_BE.contains(&w) => {
                    let reflexive =
                        aux.is_some_and(|(k, _)| k > 0 && matches!(toks[k - 1].norm.as_str(), "s'" | "se"));
                    passive = !reflexive;
                }
                (Lang::Fr, None) => passive = true, // bare participle: only with an agent
                // "citizens detained in the PRC": an English participle right after a common noun
                // qualifies it (a simple past follows its subject: "China detained")
                (Lang::En, None) => {
                    passive = m.start > 0 && {
                        let p = &toks[m.start - 1];
                        p.kind == TokenKind::Word
                            && !is_capitalized(p.text(doc))
                            && !is_adverb(&p.norm)
                            && !is_verbish_word(&p.norm)
                            && !matches!(
                                p.norm.as_str(),
                                "remain"
                                    | "remains"
                                    | "remained"
                                    | "stay"
                                    | "stays"
                                    | "stayed"
                                    | "become"
                                    | "becomes"
                                    | "became"
                                    | "seem"
                                    | "seems"
                                    | "seemed"
                                    | "get"
                                    | "gets"
                                    | "got"
                            )
                            && !ms.iter().any(|x| x.end == m.start)
                    };
                }
                _ => {}
            }
        }
        // "a été" / "has been": the participle after été/been is passive
        if trig.pos == Pos::Verb && aux_w.is_some_and(|w| w == "ete" || w == "been") {
            passive = true;
        }
        let before: Vec<&'a Mention> = ms.iter().copied().filter(|x| x.end <= m.start).collect();
        let after: Vec<&'a Mention> = ms.iter().copied().filter(|x| x.start >= m.end).collect();
        // an actor inside a gap of the pattern ("expelled 23 Russian diplomats") is its target;
        // a body word of the pattern ("expulsé 23 diplomates russes") only through its owner,
        // written after the pattern's words
        let inside = ms.iter().copied().find(|x| {
            x.start > m.start
                && x.start < m.end
                && (x.kind != MentionKind::Role || x.end > m.end)
                && toks.get(x.end).is_none_or(|t| t.norm != "'s")
        });
        if passive {
            let agent = after.iter().copied().take_while(|x| x.start <= m.end + 8).find(|x| {
                governor(toks, doc, x.start)
                    .is_some_and(|g| g >= m.end && matches!(toks[g].norm.as_str(), "par" | "by"))
            });
            let Some(agent) = agent else {
                return Err(Outcome::Adjectival);
            };
            // "les rebelles soutenus par la Turquie": without an auxiliary the participle
            // qualifies the noun right before it, which is the target only if it is an actor
            let target = match aux {
                Some(_) => subject(doc, toks, &before, m.start),
                // ...except that what an assembly votes on was proposed to it ("le Conseil de
                // sécurité a voté une résolution proposée par la France")
                None => before.last().copied().filter(|x| m.start - x.end <= 1).or_else(|| {
                    subject(doc, toks, &before, m.start).filter(|x| {
                        x.actor().kind == ActorKind::Organization && x.actor().role.as_deref() == Some("IGO")
                    })
                }),
            };
            return Ok(Args { source: agent, target, confidence: 0.8 });
        }
        if trig.pos == Pos::Noun
            || (trig.pos == Pos::Expr && nominal_position(article.lang, doc, toks, m.start))
        {
            // "les négociations sur le nucléaire qui se déroulent entre Washington et Téhéran":
            // the parties of a joint act, named by "entre"/"between" further in the sentence
            if trig.joint {
                if joint_act_not_done(article.lang, doc, toks, m.start) {
                    return Err(Outcome::Hypothetical);
                }
                if let Some((x, y)) = between_pair(doc, toks, &after, m) {
                    return Ok(Args { source: x, target: Some(y), confidence: 0.7 });
                }
            }
            let (src, conf) = noun_source(article.lang, doc, toks, &before, &after, m, triggers, ti, lex);
            let source = src.ok_or(Outcome::NoSource)?;
            let target = inside.or_else(|| frame_target(doc, toks, &after, m, trig, source));
            return Ok(Args { source, target, confidence: conf });
        }
        let source = self.verb_subject(ti, &before).ok_or(Outcome::NoSource)?;
        // an object clitic between the subject and the verb: "l'Équateur lui a accordé l'asile"
        let clitic = || {
            before.iter().copied().rev().find(|x| {
                x.kind == MentionKind::Pronoun
                    && matches!(toks[x.start].norm.as_str(), "lui" | "leur")
                    && m.start - x.end <= 3
            })
        };
        let target = inside
            .or_else(|| frame_target(doc, toks, &after, m, trig, source))
            .or_else(clitic)
            .or_else(|| {
                // "menacé d'envahir l'ambassade équatorienne": the threat is aimed at the target
                // of the act it governs
                let next = ti + 1;
                (next < triggers.len() && governing_trigger(lex, toks, triggers, next) == Some(ti))
                    .then_some(())?;
                let e = &triggers[next];
                let e_after: Vec<&Mention> = ms.iter().copied().filter(|x| x.start >= e.end).collect();
                frame_target(doc, toks, &e_after, e, &lex.triggers()[e.trigger], source)
            });
        Ok(Args { source, target, confidence: 0.85 })
    }

    /// The subject of a verb trigger. A verb coordinated with the previous one ("condemning X
    /// and calling upon it", "a condamné X et rappelé son ambassadeur") shares its subject; an
    /// English "-ing" form right after an actor takes that actor ("the Assembly condemning").
    fn verb_subject(&self, ti: usize, before: &[&'a Mention]) -> Option<&'a Mention> {
        let doc = self.article.text.as_str();
        let toks = &self.sentence.tokens;
        let m = &self.triggers[ti];
        let mut k = m.start;
        let mut steps = 0;
        while k > 0
            && steps < 3
            && (ADVERB_SKIP.contains(&toks[k - 1].norm.as_str())
                || matches!(toks[k - 1].norm.as_str(), "must" | "will" | "to" | "a" | "ont" | "has" | "have"))
        {
            k -= 1;
            steps += 1;
        }
        if k > 0 && matches!(toks[k - 1].norm.as_str(), "and" | "et") {
            let prev =
                (0..ti).rev().find(|&p| self.lex.triggers()[self.triggers[p].trigger].pos == Pos::Verb);
            if let Some(p) = prev.filter(|&p| self.triggers[p].end < k) {
                if let Ok(a) = self.arguments(p) {
                    return Some(a.source);
                }
            }
        }
        if toks[m.start].norm.ends_with("ing") {
            if let Some(x) = before.last() {
                if x.end == m.start && x.kind != MentionKind::Place {
                    return Some(x);
                }
            }
        }
        subject(doc, toks, before, m.start)
    }

    /// How much farther than usual the arguments are from the trigger: 0.02 per word beyond
    /// three, up to 0.2 for each argument; an argument reached only through a demonym or a
    /// genitive ("the Palestinian economy", "les membres de l'UE") costs 0.1 more.
    fn distance_penalty(&self, m: &TriggerMatch, source: &Mention, target: Option<&Mention>) -> f64 {
        let doc = self.article.text.as_str();
        let toks = &self.sentence.tokens;
        let far = |gap: usize| (gap.saturating_sub(3) as f64 * 0.02).min(0.2);
        let mut p = 0.0;
        if source.end <= m.start {
            p += far(m.start - source.end);
        }
        if governor(toks, doc, source.start)
            .is_some_and(|g| g < m.start && GENITIVE.contains(&toks[g].norm.as_str()))
        {
            p += 0.1;
        }
        if let Some(t) = target {
            if t.start >= m.end {
                p += far(t.start - m.end);
            }
            if t.kind == MentionKind::Demonym {
                p += 0.1;
            }
        }
        p
    }

    /// The target of a judgement on an act told of before ("la télévision syrienne a qualifié les
    /// frappes d'agression", after "les États-Unis ont frappé"): when the object of trigger `ti`
    /// is a nominal event with no author in this sentence, the author of the document's latest
    /// event of that kind.
    fn anaphoric_target(&self, ti: usize, earlier: &[Event]) -> Option<Actor> {
        let m = &self.triggers[ti];
        let trig = &self.lex.triggers()[m.trigger];
        if trig.pos != Pos::Verb || !matches!(&trig.code[..2], "05" | "10" | "11" | "12" | "13") {
            return None;
        }
        let next = self.triggers.get(ti + 1)?;
        let noun = &self.lex.triggers()[next.trigger];
        if noun.pos != Pos::Noun || next.start < m.end || next.start - m.end > 4 {
            return None;
        }
        if self.arguments(ti + 1).is_ok() {
            return None;
        }
        let root = &noun.code[..2];
        let acts: Vec<&Event> = earlier.iter().filter(|e| e.relation.root() == root && !e.negated).collect();
        let last = acts.last()?;
        // told of as the state's act and as its leader's ("les États-Unis bombardent", "Trump a
        // ordonné une frappe"): the state is the author
        let state = acts.iter().find(|e| {
            last.source.kind == ActorKind::Person
                && e.source.kind == ActorKind::Country
                && e.source.country.is_some()
                && e.source.country == last.source.country
        });
        Some(state.unwrap_or(last).source.clone())
    }

    /// Codes trigger `ti`: pushes its events to `out` and says what happened.
    pub fn code(&self, ti: usize, out: &mut Vec<Event>) -> Outcome {
        let args = match self.arguments(ti) {
            Ok(a) => a,
            Err(o) => return o,
        };
        let (lex, article, ms) = (self.lex, self.article, &self.mentions);
        let doc = article.text.as_str();
        let s = self.sentence;
        let toks = &s.tokens;
        let m = &self.triggers[ti];
        let trig = &lex.triggers()[m.trigger];
        let Args { source, target, mut confidence } = args;
        // "veut renforcer sa coopération", "plans to invade": an intention, not the act
        let intent = intention_before(toks, m.start);
        let code = match intent {
            Some(_) => intended(&trig.code),
            None => trig.code.clone(),
        };
        let joint = trig.joint && intent.is_none();
        if intent.is_some() {
            confidence -= 0.05;
        }
        let negated = is_negated(toks, m);
        if trig.weak {
            confidence -= 0.2;
        }
        if source.kind == MentionKind::Pronoun {
            confidence -= 0.15;
        }
        confidence -= self.distance_penalty(m, source, target);
        let sources = self.members(source);
        // "we", standing for the signatories of a statement, acts as one: its members are not
        // each other's partners
        let one_party =
            source.kind == MentionKind::Pronoun && matches!(toks[source.start].norm.as_str(), "we" | "nous");
        let mut pairs: Vec<(Actor, Actor)> = Vec::new();
        let prior = if target.is_none() { self.anaphoric_target(ti, out) } else { None };
        if prior.is_some() {
            confidence -= 0.15;
        }
        match target {
            Some(t) => {
                if t.kind == MentionKind::Pronoun {
                    confidence -= 0.15;
                }
                let targets = self.members(t);
                for a in &sources {
                    for b in &targets {
                        pairs.push((a.clone(), b.clone()));
                        if joint {
                            pairs.push((b.clone(), a.clone()));
                        }
                    }
                }
            }
            // "a qualifié les frappes d'agression": the strikes told of before, by their author
            None if prior.is_some() => {
                let b = prior.clone().expect("checked");
                for a in &sources {
                    pairs.push((a.clone(), b.clone()));
                }
            }
            // "Israel and Jordan agreed", "la Russie et l'Iran ont signé": a cooperative act of a
            // coordinated subject with no other party is mutual
            None if sources.len() > 1
                && !one_party
                && (joint
                    || (matches!(&code[..2], "03" | "04" | "05" | "06")
                        && group_end(source, ms) <= m.start
                        && m.start - group_end(source, ms) <= 3)) =>
            {
                // a multilateral meeting of many is no set of dyads
                if sources.len() > MAX_MUTUAL {
                    return Outcome::NoTarget;
                }
                for a in &sources {
                    for b in &sources {
                        pairs.push((a.clone(), b.clone()));
                    }
                }
            }
            None => return Outcome::NoTarget,
        }
        pairs.retain(|(a, b)| a.id != b.id);
        if pairs.is_empty() {
            return Outcome::SameActor;
        }
        let Some(relation) = lex.cameo().relation(&code) else {
            return Outcome::NoTarget;
        };
        let trigger_text = doc[toks[m.start].start..toks[m.end - 1].end].to_string();
        let n = pairs.len();
        for (a, b) in pairs {
            out.push(evidence_event(
                article,
                s,
                a,
                b,
                relation.clone(),
                trigger_text.clone(),
                negated,
                confidence,
            ));
        }
        Outcome::Coded(n)
    }
}

/// An event of sentence `s` of `article`, its confidence rounded to two decimals in [0.05, 0.99].
#[allow(clippy::too_many_arguments)]
fn evidence_event(
    article: &Article,
    s: &Sentence,
    source: Actor,
    target: Actor,
    relation: crate::model::Relation,
    trigger: String,
    negated: bool,
    confidence: f64,
) -> Event {
    Event {
        doc: article.id.clone(),
        date: article.date.clone(),
        sentence: s.index,
        span: [s.start, s.end],
        text: s.text(&article.text).to_string(),
        source,
        target,
        relation,
        trigger,
        negated,
        confidence: (confidence.clamp(0.05, 0.99) * 100.0).round() / 100.0,
    }
}

/// The determiner, preposition or number that opens the noun phrase ending at word `i`, looking
/// back over at most two adjectives or noun modifiers ("the Russian missile attack", "its ongoing
/// assault").
fn noun_phrase_start(lang: Lang, doc: &str, toks: &[Token], i: usize) -> Option<usize> {
    let mut k = i;
    for _ in 0..3 {
        if k == 0 {
            return None;
        }
        k -= 1;
        let p = &toks[k];
        if is_determiner(lang, p) || is_preposition(p, doc) || p.kind == TokenKind::Number {
            return Some(k);
        }
        if p.kind != TokenKind::Word || is_verbish_word(&p.norm) {
            return None;
        }
    }
    None
}

/// Auxiliaries, pronouns and conjunctions: words that cannot sit inside a noun phrase.
fn is_verbish_word(w: &str) -> bool {
    FR_AVOIR.contains(&w)
        || FR_ETRE.contains(&w)
        || EN_BE.contains(&w)
        || EN_HAVE.contains(&w)
        || matches!(
            w,
            "will"
                | "must"
                | "and"
                | "et"
                | "or"
                | "ou"
                | "who"
                | "qui"
                | "que"
                | "that"
                | "which"
                | "it"
                | "he"
                | "she"
                | "they"
                | "we"
                | "il"
                | "elle"
                | "ils"
                | "elles"
                | "not"
                | "ne"
                | "n'"
                | "pas"
        )
}

/// True when the word at `i` is in a noun's position: after a determiner, a preposition or a number.
fn nominal_position(lang: Lang, doc: &str, toks: &[Token], i: usize) -> bool {
    i > 0 && {
        let p = &toks[i - 1];
        is_determiner(lang, p) || is_preposition(p, doc) || p.kind == TokenKind::Number
    }
}

/// True for a determiner of the text's language ("a" is the English article, but French "a" is
/// the verb avoir).
fn is_determiner(lang: Lang, t: &Token) -> bool {
    DETERMINERS.contains(&t.norm.as_str()) && (t.norm != "a" || lang == Lang::En)
}

/// "Russia must stop its aggression": in a statement, the speaker demands it of that actor
/// (CAMEO 100, demand).
fn speaker_demands(
    lex: &Lexicon,
    article: &Article,
    s: &Sentence,
    ms: &[&Mention],
    speaker: &Actor,
    out: &mut Vec<Event>,
) {
    let doc = article.text.as_str();
    let toks = &s.tokens;
    for k in 0..toks.len() {
        if !matches!(toks[k].norm.as_str(), "must" | "doit" | "doivent" | "devra" | "devront") {
            continue;
        }
        let before: Vec<&Mention> = ms.iter().copied().filter(|x| x.end <= k).collect();
        let Some(subj) = subject(doc, toks, &before, k) else {
            continue;
        };
        // the subject must be right before the modal ("Russia must", "Iran must immediately")
        let between = &toks[subj.end..k];
        if between.len() > 2 || between.iter().any(|t| t.kind != TokenKind::Word) {
            continue;
        }
        let Some(relation) = lex.cameo().relation("100") else {
            return;
        };
        for target in expand(subj, &[]) {
            if target.id == speaker.id || (target.country.is_some() && target.country == speaker.country) {
                continue;
            }
            let trigger = toks[k].text(doc).to_string();
            out.push(evidence_event(
                article,
                s,
                speaker.clone(),
                target,
                relation.clone(),
                trigger,
                false,
                0.6,
            ));
        }
    }
}

/// Where the coordination a mention belongs to ends ("la Chine et les États-Unis").
fn group_end(m: &Mention, ms: &[&Mention]) -> usize {
    match m.group {
        Some(g) => ms.iter().filter(|x| x.group == Some(g)).map(|x| x.end).max().unwrap_or(m.end),
        None => m.end,
    }
}

/// The actors a mention stands for: all members of its coordination group, or the actors of a
/// plural pronoun.
fn expand(m: &Mention, all: &[Mention]) -> Vec<Actor> {
    let mut v: Vec<Actor> = match m.group {
        Some(g) => all.iter().filter(|x| x.group == Some(g)).flat_map(|x| x.actors.iter().cloned()).collect(),
        None => m.actors.clone(),
    };
    let mut seen = std::collections::HashSet::new();
    v.retain(|a| seen.insert(a.id.clone()));
    v
}

/// The subject of the clause that ends at token `end`: the leftmost actor that no preposition
/// other than de/of governs, after the last clause boundary; after "qui"/"who", the antecedent.
fn subject<'m>(doc: &str, toks: &[Token], before: &[&'m Mention], end: usize) -> Option<&'m Mention> {
    // "Pierre Nkurunziza, excédé par ..., a décidé de convoquer": a verb group right after a
    // comma takes the sentence's first subject, past the inserted phrase
    let mut v = end;
    let mut steps = 0;
    while v > 0 && steps < 4 && toks[v - 1].kind == TokenKind::Word && !is_capitalized(toks[v - 1].text(doc))
    {
        v -= 1;
        steps += 1;
    }
    if v > 0 && v < end && toks[v - 1].norm == "," {
        let first = before.iter().copied().find(|x| x.kind != MentionKind::Place && x.end < v);
        if let Some(x) = first.filter(|x| x.start == 0 && governor(toks, doc, x.start).is_none()) {
            return Some(x);
        }
    }
    let mut start = 0;
    let mut k = end;
    while k > 0 {
        k -= 1;
        let w = toks[k].norm.as_str();
        // a parenthesis closed before the trigger is an aside: skip it
        if w == ")" {
            if let Some(open) = toks[..k].iter().rposition(|t| t.norm == "(") {
                k = open;
                continue;
            }
        }
        if matches!(w, "qui" | "who" | "which") {
            // the antecedent: the mention just before the relative pronoun
            return before.iter().copied().rev().find(|x| x.end <= k && k - x.end <= 2);
        }
        if is_clause_boundary(w) {
            start = k + 1;
            break;
        }
    }
    // a fronted prepositional phrase ("Aux côtés de la Chine, elle...", "Selon X, ...") is not the subject
    if toks.get(start).is_some_and(|t| is_preposition(t, doc) || t.norm == "aux" || t.norm == "au") {
        if let Some(comma) = (start..end).find(|&k| toks[k].norm == ",") {
            start = comma + 1;
        }
    }
    let before: Vec<&Mention> = before.iter().copied().filter(|x| x.kind != MentionKind::Place).collect();
    let in_clause: Vec<&Mention> = before.iter().copied().filter(|x| x.start >= start).collect();
    let free = in_clause.iter().copied().find(|x| governor(toks, doc, x.start).is_none());
    let genitive = || {
        in_clause
            .iter()
            .copied()
            .find(|x| governor(toks, doc, x.start).is_some_and(|g| GENITIVE.contains(&toks[g].norm.as_str())))
    };
    free.or_else(genitive).or_else(|| {
        // a clause opened by a conjunction ("mais", "while") may share the sentence's subject; a
        // title's "Burkina Faso :" or a quotation does not
        // (a relative clause, "dont l'usage...", has its own subject)
        let soft = start > 0
            && toks[start - 1].kind == TokenKind::Word
            && !matches!(toks[start - 1].norm.as_str(), "dont" | "ou" | "where" | "whose");
        if soft {
            before.iter().copied().filter(|x| x.end <= start).find(|x| governor(toks, doc, x.start).is_none())
        } else {
            None
        }
    })
}

/// The source of a nominal event.
#[allow(clippy::too_many_arguments)]
fn noun_source<'m>(
    lang: Lang,
    doc: &str,
    toks: &[Token],
    before: &[&'m Mention],
    after: &[&'m Mention],
    m: &TriggerMatch,
    triggers: &[TriggerMatch],
    ti: usize,
    lex: &Lexicon,
) -> (Option<&'m Mention>, f64) {
    let trig = &lex.triggers()[m.trigger];
    // a demonym or name right after the noun: "frappes américaines", "l'engagement militaire russe"
    if let Some(x) = after.iter().copied().find(|x| x.start <= m.end + 1) {
        let between_words =
            toks[m.end..x.start].iter().all(|t| t.kind == TokenKind::Word && !is_capitalized(t.text(doc)));
        if x.kind == MentionKind::Demonym && between_words {
            return (Some(x), 0.8);
        }
    }
    // right before the noun: "Russian missile attack", "U.S. strikes", "Russia's unprovoked war"
    if let Some(x) = before.last() {
        let gap = m.start - x.end;
        let possessive = toks.get(x.end).is_some_and(|t| t.norm == "'s");
        let between_ok = toks[x.end..m.start].iter().all(|t| {
            t.kind == TokenKind::Word && !DETERMINERS.contains(&t.norm.as_str()) && !is_verbish_word(&t.norm)
                || t.norm == "'s"
                || (possessive && matches!(t.norm.as_str(), "," | "and"))
        });
        let reach = if possessive { 5 } else { 2 };
        if gap <= reach && between_ok && (x.kind == MentionKind::Demonym || possessive || gap == 0) {
            return (Some(x), 0.8);
        }
    }
    // a possessive determiner: "its attacks", "our support", "leurs frappes" → the clause subject
    if let Some(d) = noun_phrase_start(lang, doc, toks, m.start) {
        if matches!(
            toks[d].norm.as_str(),
            "its"
                | "their"
                | "our"
                | "his"
                | "her"
                | "son"
                | "sa"
                | "ses"
                | "leur"
                | "leurs"
                | "notre"
                | "nos"
        ) {
            if let Some(x) = subject(doc, toks, before, d) {
                return (Some(x), 0.7);
            }
        }
    }
    // an agent: "par X", "by X", or "de X" when de does not introduce the target
    for x in after.iter().copied().take_while(|x| x.start <= m.end + 5) {
        if let Some(g) = governor(toks, doc, x.start) {
            let w = toks[g].norm.as_str();
            let de_is_agent =
                GENITIVE.contains(&w) && !trig.target.iter().any(|t| prep_matches(t, w)) && g == m.end;
            if matches!(w, "par" | "by") || de_is_agent {
                return (Some(x), 0.75);
            }
        }
    }
    // the clause subject, unless the noun is the object of another trigger verb of the clause
    // ("a ordonné une frappe": the author of an order is the author of the act ordered)
    let governed_by_trigger = triggers[..ti].iter().any(|p| {
        lex.triggers()[p.trigger].pos == Pos::Verb
            && !lex.triggers()[p.trigger].order
            && p.end <= m.start
            && !toks[p.end..m.start].iter().any(|t| is_clause_boundary(&t.norm))
    });
    if governed_by_trigger {
        return (None, 0.0);
    }
    (subject(doc, toks, before, m.start), 0.65)
}

/// True when the joint act named at `start` is hoped for ("an initiative for an agreement") or
/// cancelled ("l'annulation du sommet"), not done.
fn joint_act_not_done(lang: Lang, doc: &str, toks: &[Token], start: usize) -> bool {
    let np = noun_phrase_start(lang, doc, toks, start).unwrap_or(start);
    let purpose =
        np > 0 && matches!(toks[np - 1].norm.as_str(), "for" | "pour" | "toward" | "towards" | "vers");
    let cancelled = (1..=3).any(|k| {
        np >= k
            && match toks[np - k].norm.as_str() {
                "annulation" | "suspension" | "rupture" | "echec" => true,
                // "le report du sommet"; an English report tells of the act
                "report" => lang == Lang::Fr,
                "cancellation" | "postponement" | "collapse" | "failure" => true,
                _ => false,
            }
    });
    purpose || cancelled
}

/// The two parties of "entre X et Y" / "between X and Y" after a joint noun, within a dozen words
/// and the same sentence part (no semicolon or colon between).
fn between_pair<'m>(
    doc: &str,
    toks: &[Token],
    after: &[&'m Mention],
    m: &TriggerMatch,
) -> Option<(&'m Mention, &'m Mention)> {
    let x = after.iter().copied().take_while(|x| x.start <= m.end + 12).find(|x| {
        governor(toks, doc, x.start).is_some_and(|g| matches!(toks[g].norm.as_str(), "entre" | "between"))
    })?;
    if toks[m.end..x.start].iter().any(|t| matches!(t.norm.as_str(), ";" | ":" | "." | "!" | "?")) {
        return None;
    }
    let g = x.group?;
    // a treaty among many is no set of dyads
    if after.iter().filter(|y| y.group == Some(g)).count() > MAX_MUTUAL {
        return None;
    }
    let y = after.iter().copied().find(|y| y.start >= x.end && y.group == Some(g))?;
    (x.actor().id != y.actor().id).then_some((x, y))
}

/// Does the folded preposition `w` of the text fit the frame preposition `p` ("à" ← "au", "aux")?
fn prep_matches(p: &str, w: &str) -> bool {
    p == w
        || match p {
            "a" => matches!(w, "au" | "aux"),
            "de" => matches!(w, "du" | "des" | "d'"),
            "en" => matches!(w, "au" | "aux"),
            _ => false,
        }
}

/// The target of a trigger: the first actor after it, in its clause, that fits its frame.
fn frame_target<'m>(
    doc: &str,
    toks: &[Token],
    after: &[&'m Mention],
    m: &TriggerMatch,
    trig: &Trigger,
    source: &Mention,
) -> Option<&'m Mention> {
    let limit = m.end + 14;
    let boundary = (m.end..toks.len())
        .find(|&k| {
            let w = toks[k].norm.as_str();
            // "accorder l'asile politique, au fondateur de WikiLeaks": a comma before one of the
            // trigger's own prepositions does not end its frame
            let frame_after_comma = w == ","
                && toks.get(k + 1).is_some_and(|n| {
                    is_preposition(n, doc)
                        && trig.target.iter().any(|p| p != "obj" && prep_matches(p, &n.norm))
                });
            !frame_after_comma
                && (is_clause_boundary(w) || matches!(w, "qui" | "who" | "which" | "." | "!" | "?" | ","))
        })
        .unwrap_or(toks.len());
    let obj = trig.target.iter().any(|t| t == "obj");
    // "demanded that Belarus release", "exige que la Russie se retire": the subject of the
    // complement clause right after the trigger
    let complement = trig.target.iter().any(|t| t == "that" || t == "que");
    if complement
        && boundary < toks.len()
        && boundary <= m.end + 1
        && matches!(toks[boundary].norm.as_str(), "that" | "que" | "qu'")
    {
        let clause_end = (boundary + 1..toks.len())
            .find(|&k| is_clause_boundary(&toks[k].norm) || toks[k].norm == ",")
            .unwrap_or(toks.len());
        let inner: Vec<&Mention> =
            after.iter().copied().filter(|x| x.start > boundary && x.end <= clause_end).collect();
        if let Some(x) = subject(doc, toks, &inner, clause_end) {
            return Some(x);
        }
    }
    for x in after.iter().copied() {
        if x.start >= limit || x.start >= boundary {
            break;
        }
        // the source itself, or another mention of its actor, is not the target
        if std::ptr::eq(source, x) || x.actors.iter().all(|a| source.actors.iter().any(|b| b.id == a.id)) {
            continue;
        }
        // a capital as a place is only the destination of a visit ("dépêcher X à Moscou") or the
        // post of a recalled or expelled ambassador
        if x.kind == MentionKind::Place && !trig.code.starts_with("04") && !trig.code.starts_with("16") {
            continue;
        }
        // a preposition before the trigger does not govern what follows it
        // an owner ("Hizballah's rocket attacks") opens its own noun phrase: only a preposition
        // right before it governs it
        let possessor = toks.get(x.end).is_some_and(|t| t.norm == "'s");
        let gov = if possessor {
            x.start.checked_sub(1).filter(|&k| is_preposition(&toks[k], doc))
        } else {
            governor(toks, doc, x.start)
        };
        match gov.filter(|&g| g >= m.end) {
            None if obj => return Some(x),
            Some(g) => {
                let w = toks[g].norm.as_str();
                if trig.target.iter().any(|p| p != "obj" && prep_matches(p, w)) {
                    return Some(x);
                }
                // "bombardé une base en Syrie", "struck targets in Syria": force used in a state
                // is used against it
                let force = matches!(&trig.code[..2], "18" | "19" | "20");
                if force
                    && matches!(w, "en" | "in" | "dans" | "inside")
                    && x.actor().kind == ActorKind::Country
                {
                    return Some(x);
                }
                // "la rhétorique de Washington": a genitive inside the direct object
                if obj && GENITIVE.contains(&w) {
                    return Some(x);
                }
                // "strikes on the Kurdistan region of Iraq", "à la frontière avec le Pakistan": a
                // complement inside the frame's phrase
                if GENITIVE.contains(&w) || matches!(w, "avec" | "with") {
                    if let Some(h) = governor(toks, doc, g).filter(|&h| h >= m.end) {
                        let hw = toks[h].norm.as_str();
                        if trig.target.iter().any(|p| p != "obj" && prep_matches(p, hw)) {
                            return Some(x);
                        }
                    }
                }
            }
            None => {}
        }
    }
    None
}
