//! When a document was published, to the day, the month or the year: what
//! relative dates in its text are resolved against.

use chrono::{Datelike, NaiveDate};

use crate::claim::Precision;

/// When a document was published, as precisely as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// First day it can be.
    pub first: NaiveDate,
    /// Last day it can be.
    pub last: NaiveDate,
    /// Day, month or year.
    pub precision: Precision,
}

impl Published {
    /// As it was given: `2017-09-01`, `2017-09` or `2017`.
    pub fn display(&self) -> String {
        match self.precision {
            Precision::Year => self.first.format("%Y").to_string(),
            Precision::Month => self.first.format("%Y-%m").to_string(),
            _ => self.first.format("%Y-%m-%d").to_string(),
        }
    }

    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(text: &str) -> Option<Published> {
        Published::read(text).ok()
    }

    /// [`parse`](Published::parse), saying why a date is refused: not one
    /// of the three forms, a year outside 1900–2100 (`4294967295-12-31` is
    /// refused, never wrapped round), or a day the calendar lacks.
    pub fn read(text: &str) -> Result<Published, String> {
        let form = || format!("`{text}` is not YYYY-MM-DD, YYYY-MM or YYYY");
        let parts: Vec<&str> = text.trim().split('-').collect();
        let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let year = parts
            .first()
            .and_then(|y| digits(y, 4..=4))
            .ok_or_else(form)? as i32;
        if !(1900..=2100).contains(&year) {
            return Err(format!("`{text}` has the year {year}, outside 1900–2100"));
        }
        let no_day = || format!("`{text}` is no day of the calendar");
        let (first, last, precision) = match parts[1..] {
            [m, d] => {
                let (m, d) = (
                    digits(m, 1..=2).ok_or_else(form)?,
                    digits(d, 1..=2).ok_or_else(form)?,
                );
                let day = NaiveDate::from_ymd_opt(year, m, d).ok_or_else(no_day)?;
                (day, day, Precision::Day)
            }
            [m] => {
                let m = digits(m, 1..=2).ok_or_else(form)?;
                let first = NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(no_day)?;
                (first, last_of_month(first), Precision::Month)
            }
            [] => {
                let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(no_day)?;
                let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(no_day)?;
                (first, last, Precision::Year)
            }
            _ => return Err(form()),
        };
        Ok(Published {
            first,
            last,
            precision,
        })
    }
}

/// The last day of `day`'s month.
pub fn last_of_month(day: NaiveDate) -> NaiveDate {
    let (y, m) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(day)
}
