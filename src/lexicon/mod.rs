//! The lexicons: actors (states, organisations, people, role words) and relation triggers, read
//! from the plain-text files in `data/` (formats in `data/README.md`).
//!
//! [`Lexicon::default()`] uses the files embedded in the binary at build time;
//! [`Lexicon::from_dir`] reads a folder laid out like `data/`.

pub mod inflect;
pub mod tsv;

use std::collections::HashMap;
use std::path::Path;

use crate::cameo::CameoTable;
use crate::error::{Error, ErrorKind, Result};
use crate::ingest::Lang;
use crate::model::{Actor, ActorKind};
use crate::segment::{tokenize, Token};
use crate::text::{fold, is_all_caps};
use inflect::{Conjugations, EnVerb, FormKind, FrVerb};
use tsv::Table;

/// The lexicon files, by their path relative to `data/`.
pub const FILES: &[&str] = &[
    "cameo.tsv",
    "actors/countries.tsv",
    "actors/organizations.tsv",
    "actors/people.tsv",
    "actors/roles.tsv",
    "relations/en_verbs.tsv",
    "relations/fr_verbs.tsv",
    "relations/en.tsv",
    "relations/fr.tsv",
];

const EMBEDDED: &[(&str, &str)] = &[
    ("cameo.tsv", include_str!("../../data/cameo.tsv")),
    (
        "actors/countries.tsv",
        include_str!("../../data/actors/countries.tsv"),
    ),
    (
        "actors/organizations.tsv",
        include_str!("../../data/actors/organizations.tsv"),
    ),
    (
        "actors/people.tsv",
        include_str!("../../data/actors/people.tsv"),
    ),
    (
        "actors/roles.tsv",
        include_str!("../../data/actors/roles.tsv"),
    ),
    (
        "relations/en_verbs.tsv",
        include_str!("../../data/relations/en_verbs.tsv"),
    ),
    (
        "relations/fr_verbs.tsv",
        include_str!("../../data/relations/fr_verbs.tsv"),
    ),
    (
        "relations/en.tsv",
        include_str!("../../data/relations/en.tsv"),
    ),
    (
        "relations/fr.tsv",
        include_str!("../../data/relations/fr.tsv"),
    ),
];

/// How a name refers to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    /// The actor's own name or alias ("Iran", "Poutine", "ONU").
    Name,
    /// An institution that stands for a state's government ("Kremlin", "Maison-Blanche").
    Metonym,
    /// A capital or seat: the state only when it acts ("Moscou a condamné").
    Seat,
    /// A demonym or adjective ("russe", "Iranian").
    Demonym,
}

/// An office held for a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Office name (`president`, `foreign_minister`...).
    pub office: String,
    /// First day (`YYYY-MM-DD`), if known.
    pub from: Option<String>,
    /// Last day (exclusive), if the term has ended.
    pub until: Option<String>,
}

/// One actor of the lexicon, with what is needed to resolve roles.
#[derive(Debug, Clone)]
pub struct ActorEntry {
    /// The actor as it appears in events.
    pub actor: Actor,
    /// For organs: the id of the parent organisation.
    pub parent: Option<String>,
    /// For office-holders of an organisation: its id.
    pub org: Option<String>,
    /// Offices held.
    pub terms: Vec<Term>,
}

/// A role word ("président", "foreign minister", "armée").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleWord {
    /// The office it names, or `None` for a body ("armée", "government").
    pub office: Option<String>,
    /// The CAMEO role code it implies.
    pub role: String,
}

/// Part of speech of a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// A verb: all forms generated from the lemma.
    Verb,
    /// A noun: singular and plural.
    Noun,
    /// Fixed words.
    Expr,
}

/// One word of a trigger pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum TriggerWord {
    /// One of these folded forms.
    Forms(HashMap<String, FormKind>),
    /// A gap of 0 to 3 words.
    Gap,
}

