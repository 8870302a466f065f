//! The gazetteer: entity aliases matched in text, exactly (through
//! normalization and clitics) or, for an unlisted spelling of a place,
//! fuzzily on its consonant skeleton with a Jaro-Winkler score.

use std::collections::HashMap;
use std::ops::Range;

mod bare;
mod fuzzy;
mod links;

use crate::claim::FuzzyMatch;
use crate::recognize::bits::{ALIASES, PLACE_CUE};
use crate::text::{PhraseSet, TokenKind, Tokenized, any_stem};
use bare::BareNames;
pub use bare::DocumentNames;
use fuzzy::{skeleton, skeleton_bit, skeleton_hash};

/// Entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A place: town, district, province, crossing.
    Place,
    /// A country (kept apart so that town-level rules do not take one).
    Country,
    /// An armed actor or other party.
    Actor,
    /// A person or body that speaks.
    Speaker,
}

/// What the gazetteer needs of `kinds.yaml`'s settings.
#[derive(Debug, Clone)]
pub struct GazetteerSettings {
    /// Jaro-Winkler similarity above which an unlisted spelling of a place
    /// with the same consonant skeleton is taken for it.
    pub fuzzy_threshold: f64,
    /// Words shorter than this (in letters) are never matched fuzzily.
    pub fuzzy_min_letters: usize,
    /// Words after which a name no entity lists is a provisional place.
    pub place_cues: Vec<String>,
    /// Words that follow a cue word without being a name.
    pub not_names: Vec<String>,
    /// Settlement cues whose aliases give bare names («مدينة تدمر» → «تدمر»
    /// in a document that names «مدينة تدمر»).
    pub bare_name_cues: Vec<String>,
    /// Words after which a bare name can only be a name («في تدمر»,
    /// «تحرير تدمر»): such a use licenses the bare name in the document.
    pub bare_name_after: Vec<String>,
}

impl Default for GazetteerSettings {
    fn default() -> GazetteerSettings {
        GazetteerSettings {
            fuzzy_threshold: 0.88,
            fuzzy_min_letters: 4,
            place_cues: Vec::new(),
            not_names: Vec::new(),
            bare_name_cues: Vec::new(),
            bare_name_after: Vec::new(),
        }
    }
}

/// One entity of the gazetteer.
#[derive(Debug, Clone)]
pub struct Entity {
    /// ASCII slug (CLAIMS.md).
    pub id: String,
    /// Place, actor or speaker.
    pub kind: EntityType,
    /// Its first alias, for labels.
    pub label: String,
    /// For a speaker: the actor it speaks for.
    pub speaks_for: Option<String>,
    /// For a place: the gazetteer indices of the places it lies in.
    pub part_of: Vec<usize>,
}

/// An entity named in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMention {
    /// Token range.
    pub tokens: Range<usize>,
    /// Index into the gazetteer.
    pub entity: usize,
    /// Set when the name was matched fuzzily.
    pub fuzzy: Option<FuzzyMatch>,
    /// Set for a place no entity lists, named after a cue word («قرية
    /// الهري»): its provisional id (`provisional-al-hry`); `entity` is
    /// then meaningless.
    pub provisional: Option<String>,
}

/// Entities and the phrases that name them.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    aliases: PhraseSet<usize>,
    /// Consonant skeleton → (entity, alias) for one-word place aliases.
    skeletons: crate::text::FastMap<String, Vec<(usize, String)>>,
    /// A Bloom filter over the skeletons' [`skeleton_hash`]es, 32768 bits:
    /// most words have no place's skeleton, and it tells so without
    /// building theirs.
    skeleton_bits: Vec<u64>,
    threshold: f64,
    min_letters: usize,
    /// Words after which an unlisted word is a place name.
    place_cues: crate::text::FastMap<String, ()>,
    /// Words that follow a cue word without being a name.
    not_names: crate::text::FastMap<String, ()>,
    /// Bare names of places listed with a settlement cue.
    bare: BareNames,
    /// Bare names gathered by [`Gazetteer::add`] until [`Gazetteer::finish`].
    pending_bare: Vec<(String, usize)>,
}

