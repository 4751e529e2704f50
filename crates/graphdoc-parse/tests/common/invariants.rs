//! What must hold for `parse_page` on any input, checked by the fuzz targets
//! (`fuzz/`, which includes this file by path) and by `fuzz_mutations.rs`.

use graphdoc_ir::FileId;
use graphdoc_parse::{PageOutcome, parse_page};
use serde_json::Value;

/// Parses `bytes` and asserts: the same result twice; every diagnostic names
/// `path` and a position inside the input (or line 0 for whole-file
/// findings); every `Loc` in the page names `file` and a position inside the
/// input. A panic inside `parse_page` propagates to the caller.
pub fn check_page(path: &str, file: FileId, bytes: &[u8]) -> PageOutcome {
    let out = parse_page(path, file, bytes);
    // Byte length of each line: an upper bound on its length in characters
    // after lossy decoding, CRLF folding and BOM stripping.
    let lines: Vec<usize> = bytes.split(|&b| b == b'\n').map(<[u8]>::len).collect();
    let in_range = |line: u64, column: u64| {
        let l = line as usize;
        l >= 1 && l <= lines.len() && column >= 1 && column as usize <= lines[l - 1] + 1
    };
    for d in &out.diagnostics {
        assert_eq!(d.file, path, "{d}");
        assert!(
            (d.line == 0 && d.column == 0)
                || in_range(d.line.into(), d.column.into())
                // Whole-line findings may leave the column unknown.
                || (d.column == 0 && in_range(d.line.into(), 1)),
            "diagnostic out of range ({} lines): {d}",
            lines.len()
        );
    }
    if let Some(page) = &out.page {
        assert_eq!(page.file, file);
        let json = serde_json::to_value(page).expect("the IR serializes");
        // Every `Loc`: an object of exactly `file`, `line` and `column`.
        // Walked iteratively: IR values may nest deeply.
        let mut stack = vec![&json];
        while let Some(v) = stack.pop() {
            match v {
                Value::Object(map) => {
                    if map.len() == 3
                        && let (Some(f), Some(l), Some(c)) = (
                            map.get("file").and_then(Value::as_u64),
                            map.get("line").and_then(Value::as_u64),
                            map.get("column").and_then(Value::as_u64),
                        )
                    {
                        assert_eq!(f, u64::from(file.0), "{v}");
                        assert!(
                            in_range(l, c),
                            "Loc out of range ({} lines): {v}",
                            lines.len()
                        );
                    }
                    stack.extend(map.values());
                }
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }
    assert!(
        parse_page(path, file, bytes) == out,
        "parse_page is not deterministic"
    );
    out
}
