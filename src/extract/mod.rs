//! The extraction driver: compiled rules run over one document give its
//! claims. It only drives; reading numbers, dates, names and speakers is
//! the recognizers' work (`crate::recognize`).
//!
//! Per sentence: rule triggers are found, then values — dates first (their
//! digits are not counts), then numbers and dual nouns. Each value goes to
//! the nearest trigger that can make a whole claim of it (context words
//! present, required qualifiers and a subject found, `scene`); ties go to
//! the rule with the higher priority, then to the rule listed first. Claims
//! repeated word for word (page furniture) are kept once.

mod examples;
mod scene;
pub mod stream;
mod values;

use std::cell::{OnceCell, RefCell};
use std::ops::Range;

use chrono::Datelike;

pub use examples::{ExampleFailure, check_examples, count_examples};
use scene::{Anchor, Scene, Subject};
use values::{Found, Trigger};

use crate::claim::{Claim, DateValue, Qualifier, SubjectVia, Value};
use crate::corpus::{Document, Problem, Severity};
use crate::recognize::{DocumentNames, EntityMention, Lookup, Speaker};
use crate::rules::{ClaimRule, RuleSet};
use crate::text::{FastMap, Normalized, Tokenized, normalize, tokenize};

/// How many sentences back a bare «وأضاف أن…» may find its speaker.
const SPEAKER_LOOKBACK: usize = 3;

/// How many opening sentences count as the dateline and byline.
const OPENING_SENTENCES: usize = 5;

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
        dates: &[bool],
    ) -> Option<Speaker> {
        if let Some(known) = &memo[index] {
            return known.clone();
        }
        let mut previous = || {
            (1..=depth.min(index)).find_map(|back| {
                self.speaker(memo, index - back, depth.saturating_sub(back), dates)
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
                dates,
            },
            &mut previous,
            self.words,
        );
        memo[index] = Some(found.clone());
        found
    }
}

/// One document being extracted: its normalized text and tokens, and what
/// every sentence shares.
struct Page<'a> {
    rules: &'a RuleSet,
    doc: &'a Document,
    norm: &'a Normalized,
    tokens: &'a Tokenized,
    /// The publication year, when the date gives one.
    published_year: Option<i32>,
    /// Wire agencies named in the dateline and byline.
    opening_wires: Vec<String>,
    /// Values refused, each with the words that wrote it.
    warnings: RefCell<Vec<String>>,
}

/// What a sentence gives every claim made in it.
struct Said<'a> {
    sentence: &'a str,
    speaker: Option<&'a Speaker>,
    /// The year a changing quantity is given for: a date in the sentence.
    year: Option<i32>,
    wires: &'a OnceCell<Vec<String>>,
    range: Range<usize>,
}

