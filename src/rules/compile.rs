//! Raw rule files compiled into a checked [`RuleSet`]: kinds first (so claim
//! rules can be checked against them as they load), then entities, claim
//! rules and reference facts. Every error of every file is collected, each
//! naming its file and, where the parser knows them, line and column.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::RuleFile;
use super::raw::{
    ClaimsFile, ContextRaw, EntitiesFile, EntityType, ExampleRaw, KindsFile, QualifierSource,
    RuleRaw, Search, Settings, SubjectRaw, ValueType, set_known_kinds, suggest,
};
use crate::claim::{Qualifier, Value};
use crate::entity::Gazetteer;
use crate::error::{Error, Result, RuleError};
use crate::extract::{Attribution, AttributionRaw, NumberReader, bits, date_starters};
use crate::text::{Lexicon, PhraseSet};

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
}

/// Words near a trigger.
#[derive(Debug, Clone)]
pub struct Context {
    /// The words.
    pub phrases: PhraseSet<()>,
    /// How far from the trigger, in tokens.
    pub window: usize,
}

/// How a qualifier's value is found.
#[derive(Debug, Clone)]
pub enum QualifierFinder {
    /// Always this value.
    Fixed(String),
    /// The id of the nearest entity of these types.
    Entity(Vec<EntityType>),
    /// The name of the word list that matches.
    Words(PhraseSet<String>),
}

/// A compiled qualifier rule.
#[derive(Debug, Clone)]
pub struct QualifierRule {
    /// Qualifier name (`actor`, `event`…).
    pub name: String,
    /// How it is found.
    pub finder: QualifierFinder,
    /// Where to look, in order.
    pub search: Vec<Search>,
    /// How far, in tokens.
    pub window: usize,
    /// Used when nothing is found.
    pub default: Option<String>,
    /// No claim when nothing is found and there is no default.
    pub required: bool,
}

/// A compiled claim rule.
#[derive(Debug, Clone)]
pub struct ClaimRule {
    /// `file#id`, as claims cite it.
    pub name: String,
    /// The rule id.
    pub id: String,
    /// The claim kind.
    pub kind: String,
    /// Number or date (from the kind).
    pub value_type: ValueType,
    /// The value may end this many tokens before the trigger.
    pub before: Option<usize>,
    /// The value may start this many tokens after the trigger.
    pub after: Option<usize>,
    /// Words that must stand near the trigger.
    pub context: Option<Context>,
    /// Words that must not.
    pub exclude: Option<Context>,
    /// How the subject is chosen.
    pub subject: SubjectRaw,
    /// Qualifier rules.
    pub qualifiers: Vec<QualifierRule>,
    /// A bare fraction counts as a percentage.
    pub fraction_as_percent: bool,
    /// Converts the number read into the kind's unit.
    pub factor: Option<f64>,
    /// Tie-breaker between rules.
    pub priority: i32,
    /// Normalized trigger phrases.
    pub triggers: Vec<String>,
    /// Comparison tolerance.
    pub tolerance: f64,
    /// The rule's examples.
    pub examples: Vec<ExampleRaw>,
}

/// An authoritative dated fact with its source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceFact {
    /// Claim kind.
    pub kind: String,
    /// Entity id.
    pub subject: String,
    /// Qualifiers.
    #[serde(default)]
    pub qualifier: Qualifier,
    /// The value.
    pub value: Value,
    /// Who says so.
    pub source: String,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
    /// The file it came from (filled in on load).
    #[serde(skip)]
    pub file: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferenceFile {
    facts: Vec<ReferenceFact>,
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
    /// The number reader, with the approximation tolerance.
    pub numbers: NumberReader,
    /// Speaker attribution.
    pub attribution: Attribution,
    /// First words of the hot phrase tables, for one look-up per token.
    pub lexicon: Lexicon,
    /// Words that point back to a place named before (settings.anaphors).
    pub anaphors: PhraseSet<()>,
    /// Bearings before a landmark place (settings.landmark_cues).
    pub landmark_cues: PhraseSet<()>,
    /// Words placing a town in its province (settings.containment_cues).
    pub containment_cues: PhraseSet<()>,
}

fn parse<'a, T: Deserialize<'a>>(file: &'a RuleFile, errors: &mut Vec<RuleError>) -> Option<T> {
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
        _ => "unknown",
    }
}

fn phrase_set<V: Clone>(phrases: &[super::raw::Phrase], value: V) -> PhraseSet<V> {
    let mut set = PhraseSet::default();
    for p in phrases {
        set.insert(&p.0, value.clone());
    }
    set
}

fn context(raw: Option<ContextRaw>) -> Option<Context> {
    raw.map(|c| Context {
        phrases: phrase_set(&c.words, ()),
        window: c.window,
    })
}

