//! The wording diff on real consecutive reports (shared/corpus), and on
//! variants of them made here (moved paragraph, traditional script, spacing).

mod common;

use common::{check_invariants, corpus, load};
use gwr_compare::{compare, BlockKind, NumberKind, Options, SegmentOp, ValueChange};

fn find<'a>(c: &'a gwr_compare::Comparison, old: &str, new: &str) -> &'a ValueChange {
    c.value_changes
        .iter()
        .find(|v| v.old.text == old && v.new.text == new)
        .unwrap_or_else(|| {
            let all: Vec<_> = c
                .value_changes
                .iter()
                .map(|v| (&v.old.text, &v.new.text))
                .collect();
            panic!("no value change {old} → {new}; have {all:?}")
        })
}

#[test]
fn guowuyuan_2024_to_2025_lists_changed_targets_with_both_values() {
    let (old, new) = (corpus("guowuyuan_2024.txt"), corpus("guowuyuan_2025.txt"));
    let c = compare(&old, &new, &Options::default());
    check_invariants(&c, &old, &new);
    assert!(c.fallback.is_none());

    let cpi = find(&c, "3%左右", "2%左右");
    assert_eq!((cpi.old_value, cpi.new_value), (Some(3.0), Some(2.0)));
    assert_eq!((cpi.old_unit.as_str(), cpi.new_unit.as_str()), ("%", "%"));
    assert!(cpi.context.contains("居民消费价格"), "{}", cpi.context);
    assert_eq!(cpi.kind, NumberKind::Quantity);

    let grain = find(&c, "1.3万亿斤以上", "1.4万亿斤左右");
    assert_eq!((grain.old_value, grain.new_value), (Some(1.3), Some(1.4)));
    assert_eq!(grain.new_unit, "万亿斤");
    find(&c, "2.5%左右", "3%左右");

    // The GDP target did not change: it sits in an equal segment of the
    // targets paragraph, which is matched as modified, not deleted.
    let targets = &c.blocks[cpi.block];
    assert_eq!(targets.kind, BlockKind::Modified);
    assert!(targets.segments.iter().any(|s| s.op == SegmentOp::Equal
        && s.new
            .as_ref()
            .unwrap()
            .text
            .contains("国内生产总值增长5%左右")));
    assert!(!c
        .value_changes
        .iter()
        .any(|v| v.old.text == "5%左右" && v.new.text == "5%左右"));

    // Sections are matched across the year in their headings.
    let review = c
        .sections
        .iter()
        .find(|s| {
            s.new
                .as_ref()
                .is_some_and(|n| n.heading.contains("2024年工作回顾"))
        })
        .unwrap();
    assert!(review
        .old
        .as_ref()
        .unwrap()
        .heading
        .contains("2023年工作回顾"));
    assert!(
        c.similarity > 0.05 && c.similarity < 0.9,
        "{}",
        c.similarity
    );
    // Rewritten paragraph by paragraph, yet much the same wording.
    assert!(
        c.vocabulary > 0.4 && c.vocabulary > 2.0 * c.similarity,
        "{}",
        c.vocabulary
    );
}

#[test]
fn hailaerqu_2018_to_2019_gdp_target_cut_is_a_value_change() {
    let (old, new) = (corpus("hailaerqu_2018.txt"), corpus("hailaerqu_2019.txt"));
    let c = compare(&old, &new, &Options::default());
    check_invariants(&c, &old, &new);
    let gdp = find(&c, "6%左右", "3.5%左右");
    assert!(gdp.context.contains("地区生产总值"), "{}", gdp.context);
    assert_eq!((gdp.old_value, gdp.new_value), (Some(6.0), Some(3.5)));
    // The review heading's year shift is listed as a year, not a quantity.
    assert!(c
        .value_changes
        .iter()
        .any(|v| v.kind == NumberKind::Year && v.old.text == "2017年" && v.new.text == "2018年"));
    // "重点抓好以下八个方面工作" → "六个方面的工作": a reworded pair, kept as one block.
    let b = c
        .blocks
        .iter()
        .find(|b| {
            b.new
                .as_ref()
                .is_some_and(|n| n.text.contains("重点抓好以下六个方面"))
        })
        .unwrap();
    assert_eq!(b.kind, BlockKind::Modified);
    let deleted: Vec<_> = b
        .segments
        .iter()
        .filter(|s| s.op == SegmentOp::Delete)
        .map(|s| s.old.as_ref().unwrap().text.as_str())
        .collect();
    assert!(deleted.contains(&"八"), "{deleted:?}");
}

