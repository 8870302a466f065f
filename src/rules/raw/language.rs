//! `rules/languages/*.yaml` as written: the words numbers and dates are
//! read with in one language, and examples that show them at work.
//!
//! Month and day numbers, number-word kinds and their values are checked
//! while the file is read, so a wrong one comes with its line and column;
//! duplicates across tables and files are checked by `compile`.

use std::collections::BTreeMap;

use serde::{Deserialize, de};

use super::Phrase;
use crate::claim::{DateValue, NumberValue};

/// `rules/languages/*.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    /// ISO 639-1 code: `ar`, `en`, `fr`.
    pub language: LanguageCode,
    /// The words dates are read with.
    #[serde(default)]
    pub dates: DatesRaw,
    /// The words numbers are read with.
    #[serde(default)]
    pub numbers: NumbersRaw,
    /// Texts with the dates and numbers they must give.
    pub examples: Vec<LanguageExample>,
}

/// A language code: two or three lower-case ASCII letters.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct LanguageCode(pub String);

impl TryFrom<String> for LanguageCode {
    type Error = String;

    fn try_from(code: String) -> Result<LanguageCode, String> {
        if (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase()) {
            Ok(LanguageCode(code))
        } else {
            Err(format!(
                "language \"{code}\" is not a code of two or three lower-case letters (ar, en, fr)"
            ))
        }
    }
}

/// A whole number within `MIN..=MAX`, checked as it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "u32")]
pub struct Bounded<const MIN: u32, const MAX: u32>(pub u32);

impl<const MIN: u32, const MAX: u32> TryFrom<u32> for Bounded<MIN, MAX> {
    type Error = String;

    fn try_from(n: u32) -> Result<Self, String> {
        if (MIN..=MAX).contains(&n) {
            Ok(Bounded(n))
        } else {
            Err(format!("{n} is not between {MIN} and {MAX}"))
        }
    }
}

impl<const MIN: u32, const MAX: u32> From<Bounded<MIN, MAX>> for u32 {
    fn from(n: Bounded<MIN, MAX>) -> u32 {
        n.0
    }
}

/// A month number, 1–12.
pub type MonthNumber = Bounded<1, 12>;
/// A day of a month, 1–31.
pub type DayNumber = Bounded<1, 31>;
/// How many units a word says, or how far back it points.
pub type Count = Bounded<0, 400>;

/// Names by number: `1: [كانون الثاني, يناير]`.
pub type Numbered<K> = BTreeMap<K, Vec<Phrase>>;

/// The date words of one language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatesRaw {
    /// Month names by month number.
    pub months: Numbered<MonthNumber>,
    /// Month names that are also ordinary words («آب», "May").
    pub ambiguous_months: Vec<Phrase>,
    /// Hijri month names by number (1 = محرم).
    pub hijri_months: Numbered<MonthNumber>,
    /// Weekday names.
    pub weekdays: WeekdaysRaw,
    /// Words for a day, week, month or year counted back from publication.
    pub relative: RelativeRaw,
    /// Words before a bare year that make it one («عام 2014», "in 2015").
    pub year_cues: Vec<Phrase>,
    /// Words narrowing a month to a third of it.
    pub month_parts: MonthPartsRaw,
    /// Ordinal days by day («العاشر من حزيران»).
    pub ordinal_days: Numbered<DayNumber>,
    /// Words before a span back in time («قبل», «منذ»).
    pub span_cues: Vec<Phrase>,
    /// Words after a span back in time ("ago").
    pub span_ago: Vec<Phrase>,
    /// Span units, each by how many units the word says (a dual says 2).
    pub span_units: SpanUnitsRaw,
    /// Small counts of a span written as words.
    pub span_counts: Numbered<Count>,
    /// Times of day before a relative day («فجر أمس»).
    pub times_of_day: Vec<Phrase>,
    /// Words belonging to the date after them («يوم», "on").
    pub leads: Vec<Phrase>,
    /// Words before which an ambiguous month name is a month ("in May").
    #[serde(default)]
    pub month_cues: Vec<Phrase>,
}

/// Weekday names.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct WeekdaysRaw {
    pub saturday: Vec<Phrase>,
    pub sunday: Vec<Phrase>,
    pub monday: Vec<Phrase>,
    pub tuesday: Vec<Phrase>,
    pub wednesday: Vec<Phrase>,
    pub thursday: Vec<Phrase>,
    pub friday: Vec<Phrase>,
}

/// Relative days, weeks, months and years.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RelativeRaw {
    /// By how many days back: 0 today, 1 yesterday.
    pub days_ago: Numbered<Count>,
    /// The calendar week before publication.
    pub last_week: Vec<Phrase>,
    /// By how many months back: 0 this month.
    pub months_ago: Numbered<Count>,
    /// By how many years back: 0 this year.
    pub years_ago: Numbered<Count>,
}

/// Parts of a month.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MonthPartsRaw {
    /// Days 1–10.
    pub early: Vec<Phrase>,
    /// Days 11–20.
    pub mid: Vec<Phrase>,
    /// Day 21 to the end.
    pub late: Vec<Phrase>,
}

/// Span units, each a table of words by the count they say.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct SpanUnitsRaw {
    pub day: Numbered<Count>,
    pub week: Numbered<Count>,
    pub month: Numbered<Count>,
    pub year: Numbered<Count>,
}

