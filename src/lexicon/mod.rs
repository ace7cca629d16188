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
    "actors/phoenix_organizations.tsv",
    "actors/phoenix_groups.tsv",
    "actors/phoenix_people.tsv",
    "actors/wikidata_leaders.tsv",
    "actors/roles.tsv",
    "actors/combining.tsv",
    "relations/en_verbs.tsv",
    "relations/fr_verbs.tsv",
    "relations/en.tsv",
    "relations/fr.tsv",
    "relations/receivers.tsv",
];

const EMBEDDED: &[(&str, &str)] = &[
    ("cameo.tsv", include_str!("../../data/cameo.tsv")),
    ("actors/countries.tsv", include_str!("../../data/actors/countries.tsv")),
    ("actors/organizations.tsv", include_str!("../../data/actors/organizations.tsv")),
    ("actors/people.tsv", include_str!("../../data/actors/people.tsv")),
    // converted from public dictionaries (scripts/convert_phoenix.py), after the curated files: the
    // converter leaves out what those have
    ("actors/phoenix_organizations.tsv", include_str!("../../data/actors/phoenix_organizations.tsv")),
    ("actors/phoenix_groups.tsv", include_str!("../../data/actors/phoenix_groups.tsv")),
    ("actors/phoenix_people.tsv", include_str!("../../data/actors/phoenix_people.tsv")),
    ("actors/wikidata_leaders.tsv", include_str!("../../data/actors/wikidata_leaders.tsv")),
    ("actors/roles.tsv", include_str!("../../data/actors/roles.tsv")),
    ("actors/combining.tsv", include_str!("../../data/actors/combining.tsv")),
    ("relations/en_verbs.tsv", include_str!("../../data/relations/en_verbs.tsv")),
    ("relations/fr_verbs.tsv", include_str!("../../data/relations/fr_verbs.tsv")),
    ("relations/en.tsv", include_str!("../../data/relations/en.tsv")),
    ("relations/fr.tsv", include_str!("../../data/relations/fr.tsv")),
    ("relations/receivers.tsv", include_str!("../../data/relations/receivers.tsv")),
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

/// A role held for a time: who the person acts for (a state, or none) and as what, in CAMEO
/// terms ("SYRGOV", "REB").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedRole {
    /// ISO alpha-3 of the state, or `None` (an armed group's fighter, an international official).
    pub country: Option<String>,
    /// CAMEO role code (`GOV`, `REB`, `OPP`, `ELI`...).
    pub role: String,
    /// First day (`YYYY-MM-DD`), if known.
    pub from: Option<String>,
    /// Last day (exclusive), if the role has ended or is known only up to a date.
    pub until: Option<String>,
}

impl DatedRole {
    /// True when the role is held on `date` (`YYYY-MM-DD`).
    pub fn holds_on(&self, date: &str) -> bool {
        self.from.as_deref().is_none_or(|f| f <= date) && self.until.as_deref().is_none_or(|u| date < u)
    }
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
    /// Roles held, by date (people only): the article's date chooses the actor's country and
    /// role among them.
    pub roles: Vec<DatedRole>,
}

/// A role word ("président", "foreign minister", "armée").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleWord {
    /// The language of the phrase (French "militants" are activists, English ones are not).
    pub lang: Lang,
    /// The office it names, or `None` for a body ("armée", "government").
    pub office: Option<String>,
    /// The CAMEO role code it implies.
    pub role: String,
    /// For a plural that names a collective actor ("rebelles", "protesters"), its English name
    /// ("rebels", "protesters"): the phrase is an actor even when no state owns it.
    pub collective: Option<String>,
}

impl RoleWord {
    /// True for the roles of actors with no state of their own (rebels, insurgents, separatists):
    /// their `country` is null and the state the text ties them to is where they operate.
    pub fn stateless(&self) -> bool {
        matches!(self.role.as_str(), "REB" | "INS" | "SEP")
    }
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
    Forms(FxMap<String, FormKind>),
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
    /// An order ("ordonner"): with an act as its object, the act is the event, by the order's
    /// author.
    pub order: bool,
    /// `file:line` where the trigger is defined.
    pub origin: String,
}

/// A fast hasher for short string keys (rustc's Fx hash, version 2 of `rustc-hash`): the lexicon
/// lookups run for every token of every article, and the graph's for every edge loaded, where
/// SipHash's protection against crafted keys buys nothing. Version 2 moves the well-mixed high
/// bits of the product down to where the hash table reads the bucket; a hand-written version 1
/// clustered the ids of a million-edge graph and made loading it spend a fifth of its time
/// comparing keys.
pub use rustc_hash::FxHasher;

/// A `HashMap` with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// A value at the end of a phrase, with the phrase's words as written when it must match case
/// (all-capital aliases such as `US`, `ONU`).
#[derive(Debug, Clone)]
struct Entry<T> {
    exact: Option<Vec<String>>,
    /// A proper name of several words: the text must write one of them with a capital.
    proper: bool,
    value: T,
}

/// One node of the word trie: the phrases that end here, and the words that continue them.
#[derive(Debug, Clone)]
struct TrieNode<T> {
    ends: Vec<Entry<T>>,
    next: FxMap<String, u32>,
}

impl<T> Default for TrieNode<T> {
    fn default() -> Self {
        TrieNode { ends: Vec::new(), next: FxMap::default() }
    }
}

/// Phrases in a trie of folded words, for longest-match lookup: finding the phrases at a token
/// costs one hash lookup per word of the longest phrase that starts there, however many phrases
/// share its first word ("la …", "the …").
#[derive(Debug, Clone)]
pub struct PhraseIndex<T> {
    nodes: Vec<TrieNode<T>>,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex { nodes: vec![TrieNode::default()] }
    }
}

