//! The date reader: never panics, and every resolved interval is ordered.
#![no_main]

use std::sync::OnceLock;

use crosscheck::corpus::Published;
use crosscheck::recognize::{find_dates, resolve};
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
    let published = ["2017-11-04", "2017-11", "2017", "0001-01-01", "9999-12-31"].map(Published::parse);
    for found in find_dates(&rules().dates, &norm, &tokens, 0..tokens.tokens.len()) {
        for p in &published {
            if let Some(v) = resolve(found.expr, p.as_ref()) {
                assert!(v.from <= v.to);
            }
        }
    }
});
