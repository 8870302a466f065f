//! Numbers as Arabic news prints them, turned into intervals.
//!
//! Digits in any script (normalization made them ASCII) with thousands
//! separators and decimal marks, scale words (`50 ألف`, `1.5 مليون`),
//! number words with their gender, case, dual and plural forms
//! (`خمسة وعشرون`, `ثلاثة آلاف وخمسمائة`, `ألفين`), fractions (`ثلث`),
//! plurals of magnitude (`عشرات`, `آلاف`), approximators (`نحو`) and
//! bounds (`أكثر من`, `لا تتجاوز`), and ranges (`بين 1000 و2000`).

mod around;
mod digits;
mod words;

use std::ops::Range;

use crate::claim::NumberValue;
use crate::text::{PhraseSet, TokenKind, Tokenized, any_stem, normalize_phrase};
use digits::tidy;
pub use digits::{DigitsError, LARGEST, parse_digits, read_digits};
pub use words::Word;
use words::{Core, WordTable, read_after_and, read_core, word_table};

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

/// A number the text writes that is not read as one, and why: the caller
/// says so rather than let a wrong value pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedNumber {
    /// Token range of the number and its modifiers.
    pub tokens: Range<usize>,
    /// Why it is refused.
    pub reason: DigitsError,
}

/// What reading at a token gave.
enum Outcome {
    Number(NumberMention),
    Refused(RefusedNumber),
    /// A clock time («الساعة 6», "0300 GMT"): no number, tokens passed over.
    Skipped(usize),
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

/// The words numbers are read with, every language merged; phrases are
/// normalized by the reader, so they may be given as written.
#[derive(Debug, Clone, Default)]
pub struct NumberWords {
    /// Approximators: «نحو», "about".
    pub about: Vec<String>,
    /// Lower bounds: «أكثر من», "more than".
    pub more_than: Vec<String>,
    /// Upper bounds: «لا تتجاوز», "up to".
    pub at_most: Vec<String>,
    /// Words opening a range: «بين», "between".
    pub between: Vec<String>,
    /// Words joining the bounds of a range after `between` («و», "and").
    pub and: Vec<String>,
    /// Words joining two numbers into one range («إلى», "to"); after
    /// `between` they join too.
    pub to: Vec<String>,
    /// Number words and their worth.
    pub words: Vec<(String, Word)>,
    /// Words before a clock time: «الساعة 6» is six o'clock, no count.
    pub clock_before: Vec<String>,
    /// Words after a clock time: «3,00 ت غ», "0300 GMT", "10 pm".
    pub clock_after: Vec<String>,
}

/// Parses the number expressions of a text with one set of words.
#[derive(Debug, Clone)]
pub struct NumberReader {
    modifiers: PhraseSet<Modifier>,
    /// First words of the modifiers.
    starters: crate::text::FastMap<String, ()>,
    /// Number words.
    words: WordTable,
    /// Words joining a range's bounds after «بين».
    and: Vec<String>,
    /// Words joining two numbers into a range.
    to: Vec<String>,
    /// Words before and after a clock time.
    clock_before: PhraseSet<()>,
    clock_after: PhraseSet<()>,
    approx_tolerance: f64,
}

impl NumberReader {
    /// A reader of `words` whose approximators widen a value by
    /// `approx_tolerance` (0.1 = ±10%).
    pub fn new(approx_tolerance: f64, words: &NumberWords) -> NumberReader {
        let mut modifiers = PhraseSet::default();
        let mut starters = crate::text::FastMap::default();
        for (list, m) in [
            (&words.about, Modifier::About),
            (&words.more_than, Modifier::MoreThan),
            (&words.at_most, Modifier::AtMost),
            (&words.between, Modifier::Between),
        ] {
            for phrase in list {
                let phrase = normalize_phrase(phrase);
                if let Some(first) = phrase.split(' ').next() {
                    starters.insert(first.to_string(), ());
                }
                modifiers.insert(&phrase, m);
            }
        }
        let joiners = |list: &[String]| list.iter().map(|w| normalize_phrase(w)).collect();
        let set = |list: &[String]| {
            let mut set = PhraseSet::default();
            list.iter()
                .for_each(|w| set.insert(&normalize_phrase(w), ()));
            set
        };
        NumberReader {
            modifiers,
            starters,
            words: word_table(&words.words),
            and: joiners(&words.and),
            to: joiners(&words.to),
            clock_before: set(&words.clock_before),
            clock_after: set(&words.clock_after),
            approx_tolerance,
        }
    }

