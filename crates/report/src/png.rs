//! SVG → PNG with resvg, with a font that has Chinese glyphs.

use std::path::Path;
use std::sync::Arc;

use resvg::usvg::fontdb;
use resvg::{tiny_skia, usvg};

use crate::ReportError;

/// Characters a font must have to draw the region labels.
const PROBE: [char; 4] = ['中', '省', '区', '疆'];

/// A font database of the system fonts (plus fonts under `GWR_FONT_DIR`, when set) and the family of a font in it
/// that has Chinese glyphs.
pub struct Fonts {
    db: Arc<fontdb::Database>,
    cjk_family: String,
}

impl Fonts {
    /// Load the system fonts and find a font with Chinese glyphs; an error when there is none.
    pub fn system() -> Result<Fonts, ReportError> {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let extra = std::env::var_os("GWR_FONT_DIR");
        if let Some(dir) = &extra {
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
            Some(cjk_family) => Ok(Fonts { db: Arc::new(db), cjk_family }),
            None => {
                Err(ReportError::NoCjkFont { hint: extra.map(|d| format!("GWR_FONT_DIR={}", Path::new(&d).display())) })
            }
        }
    }

    /// The family name of the font with Chinese glyphs.
    pub fn cjk_family(&self) -> &str {
        &self.cjk_family
    }
}

/// Render `svg` to PNG bytes at `scale` (2.0 for print), drawing text with `fonts`. `path` only names the image in
/// errors.
pub fn render_png(svg: &str, fonts: &Fonts, scale: f32, path: &Path) -> Result<Vec<u8>, ReportError> {
    let render_err = |message: String| ReportError::Render { path: path.to_path_buf(), message };
    let options =
        usvg::Options { font_family: fonts.cjk_family.clone(), fontdb: fonts.db.clone(), ..usvg::Options::default() };
    // Every family list ends in the CJK font, so labels never fall back to a font without the glyphs.
    let svg = svg.replace("sans-serif\"", &format!("'{}', sans-serif\"", fonts.cjk_family));
    let tree = usvg::Tree::from_str(&svg, &options).map_err(|e| render_err(e.to_string().to_lowercase()))?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| render_err("image size is zero".into()))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| render_err(format!("cannot allocate a {}x{} image", size.width(), size.height())))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| render_err(e.to_string().to_lowercase()))
}
