//! Training a syntax model from CoNLL-U treebanks, and scoring one on a treebank's words.
//!
//! The parser is trained on part-of-speech tags predicted by taggers that did not see the
//! sentence (k-fold jackknifing), so that it learns from the kind of tags it will get; the
//! number of parser passes is chosen on the development file.

use super::conllu::{self, Row};
use super::{morph::Morph, parse_word, parser, tagger, words::Splitter, Model};
use crate::error::Result;
use std::path::PathBuf;

/// What to train on.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// `fr` or `en`.
    pub lang: String,
    /// Training treebanks.
    pub train: Vec<PathBuf>,
    /// A development treebank, to choose the number of parser passes.
    pub dev: Option<PathBuf>,
    /// Tagger passes.
    pub tagger_epochs: usize,
    /// The most parser passes.
    pub parser_epochs: usize,
    /// Folds for jackknifed tags (1: train the parser on gold tags).
    pub folds: usize,
    /// Parser weights below this (in units of one perceptron update) are dropped from the
    /// model kept: a smaller file and a faster parser for a little accuracy.
    pub prune: f64,
    /// Written into the model's provenance.
    pub provenance: String,
}

/// Universal labels whose subtypes are kept when frequent; other subtypes fold into their label.
const MIN_SUBTYPE: usize = 20;

/// Scores of a model on a treebank's words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Part-of-speech accuracy.
    pub upos: f64,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score (universal labels, subtypes ignored).
    pub las: f64,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "words={} UPOS={:.4} UAS={:.4} LAS={:.4}", self.words, self.upos, self.uas, self.las)
    }
}

fn label_of(deprel: &str, kept: &rustc_hash::FxHashSet<String>) -> String {
    if kept.contains(deprel) {
        deprel.to_string()
    } else {
        deprel.split(':').next().unwrap_or(deprel).to_string()
    }
}

/// Trains a model; `log` hears about progress.
pub fn train(opts: &TrainOptions, log: &mut dyn FnMut(&str)) -> Result<Model> {
    let mut sentences = Vec::new();
    for path in &opts.train {
        let s = conllu::read_file(path)?;
        log(&format!("{}: {} sentences", path.display(), s.len()));
        sentences.extend(s);
    }
    sentences.retain(|s| !s.rows.is_empty());
    let dev = match &opts.dev {
        Some(p) => conllu::read_file(p)?,
        None => Vec::new(),
    };

    let mut tags: Vec<String> =
        sentences.iter().flat_map(|s| s.rows.iter().map(|r| r.upos.clone())).collect();
    tags.sort();
    tags.dedup();
    let mut counts: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for r in sentences.iter().flat_map(|s| &s.rows) {
        *counts.entry(r.deprel.as_str()).or_default() += 1;
    }
    let kept: rustc_hash::FxHashSet<String> = counts
        .iter()
        .filter(|(d, &c)| d.contains(':') && c >= MIN_SUBTYPE)
        .map(|(d, _)| d.to_string())
        .collect();
    let mut labels: Vec<String> = counts.keys().map(|d| label_of(d, &kept)).collect();
    labels.sort();
    labels.dedup();
    log(&format!("{} tags, {} labels", tags.len(), labels.len()));

    let tag_index = |t: &str| tags.iter().position(|x| x == t).expect("a tag seen in training");
    let tagger_data = |s: &conllu::Sentence| {
        let keys: Vec<tagger::WordKeys> = s.rows.iter().map(|r| tagger::WordKeys::new(&r.form)).collect();
        let gold: Vec<usize> = s.rows.iter().map(|r| tag_index(&r.upos)).collect();
        (keys, gold)
    };
    let all: Vec<_> = sentences.iter().map(tagger_data).collect();
    let tagger_w = tagger::train(&all, tags.len(), opts.tagger_epochs);
    log("tagger trained");

    let morph = Morph::learn(
        sentences
            .iter()
            .flat_map(|s| &s.rows)
            .map(|r| (r.form.as_str(), r.upos.as_str(), r.lemma.as_str(), r.feats.as_str())),
    );

    // jackknifed tags for the parser's training data
    let folds = opts.folds.max(1);
    let mut predicted: Vec<Vec<usize>> = all.iter().map(|(_, g)| g.clone()).collect();
    if folds > 1 {
        for k in 0..folds {
            let train_part: Vec<_> =
                all.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, x)| x.clone()).collect();
            let w = tagger::train(&train_part, tags.len(), opts.tagger_epochs);
            for (i, (keys, _)) in all.iter().enumerate().filter(|(i, _)| i % folds == k) {
                predicted[i] = tagger::tag(&w, keys);
            }
            log(&format!("jackknife fold {}/{folds}", k + 1));
        }
    }
    let parser_data: Vec<(Vec<parser::ParseWord>, parser::Gold)> = sentences
        .iter()
        .zip(&predicted)
        .map(|(s, tagged)| {
            let words = s
                .rows
                .iter()
                .zip(tagged)
                .map(|(r, &t)| {
                    let upos = &tags[t];
                    let (_, feats) = morph.analyse(&r.form, upos);
                    parse_word(&tags, &r.form, upos, &feats)
                })
                .collect();
            let heads: Vec<usize> = s.rows.iter().map(|r| r.head).collect();
            let labs: Vec<usize> = s
                .rows
                .iter()
                .map(|r| labels.iter().position(|l| *l == label_of(&r.deprel, &kept)).expect("a known label"))
                .collect();
            (words, parser::Gold::new(&heads, &labs))
        })
        .collect();

    let splitter =
        if opts.lang == "fr" { Splitter::learn(&des_examples(&sentences)) } else { Splitter::empty() };

    let mut model = Model {
        lang: opts.lang.clone(),
        provenance: opts.provenance.clone(),
        tags: tags.clone(),
        labels: labels.clone(),
        tagger: tagger_w,
        parser: super::perceptron::Trainer::new(1 + 2 * labels.len()).freeze(0.0),
        morph,
        splitter,
    };
    let mut best: Option<(f64, usize, super::perceptron::Weights)> = None;
    parser::train(&parser_data, labels.len(), opts.parser_epochs, &mut |epoch, weights| {
        model.parser = weights;
        if dev.is_empty() {
            best = Some((0.0, epoch, model.parser.clone()));
            log(&format!("parser pass {epoch}"));
            return;
        }
        let s = score(&model, &dev);
        log(&format!("parser pass {epoch}: dev {s} ({} features)", model.parser.features()));
        if best.as_ref().is_none_or(|(las, _, _)| s.las > *las) {
            best = Some((s.las, epoch, model.parser.clone()));
        }
    });
    if let Some((las, epoch, w)) = best {
        log(&format!("kept pass {epoch} (dev LAS {las:.4})"));
        model.parser = w;
    }
    if opts.prune > 0.0 {
        model = model.pruned(opts.prune);
        let [_, (features, weights)] = model.sizes();
        let after = if dev.is_empty() { String::new() } else { format!(": dev {}", score(&model, &dev)) };
        log(&format!("pruned below {}: {features} parser features, {weights} weights{after}", opts.prune));
    }
    Ok(model)
}