/// True when the token as written equals `exact` (typographic apostrophes read as `'`).
fn same_as_written(written: &str, exact: &str) -> bool {
    let mut a = written.chars().map(|c| if c == '’' { '\'' } else { c });
    let mut b = exact.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (x, y) if x == y => {}
            _ => return false,
        }
    }
}

impl<T: Clone> PhraseIndex<T> {
    /// Adds a phrase as written; returns false when it has no word.
    pub fn insert(&mut self, phrase: &str, value: T) -> bool {
        self.insert_with(phrase, value, false)
    }

    /// Adds a name as written. A name of several words written with a capital ("Shared Interest",
    /// "Lionel Jospin") matches only where the text writes one of its words with a capital:
    /// "shared interest" and "un secrétariat" are common words, not the NGO or the UN body.
    pub fn insert_name(&mut self, phrase: &str, value: T) -> bool {
        let proper = phrase.chars().any(char::is_uppercase) && !is_all_caps(phrase);
        self.insert_with(phrase, value, proper)
    }

    fn insert_with(&mut self, phrase: &str, value: T, proper: bool) -> bool {
        let toks = tokenize(phrase, 0..phrase.len());
        if toks.is_empty() {
            return false;
        }
        let mut node = 0usize;
        for t in &toks {
            let next = self.nodes.len() as u32;
            let child = *self.nodes[node].next.entry(t.norm.to_string()).or_insert(next);
            if child == next {
                self.nodes.push(TrieNode::default());
            }
            node = child as usize;
        }
        let exact =
            is_all_caps(phrase).then(|| toks.iter().map(|t| t.text(phrase).replace('’', "'")).collect());
        let proper = proper && toks.len() > 1;
        self.nodes[node].ends.push(Entry { exact, proper, value });
        true
    }

    /// The values of the longest phrase that starts at token `i`, and its length in tokens.
    pub fn longest_at<'s>(&'s self, doc: &str, tokens: &[Token], i: usize) -> Option<(usize, Vec<&'s T>)> {
        let mut best: Option<(usize, Vec<&T>)> = None;
        let mut node = &self.nodes[0];
        for (k, t) in tokens[i..].iter().enumerate() {
            match node.next.get(t.norm.as_str()) {
                Some(&child) => node = &self.nodes[child as usize],
                None => break,
            }
            let n = k + 1;
            let vals: Vec<&T> = node
                .ends
                .iter()
                .filter(|e| {
                    e.exact.as_ref().is_none_or(|ex| {
                        tokens[i..i + n].iter().zip(ex).all(|(t, w)| same_as_written(t.text(doc), w))
                    }) && (!e.proper
                        || tokens[i..i + n]
                            .iter()
                            .any(|t| t.text(doc).chars().next().is_some_and(char::is_uppercase)))
                })
                .map(|e| &e.value)
                .collect();
            if !vals.is_empty() {
                best = Some((n, vals));
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
    /// The language the name belongs to, when the lexicon says (its `en` or `fr` column).
    pub lang: Option<Lang>,
}

/// Everything geokg knows: actors, role words, relation triggers and the CAMEO table.
#[derive(Debug, Clone)]
pub struct Lexicon {
    actors: Vec<ActorEntry>,
    by_id: FxMap<String, usize>,
    names: PhraseIndex<NameHit>,
    roles: PhraseIndex<RoleWord>,
    triggers: Vec<Trigger>,
    /// Trigger forms by their first folded word, one map per language (French, English).
    trigger_index: [FxMap<String, Vec<usize>>; 2],
    cameo: CameoTable,
    /// Alias conflicts found while loading: two actors claiming one name.
    pub warnings: Vec<String>,
    /// A hash of every file the lexicon was built from: graphs record it.
    version: String,
    /// The persons by the folded last word of their name.
    surnames: FxMap<String, Vec<usize>>,
    /// The English demonym of each state, by actor id ("syr" → "Syrian"), to name collectives.
    demonyms: FxMap<String, String>,
    /// Frames where the subject receives a noun's act ("compter sur l'appui de X").
    receivers: Vec<Receiver>,
}

/// A frame where the clause subject receives or undergoes the act a noun names ("compter sur
/// l'appui de X", "face attacks by X"): the noun's owner is the source, the subject the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receiver {
    /// The language.
    pub lang: Lang,
    /// The folded lemma the noun depends on, or `*` for any verb.
    pub head: String,
    /// The folded preposition attaching the noun, or `obj`.
    pub case: String,
    /// The CAMEO roots of the triggers it applies to.
    pub roots: Vec<String>,
}

impl Default for Lexicon {
    /// The lexicon embedded in the binary (the files of `data/` at build time).
    ///
    /// ```
    /// let lex = geokg::Lexicon::default();
    /// assert_eq!(lex.actor("rus").unwrap().name, "Russia");
    /// ```
    fn default() -> Self {
        LexiconBuilder::embedded().build().expect("the embedded lexicon is checked by the tests")
    }
}

/// What a lexicon file holds, told by its header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `cameo.tsv`.
    Cameo,
    /// States (`iso3 name en fr ...`).
    Countries,
    /// Organisations and groups (`id name kind ...`).
    Organizations,
    /// People (`id name country org role aliases terms`).
    People,
    /// Role words (`lang phrase office role`).
    Roles,
    /// Combining forms of demonyms (`lang form iso3`: "américano", "Sino").
    Combining,
    /// English irregular verbs (`lemma past participle`).
    EnVerbs,
    /// French irregular verbs (`lemma present_3s ...`).
    FrVerbs,
    /// Relation triggers of one language (`cameo pos trigger target flags`).
    Relations(Lang),
    /// Frames where the subject receives or undergoes a noun's act (`lang head case roots`).
    Receivers,
}

