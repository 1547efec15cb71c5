//! Region identification of a city panel: 250 prefectures × 24 years = 6,000 small generated reports (invented
//! text: a title, a session line naming the city, a body naming the province). `identify` is the identification
//! alone (file name, title block and heading of texts in memory); `read_files` is `gwr_ingest::read_path` over the
//! 6,000 files on disk (decode, table sniffing, year, language and region). Each bench checks that every report
//! gets its own city's adcode.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gwr_dict::divisions::{DivisionLevel, Divisions};
use gwr_ingest::place::{identify, Sources};
use std::hint::black_box;
use std::time::Duration;

const CITIES: usize = 250;
const YEARS: std::ops::Range<u16> = 2001..2025;

struct Report {
    file_name: String,
    text: String,
    year: u16,
    adcode: String,
}

fn panel() -> Vec<Report> {
    let d = Divisions::builtin();
    let cities: Vec<_> =
        // Prefectures under their current name since 2000: a city that was county-level before (铜仁市 until
        // 2010) is rightly identified as that county in those years.
        d.list()
            .iter()
            .filter(|x| x.level == DivisionLevel::Prefecture && x.is_current() && x.from.is_none())
            .take(CITIES)
            .collect();
    assert_eq!(cities.len(), CITIES);
    let mut out = Vec::new();
    for city in cities {
        let province = d.get(&format!("{}0000", &city.adcode[..2])).map_or("", |p| p.name.as_str());
        for year in YEARS {
            out.push(Report {
                file_name: format!("{year}_{}_政府工作报告.txt", city.name),
                text: format!(
                    "{name}{year}年政府工作报告\n——{year}年1月10日在{name}第十五届人民代表大会第三次会议上\n各位代表：\n\
                     现在，我代表市人民政府向大会报告工作。过去一年，在{province}的坚强领导下，我们推进高质量发展。\n\
                     我们发展量子计算和人工智能，建设现代化产业体系。\n",
                    name = city.name
                ),
                year,
                adcode: city.adcode.clone(),
            });
        }
    }
    out
}

fn identify_all(reports: &[Report]) -> usize {
    reports
        .iter()
        .filter(|r| {
            let s = Sources { file_name: &r.file_name, text: &r.text, year: Some(r.year), ..Sources::default() };
            identify(&s).place.is_some_and(|p| p.code == r.adcode)
        })
        .count()
}

fn bench(c: &mut Criterion) {
    let reports = panel();
    // The gazetteers and their automata are built once, before timing.
    assert_eq!(identify_all(&reports), reports.len(), "every report gets its city's adcode");

    let dir = tempfile::tempdir().expect("tempdir");
    let paths: Vec<std::path::PathBuf> = reports
        .iter()
        .map(|r| {
            let p = dir.path().join(&r.file_name);
            std::fs::write(&p, &r.text).expect("write");
            p
        })
        .collect();
    let opts = gwr_ingest::IngestOptions::default();
    let read_all = || {
        paths
            .iter()
            .zip(&reports)
            .filter(|(p, r)| {
                gwr_ingest::read_path_under(p, dir.path(), &opts)
                    .first()
                    .is_some_and(|i| i.meta.region_code == r.adcode)
            })
            .count()
    };
    assert_eq!(read_all(), reports.len());

    let mut g = c.benchmark_group("identify_6000");
    g.throughput(Throughput::Elements(reports.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("identify", |b| b.iter(|| assert_eq!(black_box(identify_all(&reports)), reports.len())));
    g.bench_function("read_files", |b| b.iter(|| assert_eq!(black_box(read_all()), reports.len())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
