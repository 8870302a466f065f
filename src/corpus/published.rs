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

/// Arabic-Indic and Persian digits as ASCII ones («٣١/٠٨/٢٠١٧»).
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect()
}

impl Published {
    /// A day's publication date.
    fn day(first: NaiveDate) -> Published {
        Published {
            first,
            last: first,
            precision: Precision::Day,
        }
    }

    /// Reads a publication date in any numeric form a desk writes: the ISO
    /// forms of [`read`](Published::read), `YYYY/MM/DD`, and `DD/MM/YYYY`
    /// (`/`, `.` or `-` between, any digit script). Where a form is
    /// ambiguous (`03/04/2017`: 3 April or 4 March?) the day comes first,
    /// as the Arab and European press write it, and the note says so; a
    /// form only month-first can be (`08/31/2017`) is read so, and noted.
    pub fn read_given(text: &str) -> Result<(Published, Option<String>), String> {
        let refused = match Published::read(text) {
            Ok(p) => return Ok((p, None)),
            Err(why) => why,
        };
        let ascii = ascii_digits(text.trim());
        let parts: Vec<&str> = ascii.split(['/', '.', '-']).collect();
        let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let [a, b, c] = parts[..] else {
            return Err(refused);
        };
        let no_day = || format!("`{text}` is no day of the calendar");
        if let (Some(y), Some(m), Some(d)) = (number(a, 4..=4), number(b, 1..=2), number(c, 1..=2))
        {
            let iso = format!("{y:04}-{m:02}-{d:02}");
            return Published::read(&iso).map(|p| (p, None));
        }
        let (Some(x), Some(y), Some(year)) = (number(a, 1..=2), number(b, 1..=2), number(c, 4..=4))
        else {
            return Err(format!("`{text}` is not YYYY-MM-DD, YYYY-MM or YYYY"));
        };
        if !(1900..=2100).contains(&(year as i32)) {
            return Err(format!("`{text}` has the year {year}, outside 1900–2100"));
        }
        let date = |m, d| NaiveDate::from_ymd_opt(year as i32, m, d);
        let (day, note) = match (date(y, x), date(x, y)) {
            (Some(day), Some(other)) if day != other => (
                day,
                Some(format!(
                    "publication date `{text}` read as {day} (day/month/year); if it is month/day, write {other}"
                )),
            ),
            (Some(day), _) => (day, None),
            (None, Some(day)) => (
                day,
                Some(format!(
                    "publication date `{text}` read as {day} (month/day/year: no month {y})"
                )),
            ),
            (None, None) => return Err(no_day()),
        };
        Ok((Published::day(day), note))
    }
}

/// Reads a publication date written in words («31 آب 2017», "31 August
/// 2017", «آب 2017»). The month names are the rules' (rules/languages/),
/// so the stage that has them hands a reader to the corpus.
pub trait ReadsDates {
    /// The date `text` writes, whole, to the day, month or year.
    fn date(&self, text: &str) -> Option<Published>;
}

/// Reads no date in words: only the numeric forms are known.
pub struct NoDateWords;

impl ReadsDates for NoDateWords {
    fn date(&self, _: &str) -> Option<Published> {
        None
    }
}

/// A publication date as given: a numeric form ([`Published::read_given`],
/// with its note where the form is ambiguous) or words `dates` reads.
pub(super) fn publication(
    text: &str,
    dates: &dyn ReadsDates,
) -> Result<(Published, Option<String>), String> {
    let refused = match Published::read_given(text) {
        Ok(read) => return Ok(read),
        Err(why) => why,
    };
    let refused = if refused.contains("is not YYYY-MM-DD") {
        format!(
            "`{text}` is not YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY, YYYY/MM/DD or a date in words (31 August 2017, «31 آب 2017»)"
        )
    } else {
        refused
    };
    dates.date(text).map(|p| (p, None)).ok_or(refused)
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
