//! Stage 2: sentences and tokens, for French and English, with byte offsets into the document.
//!
//! The tokenizer keeps what the later stages need to see: French elisions are split off
//! (`l’Iran` → `l’` `Iran`), the English possessive too (`Russia’s` → `Russia` `’s`), hyphenated
//! words are split into parts marked [`Token::glued`] (`Tel-Aviv`, `a-t-il`), acronyms with dots
//! stay whole (`U.S.`), and numbers keep their separators (`1,000`, `1 000`, `3.5`).
//! Sentences end at `.`, `!`, `?`, `…` (not after abbreviations such as `M.`, `Dr.`, `St.` or an
//! initial) and at line breaks, unless the next line obviously continues a hard-wrapped sentence.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and possibly digits, apostrophes, dots of an acronym).
    Word,
    /// Digits, possibly with separators.
    Number,
    /// Any other single character: punctuation, quotes, dashes.
    Punct,
}

/// One token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the token's first byte in the document text.
    pub start: usize,
    /// Byte offset one past the token's last byte.
    pub end: usize,
    /// The folded form used for matching (see [`crate::text::fold`]); words of up to 24 bytes
    /// are stored inline, without an allocation.
    pub norm: compact_str::CompactString,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// True when the token was joined to the previous one by a hyphen (`Aviv` in `Tel-Aviv`).
    pub glued: bool,
}

impl Token {
    /// The token as written, sliced from the document text.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

/// One sentence: its index in the document, its byte span and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// 0-based index in the document (the title, when present, is sentence 0).
    pub index: usize,
    /// Byte offset of the sentence's first token.
    pub start: usize,
    /// Byte offset one past the sentence's last token.
    pub end: usize,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// The sentence text, sliced from the document text.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

/// Folded abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "st", "ste", "mr", "mrs", "ms", "prof", "gen", "col", "lt",
    "sgt", "capt", "cpt", "jr", "sr", "vs", "no", "art", "av", "ave", "bd", "jan", "feb", "apr", "aug",
    "sept", "oct", "nov", "dec", "janv", "fevr", "juill", "inc", "ltd", "co", "corp", "gov", "sen", "rep",
    "rev", "fig", "pp", "cf", "env", "mgr", "me", "pr", "adm", "cdt",
];

/// Folded French elided words that take an apostrophe (`l’`, `qu’`, `jusqu’`).
const ELISIONS: &[&str] =
    &["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_space_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Splits `text[range]` into sentences, numbering them from `first_index`.
///
/// ```
/// let text = "M. Poutine a parlé. Le président russe a répondu.";
/// let s = geokg::segment::segment(text, 0..text.len(), 0);
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[1].text(text), "Le président russe a répondu.");
/// ```
pub fn segment(text: &str, range: std::ops::Range<usize>, first_index: usize) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for block in blocks(text, range) {
        // a long block (a text with no line break) is tokenized piece by piece, so that only one
        // piece's tokens wait to be cut into sentences
        let tokens = pieces(text, block).flat_map(|piece| tokenize(text, piece));
        split_sentences(text, tokens, first_index, &mut sentences);
    }
    sentences
}

/// Splits a range into blocks separated by line breaks, joining a line to the next one when the
/// text was hard-wrapped (the line has no final punctuation and the next starts in lower case).
fn blocks(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
    let mut pos = range.start;
    let slice = &text[range.clone()];
    for line in slice.split('\n') {
        let start = pos;
        let end = pos + line.len();
        pos = end + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            lines.push(start..start); // paragraph break marker
            continue;
        }
        lines.push(start..end);
    }
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut joinable = false;
    for line in lines {
        if line.is_empty() {
            joinable = false;
            continue;
        }
        let s = text[line.clone()].trim();
        let starts_lower = s.chars().next().is_some_and(char::is_lowercase);
        if joinable && starts_lower {
            if let Some(last) = out.last_mut() {
                last.end = line.end;
            }
        } else {
            out.push(line.clone());
        }
        let ends_punct =
            s.chars().last().is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ':' | '»' | '"' | '”'));
        joinable = !ends_punct && s.chars().count() > 60;
    }
    out
}

