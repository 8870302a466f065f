//! Arabic (and Latin) normalization for matching, with a byte map back to
//! the original text so every claim can point at the words it came from.
//!
//! The normalized text folds the spelling variation of real Arabic news:
//! diacritics and tatweel are dropped, alef and hamza forms fold to bare
//! alef, ya and alef maqsura to ya, ta marbuta to ha, Arabic-Indic and
//! Persian digits to ASCII digits, and Latin letters to lower case.

use std::ops::Range;

/// Text folded for matching, and where each of its bytes came from.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// `origin[i]` is the byte offset in the original text of the character
    /// that produced byte `i` of `text`; one extra entry holds the original
    /// length.
    origin: Vec<u32>,
}

impl Normalized {
    /// Maps a byte range of the normalized text back to the original text.
    ///
    /// Characters dropped by normalization (a diacritic after the last
    /// letter, say) fall inside the range, so a quote keeps them.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        self.origin[range.start] as usize..self.origin[range.end] as usize
    }
}

/// What normalization does with one character.
enum Fold {
    Drop,
    Keep,
    Into(char),
}

const fn fold(c: char) -> Fold {
    match c {
        // Harakat, superscript alef, Quranic marks, tatweel, invisible marks, BOM.
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{00AD}'
        | '\u{FEFF}' => Fold::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' => Fold::Into('ا'),
        'ى' | 'ی' | 'ئ' => Fold::Into('ي'),
        'ؤ' => Fold::Into('و'),
        'ة' => Fold::Into('ه'),
        'ک' => Fold::Into('ك'),
        '٠'..='٩' => Fold::Into((b'0' + (c as u32 - '٠' as u32) as u8) as char),
        '۰'..='۹' => Fold::Into((b'0' + (c as u32 - '۰' as u32) as u8) as char),
        '٫' => Fold::Into('.'),
        '٬' => Fold::Into(','),
        '٪' => Fold::Into('%'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' | '\t' | '\r' => {
            Fold::Into(' ')
        }
        'A'..='Z' => Fold::Into(c.to_ascii_lowercase()),
        _ => Fold::Keep,
    }
}

/// What [`fold`] does with each character of the Arabic block (U+0600 to
/// U+06FF, two bytes in UTF-8): 0 keeps it, 1 drops it, anything else is
/// the character it becomes.
const ARABIC: [u32; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = match char::from_u32(0x600 + i as u32) {
            Some(c) => match fold(c) {
                Fold::Keep => 0,
                Fold::Drop => 1,
                Fold::Into(other) => other as u32,
            },
            None => 0,
        };
        i += 1;
    }
    table
};

/// [`fold`] of the character starting at byte `at` of `original`, and its
/// length in bytes: ASCII and the Arabic block answered without decoding
/// through the whole table of cases.
fn fold_at(original: &str, at: usize) -> (Fold, usize) {
    let bytes = original.as_bytes();
    let lead = bytes[at];
    if lead < 0x80 {
        let fold = match lead {
            b'A'..=b'Z' => Fold::Into(lead.to_ascii_lowercase() as char),
            b'\t' | b'\r' => Fold::Into(' '),
            _ => Fold::Keep,
        };
        return (fold, 1);
    }
    if (0xD8..=0xDB).contains(&lead) {
        let index = usize::from(lead & 0x03) << 6 | usize::from(bytes[at + 1] & 0x3F);
        let fold = match ARABIC[index] {
            0 => Fold::Keep,
            1 => Fold::Drop,
            other => Fold::Into(char::from_u32(other).unwrap_or(' ')),
        };
        return (fold, 2);
    }
    let c = original[at..].chars().next().unwrap_or(' ');
    (fold(c), c.len_utf8())
}

/// `origin` gains `bytes` entries, each `at`: the bytes one character
/// at `at` of the original became.
fn push_origin(origin: &mut Vec<u32>, at: usize, bytes: usize) {
    let at = at as u32;
    match bytes {
        1 => origin.push(at),
        2 => origin.extend_from_slice(&[at, at]),
        _ => origin.extend(std::iter::repeat_n(at, bytes)),
    }
}

/// Normalizes `original` for matching; see the module docs for what folds.
pub fn normalize(original: &str) -> Normalized {
    let mut text = String::with_capacity(original.len());
    let mut origin = Vec::with_capacity(original.len() + 1);
    // Characters kept as they are gather into a run, copied at once.
    let mut run = 0;
    let mut at = 0;
    while at < original.len() {
        let (fold, width) = fold_at(original, at);
        match fold {
            Fold::Keep => push_origin(&mut origin, at, width),
            Fold::Drop => {
                text.push_str(&original[run..at]);
                run = at + width;
            }
            Fold::Into(other) => {
                text.push_str(&original[run..at]);
                run = at + width;
                text.push(other);
                push_origin(&mut origin, at, other.len_utf8());
            }
        }
        at += width;
    }
    text.push_str(&original[run..]);
    origin.push(original.len() as u32);
    Normalized { text, origin }
}

