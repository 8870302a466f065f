//! Rule loading: any text as a claims, entities or kinds file is either
//! compiled or refused with an error; never a panic.
#![no_main]

use crosscheck::rules::{RuleFile, bundled_files, compile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for path in ["rules/claims/fuzz.yaml", "rules/entities/fuzz.yaml", "rules/reference/fuzz.yaml", "rules/attribution.yaml"] {
        let mut files: Vec<RuleFile> = bundled_files().into_iter().filter(|f| f.path != path).collect();
        files.push(RuleFile {
            path: path.to_string(),
            text: text.to_string(),
        });
        let _ = compile(&files);
    }
});
