//! The gwr pipeline: parallel analysis of a report corpus and its export
