//! Numbers as Arabic news prints them, turned into intervals.
//!
//! Digits in any script (normalization made them ASCII) with thousands
//! separators and decimal marks, scale words (`50 ألف`, `1.5 مليون`),
//! number words with their gender, case, dual and plural forms
//! (`خمسة وعشرون`, `ثلاثة آلاف وخمسمائة`, `ألفين`), fractions (`ثلث`),
//! plurals of magnitude (`عشرات`, `آلاف`), approximators (`نحو`) and
//! bounds (`أكثر من`, `لا تتجاوز`), and ranges (`بين 1000 و2000`).

mod words;

use std::ops::Range;

use crate::claim::NumberValue;
use crate::text::{PhraseSet, TokenKind, Tokenized, any_stem, normalize_phrase};
pub use words::Word;
use words::{Core, WordTable, read_core, word_table};

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
    approx_tolerance: f64,
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
        NumberReader {
            modifiers,
            starters,
            words: word_table(&words.words),
            and: joiners(&words.and),
            to: joiners(&words.to),
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
        let found = self
            .modifiers
            .matches_at(text, tokens, at, end)
            .into_iter()
            .max_by_key(|m| m.tokens.end);
        match &found {
            Some(m) if m.tokens.end < end && !taken[m.tokens.end] => (Some(*m.value), m.tokens.end),
            _ => (None, at),
        }
    }

    /// Widens a reading by the approximation tolerance.
    fn widen(&self, n: &mut Reading) {
        n.approx = true;
        n.min *= 1.0 - self.approx_tolerance;
        n.max *= 1.0 + self.approx_tolerance;
    }

    fn read_at(
        &self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        end: usize,
        taken: &[bool],
    ) -> Option<NumberMention> {
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
        let mut n = Reading {
            min: core.min,
            max: core.max,
            last: core.end,
            approx: core.plural,
        };
        match modifier {
            Some(Modifier::About) => self.widen(&mut n),
            Some(Modifier::Between) => span.between(&mut n)?,
            _ => {}
        }
        if matches!(modifier, None | Some(Modifier::About)) {
            let scale = if modifier == Some(Modifier::About) {
                1.0 + self.approx_tolerance
            } else {
                1.0
            };
            span.joined_range(&mut n, core.max, scale);
        }
        // «تقريبا» after the number.
        if n.last < end && matches!(tokens.text(text, n.last), "تقريبا") {
            self.widen(&mut n);
            n.last += 1;
        }
        let at_least_after = modifier.is_none() && span.hedge_after(n.last);
        // A fraction stays exact (1/3); the rule that reads it decides how to round.
        let round = |v: f64| if core.fraction { v } else { round(v) };
        let value = NumberValue {
            min: (modifier != Some(Modifier::AtMost)).then_some(round(n.min)),
            max: (modifier != Some(Modifier::MoreThan) && !at_least_after).then_some(round(n.max)),
            approx: n.approx,
        };
        Some(NumberMention {
            tokens: if modifier.is_some() { at } else { core_at }..n.last,
            value,
            fraction: core.fraction,
        })
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
        let second = (second_at < self.end)
            .then(|| self.core_at(second_at))
            .flatten()
            .filter(|_| and_alone || self.word(next).starts_with('و'))?;
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

    /// «16 شخصا على الأقل», "20 people at least": the hedge after the
    /// counted noun makes the number a lower bound (the span stays on the
    /// number, the noun is the rule's trigger).
    fn hedge_after(&self, last: usize) -> bool {
        let end = self.end;
        (last..(last + 2).min(end)).any(|h| {
            let words = |k: usize| (h + k < end).then(|| self.word(h + k));
            matches!(
                (words(0), words(1)),
                (Some("علي"), Some("الاقل")) | (Some("at"), Some("least"))
            ) && (h + 2 >= end || self.tokens.tokens[h + 2].kind != TokenKind::Number)
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

#[cfg(test)]
mod tests;
