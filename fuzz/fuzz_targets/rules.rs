//! Rule loading: any text as a claims, entities, reference, attribution or
//! language file is either compiled or refused with an error; never a panic.
//!
//! The harness compiles the fuzzed file beside a small rule set (the
//! bundled kinds, attribution and language files, one entity file and one
//! claims file of a few lines) rather than the whole bundled gazetteer, so
//! that a run takes milliseconds and the fuzzer goes deep.
#![no_main]

use std::sync::OnceLock;

use crosscheck::rules::{RuleFile, bundled_files, compile};
use libfuzzer_sys::fuzz_target;

const ENTITIES: &str = "entities:
  - id: mosul
    type: place
    ar: [الموصل]
    en: [Mosul]
  - id: isis
    type: actor
    ar: [داعش]
";

const CLAIMS: &str = "rules:
  - id: fighters
    kind: fighter_count
    triggers: [مقاتل]
    value: {before: 2}
    subject: {types: [place], search: [after], window: 8}
    examples:
      - text: \"نحو 100 مقاتل في الموصل\"
        expect:
          - {subject: mosul, value: {min: 90, max: 110, approx: true}}
";

fn base() -> &'static [RuleFile] {
    static BASE: OnceLock<Vec<RuleFile>> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut files: Vec<RuleFile> = bundled_files()
            .into_iter()
            .filter(|f| {
                f.path.ends_with("kinds.yaml")
                    || f.path.ends_with("attribution.yaml")
                    || f.path.contains("/languages/")
            })
            .collect();
        for (path, text) in [
            ("rules/entities/small.yaml", ENTITIES),
            ("rules/claims/small.yaml", CLAIMS),
        ] {
            files.push(RuleFile {
                path: path.to_string(),
                text: text.to_string(),
            });
        }
        files
    })
}

fuzz_target!(|text: &str| {
    for path in [
        "rules/claims/small.yaml",
        "rules/entities/small.yaml",
        "rules/reference/fuzz.yaml",
        "rules/attribution.yaml",
        "rules/languages/fuzz.yaml",
    ] {
        let mut files: Vec<RuleFile> = base().iter().filter(|f| f.path != path).cloned().collect();
        files.push(RuleFile {
            path: path.to_string(),
            text: text.to_string(),
        });
        let _ = compile(&files);
    }
});
