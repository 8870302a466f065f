//! Rule examples run as tests: each example text is extracted with the
//! whole rule set, and the claims its rule makes must be exactly the ones
//! the example expects.

use crate::claim::Value;
use crate::corpus::{Document, Published};
use crate::rules::RuleSet;
use crate::rules::raw::ExpectedClaim;

/// An example whose rule did not do what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFailure {
    /// `file#rule-id`.
    pub rule: String,
    /// 1-based example number within the rule.
    pub example: usize,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} example {}: {}",
            self.rule, self.example, self.message
        )
    }
}

fn same_value(a: &Value, b: &Value) -> bool {
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    };
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => {
            close(a.min, b.min) && close(a.max, b.max) && a.approx == b.approx
        }
        (Value::Date(a), Value::Date(b)) => {
            a.from == b.from && a.to == b.to && a.precision == b.precision
        }
        _ => false,
    }
}

fn describe(subject: &str, qualifier: &crate::claim::Qualifier, value: &Value) -> String {
    let q: Vec<String> = qualifier.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!(
        "{subject} [{}] {}",
        q.join(","),
        serde_json::to_string(value).unwrap_or_default()
    )
}

/// Runs every example of every rule; returns the failures.
pub fn check_examples(rules: &RuleSet) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for rule in &rules.rules {
        for (n, example) in rule.examples.iter().enumerate() {
            let doc = Document {
                id: "example".into(),
                outlet: "example".into(),
                published: example.published.as_deref().and_then(Published::parse),
                language: None,
                wires: Vec::new(),
                origin: rule.name.clone(),
                text: example.text.clone(),
            };
            let got: Vec<_> = super::extract(rules, &doc)
                .into_iter()
                .filter(|c| c.rule == rule.name)
                .collect();
            let matches = |e: &ExpectedClaim, c: &crate::claim::Claim| {
                e.subject == c.subject
                    && e.qualifier == c.qualifier
                    && same_value(&e.value, &c.value)
            };
            let missing: Vec<String> = example
                .expect
                .iter()
                .filter(|e| !got.iter().any(|c| matches(e, c)))
                .map(|e| describe(&e.subject, &e.qualifier, &e.value))
                .collect();
            let extra: Vec<String> = got
                .iter()
                .filter(|c| !example.expect.iter().any(|e| matches(e, c)))
                .map(|c| describe(&c.subject, &c.qualifier, &c.value))
                .collect();
            if !missing.is_empty() || !extra.is_empty() {
                let mut message = String::new();
                if !missing.is_empty() {
                    message.push_str(&format!("missing {}", missing.join("; ")));
                }
                if !extra.is_empty() {
                    if !message.is_empty() {
                        message.push_str("; ");
                    }
                    message.push_str(&format!("unexpected {}", extra.join("; ")));
                }
                failures.push(ExampleFailure {
                    rule: rule.name.clone(),
                    example: n + 1,
                    message,
                });
            }
        }
    }
    failures
}
