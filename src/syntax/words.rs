//! From tokens to syntactic words: contractions split as Universal Dependencies splits them.
//!
//! French `du` = `de le`, `au` = `à le`, `aux` = `à les`, `auquel` = `à lequel`...; `des` is
//! either the indefinite article (one word) or `de les`, which a small perceptron learned from
//! the treebank's multiword tokens tells apart by context. English `don't` = `do n't`,
//! `can't` = `ca n't`, `cannot` = `can not`, and the clitics `'s`, `'re`, `'ve`, `'ll`, `'d`, `'m`.

use super::perceptron::{feat, hash_str, Trainer, Weights};

/// French contractions that are always two words.
const FR_ALWAYS: &[(&str, &str, &str)] = &[
    ("du", "de", "le"),
    ("au", "à", "le"),
    ("aux", "à", "les"),
    ("auquel", "à", "lequel"),
    ("auxquels", "à", "lesquels"),
    ("auxquelles", "à", "lesquelles"),
    ("duquel", "de", "lequel"),
    ("desquels", "de", "lesquels"),
    ("desquelles", "de", "lesquelles"),
];

/// English clitics split off the end of a word.
const EN_CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// The contraction splitter of one language: the rules above and, for French, the learned
/// choice for `des`.
#[derive(Debug, Clone, PartialEq)]
pub struct Splitter {
    des: Weights,
}

fn des_features(prev: Option<&str>, next: Option<&str>) -> Vec<u64> {
    let low = |s: Option<&str>| s.map(str::to_lowercase);
    let (p, n) = (low(prev), low(next));
    let h = |s: &Option<String>| s.as_deref().map_or(1, hash_str);
    let suf = |s: &Option<String>, k: usize| {
        s.as_deref().map_or(2, |s| {
            let c = s.chars().count();
            hash_str(&s.chars().skip(c.saturating_sub(k)).collect::<String>())
        })
    };
    vec![
        feat(0, &[]),
        feat(1, &[h(&p)]),
        feat(2, &[h(&n)]),
        feat(3, &[suf(&p, 3)]),
        feat(4, &[suf(&n, 2)]),
        feat(5, &[h(&p), h(&n)]),
        feat(6, &[suf(&p, 2)]),
    ]
}

/// Normalises typographic apostrophes for matching.
fn plain(s: &str) -> String {
    s.replace(['’', 'ʼ'], "'").to_lowercase()
}

impl Splitter {
    /// A splitter that never splits `des`.
    pub fn empty() -> Splitter {
        Splitter { des: Trainer::new(2).freeze(0.0) }
    }

    /// Learns the choice for `des` from (previous token, next token, split?) examples.
    pub fn learn(examples: &[(Option<String>, Option<String>, bool)]) -> Splitter {
        let mut t = Trainer::new(2);
        let mut scores = [0f32; 2];
        for _ in 0..5 {
            for (p, n, split) in examples {
                let f = des_features(p.as_deref(), n.as_deref());
                t.score(&f, &mut scores);
                let guess = usize::from(scores[1] > scores[0]);
                t.tick();
                t.update(&f, usize::from(*split), guess);
            }
        }
        Splitter { des: t.freeze(0.0) }
    }

    /// The syntactic words of `token` (in `lang`), each as (the slice of the token it covers,
    /// its form), given the tokens around it.
    pub fn split<'a>(
        &self,
        lang: &str,
        token: &'a str,
        prev: Option<&str>,
        next: Option<&str>,
    ) -> Vec<(&'a str, String)> {
        let low = plain(token);
        let cap = |s: &str| -> String {
            // keep the token's capital on the first word: "Du" → "De" "le"
            if token.chars().next().is_some_and(char::is_uppercase) {
                let mut c = s.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
            } else {
                s.to_string()
            }
        };
        match lang {
            "fr" => {
                if let Some(&(_, a, b)) = FR_ALWAYS.iter().find(|(w, _, _)| *w == low) {
                    return vec![(token, cap(a)), (token, b.to_string())];
                }
                if low == "des" {
                    let mut scores = [0f32; 2];
                    self.des.score(&des_features(prev, next), &mut scores);
                    if scores[1] > scores[0] {
                        return vec![(token, cap("de")), (token, "les".to_string())];
                    }
                }
                vec![(token, token.to_string())]
            }
            "en" => {
                if low == "cannot" {
                    return vec![
                        (&token[..3], token[..3].to_string()),
                        (&token[3..], token[3..].to_string()),
                    ];
                }
                for c in EN_CLITICS {
                    if low.len() > c.len() && low.ends_with(c) {
                        // the clitic's byte length in the token (a typographic apostrophe is 3 bytes)
                        let cut = token.char_indices().rev().nth(c.chars().count() - 1).map_or(0, |(b, _)| b);
                        let (head, tail) = token.split_at(cut);
                        return vec![(head, head.to_string()), (tail, tail.to_string())];
                    }
                }
                vec![(token, token.to_string())]
            }
            _ => vec![(token, token.to_string())],
        }
    }

    /// Writes the splitter in the model file's layout.
    pub fn write(&self, out: &mut Vec<u8>) {
        self.des.write(out);
    }

    /// Reads a splitter written by [`Splitter::write`].
    pub fn read(input: &mut &[u8]) -> Result<Splitter, String> {
        Ok(Splitter { des: Weights::read(input)? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions() {
        let s = Splitter::empty();
        let forms = |lang, t| s.split(lang, t, None, None).into_iter().map(|(_, f)| f).collect::<Vec<_>>();
        assert_eq!(forms("fr", "du"), ["de", "le"]);
        assert_eq!(forms("fr", "Aux"), ["À", "les"]);
        assert_eq!(forms("fr", "des"), ["des"]);
        assert_eq!(forms("en", "don't"), ["do", "n't"]);
        assert_eq!(forms("en", "can’t"), ["ca", "n’t"]);
        assert_eq!(forms("en", "cannot"), ["can", "not"]);
        assert_eq!(forms("en", "it's"), ["it", "'s"]);
        assert_eq!(forms("en", "Russia"), ["Russia"]);
    }

    #[test]
    fn des_is_learned_from_context() {
        let ex = |p: &str, n: &str, split| (Some(p.to_string()), Some(n.to_string()), split);
        let examples = vec![
            ex("près", "frontières", true),
            ex("ministre", "affaires", true),
            ex("a", "frappes", false),
            ex("et", "sanctions", false),
        ];
        let s = Splitter::learn(&examples);
        let words = s.split("fr", "des", Some("ministre"), Some("affaires"));
        assert_eq!(words.len(), 2);
        assert_eq!(s.split("fr", "des", Some("a"), Some("frappes")).len(), 1);
    }
}