impl<'a> Page<'a> {
    fn new(
        rules: &'a RuleSet,
        doc: &'a Document,
        norm: &'a Normalized,
        tokens: &'a Tokenized,
    ) -> Page<'a> {
        // The dateline and byline: the first sentences name the wire a story came on.
        let opening = tokens.sentences[..tokens.sentences.len().min(OPENING_SENTENCES)]
            .last()
            .map_or(0, |s| s.tokens.end);
        Page {
            rules,
            doc,
            norm,
            tokens,
            published_year: doc
                .published
                .filter(|p| p.first.year() == p.last.year())
                .map(|p| p.first.year()),
            opening_wires: rules.attribution.agencies(&norm.text, tokens, 0..opening),
            warnings: RefCell::new(Vec::new()),
        }
    }

    /// The original byte range of a token range.
    fn original(&self, range: Range<usize>) -> (usize, usize) {
        let tokens = &self.tokens.tokens;
        let bytes = tokens[range.start].range.start..tokens[range.end - 1].range.end;
        let r = self.norm.original_range(bytes);
        (r.start, r.end)
    }

    /// The original words of a token range.
    fn words(&self, range: Range<usize>) -> String {
        let (a, b) = self.original(range);
        self.doc.text[a..b].to_string()
    }

    /// The wires of a sentence: those it names and the dateline's.
    fn wires(&self, range: Range<usize>) -> Vec<String> {
        let text = self.norm.text.as_str();
        let mut w = self.rules.attribution.agencies(text, self.tokens, range);
        w.extend(self.opening_wires.iter().cloned());
        w.sort();
        w.dedup();
        w
    }

    /// The claim a rule makes of a value, about a subject found in `scene`.
    fn claim(
        &self,
        rule: &ClaimRule,
        found: &Found,
        trigger: &Range<usize>,
        made: (&Subject, Qualifier, Range<usize>),
        scene: &Scene<'_>,
        said: &Said<'_>,
    ) -> Claim {
        let (subject, qualifier, span) = made;
        let (mention, via): (&EntityMention, _) = match subject {
            Subject::Here(i) => (&scene.entities[*i], SubjectVia::Sentence),
            Subject::Context(m) => (m, SubjectVia::Context),
        };
        let (start, end) = self.original(span);
        let as_of = self
            .rules
            .kinds
            .get(&rule.kind)
            .filter(|k| k.changes_over_time)
            .and_then(|_| said.year.or(self.published_year));
        Claim {
            id: String::new(),
            position: String::new(),
            doc: self.doc.id.clone(),
            outlet: self.doc.outlet.clone(),
            kind: rule.kind.clone(),
            subject: self.rules.gazetteer.id_of(mention).to_string(),
            qualifier,
            value: values::claimed_value(found, rule.factor),
            span: [start, end],
            quote: self.doc.text[start..end].to_string(),
            sentence: said.sentence.to_string(),
            rule: rule.name.clone(),
            speaker: said
                .speaker
                .filter(|s| s.from_token <= found.tokens.start.min(trigger.start))
                .map(|s| s.name.clone()),
            subject_match: mention.fuzzy.clone(),
            subject_via: via,
            as_of,
            wires: said
                .wires
                .get_or_init(|| self.wires(said.range.clone()))
                .clone(),
        }
    }

    /// The first ranked trigger whose rule makes a whole claim of the value.
    fn first_claim(
        &self,
        triggers: &[Trigger],
        found: &Found,
        scene: &Scene<'_>,
        said: &Said<'_>,
    ) -> Option<Claim> {
        let clause_between =
            |lo: usize, hi: usize| (lo.max(1) - 1..hi).any(|a| scene.clause_break(a));
        values::ranked(self.rules, triggers, found, clause_between)
            .into_iter()
            .find_map(|t| {
                let rule = &self.rules.rules[t.rule];
                let anchor = Anchor {
                    trigger: t.tokens.clone(),
                    value: found.tokens.clone(),
                };
                let (subject, qualifier, span) = scene.build(rule, &anchor)?;
                let made = (&subject, qualifier, span);
                Some(self.claim(rule, found, &t.tokens, made, scene, said))
            })
            .and_then(|claim| self.within_bounds(claim))
    }

    /// The claim, if its value is one its kind may have («-500 مقاتل», «120
    /// في المئة من المحافظة» make no claim, and a warning quoting them); an
    /// approximate value is cut at the bounds («نحو 95%» is at most 100).
    fn within_bounds(&self, mut claim: Claim) -> Option<Claim> {
        let bounds = self.rules.kinds.get(&claim.kind).map(|k| k.bounds);
        match bounds.map(|b| values::bounded(&claim.value, b)) {
            None | Some(Ok(None)) => Some(claim),
            Some(Ok(Some(cut))) => {
                claim.value = cut;
                Some(claim)
            }
            Some(Err(range)) => {
                self.warn(format!(
                    "{} {} in {:?} is outside {range}; no claim",
                    claim.kind,
                    claim.value.display(),
                    claim.quote
                ));
                None
            }
        }
    }

    /// Records a warning about this document.
    fn warn(&self, message: String) {
        self.warnings.borrow_mut().push(message);
    }
}

/// The year of a sentence's first date that lies within one year.
fn sentence_year(values: &[Found]) -> Option<i32> {
    values.iter().find_map(|v| match &v.value {
        Value::Date(DateValue {
            from: Some(from),
            to: Some(to),
            ..
        }) if from.year() == to.year() => Some(from.year()),
        _ => None,
    })
}

