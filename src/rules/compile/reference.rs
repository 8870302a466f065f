//! Reference facts: authoritative dated facts (`rules/reference/*.yaml`, or
//! a user's `--reference` file) that claims are graded against, each
//! checked against the kinds and entities it names.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Kind, parse};
use crate::claim::{Qualifier, Value};
use crate::error::{Error, Result, RuleError};
use crate::recognize::Gazetteer;
use crate::rules::RuleFile;

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
