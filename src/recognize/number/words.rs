//! Number words and the chain they form («ثلاثة آلاف وخمسمائة», "twenty
//! five thousand"), and the core of a number: digits with a scale word, or
//! words. The words themselves are language data (`rules/languages/`),
//! handed over as plain lists.

use super::digits::{DigitsError, read_digits};
use crate::text::{FastMap, TokenKind, Tokenized, normalize_phrase};

/// What a number word is worth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Word {
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

/// Number words (normalized) and what they are worth.
pub(super) type WordTable = FastMap<String, Word>;

/// The table of `words`, normalized.
pub(super) fn word_table(words: &[(String, Word)]) -> WordTable {
    words
        .iter()
        .map(|(w, v)| (normalize_phrase(w), *v))
        .collect()
}

/// The number itself, without modifiers.
pub(super) struct Core {
    pub(super) min: f64,
    pub(super) max: f64,
    pub(super) end: usize,
    pub(super) plural: bool,
    pub(super) fraction: bool,
}

/// Digits as a value; too large is infinity, which the reader refuses
/// with its words, so that no part of them is read as a number.
fn digits(token: &str) -> Option<f64> {
    match read_digits(token) {
        Ok(v) => Some(v),
        Err(DigitsError::TooLarge) => Some(f64::INFINITY),
        Err(DigitsError::NotANumber) => None,
    }
}

pub(super) fn read_core(
    table: &WordTable,
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
                let (a, b) = (digits(a)?, digits(b)?);
                (a.min(b), a.max(b))
            }
            None => {
                let v = digits(word)?;
                (v, v)
            }
        };
        // A scale word after digits: «50 ألف», «1.5 مليون», «3 آلاف».
        let scale = (at + 1 < end && !taken[at + 1])
            .then(|| table.get(tokens.text(text, at + 1)).copied())
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
    read_words(table, text, tokens, (at, end), taken, false)
}

/// The number words of a range's second bound whose first word carries
/// the glued «و»: «وألف», «وخمسمائة».
pub(super) fn read_after_and(
    table: &WordTable,
    text: &str,
    tokens: &Tokenized,
    at: usize,
    end: usize,
    taken: &[bool],
) -> Option<Core> {
    if taken[at] {
        return None;
    }
    read_words(table, text, tokens, (at, end), taken, true)
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
fn chain_word<'w>(table: &WordTable, raw: &'w str, first: bool) -> &'w str {
    if first {
        raw.strip_prefix("ال")
            .filter(|w| table.contains_key(*w))
            .unwrap_or(raw)
    } else {
        match raw.strip_prefix('و') {
            Some(rest) if table.contains_key(rest) && !table.contains_key(raw) => rest,
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
            // «ثلاثمائة وخمسمائة», «عشرة وعشرين»: joined by «و», hundreds
            // (tens) do not add to hundreds (tens); the second is another
            // number (French «soixante-dix» adds, unjoined).
            Word::Whole(w)
                if joined
                    && ((w >= 100.0 && self.current >= 100.0)
                        || (w < 100.0 && self.current % 100.0 >= 10.0)) =>
            {
                return Step::Stop;
            }
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
/// `glued_and`: the first word carries the «و» of a range's second bound
/// («ما بين خمسمائة وألف»), peeled off before it is read.
fn read_words(
    table: &WordTable,
    text: &str,
    tokens: &Tokenized,
    (at, end): (usize, usize),
    taken: &[bool],
    glued_and: bool,
) -> Option<Core> {
    let mut chain = Chain::default();
    let mut i = at;
    while i < end && !taken[i] && tokens.tokens[i].kind == TokenKind::Word {
        let mut raw = tokens.text(text, i);
        let first = i == at;
        if first && glued_and {
            raw = raw.strip_prefix('و')?;
        }
        let word = chain_word(table, raw, first);
        let value_of = |w: &str| table.get(w).copied();
        let Some(value) = value_of(word).or_else(|| word.strip_prefix("ال").and_then(value_of))
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
            && matches!(table.get(tokens.text(text, i + 1)), Some(Word::Plural(_)))
        {
            i += 1;
        }
    }
    if i == at {
        return None;
    }
    chain.finish(i)
}
