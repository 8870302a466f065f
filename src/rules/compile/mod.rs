//! Raw rule files compiled into a checked [`RuleSet`]: kinds first (so claim
//! rules can be checked against them as they load), then entities, claim
//! rules, attribution and reference facts, each part by its own function.
//! Every error of every file is collected, each naming its file and, where
//! the parser knows them, line and column.

mod entities;
mod language;
mod reference;
mod rule;

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

pub use language::LanguageExamples;
pub use reference::{ReferenceFact, reference_facts};
pub use rule::{ClaimRule, Context, QualifierFinder, QualifierRule};

use super::RuleFile;
use super::raw::{
    AttributionRaw, ClaimsFile, KindRaw, KindsFile, Phrase, Settings, ValueType, suggest,
};
use crate::claim::Claim;
use crate::error::{Error, Result, RuleError};
use crate::recognize::{Attribution, DateTables, Gazetteer, NumberReader, SpeechWords, bits};
use crate::text::{FastMap, Lexicon, PhraseSet};
use entities::compile_entities;
use language::compile_languages;
use rule::{compile_rule, feminine_duals, phrase_set};

/// A claim kind.
#[derive(Debug, Clone)]
pub struct Kind {
    /// Number or date.
    pub value: ValueType,
    /// Qualifier names allowed in its key.
    pub qualifiers: Vec<String>,
    /// Numbers: relative; dates: days.
    pub tolerance: f64,
    /// What it means.
    pub description: String,
    /// Claims dated to different years are not compared.
    pub changes_over_time: bool,
    /// Numbers: the least and greatest value a claim may have; a value
    /// outside them makes no claim, with a warning.
    pub bounds: (Option<f64>, Option<f64>),
}

/// Everything extraction and comparison need, checked.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Matching settings.
    pub settings: Settings,
    /// Kinds by name.
    pub kinds: BTreeMap<String, Kind>,
    /// Entities and their aliases.
    pub gazetteer: Gazetteer,
    /// Claim rules, in file order.
    pub rules: Vec<ClaimRule>,
    /// Every rule's triggers → rule index.
    pub triggers: PhraseSet<usize>,
    /// The feminine duals of number rules' one-word triggers («قريتين»,
    /// «غارتين»): the word is both the trigger and the count, two.
    pub dual_triggers: PhraseSet<usize>,
    /// Reference facts.
    pub references: Vec<ReferenceFact>,
    /// Each rule's comparison tolerance, and each kind's.
    pub tolerances: Tolerances,
    /// The number reader: every language's number words, with the
    /// approximation tolerance.
    pub numbers: NumberReader,
    /// The date reader's tables: every language's date words.
    pub dates: DateTables,
    /// The language files' examples.
    pub language_examples: Vec<LanguageExamples>,
    /// Speaker attribution.
    pub attribution: Attribution,
    /// First words of the hot phrase tables, for one look-up per token.
    pub lexicon: Lexicon,
    /// Words that point back to a place named before (settings.anaphors).
    pub anaphors: PhraseSet<()>,
    /// Relative words a clause hangs on a place with (settings.relatives).
    pub relatives: PhraseSet<()>,
    /// Bearings before a landmark place (settings.landmark_cues).
    pub landmark_cues: PhraseSet<()>,
    /// Words placing a town in its province (settings.containment_cues).
    pub containment_cues: PhraseSet<()>,
    /// Words before a destination (settings.destination_cues).
    pub destination_cues: PhraseSet<()>,
    /// Words making a place the region around it (settings.region_cues).
    pub region_cues: PhraseSet<()>,
    /// Words between a province and its capital (settings.capital_cues).
    pub capital_cues: PhraseSet<()>,
}

/// Comparison tolerances: a claim's rule's own, else its kind's.
#[derive(Debug, Clone, Default)]
pub struct Tolerances {
    by_rule: FastMap<String, f64>,
    by_kind: FastMap<String, f64>,
}

impl Tolerances {
    /// The tolerance a claim is compared with (numbers: relative; dates: days).
    pub fn of(&self, claim: &Claim) -> f64 {
        self.by_rule
            .get(claim.rule.as_str())
            .or_else(|| self.by_kind.get(claim.kind.as_str()))
            .copied()
            .unwrap_or(0.0)
    }

    fn new(rules: &[ClaimRule], kinds: &BTreeMap<String, Kind>) -> Tolerances {
        Tolerances {
            by_rule: rules
                .iter()
                .map(|r| (r.name.clone(), r.tolerance))
                .collect(),
            by_kind: kinds
                .iter()
                .map(|(n, k)| (n.clone(), k.tolerance))
                .collect(),
        }
    }
}

