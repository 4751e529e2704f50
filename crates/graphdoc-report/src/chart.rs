//! Charts as inline SVG, drawn with plotters' SVG backend into a `String`
//! (see the crate docs for why plotters, and why only that backend).

use plotters::prelude::*;

use crate::ReportError;

/// One bar: its label and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
}

const BAR_COLOR: RGBColor = RGBColor(0x2b, 0x6c, 0xb0);
const ROW_HEIGHT: u32 = 18;
const WIDTH: u32 = 760;

/// A horizontal bar chart, a bar per row in the order given, with a value
/// axis from 0 and `axis` as its description. `max` fixes the axis' end
/// (100 for percentages); else it fits the largest value.
pub fn horizontal_bars(
    caption: &str,
    axis: &str,
    bars: &[Bar],
    max: Option<f64>,
) -> Result<String, ReportError> {
    let err = |e: &dyn std::fmt::Display| ReportError::Chart(e.to_string());
    let n = bars.len().max(1);
    let height = 90 + ROW_HEIGHT * n as u32;
    let top = max
        .unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max) * 1.08)
        .max(1.0);
    let label_width = bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40) as u32
        * 8
        + 10;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", 20))
            .margin(8)
            .x_label_area_size(36)
            .y_label_area_size(label_width)
            .build_cartesian_2d(0f64..top, (0..n).into_segmented())
            .map_err(|e| err(&e))?;
        let labels: Vec<String> = bars.iter().map(|b| short(&b.label)).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&|v| match v {
                // The first bar on top.
                SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => n
                    .checked_sub(i + 1)
                    .and_then(|row| labels.get(row).cloned())
                    .unwrap_or_default(),
                SegmentValue::Last => String::new(),
            })
            .x_labels(6)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .x_desc(axis)
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 15))
            .draw()
            .map_err(|e| err(&e))?;
        chart
            .draw_series(bars.iter().enumerate().map(|(row, b)| {
                let i = n - 1 - row;
                let mut r = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(i)),
                        (b.value.min(top), SegmentValue::Exact(i + 1)),
                    ],
                    BAR_COLOR.filled(),
                );
                r.set_margin(2, 2, 0, 0);
                r
            }))
            .map_err(|e| err(&e))?;
        root.present().map_err(|e| err(&e))?;
    }
    Ok(inline(&svg))
}

/// A label as the axis shows it: at most 40 characters.
fn short(label: &str) -> String {
    if label.chars().count() <= 40 {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(39).collect();
        s.push('…');
        s
    }
}

/// The SVG as inline markup: HTML needs no namespace declaration, and the
/// page holds no URL of anywhere else.
fn inline(svg: &str) -> String {
    let svg = svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
    svg.replacen("<svg ", "<svg role=\"img\" class=\"chart\" ", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_svg_with_labels_and_no_urls() {
        let bars = [
            Bar {
                label: "users".into(),
                value: 12.5,
            },
            Bar {
                label: "a <b> & c".into(),
                value: 3.0,
            },
        ];
        let a = horizontal_bars("Findings", "per 100 pages", &bars, None).unwrap();
        let b = horizontal_bars("Findings", "per 100 pages", &bars, None).unwrap();
        assert_eq!(a, b, "deterministic");
        assert!(a.starts_with("<svg role=\"img\""), "{a}");
        assert!(a.contains(">\nusers\n<"), "{a}");
        assert!(!a.contains("<b>"), "labels are escaped: {a}");
        assert!(!a.contains("http"), "{a}");
        assert!(a.matches("<rect").count() >= 3, "{a}");
    }
}
