//! Number words and the chain they form («ثلاثة آلاف وخمسمائة», "twenty
//! five thousand"), and the core of a number: digits with a scale word, or
//! words. The modifier words before numbers (approximators, bounds) are
//! listed here too.

use std::sync::OnceLock;

use super::parse_digits;
use crate::text::{FastMap, TokenKind, Tokenized, normalize_phrase};

pub(super) const ABOUT: &[&str] = &[
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
pub(super) const MORE_THAN: &[&str] = &[
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
pub(super) const AT_MOST: &[&str] = &[
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
pub(super) enum Word {
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

pub(super) fn word_table() -> &'static FastMap<String, Word> {
    static TABLE: OnceLock<FastMap<String, Word>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: FastMap<String, Word> = WORDS
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

pub(super) fn word_value(word: &str) -> Option<Word> {
    word_table().get(word).copied()
}

/// The number itself, without modifiers.
pub(super) struct Core {
    pub(super) min: f64,
    pub(super) max: f64,
    pub(super) end: usize,
    pub(super) plural: bool,
    pub(super) fraction: bool,
}

pub(super) fn read_core(
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

/// The running value of a chain of number words.
#[derive(Default)]
struct Chain {
    total: f64,
    current: f64,
    last: Option<Word>,
    /// Set by a plural of magnitude («عشرات», "hundreds"): its scale, or
    /// 1 for "several" until a scale follows.
    plural_of: Option<f64>,
}

/// What a word does to a chain.
enum Step {
    /// It joins the chain.
    Next,
    /// It starts another number: the chain ends before it.
    Stop,
    /// It is the whole number (a fraction).
    Done(Core),
}

/// The word as a chain member: «الخمسة» without its article at the start,
/// «وعشرون» without its «و» inside.
fn chain_word(raw: &str, first: bool) -> &str {
    if first {
        raw.strip_prefix("ال")
            .filter(|w| word_value(w).is_some())
            .unwrap_or(raw)
    } else {
        match raw.strip_prefix('و') {
            Some(rest) if word_value(rest).is_some() && word_value(raw).is_none() => rest,
            _ => raw,
        }
    }
}

impl Chain {
    /// "several" read, and no number yet.
    fn several(&self) -> bool {
        self.plural_of == Some(1.0) && self.current == 0.0
    }

    /// Adds word `value` (written `raw`, at token `i`) to the chain.
    fn take(&mut self, value: Word, raw: &str, first: bool, i: usize) -> Step {
        let joined = raw.starts_with('و');
        match value {
            Word::Unit(u) => {
                // «خمسة وعشرون» joins with «و»; "twenty five" by order alone.
                let english_tens = raw.is_ascii()
                    && matches!(self.last, Some(Word::Whole(w)) if (20.0..100.0).contains(&w));
                if matches!(self.last, Some(Word::Unit(_) | Word::Ten | Word::Whole(_)))
                    && !joined
                    && !english_tens
                {
                    return Step::Stop;
                }
                self.current += u;
            }
            Word::Several if !first => return Step::Stop,
            Word::Several => self.plural_of = Some(1.0),
            Word::Ten => {
                // «ثلاثة عشر»: the unit is already counted.
                self.current += 10.0;
                if matches!(self.last, Some(Word::Ten | Word::Whole(_))) {
                    return Step::Stop;
                }
            }
            // "several hundred", "several thousand"
            Word::Whole(100.0) if self.several() => self.plural_of = Some(100.0),
            Word::Scale(m) if self.several() => self.plural_of = Some(m),
            Word::Whole(w) => {
                if w == 100.0 && matches!(self.last, Some(Word::Unit(_))) && self.current < 10.0 {
                    self.current *= 100.0;
                } else {
                    self.current += w;
                }
            }
            // «ما بين خمسمائة وألف»: a scale joined by «و» is a second
            // number (a range's end), not a multiplier of the first.
            Word::Scale(_) if !first && joined => return Step::Stop,
            Word::Scale(m) => {
                self.total += self.current.max(1.0) * m;
                self.current = 0.0;
            }
            Word::Dual(_) if self.last.is_some() && !joined => return Step::Stop,
            Word::Dual(m) => self.total += 2.0 * m,
            Word::Plural(m) => return self.plural(m, first),
            Word::Fraction(_) if !first => return Step::Stop,
            Word::Fraction(f) => {
                return Step::Done(Core {
                    min: f,
                    max: f,
                    end: i + 1,
                    plural: false,
                    fraction: true,
                });
            }
        }
        Step::Next
    }

    /// «ثلاثة آلاف» multiplies; «آلاف» first is a plural of magnitude;
    /// «عشرات الآلاف» is tens of thousands.
    fn plural(&mut self, m: f64, first: bool) -> Step {
        if self.current > 0.0 {
            self.total += self.current * m;
            self.current = 0.0;
        } else if first {
            self.plural_of = Some(m);
        } else if let Some(p) = self.plural_of {
            self.plural_of = Some(p * m);
        } else {
            return Step::Stop;
        }
        Step::Next
    }

    /// The chain's value, ending before token `end`: a plural of magnitude
    /// is 2 to 9.99 of its scale; "several" alone counts nothing.
    fn finish(self, end: usize) -> Option<Core> {
        match self.plural_of {
            Some(1.0) => None,
            Some(m) => Some(Core {
                min: 2.0 * m,
                max: 10.0 * m - 1.0,
                end,
                plural: true,
                fraction: false,
            }),
            None => {
                let v = self.total + self.current;
                (v > 0.0).then_some(Core {
                    min: v,
                    max: v,
                    end,
                    plural: false,
                    fraction: false,
                })
            }
        }
    }
}

/// Number words, left to right: units, teens, tens, hundreds, scales.
fn read_words(
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
    taken: &[bool],
) -> Option<Core> {
    let mut chain = Chain::default();
    let mut i = at;
    while i < end && !taken[i] && tokens.tokens[i].kind == TokenKind::Word {
        let raw = tokens.text(text, i);
        let first = i == at;
        let word = chain_word(raw, first);
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
        match chain.take(value, raw, first, i) {
            Step::Next => {}
            Step::Stop => break,
            Step::Done(core) => return Some(core),
        }
        chain.last = Some(value);
        i += 1;
        // "tens of thousands", "hundreds of thousands": «of» inside the chain.
        if chain.plural_of.is_some()
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
    chain.finish(i)
}
