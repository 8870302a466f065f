use super::*;

/// A dump line from its interesting columns; the others as GeoNames fills them.
fn line(
    id: u64,
    name: &str,
    ascii: &str,
    alt: &str,
    class_code: (&str, &str),
    admin1: &str,
    pop: u64,
) -> String {
    let (class, code) = class_code;
    format!(
        "{id}\t{name}\t{ascii}\t{alt}\t33.4\t43.3\t{class}\t{code}\tIQ\t\t{admin1}\t\t\t\t{pop}\t\t50\tAsia/Baghdad\t2020-01-01"
    )
}

fn options() -> ImportOptions {
    ImportOptions {
        country: "iq".to_string(),
        min_population: 0,
    }
}

fn known(yaml: &str) -> Known {
    Known::from_files(&[
        RuleFile {
            path: "rules/kinds.yaml".to_string(),
            text: "settings: {bare_name_cues: [قضاء, مدينة]}\nkinds: []\n".to_string(),
        },
        RuleFile {
            path: "rules/entities/places.yaml".to_string(),
            text: yaml.to_string(),
        },
    ])
}

fn run(lines: &[String]) -> Import {
    import("IQ.txt", &lines.join("\n"), &options(), &Known::default()).expect("imports")
}

#[test]
fn places_take_arabic_and_ascii_names_and_lie_in_their_adm1() {
    let out = run(&[
        line(
            1,
            "Anbar",
            "Anbar",
            "Al Anbar,الأنبار,Ānbār",
            ("A", "ADM1"),
            "01",
            1_500_000,
        ),
        line(
            2,
            "Hīt",
            "Hit",
            "Heet,هيت,هیت,HIT",
            ("P", "PPLA2"),
            "01",
            31_901,
        ),
    ]);
    assert_eq!(out.places.len(), 2);
    let hit = out
        .places
        .iter()
        .find(|p| p.id == "hit")
        .expect("hit imported");
    assert_eq!(hit.part_of.as_deref(), Some("anbar"));
    assert_eq!(
        hit.ar,
        vec!["هيت".to_string()],
        "the Persian spelling with ی is not Arabic"
    );
    assert_eq!(
        hit.en,
        vec!["Heet".to_string(), "Hit".to_string()],
        "no diacritics, no code"
    );
    let anbar = &out.places[0];
    assert_eq!(
        (anbar.id.as_str(), anbar.part_of.as_deref()),
        ("anbar", None)
    );
    assert_eq!(anbar.en, vec!["Al Anbar".to_string(), "Anbar".to_string()]);
}

#[test]
fn other_countries_features_and_small_places_are_skipped_and_counted() {
    let mut lines = vec![
        line(3, "Tikrit", "Tikrit", "تكريت", ("P", "PPLA"), "18", 42_477),
        line(4, "Wadi X", "Wadi X", "", ("H", "WAD"), "18", 0),
        line(5, "Qaryah", "Qaryah", "قرية", ("P", "PPL"), "18", 20),
    ];
    lines.push(
        lines[0]
            .replace("\tIQ\t", "\tSY\t")
            .replace("3\tTikrit", "9\tTikrit"),
    );
    let options = ImportOptions {
        min_population: 100,
        ..options()
    };
    let out = import("IQ.txt", &lines.join("\r\n"), &options, &Known::default()).expect("imports");
    assert_eq!(out.places.len(), 1);
    let s = &out.skipped;
    assert_eq!(
        (s.other_country, s.other_feature, s.below_population),
        (1, 1, 1)
    );
    assert_eq!(s.total(), 3);
}

#[test]
fn a_malformed_line_names_the_file_line_and_column() {
    let good = line(1, "Hit", "Hit", "", ("P", "PPL"), "01", 1);
    // (what to replace in a good line, by what, the message's start)
    let cases = [
        ("1\tHit", "x1\tHit", "column 1 (geonameid)"),
        ("33.4", "133.4", "column 5 (latitude)"),
        ("\tP\t", "\tPP\t", "column 7 (feature class)"),
        ("\tIQ\t", "\tIraq\t", "column 9 (country code)"),
        ("\t1\t\t50", "\tmany\t\t50", "column 15 (population)"),
        ("\tHit\tHit", "\t \tHit", "column 2 (name)"),
        (good.as_str(), "1\tHit\tHit", "3 tab-separated columns"),
    ];
    for (from, to, expected) in cases {
        let bad = good.replace(from, to);
        let expected = format!("IQ.txt:2: {expected}");
        let text = format!("{good}\n{bad}\n");
        let err = import("IQ.txt", &text, &options(), &Known::default()).expect_err(&bad);
        assert!(err.to_string().starts_with(&expected), "{bad:?} gave {err}");
    }
}

