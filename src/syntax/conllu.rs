//! CoNLL-U (<https://universaldependencies.org/format.html>): reading treebanks for training and
//! scoring, and writing parses.
//!
//! A sentence keeps its comment and multiword-token lines, so that a file read and written back
//! with new predictions differs only in the predicted columns.

use crate::error::{Error, ErrorKind, Result};
use std::path::Path;

/// One syntactic word of a CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The word form.
    pub form: String,
    /// The lemma (`_` when absent).
    pub lemma: String,
    /// The universal part-of-speech tag.
    pub upos: String,
    /// The language-specific tag (kept, never predicted).
    pub xpos: String,
    /// The morphological features (`_` when none).
    pub feats: String,
    /// The head (0 for the root), 1-based.
    pub head: usize,
    /// The dependency relation, with its subtype.
    pub deprel: String,
    /// The enhanced dependencies (kept, never predicted).
    pub deps: String,
    /// The MISC column.
    pub misc: String,
}

/// A line of a sentence other than a word: a comment or a multiword token, kept for writing
/// back, placed before the word whose index it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extra {
    /// The index of the word this line precedes.
    pub before: usize,
    /// The line, without its line break.
    pub line: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The syntactic words.
    pub rows: Vec<Row>,
    /// Comments and multiword-token lines.
    pub extra: Vec<Extra>,
    /// For each word, the surface token it belongs to: `Some((first, last, form))` for a word of a
    /// multiword token such as French `du` = `de` + `le`.
    pub multiword: Vec<Option<(usize, usize, String)>>,
}

/// Reads every sentence of a CoNLL-U file; an error names the file and line.
pub fn read_file(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    parse(&text).map_err(|(line, message)| Error::new(ErrorKind::Syntax, message).at(path).line(line))
}

/// Reads CoNLL-U text; an error gives the 1-based line and a message.
pub fn parse(text: &str) -> std::result::Result<Vec<Sentence>, (usize, String)> {
    let mut out = Vec::new();
    let mut sent = Sentence::default();
    let mut pending_mwt: Option<(usize, usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        let lineno = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !sent.rows.is_empty() || !sent.extra.is_empty() {
                check_heads(&sent).map_err(|m| (lineno, m))?;
                out.push(std::mem::take(&mut sent));
            }
            continue;
        }
        if line.starts_with('#') {
            sent.extra.push(Extra { before: sent.rows.len(), line: line.to_string() });
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err((lineno, format!("{} columns, 10 expected", cols.len())));
        }
        let id = cols[0];
        if let Some((a, b)) = id.split_once('-') {
            let a: usize = a.parse().map_err(|_| (lineno, format!("bad token range {id:?}")))?;
            let b: usize = b.parse().map_err(|_| (lineno, format!("bad token range {id:?}")))?;
            if b < a {
                return Err((lineno, format!("bad token range {id:?}")));
            }
            sent.extra.push(Extra { before: sent.rows.len(), line: line.to_string() });
            pending_mwt = Some((a, b, cols[1].to_string()));
            continue;
        }
        if id.contains('.') {
            // an empty node of the enhanced graph: kept as is
            sent.extra.push(Extra { before: sent.rows.len(), line: line.to_string() });
            continue;
        }
        let index: usize = id.parse().map_err(|_| (lineno, format!("bad word id {id:?}")))?;
        if index != sent.rows.len() + 1 {
            return Err((lineno, format!("word id {index}, {} expected", sent.rows.len() + 1)));
        }
        let head = match cols[6] {
            "_" => 0,
            h => h.parse().map_err(|_| (lineno, format!("bad head {h:?}")))?,
        };
        let mwt = match &pending_mwt {
            Some((a, b, form)) if (*a..=*b).contains(&index) => Some((*a, *b, form.clone())),
            _ => None,
        };
        sent.multiword.push(mwt);
        sent.rows.push(Row {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !sent.rows.is_empty() || !sent.extra.is_empty() {
        check_heads(&sent).map_err(|m| (text.lines().count(), m))?;
        out.push(sent);
    }
    Ok(out)
}

fn check_heads(sent: &Sentence) -> std::result::Result<(), String> {
    let n = sent.rows.len();
    for (i, r) in sent.rows.iter().enumerate() {
        if r.head > n {
            return Err(format!("word {} has head {} in a sentence of {n} words", i + 1, r.head));
        }
    }
    Ok(())
}

/// Writes a sentence as CoNLL-U, its comments and multiword lines in place, ending with a blank line.
pub fn write(sent: &Sentence, out: &mut String) {
    let mut extra = sent.extra.iter().peekable();
    for (i, r) in sent.rows.iter().enumerate() {
        while let Some(e) = extra.next_if(|e| e.before <= i) {
            out.push_str(&e.line);
            out.push('\n');
        }
        let head = r.head.to_string();
        let cols = [
            &(i + 1).to_string(),
            &r.form,
            &r.lemma,
            &r.upos,
            &r.xpos,
            &r.feats,
            &head,
            &r.deprel,
            &r.deps,
            &r.misc,
        ];
        for (k, c) in cols.iter().enumerate() {
            if k > 0 {
                out.push('\t');
            }
            out.push_str(if c.is_empty() { "_" } else { c });
        }
        out.push('\n');
    }
    for e in extra {
        out.push_str(&e.line);
        out.push('\n');
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = Il parle du pays.\n1\tIl\til\tPRON\t_\tPerson=3\t2\tnsubj\t_\t_\n2\tparle\tparler\tVERB\t_\t_\t0\troot\t_\t_\n3-4\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n3\tde\tde\tADP\t_\t_\t5\tcase\t_\t_\n4\tle\tle\tDET\t_\t_\t5\tdet\t_\t_\n5\tpays\tpays\tNOUN\t_\t_\t2\tobl\t_\tSpaceAfter=No\n6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_and_writes_back_unchanged() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].rows.len(), 6);
        assert_eq!(s[0].rows[4].head, 2);
        assert_eq!(s[0].multiword[2], Some((3, 4, "du".to_string())));
        assert_eq!(s[0].multiword[4], None);
        let mut out = String::new();
        write(&s[0], &mut out);
        assert_eq!(out, SAMPLE);
    }

    #[test]
    fn errors_name_the_line() {
        let bad = "1\tIl\til\tPRON\t_\t_\t2\tnsubj\t_\t_\n2\tx\tx\tX\t_\n";
        assert_eq!(parse(bad).unwrap_err().0, 2);
        let bad_head = "1\tIl\til\tPRON\t_\t_\t7\tnsubj\t_\t_\n\n";
        assert!(parse(bad_head).unwrap_err().1.contains("head 7"));
    }
}
