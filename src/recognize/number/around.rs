//! What stands around a number and changes what it is: a clock word
//! («الساعة 6», "0300 GMT": no count at all), a minus sign written against
//! the digits («-5»), a hedge after the counted noun ("20 people at
//! least": a lower bound).

use super::Span;
use crate::text::TokenKind;

impl Span<'_> {
    /// «الساعة 6», «(3,00 ت غ)», "0300 GMT", "10 pm": a clock time, no
    /// count. The token after it (and its clock words), if it is one.
    pub(super) fn clock_time(&self, core_at: usize, core_end: usize) -> Option<usize> {
        let reader = self.reader;
        let before = (core_at.saturating_sub(2)..core_at).any(|from| {
            reader
                .clock_before
                .find_at(self.text, self.tokens, from, core_at, |m| {
                    m.tokens.end == core_at
                })
                .is_some()
        });
        let after = (core_end < self.end)
            .then(|| {
                reader
                    .clock_after
                    .matches_at(self.text, self.tokens, core_end, self.end)
                    .into_iter()
                    .map(|m| m.tokens.end)
                    .max()
            })
            .flatten();
        match (before, after) {
            (_, Some(end)) => Some(end),
            (true, None) => Some(core_end),
            (false, None) => None,
        }
    }

    /// «-500», «−5»: a minus sign against the digits, itself after a space,
    /// a bracket or the start (not the dash of «US-500» or «10-20»). The
    /// token the number then starts at: the dash's, when it is one.
    pub(super) fn minus_before(&self, core_at: usize) -> Option<usize> {
        let token = &self.tokens.tokens[core_at];
        if token.kind != TokenKind::Number {
            return None;
        }
        let before = &self.text[..token.range.start];
        let sign = before
            .chars()
            .next_back()
            .filter(|c| matches!(c, '-' | '−'))?;
        let prior = before[..before.len() - sign.len_utf8()].chars().next_back();
        if prior.is_some_and(|c| !(c.is_whitespace() || matches!(c, '(' | '[' | '«' | '"' | ':')))
        {
            return None;
        }
        let dash = core_at.checked_sub(1).filter(|&d| {
            let t = &self.tokens.tokens[d];
            t.kind == TokenKind::Symbol
                && t.range.end == token.range.start
                && t.sentence == token.sentence
                && !self.taken[d]
        });
        Some(dash.unwrap_or(core_at))
    }

    /// «16 شخصا على الأقل», "20 people at least": the hedge after the
    /// counted noun makes the number a lower bound (the span stays on the
    /// number, the noun is the rule's trigger).
    pub(super) fn hedge_after(&self, last: usize) -> bool {
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