impl FileKind {
    /// Tells the kind of a lexicon file from its header; the language of a relations file comes
    /// from its name (`en.tsv`, `my_fr_triggers.tsv`).
    pub fn detect(file: &str, text: &str) -> Result<FileKind> {
        let header = text
            .lines()
            .map(|l| l.trim_end_matches('\r'))
            .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .ok_or_else(|| Error::new(ErrorKind::Lexicon, "no header line").at(file))?;
        let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
        let has = |c: &str| cols.contains(&c);
        let kind = if has("goldstein") {
            FileKind::Cameo
        } else if has("form") && has("iso3") {
            FileKind::Combining
        } else if has("iso3") {
            FileKind::Countries
        } else if has("terms") {
            FileKind::People
        } else if has("kind") && has("id") {
            FileKind::Organizations
        } else if has("head") && has("case") && has("roots") {
            FileKind::Receivers
        } else if has("phrase") && has("office") {
            FileKind::Roles
        } else if has("present_3s") {
            FileKind::FrVerbs
        } else if has("lemma") && has("past") {
            FileKind::EnVerbs
        } else if has("cameo") && has("trigger") {
            let name =
                Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
            let stem = name.trim_end_matches(".tsv");
            let words: Vec<&str> = stem.split(|c: char| !c.is_ascii_alphanumeric()).collect();
            match (words.contains(&"fr"), words.contains(&"en")) {
                (true, false) => FileKind::Relations(Lang::Fr),
                (false, true) => FileKind::Relations(Lang::En),
                _ => {
                    return Err(Error::new(
                        ErrorKind::Lexicon,
                        "a relations file must say its language in its name (en.tsv, fr.tsv, my_fr.tsv)",
                    )
                    .at(file))
                }
            }
        } else {
            return Err(
                Error::new(ErrorKind::Lexicon, format!("unknown lexicon header: {header:?}")).at(file)
            );
        };
        Ok(kind)
    }
}

/// Gathers lexicon files, then builds a [`Lexicon`]. Files added later add entries and override
/// earlier ones: a state, organisation or person with the same code or id replaces the earlier
/// definition; role words, verbs and triggers are added.
///
/// ```
/// use geokg::lexicon::LexiconBuilder;
/// let mut b = LexiconBuilder::embedded();
/// b.add_source(
///     "analyst/people.tsv",
///     "id\tname\tcountry\torg\trole\taliases\tterms\njane-doe\tJane Doe\tFRA\t\tGOV\tDoe\t\n",
/// )
/// .unwrap();
/// let lex = b.build().unwrap();
/// assert_eq!(lex.actor("jane-doe").unwrap().country.as_deref(), Some("FRA"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct LexiconBuilder {
    files: Vec<(String, String, FileKind)>,
}

impl LexiconBuilder {
    /// A builder holding the embedded `data/` files.
    pub fn embedded() -> Self {
        let mut b = LexiconBuilder::default();
        for (name, text) in EMBEDDED {
            let kind = FileKind::detect(name, text).expect("embedded files have known headers");
            b.files.push((name.to_string(), text.to_string(), kind));
        }
        b
    }

    /// Adds the contents of a file named `name`.
    pub fn add_source(&mut self, name: &str, text: &str) -> Result<()> {
        let kind = FileKind::detect(name, text)?;
        self.files.push((name.to_string(), text.to_string(), kind));
        Ok(())
    }

    /// Adds a `.tsv` file, or every `.tsv` file of a folder (recursively, in name order, each
    /// folder and file once however symbolic links loop). A lexicon is all or nothing: an entry of
    /// the folder that cannot be read, or is not a regular file, is an error naming it.
    pub fn add_path(&mut self, path: &Path) -> Result<()> {
        if path.is_dir() {
            let walk = crate::files::walk(path, false);
            if let Some(e) = walk.skipped.into_iter().next() {
                return Err(e);
            }
            for p in walk.files.iter().filter(|p| p.extension().is_some_and(|x| x == "tsv")) {
                let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, &e))?;
                self.add_source(&p.display().to_string(), &text)?;
            }
            return Ok(());
        }
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        self.add_source(&path.display().to_string(), &text)
    }

    fn of(&self, kind: FileKind) -> Vec<(&str, &str)> {
        self.files.iter().filter(|f| f.2 == kind).map(|f| (f.0.as_str(), f.1.as_str())).collect()
    }

    /// Builds the lexicon; a bad entry is an error naming its file, line and field.
    pub fn build(&self) -> Result<Lexicon> {
        let cameo_files = self.of(FileKind::Cameo);
        let (cf, ct) = cameo_files.last().ok_or_else(|| Error::new(ErrorKind::Lexicon, "no cameo.tsv"))?;
        let cameo = CameoTable::parse(cf, ct)?;
        let mut lex = Lexicon {
            actors: Vec::new(),
            by_id: FxMap::default(),
            names: PhraseIndex::default(),
            roles: PhraseIndex::default(),
            triggers: Vec::new(),
            trigger_index: Default::default(),
            cameo,
            warnings: Vec::new(),
            surnames: FxMap::default(),
            demonyms: FxMap::default(),
            receivers: Vec::new(),
            version: crate::graph::text_hash(
                &self.files.iter().map(|f| f.1.as_str()).collect::<Vec<_>>().join("\u{1f}"),
            ),
        };
        let mut seen = Seen::new();
        let tables = |kind: FileKind, cols: &[&str]| -> Result<Vec<Table<'_>>> {
            self.of(kind).into_iter().map(|(f, t)| Table::parse(f, t, cols)).collect()
        };
        let countries = tables(FileKind::Countries, &COUNTRY_COLUMNS)?;
        for row in merged_rows(&countries, "iso3")? {
            lex.load_country(&row, &mut seen)?;
        }
        let orgs = tables(FileKind::Organizations, &ORGANIZATION_COLUMNS)?;
        for row in merged_rows(&orgs, "id")? {
            lex.load_organization(&row, &mut seen)?;
        }
        let people = tables(FileKind::People, &PEOPLE_COLUMNS)?;
        for row in merged_rows(&people, "id")? {
            lex.load_person(&row, &mut seen)?;
        }
        for (f, t) in self.of(FileKind::Roles) {
            lex.load_roles(f, t)?;
        }
        for (f, t) in self.of(FileKind::Combining) {
            lex.load_combining(f, t, &mut seen)?;
        }
        for (i, e) in lex.actors.iter().enumerate() {
            if e.actor.kind == ActorKind::Person {
                if let Some(last) = e.actor.name.split_whitespace().last() {
                    lex.surnames.entry(fold(last)).or_default().push(i);
                }
            }
        }
        let mut conj = Conjugations::default();
        for (f, t) in self.of(FileKind::EnVerbs) {
            load_en_verbs(f, t, &mut conj)?;
        }
        for (f, t) in self.of(FileKind::FrVerbs) {
            load_fr_verbs(f, t, &mut conj)?;
        }
        for lang in [Lang::En, Lang::Fr] {
            for (f, t) in self.of(FileKind::Relations(lang)) {
                lex.load_triggers(f, t, lang, &conj)?;
            }
        }
        for (f, t) in self.of(FileKind::Receivers) {
            lex.load_receivers(f, t)?;
        }
        Ok(lex)
    }
}

