//! Hand-written SVG charts: heatmaps, bar charts and line charts. Plain strings, no drawing library: the output is
//! small, deterministic and renders the same in a browser and in [`crate::render_png`].

use std::fmt::Write as _;

/// The font families asked for in every chart: CJK fonts first so that Chinese labels render everywhere.
pub const FONT_FAMILY: &str =
    "'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/// Escape text for SVG/HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// How cell values map to colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColorScale {
    /// Blue below `center`, white at it, red above; saturated at `center ± limit`.
    Diverging {
        /// The neutral value.
        center: f64,
        /// Distance from the centre at which colours saturate.
        limit: f64,
    },
    /// As `Diverging` around 1 on a log2 scale (for location quotients): saturated at `2^±limit`.
    LogRatio {
        /// log2 distance from 1 at which colours saturate.
        limit: f64,
    },
}

impl ColorScale {
    /// Position of `v` on the scale, in -1..=1.
    pub fn position(&self, v: f64) -> f64 {
        let (x, limit) = match *self {
            ColorScale::Diverging { center, limit } => (v - center, limit),
            ColorScale::LogRatio { limit } => ((v.max(1e-9)).log2(), limit),
        };
        if limit <= 0.0 || !x.is_finite() {
            return 0.0;
        }
        (x / limit).clamp(-1.0, 1.0)
    }

    /// Fill colour of `v` as `#rrggbb`.
    pub fn color(&self, v: f64) -> String {
        let t = self.position(v);
        // Blue (#2166ac) ← white → red (#b2182b).
        let (r, g, b) = if t >= 0.0 { (0xb2, 0x18, 0x2b) } else { (0x21, 0x66, 0xac) };
        let a = t.abs();
        let mix = |c: u8| -> u8 { (255.0 + (f64::from(c) - 255.0) * a).round() as u8 };
        format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
    }

    /// True when a label on this value's cell should be white for contrast.
    pub fn dark(&self, v: f64) -> bool {
        self.position(v).abs() > 0.6
    }
}

/// A labelled matrix of values: rows × columns, a missing cell is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    /// Title above the chart.
    pub title: String,
    /// Row labels.
    pub rows: Vec<String>,
    /// Column labels.
    pub cols: Vec<String>,
    /// `values[row][col]`.
    pub values: Vec<Vec<Option<f64>>>,
}

impl Matrix {
    /// Every present value.
    pub fn present(&self) -> impl Iterator<Item = f64> + '_ {
        self.values.iter().flatten().filter_map(|v| *v).filter(|v| v.is_finite())
    }
}

/// Rough width of a label in pixels at `size`: Han and other wide characters count as one em, the rest as 0.6 em.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * size
}

/// A heatmap of `m` as a standalone SVG document, with a colour legend.
pub fn heatmap(m: &Matrix, scale: ColorScale, legend: &str) -> String {
    let cell_w = 46.0;
    let cell_h = 24.0;
    let font = 12.0;
    let left = m.rows.iter().map(|r| text_width(r, font)).fold(40.0, f64::max) + 16.0;
    let col_label = m.cols.iter().map(|c| text_width(c, font)).fold(40.0, f64::max);
    // Column labels are written at -45°: they need about 0.71 × their width above the grid.
    let top = 40.0 + col_label * 0.72 + 10.0;
    let grid_w = cell_w * m.cols.len() as f64;
    let grid_h = cell_h * m.rows.len() as f64;
    let legend_h = 60.0;
    let legend_w = left + 12.0 * 21.0 + 12.0 + text_width(legend, 11.0) + 10.0;
    let width = (left + grid_w + col_label * 0.72 + 20.0).max(legend_w).max(420.0);
    let height = top + grid_h + legend_h;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{}" font-size="{font}">"#,
        escape(FONT_FAMILY)
    );
    let _ = write!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = write!(s, r#"<text x="10" y="24" font-size="16" font-weight="bold">{}</text>"#, escape(&m.title));
    for (j, c) in m.cols.iter().enumerate() {
        let x = left + cell_w * (j as f64 + 0.5);
        let y = top - 6.0;
        let _ = write!(s, r#"<text x="{x:.1}" y="{y:.1}" transform="rotate(-45 {x:.1} {y:.1})">{}</text>"#, escape(c));
    }
    for (i, r) in m.rows.iter().enumerate() {
        let y = top + cell_h * i as f64;
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            left - 8.0,
            y + cell_h * 0.68,
            escape(r)
        );
        for (j, v) in m.values[i].iter().enumerate() {
            let x = left + cell_w * j as f64;
            match v {
                Some(v) if v.is_finite() => {
                    let _ = write!(
                        s,
                        r##"<rect x="{x:.1}" y="{y:.1}" width="{cell_w}" height="{cell_h}" fill="{}" stroke="#ffffff"><title>{} · {}: {v:.2}</title></rect>"##,
                        scale.color(*v),
                        escape(r),
                        escape(&m.cols[j])
                    );
                    let fill = if scale.dark(*v) { "#ffffff" } else { "#222222" };
                    let _ = write!(
                        s,
                        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="{fill}">{}</text>"#,
                        x + cell_w / 2.0,
                        y + cell_h * 0.66,
                        short_number(*v)
                    );
                }
                _ => {
                    let _ = write!(
                        s,
                        r##"<rect x="{x:.1}" y="{y:.1}" width="{cell_w}" height="{cell_h}" fill="#eeeeee" stroke="#ffffff"/>"##
                    );
                }
            }
        }
    }
    // Legend: a gradient of 21 steps.
    let ly = top + grid_h + 20.0;
    let steps = 21;
    let lw = 12.0;
    for k in 0..steps {
        let t = -1.0 + 2.0 * k as f64 / (steps - 1) as f64;
        let v = match scale {
            ColorScale::Diverging { center, limit } => center + t * limit,
            ColorScale::LogRatio { limit } => (t * limit).exp2(),
        };
        let _ = write!(
            s,
            r#"<rect x="{:.1}" y="{ly:.1}" width="{lw}" height="12" fill="{}"/>"#,
            left + lw * k as f64,
            scale.color(v)
        );
    }
    let (lo, hi) = match scale {
        ColorScale::Diverging { center, limit } => (center - limit, center + limit),
        ColorScale::LogRatio { limit } => ((-limit).exp2(), limit.exp2()),
    };
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" font-size="11">{}</text><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end">{}</text><text x="{:.1}" y="{:.1}" font-size="11">{}</text>"#,
        left,
        ly + 26.0,
        short_number(lo),
        left + lw * steps as f64,
        ly + 26.0,
        short_number(hi),
        left + lw * steps as f64 + 12.0,
        ly + 10.0,
        escape(legend)
    );
    s.push_str("</svg>\n");
    s
}

