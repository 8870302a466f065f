//! The one integration test binary: the CLI end to end, the gold seeds,
//! and the malformed inputs that must give clear errors.

mod architecture;
mod cli;
mod eval;
mod geonames;
mod gold;
mod graphs;
mod hostile;
mod inputs;
mod malformed;
mod output;
mod properties;
mod reports;
mod review;
mod saved;
mod snapshots;
mod store;
mod support;
mod values;
