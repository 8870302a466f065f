//! Rule examples run as tests: each example text is extracted with the
//! whole rule set, and the claims its rule makes must be exactly the ones
//! the example expects. A language file's examples are read by the
//! recognizers alone: the dates and the numbers of the text, in order.

use crate::claim::{DateValue, Precision, Value};
use crate::corpus::{Document, Published};
use crate::recognize::{DateExpr, find_dates, resolve};
use crate::rules::raw::{ExpectedClaim, LanguageExample};
use crate::rules::{LanguageExamples, RuleSet};
use crate::text::{normalize, tokenize};

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

/// Runs every example of every rule and of every language file; returns
/// the failures.
pub fn check_examples(rules: &RuleSet) -> Vec<ExampleFailure> {
    let mut failures = check_rule_examples(rules);
    for file in &rules.language_examples {
        failures.extend(check_language_examples(rules, file));
    }
    failures
}

/// How many examples [`check_examples`] runs.
pub fn count_examples(rules: &RuleSet) -> usize {
    let of_rules: usize = rules.rules.iter().map(|r| r.examples.len()).sum();
    let of_languages: usize = rules
        .language_examples
        .iter()
        .map(|l| l.examples.len())
        .sum();
    of_rules + of_languages
}

fn check_rule_examples(rules: &RuleSet) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for rule in &rules.rules {
        for (n, example) in rule.examples.iter().enumerate() {
            let doc = Document {
                id: "example".into(),
                outlet: "example".into(),
                published: example.published.as_deref().and_then(Published::parse),
                language: None,
                wires: Vec::new(),
                url: None,
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

/// What the recognizers read in a text, sentence by sentence as extraction
/// reads it: its dates, resolved against `published` where they can be,
/// and the numbers outside them.
fn read_values(
    rules: &RuleSet,
    text: &str,
    published: Option<&Published>,
) -> (Vec<Value>, Vec<Value>) {
    let norm = normalize(text);
    let text = norm.text.as_str();
    let mut tokens = tokenize(text);
    rules.lexicon.mark(text, &mut tokens);
    let mut taken = vec![false; tokens.tokens.len()];
    let (mut dates, mut numbers) = (Vec::new(), Vec::new());
    for sentence in &tokens.sentences {
        let range = sentence.tokens.clone();
        for found in find_dates(&rules.dates, text, &tokens, range.clone()) {
            taken[found.tokens.clone()].fill(true);
            // A year outside the news' years makes no date (extraction warns).
            if let DateExpr::YearOutOfRange(_) = found.expr {
                continue;
            }
            let value = resolve(found.expr, published).unwrap_or(DateValue {
                from: None,
                to: None,
                precision: Precision::Unresolved,
                expression: None,
            });
            dates.push(Value::Date(value));
        }
        let found = rules.numbers.find(text, &tokens, range, &taken);
        numbers.extend(found.into_iter().map(|n| Value::Number(n.value)));
    }
    (dates, numbers)
}

/// "expected […], read […]" when `got` is not `expected`, value by value.
fn compare_values(what: &str, expected: &[Value], got: &[Value]) -> Option<String> {
    let same =
        expected.len() == got.len() && expected.iter().zip(got).all(|(e, g)| same_value(e, g));
    let list = |values: &[Value]| {
        let shown: Vec<String> = values
            .iter()
            .map(|v| serde_json::to_string(v).unwrap_or_default())
            .collect();
        format!("[{}]", shown.join(", "))
    };
    (!same).then(|| format!("{what}: expected {}, read {}", list(expected), list(got)))
}

/// The failures of one example of a language file.
fn language_example(rules: &RuleSet, example: &LanguageExample) -> Vec<String> {
    let published = example.published.as_deref().and_then(Published::parse);
    let (dates, numbers) = read_values(rules, &example.text, published.as_ref());
    let expected_dates: Option<Vec<Value>> = example
        .dates
        .as_ref()
        .map(|d| d.iter().map(|d| Value::Date(d.0.clone())).collect());
    let expected_numbers: Option<Vec<Value>> = example
        .numbers
        .as_ref()
        .map(|n| n.iter().map(|n| Value::Number(n.0.clone())).collect());
    let date_failure = expected_dates.and_then(|e| compare_values("dates", &e, &dates));
    let number_failure = expected_numbers.and_then(|e| compare_values("numbers", &e, &numbers));
    date_failure.into_iter().chain(number_failure).collect()
}

/// Runs the examples of one language file.
fn check_language_examples(rules: &RuleSet, file: &LanguageExamples) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for (n, example) in file.examples.iter().enumerate() {
        let problems = language_example(rules, example);
        if !problems.is_empty() {
            failures.push(ExampleFailure {
                rule: format!("{}#examples", file.file),
                example: n + 1,
                message: format!("{:?}: {}", example.text, problems.join("; ")),
            });
        }
    }
    failures
}
