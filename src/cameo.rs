//! The CAMEO reference table: every code with its name, label, Goldstein value and quad class.

use std::collections::BTreeMap;

use crate::error::{Error, ErrorKind, Result};
use crate::lexicon::tsv::Table;
use crate::model::Relation;

/// One CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// The code (`023`).
    pub code: String,
    /// The root (`02`).
    pub root: String,
    /// The codebook name (`Appeal for aid, not specified below`).
    pub name: String,
    /// Short label (`appeal for aid`).
    pub label: String,
    /// Goldstein value (GDELT).
    pub goldstein: f64,
    /// Quad class 1–4 (GDELT).
    pub quad: u8,
}

/// All CAMEO codes, by code.
#[derive(Debug, Clone, Default)]
pub struct CameoTable {
    codes: BTreeMap<String, CameoCode>,
}

impl CameoTable {
    /// Parses `data/cameo.tsv`'s format.
    pub fn parse(file: &str, text: &str) -> Result<CameoTable> {
        let table = Table::parse(file, text, &["code", "root", "name", "label", "goldstein", "quad"])?;
        let mut codes = BTreeMap::new();
        for row in table.rows() {
            let row = row?;
            let code = row.required("code")?.to_string();
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(row.error("code", "is not 2 to 4 digits"));
            }
            let goldstein: f64 =
                row.required("goldstein")?.parse().map_err(|_| row.error("goldstein", "is not a number"))?;
            let quad: u8 = row.required("quad")?.parse().map_err(|_| row.error("quad", "is not 1-4"))?;
            if !(1..=4).contains(&quad) {
                return Err(row.error("quad", "is not 1-4"));
            }
            let entry = CameoCode {
                root: row.required("root")?.to_string(),
                name: row.required("name")?.to_string(),
                label: row.required("label")?.to_string(),
                goldstein,
                quad,
                code: code.clone(),
            };
            codes.insert(code, entry);
        }
        if codes.is_empty() {
            return Err(Error::new(ErrorKind::Lexicon, "no CAMEO code").at(file));
        }
        Ok(CameoTable { codes })
    }

    /// Looks a code up.
    ///
    /// ```
    /// let lex = geokg::Lexicon::default();
    /// let c = lex.cameo().get("023").unwrap();
    /// assert_eq!((c.label.as_str(), c.quad, c.goldstein), ("appeal for aid", 1, 3.4));
    /// ```
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
    }

    /// The relation for a code, if the code exists.
    pub fn relation(&self, code: &str) -> Option<Relation> {
        self.get(code).map(|c| Relation {
            cameo: c.code.clone(),
            label: c.label.clone(),
            quad: c.quad,
            goldstein: c.goldstein,
        })
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when there is no code.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// All codes in code order.
    pub fn iter(&self) -> impl Iterator<Item = &CameoCode> {
        self.codes.values()
    }
}