    /// Registers the modifiers and the words a number can start with.
    pub fn register(&mut self, lexicon: &mut crate::text::Lexicon) {
        use super::bits::{MODIFIERS, NUMBER_START};
        self.modifiers.register(lexicon, MODIFIERS);
        for word in self.starters.keys().chain(self.words.keys()) {
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
        self.find_checked(text, tokens, range, taken).0
    }

    /// [`find`](Self::find), and the numbers refused (too large to hold),
    /// whose tokens are passed over so that no part of them is read.
    pub fn find_checked(
        &self,
        text: &str,
        tokens: &Tokenized,
        range: Range<usize>,
        taken: &[bool],
    ) -> (Vec<NumberMention>, Vec<RefusedNumber>) {
        let (mut found, mut refused) = (Vec::new(), Vec::new());
        let mut at = range.start;
        while at < range.end {
            match self.read_at(text, tokens, at, range.end, taken) {
                Some(Outcome::Number(m)) => {
                    at = m.tokens.end;
                    found.push(m);
                }
                Some(Outcome::Refused(r)) => {
                    at = r.tokens.end;
                    refused.push(r);
                }
                Some(Outcome::Skipped(end)) => at = end,
                None => at += 1,
            }
        }
        (found, refused)
    }

    /// Can a number start at token `at`? A quick no for most words.
    fn could_start(&self, text: &str, tokens: &Tokenized, at: usize) -> bool {
        let word = tokens.text(text, at);
        tokens.tokens[at].kind == TokenKind::Number
            || match tokens.masks.get(at) {
                Some(mask) => mask & super::bits::NUMBER_START != 0,
                None => any_stem(word, |s| {
                    self.starters.contains_key(s) || self.words.contains_key(s)
                }),
            }
    }

    /// The longest modifier at `at`, if a number can follow it, and where
    /// the number itself starts.
    fn modifier_at(
        &self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        end: usize,
        taken: &[bool],
    ) -> (Option<Modifier>, usize) {
        let found = self.modifiers.longest_at(text, tokens, at, end);
        match &found {
            Some(m) if m.tokens.end < end && !taken[m.tokens.end] => {
                // «أقل من -3»: the number starts after its sign.
                let sign = tokens.tokens[m.tokens.end].kind == TokenKind::Symbol
                    && m.tokens.end + 1 < end
                    && matches!(tokens.text(text, m.tokens.end), "-");
                (Some(*m.value), m.tokens.end + usize::from(sign))
            }
            _ => (None, at),
        }
    }

    /// Widens a reading by the approximation tolerance.
    fn widen(&self, n: &mut Reading) {
        n.approx = true;
        n.min -= n.min.abs() * self.approx_tolerance;
        n.max += n.max.abs() * self.approx_tolerance;
    }

    fn read_at(
        &self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        end: usize,
        taken: &[bool],
    ) -> Option<Outcome> {
        if taken[at] || !self.could_start(text, tokens, at) {
            return None;
        }
        let span = Span {
            reader: self,
            text,
            tokens,
            end,
            taken,
        };
        let (modifier, core_at) = self.modifier_at(text, tokens, at, end, taken);
        let (core_at, core) = span.core(modifier.is_some(), at, core_at)?;
        if let Some(after) = span.clock_time(core_at, core.end) {
            return Some(Outcome::Skipped(after));
        }
        // «-5», «أقل من -3»: the sign belongs to the number, not the modifier.
        let sign = span.minus_before(core_at);
        let (min, max) = match sign {
            Some(_) => (-core.max, -core.min),
            None => (core.min, core.max),
        };
        let mut n = Reading {
            min,
            max,
            last: core.end,
            approx: core.plural,
        };
        self.widen_and_join(&span, modifier, &core, &mut n)?;
        let first = match (modifier, sign) {
            (Some(_), _) => at,
            (None, Some(dash)) => dash,
            (None, None) => core_at,
        };
        let limit = LARGEST * (1.0 + self.approx_tolerance);
        if !(n.min.is_finite() && n.max.is_finite() && n.max <= limit) {
            return Some(Outcome::Refused(RefusedNumber {
                tokens: first..n.last,
                reason: DigitsError::TooLarge,
            }));
        }
        let at_least_after = modifier.is_none() && span.hedge_after(n.last);
        // A fraction stays exact (1/3); the rule that reads it decides how to round.
        let tidy = |v: f64| if core.fraction { v } else { tidy(v) };
        let value = NumberValue {
            min: (modifier != Some(Modifier::AtMost)).then_some(tidy(n.min)),
            max: (modifier != Some(Modifier::MoreThan) && !at_least_after).then_some(tidy(n.max)),
            approx: n.approx,
        };
        Some(Outcome::Number(NumberMention {
            tokens: first..n.last,
            value,
            fraction: core.fraction,
        }))
    }

    /// What may follow the number itself: an approximator's widening, the
    /// second bound of a range, «تقريبا» after it. `None` when a «بين» finds
    /// no second bound.
    fn widen_and_join(
        &self,
        span: &Span<'_>,
        modifier: Option<Modifier>,
        core: &Core,
        n: &mut Reading,
    ) -> Option<()> {
        match modifier {
            Some(Modifier::About) => self.widen(n),
            Some(Modifier::Between) => span.between(n)?,
            _ => {}
        }
        if matches!(modifier, None | Some(Modifier::About)) {
            let scale = if modifier == Some(Modifier::About) {
                1.0 + self.approx_tolerance
            } else {
                1.0
            };
            span.joined_range(n, core.max, scale);
        }
        // «تقريبا» after the number.
        if n.last < span.end && matches!(span.word(n.last), "تقريبا") {
            self.widen(n);
            n.last += 1;
        }
        Some(())
    }
}

/// A number being read: its interval so far and the token after it.
struct Reading {
    min: f64,
    max: f64,
    last: usize,
    approx: bool,
}

/// The stretch of a sentence a number is read in.
struct Span<'a> {
    reader: &'a NumberReader,
    text: &'a str,
    tokens: &'a Tokenized,
    end: usize,
    taken: &'a [bool],
}

impl Span<'_> {
    fn word(&self, at: usize) -> &str {
        self.tokens.text(self.text, at)
    }

