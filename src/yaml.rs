//! A guard run on YAML written by users (rule files, reference facts,
//! manifests, front matter) before it is deserialized: aliases must not
//! expand the file into far more values than it holds.
//!
//! The parser resolves an alias (`*triggers`) by replaying its anchor's
//! values, so a 1,000-trigger list reused 20,000 times becomes 20 million
//! strings — gigabytes — from a file of a megabyte. Counting `*` in the
//! text cannot tell that from twenty harmless reuses, and sizing anchors by
//! hand would mean parsing YAML twice. Instead the file is walked once by
//! the same parser into a visitor that keeps nothing and counts every value
//! it is handed, aliases replayed included, and stops at a budget. Without
//! aliases a file cannot hold more values than it has bytes, so a budget of
//! twice the file's size plus [`SLACK`] never refuses a file that does not
//! lean on aliases, and bounds the work of one that does.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

use crate::error::RuleError;

/// Values allowed beyond twice the file's size: room for modest reuse of
/// anchors in a small file.
pub const SLACK: usize = 100_000;

/// Counts values down from a budget, failing when it runs out.
#[derive(Clone, Copy)]
struct Budget<'a> {
    left: &'a Cell<usize>,
    limit: usize,
}

impl Budget<'_> {
    fn spend<E: de::Error>(self) -> Result<(), E> {
        match self.left.get() {
            0 => Err(E::custom(format!(
                "aliases expand this file past {} values; refused (is an anchor reused too often?)",
                self.limit
            ))),
            n => {
                self.left.set(n - 1);
                Ok(())
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for Budget<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! scalar {
    ($($name:ident: $ty:ty),*) => {$(
        fn $name<E: de::Error>(self, _: $ty) -> Result<(), E> {
            self.spend()
        }
    )*};
}

impl<'de> Visitor<'de> for Budget<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    scalar!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64,
        visit_i128: i128, visit_u128: u128, visit_str: &str, visit_bytes: &[u8]);

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend()?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend()?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    /// A tagged value (`!tag value`): its value counts.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess as _;
        self.spend()?;
        let (_, variant) = data.variant::<de::IgnoredAny>()?;
        variant.newtype_variant_seed(self)
    }
}

/// Refuses `text` (the YAML file `path`) when its aliases expand it past
/// twice its size plus [`SLACK`] values. Syntax errors are left to the
/// real parse, which reports them with their field.
pub fn check_expansion(path: &str, text: &str) -> Result<(), RuleError> {
    let limit = text.len().saturating_mul(2).saturating_add(SLACK);
    let left = Cell::new(limit);
    let budget = Budget { left: &left, limit };
    for document in serde_norway::Deserializer::from_str(text) {
        if let Err(e) = budget.deserialize(document) {
            if left.get() == 0 {
                return Err(RuleError::from_yaml(path, text, &e));
            }
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule file whose `n`-trigger anchor is reused `uses` times.
    fn reused_anchor(n: usize, uses: usize) -> String {
        let triggers: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
        let mut text = format!(
            "rules:\n  - id: r0\n    triggers: &t [{}]\n",
            triggers.join(", ")
        );
        for i in 1..=uses {
            text.push_str(&format!("  - id: r{i}\n    triggers: *t\n"));
        }
        text
    }

    #[test]
    fn a_reused_large_anchor_is_refused_quickly() {
        let started = std::time::Instant::now();
        let err = check_expansion("x.yaml", &reused_anchor(1000, 20_000)).unwrap_err();
        assert!(err.message.contains("aliases expand"), "{err}");
        assert!(err.position.is_some(), "{err}");
        assert!(
            started.elapsed().as_secs() < 30,
            "refused while walking, not after expanding"
        );
    }

    #[test]
    fn modest_reuse_and_plain_files_pass() {
        check_expansion("x.yaml", &reused_anchor(50, 20)).unwrap();
        check_expansion("x.yaml", "a: [1, 2, {b: c}]\n---\nd: e\n").unwrap();
        // A syntax error is the real parser's to report.
        check_expansion("x.yaml", "a: [").unwrap();
    }
}
