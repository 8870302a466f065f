//! The lexicon: the first words of every registered phrase table, each
//! table a bit, and the pass that marks a document's tokens with the bits
//! of the tables they can start a phrase of, and with their stems.

use super::FastMap;
use super::phrase::{for_each_stem, word_hash};
use super::token::Tokenized;
use super::words::HashedWords;

/// The first words of many phrase tables, each table a bit: one look-up
/// per token and stem tells which tables can match there at all.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    exact: HashedWords<u64>,
    prefixes: FastMap<char, Vec<(String, u64)>>,
}

impl Lexicon {
    /// Adds a word that starts a phrase of table `bit`.
    pub fn add_word(&mut self, word: &str, bit: u64) {
        *self.exact.entry(word, || 0) |= bit;
    }

    /// Adds a prefix (`مقاتل*`) that starts a phrase of table `bit`.
    pub fn add_prefix(&mut self, prefix: &str, bit: u64) {
        if let Some(first) = prefix.chars().next() {
            self.prefixes
                .entry(first)
                .or_default()
                .push((prefix.to_string(), bit));
        }
    }

    /// The bits of the tables a token can start a phrase of, over all its stems.
    pub fn mask(&self, token: &str) -> u64 {
        let mut mask = 0;
        for_each_stem(token, |stem, _| {
            mask |= self.stem_mask(stem, word_hash(stem));
            false
        });
        mask
    }

    /// The bits of the tables one stem, of hash `hash`, can start a phrase of.
    fn stem_mask(&self, stem: &str, hash: u64) -> u64 {
        let mut mask = self.exact.get(stem, hash).copied().unwrap_or(0);
        if self.prefixes.is_empty() {
            return mask;
        }
        if let Some(list) = stem.chars().next().and_then(|c| self.prefixes.get(&c)) {
            for (prefix, bit) in list {
                if stem.starts_with(prefix.as_str()) {
                    mask |= bit;
                }
            }
        }
        mask
    }

    /// Fills `tokens.masks`, and every token's stems: each distinct word of
    /// the document is peeled once, however often it occurs.
    pub fn mark(&self, text: &str, tokens: &mut Tokenized) {
        let count = tokens.tokens.len();
        let mut seen: FastMap<&str, ((u32, u32), u64)> =
            FastMap::with_capacity_and_hasher(count / 2, Default::default());
        let mut stems = std::mem::take(&mut tokens.stems);
        stems.text.clear();
        stems.stems.clear();
        stems.of.clear();
        stems.of.reserve(count);
        tokens.masks.clear();
        tokens.masks.reserve(count);
        for i in 0..count {
            let token = tokens.text(text, i);
            let (range, mask) = *seen.entry(token).or_insert_with(|| {
                let from = stems.stems.len() as u32;
                let mut mask = 0;
                for_each_stem(token, |stem, clitic| {
                    let hash = word_hash(stem);
                    mask |= self.stem_mask(stem, hash);
                    let start = stems.text.len() as u32;
                    stems.text.push_str(stem);
                    let range = start..stems.text.len() as u32;
                    stems.stems.push((range, hash, clitic));
                    false
                });
                ((from, stems.stems.len() as u32), mask)
            });
            stems.of.push(range);
            tokens.masks.push(mask);
        }
        stems.memo.clear();
        stems
            .memo
            .resize(stems.stems.len(), std::cell::Cell::new(0));
        tokens.stems = stems;
    }
}
