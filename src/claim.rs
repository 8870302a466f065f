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
    /// A short hash of what the claim says ([`Claim::stable_id`]): the same
    /// claim keeps it across runs, rule changes that do not touch it and
    /// corpus order (extension: CLAIMS.md's ids were positions).
    pub id: String,
    /// `doc#n`, n counting from 1 in text order: the claim's position,
    /// which shifts when a rule finds one claim more or less before it
    /// (extension; `ref` in JSON).
    #[serde(rename = "ref", default, skip_serializing_if = "String::is_empty")]
    pub position: String,
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
    /// The content id: 12 hex digits of a 64-bit FNV-1a hash of the
    /// document id, kind, subject, qualifier, value and the span's text,
    /// each written out with its length so no two claims' fields can run
    /// together. Its own code, not `std`'s hasher, so the id stays the same
    /// across Rust versions and machines.
    pub fn stable_id(&self) -> String {
        let value = serde_json::to_string(&self.value).unwrap_or_default();
        let mut hash = Fnv::new();
        for field in [&self.doc, &self.kind, &self.subject] {
            hash.field(field.as_bytes());
        }
        for (name, v) in &self.qualifier {
            hash.field(name.as_bytes());
            hash.field(v.as_bytes());
        }
        hash.field(value.as_bytes());
        hash.field(self.quote.as_bytes());
        format!("{:012x}", hash.finish() >> 16)
    }

    /// This claim's comparison key.
    pub fn key(&self) -> Key {
        Key {
            kind: self.kind.clone(),
            subject: self.subject.clone(),
            qualifier: self.qualifier.clone(),
        }
    }
}

/// FNV-1a, 64 bits: small, fixed, and the same everywhere (the store
/// hashes documents and rule files with it too).
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The hash with its bits mixed (the finalizer of splitmix64), so the
    /// top 48 kept depend on every byte.
    pub(crate) fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A field with its length first.
    pub(crate) fn field(&mut self, bytes: &[u8]) {
        self.bytes(&(bytes.len() as u64).to_le_bytes());
        self.bytes(bytes);
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

    /// A claim of `kind` on `subject` in document `d` by outlet `X`, the
    /// value 10, everything else empty: tests set what they look at.
    pub(crate) fn claim(id: &str, kind: &str, subject: &str) -> Claim {
        Claim {
            id: id.into(),
            position: String::new(),
            doc: "d".into(),
            outlet: "X".into(),
            kind: kind.into(),
            subject: subject.into(),
            qualifier: Qualifier::new(),
            value: number(Some(10.0), Some(10.0)),
            span: [0, 1],
            quote: String::new(),
            sentence: String::new(),
            rule: String::new(),
            speaker: None,
            subject_match: None,
            subject_via: SubjectVia::Sentence,
            wires: Vec::new(),
            as_of: None,
        }
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

    const PINNED_ID: &str = "9805ca503daa";

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

    fn sample() -> Claim {
        serde_json::from_value(serde_json::json!({
            "id": "", "doc": "004", "outlet": "Diyaruna", "kind": "event_date",
            "subject": "husaybah", "qualifier": {"event": "liberation"},
            "value": {"from": "2017-11-03", "to": "2017-11-03", "precision": "day"},
            "span": [1234, 1302], "quote": "يوم الجمعة، 3 تشرين الثاني/نوفمبر",
            "sentence": "…", "rule": "rules/claims/dates.yaml#liberation", "speaker": null
        }))
        .unwrap()
    }

    #[test]
    fn the_stable_id_hashes_what_the_claim_says_and_nothing_else() {
        let claim = sample();
        let id = claim.stable_id();
        assert_eq!(id.len(), 12);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        // Where it was found and by which rule do not change it…
        let mut moved = claim.clone();
        moved.span = [1, 69];
        moved.position = "004#9".into();
        moved.sentence = "another sentence".into();
        moved.rule = "rules/claims/other.yaml#x".into();
        moved.speaker = Some("someone".into());
        moved.outlet = "Renamed".into();
        assert_eq!(moved.stable_id(), id);
        // …what it says does.
        let changes: [fn(&mut Claim); 6] = [
            |c| c.doc = "005".into(),
            |c| c.kind = "fighter_count".into(),
            |c| c.subject = "al-qaim".into(),
            |c| {
                c.qualifier.insert("event".into(), "entry".into());
            },
            |c| c.value = testing::dates((2017, 11, 4), (2017, 11, 4), Precision::Day),
            |c| c.quote.push('.'),
        ];
        for change in changes {
            let mut other = claim.clone();
            change(&mut other);
            assert_ne!(other.stable_id(), id, "{other:?}");
        }
        // Fields cannot run into each other.
        let mut a = claim.clone();
        let mut b = claim.clone();
        (a.doc, a.kind) = ("00".into(), "4event_date".into());
        (b.doc, b.kind) = ("004".into(), "event_date".into());
        assert_ne!(a.stable_id(), b.stable_id());
    }

    #[test]
    fn the_stable_id_does_not_change_between_versions() {
        // Computed once; a change here re-labels every saved claim and
        // orphans every review.yaml correction.
        assert_eq!(sample().stable_id(), PINNED_ID);
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
