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
        let parts: Vec<&str> = text.trim().split('-').collect();
        let num = |s: &str| s.parse::<u32>().ok();
        match parts.as_slice() {
            [y, m, d] => {
                let day = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)?;
                Some(Published {
                    first: day,
                    last: day,
                    precision: Precision::Day,
                })
            }
            [y, m] => {
                let first = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1)?;
                Some(Published {
                    first,
                    last: last_of_month(first),
                    precision: Precision::Month,
                })
            }
            [y] if y.len() == 4 => {
                let year = num(y)? as i32;
                Some(Published {
                    first: NaiveDate::from_ymd_opt(year, 1, 1)?,
                    last: NaiveDate::from_ymd_opt(year, 12, 31)?,
                    precision: Precision::Year,
                })
            }
            _ => None,
        }
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
