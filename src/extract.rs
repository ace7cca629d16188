//! The whole extraction of one article: segment → syntax → actors → events.

use crate::actors::{find_mentions, Mention};
use crate::events::{find_events, triggers_and_parse};
use crate::ingest::{Article, Lang};
use crate::lexicon::Lexicon;
use crate::model::Event;
use crate::segment::{segment, Sentence};
use crate::syntax::{Model, Parse};

/// Everything the extraction found in one article.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The sentences (the title is sentence 0).
    pub sentences: Vec<Sentence>,
    /// The actor mentions, resolved.
    pub mentions: Vec<Mention>,
    /// Who speaks in the document ("we": the byline, issuers or signatories of a statement); empty if unknown.
    pub speakers: Vec<crate::model::Actor>,
    /// The coded events, in text order.
    pub events: Vec<Event>,
}

/// Options of the extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractOptions {
    /// Keep negated events (marked `"negated": true`).
    pub negated: bool,
    /// Drop events below this confidence.
    pub min_confidence: f64,
    /// Parse the sentences (the syntax stage); without it, arguments come from clause patterns
    /// alone.
    pub parse: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions { negated: false, min_confidence: 0.0, parse: true }
    }
}

/// Turns articles into coded events with a lexicon.
///
/// ```
/// use geokg::{Article, Extractor};
/// let ex = Extractor::default();
/// let a = Article::from_text("t", "Title\nThe United States condemned Russia.");
/// let events = ex.extract(&a);
/// assert_eq!(events[0].source.name, "United States");
/// assert_eq!(events[0].target.name, "Russia");
/// assert_eq!(events[0].relation.root(), "11");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    lexicon: Lexicon,
    options: ExtractOptions,
    /// Syntax models that replace the embedded ones (French, English).
    models: [Option<std::sync::Arc<Model>>; 2],
}

impl Extractor {
    /// An extractor with this lexicon and default options.
    pub fn new(lexicon: Lexicon) -> Self {
        Extractor { lexicon, options: ExtractOptions::default(), models: [None, None] }
    }

    /// Uses this syntax model (trained by `geokg train-syntax`) for its language instead of the
    /// embedded one.
    pub fn with_model(mut self, model: Model) -> Self {
        let slot = if model.lang == "fr" { 0 } else { 1 };
        self.models[slot] = Some(std::sync::Arc::new(model));
        self
    }

    /// The syntax model used for `lang`.
    pub fn model(&self, lang: Lang) -> Option<&Model> {
        let slot = if lang == Lang::Fr { 0 } else { 1 };
        self.models[slot].as_deref().or_else(|| Model::embedded(lang.code()))
    }

    /// Sets the options.
    pub fn with_options(mut self, options: ExtractOptions) -> Self {
        self.options = options;
        self
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The events of an article (negated ones only when the options ask for them).
    pub fn extract(&self, article: &Article) -> Vec<Event> {
        self.analyze(article).events
    }

    /// The full analysis of an article: sentences, mentions and events.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let sentences = segment(&article.text, article.body.clone(), 0);
        let found = find_mentions(&self.lexicon, article, &sentences);
        // the syntax stage runs inside the event stage, sentence by sentence, so that a parse
        // lives only while its sentence is coded
        let model = self.model(article.lang).filter(|_| self.options.parse);
        let mut events = find_events(&self.lexicon, article, &sentences, &found.list, &found.speakers, model);
        events
            .retain(|e| (self.options.negated || !e.negated) && e.confidence >= self.options.min_confidence);
        Analysis { sentences, mentions: found.list, speakers: found.speakers, events }
    }
}

/// What the extraction saw in one sentence, and why each trigger was or was not coded.
#[derive(Debug, Clone)]
pub struct SentenceExplanation {
    /// Sentence index.
    pub sentence: usize,
    /// The sentence text.
    pub text: String,
    /// The actor mentions: surface text, resolved actor names, kind.
    pub mentions: Vec<(String, Vec<String>, crate::actors::MentionKind)>,
    /// The clauses the sentence splits into (at relative pronouns, conjunctions, quotes, commas).
    pub clauses: Vec<String>,
    /// Each trigger found, and what came of it.
    pub triggers: Vec<TriggerExplanation>,
    /// The parse of the sentence, when it was parsed.
    pub parse: Option<Parse>,
}

/// One trigger of a sentence and what came of it.
#[derive(Debug, Clone)]
pub struct TriggerExplanation {
    /// The words of the text.
    pub text: String,
    /// The CAMEO code of the lexicon entry.
    pub code: String,
    /// Where the entry is defined (`file:line`).
    pub origin: String,
    /// Coded, or why not.
    pub outcome: crate::events::Outcome,
    /// The events coded from it (negated ones included).
    pub events: Vec<Event>,
}

impl Extractor {
    /// Explains the extraction of every sentence of an article: mentions, triggers and outcomes.
    pub fn explain(&self, article: &Article) -> Vec<SentenceExplanation> {
        let analysis = self.analyze(article);
        let doc = article.text.as_str();
        let mut out = Vec::new();
        let mut so_far: Vec<Event> = Vec::new();
        for (si, s) in analysis.sentences.iter().enumerate() {
            let ms: Vec<&Mention> = analysis.mentions.iter().filter(|m| m.sentence == si).collect();
            let mentions = ms
                .iter()
                .map(|m| {
                    let surface = doc[s.tokens[m.start].start..s.tokens[m.end - 1].end].to_string();
                    (surface, m.actors.iter().map(|a| a.name.to_string()).collect(), m.kind)
                })
                .collect();
            let model = self.model(article.lang).filter(|_| self.options.parse);
            let (triggers, parse) =
                triggers_and_parse(&self.lexicon, article, s, si, &analysis.mentions, model);
            let coder = crate::events::SentenceCoder::from_parts(
                &self.lexicon,
                article,
                s,
                si,
                &analysis.mentions,
                triggers,
                parse.as_ref(),
            );
            let mut triggers = Vec::new();
            for (ti, t) in coder.triggers.iter().enumerate() {
                // the events coded so far in the document matter (a judgement on an earlier act)
                let before = so_far.len();
                let outcome = coder.code(ti, &mut so_far);
                let events = so_far[before..].to_vec();
                let trig = &self.lexicon.triggers()[t.trigger];
                triggers.push(TriggerExplanation {
                    text: doc[s.tokens[t.start].start..s.tokens[t.end - 1].end].to_string(),
                    code: trig.code.clone(),
                    origin: trig.origin.clone(),
                    outcome,
                    events,
                });
            }
            let clauses = crate::events::clauses(&s.tokens)
                .into_iter()
                .filter(|r| !r.is_empty())
                .map(|r| doc[s.tokens[r.start].start..s.tokens[r.end - 1].end].to_string())
                .collect();
            out.push(SentenceExplanation {
                sentence: s.index,
                text: s.text(doc).to_string(),
                mentions,
                clauses,
                triggers,
                parse,
            });
        }
        out
    }
}