/// A number in at most four characters or so: `12`, `1.3`, `-0.4`.
pub fn short_number(v: f64) -> String {
    let s = if v.abs() >= 10.0 { format!("{v:.0}") } else { format!("{v:.1}") };
    // -0.04 rounds to "-0.0": show it as zero.
    match s.as_str() {
        "-0" => "0".into(),
        "-0.0" => "0.0".into(),
        _ => s,
    }
}

/// A horizontal bar chart of labelled values (inline SVG, no XML declaration). Negative values extend left.
pub fn bars(title: &str, items: &[(String, f64)], unit: &str) -> String {
    let font = 12.0;
    let bar_h = 16.0;
    let gap = 4.0;
    let left = items.iter().map(|(l, _)| text_width(l, font)).fold(40.0, f64::max) + 12.0;
    let plot_w = 360.0;
    let max = items.iter().map(|(_, v)| v.abs()).fold(0.0, f64::max);
    let has_neg = items.iter().any(|(_, v)| *v < 0.0);
    let zero_x = if has_neg { left + plot_w / 2.0 } else { left };
    let scale = if max > 0.0 {
        if has_neg {
            plot_w / 2.0 / max
        } else {
            plot_w / max
        }
    } else {
        0.0
    };
    let height = 30.0 + (bar_h + gap) * items.len() as f64 + 10.0;
    let width = left + plot_w + 70.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{}" font-size="{font}" role="img">"#,
        escape(FONT_FAMILY)
    );
    let _ = write!(s, r#"<text x="4" y="18" font-weight="bold">{}</text>"#, escape(title));
    for (i, (label, v)) in items.iter().enumerate() {
        let y = 30.0 + (bar_h + gap) * i as f64;
        let w = v.abs() * scale;
        let x = if *v < 0.0 { zero_x - w } else { zero_x };
        let fill = if *v < 0.0 { "#2166ac" } else { "#b2182b" };
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{bar_h}" fill="{fill}"><title>{}: {v:.3} {}</title></rect><text x="{:.1}" y="{:.1}" font-size="10">{v:.2}</text>"#,
            left - 6.0,
            y + bar_h * 0.8,
            escape(label),
            escape(label),
            escape(unit),
            zero_x.max(x + w) + 4.0,
            y + bar_h * 0.8,
        );
    }
    let _ =
        write!(s, r##"<line x1="{zero_x:.1}" y1="26" x2="{zero_x:.1}" y2="{:.1}" stroke="#555555"/>"##, height - 8.0);
    s.push_str("</svg>");
    s
}

/// One line of a [`line_chart`].
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// `(x, y)` points, x ascending.
    pub points: Vec<(f64, f64)>,
}

const PALETTE: [&str; 10] =
    ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/// A line chart of several series on shared axes, as a standalone SVG document.