/// Keeps the first of claims alike in key, value and quote (page furniture
/// repeats captions), orders them by position, numbers them (`ref`) and
/// gives each its content id (`id`).
fn finish(doc: &Document, claims: Vec<Claim>) -> Vec<Claim> {
    let mut seen: FastMap<u64, ()> = FastMap::default();
    let mut kept: Vec<Claim> = claims
        .into_iter()
        .filter(|c| seen.insert(fingerprint(c), ()).is_none())
        .collect();
    kept.sort_by_key(|c| c.span);
    let mut ids: FastMap<String, usize> = FastMap::default();
    for (n, claim) in kept.iter_mut().enumerate() {
        claim.position = format!("{}#{}", doc.id, n + 1);
        // Two claims of one document alike in everything hashed were kept
        // once above; a collision of the hash alone gets a suffix.
        let id = claim.stable_id();
        let seen = ids.entry(id.clone()).or_insert(0);
        *seen += 1;
        claim.id = if *seen == 1 {
            id
        } else {
            format!("{id}-{seen}")
        };
    }
    kept
}

/// What one document gives: its claims, and warnings about values its
/// text writes that make no claim (too large to hold, outside their
/// kind's bounds, a year outside the news' range).
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The claims, in text order.
    pub claims: Vec<Claim>,
    /// Warnings naming the document (its origin) and quoting the text.
    pub warnings: Vec<Problem>,
}

/// Extracts every claim the rules find in one document.
pub fn extract(rules: &RuleSet, doc: &Document) -> Vec<Claim> {
    extract_checked(rules, doc).claims
}

/// [`extract`], with the warnings about values refused.
pub fn extract_checked(rules: &RuleSet, doc: &Document) -> Extraction {
    let norm = normalize(&doc.text);
    let text = norm.text.as_str();
    let mut tokens = tokenize(text);
    rules.lexicon.mark(text, &mut tokens);
    let tokens = tokens;
    let page = Page::new(rules, doc, &norm, &tokens);
    let words = |r: Range<usize>| page.words(r);
    // Speakers are found only for sentences that make claims, and for the
    // few sentences before them a «وأضاف أن…» may go on quoting.
    let mut speakers: Vec<Option<Option<Speaker>>> = vec![None; tokens.sentences.len()];
    let speaking = SpeakerContext {
        rules,
        text,
        tokens: &tokens,
        words: &words,
    };
    let mut taken = vec![false; tokens.tokens.len()];
    let lead_topic = OnceCell::new();
    let names = DocumentNames::new(text);
    let mut claims = Vec::new();
    for (index, sentence) in tokens.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let (triggers, duals) = values::triggers(rules, text, &tokens, range.clone());
        if triggers.is_empty() {
            continue;
        }
        let found = page.values(range.clone(), duals, &mut taken);
        if found.is_empty() {
            continue;
        }
        let speaker = speaking.speaker(&mut speakers, index, SPEAKER_LOOKBACK, &taken);
        let said = Said {
            sentence: doc.text[norm.original_range(sentence.range.clone())].trim(),
            speaker: speaker.as_ref(),
            year: sentence_year(&found),
            wires: &OnceCell::new(),
            range: range.clone(),
        };
        // After the lead, every sentence has the same lead to take its topic from.
        let own_topic = OnceCell::new();
        let scene = Scene {
            text,
            tokens: &tokens,
            sentence: range.clone(),
            entities: rules
                .gazetteer
                .find_in(text, &tokens, range.clone(), &names),
            rules,
            earlier: &tokens.sentences[..index],
            names: &names,
            context: OnceCell::new(),
            topic: if index >= scene::LEAD_SENTENCES {
                &lead_topic
            } else {
                &own_topic
            },
            landmarks: OnceCell::new(),
        };
        claims.extend(
            found
                .iter()
                .filter_map(|f| page.first_claim(&triggers, f, &scene, &said)),
        );
    }
    let warnings = page.warnings.take().into_iter().map(|message| Problem {
        document: doc.origin.clone(),
        severity: Severity::Warning,
        message,
    });
    Extraction {
        claims: finish(doc, claims),
        warnings: warnings.collect(),
    }
}
