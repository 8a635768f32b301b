//! Fuzz target `edtf`: see `factline_fuzz_checks::edtf`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factline_fuzz_checks::edtf(data));
