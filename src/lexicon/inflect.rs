//! Word forms generated from lemmas: French and English verb conjugation and noun plurals.
//!
//! Forms are produced already folded (no accents, lower case), because all matching happens on
//! folded text; this also makes French spelling changes such as `mène`/`mener` or `lança`/`lancer`
//! regular. Verbs that the rules cannot conjugate come from the irregular tables
//! (`data/relations/fr_verbs.tsv`, `data/relations/en_verbs.tsv`).

use std::collections::{BTreeSet, HashMap};

use crate::text::fold;

/// Principal parts of an irregular French verb (folded).
#[derive(Debug, Clone, Default)]
pub struct FrVerb {
    /// Present, 3rd person singular (`met`).
    pub present_3s: String,
    /// Present, 3rd person plural (`mettent`).
    pub present_3p: String,
    /// Past participle, masculine singular (`mis`).
    pub participle: String,
    /// Passé simple, 3rd person singular (`mit`).
    pub passe_simple_3s: String,
    /// Stem of the future and conditional (`mettr`).
    pub futur_stem: String,
    /// Stem of the imperfect (`mett`).
    pub imparfait_stem: String,
    /// Present participle (`mettant`); empty when it is left out on purpose (it would read as a
    /// noun: "combattant").
    pub present_participle: String,
}

/// Irregular forms of an English verb (folded).
#[derive(Debug, Clone, Default)]
pub struct EnVerb {
    /// Simple past forms (`met`; `cancelled`, `canceled`).
    pub past: Vec<String>,
    /// Past participle forms (`met`).
    pub participle: Vec<String>,
}

/// The conjugation tables for irregular verbs.
#[derive(Debug, Clone, Default)]
pub struct Conjugations {
    /// French irregular verbs by folded lemma.
    pub fr: HashMap<String, FrVerb>,
    /// English irregular verbs by folded lemma.
    pub en: HashMap<String, EnVerb>,
}

/// How a form relates to its lemma, as far as the event stage needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FormKind {
    /// A finite or non-finite form with no special status.
    Plain,
    /// A past participle (may be part of a passive or a compound tense).
    Participle,
    /// A conditional (French -rait / -raient): hypothetical.
    Conditional,
    /// An infinitive.
    Infinitive,
}

impl Conjugations {
    /// All folded forms of a French verb lemma, each with its kind.
    ///
    /// ```
    /// let c = geokg::lexicon::inflect::Conjugations::default();
    /// let forms = c.french_verb("condamner");
    /// assert!(forms.iter().any(|(f, _)| f == "condamne"));
    /// assert!(forms.iter().any(|(f, _)| f == "condamnees"));
    /// assert!(forms.iter().any(|(f, _)| f == "condamneraient"));
    /// ```
    pub fn french_verb(&self, lemma: &str) -> BTreeSet<(String, FormKind)> {
        use FormKind::*;
        let lemma = fold(lemma);
        let mut out = BTreeSet::new();
        let mut add = |f: String, k: FormKind| {
            out.insert((f, k));
        };
        add(lemma.clone(), Infinitive);
        if let Some(v) = self.fr.get(&lemma) {
            add(v.present_3s.clone(), Plain);
            add(v.present_3p.clone(), Plain);
            if !v.present_participle.is_empty() {
                add(v.present_participle.clone(), Plain);
            }
            let p = &v.participle;
            add(p.clone(), Participle);
            if p.ends_with('s') {
                add(format!("{p}e"), Participle);
                add(format!("{p}es"), Participle);
            } else {
                for suf in ["e", "s", "es"] {
                    add(format!("{p}{suf}"), Participle);
                }
            }
            let ps = &v.passe_simple_3s;
            add(ps.clone(), Plain);
            if let Some(stem) = ps.strip_suffix('t') {
                add(format!("{stem}rent"), Plain);
            } else if let Some(stem) = ps.strip_suffix('a') {
                add(format!("{stem}erent"), Plain);
            }
            for suf in ["a", "ont"] {
                add(format!("{}{suf}", v.futur_stem), Plain);
            }
            for suf in ["ait", "aient"] {
                add(format!("{}{suf}", v.futur_stem), Conditional);
                add(format!("{}{suf}", v.imparfait_stem), Plain);
            }
            // the "nous" of the present is the imperfect stem + -ons (soutenons, mettons)
            add(format!("{}ons", v.imparfait_stem), Plain);
            return out;
        }
        if let Some(stem) = lemma.strip_suffix("er") {
            // third persons, and "nous" of quotations; news does not say "tu condamnes"
            for suf in ["e", "ent", "ons", "ait", "aient", "a", "erent", "ant"] {
                add(format!("{stem}{suf}"), Plain);
            }
            if stem.ends_with('g') {
                for suf in ["eait", "eaient", "ea", "eant"] {
                    add(format!("{stem}{suf}"), Plain);
                }
            }
            for suf in ["e", "ee", "es", "ees"] {
                add(format!("{stem}{suf}"), Participle);
            }
            for suf in ["a", "ont"] {
                add(format!("{lemma}{suf}"), Plain);
            }
            for suf in ["ait", "aient"] {
                add(format!("{lemma}{suf}"), Conditional);
            }
        } else if let Some(stem) = lemma.strip_suffix("ir") {
            for suf in ["it", "issent", "issons", "issait", "issaient", "irent", "issant"] {
                add(format!("{stem}{suf}"), Plain);
            }
            for suf in ["i", "ie", "is", "ies"] {
                add(format!("{stem}{suf}"), Participle);
            }
            for suf in ["a", "ont"] {
                add(format!("{lemma}{suf}"), Plain);
            }
            for suf in ["ait", "aient"] {
                add(format!("{lemma}{suf}"), Conditional);
            }
        }
        out
    }