/// A relation trigger from `data/relations/*.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// CAMEO code.
    pub code: String,
    /// Language.
    pub lang: Lang,
    /// Verb, noun or expression.
    pub pos: Pos,
    /// The pattern as written in the file.
    pub pattern: String,
    /// The words to match.
    pub words: Vec<TriggerWord>,
    /// Folded prepositions introducing the target, and/or `obj`.
    pub target: Vec<String>,
    /// Done together ("X and Y signed"): coded both ways.
    pub joint: bool,
    /// Vague trigger: lower confidence.
    pub weak: bool,
    /// `file:line` where the trigger is defined.
    pub origin: String,
}

/// A phrase of one or more tokens, matched on folded tokens (or exactly, for all-caps aliases).
#[derive(Debug, Clone)]
struct Phrase<T> {
    words: Vec<String>,
    exact: Option<Vec<String>>,
    value: T,
}

/// Phrases indexed by their first folded word, for longest-match lookup.
#[derive(Debug, Clone)]
pub struct PhraseIndex<T> {
    by_first: HashMap<String, Vec<Phrase<T>>>,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            by_first: HashMap::new(),
        }
    }
}

impl<T: Clone> PhraseIndex<T> {
    /// Adds a phrase as written; returns false when it has no word.
    pub fn insert(&mut self, phrase: &str, value: T) -> bool {
        let toks = tokenize(phrase, 0..phrase.len());
        if toks.is_empty() {
            return false;
        }
        let words: Vec<String> = toks.iter().map(|t| t.norm.clone()).collect();
        let exact = is_all_caps(phrase).then(|| {
            toks.iter()
                .map(|t| t.text(phrase).replace('’', "'"))
                .collect()
        });
        self.by_first
            .entry(words[0].clone())
            .or_default()
            .push(Phrase {
                words,
                exact,
                value,
            });
        true
    }

    /// The values of the longest phrase that starts at token `i`, and its length in tokens.
    pub fn longest_at<'s>(
        &'s self,
        doc: &str,
        tokens: &[Token],
        i: usize,
    ) -> Option<(usize, Vec<&'s T>)> {
        let cands = self.by_first.get(&tokens[i].norm)?;
        let mut best: Option<(usize, Vec<&T>)> = None;
        for p in cands {
            let n = p.words.len();
            if i + n > tokens.len() {
                continue;
            }
            let ok = (0..n).all(|k| {
                let t = &tokens[i + k];
                match &p.exact {
                    Some(ex) => t.text(doc).replace('’', "'") == ex[k],
                    None => t.norm == p.words[k],
                }
            });
            if !ok {
                continue;
            }
            match &mut best {
                Some((len, vals)) if *len == n => vals.push(&p.value),
                Some((len, _)) if *len > n => {}
                _ => best = Some((n, vec![&p.value])),
            }
        }
        best
    }
}

/// A name of the lexicon pointing to an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    /// Index of the actor in [`Lexicon::actors`].
    pub actor: usize,
    /// How the name refers to it.
    pub kind: NameKind,
}

/// Everything geokg knows: actors, role words, relation triggers and the CAMEO table.
#[derive(Debug, Clone)]
pub struct Lexicon {
    actors: Vec<ActorEntry>,
    by_id: HashMap<String, usize>,
    names: PhraseIndex<NameHit>,
    roles: PhraseIndex<RoleWord>,
    triggers: Vec<Trigger>,
    trigger_index: HashMap<(Lang, String), Vec<usize>>,
    cameo: CameoTable,
    /// Alias conflicts found while loading: two actors claiming one name.
    pub warnings: Vec<String>,
}

impl Default for Lexicon {
    /// The lexicon embedded in the binary (the files of `data/` at build time).
    ///
    /// ```
    /// let lex = geokg::Lexicon::default();
    /// assert_eq!(lex.actor("rus").unwrap().name, "Russia");
    /// ```
    fn default() -> Self {
        Lexicon::from_sources(EMBEDDED).expect("the embedded lexicon is checked by the tests")
    }
}

