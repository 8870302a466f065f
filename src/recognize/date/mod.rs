//! Dates as Arabic news prints them, resolved to day intervals against the
//! publication date, only as far as its precision allows.
//!
//! Both month systems (Levantine/Iraqi `تشرين الأول`, transliterated
//! `أكتوبر`, Maghrebi `أوت`) and their combined form `تشرين الثاني/نوفمبر`,
//! numeric dates, years after a cue word (`عام 2014`), weekdays
//! (`يوم الجمعة`) and relative expressions (`أمس`, `الأسبوع الماضي`).

mod forms;
mod resolve;
mod words;

use std::ops::Range;

use chrono::{Datelike, NaiveDate, Weekday};

pub use resolve::resolve;

use crate::corpus::last_of_month;
use crate::text::{FastMap, TokenKind, Tokenized, any_stem};
use forms::{explicit_at, ordinal_day_at, part_of_month_at, span_ago_at};
pub use words::{DateTables, DateWords, SpanUnit};

/// A date expression before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// Day and month, with the year where the text gives it.
    Day {
        /// The year, where given.
        year: Option<i32>,
        /// 1–12.
        month: u32,
        /// 1–31.
        day: u32,
    },
    /// A month, with the year where the text gives it.
    Month {
        /// The year, where given.
        year: Option<i32>,
        /// 1–12.
        month: u32,
    },
    /// A year.
    Year(i32),
    /// «يوم الجمعة»: the most recent such weekday.
    Weekday(Weekday),
    /// «اليوم» (0), «أمس» (1), «أول أمس» (2).
    DaysAgo(u64),
    /// «اليوم الأربعاء», «أمس الثلاثاء»: a relative day that names its
    /// weekday. Against a publication day the weekday decides (a paper
    /// dated the morning after still says «اليوم» of the day it was
    /// written); against a publication month, the relative day does.
    NamedDay(u64, Weekday),
    /// «الأسبوع الماضي».
    LastWeek,
    /// «قبل نحو ثلاثة أيام», "about ten days ago": the day that many days
    /// back, give or take a quarter of them (at least one).
    AboutDaysAgo(u64),
    /// «قبل أسبوعين», "two weeks ago": the day that many weeks back, ±3 days.
    WeeksAgo(u32),
    /// «منتصف حزيران», "late May": a part of a month, with the year where given.
    PartOfMonth {
        /// The year, where given.
        year: Option<i32>,
        /// 1–12.
        month: u32,
        /// Which third.
        part: MonthPart,
    },
    /// «نهاية الشهر الماضي»: a part of the month that many months back.
    PartOfMonthsAgo(u32, MonthPart),
    /// «هذا الشهر» (0), «الشهر الماضي» (1).
    MonthsAgo(u32),
    /// «هذا العام» (0), «العام الماضي» (1).
    YearsAgo(i32),
    /// «حزيران من العام الماضي», "June last year", «31 أيار من العام
    /// الجاري»: a day, a month or a part of one in the year that many
    /// years before publication.
    InYearsAgo {
        /// 0 this year, 1 last year.
        years_ago: i32,
        /// 1–12.
        month: u32,
        /// The day, where given.
        day: Option<u32>,
        /// The part of the month, where given.
        part: Option<MonthPart>,
    },
    /// A date whose year is written outside the years of the news
    /// ([`YEARS`]): «31 كانون الأول 1899». Refused, never resolved: the
    /// caller warns, and no other year is put in its place.
    YearOutOfRange(i32),
    /// A Hijri day, resolved to its Gregorian day give or take one.
    Hijri {
        /// Hijri year.
        year: i32,
        /// 1 (محرم) to 12 (ذو الحجة).
        month: u32,
        /// 1–30.
        day: u32,
    },
}

/// Early (days 1–10), mid (11–20) or late (21 to the end) in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthPart {
    /// «مطلع», «أوائل», «بداية», "early", "the beginning of".
    Early,
    /// «منتصف», «أواسط», "mid", "the middle of".
    Mid,
    /// «نهاية», «أواخر», «آخر», "late", "the end of".
    Late,
}

