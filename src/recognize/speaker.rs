//! Speaker attribution: «قال/أعلن/أكد … X إن …» and «وفق/بحسب X» name who a
//! claim comes from, linked to a speaker entity where the gazetteer knows it.

use std::ops::Range;

use super::bits::{AGENCIES, MODIFIERS, SPEECH, STOPS};
use super::entity::{EntityType, Gazetteer};
use crate::text::{PhraseSet, Tokenized};

/// The word lists speakers are found with, normalized.
#[derive(Debug, Clone, Default)]
pub struct SpeechWords {
    /// Speech verbs («قال», "said").
    pub verbs: Vec<String>,
    /// Source markers: «وفق», «بحسب», "according to".
    pub according_to: Vec<String>,
    /// Words that end a speaker phrase.
    pub stops: Vec<String>,
    /// Longest speaker phrase, in words.
    pub max_words: usize,
    /// Wire agencies by name, with the names that cite them.
    pub agencies: std::collections::BTreeMap<String, Vec<String>>,
    /// First words of a speaker left unnamed («مصادر», "officials").
    pub anonymous: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Verb,
    AccordingTo,
}

/// Compiled attribution rules.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    markers: PhraseSet<Marker>,
    stops: PhraseSet<()>,
    max_words: usize,
    agencies: PhraseSet<String>,
    anonymous: crate::text::FastMap<String, ()>,
}

/// What a speaker phrase is checked against: the names it may hold whole,
/// and the claim triggers that end it.
#[derive(Clone, Copy)]
pub struct Lookup<'a> {
    /// Entity names.
    pub gazetteer: &'a Gazetteer,
    /// Every claim rule's triggers.
    pub triggers: &'a PhraseSet<usize>,
    /// Tokens read as dates («يوم الخميس», "On Thursday"): no part of a name.
    pub dates: &'a [bool],
}

/// Who a sentence attributes its claims to, and from which token on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// Entity id, or the speaker's words when no entity is named.
    pub name: String,
    /// Claims starting at or after this token are attributed (0 for «وفق»).
    pub from_token: usize,
}

/// The name of a speaker phrase: the speaker or actor entity it names, the
/// last speaker again when the phrase repeats part of that name («وأضاف
/// يارالله» after «قال … عبد الامير رشيد يارالله»), or its own words.
fn name_of(
    gazetteer: &Gazetteer,
    text: &str,
    tokens: &Tokenized,
    phrase: Range<usize>,
    previous: &mut dyn FnMut() -> Option<String>,
    original: &dyn Fn(Range<usize>) -> String,
) -> String {
    let mentions = gazetteer.find(text, tokens, phrase.clone());
    let of_kind = |kind: EntityType| mentions.iter().find(|m| gazetteer.kind_of(m) == kind);
    let linked = of_kind(EntityType::Speaker)
        .or_else(|| of_kind(EntityType::Actor))
        .map(|m| gazetteer.id_of(m).to_string());
    let words = original(phrase);
    linked.unwrap_or_else(|| match previous() {
        Some(prev)
            if prev
                .split_whitespace()
                .any(|w| words.split_whitespace().all(|x| x == w)) =>
        {
            prev
        }
        _ => words,
    })
}

/// Punctuation that ends a speaker's name: "according to The Washington
/// Post, an estimated 1,000…", "BAGHDAD — Officials in Anbar said".
const CLAUSE_BREAKS: &[char] = &['،', ',', ';', '؛', '—', '–'];

const QUOTES: &[char] = &['«', '»', '“', '”', '"', '(', ':'];

/// A number, or a claim rule's trigger, is no part of a speaker's name.
fn ends_speaker(text: &str, tokens: &Tokenized, triggers: &PhraseSet<usize>, at: usize) -> bool {
    tokens.tokens[at].kind == crate::text::TokenKind::Number
        // «أكثر من», "no fewer than": a number's bound starts the claim.
        || tokens.masks.get(at).is_some_and(|m| m & MODIFIERS != 0)
        || triggers.any_at(text, tokens, at, tokens.tokens.len())
}

impl Attribution {
    /// Builds the recognizer from its word lists.
    pub fn new(raw: &SpeechWords) -> Attribution {
        let mut markers = PhraseSet::default();
        for p in &raw.verbs {
            markers.insert(p, Marker::Verb);
        }
        for p in &raw.according_to {
            markers.insert(p, Marker::AccordingTo);
        }
        let mut stops = PhraseSet::default();
        for p in &raw.stops {
            stops.insert(p, ());
        }
        let mut agencies = PhraseSet::default();
        for (name, phrases) in &raw.agencies {
            for p in phrases {
                agencies.insert(p, name.clone());
            }
        }
        Attribution {
            markers,
            stops,
            max_words: raw.max_words,
            agencies,
            anonymous: raw.anonymous.iter().map(|p| (p.clone(), ())).collect(),
        }
    }

