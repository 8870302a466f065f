use super::*;
use crate::text::{normalize, normalize_phrase, tokenize};

fn gazetteer() -> Gazetteer {
    let mut g = Gazetteer::new(&GazetteerSettings::default());
    for (id, kind, aliases) in [
        ("rawa", EntityType::Place, vec!["راوة"]),
        ("al-qaim", EntityType::Place, vec!["القائم"]),
        ("karabla", EntityType::Place, vec!["الكرابلة"]),
        ("deir-ez-zor", EntityType::Place, vec!["دير الزور"]),
        ("isis", EntityType::Actor, vec!["داعش"]),
    ] {
        let aliases: Vec<String> = aliases.iter().map(|a| normalize_phrase(a)).collect();
        g.add(id, kind, &aliases, id).unwrap();
    }
    g
}

fn found(text: &str) -> Vec<(String, Option<f64>)> {
    let g = gazetteer();
    let norm = normalize(text).text;
    let tokens = tokenize(&norm);
    g.find(&norm, &tokens, 0..tokens.tokens.len())
        .into_iter()
        .map(|m| (g.get(m.entity).id.clone(), m.fuzzy.map(|f| f.score)))
        .collect()
}

#[test]
fn exact_aliases_through_clitics_and_spelling() {
    let ids: Vec<String> = found("بالقائم والقايم لداعش بدير الزور")
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(ids, ["al-qaim", "al-qaim", "isis", "deir-ez-zor"]);
}

#[test]
fn unlisted_spellings_match_fuzzily_with_a_score() {
    let hits = found("تحرير رواة ومناطق الكارابلة");
    assert_eq!(
        hits.iter().map(|h| h.0.as_str()).collect::<Vec<_>>(),
        ["rawa", "karabla"]
    );
    assert!(
        hits.iter()
            .all(|h| h.1.is_some_and(|s| (0.88..1.0).contains(&s)))
    );
}

#[test]
fn other_words_do_not_match_fuzzily() {
    assert!(found("قال القاسم إن القائمة طويلة").is_empty());
}

#[test]
fn unlisted_places_after_a_cue_word_are_provisional() {
    let settings = GazetteerSettings {
        place_cues: vec!["قرية".into(), "منطقة".into()],
        not_names: vec!["الحدودية".into()],
        ..GazetteerSettings::default()
    };
    let g = Gazetteer::new(&settings);
    let norm = normalize("في قرية الهري وفي منطقة الحدودية وبقرية القائم").text;
    let tokens = tokenize(&norm);
    let ids: Vec<&str> = g
        .find(&norm, &tokens, 0..tokens.tokens.len())
        .iter()
        .filter_map(|m| m.provisional.clone())
        .map(|id| {
            if id == "provisional-al-hry" {
                "hry"
            } else {
                "other"
            }
        })
        .collect();
    assert_eq!(
        ids,
        ["hry", "other"],
        "الحدودية is no name; القائم here is unlisted in this test"
    );
    assert_eq!(transliterate("الهري"), "al-hry");
}

#[test]
fn ids_are_unique() {
    let mut g = gazetteer();
    assert!(g.add("rawa", EntityType::Place, &[], "Rawa").is_none());
}

