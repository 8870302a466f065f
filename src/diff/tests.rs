use super::*;

fn brief(id: &str, subject: &str, value: f64) -> ClaimBrief {
    ClaimBrief {
        id: id.into(),
        doc: "d".into(),
        outlet: "X".into(),
        kind: "fighter_count".into(),
        subject: subject.into(),
        qualifier: Qualifier::new(),
        value: crate::claim::testing::number(Some(value), Some(value)),
        quote: String::new(),
    }
}

fn key(subject: &str) -> Key {
    brief("", subject, 0.0).key()
}

fn stand(verdict: &str, grade: &str) -> Standing {
    Standing {
        verdict: verdict.into(),
        grade: grade.into(),
    }
}

fn run(claims: &[ClaimBrief], keys: &[(&str, Standing)]) -> Run {
    Run {
        claims: claims.iter().map(|c| (c.id.clone(), c.clone())).collect(),
        keys: keys.iter().map(|(s, st)| (key(s), st.clone())).collect(),
    }
}

#[test]
fn claims_and_keys_that_changed_are_listed_new_contradictions_first() {
    let old = run(
        &[
            brief("a", "rawa", 1.0),
            brief("b", "mosul", 2.0),
            brief("c", "raqqa", 3.0),
        ],
        &[
            ("rawa", stand("agree", "corroborated")),
            ("mosul", stand("single-source", "single-source")),
            ("raqqa", stand("single-source", "single-source")),
        ],
    );
    let new = run(
        &[
            brief("a", "rawa", 1.0),
            brief("c", "al-qaim", 3.0),
            brief("d", "rawa", 9.0),
        ],
        &[
            ("rawa", stand("contradict", "contested")),
            ("al-qaim", stand("single-source", "single-source")),
        ],
    );
    let diff = Diff::between(&old, &new);
    let ids = |cs: &[ClaimBrief]| cs.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&diff.added), ["d"]);
    assert_eq!(ids(&diff.removed), ["b"]);
    assert_eq!(diff.moved.len(), 1);
    assert_eq!(diff.moved[0].from, key("raqqa"));
    let keys: Vec<(String, bool)> = diff
        .keys
        .iter()
        .map(|k| (k.key.subject.clone(), k.new_contradiction))
        .collect();
    assert_eq!(
        keys,
        [
            ("rawa".to_string(), true),
            ("al-qaim".to_string(), false),
            ("mosul".to_string(), false),
            ("raqqa".to_string(), false)
        ]
    );
    assert!(diff.has_new_contradiction());
    assert!(!Diff::between(&new, &new).has_new_contradiction());
    let mut out = Vec::new();
    write_diff_table(&diff, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with(
            "1 new contradictions; 4 keys changed; 1 claims added, 1 removed, 1 moved."
        ),
        "{text}"
    );
    assert!(
        text.find("new contradictions (1)") < text.find("keys changed (3)"),
        "{text}"
    );
}
