//! Which region a document is about, at every level: the State Council, a province, a prefecture or a county.
//!
//! Sources, in order: the region metadata column, the file name (for a table row, the row's title first), the
//! report's own title block (the lines of its heading before the body, e.g. `合肥市2024年政府工作报告` or
//! `——在合肥市第十七届人民代表大会…`), the province-level name of the heading (as before cities were known), the
//! parent folders, else nothing. The first source that names a region decides; a source that names two regions
//! of the same level (`合肥_芜湖.txt`) or a name it cannot resolve (`鼓楼区` with no city nearby) is flagged and
//! the document is left unknown, never guessed. Within a source the most specific unit wins (`安徽省合肥市肥西县` is
//! Feixi), so a province the body mentions never wins over the city the title names.
//!
//! A name that denotes several units is resolved by the provinces and prefectures named elsewhere in the
//! document's sources (its folders, title, file name, heading): `鼓楼区` under a `南京市` folder is 320106; `海南`
//! with `青海` nearby is the prefecture 海南州; without such a hint a name shared by a province and a prefecture
//! (吉林, 海南) is taken as the province and flagged, and any other shared name is flagged and left unknown.

use gwr_core::Span;
use gwr_dict::divisions::{Division, DivisionLevel, Divisions};
use gwr_dict::regions::{Gazetteer, Level, Region};
use std::collections::BTreeSet;

/// The level of an identified region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceLevel {
    /// The State Council (`CN`).
    National,
    /// A provincial-level region (省, 直辖市, 自治区, SAR).
    Province,
    /// A prefecture-level division.
    Prefecture,
    /// A county-level division (districts included).
    County,
}

impl PlaceLevel {
    /// `national`, `province`, `prefecture` or `county`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceLevel::National => "national",
            PlaceLevel::Province => "province",
            PlaceLevel::Prefecture => "prefecture",
            PlaceLevel::County => "county",
        }
    }
}

/// The region a document was identified with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// ISO 3166-2:CN code for provinces, `CN` for the national level, the six-digit adcode below.
    pub code: String,
    /// Standard full name (the current one for a renamed unit).
    pub name: String,
    /// Level.
    pub level: PlaceLevel,
    /// GB/T 2260 code (`340000`, `340100`); empty for the national level and regions outside the table.
    pub adcode: String,
    /// The province's ISO code for prefectures and counties, `CN` for provinces, empty for the national level.
    pub parent: String,
}

/// Where the region of a document may be read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sources<'a> {
    /// The region metadata value (the `--region-column`, else a city column, else a province column).
    pub column: Option<&'a str>,
    /// Other region metadata that narrows the column's value (a province column beside a city column).
    pub column_hint: Option<&'a str>,
    /// The title metadata.
    pub title: Option<&'a str>,
    /// True for a row of a table: its own title is read before the file name, which all rows share.
    pub title_first: bool,
    /// The file name.
    pub file_name: &'a str,
    /// The parent folders, relative to the input root.
    pub folders: &'a str,
    /// The document's text (its heading is read).
    pub text: &'a str,
    /// The year of the report, when known: picks among units of one name valid in different years.
    pub year: Option<u16>,
}

/// The outcome of [`identify`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identified {
    /// The region, when one was found.
    pub place: Option<Place>,
    /// A region metadata value found nowhere in the gazetteer, kept as given (the code is `x:<value>`).
    pub unlisted: Option<String>,
    /// What is worth knowing: renamed or abolished units, names taken by default, names not resolved.
    pub flags: Vec<String>,
}

