//! Labelled dependency parsing: the arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and
//! Satta 2011) with an averaged perceptron over the rich feature set of Zhang and Nivre (2011),
//! trained with the dynamic oracle of Goldberg and Nivre (2013), so that the parser learns to
//! recover from its own mistakes.
//!
//! Words are numbered from 1; 0 is the root, which sits at the bottom of the stack and takes its
//! one dependent only when the buffer is empty, so every parse is a single-rooted tree.

use super::perceptron::{feat, mix, Trainer, Weights};

/// What the parser reads of one word.
#[derive(Debug, Clone, Copy)]
pub struct ParseWord {
    /// The lower-cased form's hash.
    pub word: u64,
    /// The part of speech (index in the model's tag list), hashed.
    pub tag: u64,
    /// The hash of the last three characters.
    pub suffix: u64,
    /// The hash of the morphological features that matter for agreement and clause structure.
    pub morph: u64,
    /// True for punctuation.
    pub punct: bool,
}

const NONE: u64 = 0xdead_beef_cafe;
const ROOT: ParseWord = ParseWord { word: 0x400, tag: 0x401, suffix: 0x402, morph: 0x403, punct: false };

/// The three kinds of transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Push the front of the buffer.
    Shift,
    /// The front of the buffer becomes the head of the stack's top, which is popped.
    Left,
    /// The word under the stack's top becomes its head; the top is popped.
    Right,
}

/// Class number of a labelled move.
pub fn class(m: Move, label: usize) -> usize {
    match m {
        Move::Shift => 0,
        Move::Left => 1 + 2 * label,
        Move::Right => 2 + 2 * label,
    }
}

/// The move and label of a class number.
pub fn decode(class: usize) -> (Move, usize) {
    match class {
        0 => (Move::Shift, 0),
        c if c % 2 == 1 => (Move::Left, (c - 1) / 2),
        c => (Move::Right, (c - 2) / 2),
    }
}

/// A parser configuration.
struct State {
    n: usize,
    stack: Vec<usize>,
    /// The front of the buffer (words b..=n are in it).
    b: usize,
    heads: Vec<usize>,
    labels: Vec<usize>,
    /// Up to two leftmost and two rightmost dependents of each word (0 = none), as attached.
    lefts: Vec<[usize; 2]>,
    rights: Vec<[usize; 2]>,
    nlefts: Vec<u8>,
    nrights: Vec<u8>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: vec![0],
            b: 1,
            heads: vec![usize::MAX; n + 1],
            labels: vec![0; n + 1],
            lefts: vec![[0; 2]; n + 1],
            rights: vec![[0; 2]; n + 1],
            nlefts: vec![0; n + 1],
            nrights: vec![0; n + 1],
        }
    }

    fn done(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    fn valid(&self, m: Move) -> bool {
        let top = self.stack.len();
        match m {
            Move::Shift => self.b <= self.n,
            Move::Left => top >= 2 && self.b <= self.n,
            // the root takes its dependent last
            Move::Right => top >= 3 || (top == 2 && self.b > self.n),
        }
    }

    fn attach(&mut self, head: usize, dep: usize, label: usize) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        if dep < head {
            // leftmost first: a new left dependent is further left than those before
            let l = &mut self.lefts[head];
            l[1] = l[0];
            l[0] = dep;
            self.nlefts[head] = self.nlefts[head].saturating_add(1);
        } else {
            let r = &mut self.rights[head];
            r[1] = r[0];
            r[0] = dep;
            self.nrights[head] = self.nrights[head].saturating_add(1);
        }
    }

    fn apply(&mut self, m: Move, label: usize) {
        match m {
            Move::Shift => {
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Left => {
                let s0 = self.stack.pop().expect("a valid move");
                self.attach(self.b, s0, label);
            }
            Move::Right => {
                let s0 = self.stack.pop().expect("a valid move");
                let s1 = *self.stack.last().expect("a valid move");
                self.attach(s1, s0, label);
            }
        }
    }

    fn s(&self, k: usize) -> Option<usize> {
        let len = self.stack.len();
        (k < len).then(|| self.stack[len - 1 - k])
    }

    fn buf(&self, k: usize) -> Option<usize> {
        let i = self.b + k;
        (i <= self.n).then_some(i)
    }
}

