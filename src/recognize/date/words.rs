//! The date recognizer's word tables: month names of both systems, Hijri
//! months, weekdays, relative days, year cues, parts of months, ordinal
//! days, spans back in time and their counts.

use std::sync::OnceLock;

use chrono::Weekday;

use super::{DateExpr, MonthPart};
use crate::text::{PhraseSet, normalize_phrase};

/// A month name: its number, and whether it also is an ordinary word
/// (`آب` is also "father", `مارس` "practised") and so needs a day, a year
/// or a second name beside it.
#[derive(Debug, Clone, Copy)]
pub(super) struct MonthName {
    pub(super) month: u32,
    pub(super) ambiguous: bool,
}

pub(super) const MONTHS: &[(&str, u32)] = &[
    ("كانون الثاني", 1),
    ("يناير", 1),
    ("جانفي", 1),
    ("شباط", 2),
    ("فبراير", 2),
    ("فيفري", 2),
    ("آذار", 3),
    ("مارس", 3),
    ("نيسان", 4),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("أفريل", 4),
    ("أيار", 5),
    ("مايو", 5),
    ("ماي", 5),
    ("حزيران", 6),
    ("يونيو", 6),
    ("يونيه", 6),
    ("جوان", 6),
    ("تموز", 7),
    ("يوليو", 7),
    ("يوليه", 7),
    ("جويلية", 7),
    ("آب", 8),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("أوت", 8),
    ("أيلول", 9),
    ("سبتمبر", 9),
    ("تشرين الأول", 10),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("تشرين الثاني", 11),
    ("نوفمبر", 11),
    ("كانون الأول", 12),
    ("ديسمبر", 12),
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];
pub(super) const AMBIGUOUS_MONTHS: &[&str] = &[
    "آب", "مارس", "ماي", "أوت", "march", "mar", "may", "jan", "dec",
];

