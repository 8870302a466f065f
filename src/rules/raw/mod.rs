//! The rule files as written: serde types with `deny_unknown_fields`.
//!
//! Whatever can be checked while deserializing on its own is checked here
//! (phrases, qualifier sources), so the YAML parser's line and column come
//! with the error for free. What needs other files (a rule's kind, declared
//! in `kinds.yaml`) is checked by `compile`, which places the error at the
//! value in the file. The compiled, checked form is in `compile`.

mod language;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, de};

pub use language::{
    DatesRaw, LanguageCode, LanguageExample, LanguageFile, NumberWordKind, NumberWordsRaw,
    Numbered, NumbersRaw,
};

use crate::claim::{Qualifier, Value};
use crate::text::normalize_phrase;

/// The closest of `names` to `wrong`, for a "did you mean" hint.
pub fn suggest<'a>(wrong: &str, names: impl IntoIterator<Item = &'a String>) -> String {
    names
        .into_iter()
        .map(|n| (strsim::jaro_winkler(wrong, n), n))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| format!(" (did you mean \"{n}\"?)"))
        .unwrap_or_default()
}

/// A claim kind named in a rule; compilation checks it against `kinds.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct KindName(pub String);

/// Longest phrase a rule may give, in characters and in words.
pub const MAX_PHRASE_CHARS: usize = 200;
/// See [`MAX_PHRASE_CHARS`].
pub const MAX_PHRASE_WORDS: usize = 12;

/// A phrase from a rule file: normalized as it loads (never empty), and as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Phrase(pub String, pub String);

impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        let phrase = normalize_phrase(&raw);
        if phrase.is_empty() || phrase == "*" {
            return Err(de::Error::custom(format!("empty phrase \"{raw}\"")));
        }
        if phrase.chars().count() > MAX_PHRASE_CHARS || phrase.split(' ').count() > MAX_PHRASE_WORDS
        {
            let start: String = raw.chars().take(20).collect();
            return Err(de::Error::custom(format!(
                "phrase \"{start}…\" is longer than {MAX_PHRASE_WORDS} words or {MAX_PHRASE_CHARS} characters; refused"
            )));
        }
        Ok(Phrase(phrase, raw.trim().to_string()))
    }
}

/// What a kind's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    /// A number interval.
    Number,
    /// A date interval.
    Date,
}

/// `rules/kinds.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindsFile {
    /// Matching settings shared by all rules.
    #[serde(default)]
    pub settings: Settings,
    /// The claim kinds.
    pub kinds: Vec<KindRaw>,
}

/// `rules/attribution.yaml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionRaw {
    /// Speech verbs.
    pub verbs: Vec<Phrase>,
    /// Source markers: «وفق», «بحسب».
    pub according_to: Vec<Phrase>,
    /// Words that end a speaker phrase.
    pub stops: Vec<Phrase>,
    /// Longest speaker phrase, in words.
    pub max_words: usize,
    /// Wire agencies by name, with the names that cite them.
    #[serde(default)]
    pub agencies: BTreeMap<String, Vec<Phrase>>,
    /// First words of a speaker left unnamed («مصادر», «مسؤول», "sources",
    /// "an official"): two outlets citing such a speaker are not thereby one source.
    #[serde(default)]
    pub anonymous: Vec<Phrase>,
}

