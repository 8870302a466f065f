//! The extraction stage: rules applied to one document give its claims.
//!
//! Per sentence: dates are found first (their digits are not counts), then
//! numbers, entity names and rule triggers. Each value goes to the nearest
//! trigger that can make a whole claim of it (context words present,
//! required qualifiers and a subject found); ties go to the rule with the
//! higher priority, then to the rule listed first.

mod attribution;
mod date;
mod examples;
mod number;

use std::ops::Range;

pub use attribution::{Attribution, AttributionRaw, Speaker};
pub use date::{DateExpr, DateMention, date_starters, find_dates, resolve};
pub use examples::{ExampleFailure, check_examples};
pub use number::{NumberMention, NumberReader, parse_digits};

use chrono::Datelike;

use crate::claim::{Claim, DateValue, NumberValue, Precision, Qualifier, SubjectVia, Value};
use crate::corpus::Document;
use crate::entity::EntityMention;
use crate::rules::raw::{EntityType, Search, ValueType};
use crate::rules::{ClaimRule, Context, QualifierFinder, RuleSet};
use crate::text::{PhraseSet, Tokenized, normalize, tokenize};

/// The phrase tables' bits in the rule set's [`Lexicon`](crate::text::Lexicon).
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
}

/// How many sentences back a bare «وأضاف أن…» may find its speaker.
const SPEAKER_LOOKBACK: usize = 3;

/// How many sentences back an anaphor («المدينة») looks for its place…
const CONTEXT_LOOKBACK: usize = 12;
/// …before it falls back on the headline and lead.
const LEAD_SENTENCES: usize = 3;

/// How many opening sentences count as the dateline and byline.
const OPENING_SENTENCES: usize = 5;

/// A value found in a sentence, before any rule claims it.
struct Found {
    tokens: Range<usize>,
    value: Value,
    fraction: bool,
}

/// One sentence's material, shared by every rule tried on it.
struct Scene<'a> {
    text: &'a str,
    tokens: &'a Tokenized,
    sentence: Range<usize>,
    entities: Vec<EntityMention>,
    rules: &'a RuleSet,
    /// The sentences before this one, for a subject named earlier.
    earlier: &'a [crate::text::Sentence],
    /// The place last named before this sentence, found when first needed.
    context: std::cell::OnceCell<Option<EntityMention>>,
    /// The place the headline and lead are about, found when first needed.
    topic: std::cell::OnceCell<Option<EntityMention>>,
}

/// Where a claim's subject was found.
enum Subject {
    /// An entity of the claim's own sentence (its index in the scene).
    Here(usize),
    /// The place last named before the sentence, pointed to by «المدينة»,
    /// «فيها», "the town"…
    Context(EntityMention),
}

