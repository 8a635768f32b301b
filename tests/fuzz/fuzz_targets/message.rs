//! Fuzz target `message`: see `factline_fuzz_checks::message`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factline_fuzz_checks::message(data));
