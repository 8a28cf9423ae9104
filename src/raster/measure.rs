//! Text widths from the fonts the PNG is drawn with: `FontMeasure`, the
//! command line's `layout::TextMeasure`.
//!
//! A line is shaped in the face `raster` draws it in (`Fonts::face_for`) as
//! usvg 0.49 shapes it (its `shape_text_with_font`): bidi runs on a
//! left-to-right base, harfrust, so Arabic letters are measured joined and
//! kerning is applied. The width is the sum of the advances. Without any
//! face, the `Estimator` measures.

use std::cell::RefCell;
use std::collections::HashMap;

use harfrust::{ShapeOptions, ShaperData, ShaperInstance, UnicodeBuffer, Variation};
use resvg::usvg::fontdb;
use skrifa::MetadataProvider;

use super::fonts::Fonts;
use crate::layout::{Estimator, TextMeasure};

/// Measures text with `Fonts`, as usvg will set it; widths are cached.
pub struct FontMeasure<'a> {
    fonts: &'a Fonts,
    /// Widths by (font list, text, bold, size's bits).
    cache: RefCell<HashMap<(String, String, bool, u64), Option<f64>>>,
}

impl<'a> FontMeasure<'a> {
    /// A measure over `fonts`.
    pub fn new(fonts: &'a Fonts) -> Self {
        FontMeasure { fonts, cache: RefCell::new(HashMap::new()) }
    }

    /// Width of `text` at `size` px in `families` (a CSS font-family list),
    /// or None when no face has a glyph for it.
    pub fn font_width(&self, families: &str, text: &str, size: f64, bold: bool) -> Option<f64> {
        let key = (families.to_owned(), text.to_owned(), bold, size.to_bits());
        if let Some(w) = self.cache.borrow().get(&key) {
            return *w;
        }
        let weight = if bold { 700 } else { 400 };
        let w = shape_line(self.fonts, &Fonts::families(families), text, size, weight);
        self.cache.borrow_mut().insert(key, w);
        w
    }
}

impl TextMeasure for FontMeasure<'_> {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.width_in(crate::theme::FONT_FAMILY, text, size, bold)
    }

    fn width_in(&self, family: &str, text: &str, size: f64, bold: bool) -> f64 {
        match self.font_width(family, text, size, bold) {
            Some(w) => w,
            None => Estimator.width(text, size, bold),
        }
    }

    fn clusters(&self, text: &str) -> Vec<usize> {
        Estimator.clusters(text)
    }
}

/// The width of `text` shaped in its face (`Fonts::face_for`). None when
/// there is no face at all.
fn shape_line(fonts: &Fonts, families: &[resvg::usvg::FontFamily], text: &str, size: f64, weight: u16) -> Option<f64> {
    advance(fonts, fonts.face_for(text, families, weight)?, text, size)
}

/// usvg's `shape_text_with_font`: the text in bidi runs (base direction
/// left to right, as usvg shapes), each shaped by harfrust with `id`'s face
/// at `size` px; the sum of the advances.
fn advance(fonts: &Fonts, id: fontdb::ID, text: &str, size: f64) -> Option<f64> {
    fonts.database().with_face_data(id, |data, index| {
        let font = harfrust::FontRef::from_index(data, index).ok()?;
        let units_per_em = font.metrics(skrifa::instance::Size::unscaled(), skrifa::instance::LocationRef::default()).units_per_em;
        // usvg rejects faces outside this range.
        if !(16..=16384).contains(&units_per_em) {
            return None;
        }
        let scale = size / f64::from(units_per_em);
        // usvg sets a face's optical size axis to the font size (CSS
        // `font-optical-sizing: auto`), which changes its advances.
        let opsz = skrifa::Tag::new(b"opsz");
        let variations: Vec<Variation> = match font.axes().get_by_tag(opsz) {
            Some(_) => vec![Variation { tag: opsz, value: size as f32 }],
            None => Vec::new(),
        };
        let instance = (!variations.is_empty()).then(|| ShaperInstance::from_variations(&font, &variations));
        let data = ShaperData::new(&font);
        let shaper = data.shaper(&font).instance(instance.as_ref()).build();

        let bidi = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
        let Some(paragraph) = bidi.paragraphs.first() else { return Some(0.0) };
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        let mut width = 0.0;
        for run in runs {
            let Some(sub) = text.get(run.clone()).filter(|s| !s.is_empty()) else { continue };
            let mut buffer = UnicodeBuffer::new();
            buffer.push_str(sub);
            buffer.set_direction(if levels[run.start].is_ltr() {
                harfrust::Direction::LeftToRight
            } else {
                harfrust::Direction::RightToLeft
            });
            buffer.guess_segment_properties();
            let output = shaper.shape(buffer, ShapeOptions::new());
            width += output.glyph_positions().iter().map(|p| f64::from(p.x_advance)).sum::<f64>() * scale;
        }
        Some(width)
    })?
}
