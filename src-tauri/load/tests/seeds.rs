//! The five sample reports load with the right metadata and without site chrome.

use std::path::PathBuf;

use gwr_load::{load_path, Document, Level};

fn sample(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples")
        .join(name);
    load_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

struct Expect {
    file: &'static str,
    jurisdiction: &'static str,
    level: Level,
    year: i32,
    date: &'static str,
    speaker: &'static str,
    office: &'static str,
    /// Strings of site chrome that must be gone.
    chrome: &'static [&'static str],
    /// The closing words of the report's last paragraph before any annex.
    closing: &'static str,
}

const SEEDS: &[Expect] = &[
    Expect {
        file: "000_8ea42176d04f9a1f.txt",
        jurisdiction: "乌兰察布市",
        level: Level::Prefecture,
        year: 2021,
        date: "2021-02-23",
        speaker: "奇飞云",
        office: "代市长",
        chrome: &[
            "点击查阅",
            "责任编辑",
            "精彩图片",
            "查看余下全文",
            "来源:乌兰察布市政府",
        ],
        closing: "为全面建设社会主义现代化国家而不懈奋斗!",
    },
    Expect {
        file: "001_e561e4d3a0bb089f.txt",
        jurisdiction: "呼和浩特市玉泉区",
        level: Level::County,
        year: 2023,
        date: "2023-01-07",
        speaker: "南男",
        office: "区长",
        chrome: &[
            "设为首页",
            "回复",
            "签到天数",
            "发表于",
            "您需要登录",
            "客服中心",
            "Powered by",
            "010-63691786",
            "快速回复",
        ],
        closing: "奋斗",
    },
    Expect {
        file: "002_13e9d407d2495842.txt",
        jurisdiction: "包头市",
        level: Level::Prefecture,
        year: 2018,
        date: "2018-01-06",
        speaker: "",
        office: "",
        chrome: &["首页 >", "次浏览", "关于我们", "0472-5621828", "ICP备"],
        closing: "包头篇章而努力奋斗!",
    },
    Expect {
        file: "003_2e0490dc36b0060a.txt",
        jurisdiction: "内蒙古自治区",
        level: Level::Province,
        year: 2023,
        date: "2023-01-12",
        speaker: "王莉霞",
        office: "自治区主席",
        chrome: &[
            "當前位置",
            "中國電力網",
            "評論",
            "用戶名",
            "驗證碼",
            "相關閱讀",
            "無相關信息",
            "原文如下",
        ],
        closing: "",
    },
    Expect {
        file: "004_c7f09e0d5707841b.txt",
        jurisdiction: "额尔古纳市",
        level: Level::CountyCity,
        year: 2023,
        date: "2023-03-11",
        speaker: "耿浩",
        office: "市长",
        chrome: &["\n|"],
        closing: "",
    },
];

#[test]
fn seeds_have_their_metadata() {
    for e in SEEDS {
        let d = sample(e.file);
        let m = &d.metadata;
        assert_eq!(
            m.jurisdiction.as_deref(),
            Some(e.jurisdiction),
            "{}",
            e.file
        );
        assert_eq!(m.level, Some(e.level), "{}", e.file);
        assert_eq!(m.report_year, Some(e.year), "{}", e.file);
        assert_eq!(m.meeting_date.as_deref(), Some(e.date), "{}", e.file);
        if !e.speaker.is_empty() {
            assert_eq!(m.speaker.as_deref(), Some(e.speaker), "{}", e.file);
            assert_eq!(m.speaker_title.as_deref(), Some(e.office), "{}", e.file);
        }
        assert!(
            m.title.as_deref().is_some_and(|t| t.contains("政府工作")),
            "{}: {:?}",
            e.file,
            m.title
        );
    }
}

#[test]
fn seeds_lose_their_chrome_and_keep_the_report() {
    for e in SEEDS {
        let d = sample(e.file);
        for chrome in e.chrome {
            assert!(
                !d.text.contains(chrome),
                "{}: chrome {chrome:?} left",
                e.file
            );
        }
        let opening = d
            .match_text
            .lines()
            .position(|l| l.starts_with("各位代表"))
            .unwrap_or_else(|| panic!("{}: no 各位代表", e.file));
        assert!(opening <= 3, "{}: 各位代表 at line {opening}", e.file);
        assert!(
            d.match_text
                .lines()
                .next()
                .unwrap()
                .contains("政府工作报告"),
            "{}",
            e.file
        );
        if !e.closing.is_empty() {
            assert!(
                d.match_text.contains(e.closing),
                "{}: closing {:?} missing",
                e.file,
                e.closing
            );
        }
    }
}

#[test]
fn traditional_seed_loses_pinyin_but_keeps_its_script() {
    let d = sample("003_2e0490dc36b0060a.txt");
    assert!(!d.text.contains("(dāng)") && !d.text.contains("(qū)"));
    assert!(
        d.text.contains("政府工作報告"),
        "display text stays traditional"
    );
    assert!(d.match_text.contains("政府工作报告"));
    assert!(
        d.text.contains("(牽頭責任單位:自治區水利廳)"),
        "real parentheses stay"
    );
    assert!(!d.garbled.is_empty(), "the ?? runs are marked");
    for g in &d.garbled {
        assert!(d
            .slice(g.start, g.end)
            .chars()
            .all(|c| c == '?' || c == '\u{FFFD}' || c == '？'));
    }
    // The annex of 43 tasks is report text and stays.
    assert!(d.match_text.contains("43. 改造提升11个边境旗县"));
}

#[test]
fn collapsed_seed_is_split_into_paragraphs() {
    let d = sample("004_c7f09e0d5707841b.txt");
    assert!(d.paragraphs.len() > 60, "{} paragraphs", d.paragraphs.len());
    let headings: Vec<&str> = d.sections.iter().map(|s| s.heading.as_str()).collect();
    assert!(
        headings.iter().any(|h| h.starts_with("一、2022年工作回顾")),
        "{headings:?}"
    );
    assert!(d.text.contains("\n——经济质效持续提升。"));
}

#[test]
fn every_offset_maps_back_to_the_original_bytes() {
    for e in SEEDS {
        let d = sample(e.file);
        assert_eq!(d.text.chars().count(), d.char_len());
        assert_eq!(d.match_text.chars().count(), d.char_len(), "{}", e.file);
        // Each ASCII digit and each Han character of the clean text is found at
        // its origin in the raw bytes (the seeds are UTF-8).
        for (i, c) in d.text.chars().enumerate() {
            if c == '\n' || c == ' ' {
                continue;
            }
            let r = d.raw_range(i, i + 1);
            let mut buf = [0u8; 4];
            assert_eq!(
                &d.raw[r.start..r.start + c.len_utf8()],
                c.encode_utf8(&mut buf).as_bytes(),
                "{} char {i}",
                e.file
            );
        }
    }
}

#[test]
fn sections_are_classified() {
    use gwr_load::Part;
    let d = sample("000_8ea42176d04f9a1f.txt");
    let parts: Vec<(Part, &str)> = d
        .sections
        .iter()
        .map(|s| (s.part, s.heading.as_str()))
        .collect();
    assert_eq!(parts[1].0, Part::MultiYearReview, "{parts:?}");
    assert!(parts.iter().any(|(p, _)| *p == Part::Plan), "{parts:?}");
}
