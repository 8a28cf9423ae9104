//! What surrounds the plot: title, subtitle and legend above; source and note below.

use super::text::wrap;
use super::{Anchor, Builder, TextMeasure};
use crate::error::Warning;
use crate::model::Chart;

/// Font sizes and line heights of the chrome, for a given chart width.
pub(crate) struct Sizes {
    pub title: f64,
    pub subtitle: f64,
    pub small: f64,
}

impl Sizes {
    pub fn for_width(width: f64) -> Sizes {
        if width < 320.0 {
            // Small multiples and the narrowest phones: a title that keeps
            // to one line more often, still above every other text.
            Sizes { title: 15.0, subtitle: 12.0, small: 12.0 }
        } else if width < 480.0 {
            Sizes { title: 17.0, subtitle: 13.0, small: 12.0 }
        } else {
            Sizes { title: 20.0, subtitle: 14.0, small: 12.0 }
        }
    }
}

/// One block of wrapped lines.
struct Block {
    lines: Vec<String>,
    size: f64,
    bold: bool,
}

/// Legend entries laid out in rows: (row, x, name, colour).
struct LegendEntry {
    row: usize,
    x: f64,
    name: String,
    color: crate::theme::Rgba,
}

/// The measured chrome of a chart.
pub(crate) struct Chrome {
    pub pad: f64,
    pub header_height: f64,
    pub footer_height: f64,
    title: Option<Block>,
    subtitle: Option<Block>,
    legend: Vec<LegendEntry>,
    footer: Vec<Block>,
    warnings: Vec<Warning>,
}

/// Line height as a multiple of the font size.
pub(crate) const LINE: f64 = 1.3;

/// The warning for a text of the spec at `path` that was cut with "…"
/// because it did not fit in `lines` lines.
pub(crate) fn shortened(path: impl Into<String>, lines: usize) -> Warning {
    let unit = if lines == 1 { "line" } else { "lines" };
    Warning::at(path, format!("shortened to {lines} {unit} to fit; it ends in \u{2026}"))
}

/// Warns (`shortened`) when `lines`, wrapped from `text`, were cut.
pub(crate) fn warn_if_cut(b: &mut Builder, path: impl Into<String>, lines: &[String], text: &str) {
    if lines.last().is_some_and(|l| l.ends_with('\u{2026}')) && !text.trim_end().ends_with('\u{2026}') {
        b.warnings.push(shortened(path, lines.len()));
    }
}

/// The spec path of point `pi` of series `si`'s `field` ("data[3].note",
/// "series[1].data[0].label").
/// The spec path of a field of the `pi`-th drawn point of series `si`: its
/// place in the spec's list, which sorting by `x` may have changed.
pub(crate) fn point_path(chart: &Chart, si: usize, pi: usize, field: &str) -> String {
    let about = chart.series.get(si).and_then(|s| s.points.get(pi)).and_then(|p| p.about.as_deref());
    let pi = about.map_or(pi, |a| a.index);
    if chart.series.len() == 1 {
        format!("data[{pi}].{field}")
    } else {
        format!("series[{si}].data[{pi}].{field}")
    }
}
const LEGEND_SWATCH: f64 = 12.0;
const LEGEND_ROW: f64 = 20.0;

impl Chrome {
    pub fn measure(chart: &Chart, width: f64, m: &dyn TextMeasure) -> Chrome {
        let pad = if width < 480.0 { 10.0 } else { 16.0 };
        let s = Sizes::for_width(width);
        let inner = width - 2.0 * pad;
        let mut warnings = Vec::new();
        let mut block = |path: &str, text: &Option<String>, size: f64, bold: bool, max_lines: usize| {
            text.as_ref().filter(|t| !t.trim().is_empty()).map(|t| {
                let (lines, cut) = wrap(m, t, size, bold, inner, max_lines);
                if cut {
                    warnings.push(shortened(path, max_lines));
                }
                Block { lines, size, bold }
            })
        };
        let title = block("title", &chart.title, s.title, true, 4);
        let subtitle = block("subtitle", &chart.subtitle, s.subtitle, false, 4);
        let w = crate::i18n::words(chart.lang);
        let (src_prefix, note_prefix) = (w.source, w.note);
        let source = chart.source.as_ref().map(|t| format!("{src_prefix}{t}"));
        let note = chart.note.as_ref().map(|t| format!("{note_prefix}{t}"));
        // Notes and sources keep their words on a phone: up to eight lines each.
        let footer: Vec<Block> = [block("note", &note, s.small, false, 8), block("source", &source, s.small, false, 8)]
            .into_iter()
            .flatten()
            .collect();

        // Legend: only for several series; entries wrap onto new rows.
        let mut legend = Vec::new();
        let mut legend_rows = 0;
        if chart.series.len() > 1 {
            let (mut x, mut row) = (0.0, 0);
            for (si, series) in chart.series.iter().enumerate() {
                let max_name = inner - LEGEND_SWATCH - 6.0;
                let (mut lines, cut) = wrap(m, &series.name, s.small, false, max_name, 1);
                if cut {
                    warnings.push(shortened(format!("series[{si}].name"), 1));
                }
                let name = lines.pop().unwrap_or_default();
                let w = LEGEND_SWATCH + 6.0 + m.width(&name, s.small, false);
                if x > 0.0 && x + w > inner {
                    row += 1;
                    x = 0.0;
                }
                legend.push(LegendEntry { row, x, name, color: series.color });
                x += w + 16.0;
            }
            legend_rows = row + 1;
        }

        let lh = |b: &Option<Block>| b.as_ref().map_or(0.0, |b| b.lines.len() as f64 * b.size * LINE);
        let mut header_height = pad + lh(&title) + lh(&subtitle);
        if title.is_some() || subtitle.is_some() {
            header_height += 8.0;
        }
        header_height += legend_rows as f64 * LEGEND_ROW;
        if legend_rows > 0 {
            header_height += 6.0;
        }
        let footer_lines: f64 = footer.iter().map(|b| b.lines.len() as f64 * b.size * LINE).sum();
        let footer_height = if footer.is_empty() { pad } else { 10.0 + footer_lines + pad };
        Chrome { pad, header_height, footer_height, title, subtitle, legend, footer, warnings }
    }

    pub fn draw(&self, b: &mut Builder, chart: &Chart, total_h: f64) {
        let theme = &chart.theme;
        let mut y = self.pad;
        for (block, color) in [(&self.title, theme.title), (&self.subtitle, theme.text)] {
            if let Some(block) = block {
                let lh = block.size * LINE;
                for line in &block.lines {
                    b.text(self.pad, y + lh / 2.0, line, block.size, block.bold, color, Anchor::Start);
                    y += lh;
                }
            }
        }
        if self.title.is_some() || self.subtitle.is_some() {
            y += 8.0;
        }
        for e in &self.legend {
            let cy = y + e.row as f64 * LEGEND_ROW + LEGEND_ROW / 2.0;
            b.rect(self.pad + e.x, cy - LEGEND_SWATCH / 2.0, LEGEND_SWATCH, LEGEND_SWATCH, e.color);
            b.text(self.pad + e.x + LEGEND_SWATCH + 6.0, cy, &e.name, 12.0, false, theme.text, Anchor::Start);
        }
        // Footer, bottom-aligned.
        let mut y = total_h - self.footer_height + 10.0;
        for block in &self.footer {
            let lh = block.size * LINE;
            for line in &block.lines {
                b.text(self.pad, y + lh / 2.0, line, block.size, false, theme.muted, Anchor::Start);
                y += lh;
            }
        }
        b.warnings.extend(self.warnings.iter().cloned());
    }
}
