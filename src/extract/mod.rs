//! The extraction stage: rules applied to one document give its claims.
//!
//! Per sentence: dates are found first (their digits are not counts), then
//! numbers, entity names and rule triggers. Each value goes to the nearest
//! trigger that can make a whole claim of it (context words present,
//! required qualifiers and a subject found); ties go to the rule with the
//! higher priority, then to the rule listed first.

mod examples;
mod scene;
pub mod stream;

use std::ops::Range;

pub use examples::{ExampleFailure, check_examples};
use scene::{Anchor, Scene, Subject};

use chrono::Datelike;

use crate::claim::{Claim, DateValue, NumberValue, Precision, SubjectVia, Value};
use crate::corpus::Document;
use crate::recognize::{Lookup, Speaker, find_dates, resolve};
use crate::rules::RuleSet;
use crate::rules::raw::ValueType;
use crate::text::{Tokenized, normalize, tokenize};

/// How many sentences back a bare «وأضاف أن…» may find its speaker.
const SPEAKER_LOOKBACK: usize = 3;

/// How many opening sentences count as the dateline and byline.
const OPENING_SENTENCES: usize = 5;

/// A value found in a sentence, before any rule claims it.
struct Found {
    tokens: Range<usize>,
    value: Value,
    fraction: bool,
}

/// «لتحرير», «للسيطرة»: a purpose («in order to»), not an event; such a
/// trigger ranks behind plain ones. The article «ال», «وال», «بال» ends in
/// «ل» too, and is no purpose.
fn purpose(clitic: &str) -> bool {
    matches!(clitic, "ل" | "ول" | "فل" | "لل" | "ولل" | "فلل")
}

/// The count two that a dual trigger («قريتين») carries.
fn dual_value(value: &Value) -> bool {
    matches!(value, Value::Number(n) if n.min == Some(2.0) && n.max == Some(2.0))
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
            Lookup {
                gazetteer: &self.rules.gazetteer,
                triggers: &self.rules.triggers,
            },
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
    let lead_topic = std::cell::OnceCell::new();
    for (index, sentence) in tokens.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let mut triggers = Vec::new();
        for at in range.clone() {
            for m in rules.triggers.matches_at(text, &tokens, at, range.end) {
                triggers.push((*m.value, m.tokens, purpose(m.clitic)));
            }
        }
        // «قريتين»: a dual is its own trigger and its own count.
        let mut duals = Vec::new();
        for at in range.clone() {
            for m in rules.dual_triggers.matches_at(text, &tokens, at, range.end) {
                triggers.push((*m.value, m.tokens.clone(), purpose(m.clitic)));
                duals.push(m.tokens);
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
        for tokens in duals {
            values.push(Found {
                tokens,
                value: Value::Number(NumberValue::exact(2.0)),
                fraction: false,
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
        // After the lead, every sentence has the same lead to take its topic from.
        let own_topic = std::cell::OnceCell::new();
        let scene = Scene {
            text,
            tokens: &tokens,
            sentence: range.clone(),
            entities: rules.gazetteer.find(text, &tokens, range.clone()),
            rules,
            earlier: &tokens.sentences[..index],
            context: std::cell::OnceCell::new(),
            topic: if index >= scene::LEAD_SENTENCES {
                &lead_topic
            } else {
                &own_topic
            },
            landmarks: std::cell::OnceCell::new(),
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
                    } else if found.tokens == *trigger && dual_value(&found.value) {
                        Some(0)
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
