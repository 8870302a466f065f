//! Numbers as Arabic news prints them, turned into intervals.
//!
//! Digits in any script (normalization made them ASCII) with thousands
//! separators and decimal marks, scale words (`50 ألف`, `1.5 مليون`),
//! number words with their gender, case, dual and plural forms
//! (`خمسة وعشرون`, `ثلاثة آلاف وخمسمائة`, `ألفين`), fractions (`ثلث`),
//! plurals of magnitude (`عشرات`, `آلاف`), approximators (`نحو`) and
//! bounds (`أكثر من`, `لا تتجاوز`), and ranges (`بين 1000 و2000`).

use std::ops::Range;
use std::sync::OnceLock;

use crate::claim::NumberValue;
use crate::text::{PhraseSet, TokenKind, Tokenized, any_stem, normalize_phrase};

/// A number found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Token range, modifiers included.
    pub tokens: Range<usize>,
    /// The interval it stands for.
    pub value: NumberValue,
    /// True for a bare fraction (`ثلث`): 1/3, not 3.
    pub fraction: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Modifier {
    /// «نحو», «حوالي»…: ± the approximation tolerance.
    About,
    /// «أكثر من»: open above.
    MoreThan,
    /// «أقل من», «لا تتجاوز», «ما يصل إلى»: open below.
    AtMost,
    /// «بين … و …».
    Between,
}

/// Parses the number expressions of a text with one set of modifier words.
#[derive(Debug, Clone)]
pub struct NumberReader {
    modifiers: PhraseSet<Modifier>,
    /// First words of the modifiers.
    starters: crate::text::FastMap<String, ()>,
    approx_tolerance: f64,
}

const ABOUT: &[&str] = &[
    "نحو",
    "حوالي",
    "حوالى",
    "قرابة",
    "زهاء",
    "ما يقارب",
    "يقارب",
    "ما يقرب من",
    "يقرب من",
    "ما يناهز",
    "يناهز",
    "تقريبا",
    "أكثر أو أقل",
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "an estimated",
    "estimated",
];
const MORE_THAN: &[&str] = &[
    "أكثر من",
    "ما يزيد على",
    "ما يزيد عن",
    "يزيد على",
    "يزيد عن",
    "ما لا يقل عن",
    "لا يقل عن",
    "لا تقل عن",
    "أزيد من",
    "فوق",
    "more than",
    "over",
    "at least",
    "upwards of",
    "no fewer than",
    "no less than",
    "not less than",
];
const AT_MOST: &[&str] = &[
    "أقل من",
    "لا تتجاوز",
    "لا يتجاوز",
    "لا تزيد على",
    "لا يزيد على",
    "لا تزيد عن",
    "لا يزيد عن",
    "ما يصل إلى",
    "ما يصل الى",
    "يصل إلى",
    "حتى",
    "دون",
    "less than",
    "fewer than",
    "up to",
    "no more than",
    "under",
];

/// Words and what they are worth.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    /// 1–9 (and the teens' first half).
    Unit(f64),
    /// 10 alone, or the second half of a teen.
    Ten,
    /// 20, 30, … 90, and 100–900.
    Whole(f64),
    /// ×1000, ×10^6, ×10^9.
    Scale(f64),
    /// A dual scale: 2000, 2·10^6.
    Dual(f64),
    /// A plural of magnitude: «عشرات» (10), «مئات» (100), «آلاف» (1000)…
    Plural(f64),
    /// A fraction: «نصف», «ثلث», «ربع», «ثلثي».
    Fraction(f64),
    /// "several": a few of the scale that follows ("several thousand" is
    /// 2,000–9,999), or 2–9 alone.
    Several,
}

