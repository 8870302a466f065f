//! The date recognizer's word tables — month names of every system,
//! Hijri months, weekdays, relative days, year cues, parts of months,
//! ordinal days, spans back in time and their counts — built from plain
//! word lists. The lists themselves are language data: the rules stage
//! reads them from `rules/languages/*.yaml` and hands them over as
//! [`DateWords`].

use chrono::Weekday;

use super::{DateExpr, MonthPart};
use crate::text::{FastMap, PhraseSet, normalize_phrase};

/// A month name: its number, and whether it also is an ordinary word
/// (`آب` is also "father", `مارس` "practised") and so needs a day, a year
/// or a second name beside it.
#[derive(Debug, Clone, Copy)]
pub(super) struct MonthName {
    pub(super) month: u32,
    pub(super) ambiguous: bool,
}

/// Units of a span back in time: «قبل 3 أيام», «منذ أسبوعين», "two weeks ago".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanUnit {
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
}

/// The words dates are read with, every language merged; phrases are
/// normalized here, so they may be given as written.
#[derive(Debug, Clone, Default)]
pub struct DateWords {
    /// Month names of every system, with their number.
    pub months: Vec<(String, u32)>,
    /// Month names that are also ordinary words: a month only beside a
    /// day, a year, «شهر» or a part-of-month cue.
    pub ambiguous_months: Vec<String>,
    /// Hijri months, 1 (محرم) to 12.
    pub hijri_months: Vec<(String, u32)>,
    /// Weekday names.
    pub weekdays: Vec<(String, Weekday)>,
    /// «أمس», "last week", «هذا العام».
    pub relative: Vec<(String, DateExpr)>,
    /// Words before a bare year that make it a year: «عام 2014», "in 2015".
    pub year_cues: Vec<String>,
    /// Words that narrow a month to a part of it: «منتصف», "late".
    pub month_parts: Vec<(String, MonthPart)>,
    /// Ordinal days before «من» and a month: «العاشر من حزيران».
    pub ordinal_days: Vec<(String, u32)>,
    /// Span units, with how many units the word itself says (a dual says two).
    pub span_units: Vec<(String, SpanUnit, u32)>,
    /// Words that open a span back in time: «قبل», «منذ».
    pub span_cues: Vec<String>,
    /// Words that close a span back in time: "ago".
    pub span_ago: Vec<String>,
    /// Small counts of a span written as words: «ثلاثة», "two".
    pub span_counts: Vec<(String, u32)>,
    /// Times of day before a relative day: «فجر أمس», «مساء اليوم».
    pub times_of_day: Vec<String>,
    /// Words that belong to the date after them: «يوم», «شهر», "on".
    pub leads: Vec<String>,
    /// Words before which an ambiguous month name is a month: "in May",
    /// «منذ مارس».
    pub month_cues: Vec<String>,
    /// Approximators between a span's cue and its count: «قبل نحو
    /// أسبوع», "about a week ago" (the numbers' `about` words).
    pub span_about: Vec<String>,
}

/// The date recognizer's tables, built once from [`DateWords`].
#[derive(Debug, Clone, Default)]
pub struct DateTables {
    /// Every word a date can start with (after clitics): a quick no.
    pub(super) starters: FastMap<String, ()>,
    pub(super) months: PhraseSet<MonthName>,
    pub(super) hijri: PhraseSet<u32>,
    pub(super) weekdays: PhraseSet<Weekday>,
    pub(super) relative: PhraseSet<DateExpr>,
    pub(super) parts: PhraseSet<MonthPart>,
    pub(super) ordinals: PhraseSet<u32>,
    pub(super) span_units: PhraseSet<(SpanUnit, u32)>,
    pub(super) span_counts: PhraseSet<u32>,
    pub(super) span_about: PhraseSet<()>,
    pub(super) year_cues: FastMap<String, ()>,
    pub(super) times_of_day: FastMap<String, ()>,
    pub(super) span_cues: FastMap<String, ()>,
    pub(super) span_ago: FastMap<String, ()>,
    pub(super) leads: FastMap<String, ()>,
    pub(super) month_cues: FastMap<String, ()>,
}

fn phrase_set<T: Copy>(entries: &[(String, T)]) -> PhraseSet<T> {
    let mut set = PhraseSet::default();
    for (name, value) in entries {
        set.insert(&normalize_phrase(name), *value);
    }
    set
}

fn word_set<'a>(words: impl IntoIterator<Item = &'a String>) -> FastMap<String, ()> {
    words
        .into_iter()
        .map(|w| (normalize_phrase(w), ()))
        .collect()
}

fn keys<T>(table: &[(String, T)]) -> impl Iterator<Item = &String> {
    table.iter().map(|e| &e.0)
}

/// The first word of each phrase.
fn firsts<'a>(phrases: impl Iterator<Item = &'a String>) -> impl Iterator<Item = String> {
    phrases.filter_map(|p| normalize_phrase(p).split(' ').next().map(str::to_string))
}

impl DateTables {
    /// The tables of `words`.
    pub fn new(words: &DateWords) -> DateTables {
        let ambiguous = word_set(&words.ambiguous_months);
        let mut months = PhraseSet::default();
        for (name, month) in &words.months {
            let name = normalize_phrase(name);
            let ambiguous = ambiguous.contains_key(&name);
            months.insert(
                &name,
                MonthName {
                    month: *month,
                    ambiguous,
                },
            );
        }
        let mut starters = FastMap::default();
        let phrases = keys(&words.months)
            .chain(keys(&words.weekdays))
            .chain(keys(&words.relative))
            .chain(keys(&words.month_parts))
            .chain(keys(&words.ordinal_days))
            .chain(keys(&words.span_counts))
            .chain(&words.span_cues)
            .chain(&words.leads)
            .chain(&words.year_cues)
            .chain(&words.times_of_day);
        for first in firsts(phrases) {
            starters.insert(first, ());
        }
        // The article glued to digits («ال17 من أكتوبر») belongs to the date.
        starters.insert("ال".to_string(), ());
        let span_units: Vec<(String, (SpanUnit, u32))> = words
            .span_units
            .iter()
            .map(|(w, u, n)| (w.clone(), (*u, *n)))
            .collect();
        DateTables {
            starters,
            months,
            hijri: phrase_set(&words.hijri_months),
            weekdays: phrase_set(&words.weekdays),
            relative: phrase_set(&words.relative),
            parts: phrase_set(&words.month_parts),
            ordinals: phrase_set(&words.ordinal_days),
            span_units: phrase_set(&span_units),
            span_counts: phrase_set(&words.span_counts),
            span_about: phrase_set(
                &words
                    .span_about
                    .iter()
                    .map(|w| (w.clone(), ()))
                    .collect::<Vec<_>>(),
            ),
            year_cues: word_set(&words.year_cues),
            times_of_day: word_set(&words.times_of_day),
            span_cues: word_set(&words.span_cues),
            span_ago: word_set(&words.span_ago),
            leads: word_set(&words.leads),
            month_cues: word_set(&words.month_cues),
        }
    }

    /// The words a date can start with (after clitics).
    pub fn starters(&self) -> impl Iterator<Item = &str> {
        self.starters.keys().map(String::as_str)
    }
}
