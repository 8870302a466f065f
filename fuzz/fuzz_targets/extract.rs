//! Whole-document extraction with the bundled rules: never panics, and
//! every claim's span lies on character boundaries of the text and quotes it.
#![no_main]

use std::sync::OnceLock;

use crosscheck::corpus::{Document, Published};
use crosscheck::rules::{RuleSet, load};
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| load(None).expect("bundled rules compile"))
}

fuzz_target!(|text: &str| {
    let doc = Document {
        id: "fuzz".into(),
        outlet: "fuzz".into(),
        published: Published::parse("2017-11-04"),
        language: None,
        wires: Vec::new(),
        url: None,
        origin: "fuzz".into(),
        text: text.to_string(),
    };
    for claim in crosscheck::extract::extract(rules(), &doc) {
        let [a, b] = claim.span;
        assert!(a <= b && b <= text.len());
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        assert_eq!(&text[a..b], claim.quote);
    }
});
