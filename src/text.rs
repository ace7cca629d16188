//! Text normalisation shared by every stage: accent and case folding, apostrophes, name keys.
//!
//! All matching in geokg (lexicon aliases, triggers, query names) happens on *folded* text, so that
//! "États-Unis", "Etats Unis" and "ÉTATS-UNIS" are one name.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds a word for matching: Unicode NFKD, combining marks removed, lower case, typographic
/// apostrophes turned into `'`, and the ligatures œ/æ spelled out.
///
/// ```
/// assert_eq!(geokg::text::fold("Téhéran"), "teheran");
/// assert_eq!(geokg::text::fold("L’Œuvre"), "l'oeuvre");
/// ```
pub fn fold(s: &str) -> String {
    // most words are plain ASCII: lower-casing is all they need
    if s.bytes().all(|b| b.is_ascii() && b != b'`') {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Normalises a name the way `shared/docs/gold-format.md` defines it for scoring: NFKD, accents
/// removed, lower case, every non-alphanumeric character a space, spaces collapsed.
///
/// ```
/// assert_eq!(geokg::text::name_key("Conseil de sécurité de l’ONU"), "conseil de securite de l onu");
/// ```
pub fn name_key(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut space = true;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Makes a stable ASCII slug (`vladimir-putin`) from a name.
///
/// ```
/// assert_eq!(geokg::text::slug("Vassily Nebenzia"), "vassily-nebenzia");
/// assert_eq!(geokg::text::slug("Côte d’Ivoire"), "cote-d-ivoire");
/// ```
pub fn slug(s: &str) -> String {
    name_key(s)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// True when the word is written in capitals only (at least one letter, no lower-case letter):
/// such aliases (`US`, `ONU`) match case-sensitively.
pub fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// True when the first letter of the word is upper case.
pub fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// True for the characters that reorder how text is displayed without being seen: the bidi
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Makes text safe to print on a terminal: control characters (escape sequences among them) and
/// bidi controls are dropped, except line breaks and tabs, which `keep_breaks` keeps (for whole
/// tables) or turns into spaces (for one cell). Text that needs nothing is borrowed.
///
/// ```
/// use geokg::text::terminal_safe;
/// assert_eq!(terminal_safe("Iran\u{1b}[2J\u{202e}evil\r", false), "Iran[2Jevil");
/// assert_eq!(terminal_safe("a\tb\nc", true), "a\tb\nc");
/// assert_eq!(terminal_safe("a\tb\nc", false), "a b c");
/// ```
pub fn terminal_safe(s: &str, keep_breaks: bool) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() || is_bidi_control(c);
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' if keep_breaks => out.push(c),
            '\n' | '\t' => out.push(' '),
            c if bad(c) => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_apostrophes() {
        assert_eq!(fold("ÉTATS-UNIS"), "etats-unis");
        assert_eq!(fold("d’aide"), "d'aide");
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("manœuvre"), "manoeuvre");
    }

    #[test]
    fn name_key_matches_reference_scorer() {
        assert_eq!(name_key("  Ali   Khamenei "), "ali khamenei");
        assert_eq!(name_key("U.S. Navy"), "u s navy");
        assert_eq!(name_key("Tel-Aviv"), "tel aviv");
    }

    #[test]
    fn caps_detection() {
        assert!(is_all_caps("ONU"));
        assert!(is_all_caps("U.S."));
        assert!(!is_all_caps("Iran"));
        assert!(!is_all_caps("123"));
    }
}
