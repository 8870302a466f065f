//! Plain data: claims and their values, in the JSON form of the claim
//! contract (CLAIMS.md). Nothing here knows how a claim was found.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize, Serializer};

/// Qualifier names to values: `{"actor": "isis"}`. Part of the comparison key.
pub type Qualifier = BTreeMap<String, String>;

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// One day.
    Day,
    /// A calendar week (an extension of CLAIMS.md: «الأسبوع الماضي»).
    Week,
    /// Part of a month: early (1–10), mid (11–20) or late (21–end).
    #[serde(rename = "part_of_month")]
    PartOfMonth,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// The text names a date the publication date cannot pin down.
    Unresolved,
}

/// A numeric value as an interval; `None` is an open side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberValue {
    /// Lower bound, or `None` for «أقل من …».
    #[serde(serialize_with = "plain_number")]
    pub min: Option<f64>,
    /// Upper bound, or `None` for «أكثر من …».
    #[serde(serialize_with = "plain_number")]
    pub max: Option<f64>,
    /// The text said «نحو», «حوالي»…
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approx: bool,
}

impl NumberValue {
    /// An exact number.
    pub fn exact(v: f64) -> NumberValue {
        NumberValue {
            min: Some(v),
            max: Some(v),
            approx: false,
        }
    }
}

/// Whole numbers are written without a fraction: `1500`, not `1500.0`.
fn plain_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

/// A date as an interval of days with its precision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateValue {
    /// First day, or `None` when unresolved.
    pub from: Option<NaiveDate>,
    /// Last day, or `None` when unresolved.
    pub to: Option<NaiveDate>,
    /// Day, week, month, year or unresolved.
    pub precision: Precision,
    /// The words of an unresolved date, kept so a reader can resolve it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
}

impl DateValue {
    /// A resolved interval.
    pub fn span(from: NaiveDate, to: NaiveDate, precision: Precision) -> DateValue {
        DateValue {
            from: Some(from),
            to: Some(to),
            precision,
            expression: None,
        }
    }
}

/// The value of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A date interval (tried first: it has the required `precision`).
    Date(DateValue),
    /// A number interval.
    Number(NumberValue),
}

impl Value {
    /// A short human form: `~1500`, `20–99`, `>35`, `2017-10`, `2017-11-03`.
    pub fn display(&self) -> String {
        match self {
            Value::Number(n) => {
                let f = |x: f64| {
                    if x.fract() == 0.0 {
                        format!("{}", x as i64)
                    } else {
                        format!("{x}")
                    }
                };
                match (n.min, n.max) {
                    // «نحو 1500» (1350–1650) shows the number said; a vague
                    // quantity («العشرات», 20–99) its interval, never a midpoint.
                    (Some(a), Some(b)) if n.approx && ((a + b) / 2.0).fract() == 0.0 => {
                        format!("~{}", f((a + b) / 2.0))
                    }
                    (Some(a), Some(b)) if a == b => f(a),
                    (Some(a), Some(b)) => format!("{}–{}", f(a), f(b)),
                    (Some(a), None) => format!(">{}", f(a)),
                    (None, Some(b)) => format!("≤{}", f(b)),
                    (None, None) => "?".to_string(),
                }
            }
            Value::Date(d) => match (d.from, d.to, d.precision) {
                (Some(from), _, Precision::Day) => from.format("%Y-%m-%d").to_string(),
                // A month (a year) widened back a few days («أمس» in a
                // paper dated only to the month) shows its days.
                (Some(from), Some(to), Precision::Month)
                    if from.day() == 1
                        && (from.year(), from.month()) == (to.year(), to.month()) =>
                {
                    from.format("%Y-%m").to_string()
                }
                (Some(from), Some(to), Precision::Year)
                    if from.ordinal() == 1 && from.year() == to.year() =>
                {
                    from.format("%Y").to_string()
                }
                (Some(from), Some(to), _) => format!("{from}..{to}"),
                _ => format!("unresolved «{}»", d.expression.as_deref().unwrap_or("")),
            },
        }
    }
}

/// How an entity name in the text was matched, when it was not an exact alias.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FuzzyMatch {
    /// The words in the text.
    pub text: String,
    /// The alias it was matched to.
    pub alias: String,
    /// Jaro-Winkler similarity, 0 to 1.
    pub score: f64,
}

/// Where a claim's subject was found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubjectVia {
    /// Named in the claim's own sentence.
    #[default]
    Sentence,
    /// Named before, and pointed to by «المدينة», «فيها», "the town"…
    Context,
}

impl SubjectVia {
    /// True for [`SubjectVia::Sentence`], which JSON leaves out.
    pub fn is_sentence(&self) -> bool {
        *self == SubjectVia::Sentence
    }
}

