//! Language files (`languages/*.yaml`) compiled into the recognizers'
//! plain word tables. Every language's words are merged, so every
//! document is read with all of them: a word two languages share must mean
//! the same in both, and a word listed twice in one table of one file is
//! an error placed at its second listing.

use std::collections::BTreeMap;
use std::fmt::Debug;

use chrono::Weekday;

use super::super::RuleFile;
use super::super::raw::{
    DatesRaw, LanguageExample, LanguageFile, NumberWordKind, NumberWordsRaw, Numbered, NumbersRaw,
    Phrase,
};
use super::parse;
use crate::corpus::Published;
use crate::error::RuleError;
use crate::recognize::{DateExpr, DateWords, MonthPart, NumberWord, NumberWords, SpanUnit};
use crate::text::FastMap;

/// The examples of one language file.
#[derive(Debug, Clone)]
pub struct LanguageExamples {
    /// `rules/languages/ar.yaml`.
    pub file: String,
    /// `ar`.
    pub language: String,
    /// Texts with the dates and numbers they must give.
    pub examples: Vec<LanguageExample>,
}

/// What the language files give.
#[derive(Debug, Default)]
pub(super) struct Languages {
    /// Date words, every language merged.
    pub(super) dates: DateWords,
    /// Number words, every language merged.
    pub(super) numbers: NumberWords,
    /// Each file's examples, in file order.
    pub(super) examples: Vec<LanguageExamples>,
}

/// The file being merged, for messages.
struct Source<'a> {
    index: usize,
    file: &'a RuleFile,
}

/// One table being merged: its phrases in file order, and what each means.
struct Table<V> {
    /// Its key path in the file: `dates.months`.
    name: &'static str,
    /// Only one-word phrases (looked up token by token).
    one_word: bool,
    entries: Vec<(String, V)>,
    /// Each phrase's meaning, and the file (index, path) that gave it first.
    seen: FastMap<String, (V, usize, String)>,
    /// How often each written form was met, by file: its next occurrence.
    written: FastMap<(usize, String), usize>,
}

impl<V: Copy + PartialEq + Debug> Table<V> {
    fn new(name: &'static str, one_word: bool) -> Table<V> {
        Table {
            name,
            one_word,
            entries: Vec::new(),
            seen: FastMap::default(),
            written: FastMap::default(),
        }
    }

    fn add(&mut self, at: &Source, phrase: &Phrase, value: V, errors: &mut Vec<RuleError>) {
        let occurrence = self
            .written
            .entry((at.index, phrase.1.clone()))
            .or_default();
        let nth = *occurrence;
        *occurrence += 1;
        let error = |message: String| locate(at.file, self.name, &phrase.1, nth, message);
        let written = &phrase.1;
        if self.one_word && (phrase.0.contains(' ') || phrase.0.ends_with('*')) {
            let message = format!("{}: \"{written}\" must be one word", self.name);
            errors.push(error(message));
            return;
        }
        match self.seen.get(&phrase.0) {
            Some((_, index, _)) if *index == at.index => {
                let message = format!("{}: \"{written}\" is listed twice", self.name);
                errors.push(error(message));
            }
            Some((other, _, path)) if *other != value => {
                let message = format!(
                    "{}: \"{written}\" is {value:?} here but {other:?} in {path}",
                    self.name
                );
                errors.push(error(message));
            }
            // The same word with the same meaning in another language: merged.
            Some(_) => {}
            None => {
                let first = (value, at.index, at.file.path.clone());
                self.seen.insert(phrase.0.clone(), first);
                self.entries.push((phrase.0.clone(), value));
            }
        }
    }

    fn add_all(&mut self, at: &Source, phrases: &[Phrase], value: V, errors: &mut Vec<RuleError>) {
        for phrase in phrases {
            self.add(at, phrase, value, errors);
        }
    }

    fn add_numbered<K: Copy + Into<u32>>(
        &mut self,
        at: &Source,
        table: &Numbered<K>,
        value: impl Fn(u32) -> V,
        errors: &mut Vec<RuleError>,
    ) {
        for (key, phrases) in table {
            self.add_all(at, phrases, value((*key).into()), errors);
        }
    }

    fn phrases(self) -> Vec<(String, V)> {
        self.entries
    }

