//! The fonts the command line draws and measures with: fontdb's database of
//! the system's fonts (and any `--font-dir`), and the one choice of a face
//! for each text, `Fonts::face_for`. `raster` writes each text in that
//! face's family for usvg (`raster::tspans`), and `raster::measure` shapes
//! it in that face, so the widths layout planned for are those drawn.
//!
//! One face per text, not a face per character as browsers fall back:
//! usvg's own fallback shapes the line again in the fallback face and
//! keeps its glyphs only if the glyph counts match (an Arabic face with
//! lam-alef ligatures never matches, and the Arabic was left as missing
//! glyphs), and usvg 0.49 panics when it merges `<tspan>`s of different
//! faces in right-to-left text. So a text takes the first of the chart's
//! faces that has all its characters: Noto Sans for Latin and Cyrillic,
//! Noto Sans CJK SC for Chinese (figures and Latin in it too), Noto Sans
//! Arabic for Arabic, DejaVu Sans where Arabic and Latin letters meet.
//!
//! The chart's font list (`theme::FONT_FAMILY`) starts with names of other
//! systems' fonts (`system-ui`, Segoe UI, Roboto, Helvetica, Arial) and
//! falls through to Noto. Here `system-ui` and the generic families mean
//! Noto (`SANS`, `SERIF`, `MONO`), so the result does not depend on whether
//! a Helvetica happens to be installed; CJK and Arabic text falls back first
//! to the chart's own families (Noto Sans CJK SC, Noto Sans Arabic), then to
//! any font that has the character, in a fixed order.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

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
    /// Which faces have which characters (`has_char`, asked for every
    /// character of every text).
    cmap: Mutex<HashMap<(fontdb::ID, char), bool>>,
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
        Fonts { db: Arc::new(db), order, cmap: Mutex::new(HashMap::new()) }
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
        if let Some(known) = self.cmap.lock().ok().and_then(|m| m.get(&(id, c)).copied()) {
            return known;
        }
        let has = self
            .db
            .with_face_data(id, |data, index| {
                skrifa::FontRef::from_index(data, index)
                    .ok()
                    .and_then(|font| skrifa::charmap::Charmap::new(&font).map(c))
                    .is_some()
            })
            .unwrap_or(false);
        if let Ok(mut m) = self.cmap.lock() {
            m.insert((id, c), has);
        }
        has
    }

    /// The one face `text` is set in, in `families` at `weight`: of the
    /// chart's own faces (the primary, `select`, then each family's), the
    /// first that has every visible character, else the one with the most;
    /// a face outside the list (`fallback`) only if it has more. What the
    /// face lacks is drawn as its missing glyph, and measured so. None when
    /// there is no face at all.
    pub fn face_for(&self, text: &str, families: &[FontFamily], weight: u16) -> Option<fontdb::ID> {
        let primary = self.select(families, weight)?;
        let visible: Vec<char> = text.chars().filter(|c| !invisible(*c)).collect();
        let covers = |id: fontdb::ID| visible.iter().filter(|c| self.has_char(id, **c)).count();
        let mut own = vec![primary];
        for family in families {
            match self.select(std::slice::from_ref(family), weight) {
                Some(id) if !own.contains(&id) => own.push(id),
                _ => {}
            }
        }
        let (mut best, mut most) = (primary, covers(primary));
        for id in own.iter().skip(1) {
            if most == visible.len() {
                break;
            }
            let n = covers(*id);
            if n > most {
                (best, most) = (*id, n);
            }
        }
        if let Some(lacking) = visible.iter().find(|c| !self.has_char(best, **c)) {
            if let Some(other) = self.fallback(*lacking, &own, families) {
                if covers(other) > most {
                    best = other;
                }
            }
        }
        Some(best)
    }

    /// The family name that selects `id` (its English name, as usvg reads it).
    pub fn family_of(&self, id: fontdb::ID) -> Option<&str> {
        let face = self.db.face(id)?;
        let english = face.families.iter().find(|f| f.1 == fontdb::Language::English_UnitedStates);
        english.or(face.families.first()).map(|f| f.0.as_str())
    }

    /// usvg's font resolver: `select` for each `<text>` and `<tspan>`, and
    /// no fallback of its own (`raster` has named each text's face, chosen
    /// by `face_for`; what it lacks is drawn missing, as it was measured).
    pub fn resolver(&self) -> usvg::FontResolver<'_> {
        usvg::FontResolver {
            select_font: Box::new(move |font, _| self.select(font.families(), font.weight())),
            select_fallback: Box::new(|_, _, _| None),
        }
    }
}

/// Characters drawn as nothing that belong with their neighbours' face:
/// zero-width spaces and joiners, bidi marks, embeddings and isolates,
/// variation selectors, combining accents.
fn invisible(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFE00..=0xFE0F | 0xFEFF)
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
