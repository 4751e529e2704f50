//! The docs-health report: one self-contained HTML page that shows a docs
//! team where its docs stand, and the data behind it as JSON.
//!
//! - [`ReportData`] ([`data`]) is everything the page shows, computed once
//!   from what graphdoc already knows: the pages and their workloads
//!   (front-matter `ms.prod`), the lint's findings at the levels in force,
//!   each example's test outcome and, with the service metadata, the
//!   fidelity figures. It serializes as the JSON `graphdoc report --json`
//!   writes and `--compare` reads back.
//! - [`html::render`] turns it into the page: inline CSS, inline SVG charts
//!   ([`chart`]), a few lines of inline script to sort and filter tables; no
//!   fonts, scripts, styles or images from anywhere else, so it opens from
//!   disk, offline, and can be attached to a CI run. Every text from the
//!   docs is escaped.
//! - [`compare::Trend`] holds the deltas against an earlier run's data, per
//!   workload and per code.
//!
//! # Charts: plotters, SVG backend only
//! The charts are drawn with [plotters](https://crates.io/crates/plotters)
//! 0.3 with `default-features = false, features = ["svg_backend"]`: a
//! plotting library whose SVG backend writes into a `String`, so a chart
//! is inline markup, with no bitmap backend, font loading (text is SVG
//! `<text>`, laid out by the browser), or JavaScript charting runtime to
//! ship inside the page. Its coordinate systems, axes, ticks and labels
//! are what a hand-rolled SVG would have to reimplement; bars are plain
//! rectangles, so none of its optional series features is needed. The
//! output is a pure function of the data: same input, same bytes.
//!
//! Output is deterministic: the same data renders to the same bytes; the
//! only varying part, a timestamp, is optional.

pub mod chart;
pub mod compare;
pub mod data;
pub mod html;

pub use compare::Trend;
pub use data::{ExampleInput, ExampleStatus, Input, PageInput, ReportData};
pub use html::RenderOptions;

/// What can go wrong reading an earlier run's data.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The `--compare` file is not report data (`graphdoc report --json`).
    #[error("{path}:{line}:{column}: not graphdoc report data: {message}")]
    BadData {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// The data is from another version of the report format.
    #[error("{path}: report data format {found}, this graphdoc reads format {expected}")]
    Format {
        path: String,
        found: u32,
        expected: u32,
    },
    #[error("drawing a chart: {0}")]
    Chart(String),
}
