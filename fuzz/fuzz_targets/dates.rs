//! The date reader: never panics, and every resolved interval is ordered.
#![no_main]

use crosscheck::corpus::Published;
use crosscheck::extract::{find_dates, resolve};
use crosscheck::text::{normalize, tokenize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let norm = normalize(text).text;
    let tokens = tokenize(&norm);
    let published = ["2017-11-04", "2017-11", "2017", "0001-01-01", "9999-12-31"].map(Published::parse);
    for found in find_dates(&norm, &tokens, 0..tokens.tokens.len()) {
        for p in &published {
            if let Some(v) = resolve(found.expr, p.as_ref()) {
                assert!(v.from <= v.to);
            }
        }
    }
});
