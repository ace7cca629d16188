//! Stage 3: syntax. Each sentence becomes a list of syntactic words (Universal Dependencies
//! style: French `du` = `de le`, English `don't` = `do n't`), each with its byte span, part of
//! speech (UPOS), lemma, morphological features and a labelled head: the one shared view of a
//! sentence that the later stages read.
//!
//! The models are trained here, on the Universal Dependencies treebanks, by `geokg train-syntax`
//! (see `data/syntax/README.md`): an averaged-perceptron tagger ([`tagger`]), lemma and feature
//! tables ([`morph`]) and an arc-hybrid dependency parser trained with a dynamic oracle
//! ([`parser`]). They are embedded in the binary; [`Model::load`] reads one from a file.

pub mod conllu;
pub mod morph;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod train;
pub mod words;

use crate::error::{Error, ErrorKind, Result};
use crate::model::Str;
use perceptron::{hash_str, mix, Weights};
use std::path::Path;

/// One syntactic word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the word's first byte in the document (for a word of a contraction such
    /// as `du`, the span of the whole contraction).
    pub start: usize,
    /// Byte offset one past the word's last byte.
    pub end: usize,
    /// The word form (`de`, `le` for `du`).
    pub form: Str,
    /// The lemma.
    pub lemma: Str,
    /// The universal part of speech (`NOUN`, `VERB`, `PROPN`, ...).
    pub upos: Str,
    /// The morphological features, UD style (`Mood=Ind|Number=Sing|...`), or `_`.
    pub feats: Str,
    /// The head: `None` for the root of the sentence, else the index of the head word.
    pub head: Option<usize>,
    /// The dependency relation to the head, with its subtype (`nsubj`, `obl:agent`, ...).
    pub deprel: Str,
    /// The index of the segment token the word comes from.
    pub token: usize,
}

impl Word {
    /// The value of a morphological feature (`word.feat("VerbForm") == Some("Part")`).
    pub fn feat(&self, name: &str) -> Option<&str> {
        self.feats.split('|').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
    }

    /// The relation without its subtype (`obl` for `obl:agent`).
    pub fn rel(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }
}

/// The parse of one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parse {
    /// The syntactic words, in order.
    pub words: Vec<Word>,
}