    /// Is this speaker left unnamed («مصادر أمنية», "a senior official")?
    pub fn is_anonymous(&self, speaker: &str) -> bool {
        let first = crate::text::normalize_phrase(speaker);
        let mut words = first.split(' ');
        let word = match words.next() {
            Some("a" | "an" | "the" | "some" | "two" | "several") => words.next(),
            other => other,
        };
        word.is_some_and(|w| crate::text::any_stem(w, |s| self.anonymous.contains_key(s)))
    }

    /// Registers speech verbs, stop words and agency names.
    pub fn register(&mut self, lexicon: &mut crate::text::Lexicon) {
        self.markers.register(lexicon, SPEECH);
        self.stops.register(lexicon, STOPS);
        self.agencies.register(lexicon, AGENCIES);
    }

    /// The wire agencies named in a token range, sorted, without repeats.
    pub fn agencies(&self, text: &str, tokens: &Tokenized, range: Range<usize>) -> Vec<String> {
        let mut found: Vec<String> = self
            .agencies
            .find_all(text, tokens, range)
            .into_iter()
            .map(|m| m.value.clone())
            .collect();
        found.sort();
        found.dedup();
        found
    }

    /// Where a speaker phrase that starts at `start` ends: at a stop word, a
    /// quotation mark, a comma, a number, a claim's trigger («أعلن رئيس الوزراء
    /// تحرير تلعفر»: the prime minister, not «… تحرير تلعفر») or `max_words`.
    fn phrase_after(
        &self,
        text: &str,
        tokens: &Tokenized,
        start: usize,
        limit: usize,
        ends: &dyn Fn(usize) -> bool,
    ) -> usize {
        let mut end = start;
        while end < limit && end - start < self.max_words {
            let gap = &text[tokens.tokens[end - 1].range.end..tokens.tokens[end].range.start];
            let stopped = self.stops.any_at(text, tokens, end, limit);
            if (end > start && gap.contains(QUOTES))
                || gap.contains(CLAUSE_BREAKS) && end > start + 1
                || stopped
                || (end > start && ends(end))
            {
                break;
            }
            end += 1;
        }
        end
    }

    /// Where a speaker phrase that ends before `verb` starts: back to the
    /// sentence start, a comma or quotation mark, a number or a trigger, or
    /// `max_words`.
    fn phrase_before(
        &self,
        text: &str,
        tokens: &Tokenized,
        first: usize,
        verb: usize,
        ends: &dyn Fn(usize) -> bool,
    ) -> usize {
        let mut start = verb;
        while start > first && verb - start < self.max_words {
            let gap = &text[tokens.tokens[start - 1].range.end..tokens.tokens[start].range.start];
            // A dateline's dash, spaced: "Tikrit - Police said" (not "US-led").
            let dash = tokens.tokens[start - 1].kind == crate::text::TokenKind::Symbol
                && matches!(tokens.text(text, start - 1), "-" | "–" | "—");
            if dash || start < verb && (gap.contains(QUOTES) || gap.contains(CLAUSE_BREAKS)) {
                break;
            }
            if ends(start - 1) {
                break;
            }
            start -= 1;
        }
        start
    }

