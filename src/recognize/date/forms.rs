//! The date forms read at a token: numeric, day-month-year and month-year
//! in both month systems, Hijri dates, parts of months, ordinal days and
//! spans back in time.

use chrono::NaiveDate;

use super::words::{DateTables, SpanUnit};
use super::{
    DateExpr, DateMention, YEARS, after_part_cue, date_at, day_at, month_at, skip_words,
    written_year,
};

/// The nouns that say the number after them is a year: «عام 1899» is a
/// year (refused), where «في 1500 غارة» is a count.
pub(super) const YEAR_NOUNS: [&str; 5] = ["عام", "العام", "سنه", "السنه", "year"];
use crate::text::{TokenKind, Tokenized, any_stem, normalize_phrase};

/// «31/8/2017», «2017-08-31»: a numeric date, day first or year first.
fn numeric_at(text: &str, tokens: &Tokenized, at: usize) -> Option<DateMention> {
    let word = tokens.text(text, at);
    if tokens.tokens[at].kind != TokenKind::Number || !word.contains(['/', '-']) {
        return None;
    }
    let written: Vec<&str> = word.split(['/', '-']).collect();
    let parts: Vec<u32> = written
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let four = |i: usize| written[i].len() == 4;
    let (y, m, d) = match parts.as_slice() {
        [d, m, y] if four(2) => (*y, *m, *d),
        [y, m, d] if four(0) => (*y, *m, *d),
        _ => return None,
    };
    if !YEARS.contains(&(y as i32)) {
        // «31/12/1899»: a date, but not one of the news' years.
        return (m <= 12 && d <= 31).then_some(DateMention {
            tokens: at..at + 1,
            expr: DateExpr::YearOutOfRange(y as i32),
        });
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)?;
    Some(DateMention {
        tokens: at..at + 1,
        expr: DateExpr::Day {
            year: Some(y as i32),
            month: m,
            day: d,
        },
    })
}

/// «أيار 2015», «أيار عام 2015», «كانون الثاني من العام 2014»: the year
/// after a month, `stop` moved past it. A year outside [`YEARS`] is `Err`
/// where it surely is a year — after a day («31 كانون الأول 1899») or a
/// year word; after a bare month («في آب 1500 مقاتل») it is a count.
fn year_after_month(
    text: &str,
    tokens: &Tokenized,
    stop: &mut usize,
    end: usize,
    day: bool,
) -> Option<Result<i32, i32>> {
    let words = ["من", "عام", "العام", "سنه", "of"];
    let year_from = skip_words(text, tokens, *stop, end, &words);
    let year = written_year(text, tokens, year_from, end)?;
    if year.is_err() && !day && year_from == *stop {
        return None;
    }
    *stop = year_from + 1;
    Some(year)
}

/// An explicit calendar date at `at`: numeric, day-month-year, month-year.
/// Is an ambiguous month name at `month_from` (its date starting at `at`)
/// made a month by the words before it: «شهر», a month cue ("in May",
/// «منذ مارس») or a part of a month ("late March")?
fn month_cue_before(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    at: usize,
    month_from: usize,
) -> bool {
    at > 0 && any_stem(tokens.text(text, at - 1), |s| s == "شهر")
        || month_from > 0
            && any_stem(tokens.text(text, month_from - 1), |s| {
                t.month_cues.contains_key(s)
            })
        || after_part_cue(t, text, tokens, month_from)
}

