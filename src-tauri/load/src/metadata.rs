//! Metadata from the report's own title block, opening sentence and file
//! name: jurisdiction (via the gazetteer), level, report year, meeting date,
//! speaker and office. The year of the report is not the year of its figures.

use crate::gazetteer::{gazetteer, Division};
use crate::{Level, Metadata};

/// How many leading lines may hold the title block.
const HEAD_LINES: usize = 8;

/// Offices a speaker line names, acting (代) forms first so they match whole.
pub(crate) const OFFICES: &[&str] = &[
    "代市长",
    "代区长",
    "代县长",
    "代旗长",
    "代省长",
    "代主席",
    "代州长",
    "代盟长",
    "市长",
    "区长",
    "县长",
    "旗长",
    "省长",
    "主席",
    "州长",
    "盟长",
    "总理",
];

pub fn detect(file_name: &str, text: &str, folded: &str) -> Metadata {
    let display: Vec<&str> = text.lines().take(HEAD_LINES + 4).collect();
    let lines: Vec<&str> = folded.lines().take(HEAD_LINES + 4).collect();
    let opening = lines
        .iter()
        .position(|l| l.starts_with("各位代表"))
        .unwrap_or(HEAD_LINES.min(lines.len()));
    let head = &lines[..opening];

    let title_at = head.iter().position(|l| is_title_line(l));
    let meeting_at = head
        .iter()
        .position(|l| l.contains("人民代表大会") || l.contains("会议上"));
    let speaker_at = head.iter().position(|l| is_speaker_line(l));

    let mut m = Metadata {
        title: title_at.map(|i| display[i].to_string()),
        ..Metadata::default()
    };

    let date = meeting_at
        .and_then(|i| find_date(head[i]))
        .or_else(|| title_at.and_then(|i| find_date(head[i])));
    if let Some((y, mo, d)) = date {
        m.meeting_date = Some(format!("{y:04}-{mo:02}-{d:02}"));
    }
    m.report_year = date
        .map(|d| d.0)
        .or_else(|| title_at.and_then(|i| leading_year(head[i])))
        .or_else(|| year_in(file_name))
        .or_else(|| review_year(folded).map(|y| y + 1));

    if let Some(i) = speaker_at {
        let (office, name) = split_speaker(display[i], head[i]);
        m.speaker_title = office;
        m.speaker = name;
    }

    let opening_sentence: &str = lines.get(opening + 1).copied().unwrap_or("");
    if opening_sentence.contains("代表国务院")
        || head.iter().any(|l| l.contains("全国人民代表大会"))
    {
        m.jurisdiction = Some("国务院".into());
        m.level = Some(Level::National);
        return m;
    }
    let named: Vec<&str> = [title_at, meeting_at, speaker_at]
        .into_iter()
        .flatten()
        .map(|i| head[i])
        .collect();
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    let division = pick(&named.join("\n"))
        .or_else(|| pick(stem))
        .or_else(|| most_mentioned(folded));
    if let Some(d) = division {
        m.jurisdiction = Some(d.display_name());
        m.admin_code = Some(d.code.clone());
        m.level = Some(d.level());
    }
    m
}

/// A line naming the report, also when spaced out for display (`政 府 工 作 报 告`).
pub(crate) fn is_title_line(l: &str) -> bool {
    l.contains("政府工作报告") || (l.contains(' ') && l.replace(' ', "").contains("政府工作报告"))
}

/// `代市长 奇飞云`: a short line naming an office (folded text).
pub(crate) fn is_speaker_line(l: &str) -> bool {
    l.chars().count() <= 30 && !l.contains('。') && OFFICES.iter().any(|o| l.contains(o))
}

/// The most specific division named, preferring one whose parent is named too.
fn pick(text: &str) -> Option<&'static Division> {
    let found = gazetteer().mentions(text);
    let rank = |d: &Division| match d.level() {
        Level::County | Level::CountyCity => 3,
        Level::Prefecture => 2,
        _ => 1,
    };
    let parent_named = |d: &Division| {
        d.parent()
            .is_some_and(|p| found.iter().any(|(f, _)| f.code == p.code))
    };
    found
        .iter()
        .map(|(d, _)| *d)
        .max_by_key(|d| (rank(d), parent_named(d), std::cmp::Reverse(d.code.clone())))
}

/// Fallback for reports without a title block: the division the text names
/// most often, if it is named at least three times.
fn most_mentioned(text: &str) -> Option<&'static Division> {
    gazetteer()
        .mentions(text)
        .into_iter()
        .find(|(_, n)| *n >= 3)
        .map(|(d, _)| d)
}

/// `2021年2月23日` anywhere in a line.
fn find_date(line: &str) -> Option<(i32, u32, u32)> {
    let cs: Vec<char> = line.chars().collect();
    (0..cs.len()).find_map(|i| date_at(&cs, i))
}

