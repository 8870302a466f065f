use super::score::*;
use super::*;
use crate::claim::Precision as DatePrecision;
use crate::claim::testing::{dates, number as n};
use crate::claim::{Claim, Value};
use crate::compare::Verdict;

fn d(from: (i32, u32, u32), to: (i32, u32, u32)) -> Value {
    dates(from, to, DatePrecision::Day)
}

#[test]
fn a_value_is_within_the_gold_interval() {
    let about_1500 = n(Some(1350.0), Some(1650.0));
    assert!(within(&about_1500, &n(Some(1350.0), Some(1650.0))));
    assert!(within(&about_1500, &n(Some(1500.0), Some(1500.0))));
    assert!(!within(&about_1500, &n(Some(1000.0), None)));
    assert!(!within(
        &n(Some(15.0), Some(15.0)),
        &n(Some(13.5), Some(16.5))
    ));
    let over_35 = n(Some(35.0), None);
    assert!(within(&over_35, &n(Some(35.0), None)));
    assert!(!within(&over_35, &n(None, Some(35.0))));
    let june = d((2016, 6, 1), (2016, 6, 30));
    assert!(within(&june, &d((2016, 6, 17), (2016, 6, 17))));
    assert!(!within(&june, &d((2016, 5, 31), (2016, 6, 1))));
    assert!(!within(&june, &n(Some(2016.0), Some(2016.0))));
}

/// Palmyra was taken in March 2016 and again in March 2017: one outlet
/// giving both dates agrees with another on 2016, as the gold pair says.
#[test]
fn a_pair_is_judged_on_the_claims_that_stand_for_its_gold() {
    let rules = crate::rules::load(None).unwrap();
    let liberation = |id: &str, doc: &str, y: i32| Claim {
        doc: doc.into(),
        outlet: doc.into(),
        qualifier: [("event".to_string(), "liberation".to_string())].into(),
        value: d((y, 3, 27), (y, 3, 27)),
        sentence: id.into(),
        ..crate::claim::testing::claim(id, "event_date", "palmyra")
    };
    let claims = [
        liberation("a#1", "a", 2016),
        liberation("a#2", "a", 2017),
        liberation("b#1", "b", 2016),
    ];
    let comparisons = crate::compare::compare(&crate::compare::Standards::of(&rules), &claims);
    let gold = Gold::parse(
        "g.yaml",
        r#"
documents:
  a:
    - {kind: event_date, subject: palmyra, qualifier: {event: liberation}, value: {from: 2016-03-27, to: 2016-03-27, precision: day}}
  b:
    - {kind: event_date, subject: palmyra, qualifier: {event: liberation}, value: {from: 2016-03-27, to: 2016-03-27, precision: day}}
pairs:
  - {key: [event_date, palmyra, {event: liberation}], docs: [a, b], verdict: agree}
"#,
    )
    .unwrap();
    let run = Run {
        documents: &[],
        claims: &claims,
        comparisons: &comparisons,
        kinds: &["event_date"],
    };
    let by_id = claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let outcome = pair_outcome(&gold.pairs[0], &gold, &run, &by_id);
    assert_eq!(outcome.got, Some(Verdict::Agree));
}

#[test]
fn intervals_overlap_with_open_sides() {
    assert!(overlaps(
        &n(Some(1000.0), None),
        &n(Some(1350.0), Some(1650.0))
    ));
    assert!(!overlaps(&n(None, Some(5.0)), &n(Some(6.0), Some(6.0))));
    assert!(overlaps(
        &d((2016, 6, 1), (2016, 6, 30)),
        &d((2016, 6, 30), (2016, 7, 2))
    ));
}