    /// All folded forms of an English verb lemma, each with its kind.
    ///
    /// ```
    /// let c = geokg::lexicon::inflect::Conjugations::default();
    /// let forms: Vec<String> = c.english_verb("deny").into_iter().map(|(f, _)| f).collect();
    /// assert_eq!(forms, ["denied", "denies", "deny", "denying"]);
    /// ```
    pub fn english_verb(&self, lemma: &str) -> BTreeSet<(String, FormKind)> {
        use FormKind::*;
        let l = fold(lemma);
        let mut out = BTreeSet::new();
        out.insert((l.clone(), Infinitive));
        let consonant_y = l.ends_with('y') && !l.ends_with("ay") && !l.ends_with("ey") && !l.ends_with("oy");
        let third = if consonant_y {
            format!("{}ies", &l[..l.len() - 1])
        } else if ["s", "x", "z", "ch", "sh", "o"].iter().any(|s| l.ends_with(s)) {
            format!("{l}es")
        } else {
            format!("{l}s")
        };
        out.insert((third, Plain));
        let ing = if let Some(stem) = l.strip_suffix("ie") {
            format!("{stem}ying")
        } else if l.ends_with('e') && !l.ends_with("ee") && !l.ends_with("ye") && !l.ends_with("oe") {
            format!("{}ing", &l[..l.len() - 1])
        } else {
            format!("{l}ing")
        };
        if let Some(v) = self.en.get(&l) {
            for p in &v.past {
                out.insert((p.clone(), Plain));
                // doubled consonants also double before -ing (banned -> banning)
                if p.ends_with("ed") && p.len() == l.len() + 3 {
                    out.insert((format!("{}ing", &p[..p.len() - 2]), Plain));
                }
            }
            for p in &v.participle {
                out.insert((p.clone(), Participle));
            }
            if v.past.iter().any(|p| p.ends_with("ed") && p.len() == l.len() + 3) {
                return out;
            }
        } else {
            let past = if l.ends_with('e') {
                format!("{l}d")
            } else if consonant_y {
                format!("{}ied", &l[..l.len() - 1])
            } else {
                format!("{l}ed")
            };
            out.insert((past.clone(), Participle));
        }
        out.insert((ing, Plain));
        out
    }
}

/// Folded singular and plural of a noun.
///
/// ```
/// assert_eq!(geokg::lexicon::inflect::noun_forms("frappe", true), ["frappe", "frappes"]);
/// assert_eq!(geokg::lexicon::inflect::noun_forms("embargo", false), ["embargo", "embargoes", "embargos"]);
/// ```
pub fn noun_forms(noun: &str, french: bool) -> Vec<String> {
    let n = fold(noun);
    let mut out = vec![n.clone()];
    if french {
        if n.ends_with('s') || n.ends_with('x') || n.ends_with('z') {
        } else if n.ends_with("eau") || n.ends_with("eu") {
            out.push(format!("{n}x"));
        } else {
            out.push(format!("{n}s"));
        }
    } else if n.ends_with('y') && !n.ends_with("ay") && !n.ends_with("ey") && !n.ends_with("oy") {
        out.push(format!("{}ies", &n[..n.len() - 1]));
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|s| n.ends_with(s)) {
        out.push(format!("{n}es"));
    } else if n.ends_with('o') {
        out.push(format!("{n}es"));
        out.push(format!("{n}s"));
    } else {
        out.push(format!("{n}s"));
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(set: BTreeSet<(String, FormKind)>) -> Vec<String> {
        let mut v: Vec<String> = set.into_iter().map(|(f, _)| f).collect();
        v.dedup();
        v
    }

    #[test]
    fn french_irregular_from_table() {
        let mut c = Conjugations::default();
        c.fr.insert(
            "mettre".into(),
            FrVerb {
                present_3s: "met".into(),
                present_3p: "mettent".into(),
                participle: "mis".into(),
                passe_simple_3s: "mit".into(),
                futur_stem: "mettr".into(),
                imparfait_stem: "mett".into(),
                present_participle: "mettant".into(),
            },
        );
        let f = forms(c.french_verb("mettre"));
        for w in [
            "met", "mettent", "mis", "mise", "mises", "mit", "mirent", "mettra", "mettrait", "mettait",
            "mettant", "mettre",
        ] {
            assert!(f.contains(&w.to_string()), "{w} missing from {f:?}");
        }
        assert!(c.french_verb("mettre").contains(&("mettraient".to_string(), FormKind::Conditional)));
    }

    #[test]
    fn french_second_group() {
        let f = forms(Conjugations::default().french_verb("envahir"));
        for w in ["envahit", "envahissent", "envahi", "envahie", "envahira", "envahissant"] {
            assert!(f.contains(&w.to_string()), "{w} missing");
        }
    }

    #[test]
    fn english_regular_and_irregular() {
        let mut c = Conjugations::default();
        assert_eq!(forms(c.english_verb("condemn")), ["condemn", "condemned", "condemning", "condemns"]);
        assert_eq!(forms(c.english_verb("impose")), ["impose", "imposed", "imposes", "imposing"]);
        c.en.insert("ban".into(), EnVerb { past: vec!["banned".into()], participle: vec!["banned".into()] });
        assert_eq!(forms(c.english_verb("ban")), ["ban", "banned", "banning", "bans"]);
        c.en.insert("meet".into(), EnVerb { past: vec!["met".into()], participle: vec!["met".into()] });
        assert_eq!(forms(c.english_verb("meet")), ["meet", "meeting", "meets", "met"]);
    }
}