/// Number words as written; they are normalized when the table is built.
const WORDS: &[(&str, Word)] = &[
    ("واحد", Word::Unit(1.0)),
    ("واحدة", Word::Unit(1.0)),
    ("أحد", Word::Unit(1.0)),
    ("إحدى", Word::Unit(1.0)),
    ("اثنان", Word::Unit(2.0)),
    ("اثنين", Word::Unit(2.0)),
    ("اثنتان", Word::Unit(2.0)),
    ("اثنتين", Word::Unit(2.0)),
    ("اثنا", Word::Unit(2.0)),
    ("اثني", Word::Unit(2.0)),
    ("اثنتا", Word::Unit(2.0)),
    ("اثنتي", Word::Unit(2.0)),
    ("ثلاث", Word::Unit(3.0)),
    ("ثلاثة", Word::Unit(3.0)),
    ("أربع", Word::Unit(4.0)),
    ("أربعة", Word::Unit(4.0)),
    ("خمس", Word::Unit(5.0)),
    ("خمسة", Word::Unit(5.0)),
    ("ست", Word::Unit(6.0)),
    ("ستة", Word::Unit(6.0)),
    ("سبع", Word::Unit(7.0)),
    ("سبعة", Word::Unit(7.0)),
    ("ثمان", Word::Unit(8.0)),
    ("ثماني", Word::Unit(8.0)),
    ("ثمانية", Word::Unit(8.0)),
    ("تسع", Word::Unit(9.0)),
    ("تسعة", Word::Unit(9.0)),
    ("عشر", Word::Ten),
    ("عشرة", Word::Ten),
    ("عشرون", Word::Whole(20.0)),
    ("عشرين", Word::Whole(20.0)),
    ("ثلاثون", Word::Whole(30.0)),
    ("ثلاثين", Word::Whole(30.0)),
    ("أربعون", Word::Whole(40.0)),
    ("أربعين", Word::Whole(40.0)),
    ("خمسون", Word::Whole(50.0)),
    ("خمسين", Word::Whole(50.0)),
    ("ستون", Word::Whole(60.0)),
    ("ستين", Word::Whole(60.0)),
    ("سبعون", Word::Whole(70.0)),
    ("سبعين", Word::Whole(70.0)),
    ("ثمانون", Word::Whole(80.0)),
    ("ثمانين", Word::Whole(80.0)),
    ("تسعون", Word::Whole(90.0)),
    ("تسعين", Word::Whole(90.0)),
    ("مئة", Word::Whole(100.0)),
    ("مائة", Word::Whole(100.0)),
    ("مئتان", Word::Whole(200.0)),
    ("مئتين", Word::Whole(200.0)),
    ("مائتان", Word::Whole(200.0)),
    ("مائتين", Word::Whole(200.0)),
    ("ألف", Word::Scale(1e3)),
    ("ألفا", Word::Scale(1e3)),
    ("مليون", Word::Scale(1e6)),
    ("مليونا", Word::Scale(1e6)),
    ("مليار", Word::Scale(1e9)),
    ("مليارا", Word::Scale(1e9)),
    ("بليون", Word::Scale(1e9)),
    ("ألفان", Word::Dual(1e3)),
    ("ألفين", Word::Dual(1e3)),
    ("مليونان", Word::Dual(1e6)),
    ("مليونين", Word::Dual(1e6)),
    ("ملياران", Word::Dual(1e9)),
    ("مليارين", Word::Dual(1e9)),
    ("آلاف", Word::Plural(1e3)),
    ("ملايين", Word::Plural(1e6)),
    ("مليارات", Word::Plural(1e9)),
    ("عشرات", Word::Plural(10.0)),
    ("مئات", Word::Plural(100.0)),
    ("نصف", Word::Fraction(0.5)),
    ("ثلث", Word::Fraction(1.0 / 3.0)),
    ("ربع", Word::Fraction(0.25)),
    ("ثلثي", Word::Fraction(2.0 / 3.0)),
    ("ثلثا", Word::Fraction(2.0 / 3.0)),
    // English: hyphens are not tokens, so "twenty-five" is two words.
    ("one", Word::Unit(1.0)),
    ("two", Word::Unit(2.0)),
    ("three", Word::Unit(3.0)),
    ("four", Word::Unit(4.0)),
    ("five", Word::Unit(5.0)),
    ("six", Word::Unit(6.0)),
    ("seven", Word::Unit(7.0)),
    ("eight", Word::Unit(8.0)),
    ("nine", Word::Unit(9.0)),
    ("ten", Word::Whole(10.0)),
    ("eleven", Word::Whole(11.0)),
    ("twelve", Word::Whole(12.0)),
    ("thirteen", Word::Whole(13.0)),
    ("fourteen", Word::Whole(14.0)),
    ("fifteen", Word::Whole(15.0)),
    ("sixteen", Word::Whole(16.0)),
    ("seventeen", Word::Whole(17.0)),
    ("eighteen", Word::Whole(18.0)),
    ("nineteen", Word::Whole(19.0)),
    ("twenty", Word::Whole(20.0)),
    ("thirty", Word::Whole(30.0)),
    ("forty", Word::Whole(40.0)),
    ("fifty", Word::Whole(50.0)),
    ("sixty", Word::Whole(60.0)),
    ("seventy", Word::Whole(70.0)),
    ("eighty", Word::Whole(80.0)),
    ("ninety", Word::Whole(90.0)),
    ("hundred", Word::Whole(100.0)),
    ("thousand", Word::Scale(1e3)),
    ("million", Word::Scale(1e6)),
    ("billion", Word::Scale(1e9)),
    ("dozens", Word::Plural(10.0)),
    ("scores", Word::Plural(10.0)),
    ("tens", Word::Plural(10.0)),
    ("hundreds", Word::Plural(100.0)),
    ("thousands", Word::Plural(1e3)),
    ("millions", Word::Plural(1e6)),
    ("several", Word::Several),
    ("half", Word::Fraction(0.5)),
];

