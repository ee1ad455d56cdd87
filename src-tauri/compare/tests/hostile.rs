//! Input that should not break the diff: empty documents, a huge paragraph,
//! markup in report text, a loader that broke its own contract, noise.

mod common;

use std::time::{Duration, Instant};

use common::{check_invariants, corpus, load, raw_doc};
use gwr_compare::{
    compare, render, render_html, render_json, render_text, BlockKind, Format, Granularity, Options,
};

#[test]
fn empty_against_empty_and_against_a_report() {
    let empty = raw_doc("empty.txt", "", "");
    let c = compare(&empty, &empty, &Options::default());
    check_invariants(&c, &empty, &empty);
    assert!(c.blocks.is_empty());
    assert_eq!(c.similarity, 1.0);
    for f in [Format::Text, Format::Json, Format::Html] {
        assert!(!render(&c, f).is_empty());
    }

    let doc = corpus("hailaerqu_2019.txt");
    let c = compare(&empty, &doc, &Options::default());
    check_invariants(&c, &empty, &doc);
    assert_eq!(c.similarity, 0.0);
    assert!(c.blocks.iter().all(|b| b.kind == BlockKind::Inserted));
    let c = compare(&doc, &empty, &Options::default());
    check_invariants(&c, &doc, &empty);
    assert!(c.blocks.iter().all(|b| b.kind == BlockKind::Deleted));
}

/// Text from a small alphabet with no punctuation: the worst case for an
/// LCS diff (many equal items, long edit scripts) and for sentence splitting.
fn noise(len: usize, seed: u64) -> String {
    const ALPHABET: &[char] = &[
        '发', '展', '改', '革', '推', '进', '建', '设', '经', '济', '社', '会',
    ];
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ALPHABET[(x >> 33) as usize % ALPHABET.len()]
        })
        .collect()
}

#[test]
fn one_huge_paragraph_is_bounded_in_time_and_says_it_fell_back() {
    let a = noise(200_000, 1);
    // Every 40th character changed: a long edit script over a long sequence.
    let b: String = a
        .chars()
        .enumerate()
        .map(|(i, c)| if i % 40 == 0 { '新' } else { c })
        .collect();
    let (old, new) = (raw_doc("a.txt", &a, &a), raw_doc("b.txt", &b, &b));
    // A 1 ms budget: no machine diffs 200 000 characters that fast, so the
    // fallback is certain whatever the load (200 ms was not, on a quiet machine).
    let opts = Options {
        time_budget_ms: 1,
        ..Options::default()
    };
    let t = Instant::now();
    let c = compare(&old, &new, &opts);
    let took = t.elapsed();
    check_invariants(&c, &old, &new);
    // Budget plus the linear work around it (tokenising, tiling), with slack
    // for an unoptimised test build on a busy machine.
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let f = c.fallback.as_ref().expect("a fallback must be reported");
    assert!(f.granularity >= Granularity::Sentence);
    assert_eq!(f.blocks, 1);
    assert!(f.reason.contains("1 ms"), "{}", f.reason);
    assert_eq!(c.blocks.len(), 1);
    assert_eq!(c.blocks[0].granularity, f.granularity);
    assert!(render_text(&c).contains("note:"));
    assert!(render_html(&c).contains("Note:"));
}

#[test]
fn many_paragraphs_past_the_budget_fall_back_to_whole_paragraphs() {
    // 300 paragraphs of noise, each slightly changed, with a budget that runs
    // out part way: what is left is diffed as whole paragraphs.
    let paras: Vec<String> = (0..300).map(|i| noise(2_000, i)).collect();
    let changed: Vec<String> = paras
        .iter()
        .map(|p| {
            p.chars()
                .enumerate()
                .map(|(i, c)| if i % 25 == 0 { '新' } else { c })
                .collect()
        })
        .collect();
    let (a, b) = (paras.join("\n"), changed.join("\n"));
    let (old, new) = (raw_doc("a.txt", &a, &a), raw_doc("b.txt", &b, &b));
    let opts = Options {
        time_budget_ms: 30,
        ..Options::default()
    };
    let t = Instant::now();
    let c = compare(&old, &new, &opts);
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
    check_invariants(&c, &old, &new);
    let f = c.fallback.as_ref().expect("fallback");
    assert_eq!(f.granularity, Granularity::Paragraph);
    assert!(c
        .blocks
        .iter()
        .any(|b| b.granularity == Granularity::Paragraph));
}