    fn words(self) -> Vec<String> {
        self.entries.into_iter().map(|(w, _)| w).collect()
    }
}

/// Every date table while the files are merged.
struct DateMerge {
    months: Table<u32>,
    ambiguous_months: Table<()>,
    hijri_months: Table<u32>,
    weekdays: Table<Weekday>,
    relative: [Table<DateExpr>; 4],
    year_cues: Table<()>,
    month_parts: Table<MonthPart>,
    ordinal_days: Table<u32>,
    span_cues: Table<()>,
    span_ago: Table<()>,
    span_units: [Table<(SpanUnit, u32)>; 4],
    span_counts: Table<u32>,
    times_of_day: Table<()>,
    leads: Table<()>,
    month_cues: Table<()>,
}

impl DateMerge {
    fn new() -> DateMerge {
        let span = |name| Table::new(name, false);
        DateMerge {
            months: Table::new("dates.months", false),
            ambiguous_months: Table::new("dates.ambiguous_months", false),
            hijri_months: Table::new("dates.hijri_months", false),
            weekdays: Table::new("dates.weekdays", false),
            relative: [
                Table::new("dates.relative.days_ago", false),
                Table::new("dates.relative.last_week", false),
                Table::new("dates.relative.months_ago", false),
                Table::new("dates.relative.years_ago", false),
            ],
            year_cues: Table::new("dates.year_cues", true),
            month_parts: Table::new("dates.month_parts", false),
            ordinal_days: Table::new("dates.ordinal_days", false),
            span_cues: Table::new("dates.span_cues", true),
            span_ago: Table::new("dates.span_ago", true),
            span_units: [
                span("dates.span_units.day"),
                span("dates.span_units.week"),
                span("dates.span_units.month"),
                span("dates.span_units.year"),
            ],
            span_counts: Table::new("dates.span_counts", false),
            times_of_day: Table::new("dates.times_of_day", true),
            leads: Table::new("dates.leads", true),
            month_cues: Table::new("dates.month_cues", true),
        }
    }

    fn add(&mut self, at: &Source, raw: &DatesRaw, errors: &mut Vec<RuleError>) {
        self.months.add_numbered(at, &raw.months, |m| m, errors);
        for name in &raw.ambiguous_months {
            self.ambiguous_months.add(at, name, (), errors);
            if !self.months.seen.contains_key(&name.0) {
                let message = format!(
                    "dates.ambiguous_months: \"{}\" is not one of the months",
                    name.1
                );
                errors.push(locate(
                    at.file,
                    "dates.ambiguous_months",
                    &name.1,
                    0,
                    message,
                ));
            }
        }
        self.hijri_months
            .add_numbered(at, &raw.hijri_months, |m| m, errors);
        let w = &raw.weekdays;
        for (names, day) in [
            (&w.saturday, Weekday::Sat),
            (&w.sunday, Weekday::Sun),
            (&w.monday, Weekday::Mon),
            (&w.tuesday, Weekday::Tue),
            (&w.wednesday, Weekday::Wed),
            (&w.thursday, Weekday::Thu),
            (&w.friday, Weekday::Fri),
        ] {
            self.weekdays.add_all(at, names, day, errors);
        }
        let r = &raw.relative;
        let [days, week, months, years] = &mut self.relative;
        days.add_numbered(at, &r.days_ago, |n| DateExpr::DaysAgo(n.into()), errors);
        week.add_all(at, &r.last_week, DateExpr::LastWeek, errors);
        months.add_numbered(at, &r.months_ago, DateExpr::MonthsAgo, errors);
        years.add_numbered(at, &r.years_ago, |n| DateExpr::YearsAgo(n as i32), errors);
        self.year_cues.add_all(at, &raw.year_cues, (), errors);
        let p = &raw.month_parts;
        for (words, part) in [
            (&p.early, MonthPart::Early),
            (&p.mid, MonthPart::Mid),
            (&p.late, MonthPart::Late),
        ] {
            self.month_parts.add_all(at, words, part, errors);
        }
        self.ordinal_days
            .add_numbered(at, &raw.ordinal_days, |d| d, errors);
        self.span_cues.add_all(at, &raw.span_cues, (), errors);
        self.span_ago.add_all(at, &raw.span_ago, (), errors);
        let u = &raw.span_units;
        let units = [
            SpanUnit::Day,
            SpanUnit::Week,
            SpanUnit::Month,
            SpanUnit::Year,
        ];
        for ((table, words), unit) in self
            .span_units
            .iter_mut()
            .zip([&u.day, &u.week, &u.month, &u.year])
            .zip(units)
        {
            table.add_numbered(at, words, |n| (unit, n), errors);
        }
        self.span_counts
            .add_numbered(at, &raw.span_counts, |n| n, errors);
        self.times_of_day.add_all(at, &raw.times_of_day, (), errors);
        self.leads.add_all(at, &raw.leads, (), errors);
        self.month_cues.add_all(at, &raw.month_cues, (), errors);
    }