fn word_table() -> &'static crate::text::FastMap<String, Word> {
    static TABLE: OnceLock<crate::text::FastMap<String, Word>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: crate::text::FastMap<String, Word> = WORDS
            .iter()
            .map(|(w, v)| (normalize_phrase(w), *v))
            .collect();
        // Compound hundreds: «ثلاثمائة», «خمسمئة», «تسعمائة».
        for (unit, value) in [
            ("ثلاث", 3.0),
            ("أربع", 4.0),
            ("خمس", 5.0),
            ("ست", 6.0),
            ("سبع", 7.0),
            ("ثمان", 8.0),
            ("تسع", 9.0),
        ] {
            for hundred in ["مائة", "مئة"] {
                table.insert(
                    normalize_phrase(&format!("{unit}{hundred}")),
                    Word::Whole(value * 100.0),
                );
            }
        }
        table
    })
}

fn word_value(word: &str) -> Option<Word> {
    word_table().get(word).copied()
}

/// Reads digits with separators: `20,000` and `20.000` are twenty thousand,
/// `1.5` and `1,5` are one and a half (a group of exactly three digits after
/// a lone separator is a thousands group).
pub fn parse_digits(token: &str) -> Option<f64> {
    let separators: Vec<(usize, char)> = token
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | ','))
        .collect();
    if token
        .chars()
        .any(|c| !(c.is_ascii_digit() || c == '.' || c == ','))
    {
        return None;
    }
    let groups: Vec<&str> = token.split(['.', ',']).collect();
    let digits: String = match separators.as_slice() {
        [] => token.to_string(),
        [(_, sep)] => {
            if groups[1].len() == 3 && groups[0].len() <= 3 && groups[0] != "0" {
                groups.concat()
            } else {
                let _ = sep;
                format!("{}.{}", groups[0], groups[1])
            }
        }
        many => {
            // Several separators: the last one may be a decimal mark if it differs.
            let last = many.last().map(|&(_, c)| c);
            let first = many[0].1;
            if last != Some(first) {
                let (int, frac) = groups.split_at(groups.len() - 1);
                format!("{}.{}", int.concat(), frac[0])
            } else if groups[1..].iter().all(|g| g.len() == 3) {
                groups.concat()
            } else {
                return None;
            }
        }
    };
    digits.parse().ok()
}

impl NumberReader {
    /// A reader whose approximators widen a value by `approx_tolerance` (0.1 = ±10%).
    pub fn new(approx_tolerance: f64) -> NumberReader {
        let mut modifiers = PhraseSet::default();
        let mut starters = crate::text::FastMap::default();
        for (list, m) in [
            (ABOUT, Modifier::About),
            (MORE_THAN, Modifier::MoreThan),
            (AT_MOST, Modifier::AtMost),
            (&["بين", "ما بين", "between"][..], Modifier::Between),
        ] {
            for phrase in list {
                let phrase = normalize_phrase(phrase);
                if let Some(first) = phrase.split(' ').next() {
                    starters.insert(first.to_string(), ());
                }
                modifiers.insert(&phrase, m);
            }
        }
        NumberReader {
            modifiers,
            starters,
            approx_tolerance,
        }
    }