    fn core_at(&self, at: usize) -> Option<Core> {
        read_core(
            &self.reader.words,
            self.text,
            self.tokens,
            at,
            self.end,
            self.taken,
        )
    }

    /// The number after a modifier. A negated verb may have its subject
    /// before the number: «لا تتجاوز مساحتها الخمسة في المئة».
    fn core(&self, modified: bool, at: usize, core_at: usize) -> Option<(usize, Core)> {
        let verbal = modified && self.word(at).starts_with("لا");
        match self.core_at(core_at) {
            Some(core) => Some((core_at, core)),
            None if verbal
                && core_at + 1 < self.end
                && self.tokens.tokens[core_at].kind == TokenKind::Word =>
            {
                Some((core_at + 1, self.core_at(core_at + 1)?))
            }
            None => None,
        }
    }

    /// «بين 1000 و2000»: the conjunction may be its own token or glued on;
    /// «ما بين 300 إلى 400» joins with «إلى». No second number, no range.
    fn between(&self, n: &mut Reading) -> Option<()> {
        let next = n.last;
        let and_alone = next < self.end && {
            let word = self.word(next);
            let r = self.reader;
            r.and.iter().chain(&r.to).any(|w| w == word)
        };
        let second_at = if and_alone { next + 1 } else { next };
        let glued = !and_alone && next < self.end && self.word(next).starts_with('و');
        let second = (second_at < self.end)
            .then(|| self.core_at(second_at))
            .flatten()
            .filter(|_| and_alone || glued)
            .or_else(|| {
                // «ما بين خمسمائة وألف»: the «و» glued on a number word.
                glued.then(|| {
                    let r = self.reader;
                    read_after_and(&r.words, self.text, self.tokens, next, self.end, self.taken)
                })?
            })?;
        let scale = shared_scale(n.min, second.min);
        n.min = (n.min * scale).min(second.min);
        n.max = (n.max * scale).max(second.max);
        n.last = second.end;
        Some(())
    }

    /// "1,000 to 2,000", «من 300 إلى 400»: one range, not two numbers; the
    /// second bound, no lower than the first, is widened by `scale`.
    fn joined_range(&self, n: &mut Reading, first_max: f64, scale: f64) {
        let last = n.last;
        let joined = last + 1 < self.end
            && self.reader.to.iter().any(|w| w == self.word(last))
            && self.tokens.tokens[last + 1].kind == TokenKind::Number;
        if let Some(second) = joined
            .then(|| self.core_at(last + 1))
            .flatten()
            .filter(|second| second.min >= first_max)
        {
            n.min *= shared_scale(n.min, second.min);
            n.max = second.max * scale;
            n.last = second.end;
        }
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

#[cfg(test)]
mod tests;