    fn finish(self) -> DateWords {
        let relative = self.relative.into_iter().flat_map(Table::phrases).collect();
        let span_units = self
            .span_units
            .into_iter()
            .flat_map(Table::phrases)
            .map(|(w, (u, n))| (w, u, n))
            .collect();
        DateWords {
            months: self.months.phrases(),
            ambiguous_months: self.ambiguous_months.words(),
            hijri_months: self.hijri_months.phrases(),
            weekdays: self.weekdays.phrases(),
            relative,
            year_cues: self.year_cues.words(),
            month_parts: self.month_parts.phrases(),
            ordinal_days: self.ordinal_days.phrases(),
            span_units,
            span_cues: self.span_cues.words(),
            span_ago: self.span_ago.words(),
            span_counts: self.span_counts.phrases(),
            times_of_day: self.times_of_day.words(),
            leads: self.leads.words(),
            month_cues: self.month_cues.words(),
            span_about: Vec::new(),
        }
    }
}

/// Every number table while the files are merged.
struct NumberMerge {
    about: Table<()>,
    more_than: Table<()>,
    at_most: Table<()>,
    between: Table<()>,
    and: Table<()>,
    to: Table<()>,
    words: Table<NumberWord>,
    clock: [Table<()>; 2],
}

/// What a group of number words is worth.
fn number_word(group: &NumberWordsRaw) -> NumberWord {
    let v = group.value.unwrap_or_default();
    match group.kind {
        NumberWordKind::Unit => NumberWord::Unit(v),
        NumberWordKind::Ten => NumberWord::Ten,
        NumberWordKind::Whole => NumberWord::Whole(v),
        NumberWordKind::Scale => NumberWord::Scale(v),
        NumberWordKind::Dual => NumberWord::Dual(v),
        NumberWordKind::Plural => NumberWord::Plural(v),
        NumberWordKind::Fraction => NumberWord::Fraction(v),
        NumberWordKind::Several => NumberWord::Several,
    }
}

impl NumberMerge {
    fn new() -> NumberMerge {
        NumberMerge {
            about: Table::new("numbers.about", false),
            more_than: Table::new("numbers.more_than", false),
            at_most: Table::new("numbers.at_most", false),
            between: Table::new("numbers.between", false),
            and: Table::new("numbers.and", true),
            to: Table::new("numbers.to", true),
            words: Table::new("numbers.words", true),
            clock: [
                Table::new("numbers.clock_before", false),
                Table::new("numbers.clock_after", false),
            ],
        }
    }

    fn add(&mut self, at: &Source, raw: &NumbersRaw, errors: &mut Vec<RuleError>) {
        self.about.add_all(at, &raw.about, (), errors);
        self.more_than.add_all(at, &raw.more_than, (), errors);
        self.at_most.add_all(at, &raw.at_most, (), errors);
        self.between.add_all(at, &raw.between, (), errors);
        self.and.add_all(at, &raw.and, (), errors);
        self.to.add_all(at, &raw.to, (), errors);
        self.clock[0].add_all(at, &raw.clock_before, (), errors);
        self.clock[1].add_all(at, &raw.clock_after, (), errors);
        for group in &raw.words {
            self.words
                .add_all(at, &group.words, number_word(group), errors);
        }
    }

    fn finish(self) -> NumberWords {
        let [clock_before, clock_after] = self.clock;
        NumberWords {
            clock_before: clock_before.words(),
            clock_after: clock_after.words(),
            about: self.about.words(),
            more_than: self.more_than.words(),
            at_most: self.at_most.words(),
            between: self.between.words(),
            and: self.and.words(),
            to: self.to.words(),
            words: self.words.phrases(),
        }
    }
}