/// The features of a configuration.
fn features(st: &State, words: &[ParseWord], labels: &[u64], out: &mut Vec<u64>) {
    out.clear();
    let word = |i: Option<usize>| match i {
        None => None,
        Some(0) => Some(ROOT),
        Some(i) => Some(words[i - 1]),
    };
    let w = |i: Option<usize>| word(i).map_or(NONE, |x| x.word);
    let t = |i: Option<usize>| word(i).map_or(NONE, |x| x.tag);
    let lab = |i: Option<usize>| i.map_or(NONE, |i| labels[st.labels[i]]);
    let child = |i: Option<usize>, side: usize, k: usize| -> Option<usize> {
        let i = i?;
        let c = if side == 0 { st.lefts[i][k] } else { st.rights[i][k] };
        (c != 0).then_some(c)
    };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let (s0w, s0t, s1w, s1t, s2t) = (w(s0), t(s0), w(s1), t(s1), t(s2));
    let (b0w, b0t, b1w, b1t, b2w, b2t) = (w(b0), t(b0), w(b1), t(b1), w(b2), t(b2));
    let (s0l, s0r, s0l2, s0r2) = (child(s0, 0, 0), child(s0, 1, 0), child(s0, 0, 1), child(s0, 1, 1));
    let (s1l, s1r, b0l, b0l2) = (child(s1, 0, 0), child(s1, 1, 0), child(b0, 0, 0), child(b0, 0, 1));
    let dist = match (s0, b0) {
        (Some(a), Some(b)) if a > 0 => (b - a).min(6) as u64,
        _ => 7,
    };
    let dist1 = match (s1, s0) {
        (Some(a), Some(b)) if a > 0 => (b - a).min(6) as u64,
        _ => 7,
    };
    let val = |i: Option<usize>, side: usize| -> u64 {
        i.map_or(99, |i| if side == 0 { st.nlefts[i] as u64 } else { st.nrights[i] as u64 })
    };
    let mut f = 0u64;
    let mut push = |vals: &[u64]| {
        f += 1;
        out.push(feat(f, vals));
    };
    // single words
    push(&[s0w]);
    push(&[s0t]);
    push(&[s0w, s0t]);
    push(&[s1w]);
    push(&[s1t]);
    push(&[s1w, s1t]);
    push(&[b0w]);
    push(&[b0t]);
    push(&[b0w, b0t]);
    push(&[b1w]);
    push(&[b1t]);
    push(&[b1w, b1t]);
    push(&[b2w]);
    push(&[b2t]);
    push(&[s2t]);
    push(&[word(s0).map_or(NONE, |x| x.suffix)]);
    push(&[word(b0).map_or(NONE, |x| x.suffix)]);
    push(&[word(s0).map_or(NONE, |x| x.morph), s0t]);
    push(&[word(b0).map_or(NONE, |x| x.morph), b0t]);
    push(&[word(s1).map_or(NONE, |x| x.morph), s1t]);
    // pairs
    push(&[s0w, s0t, b0w, b0t]);
    push(&[s0w, s0t, b0w]);
    push(&[s0w, b0w, b0t]);
    push(&[s0w, s0t, b0t]);
    push(&[s0t, b0w, b0t]);
    push(&[s0w, b0w]);
    push(&[s0t, b0t]);
    push(&[b0t, b1t]);
    push(&[s1w, s1t, s0w, s0t]);
    push(&[s1t, s0t]);
    push(&[s1w, s0w]);
    push(&[s1t, s0w]);
    push(&[s1w, s0t]);
    push(&[word(s1).map_or(NONE, |x| x.morph), word(s0).map_or(NONE, |x| x.morph)]);
    push(&[word(s0).map_or(NONE, |x| x.morph), word(b0).map_or(NONE, |x| x.morph)]);
    // triples of tags
    push(&[b0t, b1t, b2t]);
    push(&[s0t, b0t, b1t]);
    push(&[s1t, s0t, b0t]);
    push(&[s2t, s1t, s0t]);
    push(&[s0t, t(s0l), b0t]);
    push(&[s0t, t(s0r), b0t]);
    push(&[s0t, b0t, t(b0l)]);
    push(&[s1t, t(s1l), s0t]);
    push(&[s1t, t(s1r), s0t]);
    push(&[s1t, s0t, t(s0r)]);
    push(&[s1t, s0t, t(s0l)]);
    push(&[s0t, t(s0l), t(s0l2)]);
    push(&[s0t, t(s0r), t(s0r2)]);
    push(&[b0t, t(b0l), t(b0l2)]);
    // distance
    push(&[s0w, dist]);
    push(&[s0t, dist]);
    push(&[b0w, dist]);
    push(&[b0t, dist]);
    push(&[s0w, b0w, dist]);
    push(&[s0t, b0t, dist]);
    push(&[s1t, s0t, dist1]);
    push(&[s1w, s0w, dist1]);
    // valency
    push(&[s0w, val(s0, 0)]);
    push(&[s0t, val(s0, 0)]);
    push(&[s0w, val(s0, 1)]);
    push(&[s0t, val(s0, 1)]);
    push(&[b0w, val(b0, 0)]);
    push(&[b0t, val(b0, 0)]);
    push(&[s1t, val(s1, 0), val(s1, 1)]);
    // children: words, tags and labels
    push(&[w(s0l)]);
    push(&[t(s0l)]);
    push(&[lab(s0l)]);
    push(&[w(s0r)]);
    push(&[t(s0r)]);
    push(&[lab(s0r)]);
    push(&[w(b0l)]);
    push(&[t(b0l)]);
    push(&[lab(b0l)]);
    push(&[w(s0l2)]);
    push(&[t(s0l2)]);
    push(&[lab(s0l2)]);
    push(&[w(s0r2)]);
    push(&[t(s0r2)]);
    push(&[lab(s0r2)]);
    push(&[lab(s1l)]);
    push(&[lab(s1r)]);
    push(&[s0t, lab(s0l), lab(s0l2)]);
    push(&[s0t, lab(s0r), lab(s0r2)]);
    push(&[b0t, lab(b0l), lab(b0l2)]);
    push(&[s0w, lab(s0l), lab(s0r)]);
    push(&[s1t, lab(s1l), lab(s1r), s0t]);
    push(&[s0t, w(s0r)]);
    push(&[s0w, t(s0r)]);
    push(&[s1t, w(s1r), s0t]);
    push(&[b0t, w(b0l)]);
    // the words between the two stack tops and the buffer front, as a punctuation count
    let puncts = match (s0, b0) {
        (Some(a), Some(b)) if a > 0 => words[a..b - 1].iter().filter(|x| x.punct).count(),
        _ => 0,
    };
    push(&[s0t, b0t, puncts.min(3) as u64]);
}