/// The bytes of a block tokenized at once.
const PIECE_BYTES: usize = 1 << 16;

/// Cuts a block into pieces of about [`PIECE_BYTES`] at white space that no token spans (white
/// space after a digit may be a thousands separator: "1 000").
fn pieces(text: &str, block: std::ops::Range<usize>) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = block.start;
    std::iter::from_fn(move || {
        if start >= block.end {
            return None;
        }
        let from = start;
        let mut cut = block.end;
        if block.end - from > PIECE_BYTES {
            let mut prev_digit = false;
            for (k, c) in text[from..block.end].char_indices() {
                if k >= PIECE_BYTES && c.is_whitespace() && !prev_digit {
                    cut = from + k;
                    break;
                }
                prev_digit = c.is_ascii_digit();
            }
        }
        start = cut;
        Some(from..cut)
    })
}

/// Tokenizes `text[range]`.
pub fn tokenize(text: &str, range: std::ops::Range<usize>) -> Vec<Token> {
    let base = range.start;
    let s = &text[range];
    // the character at byte `p`, and the byte after it
    let bytes = s.as_bytes();
    let at = |p: usize| match bytes.get(p) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s[p..].chars().next(),
        None => None,
    };
    let after = |p: usize| p + at(p).map_or(1, char::len_utf8);
    let mut tokens = Vec::with_capacity(s.len() / 5);
    let mut scratch = String::new();
    let mut folded = |w: &str| {
        scratch.clear();
        crate::text::fold_into(w, &mut scratch);
        compact_str::CompactString::new(&scratch)
    };
    let mut i = 0;
    let mut glue_next = false;
    while let Some(c) = at(i) {
        let off = i;
        if c.is_whitespace() {
            glue_next = false;
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = after(i);
            while let Some(cj) = at(j) {
                if cj.is_alphanumeric() {
                    j += cj.len_utf8();
                    continue;
                }
                let next = at(j + cj.len_utf8());
                let word = &s[off..j];
                if cj == '.' && next.is_some_and(char::is_alphabetic) && is_acronym_part(word) {
                    j += 1; // U.S -> keep going
                    continue;
                }
                if cj == '.' && word.contains('.') && is_acronym_part(word) {
                    j += 1; // final dot of U.S.
                    break;
                }
                if (cj == ',' || cj == '.')
                    && word.bytes().all(|x| x.is_ascii_digit() || x == b',' || x == b'.')
                    && next.is_some_and(|x| x.is_ascii_digit())
                {
                    j += 1;
                    continue;
                }
                if is_space_sep(cj)
                    && word.chars().all(|x| x.is_ascii_digit() || is_space_sep(x))
                    && thousands_group_follows(&s[j + cj.len_utf8()..])
                {
                    j += cj.len_utf8();
                    continue;
                }
                if is_apostrophe(cj) && next.is_some_and(char::is_alphabetic) {
                    if is_elision(word) {
                        j += cj.len_utf8();
                        break;
                    }
                    let mut rc = s[j + cj.len_utf8()..].chars();
                    let possessive = matches!(rc.next(), Some('s' | 'S'))
                        && rc.next().is_none_or(|x| !x.is_alphanumeric());
                    if possessive {
                        break;
                    }
                    j += cj.len_utf8();
                    continue;
                }
                break;
            }
            let end_off = j.min(s.len());
            let word = &s[off..end_off];
            let kind = if word.chars().next().is_some_and(|x| x.is_ascii_digit())
                && word.chars().all(|x| x.is_ascii_digit() || matches!(x, ',' | '.') || is_space_sep(x))
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            tokens.push(Token {
                start: base + off,
                end: base + end_off,
                norm: folded(word),
                kind,
                glued: glue_next,
            });
            glue_next = false;
            i = end_off;
            continue;
        }
        // possessive 's
        if is_apostrophe(c) && tokens.last().is_some_and(|t: &Token| t.end == base + off) {
            let s_pos = i + c.len_utf8();
            if matches!(at(s_pos), Some('s' | 'S')) && at(s_pos + 1).is_none_or(|x| !x.is_alphanumeric()) {
                let end_off = s_pos + 1;
                tokens.push(Token {
                    start: base + off,
                    end: base + end_off,
                    norm: compact_str::CompactString::const_new("'s"),
                    kind: TokenKind::Word,
                    glued: false,
                });
                i = end_off;
                continue;
            }
        }
        // hyphen joining two words
        if c == '-'
            && tokens.last().is_some_and(|t: &Token| t.end == base + off && t.kind != TokenKind::Punct)
            && at(i + 1).is_some_and(char::is_alphanumeric)
        {
            glue_next = true;
            i += 1;
            continue;
        }
        let end_off = off + c.len_utf8();
        tokens.push(Token {
            start: base + off,
            end: base + end_off,
            norm: folded(&s[off..end_off]),
            kind: TokenKind::Punct,
            glued: false,
        });
        glue_next = false;
        i = end_off;
    }
    tokens
}

