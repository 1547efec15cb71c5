//! SVG → PNG with resvg, with a font that has Chinese glyphs.

use std::path::Path;
use std::sync::Arc;

use resvg::usvg::fontdb;
use resvg::{tiny_skia, usvg};

use crate::ReportError;

/// Characters a font must have to draw the region labels.
const PROBE: [char; 4] = ['中', '省', '区', '疆'];

/// A font database of the system fonts (plus fonts under `GWR_FONT_DIR`, when set) and the family of a font in it
/// that has Chinese glyphs, if any.
pub struct Fonts {
    db: Arc<fontdb::Database>,
    cjk_family: String,
    has_cjk: bool,
}

/// Set (non-empty) to leave the system's fonts out of the database, as on a machine with no font installed: only
/// the fonts under `GWR_FONT_DIR` are loaded. For tests of the fallback without a Chinese font.
pub const NO_SYSTEM_FONTS_ENV: &str = "GWR_NO_SYSTEM_FONTS";

impl Fonts {
    /// Load the system fonts and find a font with Chinese glyphs; an error when there is none.
    pub fn system() -> Result<Fonts, ReportError> {
        let extra = std::env::var_os("GWR_FONT_DIR");
        let fonts = Fonts::available();
        if fonts.has_cjk {
            Ok(fonts)
        } else {
            Err(ReportError::NoCjkFont { hint: extra.map(|d| format!("GWR_FONT_DIR={}", Path::new(&d).display())) })
        }
    }

    /// Load the system fonts and find a font with Chinese glyphs. Never fails: without such a font, [`Fonts::has_cjk`]
    /// is false and text is drawn with whatever font there is (none at all: no text in the image), so a report
    /// draws its PNG with Latin labels instead ([`crate::Report::write`]).
    pub fn available() -> Fonts {
        let system = std::env::var_os(NO_SYSTEM_FONTS_ENV).is_none_or(|v| v.is_empty());
        let extra = std::env::var_os("GWR_FONT_DIR").map(std::path::PathBuf::from);
        Fonts::load(system, extra.as_deref())
    }

    /// [`Fonts::available`] from the system's fonts (when `system`) and the fonts under `dir`.
    pub fn load(system: bool, dir: Option<&Path>) -> Fonts {
        let mut db = fontdb::Database::new();
        if system {
            db.load_system_fonts();
        }
        if let Some(dir) = dir {
            db.load_fonts_dir(dir);
        }
        let mut found = None;
        // Prefer well-known CJK sans fonts, then any font with the glyphs.
        let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
        faces.sort_by_key(|f| {
            let name = f.families.first().map(|(n, _)| n.as_str()).unwrap_or("");
            let preferred = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Noto Sans SC", "Source Han Sans SC"];
            (preferred.iter().position(|p| *p == name).unwrap_or(preferred.len()), name.to_string())
        });
        for face in faces {
            let has = db
                .with_face_data(face.id, |data, index| {
                    ttf_parser::Face::parse(data, index)
                        .map(|f| PROBE.iter().all(|&c| f.glyph_index(c).is_some()))
                        .unwrap_or(false)
                })
                .unwrap_or(false);
            if has {
                found = face.families.first().map(|(n, _)| n.clone());
                break;
            }
        }
        match found {
            Some(cjk_family) => Fonts { db: Arc::new(db), cjk_family, has_cjk: true },
            None => {
                // Any font at all, for Latin labels: a sans one by preference.
                let mut families: Vec<String> =
                    db.faces().filter_map(|f| f.families.first().map(|(n, _)| n.clone())).collect();
                families.sort_by_key(|n| (!n.contains("Sans"), n.clone()));
                let cjk_family = families.into_iter().next().unwrap_or_default();
                Fonts { db: Arc::new(db), cjk_family, has_cjk: false }
            }
        }
    }

    /// The family name of the font with Chinese glyphs (without one, of the font Latin text is drawn with; empty
    /// when there is no font at all).
    pub fn cjk_family(&self) -> &str {
        &self.cjk_family
    }

    /// Whether a font with Chinese glyphs was found.
    pub fn has_cjk(&self) -> bool {
        self.has_cjk
    }

    /// Whether any font was found (without one, images have no text).
    pub fn has_any(&self) -> bool {
        !self.cjk_family.is_empty()
    }
}

/// Render `svg` to PNG bytes at `scale` (2.0 for print), drawing text with `fonts`. `path` only names the image in
/// errors.
pub fn render_png(svg: &str, fonts: &Fonts, scale: f32, path: &Path) -> Result<Vec<u8>, ReportError> {
    let render_err = |message: String| ReportError::Render { path: path.to_path_buf(), message };
    let options =
        usvg::Options { font_family: fonts.cjk_family.clone(), fontdb: fonts.db.clone(), ..usvg::Options::default() };
    // Every family list ends in the CJK font, so labels never fall back to a font without the glyphs.
    let svg = if fonts.cjk_family.is_empty() {
        svg.to_string()
    } else {
        svg.replace("sans-serif\"", &format!("'{}', sans-serif\"", fonts.cjk_family))
    };
    let tree = usvg::Tree::from_str(&svg, &options).map_err(|e| render_err(e.to_string().to_lowercase()))?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| render_err("image size is zero".into()))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| render_err(format!("cannot allocate a {}x{} image", size.width(), size.height())))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| render_err(e.to_string().to_lowercase()))
}
