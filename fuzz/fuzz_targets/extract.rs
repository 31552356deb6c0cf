//! One target for the whole public surface, fed raw bytes: the body is `tests/xss/fuzz_input.rs`
//! (shared with `tests/regressions.rs`, which replays every input that stopped a run).
//! bytes → `charset::decode` (as the CLI reads files) → `extract` (removed blocks on, with or
//! without a page URL) → the safety check of `tests/xss/check.rs` on everything that reaches
//! a reader view; and `is_probably_readerable` and `html_to_markdown` on the same text.
//! Invariants: no panic, no abort, and a returned Article passes the safety check.
//! The first byte picks the options, so the fuzzer can steer them.

#![no_main]

#[path = "../../tests/xss/check.rs"]
mod check;
#[path = "../../tests/xss/fuzz_input.rs"]
mod fuzz_input;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fuzz_input::run(data));
