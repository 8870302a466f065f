//! Reference facts: authoritative dated facts (`rules/reference/*.yaml`, or
//! a user's `--reference` file) that claims are graded against, each
//! checked against the kinds and entities it names. Its value is checked
//! as it is read (`fact_value`), and against its kind's type after.

mod fact_value;

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Kind, parse};
use crate::claim::{Qualifier, Value};
use crate::error::{Error, Result, RuleError};
use crate::recognize::Gazetteer;
use crate::rules::RuleFile;
use crate::rules::raw::ValueType;

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
    #[serde(deserialize_with = "fact_value::checked_value")]
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
    let mut facts: Vec<ReferenceFact> = Vec::new();
    for mut fact in parsed.facts {
        match kinds.get(&fact.kind) {
            None => errors.push(RuleError::new(
                &f.path,
                format!("fact about unknown kind \"{}\"", fact.kind),
            )),
            Some(kind) => {
                let earlier = facts.iter().filter(|e| e.subject == fact.subject).count();
                if let Some(err) = value_fits_kind(f, &fact, kind, earlier) {
                    errors.push(err);
                }
            }
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

/// An error when `fact`'s value is not of its kind's type (a number on a
/// date kind), placed at the `value` of the fact: the one after the
/// `earlier`+1-th mention of its subject.
fn value_fits_kind(
    f: &RuleFile,
    fact: &ReferenceFact,
    kind: &Kind,
    earlier: usize,
) -> Option<RuleError> {
    let (wanted, got) = match (&kind.value, &fact.value) {
        (ValueType::Date, Value::Number(_)) => ("a date", "a number"),
        (ValueType::Number, Value::Date(_)) => ("a number", "a date"),
        _ => return None,
    };
    let message = format!(
        "\"{}\" is a kind of {wanted}, but this fact's value is {got}",
        fact.kind
    );
    let index = f
        .text
        .match_indices(fact.subject.as_str())
        .nth(earlier)
        .and_then(|(at, _)| f.text[at..].find("value").map(|found| at + found));
    let mut err = RuleError::new(&f.path, message);
    err.position = index.map(|index| {
        let line_start = f.text[..index].rfind('\n').map_or(0, |n| n + 1);
        (
            f.text[..index].matches('\n').count() + 1,
            f.text[line_start..index].chars().count() + 1,
        )
    });
    Some(err)
}

#[cfg(test)]
mod tests;
