//! One test per pattern the issue lists, on short texts run through the real
//! loader (including traditional script and a report collapsed into one line).

use gwr_extract::{extract_text, Figure, Firmness, Kind, Measure, Qualifier};

const REVIEW: &str = "各位代表：\n一、2022年工作回顾\n";
const PLAN: &str = "各位代表：\n一、2022年工作回顾\n过去一年成绩显著。\n二、2023年工作安排\n";

fn of<'a>(figs: &'a [Figure], ind: &str) -> Vec<&'a Figure> {
    figs.iter()
        .filter(|f| f.indicator.as_deref() == Some(ind))
        .collect()
}

#[test]
fn level_and_growth_governed_by_one_indicator() {
    let figs = extract_text(&format!(
        "{REVIEW}社会消费品零售总额1500亿元，增长7%；一般公共预算收入137.6亿元，下降49.3%。"
    ));
    let r = of(&figs, "社会消费品零售总额");
    assert_eq!(r.len(), 2);
    assert_eq!(
        (r[0].measure, r[0].value, r[0].value_base),
        (Measure::Level, Some(1500.0), Some(1.5e11))
    );
    assert_eq!((r[1].measure, r[1].value), (Measure::Growth, Some(7.0)));
    assert_eq!(r[0].period.unwrap().to_string(), "2022");
    assert_eq!(r[0].kind, Kind::Actual);
    let f = of(&figs, "一般公共预算收入");
    assert_eq!(f[1].value, Some(-49.3));
}

#[test]
fn distribution_with_fenbie_and_jun() {
    let figs = extract_text(&format!(
        "{REVIEW}城乡居民人均可支配收入分别达到33534元和13009元，同比分别增长1.5%和8.7%。城乡常住居民人均可支配收入均增长8%。"
    ));
    let u = of(&figs, "城镇居民人均可支配收入");
    let r = of(&figs, "农村居民人均可支配收入");
    let v = |fs: &[&Figure]| fs.iter().map(|f| f.value.unwrap()).collect::<Vec<_>>();
    assert_eq!(v(&u), vec![33534.0, 1.5, 8.0]);
    assert_eq!(v(&r), vec![13009.0, 8.7, 8.0]);
}

#[test]
fn targets_qualifiers_and_firmness() {
    let figs = extract_text(&format!(
        "{PLAN}主要预期目标是：地区生产总值增长6%左右；城乡居民人均可支配收入分别增长6%和8%左右；城镇登记失业率控制在4.5%以内；力争固定资产投资增长10%以上；居民收入增长与经济增长基本同步。"
    ));
    let g = of(&figs, "地区生产总值")[0];
    assert_eq!(
        (g.kind, g.qualifier, g.firmness),
        (Kind::Target, Qualifier::Approx, Some(Firmness::Expected))
    );
    assert_eq!(g.period.unwrap().to_string(), "2023");
    assert_eq!(
        of(&figs, "城镇居民人均可支配收入")[0].qualifier,
        Qualifier::Approx
    );
    let u = of(&figs, "城镇登记失业率")[0];
    assert_eq!(
        (u.measure, u.qualifier, u.firmness),
        (Measure::Rate, Qualifier::Le, Some(Firmness::Binding))
    );
    let i = of(&figs, "固定资产投资")[0];
    assert_eq!(
        (i.qualifier, i.firmness),
        (Qualifier::Ge, Some(Firmness::Aspirational))
    );
    let q = of(&figs, "居民人均可支配收入")[0];
    assert_eq!((q.measure, q.value), (Measure::Qualitative, None));
    assert_eq!(q.text, "居民收入增长与经济增长基本同步");
}