fn date_at(cs: &[char], i: usize) -> Option<(i32, u32, u32)> {
    if i > 0 && cs[i - 1].is_ascii_digit() {
        return None;
    }
    let (y, mut j) = number(cs, i)?;
    if !(1949..=2100).contains(&y) || cs.get(j) != Some(&'年') {
        return None;
    }
    j += 1;
    let (mo, k) = number(cs, j)?;
    if cs.get(k) != Some(&'月') {
        return None;
    }
    let (d, l) = number(cs, k + 1)?;
    (cs.get(l) == Some(&'日') && (1..=12).contains(&mo) && (1..=31).contains(&d))
        .then_some((y as i32, mo as u32, d as u32))
}

fn number(cs: &[char], i: usize) -> Option<(u64, usize)> {
    let mut j = i;
    let mut v: u64 = 0;
    while j < cs.len() && cs[j].is_ascii_digit() && j - i < 6 {
        v = v * 10 + cs[j].to_digit(10)? as u64;
        j += 1;
    }
    (j > i).then_some((v, j))
}

/// `2023年…政府工作报告` → 2023.
fn leading_year(line: &str) -> Option<i32> {
    let cs: Vec<char> = line.chars().collect();
    (0..cs.len()).find_map(|i| {
        let (y, j) = number(&cs, i)?;
        ((i == 0 || !cs[i - 1].is_ascii_digit())
            && (1949..=2100).contains(&y)
            && cs.get(j) == Some(&'年'))
        .then_some(y as i32)
    })
}

/// A plausible year in a file name (`2006_保定市.txt`, `hailaerqu_2012.txt`).
fn year_in(name: &str) -> Option<i32> {
    let cs: Vec<char> = name.chars().collect();
    (0..cs.len()).find_map(|i| {
        let (y, j) = number(&cs, i)?;
        ((i == 0 || !cs[i - 1].is_ascii_digit()) && j - i == 4 && (1949..=2100).contains(&y))
            .then_some(y as i32)
    })
}

/// The year of a `一、2020年工作回顾` heading.
fn review_year(folded: &str) -> Option<i32> {
    folded
        .lines()
        .filter(|l| l.chars().count() < 40 && l.contains("回顾"))
        .find_map(leading_year)
}

/// `代市长 奇飞云` → (代市长, 奇飞云); `玉泉区人民政府区长 南男` → (区长, 南男).
fn split_speaker(display: &str, folded: &str) -> (Option<String>, Option<String>) {
    let Some((at, office)) = OFFICES
        .iter()
        .filter_map(|o| folded.find(o).map(|b| (b, *o)))
        .min_by_key(|(b, o)| (*b, std::cmp::Reverse(o.len())))
    else {
        return (None, None);
    };
    let prefix = &folded[..at];
    // Keep a level word before the office (自治区主席), drop `XX人民政府`.
    let office_start = if let Some(p) = prefix.rfind("人民政府") {
        p + "人民政府".len()
    } else {
        prefix
            .char_indices()
            .rev()
            .find(|(_, c)| *c == ' ')
            .map_or(0, |(b, c)| b + c.len_utf8())
    };
    let char_at = |b: usize| folded[..b].chars().count();
    let (os, oe) = (char_at(office_start), char_at(at + office.len()));
    let display_chars: Vec<char> = display.chars().collect();
    let office_text: String = display_chars[os..oe].iter().collect();
    let name: String = display_chars[oe..]
        .iter()
        .collect::<String>()
        .trim()
        .to_string();
    let name_ok =
        (2..=4).contains(&name.chars().count()) && name.chars().all(|c| c as u32 >= 0x3400);
    (
        Some(crate::fold::fold(&office_text)),
        name_ok.then_some(name),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> Metadata {
        let f = crate::fold::fold(text);
        detect("x.txt", text, &f)
    }

    #[test]
    fn title_block_gives_everything() {
        let m = meta("2023年呼和浩特市玉泉区政府工作报告\n——2023年1月7日在玉泉区第十八届人民代表大会第二次会议上\n玉泉区人民政府区长 南男\n各位代表:\n现在,我代表区人民政府向大会报告工作。");
        assert_eq!(m.jurisdiction.as_deref(), Some("呼和浩特市玉泉区"));
        assert_eq!(m.level, Some(Level::County));
        assert_eq!(m.report_year, Some(2023));
        assert_eq!(m.meeting_date.as_deref(), Some("2023-01-07"));
        assert_eq!(m.speaker_title.as_deref(), Some("区长"));
        assert_eq!(m.speaker.as_deref(), Some("南男"));
    }

    #[test]
    fn a_spaced_out_title_is_a_title() {
        let m = meta("政 府 工 作 报 告\n各位代表:\n现在,我代表区人民政府向大会报告工作。");
        assert_eq!(m.title.as_deref(), Some("政 府 工 作 报 告"));
    }

    #[test]
    fn national_report_from_its_opening() {
        let m =
            meta("各位代表:\n现在,我代表国务院,向大会报告政府工作,请予审议。\n一、2021年工作回顾");
        assert_eq!(m.level, Some(Level::National));
        assert_eq!(m.jurisdiction.as_deref(), Some("国务院"));
        assert_eq!(m.report_year, Some(2022));
    }
}