    /// The speaker of a sentence, if it names one; `previous` finds the last
    /// speaker before it (asked only when needed), kept by a verb with no
    /// phrase of its own;
    /// `original` gives the original words of a token range.
    pub fn speaker(
        &self,
        text: &str,
        tokens: &Tokenized,
        sentence: Range<usize>,
        lookup: Lookup<'_>,
        previous: &mut dyn FnMut() -> Option<String>,
        original: &dyn Fn(Range<usize>) -> String,
    ) -> Option<Speaker> {
        if self.markers.is_empty() {
            return None;
        }
        let (gazetteer, triggers) = (lookup.gazetteer, lookup.triggers);
        // The sentence's names, found once, when a marker first needs them.
        let names = std::cell::OnceCell::new();
        for at in sentence.clone() {
            let Some(marker) = self.markers.longest_at(text, tokens, at, sentence.end) else {
                continue;
            };
            // English puts the speaker before its verb ("The coalition said
            // it …"); Arabic after it («وقال المتحدث إن …»).
            let english = *marker.value == Marker::Verb && tokens.text(text, at).is_ascii();
            // Names are kept whole: «قيادة العمليات المشتركة» holds a trigger word.
            let names = names.get_or_init(|| gazetteer.find(text, tokens, sentence.clone()));
            let ends = |i: usize| {
                (ends_speaker(text, tokens, triggers, i) || lookup.dates.get(i) == Some(&true))
                    && !names.iter().any(|m| m.tokens.contains(&i))
            };
            let (start, end) = if english {
                (
                    self.phrase_before(text, tokens, sentence.start, at, &ends),
                    at,
                )
            } else {
                let start = marker.tokens.end;
                // «أعلن صباح اليوم أن…»: a date right after the verb, no speaker.
                let dated = lookup.dates.get(start) == Some(&true);
                let end = if dated {
                    start
                } else {
                    self.phrase_after(text, tokens, start, sentence.end, &ends)
                };
                (start, end)
            };
            let from_token = match marker.value {
                Marker::Verb if !english => at,
                _ => sentence.start,
            };
            if end == start {
                // Only a verb that opens its sentence («وأضاف أن…») goes on quoting.
                if *marker.value == Marker::Verb
                    && at == sentence.start
                    && let Some(prev) = previous()
                {
                    return Some(Speaker {
                        name: prev.to_string(),
                        from_token,
                    });
                }
                continue;
            }
            let name = name_of(gazetteer, text, tokens, start..end, previous, original);
            return Some(Speaker { name, from_token });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{Document, Published};
    use crate::extract::extract;
    use crate::rules::load;

    fn speakers(text: &str) -> Vec<Option<String>> {
        let rules = load(None).unwrap();
        let doc = Document {
            id: "t".into(),
            outlet: "t".into(),
            published: Published::parse("2017-11-04"),
            language: None,
            wires: Vec::new(),
            url: None,
            origin: "t".into(),
            text: text.into(),
        };
        extract(&rules, &doc)
            .into_iter()
            .map(|c| c.speaker)
            .collect()
    }

    #[test]
    fn speech_verbs_name_the_speaker() {
        assert_eq!(
            speakers("وقالت قيادة العمليات المشتركة إن نحو 1500 من مقاتلي داعش في محيط القائم."),
            [Some("joint-operations-command".to_string())]
        );
        assert_eq!(
            speakers(
                "وأكد العقيد كريم العبيدي، المتحدث باسم قيادة العمليات المشتركة، تحرير الحويجة يوم الخميس."
            ),
            [Some("العقيد كريم العبيدي".to_string())]
        );
    }

    #[test]
    fn according_to_names_the_source_for_the_whole_sentence() {
        assert_eq!(
            speakers(
                "لا يزال داعش يسيطر على أكثر من 35 في المائة من دير الزور، وفقاً للمرصد السوري لحقوق الإنسان."
            ),
            [Some("sohr".to_string())]
        );
    }

    #[test]
    fn a_bare_verb_goes_on_quoting_and_unattributed_claims_stay_null() {
        let found = speakers(
            "وقال المتحدث باسم التحالف الدولي إن العملية بدأت. وأضاف أن التحالف نفذ 15 غارة على القائم.",
        );
        assert_eq!(found, [Some("coalition-spokesman".to_string())]);
        assert_eq!(speakers("نفذ التحالف الدولي 15 غارة على القائم."), [None]);
    }

    #[test]
    fn the_speaker_phrase_ends_where_the_claim_begins() {
        assert_eq!(
            speakers("وأعلن رئيس الوزراء العراقي تحرير الحويجة يوم الخميس."),
            [Some("iraqi-prime-minister".to_string())]
        );
        assert_eq!(
            speakers("The US-led coalition said it carried out 40 strikes near Hawija."),
            [Some("coalition".to_string())]
        );
        assert_eq!(
            speakers("A local commander said 300 militants remained in Hawija."),
            [Some("A local commander".to_string())]
        );
        // A comma, a spaced dash and a date end the phrase too.
        assert_eq!(
            speakers("According to the monitor, an estimated 300 militants remained in Hawija."),
            [Some("the monitor".to_string())]
        );
        assert_eq!(
            speakers("HAWIJA - Police said 300 militants remained in Hawija."),
            [Some("Police".to_string())]
        );
        let dated = speakers("وأعلن صباح اليوم أن القوات حررت 3 قرى قرب الحويجة.");
        assert!(
            !dated.is_empty() && dated.iter().all(Option::is_none),
            "{dated:?}"
        );
    }
}
