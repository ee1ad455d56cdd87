//! Site chrome: everything a web page, forum or comment box wraps around the
//! report. The report runs from its title block (title, meeting line,
//! speaker) through `各位代表` to its last paragraph or annex; what comes
//! before the title block and after an end marker (责任编辑, 评论, 您需要登录,
//! ICP备…) goes, and so do chrome lines in between.
//!
//! All checks run on the folded line (simplified, half-width), so traditional
//! pages are cleaned by the same lists.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::mapped::{split_lines, MappedText};
use crate::structure::is_cn_digit;

/// Lines no longer than this can be chrome; report paragraphs are longer or
/// look like headings.
const CHROME_MAX_CHARS: usize = 48;

/// Longer than any line a chrome, title or meeting check looks at; a longer
/// line is judged noise or not by its start.
const PREFIX_CHARS: usize = 100;

/// How far above `各位代表` a title block may start.
const HEADER_MAX_LINES: usize = 12;

/// Phrases that mark a short line as page, forum or comment chrome.
const CHROME_PHRASES: &[&str] = &[
    "点击查阅",
    "责任编辑",
    "精彩图片",
    "查看余下全文",
    "来源:",
    "信息来源",
    "发布时间",
    "次浏览",
    "浏览次数",
    "分类:",
    "当前位置",
    "首页>",
    "首页 >",
    "设为首页",
    "收藏本站",
    "查看:",
    "回复:",
    "复制链接",
    "发表于",
    "显示全部楼层",
    "阅读模式",
    "签到天数",
    "每日心情",
    "Rank:",
    "您需要登录",
    "登录 |",
    "立即注册",
    "本版积分规则",
    "客服中心",
    "联系电话",
    "在线咨询",
    "在线时间",
    "Powered by",
    "ICP备",
    "版权所有",
    "免责声明",
    "隐私保护",
    "关于我们",
    "返回顶部",
    "返回列表",
    "快速回复",
    "字号",
    "打印本页",
    "关闭窗口",
    "分享到",
    "相关阅读",
    "相关报道",
    "无相关信息",
    "最新评论",
    "发表评论",
    "用户名:",
    "密码:",
    "验证码",
    "匿名发表",
    "上一篇",
    "下一篇",
    "扫一扫",
    "原文如下",
    "时间:",
    "下载",
    "全屏",
    "收藏",
];

/// Phrases that end the report: nothing after such a line is report text.
const END_PHRASES: &[&str] = &[
    "责任编辑",
    "精彩图片",
    "查看余下全文",
    "您需要登录",
    "本版积分规则",
    "关于我们",
    "相关阅读",
    "相关报道",
    "最新评论",
    "发表评论",
    "上一篇",
    "下一篇",
    "版权所有",
    "Powered by",
    "ICP备",
    "返回顶部",
    "分享到",
];

/// A line of the text, and its folded form, which all checks read.
struct Line<'a> {
    text: &'a str,
    folded: &'a str,
    /// Its characters' range, the same in the text and the folded text.
    chars: std::ops::Range<usize>,
}

impl Line<'_> {
    fn char_len(&self) -> usize {
        self.chars.len()
    }
}

/// The text without its chrome, the folded form of that text (what
/// [`crate::fold::fold_with`] gives for it), and notes on what went.
pub fn strip(input: &MappedText, traditional: bool) -> (MappedText, String, Vec<String>) {
    // Folding works line by line, one character for one, so the kept lines
    // of the folded text are the folded clean text: the text is folded once
    // here, not once for the checks and again for matching.
    let folded = crate::fold::fold_with(input.text(), traditional);
    let mut lines: Vec<Line> = Vec::new();
    let mut char_at = 0;
    for (line, folded_line) in split_lines(input.text()).zip(split_lines(&folded)) {
        let end = char_at + line.chars().count();
        lines.push(Line {
            text: line,
            folded: folded_line,
            chars: char_at..end,
        });
        char_at = end + 1;
    }
    debug_assert_eq!(lines.len(), folded.split('\n').count());
    let mut notes = Vec::new();

    let opening = lines.iter().position(|l| l.folded.starts_with("各位代表"));
    let mut keep: Vec<usize> = Vec::new();
    let body_from = match opening {
        Some(open) => {
            let mut header = Vec::new();
            for k in (open.saturating_sub(HEADER_MAX_LINES)..open).rev() {
                let l = &lines[k];
                if is_chrome(l) || is_noise(l) {
                    continue;
                }
                if is_title(l) {
                    header.push(k);
                    break;
                }
                if is_meeting(l) || crate::metadata::is_speaker_line(l.folded) || is_date(l) {
                    header.push(k);
                    continue;
                }
                break;
            }
            header.reverse();
            let first = header.first().copied().unwrap_or(open);
            if first > 0 {
                notes.push(format!(
                    "dropped {first} lines of site chrome before the report"
                ));
            }
            keep.extend(header);
            open
        }
        None => {
            notes.push("no opening `各位代表` found; kept the text from the top".into());
            0
        }
    };

    let mut dropped_inside = 0;
    let mut end = lines.len();
    for (k, l) in lines.iter().enumerate().skip(body_from) {
        if k > body_from && is_end(l) {
            end = k;
            break;
        }
        if is_chrome(l) || is_noise(l) {
            dropped_inside += 1;
            continue;
        }
        keep.push(k);
    }
    if dropped_inside > 0 {
        notes.push(format!(
            "dropped {dropped_inside} chrome lines inside the report"
        ));
    }
    if end < lines.len() {
        notes.push(format!(
            "dropped {} lines after the report's end",
            lines.len() - end
        ));
    }

    let origins = input.origins();
    let mut out = MappedText::with_capacity(input.text().len());
    let mut match_text = String::with_capacity(folded.len());
    for (n, &k) in keep.iter().enumerate() {
        let l = &lines[k];
        if n > 0 {
            out.push('\n', origins[l.chars.start]);
            match_text.push('\n');
        }
        out.push_str(l.text, &origins[l.chars.clone()]);
        match_text.push_str(l.folded);
    }
    (out, match_text, notes)
}

