//! Metadata as a manifest entry, front matter or a JSONL line gives it,
//! deserialized loosely (an id or date may be written as a number).

use serde::Deserialize;

/// Metadata as a manifest entry, front matter or JSONL line gives it.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Meta {
    #[serde(default, deserialize_with = "string_or_number")]
    pub(super) id: Option<String>,
    #[serde(default)]
    pub(super) file: Option<String>,
    #[serde(default)]
    pub(super) outlet: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub(super) published: Option<String>,
    #[serde(default)]
    pub(super) language: Option<String>,
    #[serde(default)]
    pub(super) wires: Vec<String>,
    #[serde(default)]
    pub(super) url: Option<String>,
    #[serde(default)]
    pub(super) text: Option<String>,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Loose {
        S(String),
        I(i64),
        F(f64),
    }
    Ok(Option::<Loose>::deserialize(d)?.map(|v| match v {
        Loose::S(s) => s,
        Loose::I(i) => i.to_string(),
        Loose::F(f) => f.to_string(),
    }))
}

/// A manifest's entries are read one by one, so a mistyped entry skips
/// only itself.
#[derive(Debug, Deserialize)]
pub(super) struct Manifest {
    pub(super) documents: Vec<serde_norway::Value>,
}