impl Parse {
    /// The dependents of word `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().filter(move |(_, w)| w.head == Some(i)).map(|(k, _)| k)
    }

    /// The first dependent of word `i` whose relation is `rel` (`nsubj` also finds `nsubj:pass`
    /// unless the subtype is asked for).
    pub fn child(&self, i: usize, rel: &str) -> Option<usize> {
        self.children(i).find(|&c| self.words[c].deprel == rel || self.words[c].rel() == rel)
    }

    /// The words that come from the segment tokens `start..end`.
    pub fn words_in(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().filter(move |(_, w)| w.token >= start && w.token < end).map(|(k, _)| k)
    }

    /// The head word of the words of tokens `start..end`: the first whose head lies outside them.
    pub fn span_head(&self, start: usize, end: usize) -> Option<usize> {
        let inside =
            |h: Option<usize>| h.is_some_and(|h| self.words[h].token >= start && self.words[h].token < end);
        self.words_in(start, end).find(|&k| !inside(self.words[k].head))
    }

    /// The preposition marking word `i` (its `case` dependent), lower-cased: `par`, `by`, `de`
    /// (also for the `de` of `du`), `against`...; multi-word prepositions give their first word.
    pub fn case_of(&self, i: usize) -> Option<String> {
        self.children(i)
            .find(|&c| self.words[c].rel() == "case")
            .map(|c| self.words[c].form.as_str().to_lowercase())
    }

    /// True when word `i` is a passive verb: a passive subject or auxiliary depends on it. (The
    /// `Voice` feature comes from a table, blind to context: "condemned" is no evidence.)
    pub fn is_passive(&self, i: usize) -> bool {
        self.children(i)
            .any(|c| matches!(self.words[c].deprel.as_str(), "nsubj:pass" | "aux:pass" | "csubj:pass"))
    }

    /// True when word `c` is a passive agent or an agent complement: `obl:agent`, or an oblique
    /// or noun complement marked `par`/`by` ("rejetée par l'Ukraine", "attacks by Iran").
    pub fn is_agent(&self, c: usize) -> bool {
        let w = &self.words[c];
        w.deprel == "obl:agent"
            || (matches!(w.rel(), "obl" | "nmod") && self.case_of(c).is_some_and(|p| p == "par" || p == "by"))
    }

    /// The agent of word `v` (see [`Parse::is_agent`]).
    pub fn agent(&self, v: usize) -> Option<usize> {
        self.children(v).find(|&c| self.is_agent(c))
    }

    /// True when word `i` is a relative pronoun (`qui`, `who`, `which`, `that` opening a relative
    /// clause).
    pub fn is_relative(&self, i: usize) -> bool {
        self.words[i].feat("PronType") == Some("Rel")
    }

    /// The subject of verb `i`, through the constructions where it is not its own dependent: a
    /// verb coordinated with an earlier one shares its subject ("parle d'un montage et exige");
    /// an infinitive under a control verb takes the controller ("agreed to undertake"; "a
    /// chargé X de remettre": the object); a relative clause's subject pronoun stands for the
    /// noun it qualifies. A participle qualifying a noun ("les rebelles soutenus par") returns
    /// that noun. `None` when there is no subject in the sentence.
    pub fn subject(&self, i: usize) -> Option<usize> {
        let mut v = i;
        for _ in 0..6 {
            if let Some(s) = self.child(v, "nsubj").or_else(|| self.child(v, "expl")) {
                if self.is_relative(s) {
                    return self.antecedent(v);
                }
                return Some(s);
            }
            let w = &self.words[v];
            let head = w.head?;
            match w.rel() {
                "conj" => v = head,
                "xcomp" => {
                    if let Some(o) = self.child(head, "obj").or_else(|| self.child(head, "iobj")) {
                        return Some(o);
                    }
                    v = head;
                }
                "acl" => return Some(head),
                _ => return None,
            }
        }
        None
    }

    /// The noun a relative clause headed by verb `v` qualifies.
    pub fn antecedent(&self, v: usize) -> Option<usize> {
        let w = &self.words[v];
        (w.rel() == "acl").then_some(w.head).flatten()
    }

    /// The dependents of `i` joined to it by coordination (`X, Y et Z`: Y and Z for X).
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        self.children(i).filter(|&c| self.words[c].rel() == "conj").collect()
    }
}

/// A small deterministic random number generator (xorshift64*), so that training gives the
/// same model on every run.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(mix(seed, 0x2545_f491_4f6c_dd1d) | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Shuffles a slice (Fisher-Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// A trained model for one language: tagger, morphology, parser and contraction splitter.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The language code (`fr`, `en`).
    pub lang: String,
    /// Where the model comes from (treebanks, command, date): printed by `geokg parse --about`.
    pub provenance: String,
    /// The part-of-speech tags, indexed by the tagger's classes.
    pub tags: Vec<String>,
    /// The dependency labels, indexed by the parser's label numbers.
    pub labels: Vec<String>,
    tagger: Weights,
    parser: Weights,
    morph: morph::Morph,
    splitter: words::Splitter,
}

const MAGIC: &[u8; 8] = b"GKSYN\x00\x01\x00";

/// The features of a word that the parser reads through its morphology.
const PARSER_FEATS: &[&str] = &["VerbForm", "Mood", "Person", "Number", "PronType", "Case"];

/// One word's analysis before parsing: tag, lemma, features.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// The part of speech.
    pub upos: String,
    /// The lemma.
    pub lemma: String,
    /// The morphological features or `_`.
    pub feats: String,
}

/// The first incise between an auxiliary and its participle: the positions of its opening and
/// closing commas, with at least one word and at most eight between them, none of them a verb or
/// an auxiliary ("a, de plus, exigé").
fn aux_incise(forms: &[&str], tagged: &[Tagged]) -> Option<(usize, usize)> {
    (0..forms.len().saturating_sub(3)).find_map(|a| {
        if tagged[a].upos != "AUX" || forms[a + 1] != "," {
            return None;
        }
        let open = a + 1;
        let close = (open + 2..forms.len().min(open + 10)).find(|&k| forms[k] == ",")?;
        let participle = tagged.get(close + 1)?;
        let inside_clean =
            tagged[open + 1..close].iter().all(|t| !matches!(t.upos.as_str(), "VERB" | "AUX" | "PUNCT"));
        (participle.upos == "VERB" && participle.feats.contains("VerbForm=Part") && inside_clean)
            .then_some((open, close))
    })
}