#[test]
fn markup_in_report_text_is_escaped_in_html() {
    let a = "各位代表：\n国内生产总值增长5%左右<script>alert('x')</script>。";
    let b = "各位代表：\n国内生产总值增长6%左右<img src=x onerror=alert(1)> & \"引号\"。";
    let mut old = raw_doc("<b>old</b>.txt", a, a);
    old.metadata.report_year = Some(2024);
    let new = raw_doc("new\".txt", b, b);
    let c = compare(&old, &new, &Options::default());
    check_invariants(&c, &old, &new);
    let html = render_html(&c);
    assert!(!html.contains("<script"), "script tag leaked");
    assert!(!html.contains("<img"), "img tag leaked");
    assert!(!html.contains("<b>old"), "file name not escaped");
    // Diff segments may split the markup, each piece escaped.
    for escaped in [
        "&lt;",
        "script&gt;",
        "&#39;x&#39;",
        "&lt;/script",
        "&amp;",
        "&quot;引号&quot;",
    ] {
        assert!(html.contains(escaped), "{escaped} missing");
    }
    // Self-contained: nothing fetched from elsewhere.
    for external in [
        "<link", "<script", "<iframe", "url(", "@import", "http://", "https://",
    ] {
        assert!(!html.contains(external), "{external} in the page");
    }
    // JSON and text carry the text as is (they are not HTML).
    assert!(render_json(&c).contains("<script>alert('x')</script>"));
    assert!(render_text(&c).contains("[-5%左右-]{+6%左右+}"));
}

#[test]
fn a_loader_that_broke_the_match_text_contract_does_not_panic() {
    // match_text one character short: compare falls back to the display text.
    let text = "各位代表：\n经济增长5%。";
    let old = raw_doc("a.txt", text, "各位代表：\n经济增长5%");
    let new = load("b.txt", "各位代表：\n经济增长6%。");
    let c = compare(&old, &new, &Options::default());
    check_invariants(&c, &old, &new);
    assert!(c
        .value_changes
        .iter()
        .any(|v| v.old.text == "5%" && v.new.text == "6%"));
}

#[test]
fn random_small_edits_keep_the_invariants() {
    const PIECES: &[&str] = &[
        "国内生产总值",
        "增长",
        "5%",
        "6.5%左右",
        "1.5万亿元",
        "0.48个百分点",
        "，",
        "。",
        "的",
        "和",
        "推进",
        "乡村振兴",
        " ",
        "\u{3000}",
        "\n",
        "2024年",
        "300多家",
        "<",
        "&",
        "“",
        "”",
        "、",
    ];
    let mut x = 7u64;
    let mut next = |n: usize| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as usize % n
    };
    for round in 0..300 {
        let len = 1 + next(60);
        let a: Vec<&str> = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
        let mut b = a.clone();
        for _ in 0..next(8) {
            let at = next(b.len() + 1);
            match next(3) {
                0 if at < b.len() => {
                    b.remove(at);
                }
                1 if at < b.len() => b[at] = PIECES[next(PIECES.len())],
                _ => b.insert(at, PIECES[next(PIECES.len())]),
            }
        }
        let (a, b) = (a.concat(), b.concat());
        let (old, new) = (raw_doc("a.txt", &a, &a), raw_doc("b.txt", &b, &b));
        for opts in [
            Options::default(),
            Options {
                ignore_whitespace: false,
                ..Options::default()
            },
        ] {
            let c = compare(&old, &new, &opts);
            check_invariants(&c, &old, &new);
            assert!(c.fallback.is_none(), "round {round}");
            if a == b {
                assert_eq!(c.similarity, 1.0, "round {round}");
            }
        }
    }
}
