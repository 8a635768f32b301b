//! Fuzz target `query`: see `factline_fuzz_checks::query`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factline_fuzz_checks::query(data));