/// The parse of one word: the tagged word with its head (0 = root, else 1-based) and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Tag, lemma and features.
    pub tagged: Tagged,
    /// The head, 0 for the root.
    pub head: usize,
    /// The relation.
    pub deprel: String,
}

impl Model {
    /// Tags words: part of speech, lemma and features.
    pub fn tag(&self, forms: &[&str]) -> Vec<Tagged> {
        let keys: Vec<tagger::WordKeys> = forms.iter().map(|f| tagger::WordKeys::new(f)).collect();
        tagger::tag(&self.tagger, &keys)
            .into_iter()
            .zip(forms)
            .map(|(t, form)| {
                let upos = self.tags[t].clone();
                let (lemma, feats) = self.morph.analyse(form, &upos);
                Tagged { upos, lemma, feats }
            })
            .collect()
    }

    /// Tags and parses words. An incise between an auxiliary and its participle ("a, ce mercredi
    /// 22 février, menacé", "has, on Tuesday, condemned") is parsed apart and attached to the
    /// participle: the parser, trained on treebanks where it is rare, would otherwise break the
    /// clause around it.
    pub fn parse(&self, forms: &[&str]) -> Vec<Parsed> {
        let tagged = self.tag(forms);
        let (heads, labels) = self.parse_tagged(forms, &tagged);
        heads
            .into_iter()
            .zip(labels)
            .zip(tagged)
            .map(|((head, deprel), tagged)| Parsed { tagged, head, deprel })
            .collect()
    }

    /// Heads (0 = root, else 1-based) and labels of tagged words, incises parsed apart.
    fn parse_tagged(&self, forms: &[&str], tagged: &[Tagged]) -> (Vec<usize>, Vec<String>) {
        let n = forms.len();
        if let Some((open, close)) = aux_incise(forms, tagged) {
            // the clause without the incise, then the incise alone
            let outer: Vec<usize> = (0..n).filter(|&k| k < open || k > close).collect();
            let inner: Vec<usize> = (open + 1..close).collect();
            let sub = |idx: &[usize]| {
                let f: Vec<&str> = idx.iter().map(|&k| forms[k]).collect();
                let t: Vec<Tagged> = idx.iter().map(|&k| tagged[k].clone()).collect();
                self.parse_tagged(&f, &t)
            };
            let (oh, ol) = sub(&outer);
            let (ih, il) = sub(&inner);
            let mut heads = vec![0; n];
            let mut labels = vec![String::new(); n];
            for (j, &k) in outer.iter().enumerate() {
                heads[k] = if oh[j] == 0 { 0 } else { outer[oh[j] - 1] + 1 };
                labels[k] = ol[j].clone();
            }
            let participle = close + 1;
            let mut root = inner[0];
            for (j, &k) in inner.iter().enumerate() {
                if ih[j] == 0 {
                    root = k;
                    heads[k] = participle + 1;
                    labels[k] = match tagged[k].upos.as_str() {
                        "ADV" => "advmod",
                        "NOUN" | "PROPN" | "NUM" | "PRON" => "obl",
                        "VERB" => "advcl",
                        _ => "dep",
                    }
                    .to_string();
                } else {
                    heads[k] = inner[ih[j] - 1] + 1;
                    labels[k] = il[j].clone();
                }
            }
            for k in [open, close] {
                heads[k] = root + 1;
                labels[k] = "punct".to_string();
            }
            return (heads, labels);
        }
        let pw: Vec<parser::ParseWord> =
            forms.iter().zip(tagged).map(|(f, t)| parse_word(&self.tags, f, &t.upos, &t.feats)).collect();
        parser::parse(&self.parser, self.labels.len(), &pw)
            .into_iter()
            .map(|(head, label)| (head, self.labels[label].clone()))
            .unzip()
    }

