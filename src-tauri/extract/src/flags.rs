//! Plausibility flags: point a reviewer at figures a careful reader would stop
//! at. Flags never change a value. Each reason names what was compared, and a
//! suspected lost decimal point comes with the corrected candidate.

use gwr_load::Document;

use crate::catalog::{Catalog, Indicator};
use crate::figure::{Figure, Flag, FlagCode, Kind, Measure, Qualifier};

const GDP: &str = "地区生产总值";

/// Add flags to `figs` (figures of one report, in text order).
pub fn flag(doc: &Document, catalog: &Catalog, figs: &mut [Figure]) {
    flag_chars(
        doc,
        catalog,
        &crate::engine::chars_of(&doc.match_text),
        figs,
    );
}

/// [`flag`] with the folded text already decoded into `chars`.
pub(crate) fn flag_chars(doc: &Document, catalog: &Catalog, chars: &[char], figs: &mut [Figure]) {
    let gdp = report_gdp(figs);
    let population = report_population(&doc.match_text);
    for f in figs.iter_mut() {
        let mut new = Vec::new();
        {
            let f = &*f;
            let ind = f
                .indicator
                .as_deref()
                .and_then(|n| catalog.index_of(n))
                .map(|k| &catalog.indicators[k]);
            if let Some(ind) = ind {
                indicator_checks(f, ind, gdp.as_ref(), population, &mut new);
            }
            generic_checks(f, chars, &mut new);
            garbled(doc, chars, f, &mut new);
        }
        f.flags.extend(new);
    }
    shares_sum(chars, figs);
    contradictions(figs);
}

/// The report's own GDP: the latest stated level in money (actual or estimate).
struct Gdp {
    base: f64,
    text: String,
}

fn report_gdp(figs: &[Figure]) -> Option<Gdp> {
    figs.iter()
        .filter(|f| f.indicator.as_deref() == Some(GDP) && f.measure == Measure::Level)
        .filter(|f| f.unit_base == "元" && f.kind != Kind::Target)
        .filter(|f| f.value_base.is_some_and(|v| v > 0.0))
        // The report's own GDP is the largest it states: smaller ones are of
        // its counties or zones (7个县地区生产总值超500亿元).
        .max_by(|a, b| {
            a.value_base
                .unwrap_or(0.0)
                .total_cmp(&b.value_base.unwrap_or(0.0))
        })
        .map(|f| Gdp {
            base: f.value_base.unwrap_or(0.0),
            text: f.text.clone(),
        })
}

/// Population stated in the report (常住人口 X万, X万各族人民, X万人民群众),
/// from the folded text.
fn report_population(text: &str) -> Option<f64> {
    let mut best: Option<f64> = None;
    // Only a number of 万 can be a population: from each 万 back to the
    // digits before it, 多/余 between them. memmem finds 万 by its bytes with
    // SIMD; str's own search stops at every byte 0x87, common in Chinese.
    for w in memchr::memmem::find_iter(text.as_bytes(), "万".as_bytes()) {
        let head = &text[..w];
        let head = head.strip_suffix(['多', '余']).unwrap_or(head);
        let number = head.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
        // The number starts at the first digit of the run.
        let number = head[number.len()..].trim_start_matches('.');
        if number.is_empty() {
            continue;
        }
        let rest = &text[w + '万'.len_utf8()..];
        let after = &rest[..rest.char_indices().nth(11).map_or(rest.len(), |(b, _)| b)];
        let lead = &head[..head.len() - number.len()];
        let before = &lead[lead.char_indices().rev().nth(5).map_or(0, |(b, _)| b)..];
        // Every word of the people has 人 or 群 and every census word 口:
        // most numbers of 万 have neither near them.
        let people = after.contains(['人', '群'])
            && ["各族人民", "人民群众", "各族群众", "勤劳智慧的各族人民"]
                .iter()
                .any(|w| {
                    after.starts_with(w)
                        || after
                            .split(['。', ',', ';'])
                            .next()
                            .is_some_and(|a| a.contains(w) && a.chars().count() < 12)
                });
        let census = before.contains('口')
            && (before.contains("常住人口")
                || before.contains("总人口")
                || before.contains("户籍人口"));
        if !(people || census) {
            continue;
        }
        let Ok(v) = number.parse::<f64>() else {
            continue;
        };
        let v = v * 1e4;
        best = Some(best.map_or(v, |b: f64| b.max(v)));
    }
    best
}

