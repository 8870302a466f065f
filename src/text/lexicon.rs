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
    /// A Bloom filter over the exact words' hashes, 65536 bits: most
    /// stems start no phrase, and it tells so without a look-up.
    exact_bits: Vec<u64>,
    prefixes: FastMap<char, Vec<(String, u64)>>,
    /// The first letters of the prefixes, by the low byte of their code.
    prefix_firsts: [u64; 4],
}

/// The word and bit of a 65536-bit filter a hash sets.
fn exact_bit(hash: u64) -> (usize, u64) {
    let bit = (hash >> 48) as usize;
    (bit >> 6, 1 << (bit & 63))
}

/// The word and bit of a 256-bit filter a letter sets.
fn letter_bit(c: char) -> (usize, u64) {
    let bit = (c as u32 & 0xFF) as usize;
    (bit >> 6, 1 << (bit & 63))
}

impl Lexicon {
    /// Adds a word that starts a phrase of table `bit`.
    pub fn add_word(&mut self, word: &str, bit: u64) {
        *self.exact.entry(word, || 0) |= bit;
        if self.exact_bits.is_empty() {
            self.exact_bits = vec![0; 1024];
        }
        let (at, filter_bit) = exact_bit(word_hash(word));
        self.exact_bits[at] |= filter_bit;
    }

    /// Adds a prefix (`مقاتل*`) that starts a phrase of table `bit`.
    pub fn add_prefix(&mut self, prefix: &str, bit: u64) {
        if let Some(first) = prefix.chars().next() {
            let (at, filter_bit) = letter_bit(first);
            self.prefix_firsts[at] |= filter_bit;
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
        let (at, filter_bit) = exact_bit(hash);
        let listed = self.exact_bits.get(at).is_some_and(|w| w & filter_bit != 0);
        let mut mask = match listed {
            true => self.exact.get(stem, hash).copied().unwrap_or(0),
            false => 0,
        };
        let Some(first) = stem.chars().next() else {
            return mask;
        };
        let (at, filter_bit) = letter_bit(first);
        if self.prefix_firsts[at] & filter_bit == 0 {
            return mask;
        }
        if let Some(list) = self.prefixes.get(&first) {
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
