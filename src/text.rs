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
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appended to `out` (which a caller can reuse from word to word).
pub fn fold_into(s: &str, out: &mut String) {
    // most words are plain ASCII: lower-casing is all they need
    if s.bytes().all(|b| b.is_ascii() && b != b'`') {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    let table = folded_table();
    for c in s.chars() {
        match c {
            '`' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c if (c as usize) < TABLE_END => out.push_str(&table[c as usize - 0x80]),
            c => fold_char_slow(c, out),
        }
    }
}

/// The characters whose folded form is precomputed: Latin, Greek, Cyrillic, Armenian, Hebrew,
/// Arabic (U+0080 to U+07FF), and the general punctuation where the typographic apostrophes are.
const TABLE_END: usize = 0x2100;

/// Folded forms of U+0080 to `TABLE_END`, computed once by the slow path: folding is done
/// character by character (NFKD decomposes each character on its own, and the combining marks
/// that canonical ordering would move are the ones dropped).
fn folded_table() -> &'static [Box<str>] {
    static TABLE: std::sync::OnceLock<Vec<Box<str>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80..TABLE_END as u32)
            .map(|u| {
                let mut s = String::new();
                if let Some(c) = char::from_u32(u) {
                    fold_char_slow(c, &mut s);
                }
                s.into_boxed_str()
            })
            .collect()
    })
}

/// Folds one character: NFKD, combining marks removed, lower case, apostrophes and ligatures.
fn fold_char_slow(c: char, out: &mut String) {
    for c in std::iter::once(c).nfkd() {
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

/// Makes a stable ASCII slug (`vladimir-putin`) from a name, in any script: letters that NFKD
/// leaves whole (`ł`, `ø`) and other scripts are transliterated (deunicode), and a name with no
/// letter or digit at all gets `x-` and a hash of its text, so that the slug is never empty.
///
/// ```
/// use geokg::text::slug;
/// assert_eq!(slug("Vassily Nebenzia"), "vassily-nebenzia");
/// assert_eq!(slug("Côte d’Ivoire"), "cote-d-ivoire");
/// assert_eq!(slug("Łukaszewski"), "lukaszewski");
/// assert_eq!(slug("Зеленский"), "zelenskii");
/// assert_eq!(slug("«»"), "x-ce29a279");
/// ```
pub fn slug(s: &str) -> String {
    let key = name_key(s);
    let ascii = if key.is_ascii() { key } else { deunicode::deunicode(&key).to_ascii_lowercase() };
    let slug = ascii
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        // FNV-1a, 32 bits: stable from run to run and machine to machine
        let hash = s.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        return format!("x-{hash:08x}");
    }
    slug
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

    /// Actor ids from names in any script are ASCII and never empty.
    #[test]
    fn slugs_of_any_script() {
        let cases = [
            ("Łukaszewski", "lukaszewski"),
            ("Jonas Gahr Støre", "jonas-gahr-store"),
            ("Зеленский", "zelenskii"),
            ("Владимир Путин", "vladimir-putin"),
            ("Κυριάκος Μητσοτάκης", "kuriakos-metsotakes"),
            ("حسن نصر الله", "hsn-nsr-llh"),
            ("习近平", "xi-jin-ping"),
            ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
            ("Þórdís Kolbrún", "thordis-kolbrun"),
        ];
        for (name, id) in cases {
            assert_eq!(slug(name), id, "{name}");
        }
        for name in ["😀", "«»", "", "—"] {
            let id = slug(name);
            assert!(id.starts_with("x-") && id.len() == 10, "{name:?}: {id}");
        }
        assert_ne!(slug("😀"), slug("«»"));
    }

    /// The definition: NFKD over the whole string, then marks dropped and letters lowered.
    fn fold_reference(s: &str) -> String {
        let mut out = String::new();
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

    #[test]
    fn table_fold_equals_the_definition() {
        // every character of the table and well beyond, alone and after a letter and a mark
        for u in 0..0x3100u32 {
            let Some(c) = char::from_u32(u) else { continue };
            for s in [c.to_string(), format!("e{c}\u{301}"), format!("É{c}")] {
                assert_eq!(fold(&s), fold_reference(&s), "U+{u:04X}");
            }
        }
        for s in ["Téhéran", "ÉTATS-UNIS", "L’Œuvre", "Erdoğan", "Зеленский", "ﬁnance", "①", "Ǆ"]
        {
            assert_eq!(fold(s), fold_reference(s), "{s}");
        }
    }

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