#[derive(Clone, Copy, Debug)]
enum Unit<'g> {
    Region(&'g Region),
    Division(&'g Division),
}

impl<'g> Unit<'g> {
    fn level(self) -> PlaceLevel {
        match self {
            Unit::Region(r) if r.level == Level::National => PlaceLevel::National,
            Unit::Region(_) => PlaceLevel::Province,
            Unit::Division(d) => match d.level {
                DivisionLevel::Province => PlaceLevel::Province,
                DivisionLevel::Prefecture => PlaceLevel::Prefecture,
                DivisionLevel::County => PlaceLevel::County,
            },
        }
    }

    /// The identity of the unit: ISO code or adcode.
    fn key(self) -> &'g str {
        match self {
            Unit::Region(r) => &r.code,
            Unit::Division(d) => &d.adcode,
        }
    }

    /// The ISO code of its province.
    fn province(self) -> Option<&'g str> {
        match self {
            Unit::Region(r) if r.level != Level::National => Some(&r.code),
            Unit::Region(_) => None,
            Unit::Division(d) => Divisions::builtin().province_iso(d),
        }
    }

    /// The adcode of the prefecture it is or lies in.
    fn prefecture(self) -> Option<&'g str> {
        match self {
            Unit::Division(d) if d.level == DivisionLevel::Prefecture => Some(&d.adcode),
            Unit::Division(d) => Divisions::builtin().prefecture_of(d).map(|p| p.adcode.as_str()),
            Unit::Region(_) => None,
        }
    }

    fn is_current(self) -> bool {
        match self {
            Unit::Region(_) => true,
            Unit::Division(d) => d.is_current(),
        }
    }

    fn valid_in(self, year: u16) -> bool {
        match self {
            Unit::Region(_) => true,
            Unit::Division(d) => d.valid_in(year),
        }
    }

    /// `340100 合肥市` for flags.
    fn label(self) -> String {
        match self {
            Unit::Region(r) => format!("{} {}", r.code, r.zh),
            Unit::Division(d) => {
                let divisions = Divisions::builtin();
                let prefecture = divisions.prefecture_of(d).map(|p| p.name.as_str()).unwrap_or_default();
                let province = divisions.get(&format!("{}0000", &d.adcode[..2])).map(|p| p.name.as_str());
                format!("{} {}{}{}", d.adcode, province.unwrap_or_default(), prefecture, d.name)
            }
        }
    }
}

/// A name found in a text and the units it may denote.
struct Mention<'g> {
    surface: String,
    units: Vec<Unit<'g>>,
}

/// Every region name in `text` (provinces and the national level from the gazetteer, prefectures and counties
/// from the division table), leftmost-longest across both; a span both name (吉林) lists every unit.
fn mentions(text: &str) -> Vec<Mention<'static>> {
    let mut all: Vec<(Span, Vec<Unit<'static>>)> =
        Gazetteer::builtin().find_all_in(text).into_iter().map(|(r, s)| (s, vec![Unit::Region(r)])).collect();
    all.extend(
        Divisions::builtin()
            .find_all_in(text)
            .into_iter()
            .map(|(rows, s)| (s, rows.into_iter().map(Unit::Division).collect())),
    );
    all.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<(Span, Vec<Unit<'static>>)> = Vec::new();
    let mut pos = 0;
    for (span, units) in all {
        match out.last_mut() {
            Some((last, last_units)) if *last == span => last_units.extend(units),
            _ if span.start >= pos => {
                pos = span.end;
                out.push((span, units));
            }
            _ => {}
        }
    }
    out.into_iter().map(|(span, units)| Mention { surface: span.slice(text).to_string(), units }).collect()
}

/// The units a lookup of a whole value gives (`合肥`, `Hefei`, `340100`, `CN-AH`, `安徽省`).
fn named(value: &str) -> Vec<Unit<'static>> {
    let mut units: Vec<Unit<'static>> = Gazetteer::builtin().lookup(value).map(Unit::Region).into_iter().collect();
    units.extend(Divisions::builtin().named(value).into_iter().map(Unit::Division));
    units
}

/// Provinces and prefectures named without ambiguity somewhere in the document's sources.
#[derive(Debug, Default)]
struct Hints {
    provinces: BTreeSet<&'static str>,
    prefectures: BTreeSet<&'static str>,
}