    /// The model in its file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let header = serde_json::json!({
            "lang": self.lang, "provenance": self.provenance, "tags": self.tags, "labels": self.labels,
        })
        .to_string();
        for block in [header, self.morph.to_text()] {
            out.extend_from_slice(&(block.len() as u32).to_le_bytes());
            out.extend_from_slice(block.as_bytes());
        }
        self.tagger.write(&mut out);
        self.parser.write(&mut out);
        self.splitter.write(&mut out);
        out
    }

    /// Reads a model from its file format.
    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<Model, String> {
        let mut input = bytes;
        if perceptron::take(&mut input, MAGIC.len())? != MAGIC {
            return Err("not a geokg syntax model (or a model of another version)".into());
        }
        let mut block = || -> std::result::Result<String, String> {
            let n = perceptron::read_u32(&mut input)? as usize;
            String::from_utf8(perceptron::take(&mut input, n)?.to_vec())
                .map_err(|_| "a block is not UTF-8".into())
        };
        let header: serde_json::Value = serde_json::from_str(&block()?).map_err(|e| e.to_string())?;
        let morph = morph::Morph::from_text(&block()?)?;
        let strings = |k: &str| -> std::result::Result<Vec<String>, String> {
            header[k]
                .as_array()
                .ok_or(format!("the header has no {k}"))?
                .iter()
                .map(|v| v.as_str().map(str::to_string).ok_or(format!("bad {k}")))
                .collect()
        };
        let tags = strings("tags")?;
        let labels = strings("labels")?;
        let tagger = Weights::read(&mut input)?;
        let parser = Weights::read(&mut input)?;
        let splitter = words::Splitter::read(&mut input)?;
        if tagger.classes() != tags.len() || parser.classes() != 1 + 2 * labels.len() {
            return Err("the weights do not fit the tag and label lists".into());
        }
        if !input.is_empty() {
            return Err(format!("{} bytes after the model", input.len()));
        }
        Ok(Model {
            lang: header["lang"].as_str().unwrap_or("").to_string(),
            provenance: header["provenance"].as_str().unwrap_or("").to_string(),
            tags,
            labels,
            tagger,
            parser,
            morph,
            splitter,
        })
    }

    /// Reads a model file; the error names the file.
    pub fn load(path: &Path) -> Result<Model> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        Model::from_bytes(&bytes).map_err(|m| Error::new(ErrorKind::Syntax, m).at(path))
    }

    /// The model shipped in the binary for `lang` (`fr` or `en`).
    pub fn embedded(lang: &str) -> Option<&'static Model> {
        static FR: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        static EN: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        let (cell, bytes): (&std::sync::OnceLock<Model>, &[u8]) = match lang {
            "fr" => (&FR, include_bytes!("../../data/syntax/fr.gksyn")),
            "en" => (&EN, include_bytes!("../../data/syntax/en.gksyn")),
            _ => return None,
        };
        Some(
            cell.get_or_init(|| {
                Model::from_bytes(bytes).expect("the embedded syntax model is valid (tested)")
            }),
        )
    }

    /// The same model with the parser's weights below `min` (in units of one
    /// perceptron update) dropped: a smaller file, a faster parser.
    pub fn pruned(&self, min: f64) -> Model {
        Model { parser: self.parser.pruned(min), ..self.clone() }
    }

    /// The number of features and weights of the tagger and the parser.
    pub fn sizes(&self) -> [(usize, usize); 2] {
        [(self.tagger.features(), self.tagger.weights()), (self.parser.features(), self.parser.weights())]
    }

    /// Splits contractions of a token into syntactic words, given the token before and after.
    pub fn split<'a>(
        &self,
        token: &'a str,
        prev: Option<&str>,
        next: Option<&str>,
    ) -> Vec<(&'a str, String)> {
        self.splitter.split(&self.lang, token, prev, next)
    }
}

/// What the parser reads of a word.
fn parse_word(tags: &[String], form: &str, upos: &str, feats: &str) -> parser::ParseWord {
    let lower = form.to_lowercase();
    let n = lower.chars().count();
    let suffix = lower.char_indices().nth(n.saturating_sub(3)).map_or("", |(b, _)| &lower[b..]);
    let mut morph = 0x6d0u64;
    for kv in feats.split('|') {
        if PARSER_FEATS.iter().any(|f| kv.split('=').next() == Some(f)) {
            morph = mix(morph, hash_str(kv));
        }
    }
    let tag = tags.iter().position(|t| t == upos).unwrap_or(tags.len());
    parser::ParseWord {
        word: hash_str(&lower),
        tag: parser::tag_hash(tag),
        suffix: mix(hash_str(suffix), 3),
        morph,
        punct: upos == "PUNCT",
    }
}

