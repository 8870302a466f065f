//! `review.yaml` read in two phases, as rule files are: raw entries whose
//! shape is checked while they are deserialized (so the parser's line and
//! column come with the error), then checked against the rules (entities
//! and kinds named must exist), every error collected at file:line:column.

use std::convert::TryFrom;
use std::path::Path;

use serde::Deserialize;

use super::{Action, Correction, Review};
use crate::claim::{Key, Qualifier};
use crate::error::{Error, Result, RuleError};
use crate::rules::RuleSet;
use crate::rules::raw::suggest;
use crate::yaml;

/// The file name looked for beside a corpus.
pub const REVIEW_FILE: &str = "review.yaml";

/// The prefix of a place no entity lists.
const PROVISIONAL: &str = "provisional-";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    corrections: Vec<Checked>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKey {
    kind: String,
    subject: String,
    #[serde(default)]
    qualifier: Qualifier,
}

impl RawKey {
    fn key(self) -> Key {
        Key {
            kind: self.kind,
            subject: self.subject,
            qualifier: self.qualifier,
        }
    }
}

/// One entry as written: one action and its fields, author and note.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(default)]
    reject: Option<String>,
    #[serde(default)]
    claim: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    qualifier: Option<Qualifier>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    alias_of: Option<String>,
    #[serde(default)]
    new_entity: Option<String>,
    #[serde(default)]
    same_key: Option<Vec<RawKey>>,
    author: String,
    note: String,
}

/// An entry whose shape has been checked.
#[derive(Deserialize)]
#[serde(try_from = "RawEntry")]
struct Checked {
    action: Action,
    author: String,
    note: String,
}

/// A claim id as `extract` writes it: 12 hex digits, and `-N` after a
/// (never yet seen) collision.
fn claim_id(id: &str) -> std::result::Result<String, String> {
    let (hash, suffix) = id.split_once('-').unwrap_or((id, "1"));
    if hash.len() == 12
        && hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && suffix.parse::<u32>().is_ok()
    {
        return Ok(id.to_string());
    }
    let hint = if id.contains('#') {
        " — that is a claim's position (`ref`), which shifts between runs"
    } else {
        ""
    };
    Err(format!(
        "\"{id}\" is not a claim id (12 hex digits, the `id` that `extract` writes){hint}"
    ))
}

fn action(raw: RawEntry) -> std::result::Result<Action, String> {
    let given = [
        ("reject", raw.reject.is_some()),
        ("claim", raw.claim.is_some()),
        ("place", raw.place.is_some()),
        ("same_key", raw.same_key.is_some()),
    ];
    let named: Vec<&str> = given.iter().filter(|g| g.1).map(|g| g.0).collect();
    if named.len() != 1 {
        return Err(format!(
            "a correction takes exactly one of `reject`, `claim`, `place` or `same_key` (given: {})",
            if named.is_empty() {
                "none".to_string()
            } else {
                named.join(", ")
            }
        ));
    }
    let stray = |fields: &[(&str, bool)]| match fields.iter().find(|f| f.1) {
        Some((name, _)) => Err(format!("`{name}` does not go with `{}`", named[0])),
        None => Ok(()),
    };
    let setting = [
        ("subject", raw.subject.is_some()),
        ("qualifier", raw.qualifier.is_some()),
    ];
    let naming = [
        ("alias_of", raw.alias_of.is_some()),
        ("new_entity", raw.new_entity.is_some()),
    ];
    if let Some(id) = raw.reject {
        stray(&setting)?;
        stray(&naming)?;
        return Ok(Action::Reject {
            claim: claim_id(&id)?,
        });
    }
    if let Some(id) = raw.claim {
        stray(&naming)?;
        if raw.subject.is_none() && raw.qualifier.is_none() {
            return Err(format!(
                "claim \"{id}\": say what to set, `subject` or `qualifier`"
            ));
        }
        return Ok(Action::Set {
            claim: claim_id(&id)?,
            subject: raw.subject,
            qualifier: raw.qualifier.unwrap_or_default(),
        });
    }
    stray(&setting)?;
    if let Some(place) = raw.place {
        return place_action(place, raw.alias_of, raw.new_entity);
    }
    stray(&naming)?;
    same_key(raw.same_key.unwrap_or_default())
}

/// `place` with `alias_of` or `new_entity`.
fn place_action(
    place: String,
    alias_of: Option<String>,
    new_entity: Option<String>,
) -> std::result::Result<Action, String> {
    if !place.starts_with(PROVISIONAL) {
        return Err(format!(
            "\"{place}\" is not a provisional place (`{PROVISIONAL}…`); a listed entity's claims are moved with `claim` and `subject`"
        ));
    }
    match (alias_of, new_entity) {
        (Some(entity), None) => Ok(Action::Alias { place, entity }),
        (None, Some(entity)) => Ok(Action::NewEntity { place, entity }),
        _ => Err(format!(
            "place \"{place}\": give one of `alias_of` or `new_entity`"
        )),
    }
}