/// Who claims each folded alias, in which language.
type Seen = HashMap<String, Vec<(String, Option<Lang>)>>;

const COUNTRY_COLUMNS: [&str; 8] = ["iso3", "name", "en", "fr", "en_adj", "fr_adj", "seats", "metonyms"];
const ORGANIZATION_COLUMNS: [&str; 8] = ["id", "name", "kind", "country", "role", "parent", "en", "fr"];
const PEOPLE_COLUMNS: [&str; 7] = ["id", "name", "country", "org", "role", "aliases", "terms"];

/// The rows of several tables keyed by column `key`: a row of a later file replaces the row of an
/// earlier one with the same key (keeping its place); the same key twice in one file is an error.
fn merged_rows<'t>(tables: &'t [Table<'t>], key: &str) -> Result<Vec<tsv::Row<'t>>> {
    let mut rows: Vec<tsv::Row<'t>> = Vec::new();
    let mut pos: HashMap<String, (usize, &str)> = HashMap::new();
    for table in tables {
        for row in table.rows() {
            let row = row?;
            let k = row.required(key)?.to_string();
            match pos.get(&k) {
                Some(&(_, file)) if file == row.file => {
                    return Err(row.error(key, &format!("repeats {k:?}, defined earlier in this file")));
                }
                Some(&(i, _)) => {
                    pos.insert(k, (i, row.file));
                    rows[i] = row;
                }
                None => {
                    pos.insert(k, (rows.len(), row.file));
                    rows.push(row);
                }
            }
        }
    }
    Ok(rows)
}

impl Lexicon {
    /// Reads a folder laid out like `data/` instead of the embedded files.
    pub fn from_dir(dir: &Path) -> Result<Lexicon> {
        let mut b = LexiconBuilder::default();
        for f in FILES {
            b.add_path(&dir.join(f))?;
        }
        b.build()
    }

    fn add_actor(&mut self, entry: ActorEntry, file: &str, line: usize) -> Result<usize> {
        if self.by_id.contains_key(entry.actor.id.as_str()) {
            return Err(Error::new(ErrorKind::Lexicon, format!("duplicate actor id `{}`", entry.actor.id))
                .at(file)
                .line(line));
        }
        let idx = self.actors.len();
        self.by_id.insert(entry.actor.id.to_string(), idx);
        self.actors.push(entry);
        Ok(idx)
    }

    fn add_name(&mut self, name: &str, actor: usize, kind: NameKind, lang: Option<Lang>, seen: &mut Seen) {
        let key = if is_all_caps(name) { name.to_string() } else { fold(name).replace('-', " ") };
        let id = self.actors[actor].actor.id.to_string();
        let claims = seen.entry(key).or_default();
        // two actors may share a name in different languages ("RSF"); otherwise, say so
        if let Some((other, _)) =
            claims.iter().find(|(o, l)| *o != id && (l.is_none() || lang.is_none() || *l == lang))
        {
            self.warnings.push(format!("alias {name:?} is claimed by both `{other}` and `{id}`"));
        }
        claims.push((id, lang));
        if kind == NameKind::Name {
            self.names.insert_name(name, NameHit { actor, kind, lang });
        } else {
            self.names.insert(name, NameHit { actor, kind, lang });
        }
    }

    fn load_country(&mut self, row: &tsv::Row<'_>, seen: &mut Seen) -> Result<()> {
        let iso = row.required("iso3")?;
        if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(row.error("iso3", "is not a 3-letter upper-case code"));
        }
        let name = row.required("name")?;
        let entry = ActorEntry {
            actor: Actor {
                id: iso.to_ascii_lowercase().into(),
                name: name.into(),
                kind: ActorKind::Country,
                country: Some(iso.into()),
                role: None,
                operates_in: None,
            },
            parent: None,
            org: None,
            terms: Vec::new(),
            roles: Vec::new(),
        };
        let idx = self.add_actor(entry, row.file, row.line)?;
        if let Some(adj) = row.list("en_adj").first() {
            self.demonyms.insert(iso.to_ascii_lowercase(), adj.to_string());
        }
        self.add_name(name, idx, NameKind::Name, None, seen);
        for (col, kind, lang) in [
            ("en", NameKind::Name, Some(Lang::En)),
            ("fr", NameKind::Name, Some(Lang::Fr)),
            ("en_adj", NameKind::Demonym, Some(Lang::En)),
            ("fr_adj", NameKind::Demonym, Some(Lang::Fr)),
            ("seats", NameKind::Seat, None),
            ("metonyms", NameKind::Metonym, None),
        ] {
            for alias in row.list(col) {
                self.add_name(alias, idx, kind, lang, seen);
            }
        }
        Ok(())
    }

    fn load_organization(&mut self, row: &tsv::Row<'_>, seen: &mut Seen) -> Result<()> {
        let kind = ActorKind::parse(row.required("kind")?)
            .filter(|k| matches!(k, ActorKind::Organization | ActorKind::Group))
            .ok_or_else(|| row.error("kind", "is not organization or group"))?;
        // an armed group has no state (the annotation guide's rule): the state the file gives is
        // where it operates
        let state = opt(row.get("country")).map(crate::model::Str::from);
        let (country, operates_in) = match kind {
            ActorKind::Group => (None, state),
            _ => (state, None),
        };
        let entry = ActorEntry {
            actor: Actor {
                id: row.required("id")?.into(),
                name: row.required("name")?.into(),
                kind,
                country,
                role: opt(row.get("role")).map(Into::into),
                operates_in,
            },
            parent: opt(row.get("parent")),
            org: None,
            terms: Vec::new(),
            roles: Vec::new(),
        };
        let name = entry.actor.name.clone();
        let idx = self.add_actor(entry, row.file, row.line)?;
        self.add_name(&name, idx, NameKind::Name, None, seen);
        for (col, lang) in [("en", Lang::En), ("fr", Lang::Fr)] {
            for alias in row.list(col) {
                self.add_name(alias, idx, NameKind::Name, Some(lang), seen);
            }
        }
        Ok(())
    }

    fn load_person(&mut self, row: &tsv::Row<'_>, seen: &mut Seen) -> Result<()> {
        let mut terms = Vec::new();
        for t in row.get("terms").split(';').map(str::trim).filter(|t| !t.is_empty()) {
            terms.push(parse_term(t).ok_or_else(|| row.error("terms", &format!("has a bad term {t:?}")))?);
        }
        let mut roles = Vec::new();
        for t in row.optional("roles").split(';').map(str::trim).filter(|t| !t.is_empty()) {
            let r =
                parse_role(t).map_err(|why| row.error("roles", &format!("has a bad role {t:?}: {why}")))?;
            if let Some(c) = &r.country {
                if self
                    .index_of(&c.to_ascii_lowercase())
                    .is_none_or(|i| self.actors[i].actor.kind != ActorKind::Country)
                {
                    return Err(row
                        .error("roles", &format!("has a bad role {t:?}: {c} is no state of countries.tsv")));
                }
            }
            roles.push(r);
        }
        let mut country = opt(row.get("country"));
        let mut role = opt(row.get("role"));
        // with dated roles, the `country` and `role` columns are the most recent one (or empty)
        if let Some(last) = most_recent(&roles) {
            if country.as_ref().is_some_and(|c| Some(c) != last.country.as_ref()) {
                return Err(row.error("country", "is not the country of the most recent of `roles`"));
            }
            if role.as_ref().is_some_and(|r| *r != last.role) {
                return Err(row.error("role", "is not the role of the most recent of `roles`"));
            }
            country = last.country.clone();
            role = Some(last.role.clone());
        }
        let entry = ActorEntry {
            actor: Actor {
                id: row.required("id")?.into(),
                name: row.required("name")?.into(),
                kind: ActorKind::Person,
                country: country.map(Into::into),
                role: role.map(Into::into),
                operates_in: None,
            },
            parent: None,
            org: opt(row.get("org")),
            terms,
            roles,
        };
        let name = entry.actor.name.clone();
        let idx = self.add_actor(entry, row.file, row.line)?;
        self.add_name(&name, idx, NameKind::Name, None, seen);
        for alias in row.list("aliases") {
            self.add_name(alias, idx, NameKind::Name, None, seen);
        }
        Ok(())
    }

    fn load_combining(&mut self, file: &str, text: &str, seen: &mut Seen) -> Result<()> {
        let table = Table::parse(file, text, &["lang", "form", "iso3"])?;
        for row in table.rows() {
            let row = row?;
            let lang =
                Lang::parse(row.required("lang")?).ok_or_else(|| row.error("lang", "is not en or fr"))?;
            let iso = row.required("iso3")?;
            let idx = self
                .index_of(&iso.to_ascii_lowercase())
                .ok_or_else(|| row.error("iso3", &format!("names no state: {iso:?}")))?;
            self.add_name(row.required("form")?, idx, NameKind::Demonym, Some(lang), seen);
        }
        Ok(())
    }

    fn load_roles(&mut self, file: &str, text: &str) -> Result<()> {
        let table = Table::parse(file, text, &["lang", "phrase", "office", "role"])?;
        for row in table.rows() {
            let row = row?;
            let lang =
                Lang::parse(row.required("lang")?).ok_or_else(|| row.error("lang", "is not en or fr"))?;
            let word = RoleWord {
                lang,
                office: opt(row.get("office")),
                role: row.required("role")?.to_string(),
                collective: opt(row.optional("collective")),
            };
            if word.collective.is_some() && word.office.is_some() {
                return Err(row.error("collective", "is set on an office: a collective is a body of people"));
            }
            for p in row.list("phrase") {
                self.roles.insert(p, word.clone());
            }
        }
        Ok(())
    }

    fn load_receivers(&mut self, file: &str, text: &str) -> Result<()> {
        let table = Table::parse(file, text, &["lang", "head", "case", "roots"])?;
        for row in table.rows() {
            let row = row?;
            let lang =
                Lang::parse(row.required("lang")?).ok_or_else(|| row.error("lang", "is not en or fr"))?;
            let roots: Vec<String> = row.list("roots").into_iter().map(str::to_string).collect();
            if roots.is_empty() {
                return Err(row.error("roots", "is empty"));
            }
            for r in &roots {
                if r.len() != 2 || self.cameo.get(r).is_none() {
                    return Err(row.error("roots", &format!("has {r:?}, not a CAMEO root")));
                }
            }
            self.receivers.push(Receiver {
                lang,
                head: fold(row.required("head")?),
                case: fold(row.required("case")?),
                roots,
            });
        }
        Ok(())
    }

    fn load_triggers(&mut self, file: &str, text: &str, lang: Lang, conj: &Conjugations) -> Result<()> {
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
                other => return Err(row.error("pos", &format!("is {other:?}, not verb, noun or expr"))),
            };
            let pattern = row.required("trigger")?;
            let mut raw: Vec<String> =
                tokenize(pattern, 0..pattern.len()).iter().map(|t| t.norm.to_string()).collect();
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
                let forms: FxMap<String, FormKind> = match (i, pos, lang) {
                    (0, Pos::Verb, Lang::Fr) => {
                        if !(w.ends_with("er") || w.ends_with("ir") || conj.fr.contains_key(w)) {
                            return Err(row.error("trigger", &format!("verb {w:?} is not in fr_verbs.tsv")));
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
                if !matches!(*f, "joint" | "weak" | "order") {
                    return Err(row.error("flags", &format!("has unknown flag {f:?}")));
                }
            }
            let idx = self.triggers.len();
            if let Some(TriggerWord::Forms(first)) = words.first() {
                for form in first.keys() {
                    self.trigger_index[lang as usize].entry(form.clone()).or_default().push(idx);
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
                order: flags.contains(&"order"),
                origin: format!("{file}:{}", row.line),
            });
        }
        Ok(())
    }

    /// A hash of the lexicon files (the embedded ones, and any analyst files).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The receiving frame for a noun trigger of root `root` attached to a word of lemma `head`
    /// (folded) by `case` (a folded preposition, or `obj`), if there is one.
    pub fn receiver(&self, lang: Lang, head: &str, case: &str, root: &str) -> Option<&Receiver> {
        self.receivers.iter().find(|r| {
            r.lang == lang
                && (r.head == "*" || r.head == head)
                && r.case == case
                && r.roots.iter().any(|x| x == root)
        })
    }

    /// The English demonym of a state, by its actor id ("syr" → "Syrian").
    pub fn demonym(&self, id: &str) -> Option<&str> {
        self.demonyms.get(id).map(String::as_str)
    }

    /// The one person whose name ends with this folded surname, if exactly one does ("kim" is no
    /// one). With a date, the one among them who held an office or a dated role that day, if
    /// exactly one did ("Prime Minister Bennett" in 2021 is Naftali Bennett, not a New Zealand
    /// minister of 2009): the large converted lexicons hold many namesakes of former officials.
    pub fn person_by_surname(&self, surname: &str, date: Option<&str>) -> Option<usize> {
        let all = self.surnames.get(surname).map_or(&[][..], Vec::as_slice);
        if let [one] = all {
            return Some(*one);
        }
        let day = date.map(|d| d.get(..10).unwrap_or(d))?;
        let in_office = |i: &usize| {
            let e = &self.actors[*i];
            e.roles.iter().any(|r| r.holds_on(day))
                || e.terms.iter().any(|t| {
                    t.from.as_deref().is_none_or(|f| f <= day) && t.until.as_deref().is_none_or(|u| day < u)
                })
        };
        let mut held = all.iter().filter(|i| in_office(i));
        match (held.next(), held.next()) {
            (Some(one), None) => Some(*one),
            _ => None,
        }
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
        self.trigger_index[lang as usize].get(form).map_or(&[], Vec::as_slice)
    }

    /// The longest actor name starting at token `i`.
    pub fn name_at(&self, doc: &str, tokens: &[Token], i: usize) -> Option<(usize, Vec<NameHit>)> {
        self.names.longest_at(doc, tokens, i).map(|(n, v)| (n, v.into_iter().copied().collect()))
    }

    /// The longest role phrase of `lang` starting at token `i`.
    pub fn role_at(&self, doc: &str, tokens: &[Token], i: usize, lang: Lang) -> Option<(usize, RoleWord)> {
        let (n, v) = self.roles.longest_at(doc, tokens, i)?;
        v.into_iter().find(|r| r.lang == lang).map(|r| (n, r.clone()))
    }

    /// The actor at an index as it was on `date`: a person with dated roles takes the country and
    /// role in force that day (the one that began last, if several), or with no date or outside
    /// all of them the most recent one.
    ///
    /// ```
    /// let lex = geokg::Lexicon::default();
    /// let i = lex.index_of("ahmed-al-sharaa").unwrap();
    /// let in_2016 = lex.actor_on(i, Some("2016-05-01"));
    /// assert_eq!((in_2016.country.as_deref(), in_2016.role.as_deref()), (None, Some("INS")));
    /// assert_eq!(lex.actor_on(i, Some("2025-03-01")).country.as_deref(), Some("SYR"));
    /// ```
    pub fn actor_on(&self, idx: usize, date: Option<&str>) -> Actor {
        let e = &self.actors[idx];
        let mut actor = e.actor.clone();
        if e.roles.is_empty() {
            return actor;
        }
        let day = date.map(|d| d.get(..10).unwrap_or(d));
        let held =
            day.and_then(|d| e.roles.iter().filter(|r| r.holds_on(d)).max_by(|a, b| a.from.cmp(&b.from)));
        if let Some(r) = held.or_else(|| most_recent(&e.roles)) {
            actor.country = r.country.as_deref().map(Into::into);
            actor.role = Some(r.role.as_str().into());
        }
        actor
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
                let rank = if t.until.is_none() { format!("~{from}") } else { from };
                if best.as_ref().is_none_or(|(_, r)| rank > *r) {
                    best = Some((i, rank));
                }
            }
        }
        best.map(|(i, _)| i)
    }
}