impl Lexicon {
    /// Reads a folder laid out like `data/` (every file of [`FILES`] must be there).
    pub fn from_dir(dir: &Path) -> Result<Lexicon> {
        let mut texts = Vec::new();
        for f in FILES {
            let p = dir.join(f);
            let t = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, &e))?;
            texts.push((p.display().to_string(), t));
        }
        let refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        Lexicon::from_sources(&refs)
    }

    /// Builds a lexicon from `(file name, contents)` pairs in the order of [`FILES`].
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Lexicon> {
        if sources.len() != FILES.len() {
            return Err(Error::new(
                ErrorKind::Lexicon,
                format!("expected {} lexicon files", FILES.len()),
            ));
        }
        let src = |i: usize| sources[i];
        let cameo = CameoTable::parse(src(0).0, src(0).1)?;
        let mut lex = Lexicon {
            actors: Vec::new(),
            by_id: HashMap::new(),
            names: PhraseIndex::default(),
            roles: PhraseIndex::default(),
            triggers: Vec::new(),
            trigger_index: HashMap::new(),
            cameo,
            warnings: Vec::new(),
        };
        let mut seen: HashMap<String, String> = HashMap::new();
        lex.load_countries(src(1).0, src(1).1, &mut seen)?;
        lex.load_organizations(src(2).0, src(2).1, &mut seen)?;
        lex.load_people(src(3).0, src(3).1, &mut seen)?;
        lex.load_roles(src(4).0, src(4).1)?;
        let mut conj = Conjugations::default();
        load_en_verbs(src(5).0, src(5).1, &mut conj)?;
        load_fr_verbs(src(6).0, src(6).1, &mut conj)?;
        lex.load_triggers(src(7).0, src(7).1, Lang::En, &conj)?;
        lex.load_triggers(src(8).0, src(8).1, Lang::Fr, &conj)?;
        Ok(lex)
    }

    fn add_actor(&mut self, entry: ActorEntry, file: &str, line: usize) -> Result<usize> {
        if self.by_id.contains_key(&entry.actor.id) {
            return Err(Error::new(
                ErrorKind::Lexicon,
                format!("duplicate actor id `{}`", entry.actor.id),
            )
            .at(file)
            .line(line));
        }
        let idx = self.actors.len();
        self.by_id.insert(entry.actor.id.clone(), idx);
        self.actors.push(entry);
        Ok(idx)
    }

    fn add_name(
        &mut self,
        name: &str,
        actor: usize,
        kind: NameKind,
        seen: &mut HashMap<String, String>,
    ) {
        let key = if is_all_caps(name) {
            name.to_string()
        } else {
            fold(name).replace('-', " ")
        };
        let id = &self.actors[actor].actor.id;
        match seen.get(&key) {
            Some(other) if other != id => self.warnings.push(format!(
                "alias {name:?} is claimed by both `{other}` and `{id}`"
            )),
            _ => {
                seen.insert(key, id.clone());
            }
        }
        self.names.insert(name, NameHit { actor, kind });
    }

    fn load_countries(
        &mut self,
        file: &str,
        text: &str,
        seen: &mut HashMap<String, String>,
    ) -> Result<()> {
        let cols = [
            "iso3", "name", "en", "fr", "en_adj", "fr_adj", "seats", "metonyms",
        ];
        let table = Table::parse(file, text, &cols)?;
        for row in table.rows() {
            let row = row?;
            let iso = row.required("iso3")?;
            if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(row.error("iso3", "is not a 3-letter upper-case code"));
            }
            let name = row.required("name")?;
            let entry = ActorEntry {
                actor: Actor {
                    id: iso.to_ascii_lowercase(),
                    name: name.to_string(),
                    kind: ActorKind::Country,
                    country: Some(iso.to_string()),
                    role: None,
                },
                parent: None,
                org: None,
                terms: Vec::new(),
            };
            let idx = self.add_actor(entry, file, row.line)?;
            self.add_name(name, idx, NameKind::Name, seen);
            for (col, kind) in [
                ("en", NameKind::Name),
                ("fr", NameKind::Name),
                ("en_adj", NameKind::Demonym),
                ("fr_adj", NameKind::Demonym),
                ("seats", NameKind::Seat),
                ("metonyms", NameKind::Metonym),
            ] {
                for alias in row.list(col) {
                    self.add_name(alias, idx, kind, seen);
                }
            }
        }
        Ok(())
    }

    fn load_organizations(
        &mut self,
        file: &str,
        text: &str,
        seen: &mut HashMap<String, String>,
    ) -> Result<()> {
        let cols = [
            "id", "name", "kind", "country", "role", "parent", "en", "fr",
        ];
        let table = Table::parse(file, text, &cols)?;
        for row in table.rows() {
            let row = row?;
            let kind = ActorKind::parse(row.required("kind")?)
                .ok_or_else(|| row.error("kind", "is not organization or group"))?;
            let entry = ActorEntry {
                actor: Actor {
                    id: row.required("id")?.to_string(),
                    name: row.required("name")?.to_string(),
                    kind,
                    country: opt(row.get("country")),
                    role: opt(row.get("role")),
                },
                parent: opt(row.get("parent")),
                org: None,
                terms: Vec::new(),
            };
            let name = entry.actor.name.clone();
            let idx = self.add_actor(entry, file, row.line)?;
            self.add_name(&name, idx, NameKind::Name, seen);
            for col in ["en", "fr"] {
                for alias in row.list(col) {
                    self.add_name(alias, idx, NameKind::Name, seen);
                }
            }
        }
        Ok(())
    }

    fn load_people(
        &mut self,
        file: &str,
        text: &str,
        seen: &mut HashMap<String, String>,
    ) -> Result<()> {
        let cols = ["id", "name", "country", "org", "role", "aliases", "terms"];
        let table = Table::parse(file, text, &cols)?;
        for row in table.rows() {
            let row = row?;
            let mut terms = Vec::new();
            for t in row
                .get("terms")
                .split(';')
                .map(str::trim)
                .filter(|t| !t.is_empty())
            {
                terms.push(
                    parse_term(t)
                        .ok_or_else(|| row.error("terms", &format!("has a bad term {t:?}")))?,
                );
            }
            let entry = ActorEntry {
                actor: Actor {
                    id: row.required("id")?.to_string(),
                    name: row.required("name")?.to_string(),
                    kind: ActorKind::Person,
                    country: opt(row.get("country")),
                    role: opt(row.get("role")),
                },
                parent: None,
                org: opt(row.get("org")),
                terms,
            };
            let name = entry.actor.name.clone();
            let idx = self.add_actor(entry, file, row.line)?;
            self.add_name(&name, idx, NameKind::Name, seen);
            for alias in row.list("aliases") {
                self.add_name(alias, idx, NameKind::Name, seen);
            }
        }
        Ok(())
    }

    fn load_roles(&mut self, file: &str, text: &str) -> Result<()> {
        let table = Table::parse(file, text, &["lang", "phrase", "office", "role"])?;
        for row in table.rows() {
            let row = row?;
            Lang::parse(row.required("lang")?)
                .ok_or_else(|| row.error("lang", "is not en or fr"))?;
            let word = RoleWord {
                office: opt(row.get("office")),
                role: row.required("role")?.to_string(),
            };
            for p in row.list("phrase") {
                self.roles.insert(p, word.clone());
            }
        }
        Ok(())
    }

    fn load_triggers(
        &mut self,
        file: &str,
        text: &str,
        lang: Lang,
        conj: &Conjugations,
    ) -> Result<()> {
        let table = Table::parse(file, text, &["cameo", "pos", "trigger", "target", "flags"])?;
        for row in table.rows() {
            let row = row?;
            let code = row.required("cameo")?;
            if self.cameo.get(code).is_none() {
                return Err(row.error("cameo", &format!("has unknown CAMEO code {code:?}")));
            }
            let pos = match row.required("pos")? {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                "expr" => Pos::Expr,
                other => {
                    return Err(row.error("pos", &format!("is {other:?}, not verb, noun or expr")))
                }
            };
            let pattern = row.required("trigger")?;
            let mut raw: Vec<String> = tokenize(pattern, 0..pattern.len())
                .iter()
                .map(|t| t.norm.clone())
                .collect();
            // reflexive pronouns are optional in text ("s'entretenir" / "entretenu")
            if pos == Pos::Verb && raw.len() > 1 && matches!(raw[0].as_str(), "s'" | "se") {
                raw.remove(0);
            }
            if raw.is_empty() || raw[0] == "*" {
                return Err(row.error("trigger", "has no word"));
            }
            let mut words = Vec::new();
            for (i, w) in raw.iter().enumerate() {
                if w == "*" {
                    words.push(TriggerWord::Gap);
                    continue;
                }
                let forms: HashMap<String, FormKind> = match (i, pos, lang) {
                    (0, Pos::Verb, Lang::Fr) => {
                        if !(w.ends_with("er") || w.ends_with("ir") || conj.fr.contains_key(w)) {
                            return Err(
                                row.error("trigger", &format!("verb {w:?} is not in fr_verbs.tsv"))
                            );
                        }
                        plain_first(conj.french_verb(w))
                    }
                    (0, Pos::Verb, Lang::En) => plain_first(conj.english_verb(w)),
                    (0, Pos::Noun, l) => inflect::noun_forms(w, l == Lang::Fr)
                        .into_iter()
                        .map(|f| (f, FormKind::Plain))
                        .collect(),
                    _ => std::iter::once((w.clone(), FormKind::Plain)).collect(),
                };
                words.push(TriggerWord::Forms(forms));
            }
            let target: Vec<String> = row.list("target").iter().map(|t| fold(t)).collect();
            let flags = row.list("flags");
            for f in &flags {
                if !matches!(*f, "joint" | "weak") {
                    return Err(row.error("flags", &format!("has unknown flag {f:?}")));
                }
            }
            let idx = self.triggers.len();
            if let Some(TriggerWord::Forms(first)) = words.first() {
                for form in first.keys() {
                    self.trigger_index
                        .entry((lang, form.clone()))
                        .or_default()
                        .push(idx);
                }
            }
            self.triggers.push(Trigger {
                code: code.to_string(),
                lang,
                pos,
                pattern: pattern.to_string(),
                words,
                target,
                joint: flags.contains(&"joint"),
                weak: flags.contains(&"weak"),
                origin: format!("{file}:{}", row.line),
            });
        }
        Ok(())
    }

    /// The CAMEO table.
    pub fn cameo(&self) -> &CameoTable {
        &self.cameo
    }

    /// All actor entries.
    pub fn actors(&self) -> &[ActorEntry] {
        &self.actors
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i].actor)
    }

    /// The entry at an index.
    pub fn entry(&self, idx: usize) -> &ActorEntry {
        &self.actors[idx]
    }

    /// Index of the actor with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// All triggers.
    pub fn triggers(&self) -> &[Trigger] {
        &self.triggers
    }

    /// Triggers of `lang` whose first word has the folded form `form`.
    pub fn triggers_starting_with(&self, lang: Lang, form: &str) -> &[usize] {
        self.trigger_index
            .get(&(lang, form.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// The longest actor name starting at token `i`.
    pub fn name_at(&self, doc: &str, tokens: &[Token], i: usize) -> Option<(usize, Vec<NameHit>)> {
        self.names
            .longest_at(doc, tokens, i)
            .map(|(n, v)| (n, v.into_iter().copied().collect()))
    }

    /// The longest role phrase starting at token `i`.
    pub fn role_at(&self, doc: &str, tokens: &[Token], i: usize) -> Option<(usize, RoleWord)> {
        self.roles
            .longest_at(doc, tokens, i)
            .map(|(n, v)| (n, v[0].clone()))
    }

    /// The person who held `office` for `country` (or for organisation `org`) on `date`; without a
    /// date, the current holder (a term with no end), or else the latest one.
    ///
    /// ```
    /// let lex = geokg::Lexicon::default();
    /// let who = lex.office_holder(Some("USA"), None, "president", Some("2017-04-07")).unwrap();
    /// assert_eq!(lex.entry(who).actor.name, "Donald Trump");
    /// ```
    pub fn office_holder(
        &self,
        country: Option<&str>,
        org: Option<&str>,
        office: &str,
        date: Option<&str>,
    ) -> Option<usize> {
        let mut best: Option<(usize, String)> = None;
        for (i, e) in self.actors.iter().enumerate() {
            let owner_ok = match (country, org) {
                (Some(c), _) => e.actor.country.as_deref() == Some(c),
                (None, Some(o)) => e.org.as_deref() == Some(o),
                (None, None) => false,
            };
            if !owner_ok {
                continue;
            }
            for t in e.terms.iter().filter(|t| t.office == office) {
                let from = t.from.clone().unwrap_or_default();
                let ok = match date {
                    Some(d) => from.as_str() <= d && t.until.as_deref().is_none_or(|u| d < u),
                    None => true,
                };
                if !ok {
                    continue;
                }
                // without a date: prefer the open-ended term, then the latest start
                let rank = if t.until.is_none() {
                    format!("~{from}")
                } else {
                    from
                };
                if best.as_ref().is_none_or(|(_, r)| rank > *r) {
                    best = Some((i, rank));
                }
            }
        }
        best.map(|(i, _)| i)
    }
}

/// Forms to kinds; a form that is both finite and a participle once accents are folded
/// ("demande"/"demandé") is kept as finite: the event stage looks at the accent in the text.
fn plain_first(forms: std::collections::BTreeSet<(String, FormKind)>) -> HashMap<String, FormKind> {
    let mut out: HashMap<String, FormKind> = HashMap::new();
    for (f, k) in forms {
        out.entry(f)
            .and_modify(|old| *old = (*old).min(k))
            .or_insert(k);
    }
    out
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Parses `office@FROM..UNTIL` (dates `YYYY-MM-DD` or `YYYY`, either end may be empty).
fn parse_term(t: &str) -> Option<Term> {
    let (office, range) = t.split_once('@')?;
    let (from, until) = range.split_once("..")?;
    let norm = |d: &str, start: bool| -> Option<Option<String>> {
        let d = d.trim();
        if d.is_empty() {
            return Some(None);
        }
        if d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Some(if start {
                format!("{d}-01-01")
            } else {
                format!("{d}-12-31")
            }));
        }
        crate::ingest::parse_iso_date(d)
            .filter(|x| x.len() == d.len())
            .map(Some)
    };
    let office = office.trim();
    if office.is_empty() || !office.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    Some(Term {
        office: office.to_string(),
        from: norm(from, true)?,
        until: norm(until, false)?,
    })
}

fn load_en_verbs(file: &str, text: &str, conj: &mut Conjugations) -> Result<()> {
    let table = Table::parse(file, text, &["lemma", "past", "participle"])?;
    for row in table.rows() {
        let row = row?;
        conj.en.insert(
            fold(row.required("lemma")?),
            EnVerb {
                past: row
                    .required("past")?
                    .split('|')
                    .map(|f| fold(f.trim()))
                    .collect(),
                participle: row
                    .required("participle")?
                    .split('|')
                    .map(|f| fold(f.trim()))
                    .collect(),
            },
        );
    }
    Ok(())
}

fn load_fr_verbs(file: &str, text: &str, conj: &mut Conjugations) -> Result<()> {
    let cols = [
        "lemma",
        "present_3s",
        "present_3p",
        "participle",
        "passe_simple_3s",
        "futur_stem",
        "imparfait_stem",
        "present_participle",
    ];
    let table = Table::parse(file, text, &cols)?;
    for row in table.rows() {
        let row = row?;
        let g = |c: &str| row.required(c).map(fold);
        conj.fr.insert(
            g("lemma")?,
            FrVerb {
                present_3s: g("present_3s")?,
                present_3p: g("present_3p")?,
                participle: g("participle")?,
                passe_simple_3s: g("passe_simple_3s")?,
                futur_stem: g("futur_stem")?,
                imparfait_stem: g("imparfait_stem")?,
                present_participle: fold(row.get("present_participle")),
            },
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_parse() {
        assert_eq!(
            parse_term("president@2017-01-20..2021-01-20"),
            Some(Term {
                office: "president".into(),
                from: Some("2017-01-20".into()),
                until: Some("2021-01-20".into())
            })
        );
        assert_eq!(
            parse_term("president@2025..").unwrap().from.as_deref(),
            Some("2025-01-01")
        );
        assert_eq!(parse_term("president 2017"), None);
        assert_eq!(parse_term("president@2017-13-01.."), None);
    }
}
