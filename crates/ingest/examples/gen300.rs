fn main() {
    let a = "各位代表：过去一年，我们大力发展人工智能和新能源汽车产业，推动集成电路与生物医药集群建设。";
    let b = "今年要加快培育新质生产力，建设算力基础设施，发展低空经济和商业航天。";
    let paras: Vec<String> = (0..2000).map(|i| format!("第{i}段。{a}{b}")).collect();
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    let layout = gwr_ingest::write::PdfLayout {
        lines_per_page: 20,
        page_numbers: true,
        header: Some("政府工作报告".into()),
        ..Default::default()
    };
    std::fs::write(std::env::args().nth(1).unwrap(), gwr_ingest::write::pdf(&refs, &layout)).unwrap();
}
