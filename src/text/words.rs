//! The words of phrase tables, and tables of words filed by their
//! [`word_hash`]: the hash of a document's stems is computed once, so a
//! look-up with it known hashes no text again and compares the text only
//! of the entry it lands on.

use super::FastMap;
use super::phrase::word_hash;
use super::token::Tokenized;

/// A table from words to values, looked up by word and hash.
#[derive(Debug, Clone)]
pub(crate) struct HashedWords<T> {
    /// Hash → the first entry filed under it.
    first: FastMap<u64, u32>,
    /// Every entry: its word, its value, the next entry of the same hash
    /// (`u32::MAX` for none; two words share a hash only by collision).
    entries: Vec<(Box<str>, T, u32)>,
}

impl<T> Default for HashedWords<T> {
    fn default() -> Self {
        HashedWords {
            first: FastMap::default(),
            entries: Vec::new(),
        }
    }
}

impl<T> HashedWords<T> {
    /// The value of `word`, whose hash is `hash`.
    pub(crate) fn get(&self, word: &str, hash: u64) -> Option<&T> {
        if self.entries.is_empty() {
            return None;
        }
        let mut at = *self.first.get(&hash)?;
        while let Some((w, value, next)) = self.entries.get(at as usize) {
            if &**w == word {
                return Some(value);
            }
            at = *next;
        }
        None
    }

    /// The value of `word`, inserted as `make()` when it has none.
    pub(crate) fn entry(&mut self, word: &str, make: impl FnOnce() -> T) -> &mut T {
        let hash = word_hash(word);
        let fresh = self.entries.len() as u32;
        let mut at = *self.first.entry(hash).or_insert(fresh);
        loop {
            if at == fresh {
                self.entries.push((word.into(), make(), u32::MAX));
                break;
            }
            let (w, _, next) = &mut self.entries[at as usize];
            if &**w == word {
                break;
            }
            if *next == u32::MAX {
                *next = fresh;
            }
            at = *next;
        }
        &mut self.entries[at as usize].1
    }
}

/// A word of a phrase: exact, or a prefix (`مقاتل*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Word {
    /// A word, with its [`word_hash`].
    Exact(String, u64),
    Prefix(String),
}

impl Word {
    pub(super) fn parse(word: &str) -> Word {
        match word.strip_suffix('*') {
            Some(prefix) if !prefix.is_empty() => Word::Prefix(prefix.to_string()),
            _ => Word::Exact(word.to_string(), word_hash(word)),
        }
    }

    pub(super) fn matches(&self, token: &str) -> bool {
        match self {
            Word::Exact(w, _) => w == token,
            Word::Prefix(p) => token.starts_with(p.as_str()),
        }
    }

    /// [`Word::matches`] token `i`: where the token's hash is known, a
    /// hash that differs settles it without comparing text.
    pub(super) fn matches_token(&self, text: &str, tokens: &Tokenized, i: usize) -> bool {
        match self {
            Word::Exact(w, hash) => {
                tokens.stems.hash(i).is_none_or(|h| h == *hash) && w == tokens.text(text, i)
            }
            Word::Prefix(p) => tokens.text(text, i).starts_with(p.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::phrase::word_hash;

    #[test]
    fn finds_what_was_filed_and_nothing_else() {
        let mut words = HashedWords::default();
        *words.entry("القائم", || 0) += 1;
        *words.entry("القائم", || 0) += 1;
        *words.entry("داعش", || 0) += 5;
        assert_eq!(words.get("القائم", word_hash("القائم")), Some(&2));
        assert_eq!(words.get("داعش", word_hash("داعش")), Some(&5));
        assert_eq!(words.get("تدمر", word_hash("تدمر")), None);
        // A word under another word's hash is not that word.
        assert_eq!(words.get("تدمر", word_hash("داعش")), None);
        assert_eq!(words.entries.len(), 2);
    }
}