impl Hints {
    fn add(&mut self, units: &[Unit<'static>]) {
        let keys: BTreeSet<&str> = units.iter().map(|u| u.key()).collect();
        if keys.len() != 1 {
            return;
        }
        let u = units[0];
        self.provinces.extend(u.province());
        self.prefectures.extend(u.prefecture());
    }

    fn add_text(&mut self, text: &str) {
        for m in mentions(text) {
            self.add(&m.units);
        }
    }
}

/// What one name resolves to.
enum Pick<'g> {
    One(Unit<'g>, Option<String>),
    Ambiguous(Vec<Unit<'g>>),
}

fn resolve(surface: &str, units: &[Unit<'static>], hints: &Hints, year: Option<u16>) -> Pick<'static> {
    let mut seen = BTreeSet::new();
    let mut cands: Vec<Unit<'static>> = units.iter().copied().filter(|u| seen.insert(u.key())).collect();
    let narrow = |cands: &mut Vec<Unit<'static>>, keep: &dyn Fn(Unit<'static>) -> bool| {
        if cands.len() > 1 && cands.iter().any(|&u| keep(u)) {
            cands.retain(|&u| keep(u));
        }
    };
    match year {
        Some(y) => narrow(&mut cands, &|u| u.valid_in(y)),
        None => narrow(&mut cands, &|u| u.is_current()),
    }
    narrow(&mut cands, &|u| u.level() != PlaceLevel::National);
    narrow(&mut cands, &|u| {
        u.level() == PlaceLevel::County && u.prefecture().is_some_and(|p| hints.prefectures.contains(p))
    });
    narrow(&mut cands, &|u| u.province().is_some_and(|p| hints.provinces.contains(p)));
    if cands.len() == 1 {
        return Pick::One(cands[0], None);
    }
    if let Some(&province) = cands.iter().find(|u| u.level() == PlaceLevel::Province) {
        let others: Vec<String> = cands.iter().filter(|u| u.key() != province.key()).map(|u| u.label()).collect();
        let note = format!("{surface:?} taken as {}; it also names {}", province.label(), others.join(", "));
        return Pick::One(province, Some(note));
    }
    Pick::Ambiguous(cands)
}

/// What one source says.
enum Found {
    Nothing,
    One(Unit<'static>, Vec<String>),
    /// A flag saying why no region is taken from this source.
    Unresolved(String),
}

/// The region `text` names: the most specific unit among its names, each resolved with `hints`.
fn found_in(where_: &str, ms: &[Mention<'static>], hints: &Hints, year: Option<u16>) -> Found {
    let non_national = ms.iter().any(|m| m.units.iter().any(|u| u.level() != PlaceLevel::National));
    let mut picks: Vec<(&str, Unit<'static>, Option<String>)> = Vec::new();
    let mut ambiguous: Vec<(&str, Vec<Unit<'static>>)> = Vec::new();
    for m in ms {
        if non_national && m.units.iter().all(|u| u.level() == PlaceLevel::National) {
            continue;
        }
        match resolve(&m.surface, &m.units, hints, year) {
            Pick::One(u, note) => picks.push((&m.surface, u, note)),
            Pick::Ambiguous(units) => ambiguous.push((&m.surface, units)),
        }
    }
    let deepest =
        picks.iter().map(|p| p.1.level()).chain(ambiguous.iter().flat_map(|a| a.1.iter().map(|u| u.level()))).max();
    let Some(deepest) = deepest else { return Found::Nothing };
    if let Some((surface, units)) = ambiguous.iter().find(|a| a.1.iter().any(|u| u.level() == deepest)) {
        let labels: Vec<String> = units.iter().map(|u| u.label()).collect();
        return Found::Unresolved(format!(
            "ambiguous region name {surface:?} in the {where_}: {}; name the province or city nearby",
            labels.join(", ")
        ));
    }
    let mut keys = BTreeSet::new();
    let at_deepest: Vec<&(&str, Unit<'static>, Option<String>)> =
        picks.iter().filter(|p| p.1.level() == deepest && keys.insert(p.1.key())).collect();
    if at_deepest.len() > 1 {
        let named: Vec<String> = at_deepest.iter().map(|p| format!("{} ({})", p.0, p.1.label())).collect();
        return Found::Unresolved(format!("the {where_} names several regions: {}; not guessed", named.join(", ")));
    }
    let (_, unit, note) = at_deepest[0];
    Found::One(*unit, note.iter().cloned().collect())
}

/// Names of the national level too common in other reports (高于全国, 中国式现代化) to identify a report by.
const WEAK_NATIONAL: &[&str] = &["全国", "全國", "中国", "中國", "china", "chine"];

/// The report's own title block: the lines of its heading before the body begins (a line opening with 各位代表 or
/// a paragraph longer than 80 characters), at most 12 lines.
pub fn title_block(text: &str) -> &str {
    let head = crate::detect::heading(text);
    let mut end = 0;
    for (n, line) in head.split_inclusive('\n').enumerate() {
        let t = line.trim();
        if n >= 12 || t.starts_with("各位代表") || t.starts_with("各位委员") || t.chars().count() > 80 {
            break;
        }
        end += line.len();
    }
    &head[..end]
}

/// Names found in a file name, or, when none is, the whole-word lookups of its parts (`2024_肥西.txt`,
/// `hefei-2024.txt`): short names of counties are only taken whole.
fn file_name_mentions(name: &str) -> Vec<Mention<'static>> {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let found = mentions(stem);
    if !found.is_empty() {
        return found;
    }
    stem.split(|c: char| !c.is_alphanumeric() || c.is_ascii_digit())
        .filter(|t| t.chars().count() >= 2)
        .filter_map(|t| {
            let units = named(t);
            (!units.is_empty()).then(|| Mention { surface: t.to_string(), units })
        })
        .collect()
}

/// The place of a unit; a renamed unit is given under its current name, an abolished one under its own code.
fn place_of(unit: Unit<'static>, surface_year: Option<u16>, flags: &mut Vec<String>) -> Place {
    let divisions = Divisions::builtin();
    match unit {
        Unit::Region(r) => {
            let national = r.level == Level::National;
            Place {
                code: r.code.clone(),
                name: r.zh.clone(),
                level: unit.level(),
                adcode: divisions.province_adcode(&r.code).unwrap_or_default().to_string(),
                parent: if national { String::new() } else { gwr_core::NATIONAL_REGION.to_string() },
            }
        }
        Unit::Division(d) => {
            let current = divisions.get(&d.adcode).filter(|c| c.is_current() && d.into.as_deref() == Some(&d.adcode));
            let shown = match current {
                Some(c) if c.name != d.name => {
                    flags.push(format!(
                        "{} is the former name of {} {} (the name {}): counted as {}",
                        d.name,
                        d.adcode,
                        c.name,
                        d.years(),
                        c.name
                    ));
                    c
                }
                _ => d,
            };
            if !d.is_current() && current.is_none() {
                let into = d.into.as_deref().and_then(|c| divisions.get(c));
                let now = into.map(|u| format!(", now part of {} {}", u.adcode, u.name)).unwrap_or_default();
                flags.push(format!(
                    "{} ({}) existed {} only{now}: kept under its own code",
                    d.name,
                    d.adcode,
                    d.years()
                ));
            }
            if let Some(y) = surface_year.filter(|&y| !shown.valid_in(y)) {
                flags.push(format!(
                    "{} ({}) did not exist in {y} (it existed {})",
                    shown.name,
                    shown.adcode,
                    shown.years()
                ));
            }
            Place {
                code: d.adcode.clone(),
                name: shown.name.clone(),
                level: unit.level(),
                adcode: d.adcode.clone(),
                parent: divisions.province_iso(d).unwrap_or_default().to_string(),
            }
        }
    }
}

/// Identify the region of a document from its sources (see the module docs for the order and the rules).
pub fn identify(s: &Sources<'_>) -> Identified {
    let mut out = Identified::default();
    let title_block = title_block(s.text);
    let heading = crate::detect::heading(s.text);
    // Hints: every unambiguous province or prefecture named in any source.
    let mut hints = Hints::default();
    for text in [s.column_hint.unwrap_or_default(), s.folders, s.title.unwrap_or_default(), heading] {
        hints.add_text(text);
    }
    let file_mentions = file_name_mentions(s.file_name);
    for m in &file_mentions {
        hints.add(&m.units);
    }
    if let Some(hint) = s.column_hint {
        hints.add(&named(hint));
    }

    let finish = |found: Found, out: &mut Identified| -> bool {
        match found {
            Found::Nothing => false,
            Found::One(unit, notes) => {
                out.flags.extend(notes);
                out.place = Some(place_of(unit, s.year, &mut out.flags));
                true
            }
            Found::Unresolved(flag) => {
                out.flags.push(flag);
                true
            }
        }
    };

    if let Some(value) = s.column.map(str::trim).filter(|v| !v.is_empty()) {
        let whole = named(value);
        let ms =
            if whole.is_empty() { mentions(value) } else { vec![Mention { surface: value.to_string(), units: whole }] };
        let found = found_in("region column", &ms, &hints, s.year);
        if matches!(found, Found::Nothing) {
            out.unlisted = Some(value.to_string());
            out.flags.push(format!("region metadata {value:?} is not in the gazetteer: kept as x:{value}"));
            return out;
        }
        if let Found::Unresolved(flag) = found {
            out.unlisted = Some(value.to_string());
            out.flags.push(format!("{flag}: kept as x:{value}"));
            return out;
        }
        finish(found, &mut out);
        return out;
    }

    let title = s.title.unwrap_or_default();
    let title_found = || found_in("title", &mentions(title), &hints, s.year);
    let file_found = || found_in("file name", &file_mentions, &hints, s.year);
    let order: [&dyn Fn() -> Found; 2] =
        if s.title_first { [&title_found, &file_found] } else { [&file_found, &title_found] };
    for source in order {
        if finish(source(), &mut out) {
            return out;
        }
    }
    let own: Vec<Mention<'static>> = mentions(title_block)
        .into_iter()
        .filter(|m| !WEAK_NATIONAL.contains(&m.surface.to_lowercase().as_str()))
        .collect();
    if finish(found_in("report's title", &own, &hints, s.year), &mut out) {
        return out;
    }
    // The province-level name of the heading, as before divisions were known (a provincial report's heading
    // names its province before 全国 or 中国 could mislead).
    if let Some(r) = region_in_heading(s.text) {
        out.place = Some(place_of(Unit::Region(r), s.year, &mut out.flags));
        return out;
    }
    if finish(found_in("folder names", &mentions(s.folders), &hints, s.year), &mut out) {
        out.flags.push("region from the folder names".to_string());
    }
    out
}

/// The region a report's heading names: the first region named in it, skipping national names too common to
/// identify a report by (a State Council report says 国务院 before any province it mentions; a provincial report
/// names its province before 全国 or 中国 could mislead).
pub fn region_in_heading(text: &str) -> Option<&'static Region> {
    let head = crate::detect::heading(text);
    Gazetteer::builtin()
        .find_all_in(head)
        .into_iter()
        .find(|(r, span)| {
            r.level != Level::National || !WEAK_NATIONAL.contains(&span.slice(head).to_lowercase().as_str())
        })
        .map(|(r, _)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: Sources<'_>) -> (Option<String>, Vec<String>) {
        let id = identify(&s);
        (id.place.map(|p| p.code).or(id.unlisted.map(|v| format!("x:{v}"))), id.flags)
    }

    fn by_name(name: &str) -> Option<String> {
        code(Sources { file_name: name, text: "各位代表：", ..Sources::default() }).0
    }

    #[test]
    fn file_names_at_every_level() {
        assert_eq!(by_name("2024_合肥市_政府工作报告.txt").as_deref(), Some("340100"));
        assert_eq!(by_name("2024_芜湖市政府工作报告.txt").as_deref(), Some("340200"));
        assert_eq!(by_name("2025年江苏省政府工作报告.txt").as_deref(), Some("CN-JS"));
        assert_eq!(by_name("安徽省合肥市肥西县2024.txt").as_deref(), Some("340123"));
        assert_eq!(by_name("2024_肥西.txt").as_deref(), Some("340123"));
        assert_eq!(by_name("hefei-2024.txt").as_deref(), Some("340100"));
        assert_eq!(by_name("黔东南州2023.txt").as_deref(), Some("522600"));
        assert_eq!(by_name("report.txt"), None);
    }

    #[test]
    fn two_regions_in_a_file_name_are_flagged_not_guessed() {
        let (c, flags) =
            code(Sources {
                file_name: "合肥_芜湖.txt", text: "合肥市政府工作报告\n", ..Sources::default()
            });
        assert_eq!(c, None);
        assert!(flags[0].contains("names several regions") && flags[0].contains("340200"), "{flags:?}");
    }

    #[test]
    fn ambiguous_names_resolved_nearby_or_flagged() {
        // 鼓楼区: four cities; the folder names one.
        let s = Sources { file_name: "2024_鼓楼区.txt", folders: "南京市", text: "", ..Sources::default() };
        assert_eq!(code(s).0.as_deref(), Some("320106"));
        let (c, flags) = code(Sources { file_name: "2024_鼓楼区.txt", ..Sources::default() });
        assert_eq!(c, None);
        assert!(flags[0].starts_with("ambiguous region name \"鼓楼区\""), "{flags:?}");
        // 吉林: the province unless the city is meant.
        let (c, flags) = code(Sources { file_name: "吉林_2024.txt", ..Sources::default() });
        assert_eq!(c.as_deref(), Some("CN-JL"));
        assert!(flags[0].contains("220200"), "{flags:?}");
        assert_eq!(by_name("吉林市_2024.txt").as_deref(), Some("220200"));
        assert_eq!(by_name("吉林省_2024.txt").as_deref(), Some("CN-JL"));
        // 海南: the province; 海南州, or 海南 with 青海 nearby, the prefecture of Qinghai.
        assert_eq!(by_name("海南_2024.txt").as_deref(), Some("CN-HI"));
        assert_eq!(by_name("海南州_2024.txt").as_deref(), Some("632500"));
        let s = Sources { file_name: "海南_2024.txt", folders: "青海省", ..Sources::default() };
        assert_eq!(code(s).0.as_deref(), Some("632500"));
        // 朝阳: the city of Liaoning; 朝阳区 with Beijing nearby.
        assert_eq!(by_name("朝阳市2024.txt").as_deref(), Some("211300"));
        assert_eq!(by_name("朝阳2024.txt").as_deref(), Some("211300"));
        assert_eq!(by_name("北京市朝阳区2024.txt").as_deref(), Some("110105"));
        assert_eq!(by_name("朝阳区2024.txt"), None);
        // 通州 and 和平: districts of several cities.
        assert_eq!(by_name("通州区2024.txt"), None);
        let s =
            Sources {
                file_name: "通州区2024.txt", text: "——在南通市通州区第十八届人民代表大会", ..Sources::default()
            };
        assert_eq!(code(s).0.as_deref(), Some("320612"));
        assert_eq!(by_name("天津_和平区_2024.txt").as_deref(), Some("120101"));
        assert_eq!(by_name("和平区_2024.txt"), None);
    }

    #[test]
    fn the_title_beats_a_province_mentioned_in_the_body() {
        let text = "芜湖市2024年政府工作报告\n——2024年1月9日在芜湖市第十七届人民代表大会第四次会议上\n各位代表：安徽省委要求我们……\n";
        let s = Sources { file_name: "report.txt", text, ..Sources::default() };
        assert_eq!(code(s).0.as_deref(), Some("340200"));
        // A body that names only its province: the heading's province, as before.
        let s = Sources {
            file_name: "report.txt", text: "各位代表：安徽省委要求我们……", ..Sources::default()
        };
        assert_eq!(code(s).0.as_deref(), Some("CN-AH"));
    }

    #[test]
    fn renamed_and_abolished_units() {
        let (c, flags) = code(Sources { file_name: "2008_襄樊市.txt", year: Some(2008), ..Sources::default() });
        assert_eq!(c.as_deref(), Some("420600"));
        assert!(flags[0].contains("former name") && flags[0].contains("襄阳市"), "{flags:?}");
        let (c, flags) = code(Sources { file_name: "2015_莱芜市.txt", year: Some(2015), ..Sources::default() });
        assert_eq!(c.as_deref(), Some("371200"));
        assert!(flags[0].contains("370100"), "{flags:?}");
        let (c, flags) = code(Sources { file_name: "2008_巢湖市.txt", year: Some(2008), ..Sources::default() });
        assert_eq!(c.as_deref(), Some("341400"));
        assert_eq!(flags.len(), 1, "{flags:?}");
        // The county-level city of today.
        let (c, _) = code(Sources { file_name: "2020_巢湖市.txt", year: Some(2020), ..Sources::default() });
        assert_eq!(c.as_deref(), Some("340181"));
    }

    #[test]
    fn region_column_spellings_and_unlisted_values() {
        for v in [
            "合肥",
            "合肥市",
            "Hefei",
            "HEFEI",
            "hefei city",
            "340100",
            "安徽省合肥市",
            "安徽合肥",
            "ＨＥＦＥＩ",
            " 合肥市 ",
        ] {
            let s = Sources { column: Some(v), file_name: "x.csv", ..Sources::default() };
            assert_eq!(code(s).0.as_deref(), Some("340100"), "{v}");
        }
        let (c, flags) =
            code(Sources { column: Some("苏洲"), file_name: "2024_无锡市.csv", ..Sources::default() });
        assert_eq!(c.as_deref(), Some("x:苏洲"));
        assert!(flags[0].contains("not in the gazetteer"), "{flags:?}");
        let s = Sources {
            column: Some("鼓楼区"), column_hint: Some("福建"), file_name: "x.csv", ..Sources::default()
        };
        assert_eq!(code(s).0.as_deref(), Some("350102"));
        let place = identify(&Sources { column: Some("肥西县"), file_name: "x.csv", ..Sources::default() }).place;
        let place = place.expect("肥西县");
        assert_eq!(
            (place.level, place.adcode.as_str(), place.parent.as_str()),
            (PlaceLevel::County, "340123", "CN-AH")
        );
        let ah =
            identify(&Sources { column: Some("安徽"), file_name: "x.csv", ..Sources::default() }).place.expect("AH");
        assert_eq!((ah.code.as_str(), ah.adcode.as_str(), ah.parent.as_str()), ("CN-AH", "340000", "CN"));
    }

    /// Every current prefecture, named in a file name and a title like a city panel's reports.
    #[test]
    fn every_prefecture_is_found_by_its_own_name() {
        let d = Divisions::builtin();
        let mut wrong = Vec::new();
        for city in d.list().iter().filter(|x| x.level == DivisionLevel::Prefecture && x.is_current()) {
            let file_name = format!("2024_{}_政府工作报告.txt", city.name);
            let text = format!("{}2024年政府工作报告\n各位代表：\n", city.name);
            let s = Sources { file_name: &file_name, text: &text, year: Some(2024), ..Sources::default() };
            let got = identify(&s);
            if got.place.as_ref().map(|p| p.code.as_str()) != Some(city.adcode.as_str()) {
                wrong.push(format!("{} {}: {:?} {:?}", city.adcode, city.name, got.place.map(|p| p.code), got.flags));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
