//! Reference facts as `--reference` reads them: any text is facts added or
//! an error naming the file; never a panic, and every fact taken has a
//! finite, ordered number or a real date interval.
#![no_main]

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use crosscheck::claim::Value;
use crosscheck::rules::{RuleSet, add_references, load};
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static Mutex<RuleSet> {
    static RULES: OnceLock<Mutex<RuleSet>> = OnceLock::new();
    RULES.get_or_init(|| Mutex::new(load(None).expect("bundled rules")))
}

fn facts_file() -> &'static PathBuf {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| std::env::temp_dir().join(format!("crosscheck-fuzz-facts-{}.yaml", std::process::id())))
}

fuzz_target!(|data: &[u8]| {
    if std::fs::write(facts_file(), data).is_err() {
        return;
    }
    let mut rules = rules().lock().unwrap_or_else(|e| e.into_inner());
    let bundled = rules.references.clone();
    if add_references(&mut rules, facts_file()).is_ok() {
        for fact in &rules.references {
            match &fact.value {
                Value::Number(n) => {
                    assert!(n.min.is_none_or(f64::is_finite) && n.max.is_none_or(f64::is_finite));
                    if let (Some(a), Some(b)) = (n.min, n.max) {
                        assert!(a <= b, "{a} > {b}");
                    }
                }
                Value::Date(d) => assert!(d.from <= d.to),
            }
        }
    }
    rules.references = bundled;
});
