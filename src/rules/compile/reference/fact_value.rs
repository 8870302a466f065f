//! A reference fact's value, checked while it is deserialized so the YAML
//! parser's line and column come with every error: a date must exist in
//! the calendar (`2017-02-30` does not) and fall in [`YEARS`], a number
//! must be finite, `from` may not come after `to` nor `min` exceed `max`,
//! and a value is a date or a number, never both.

use std::ops::RangeInclusive;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, de};

use crate::claim::{DateValue, NumberValue, Precision, Value};

/// Years a reference date may fall in: the facts are about modern wars,
/// and a year outside is a typo (`99999-07-10`).
pub const YEARS: RangeInclusive<i32> = 1900..=2100;

/// A `YYYY-MM-DD` date that exists, in [`YEARS`].
#[derive(Debug, Clone, Copy)]
struct CheckedDate(NaiveDate);

impl<'de> Deserialize<'de> for CheckedDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, day] = parts.as_slice() else {
            return Err(de::Error::custom(format!(
                "\"{text}\" is not a date written YYYY-MM-DD"
            )));
        };
        let (Ok(y), Ok(m), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), day.parse::<u32>())
        else {
            return Err(de::Error::custom(format!(
                "\"{text}\" is not a date written YYYY-MM-DD"
            )));
        };
        if !YEARS.contains(&y) {
            return Err(de::Error::custom(format!(
                "\"{text}\": year {y} is outside {}–{}",
                YEARS.start(),
                YEARS.end()
            )));
        }
        NaiveDate::from_ymd_opt(y, m, day)
            .map(CheckedDate)
            .ok_or_else(|| de::Error::custom(format!("\"{text}\" is not a day of the calendar")))
    }
}

/// A finite number (not `.nan`, not `.inf`).
#[derive(Debug, Clone, Copy)]
struct CheckedNumber(f64);

impl<'de> Deserialize<'de> for CheckedNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() {
            Ok(CheckedNumber(v))
        } else {
            let shown = if v.is_nan() { ".nan" } else { ".inf" };
            Err(de::Error::custom(format!(
                "\"{shown}\" is not a value: a number must be finite"
            )))
        }
    }
}

/// Every field either form of value may have, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    from: Option<CheckedDate>,
    to: Option<CheckedDate>,
    precision: Option<Precision>,
    expression: Option<String>,
    min: Option<CheckedNumber>,
    max: Option<CheckedNumber>,
    approx: Option<bool>,
}

impl RawValue {
    fn into_value<E: de::Error>(self) -> Result<Value, E> {
        let date = self.from.is_some() || self.to.is_some() || self.precision.is_some();
        let number = self.min.is_some() || self.max.is_some() || self.approx.is_some();
        match (date, number) {
            (true, true) => Err(E::custom(
                "a value is a date (from, to, precision) or a number (min, max), not both",
            )),
            (false, false) => Err(E::custom(
                "a value needs from/to/precision (a date) or min/max (a number)",
            )),
            (true, false) => self.into_date(),
            (false, true) => self.into_number(),
        }
    }

    fn into_date<E: de::Error>(self) -> Result<Value, E> {
        let precision = self
            .precision
            .ok_or_else(|| E::custom("a date value needs a `precision`"))?;
        let (from, to) = (self.from.map(|d| d.0), self.to.map(|d| d.0));
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(E::custom(format!(
                "\"{t}\" (to) comes before \"{f}\" (from)"
            )));
        }
        Ok(Value::Date(DateValue {
            from,
            to,
            precision,
            expression: self.expression,
        }))
    }

    fn into_number<E: de::Error>(self) -> Result<Value, E> {
        let (min, max) = (self.min.map(|n| n.0), self.max.map(|n| n.0));
        if let (Some(lo), Some(hi)) = (min, max)
            && lo > hi
        {
            return Err(E::custom(format!(
                "\"min: {lo}\" is more than \"max: {hi}\""
            )));
        }
        Ok(Value::Number(NumberValue {
            min,
            max,
            approx: self.approx.unwrap_or(false),
        }))
    }
}

/// Deserializes a reference fact's `value`, checked.
pub fn checked_value<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    RawValue::deserialize(d)?.into_value()
}