/// Compiles rule files into a rule set, or lists everything wrong with them.
pub fn compile(files: &[RuleFile]) -> Result<RuleSet> {
    let mut errors = Vec::new();
    let by_role = |r: &'static str| files.iter().filter(move |f| role(&f.path) == r);
    for f in by_role("unknown") {
        errors.push(RuleError::new(
            &f.path,
            "not a rule file: expected kinds.yaml, attribution.yaml, entities/*.yaml, claims/*.yaml or reference/*.yaml",
        ));
    }

    let mut settings = Settings::default();
    let mut kinds = BTreeMap::new();
    let kind_files: Vec<&RuleFile> = by_role("kinds").collect();
    if kind_files.is_empty() {
        errors.push(RuleError::new(
            "kinds.yaml",
            "no kinds.yaml in the rule directory",
        ));
    }
    for f in kind_files {
        let Some(parsed) = parse::<KindsFile>(f, &mut errors) else {
            continue;
        };
        settings = parsed.settings;
        for k in parsed.kinds {
            let kind = Kind {
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
    set_known_kinds(kinds.keys().cloned());

    let mut gazetteer = Gazetteer::new(&settings);
    let mut alias_owner: BTreeMap<String, String> = BTreeMap::new();
    let mut speaks_for: Vec<(String, usize, String, String)> = Vec::new();
    for f in by_role("entities") {
        let Some(parsed) = parse::<EntitiesFile>(f, &mut errors) else {
            continue;
        };
        for e in parsed.entities {
            if e.id.is_empty()
                || !e
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                errors.push(RuleError::new(
                    &f.path,
                    format!("entity id \"{}\" is not a lower-case ASCII slug", e.id),
                ));
            }
            let aliases: Vec<String> = e.ar.iter().chain(&e.en).map(|p| p.0.clone()).collect();
            for alias in &aliases {
                if let Some(owner) = alias_owner.insert(alias.clone(), e.id.clone())
                    && owner != e.id
                {
                    errors.push(RuleError::new(
                        &f.path,
                        format!("alias \"{alias}\" names both \"{owner}\" and \"{}\"", e.id),
                    ));
                }
            }
            let label =
                e.ar.first()
                    .or(e.en.first())
                    .map_or(e.id.as_str(), |p| p.1.as_str());
            match gazetteer.add(&e.id, e.kind, &aliases, label) {
                Some(index) => {
                    if let Some(actor) = &e.speaks_for {
                        speaks_for.push((f.path.clone(), index, e.id.clone(), actor.clone()));
                    }
                }
                None => errors.push(RuleError::new(
                    &f.path,
                    format!("entity \"{}\" declared twice", e.id),
                )),
            }
        }
    }

    for (path, index, id, actor) in speaks_for {
        match gazetteer.find_id(&actor).map(|i| gazetteer.get(i).kind) {
            Some(EntityType::Actor) => gazetteer.set_speaks_for(index, &actor),
            _ => errors.push(RuleError::new(
                &path,
                format!("speaker \"{id}\" speaks for \"{actor}\", which is not an actor"),
            )),
        }
    }

    let mut rules: Vec<ClaimRule> = Vec::new();
    let mut triggers = PhraseSet::default();
    let mut ids = BTreeSet::new();
    for f in by_role("claims") {
        let Some(parsed) = parse::<ClaimsFile>(f, &mut errors) else {
            continue;
        };
        for raw in parsed.rules {
            match compile_rule(f, raw, &kinds, &gazetteer) {
                Ok(rule) => {
                    if !ids.insert(rule.id.clone()) {
                        errors.push(RuleError::new(
                            &f.path,
                            format!("rule id \"{}\" used twice", rule.id),
                        ));
                        continue;
                    }
                    rules.push(rule);
                }
                Err(e) => errors.push(e),
            }
        }
    }
    let mut dual_triggers = PhraseSet::default();
    for (index, rule) in rules.iter().enumerate() {
        for t in &rule.triggers {
            triggers.insert(t, index);
            if rule.value_type == ValueType::Number {
                for dual in feminine_duals(t) {
                    dual_triggers.insert(&dual, index);
                }
            }
        }
    }

    let mut attribution = Attribution::default();
    for f in by_role("attribution") {
        if let Some(raw) = parse::<AttributionRaw>(f, &mut errors) {
            attribution = Attribution::new(&raw);
        }
    }

    let mut references = Vec::new();
    for f in by_role("reference") {
        match reference_facts(f, &kinds, &gazetteer) {
            Ok(facts) => references.extend(facts),
            Err(Error::Rules(errs)) => errors.extend(errs),
            Err(other) => errors.push(RuleError::new(&f.path, other.to_string())),
        }
    }

    if !errors.is_empty() {
        return Err(Error::Rules(errors));
    }
    let mut lexicon = Lexicon::default();
    let mut numbers = NumberReader::new(settings.approx_tolerance);
    triggers.register(&mut lexicon, bits::TRIGGERS);
    dual_triggers.register(&mut lexicon, bits::DUAL_TRIGGERS);
    gazetteer.register(&mut lexicon);
    attribution.register(&mut lexicon);
    numbers.register(&mut lexicon);
    for word in date_starters() {
        lexicon.add_word(word, bits::DATE_START);
    }
    let phrases = |list: &[crate::rules::raw::Phrase]| {
        let mut set = PhraseSet::default();
        for phrase in list {
            set.insert(&phrase.0, ());
        }
        set
    };
    Ok(RuleSet {
        dual_triggers,
        anaphors: phrases(&settings.anaphors),
        landmark_cues: phrases(&settings.landmark_cues),
        containment_cues: phrases(&settings.containment_cues),
        numbers,
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

/// «قرية» → «قريتين», «قريتان»: Arabic counts two of a feminine noun with
/// the noun alone. Only one-word triggers ending in ta marbuta (normalized
/// «ه»), where the dual cannot be a plural.
fn feminine_duals(trigger: &str) -> Vec<String> {
    match trigger.strip_suffix('ه') {
        Some(stem) if !trigger.contains([' ', '*']) && stem.chars().count() >= 2 => {
            vec![format!("{stem}تين"), format!("{stem}تان")]
        }
        _ => Vec::new(),
    }
}

/// Reads a reference file's facts, checked against kinds and entities.
pub fn reference_facts(
    f: &RuleFile,
    kinds: &BTreeMap<String, Kind>,
    gazetteer: &Gazetteer,
) -> Result<Vec<ReferenceFact>> {
    let mut errors = Vec::new();
    let Some(parsed) = parse::<ReferenceFile>(f, &mut errors) else {
        return Err(Error::Rules(errors));
    };
    let mut facts = Vec::new();
    for mut fact in parsed.facts {
        if !kinds.contains_key(&fact.kind) {
            errors.push(RuleError::new(
                &f.path,
                format!("fact about unknown kind \"{}\"", fact.kind),
            ));
        }
        if gazetteer.find_id(&fact.subject).is_none() {
            errors.push(RuleError::new(
                &f.path,
                format!("fact about unknown entity \"{}\"", fact.subject),
            ));
        }
        fact.file = f.path.clone();
        facts.push(fact);
    }
    if errors.is_empty() {
        Ok(facts)
    } else {
        Err(Error::Rules(errors))
    }
}

fn compile_rule(
    f: &RuleFile,
    raw: RuleRaw,
    kinds: &BTreeMap<String, Kind>,
    gazetteer: &Gazetteer,
) -> Result<ClaimRule, RuleError> {
    let at = |msg: String| RuleError::new(&f.path, format!("rule \"{}\": {msg}", raw.id));
    let kind = &kinds[&raw.kind.0];
    if raw.triggers.is_empty() {
        return Err(at("needs at least one trigger".into()));
    }
    if raw.value.before.is_none() && raw.value.after.is_none() {
        return Err(at("`value` needs `before`, `after` or both".into()));
    }
    if raw.subject.types.is_empty() || raw.subject.search.is_empty() {
        return Err(at("`subject` needs `types` and `search`".into()));
    }
    if raw.factor.is_some() && kind.value != ValueType::Number {
        return Err(at(
            "`factor` converts numbers; this kind's value is a date".into()
        ));
    }
    let mut qualifiers = Vec::new();
    for (name, spec) in raw.qualifiers {
        if !kind.qualifiers.contains(&name) {
            return Err(at(format!(
                "qualifier \"{name}\" is not declared for kind \"{}\"{}",
                raw.kind.0,
                suggest(&name, kind.qualifiers.iter())
            )));
        }
        let finder = match spec.source {
            QualifierSource::Fixed(v) => QualifierFinder::Fixed(v),
            QualifierSource::Entity(types) => QualifierFinder::Entity(types),
            QualifierSource::Words(lists) => {
                let mut set = PhraseSet::default();
                for (value, phrases) in lists {
                    for p in phrases {
                        set.insert(&p.0, value.clone());
                        // «قريتين» names villages as «قرية» does.
                        for dual in feminine_duals(&p.0) {
                            set.insert(&dual, value.clone());
                        }
                    }
                }
                QualifierFinder::Words(set)
            }
        };
        qualifiers.push(QualifierRule {
            name,
            finder,
            search: spec.search,
            window: spec.window,
            default: spec.default,
            required: spec.required,
        });
    }
    for example in &raw.examples {
        for expected in &example.expect {
            if gazetteer.find_id(&expected.subject).is_none()
                && !expected.subject.starts_with("provisional-")
            {
                return Err(at(format!(
                    "example expects unknown entity \"{}\"",
                    expected.subject
                )));
            }
        }
    }
    Ok(ClaimRule {
        name: format!("{}#{}", f.path, raw.id),
        id: raw.id,
        kind: raw.kind.0.clone(),
        value_type: kind.value,
        before: raw.value.before,
        after: raw.value.after,
        context: context(raw.context),
        exclude: context(raw.exclude),
        subject: raw.subject,
        qualifiers,
        fraction_as_percent: raw.fraction_as_percent,
        factor: raw.factor.map(|f| f.0),
        priority: raw.priority,
        triggers: raw.triggers.into_iter().map(|t| t.0).collect(),
        tolerance: raw.tolerance.unwrap_or(kind.tolerance),
        examples: raw.examples,
    })
}
