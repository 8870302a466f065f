//! The recognizers: the lexical readers that the rules compile and the
//! extraction driver runs — numbers, dates, entity names (the gazetteer)
//! and speakers — and the token flags they share. They know nothing of
//! rule files: each is built from plain word lists (the number and date
//! words come from `rules/languages/*.yaml` through the rules stage).

mod date;
mod entity;
mod number;
mod speaker;

pub use date::{
    DateExpr, DateMention, DateTables, DateWords, MonthPart, SpanUnit, YEARS, find_dates, resolve,
};
pub use entity::{DocumentNames, EntityMention, EntityType, Gazetteer, GazetteerSettings};
pub use number::{
    DigitsError, LARGEST, NumberMention, NumberReader, NumberWords, RefusedNumber,
    Word as NumberWord, parse_digits, read_digits,
};
pub use speaker::{Attribution, Lookup, Speaker, SpeechWords};

/// The phrase tables' bits in the rule set's [`Lexicon`](crate::text::Lexicon):
/// one pass over a document marks every token that may start a phrase of a
/// table, and each recognizer looks only where its bit is set.
pub mod bits {
    /// Claim rule triggers.
    pub const TRIGGERS: u64 = 1 << 0;
    /// Entity aliases.
    pub const ALIASES: u64 = 1 << 1;
    /// Speech verbs and «وفق/بحسب».
    pub const SPEECH: u64 = 1 << 2;
    /// Words that end a speaker phrase.
    pub const STOPS: u64 = 1 << 3;
    /// Wire agency names.
    pub const AGENCIES: u64 = 1 << 4;
    /// Approximators and bounds before numbers.
    pub const MODIFIERS: u64 = 1 << 5;
    /// Words a date can start with.
    pub const DATE_START: u64 = 1 << 6;
    /// Words a number can start with.
    pub const NUMBER_START: u64 = 1 << 7;
    /// Cue words before provisional places.
    pub const PLACE_CUE: u64 = 1 << 8;
    /// Feminine duals of number triggers («قريتين»).
    pub const DUAL_TRIGGERS: u64 = 1 << 9;
}
