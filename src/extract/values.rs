//! A sentence's triggers and values, and the triggers ranked for a value:
//! the nearest first within the rule's window, a purpose trigger
//! («لتحرير») behind plain ones, then by priority and rule order.

use std::ops::Range;

use crate::claim::{DateValue, NumberValue, Precision, Value};
use crate::recognize::{DateExpr, DigitsError, YEARS, find_dates, resolve};
use crate::rules::RuleSet;
use crate::rules::raw::ValueType;
use crate::text::Tokenized;

/// A value found in a sentence, before any rule claims it.
pub(super) struct Found {
    pub(super) tokens: Range<usize>,
    pub(super) value: Value,
    pub(super) fraction: bool,
}

/// A rule's trigger in a sentence.
pub(super) struct Trigger {
    /// Index of the rule.
    pub(super) rule: usize,
    pub(super) tokens: Range<usize>,
    /// With the purpose clitic «لـ»: «لتحرير», in order to liberate.
    pub(super) purpose: bool,
}

/// «لتحرير», «للسيطرة»: a purpose («in order to»), not an event; such a
/// trigger ranks behind plain ones. The article «ال», «وال», «بال» ends in
/// «ل» too, and is no purpose.
fn purpose(clitic: &str) -> bool {
    matches!(clitic, "ل" | "ول" | "فل" | "لل" | "ولل" | "فلل")
}

/// The count two that a dual trigger («قريتين») carries.
fn dual_value(value: &Value) -> bool {
    matches!(value, Value::Number(n) if n.min == Some(2.0) && n.max == Some(2.0))
}

fn value_type(value: &Value) -> ValueType {
    match value {
        Value::Number(_) => ValueType::Number,
        Value::Date(_) => ValueType::Date,
    }
}

/// Does a colon follow the token before `end`, so that the words before it
/// are a label («تحرير:», "Editing:")?
fn is_label(text: &str, tokens: &Tokenized, end: usize) -> bool {
    let after = tokens.tokens[end - 1].range.end;
    let until = tokens.tokens.get(end).map_or(text.len(), |t| t.range.start);
    text[after..until].trim_start().starts_with(':')
}

/// Every rule trigger of a sentence, and the dual nouns among them
/// («قريتين»: a dual is its own trigger and its own count).
pub(super) fn triggers(
    rules: &RuleSet,
    text: &str,
    tokens: &Tokenized,
    range: Range<usize>,
) -> (Vec<Trigger>, Vec<Range<usize>>) {
    let mut found = Vec::new();
    let mut duals = Vec::new();
    for (table, dual) in [(&rules.triggers, false), (&rules.dual_triggers, true)] {
        for at in range.clone() {
            table.for_each_at(text, tokens, at, range.end, |m| {
                // «تحرير: فلان», "Editing: …": a word opening a label of
                // page furniture names no event.
                if is_label(text, tokens, m.tokens.end) {
                    return;
                }
                if dual {
                    duals.push(m.tokens.clone());
                }
                found.push(Trigger {
                    rule: *m.value,
                    tokens: m.tokens,
                    purpose: purpose(m.clitic),
                });
            });
        }
    }
    (found, duals)
}

/// Every value of a sentence: dates (resolved against publication, or kept
/// unresolved with their words), then numbers outside them, then duals.
/// `taken` marks the tokens of dates for the number reader.
impl super::Page<'_> {
    pub(super) fn values(
        &self,
        range: Range<usize>,
        duals: Vec<Range<usize>>,
        taken: &mut [bool],
    ) -> Vec<Found> {
        let (rules, doc, text, tokens) =
            (self.rules, self.doc, self.norm.text.as_str(), self.tokens);
        let mut values = Vec::new();
        for d in find_dates(&rules.dates, text, tokens, range.clone()) {
            taken[d.tokens.clone()].iter_mut().for_each(|t| *t = true);
            if let DateExpr::YearOutOfRange(year) = d.expr {
                let words = self.words(d.tokens);
                self.warn(format!(
                    "the date {words:?} has the year {year}, outside {}–{}; no claim",
                    YEARS.start(),
                    YEARS.end()
                ));
                continue;
            }
            let value = resolve(d.expr, doc.published.as_ref()).unwrap_or_else(|| DateValue {
                from: None,
                to: None,
                precision: Precision::Unresolved,
                expression: Some(self.words(d.tokens.clone())),
            });
            values.push(Found {
                tokens: d.tokens,
                value: Value::Date(value),
                fraction: false,
            });
        }
        let (numbers, refused) = rules.numbers.find_checked(text, tokens, range, taken);
        for r in refused {
            let words = self.words(r.tokens);
            let why = match r.reason {
                DigitsError::TooLarge => "is too large to read",
                DigitsError::NotANumber => "is no number",
            };
            self.warn(format!(
                "the number {:?} {why}; no claim",
                shortened(&words)
            ));
        }
        for n in numbers {
            values.push(Found {
                tokens: n.tokens,
                value: Value::Number(n.value),
                fraction: n.fraction,
            });
        }
        values.extend(duals.into_iter().map(|tokens| Found {
            tokens,
            value: Value::Number(NumberValue::exact(2.0)),
            fraction: false,
        }));
        values
    }
}