pub(super) fn explicit_at(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
) -> Option<DateMention> {
    if let Some(found) = numeric_at(text, tokens, at) {
        return Some(found);
    }
    let (day, month_from) = match day_at(text, tokens, at) {
        Some(day) => (Some(day), at + 1),
        // A number just before a month is a day we rejected («31 شباط»), not nothing.
        None if at > 0 && tokens.tokens[at - 1].kind == TokenKind::Number => return None,
        None => (None, at),
    };
    if month_from >= end {
        return None;
    }
    if let Some(d) = day
        && let Some(found) = hijri_at(t, text, tokens, at, month_from, end, d)
    {
        return Some(found);
    }
    // «31 من أيار», «17 من شهر تشرين الأول»: a day before «من» and the month.
    let month_from = if day.is_some() {
        skip_words(text, tokens, month_from, end, &["من", "شهر"])
    } else {
        month_from
    };
    if month_from >= end {
        return None;
    }
    let (month, mut stop, ambiguous) = month_at(t, text, tokens, month_from, end)?;
    // «Aug. 31, 2017»: English puts the day after the month.
    let latin = tokens.text(text, month_from).is_ascii();
    let day = match day {
        None if latin && stop < end => day_at(text, tokens, stop).inspect(|_| stop += 1),
        other => other,
    };
    let year = match year_after_month(text, tokens, &mut stop, end, day.is_some()) {
        Some(Err(year)) => {
            return Some(DateMention {
                tokens: at..stop,
                expr: DateExpr::YearOutOfRange(year),
            });
        }
        year => year.and_then(Result::ok),
    };
    let years_ago = year
        .is_none()
        .then(|| relative_year_after(t, text, tokens, &mut stop, end))
        .flatten();
    if ambiguous
        && day.is_none()
        && year.is_none()
        && years_ago.is_none()
        && !month_cue_before(t, text, tokens, at, month_from)
    {
        return None;
    }
    // «31 شباط» is no date.
    if let Some(day) = day {
        NaiveDate::from_ymd_opt(year.unwrap_or(2016), month, day)?;
    }
    let expr = match (day, years_ago) {
        (day, Some(years_ago)) => DateExpr::InYearsAgo {
            years_ago,
            month,
            day,
            part: None,
        },
        (Some(day), None) => DateExpr::Day { year, month, day },
        (None, None) => DateExpr::Month { year, month },
    };
    Some(DateMention {
        tokens: at..stop,
        expr,
    })
}

/// «حزيران من العام الماضي», «أيار الفائت من العام الجاري», "June last
/// year": a year counted from publication after a month; `stop` moved
/// past it.
fn relative_year_after(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    stop: &mut usize,
    end: usize,
) -> Option<i32> {
    let last = normalize_phrase("الفائت");
    let from = skip_words(text, tokens, *stop, end, &["الماضي", &last, "من", "of"]);
    let found = t
        .relative
        .matches_at(text, tokens, from, end)
        .into_iter()
        .filter(|m| matches!(m.value, DateExpr::YearsAgo(_)))
        .max_by_key(|m| m.tokens.end)?;
    let DateExpr::YearsAgo(n) = *found.value else {
        return None;
    };
    *stop = found.tokens.end;
    Some(n)
}

/// «14 صفر 1439 هـ»: a Hijri day, month and year, converted to Gregorian.
fn hijri_at(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    at: usize,
    month_from: usize,
    end: usize,
    day: u32,
) -> Option<DateMention> {
    let month = t.hijri.longest_at(text, tokens, month_from, end)?;
    let year_at = month.tokens.end;
    if year_at >= end || tokens.tokens[year_at].kind != TokenKind::Number {
        return None;
    }
    let year: i32 = tokens.text(text, year_at).parse().ok()?;
    if !(1300..=1600).contains(&year) || day > 30 {
        return None;
    }
    hijri_to_gregorian(year, *month.value, day)?;
    // The era mark «هـ» (normalized «ه») belongs to the date.
    let mut stop = year_at + 1;
    if stop < end && tokens.text(text, stop) == "ه" {
        stop += 1;
    }
    Some(DateMention {
        tokens: at..stop,
        expr: DateExpr::Hijri {
            year,
            month: *month.value,
            day,
        },
    })
}

/// The tabular (arithmetical) Islamic calendar with the astronomical
/// (Thursday) epoch, 1 Muharram 1 AH = 15 July 622 Julian; leap years 2, 5,
/// 7, 10, 13, 16, 18, 21, 24, 26 and 29 of each 30-year cycle. The Saudi
/// Umm al-Qura calendar and sighting-based calendars differ from it by a
/// day now and then, so [`resolve`] gives a Hijri date one day either side.
pub fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || year < 1 {
        return None;
    }
    let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
    // Days since the Islamic epoch, then the epoch's Julian Day Number.
    let days = d + (59 * (m - 1) + 1) / 2 + 354 * (y - 1) + (3 + 11 * y) / 30 - 1;
    let jdn = 1_948_439 + days;
    // Julian Day Number 1721426 is 0001-01-01 (proleptic Gregorian).
    let from_ce = i32::try_from(jdn - 1_721_425).ok()?;
    NaiveDate::from_num_days_from_ce_opt(from_ce)
}

