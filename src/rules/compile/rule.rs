//! One claim rule compiled: its trigger window, context and exclusion
//! words, qualifier finders and examples, checked against its kind.

use std::collections::BTreeMap;

use super::Kind;
use crate::error::RuleError;
use crate::recognize::{EntityType, Gazetteer};
use crate::rules::RuleFile;
use crate::rules::raw::{
    ContextRaw, ExampleRaw, Phrase, QualifierSource, QualifierSpec, RuleRaw, Search, SubjectRaw,
    ValueType, suggest,
};
use crate::text::PhraseSet;

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

pub(super) fn phrase_set<V: Clone>(phrases: &[Phrase], value: V) -> PhraseSet<V> {
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

/// «قرية» → «قريتين», «قريتان»: Arabic counts two of a feminine noun with
/// the noun alone. Only one-word triggers ending in ta marbuta (normalized
/// «ه»), where the dual cannot be a plural.
pub(super) fn feminine_duals(trigger: &str) -> Vec<String> {
    match trigger.strip_suffix('ه') {
        Some(stem) if !trigger.contains([' ', '*']) && stem.chars().count() >= 2 => {
            vec![format!("{stem}تين"), format!("{stem}تان")]
        }
        _ => Vec::new(),
    }
}

/// What is wrong with a rule's shape, before its parts are compiled.
fn check_shape(raw: &RuleRaw, kind: &Kind) -> Option<&'static str> {
    if raw.triggers.is_empty() {
        Some("needs at least one trigger")
    } else if raw.value.before.is_none() && raw.value.after.is_none() {
        Some("`value` needs `before`, `after` or both")
    } else if raw.subject.types.is_empty() || raw.subject.search.is_empty() {
        Some("`subject` needs `types` and `search`")
    } else if raw.factor.is_some() && kind.value != ValueType::Number {
        Some("`factor` converts numbers; this kind's value is a date")
    } else {
        None
    }
}

/// How a qualifier's value is found, compiled.
fn finder(source: QualifierSource) -> QualifierFinder {
    match source {
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
    }
}

/// The rule's qualifiers, each declared for its kind.
fn qualifiers(
    raw: BTreeMap<String, QualifierSpec>,
    kind_name: &str,
    kind: &Kind,
) -> Result<Vec<QualifierRule>, String> {
    let mut out = Vec::new();
    for (name, spec) in raw {
        if !kind.qualifiers.contains(&name) {
            return Err(format!(
                "qualifier \"{name}\" is not declared for kind \"{kind_name}\"{}",
                suggest(&name, kind.qualifiers.iter())
            ));
        }
        out.push(QualifierRule {
            name,
            finder: finder(spec.source),
            search: spec.search,
            window: spec.window,
            default: spec.default,
            required: spec.required,
        });
    }
    Ok(out)
}

/// An example may only expect entities the gazetteer knows (or provisional ones).
fn check_example_subjects(examples: &[ExampleRaw], gazetteer: &Gazetteer) -> Result<(), String> {
    let unknown = examples.iter().flat_map(|e| &e.expect).find(|x| {
        gazetteer.find_id(&x.subject).is_none() && !x.subject.starts_with("provisional-")
    });
    match unknown {
        Some(x) => Err(format!("example expects unknown entity \"{}\"", x.subject)),
        None => Ok(()),
    }
}

/// Compiles one claim rule of file `f`, checked against its kind.
pub(super) fn compile_rule(
    f: &RuleFile,
    raw: RuleRaw,
    kinds: &BTreeMap<String, Kind>,
    gazetteer: &Gazetteer,
) -> Result<ClaimRule, RuleError> {
    let at = |msg: String| RuleError::new(&f.path, format!("rule \"{}\": {msg}", raw.id));
    let Some(kind) = kinds.get(&raw.kind.0) else {
        let name = &raw.kind.0;
        let message = format!("unknown kind \"{name}\"{}", suggest(name, kinds.keys()));
        return Err(RuleError::at_value(
            &f.path, &f.text, &raw.id, name, message,
        ));
    };
    if let Some(problem) = check_shape(&raw, kind) {
        return Err(at(problem.into()));
    }
    check_example_subjects(&raw.examples, gazetteer).map_err(at)?;
    let qualifiers = qualifiers(raw.qualifiers, &raw.kind.0, kind).map_err(at)?;
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
