//! Reviewer corrections: what a fact-checker decided about the claims of a
//! run, kept in a `review.yaml` (docs/review.md) and applied on every run,
//! after extraction and before comparison. A correction rejects a claim,
//! sets a claim's subject or qualifier, accepts a provisional place as an
//! alias of an entity (or as a new entity), or marks two keys as one; each
//! names its author and says why.
//!
//! Claims are named by their content id (`Claim::stable_id`), so a
//! correction keeps to its claim across runs. One whose claim (place, key)
//! is no longer there is not dropped: [`apply`] reports it as unmatched,
//! and every report lists it.

mod load;

use serde::Serialize;

pub use load::{REVIEW_FILE, load, parse};

use crate::claim::{Claim, Key, Qualifier};

/// What a correction does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Action {
    /// The claim is a false extraction: it is left out of every key.
    Reject {
        /// The claim's id.
        claim: String,
    },
    /// The claim's subject or qualifier is set by hand.
    Set {
        /// The claim's id.
        claim: String,
        /// Its subject, where set.
        #[serde(skip_serializing_if = "Option::is_none")]
        subject: Option<String>,
        /// Qualifier values set (others kept).
        #[serde(skip_serializing_if = "Qualifier::is_empty")]
        qualifier: Qualifier,
    },
    /// A provisional place is another name of a listed entity.
    Alias {
        /// The provisional id (`provisional-al-hry`).
        place: String,
        /// The entity it names.
        entity: String,
    },
    /// A provisional place is an entity of its own, under a new id.
    NewEntity {
        /// The provisional id.
        place: String,
        /// The id it takes.
        entity: String,
    },
    /// Two keys are one: the claims of `merge` are judged on `into`.
    SameKey {
        /// The key that stays.
        into: Key,
        /// The key whose claims move onto it.
        merge: Key,
    },
}

/// One correction, as the reviewer wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// What it does.
    #[serde(flatten)]
    pub action: Action,
    /// Who decided it.
    pub author: String,
    /// Why.
    pub note: String,
    /// Where it is written: `review.yaml:12` (the file and the line its
    /// entry starts on).
    pub origin: String,
}

impl Correction {
    /// What it does, in a few words: `reject claim 9805ca503daa`.
    pub fn describe(&self) -> String {
        match &self.action {
            Action::Reject { claim } => format!("reject claim {claim}"),
            Action::Set {
                claim,
                subject,
                qualifier,
            } => {
                let mut parts: Vec<String> =
                    subject.iter().map(|s| format!("subject {s}")).collect();
                parts.extend(qualifier.iter().map(|(k, v)| format!("{k} {v}")));
                format!("set claim {claim}: {}", parts.join(", "))
            }
            Action::Alias { place, entity } => format!("{place} is {entity}"),
            Action::NewEntity { place, entity } => format!("{place} is a new entity, {entity}"),
            Action::SameKey { into, merge } => format!("key {merge} is key {into}"),
        }
    }
}

/// A correction and what it did on this run.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    /// The correction.
    #[serde(flatten)]
    pub correction: Correction,
    /// The claims it changed (or rejected).
    pub claims: Vec<String>,
    /// Why it changed nothing, when it did not: its claim, place or key is
    /// not among this run's claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unmatched: Option<String>,
}

/// A reviewer's corrections, in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    /// The corrections.
    pub corrections: Vec<Correction>,
}

/// Renames a place wherever a claim names it: subject or qualifier value.
fn rename_place(claims: &mut [Claim], place: &str, entity: &str) -> Vec<String> {
    let mut changed = Vec::new();
    for claim in claims.iter_mut() {
        let mut hit = false;
        if claim.subject == place {
            claim.subject = entity.to_string();
            hit = true;
        }
        for value in claim.qualifier.values_mut() {
            if value == place {
                *value = entity.to_string();
                hit = true;
            }
        }
        if hit {
            changed.push(claim.id.clone());
        }
    }
    changed
}

fn set(
    claims: &mut [Claim],
    id: &str,
    subject: &Option<String>,
    qualifier: &Qualifier,
) -> Vec<String> {
    let mut changed = Vec::new();
    for claim in claims.iter_mut().filter(|c| c.id == id) {
        if let Some(subject) = subject {
            claim.subject = subject.clone();
        }
        for (name, value) in qualifier {
            claim.qualifier.insert(name.clone(), value.clone());
        }
        changed.push(claim.id.clone());
    }
    changed
}

fn same_key(claims: &mut [Claim], into: &Key, merge: &Key) -> Vec<String> {
    let mut changed = Vec::new();
    for claim in claims.iter_mut().filter(|c| c.key() == *merge) {
        claim.subject = into.subject.clone();
        claim.qualifier = into.qualifier.clone();
        changed.push(claim.id.clone());
    }
    changed
}

/// The order corrections are applied in: places are named first, then
/// claims are set, keys merged, and rejections made last, so a rejection
/// or a setting by id holds whatever else moved the claim.
fn stage(action: &Action) -> u8 {
    match action {
        Action::Alias { .. } | Action::NewEntity { .. } => 0,
        Action::Set { .. } => 1,
        Action::SameKey { .. } => 2,
        Action::Reject { .. } => 3,
    }
}

fn apply_one(claims: &mut Vec<Claim>, correction: &Correction) -> Applied {
    let (changed, missing) = match &correction.action {
        Action::Reject { claim } => {
            let before = claims.len();
            claims.retain(|c| c.id != *claim);
            let gone = before - claims.len();
            let ids = if gone > 0 {
                vec![claim.clone()]
            } else {
                Vec::new()
            };
            (ids, format!("no claim has the id {claim}"))
        }
        Action::Set {
            claim,
            subject,
            qualifier,
        } => (
            set(claims, claim, subject, qualifier),
            format!("no claim has the id {claim}"),
        ),
        Action::Alias { place, entity } | Action::NewEntity { place, entity } => (
            rename_place(claims, place, entity),
            format!("no claim names the place {place}"),
        ),
        Action::SameKey { into, merge } => (
            same_key(claims, into, merge),
            format!("no claim is on the key {merge}"),
        ),
    };
    Applied {
        unmatched: changed.is_empty().then_some(missing),
        claims: changed,
        correction: correction.clone(),
    }
}

/// Applies the corrections to `claims` (rejected claims are removed) and
/// says what each did, in the order written.
pub fn apply(review: &Review, claims: &mut Vec<Claim>) -> Vec<Applied> {
    let mut order: Vec<usize> = (0..review.corrections.len()).collect();
    order.sort_by_key(|&i| stage(&review.corrections[i].action));
    let mut applied: Vec<Option<Applied>> = vec![None; review.corrections.len()];
    for i in order {
        applied[i] = Some(apply_one(claims, &review.corrections[i]));
    }
    applied.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests;