/// Matching settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// How far «نحو 1500» reaches either side, as a fraction (0.1 = ±10%).
    pub approx_tolerance: f64,
    /// Jaro-Winkler similarity above which an unlisted spelling of a place
    /// with the same consonant skeleton is taken for it.
    pub fuzzy_threshold: f64,
    /// Words shorter than this (in letters) are never matched fuzzily.
    pub fuzzy_min_letters: usize,
    /// Words after which a name no entity lists is taken for a provisional
    /// place («قرية الهري»).
    pub place_cues: Vec<String>,
    /// Words that follow a cue word without being a name («منطقة الحدودية»).
    pub not_names: Vec<String>,
    /// Settlement cues («مدينة», «بلدة»): a place listed only as «مدينة
    /// تدمر» is named by «تدمر» alone in a document that names it in full.
    pub bare_name_cues: Vec<String>,
    /// Words after which a bare name can only be a name («في تدمر»,
    /// «تحرير تدمر»): such a use licenses the bare name in the document.
    pub bare_name_after: Vec<String>,
    /// Tokens added to the distance of a trigger with the purpose clitic
    /// «لـ» («لتحرير»: in order to liberate) when values choose a trigger.
    pub purpose_penalty: usize,
    /// Tokens added to the distance of a trigger when punctuation that
    /// closes a clause («،», ",", «؛», ";", ":") stands between it and the
    /// value: "succeeded in liberating the city in March 2016, the
    /// extremists captured it again" dates the liberation.
    pub clause_penalty: usize,
    /// Words that point back to a place named before («المدينة», «فيها»,
    /// "the town"): where a rule looks for its subject and finds one of
    /// these instead of a place, the subject is the place last named in the
    /// document before the sentence.
    pub anaphors: Vec<Phrase>,
    /// Relative words («التي», "which"): a claim told in a relative clause
    /// whose words name no place is about the place the clause hangs on.
    pub relatives: Vec<Phrase>,
    /// Words that make the place after them a landmark («غرب الموصل»,
    /// "west of Baghdad"): a place given as a bearing is never the subject
    /// of a claim, nor the place an anaphor points back to.
    pub landmark_cues: Vec<Phrase>,
    /// Words that place a town in its province («منبج بريف حلب», «في
    /// محافظة», "province"): a claim is about the town, not the province.
    pub containment_cues: Vec<Phrase>,
    /// Words that make the place after them a destination («إلى تركيا»,
    /// "fled to Turkey"): it does not stop a sentence that names no other
    /// place from taking the place its headline is about.
    pub destination_cues: Vec<Phrase>,
    /// Words that make the place beside them the region around it («ريف
    /// حلب», «بالريف الشرقي لحلب», "the Aleppo countryside"): no claim's
    /// subject, nor the place a word pointing back means.
    pub region_cues: Vec<Phrase>,
    /// Words between a province and its capital ("Anbar's provincial
    /// capital Ramadi", «الأنبار وعاصمتها الرمادي»): the claim is about the town.
    pub capital_cues: Vec<Phrase>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            approx_tolerance: 0.1,
            fuzzy_threshold: 0.88,
            fuzzy_min_letters: 4,
            purpose_penalty: 3,
            clause_penalty: 3,
            place_cues: Vec::new(),
            not_names: Vec::new(),
            bare_name_cues: Vec::new(),
            bare_name_after: Vec::new(),
            anaphors: Vec::new(),
            relatives: Vec::new(),
            landmark_cues: Vec::new(),
            containment_cues: Vec::new(),
            destination_cues: Vec::new(),
            region_cues: Vec::new(),
            capital_cues: Vec::new(),
        }
    }
}

/// One claim kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRaw {
    /// `fighter_count`, `event_date`…
    pub name: String,
    /// Number or date.
    pub value: ValueType,
    /// Qualifier names that may be part of the key.
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// Numbers: relative tolerance (0.05 = 5%); dates: days.
    #[serde(default)]
    pub tolerance: f64,
    /// What the kind means, for `rules check` and the README.
    #[serde(default)]
    pub description: String,
    /// The quantity changes over time (fighters present, territory held):
    /// claims dated to different years are not compared.
    #[serde(default)]
    pub changes_over_time: bool,
    /// Numbers: the least value a claim may have (`0` for counts).
    #[serde(default)]
    pub min: Option<f64>,
    /// Numbers: the greatest value a claim may have (`100` for shares).
    #[serde(default)]
    pub max: Option<f64>,
}

pub use crate::recognize::EntityType;

/// `rules/entities/*.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitiesFile {
    /// The entities.
    pub entities: Vec<EntityRaw>,
}

/// One entity. Besides its fields, any key that is a language code gives
/// aliases in that language (`fr: [Palmyre]`); any other key is an error.
#[derive(Debug, Deserialize)]
pub struct EntityRaw {
    /// ASCII slug (CLAIMS.md).
    pub id: String,
    /// Place, actor or speaker.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Arabic aliases.
    #[serde(default)]
    pub ar: Vec<Phrase>,
    /// English aliases.
    #[serde(default)]
    pub en: Vec<Phrase>,
    /// For a speaker: the actor it speaks for, which rules looking for an
    /// actor take it as.
    #[serde(default)]
    pub speaks_for: Option<String>,
    /// For a place: the places (ids) it lies in, nearest first — a town
    /// its district or governorate, a governorate its country. A claim
    /// about a part is not a claim about the whole, and a sentence naming
    /// both is about the part.
    #[serde(default)]
    pub part_of: Vec<String>,
    /// Aliases in other languages, by language code.
    #[serde(flatten)]
    pub other: BTreeMap<AliasLanguage, Vec<Phrase>>,
}

/// A key of an entity that is none of its fields: it must be a language code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct AliasLanguage(pub String);

impl TryFrom<String> for AliasLanguage {
    type Error = String;

    fn try_from(key: String) -> Result<AliasLanguage, String> {
        LanguageCode::try_from(key.clone())
            .map(|code| AliasLanguage(code.0))
            .map_err(|_| {
                format!(
                    "unknown field \"{key}\": an entity has id, type, speaks_for, part_of and aliases by language code (ar, en, fr…)"
                )
            })
    }
}

/// `rules/claims/*.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    /// The rules.
    pub rules: Vec<RuleRaw>,
}

/// Where to look, relative to the trigger and the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Search {
    /// Between the trigger and the value.
    Between,
    /// After both, nearest first.
    After,
    /// Before both, nearest first.
    Before,
    /// The trigger's own words.
    Trigger,
}

/// Where the value may sit around the trigger, in tokens between them.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// The value may end at most this many tokens before the trigger.
    pub before: Option<usize>,
    /// The value may start at most this many tokens after the trigger.
    pub after: Option<usize>,
}

