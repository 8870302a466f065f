//! Clitic-aware phrase matching over tokens.
//!
//! Arabic glues conjunctions, prepositions and the article onto the word
//! that follows (`والقائم`, `بالقائم`, `لداعش`, `للسيطرة`), so the first word
//! of a phrase is tried with those clitics peeled off. A word written with a
//! trailing `*` in a rule matches any word that begins with it (`مقاتل*`).

use std::ops::Range;

use super::FastMap;
use super::lexicon::Lexicon;
use super::token::Tokenized;
use super::words::{HashedWords, Word};

/// Proclitics peeled off a word's front, longest first; [`clitics_of`]
/// files them by first letter (a test checks it keeps them all, in order).
#[cfg(test)]
const CLITICS: &[&str] = &[
    "وبال", "وكال", "ولل", "فلل", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "وك", "فب",
    "فل", "و", "ف", "ب", "ل", "ك",
];

/// The proclitics a word starting as `token` does may carry, longest
/// first: a word is tried only against those of its first letter.
fn clitics_of(token: &str) -> &'static [&'static str] {
    match token.as_bytes() {
        [0xD9, 0x88, ..] => &["وبال", "وكال", "ولل", "وال", "وب", "ول", "وك", "و"],
        [0xD9, 0x81, ..] => &["فلل", "فال", "فب", "فل", "ف"],
        [0xD8, 0xA8, ..] => &["بال", "ب"],
        [0xD9, 0x84, ..] => &["لل", "ل"],
        [0xD9, 0x83, ..] => &["كال", "ك"],
        [0xD8, 0xA7, ..] => &["ال"],
        _ => &[],
    }
}

/// True when `pred` holds for one of the token's stems.
pub fn any_stem(token: &str, mut pred: impl FnMut(&str) -> bool) -> bool {
    for_each_stem(token, |stem, _| pred(stem))
}

/// The clitic peeled off to reach the first stem for which `pred` holds
/// (`""` for the word itself), or `None` when no stem does.
pub fn stem_clitic(token: &str, mut pred: impl FnMut(&str) -> bool) -> Option<&'static str> {
    let mut found = None;
    for_each_stem(token, |stem, clitic| {
        let hit = pred(stem);
        if hit {
            found = Some(clitic);
        }
        hit
    });
    found
}

/// Calls `f` with each form of the token once clitics are peeled off (and
/// the clitic peeled), itself first, until `f` returns true; returns
/// whether it did. Allocates only to give the article back to `للـ` words.
pub(super) fn for_each_stem(token: &str, mut f: impl FnMut(&str, &'static str) -> bool) -> bool {
    if f(token, "") {
        return true;
    }
    // Every clitic starts with one of six letters; most words start with none.
    let bytes = token.as_bytes();
    for clitic in clitics_of(token) {
        // A byte loop: these prefixes are a few bytes, too short for memcmp to pay.
        let c = clitic.as_bytes();
        if bytes.len() <= c.len() || bytes.iter().zip(c).any(|(a, b)| a != b) {
            continue;
        }
        let rest = &token[c.len()..];
        // At least two letters must remain.
        if rest.chars().nth(1).is_none() {
            continue;
        }
        if f(rest, clitic) {
            return true;
        }
        // `للقائم` is `ل` + `القائم`: give the article back.
        if clitic.ends_with("لل") && f(&format!("ال{rest}"), clitic) {
            return true;
        }
    }
    false
}

/// The hash phrase tables file a word under.
pub(crate) fn word_hash(word: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<super::FxHasher>::default().hash_one(word)
}

/// The phrases found at one position so far: a phrase reached through
/// two stems counts once. A few, kept on the stack.
#[derive(Default)]
struct Seen {
    first: [usize; 4],
    len: usize,
    more: Vec<usize>,
}

impl Seen {
    fn contains(&self, index: usize) -> bool {
        self.first[..self.len.min(4)].contains(&index) || self.more.contains(&index)
    }

    fn insert(&mut self, index: usize) {
        match self.first.get_mut(self.len) {
            Some(slot) => *slot = index,
            None => self.more.push(index),
        }
        self.len += 1;
    }
}

/// A phrase found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseMatch<'s, V> {
    /// Token index range of the match.
    pub tokens: Range<usize>,
    /// The value the phrase was inserted with.
    pub value: &'s V,
    /// The clitic peeled off the first word to match (`""` for none).
    pub clitic: &'static str,
}

/// A set of normalized phrases, each with a value.
#[derive(Debug, Clone)]
pub struct PhraseSet<V> {
    phrases: Vec<(Vec<Word>, V)>,
    /// Phrases by their exact first word, filed by its hash ([`word_hash`]);
    /// a stem's hash is computed once per document, so a look-up hashes no text.
    by_first: HashedWords<Vec<usize>>,
    /// A Bloom filter over the first words' hashes, 2048 bits: most stems
    /// start no phrase of a table, and it tells so without a look-up.
    firsts: Vec<u64>,
    /// Phrases whose first word is a prefix pattern, by its first letter.
    by_prefix: FastMap<char, Vec<usize>>,
    /// This table's bit in a [`Lexicon`]; 0 when it has none.
    bit: u64,
}