/// The contexts of `des` in the treebank, and whether it was `de les`.
fn des_examples(sentences: &[conllu::Sentence]) -> Vec<(Option<String>, Option<String>, bool)> {
    let mut out = Vec::new();
    for s in sentences {
        // the surface tokens: a multiword token once, other words as they are
        let mut tokens: Vec<(String, bool)> = Vec::new();
        let mut i = 0;
        while i < s.rows.len() {
            match &s.multiword[i] {
                Some((a, b, form)) => {
                    tokens.push((form.clone(), true));
                    i += b - a + 1;
                }
                None => {
                    tokens.push((s.rows[i].form.clone(), false));
                    i += 1;
                }
            }
        }
        for (k, (form, split)) in tokens.iter().enumerate() {
            if form.to_lowercase() == "des" {
                let prev = k.checked_sub(1).map(|j| tokens[j].0.clone());
                let next = tokens.get(k + 1).map(|t| t.0.clone());
                out.push((prev, next, *split));
            }
        }
    }
    out
}

/// Tags and parses the words of a treebank's sentence, filling the predicted columns.
pub fn predict(model: &Model, sent: &mut conllu::Sentence) {
    let forms: Vec<&str> = sent.rows.iter().map(|r| r.form.as_str()).collect();
    let parsed = model.parse(&forms);
    for (r, p) in sent.rows.iter_mut().zip(parsed) {
        r.upos = p.tagged.upos;
        r.lemma = p.tagged.lemma;
        r.feats = p.tagged.feats;
        r.head = p.head;
        r.deprel = p.deprel;
    }
}

/// Scores a model on a treebank's words (as `shared/tools/las.py` does).
pub fn score(model: &Model, gold: &[conllu::Sentence]) -> Scores {
    let (mut n, mut upos, mut uas, mut las) = (0usize, 0usize, 0usize, 0usize);
    for g in gold {
        let mut p = g.clone();
        predict(model, &mut p);
        for (gr, pr) in g.rows.iter().zip(&p.rows) {
            let universal = |r: &Row| r.deprel.split(':').next().unwrap_or("").to_string();
            n += 1;
            upos += usize::from(gr.upos == pr.upos);
            if gr.head == pr.head {
                uas += 1;
                las += usize::from(universal(gr) == universal(pr));
            }
        }
    }
    let f = |x: usize| if n == 0 { 0.0 } else { x as f64 / n as f64 };
    Scores { words: n, upos: f(upos), uas: f(uas), las: f(las) }
}
