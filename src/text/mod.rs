//! The text stage: normalization with an offset map, sentences and tokens,
//! and clitic-aware phrase matching. Everything later works on its output.

mod normalize;
mod phrase;
mod token;

pub use normalize::{Normalized, normalize, normalize_phrase};
pub use phrase::{PhraseMatch, PhraseSet, stems};
pub use token::{Sentence, Token, TokenKind, Tokenized, tokenize};
