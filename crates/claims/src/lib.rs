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
//! For each claim and each of its sectors, in the report(s) of the claimed region for the year checked:
//!
//! - `supported` when the sector is significantly over-represented in the region (log-odds z ≥ 1.96) or the region
//!   is the most distinctive of the 31 provincial regions on it (`national_rank` = 1);
//! - `weak` when the report mentions the sector (count > 0) but neither holds;
//! - `absent` when the report never mentions it (count = 0, also when the region has no report).
//!
//! A cluster (`gba`, `yrd`, `jjj`) is scored as the sum of its member regions that have a report: counts summed,
//! per_10k = summed hits / summed Han characters × 10,000, lq from the sums, z the log-odds z of the summed counts
//! against the other provincial regions (gwr-score's formula and prior); its `national_rank` is its best member's.
//! A sector that has no score rows (the policy vocabulary, counted but never scored) is compared by rate only:
//! lq = z = rank = 0 and `national_rank` by per_10k.
//!
//! # claims.csv
//!
//! [`CSV_COLUMNS`]: `claim_id`, `region_code` (ISO 3166-2:CN code, or the cluster id), `sector`, `count` (hits),
//! `per_10k` (hits per 10,000 Han characters), `lq` (location quotient), `z` (log-odds z), `rank` (of the sector
//! within the region, 1 = most distinctive), `national_rank` (of the region within the sector among the 31, 1 = most
//! distinctive), `verdict`, `evidence` (up to three hits, distinct concepts first, each `doc_id@start..end: context`,
//! joined by ` | `), `figure_found` (`doc_id@start..end: snippet` of the claimed figure within 200 characters of a
//! hit of the sector, `not found`, or empty when the claim gives no figure). Floats have three decimals.
//!
//! Figures are compared by value, with Chinese number forms understood ([`number`]): `22万P` is 220,000 PFLOPS,
//! `9成` is 90%, `150家以上` is 150, within 0.5%.
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
//! assert_eq!(results[0].verdict, Verdict::Supported);
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
mod verify;

pub use error::{ClaimsError, Problem};
pub use extract::{detect_lang, extract};
pub use file::{to_toml, Article, Claim, ClaimsFile, Figure, Target, SCHEMA};
pub use output::{render_table, write_claims_csv, CSV_COLUMNS, EVIDENCE_SEPARATOR};
pub use verify::{
    verify, ClaimResult, DocText, Evidence, FigureFound, Verdict, VerifyInput, EVIDENCE_SNIPPETS, FIGURE_WINDOW_CHARS,
    Z_SUPPORTED,
};
