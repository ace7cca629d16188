//! The plain data types that pass between stages: actors, relations and events.
//!
//! [`Event`] serialises exactly to the public JSON Lines contract
//! (`shared/docs/output-schema.md`).

use serde::{Deserialize, Serialize};

/// What sort of actor this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state.
    Country,
    /// A named person.
    Person,
    /// An international organisation, NGO, party, media or state body.
    Organization,
    /// An armed group.
    Group,
    /// A place as such.
    Location,
}

impl ActorKind {
    /// Parses the lexicon spelling (`country`, `person`, `organization`, `group`, `location`).
    pub fn parse(s: &str) -> Option<ActorKind> {
        Some(match s {
            "country" => ActorKind::Country,
            "person" => ActorKind::Person,
            "organization" | "organisation" => ActorKind::Organization,
            "group" => ActorKind::Group,
            "location" => ActorKind::Location,
            _ => return None,
        })
    }

    /// The lexicon / JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Group => "group",
            ActorKind::Location => "location",
        }
    }
}

/// A string that keeps up to 24 bytes inline: actors are copied into every mention and event,
/// and their ids, names, codes and roles are short, so copying them allocates nothing. It
/// dereferences to `&str` and converts from `&str` and `String` with `.into()`.
pub type Str = compact_str::CompactString;

/// A canonical actor, as it appears in events and graph nodes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Actor {
    /// Stable slug (`vladimir-putin`, `rus`, `united-nations`).
    pub id: Str,
    /// Canonical English name.
    pub name: Str,
    /// What sort of actor.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 code of the state the actor belongs to or acts for.
    pub country: Option<Str>,
    /// CAMEO role code (`GOV`, `MIL`, `IGO`...), when known.
    pub role: Option<Str>,
    /// For an actor with no state of its own (an armed group, "les rebelles syriens"): the state
    /// where it operates, which is not its `country` ("rebelles syriens" are not Syria).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operates_in: Option<Str>,
}

/// The coded relation of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// CAMEO code, 2 to 4 digits; the first two are the root.
    pub cameo: String,
    /// Short human label.
    pub label: String,
    /// Quad class 1–4 (GDELT convention).
    pub quad: u8,
    /// Goldstein scale value, −10 to +10.
    pub goldstein: f64,
}

impl Relation {
    /// The two-digit CAMEO root.
    pub fn root(&self) -> &str {
        self.cameo.get(..2).unwrap_or(&self.cameo)
    }
}

/// One coded event with its evidence: the unit of `geokg extract` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Document id.
    pub doc: String,
    /// Article date (ISO 8601), when known.
    pub date: Option<String>,
    /// 0-based sentence index (the title is sentence 0).
    pub sentence: usize,
    /// Byte offsets `[start, end)` of the evidence sentence in the document text.
    pub span: [usize; 2],
    /// The evidence sentence.
    pub text: String,
    /// Who acts.
    pub source: Actor,
    /// Who is acted upon.
    pub target: Actor,
    /// The CAMEO-coded relation.
    pub relation: Relation,
    /// The words that triggered the relation.
    pub trigger: String,
    /// True when the text says the action did not happen.
    pub negated: bool,
    /// The extractor's confidence, 0–1.
    pub confidence: f64,
}