/// `same_key`: two keys of one kind.
fn same_key(keys: Vec<RawKey>) -> std::result::Result<Action, String> {
    let [into, merge]: [RawKey; 2] = keys
        .try_into()
        .map_err(|k: Vec<RawKey>| format!("`same_key` lists two keys, not {}", k.len()))?;
    let (into, merge) = (into.key(), merge.key());
    if into.kind != merge.kind {
        return Err(format!(
            "`same_key`: \"{}\" and \"{}\" are different kinds; only keys of one kind can be one",
            into.kind, merge.kind
        ));
    }
    if into == merge {
        return Err("`same_key` lists the same key twice".to_string());
    }
    Ok(Action::SameKey { into, merge })
}

impl TryFrom<RawEntry> for Checked {
    type Error = String;

    fn try_from(raw: RawEntry) -> std::result::Result<Checked, String> {
        for (name, value) in [("author", &raw.author), ("note", &raw.note)] {
            if value.trim().is_empty() {
                return Err(format!("`{name}` is empty: say who decided and why"));
            }
        }
        let (author, note) = (raw.author.clone(), raw.note.clone());
        Ok(Checked {
            action: action(raw)?,
            author,
            note,
        })
    }
}

/// The value a correction is found by in the file's text.
fn anchor(action: &Action) -> &str {
    match action {
        Action::Reject { claim } | Action::Set { claim, .. } => claim,
        Action::Alias { place, .. } | Action::NewEntity { place, .. } => place,
        Action::SameKey { merge, .. } => &merge.subject,
    }
}

/// The 1-based line where `value` first stands at or after `from`.
fn line_of(text: &str, from: usize, value: &str) -> (usize, usize) {
    match text.get(from..).and_then(|rest| rest.find(value)) {
        Some(found) => {
            let at = from + found;
            (text[..at].matches('\n').count() + 1, at + value.len())
        }
        None => (0, from),
    }
}

/// Checks what the rules know: entities and kinds named must exist, a new
/// entity's id must be a free slug.
fn check(path: &str, text: &str, rules: &RuleSet, c: &Correction, errors: &mut Vec<RuleError>) {
    let entities: Vec<String> = rules
        .gazetteer
        .entities()
        .iter()
        .map(|e| e.id.clone())
        .collect();
    let mut fail = |value: &str, message: String| {
        errors.push(RuleError::at_value(
            path,
            text,
            anchor(&c.action),
            value,
            message,
        ));
    };
    let mut known_entity = |id: &str, what: &str| {
        if rules.gazetteer.find_id(id).is_none() && !id.starts_with(PROVISIONAL) {
            fail(
                id,
                format!(
                    "unknown entity \"{id}\" as {what}{}",
                    suggest(id, &entities)
                ),
            );
        }
    };
    match &c.action {
        Action::Alias { entity, .. } => known_entity(entity, "`alias_of`"),
        Action::Set {
            subject: Some(s), ..
        } => known_entity(s, "`subject`"),
        Action::SameKey { into, merge } => {
            known_entity(&into.subject, "a key's subject");
            known_entity(&merge.subject, "a key's subject");
        }
        _ => {}
    }
    let kinds: Vec<String> = rules.kinds.keys().cloned().collect();
    match &c.action {
        Action::NewEntity { entity, .. } => {
            let slug = !entity.is_empty()
                && entity
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !slug || rules.gazetteer.find_id(entity).is_some() {
                let why = if slug {
                    "is already an entity; use `alias_of`"
                } else {
                    "is not a slug (a-z, 0-9, -)"
                };
                fail(entity, format!("new entity \"{entity}\" {why}"));
            }
        }
        Action::SameKey { into, .. } if !rules.kinds.contains_key(&into.kind) => {
            fail(
                &into.kind,
                format!(
                    "unknown kind \"{}\"{}",
                    into.kind,
                    suggest(&into.kind, &kinds)
                ),
            );
        }
        _ => {}
    }
}

/// Reads a review from its text; `path` names it in errors.
pub fn parse(path: &str, text: &str, rules: &RuleSet) -> Result<Review> {
    yaml::check_expansion(path, text)?;
    let raw: RawFile =
        serde_norway::from_str(text).map_err(|e| RuleError::from_yaml(path, text, &e))?;
    let mut corrections = Vec::new();
    let mut errors = Vec::new();
    let mut from = 0;
    for entry in raw.corrections {
        let (line, next) = line_of(text, from, anchor(&entry.action));
        from = next;
        let correction = Correction {
            action: entry.action,
            author: entry.author,
            note: entry.note,
            origin: format!("{path}:{line}"),
        };
        check(path, text, rules, &correction, &mut errors);
        corrections.push(correction);
    }
    if errors.is_empty() {
        Ok(Review { corrections })
    } else {
        Err(Error::Rules(errors))
    }
}

/// Reads a review file.
pub fn load(path: &Path, rules: &RuleSet) -> Result<Review> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&path.display().to_string(), &text, rules)
}