    /// Registers the modifiers and the words a number can start with.
    pub fn register(&mut self, lexicon: &mut crate::text::Lexicon) {
        use super::bits::{MODIFIERS, NUMBER_START};
        self.modifiers.register(lexicon, MODIFIERS);
        for word in self.starters.keys().chain(word_table().keys()) {
            lexicon.add_word(word, NUMBER_START);
        }
    }

    /// Every number in a piece of raw text (normalized and tokenized here).
    pub fn read_text(&self, text: &str) -> Vec<NumberMention> {
        let norm = crate::text::normalize(text).text;
        let tokens = crate::text::tokenize(&norm);
        let taken = vec![false; tokens.tokens.len()];
        self.find(&norm, &tokens, 0..tokens.tokens.len(), &taken)
    }

    /// Every number in `range` whose tokens are not `taken` (by a date, say).
    pub fn find(
        &self,
        text: &str,
        tokens: &Tokenized,
        range: Range<usize>,
        taken: &[bool],
    ) -> Vec<NumberMention> {
        let mut out = Vec::new();
        let mut at = range.start;
        while at < range.end {
            match self.read_at(text, tokens, at, range.end, taken) {
                Some(m) => {
                    at = m.tokens.end;
                    out.push(m);
                }
                None => at += 1,
            }
        }
        out
    }

    fn read_at(
        &self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        end: usize,
        taken: &[bool],
    ) -> Option<NumberMention> {
        if taken[at] {
            return None;
        }
        // A quick no for the words no number starts with.
        let word = tokens.text(text, at);
        let could_start = tokens.tokens[at].kind == TokenKind::Number
            || match tokens.masks.get(at) {
                Some(mask) => mask & super::bits::NUMBER_START != 0,
                None => any_stem(word, |s| {
                    self.starters.contains_key(s) || word_value(s).is_some()
                }),
            };
        if !could_start {
            return None;
        }
        let modifier = self
            .modifiers
            .matches_at(text, tokens, at, end)
            .into_iter()
            .max_by_key(|m| m.tokens.end);
        let (modifier, core_at) = match &modifier {
            Some(m) if m.tokens.end < end && !taken[m.tokens.end] => (Some(*m.value), m.tokens.end),
            _ => (None, at),
        };
        let verbal = modifier.is_some() && tokens.text(text, at).starts_with("لا");
        let (core_at, core) = match read_core(text, tokens, core_at, end, taken) {
            Some(core) => (core_at, core),
            // A negated verb may have its subject before the number:
            // «لا تتجاوز مساحتها الخمسة في المئة».
            None if verbal
                && core_at + 1 < end
                && tokens.tokens[core_at].kind == TokenKind::Word =>
            {
                (
                    core_at + 1,
                    read_core(text, tokens, core_at + 1, end, taken)?,
                )
            }
            None => return None,
        };
        let mut last = core.end;
        let (mut min, mut max) = (core.min, core.max);
        let mut approx = core.plural;
        match modifier {
            Some(Modifier::About) => {
                approx = true;
                min *= 1.0 - self.approx_tolerance;
                max *= 1.0 + self.approx_tolerance;
            }
            Some(Modifier::Between) => {
                // «بين 1000 و2000»: the conjunction may be its own token or
                // glued on; «ما بين 300 إلى 400» joins with «إلى».
                let next = last;
                let and_alone =
                    next < end && matches!(tokens.text(text, next), "و" | "and" | "الي" | "to");
                let second_at = if and_alone { next + 1 } else { next };
                let second = (second_at < end)
                    .then(|| read_core(text, tokens, second_at, end, taken))
                    .flatten()
                    .filter(|_| and_alone || tokens.text(text, next).starts_with('و'))?;
                let scale = shared_scale(min, second.min);
                min = (min * scale).min(second.min);
                max = (max * scale).max(second.max);
                last = second.end;
            }
            _ => {}
        }
        // "1,000 to 2,000", «من 300 إلى 400»: one range, not two numbers.
        if matches!(modifier, None | Some(Modifier::About)) {
            let joined = last + 1 < end
                && matches!(tokens.text(text, last), "to" | "الي")
                && tokens.tokens[last + 1].kind == TokenKind::Number;
            if let Some(second) = joined
                .then(|| read_core(text, tokens, last + 1, end, taken))
                .flatten()
                .filter(|second| second.min >= core.max)
            {
                let scale = if modifier == Some(Modifier::About) {
                    1.0 + self.approx_tolerance
                } else {
                    1.0
                };
                min *= shared_scale(min, second.min);
                max = second.max * scale;
                last = second.end;
            }
        }
        // «تقريبا» after the number.
        if last < end && matches!(tokens.text(text, last), "تقريبا") {
            approx = true;
            min *= 1.0 - self.approx_tolerance;
            max *= 1.0 + self.approx_tolerance;
            last += 1;
        }
        // «16 شخصا على الأقل», "20 people at least": the hedge after the
        // counted noun makes the number a lower bound (the span stays on the
        // number, the noun is the rule's trigger).
        let at_least_after = modifier.is_none()
            && (last..(last + 2).min(end)).any(|h| {
                let words = |k: usize| (h + k < end).then(|| tokens.text(text, h + k));
                matches!(
                    (words(0), words(1)),
                    (Some("علي"), Some("الاقل")) | (Some("at"), Some("least"))
                ) && (h + 2 >= end || tokens.tokens[h + 2].kind != TokenKind::Number)
            });
        // A fraction stays exact (1/3); the rule that reads it decides how to round.
        let round = |v: f64| if core.fraction { v } else { round(v) };
        let value = NumberValue {
            min: (modifier != Some(Modifier::AtMost)).then_some(round(min)),
            max: (modifier != Some(Modifier::MoreThan) && !at_least_after).then_some(round(max)),
            approx,
        };
        Some(NumberMention {
            tokens: if modifier.is_some() { at } else { core_at }..last,
            value,
            fraction: core.fraction,
        })
    }
}

