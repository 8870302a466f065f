use super::*;
use crate::rules::load;

/// The errors of a reference file holding one fact with `value`, on `kind`.
fn errors(kind: &str, value: &str) -> Vec<String> {
    let rules = load(None).expect("bundled rules compile");
    let file = RuleFile {
        path: "facts.yaml".into(),
        text: format!(
            "facts:\n  - kind: {kind}\n    subject: mosul\n    value: {value}\n    source: test\n"
        ),
    };
    match reference_facts(&file, &rules.kinds, &rules.gazetteer) {
        Ok(_) => Vec::new(),
        Err(Error::Rules(errors)) => errors.iter().map(ToString::to_string).collect(),
        Err(e) => vec![e.to_string()],
    }
}

#[test]
fn impossible_values_are_errors_at_line_and_column() {
    let date = "event_date";
    let count = "fighter_count";
    let cases = [
        (
            date,
            "{from: 2017-02-30, to: 2017-03-01, precision: day}",
            "4:19",
            "\"2017-02-30\" is not a day of the calendar",
        ),
        (
            date,
            "{from: 99999-07-10, to: 99999-07-10, precision: day}",
            "4:19",
            "year 99999 is outside 1900–2100",
        ),
        (
            date,
            "{from: 2017-07-10, to: 2017-07-01, precision: day}",
            "4:35",
            "\"2017-07-01\" (to) comes before \"2017-07-10\" (from)",
        ),
        (
            count,
            "{min: 10, max: 5}",
            "4:13",
            "\"min: 10\" is more than \"max: 5\"",
        ),
        (
            count,
            "{min: .nan, max: 5}",
            "4:18",
            "\".nan\" is not a value",
        ),
        (
            date,
            "{min: 5, max: 5}",
            "4:5",
            "\"event_date\" is a kind of a date, but this fact's value is a number",
        ),
        (
            count,
            "{from: 2017-07-10, to: 2017-07-10, precision: day}",
            "4:5",
            "\"fighter_count\" is a kind of a number, but this fact's value is a date",
        ),
        (count, "{min: 5, max: 6, precision: day}", "2:5", "not both"),
    ];
    for (kind, value, position, message) in cases {
        let errors = errors(kind, value);
        let at = format!("facts.yaml:{position}: ");
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&at) && e.contains(message)),
            "{value}: expected {at}…{message}, got {errors:#?}"
        );
    }
}

#[test]
fn sound_values_pass() {
    assert!(
        errors(
            "event_date",
            "{from: 2017-07-10, to: 2017-07-10, precision: day}"
        )
        .is_empty()
    );
    assert!(errors("fighter_count", "{min: 1800, max: 2200, approx: true}").is_empty());
    assert!(errors("fighter_count", "{min: 35, max: null}").is_empty());
}
