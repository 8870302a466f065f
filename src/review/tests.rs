use super::*;

fn rules() -> crate::rules::RuleSet {
    crate::rules::load(None).unwrap()
}

fn claim(id: &str, subject: &str, actor: &str) -> Claim {
    let mut claim = crate::claim::testing::claim(id, "fighter_count", subject);
    claim.qualifier.insert("actor".into(), actor.into());
    claim
}

const GOOD: &str = "\
corrections:
  - reject: aaaaaaaaaaaa
    author: Lina
    note: a caption, not a claim
  - claim: bbbbbbbbbbbb
    subject: rawa
    author: Lina
    note: the town is Rawa, named two sentences before
  - place: provisional-al-hry
    alias_of: al-qaim
    author: Omar
    note: the village is al-Qaim's old name
  - same_key:
      - {kind: fighter_count, subject: raqqa, qualifier: {actor: isis}}
      - {kind: fighter_count, subject: raqqa, qualifier: {actor: pmf}}
    author: Omar
    note: the second is a misread actor
  - reject: cccccccccccc
    author: Lina
    note: its claim is gone
";

#[test]
fn a_review_is_read_and_applied_in_order() {
    let review = parse("review.yaml", GOOD, &rules()).unwrap();
    assert_eq!(review.corrections.len(), 5);
    assert_eq!(review.corrections[1].origin, "review.yaml:5");
    let mut claims = vec![
        claim("aaaaaaaaaaaa", "raqqa", "isis"),
        claim("bbbbbbbbbbbb", "mosul", "isis"),
        claim("dddddddddddd", "provisional-al-hry", "isis"),
        claim("eeeeeeeeeeee", "raqqa", "pmf"),
    ];
    let applied = apply(&review, &mut claims);
    let ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["bbbbbbbbbbbb", "dddddddddddd", "eeeeeeeeeeee"]);
    assert_eq!(claims[0].subject, "rawa");
    assert_eq!(claims[1].subject, "al-qaim");
    assert_eq!(claims[2].qualifier["actor"], "isis");
    let changed: Vec<usize> = applied.iter().map(|a| a.claims.len()).collect();
    assert_eq!(changed, [1, 1, 1, 1, 0]);
    assert_eq!(applied[0].correction.author, "Lina");
    assert!(
        applied[4]
            .unmatched
            .as_deref()
            .unwrap()
            .contains("cccccccccccc")
    );
    assert!(applied[..4].iter().all(|a| a.unmatched.is_none()));
}

#[test]
fn a_rejection_holds_after_a_setting() {
    let text = "corrections:\n  - reject: aaaaaaaaaaaa\n    author: A\n    note: n\n  - claim: aaaaaaaaaaaa\n    subject: rawa\n    author: A\n    note: n\n";
    let review = parse("r.yaml", text, &rules()).unwrap();
    let mut claims = vec![claim("aaaaaaaaaaaa", "mosul", "isis")];
    let applied = apply(&review, &mut claims);
    assert!(claims.is_empty());
    assert_eq!(applied[0].claims, ["aaaaaaaaaaaa"]);
}

fn error(text: &str) -> String {
    parse("review.yaml", text, &rules())
        .unwrap_err()
        .to_string()
}

#[test]
fn bad_corrections_are_placed_at_line_and_column() {
    let cases = [
        (
            "corrections:\n  - reject: aaaaaaaaaaaa\n    author: A\n",
            "review.yaml:2:",
            "missing field `note`",
        ),
        (
            "corrections:\n  - reject: aaaaaaaaaaaa\n    author: A\n    note: n\n    colour: red\n",
            "review.yaml:5:",
            "unknown field `colour`",
        ),
        (
            "corrections:\n  - reject: '004#3'\n    author: A\n    note: n\n",
            "review.yaml:2:",
            "position (`ref`)",
        ),
        (
            "corrections:\n  - reject: aaaaaaaaaaaa\n    place: provisional-x\n    author: A\n    note: n\n",
            "review.yaml:2:",
            "exactly one of",
        ),
        (
            "corrections:\n  - place: provisional-x\n    alias_of: tal-afr\n    author: A\n    note: n\n",
            "review.yaml:3:15:",
            "did you mean \"tal-afar\"",
        ),
        (
            "corrections:\n  - place: provisional-x\n    new_entity: mosul\n    author: A\n    note: n\n",
            "review.yaml:3:17:",
            "already an entity",
        ),
        (
            "corrections:\n  - claim: aaaaaaaaaaaa\n    author: A\n    note: n\n",
            "review.yaml:2:",
            "say what to set",
        ),
        (
            "corrections:\n  - reject: aaaaaaaaaaaa\n    author: ' '\n    note: n\n",
            "review.yaml:2:",
            "`author` is empty",
        ),
    ];
    for (text, at, message) in cases {
        let err = error(text);
        assert!(err.starts_with(at), "{at} in {err}");
        assert!(err.contains(message), "{message} in {err}");
    }
}
