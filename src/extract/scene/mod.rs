//! One sentence's material for the extraction driver: its tokens and
//! entities, and how a rule around a trigger and a value finds its
//! context words, qualifiers and subject — in the sentence, through a word
//! pointing back («المدينة»), or from the document's headline and lead.

mod nesting;
mod roles;

use std::cell::OnceCell;
use std::ops::Range;

use crate::claim::Qualifier;
use crate::recognize::{DocumentNames, EntityMention};
use crate::rules::raw::{EntityType, Search};
use crate::rules::{ClaimRule, Context, QualifierFinder, RuleSet};
use crate::text::{PhraseSet, Sentence, Tokenized};

/// How many sentences back an anaphor («المدينة») looks for its place…
const CONTEXT_LOOKBACK: usize = 12;
/// …before it falls back on the headline and lead.
pub(super) const LEAD_SENTENCES: usize = 3;

/// One sentence's material, shared by every rule tried on it.
pub(super) struct Scene<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a Tokenized,
    pub(super) sentence: Range<usize>,
    pub(super) entities: Vec<EntityMention>,
    pub(super) rules: &'a RuleSet,
    /// The sentences before this one, for a subject named earlier.
    pub(super) earlier: &'a [Sentence],
    /// The places the document names in full, whose bare names count.
    pub(super) names: &'a DocumentNames<'a>,
    /// The place last named before this sentence, found when first needed.
    pub(super) context: OnceCell<Option<EntityMention>>,
    /// The place the headline and lead are about, found when first needed
    /// (shared by every sentence after the lead).
    pub(super) topic: &'a OnceCell<Option<EntityMention>>,
    /// The sentence's entities given as bearings, found when first needed.
    pub(super) landmarks: OnceCell<Vec<usize>>,
}

/// Where a claim's subject was found.
pub(super) enum Subject {
    /// An entity of the claim's own sentence (its index in the scene).
    Here(usize),
    /// The place last named before the sentence, pointed to by «المدينة»,
    /// «فيها», "the town"…
    Context(EntityMention),
}

/// The token span a rule is looking around: its trigger and its value.
#[derive(Clone)]
pub(super) struct Anchor {
    pub(super) trigger: Range<usize>,
    pub(super) value: Range<usize>,
}

impl Anchor {
    fn lo(&self) -> usize {
        self.trigger.start.min(self.value.start)
    }

    fn hi(&self) -> usize {
        self.trigger.end.max(self.value.end)
    }

    /// The tokens strictly between trigger and value.
    fn gap(&self) -> Range<usize> {
        self.trigger.end.min(self.value.end)..self.trigger.start.max(self.value.start)
    }
}

