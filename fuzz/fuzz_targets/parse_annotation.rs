//! Arbitrary text as an annotation's JSON: `parse_annotation` must not
//! panic, hang or overflow, and what it reads strictly must be strict JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok((keys, lenient)) = graphdoc_parse::parse_annotation(text) {
        if !lenient {
            let strict: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(text.trim().trim_start_matches('\u{feff}'))
                    .expect("read strictly, so strict JSON");
            assert_eq!(strict.len(), keys.len());
        }
        // Whatever was read must serialize again (no lone surrogates etc.).
        serde_json::to_string(&keys).expect("keys serialize");
    }
});