/// An ASCII slug of an Arabic word, for provisional entity ids.
pub fn transliterate(word: &str) -> String {
    let (article, rest) = match word.strip_prefix("ال") {
        Some(rest) => ("al-", rest),
        None => ("", word),
    };
    let mut out = String::from(article);
    for c in rest.chars() {
        out.push_str(match c {
            'ا' | 'ع' => "a",
            'ب' => "b",
            'ت' | 'ط' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' | 'ه' => "h",
            'خ' => "kh",
            'د' | 'ض' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' | 'ظ' => "z",
            'س' | 'ص' => "s",
            'ش' => "sh",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'و' => "w",
            'ي' => "y",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => continue,
        });
    }
    out
}

impl Gazetteer {
    /// An empty gazetteer with fuzzy settings.
    pub fn new(settings: &GazetteerSettings) -> Gazetteer {
        let set = |words: &[String]| {
            words
                .iter()
                .map(|w| (crate::text::normalize_phrase(w), ()))
                .collect()
        };
        Gazetteer {
            threshold: settings.fuzzy_threshold,
            min_letters: settings.fuzzy_min_letters,
            place_cues: set(&settings.place_cues),
            not_names: set(&settings.not_names),
            bare: BareNames::new(&settings.bare_name_cues, &settings.bare_name_after),
            ..Gazetteer::default()
        }
    }

    /// Adds an entity with its normalized aliases and a label for display;
    /// returns its index, or `None` when the id is taken.
    pub fn add(
        &mut self,
        id: &str,
        kind: EntityType,
        aliases: &[String],
        label: &str,
    ) -> Option<usize> {
        if self.by_id.contains_key(id) {
            return None;
        }
        let index = self.entities.len();
        for alias in aliases {
            self.aliases.insert(alias, index);
            if kind == EntityType::Place {
                self.bare.add(index, alias, &mut self.pending_bare);
            }
            if kind == EntityType::Place
                && !alias.contains(' ')
                && alias.chars().count() >= self.min_letters
            {
                if self.skeleton_bits.is_empty() {
                    self.skeleton_bits = vec![0; 512];
                }
                let (word, bit) = skeleton_bit(skeleton_hash(alias));
                self.skeleton_bits[word] |= bit;
                self.skeletons
                    .entry(skeleton(alias))
                    .or_default()
                    .push((index, alias.clone()));
            }
        }
        self.entities.push(Entity {
            id: id.to_string(),
            kind,
            label: label.to_string(),
            speaks_for: None,
            part_of: Vec::new(),
        });
        self.by_id.insert(id.to_string(), index);
        Some(index)
    }

    /// Builds the bare-name table once every entity is added: a bare name
    /// two places share names neither.
    pub fn finish(&mut self) {
        let pending = std::mem::take(&mut self.pending_bare);
        self.bare.build(pending);
    }

    /// Registers the aliases and the place cue words.
    pub fn register(&mut self, lexicon: &mut crate::text::Lexicon) {
        self.aliases.register(lexicon, ALIASES);
        self.bare.names.register(lexicon, ALIASES);
        for cue in self.place_cues.keys() {
            lexicon.add_word(cue, PLACE_CUE);
        }
    }

