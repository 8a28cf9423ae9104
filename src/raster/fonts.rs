//! The fonts the command line draws and measures with: fontdb's database of
//! the system's fonts (and any `--font-dir`), and the one choice of a face
//! for a text. usvg calls that choice (through `Fonts::resolver`) when it
//! sets the PNG's text, and `raster::measure` calls the same choice when
//! layout measures it, so the widths layout planned for are the widths drawn.
//!
//! The chart's font list (`theme::FONT_FAMILY`) starts with names of other
//! systems' fonts (`system-ui`, Segoe UI, Roboto, Helvetica, Arial) and
//! falls through to Noto. Here `system-ui` and the generic families mean
//! Noto (`SANS`, `SERIF`, `MONO`), so the result does not depend on whether
//! a Helvetica happens to be installed; CJK and Arabic text falls back first
//! to the chart's own families (Noto Sans CJK SC, Noto Sans Arabic), then to
//! any font that has the character, in a fixed order.

use std::path::PathBuf;
use std::sync::Arc;

use resvg::usvg::{self, fontdb, FontFamily};

/// The family `sans-serif` and `system-ui` stand for: Latin, Greek and
/// Cyrillic (Debian's fonts-noto-core).
pub const SANS: &str = "Noto Sans";
/// The family `serif` stands for.
pub const SERIF: &str = "Noto Serif";
/// The family `monospace` stands for.
pub const MONO: &str = "Noto Sans Mono";

/// A font database and the order in which its faces are tried as fallbacks.
pub struct Fonts {
    db: Arc<fontdb::Database>,
    /// Every face, sorted by family name, style, weight, file and index:
    /// a directory's load order is the file system's, this one is fixed.
    order: Vec<fontdb::ID>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fonts({} faces)", self.order.len())
    }
}

impl Fonts {
    /// The system's fonts (fontconfig's directories) when `system`, and
    /// those under each of `dirs` (searched recursively).
    pub fn load(system: bool, dirs: &[PathBuf]) -> Fonts {
        let mut db = fontdb::Database::new();
        if system {
            db.load_system_fonts();
        }
        for dir in dirs {
            db.load_fonts_dir(dir);
        }
        db.set_sans_serif_family(SANS);
        db.set_serif_family(SERIF);
        db.set_monospace_family(MONO);
        db.set_cursive_family(SANS);
        db.set_fantasy_family(SANS);
        let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
        faces.sort_by(|a, b| {
            let key = |f: &fontdb::FaceInfo| {
                let family = f.families.first().map(|(name, _)| name.clone()).unwrap_or_default();
                let path = match &f.source {
                    fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                    fontdb::Source::Binary(_) => PathBuf::new(),
                };
                (family, f.style != fontdb::Style::Normal, f.weight.0, path, f.index)
            };
            key(a).cmp(&key(b))
        });
        let order = faces.iter().map(|f| f.id).collect();
        Fonts { db: Arc::new(db), order }
    }

    /// How many faces were found.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether no face was found at all.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The database (shared with usvg's options).
    pub fn database(&self) -> Arc<fontdb::Database> {
        Arc::clone(&self.db)
    }

    /// The families of a CSS `font-family` list, parsed as usvg parses the
    /// SVG's `font-family` attribute (svgtypes); `sans-serif` if it does not
    /// parse.
    pub fn families(css: &str) -> Vec<FontFamily> {
        svgtypes::parse_font_families(css).unwrap_or_else(|_| vec![FontFamily::SansSerif])
    }

    /// The face for text in `families` at `weight` (400 regular, 700 bold):
    /// the first family that has a face, its nearest weight; then Noto Sans.
    pub fn select(&self, families: &[FontFamily], weight: u16) -> Option<fontdb::ID> {
        let mut list: Vec<fontdb::Family<'_>> = families.iter().map(generic).collect();
        list.push(fontdb::Family::SansSerif);
        self.db.query(&fontdb::Query {
            families: &list,
            weight: fontdb::Weight(weight),
            stretch: fontdb::Stretch::Normal,
            style: fontdb::Style::Normal,
        })
    }

    /// A face for `c`, which none of `used` has (`used[0]` is the face the
    /// text was set in): the chart's own `families` first, at that face's
    /// weight; then any face with the character, same style, nearest weight,
    /// in the fixed order.
    pub fn fallback(&self, c: char, used: &[fontdb::ID], families: &[FontFamily]) -> Option<fontdb::ID> {
        let base = self.db.face(*used.first()?)?;
        for family in families {
            if let Some(id) = self.select(std::slice::from_ref(family), base.weight.0) {
                if !used.contains(&id) && self.has_char(id, c) {
                    return Some(id);
                }
            }
        }
        self.order
            .iter()
            .filter_map(|id| self.db.face(*id))
            .filter(|f| f.style == base.style && !used.contains(&f.id))
            .filter(|f| self.has_char(f.id, c))
            .min_by_key(|f| f.weight.0.abs_diff(base.weight.0))
            .map(|f| f.id)
    }

    /// Whether face `id` has a glyph for `c` (usvg's own test: the cmap).
    pub fn has_char(&self, id: fontdb::ID, c: char) -> bool {
        self.db
            .with_face_data(id, |data, index| {
                skrifa::FontRef::from_index(data, index)
                    .ok()
                    .and_then(|font| skrifa::charmap::Charmap::new(&font).map(c))
                    .is_some()
            })
            .unwrap_or(false)
    }

    /// usvg's font resolver for a chart whose texts are all in `families`
    /// (a scene has one font list): `select` and `fallback` above.
    pub fn resolver(&self, families: &str) -> usvg::FontResolver<'_> {
        let families = Fonts::families(families);
        usvg::FontResolver {
            select_font: Box::new(move |font, _| self.select(font.families(), font.weight())),
            select_fallback: Box::new(move |c, used, _| self.fallback(c, used, &families)),
        }
    }
}

/// fontdb's name for a family; `system-ui` is the generic sans-serif.
fn generic(family: &FontFamily) -> fontdb::Family<'_> {
    match family {
        FontFamily::Serif => fontdb::Family::Serif,
        FontFamily::SansSerif => fontdb::Family::SansSerif,
        FontFamily::Cursive => fontdb::Family::Cursive,
        FontFamily::Fantasy => fontdb::Family::Fantasy,
        FontFamily::Monospace => fontdb::Family::Monospace,
        FontFamily::Named(name) if name.eq_ignore_ascii_case("system-ui") => fontdb::Family::SansSerif,
        FontFamily::Named(name) => fontdb::Family::Name(name),
    }
}
