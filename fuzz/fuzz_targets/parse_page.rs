//! Arbitrary bytes as a doc page: `parse_page` must not panic, hang or
//! overflow, must give the same result twice, and every location it reports
//! must point into the input (the checks are shared with the parser's tests).
#![no_main]

use graphdoc_ir::FileId;
use libfuzzer_sys::fuzz_target;

#[path = "../../crates/graphdoc-parse/tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::check_page("api-reference/v1.0/api/fuzz-page.md", FileId(3), bytes);
});
