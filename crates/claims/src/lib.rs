//! Press-article claims checked against the reports, with evidence and figures.
//!
//! A press article says which region specialises in what ("Anhui has become a hub of quantum computing", "Inner
//! Mongolia's computing capacity reached 220,000 PFLOPS"). This crate holds such claims as data (a [`ClaimsFile`],
//! `corpora/claims/*.toml`, checked against the region gazetteer and the dictionary with file:line:column errors),
//! puts every claim × sector beside what the reports say ([`verify`]: scores, a verdict, quoted evidence, the
//! claimed figure looked up in the report), writes the result ([`write_claims_csv`], [`render_table`]) and proposes
//! the claims of a new article ([`extract`], [`to_toml`]).
//!
//! # The verdict rule
//!
//! Each claim × sector (or each claim on its key terms alone) is judged twice, in the report(s) of the claimed
//! region for the year checked (a cluster — `gba` Greater Bay Area, `yrd` Yangtze River Delta, `jjj`
//! Beijing-Tianjin-Hebei — is the sum of its member regions that have a report):
//!
//! - **stated**: the report says it. A sentence ([`sentence`]: ended by 。！？；, a line break, or a Latin `.` `!`
//!   `?` before a space) holds a term of the claim — a hit of the sector, or one of the claim's `key_terms` — and
//!   either the claimed figure (same value and kind of unit: `22万P` = 220,000 PFLOPS, `9成` = 90%, `150家以上` meets
//!   "more than 150"), or a position phrase ([`POSITION_MARKERS`]: 全国第一, 占全国, 领先, 国家枢纽, 首个...; plus
//!   the claim's own `positions`) in the same clause (between ，；：) as the term. A figure anywhere else, even a few characters away in the next sentence, does
//!   not count. A *different* value of the same quantity in such a sentence (same kind of unit, same clause as
//!   the term, not a growth rate, a share for a percentage) contradicts the claim.
//! - **emphasised** (sectors only): z ≥ 1.96 ([`Z_EMPHASISED`]), or the region is the most distinctive of the
//!   provincial regions of the year on the sector (national rank 1) with at least [`MIN_COUNT_FOR_RANK`] hits.
//!   A claim on key terms alone (not a sector) is never given a z.
//!
//! Then one verdict ([`Verdict::decide`]):
//!
//! | verdict | when |
//! |---|---|
//! | `confirmed` | the report states the claimed figure or position beside a term of the claim (emphasised or not) |
//! | `contradicted` | it states a different figure for the same quantity, and not the claimed one |
//! | `emphasised` | nothing stated, but the sector is distinctive of the region |
//! | `mentioned` | the report names the sector or the key terms, but neither holds |
//! | `absent` | the report never names them (or the region has no report for the year) |
//!
//! A cluster's scores: counts summed, per_10k = summed hits / summed Han characters × 10,000, lq from the sums, z
//! the log-odds z of the summed counts against the other provincial regions (gwr-score's formula and prior); its
//! national rank is its best member's.
//!
//! # claims.csv
//!
//! [`CSV_COLUMNS`]: machine columns `claim_id`, `region_code` (ISO 3166-2:CN code, or the cluster id), `sector`
//! (empty for a claim on key terms alone), `count` (hits of the sector; occurrences of the key terms for a claim on
//! key terms alone), `per_10k`, `lq`, `z`, `rank` (of the sector within the region), `national_rank` (of the region
//! within the sector, 1 = most distinctive) — these five empty when there are no scores —, `verdict`, `evidence`
//! (up to three hits, each `doc_id@start..end: context`, joined by ` | `), `figure_found` (`doc_id@start..end:
//! snippet` of the claimed figure, `not found`, or empty when the claim gives none); then readable columns
//! `region_name` (`Greater Bay Area`), `claim` (the paraphrase), `claimed_figure` (value, unit and the article's
//! writing), `stated` (`figure`, `position`, `other figure` or `no`), `stated_evidence` (`doc_id@start..end:` the
//! sentence, term in `[ ]`, figure or position in `{ }`), `emphasised` (`yes`, `no`, empty without scores),
//! `emphasis_evidence` (the scores and the rule's outcome) and `reason` (one line). Offsets are bytes of the
//! decoded source text; floats have three decimals.
//!
//! # Example
//!
//! ```
//! use gwr_claims::{extract, verify, write_claims_csv, ClaimsFile, DocText, Verdict, VerifyInput};
//! use gwr_core::{DocMeta, Hit};
//! use gwr_dict::{regions::Gazetteer, Dictionary};
//! use gwr_score::{score_group, RegionCounts};
//!
//! let dict = Dictionary::embedded()?;
//! let gazetteer = Gazetteer::builtin();
//! let claims = ClaimsFile::parse(
//!     r#"
//! schema = 1
//! [article]
//! date = "2026-03-02"
//! source = "example"
//! title = "one claim"
//! [[claim]]
//! id = "sd-satellites"
//! region = "CN-SD"
//! sectors = ["satellites_space"]
//! figure = { value = 137, unit = "satellites", text = "137" }
//! paraphrase = "Shandong launches satellites at sea."
//! "#,
//!     "example.toml",
//!     gazetteer,
//!     &dict,
//! )?;
//!
//! // What the pipeline produces: scores, hits and texts (here two tiny reports).
//! let sectors = ["satellites_space", "quantum"];
//! let region = |code: &str, counts: Vec<u64>| RegionCounts { region_code: code.into(), year: 2026, units: 100, counts };
//! let scores = score_group(&[region("CN-SD", vec![9, 1]), region("CN-AH", vec![1, 9])], &sectors);
//! let text = "商业航天全产业链布局，东方航天港海上发射卫星137颗。";
//! let start = text.find("东方航天港").ok_or("no term")?;
//! let hit = Hit {
//!     doc_id: "sd".into(),
//!     concept: "spaceports".into(),
//!     sector: "satellites_space".into(),
//!     surface: "东方航天港".into(),
//!     start,
//!     end: start + "东方航天港".len(),
//!     context: text.into(),
//!     in_glossary: false,
//! };
//! let meta = DocMeta { doc_id: "sd".into(), region_code: "CN-SD".into(), year: Some(2026), ..DocMeta::default() };
//! let docs = [DocText { meta, text, han_chars: 22 }];
//! let input = VerifyInput { scores: &scores, hits: &[hit], docs: &docs, year: None };
//!
//! let results = verify(&claims, &input);
//! assert_eq!(results[0].verdict, Verdict::Confirmed);
//! assert!(results[0].figure_found.to_string().contains("137颗"));
//! let mut csv = Vec::new();
//! write_claims_csv(&results, &mut csv)?;
//! println!("{}", gwr_claims::render_table(&results));
//!
//! // Proposing the claims of an article.
//! let proposed = extract("Le Shandong lance des satellites depuis le port spatial oriental.", &dict, gazetteer);
//! assert_eq!(proposed.claims[0].target.code(), "CN-SD");
//! assert_eq!(proposed.claims[0].sectors, ["satellites_space"]);
//! Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! None.

mod error;
mod extract;
mod file;
pub mod number;
mod output;
pub mod sentence;
mod verify;

pub use error::{ClaimsError, Problem};
pub use extract::{detect_lang, extract};
pub use file::{to_toml, Article, Claim, ClaimsFile, Figure, Target, SCHEMA};
pub use output::{region_name, render_table, write_claims_csv, CSV_COLUMNS, EVIDENCE_SEPARATOR, TABLE_WIDTH};
pub use verify::{
    verify, ClaimResult, DocText, Evidence, FigureFound, SectorScores, StatedKind, Statement, Verdict, VerifyInput,
    EVIDENCE_SNIPPETS, FIGURE_MARKS, MIN_COUNT_FOR_RANK, POSITION_MARKERS, TERM_MARKS, Z_EMPHASISED,
};