impl<V> Default for PhraseSet<V> {
    fn default() -> Self {
        PhraseSet {
            phrases: Vec::new(),
            by_first: HashedWords::default(),
            firsts: Vec::new(),
            by_prefix: FastMap::default(),
            bit: 0,
        }
    }
}

impl<V> PhraseSet<V> {
    /// Adds a phrase, already normalized, words separated by single spaces.
    /// An empty phrase is ignored.
    pub fn insert(&mut self, phrase: &str, value: V) {
        let words: Vec<Word> = phrase.split_whitespace().map(Word::parse).collect();
        let index = self.phrases.len();
        match words.first() {
            None => return,
            Some(Word::Exact(w, hash)) => {
                let bit = (hash >> 53) as usize;
                if self.firsts.is_empty() {
                    self.firsts = vec![0; 32];
                }
                self.firsts[bit >> 6] |= 1 << (bit & 63);
                self.by_first.entry(w, Vec::new).push(index);
            }
            Some(Word::Prefix(p)) => {
                let first = p.chars().next().unwrap_or_default();
                self.by_prefix.entry(first).or_default().push(index);
            }
        }
        self.phrases.push((words, value));
    }

    /// Gives this table `bit` in `lexicon`: tokens whose mask lacks the bit
    /// are then passed over without a look-up.
    pub fn register(&mut self, lexicon: &mut Lexicon, bit: u64) {
        self.bit = bit;
        for (words, _) in &self.phrases {
            match &words[0] {
                Word::Exact(w, _) => lexicon.add_word(w, bit),
                Word::Prefix(p) => lexicon.add_prefix(p, bit),
            }
        }
    }

    /// False when no phrase's exact first word has hash `hash` (true may
    /// be wrong: the Bloom filter only rules out).
    fn may_start(&self, hash: u64) -> bool {
        let bit = (hash >> 53) as usize;
        (self.firsts.get(bit >> 6)).is_some_and(|w| w & (1 << (bit & 63)) != 0)
    }

