//! Fuzz target `load`: see `factline_fuzz_checks::load`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factline_fuzz_checks::load(data));