/// French clitic pronouns written after a hyphen (`a-t-il`, `dit-elle`): words of their own.
const FR_HYPHEN_CLITICS: &[&str] = &[
    "t", "il", "elle", "on", "ils", "elles", "je", "tu", "nous", "vous", "ce", "y", "en", "le", "la", "les",
    "lui", "leur", "moi", "toi",
];

/// A syntactic word before tagging: its span, form and token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawWord {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The form.
    pub form: String,
    /// The index of the segment token the word starts in.
    pub token: usize,
    /// For the words of a contraction, the span of the whole contraction and the number of
    /// words it makes (on its first word only).
    pub contraction: Option<usize>,
}

/// The syntactic words of a sentence: hyphenated words joined back (`Tel-Aviv`, but French
/// clitics apart: `a` `-t-il`), contractions split (`du` → `de` `le`).
pub fn words_of(model: &Model, text: &str, sentence: &crate::segment::Sentence) -> Vec<RawWord> {
    let toks = &sentence.tokens;
    let mut out = Vec::with_capacity(toks.len() + 4);
    let mut i = 0;
    while i < toks.len() {
        let first = i;
        let mut end = toks[i].end;
        i += 1;
        while i < toks.len() && toks[i].glued {
            let part = toks[i].text(text);
            if model.lang == "fr" && FR_HYPHEN_CLITICS.contains(&part.to_lowercase().as_str()) {
                break;
            }
            end = toks[i].end;
            i += 1;
        }
        let tok = &toks[first];
        if tok.glued {
            // a clitic after a hyphen: "-il", "-t-il"
            let mut form = String::from("-");
            form.push_str(&text[tok.start..end]);
            out.push(RawWord { start: tok.start, end, form, token: first, contraction: None });
            continue;
        }
        let surface = &text[tok.start..end];
        let prev = first.checked_sub(1).map(|k| toks[k].text(text));
        let next = toks.get(i).map(|t| t.text(text));
        let parts = if end == tok.end {
            model.split(surface, prev, next)
        } else {
            vec![(surface, surface.to_string())]
        };
        let n = parts.len();
        for (k, (slice, form)) in parts.into_iter().enumerate() {
            // a slice of the surface keeps its own span; a rewritten word (de, le) the whole token's
            let off = slice.as_ptr() as usize - surface.as_ptr() as usize;
            let (start, stop) = if n > 1 && slice.len() < surface.len() {
                (tok.start + off, tok.start + off + slice.len())
            } else {
                (tok.start, end)
            };
            let contraction = (n > 1 && k == 0 && slice.len() == surface.len()).then_some(n);
            out.push(RawWord { start, end: stop, form, token: first, contraction });
        }
    }
    out
}

/// Parses one sentence of a document.
pub fn parse_sentence(model: &Model, text: &str, sentence: &crate::segment::Sentence) -> Parse {
    let raw = words_of(model, text, sentence);
    let forms: Vec<&str> = raw.iter().map(|w| w.form.as_str()).collect();
    let parsed = model.parse(&forms);
    let words = raw
        .into_iter()
        .zip(parsed)
        .map(|(r, p)| Word {
            start: r.start,
            end: r.end,
            form: Str::from(r.form),
            lemma: Str::from(p.tagged.lemma),
            upos: Str::from(p.tagged.upos),
            feats: Str::from(p.tagged.feats),
            head: p.head.checked_sub(1),
            deprel: Str::from(p.deprel),
            token: r.token,
        })
        .collect();
    Parse { words }
}