pub fn line_chart(title: &str, y_label: &str, series: &[Series]) -> String {
    let font = 12.0;
    let (w, h) = (900.0, 480.0);
    let (left, right, top, bottom) = (60.0, 230.0, 40.0, 40.0);
    let xs = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let (x0, x1) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    let (x0, x1) = if x0.is_finite() && x1 > x0 { (x0, x1) } else { (0.0, 1.0) };
    let y1 = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(0.0, f64::max);
    let y1 = if y1 > 0.0 { nice_ceiling(y1) } else { 1.0 };
    let pw = w - left - right;
    let ph = h - top - bottom;
    let px = |x: f64| left + (x - x0) / (x1 - x0) * pw;
    let py = |y: f64| top + ph - y / y1 * ph;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}" font-size="{font}">"#,
        escape(FONT_FAMILY)
    );
    let _ = write!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = write!(s, r#"<text x="10" y="22" font-size="16" font-weight="bold">{}</text>"#, escape(title));
    for k in 0..=5 {
        let y = y1 * k as f64 / 5.0;
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#dddddd"/><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="10">{}</text>"##,
            left + pw,
            py(y),
            py(y),
            left - 4.0,
            py(y) + 3.0,
            trim_number(y)
        );
    }
    let span = (x1 - x0).max(1.0);
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0].into_iter().find(|st| span / st <= 12.0).unwrap_or(100.0);
    let mut x = (x0 / step).ceil() * step;
    while x <= x1 + 1e-9 {
        let _ = write!(
            s,
            r##"<line x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#555555"/><text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="10">{x:.0}</text>"##,
            px(x),
            px(x),
            top + ph,
            top + ph + 4.0,
            px(x),
            top + ph + 16.0
        );
        x += step;
    }
    let _ = write!(
        s,
        r##"<line x1="{left}" x2="{left}" y1="{top}" y2="{:.1}" stroke="#555555"/><line x1="{left}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#555555"/><text x="14" y="{:.1}" transform="rotate(-90 14 {:.1})" text-anchor="middle">{}</text>"##,
        top + ph,
        left + pw,
        top + ph,
        top + ph,
        top + ph / 2.0,
        top + ph / 2.0,
        escape(y_label)
    );
    for (i, se) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let pts: Vec<String> = se.points.iter().map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y))).collect();
        let _ = write!(
            s,
            r#"<polyline fill="none" stroke="{color}" stroke-width="1.8" points="{}"><title>{}</title></polyline>"#,
            pts.join(" "),
            escape(&se.label)
        );
        let ly = top + 14.0 + 18.0 * i as f64;
        let lx = left + pw + 16.0;
        let _ = write!(
            s,
            r#"<line x1="{lx:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="3"/><text x="{:.1}" y="{ly:.1}">{}</text>"#,
            lx + 18.0,
            ly - 4.0,
            ly - 4.0,
            lx + 24.0,
            escape(&se.label)
        );
    }
    s.push_str("</svg>\n");
    s
}

fn nice_ceiling(v: f64) -> f64 {
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

fn trim_number(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_scale_is_white_at_center_and_saturates() {
        let z = ColorScale::Diverging { center: 0.0, limit: 2.0 };
        assert_eq!(z.color(0.0), "#ffffff");
        assert_eq!(z.color(2.0), "#b2182b");
        assert_eq!(z.color(50.0), "#b2182b");
        assert_eq!(z.color(-2.0), "#2166ac");
        let lq = ColorScale::LogRatio { limit: 2.0 };
        assert_eq!(lq.color(1.0), "#ffffff");
        assert_eq!(lq.color(4.0), "#b2182b");
        assert_eq!(lq.color(0.25), "#2166ac");
        assert_eq!(lq.position(0.0), -1.0);
    }

    #[test]
    fn heatmap_escapes_labels_and_marks_missing_cells() {
        let m = Matrix {
            title: "z <test>".into(),
            rows: vec!["上海市".into(), "A&B".into()],
            cols: vec!["ai".into()],
            values: vec![vec![Some(1.5)], vec![None]],
        };
        let svg = heatmap(&m, ColorScale::Diverging { center: 0.0, limit: 3.0 }, "z");
        assert!(svg.contains("z &lt;test&gt;"));
        assert!(svg.contains(">上海市</text>"));
        assert!(svg.contains("A&amp;B"));
        assert!(svg.contains(r##"fill="#eeeeee""##));
        assert!(svg.contains(">1.5</text>"));
        assert_eq!(short_number(-0.04), "0.0");
        assert_eq!(short_number(-12.4), "-12");
    }

    #[test]
    fn line_chart_scales_points_into_the_plot() {
        let svg = line_chart(
            "t",
            "per 10k",
            &[Series { label: "人工智能".into(), points: vec![(2000.0, 0.0), (2020.0, 5.0)] }],
        );
        // x0 → left edge (60), x1 → 900 - 230 = 670; y 0 → bottom (440), y max 5 → top (40).
        assert!(svg.contains(r#"points="60.0,440.0 670.0,40.0""#), "{svg}");
        assert!(svg.contains("人工智能"));
    }

    #[test]
    fn bars_put_negative_values_left_of_zero() {
        let svg = bars("z", &[("a".into(), 2.0), ("b".into(), -1.0)], "z");
        assert!(svg.contains(r##"fill="#2166ac""##));
        assert!(svg.contains(r##"fill="#b2182b""##));
    }
}