/// The token span a rule is looking around: its trigger and its value.
#[derive(Clone)]
struct Anchor {
    trigger: Range<usize>,
    value: Range<usize>,
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
    /// Does punctuation that closes a clause stand between tokens `a` and `a + 1`?
    fn clause_break(&self, a: usize) -> bool {
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
        (from..to).any(|at| {
            !ctx.phrases
                .matches_at(self.text, self.tokens, at, to)
                .is_empty()
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

    /// The subject: a listed entity of the sentence, else the place an
    /// anaphor («المدينة», "the town") points back to, else a provisional place.
    fn pick_subject(&self, rule: &ClaimRule, anchor: &Anchor, used: &[usize]) -> Option<Subject> {
        let s = &rule.subject;
        // A place given as a bearing («غرب الموصل») is no subject.
        let skipped: Vec<usize> = (0..self.entities.len())
            .filter(|&i| self.is_landmark(&self.entities[i]))
            .chain(used.iter().copied())
            .collect();
        let pick = |provisional| {
            self.pick_of(&s.types, &s.search, s.window, anchor, &skipped, provisional)
        };
        pick(false)
            .map(Subject::Here)
            .or_else(|| self.anaphor_subject(rule, anchor).map(Subject::Context))
            .or_else(|| pick(true).map(Subject::Here))
            .or_else(|| self.topic_subject(rule).map(Subject::Context))
    }

    /// A sentence that names no place at all («وقتل 40 عنصرا من التنظيم»)
    /// is about the place the headline and lead are about.
    fn topic_subject(&self, rule: &ClaimRule) -> Option<EntityMention> {
        let types = &rule.subject.types;
        if self.entities.iter().any(|m| {
            self.rules
                .gazetteer
                .id_as(m, &[EntityType::Place, EntityType::Country])
                .is_some()
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
            for m in self
                .rules
                .gazetteer
                .find(self.text, self.tokens, sentence.tokens.clone())
            {
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
                    !self
                        .rules
                        .anaphors
                        .matches_at(self.text, self.tokens, at, limit)
                        .is_empty()
                })
        });
        if !points_back {
            return None;
        }
        let place = self.context.get_or_init(|| self.last_place()).as_ref()?;
        self.rules.gazetteer.id_as(place, &s.types)?;
        Some(place.clone())
    }

    /// Is the mention a bearing's landmark: «غرب الموصل», «شمال العاصمة
    /// بغداد», "west of Baghdad", "south of the capital, Baghdad"?
    fn is_landmark(&self, m: &EntityMention) -> bool {
        let cues = &self.rules.landmark_cues;
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
        let bearing = (1..=3).find(|&k| {
            end >= k
                && cues
                    .matches_at(self.text, self.tokens, end - k, end)
                    .iter()
                    .any(|c| c.tokens.end == end)
        });
        // Only a bearing from something: a distance («350 كلم غرب الرمادي»)
        // or a place pointed at («the town west of Baghdad»). «south of
        // Hawija» alone places a claim near Hawija; «عمليات غرب الأنبار» is a name.
        bearing.is_some_and(|k| {
            let cue = end - k;
            let measured = (cue.saturating_sub(2)..cue)
                .any(|at| self.tokens.tokens[at].kind == crate::text::TokenKind::Number);
            measured
                || (cue.saturating_sub(3)..cue).any(|at| {
                    !self
                        .rules
                        .anaphors
                        .matches_at(self.text, self.tokens, at, cue)
                        .is_empty()
                })
        })
    }

    /// The place last named before this sentence: in the dozen sentences
    /// before it, else in the headline and lead. A landmark does not count.
    fn last_place(&self) -> Option<EntityMention> {
        let near = self.earlier.iter().rev().take(CONTEXT_LOOKBACK);
        let lead = self.earlier.iter().take(LEAD_SENTENCES).rev();
        near.chain(lead).find_map(|sentence| {
            self.rules
                .gazetteer
                .find(self.text, self.tokens, sentence.tokens.clone())
                .into_iter()
                .rev()
                .find(|m| {
                    m.provisional.is_none()
                        && self
                            .rules
                            .gazetteer
                            .id_as(m, &[EntityType::Place])
                            .is_some()
                        && !self.is_landmark(m)
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
        {
            for &place in search {
                for at in self.positions(place, anchor, window) {
                    let hit = self.entities.iter().enumerate().find(|(i, m)| {
                        !used.contains(i)
                            && m.provisional.is_some() == provisional
                            && self.rules.gazetteer.id_as(m, types).is_some()
                            && match place {
                                Search::Before => {
                                    m.tokens.end == at + 1 && m.tokens.end <= anchor.lo()
                                }
                                Search::Trigger => m.tokens.contains(&at),
                                _ => m.tokens.start == at,
                            }
                    });
                    if let Some((i, _)) = hit {
                        return Some(i);
                    }
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
                if let Some(m) = set
                    .matches_at(self.text, self.tokens, at, limit)
                    .into_iter()
                    .next()
                {
                    return Some((m.value.clone(), m.tokens));
                }
            }
        }
        None
    }

    /// Tries to make a claim of `found` with `rule`: (subject index, qualifier, token span).
    fn build(
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

fn value_type(value: &Value) -> ValueType {
    match value {
        Value::Number(_) => ValueType::Number,
        Value::Date(_) => ValueType::Date,
    }
}

/// A hash of what makes two claims of one document the same: key, value
/// and quote (page furniture repeats captions word for word).
fn fingerprint(claim: &Claim) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = std::hash::BuildHasherDefault::<crate::text::FxHasher>::default().build_hasher();
    (&claim.kind, &claim.subject, &claim.qualifier, &claim.quote).hash(&mut h);
    match &claim.value {
        Value::Number(n) => {
            (n.min.map(f64::to_bits), n.max.map(f64::to_bits), n.approx).hash(&mut h)
        }
        Value::Date(d) => (d.from, d.to, d.precision).hash(&mut h),
    }
    h.finish()
}

/// What finding a sentence's speaker needs.
struct SpeakerContext<'a> {
    rules: &'a RuleSet,
    text: &'a str,
    tokens: &'a Tokenized,
    words: &'a dyn Fn(Range<usize>) -> String,
}

impl SpeakerContext<'_> {
    /// The speaker of sentence `index`, memoized; a sentence that goes on
    /// quoting looks back at most `depth` sentences.
    fn speaker(
        &self,
        memo: &mut [Option<Option<Speaker>>],
        index: usize,
        depth: usize,
    ) -> Option<Speaker> {
        if let Some(known) = &memo[index] {
            return known.clone();
        }
        let mut previous = || {
            (1..=depth.min(index)).find_map(|back| {
                self.speaker(memo, index - back, depth.saturating_sub(back))
                    .map(|s| s.name)
            })
        };
        let found = self.rules.attribution.speaker(
            self.text,
            self.tokens,
            self.tokens.sentences[index].tokens.clone(),
            &self.rules.gazetteer,
            &mut previous,
            self.words,
        );
        memo[index] = Some(found.clone());
        found
    }
}

/// Extracts every claim the rules find in one document.
pub fn extract(rules: &RuleSet, doc: &Document) -> Vec<Claim> {
    let norm = normalize(&doc.text);
    let text = norm.text.as_str();
    let mut tokens = tokenize(text);
    rules.lexicon.mark(text, &mut tokens);
    let mut taken = vec![false; tokens.tokens.len()];
    let mut claims = Vec::new();
    let published_year = doc
        .published
        .filter(|p| p.first.year() == p.last.year())
        .map(|p| p.first.year());
    let mut seen: crate::text::FastMap<u64, ()> = crate::text::FastMap::default();
    let original = |range: Range<usize>| -> (usize, usize) {
        let bytes = tokens.tokens[range.start].range.start..tokens.tokens[range.end - 1].range.end;
        let r = norm.original_range(bytes);
        (r.start, r.end)
    };
    // Speakers are found only for sentences that make claims, and for the
    // few sentences before them a «وأضاف أن…» may go on quoting.
    let mut speakers: Vec<Option<Option<Speaker>>> = vec![None; tokens.sentences.len()];
    let words = |r: Range<usize>| {
        let (a, b) = original(r);
        doc.text[a..b].to_string()
    };
    let context = SpeakerContext {
        rules,
        text,
        tokens: &tokens,
        words: &words,
    };
    // The dateline and byline: the first sentences name the wire a story came on.
    let opening = tokens.sentences[..tokens.sentences.len().min(OPENING_SENTENCES)]
        .last()
        .map_or(0, |s| s.tokens.end);
    let opening_wires = rules.attribution.agencies(text, &tokens, 0..opening);
    for (index, sentence) in tokens.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let mut triggers = Vec::new();
        for at in range.clone() {
            for m in rules.triggers.matches_at(text, &tokens, at, range.end) {
                // «لتحرير», «للسيطرة»: a purpose («in order to»), not an event; it
                // ranks behind plain triggers.
                // The article «ال», «وال», «بال» ends in «ل» too, and is no purpose.
                let purpose = matches!(m.clitic, "ل" | "ول" | "فل" | "لل" | "ولل" | "فلل");
                triggers.push((*m.value, m.tokens, purpose));
            }
        }
        if triggers.is_empty() {
            continue;
        }
        let mut values = Vec::new();
        for d in find_dates(text, &tokens, range.clone()) {
            taken[d.tokens.clone()].iter_mut().for_each(|t| *t = true);
            let value = resolve(d.expr, doc.published.as_ref()).unwrap_or_else(|| {
                let (a, b) = original(d.tokens.clone());
                DateValue {
                    from: None,
                    to: None,
                    precision: Precision::Unresolved,
                    expression: Some(doc.text[a..b].to_string()),
                }
            });
            values.push(Found {
                tokens: d.tokens,
                value: Value::Date(value),
                fraction: false,
            });
        }
        for n in rules.numbers.find(text, &tokens, range.clone(), &taken) {
            values.push(Found {
                tokens: n.tokens,
                value: Value::Number(n.value),
                fraction: n.fraction,
            });
        }
        if values.is_empty() {
            continue;
        }
        let speaker = context.speaker(&mut speakers, index, SPEAKER_LOOKBACK);
        // The year a changing quantity is given for: a date in its sentence.
        let sentence_year = values.iter().find_map(|v| match &v.value {
            Value::Date(DateValue {
                from: Some(from),
                to: Some(to),
                ..
            }) if from.year() == to.year() => Some(from.year()),
            _ => None,
        });
        let mut sentence_wires: Option<Vec<String>> = None;
        let sentence_text = doc.text[norm.original_range(sentence.range.clone())].trim();
        let scene = Scene {
            text,
            tokens: &tokens,
            sentence: range.clone(),
            entities: rules.gazetteer.find(text, &tokens, range.clone()),
            rules,
            earlier: &tokens.sentences[..index],
            context: std::cell::OnceCell::new(),
            topic: std::cell::OnceCell::new(),
        };
        for found in &values {
            let mut candidates: Vec<(usize, i32, usize, &Range<usize>)> = triggers
                .iter()
                .filter_map(|(index, trigger, purpose)| {
                    let rule = &rules.rules[*index];
                    if rule.value_type != value_type(&found.value)
                        || (found.fraction && !rule.fraction_as_percent)
                    {
                        return None;
                    }
                    let gap = if found.tokens.end <= trigger.start {
                        let gap = trigger.start - found.tokens.end;
                        rule.before.filter(|&b| gap <= b).map(|_| gap)
                    } else if found.tokens.start >= trigger.end {
                        let gap = found.tokens.start - trigger.end;
                        rule.after.filter(|&a| gap <= a).map(|_| gap)
                    } else {
                        None
                    }?;
                    let rank = gap
                        + if *purpose {
                            rules.settings.purpose_penalty
                        } else {
                            0
                        };
                    Some((rank, -rule.priority, *index, trigger))
                })
                .collect();
            candidates.sort_by_key(|c| (c.0, c.1, c.2));
            for (_, _, index, trigger) in candidates {
                let rule = &rules.rules[index];
                let anchor = Anchor {
                    trigger: trigger.clone(),
                    value: found.tokens.clone(),
                };
                let Some((subject, qualifier, span)) = scene.build(rule, &anchor) else {
                    continue;
                };
                let (mention, via) = match &subject {
                    Subject::Here(i) => (&scene.entities[*i], SubjectVia::Sentence),
                    Subject::Context(m) => (m, SubjectVia::Context),
                };
                let value = match (&found.value, found.fraction) {
                    // A fraction as a percentage, to a tenth, rounded outward: ثلث → 33.3–33.4.
                    (Value::Number(n), true) => Value::Number(NumberValue {
                        min: n.min.map(|v| (v * 1000.0 + 1e-6).floor() / 10.0),
                        max: n.max.map(|v| (v * 1000.0 - 1e-6).ceil() / 10.0),
                        approx: n.approx,
                    }),
                    (v, _) => v.clone(),
                };
                // «70 ميلا» → 112.65 km: the kind's unit; the quote keeps the text's.
                let value = match (value, rule.factor) {
                    (Value::Number(n), Some(f)) => Value::Number(NumberValue {
                        min: n.min.map(|v| v * f),
                        max: n.max.map(|v| v * f),
                        approx: n.approx,
                    }),
                    (v, _) => v,
                };
                let (start, end) = original(span);
                let claim = Claim {
                    id: String::new(),
                    doc: doc.id.clone(),
                    outlet: doc.outlet.clone(),
                    kind: rule.kind.clone(),
                    subject: rules.gazetteer.id_of(mention).to_string(),
                    qualifier,
                    value,
                    span: [start, end],
                    quote: doc.text[start..end].to_string(),
                    sentence: sentence_text.to_string(),
                    rule: rule.name.clone(),
                    speaker: speaker
                        .as_ref()
                        .filter(|s| s.from_token <= found.tokens.start.min(trigger.start))
                        .map(|s| s.name.clone()),
                    subject_match: mention.fuzzy.clone(),
                    subject_via: via,
                    as_of: rules
                        .kinds
                        .get(&rule.kind)
                        .filter(|k| k.changes_over_time)
                        .and_then(|_| sentence_year.or(published_year)),
                    wires: sentence_wires
                        .get_or_insert_with(|| {
                            let mut w = rules.attribution.agencies(text, &tokens, range.clone());
                            w.extend(opening_wires.iter().cloned());
                            w.sort();
                            w.dedup();
                            w
                        })
                        .clone(),
                };
                // Page furniture repeats captions: one claim per key, value and quote.
                let fingerprint = fingerprint(&claim);
                if seen.insert(fingerprint, ()).is_none() {
                    claims.push(claim);
                }
                break;
            }
        }
    }
    claims.sort_by_key(|c| c.span);
    for (n, claim) in claims.iter_mut().enumerate() {
        claim.id = format!("{}#{}", doc.id, n + 1);
    }
    claims
}
