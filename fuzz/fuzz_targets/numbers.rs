//! The number reader: never panics, and every interval it reads is finite
//! and ordered.
#![no_main]

use std::sync::OnceLock;

use crosscheck::rules::{RuleSet, load};
use crosscheck::text::{normalize, tokenize};
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| load(None).expect("bundled rules"))
}

fuzz_target!(|text: &str| {
    let norm = normalize(text).text;
    let tokens = tokenize(&norm);
    let taken = vec![false; tokens.tokens.len()];
    for found in rules().numbers.find(&norm, &tokens, 0..tokens.tokens.len(), &taken) {
        // No infinity, no NaN: a number too large is refused, not held.
        for v in [found.value.min, found.value.max].into_iter().flatten() {
            assert!(v.is_finite(), "{v} in {text:?}");
        }
        if let (Some(a), Some(b)) = (found.value.min, found.value.max) {
            assert!(a <= b, "{a} > {b} in {text:?}");
        }
        assert!(found.tokens.end <= tokens.tokens.len());
    }
    for token in text.split_whitespace() {
        let _ = crosscheck::recognize::parse_digits(token);
    }
});
