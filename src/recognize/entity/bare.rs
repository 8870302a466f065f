//! Bare names of places listed only with a cue word. «تدمر» is also "it
//! destroys" and «الطبقة» "the class", so `places.yaml` lists «مدينة تدمر»;
//! but an article that has named «مدينة تدمر» goes on to say «تدمر» alone.
//! In such a document — one that names the place in full with a settlement
//! cue (`bare_name_cues`: «مدينة», «بلدة»…) anywhere — the bare name names
//! the place too. So does a document whose headline or lead gives the bare
//! name after a word no verb can follow (`bare_name_after`: a preposition,
//! «تحرير», «معركة»: «في تدمر», «تحرير تدمر»), or with the clitic «ب»
//! («بتدمر»): the opening says what the article is about, and a common
//! word there («من السجن», "from the prison") is rarer than in the body.
//! A bare name two places would share names neither.

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
    /// Entity → its bare names.
    bare_of: FastMap<usize, Vec<String>>,
    /// Words after which a bare name can only be a name (normalized).
    after: Vec<String>,
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
    pub(super) fn new(cues: &[String], after: &[String]) -> BareNames {
        BareNames {
            cues: cues
                .iter()
                .map(|c| (crate::text::normalize_phrase(c), ()))
                .collect(),
            after: after
                .iter()
                .map(|w| crate::text::normalize_phrase(w))
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
            self.bare_of.entry(entity).or_default().push(name);
        }
    }

    /// Does the document's opening give a bare name of `entity` where only a
    /// name can stand: after a word of `after`, or with the clitic «ب» at a
    /// word start?
    fn named_bare(&self, entity: usize, text: &str) -> bool {
        let Some(names) = self.bare_of.get(&entity) else {
            return false;
        };
        let text = opening(text);
        names.iter().any(|name| {
            let word_start = |at: usize| {
                text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            };
            let clitic = format!("ب{name}");
            text.match_indices(clitic.as_str())
                .any(|(at, _)| word_start(at))
                || self.after.iter().any(|w| {
                    let phrase = format!("{w} {name}");
                    text.match_indices(phrase.as_str())
                        .any(|(at, _)| word_start(at))
                })
        })
    }

    /// Does the document name `entity` in full with a settlement cue, or
    /// its bare name where only a name can stand?
    pub(super) fn licensed(&self, entity: usize, doc: &DocumentNames<'_>) -> bool {
        if let Some(&known) = doc.known.borrow().get(&entity) {
            return known;
        }
        let full = self
            .licences
            .get(&entity)
            .is_some_and(|aliases| aliases.iter().any(|a| doc.text.contains(a.as_str())));
        let found = full || self.named_bare(entity, doc.text);
        doc.known.borrow_mut().insert(entity, found);
        found
    }
}

/// How much of a document counts as its headline and lead, in bytes.
const OPENING_BYTES: usize = 600;

/// The headline and lead of a document's text: its first bytes, cut at a
/// character boundary.
fn opening(text: &str) -> &str {
    let mut end = text.len().min(OPENING_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