    /// True when no phrase was inserted.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Every phrase that starts at token `at` and ends before `limit`,
    /// as (end token, value).
    pub fn matches_at<'s>(
        &'s self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        limit: usize,
    ) -> Vec<PhraseMatch<'s, V>> {
        let mut found = Vec::new();
        self.visit(text, tokens, at, limit, |m| {
            found.push(m);
            false
        });
        found
    }

    /// The longest phrase [`PhraseSet::matches_at`] finds (the last of
    /// the longest), without collecting the others.
    pub fn longest_at<'s>(
        &'s self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        limit: usize,
    ) -> Option<PhraseMatch<'s, V>> {
        let mut best: Option<PhraseMatch<'s, V>> = None;
        self.visit(text, tokens, at, limit, |m| {
            if best.as_ref().is_none_or(|b| m.tokens.end >= b.tokens.end) {
                best = Some(m);
            }
            false
        });
        best
    }

    /// The first phrase [`PhraseSet::matches_at`] finds for which `pred`
    /// holds.
    pub fn find_at<'s>(
        &'s self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        limit: usize,
        mut pred: impl FnMut(&PhraseMatch<'s, V>) -> bool,
    ) -> Option<PhraseMatch<'s, V>> {
        let mut first = None;
        self.visit(text, tokens, at, limit, |m| {
            let hit = pred(&m);
            if hit {
                first = Some(m);
            }
            hit
        });
        first
    }

    /// True when a phrase starts at token `at` and ends before `limit`.
    pub fn any_at(&self, text: &str, tokens: &Tokenized, at: usize, limit: usize) -> bool {
        self.find_at(text, tokens, at, limit, |_| true).is_some()
    }

    /// Calls `f` with every phrase [`PhraseSet::matches_at`] finds, in
    /// order, without collecting them.
    pub fn for_each_at<'s>(
        &'s self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        limit: usize,
        mut f: impl FnMut(PhraseMatch<'s, V>),
    ) {
        self.visit(text, tokens, at, limit, |m| {
            f(m);
            false
        });
    }

    /// Calls `f` with every phrase that starts at token `at` and ends
    /// before `limit`, in order, until it returns true.
    fn visit<'s>(
        &'s self,
        text: &str,
        tokens: &Tokenized,
        at: usize,
        limit: usize,
        mut f: impl FnMut(PhraseMatch<'s, V>) -> bool,
    ) {
        if at >= limit
            || (self.bit != 0 && !tokens.masks.is_empty() && tokens.masks[at] & self.bit == 0)
        {
            return;
        }
        let mut seen = Seen::default();
        // One phrase whose first word `stem` (peeled of `clitic`) matched:
        // does the rest follow? True when `f` asks to stop.
        let mut consider = |index: usize, clitic: &'static str| {
            let (words, value) = &self.phrases[index];
            let end = at + words.len();
            if end > limit || seen.contains(index) {
                return false;
            }
            let rest_match = words[1..]
                .iter()
                .enumerate()
                .all(|(k, w)| w.matches_token(text, tokens, at + 1 + k));
            if !rest_match {
                return false;
            }
            seen.insert(index);
            f(PhraseMatch {
                tokens: at..end,
                value,
                clitic,
            })
        };
        let prefixed = !self.by_prefix.is_empty();
        let mut try_stem = |stem: &str, hash: u64, clitic: &'static str| {
            if self.may_start(hash)
                && let Some(list) = self.by_first.get(stem, hash)
            {
                for &index in list {
                    if consider(index, clitic) {
                        return true;
                    }
                }
            }
            if prefixed && let Some(list) = stem.chars().next().and_then(|c| self.by_prefix.get(&c))
            {
                for &index in list {
                    if self.phrases[index].0[0].matches(stem) && consider(index, clitic) {
                        return true;
                    }
                }
            }
            false
        };
        match tokens.stems.raw(at) {
            Some(stems) => {
                // Most stems start no phrase: the Bloom filter says so
                // before the stem's text is even sliced.
                for &(ref range, hash, clitic) in stems {
                    if (prefixed || self.may_start(hash))
                        && try_stem(tokens.stems.text_of(range), hash, clitic)
                    {
                        return;
                    }
                }
            }
            None => {
                for_each_stem(tokens.text(text, at), |stem, clitic| {
                    try_stem(stem, word_hash(stem), clitic)
                });
            }
        }
    }

    /// The longest phrases found left to right in a token range, without overlap.
    pub fn find_all<'s>(
        &'s self,
        text: &str,
        tokens: &Tokenized,
        range: Range<usize>,
    ) -> Vec<PhraseMatch<'s, V>> {
        let mut out = Vec::new();
        let mut at = range.start;
        while at < range.end {
            match self.longest_at(text, tokens, at, range.end) {
                Some(m) => {
                    at = m.tokens.end;
                    out.push(m);
                }
                None => at += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{normalize, tokenize};

    /// The forms a token may stand for once clitics are peeled off, itself first.
    fn stems(token: &str) -> Vec<std::borrow::Cow<'_, str>> {
        let mut out = Vec::new();
        for_each_stem(token, |stem, _| {
            out.push(std::borrow::Cow::Owned(stem.to_string()));
            false
        });
        out
    }

    fn find(phrases: &[&str], text: &str) -> Vec<String> {
        let mut set = PhraseSet::default();
        for p in phrases {
            set.insert(&crate::text::normalize_phrase(p), p.to_string());
        }
        let norm = normalize(text).text;
        let tokens = tokenize(&norm);
        set.find_all(&norm, &tokens, 0..tokens.tokens.len())
            .into_iter()
            .map(|m| m.value.clone())
            .collect()
    }

    #[test]
    fn clitics_are_peeled() {
        assert_eq!(
            find(&["القائم"], "والقائم بالقائم فالقائم للقائم"),
            ["القائم"; 4]
        );
        assert_eq!(
            find(&["القائم"], "وبالقائم كالقائم فالقائم ولقائم"),
            ["القائم"; 3],
            "وبال، كال، فال peel; «ولقائم» is no form of it"
        );
        assert_eq!(find(&["داعش"], "لداعش وداعش"), ["داعش"; 2]);
        assert_eq!(find(&["السيطرة"], "للسيطرة"), ["السيطرة"]);
    }

    #[test]
    fn longest_phrase_wins_and_prefixes_match() {
        assert_eq!(
            find(&["دير", "دير الزور"], "مدينة دير الزور"),
            ["دير الزور"]
        );
        assert_eq!(find(&["مقاتل*"], "مقاتلي ومقاتلين"), ["مقاتل*"; 2]);
        assert!(find(&["القائم"], "القائمة").is_empty());
    }

    #[test]
    fn clitics_by_first_letter_keep_their_order() {
        for letter in ["و", "ف", "ب", "ل", "ك", "ا", "م"] {
            let word = format!("{letter}قائم");
            let all: Vec<&str> = CLITICS
                .iter()
                .copied()
                .filter(|c| c.starts_with(letter))
                .collect();
            assert_eq!(clitics_of(&word), all, "clitics of «{letter}»");
        }
    }

    #[test]
    fn short_remainders_are_not_stems() {
        assert_eq!(stems("ال").len(), 1);
        assert!(stems("والقائم").iter().any(|s| s == "القائم"));
    }
}
