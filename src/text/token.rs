//! Sentences and word tokens over normalized text.
//!
//! Rules measure distances in tokens, so a token is a word, a number (digits
//! with their inner separators: `20,000`, `1.5`, `31/08/2017`) or one of the
//! few symbols that carry meaning in a claim (`%`, `-`).

use std::ops::Range;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (any script).
    Word,
    /// ASCII digits, possibly with inner `.`, `,`, `/`, `-` or `:`.
    Number,
    /// `%` or a dash.
    Symbol,
}

/// One token: a byte range of the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the normalized text.
    pub range: Range<usize>,
    /// Word, number or symbol.
    pub kind: TokenKind,
    /// Index of the sentence that holds it.
    pub sentence: usize,
}

/// A sentence: its byte range and its tokens' index range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the normalized text.
    pub range: Range<usize>,
    /// Index range into the token list.
    pub tokens: Range<usize>,
}

/// A document cut into sentences and tokens.
#[derive(Debug, Clone, Default)]
pub struct Tokenized {
    /// Every token, in text order.
    pub tokens: Vec<Token>,
    /// Every non-empty sentence, in text order.
    pub sentences: Vec<Sentence>,
    /// Per token, the [`Lexicon`](super::Lexicon) bits of the phrase tables
    /// one of its stems can start a phrase of; empty when not computed, and
    /// then every table is consulted.
    pub masks: Vec<u64>,
    /// Every token's stems (itself, then with clitics peeled, as
    /// [`Lexicon`](super::Lexicon) peels them), computed once with the masks
    /// so phrase tables need not peel a word again for every table.
    pub(crate) stems: Stems,
}

/// The stems of a document's tokens, each stem once in one string.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stems {
    /// Every stem's text, one after another.
    pub(crate) text: String,
    /// Every stem: its byte range in `text`, its hash, the clitic peeled.
    pub(crate) stems: Vec<(Range<u32>, u64, &'static str)>,
    /// Token `i`'s stems are `stems[of[i]..of[i + 1]]`; empty when not
    /// computed.
    pub(crate) of: Vec<(u32, u32)>,
    /// One slot per stem, of which a word's first stem's slot is the
    /// word's: what a later stage learned of the word alone (the
    /// gazetteer's fuzzy look-up), kept so a word that recurs in the
    /// document, or is read again by another stage, is looked at once.
    pub(crate) memo: Vec<std::cell::Cell<u8>>,
}

impl Stems {
    /// The hash of token `i` (of its first stem, itself), or `None` when
    /// stems were not computed.
    pub(crate) fn hash(&self, i: usize) -> Option<u64> {
        let &(from, _) = self.of.get(i)?;
        Some(self.stems[from as usize].1)
    }

    /// The slot [`Stems::memo`] keeps for token `i`'s word, or `None`
    /// when stems were not computed.
    pub(crate) fn memo(&self, i: usize) -> Option<&std::cell::Cell<u8>> {
        let &(from, _) = self.of.get(i)?;
        self.memo.get(from as usize)
    }

    /// The stems of token `i` with their hashes and clitics, or `None` when they were
    /// not computed.
    pub(crate) fn raw(&self, i: usize) -> Option<&[(Range<u32>, u64, &'static str)]> {
        let &(from, to) = self.of.get(i)?;
        Some(&self.stems[from as usize..to as usize])
    }

    /// The text of a stem of [`Stems::raw`].
    pub(crate) fn text_of(&self, range: &Range<u32>) -> &str {
        &self.text[range.start as usize..range.end as usize]
    }
}

impl Tokenized {
    /// The text of token `i`.
    pub fn text<'t>(&self, normalized: &'t str, i: usize) -> &'t str {
        &normalized[self.tokens[i].range.clone()]
    }
}

fn is_sentence_end(text: &str, at: usize, c: char) -> bool {
    match c {
        '\n' | '!' | '?' | '؟' | '…' => true,
        '.' => {
            let before = text[..at].chars().next_back();
            let after = text[at + 1..].chars().next();
            // A decimal point inside a number is not an end.
            let decimal = before.is_some_and(|b| b.is_ascii_digit())
                && after.is_some_and(|a| a.is_ascii_digit());
            // Nor is the dot of an English abbreviation («Aug. 31», «Gen. X»).
            let word_start = text[..at]
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_ascii_alphabetic())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let abbreviation = ABBREVIATIONS.contains(&&text[word_start..at]);
            !(decimal || abbreviation)
        }
        _ => false,
    }
}

/// English abbreviations whose dot does not end a sentence (lower case:
/// normalization folds Latin letters).
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "gen", "col", "lt", "maj", "sgt", "capt", "st", "no", "vs", "u", "s",
];

fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if is_sentence_end(text, at, c) {
            ranges.push(start..at + c.len_utf8());
            start = at + c.len_utf8();
        }
    }
    if start < text.len() {
        ranges.push(start..text.len());
    }
    ranges
}

/// `char::is_alphabetic`, with the Arabic letters and ASCII answered
/// without the Unicode tables.
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z'
        | 'A'..='Z'
        | '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{0671}'..='\u{06D3}' => true,
        '\0'..='\u{7f}' | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066D}' => false,
        _ => c.is_alphabetic(),
    }
}