/// One claim taken from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// `doc#n`, n counting from 1 in text order.
    pub id: String,
    /// Document id.
    pub doc: String,
    /// Outlet name, or `unknown`.
    pub outlet: String,
    /// Claim kind (`fighter_count`, `event_date`, …).
    pub kind: String,
    /// Entity id the claim is about.
    pub subject: String,
    /// Qualifiers that are part of the key.
    pub qualifier: Qualifier,
    /// The value.
    pub value: Value,
    /// Byte span in the document's UTF-8 text.
    pub span: [usize; 2],
    /// The words of the span.
    pub quote: String,
    /// The whole sentence.
    pub sentence: String,
    /// `file#rule-id` of the rule that fired.
    pub rule: String,
    /// Who the text attributes the claim to, where it names one.
    pub speaker: Option<String>,
    /// Set when the subject was matched fuzzily (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_match: Option<FuzzyMatch>,
    /// How the subject was found: in the claim's sentence, or through a
    /// word pointing back to a place named before (extension; omitted for
    /// `sentence`).
    #[serde(default, skip_serializing_if = "SubjectVia::is_sentence")]
    pub subject_via: SubjectVia,
    /// Wire agencies the claim came on: named in its sentence or in the
    /// document's opening lines (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wires: Vec<String>,
    /// For a quantity that changes over time: the year it is given for, from
    /// a date in its sentence or else the publication date (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i32>,
}

/// A comparison key: kind, subject and qualifier.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    /// Claim kind.
    pub kind: String,
    /// Entity id.
    pub subject: String,
    /// Qualifiers.
    pub qualifier: Qualifier,
}

impl Claim {
    /// This claim's comparison key.
    pub fn key(&self) -> Key {
        Key {
            kind: self.kind.clone(),
            subject: self.subject.clone(),
            qualifier: self.qualifier.clone(),
        }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.kind, self.subject)?;
        for (name, value) in &self.qualifier {
            write!(f, " {name}={value}")?;
        }
        Ok(())
    }
}

/// Values written tersely, for the tests of every stage.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A number interval, `None` an open side.
    pub(crate) fn number(min: Option<f64>, max: Option<f64>) -> Value {
        Value::Number(NumberValue {
            min,
            max,
            approx: false,
        })
    }

    /// A date interval from (year, month, day) to (year, month, day).
    pub(crate) fn dates(from: (i32, u32, u32), to: (i32, u32, u32), p: Precision) -> Value {
        let day = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        Value::Date(DateValue::span(day(from), day(to), p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_serialize_as_in_the_contract() {
        let v = Value::Number(NumberValue {
            min: Some(1350.0),
            max: Some(1650.0),
            approx: true,
        });
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"min":1350,"max":1650,"approx":true}"#
        );
        let open = Value::Number(NumberValue {
            min: Some(35.0),
            max: None,
            approx: false,
        });
        assert_eq!(
            serde_json::to_string(&open).unwrap(),
            r#"{"min":35,"max":null}"#
        );
        assert_eq!(open.display(), ">35");
    }

    #[test]
    fn vague_quantities_display_their_interval_not_a_midpoint() {
        let about = |min, max| {
            Value::Number(NumberValue {
                min: Some(min),
                max: Some(max),
                approx: true,
            })
            .display()
        };
        assert_eq!(about(1350.0, 1650.0), "~1500");
        assert_eq!(about(20.0, 99.0), "20–99");
        assert_eq!(about(2000.0, 9999.0), "2000–9999");
    }

    #[test]
    fn a_widened_month_shows_its_days() {
        let day = |m, d| NaiveDate::from_ymd_opt(2017, m, d).unwrap();
        let month = Value::Date(DateValue::span(day(11, 1), day(11, 30), Precision::Month));
        assert_eq!(month.display(), "2017-11");
        let widened = Value::Date(DateValue::span(day(10, 31), day(11, 30), Precision::Month));
        assert_eq!(widened.display(), "2017-10-31..2017-11-30");
        let year = Value::Date(DateValue::span(day(1, 1), day(12, 31), Precision::Year));
        assert_eq!(year.display(), "2017");
    }

    #[test]
    fn values_round_trip() {
        let d = Value::Date(DateValue::span(
            NaiveDate::from_ymd_opt(2017, 10, 1).unwrap(),
            NaiveDate::from_ymd_opt(2017, 10, 31).unwrap(),
            Precision::Month,
        ));
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"from":"2017-10-01","to":"2017-10-31","precision":"month"}"#
        );
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), d);
        let n: Value = serde_json::from_str(r#"{"min":15,"max":15}"#).unwrap();
        assert_eq!(n, Value::Number(NumberValue::exact(15.0)));
    }
}