/// The role used when no dated role holds on the article's date, or without a date: the latest
/// start, then the latest end (an open end last).
fn most_recent(roles: &[DatedRole]) -> Option<&DatedRole> {
    roles.iter().max_by(|a, b| {
        let end = |r: &DatedRole| r.until.clone().unwrap_or_else(|| "~".into());
        (a.from.as_deref().unwrap_or(""), end(a)).cmp(&(b.from.as_deref().unwrap_or(""), end(b)))
    })
}

/// Forms to kinds; a form that is both finite and a participle once accents are folded
/// ("demande"/"demandé") is kept as finite: the event stage looks at the accent in the text.
fn plain_first(forms: std::collections::BTreeSet<(String, FormKind)>) -> FxMap<String, FormKind> {
    let mut out: FxMap<String, FormKind> = FxMap::default();
    for (f, k) in forms {
        out.entry(f).and_modify(|old| *old = (*old).min(k)).or_insert(k);
    }
    out
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// A date of a term or role: `YYYY-MM-DD`, or `YYYY` (the year's first day as a start, its last
/// as an end); an end may carry a final `?` ("still held on that day, the source says no more"),
/// read as ending there. Empty is `Some(None)`; a bad date is `None`.
fn term_date(d: &str, start: bool) -> Option<Option<String>> {
    let d = d.trim();
    let d = if start { d } else { d.strip_suffix('?').unwrap_or(d) };
    if d.is_empty() {
        return Some(None);
    }
    if d.len() == 4 && d.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Some(if start { format!("{d}-01-01") } else { format!("{d}-12-31") }));
    }
    crate::ingest::parse_iso_date(d).filter(|x| x.len() == d.len()).map(Some)
}