/// The hash of a part-of-speech index, as [`ParseWord::tag`] holds it.
pub fn tag_hash(t: usize) -> u64 {
    mix(0x7a9, t as u64)
}

/// The hashes of the label indices, for features.
pub fn label_hashes(n: usize) -> Vec<u64> {
    (0..n).map(|l| mix(0x1abe1, l as u64)).collect()
}

/// Parses a sentence: for each word, its head (0 = root, else 1-based) and label index.
pub fn parse(weights: &Weights, labels: usize, words: &[ParseWord]) -> Vec<(usize, usize)> {
    let n = words.len();
    let mut st = State::new(n);
    let lh = label_hashes(labels);
    let mut feats = Vec::with_capacity(100);
    let mut scores = vec![0f32; weights.classes()];
    while !st.done() {
        features(&st, words, &lh, &mut feats);
        weights.score(&feats, &mut scores);
        let (m, l) = best_valid(&st, &scores, |_| true);
        st.apply(m, l);
    }
    (1..=n).map(|i| (st.heads[i], st.labels[i])).collect()
}

/// The best-scoring valid move among those `allowed`.
fn best_valid(st: &State, scores: &[f32], allowed: impl Fn(usize) -> bool) -> (Move, usize) {
    let mut best: Option<(usize, f32)> = None;
    for (c, &s) in scores.iter().enumerate() {
        let (m, _) = decode(c);
        if st.valid(m) && allowed(c) && best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    decode(best.map_or(0, |(c, _)| c))
}

/// The gold tree of a training sentence.
pub struct Gold {
    /// Head of each word, index 1..=n (index 0 unused).
    pub heads: Vec<usize>,
    /// Label index of each word, index 1..=n.
    pub labels: Vec<usize>,
    /// Dependents of each word, index 0..=n.
    pub deps: Vec<Vec<usize>>,
}

impl Gold {
    /// A gold tree from 1-based heads and labels of words 1..=n.
    pub fn new(heads: &[usize], labels: &[usize]) -> Gold {
        let n = heads.len();
        let mut deps = vec![Vec::new(); n + 1];
        for (i, &h) in heads.iter().enumerate() {
            deps[h].push(i + 1);
        }
        let mut hs = vec![0];
        hs.extend_from_slice(heads);
        let mut ls = vec![0];
        ls.extend_from_slice(labels);
        Gold { heads: hs, labels: ls, deps }
    }
}

/// The number of gold arcs a move makes unreachable (the arc-hybrid dynamic oracle).
fn cost(st: &State, gold: &Gold, m: Move, in_stack: &[bool]) -> usize {
    let in_buffer = |i: usize| i >= st.b && i <= st.n;
    match m {
        Move::Shift => {
            let b = st.b;
            let s0 = st.s(0);
            let h = gold.heads[b];
            let lost_head = usize::from(in_stack[h] && Some(h) != s0);
            lost_head + gold.deps[b].iter().filter(|&&d| in_stack[d]).count()
        }
        Move::Left | Move::Right => {
            let s0 = st.s(0).expect("a valid move");
            let lost_deps = gold.deps[s0].iter().filter(|&&d| in_buffer(d)).count();
            let h = gold.heads[s0];
            let lost_head = if m == Move::Left {
                h != st.b && (Some(h) == st.s(1) || in_buffer(h))
            } else {
                in_buffer(h)
            };
            lost_deps + usize::from(lost_head)
        }
    }
}

/// Trains the parser for `epochs` passes with the dynamic oracle, following the model's own
/// moves (with probability 0.9) from the second pass on; the same data give the same model.
pub fn train(
    sentences: &[(Vec<ParseWord>, Gold)],
    labels: usize,
    epochs: usize,
    after_epoch: &mut dyn FnMut(usize, Weights),
) {
    let classes = 1 + 2 * labels;
    let mut model = Trainer::new(classes);
    let lh = label_hashes(labels);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = super::Rng::new(11);
    let mut feats = Vec::with_capacity(100);
    let mut scores = vec![0f32; classes];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let (words, gold) = &sentences[si];
            let n = words.len();
            let mut st = State::new(n);
            let mut in_stack = vec![false; n + 1];
            in_stack[0] = true;
            while !st.done() {
                features(&st, words, &lh, &mut feats);
                model.score(&feats, &mut scores);
                let zero = |c: usize| {
                    let (m, l) = decode(c);
                    if !st.valid(m) || cost(&st, gold, m, &in_stack) > 0 {
                        return false;
                    }
                    match m {
                        Move::Shift => true,
                        // the label must be the gold one when the arc is gold
                        Move::Left => {
                            gold.heads[st.s(0).unwrap()] != st.b || gold.labels[st.s(0).unwrap()] == l
                        }
                        Move::Right => {
                            let s0 = st.s(0).unwrap();
                            Some(gold.heads[s0]) != st.s(1) || gold.labels[s0] == l
                        }
                    }
                };
                let (pm, pl) = best_valid(&st, &scores, |_| true);
                let (gm, gl) = best_valid(&st, &scores, zero);
                let predicted = class(pm, pl);
                let good = class(gm, gl);
                model.tick();
                if !zero(predicted) {
                    model.update(&feats, good, predicted);
                }
                let (m, l) = if epoch > 0 && rng.next_f64() < 0.9 { (pm, pl) } else { (gm, gl) };
                match m {
                    Move::Shift => in_stack[st.b] = true,
                    _ => in_stack[st.s(0).unwrap()] = false,
                }
                st.apply(m, l);
            }
        }
        after_epoch(epoch + 1, model.freeze(0.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_round_trip() {
        for c in 0..21 {
            let (m, l) = decode(c);
            assert_eq!(class(m, l), c);
        }
    }

    #[test]
    fn the_oracle_rebuilds_a_projective_tree() {
        // "the cat sat on the mat": the→cat, cat→sat, sat root, on→mat, the→mat, mat→sat
        let heads = [2, 3, 0, 6, 6, 3];
        let labels = [0, 1, 2, 3, 0, 4];
        let gold = Gold::new(&heads, &labels);
        let mut st = State::new(6);
        let mut in_stack = vec![false; 7];
        in_stack[0] = true;
        while !st.done() {
            let m = [Move::Shift, Move::Left, Move::Right]
                .into_iter()
                .find(|&m| st.valid(m) && cost(&st, &gold, m, &in_stack) == 0)
                .expect("a zero-cost move");
            let l = match m {
                Move::Shift => 0,
                _ => gold.labels[st.s(0).unwrap()],
            };
            match m {
                Move::Shift => in_stack[st.b] = true,
                _ => in_stack[st.s(0).unwrap()] = false,
            }
            st.apply(m, l);
        }
        assert_eq!(&st.heads[1..], &heads);
        assert_eq!(&st.labels[1..], &labels);
    }
}
