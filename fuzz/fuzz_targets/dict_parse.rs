//! `gwr_dict::Dictionary::from_toml_str` on any text: an error or a dictionary, never a panic; a dictionary that
//! loads can be checked, summarised and compiled to patterns without panicking either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match gwr_dict::Dictionary::from_toml_str(text, "fuzz.toml") {
        Ok(dict) => {
            let _ = dict.check();
            let _ = dict.stats();
            let _ = dict.patterns();
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty());
        }
    }
});
