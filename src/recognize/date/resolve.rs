//! Date expressions resolved to day intervals against the publication
//! date, only as far as its precision allows.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::forms::hijri_to_gregorian;
use super::{DateExpr, MonthPart};
use crate::claim::{DateValue, Precision};
use crate::corpus::{Published, last_of_month};

fn month_span(year: i32, month: u32) -> Option<DateValue> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(DateValue::span(
        first,
        last_of_month(first),
        Precision::Month,
    ))
}

fn year_span(year: i32) -> Option<DateValue> {
    Some(DateValue::span(
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
        Precision::Year,
    ))
}

fn part_span(first: NaiveDate, part: MonthPart) -> Option<DateValue> {
    let (from, to) = part.days(first)?;
    Some(DateValue::span(from, to, Precision::PartOfMonth))
}

/// Resolves an expression against the publication date; `None` when the
/// publication date is missing or too coarse for it.
pub fn resolve(expr: DateExpr, published: Option<&Published>) -> Option<DateValue> {
    let at_least = |p: Precision| published.filter(|pubd| pubd.precision <= p);
    match expr {
        DateExpr::Day {
            year: Some(y),
            month,
            day,
        } => {
            let d = NaiveDate::from_ymd_opt(y, month, day)?;
            Some(DateValue::span(d, d, Precision::Day))
        }
        DateExpr::Day {
            year: None,
            month,
            day,
        } => {
            let last = at_least(Precision::Month)?.last;
            let mut year = last.year();
            if (month, day) > (last.month(), last.day()) {
                year -= 1;
            }
            let d = NaiveDate::from_ymd_opt(year, month, day)?;
            Some(DateValue::span(d, d, Precision::Day))
        }
        DateExpr::Month {
            year: Some(y),
            month,
        } => month_span(y, month),
        DateExpr::Month { year: None, month } => {
            let last = at_least(Precision::Month)?.last;
            let year = if month <= last.month() {
                last.year()
            } else {
                last.year() - 1
            };
            month_span(year, month)
        }
        DateExpr::Year(y) => year_span(y),
        DateExpr::PartOfMonth { year, month, part } => {
            let whole = resolve(DateExpr::Month { year, month }, published)?;
            part_span(whole.from?, part)
        }
        DateExpr::PartOfMonthsAgo(n, part) => {
            let whole = resolve(DateExpr::MonthsAgo(n), published)?;
            part_span(whole.from?, part)
        }
        DateExpr::InYearsAgo {
            years_ago,
            month,
            day,
            part,
        } => {
            let year = Some(published_year(published)? - years_ago);
            let expr = match (day, part) {
                (Some(day), _) => DateExpr::Day { year, month, day },
                (None, Some(part)) => DateExpr::PartOfMonth { year, month, part },
                (None, None) => DateExpr::Month { year, month },
            };
            resolve(expr, None)
        }
        DateExpr::Hijri { year, month, day } => {
            let centre = hijri_to_gregorian(year, month, day)?;
            Some(DateValue::span(
                centre.pred_opt()?,
                centre.succ_opt()?,
                Precision::Day,
            ))
        }
        relative => back_from(relative, published),
    }
}

/// The year of publication, when it is known to the year.
fn published_year(published: Option<&Published>) -> Option<i32> {
    published
        .filter(|p| p.first.year() == p.last.year())
        .map(|p| p.first.year())
}

/// «اليوم», «أمس», «يوم الجمعة» against a publication date known only to
/// the month or the year: that month (year). A day at most a week back
/// could fall in the month before, but seldom does (at most a week in
/// thirty); the wider interval would make every outlet's «أمس» in a May
/// article merely compatible with another's "in May" rather than agree.
fn coarse_back(published: Option<&Published>) -> Option<DateValue> {
    let p = published.filter(|p| p.precision != Precision::Day)?;
    Some(DateValue::span(p.first, p.last, p.precision))
}

/// A date counted back from publication: a weekday, days, weeks, months
/// or years ago.
fn back_from(expr: DateExpr, published: Option<&Published>) -> Option<DateValue> {
    let at_least = |p: Precision| published.filter(|pubd| pubd.precision <= p);
    match expr {
        DateExpr::Weekday(_) if at_least(Precision::Day).is_none() => coarse_back(published),
        DateExpr::NamedDay(..) if at_least(Precision::Day).is_none() => coarse_back(published),
        DateExpr::NamedDay(_, w) => back_from(DateExpr::Weekday(w), published),
        DateExpr::DaysAgo(_) if at_least(Precision::Day).is_none() => coarse_back(published),
        DateExpr::Weekday(w) => {
            let day = at_least(Precision::Day)?.first;
            let back = (7 + day.weekday().num_days_from_monday() - w.num_days_from_monday()) % 7;
            let d = day.checked_sub_days(Days::new(back.into()))?;
            Some(DateValue::span(d, d, Precision::Day))
        }
        DateExpr::DaysAgo(n) => {
            let d = at_least(Precision::Day)?
                .first
                .checked_sub_days(Days::new(n))?;
            Some(DateValue::span(d, d, Precision::Day))
        }
        DateExpr::LastWeek => {
            // The seven days before publication: calendars start the week
            // on Saturday, Sunday or Monday depending on the country and
            // the outlet, and "last week" in a Monday paper reaches back to
            // the Monday before; the rolling week holds most readings.
            let day = at_least(Precision::Day)?.first;
            let from = day.checked_sub_days(Days::new(7))?;
            Some(DateValue::span(from, day.pred_opt()?, Precision::Week))
        }
        DateExpr::AboutDaysAgo(n) => {
            let day = at_least(Precision::Day)?.first;
            let centre = day.checked_sub_days(Days::new(n))?;
            let give = Days::new(n.div_ceil(4).max(1));
            Some(DateValue::span(
                centre.checked_sub_days(give)?,
                centre.checked_add_days(give)?.min(day),
                Precision::Week,
            ))
        }
        DateExpr::WeeksAgo(n) => {
            let day = at_least(Precision::Day)?.first;
            let centre = day.checked_sub_days(Days::new(7 * u64::from(n)))?;
            Some(DateValue::span(
                centre.checked_sub_days(Days::new(3))?,
                centre.checked_add_days(Days::new(3))?,
                Precision::Week,
            ))
        }
        DateExpr::MonthsAgo(n) => {
            let first = at_least(Precision::Month)?.first.with_day(1)?;
            let month = first.checked_sub_months(Months::new(n))?;
            month_span(month.year(), month.month())
        }
        DateExpr::YearsAgo(n) => year_span(at_least(Precision::Year)?.first.year() - n),
        _ => None,
    }
}