pub(super) fn parse<'a, T: Deserialize<'a>>(
    file: &'a RuleFile,
    errors: &mut Vec<RuleError>,
) -> Option<T> {
    if file.text.len() > 4 << 20 {
        errors.push(RuleError::new(
            &file.path,
            "rule file larger than 4 MiB; refused",
        ));
        return None;
    }
    match serde_norway::from_str(&file.text) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(RuleError::from_yaml(&file.path, &file.text, &e));
            None
        }
    }
}

fn role(path: &str) -> &'static str {
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    match parts.as_slice() {
        [.., "kinds.yaml"] => "kinds",
        [.., "attribution.yaml"] => "attribution",
        [.., "entities", _] => "entities",
        [.., "claims", _] => "claims",
        [.., "reference", _] => "reference",
        [.., "languages", _] => "languages",
        _ => "unknown",
    }
}

/// The settings and kinds of `kinds.yaml`.
fn compile_kinds<'a>(
    files: impl Iterator<Item = &'a RuleFile>,
    errors: &mut Vec<RuleError>,
) -> (Settings, BTreeMap<String, Kind>) {
    let mut settings = Settings::default();
    let mut kinds = BTreeMap::new();
    let files: Vec<&RuleFile> = files.collect();
    if files.is_empty() {
        errors.push(RuleError::new(
            "kinds.yaml",
            "no kinds.yaml in the rule directory",
        ));
    }
    for f in files {
        let Some(parsed) = parse::<KindsFile>(f, errors) else {
            continue;
        };
        settings = parsed.settings;
        for k in parsed.kinds {
            if let Some(message) = bounds_error(&k) {
                errors.push(RuleError::new(
                    &f.path,
                    format!("kind \"{}\": {message}", k.name),
                ));
            }
            let kind = Kind {
                bounds: (k.min, k.max),
                value: k.value,
                qualifiers: k.qualifiers,
                tolerance: k.tolerance,
                description: k.description,
                changes_over_time: k.changes_over_time,
            };
            if kinds.insert(k.name.clone(), kind).is_some() {
                errors.push(RuleError::new(
                    &f.path,
                    format!("kind \"{}\" declared twice", k.name),
                ));
            }
        }
    }
    (settings, kinds)
}

/// What is wrong with a kind's bounds: not numbers, on a date kind, or
/// crossed.
fn bounds_error(k: &KindRaw) -> Option<&'static str> {
    let given = [k.min, k.max].into_iter().flatten();
    if given.clone().any(|v| !v.is_finite()) {
        Some("`min` and `max` must be finite numbers")
    } else if given.count() > 0 && k.value != ValueType::Number {
        Some("`min` and `max` bound numbers; this kind's value is a date")
    } else if matches!((k.min, k.max), (Some(a), Some(b)) if a > b) {
        Some("`min` is above `max`")
    } else {
        None
    }
}

/// Every claim rule, in file order, with unique ids.
fn compile_claims<'a>(
    files: impl Iterator<Item = &'a RuleFile>,
    kinds: &BTreeMap<String, Kind>,
    gazetteer: &Gazetteer,
    errors: &mut Vec<RuleError>,
) -> Vec<ClaimRule> {
    let mut rules: Vec<ClaimRule> = Vec::new();
    let mut ids = BTreeSet::new();
    for f in files {
        let unknown = unknown_kinds(f, kinds);
        if !unknown.is_empty() {
            errors.extend(unknown);
            continue;
        }
        let Some(parsed) = parse::<ClaimsFile>(f, errors) else {
            continue;
        };
        for raw in parsed.rules {
            match compile_rule(f, raw, kinds, gazetteer) {
                Ok(rule) if !ids.insert(rule.id.clone()) => errors.push(RuleError::new(
                    &f.path,
                    format!("rule id \"{}\" used twice", rule.id),
                )),
                Ok(rule) => rules.push(rule),
                Err(e) => errors.push(e),
            }
        }
    }
    rules
}

/// The rules of a claims file whose kind `kinds.yaml` does not declare,
/// each error placed at the kind's name. Checked before the rules are read
/// whole, so a rule with an unknown kind says so first.
fn unknown_kinds(f: &RuleFile, kinds: &BTreeMap<String, Kind>) -> Vec<RuleError> {
    let Ok(file) = serde_norway::from_str::<serde_norway::Value>(&f.text) else {
        return Vec::new(); // the typed parse reports what is wrong
    };
    let rules = file.get("rules").and_then(|r| r.as_sequence());
    rules
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, rule)| {
            let kind = rule.get("kind")?.as_str()?;
            let id = rule.get("id").and_then(|i| i.as_str()).unwrap_or("");
            (!kinds.contains_key(kind)).then(|| {
                let hint = suggest(kind, kinds.keys());
                let message = format!("rules[{i}]: unknown kind \"{kind}\"{hint}");
                RuleError::at_value(&f.path, &f.text, id, kind, message)
            })
        })
        .collect()
}

