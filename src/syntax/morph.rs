//! Lemmas and morphological features, learned from the treebank as tables: for a word form and
//! its part of speech, the analysis seen most often in training; for an unseen form, the one
//! seen most often with its longest known suffix (up to five characters) and part of speech.
//! A lemma is stored as an edit of the form (strip so many characters, append a string), so a
//! suffix rule carries over to new words: `négocient` → strip 2, append `r` → `négocier`.

use rustc_hash::FxHashMap;

/// How to get a lemma from a form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Edit {
    /// Lower-case the form first.
    lower: bool,
    /// Characters removed from the end.
    strip: u8,
    /// Appended after stripping.
    append: String,
}

impl Edit {
    fn between(form: &str, lemma: &str) -> Option<Edit> {
        let lowered = form.to_lowercase();
        for (lower, base) in [(false, form), (true, lowered.as_str())] {
            let common = base.chars().zip(lemma.chars()).take_while(|(a, b)| a == b).count();
            let strip = base.chars().count() - common;
            if strip <= 12 {
                let append: String = lemma.chars().skip(common).collect();
                if !lower || base != form || strip > 0 || !append.is_empty() {
                    return Some(Edit { lower, strip: strip as u8, append });
                }
            }
        }
        None
    }

    fn apply(&self, form: &str) -> String {
        let base = if self.lower { form.to_lowercase() } else { form.to_string() };
        let keep = base.chars().count().saturating_sub(self.strip as usize);
        let mut out: String = base.chars().take(keep).collect();
        out.push_str(&self.append);
        out
    }

    fn encode(&self) -> String {
        format!("{}{}:{}", if self.lower { 'l' } else { 'k' }, self.strip, self.append)
    }

    fn decode(s: &str) -> Option<Edit> {
        let lower = match s.chars().next()? {
            'l' => true,
            'k' => false,
            _ => return None,
        };
        let (strip, append) = s[1..].split_once(':')?;
        Some(Edit { lower, strip: strip.parse().ok()?, append: append.to_string() })
    }
}

/// A word's analysis.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Analysis {
    edit: Edit,
    feats: String,
}

/// The lemma and feature tables of one language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Morph {
    forms: FxHashMap<(String, String), Analysis>,
    suffixes: FxHashMap<(String, String), Analysis>,
}

const MAX_SUFFIX: usize = 5;

fn suffix(lower: &str, k: usize) -> Option<&str> {
    let n = lower.chars().count();
    (n > k).then(|| {
        let start = lower.char_indices().nth(n - k).map_or(0, |(b, _)| b);
        &lower[start..]
    })
}

impl Morph {
    /// Learns the tables from (form, upos, lemma, feats) rows.
    pub fn learn<'a>(rows: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str)>) -> Morph {
        type Counts = FxHashMap<(String, String), FxHashMap<Analysis, u32>>;
        let mut forms: Counts = FxHashMap::default();
        let mut suffixes: Counts = FxHashMap::default();
        for (form, upos, lemma, feats) in rows {
            let Some(edit) = Edit::between(form, lemma) else { continue };
            let a = Analysis { edit, feats: feats.to_string() };
            let lower = form.to_lowercase();
            *forms.entry((lower.clone(), upos.to_string())).or_default().entry(a.clone()).or_default() += 1;
            for k in 1..=MAX_SUFFIX {
                if let Some(s) = suffix(&lower, k) {
                    *suffixes
                        .entry((s.to_string(), upos.to_string()))
                        .or_default()
                        .entry(a.clone())
                        .or_default() += 1;
                }
            }
        }
        let best = |m: FxHashMap<Analysis, u32>, min: u32| -> Option<Analysis> {
            let total: u32 = m.values().sum();
            let mut v: Vec<(Analysis, u32)> = m.into_iter().collect();
            // most frequent; ties broken by the encoded form, so training is deterministic
            v.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then_with(|| (a.0.edit.encode(), &a.0.feats).cmp(&(b.0.edit.encode(), &b.0.feats)))
            });
            let (a, _) = v.into_iter().next()?;
            (total >= min).then_some(a)
        };
        Morph {
            forms: forms.into_iter().filter_map(|(k, m)| best(m, 1).map(|a| (k, a))).collect(),
            suffixes: suffixes.into_iter().filter_map(|(k, m)| best(m, 3).map(|a| (k, a))).collect(),
        }
    }

    /// The lemma and features (`_` when none) of `form` tagged `upos`.
    pub fn analyse(&self, form: &str, upos: &str) -> (String, String) {
        let lower = form.to_lowercase();
        let key = |s: &str| (s.to_string(), upos.to_string());
        let found = self.forms.get(&key(&lower)).or_else(|| {
            (1..=MAX_SUFFIX).rev().find_map(|k| suffix(&lower, k).and_then(|s| self.suffixes.get(&key(s))))
        });
        match found {
            Some(a) => {
                let mut lemma = a.edit.apply(form);
                if lemma.is_empty() {
                    lemma = lower;
                }
                (lemma, a.feats.clone())
            }
            None if upos == "PROPN" => (form.to_string(), "_".to_string()),
            None => (lower, "_".to_string()),
        }
    }

    /// The tables as text: one `F` (form) or `S` (suffix) line each.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<String> = Vec::with_capacity(self.forms.len() + self.suffixes.len());
        for (kind, table) in [("F", &self.forms), ("S", &self.suffixes)] {
            for ((s, upos), a) in table {
                lines.push(format!("{kind}\t{s}\t{upos}\t{}\t{}", a.edit.encode(), a.feats));
            }
        }
        lines.sort();
        lines.join("\n")
    }

    /// Reads tables written by [`Morph::to_text`].
    pub fn from_text(text: &str) -> Result<Morph, String> {
        let mut m = Morph::default();
        for (n, line) in text.lines().enumerate() {
            let f: Vec<&str> = line.split('\t').collect();
            let bad = || format!("morphology line {}: {line:?}", n + 1);
            if f.len() != 5 {
                return Err(bad());
            }
            let a = Analysis { edit: Edit::decode(f[3]).ok_or_else(bad)?, feats: f[4].to_string() };
            let table = match f[0] {
                "F" => &mut m.forms,
                "S" => &mut m.suffixes,
                _ => return Err(bad()),
            };
            table.insert((f[1].to_string(), f[2].to_string()), a);
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_forms_and_suffix_rules() {
        let rows = [
            ("négocient", "VERB", "négocier", "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin"),
            ("parlent", "VERB", "parler", "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin"),
            ("jouent", "VERB", "jouer", "Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin"),
            ("Le", "DET", "le", "Definite=Def|Gender=Masc|Number=Sing|PronType=Art"),
            ("Paris", "PROPN", "Paris", "_"),
            ("1,000", "NUM", "1000", "NumForm=Digit|NumType=Card"),
        ];
        let m = Morph::learn(rows.iter().copied());
        assert_eq!(m.analyse("le", "DET").0, "le");
        assert_eq!(m.analyse("Paris", "PROPN").0, "Paris");
        // an unseen verb through the suffix rule of "-ent"
        let (lemma, feats) = m.analyse("menacent", "VERB");
        assert_eq!(lemma, "menacer");
        assert!(feats.contains("Number=Plur"));
        assert_eq!(m.analyse("1,000", "NUM").0, "1000");
        let back = Morph::from_text(&m.to_text()).unwrap();
        assert_eq!(back, m);
    }
}
