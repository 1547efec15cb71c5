//! The real report corpora for tests: see gwr-testdata.
#![allow(unused_imports)]

pub use gwr_testdata::*;