/// True when the word is a French elided form that takes an apostrophe (`l`, `qu`, `jusqu`).
fn is_elision(word: &str) -> bool {
    word.len() <= 7 && ELISIONS.iter().any(|e| e.len() == word.len() && e.eq_ignore_ascii_case(word))
}

/// True for a word made of single letters separated by dots (`U`, `U.S`, `U.N`).
fn is_acronym_part(word: &str) -> bool {
    word.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// True when `rest` starts with exactly three digits and no digit follows them.
fn thousands_group_follows(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) && b.get(3).is_none_or(|x| !x.is_ascii_digit())
}

fn split_sentences(
    text: &str,
    tokens: impl Iterator<Item = Token>,
    first_index: usize,
    out: &mut Vec<Sentence>,
) {
    let mut current: Vec<Token> = Vec::new();
    let mut iter = tokens.peekable();
    while let Some(tok) = iter.next() {
        let terminal = tok.kind == TokenKind::Punct && matches!(tok.norm.as_str(), "." | "!" | "?" | "…");
        let prev_abbrev = tok.norm == "."
            && current.last().is_some_and(|p| {
                p.end == tok.start
                    && (ABBREVIATIONS.contains(&p.norm.as_str())
                        || (p.norm.chars().count() == 1
                            && text[p.start..p.end].chars().all(char::is_uppercase)))
            });
        current.push(tok);
        // a run with no full stop is cut as it grows (the same cuts as push_sentence makes)
        if current.len() >= 2 * MAX_SENTENCE_TOKENS {
            let rest = current.split_off(first_cut(&current));
            push_one(std::mem::replace(&mut current, rest), first_index, out);
        }
        if !terminal || prev_abbrev || iter.peek().is_none() {
            continue;
        }
        // closing quotes and brackets stay with the sentence they close
        while let Some(next) = iter.peek() {
            if next.kind == TokenKind::Punct
                && matches!(next.norm.as_str(), "»" | "”" | "\"" | ")" | "." | "!" | "?")
            {
                current.push(iter.next().expect("peeked"));
            } else {
                break;
            }
        }
        let starts_new = iter.peek().is_some_and(|next| {
            let t = &text[next.start..next.end];
            t.chars().next().is_some_and(|c| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '«' | '“' | '"' | '—' | '–' | '(' | '\'')
            })
        });
        if starts_new {
            push_sentence(std::mem::take(&mut current), first_index, out);
        }
    }
    if !current.is_empty() {
        push_sentence(current, first_index, out);
    }
}

/// The longest sentence, in tokens: a longer run (a text with no full stop) is cut, at its last
/// comma or semicolon when there is one, so that the work per sentence stays bounded.
pub const MAX_SENTENCE_TOKENS: usize = 250;

fn push_sentence(tokens: Vec<Token>, first_index: usize, out: &mut Vec<Sentence>) {
    if tokens.len() <= MAX_SENTENCE_TOKENS {
        push_one(tokens, first_index, out);
        return;
    }
    // the lengths of the pieces first, then one pass over the tokens
    let mut sizes = Vec::new();
    let mut at = 0;
    while tokens.len() - at > MAX_SENTENCE_TOKENS {
        let cut = first_cut(&tokens[at..]);
        sizes.push(cut);
        at += cut;
    }
    sizes.push(tokens.len() - at);
    let mut rest = tokens.into_iter();
    for size in sizes {
        push_one(rest.by_ref().take(size).collect(), first_index, out);
    }
}