#[test]
fn shanghai_2023_to_2024_growth_target() {
    let (old, new) = (corpus("shanghai_2023.txt"), corpus("shanghai_2024.txt"));
    let c = compare(&old, &new, &Options::default());
    check_invariants(&c, &old, &new);
    let gdp = find(&c, "5.5%以上", "5%左右");
    assert!(gdp.context.contains("生产总值"), "{}", gdp.context);
}

#[test]
fn every_consecutive_pair_keeps_the_invariants() {
    let series: &[(&str, std::ops::RangeInclusive<i32>)] = &[
        ("hailaerqu", 2012..=2019),
        ("shanghai", 2020..=2024),
        ("guowuyuan", 2021..=2025),
    ];
    for (name, years) in series {
        for y in years.clone().skip(1) {
            let (old, new) = (
                corpus(&format!("{name}_{}.txt", y - 1)),
                corpus(&format!("{name}_{y}.txt")),
            );
            let c = compare(&old, &new, &Options::default());
            check_invariants(&c, &old, &new);
            assert!(c.fallback.is_none(), "{name} {y}: {:?}", c.fallback);
            assert!(
                c.stats.modified + c.stats.equal > 0,
                "{name} {y}: nothing matched"
            );
        }
    }
}

#[test]
fn identical_reports_are_all_equal() {
    let doc = corpus("shanghai_2024.txt");
    let c = compare(&doc, &doc, &Options::default());
    check_invariants(&c, &doc, &doc);
    assert_eq!(c.similarity, 1.0);
    assert!(c.blocks.iter().all(|b| b.kind == BlockKind::Equal));
    assert!(c.value_changes.is_empty());
    assert_eq!(c.stats.equal, c.blocks.len());
}

#[test]
fn a_moved_paragraph_is_moved_not_deleted_and_inserted() {
    let text = corpus("guowuyuan_2025.txt").text;
    let mut lines: Vec<&str> = text.split('\n').collect();
    // Move a long task paragraph from the plan section to just after the review heading.
    let from = lines
        .iter()
        .position(|l| l.starts_with("实施更加积极的财政政策"))
        .unwrap();
    let moved = lines.remove(from);
    let to = lines
        .iter()
        .position(|l| l.contains("2024年工作回顾"))
        .unwrap()
        + 1;
    lines.insert(to, moved);
    let (old, new) = (load("a.txt", &text), load("b.txt", &lines.join("\n")));
    let c = compare(&old, &new, &Options::default());
    check_invariants(&c, &old, &new);
    let moved_blocks: Vec<_> = c
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Moved)
        .collect();
    assert_eq!(moved_blocks.len(), 1, "{:?}", c.stats);
    assert!(moved_blocks[0]
        .new
        .as_ref()
        .unwrap()
        .text
        .starts_with("实施更加积极的财政政策"));
    assert_eq!(moved_blocks[0].similarity, 1.0);
    assert_eq!((c.stats.deleted, c.stats.inserted), (0, 0));
}

