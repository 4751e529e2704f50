//! The v1.0 lint at its default levels: at most 1,200 findings (4,043
//! before levels, grouping and the precision fixes), hiding only codes that
//! are off by default for their measured precision (docs/lint-precision.md),
//! and keeping the real defects known in these docs.

use std::collections::{BTreeMap, BTreeSet};

use graphdoc_ir::{Code, Level, Levels};

#[test]
fn default_levels_show_few_findings_and_lose_no_real_defect() {
    let Some(v1) = graphdoc_testkit::corpus_v1_dir("lint levels") else {
        return;
    };
    let parsed = graphdoc::parse_inputs(&[v1]).expect("the tree reads");
    let all = graphdoc::diagnostics(&parsed);
    let shown = Levels::default().apply(all.clone());
    let count = |ds: &[graphdoc_ir::Diagnostic]| {
        let mut by: BTreeMap<Code, usize> = BTreeMap::new();
        for d in ds {
            *by.entry(d.code).or_default() += 1;
        }
        by
    };
    let (all_by, shown_by) = (count(&all), count(&shown));
    println!(
        "findings: {} in all, {} at the default levels",
        all.len(),
        shown.len()
    );
    for (code, n) in &all_by {
        println!(
            "  {code}  {:5} shown of {n:5}  (default {})",
            shown_by.get(code).copied().unwrap_or(0),
            code.default_level()
        );
    }
    assert!(shown.len() <= 1_200, "{} findings shown", shown.len());

    // What the defaults hide is exactly the codes that are off by default:
    // every finding of a code that is on is shown.
    let hidden: BTreeSet<Code> = all_by
        .iter()
        .filter(|(code, n)| shown_by.get(code) != Some(n))
        .map(|(code, _)| *code)
        .collect();
    let off: BTreeSet<Code> = all_by
        .keys()
        .copied()
        .filter(|c| c.default_level() == Level::Allow)
        .collect();
    assert_eq!(hidden, off);
    assert!(off.len() <= 8, "too many codes off by default: {off:?}");

    // Real defects of these docs, each at its page and line, are shown.
    let known = [
        (
            Code::InvalidExampleValue,
            "api/presence-get.md",
            104,
            "availability",
        ),
        (
            Code::InvalidExampleValue,
            "api/openshift-post.md",
            73,
            "startDateTime",
        ),
        (
            Code::InvalidExampleValue,
            "api/group-assignlicense.md",
            73,
            "disabledPlans",
        ),
        (
            Code::UnknownExampleProperty,
            "resources/roomlist.md",
            10,
            "geocoordinates",
        ),
    ];
    for (code, file, line, needle) in known {
        assert!(
            shown.iter().any(|d| d.code == code
                && d.file.ends_with(file)
                && d.line == line
                && d.message.contains(needle)),
            "{code} at {file}:{line} is not shown"
        );
    }
}