/// «منتصف حزيران», «نهاية الشهر الماضي», "mid-March", "the end of May".
pub(super) fn part_of_month_at(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
) -> Option<DateMention> {
    let part = t.parts.find_at(text, tokens, at, end, |_| true)?;
    let from = skip_words(text, tokens, part.tokens.end, end, &["of", "the"]);
    if from >= end {
        return None;
    }
    let found = date_at(t, text, tokens, from, end)?;
    let expr = match found.expr {
        DateExpr::Month { year, month } => DateExpr::PartOfMonth {
            year,
            month,
            part: *part.value,
        },
        DateExpr::MonthsAgo(n) => DateExpr::PartOfMonthsAgo(n, *part.value),
        DateExpr::InYearsAgo {
            years_ago,
            month,
            day: None,
            part: None,
        } => DateExpr::InYearsAgo {
            years_ago,
            month,
            day: None,
            part: Some(*part.value),
        },
        // «نهاية العام 2017»: the year, as before.
        DateExpr::Year(_) | DateExpr::YearsAgo(_) => found.expr,
        _ => return None,
    };
    Some(DateMention {
        tokens: at..found.tokens.end,
        expr,
    })
}

/// «العاشر من حزيران», «الحادي والعشرين من شهر أيار 2016».
pub(super) fn ordinal_day_at(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
) -> Option<DateMention> {
    let ordinal = t.ordinals.longest_at(text, tokens, at, end)?;
    let of = ordinal.tokens.end;
    if of + 1 >= end || tokens.text(text, of) != "من" {
        return None;
    }
    let from = skip_words(text, tokens, of + 1, end, &["شهر"]);
    // After an ordinal and «من» a month name is a month, even one that is
    // also a word («السابع من مارس»: the seventh of March).
    let found = explicit_at(t, text, tokens, from, end).or_else(|| {
        let (month, stop, _) = super::month_at(t, text, tokens, from, end)?;
        Some(DateMention {
            tokens: from..stop,
            expr: DateExpr::Month { year: None, month },
        })
    })?;
    let day = *ordinal.value;
    let expr = match found.expr {
        DateExpr::Month { year, month } => {
            NaiveDate::from_ymd_opt(year.unwrap_or(2016), month, day)?;
            DateExpr::Day { year, month, day }
        }
        // «السابع من آذار من العام الماضي»
        DateExpr::InYearsAgo {
            years_ago,
            month,
            day: None,
            part: None,
        } => {
            NaiveDate::from_ymd_opt(2016, month, day)?;
            DateExpr::InYearsAgo {
                years_ago,
                month,
                day: Some(day),
                part: None,
            }
        }
        _ => return None,
    };
    Some(DateMention {
        tokens: at..found.tokens.end,
        expr,
    })
}

/// «قبل ثلاثة أيام», «منذ أسبوعين», "two weeks ago", "25 days ago".
pub(super) fn span_ago_at(
    t: &DateTables,
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
) -> Option<DateMention> {
    let cue_before = t.span_cues.contains_key(tokens.text(text, at));
    let count_at = if cue_before { at + 1 } else { at };
    // «قبل نحو أسبوع», "about a week ago": an approximate span.
    let about = (count_at < end)
        .then(|| t.span_about.matches_at(text, tokens, count_at, end))
        .and_then(|found| found.into_iter().map(|m| m.tokens.end).max());
    let count_at = about.unwrap_or(count_at);
    if count_at >= end {
        return None;
    }
    let (count, unit_at) = if tokens.tokens[count_at].kind == TokenKind::Number {
        let n: u32 = tokens.text(text, count_at).parse().ok()?;
        (Some(n), count_at + 1)
    } else if let Some(m) = t.span_counts.find_at(text, tokens, count_at, end, |_| true) {
        (Some(*m.value), m.tokens.end)
    } else {
        (None, count_at)
    };
    if unit_at >= end || (count.is_none() && !cue_before) {
        return None;
    }
    let unit = t.span_units.longest_at(text, tokens, unit_at, end)?;
    let (kind, per_word) = *unit.value;
    let n = count.unwrap_or(1) * per_word;
    let mut stop = unit.tokens.end;
    // «منذ عام 2014», «قبل يوم الجمعة»: a date follows, not a span.
    if count.is_none()
        && stop < end
        && (tokens.tokens[stop].kind == TokenKind::Number
            || t.weekdays.any_at(text, tokens, stop, end))
    {
        return None;
    }
    if !cue_before {
        if stop >= end || !t.span_ago.contains_key(tokens.text(text, stop)) {
            return None;
        }
        stop += 1;
    }
    let expr = match kind {
        SpanUnit::Day if about.is_some() => DateExpr::AboutDaysAgo(u64::from(n)),
        SpanUnit::Day => DateExpr::DaysAgo(u64::from(n)),
        SpanUnit::Week => DateExpr::WeeksAgo(n),
        SpanUnit::Month => DateExpr::MonthsAgo(n),
        SpanUnit::Year => DateExpr::YearsAgo(i32::try_from(n).ok()?),
    };
    (n > 0 && n <= 400).then_some(DateMention {
        tokens: at..stop,
        expr,
    })
}