fn fmt(v: f64) -> String {
    let s = format!("{:.4}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Decimal places that, if lost, would turn the stated digits into `value`.
/// Only integers written without a point qualify.
fn decimal_candidates(f: &Figure) -> Vec<(f64, u32)> {
    let Some(v) = f.value else { return vec![] };
    if f.text.contains('.') || f.text.contains('．') || v.fract() != 0.0 || v.abs() < 10.0 {
        return vec![];
    }
    let digits = (v.abs() as u64).to_string().len() as u32;
    (1..digits.min(4))
        .map(|k| (v / 10f64.powi(k as i32), k))
        .collect()
}

fn indicator_checks(
    f: &Figure,
    ind: &Indicator,
    gdp: Option<&Gdp>,
    population: Option<f64>,
    out: &mut Vec<Flag>,
) {
    let Some(v) = f.value else { return };
    match f.measure {
        Measure::Level => {
            let Some(base) = f.value_base else { return };
            // A total over several years (五年累计) compares with as many years of GDP.
            let years = f
                .period
                .map_or(1.0, |p| (p.end - p.start + 1).max(1) as f64);
            if let (Some(max), Some(g)) = (ind.max_vs_gdp, gdp) {
                if f.unit_base == "元" && ind.name != GDP && base > max * g.base * years {
                    let ratio = base / g.base;
                    out.push(Flag {
                        code: FlagCode::Magnitude,
                        reason: format!(
                            "{} {} is {:.1} times the report's {} {} (expected at most {})",
                            ind.name,
                            f.text,
                            ratio,
                            GDP,
                            g.text,
                            fmt(max)
                        ),
                    });
                    let typical = ind.typical_vs_gdp.unwrap_or(max / 2.0);
                    let best = decimal_candidates(f)
                        .into_iter()
                        .filter(|(c, _)| c * (base / v) <= max * g.base)
                        .min_by(|a, b| {
                            let da = ((a.0 * base / v / g.base) / typical).ln().abs();
                            let db = ((b.0 * base / v / g.base) / typical).ln().abs();
                            da.total_cmp(&db)
                        });
                    if let Some((c, _)) = best {
                        out.push(Flag {
                            code: FlagCode::DecimalLost,
                            reason: format!(
                                "decimal point lost? {}{} would be {:.0}% of {} {}",
                                fmt(c),
                                f.unit,
                                c * (base / v) / g.base * 100.0,
                                GDP,
                                g.text
                            ),
                        });
                    }
                }
            }
            if let Some([lo, hi]) = ind.level_base {
                if f.unit_base == "元" && (base < lo || base > hi) {
                    out.push(Flag {
                        code: FlagCode::Magnitude,
                        reason: format!(
                            "{} {} is outside the plausible {}–{}元",
                            ind.name,
                            f.text,
                            fmt(lo),
                            fmt(hi)
                        ),
                    });
                    if let Some((c, _)) = decimal_candidates(f)
                        .into_iter()
                        .find(|(c, _)| (lo..=hi).contains(&(c * base / v)))
                    {
                        out.push(Flag {
                            code: FlagCode::DecimalLost,
                            reason: format!(
                                "decimal point lost? {}{} would be plausible",
                                fmt(c),
                                f.unit
                            ),
                        });
                    }
                }
            }
            if let (Some(share), Some(pop)) = (ind.max_vs_population, population) {
                if f.unit_base == "人" && base > share * pop {
                    out.push(Flag {
                        code: FlagCode::Magnitude,
                        reason: format!(
                            "{} {} is more than {:.0}% of the population the report states ({}万)",
                            ind.name,
                            f.text,
                            share * 100.0,
                            fmt(pop / 1e4)
                        ),
                    });
                    if let Some((c, _)) = decimal_candidates(f)
                        .into_iter()
                        .chain((1..3).map(|k| (v / 10f64.powi(k), k as u32)))
                        .find(|(c, _)| c * base / v <= share * pop)
                    {
                        out.push(Flag {
                            code: FlagCode::DecimalLost,
                            reason: format!(
                                "decimal point lost? {}{} would be plausible",
                                fmt(c),
                                f.unit
                            ),
                        });
                    }
                }
            }
        }
        Measure::Growth | Measure::AvgGrowth | Measure::Rate => {
            if f.unit != "%" {
                return;
            }
            let range = match f.measure {
                Measure::Growth => ind.growth,
                Measure::AvgGrowth => ind.avg_growth.or(ind.growth),
                _ => ind.rate,
            };
            let Some([lo, hi]) = range else { return };
            // A bound stated as a target range (6%—6.5%) is checked on its ends.
            let vals = [f.value_low.unwrap_or(v), f.value_high.unwrap_or(v)];
            if vals.iter().any(|x| *x < lo || *x > hi) {
                let what = match f.measure {
                    Measure::Growth => "growth",
                    Measure::AvgGrowth => "average annual growth",
                    _ => "rate",
                };
                out.push(Flag {
                    code: FlagCode::OutOfRange,
                    reason: format!(
                        "{} {} {} is outside the plausible {}% to {}%",
                        ind.name,
                        what,
                        f.text,
                        fmt(lo),
                        fmt(hi)
                    ),
                });
                if let Some((c, _)) = decimal_candidates(f)
                    .into_iter()
                    .find(|(c, _)| (lo..=hi).contains(c))
                {
                    out.push(Flag {
                        code: FlagCode::DecimalLost,
                        reason: format!("decimal point lost? {}% would be plausible", fmt(c)),
                    });
                }
            }
        }
        _ => {}
    }
}

/// Checks that need no catalog: a fall of more than 100%, a bounded rate above 100%.
fn generic_checks(f: &Figure, chars: &[char], out: &mut Vec<Flag>) {
    if f.indicator.is_some()
        && matches!(
            f.measure,
            Measure::Growth | Measure::AvgGrowth | Measure::Rate
        )
    {
        return; // covered by the indicator's own range
    }
    let Some(v) = f.value else { return };
    if f.unit != "%" {
        return;
    }
    let reason = if v < -100.0 {
        Some(format!("a fall of {} is more than 100%", f.text))
    } else if matches!(f.measure, Measure::Rate | Measure::Share) && v > 100.0 {
        // Completion and sales ratios can pass 100%; coverage and pass rates cannot.
        let lo = f.start.saturating_sub(14);
        let before: String = chars[lo..f.start.min(chars.len())].iter().collect();
        let may_exceed = [
            "产销率",
            "完成",
            "执行",
            "预算的",
            "任务的",
            "计划的",
            "目标的",
            "利用率",
        ]
        .iter()
        .any(|w| before.contains(w));
        (!may_exceed).then(|| format!("{} is above 100% for a rate or share", f.text))
    } else {
        None
    };
    if let Some(reason) = reason {
        out.push(Flag {
            code: FlagCode::OutOfRange,
            reason,
        });
        if let Some((c, _)) = decimal_candidates(f)
            .into_iter()
            .find(|(c, _)| c.abs() <= 100.0 && c.abs() >= 1.0)
        {
            out.push(Flag {
                code: FlagCode::DecimalLost,
                reason: format!("decimal point lost? {}% would be plausible", fmt(c)),
            });
        }
    }
}

/// Lost characters within a few characters of the figure.
fn garbled(doc: &Document, chars: &[char], f: &Figure, out: &mut Vec<Flag>) {
    const NEAR: usize = 12;
    let (lo, hi) = (
        f.start.saturating_sub(NEAR),
        (f.end + NEAR).min(chars.len()),
    );
    let near_span = doc.garbled.iter().any(|g| g.start < hi && g.end > lo);
    let replacement = chars[lo..hi].contains(&'\u{FFFD}');
    if near_span || replacement {
        out.push(Flag {
            code: FlagCode::Garbled,
            reason: format!("characters were lost near {}; check the source", f.text),
        });
    }
}

/// Components of an industrial structure (47:11.9:41.1) must add up to 100.
fn shares_sum(chars: &[char], figs: &mut [Figure]) {
    let mut i = 0;
    while i < figs.len() {
        if figs[i].measure != Measure::Share
            || !figs[i].unit.is_empty()
            || figs[i].indicator.is_some()
        {
            i += 1;
            continue;
        }
        // A ratio: consecutive unit-less shares joined by colons.
        let mut j = i;
        while j + 1 < figs.len()
            && figs[j + 1].measure == Measure::Share
            && figs[j + 1].unit.is_empty()
            && figs[j + 1].start == figs[j].end + 1
            && matches!(chars.get(figs[j].end), Some(':') | Some('∶'))
        {
            j += 1;
        }
        if j - i + 1 >= 3 {
            let lo = figs[i].start.saturating_sub(24);
            let ctx: String = chars[lo..figs[i].start].iter().collect();
            let structure = ctx.contains("产业") || ctx.contains("结构");
            let sum: f64 = figs[i..=j].iter().filter_map(|f| f.value).sum();
            if structure && (sum - 100.0).abs() > 0.6 {
                let parts: Vec<String> = figs[i..=j].iter().map(|f| f.text.clone()).collect();
                let reason = format!(
                    "structure {} adds up to {}, not 100",
                    parts.join(":"),
                    fmt(sum)
                );
                for f in &mut figs[i..=j] {
                    f.flags.push(Flag {
                        code: FlagCode::SharesSum,
                        reason: reason.clone(),
                    });
                }
            }
        }
        i = j + 1;
    }
}

/// The same outcome level (indicator, kind, period) stated with different
/// values in different sentences.
fn contradictions(figs: &mut [Figure]) {
    let mut hits: Vec<(usize, String)> = Vec::new();
    // Both figures of a pair must pass these tests (the rest of the pair test
    // requires equal fields): compare only those, not every pair.
    let cands: Vec<usize> = (0..figs.len())
        .filter(|&i| {
            let f = &figs[i];
            f.indicator.is_some()
                && f.measure == Measure::Level
                && f.kind != Kind::Target
                && f.qualifier == Qualifier::Eq
        })
        .collect();
    for (ci, &i) in cands.iter().enumerate() {
        for &j in &cands[ci + 1..] {
            let (a, b) = (&figs[i], &figs[j]);
            if a.indicator.is_none()
                || a.indicator != b.indicator
                || a.measure != b.measure
                || a.kind != b.kind
                || a.period != b.period
                || a.sentence == b.sentence
                || a.unit_base != b.unit_base
                || a.measure != Measure::Level
                || a.kind == Kind::Target
                || a.qualifier != Qualifier::Eq
                || b.qualifier != Qualifier::Eq
            {
                // Growth rates are restated for parts of a region and for
                // periods within the year too often to call a difference a
                // contradiction; stated outcome levels should agree.
                continue;
            }
            let (Some(x), Some(y)) = (a.value_base, b.value_base) else {
                continue;
            };
            // Levels are rounded differently in different places (2.3万亿 vs
            // 2.32万亿); percentages are stated to one decimal.
            let differ = if a.measure == Measure::Level {
                (x - y).abs() / x.abs().max(y.abs()).max(1e-9) > 0.03
            } else {
                (x - y).abs() > 0.05
            };
            if differ {
                let name = a.indicator.clone().unwrap_or_default();
                hits.push((
                    i,
                    format!(
                        "{} {} also stated as {} elsewhere in the report",
                        name, a.text, b.text
                    ),
                ));
                hits.push((
                    j,
                    format!(
                        "{} {} also stated as {} elsewhere in the report",
                        name, b.text, a.text
                    ),
                ));
            }
        }
    }
    for (i, reason) in hits {
        if !figs[i]
            .flags
            .iter()
            .any(|f| f.code == FlagCode::Contradiction)
        {
            figs[i].flags.push(Flag {
                code: FlagCode::Contradiction,
                reason,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn population_from_the_number_before_wan() {
        let p = |t: &str| report_population(t);
        assert_eq!(p("全市1200多万各族人民"), Some(1200e4));
        assert_eq!(p("常住人口1234.5万,城镇化率"), Some(1234.5e4));
        assert_eq!(p("凝聚起5万人民群众、3万各族人民的力量"), Some(5e4));
        // The run starts at its first digit; other numbers of 万 are not people.
        assert_eq!(p("户籍人口..5万"), Some(5e4));
        assert_eq!(p("增长12万,各族人民"), None);
        assert_eq!(p("万各族人民"), None);
        assert_eq!(p("全市7万。各族人民"), None);
    }
}
