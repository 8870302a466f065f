//! The narrower place: a town rather than the province it was placed in.

use std::ops::Range;

use super::{Anchor, Scene, Subject};
use crate::recognize::{EntityMention, EntityType};
use crate::rules::ClaimRule;

/// At most this many tokens between a place and the province or town it is
/// placed in («تدمر، الواقعة في ريف حمص»).
const PLACED_IN_WINDOW: usize = 4;

impl Scene<'_> {
    /// «منبج بريف حلب», «منبج في محافظة حلب», "Manbij, in Aleppo province":
    /// when the place found is the province a town was just placed in, the
    /// claim is about the town.
    pub(super) fn narrower(
        &self,
        i: usize,
        types: &[EntityType],
        skipped: &[usize],
        anchor: &Anchor,
    ) -> usize {
        if let Some(town) = self.capital_after(i, types, skipped) {
            return town;
        }
        if let Some(part) = self.part_named(i, types, skipped, anchor) {
            return part;
        }
        let m = &self.entities[i];
        let cues = &self.rules.containment_cues;
        let is_cue = |range: Range<usize>| {
            range.start < range.end
                && cues
                    .find_at(self.text, self.tokens, range.start, range.end, |c| {
                        c.tokens.end == range.end
                    })
                    .is_some()
        };
        // The cue before the province («بريف حلب», "province of Aleppo") or
        // after it ("in Aleppo province"), «في»/"in" allowed before the province.
        let mut start = m.tokens.start;
        if let Some(cue) = self.cue_ending_at(cues, start, 2) {
            start = cue;
        } else {
            let after = m.tokens.end;
            if !(1..=2).any(|k| after + k <= self.sentence.end && is_cue(after..after + k)) {
                return i;
            }
        }
        if start > self.sentence.start
            && matches!(self.tokens.text(self.text, start - 1), "في" | "in")
        {
            start -= 1;
        }
        self.entities
            .iter()
            .enumerate()
            .position(|(j, town)| {
                town.tokens.end == start
                    && !skipped.contains(&j)
                    && self.rules.gazetteer.id_as(town, types).is_some()
            })
            .unwrap_or(i)
    }

    /// «مدينة تدمر، الواقعة في ريف حمص», "Dibis, a town in Kirkuk": a
    /// place (`part_of`) placed in the province or town found, a few words
    /// before it, is what the claim is about. Not a country (a sentence
    /// about Iraq names its towns as examples), and not when the whole
    /// stands right after the claim's words ("90% of Anbar province",
    /// "fled Anbar"): then it is their object.
    fn part_named(
        &self,
        i: usize,
        types: &[EntityType],
        skipped: &[usize],
        anchor: &Anchor,
    ) -> Option<usize> {
        let gazetteer = &self.rules.gazetteer;
        let whole = &self.entities[i];
        let attached = (anchor.hi()..=anchor.hi() + 3).contains(&whole.tokens.start);
        if whole.provisional.is_some()
            || attached
            || gazetteer.get(whole.entity).kind == EntityType::Country
        {
            return None;
        }
        let placed_in = |m: &EntityMention| {
            m.tokens.end <= whole.tokens.start
                && whole.tokens.start - m.tokens.end <= PLACED_IN_WINDOW
        };
        let distance = |m: &EntityMention| whole.tokens.start - m.tokens.end;
        self.entities
            .iter()
            .enumerate()
            .filter(|&(j, m)| {
                j != i
                    && !skipped.contains(&j)
                    && m.provisional.is_none()
                    && placed_in(m)
                    && gazetteer.id_as(m, types).is_some()
                    && gazetteer.lies_in(m.entity, whole.entity)
            })
            .min_by_key(|(_, m)| distance(m))
            .map(|(j, _)| j)
    }

    /// "Anbar's provincial capital Ramadi", «الأنبار وعاصمتها الرمادي»: the
    /// town named as the province's capital right after it (`capital_cues`).
    fn capital_after(&self, i: usize, types: &[EntityType], skipped: &[usize]) -> Option<usize> {
        let mut at = self.entities[i].tokens.end;
        // The possessive "'s" is a token of its own.
        if at < self.sentence.end && self.tokens.text(self.text, at) == "s" {
            at += 1;
        }
        let cue =
            self.rules
                .capital_cues
                .longest_at(self.text, self.tokens, at, self.sentence.end)?;
        self.entities.iter().enumerate().position(|(j, town)| {
            town.tokens.start == cue.tokens.end
                && !skipped.contains(&j)
                && self.rules.gazetteer.id_as(town, types).is_some()
        })
    }
}

/// At most this many tokens from a relative word to the claim's words
/// ("Ramadi, which they had lost to IS militants in May").
const RELATIVE_WINDOW: usize = 10;

impl Scene<'_> {
    /// «الرمادي، التي استولى عليها التنظيم في مايو», "Palmyra, from which
    /// government forces had ousted them in March": the claim's words stand
    /// in a relative clause, and the place it hangs on — the name right
    /// before the relative word, or an anaphor there («المدينة التي») — is
    /// the subject.
    pub(super) fn relative_subject(
        &self,
        rule: &ClaimRule,
        anchor: &Anchor,
        skipped: &[usize],
    ) -> Option<Subject> {
        let lo = anchor.lo();
        let from = lo.saturating_sub(RELATIVE_WINDOW).max(self.sentence.start);
        let start = (from..lo)
            .rev()
            .find(|&r| self.rules.relatives.any_at(self.text, self.tokens, r, lo))?;
        let types = &rule.subject.types;
        let named = self.entities.iter().enumerate().position(|(j, m)| {
            m.tokens.end == start
                && !skipped.contains(&j)
                && self.rules.gazetteer.id_as(m, types).is_some()
        });
        if let Some(j) = named {
            return Some(Subject::Here(j));
        }
        self.cue_ending_at(&self.rules.anaphors, start, 3)?;
        let place = self.context.get_or_init(|| self.last_place()).as_ref()?;
        self.rules.gazetteer.id_as(place, types)?;
        Some(Subject::Context(place.clone()))
    }
}