/// A letter or an ASCII digit: what words are made of.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c)
}

/// True when the dash at `at` joins two words («US-led»): it is no token.
fn glued(body: &str, at: usize) -> bool {
    let before = body[..at].chars().next_back();
    let after = body[at..].chars().nth(1);
    before.is_some_and(is_letter) && after.is_some_and(is_letter)
}

fn is_number_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | '/' | '-' | ':')
}

/// Longest sentence kept whole, in tokens; longer runs are cut.
pub const MAX_SENTENCE_TOKENS: usize = 1000;

/// Cuts normalized text into sentences and tokens.
pub fn tokenize(text: &str) -> Tokenized {
    let mut out = Tokenized::default();
    // About a token for every six bytes of Arabic or English news.
    out.tokens.reserve(text.len() / 6);
    let ranges = sentence_ranges(text);
    out.sentences.reserve(ranges.len());
    for range in ranges {
        let first = out.tokens.len();
        let sentence = out.sentences.len();
        let body = &text[range.clone()];
        let mut chars = body.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let start = range.start + at;
            let (kind, mut end) = if c.is_ascii_digit() {
                (TokenKind::Number, start + 1)
            } else if is_letter(c) {
                (TokenKind::Word, start + c.len_utf8())
            } else if c == '%' || (matches!(c, '-' | '–' | '—') && !glued(body, at)) {
                out.tokens.push(Token {
                    range: start..start + c.len_utf8(),
                    kind: TokenKind::Symbol,
                    sentence,
                });
                continue;
            } else {
                continue;
            };
            while let Some(&(next_at, next)) = chars.peek() {
                let continues = match kind {
                    TokenKind::Word => is_letter(next),
                    _ => {
                        next.is_ascii_digit()
                            || (is_number_joiner(next)
                                && body[next_at + 1..]
                                    .chars()
                                    .next()
                                    .is_some_and(|d| d.is_ascii_digit()))
                    }
                };
                if !continues {
                    break;
                }
                end = range.start + next_at + next.len_utf8();
                chars.next();
            }
            out.tokens.push(Token {
                range: start..end,
                kind,
                sentence,
            });
        }
        if out.tokens.len() > first {
            push_sentences(&mut out, first, range);
        } else {
            // Keep sentence indices dense: a sentence without tokens is not kept.
            debug_assert_eq!(out.sentences.len(), sentence);
        }
    }
    out
}

/// Files the sentence at `range`, whose tokens start at `first`: a
/// "sentence" of thousands of words is a table, a list or junk, and is
/// cut so that rule windows stay local.
fn push_sentences(out: &mut Tokenized, first: usize, range: Range<usize>) {
    let mut from = first;
    while from < out.tokens.len() {
        let to = (from + MAX_SENTENCE_TOKENS).min(out.tokens.len());
        let index = out.sentences.len();
        for t in &mut out.tokens[from..to] {
            t.sentence = index;
        }
        let start = if from == first {
            range.start
        } else {
            out.tokens[from].range.start
        };
        let end = if to == out.tokens.len() {
            range.end
        } else {
            out.tokens[to].range.start
        };
        out.sentences.push(Sentence {
            range: start..end,
            tokens: from..to,
        });
        from = to;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        (0..t.tokens.len()).map(|i| t.text(text, i)).collect()
    }

    #[test]
    fn numbers_keep_inner_separators() {
        assert_eq!(
            words("بلغ 20,000 كم و1.5 مليون"),
            ["بلغ", "20,000", "كم", "و", "1.5", "مليون"]
        );
        assert_eq!(words("في 31/08/2017."), ["في", "31/08/2017"]);
        assert_eq!(words("35% من"), ["35", "%", "من"]);
        assert_eq!(words("1000-2000 مقاتل"), ["1000-2000", "مقاتل"]);
    }

    #[test]
    fn sentences_split_on_stops_but_not_decimals() {
        let text = "بلغ 1.5 مليون. ثم جاء\nسطر آخر؟ نعم";
        let t = tokenize(text);
        let sentences: Vec<&str> = t
            .sentences
            .iter()
            .map(|s| text[s.range.clone()].trim())
            .collect();
        assert_eq!(sentences, ["بلغ 1.5 مليون.", "ثم جاء", "سطر آخر؟", "نعم"]);
        assert!(
            t.tokens
                .iter()
                .all(|tok| t.sentences[tok.sentence].range.contains(&tok.range.start))
        );
    }

    #[test]
    fn endless_sentences_are_cut() {
        let text = "كلمة ".repeat(2500);
        let t = tokenize(&text);
        assert_eq!(t.sentences.len(), 3);
        assert_eq!(t.sentences[0].tokens, 0..MAX_SENTENCE_TOKENS);
        assert!(
            t.tokens
                .iter()
                .enumerate()
                .all(|(i, tok)| t.sentences[tok.sentence].tokens.contains(&i))
        );
        assert_eq!(t.sentences[2].range.end, text.len());
    }

    #[test]
    fn quotes_and_brackets_are_not_tokens() {
        assert_eq!(words("«داعش» (قسد)"), ["داعش", "قسد"]);
    }
}