#[test]
fn places_the_rules_have_are_left_out_but_still_nest_the_new_ones() {
    let rules = known(
        "entities:\n  - {id: anbar, type: place, ar: [الأنبار], en: [Anbar]}\n  \
         - {id: isis, type: actor, ar: [داعش], en: [Daesh]}\n  \
         - {id: hit, type: place, ar: [مدينة هيت], en: [Heet]}\n  \
         - {id: al-dour, type: place, ar: [قضاء الدور], en: [al-Dawr]}\n",
    );
    let lines = [
        line(4, "Ad Dawr", "Ad Dawr", "الدور", ("P", "PPL"), "18", 0),
        line(
            1,
            "Muhafazat al Anbar",
            "Muhafazat al Anbar",
            "الأنبار",
            ("A", "ADM1"),
            "01",
            0,
        ),
        line(
            2,
            "Kubaysah",
            "Kubaysah",
            "كبيسة,Daesh",
            ("P", "PPL"),
            "01",
            5_000,
        ),
        line(3, "Hit", "Hit", "", ("A", "ADM2"), "01", 0),
    ];
    let out = import("IQ.txt", &lines.join("\n"), &options(), &rules).expect("imports");
    assert_eq!(
        out.skipped.known, 2,
        "the ADM1 is the rules' anbar, Ad Dawr its al-dour"
    );
    let ids: Vec<&str> = out.places.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["hit-3", "kubaysah"], "hit is an id the rules use");
    assert_eq!(out.places[1].part_of.as_deref(), Some("anbar"));
    assert_eq!(
        out.places[1].en,
        vec!["Kubaysah".to_string()],
        "an actor's name is dropped"
    );
}

#[test]
fn a_shared_name_goes_to_a_much_larger_place_or_to_none() {
    let out = run(&[
        line(
            1,
            "Al Karmah",
            "Al Karmah",
            "الكرمة",
            ("P", "PPL"),
            "01",
            20_000,
        ),
        line(
            2,
            "Al Karmah",
            "Al Karmah",
            "الكرمة",
            ("P", "PPL"),
            "06",
            900,
        ),
        line(3, "Sadah", "Sadah", "", ("P", "PPL"), "06", 900),
        line(4, "Sadah", "Sadah", "", ("P", "PPL"), "07", 800),
    ]);
    let ids: Vec<&str> = out.places.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["al-karmah"],
        "the smaller Karmah and both Sadahs lose every name"
    );
    assert_eq!(out.places[0].ar, vec!["الكرمة".to_string()]);
    assert_eq!(out.skipped.no_name, 3);
    assert_eq!(out.shared_names, 1 + 1 + 2);
}

#[test]
fn the_rendered_file_loads_as_entities() {
    let out = run(&[
        line(1, "Anbar", "Anbar", "الأنبار", ("A", "ADM1"), "01", 0),
        line(2, "Ma'adan", "Ma'adan", "Yes,'Ana", ("P", "PPL"), "01", 10),
    ]);
    let text = render(&out, "dumps/IQ.txt", "iq");
    assert!(text.contains("CC BY 4.0") && text.contains("from dumps/IQ.txt (country IQ)"));
    let parsed: EntitiesFile = serde_norway::from_str(&text).expect("valid entity YAML");
    let madan = &parsed.entities[1];
    assert_eq!(madan.part_of, vec!["anbar".to_string()]);
    let en: Vec<&str> = madan.en.iter().map(|p| p.1.as_str()).collect();
    assert_eq!(
        en,
        ["'Ana", "Ma'adan", "Yes"],
        "quoted where YAML would misread them"
    );
}

#[test]
fn slugs_are_lower_case_ascii_with_single_dashes() {
    assert_eq!(slug("Tall 'Afar"), "tall-afar");
    assert_eq!(slug("  Al-Qa'im (old) "), "al-qaim-old");
    assert_eq!(slug("هيت"), "");
}