/// [`CHROME_PHRASES`] and [`END_PHRASES`] as automata, built once, so that
/// a line is read once rather than once per phrase.
struct PhraseMatchers {
    chrome: AhoCorasick,
    end: AhoCorasick,
}

fn phrase_matchers() -> &'static PhraseMatchers {
    static MATCHERS: OnceLock<PhraseMatchers> = OnceLock::new();
    MATCHERS.get_or_init(|| PhraseMatchers {
        chrome: AhoCorasick::new(CHROME_PHRASES).expect("chrome phrases build an automaton"),
        end: AhoCorasick::new(END_PHRASES).expect("end phrases build an automaton"),
    })
}

fn is_chrome(l: &Line) -> bool {
    l.char_len() <= CHROME_MAX_CHARS
        && !is_report_marker(l.folded)
        && phrase_matchers().chrome.is_match(l.folded)
}

fn is_end(l: &Line) -> bool {
    let short = l.char_len() <= CHROME_MAX_CHARS && !is_report_marker(l.folded);
    let f = l.folded;
    short && (phrase_matchers().end.is_match(f) || f == "评论" || f.starts_with("评论("))
}

/// A line of nothing but punctuation or symbols (`|`, `>>`), judged by its start.
fn is_noise(l: &Line) -> bool {
    !l.folded
        .chars()
        .take(PREFIX_CHARS)
        .any(|c| c.is_alphanumeric())
}

fn is_report_marker(l: &str) -> bool {
    let mut cs = l.chars();
    let first = cs.next().unwrap_or(' ');
    let second = cs.next().unwrap_or(' ');
    matches!(first, '—' | '“') && second != ' '
        || first == '(' && is_cn_digit(second)
        || is_cn_digit(first) && (second == '、' || l.contains('、'))
        || first.is_ascii_digit() && l.chars().take(4).any(|c| c == '.' || c == '、')
}

fn is_title(l: &Line) -> bool {
    l.char_len() <= 60 && crate::metadata::is_title_line(l.folded)
}

fn is_meeting(l: &Line) -> bool {
    let f = l.folded;
    l.char_len() <= 90 && (f.contains("人民代表大会") || f.contains("会议上"))
}

fn is_date(l: &Line) -> bool {
    let f = l.folded;
    l.char_len() <= 24 && f.contains('年') && f.contains('日') && !f.contains("来源")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_str(s: &str) -> String {
        strip(&MappedText::from_utf8(s), false).0.text().to_string()
    }

    #[test]
    fn keeps_title_block_and_body_drops_chrome() {
        let page = "首页 > 新闻\n2018年包头市政府工作报告\n2018-01-13 次浏览分类:工作动态 信息来源:本站\n——2018年1月6日在包头市第十五届人民代表大会第一次会议上\n各位代表:\n现在,我代表市人民政府向大会报告工作。\n点击查阅更多2021年地方政府工作报告\n一、过去五年工作回顾\n而努力奋斗!\n关于我们联系我们免责声明隐私保护\n联系电话:0472-5621828";
        assert_eq!(
            strip_str(page),
            "2018年包头市政府工作报告\n——2018年1月6日在包头市第十五届人民代表大会第一次会议上\n各位代表:\n现在,我代表市人民政府向大会报告工作。\n一、过去五年工作回顾\n而努力奋斗!"
        );
    }

    #[test]
    fn match_text_is_the_folded_clean_text() {
        let page = "首頁 > 新聞\n各位代表：\n現在，我代表市人民政府向大會報告工作。\n點擊查閱\n（一）發展\n責任編輯：某某";
        for traditional in [false, true] {
            let (text, match_text, _) = strip(&MappedText::from_utf8(page), traditional);
            assert_eq!(match_text, crate::fold::fold_with(text.text(), traditional));
        }
    }

    #[test]
    fn without_opening_everything_but_chrome_stays() {
        assert_eq!(strip_str("报告正文。\n责任编辑:某某\n尾巴"), "报告正文。");
    }
}