/// «ما بين ستين إلى تسعين ألفا»: a scale word after the second number of
/// a range counts for the first too (60,000–90,000, not 60–90,000).
fn shared_scale(first: f64, second: f64) -> f64 {
    [1e9, 1e6, 1e3]
        .into_iter()
        .find(|&s| first > 0.0 && first * s <= second && second % s == 0.0)
        .unwrap_or(1.0)
}

fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// The number itself, without modifiers.
struct Core {
    min: f64,
    max: f64,
    end: usize,
    plural: bool,
    fraction: bool,
}

fn read_core(
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
    taken: &[bool],
) -> Option<Core> {
    if taken[at] {
        return None;
    }
    let token = &tokens.tokens[at];
    let word = tokens.text(text, at);
    if token.kind == TokenKind::Number {
        let (min, max) = match word.split_once('-') {
            // «2000-1000» is the same range as «1000-2000».
            Some((a, b)) => {
                let (a, b) = (parse_digits(a)?, parse_digits(b)?);
                (a.min(b), a.max(b))
            }
            None => {
                let v = parse_digits(word)?;
                (v, v)
            }
        };
        // A scale word after digits: «50 ألف», «1.5 مليون», «3 آلاف».
        let scale = (at + 1 < end && !taken[at + 1])
            .then(|| word_value(tokens.text(text, at + 1)))
            .flatten();
        return Some(match scale {
            Some(Word::Scale(m) | Word::Plural(m)) if m >= 1e3 => Core {
                min: min * m,
                max: max * m,
                end: at + 2,
                plural: false,
                fraction: false,
            },
            _ => Core {
                min,
                max,
                end: at + 1,
                plural: false,
                fraction: false,
            },
        });
    }
    read_words(text, tokens, at, end, taken)
}

