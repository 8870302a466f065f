//! Fuzzy look-ups: an unlisted spelling of a one-word place matched on
//! its consonant skeleton with a Jaro-Winkler score.

use super::Gazetteer;
use crate::claim::FuzzyMatch;
use crate::text::{Tokenized, any_stem as for_each_stem};

/// The consonants of a word without its article: long vowels and hamza
/// carriers go, as they are what spellings of one name disagree on.
pub(super) fn skeleton(word: &str) -> String {
    let mut out = String::new();
    skeleton_into(word, &mut out);
    out
}

/// The hash of a word's [`skeleton`], computed over the word's bytes
/// without building it (FNV-1a over the skeleton's bytes, then mixed).
pub(super) fn skeleton_hash(word: &str) -> u64 {
    let bytes = word.strip_prefix("ال").unwrap_or(word).as_bytes();
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < bytes.len() {
        // ا (D8 A7), ء (D8 A1), و (D9 88), ي (D9 8A): a lead byte and its
        // continuation, so never part of another character.
        if matches!(
            (bytes[i], bytes.get(i + 1)),
            (0xD8, Some(0xA7 | 0xA1)) | (0xD9, Some(0x88 | 0x8A))
        ) {
            i += 2;
            continue;
        }
        hash = (hash ^ u64::from(bytes[i])).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The bit of [`Gazetteer::skeleton_bits`] a skeleton hash sets.
pub(super) fn skeleton_bit(hash: u64) -> (usize, u64) {
    let bit = (hash >> 49) as usize;
    (bit >> 6, 1 << (bit & 63))
}

pub(super) fn skeleton_into(word: &str, out: &mut String) {
    let bare = word.strip_prefix("ال").unwrap_or(word);
    out.extend(bare.chars().filter(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ء')));
}

impl Gazetteer {
    /// [`Gazetteer::fuzzy`] of token `at`, remembered per distinct word of
    /// the document: most words match nothing, and are asked again and
    /// again (each occurrence, each stage that reads the sentence).
    pub(super) fn fuzzy_at(
        &self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
    ) -> Option<(usize, FuzzyMatch)> {
        const UNKNOWN: u8 = 0;
        const NONE: u8 = 1;
        const SOME: u8 = 2;
        let word = tokens.text(text, at);
        let Some(memo) = tokens.stems.memo(at) else {
            return self.fuzzy(word);
        };
        match memo.get() {
            NONE => None,
            known => {
                let found = self.fuzzy(word);
                if known == UNKNOWN {
                    memo.set(if found.is_some() { SOME } else { NONE });
                }
                found
            }
        }
    }

    fn fuzzy(&self, word: &str) -> Option<(usize, FuzzyMatch)> {
        if self.skeletons.is_empty() || word.chars().count() < self.min_letters {
            return None;
        }
        let mut best: Option<(usize, FuzzyMatch)> = None;
        let mut key = String::with_capacity(word.len());
        for_each_stem(word, |stem| {
            let letters = stem.chars().count();
            if letters < self.min_letters {
                return false;
            }
            let (at, bit) = skeleton_bit(skeleton_hash(stem));
            if self.skeleton_bits[at] & bit == 0 {
                return false;
            }
            key.clear();
            skeleton_into(stem, &mut key);
            for (entity, alias) in self.skeletons.get(&key).into_iter().flatten() {
                if letters.abs_diff(alias.chars().count()) > 1 {
                    continue;
                }
                let score = strsim::jaro_winkler(stem, alias);
                if score >= self.threshold && best.as_ref().is_none_or(|b| score > b.1.score) {
                    best = Some((
                        *entity,
                        FuzzyMatch {
                            text: word.to_string(),
                            alias: alias.clone(),
                            score: (score * 1000.0).round() / 1000.0,
                        },
                    ));
                }
            }
            false
        });
        best
    }
}