/// The folded text alone, without the map back (cheaper where no span is needed).
pub fn normalize_text(original: &str) -> String {
    original
        .chars()
        .filter_map(|c| match fold(c) {
            Fold::Drop => None,
            Fold::Keep => Some(c),
            Fold::Into(other) => Some(other),
        })
        .collect()
}

/// Normalizes a short phrase from a rule file: folded, trimmed, spaces collapsed.
pub fn normalize_phrase(phrase: &str) -> String {
    // Words are what the tokenizer makes of the text: a dash, dot or
    // apostrophe inside a word («US-led», «Aug.», "People's") separates,
    // and so does a change from letters to digits («T2» is t + 2), as there.
    let text = normalize(phrase).text;
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        // `مقاتل*`: the star of a prefix stays on its word.
        let (stem, star) = match word.strip_suffix('*') {
            Some(stem) => (stem, "*"),
            None => (word, ""),
        };
        let tokens = super::tokenize(stem);
        let n = tokens.tokens.len();
        for (i, token) in tokens.tokens.iter().enumerate() {
            let piece = &stem[token.range.clone()];
            words.push(if i + 1 == n {
                format!("{piece}{star}")
            } else {
                piece.to_string()
            });
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_split_where_the_tokenizer_splits_text() {
        assert_eq!(
            normalize_phrase("People's Protection Units"),
            "people s protection units"
        );
        assert_eq!(normalize_phrase("T2 station"), "t 2 station");
        assert_eq!(normalize_phrase("محطة T-2"), "محطه t - 2");
        assert_eq!(normalize_phrase("US-led"), "us led");
        assert_eq!(normalize_phrase("مقاتل*"), "مقاتل*");
        assert_eq!(normalize_phrase("في المئة"), normalize("في المئة").text);
        let text = normalize("the T2 station and the People's Protection Units").text;
        let words: Vec<&str> = {
            let tokens = super::super::tokenize(&text);
            tokens
                .tokens
                .iter()
                .map(|t| &text[t.range.clone()])
                .collect()
        };
        assert_eq!(
            words.join(" "),
            format!(
                "the {} and the {}",
                normalize_phrase("T2 station"),
                normalize_phrase("People's Protection Units")
            )
        );
    }

    #[test]
    fn folds_each_variant() {
        let cases = [
            ("القائم", "القايم"),
            ("إسلامية", "اسلاميه"),
            ("آلاف", "الاف"),
            ("معسكراً", "معسكرا"),
            ("القوّات", "القوات"),
            ("لـداعش", "لداعش"),
            ("مستشفى", "مستشفي"),
            ("مؤتمر", "موتمر"),
            ("١٥٠٠", "1500"),
            ("۱۵۰۰", "1500"),
            ("٣٫٥", "3.5"),
            ("٢٠٬٠٠٠", "20,000"),
            ("٣٥٪", "35%"),
            ("Tal Afar", "tal afar"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input).text, expected, "normalizing {input}");
        }
    }

    #[test]
    fn maps_ranges_back_to_original_bytes() {
        let original = "تدمير 15 معسكراً للإرهابيين";
        let norm = normalize(original);
        let start = norm.text.find("معسكرا").unwrap();
        let range = norm.original_range(start..start + "معسكرا".len());
        assert_eq!(&original[range], "معسكراً");
        let digits = normalize("عدد ١٥ قرية");
        let at = digits.text.find("15").unwrap();
        assert_eq!(&"عدد ١٥ قرية"[digits.original_range(at..at + 2)], "١٥");
    }

    #[test]
    fn the_fast_paths_fold_as_the_table_of_cases() {
        // Every character of ASCII, the Arabic block and a few beyond.
        let chars: String = (0u32..0x80)
            .chain(0x600..0x700)
            .chain([0xA0, 0xAD, 0x200B, 0x202F, 0xFEFF, 0x6F0, 0x10000])
            .filter_map(char::from_u32)
            .collect();
        let slow: String = chars
            .chars()
            .filter_map(|c| match fold(c) {
                Fold::Drop => None,
                Fold::Keep => Some(c),
                Fold::Into(other) => Some(other),
            })
            .collect();
        assert_eq!(normalize(&chars).text, slow);
    }

    #[test]
    fn text_alone_folds_the_same() {
        for text in ["القوّات ١٥٠٠ معسكراً", "Tal Afar ٣٥٪", ""] {
            assert_eq!(normalize_text(text), normalize(text).text);
        }
    }

    #[test]
    fn phrases_collapse_spaces() {
        assert_eq!(normalize_phrase("  تشرين   الأول "), "تشرين الاول");
        assert_eq!(normalize_phrase("US-led coalition"), "us led coalition");
    }
}
