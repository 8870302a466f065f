//! The gold format (docs/eval.md): the claims a careful fact-checker takes
//! from an annotated corpus, the traps (numbers that are not claims) and the
//! pairs of documents whose comparison the tool should get right.
//!
//! Values are checked while deserializing, so a bad date or a reversed
//! interval is reported at the gold file's line and column; checks that need
//! the corpus (a document the corpus lacks) run in [`Gold::check`].

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::claim::{Precision, Qualifier, Value};
use crate::compare::Verdict;
use crate::error::{Error, Result, RuleError};

/// A whole gold file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    /// Document id → the claims it makes. A document listed with no claims
    /// still counts for precision: anything taken from it is false.
    #[serde(default)]
    pub documents: BTreeMap<String, Vec<GoldClaim>>,
    /// Text that holds a number or date and is no claim.
    #[serde(default)]
    pub traps: Vec<Trap>,
    /// Comparisons the tool should judge as the fact-checker does.
    #[serde(default)]
    pub pairs: Vec<GoldPair>,
}

/// One claim as the fact-checker notes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldClaim {
    /// Claim kind.
    pub kind: String,
    /// The acceptable subject ids (one, or a list when the text allows several).
    pub subject: OneOrMany,
    /// Qualifiers; each may list several acceptable ids.
    #[serde(default)]
    pub qualifier: BTreeMap<String, OneOrMany>,
    /// The value as an interval.
    pub value: GoldValue,
    /// The words of the document that carry the claim.
    #[serde(default)]
    pub quote: Option<String>,
    /// `easy` or `hard` (any label is counted as given).
    #[serde(default = "unlabelled")]
    pub difficulty: String,
    /// Who asserts it, as an id.
    #[serde(default)]
    pub speaker: Option<String>,
    /// A remark for the reader of the gold file.
    #[serde(default)]
    pub note: Option<String>,
}

fn unlabelled() -> String {
    "unlabelled".to_string()
}

/// One id, or a list of acceptable ids.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single id.
    One(String),
    /// Any of these ids.
    Many(Vec<String>),
}

impl OneOrMany {
    /// Is `id` acceptable?
    pub fn accepts(&self, id: &str) -> bool {
        match self {
            OneOrMany::One(s) => s == id,
            OneOrMany::Many(v) => v.iter().any(|s| s == id),
        }
    }

    /// The ids, for display: `mosul|raqqa`.
    pub fn display(&self) -> String {
        match self {
            OneOrMany::One(s) => s.clone(),
            OneOrMany::Many(v) => v.join("|"),
        }
    }
}

impl GoldClaim {
    /// Does the claim's qualifier match, name by name?
    pub fn qualifier_accepts(&self, qualifier: &Qualifier) -> bool {
        self.qualifier.len() == qualifier.len()
            && self
                .qualifier
                .iter()
                .all(|(name, ids)| qualifier.get(name).is_some_and(|v| ids.accepts(v)))
    }

    /// The qualifier for display: `actor=isis event=liberation`.
    pub fn qualifier_display(&self) -> String {
        self.qualifier
            .iter()
            .map(|(k, v)| format!("{k}={}", v.display()))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A gold value: the interval of the contract, number or date.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawValue")]
pub struct GoldValue(pub Value);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    approx: bool,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    precision: Option<Precision>,
}

impl TryFrom<RawValue> for GoldValue {
    type Error = String;

    fn try_from(raw: RawValue) -> std::result::Result<GoldValue, String> {
        use crate::claim::{DateValue, NumberValue};
        if let Some(precision) = raw.precision {
            if raw.min.is_some() || raw.max.is_some() {
                return Err("a value has either min/max (a number) or from/to (a date)".into());
            }
            let day =
                |side: &str, text: Option<&String>| -> std::result::Result<NaiveDate, String> {
                    let text = text.ok_or_else(|| format!("a date value needs \"{side}\""))?;
                    NaiveDate::parse_from_str(text, "%Y-%m-%d")
                        .map_err(|_| format!("\"{text}\" is not a date (YYYY-MM-DD)"))
                };
            let (from, to) = (day("from", raw.from.as_ref())?, day("to", raw.to.as_ref())?);
            if from > to {
                return Err(format!("\"{from}\" is after \"{to}\""));
            }
            return Ok(GoldValue(Value::Date(DateValue::span(from, to, precision))));
        }
        if raw.from.is_some() || raw.to.is_some() {
            return Err("a date value needs \"precision\"".into());
        }
        for side in [raw.min, raw.max].into_iter().flatten() {
            if !side.is_finite() {
                return Err(format!("\"{side}\" is not a finite number"));
            }
        }
        match (raw.min, raw.max) {
            (None, None) => Err("a number value needs \"min\" or \"max\"".into()),
            (Some(a), Some(b)) if a > b => Err(format!("min \"{a}\" is above max \"{b}\"")),
            (min, max) => Ok(GoldValue(Value::Number(NumberValue {
                min,
                max,
                approx: raw.approx,
            }))),
        }
    }
}

/// Text in a document that holds a number or date and makes no claim.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trap {
    /// Document id.
    pub doc: String,
    /// The exact words, as they stand in the document.
    pub text: String,
    /// Why it is no claim.
    #[serde(default)]
    pub why: Option<String>,
}