/// The number words of one language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NumbersRaw {
    /// Approximators: ± the approximation tolerance.
    pub about: Vec<Phrase>,
    /// Lower bounds: open above.
    pub more_than: Vec<Phrase>,
    /// Upper bounds: open below.
    pub at_most: Vec<Phrase>,
    /// Words opening a range («بين»).
    pub between: Vec<Phrase>,
    /// Words joining a range's bounds after `between` («و», "and").
    pub and: Vec<Phrase>,
    /// Words joining two numbers into a range («إلى», "to").
    pub to: Vec<Phrase>,
    /// Number words, in groups of one kind and value.
    pub words: Vec<NumberWordsRaw>,
    /// Words before a clock time («الساعة»): its digits are no count.
    pub clock_before: Vec<Phrase>,
    /// Words after a clock time («ت غ», "GMT", "pm").
    pub clock_after: Vec<Phrase>,
}

/// What a group of number words is: see [`crate::recognize::NumberWord`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberWordKind {
    /// 1–9, which a following ten, hundred or scale multiplies or adds to.
    Unit,
    /// «عشر»: 10 alone, or the second half of a teen.
    Ten,
    /// A value added whole: tens, hundreds, English teens.
    Whole,
    /// A multiplier: thousand, million.
    Scale,
    /// Two of a scale: «ألفين».
    Dual,
    /// A plural of magnitude: «عشرات», "thousands".
    Plural,
    /// A fraction: «ثلث», "half".
    Fraction,
    /// "several": a few of the scale after it.
    Several,
}

/// One group of number words as written.
#[derive(Debug, Deserialize)]
#[serde(try_from = "NumberWordsShape")]
pub struct NumberWordsRaw {
    /// The kind.
    pub kind: NumberWordKind,
    /// The value: none for `ten` and `several`.
    pub value: Option<f64>,
    /// The words.
    pub words: Vec<Phrase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumberWordsShape {
    kind: NumberWordKind,
    #[serde(default)]
    value: Option<Quantity>,
    words: Vec<Phrase>,
}

/// A number as written: `1000`, `0.5` or `1/3`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Quantity {
    Number(f64),
    Ratio(String),
}

impl Quantity {
    fn value(&self) -> Result<f64, String> {
        let value = match self {
            Quantity::Number(v) => Some(*v),
            Quantity::Ratio(text) => text.split_once('/').and_then(|(a, b)| {
                let (a, b) = (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?);
                (b != 0.0).then(|| a / b)
            }),
        };
        value
            .filter(|v| v.is_finite() && *v > 0.0)
            .ok_or_else(|| format!("value \"{self:?}\" is not a positive number or ratio (1/3)"))
    }
}

impl TryFrom<NumberWordsShape> for NumberWordsRaw {
    type Error = String;

    fn try_from(raw: NumberWordsShape) -> Result<NumberWordsRaw, String> {
        let needs_value = !matches!(raw.kind, NumberWordKind::Ten | NumberWordKind::Several);
        let value = raw.value.as_ref().map(Quantity::value).transpose()?;
        match (needs_value, value) {
            (true, None) => Err(format!(
                "number words of kind {:?} need a `value`",
                raw.kind
            )),
            (false, Some(_)) => Err(format!(
                "number words of kind {:?} take no `value`",
                raw.kind
            )),
            _ => Ok(NumberWordsRaw {
                kind: raw.kind,
                value,
                words: raw.words,
            }),
        }
    }
}

/// A language example: a text and the dates and numbers read from it, in
/// order (numbers are those outside dates).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageExample {
    /// The text.
    pub text: String,
    /// Publication date for relative dates (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
    #[serde(default)]
    pub published: Option<String>,
    /// The dates, when the example checks them.
    #[serde(default)]
    pub dates: Option<Vec<ExpectedDate>>,
    /// The numbers, when the example checks them.
    #[serde(default)]
    pub numbers: Option<Vec<ExpectedNumber>>,
}

/// An expected number: `15` (exactly), or `{min, max, approx}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedNumber(pub NumberValue);

impl<'de> Deserialize<'de> for ExpectedNumber {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Exact(f64),
            Full(NumberValue),
        }
        Ok(ExpectedNumber(match Shape::deserialize(d)? {
            Shape::Exact(v) => NumberValue::exact(v),
            Shape::Full(value) => value,
        }))
    }
}

/// An expected date: `2016-03-27` (a day), `2016-03` (a month), `2016` (a
/// year), or `{from, to, precision}` for anything else.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedDate(pub DateValue);

impl<'de> Deserialize<'de> for ExpectedDate {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Short(String),
            Year(i32),
            Full(DateValue),
        }
        let short = |text: &str| {
            crate::corpus::Published::parse(text)
                .map(|p| DateValue::span(p.first, p.last, p.precision))
        };
        let value = match Shape::deserialize(d)? {
            Shape::Full(value) => Some(value),
            Shape::Year(year) => short(&year.to_string()),
            Shape::Short(text) => short(&text),
        };
        value.map(ExpectedDate).ok_or_else(|| {
            de::Error::custom("a date is YYYY-MM-DD, YYYY-MM, YYYY or {from, to, precision}")
        })
    }
}
