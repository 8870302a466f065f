//! Normalization: never panics, is idempotent, and maps every range of the
//! normalized text to a range of the original on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let norm = crosscheck::text::normalize(text);
    assert_eq!(crosscheck::text::normalize(&norm.text).text, norm.text);
    let mut last = 0;
    for (at, _) in norm.text.char_indices().chain(std::iter::once((norm.text.len(), ' '))) {
        let range = norm.original_range(at..norm.text.len());
        assert!(range.start >= last && range.end == text.len());
        assert!(text.is_char_boundary(range.start));
        last = range.start;
    }
    let tokens = crosscheck::text::tokenize(&norm.text);
    for t in &tokens.tokens {
        assert!(norm.text.is_char_boundary(t.range.start) && norm.text.is_char_boundary(t.range.end));
    }
});
