//! The number reader: never panics, and every interval it reads is ordered.
#![no_main]

use crosscheck::extract::NumberReader;
use crosscheck::text::{normalize, tokenize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let norm = normalize(text).text;
    let tokens = tokenize(&norm);
    let taken = vec![false; tokens.tokens.len()];
    for found in NumberReader::new(0.1).find(&norm, &tokens, 0..tokens.tokens.len(), &taken) {
        if let (Some(a), Some(b)) = (found.value.min, found.value.max) {
            assert!(a <= b || a.is_nan() || b.is_nan() || !a.is_finite() || !b.is_finite(), "{a} > {b} in {text:?}");
        }
        assert!(found.tokens.end <= tokens.tokens.len());
    }
    for token in text.split_whitespace() {
        let _ = crosscheck::extract::parse_digits(token);
    }
});