/// The triggers that may claim a value, best first: the value within the
/// rule's window before or after its trigger (or the dual that is both),
/// nearest first, a purpose trigger `purpose_penalty` tokens behind and
/// one across a clause break (`clause_between(lo, hi)`: punctuation that
/// closes a clause stands between tokens `lo - 1` and `hi`)
/// `clause_penalty` tokens behind, then by priority and rule order.
pub(super) fn ranked<'t>(
    rules: &RuleSet,
    triggers: &'t [Trigger],
    found: &Found,
    clause_between: impl Fn(usize, usize) -> bool,
) -> Vec<&'t Trigger> {
    let mut candidates: Vec<(usize, i32, usize, &Trigger)> = triggers
        .iter()
        .filter_map(|t| {
            let rule = &rules.rules[t.rule];
            if rule.value_type != value_type(&found.value)
                || (found.fraction && !rule.fraction_as_percent)
            {
                return None;
            }
            let gap = if found.tokens.end <= t.tokens.start {
                let gap = t.tokens.start - found.tokens.end;
                rule.before.filter(|&b| gap <= b).map(|_| gap)
            } else if found.tokens.start >= t.tokens.end {
                let gap = found.tokens.start - t.tokens.end;
                rule.after.filter(|&a| gap <= a).map(|_| gap)
            } else if found.tokens == t.tokens && dual_value(&found.value) {
                Some(0)
            } else {
                None
            }?;
            let mut penalty = if t.purpose {
                rules.settings.purpose_penalty
            } else {
                0
            };
            let (lo, hi) = if found.tokens.end <= t.tokens.start {
                (found.tokens.end, t.tokens.start)
            } else {
                (t.tokens.end, found.tokens.start)
            };
            if clause_between(lo, hi) {
                penalty += rules.settings.clause_penalty;
            }
            Some((gap + penalty, -rule.priority, t.rule, t))
        })
        .collect();
    candidates.sort_by_key(|c| (c.0, c.1, c.2));
    candidates.into_iter().map(|c| c.3).collect()
}

/// The value a rule claims: a fraction as a percentage, to a tenth,
/// rounded outward (ثلث → 33.3–33.4); a number times the rule's factor into
/// the kind's unit («70 ميلا» → 112.65 km; the quote keeps the text's).
pub(super) fn claimed_value(found: &Found, factor: Option<f64>) -> Value {
    let scale = |n: &NumberValue, f: &dyn Fn(f64) -> f64, g: &dyn Fn(f64) -> f64| NumberValue {
        min: n.min.map(f),
        max: n.max.map(g),
        approx: n.approx,
    };
    let value = match (&found.value, found.fraction) {
        (Value::Number(n), true) => {
            Value::Number(scale(n, &|v| (v * 1000.0 + 1e-6).floor() / 10.0, &|v| {
                (v * 1000.0 - 1e-6).ceil() / 10.0
            }))
        }
        (v, _) => v.clone(),
    };
    match (value, factor) {
        (Value::Number(n), Some(f)) => Value::Number(scale(&n, &|v| v * f, &|v| v * f)),
        (v, _) => v,
    }
}

/// A long quote cut to its first 60 characters, with how long it was: a
/// warning names the text, it need not repeat 400 digits.
fn shortened(words: &str) -> String {
    let count = words.chars().count();
    if count <= 60 {
        return words.to_string();
    }
    let head: String = words.chars().take(60).collect();
    format!("{head}… ({count} characters)")
}

/// A number checked against its kind's bounds: `Ok(None)` when it is
/// within them, `Ok(Some(cut))` for an approximate value cut at them
/// («نحو 95» as a share is 85.5–100), `Err(range)` for a value the text
/// states outside them (a negative count, a share of 120%).
pub(super) fn bounded(
    value: &Value,
    (lo, hi): (Option<f64>, Option<f64>),
) -> Result<Option<Value>, String> {
    let Value::Number(n) = value else {
        return Ok(None);
    };
    let below = |v: f64| lo.is_some_and(|l| v < l);
    let above = |v: f64| hi.is_some_and(|h| v > h);
    let range = || match (lo, hi) {
        (Some(l), Some(h)) => format!("the kind's bounds ({l} to {h})"),
        (Some(l), None) => format!("the kind's bounds (at least {l})"),
        (None, Some(h)) => format!("the kind's bounds (at most {h})"),
        (None, None) => "the kind's bounds".to_string(),
    };
    let ends = [n.min, n.max];
    if !ends.into_iter().flatten().any(|v| below(v) || above(v)) {
        return Ok(None);
    }
    let wholly_out = n.min.is_some_and(above) || n.max.is_some_and(below);
    if !n.approx || wholly_out {
        return Err(range());
    }
    let cut = NumberValue {
        min: n.min.map(|v| lo.map_or(v, |l| v.max(l))),
        max: n.max.map(|v| hi.map_or(v, |h| v.min(h))),
        approx: true,
    };
    Ok(Some(Value::Number(cut)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(min: Option<f64>, max: Option<f64>, approx: bool) -> Value {
        Value::Number(NumberValue { min, max, approx })
    }

    #[test]
    fn values_outside_their_kind_are_refused_or_cut() {
        let share = (Some(0.0), Some(100.0));
        let count = (Some(0.0), None);
        assert_eq!(bounded(&number(Some(35.0), None, false), share), Ok(None));
        assert!(bounded(&number(Some(120.0), Some(120.0), false), share).is_err());
        assert!(bounded(&number(Some(-500.0), Some(-500.0), false), count).is_err());
        assert!(bounded(&number(None, Some(-3.0), false), count).is_err());
        assert!(bounded(&number(Some(-5.5), Some(-4.5), true), count).is_err());
        assert_eq!(
            bounded(&number(Some(85.5), Some(104.5), true), share),
            Ok(Some(number(Some(85.5), Some(100.0), true)))
        );
        assert_eq!(bounded(&number(None, Some(50.0), false), count), Ok(None));
        assert_eq!(
            bounded(&number(Some(1e9), Some(1e9), false), count),
            Ok(None)
        );
        assert!(shortened(&"9".repeat(400)).ends_with("9… (400 characters)"));
    }
}