/// Every rule's triggers, and the feminine duals of number rules' triggers.
fn trigger_tables(rules: &[ClaimRule]) -> (PhraseSet<usize>, PhraseSet<usize>) {
    let mut triggers = PhraseSet::default();
    let mut duals = PhraseSet::default();
    for (index, rule) in rules.iter().enumerate() {
        for t in &rule.triggers {
            triggers.insert(t, index);
            if rule.value_type == ValueType::Number {
                for dual in feminine_duals(t) {
                    duals.insert(&dual, index);
                }
            }
        }
    }
    (triggers, duals)
}

fn words(phrases: &[Phrase]) -> Vec<String> {
    phrases.iter().map(|p| p.0.clone()).collect()
}

/// The speaker recognizer of `attribution.yaml` (none without it).
fn compile_attribution<'a>(
    files: impl Iterator<Item = &'a RuleFile>,
    errors: &mut Vec<RuleError>,
) -> Attribution {
    let mut attribution = Attribution::default();
    for f in files {
        if let Some(raw) = parse::<AttributionRaw>(f, errors) {
            attribution = Attribution::new(&SpeechWords {
                verbs: words(&raw.verbs),
                according_to: words(&raw.according_to),
                stops: words(&raw.stops),
                max_words: raw.max_words,
                agencies: raw
                    .agencies
                    .iter()
                    .map(|(k, v)| (k.clone(), words(v)))
                    .collect(),
                anonymous: words(&raw.anonymous),
            });
        }
    }
    attribution
}

/// The bundled and directory reference facts.
fn compile_references<'a>(
    files: impl Iterator<Item = &'a RuleFile>,
    kinds: &BTreeMap<String, Kind>,
    gazetteer: &Gazetteer,
    errors: &mut Vec<RuleError>,
) -> Vec<ReferenceFact> {
    let mut references = Vec::new();
    for f in files {
        match reference_facts(f, kinds, gazetteer) {
            Ok(facts) => references.extend(facts),
            Err(Error::Rules(errs)) => errors.extend(errs),
            Err(other) => errors.push(RuleError::new(&f.path, other.to_string())),
        }
    }
    references
}

/// Compiles rule files into a rule set, or lists everything wrong with them.
pub fn compile(files: &[RuleFile]) -> Result<RuleSet> {
    let mut errors = Vec::new();
    let by_role = |r: &'static str| files.iter().filter(move |f| role(&f.path) == r);
    for f in by_role("unknown") {
        errors.push(RuleError::new(
            &f.path,
            "not a rule file: expected kinds.yaml, attribution.yaml, languages/*.yaml, entities/*.yaml, claims/*.yaml or reference/*.yaml",
        ));
    }
    let (settings, kinds) = compile_kinds(by_role("kinds"), &mut errors);
    // A rule directory without languages/ reads with the bundled languages.
    let bundled = super::bundled_files();
    let languages = match by_role("languages").next() {
        Some(_) => compile_languages(by_role("languages"), &mut errors),
        None => {
            let files = bundled.iter().filter(|f| role(&f.path) == "languages");
            compile_languages(files, &mut errors)
        }
    };
    let mut gazetteer = compile_entities(by_role("entities"), &settings, &mut errors);
    let rules = compile_claims(by_role("claims"), &kinds, &gazetteer, &mut errors);
    let mut attribution = compile_attribution(by_role("attribution"), &mut errors);
    let references = compile_references(by_role("reference"), &kinds, &gazetteer, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Rules(errors));
    }
    let (mut triggers, mut dual_triggers) = trigger_tables(&rules);
    let mut numbers = NumberReader::new(settings.approx_tolerance, &languages.numbers);
    let dates = DateTables::new(&languages.dates);
    let mut lexicon = Lexicon::default();
    triggers.register(&mut lexicon, bits::TRIGGERS);
    dual_triggers.register(&mut lexicon, bits::DUAL_TRIGGERS);
    gazetteer.register(&mut lexicon);
    attribution.register(&mut lexicon);
    numbers.register(&mut lexicon);
    for word in dates.starters() {
        lexicon.add_word(word, bits::DATE_START);
    }
    Ok(RuleSet {
        tolerances: Tolerances::new(&rules, &kinds),
        dual_triggers,
        anaphors: phrase_set(&settings.anaphors, ()),
        relatives: phrase_set(&settings.relatives, ()),
        landmark_cues: phrase_set(&settings.landmark_cues, ()),
        containment_cues: phrase_set(&settings.containment_cues, ()),
        destination_cues: phrase_set(&settings.destination_cues, ()),
        region_cues: phrase_set(&settings.region_cues, ()),
        capital_cues: phrase_set(&settings.capital_cues, ()),
        numbers,
        dates,
        language_examples: languages.examples,
        lexicon,
        settings,
        kinds,
        gazetteer,
        rules,
        triggers,
        references,
        attribution,
    })
}
