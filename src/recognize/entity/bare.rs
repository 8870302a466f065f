//! Bare names of places listed only with a cue word. «تدمر» is also "it
//! destroys" and «الطبقة» "the class", so `places.yaml` lists «مدينة تدمر»;
//! but an article that has named «مدينة تدمر» goes on to say «تدمر» alone.
//! In such a document — one that names the place in full with a settlement
//! cue (`bare_name_cues`: «مدينة», «بلدة»…) anywhere — the bare name names
//! the place too. A bare name two places would share names neither.

use std::cell::RefCell;

use crate::text::{FastMap, PhraseSet, any_stem};

/// The bare names of cue-listed places, and the full aliases that license them.
#[derive(Debug, Clone, Default)]
pub(super) struct BareNames {
    /// Bare name → entity.
    pub(super) names: PhraseSet<usize>,
    /// Entity → its aliases that carry a settlement cue.
    licences: FastMap<usize, Vec<String>>,
    /// Cues whose alias gives a bare name («مدينة», «بلدة»).
    cues: FastMap<String, ()>,
}

/// Which cue-listed places a document names in full, found when first asked.
#[derive(Debug)]
pub struct DocumentNames<'a> {
    text: &'a str,
    known: RefCell<FastMap<usize, bool>>,
}

impl<'a> DocumentNames<'a> {
    /// For a document's normalized text.
    pub fn new(text: &'a str) -> DocumentNames<'a> {
        DocumentNames {
            text,
            known: RefCell::new(FastMap::default()),
        }
    }
}

impl BareNames {
    pub(super) fn new(cues: &[String]) -> BareNames {
        BareNames {
            cues: cues
                .iter()
                .map(|c| (crate::text::normalize_phrase(c), ()))
                .collect(),
            ..BareNames::default()
        }
    }

    /// Records a place's alias; one that opens with a settlement cue gives a bare name.
    pub(super) fn add(&mut self, entity: usize, alias: &str, pending: &mut Vec<(String, usize)>) {
        let Some((cue, rest)) = alias.split_once(' ') else {
            return;
        };
        if !any_stem(cue, |s| self.cues.contains_key(s)) || rest.chars().count() < 3 {
            return;
        }
        self.licences
            .entry(entity)
            .or_default()
            .push(alias.to_string());
        pending.push((rest.to_string(), entity));
    }

    /// Builds the bare-name table from the names gathered, leaving out
    /// names two places share. (A bare name that is some entity's alias
    /// never comes into play: whole aliases are matched first.)
    pub(super) fn build(&mut self, pending: Vec<(String, usize)>) {
        let mut owners: FastMap<String, Option<usize>> = FastMap::default();
        for (name, entity) in pending {
            owners
                .entry(name)
                .and_modify(|o| {
                    if *o != Some(entity) {
                        *o = None;
                    }
                })
                .or_insert(Some(entity));
        }
        let mut names: Vec<(String, usize)> = owners
            .into_iter()
            .filter_map(|(name, owner)| Some((name, owner?)))
            .collect();
        names.sort();
        for (name, entity) in names {
            self.names.insert(&name, entity);
        }
    }

    /// Does the document name `entity` in full with a settlement cue?
    pub(super) fn licensed(&self, entity: usize, doc: &DocumentNames<'_>) -> bool {
        if let Some(&known) = doc.known.borrow().get(&entity) {
            return known;
        }
        let found = self
            .licences
            .get(&entity)
            .is_some_and(|aliases| aliases.iter().any(|a| doc.text.contains(a.as_str())));
        doc.known.borrow_mut().insert(entity, found);
        found
    }
}
