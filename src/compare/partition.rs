//! Partitions of the comparison keys, for running comparison on several
//! machines: each key falls in exactly one partition `I` of `N` by a hash
//! of its kind, subject and qualifier that is the same on every machine
//! and every run, so `N` runs with `--partition 0/N` … `--partition
//! N-1/N` judge every key once, and together give what one run gives.

use std::hash::Hasher;

use crate::claim::{Claim, Qualifier};
use crate::error::{Error, Result};
use crate::text::FxHasher;

/// Partition `index` of `count` (`index` < `count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    index: u64,
    count: u64,
}

impl Partition {
    /// Reads `I/N`: partition `I` (from 0) of `N` (at least 1).
    pub fn parse(text: &str) -> Result<Partition> {
        let bad = || {
            Error::Input(format!(
                "partition `{text}`: expected I/N with 0 <= I < N, e.g. 0/4"
            ))
        };
        let (i, n) = text.trim().split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Partition { index, count })
    }

    /// True when the key (kind, subject, qualifier) falls in this partition.
    pub fn keeps(&self, kind: &str, subject: &str, qualifier: &Qualifier) -> bool {
        key_hash(kind, subject, qualifier) % self.count == self.index
    }

    /// True when the claim's key falls in this partition.
    pub fn keeps_claim(&self, claim: &Claim) -> bool {
        self.keeps(&claim.kind, &claim.subject, &claim.qualifier)
    }
}

/// A hash of a key that depends only on its text: each part's bytes, each
/// ended by a byte UTF-8 never holds, so ("ab", "c") and ("a", "bc") differ.
fn key_hash(kind: &str, subject: &str, qualifier: &Qualifier) -> u64 {
    let mut h = FxHasher::default();
    let mut part = |s: &str| {
        h.write(s.as_bytes());
        h.write(&[0xff]);
    };
    part(kind);
    part(subject);
    for (name, value) in qualifier {
        part(name);
        part(value);
    }
    // Fx mixes its low bits poorly; fold the high half in before `%`.
    let x = h.finish();
    x ^ (x >> 29) ^ (x >> 47)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::synthetic_claims;

    #[test]
    fn partitions_are_read_and_refused_by_name() {
        assert_eq!(
            Partition::parse("1/4").unwrap(),
            Partition { index: 1, count: 4 }
        );
        for bad in ["4/4", "1/0", "1", "a/2", "-1/2", ""] {
            assert!(Partition::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_key_falls_in_exactly_one_partition_and_all_are_used() {
        let claims = synthetic_claims(3000, 300, 11);
        for n in [1, 2, 3, 7] {
            let parts: Vec<Partition> = (0..n)
                .map(|i| Partition::parse(&format!("{i}/{n}")).unwrap())
                .collect();
            let mut used = vec![0usize; n];
            for c in &claims {
                let holding: Vec<usize> = (0..n).filter(|&i| parts[i].keeps_claim(c)).collect();
                assert_eq!(holding.len(), 1, "{:?} in {holding:?}", c.key());
                used[holding[0]] += 1;
            }
            assert!(used.iter().all(|&u| u > 0), "{n}: {used:?}");
        }
    }
}