/// Words that must (or must not) stand near the trigger.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextRaw {
    /// Any one of these.
    pub words: Vec<Phrase>,
    /// Within this many tokens of the trigger, either side.
    #[serde(default = "default_context_window")]
    pub window: usize,
}

fn default_context_window() -> usize {
    8
}

/// How the subject is chosen.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectRaw {
    /// Entity types it may be.
    pub types: Vec<EntityType>,
    /// Where to look, in order.
    pub search: Vec<Search>,
    /// How far, in tokens.
    #[serde(default = "default_subject_window")]
    pub window: usize,
}

fn default_subject_window() -> usize {
    20
}

/// How one qualifier is found: exactly one of `value`, `entity`, `words`.
#[derive(Debug, Clone)]
pub enum QualifierSource {
    /// Always this value.
    Fixed(String),
    /// The id of the nearest entity of these types.
    Entity(Vec<EntityType>),
    /// The name of the word list that matches.
    Words(BTreeMap<String, Vec<Phrase>>),
}

/// One qualifier rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "QualifierRaw")]
pub struct QualifierSpec {
    /// Where the value comes from.
    pub source: QualifierSource,
    /// Where to look, in order.
    pub search: Vec<Search>,
    /// How far, in tokens.
    pub window: usize,
    /// Used when nothing is found.
    pub default: Option<String>,
    /// No claim when nothing is found and there is no default.
    pub required: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifierRaw {
    value: Option<String>,
    entity: Option<Vec<EntityType>>,
    words: Option<BTreeMap<String, Vec<Phrase>>>,
    #[serde(default)]
    search: Vec<Search>,
    #[serde(default = "default_qualifier_window")]
    window: usize,
    default: Option<String>,
    #[serde(default)]
    required: bool,
}

fn default_qualifier_window() -> usize {
    3
}

impl TryFrom<QualifierRaw> for QualifierSpec {
    type Error = String;

    fn try_from(raw: QualifierRaw) -> Result<Self, String> {
        let source = match (raw.value, raw.entity, raw.words) {
            (Some(v), None, None) => QualifierSource::Fixed(v),
            (None, Some(types), None) if !types.is_empty() => QualifierSource::Entity(types),
            (None, None, Some(words)) if !words.is_empty() => QualifierSource::Words(words),
            _ => {
                return Err(
                    "a qualifier needs exactly one of `value`, `entity` (types) or `words`".into(),
                );
            }
        };
        if !matches!(source, QualifierSource::Fixed(_)) && raw.search.is_empty() {
            return Err(
                "a qualifier found in the text needs `search` (between, after, before, trigger)"
                    .into(),
            );
        }
        Ok(QualifierSpec {
            source,
            search: raw.search,
            window: raw.window,
            default: raw.default,
            required: raw.required,
        })
    }
}

/// One claim rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleRaw {
    /// Unique within the rule set.
    pub id: String,
    /// The claim kind (declared in `kinds.yaml`).
    pub kind: KindName,
    /// Words that announce the claim; `word*` matches any ending.
    pub triggers: Vec<Phrase>,
    /// Where the number or date sits around the trigger.
    pub value: Position,
    /// Words that must stand near the trigger.
    #[serde(default)]
    pub context: Option<ContextRaw>,
    /// Words that must not stand near the trigger.
    #[serde(default)]
    pub exclude: Option<ContextRaw>,
    /// How the subject is chosen.
    pub subject: SubjectRaw,
    /// Qualifiers by name.
    #[serde(default)]
    pub qualifiers: BTreeMap<String, QualifierSpec>,
    /// Numbers only: a bare fraction («ثلث») counts as a percentage.
    #[serde(default)]
    pub fraction_as_percent: bool,
    /// Numbers only: the kind's unit per unit the trigger names (miles →
    /// km: 1.609344; metres → km: 0.001); the quote keeps the text's unit.
    #[serde(default)]
    pub factor: Option<Factor>,
    /// When two rules want the same value at the same distance, the higher wins.
    #[serde(default)]
    pub priority: i32,
    /// Overrides the kind's tolerance.
    #[serde(default)]
    pub tolerance: Option<f64>,
    /// Texts with the claims this rule must take from them.
    #[serde(default)]
    pub examples: Vec<ExampleRaw>,
}

/// A positive, finite conversion factor, checked while the file is read.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "f64")]
pub struct Factor(pub f64);

impl TryFrom<f64> for Factor {
    type Error = String;

    fn try_from(v: f64) -> Result<Factor, String> {
        if v.is_finite() && v > 0.0 {
            Ok(Factor(v))
        } else {
            Err(format!("factor \"{v}\" must be a positive finite number"))
        }
    }
}

/// A rule example: a text, and what the rule must extract from it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleRaw {
    /// The text.
    pub text: String,
    /// Publication date for relative dates (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
    #[serde(default)]
    pub published: Option<String>,
    /// The claims this rule must produce, and no others; `[]` for none.
    pub expect: Vec<ExpectedClaim>,
}

/// One expected claim of an example.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedClaim {
    /// Entity id.
    pub subject: String,
    /// Qualifiers.
    #[serde(default)]
    pub qualifier: Qualifier,
    /// The value.
    pub value: Value,
}