#[test]
fn bare_names_count_where_the_document_names_the_place_in_full() {
    let settings = GazetteerSettings {
        bare_name_cues: vec!["مدينة".into(), "بلدة".into()],
        ..GazetteerSettings::default()
    };
    let mut g = Gazetteer::new(&settings);
    for (id, aliases) in [
        ("palmyra", vec!["مدينة تدمر"]),
        ("palmyra-airport", vec!["مطار تدمر"]),
        ("al-bab", vec!["مدينة الباب"]),
        ("other-bab", vec!["بلدة الباب"]),
    ] {
        let aliases: Vec<String> = aliases.iter().map(|a| normalize_phrase(a)).collect();
        g.add(id, EntityType::Place, &aliases, id).unwrap();
    }
    g.finish();
    let ids = |text: &str| -> Vec<String> {
        let norm = normalize(text).text;
        let tokens = tokenize(&norm);
        let doc = DocumentNames::new(&norm);
        g.find_in(&norm, &tokens, 0..tokens.tokens.len(), &doc)
            .into_iter()
            .map(|m| g.get(m.entity).id.clone())
            .collect()
    };
    // Named in full once, the bare name counts, before and after.
    assert_eq!(
        ids("معارك في تدمر. دخل الجيش بمدينة تدمر ثم تقدم داخل تدمر"),
        ["palmyra", "palmyra", "palmyra"]
    );
    // Without the full name, «تدمر» is the verb "destroys"; the airport's
    // cue licenses nothing, and «الباب», cued for two places, names neither.
    assert!(
        ids("الطائرات تدمر الجسر قرب مطار تدمر")
            .iter()
            .all(|id| id == "palmyra-airport")
    );
    assert_eq!(ids("في مدينة الباب وفي الباب"), ["al-bab"]);
    // The plain finder knows no bare names.
    let norm = normalize("بمدينة تدمر ثم تدمر").text;
    let tokens = tokenize(&norm);
    assert_eq!(g.find(&norm, &tokens, 0..tokens.tokens.len()).len(), 1);
}

#[test]
fn another_cue_before_a_bare_name_names_the_listed_place() {
    let settings = GazetteerSettings {
        place_cues: vec!["منطقة".into(), "مدينة".into()],
        bare_name_cues: vec!["مدينة".into()],
        ..GazetteerSettings::default()
    };
    let mut g = Gazetteer::new(&settings);
    let aliases = vec![normalize_phrase("مدينة تدمر")];
    g.add("palmyra", EntityType::Place, &aliases, "palmyra")
        .unwrap();
    g.finish();
    let norm = normalize("سيطر التنظيم على منطقة تدمر وعلى منطقة الهري").text;
    let tokens = tokenize(&norm);
    let found: Vec<String> = g
        .find(&norm, &tokens, 0..tokens.tokens.len())
        .iter()
        .map(|m| g.id_of(m).to_string())
        .collect();
    assert_eq!(found, ["palmyra", "provisional-al-hry"]);
}

#[test]
fn a_bare_name_after_a_preposition_in_the_opening_licenses_it() {
    let settings = GazetteerSettings {
        bare_name_cues: vec!["مدينة".into()],
        bare_name_after: vec!["في".into(), "تحرير".into()],
        ..GazetteerSettings::default()
    };
    let mut g = Gazetteer::new(&settings);
    let aliases = vec![normalize_phrase("مدينة تدمر")];
    g.add("palmyra", EntityType::Place, &aliases, "palmyra")
        .unwrap();
    g.finish();
    let count = |text: &str| {
        let norm = normalize(text).text;
        let tokens = tokenize(&norm);
        let doc = DocumentNames::new(&norm);
        g.find_in(&norm, &tokens, 0..tokens.tokens.len(), &doc)
            .len()
    };
    // «تحرير تدمر» in the headline: the bare name counts, later too.
    assert_eq!(count("تحرير تدمر. وقال الجيش إن تدمر آمنة"), 2);
    // «بتدمر»: the clitic «ب» takes no verb.
    assert_eq!(count("معارك بتدمر"), 1);
    // A verb «تدمر» with neither licence names nothing.
    assert_eq!(count("الطائرات تدمر الجسور"), 0);
    // Far into the body, a preposition does not license the name.
    let body = format!("{} في تدمر", "كلام ".repeat(200));
    assert_eq!(count(&body), 0);
}

#[test]
fn skeleton_hash_is_the_hash_of_the_skeleton() {
    for word in [
        "القائم",
        "القايم",
        "تلعفر",
        "الموصل",
        "بيجي",
        "ءاوي",
        "قرية",
    ] {
        assert_eq!(
            super::skeleton_hash(word),
            super::skeleton_hash(&super::skeleton(word)),
            "{word}"
        );
    }
    assert_ne!(super::skeleton_hash("تلعفر"), super::skeleton_hash("تكريت"));
}
