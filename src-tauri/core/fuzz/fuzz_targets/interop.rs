#![no_main]
libfuzzer_sys::fuzz_target!(|bytes: &[u8]| lectern_fuzz::targets::interop(bytes));