/// Parses `office@FROM..UNTIL` (dates `YYYY-MM-DD` or `YYYY`, either end may be empty; an end may
/// be `DATE?`).
fn parse_term(t: &str) -> Option<Term> {
    let (office, range) = t.split_once('@')?;
    let (from, until) = range.split_once("..")?;
    let office = office.trim();
    if office.is_empty() || !office.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    Some(Term { office: office.to_string(), from: term_date(from, true)?, until: term_date(until, false)? })
}

/// Parses a dated role `CODE@FROM..UNTIL`: CODE is a CAMEO role (`REB`, with no state) or a state
/// and a role (`SYRGOV`); the dates as in terms. The error says what is wrong.
fn parse_role(t: &str) -> std::result::Result<DatedRole, String> {
    let (code, range) = t.split_once('@').ok_or("no `@` before the dates")?;
    let (from, until) = range.split_once("..").ok_or("no `..` between the dates")?;
    let code = code.trim();
    if !(code.len() == 3 || code.len() == 6) || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("{code:?} is not a role (REB) or a state and a role (SYRGOV)"));
    }
    let (country, role) = if code.len() == 6 { (Some(&code[..3]), &code[3..]) } else { (None, code) };
    let from = term_date(from, true).ok_or_else(|| format!("bad start date {:?}", from.trim()))?;
    let until = term_date(until, false).ok_or_else(|| format!("bad end date {:?}", until.trim()))?;
    if let (Some(f), Some(u)) = (&from, &until) {
        if u < f {
            return Err("it ends before it starts".into());
        }
    }
    Ok(DatedRole { country: country.map(str::to_string), role: role.to_string(), from, until })
}