pub(super) const WEEKDAYS: &[(&str, Weekday)] = &[
    ("السبت", Weekday::Sat),
    ("الأحد", Weekday::Sun),
    ("الاثنين", Weekday::Mon),
    ("الإثنين", Weekday::Mon),
    ("الثلاثاء", Weekday::Tue),
    ("الأربعاء", Weekday::Wed),
    ("الخميس", Weekday::Thu),
    ("الجمعة", Weekday::Fri),
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

pub(super) const RELATIVE: &[(&str, DateExpr)] = &[
    ("اليوم", DateExpr::DaysAgo(0)),
    ("أمس", DateExpr::DaysAgo(1)),
    ("البارحة", DateExpr::DaysAgo(1)),
    ("أول أمس", DateExpr::DaysAgo(2)),
    ("أول من أمس", DateExpr::DaysAgo(2)),
    ("الأسبوع الماضي", DateExpr::LastWeek),
    ("الاسبوع الفائت", DateExpr::LastWeek),
    ("هذا الشهر", DateExpr::MonthsAgo(0)),
    ("الشهر الجاري", DateExpr::MonthsAgo(0)),
    ("الشهر الحالي", DateExpr::MonthsAgo(0)),
    ("الشهر الماضي", DateExpr::MonthsAgo(1)),
    ("الشهر الفائت", DateExpr::MonthsAgo(1)),
    ("هذا العام", DateExpr::YearsAgo(0)),
    ("العام الحالي", DateExpr::YearsAgo(0)),
    ("العام الجاري", DateExpr::YearsAgo(0)),
    ("هذه السنة", DateExpr::YearsAgo(0)),
    ("السنة الحالية", DateExpr::YearsAgo(0)),
    ("العام الماضي", DateExpr::YearsAgo(1)),
    ("العام الفائت", DateExpr::YearsAgo(1)),
    ("السنة الماضية", DateExpr::YearsAgo(1)),
    ("today", DateExpr::DaysAgo(0)),
    ("yesterday", DateExpr::DaysAgo(1)),
    ("last week", DateExpr::LastWeek),
    ("this month", DateExpr::MonthsAgo(0)),
    ("last month", DateExpr::MonthsAgo(1)),
    ("this year", DateExpr::YearsAgo(0)),
    ("last year", DateExpr::YearsAgo(1)),
];

/// Hijri months, in order from محرم (1).
pub(super) const HIJRI_MONTHS: &[(&str, u32)] = &[
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الأول", 3),
    ("ربيع الثاني", 4),
    ("ربيع الآخر", 4),
    ("جمادى الأولى", 5),
    ("جمادى الأول", 5),
    ("جمادى الآخرة", 6),
    ("جمادى الثانية", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعدة", 11),
    ("ذي القعدة", 11),
    ("ذو الحجة", 12),
    ("ذي الحجة", 12),
];

/// Words before a bare year that make it a year: «عام 2014», «في 2015».
pub(super) const YEAR_CUES: &[&str] = &[
    "عام",
    "العام",
    "سنه",
    "السنه",
    "في",
    "خلال",
    "مطلع",
    "نهايه",
    "اواخر",
    "اوائل",
    "منذ",
    "in",
    "since",
    "early",
    "mid",
    "late",
];
/// Words that narrow a month to a part of it; English takes an optional
/// "of" after the cue ("the end of March").
pub(super) const MONTH_PARTS: &[(&str, MonthPart)] = &[
    ("مطلع", MonthPart::Early),
    ("أوائل", MonthPart::Early),
    ("بداية", MonthPart::Early),
    ("بدايات", MonthPart::Early),
    ("مستهل", MonthPart::Early),
    ("منتصف", MonthPart::Mid),
    ("أواسط", MonthPart::Mid),
    ("نهاية", MonthPart::Late),
    ("أواخر", MonthPart::Late),
    ("آخر", MonthPart::Late),
    ("early", MonthPart::Early),
    ("beginning", MonthPart::Early),
    ("start", MonthPart::Early),
    ("mid", MonthPart::Mid),
    ("middle", MonthPart::Mid),
    ("late", MonthPart::Late),
    ("end", MonthPart::Late),
];

/// Ordinal days before «من» and a month: «العاشر من حزيران».
pub(super) const ORDINAL_DAYS: &[(&str, u32)] = &[
    ("الأول", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
    ("العاشر", 10),
    ("الحادي عشر", 11),
    ("الثاني عشر", 12),
    ("الثالث عشر", 13),
    ("الرابع عشر", 14),
    ("الخامس عشر", 15),
    ("السادس عشر", 16),
    ("السابع عشر", 17),
    ("الثامن عشر", 18),
    ("التاسع عشر", 19),
    ("العشرين", 20),
    ("الحادي والعشرين", 21),
    ("الثاني والعشرين", 22),
    ("الثالث والعشرين", 23),
    ("الرابع والعشرين", 24),
    ("الخامس والعشرين", 25),
    ("السادس والعشرين", 26),
    ("السابع والعشرين", 27),
    ("الثامن والعشرين", 28),
    ("التاسع والعشرين", 29),
    ("الثلاثين", 30),
    ("الحادي والثلاثين", 31),
];

/// Units of a span back in time: «قبل 3 أيام», «منذ أسبوعين», "two weeks ago".
/// The number is how many units the word itself says (a dual says two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SpanUnit {
    Day,
    Week,
    Month,
    Year,
}

pub(super) const SPAN_UNITS: &[(&str, SpanUnit, u32)] = &[
    ("يوم", SpanUnit::Day, 1),
    ("يوما", SpanUnit::Day, 1),
    ("أيام", SpanUnit::Day, 1),
    ("يومين", SpanUnit::Day, 2),
    ("أسبوع", SpanUnit::Week, 1),
    ("أسبوعا", SpanUnit::Week, 1),
    ("أسابيع", SpanUnit::Week, 1),
    ("أسبوعين", SpanUnit::Week, 2),
    ("شهر", SpanUnit::Month, 1),
    ("شهرا", SpanUnit::Month, 1),
    ("أشهر", SpanUnit::Month, 1),
    ("شهور", SpanUnit::Month, 1),
    ("شهرين", SpanUnit::Month, 2),
    ("سنة", SpanUnit::Year, 1),
    ("سنوات", SpanUnit::Year, 1),
    ("سنتين", SpanUnit::Year, 2),
    ("عام", SpanUnit::Year, 1),
    ("عاما", SpanUnit::Year, 1),
    ("أعوام", SpanUnit::Year, 1),
    ("عامين", SpanUnit::Year, 2),
    ("day", SpanUnit::Day, 1),
    ("days", SpanUnit::Day, 1),
    ("week", SpanUnit::Week, 1),
    ("weeks", SpanUnit::Week, 1),
    ("month", SpanUnit::Month, 1),
    ("months", SpanUnit::Month, 1),
    ("year", SpanUnit::Year, 1),
    ("years", SpanUnit::Year, 1),
];

/// Words that open an Arabic span back in time.
pub(super) const SPAN_CUES: &[&str] = &["قبل", "منذ"];

/// Small counts of a span written as words.
pub(super) const SPAN_COUNTS: &[(&str, u32)] = &[
    ("ثلاثة", 3),
    ("ثلاث", 3),
    ("أربعة", 4),
    ("أربع", 4),
    ("خمسة", 5),
    ("خمس", 5),
    ("ستة", 6),
    ("ست", 6),
    ("سبعة", 7),
    ("سبع", 7),
    ("ثمانية", 8),
    ("ثماني", 8),
    ("تسعة", 9),
    ("تسع", 9),
    ("عشرة", 10),
    ("عشر", 10),
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
];

/// Times of day before «أمس»/«اليوم»: «فجر أمس», «مساء اليوم».
pub(super) const TIMES_OF_DAY: &[&str] =
    &["فجر", "صباح", "ظهر", "عصر", "مساء", "ليل", "ليله", "ظهيره"];

pub(super) struct Tables {
    /// Every word a date can start with (after clitics): a quick no.
    pub(super) starters: crate::text::FastMap<String, ()>,
    pub(super) months: PhraseSet<MonthName>,
    pub(super) hijri: PhraseSet<u32>,
    pub(super) weekdays: PhraseSet<Weekday>,
    pub(super) relative: PhraseSet<DateExpr>,
    pub(super) parts: PhraseSet<MonthPart>,
    pub(super) ordinals: PhraseSet<u32>,
    pub(super) span_units: PhraseSet<(SpanUnit, u32)>,
    pub(super) span_counts: PhraseSet<u32>,
}

pub(super) fn phrase_set<T: Copy>(entries: &[(&str, T)]) -> PhraseSet<T> {
    let mut set = PhraseSet::default();
    for &(name, value) in entries {
        set.insert(&normalize_phrase(name), value);
    }
    set
}

pub(super) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut months = PhraseSet::default();
        for &(name, month) in MONTHS {
            let ambiguous = AMBIGUOUS_MONTHS.contains(&name);
            months.insert(&normalize_phrase(name), MonthName { month, ambiguous });
        }
        let mut weekdays = PhraseSet::default();
        for &(name, day) in WEEKDAYS {
            weekdays.insert(&normalize_phrase(name), day);
        }
        let mut relative = PhraseSet::default();
        for &(name, expr) in RELATIVE {
            relative.insert(&normalize_phrase(name), expr);
        }
        let mut starters = crate::text::FastMap::default();
        let firsts = MONTHS
            .iter()
            .map(|m| m.0)
            .chain(WEEKDAYS.iter().map(|w| w.0))
            .chain(RELATIVE.iter().map(|r| r.0))
            .chain(MONTH_PARTS.iter().map(|p| p.0))
            .chain(ORDINAL_DAYS.iter().map(|o| o.0))
            .chain(SPAN_COUNTS.iter().map(|c| c.0))
            .chain(SPAN_CUES.iter().copied())
            .chain(["يوم", "شهر", "بحلول", "on", "ال"]);
        for word in firsts {
            if let Some(first) = normalize_phrase(word).split(' ').next() {
                starters.insert(first.to_string(), ());
            }
        }
        for word in YEAR_CUES.iter().chain(TIMES_OF_DAY) {
            starters.insert((*word).to_string(), ());
        }
        let mut hijri = PhraseSet::default();
        for &(name, month) in HIJRI_MONTHS {
            hijri.insert(&normalize_phrase(name), month);
        }
        let span_units: Vec<(&str, (SpanUnit, u32))> =
            SPAN_UNITS.iter().map(|&(w, u, n)| (w, (u, n))).collect();
        Tables {
            starters,
            hijri,
            months,
            weekdays,
            relative,
            parts: phrase_set(MONTH_PARTS),
            ordinals: phrase_set(ORDINAL_DAYS),
            span_units: phrase_set(&span_units),
            span_counts: phrase_set(SPAN_COUNTS),
        }
    })
}