impl MonthPart {
    /// The first and last day of this part of the month that starts on `first`.
    fn days(self, first: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let day = |d: u32| first.with_day(d);
        match self {
            MonthPart::Early => Some((first, day(10)?)),
            MonthPart::Mid => Some((day(11)?, day(20)?)),
            MonthPart::Late => Some((day(21)?, last_of_month(first))),
        }
    }
}

/// A date found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Token range.
    pub tokens: Range<usize>,
    /// What it says.
    pub expr: DateExpr,
}

/// The years a date in the news may have; a year written outside them
/// («1899», «2150») refuses its date rather than be replaced.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Four digits at `at`, read as the year they write: `Ok` within
/// [`YEARS`], `Err` outside.
pub(super) fn written_year(
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
) -> Option<Result<i32, i32>> {
    if at >= end || tokens.tokens[at].kind != TokenKind::Number {
        return None;
    }
    let t = tokens.text(text, at);
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = t.parse().ok()?;
    Some(if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(year)
    })
}

pub(super) fn day_at(text: &str, tokens: &Tokenized, at: usize) -> Option<u32> {
    if tokens.tokens[at].kind != TokenKind::Number {
        return None;
    }
    let t = tokens.text(text, at);
    let day: u32 = t.parse().ok()?;
    (t.len() <= 2 && (1..=31).contains(&day)).then_some(day)
}

/// A month name (and its twin in the other system) at `at`: (month, end, ambiguous).
pub(super) fn month_at(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
) -> Option<(u32, usize, bool)> {
    let first = t.months.longest_at(text, tokens, at, end)?;
    let month = first.value.month;
    let mut stop = first.tokens.end;
    let mut ambiguous = first.value.ambiguous;
    // «تشرين الثاني/نوفمبر»: the slash is gone, the twin remains.
    if let Some(twin) = t
        .months
        .matches_at(text, tokens, stop, end)
        .into_iter()
        .filter(|m| m.value.month == month)
        .max_by_key(|m| m.tokens.end)
    {
        stop = twin.tokens.end;
        ambiguous = false;
    }
    Some((month, stop, ambiguous))
}

/// The first token at or after `at` that is none of `words` (each may
/// stand once, in order).
pub(super) fn skip_words(
    text: &str,
    tokens: &Tokenized,
    mut at: usize,
    end: usize,
    words: &[&str],
) -> usize {
    for word in words {
        if at + 1 < end && tokens.text(text, at) == *word {
            at += 1;
        }
    }
    at
}

/// Does a part-of-month cue («منتصف», "mid", "the end of") stand just
/// before `at`? It makes an ambiguous month name («آب», "March") a month.
pub(super) fn after_part_cue(t: &DateTables, text: &str, tokens: &Tokenized, at: usize) -> bool {
    let mut cue = at;
    while cue > 0 && matches!(tokens.text(text, cue - 1), "of" | "the") {
        cue -= 1;
    }
    cue > 0 && t.parts.any_at(text, tokens, cue - 1, at)
}

/// «يوم الجمعة», «الاثنين»: a weekday (or the calendar date after it);
/// `from` is past a lead word («يوم») at `at`.
fn weekday_at(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    at: usize,
    from: usize,
    end: usize,
) -> Option<DateMention> {
    let day = t.weekdays.find_at(text, tokens, from, end, |_| true)?;
    let stop = day.tokens.end;
    // «يوم الجمعة، 3 تشرين الثاني»: the calendar date decides.
    if stop < end
        && let Some(found) = explicit_at(t, text, tokens, stop, end)
    {
        return Some(DateMention {
            tokens: at..found.tokens.end,
            expr: found.expr,
        });
    }
    // «الاثنين» is also «two»: it counts a dual noun before it («البلدين
    // الاثنين») or people after it («الاثنين من الجنود»); else it is Monday.
    let two = *day.value == Weekday::Mon
        && from == at
        && ((from > 0 && {
            let before = tokens.text(text, from - 1);
            before.ends_with("ين") || before.ends_with("ان")
        }) || (stop < end && matches!(tokens.text(text, stop), "من" | "منهم" | "معا")));
    (!two).then_some(DateMention {
        tokens: at..stop,
        expr: DateExpr::Weekday(*day.value),
    })
}

