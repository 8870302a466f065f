//! The gazetteer from the entity files: ids, aliases, the actor a speaker
//! speaks for, and the places a place lies in.

use super::RuleFile;
use super::parse;
use crate::error::RuleError;
use crate::recognize::{EntityType, Gazetteer, GazetteerSettings};
use crate::rules::raw::{EntitiesFile, Settings};
use std::collections::BTreeMap;

/// An entity id is a lower-case ASCII slug (CLAIMS.md).
pub(super) fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The gazetteer of every entity file; an alias names one entity only, and
/// a speaker speaks for an actor.
pub(super) fn compile_entities<'a>(
    files: impl Iterator<Item = &'a RuleFile>,
    settings: &Settings,
    errors: &mut Vec<RuleError>,
) -> Gazetteer {
    let mut gazetteer = Gazetteer::new(&GazetteerSettings {
        fuzzy_threshold: settings.fuzzy_threshold,
        fuzzy_min_letters: settings.fuzzy_min_letters,
        place_cues: settings.place_cues.clone(),
        not_names: settings.not_names.clone(),
        bare_name_cues: settings.bare_name_cues.clone(),
        bare_name_after: settings.bare_name_after.clone(),
    });
    let mut alias_owner: BTreeMap<String, String> = BTreeMap::new();
    let mut speaks_for: Vec<(&str, usize, String, String)> = Vec::new();
    let mut part_of: Vec<(&str, usize, String, String)> = Vec::new();
    for f in files {
        let Some(parsed) = parse::<EntitiesFile>(f, errors) else {
            continue;
        };
        for e in parsed.entities {
            let error = |msg: String| RuleError::new(&f.path, msg);
            if !is_slug(&e.id) {
                let msg = format!("entity id \"{}\" is not a lower-case ASCII slug", e.id);
                errors.push(error(msg));
            }
            let mut aliases: Vec<String> = e.ar.iter().chain(&e.en).map(|p| p.0.clone()).collect();
            // Other languages' aliases; a spelling shared with one already given is kept once.
            for alias in e.other.values().flatten() {
                if !aliases.contains(&alias.0) {
                    aliases.push(alias.0.clone());
                }
            }
            for alias in &aliases {
                if let Some(owner) = alias_owner.insert(alias.clone(), e.id.clone())
                    && owner != e.id
                {
                    let msg = format!("alias \"{alias}\" names both \"{owner}\" and \"{}\"", e.id);
                    errors.push(error(msg));
                }
            }
            let label =
                e.ar.first()
                    .or(e.en.first())
                    .or(e.other.values().flatten().next())
                    .map_or(e.id.as_str(), |p| p.1.as_str());
            match gazetteer.add(&e.id, e.kind, &aliases, label) {
                Some(index) => {
                    if let Some(actor) = &e.speaks_for {
                        speaks_for.push((&f.path, index, e.id.clone(), actor.clone()));
                    }
                    for whole in &e.part_of {
                        part_of.push((&f.path, index, e.id.clone(), whole.clone()));
                    }
                }
                None => errors.push(error(format!("entity \"{}\" declared twice", e.id))),
            }
        }
    }
    gazetteer.finish();
    for (path, index, id, actor) in speaks_for {
        match gazetteer.find_id(&actor).map(|i| gazetteer.get(i).kind) {
            Some(EntityType::Actor) => gazetteer.set_speaks_for(index, &actor),
            _ => errors.push(RuleError::new(
                path,
                format!("speaker \"{id}\" speaks for \"{actor}\", which is not an actor"),
            )),
        }
    }
    link_parts(&mut gazetteer, part_of, errors);
    gazetteer
}

/// Records each place's `part_of`: every id must be a place or country, and
/// no place may lie, through its wholes, in itself.
fn link_parts(
    gazetteer: &mut Gazetteer,
    links: Vec<(&str, usize, String, String)>,
    errors: &mut Vec<RuleError>,
) {
    for (path, index, id, whole) in &links {
        let place = |i: usize| {
            matches!(
                gazetteer.get(i).kind,
                EntityType::Place | EntityType::Country
            )
        };
        match gazetteer.find_id(whole) {
            Some(w) if place(*index) && place(w) => gazetteer.add_part_of(*index, w),
            Some(_) => errors.push(RuleError::new(
                path,
                format!("\"{id}\" is part of \"{whole}\": part_of links places and countries only"),
            )),
            None => errors.push(RuleError::new(
                path,
                format!("\"{id}\" is part of \"{whole}\", which no entity file declares"),
            )),
        }
    }
    for (path, index, id, _) in links {
        if gazetteer.lies_in(index, index) {
            let msg = format!("\"{id}\" lies in itself through part_of");
            if !errors.iter().any(|e| e.to_string().contains(&msg)) {
                errors.push(RuleError::new(path, msg));
            }
        }
    }
}