/// Writes the parse of a sentence as CoNLL-U, with the byte span of each word in MISC
/// (`TokenRange=start:end`, as UDPipe writes it) and contractions as multiword-token lines.
pub fn write_conllu(
    sent_id: &str,
    text: &str,
    sentence: &crate::segment::Sentence,
    parse: &Parse,
    out: &mut String,
) {
    use std::fmt::Write as _;
    let clean = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let _ = writeln!(out, "# sent_id = {sent_id}");
    let _ = writeln!(out, "# text = {}", clean(sentence.text(text)));
    let mut k = 0;
    while k < parse.words.len() {
        let w = &parse.words[k];
        // a contraction: the words sharing one token's whole span
        let mut n = 1;
        while k + n < parse.words.len()
            && parse.words[k + n].start == w.start
            && parse.words[k + n].end == w.end
            && parse.words[k + n].token == w.token
        {
            n += 1;
        }
        if n > 1 {
            let _ = writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\tTokenRange={}:{}",
                k + 1,
                k + n,
                clean(&text[w.start..w.end]),
                w.start,
                w.end
            );
        }
        for j in k..k + n {
            let w = &parse.words[j];
            let head = w.head.map_or(0, |h| h + 1);
            let range = if n > 1 { String::from("_") } else { format!("TokenRange={}:{}", w.start, w.end) };
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t_\t{}\t{}\t{}\t_\t{}",
                j + 1,
                clean(&w.form),
                clean(&w.lemma),
                w.upos,
                w.feats,
                head,
                w.deprel,
                range
            );
        }
        k += n;
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A parse from (form, upos, head (1-based, 0 = root), deprel) rows.
    fn tree(rows: &[(&str, &str, usize, &str)]) -> Parse {
        let words = rows
            .iter()
            .enumerate()
            .map(|(i, &(form, upos, head, deprel))| Word {
                start: 0,
                end: 0,
                form: form.into(),
                lemma: form.into(),
                upos: upos.into(),
                feats: if form == "qui" { "PronType=Rel".into() } else { "_".into() },
                head: head.checked_sub(1),
                deprel: deprel.into(),
                token: i,
            })
            .collect();
        Parse { words }
    }

    #[test]
    fn subjects_through_coordination_control_and_relatives() {
        // La Corée parle d'un montage et exige des excuses
        let p = tree(&[
            ("La", "DET", 2, "det"),
            ("Corée", "PROPN", 3, "nsubj"),
            ("parle", "VERB", 0, "root"),
            ("montage", "NOUN", 3, "obl"),
            ("et", "CCONJ", 6, "cc"),
            ("exige", "VERB", 3, "conj"),
            ("excuses", "NOUN", 6, "obj"),
        ]);
        assert_eq!(p.subject(5), Some(1));
        assert_eq!(p.child(5, "obj"), Some(6));
        // Iran agreed to undertake talks
        let p = tree(&[
            ("Iran", "PROPN", 2, "nsubj"),
            ("agreed", "VERB", 0, "root"),
            ("to", "PART", 4, "mark"),
            ("undertake", "VERB", 2, "xcomp"),
        ]);
        assert_eq!(p.subject(3), Some(0));
        // Paris a chargé Le Drian de négocier: the object controls
        let p = tree(&[
            ("Paris", "PROPN", 3, "nsubj"),
            ("a", "AUX", 3, "aux"),
            ("chargé", "VERB", 0, "root"),
            ("Drian", "PROPN", 3, "obj"),
            ("de", "ADP", 6, "mark"),
            ("négocier", "VERB", 3, "xcomp"),
        ]);
        assert_eq!(p.subject(5), Some(3));
        // l'armée qui combat Daech
        let p = tree(&[
            ("armée", "NOUN", 0, "root"),
            ("qui", "PRON", 3, "nsubj"),
            ("combat", "VERB", 1, "acl:relcl"),
            ("Daech", "PROPN", 3, "obj"),
        ]);
        assert_eq!(p.subject(2), Some(0));
    }

    #[test]
    fn passive_voice_and_prepositions() {
        // rejetée par l'Ukraine
        let p = tree(&[
            ("proposition", "NOUN", 3, "nsubj:pass"),
            ("a", "AUX", 3, "aux:pass"),
            ("rejetée", "VERB", 0, "root"),
            ("par", "ADP", 5, "case"),
            ("Ukraine", "PROPN", 3, "obl:agent"),
        ]);
        assert!(p.is_passive(2));
        assert_eq!(p.case_of(4).as_deref(), Some("par"));
        assert_eq!(p.child(2, "obl:agent"), Some(4));
        assert_eq!(p.subject(2), Some(0));
        assert_eq!(p.span_head(3, 5), Some(4));
    }
}