impl Scene<'_> {
    /// The entities named in a token range of the document.
    pub(super) fn find(&self, range: Range<usize>) -> Vec<EntityMention> {
        let gazetteer = &self.rules.gazetteer;
        gazetteer.find_in(self.text, self.tokens, range, self.names)
    }

    /// Does punctuation that closes a clause stand between tokens `a` and `a + 1`?
    pub(super) fn clause_break(&self, a: usize) -> bool {
        let gap = self.tokens.tokens[a].range.end..self.tokens.tokens[a + 1].range.start;
        self.text[gap].contains(['،', ',', '؛', ';', ':'])
    }

    /// Is one of `ctx`'s words within its window of the trigger? With
    /// `clause`, the window stops at a clause break: «المتحدث باسم قيادة
    /// العمليات المشتركة، تحرير الحويجة» names no operation of the liberation.
    fn near_in(&self, ctx: &Context, trigger: &Range<usize>, clause: bool) -> bool {
        let mut from = trigger
            .start
            .saturating_sub(ctx.window)
            .max(self.sentence.start);
        let mut to = (trigger.end + ctx.window).min(self.sentence.end);
        if clause {
            if let Some(b) = (from..trigger.start).rev().find(|&a| self.clause_break(a)) {
                from = b + 1;
            }
            if let Some(b) = (trigger.end.saturating_sub(1)..to.saturating_sub(1))
                .find(|&a| self.clause_break(a))
            {
                to = b + 1;
            }
        }
        // Words inside a name of several words are no context: «قيادة
        // العمليات المشتركة» names a command, not an operation.
        let in_name = |r: &Range<usize>| {
            self.entities.iter().any(|m| {
                m.tokens.len() > 1
                    && m.tokens.start < r.end
                    && r.start < m.tokens.end
                    && self
                        .rules
                        .gazetteer
                        .id_as(m, &[EntityType::Speaker, EntityType::Actor])
                        .is_some()
            })
        };
        (from..to).any(|at| {
            ctx.phrases
                .find_at(self.text, self.tokens, at, to, |m| !in_name(&m.tokens))
                .is_some()
        })
    }

    /// The token window a search position covers, nearest token first.
    fn positions(&self, search: Search, anchor: &Anchor, window: usize) -> Vec<usize> {
        match search {
            Search::Trigger => anchor.trigger.clone().collect(),
            Search::Between => anchor.gap().collect(),
            Search::After => (anchor.hi()..(anchor.hi() + window).min(self.sentence.end)).collect(),
            Search::Before => (anchor.lo().saturating_sub(window).max(self.sentence.start)
                ..anchor.lo())
                .rev()
                .collect(),
        }
    }

    fn pick_entity(
        &self,
        types: &[EntityType],
        search: &[Search],
        window: usize,
        anchor: &Anchor,
        used: &[usize],
    ) -> Option<usize> {
        // Listed entities first; a provisional place only when none is found.
        [false, true]
            .into_iter()
            .find_map(|provisional| self.pick_of(types, search, window, anchor, used, provisional))
    }

    /// The subject: a listed entity of the sentence (the town rather than
    /// the province it was placed in), else the place an anaphor
    /// («المدينة», "the town") points back to, else a provisional place,
    /// else the place the headline and lead are about.
    fn pick_subject(&self, rule: &ClaimRule, anchor: &Anchor, used: &[usize]) -> Option<Subject> {
        let s = &rule.subject;
        // A place given as a bearing («غرب الموصل») is no subject.
        let landmarks = self.landmarks.get_or_init(|| {
            (0..self.entities.len())
                .filter(|&i| {
                    let m = &self.entities[i];
                    self.is_landmark(m) || self.is_region_part(m)
                })
                .collect()
        });
        let skipped: Vec<usize> = landmarks.iter().chain(used).copied().collect();
        let pick = |provisional| {
            self.pick_of(&s.types, &s.search, s.window, anchor, &skipped, provisional)
        };
        pick(false)
            .map(|i| self.narrower(i, &s.types, &skipped, anchor))
            .map(Subject::Here)
            .or_else(|| self.relative_subject(rule, anchor, &skipped))
            .or_else(|| self.anaphor_subject(rule, anchor).map(Subject::Context))
            .or_else(|| pick(true).map(Subject::Here))
            .or_else(|| self.topic_subject(rule).map(Subject::Context))
    }

    /// A sentence that names no place at all («وقتل 40 عنصرا من التنظيم»),
    /// or only as a bearing («تقع المصفاة على مسافة 200 كلم شمال بغداد»),
    /// is about the place the headline and lead are about.
    fn topic_subject(&self, rule: &ClaimRule) -> Option<EntityMention> {
        let types = &rule.subject.types;
        if self.entities.iter().any(|m| {
            self.rules
                .gazetteer
                .id_as(m, &[EntityType::Place, EntityType::Country])
                .is_some()
                && !self.is_destination(m)
                && !self.is_region_part(m)
                && !self.is_landmark(m)
        }) {
            return None;
        }
        let topic = self.topic.get_or_init(|| self.lead_place()).as_ref()?;
        self.rules.gazetteer.id_as(topic, types)?;
        Some(topic.clone())
    }

    /// The place the headline and lead name most often (the first of equals).
    fn lead_place(&self) -> Option<EntityMention> {
        let lead = self.earlier.iter().take(LEAD_SENTENCES);
        let mut places: Vec<(EntityMention, usize)> = Vec::new();
        for sentence in lead {
            for m in self.find(sentence.tokens.clone()) {
                let place = m.provisional.is_none()
                    && self
                        .rules
                        .gazetteer
                        .id_as(&m, &[EntityType::Place])
                        .is_some()
                    && !self.is_landmark(&m);
                if !place {
                    continue;
                }
                match places.iter_mut().find(|(p, _)| p.entity == m.entity) {
                    Some((_, n)) => *n += 1,
                    None => places.push((m, 1)),
                }
            }
        }
        let most = places.iter().map(|(_, n)| *n).max()?;
        places.into_iter().find(|(_, n)| *n == most).map(|(m, _)| m)
    }

    fn anaphor_subject(&self, rule: &ClaimRule, anchor: &Anchor) -> Option<EntityMention> {
        let s = &rule.subject;
        let points_back = s.search.iter().any(|&place| {
            self.positions(place, anchor, s.window)
                .into_iter()
                .any(|at| {
                    let limit = if place == Search::Before {
                        anchor.lo()
                    } else {
                        self.sentence.end
                    };
                    self.rules
                        .anaphors
                        .any_at(self.text, self.tokens, at, limit)
                })
        });
        if !points_back {
            return None;
        }
        let place = self.context.get_or_init(|| self.last_place()).as_ref()?;
        self.rules.gazetteer.id_as(place, &s.types)?;
        Some(place.clone())
    }

    /// The place last named before this sentence: in the dozen sentences
    /// before it, else in the headline and lead. A landmark does not count.
    fn last_place(&self) -> Option<EntityMention> {
        let near = self.earlier.iter().rev().take(CONTEXT_LOOKBACK);
        let lead = self.earlier.iter().take(LEAD_SENTENCES).rev();
        near.chain(lead).find_map(|sentence| {
            self.find(sentence.tokens.clone())
                .into_iter()
                .rev()
                .find(|m| {
                    m.provisional.is_none()
                        && self
                            .rules
                            .gazetteer
                            .id_as(m, &[EntityType::Place])
                            .is_some()
                        // «the city» is not a place given as a bearing, nor a region.
                        && self.bearing_before(m).is_none()
                        && !self.is_region_part(m)
                })
        })
    }

    fn pick_of(
        &self,
        types: &[EntityType],
        search: &[Search],
        window: usize,
        anchor: &Anchor,
        used: &[usize],
        provisional: bool,
    ) -> Option<usize> {
        for &place in search {
            for at in self.positions(place, anchor, window) {
                let hit = self.entities.iter().enumerate().find(|(i, m)| {
                    !used.contains(i)
                        && m.provisional.is_some() == provisional
                        && self.rules.gazetteer.id_as(m, types).is_some()
                        && match place {
                            Search::Before => m.tokens.end == at + 1 && m.tokens.end <= anchor.lo(),
                            Search::Trigger => m.tokens.contains(&at),
                            _ => m.tokens.start == at,
                        }
                });
                if let Some((i, _)) = hit {
                    return Some(i);
                }
            }
        }
        None
    }

    fn pick_words(
        &self,
        set: &PhraseSet<String>,
        search: &[Search],
        window: usize,
        anchor: &Anchor,
    ) -> Option<(String, Range<usize>)> {
        for &place in search {
            let limit = match place {
                Search::Trigger => anchor.trigger.end,
                Search::Between => anchor.gap().end,
                Search::Before => anchor.lo(),
                Search::After => self.sentence.end,
            };
            for at in self.positions(place, anchor, window) {
                if let Some(m) = set.find_at(self.text, self.tokens, at, limit, |_| true) {
                    return Some((m.value.clone(), m.tokens));
                }
            }
        }
        None
    }

    /// Tries to make a claim of `found` with `rule`: (subject index, qualifier, token span).
    pub(super) fn build(
        &self,
        rule: &ClaimRule,
        anchor: &Anchor,
    ) -> Option<(Subject, Qualifier, Range<usize>)> {
        if let Some(ctx) = &rule.context
            && !self.near_in(ctx, &anchor.trigger, false)
        {
            return None;
        }
        if let Some(ex) = &rule.exclude
            && self.near_in(ex, &anchor.trigger, true)
        {
            return None;
        }
        let mut used = Vec::new();
        let mut qualifier = Qualifier::new();
        let (mut lo, mut hi) = (anchor.lo(), anchor.hi());
        for q in &rule.qualifiers {
            let found = match &q.finder {
                QualifierFinder::Fixed(v) => Some((v.clone(), None)),
                QualifierFinder::Entity(types) => self
                    .pick_entity(types, &q.search, q.window, anchor, &used)
                    .map(|i| {
                        used.push(i);
                        let m = &self.entities[i];
                        let id = self.rules.gazetteer.id_as(m, types).unwrap_or_default();
                        (id.to_string(), Some(m.tokens.clone()))
                    }),
                QualifierFinder::Words(set) => self
                    .pick_words(set, &q.search, q.window, anchor)
                    .map(|(v, r)| (v, Some(r))),
            };
            match (found, &q.default) {
                (Some((value, range)), _) => {
                    if let Some(r) = range {
                        lo = lo.min(r.start);
                        hi = hi.max(r.end);
                    }
                    qualifier.insert(q.name.clone(), value);
                }
                (None, Some(default)) => {
                    qualifier.insert(q.name.clone(), default.clone());
                }
                (None, None) if q.required => return None,
                (None, None) => {}
            }
        }
        let subject = self.pick_subject(rule, anchor, &used)?;
        let span = match &subject {
            Subject::Here(i) => {
                let tokens = &self.entities[*i].tokens;
                lo.min(tokens.start)..hi.max(tokens.end)
            }
            Subject::Context(_) => lo..hi,
        };
        Some((subject, qualifier, span))
    }
}