    /// The entity id a mention stands for when a rule wants one of `types`:
    /// itself, or for a speaker the actor it speaks for. A provisional
    /// place stands for itself where places are wanted.
    pub fn id_as<'a>(
        &'a self,
        mention: &'a EntityMention,
        types: &[EntityType],
    ) -> Option<&'a str> {
        match &mention.provisional {
            Some(id) => types.contains(&EntityType::Place).then_some(id.as_str()),
            None => self.as_type(mention.entity, types),
        }
    }

    /// The id of the entity a mention names.
    pub fn id_of<'a>(&'a self, mention: &'a EntityMention) -> &'a str {
        match &mention.provisional {
            Some(id) => id,
            None => &self.entities[mention.entity].id,
        }
    }

    /// The type of the entity a mention names.
    pub fn kind_of(&self, mention: &EntityMention) -> EntityType {
        match &mention.provisional {
            Some(_) => EntityType::Place,
            None => self.entities[mention.entity].kind,
        }
    }

    /// The entity id the gazetteer entry `index` stands for as one of `types`.
    pub fn as_type(&self, index: usize, types: &[EntityType]) -> Option<&str> {
        let e = &self.entities[index];
        if types.contains(&e.kind) {
            Some(&e.id)
        } else if types.contains(&EntityType::Actor) {
            e.speaks_for.as_deref()
        } else {
            None
        }
    }

    /// The entity at `index`.
    pub fn get(&self, index: usize) -> &Entity {
        &self.entities[index]
    }

    /// The index of the entity with this id.
    pub fn find_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// All entities.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Every entity named in a token range, left to right.
    pub fn find(&self, text: &str, tokens: &Tokenized, range: Range<usize>) -> Vec<EntityMention> {
        self.find_with(text, tokens, range, None)
    }

    /// Every entity named in a token range of a document, bare names of
    /// places the document names in full included.
    pub fn find_in(
        &self,
        text: &str,
        tokens: &Tokenized,
        range: Range<usize>,
        doc: &DocumentNames<'_>,
    ) -> Vec<EntityMention> {
        self.find_with(text, tokens, range, Some(doc))
    }

    /// The bare name at `at` of a place `doc` names in full.
    fn bare_at(
        &self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        end: usize,
        doc: Option<&DocumentNames<'_>>,
    ) -> Option<EntityMention> {
        let doc = doc?;
        let m = self.bare.names.longest_at(text, tokens, at, end)?;
        self.bare.licensed(*m.value, doc).then_some(EntityMention {
            tokens: m.tokens,
            entity: *m.value,
            fuzzy: None,
            provisional: None,
        })
    }

    /// The bare name at `at` (after a cue word) of a place listed with a
    /// settlement cue: the cue in the text stands for the listed one.
    fn bare_after_cue(
        &self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        end: usize,
    ) -> Option<EntityMention> {
        let m = self.bare.names.longest_at(text, tokens, at, end)?;
        Some(EntityMention {
            tokens: m.tokens,
            entity: *m.value,
            fuzzy: None,
            provisional: None,
        })
    }

    /// «قرية الهري»: a cue word at `at`, then a name no entity lists — a
    /// provisional place; or the bare name of a place listed with another
    /// cue («منطقة تدمر» for «مدينة تدمر») — that place.
    fn after_cue(
        &self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        end: usize,
    ) -> Option<EntityMention> {
        let next = at + 1;
        let cue = |w: &str| any_stem(w, |s| self.place_cues.contains_key(s));
        let named = next < end
            && tokens.tokens[next].kind == TokenKind::Word
            && match tokens.masks.get(at) {
                Some(mask) => mask & PLACE_CUE != 0,
                None => cue(tokens.text(text, at)),
            }
            && !cue(tokens.text(text, next))
            // «مدينة الموصل» names a place; «المدينة التاريخية» is "the
            // historic city", a place named before: the article says so.
            && !crate::text::stem_clitic(tokens.text(text, at), |s| self.place_cues.contains_key(s))
                .is_some_and(|c| c.ends_with("ال") || c.ends_with("لل"))
            && !text[tokens.tokens[at].range.end..tokens.tokens[next].range.start]
                .contains(['،', ',', '.', ':', '('])
            && !self.aliases.any_at(text, tokens, next, end)
            && self.fuzzy_at(text, tokens, next).is_none();
        if !named {
            return None;
        }
        if let Some(m) = self.bare_after_cue(text, tokens, next, end) {
            return Some(m);
        }
        let name = tokens.text(text, next);
        (name.chars().count() >= 3 && !self.not_names.contains_key(name)).then(|| EntityMention {
            tokens: next..next + 1,
            entity: usize::MAX,
            fuzzy: None,
            provisional: Some(format!("provisional-{}", transliterate(name))),
        })
    }

    fn find_with(
        &self,
        text: &str,
        tokens: &Tokenized,
        range: Range<usize>,
        doc: Option<&DocumentNames<'_>>,
    ) -> Vec<EntityMention> {
        let mut out = Vec::new();
        let mut at = range.start;
        while at < range.end {
            let best = self.aliases.longest_at(text, tokens, at, range.end);
            if let Some(m) = best {
                out.push(EntityMention {
                    tokens: m.tokens.clone(),
                    entity: *m.value,
                    fuzzy: None,
                    provisional: None,
                });
                at = m.tokens.end;
                continue;
            }
            if let Some(m) = self.bare_at(text, tokens, at, range.end, doc) {
                at = m.tokens.end;
                out.push(m);
                continue;
            }
            if let Some(m) = self.after_cue(text, tokens, at, range.end) {
                at = m.tokens.end;
                out.push(m);
                continue;
            }
            if tokens.tokens[at].kind == TokenKind::Word
                && let Some(found) = self.fuzzy_at(text, tokens, at)
            {
                out.push(EntityMention {
                    tokens: at..at + 1,
                    entity: found.0,
                    fuzzy: Some(found.1),
                    provisional: None,
                });
            }
            at += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests;
