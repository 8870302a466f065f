//! The roles a place plays in a sentence that keep it from being a
//! claim's subject: a landmark a distance is measured from («غرب الموصل»),
//! a destination («إلى تركيا»), a part of a region given by its bearing
//! («بالريف الشمالي لحلب»).

use super::Scene;
use crate::recognize::EntityMention;
use crate::text::{PhraseSet, TokenKind};

impl Scene<'_> {
    /// Where a phrase of `cues` of at most `words` words that ends right
    /// at token `end` starts, if one does (the shortest first).
    pub(super) fn cue_ending_at(
        &self,
        cues: &PhraseSet<()>,
        end: usize,
        words: usize,
    ) -> Option<usize> {
        (1..=words)
            .find(|&k| {
                end >= k
                    && cues
                        .find_at(self.text, self.tokens, end - k, end, |c| {
                            c.tokens.end == end
                        })
                        .is_some()
            })
            .map(|k| end - k)
    }

    /// Does a phrase of `cues` start at token `at` within one word?
    fn cue_at(&self, cues: &PhraseSet<()>, at: usize) -> bool {
        cues.any_at(self.text, self.tokens, at, at + 1)
    }

    /// Is the mention a part of the region around a place, given by its
    /// bearing («بالريف الشمالي الشرقي لحلب», "the northern Aleppo
    /// countryside")? Such a part is not the place: no claim's subject, nor
    /// what a word pointing back means. («ريف حلب» alone stands for Aleppo.)
    pub(super) fn is_region_part(&self, m: &EntityMention) -> bool {
        let bearing = |at: usize| self.cue_at(&self.rules.landmark_cues, at);
        // The cue, one or two bearings, then the place.
        let start = m.tokens.start;
        let bearings = (1..=2)
            .take_while(|&k| start >= k + self.sentence.start && bearing(start - k))
            .count();
        if bearings > 0
            && self
                .cue_ending_at(&self.rules.region_cues, start - bearings, 2)
                .is_some()
        {
            return true;
        }
        // "the northern Aleppo countryside": a bearing before, the cue after.
        let after = m.tokens.end;
        start > self.sentence.start
            && bearing(start - 1)
            && after < self.sentence.end
            && self.cue_at(&self.rules.region_cues, after)
    }

    /// Is the mention where people went («فروا إلى تركيا», "fled to Turkey")?
    pub(super) fn is_destination(&self, m: &EntityMention) -> bool {
        self.cue_ending_at(&self.rules.destination_cues, m.tokens.start, 2)
            .is_some()
    }

    /// Is the mention a bearing's landmark: «غرب الموصل», «شمال العاصمة
    /// بغداد», "west of Baghdad", "south of the capital, Baghdad"?
    pub(super) fn is_landmark(&self, m: &EntityMention) -> bool {
        self.bearing_before(m)
            .is_some_and(|cue| self.measured_from(cue))
    }

    /// Where the bearing cue before a mention starts, if one stands there.
    pub(super) fn bearing_before(&self, m: &EntityMention) -> Option<usize> {
        let mut end = m.tokens.start;
        // A title may stand between the bearing and the name.
        while end > 0
            && matches!(
                self.tokens.text(self.text, end - 1),
                "العاصمه" | "capital" | "the"
            )
        {
            end -= 1;
        }
        self.cue_ending_at(&self.rules.landmark_cues, end, 3)
    }

    /// Only a bearing from something makes a landmark: a distance («350 كلم
    /// غرب الرمادي») or a place pointed at («the town west of Baghdad»).
    /// «south of Hawija» alone places a claim near Hawija; «عمليات غرب
    /// الأنبار» is a name.
    pub(super) fn measured_from(&self, cue: usize) -> bool {
        let measured =
            (cue.saturating_sub(2)..cue).any(|at| self.tokens.tokens[at].kind == TokenKind::Number);
        measured
            || (cue.saturating_sub(3)..cue)
                .any(|at| self.rules.anaphors.any_at(self.text, self.tokens, at, cue))
    }
}