/// Number words, left to right: units, teens, tens, hundreds, scales.
fn read_words(
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
    taken: &[bool],
) -> Option<Core> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut i = at;
    let mut last: Option<Word> = None;
    let mut plural_of: Option<f64> = None;
    while i < end && !taken[i] && tokens.tokens[i].kind == TokenKind::Word {
        let raw = tokens.text(text, i);
        let first = i == at;
        let word = if first {
            raw.strip_prefix("ال")
                .filter(|w| word_value(w).is_some())
                .unwrap_or(raw)
        } else {
            match raw.strip_prefix('و') {
                Some(rest) if word_value(rest).is_some() && word_value(raw).is_none() => rest,
                _ => raw,
            }
        };
        let Some(value) = word_value(word).or_else(|| word.strip_prefix("ال").and_then(word_value))
        else {
            break;
        };
        // «أحد أبرز قادته» is "one of", not a count; «أحد عشر» is eleven.
        if first
            && matches!(word, "احد" | "احدي")
            && !(i + 1 < end && matches!(tokens.text(text, i + 1), "عشر" | "عشره"))
        {
            return None;
        }
        match value {
            Word::Unit(u) => {
                // «خمسة وعشرون» joins with «و»; "twenty five" by order alone.
                let english_tens = raw.is_ascii()
                    && matches!(last, Some(Word::Whole(w)) if (20.0..100.0).contains(&w));
                if matches!(last, Some(Word::Unit(_) | Word::Ten | Word::Whole(_)))
                    && !raw.starts_with('و')
                    && !english_tens
                {
                    break;
                }
                current += u;
            }
            Word::Several => {
                if !first {
                    break;
                }
                plural_of = Some(1.0);
            }
            Word::Ten => {
                // «ثلاثة عشر»: the unit is already counted.
                current += 10.0;
                if matches!(last, Some(Word::Ten | Word::Whole(_))) {
                    break;
                }
            }
            Word::Whole(100.0) if plural_of == Some(1.0) && current == 0.0 => {
                // "several hundred"
                plural_of = Some(100.0);
            }
            Word::Whole(w) => {
                if w == 100.0 && matches!(last, Some(Word::Unit(_))) && current < 10.0 {
                    current *= 100.0;
                } else {
                    current += w;
                }
            }
            Word::Scale(m) if plural_of == Some(1.0) && current == 0.0 => {
                // "several thousand"
                plural_of = Some(m);
            }
            // «ما بين خمسمائة وألف»: a scale joined by «و» is a second
            // number (a range's end), not a multiplier of the first.
            Word::Scale(_) if !first && raw.starts_with('و') => break,
            Word::Scale(m) => {
                total += current.max(1.0) * m;
                current = 0.0;
            }
            Word::Dual(m) => {
                if last.is_some() && !raw.starts_with('و') {
                    break;
                }
                total += 2.0 * m;
            }
            Word::Plural(m) => {
                if current > 0.0 {
                    total += current * m;
                    current = 0.0;
                } else if first {
                    plural_of = Some(m);
                } else if let Some(p) = plural_of {
                    // «عشرات الآلاف»: tens of thousands.
                    plural_of = Some(p * m);
                } else {
                    break;
                }
            }
            Word::Fraction(f) => {
                if !first {
                    break;
                }
                return Some(Core {
                    min: f,
                    max: f,
                    end: i + 1,
                    plural: false,
                    fraction: true,
                });
            }
        }
        last = Some(value);
        i += 1;
        // "tens of thousands", "hundreds of thousands": «of» inside the chain.
        if plural_of.is_some()
            && i + 1 < end
            && tokens.text(text, i) == "of"
            && matches!(word_value(tokens.text(text, i + 1)), Some(Word::Plural(_)))
        {
            i += 1;
        }
    }
    if i == at {
        return None;
    }
    // "several" alone ("several weeks", "several fronts") counts nothing.
    if plural_of == Some(1.0) {
        return None;
    }
    if let Some(m) = plural_of {
        return Some(Core {
            min: 2.0 * m,
            max: 10.0 * m - 1.0,
            end: i,
            plural: true,
            fraction: false,
        });
    }
    let v = total + current;
    (v > 0.0).then_some(Core {
        min: v,
        max: v,
        end: i,
        plural: false,
        fraction: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{normalize, tokenize};

    fn read(text: &str) -> Vec<(Option<f64>, Option<f64>, bool)> {
        NumberReader::new(0.1)
            .read_text(text)
            .into_iter()
            .map(|m| (m.value.min, m.value.max, m.value.approx))
            .collect()
    }

    fn one(text: &str) -> (Option<f64>, Option<f64>, bool) {
        let all = read(text);
        assert_eq!(all.len(), 1, "one number in {text:?}: {all:?}");
        all[0]
    }

    fn exact(v: f64) -> (Option<f64>, Option<f64>, bool) {
        (Some(v), Some(v), false)
    }

    #[test]
    fn digits_in_every_script_and_separator() {
        for (text, v) in [
            ("15 غارة", 15.0),
            ("١٥٠٠ مقاتل", 1500.0),
            ("۱۵۰۰ مقاتل", 1500.0),
            ("20,000 كم", 20000.0),
            ("٢٠٬٠٠٠ كم", 20000.0),
            ("20.000 كم", 20000.0),
            ("3.5 كم", 3.5),
            ("٣٫٥ كم", 3.5),
            ("1,234,567 دولار", 1234567.0),
            ("1.234,5 متر", 1234.5),
        ] {
            assert_eq!(one(text), exact(v), "{text}");
        }
    }

    #[test]
    fn scale_words_after_digits() {
        assert_eq!(one("50 ألف نازح"), exact(50000.0));
        assert_eq!(one("1.5 مليون"), exact(1_500_000.0));
        assert_eq!(one("٣ آلاف"), exact(3000.0));
    }

    #[test]
    fn number_words() {
        for (text, v) in [
            ("خمسة", 5.0),
            ("خمس", 5.0),
            ("الخمسة", 5.0),
            ("اثنين", 2.0),
            ("ثلاثة عشر", 13.0),
            ("خمسة وعشرون", 25.0),
            ("مئة", 100.0),
            ("مائة", 100.0),
            ("مئتين", 200.0),
            ("ثلاثمائة", 300.0),
            ("ألف", 1000.0),
            ("ألفين", 2000.0),
            ("ألفان", 2000.0),
            ("ثلاثة آلاف", 3000.0),
            ("ثلاثة آلاف وخمسمائة", 3500.0),
            ("عشرين ألفا", 20000.0),
            ("مليون", 1e6),
            ("مليونين", 2e6),
            ("خمسة ملايين", 5e6),
        ] {
            assert_eq!(one(text), exact(v), "{text}");
        }
    }

    #[test]
    fn fractions_are_flagged() {
        let norm = normalize("ثلث مساحة العراق").text;
        let tokens = tokenize(&norm);
        let found =
            NumberReader::new(0.1).find(&norm, &tokens, 0..tokens.tokens.len(), &[false; 3]);
        assert!(found[0].fraction);
        assert!((found[0].value.min.unwrap() - 0.333).abs() < 0.001);
        assert_eq!(one("نصف"), exact(0.5));
        assert!((one("ثلثي").0.unwrap() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn approximators_and_bounds() {
        assert_eq!(one("نحو 1500"), (Some(1350.0), Some(1650.0), true));
        assert_eq!(one("بنحو 1500"), (Some(1350.0), Some(1650.0), true));
        assert_eq!(one("ما يقارب 1000"), (Some(900.0), Some(1100.0), true));
        for approx in ["حوالي", "حوالى", "قرابة", "زهاء", "ما يناهز"] {
            assert_eq!(
                one(&format!("{approx} 1000")),
                (Some(900.0), Some(1100.0), true),
                "{approx}"
            );
        }
        assert_eq!(one("حتى 500"), (None, Some(500.0), false));
        assert_eq!(one("1000 تقريباً"), (Some(900.0), Some(1100.0), true));
        assert_eq!(one("أكثر من 35"), (Some(35.0), None, false));
        assert_eq!(one("ما يزيد على 200"), (Some(200.0), None, false));
        assert_eq!(one("أقل من 10"), (None, Some(10.0), false));
        assert_eq!(one("لا تتجاوز الخمسة"), (None, Some(5.0), false));
        assert_eq!(one("لا تتجاوز مساحتها الخمسة"), (None, Some(5.0), false));
        assert_eq!(one("ما يصل إلى 300"), (None, Some(300.0), false));
    }

    #[test]
    fn english_quantities() {
        assert_eq!(
            one("some 1,500 fighters"),
            (Some(1350.0), Some(1650.0), true)
        );
        assert_eq!(one("more than 35 percent"), (Some(35.0), None, false));
        assert_eq!(one("up to 300"), (None, Some(300.0), false));
        assert_eq!(
            one("between 1,000 and 2,000"),
            (Some(1000.0), Some(2000.0), false)
        );
    }

    #[test]
    fn ranges_and_plurals_of_magnitude() {
        assert_eq!(one("بين 1000 و2000"), (Some(1000.0), Some(2000.0), false));
        assert_eq!(one("بين 1000 و 2000"), (Some(1000.0), Some(2000.0), false));
        assert_eq!(one("1000-2000"), (Some(1000.0), Some(2000.0), false));
        assert_eq!(one("عشرات"), (Some(20.0), Some(99.0), true));
        assert_eq!(one("مئات"), (Some(200.0), Some(999.0), true));
        assert_eq!(one("آلاف"), (Some(2000.0), Some(9999.0), true));
        assert_eq!(one("عشرات الآلاف"), (Some(20000.0), Some(99999.0), true));
        // «وألف» after a number is the end of a range, not ×1000.
        assert!(
            read("ما بين خمسمائة وألف مقاتل")
                .iter()
                .all(|(_, max, _)| max.is_some_and(|m| m <= 1000.0)),
            "{:?}",
            read("ما بين خمسمائة وألف مقاتل")
        );
    }

    #[test]
    fn english_number_words() {
        assert_eq!(one("twenty five"), (Some(25.0), Some(25.0), false));
        assert_eq!(one("two hundred"), (Some(200.0), Some(200.0), false));
        assert_eq!(one("ten thousand"), (Some(10000.0), Some(10000.0), false));
        assert_eq!(one("dozens"), (Some(20.0), Some(99.0), true));
        assert_eq!(one("hundreds"), (Some(200.0), Some(999.0), true));
        assert_eq!(one("several thousand"), (Some(2000.0), Some(9999.0), true));
        assert_eq!(
            one("tens of thousands"),
            (Some(20000.0), Some(99999.0), true)
        );
        assert_eq!(
            one("hundreds of thousands"),
            (Some(200000.0), Some(999999.0), true)
        );
        assert_eq!(one("about 2,000"), (Some(1800.0), Some(2200.0), true));
        assert!(read("several weeks").is_empty());
        assert_eq!(one("16 شخصا على الأقل"), (Some(16.0), None, false));
        assert_eq!(one("20 people at least"), (Some(20.0), None, false));
        assert_eq!(
            read("20 people, at least 5 of them")[0],
            (Some(20.0), Some(20.0), false)
        );
        assert!(read("أحد أبرز المقاتلين").is_empty());
        assert_eq!(one("أحد عشر"), (Some(11.0), Some(11.0), false));
        assert_eq!(one("no fewer than 1,800"), (Some(1800.0), None, false));
        assert_eq!(one("1,000 to 2,000"), (Some(1000.0), Some(2000.0), false));
        assert_eq!(one("من 300 إلى 400"), (Some(300.0), Some(400.0), false));
        assert_eq!(one("ما بين 300 إلى 400"), (Some(300.0), Some(400.0), false));
        assert_eq!(
            one("ما بين ستين إلى تسعين ألف"),
            (Some(60000.0), Some(90000.0), false)
        );
        assert_eq!(one("بين 3 و5 ملايين"), (Some(3e6), Some(5e6), false));
        assert_eq!(read("from 20 to 5").len(), 2, "a falling pair is no range");
        assert_eq!(one("several hundred"), (Some(200.0), Some(999.0), true));
    }

    #[test]
    fn reversed_ranges_are_ordered() {
        // Found by the `numbers` fuzz target: a reversed range gave min > max.
        assert_eq!(one("1111-111"), (Some(111.0), Some(1111.0), false));
        assert_eq!(one("بين 2000 و1000"), (Some(1000.0), Some(2000.0), false));
    }

    #[test]
    fn ordinary_words_are_not_numbers() {
        assert!(read("قال المتحدث إن القوات تقدمت").is_empty());
        assert!(read("بين القوات").is_empty());
    }
}
