//! Part-of-speech tagging: a greedy left-to-right averaged perceptron over the word, its affixes
//! and shape, its neighbours and the two tags before it (Collins 2002; the feature set of
//! Ratnaparkhi 1996 and Honnibal's tagger).

use super::perceptron::{feat, hash_str, mix, Trainer, Weights};

/// What the tagger reads of one word, hashed once.
#[derive(Debug, Clone, Copy)]
pub struct WordKeys {
    /// The lower-cased form.
    pub lower: u64,
    /// The form as written.
    pub exact: u64,
    /// Suffixes of 1 to 4 characters of the lower-cased form.
    pub suffix: [u64; 4],
    /// Prefixes of 1 to 3 characters.
    pub prefix: [u64; 3],
    /// The shape (`Xxxx`, `dd`, `X.X.`, ...), runs collapsed.
    pub shape: u64,
}

const NONE: u64 = 0x1234_5678_9abc_def0;

impl WordKeys {
    /// The keys of `form`.
    pub fn new(form: &str) -> WordKeys {
        let lower = form.to_lowercase();
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        let n = chars.len();
        let suffix = std::array::from_fn(|k| {
            let len = k + 1;
            if n > len {
                mix(hash_str(&lower[chars[n - len].0..]), len as u64)
            } else {
                NONE
            }
        });
        let prefix = std::array::from_fn(|k| {
            let len = k + 1;
            if n > len {
                mix(hash_str(&lower[..chars[len].0]), 10 + len as u64)
            } else {
                NONE
            }
        });
        WordKeys {
            lower: hash_str(&lower),
            exact: hash_str(form),
            suffix,
            prefix,
            shape: hash_str(&shape(form)),
        }
    }
}

/// The shape of a word: `X` upper case, `x` lower case, `d` digit, other characters as they are;
/// runs of the same class longer than two collapse to two.
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            run = 1;
            last = k;
        }
        if run <= 2 {
            out.push(k);
        }
    }
    out
}

/// The features of word `i` given the tags chosen before it.
pub fn features(words: &[WordKeys], i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
    out.clear();
    let w = &words[i];
    let at = |k: isize| -> Option<&WordKeys> {
        let j = i as isize + k;
        (j >= 0).then(|| words.get(j as usize)).flatten()
    };
    let lower = |k: isize| at(k).map_or(NONE ^ k as u64, |w| w.lower);
    out.push(feat(0, &[]));
    out.push(feat(1, &[w.lower]));
    out.push(feat(2, &[w.exact]));
    for (k, s) in w.suffix.iter().enumerate() {
        out.push(feat(3 + k as u64, &[*s]));
    }
    for (k, p) in w.prefix.iter().enumerate() {
        out.push(feat(7 + k as u64, &[*p]));
    }
    out.push(feat(10, &[w.shape]));
    out.push(feat(11, &[lower(-1)]));
    out.push(feat(12, &[lower(1)]));
    out.push(feat(13, &[lower(-2)]));
    out.push(feat(14, &[lower(2)]));
    out.push(feat(15, &[at(-1).map_or(NONE, |w| w.suffix[2])]));
    out.push(feat(16, &[at(1).map_or(NONE, |w| w.suffix[2])]));
    out.push(feat(17, &[prev]));
    out.push(feat(18, &[prev2]));
    out.push(feat(19, &[prev, prev2]));
    out.push(feat(20, &[prev, w.lower]));
    out.push(feat(21, &[w.lower, lower(1)]));
    out.push(feat(22, &[lower(-1), w.lower]));
    out.push(feat(23, &[(i == 0) as u64, w.shape]));
    out.push(feat(24, &[prev, w.suffix[2]]));
    out.push(feat(25, &[at(1).map_or(NONE, |w| w.shape)]));
    out.push(feat(26, &[at(-1).map_or(NONE, |w| w.shape), w.shape]));
}

fn tag_key(t: usize) -> u64 {
    mix(0x7a6, t as u64)
}

const START: u64 = 0x5_7a27;

/// Tags a sentence with frozen weights: the index of the best tag of each word.
pub fn tag(weights: &Weights, words: &[WordKeys]) -> Vec<usize> {
    let mut out = Vec::with_capacity(words.len());
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; weights.classes()];
    let (mut p1, mut p2) = (START, START);
    for i in 0..words.len() {
        features(words, i, p1, p2, &mut feats);
        weights.score(&feats, &mut scores);
        let best = argmax(&scores);
        out.push(best);
        p2 = p1;
        p1 = tag_key(best);
    }
    out
}

/// The index of the highest score (the first one on ties).
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

/// Trains a tagger on sentences of (word keys, gold tag index) for `epochs` passes, shuffling
/// with a fixed seed; the result is the same on every run.
pub fn train(sentences: &[(Vec<WordKeys>, Vec<usize>)], classes: usize, epochs: usize) -> Weights {
    let mut model = Trainer::new(classes);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = super::Rng::new(7);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; classes];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (words, gold) = &sentences[s];
            let (mut p1, mut p2) = (START, START);
            for (i, &truth) in gold.iter().enumerate() {
                features(words, i, p1, p2, &mut feats);
                model.score(&feats, &mut scores);
                let guess = argmax(&scores);
                model.tick();
                model.update(&feats, truth, guess);
                // the history is the model's own guesses, as when tagging
                p2 = p1;
                p1 = tag_key(guess);
            }
        }
    }
    model.freeze(0.0)
}