/// «اليوم الخميس», «أمس الثلاثاء», "yesterday (Tuesday)": a weekday
/// right after a relative day names the same day, so the mention takes it
/// in as a [`DateExpr::NamedDay`]. Returns the end of the mention and what
/// it says.
fn named_day_after(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    stop: usize,
    end: usize,
    expr: DateExpr,
) -> (usize, DateExpr) {
    let DateExpr::DaysAgo(n @ 0..=2) = expr else {
        return (stop, expr);
    };
    let has_lead = stop + 1 < end && any_stem(tokens.text(text, stop), |s| t.leads.contains_key(s));
    let from = stop + usize::from(has_lead);
    t.weekdays
        .longest_at(text, tokens, from, end)
        .map_or((stop, expr), |day| {
            (day.tokens.end, DateExpr::NamedDay(n, *day.value))
        })
}

pub(super) fn date_at(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
) -> Option<DateMention> {
    let word = tokens.text(text, at);
    let has_stem = |i: usize, list: &FastMap<String, ()>| {
        any_stem(tokens.text(text, i), |s| list.contains_key(s))
    };
    // «يوم …» and «شهر …» belong to the date that follows, as does the
    // article glued to digits («ال17 من أكتوبر», «الـ 31»).
    let lead = usize::from(at + 1 < end && (has_stem(at, &t.leads) || word == "ال"));
    let from = at + lead;
    if let Some(found) = ordinal_day_at(t, text, tokens, from, end)
        .or_else(|| part_of_month_at(t, text, tokens, from, end))
        .or_else(|| span_ago_at(t, text, tokens, from, end))
    {
        return Some(DateMention {
            tokens: at..found.tokens.end,
            ..found
        });
    }
    if let Some(found) = explicit_at(t, text, tokens, from, end) {
        return Some(DateMention {
            tokens: at..found.tokens.end,
            ..found
        });
    }
    let rel_from = if has_stem(at, &t.times_of_day) && at + 1 < end {
        at + 1
    } else {
        at
    };
    if let Some(rel) = t.relative.longest_at(text, tokens, rel_from, end) {
        let (stop, expr) = named_day_after(t, text, tokens, rel.tokens.end, end, *rel.value);
        return Some(DateMention {
            tokens: at..stop,
            expr,
        });
    }
    if let Some(found) = weekday_at(t, text, tokens, at, from, end) {
        return Some(found);
    }
    if has_stem(at, &t.year_cues)
        && let Some(year) = written_year(text, tokens, at + 1, end)
    {
        // «في 1500 غارة» is a count; «عام 1899» a year, refused.
        let expr = match year {
            Ok(year) => DateExpr::Year(year),
            Err(year) if forms::YEAR_NOUNS.contains(&word) => DateExpr::YearOutOfRange(year),
            Err(_) => return None,
        };
        return Some(DateMention {
            tokens: at..at + 2,
            expr,
        });
    }
    None
}

/// Every date in a token range, left to right, without overlap, read with
/// the word tables `t`.
pub fn find_dates(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    range: Range<usize>,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    let starters = &t.starters;
    let mut at = range.start;
    while at < range.end {
        let could_start = tokens.tokens[at].kind == TokenKind::Number
            || match tokens.masks.get(at) {
                Some(mask) => mask & super::bits::DATE_START != 0,
                None => any_stem(tokens.text(text, at), |s| starters.contains_key(s)),
            };
        if !could_start {
            at += 1;
            continue;
        }
        match date_at(t, text, tokens, at, range.end) {
            Some(found) => {
                at = found.tokens.end;
                out.push(found);
            }
            None => at += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests;
