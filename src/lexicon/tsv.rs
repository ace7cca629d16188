//! The lexicon file format: TAB-separated, a header line, `#` comments, `|` between alternatives.

use crate::error::{Error, ErrorKind, Result};

/// One data line of a TSV file, with its 1-based line number.
#[derive(Debug)]
pub struct Row<'a> {
    /// Name of the file (for error messages).
    pub file: &'a str,
    /// 1-based line number in the file.
    pub line: usize,
    header: &'a [String],
    fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// The trimmed value of column `name` (empty string when the column is empty).
    pub fn get(&self, name: &str) -> &'a str {
        let i = self.header.iter().position(|h| h == name).expect("column checked at parse time");
        self.fields.get(i).map_or("", |f| f.trim())
    }

    /// The trimmed value of column `name`, or an empty string when the file has no such column
    /// (a column added to a format after files were written in it).
    pub fn optional(&self, name: &str) -> &'a str {
        self.header.iter().position(|h| h == name).and_then(|i| self.fields.get(i)).map_or("", |f| f.trim())
    }

    /// The value of `name`, or an error naming the file, line and field when it is empty.
    pub fn required(&self, name: &str) -> Result<&'a str> {
        let v = self.get(name);
        if v.is_empty() {
            Err(self.error(name, "is empty"))
        } else {
            Ok(v)
        }
    }

    /// The `|`-separated alternatives of column `name`, trimmed, empty ones dropped.
    pub fn list(&self, name: &str) -> Vec<&'a str> {
        self.get(name).split('|').map(str::trim).filter(|s| !s.is_empty()).collect()
    }

    /// An error about field `name` of this row.
    pub fn error(&self, name: &str, msg: &str) -> Error {
        Error::new(ErrorKind::Lexicon, format!("field `{name}` {msg}")).at(self.file).line(self.line)
    }
}

/// A parsed TSV file: the header and the data rows.
#[derive(Debug)]
pub struct Table<'a> {
    file: &'a str,
    header: Vec<String>,
    lines: Vec<(usize, &'a str)>,
}

impl<'a> Table<'a> {
    /// Parses `text` (the contents of `file`) and checks that every column of `expected` is in
    /// the header.
    pub fn parse(file: &'a str, text: &'a str, expected: &[&str]) -> Result<Table<'a>> {
        let mut header = None;
        let mut lines = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if header.is_none() {
                header = Some(line.split('\t').map(|h| h.trim().to_string()).collect::<Vec<_>>());
                continue;
            }
            lines.push((i + 1, line));
        }
        let header = header.ok_or_else(|| Error::new(ErrorKind::Lexicon, "no header line").at(file))?;
        for col in expected {
            if !header.iter().any(|h| h == col) {
                return Err(Error::new(ErrorKind::Lexicon, format!("header lacks column `{col}`")).at(file));
            }
        }
        Ok(Table { file, header, lines })
    }

    /// The data rows. A row with more fields than the header is an error.
    pub fn rows(&self) -> impl Iterator<Item = Result<Row<'_>>> {
        self.lines.iter().map(move |&(line, text)| {
            let fields: Vec<&str> = text.split('\t').collect();
            if fields.len() > self.header.len() {
                return Err(Error::new(
                    ErrorKind::Lexicon,
                    format!("{} fields, but the header has {}", fields.len(), self.header.len()),
                )
                .at(self.file)
                .line(line));
            }
            Ok(Row { file: self.file, line, header: &self.header, fields })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_with_line_numbers() {
        let text = "# comment\na\tb\n\nx\ty|z\n";
        let t = Table::parse("f.tsv", text, &["a", "b"]).unwrap();
        let rows: Vec<_> = t.rows().collect::<Result<_>>().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 4);
        assert_eq!(rows[0].list("b"), ["y", "z"]);
    }

    #[test]
    fn missing_column_and_extra_fields_are_errors() {
        let e = Table::parse("f.tsv", "a\n", &["a", "b"]).unwrap_err();
        assert_eq!(e.to_string(), "f.tsv: header lacks column `b`");
        let t = Table::parse("f.tsv", "a\nx\ty\n", &["a"]).unwrap();
        let e = t.rows().next().unwrap().unwrap_err();
        assert_eq!(e.to_string(), "f.tsv:2: 2 fields, but the header has 1");
    }
}