/// Simplified → traditional for the characters of the test paragraph, and
/// digits and punctuation to full width: the report as a Hong Kong or Taiwan
/// site would show it.
fn traditional(s: &str) -> String {
    const PAIRS: &[(char, char)] = &[
        ('国', '國'),
        ('发', '發'),
        ('经', '經'),
        ('济', '濟'),
        ('长', '長'),
        ('产', '產'),
        ('总', '總'),
        ('亿', '億'),
        ('万', '萬'),
        ('业', '業'),
        ('现', '現'),
        ('实', '實'),
        ('设', '設'),
        ('进', '進'),
        ('体', '體'),
        ('质', '質'),
        ('会', '會'),
        ('们', '們'),
        ('动', '動'),
        ('务', '務'),
        ('对', '對'),
        ('为', '為'),
        ('强', '強'),
        ('个', '個'),
        ('开', '開'),
        ('这', '這'),
        ('时', '時'),
        ('来', '來'),
        ('过', '過'),
        ('与', '與'),
        ('项', '項'),
        ('稳', '穩'),
        ('资', '資'),
        ('费', '費'),
        ('价', '價'),
        ('数', '數'),
        ('调', '調'),
        ('镇', '鎮'),
        ('职', '職'),
        ('涨', '漲'),
        ('际', '際'),
        ('粮', '糧'),
        ('单', '單'),
        ('耗', '耗'),
        ('态', '態'),
        ('环', '環'),
        ('境', '境'),
        ('标', '標'),
        ('预', '預'),
        ('则', '則'),
        ('县', '縣'),
        ('区', '區'),
        ('场', '場'),
        ('报', '報'),
        ('代', '代'),
        ('们', '們'),
        ('审', '審'),
        ('议', '議'),
        ('请', '請'),
        ('协', '協'),
        ('员', '員'),
        ('见', '見'),
        ('级', '級'),
        ('续', '續'),
        ('改', '改'),
        ('善', '善'),
    ];
    s.chars()
        .map(|c| match c {
            '0'..='9' | '%' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => PAIRS.iter().find(|p| p.0 == c).map_or(c, |p| p.1),
        })
        .collect()
}

#[test]
fn traditional_against_simplified_compares_on_the_folded_text() {
    let simp = "各位代表：\n今年发展主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右，城镇新增就业1200万人以上；居民消费价格涨幅2%左右；粮食产量1.4万亿斤左右；单位国内生产总值能耗降低3%左右，生态环境质量持续改善。";
    let trad = traditional(simp);
    assert_ne!(simp, trad);
    let (old, new) = (load("simp.txt", simp), load("trad.txt", &trad));
    let c = compare(&old, &new, &Options::default());
    check_invariants(&c, &old, &new);
    assert_eq!(c.similarity, 1.0, "{:#?}", c.blocks);
    assert!(c.blocks.iter().all(|b| b.kind == BlockKind::Equal));
    // Each side displays in its own script.
    let b = c.blocks.last().unwrap();
    assert!(b.old.as_ref().unwrap().text.contains("国内生产总值"));
    assert!(b.new.as_ref().unwrap().text.contains("國"));

    // A real change across scripts is still found, and shown as written.
    let changed = trad.replace("２％左右", "３％左右");
    let new2 = load("trad2.txt", &changed);
    let c = compare(&old, &new2, &Options::default());
    check_invariants(&c, &old, &new2);
    let v = find(&c, "2%左右", "３％左右");
    assert_eq!((v.old_value, v.new_value), (Some(2.0), Some(3.0)));

    // Asked to compare as written, the scripts differ.
    let strict = Options {
        fold: false,
        ..Options::default()
    };
    let c = compare(&old, &new, &strict);
    assert!(c.similarity < 1.0);
}

#[test]
fn spacing_and_indentation_are_not_changes_unless_asked() {
    let a = "各位代表：\n国内生产总值增长5%左右，城镇新增就业1200万人以上。";
    let b = "各位代表：\n\u{3000}\u{3000}国内生产总值增长 5% 左右，城镇新增就业1200万人以上。";
    let (old, new) = (load("a.txt", a), load("b.txt", b));
    let c = compare(&old, &new, &Options::default());
    check_invariants(&c, &old, &new);
    assert_eq!(c.similarity, 1.0);
    let c = compare(
        &old,
        &new,
        &Options {
            ignore_whitespace: false,
            ..Options::default()
        },
    );
    check_invariants(&c, &old, &new);
    assert!(c.blocks.iter().any(|b| b.kind == BlockKind::Modified));
}