fn load_en_verbs(file: &str, text: &str, conj: &mut Conjugations) -> Result<()> {
    let table = Table::parse(file, text, &["lemma", "past", "participle"])?;
    for row in table.rows() {
        let row = row?;
        conj.en.insert(
            fold(row.required("lemma")?),
            EnVerb {
                past: row.required("past")?.split('|').map(|f| fold(f.trim())).collect(),
                participle: row.required("participle")?.split('|').map(|f| fold(f.trim())).collect(),
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
        assert_eq!(parse_term("president@2025..").unwrap().from.as_deref(), Some("2025-01-01"));
        assert_eq!(parse_term("president 2017"), None);
        assert_eq!(parse_term("president@2017-13-01.."), None);
        // an end known only as "still held then" ends there
        assert_eq!(parse_term("monarch@1999..2022?").unwrap().until.as_deref(), Some("2022-12-31"));
        assert_eq!(parse_term("monarch@1999?..2022"), None);
    }

    #[test]
    fn dated_roles_parse() {
        assert_eq!(
            parse_role("SYRGOV@2000-07-17..2014-01-30?"),
            Ok(DatedRole {
                country: Some("SYR".into()),
                role: "GOV".into(),
                from: Some("2000-07-17".into()),
                until: Some("2014-01-30".into())
            })
        );
        assert_eq!(
            parse_role("REB@2011..").unwrap(),
            DatedRole { country: None, role: "REB".into(), from: Some("2011-01-01".into()), until: None }
        );
        assert_eq!(parse_role("SYRGOV 2000").unwrap_err(), "no `@` before the dates");
        assert_eq!(parse_role("SYRGOV@2000").unwrap_err(), "no `..` between the dates");
        assert_eq!(
            parse_role("SyrGov@2000..").unwrap_err(),
            "\"SyrGov\" is not a role (REB) or a state and a role (SYRGOV)"
        );
        assert!(parse_role("SYRGOVMIL@2000..").unwrap_err().contains("not a role"));
        assert_eq!(parse_role("REB@2011-13-01..").unwrap_err(), "bad start date \"2011-13-01\"");
        assert_eq!(parse_role("REB@2011..11-01-01").unwrap_err(), "bad end date \"11-01-01\"");
        assert_eq!(parse_role("REB@2012..2011").unwrap_err(), "it ends before it starts");
    }

    /// A lexicon of the embedded files and one analyst people file.
    fn with_people(rows: &str) -> Result<Lexicon> {
        let mut b = LexiconBuilder::embedded();
        b.add_source(
            "analyst/people.tsv",
            &format!("id\tname\tcountry\torg\trole\taliases\tterms\troles\n{rows}"),
        )?;
        b.build()
    }

    #[test]
    fn the_article_date_chooses_the_role() {
        let lex = with_people(
            "jane-doe\tJane Doe\tSYR\t\tGOV\t\t\tSYRREB@2011-03-01..2013-01-01;REB@2013-01-01..2015-01-01;SYRGOV@2016-01-01..\n",
        )
        .unwrap();
        let i = lex.index_of("jane-doe").unwrap();
        let at = |d: Option<&str>| {
            let a = lex.actor_on(i, d);
            (a.country.map(|c| c.to_string()), a.role.map(|r| r.to_string()))
        };
        let rebel_2012 = (Some("SYR".to_string()), Some("REB".to_string()));
        let stateless_2014 = (None, Some("REB".to_string()));
        let government_2016 = (Some("SYR".to_string()), Some("GOV".to_string()));
        assert_eq!(at(Some("2012-06-01")), rebel_2012);
        assert_eq!(at(Some("2014-06-01T10:00:00Z")), stateless_2014);
        assert_eq!(at(Some("2016-06-01")), government_2016);
        // no date, and a date outside every role: the most recent role
        assert_eq!(at(None), government_2016);
        assert_eq!(at(Some("2005-01-01")), government_2016);
        assert_eq!(at(Some("2015-06-01")), government_2016);
        // a person without dated roles is their row, whatever the date
        let putin = lex.index_of("vladimir-putin").unwrap();
        assert_eq!(lex.actor_on(putin, Some("1990-01-01")), lex.entry(putin).actor);
    }

    #[test]
    fn the_most_recent_role_fills_the_columns_and_must_agree_with_them() {
        let lex = with_people("jane-doe\tJane Doe\t\t\t\t\t\tSYRREB@2011..2013;OPP@2013..\n").unwrap();
        let a = lex.actor("jane-doe").unwrap();
        assert_eq!((a.country.as_deref(), a.role.as_deref()), (None, Some("OPP")));
        let e =
            with_people("jane-doe\tJane Doe\tSYR\t\tREB\t\t\tSYRREB@2011..2013;SYRGOV@2013..\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "analyst/people.tsv:2: field `role` is not the role of the most recent of `roles`"
        );
    }

    #[test]
    fn bad_roles_name_file_line_and_field() {
        let e = with_people("jane-doe\tJane Doe\t\t\t\t\t\tSYRREB@2011-13-01..\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "analyst/people.tsv:2: field `roles` has a bad role \"SYRREB@2011-13-01..\": bad start date \"2011-13-01\""
        );
        let e = with_people("jane-doe\tJane Doe\t\t\t\t\t\tXYZGOV@2011..\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "analyst/people.tsv:2: field `roles` has a bad role \"XYZGOV@2011..\": XYZ is no state of countries.tsv"
        );
        // a people file without the `roles` column still loads
        let mut b = LexiconBuilder::embedded();
        b.add_source(
            "old.tsv",
            "id\tname\tcountry\torg\trole\taliases\tterms\njane-doe\tJane Doe\tFRA\t\tGOV\t\t\n",
        )
        .unwrap();
        assert!(b.build().unwrap().entry(0).roles.is_empty());
    }

    #[test]
    fn a_surname_with_a_title_is_the_one_in_office_that_day() {
        let lex = with_people(
            "ann-smithers\tAnn Smithers\tGBR\t\tGOV\t\tprime_minister@2030..2032\t\n\
             bob-smithers\tBob Smithers\tNZL\t\tGOV\t\t\tNZLGOV@2001..2005\n",
        )
        .unwrap();
        let ann = lex.index_of("ann-smithers");
        assert_eq!(lex.person_by_surname("smithers", Some("2031-01-01")), ann);
        assert_eq!(lex.person_by_surname("smithers", Some("2003-01-01")), lex.index_of("bob-smithers"));
        assert_eq!(lex.person_by_surname("smithers", Some("2020-01-01")), None);
        assert_eq!(lex.person_by_surname("smithers", None), None);
    }

    #[test]
    fn proper_names_need_a_capital_in_the_text() {
        let mut idx = PhraseIndex::default();
        idx.insert_name("Shared Interest", 1);
        idx.insert_name("marine américaine", 2);
        let hit = |doc: &str| {
            let toks = tokenize(doc, 0..doc.len());
            idx.longest_at(doc, &toks, 0).map(|(_, v)| *v[0])
        };
        assert_eq!(hit("Shared Interest said"), Some(1));
        assert_eq!(hit("shared Interest"), Some(1));
        assert_eq!(hit("shared interest"), None);
        // a name the lexicon writes in lower case matches in lower case
        assert_eq!(hit("marine américaine"), Some(2));
    }
}
