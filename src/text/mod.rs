//! The text stage: normalization with an offset map, sentences and tokens,
//! and clitic-aware phrase matching. Everything later works on its output.

mod lexicon;
mod normalize;
mod phrase;
mod token;
mod words;

pub use lexicon::Lexicon;
pub use normalize::{Normalized, normalize, normalize_phrase, normalize_text};
pub use phrase::{PhraseMatch, PhraseSet, any_stem, stem_clitic};
pub use token::{Sentence, Token, TokenKind, Tokenized, is_word_char, tokenize};

/// A fast, non-cryptographic hasher (the Fx hash of rustc) for the small
/// string keys of phrase tables, where SipHash's DoS resistance buys nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time, the last few zero-padded; the tail is
        // gathered a byte at a time, as a copy of variable length would
        // call memcpy.
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            self.mix(word);
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let word = (tail.iter().rev()).fold(0u64, |word, &b| (word << 8) | u64::from(b));
            self.mix(word);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed with [`FxHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// A hash set keyed with [`FxHasher`].
pub type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<FxHasher>>;
