//! Regressions of the default dictionary, each named after a false positive or a miss found by reading the
//! provincial reports (tests/dict_quality.rs). Every case runs gwr on a sentence written for the test, never on
//! report text.

mod common;

use common::*;

/// The hits of `gwr analyze` on one Chinese sentence, as (concept, sector, surface).
fn hits_of(sentence: &str) -> Vec<(String, String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("sentence.txt");
    std::fs::write(&input, sentence).unwrap();
    let out = dir.path().join("out");
    gwr_expect(&["analyze", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet", "--lang", "zh"], 0);
    read_hits(&out)
        .iter()
        .map(|h| {
            let s = |k: &str| h[k].as_str().unwrap().to_string();
            (s("concept"), s("sector"), s("surface"))
        })
        .collect()
}

/// Panic unless some hit of `sentence` is in `sector`.
fn assert_sector(sentence: &str, sector: &str) {
    let hits = hits_of(sentence);
    assert!(hits.iter().any(|h| h.1 == sector), "{sentence}: expected a hit of sector {sector}, got {hits:?}");
}

/// Panic if any hit of `sentence` is in `sector`.
fn assert_no_sector(sentence: &str, sector: &str) {
    let hits = hits_of(sentence);
    assert!(hits.iter().all(|h| h.1 != sector), "{sentence}: no hit of sector {sector} expected, got {hits:?}");
}

/// Panic if any hit of `sentence` is of `concept`.
fn assert_no_concept(sentence: &str, concept: &str) {
    let hits = hits_of(sentence);
    assert!(hits.iter().all(|h| h.0 != concept), "{sentence}: no hit of concept {concept} expected, got {hits:?}");
}

fn assert_concept(sentence: &str, concept: &str) {
    let hits = hits_of(sentence);
    assert!(hits.iter().any(|h| h.0 == concept), "{sentence}: expected a hit of concept {concept}, got {hits:?}");
}

// False positives.

#[test]
fn shengwu_anquan_risk_control_is_not_a_biosafety_lab() {
    assert_no_sector("我们将加强口岸检疫和生物安全风险防控工作。", "biomanufacturing_biomedicine");
    assert_concept("新建一座高等级生物安全实验室。", "biosafety_labs");
}

#[test]
fn kongtiandi_disaster_monitoring_is_not_a_6g_network() {
    assert_no_sector("我市建成空天地一体化自然灾害监测体系。", "mobile_6g");
    assert_concept("试点空天地一体化网络和手机直连卫星。", "satellite_terrestrial");
}

#[test]
fn shoufa_of_a_train_or_technology_is_not_debut_economy() {
    assert_no_concept("新建铁路开通首发，旅游专列首发成功。", "debut_economy");
    assert_no_concept("多项全球首发技术装车应用。", "debut_economy");
    assert_concept("大力发展首发经济和首店经济。", "debut_economy");
}

#[test]
fn nami_measurement_is_not_a_nanomaterial() {
    assert_no_concept("纳米时栅测量精度再创新高。", "nanomaterials");
    assert_concept("发展纳米材料和石墨烯。", "nanomaterials");
}

#[test]
fn buduanban_of_public_services_is_not_supply_chain_self_reliance() {
    assert_no_concept("实施农村学前教育补短板工程，公共服务补短板成效明显。", "self_reliance_chains");
    assert_concept("提升产业链韧性，推动产业链自主可控。", "self_reliance_chains");
}

#[test]
fn gaige_kaifang_chuangxin_is_not_open_innovation() {
    assert_no_concept("继续依靠改革开放创新增强发展动力。", "open_innovation");
    assert_concept("实施大企业开放创新中心计划。", "open_innovation");
}

#[test]
fn kekaochuan_voyage_is_marine_science_not_shipbuilding() {
    assert_no_sector("港口全年服务科考船上百航次。", "shipbuilding");
    assert_sector("科考船搭载深潜器完成科考任务。", "deep_sea_marine");
}

#[test]
fn chuanbo_registry_and_safety_is_not_shipbuilding() {
    assert_no_sector("国际船舶登记数量增加，渔业船舶安全管理加强，船舶平均待泊时间缩短。", "shipbuilding");
    assert_sector("做强船舶海工产业，建设高技术船舶制造基地。", "shipbuilding");
}

#[test]
fn anquan_kekao_energy_supply_is_not_trusted_computing() {
    assert_no_sector("构建安全可靠、持续发展的能源供给体系。", "trusted_computing");
}

#[test]
fn shubiandian_project_is_power_grid_not_electrical_equipment() {
    assert_no_sector("建成三个500千伏输变电工程。", "high_end_equipment");
    assert_sector("建成三个500千伏输变电工程。", "power_grid");
    assert_sector("壮大输变电装备和变压器制造。", "high_end_equipment");
}

// Misses.

#[test]
fn dairy_and_food_industry_count_as_traditional_upgrade() {
    assert_sector("发展乳制品加工和特色食品产业。", "traditional_upgrade");
    assert_sector("支持现代食品、生态食品产业做大。", "traditional_upgrade");
}

#[test]
fn lithium_industry_base_counts_as_battery_materials() {
    assert_sector("打造绿色锂产业基地。", "batteries_storage");
}

#[test]
fn green_advanced_energy_counts_as_clean_power() {
    assert_sector("推进绿色先进能源重点项目。", "clean_power");
}

#[test]
fn yiyao_chuangxin_park_counts_as_biomedicine() {
    assert_sector("建设国际医药创新园区。", "biomanufacturing_biomedicine");
}

#[test]
fn zhuanhua_keji_chengguo_counts_as_pilot_testing() {
    assert_sector("高效转化科技成果，完善科技成果转移与孵化体系。", "pilot_testing");
}

#[test]
fn shushi_shendu_ronghe_counts_as_digital_economy() {
    assert_sector("加快推进数实深度融合。", "digital_economy");
}

#[test]
fn semiconductor_and_soft_magnetic_materials_count_as_new_materials() {
    assert_sector("发展半导体材料产业。", "new_materials");
    assert_sector("建设高性能软磁材料项目。", "new_materials");
}

#[test]
fn international_gateway_exchange_is_digital_infrastructure() {
    assert_sector("开通国际通信业务出入口局。", "digital_infrastructure");
}

#[test]
fn aluminium_processing_counts_as_nonferrous() {
    assert_sector("推动铝加工和泛铝产业发展。", "traditional_upgrade");
}

#[test]
fn complete_sets_and_modern_equipment_count_as_high_end_equipment() {
    assert_sector("壮大成套装备产业集群。", "high_end_equipment");
    assert_sector("加快现代装备产业发展。", "high_end_equipment");
    assert_sector("加快发展矿山机械。", "high_end_equipment");
}

#[test]
fn electric_drive_systems_count_as_nev() {
    assert_sector("建设新能源电驱系统制造项目。", "nev");
}

#[test]
fn green_manufacturing_industry_and_recycling_count_as_green_transition() {
    assert_sector("发展绿色制造业。", "green_transition");
    assert_sector("推动风电叶片等回收再利用。", "green_transition");
}

#[test]
fn hangkong_jiqun_counts_as_aerospace() {
    assert_sector("航空集群入选国家先进制造业集群。", "aerospace_aviation");
}

#[test]
fn seed_fund_counts_as_venture_capital() {
    assert_sector("支持种子基金投早投小。", "modern_services");
}

#[test]
fn data_intellectual_property_counts_as_big_data() {
    assert_sector("深化数据知识产权试点。", "big_data");
}

// Umbrella terms go to the umbrella's own sector (dictionaries/AUDIT.md), never to a specific sector inside it.

/// The sectors of the hits of `sentence`, in order.
fn sectors_of(sentence: &str) -> Vec<String> {
    hits_of(sentence).into_iter().map(|h| h.1).collect()
}

#[test]
fn umbrella_industries_count_for_their_own_sector() {
    for (sentence, sector, not) in [
        ("壮大电子信息产业。", "electronics_software", "integrated_circuits"),
        ("做强软件和信息技术服务业。", "electronics_software", "trusted_computing"),
        ("汽车产业加快转型，整车产能提升。", "automotive", "nev"),
        ("深化数字政府建设，推进一网通办。", "e_government", "digital_economy"),
        ("完善农村电网，推进特高压工程。", "power_grid", "clean_power"),
        ("加强煤矿安全，推进煤层气开发。", "traditional_energy_mining", "traditional_upgrade"),
        ("促进中医药传承创新发展。", "healthcare_services", "biomanufacturing_biomedicine"),
        ("推进北斗规模应用和卫星互联网建设。", "satellites_space", "digital_infrastructure"),
    ] {
        let sectors = sectors_of(sentence);
        assert!(sectors.iter().any(|s| s == sector), "{sentence}: expected {sector}, got {sectors:?}");
        assert!(sectors.iter().all(|s| s != not), "{sentence}: {not} not expected, got {sectors:?}");
    }
}

#[test]
fn general_policy_words_count_for_no_scored_sector() {
    for (sentence, not) in [
        ("组建创新联合体，深化产学研合作。", "pilot_testing"),
        ("实施大规模设备更新。", "new_consumption"),
        ("加强电动自行车安全管理。", "nev"),
        ("筑牢数据安全防线。", "trusted_computing"),
    ] {
        let hits = hits_of(sentence);
        assert!(hits.iter().all(|h| h.1 != not), "{sentence}: {not} not expected, got {hits:?}");
        assert!(
            hits.iter().any(|h| h.1 == "general_vocabulary"),
            "{sentence}: expected general_vocabulary, got {hits:?}"
        );
    }
}