#[test]
fn ranges_multiples_points_and_percent_words() {
    let figs = extract_text(&format!(
        "{PLAN}地区生产总值增长6%—6.5%。规模以上工业增加值增长6%至7%。\n{REVIEW}装备制造业投资增长1.2倍，城镇登记失业率低于控制目标0.48个百分点，农村卫生厕所普及率提高4.7个百分点，能耗降低百分之五。"
    ));
    let g = of(&figs, "地区生产总值")[0];
    assert_eq!(
        (g.qualifier, g.value_low, g.value_high, g.value),
        (Qualifier::Range, Some(6.0), Some(6.5), Some(6.25))
    );
    assert_eq!(g.text, "6%—6.5%");
    assert_eq!(of(&figs, "规模以上工业增加值")[0].value, Some(6.5));
    let m = figs.iter().find(|f| f.unit == "倍").unwrap();
    assert_eq!((m.measure, m.value), (Measure::Multiple, Some(1.2)));
    let pp: Vec<_> = figs.iter().filter(|f| f.unit == "个百分点").collect();
    assert_eq!(
        pp[0].measure,
        Measure::Other,
        "低于…个百分点 is a comparison, not a change"
    );
    assert_eq!((pp[1].measure, pp[1].value), (Measure::ChangePp, Some(4.7)));
    let p = figs.iter().find(|f| f.text == "百分之五").unwrap();
    assert_eq!((p.unit.as_str(), p.value), ("%", Some(-5.0)));
}

#[test]
fn numbers_in_every_form() {
    let figs = extract_text(&format!(
        "{REVIEW}完成投资1,234.5万元，新增1.67万套，收入近3.6万元，培训两千余人，接待游客一百二十万人次，地区生产总值１５００亿元。"
    ));
    let t = |s: &str| {
        figs.iter()
            .find(|f| f.text == s)
            .unwrap_or_else(|| panic!("{s}: {figs:#?}"))
    };
    assert_eq!(t("1,234.5万元").value_base, Some(12_345_000.0));
    assert_eq!(t("1.67万套").value_base, Some(16_700.0));
    assert_eq!(t("近3.6万元").qualifier, Qualifier::Approx);
    assert_eq!(
        (t("两千余人").value, t("两千余人").qualifier),
        (Some(2000.0), Qualifier::Ge)
    );
    assert_eq!(t("一百二十万人次").value_base, Some(1_200_000.0));
    assert_eq!(t("１５００亿元").value, Some(1500.0));
}

#[test]
fn things_that_are_not_figures() {
    let figs = extract_text(&format!(
        "{REVIEW}2020年是“十三五”收官之年，一般公共预算管理加强，一是稳运行，第一批试点，全年共召开3月11日会议，按照十一届市委十次全会部署。\n1.实施帮扶行动。"
    ));
    assert!(figs.is_empty(), "{figs:#?}");
}

#[test]
fn part_of_a_year_is_not_the_annual_indicator() {
    let figs = extract_text(&format!(
        "{REVIEW}面对一季度全市生产总值大幅下降6.7%的困难局面，全年实现生产总值增长1.7%。1—5月规模以上工业增加值增长3%，全年增长5%。"
    ));
    let gdp = of(&figs, "地区生产总值");
    assert_eq!(gdp.len(), 1, "{gdp:#?}");
    assert_eq!(gdp[0].value, Some(1.7));
    let quarter = figs
        .iter()
        .find(|f| f.value == Some(-6.7))
        .expect("still a quantity");
    assert_eq!(quarter.indicator, None);
    let industry: Vec<_> = figs
        .iter()
        .filter(|f| f.indicator.is_some() && f.value == Some(3.0))
        .collect();
    assert!(industry.is_empty(), "{industry:#?}");
    assert!(figs
        .iter()
        .any(|f| f.indicator.is_some() && f.value == Some(5.0)));
}

#[test]
fn ratios_sum_and_spans() {
    let figs = extract_text(&format!(
        "{REVIEW}三次产业结构由47:11.9:41.1演进为48.2:14.5:36.3。“十三五”时期，全市地区生产总值年均增长5%。"
    ));
    let parts: Vec<_> = figs
        .iter()
        .filter(|f| f.unit.is_empty() && f.measure == Measure::Share)
        .collect();
    assert_eq!(parts.len(), 6);
    assert!(parts[..3].iter().all(|f| f.flags.is_empty()));
    assert!(parts[3..]
        .iter()
        .all(|f| f.flags.iter().any(|fl| fl.code.as_str() == "shares_sum")));
    let g = of(&figs, "地区生产总值")[0];
    assert_eq!(
        (g.measure, g.period.unwrap().to_string()),
        (Measure::AvgGrowth, "2016-2020".to_string())
    );
}