/// Checks a file's examples: there are some, each checks dates or numbers,
/// and its publication date reads.
fn check_examples(file: &RuleFile, examples: &[LanguageExample], errors: &mut Vec<RuleError>) {
    if examples.is_empty() {
        errors.push(RuleError::new(&file.path, "a language file needs examples"));
    }
    for (n, example) in examples.iter().enumerate() {
        let error = |message: &str| {
            let message = format!("examples[{n}]: {message}");
            RuleError::at_value(&file.path, &file.text, "examples:", &example.text, message)
        };
        if example.dates.is_none() && example.numbers.is_none() {
            errors.push(error("an example checks `dates`, `numbers` or both"));
        }
        if let Some(p) = &example.published
            && Published::parse(p).is_none()
        {
            errors.push(error(&format!(
                "published \"{p}\" is not YYYY-MM-DD, YYYY-MM or YYYY"
            )));
        }
    }
}

/// The word tables of every language file, merged, and their examples.
pub(super) fn compile_languages<'a>(
    files: impl Iterator<Item = &'a RuleFile>,
    errors: &mut Vec<RuleError>,
) -> Languages {
    let mut dates = DateMerge::new();
    let mut numbers = NumberMerge::new();
    let mut codes: BTreeMap<String, String> = BTreeMap::new();
    let mut examples = Vec::new();
    for (index, file) in files.enumerate() {
        let Some(parsed) = parse::<LanguageFile>(file, errors) else {
            continue;
        };
        let code = parsed.language.0;
        if let Some(other) = codes.insert(code.clone(), file.path.clone()) {
            let message = format!("language \"{code}\" is also given by {other}");
            errors.push(RuleError::at_value(
                &file.path, &file.text, "language", &code, message,
            ));
        }
        let at = Source { index, file };
        dates.add(&at, &parsed.dates, errors);
        numbers.add(&at, &parsed.numbers, errors);
        check_examples(file, &parsed.examples, errors);
        examples.push(LanguageExamples {
            file: file.path.clone(),
            language: code,
            examples: parsed.examples,
        });
    }
    let numbers = numbers.finish();
    // «قبل نحو أسبوع», "about a week ago": the numbers' approximators.
    let dates = DateWords {
        span_about: numbers.about.clone(),
        ..dates.finish()
    };
    Languages {
        dates,
        numbers,
        examples,
    }
}

/// An error about `written`, the `nth` time (from 0) it stands as a list
/// item under the key path `table` (`dates.months`); at no position when
/// not found.
fn locate(file: &RuleFile, table: &str, written: &str, nth: usize, message: String) -> RuleError {
    let text = file.text.as_str();
    let position = table_start(text, table).and_then(|from| {
        item_offsets(&text[from..], written)
            .nth(nth)
            .map(|at| line_column(text, from + at))
    });
    RuleError {
        path: file.path.clone(),
        position,
        message,
    }
}

/// Where the key path `a.b.c` starts: each key the first line, after the
/// one before, that begins with it.
fn table_start(text: &str, table: &str) -> Option<usize> {
    let mut from = 0;
    for key in table.split('.') {
        let pattern = format!("{key}:");
        let mut offset = from;
        let mut found = None;
        for line in text[from..].split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with(&pattern) {
                found = Some(offset + line.len() - trimmed.len());
                break;
            }
            offset += line.len();
        }
        from = found?;
    }
    Some(from)
}

/// Offsets where `written` stands as a whole YAML list item or value.
fn item_offsets<'t>(text: &'t str, written: &'t str) -> impl Iterator<Item = usize> + 't {
    let open = |before: &str| {
        let before = before.trim_end_matches([' ', '"', '\'']);
        before.ends_with(['[', ',', '-', ':', '\n']) || before.is_empty()
    };
    let close = |after: &str| {
        let after = after.trim_start_matches([' ', '"', '\'']);
        after.is_empty() || after.starts_with([',', ']', '\n', '#', '}'])
    };
    text.match_indices(written)
        .map(|(at, _)| at)
        .filter(move |&at| open(&text[..at]) && close(&text[at + written.len()..]))
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    (
        text[..at].matches('\n').count() + 1,
        text[line_start..at].chars().count() + 1,
    )
}