/// Two documents whose claims on one key the tool should judge as given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldPair {
    /// Kind, subject and qualifier.
    pub key: (String, String, Qualifier),
    /// The two documents.
    pub docs: (String, String),
    /// `agree`, `compatible` or `contradict`.
    #[serde(deserialize_with = "pair_verdict")]
    pub verdict: Verdict,
    /// Why.
    #[serde(default)]
    pub why: Option<String>,
}

fn pair_verdict<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Verdict, D::Error> {
    let text = String::deserialize(d)?;
    match text.as_str() {
        "agree" => Ok(Verdict::Agree),
        "compatible" => Ok(Verdict::Compatible),
        "contradict" => Ok(Verdict::Contradict),
        other => Err(serde::de::Error::custom(format!(
            "unknown verdict \"{other}\" (agree, compatible or contradict)"
        ))),
    }
}

impl Gold {
    /// Reads and checks a gold file; errors carry file:line:column.
    pub fn load(path: &Path) -> Result<Gold> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Gold::parse(&path.display().to_string(), &text)
    }

    /// Parses gold text; `name` is used in messages.
    pub fn parse(name: &str, text: &str) -> Result<Gold> {
        serde_norway::from_str(text)
            .map_err(|e| Error::Gold(vec![RuleError::from_yaml(name, text, &e)]))
    }

    /// Checks the gold against the corpus it annotates: every document it
    /// names must be there. Returns the problems as messages naming `name`.
    pub fn check(&self, name: &str, corpus_ids: &HashSet<&str>) -> Vec<RuleError> {
        let mut errors = Vec::new();
        let mut missing = |what: &str, doc: &str| {
            if !corpus_ids.contains(doc) {
                errors.push(RuleError::new(
                    name,
                    format!("{what} names document \"{doc}\", which the corpus does not have"),
                ));
            }
        };
        for doc in self.documents.keys() {
            missing("documents", doc);
        }
        for trap in &self.traps {
            missing("a trap", &trap.doc);
        }
        for pair in &self.pairs {
            missing("a pair", &pair.docs.0);
            missing("a pair", &pair.docs.1);
        }
        errors.dedup();
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_as_intervals() {
        let gold = Gold::parse(
            "g.yaml",
            r#"
documents:
  "a":
    - {kind: fighter_count, subject: x, qualifier: {actor: isis}, value: {min: 1350, max: 1650, approx: true}}
    - {kind: event_date, subject: [x, y], qualifier: {event: liberation}, value: {from: 2016-06-01, to: 2016-06-30, precision: month}}
    - {kind: controlled_share_pct, subject: x, value: {min: 35, max: null}}
"#,
        )
        .unwrap();
        let claims = &gold.documents["a"];
        assert_eq!(claims[0].difficulty, "unlabelled");
        assert!(claims[1].subject.accepts("y"));
        assert!(matches!(claims[2].value.0, Value::Number(ref n) if n.max.is_none()));
    }

    #[test]
    fn bad_values_are_placed_in_the_file() {
        let cases = [
            ("{min: 5, max: 2}", "above max"),
            (
                "{from: 2016-02-30, to: 2016-03-01, precision: day}",
                "not a date",
            ),
            (
                "{from: 2016-03-02, to: 2016-03-01, precision: day}",
                "after",
            ),
            ("{}", "needs \"min\" or \"max\""),
            (
                "{min: 1, from: 2016-01-01, to: 2016-01-01, precision: day}",
                "either",
            ),
            ("{min: .nan}", "finite"),
            ("{value: 3}", "unknown field"),
        ];
        for (value, expected) in cases {
            let text = format!("documents:\n  a:\n    - {{kind: k, subject: s, value: {value}}}\n");
            let err = Gold::parse("g.yaml", &text).unwrap_err().to_string();
            assert!(err.starts_with("g.yaml:3:"), "{value}: {err}");
            assert!(err.contains(expected), "{value}: {err}");
        }
    }

    #[test]
    fn pairs_name_a_known_verdict() {
        let err = Gold::parse(
            "g.yaml",
            "pairs:\n  - {key: [k, s, {}], docs: [a, b], verdict: agrees}\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("unknown verdict \"agrees\""), "{err}");
    }

    #[test]
    fn qualifiers_match_name_by_name() {
        let gold = Gold::parse(
            "g.yaml",
            "documents:\n  a:\n    - {kind: k, subject: s, qualifier: {actor: [isis, pmf]}, value: {min: 1}}\n",
        )
        .unwrap();
        let g = &gold.documents["a"][0];
        let q = |pairs: &[(&str, &str)]| -> Qualifier {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert!(g.qualifier_accepts(&q(&[("actor", "pmf")])));
        assert!(!g.qualifier_accepts(&q(&[("actor", "sdf")])));
        assert!(!g.qualifier_accepts(&q(&[])));
        assert!(!g.qualifier_accepts(&q(&[("actor", "isis"), ("state", "x")])));
    }
}