/// Where the first piece of an over-long run of tokens ends: after its last comma or semicolon
/// in the second half of [`MAX_SENTENCE_TOKENS`], else at that length.
fn first_cut(tokens: &[Token]) -> usize {
    tokens[MAX_SENTENCE_TOKENS / 2..MAX_SENTENCE_TOKENS]
        .iter()
        .rposition(|t| matches!(t.norm.as_str(), "," | ";"))
        .map_or(MAX_SENTENCE_TOKENS, |k| MAX_SENTENCE_TOKENS / 2 + k + 1)
}

fn push_one(mut tokens: Vec<Token>, first_index: usize, out: &mut Vec<Sentence>) {
    // the tokens are kept as long as the analysis: no spare capacity
    tokens.shrink_to_fit();
    let start = tokens.first().map_or(0, |t| t.start);
    let end = tokens.last().map_or(0, |t| t.end);
    out.push(Sentence { index: first_index + out.len(), start, end, tokens });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text, 0..text.len()).iter().map(|t| t.text(text).to_string()).collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        segment(text, 0..text.len(), 0).iter().map(|s| s.text(text).to_string()).collect()
    }

    #[test]
    fn splits_french_elisions_with_both_apostrophes() {
        assert_eq!(words("l’Iran d'aide qu’il"), ["l’", "Iran", "d'", "aide", "qu’", "il"]);
        assert_eq!(words("aujourd'hui"), ["aujourd'hui"]);
    }

    #[test]
    fn splits_english_possessive() {
        assert_eq!(words("Russia’s war"), ["Russia", "’s", "war"]);
    }

    #[test]
    fn hyphenated_names_are_glued_parts() {
        let text = "Tel-Aviv et Bachar al-Assad, a-t-il dit";
        let toks = tokenize(text, 0..text.len());
        let w: Vec<_> = toks.iter().map(|t| (t.text(text), t.glued)).collect();
        assert_eq!(
            w,
            [
                ("Tel", false),
                ("Aviv", true),
                ("et", false),
                ("Bachar", false),
                ("al", false),
                ("Assad", true),
                (",", false),
                ("a", false),
                ("t", true),
                ("il", true),
                ("dit", false)
            ]
        );
    }

    #[test]
    fn keeps_acronyms_and_numbers_whole() {
        assert_eq!(
            words("the U.S. paid 1,000.5 and 221 millions, 1 000 soldats"),
            ["the", "U.S.", "paid", "1,000.5", "and", "221", "millions", ",", "1 000", "soldats"]
        );
    }

    #[test]
    fn offsets_are_bytes_into_the_document() {
        let text = "« Téhéran »";
        let toks = tokenize(text, 0..text.len());
        assert_eq!(toks[1].text(text), "Téhéran");
        assert_eq!((toks[1].start, toks[1].end), (3, 12));
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("M. Macron a reçu Mme Merkel. Antony J. Blinken a appelé Dr. Tedros. Fin."),
            ["M. Macron a reçu Mme Merkel.", "Antony J. Blinken a appelé Dr. Tedros.", "Fin."]
        );
    }

    #[test]
    fn quotes_close_their_sentence() {
        assert_eq!(
            sentences("Il a dit : « Non. » Puis il est parti. « Oui », a-t-il déclaré."),
            ["Il a dit : « Non. »", "Puis il est parti.", "« Oui », a-t-il déclaré."]
        );
    }

    #[test]
    fn line_breaks_end_sentences_but_hard_wraps_join() {
        assert_eq!(sentences("Titre sans point\nPremière phrase."), ["Titre sans point", "Première phrase."]);
        let wrapped = "The United States strongly condemns the missile attack on the port\nof Odesa today.";
        assert_eq!(sentences(wrapped).len(), 1);
    }

    #[test]
    fn lower_case_after_full_stop_does_not_split() {
        assert_eq!(sentences("Il a signé l'accord à 3 h. et il est parti.").len(), 1);
    }
}