#[test]
fn traditional_script() {
    let figs = extract_text(&format!(
        "{REVIEW}全年地區生產總值增長4%以上，規上工業增加值增長8%以上，城鎮居民人均可支配收入達到4.8萬元。"
    ));
    assert_eq!(of(&figs, "地区生产总值")[0].value, Some(4.0));
    assert_eq!(of(&figs, "规模以上工业增加值")[0].qualifier, Qualifier::Ge);
    let u = of(&figs, "城镇居民人均可支配收入")[0];
    assert_eq!((u.text.as_str(), u.value_base), ("4.8萬元", Some(48000.0)));
}

#[test]
fn one_line_report() {
    let text = "2023年某市政府工作报告 各位代表: 一、2022年工作回顾 全年地区生产总值完成50.29亿元,同比增长6%。 二、2023年工作安排 主要预期目标是:地区生产总值增长6%左右;城镇登记失业率控制在4%以内。";
    let figs = extract_text(text);
    let g = of(&figs, "地区生产总值");
    assert_eq!(g.len(), 3, "{figs:#?}");
    assert_eq!(
        (g[0].kind, g[0].period.unwrap().to_string()),
        (Kind::Actual, "2022".to_string())
    );
    assert_eq!(
        (g[2].kind, g[2].period.unwrap().to_string()),
        (Kind::Target, "2023".to_string())
    );
}

#[test]
fn from_to_gives_both_ends_and_estimates() {
    let figs = extract_text(
        "2023年某市政府工作报告\n各位代表：\n一、过去五年工作回顾\n地区生产总值从1.5万亿元增长到2.3万亿元。预计全市地区生产总值年均增长7.9%。\n二、2023年工作安排\n地区生产总值增长6%左右。",
    );
    let g = of(&figs, "地区生产总值");
    let p = |f: &Figure| f.period.unwrap().to_string();
    assert_eq!((g[0].value, p(g[0])), (Some(1.5), "2018".to_string()));
    assert_eq!((g[1].value, p(g[1])), (Some(2.3), "2022".to_string()));
    assert_eq!(
        (g[2].kind, g[2].measure, p(g[2])),
        (Kind::Estimate, Measure::AvgGrowth, "2018-2022".to_string())
    );
}

#[test]
fn decimal_point_lost_is_flagged_with_candidate() {
    let figs = extract_text(&format!("{REVIEW}地区生产总值实现358亿元；一般公共预算收入完成2001亿元；城镇常住居民人均可支配收入同比增长35%。"));
    let r = of(&figs, "一般公共预算收入")[0];
    assert!(r.flags.iter().any(|f| f.code.as_str() == "magnitude"));
    assert!(
        r.flags
            .iter()
            .any(|f| f.code.as_str() == "decimal_lost" && f.reason.contains("20.01")),
        "{:?}",
        r.flags
    );
    let u = of(&figs, "城镇居民人均可支配收入")[0];
    assert!(
        u.flags.iter().any(|f| f.reason.contains("3.5%")),
        "{:?}",
        u.flags
    );
    // Flags never change the value.
    assert_eq!(r.value, Some(2001.0));
}

#[test]
fn a_policy_noun_made_of_fall_words_is_not_a_fall() {
    let figs = extract_text(&format!(
        "{REVIEW}新增减税降费10.47亿元，降低企业用电成本26.57亿元；一般公共预算支出下降3.2%。"
    ));
    let amount = figs
        .iter()
        .find(|f| f.text == "10.47亿元")
        .expect("the tax-cut amount");
    assert_eq!(amount.value, Some(10.47));
    // Real falls keep their sign.
    assert!(
        figs.iter()
            .any(|f| f.text == "3.2%" && f.value == Some(-3.2)),
        "{figs:#?}"
    );
}
