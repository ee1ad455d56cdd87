//! The types the compare and timeline commands send to the web view: the
//! twins of `gwr_compare`'s comparison and timelines, camelCase, with
//! offsets in UTF-16 code units of each report's text (like every offset in
//! [`crate::dto`]) and ids as `u32`.

use gwr_engine::compare::timeline::{
    FlagKind as EngineFlagKind, GapBasis as EngineGapBasis, IndicatorTimeline, PhraseTimeline,
    Statement,
};
use gwr_engine::compare::{
    Block, BlockKind as EngineBlockKind, Comparison, Excerpt, Granularity as EngineGranularity,
    NumberKind as EngineNumberKind, SegmentOp as EngineSegmentOp,
};
use gwr_engine::{ReportComparison, Side};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::dto::{Firmness, Kind, Measure, Qualifier, Utf16Map};

/// What the user may change about a comparison; everything else is default.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CompareOptions {
    /// Compare the folded text (simplified script, half-width), so script and
    /// punctuation width are no change.
    pub fold: bool,
    pub ignore_whitespace: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ExcerptDto {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CompareDocInfo {
    pub report_id: u32,
    pub file_name: String,
    pub title: Option<String>,
    pub jurisdiction: Option<String>,
    pub report_year: Option<i32>,
    pub chars: u32,
    pub paragraphs: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct CompareStats {
    pub equal: u32,
    pub modified: u32,
    pub moved: u32,
    pub deleted: u32,
    pub inserted: u32,
    pub deleted_chars: u32,
    pub inserted_chars: u32,
    pub value_changes: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SectionSideDto {
    pub heading: String,
    pub preamble: bool,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SectionPairDto {
    pub old: Option<SectionSideDto>,
    pub new: Option<SectionSideDto>,
    pub similarity: f64,
    pub moved: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Equal,
    Modified,
    Moved,
    Deleted,
    Inserted,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Phrase,
    Sentence,
    Paragraph,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SegmentOp {
    Equal,
    Delete,
    Insert,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CompareSide {
    Old,
    New,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SegmentDto {
    pub op: SegmentOp,
    pub old: Option<ExcerptDto>,
    pub new: Option<ExcerptDto>,
    /// Index into `valueChanges`.
    pub value_change: Option<u32>,
    /// Figures (of the side this segment belongs to) whose span overlaps it.
    pub figure_ids: Vec<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BlockDto {
    pub kind: BlockKind,
    pub old_paragraph: Option<u32>,
    pub new_paragraph: Option<u32>,
    pub old: Option<ExcerptDto>,
    pub new: Option<ExcerptDto>,
    /// Index into `sections`.
    pub section: Option<u32>,
    pub similarity: f64,
    pub granularity: Granularity,
    pub segments: Vec<SegmentDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ValueChangeDto {
    /// `year` (a calendar year shifting) or `quantity`.
    pub kind: String,
    pub old: ExcerptDto,
    pub new: ExcerptDto,
    pub old_value: Option<f64>,
    pub new_value: Option<f64>,
    pub old_unit: String,
    pub new_unit: String,
    pub context: String,
    pub block: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FallbackDto {
    pub granularity: Granularity,
    pub blocks: u32,
    pub reason: String,
}

/// A figure standing in changed text, to open its review row.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChangedFigureDto {
    pub side: CompareSide,
    pub figure_id: u32,
    pub report_id: u32,
    pub block: u32,
    pub segment: u32,
    pub text: String,
    pub indicator: Option<String>,
}

/// Two reports compared (old against new).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ComparisonDto {
    pub old: CompareDocInfo,
    pub new: CompareDocInfo,
    pub similarity: f64,
    pub vocabulary: f64,
    pub stats: CompareStats,
    pub sections: Vec<SectionPairDto>,
    pub blocks: Vec<BlockDto>,
    pub value_changes: Vec<ValueChangeDto>,
    pub changed_figures: Vec<ChangedFigureDto>,
    pub fallback: Option<FallbackDto>,
    /// Milliseconds the comparison took (both documents loaded).
    pub elapsed_ms: f64,
}

fn excerpt(e: &Excerpt, m: &Utf16Map) -> ExcerptDto {
    ExcerptDto {
        start: m.at(e.start),
        end: m.at(e.end),
        text: e.text.clone(),
    }
}

fn granularity(g: EngineGranularity) -> Granularity {
    match g {
        EngineGranularity::Phrase => Granularity::Phrase,
        EngineGranularity::Sentence => Granularity::Sentence,
        EngineGranularity::Paragraph => Granularity::Paragraph,
    }
}

impl ComparisonDto {
    pub fn of(rc: &ReportComparison, old_id: i64, new_id: i64, elapsed_ms: f64) -> ComparisonDto {
        let c: &Comparison = &rc.comparison;
        let (mo, mn) = (Utf16Map::new(&rc.old.text), Utf16Map::new(&rc.new.text));
        let info = |id: i64, d: &gwr_engine::compare::DocInfo| CompareDocInfo {
            report_id: id as u32,
            file_name: d.file_name.clone(),
            title: d.title.clone(),
            jurisdiction: d.jurisdiction.clone(),
            report_year: d.report_year,
            chars: d.chars as u32,
            paragraphs: d.paragraphs as u32,
        };
        let mut blocks: Vec<BlockDto> = c.blocks.iter().map(|b| block(b, &mo, &mn)).collect();
        for f in &rc.changed_figures {
            if let Some(seg) = blocks
                .get_mut(f.block)
                .and_then(|b| b.segments.get_mut(f.segment))
            {
                seg.figure_ids.push(f.figure_id as u32);
            }
        }
        let side_map = |s: &Option<gwr_engine::compare::SectionSide>, m: &Utf16Map| {
            s.as_ref().map(|s| SectionSideDto {
                heading: s.heading.clone(),
                preamble: s.preamble,
                start: m.at(s.start),
                end: m.at(s.end),
            })
        };
        ComparisonDto {
            old: info(old_id, &c.old),
            new: info(new_id, &c.new),
            similarity: c.similarity,
            vocabulary: c.vocabulary,
            stats: CompareStats {
                equal: c.stats.equal as u32,
                modified: c.stats.modified as u32,
                moved: c.stats.moved as u32,
                deleted: c.stats.deleted as u32,
                inserted: c.stats.inserted as u32,
                deleted_chars: c.stats.deleted_chars as u32,
                inserted_chars: c.stats.inserted_chars as u32,
                value_changes: c.stats.value_changes as u32,
            },
            sections: c
                .sections
                .iter()
                .map(|s| SectionPairDto {
                    old: side_map(&s.old, &mo),
                    new: side_map(&s.new, &mn),
                    similarity: s.similarity,
                    moved: s.moved,
                })
                .collect(),
            blocks,
            value_changes: c
                .value_changes
                .iter()
                .map(|v| ValueChangeDto {
                    kind: match v.kind {
                        EngineNumberKind::Year => "year".into(),
                        EngineNumberKind::Quantity => "quantity".into(),
                    },
                    old: excerpt(&v.old, &mo),
                    new: excerpt(&v.new, &mn),
                    old_value: v.old_value,
                    new_value: v.new_value,
                    old_unit: v.old_unit.clone(),
                    new_unit: v.new_unit.clone(),
                    context: v.context.clone(),
                    block: v.block as u32,
                })
                .collect(),
            changed_figures: rc
                .changed_figures
                .iter()
                .map(|f| ChangedFigureDto {
                    side: match f.side {
                        Side::Old => CompareSide::Old,
                        Side::New => CompareSide::New,
                    },
                    figure_id: f.figure_id as u32,
                    report_id: f.report_id as u32,
                    block: f.block as u32,
                    segment: f.segment as u32,
                    text: f.text.clone(),
                    indicator: f.indicator.clone(),
                })
                .collect(),
            fallback: c.fallback.as_ref().map(|f| FallbackDto {
                granularity: granularity(f.granularity),
                blocks: f.blocks as u32,
                reason: f.reason.clone(),
            }),
            elapsed_ms,
        }
    }
}

fn block(b: &Block, mo: &Utf16Map, mn: &Utf16Map) -> BlockDto {
    BlockDto {
        kind: match b.kind {
            EngineBlockKind::Equal => BlockKind::Equal,
            EngineBlockKind::Modified => BlockKind::Modified,
            EngineBlockKind::Moved => BlockKind::Moved,
            EngineBlockKind::Deleted => BlockKind::Deleted,
            EngineBlockKind::Inserted => BlockKind::Inserted,
        },
        old_paragraph: b.old_paragraph.map(|p| p as u32),
        new_paragraph: b.new_paragraph.map(|p| p as u32),
        old: b.old.as_ref().map(|e| excerpt(e, mo)),
        new: b.new.as_ref().map(|e| excerpt(e, mn)),
        section: b.section.map(|s| s as u32),
        similarity: b.similarity,
        granularity: granularity(b.granularity),
        segments: b
            .segments
            .iter()
            .map(|s| SegmentDto {
                op: match s.op {
                    EngineSegmentOp::Equal => SegmentOp::Equal,
                    EngineSegmentOp::Delete => SegmentOp::Delete,
                    EngineSegmentOp::Insert => SegmentOp::Insert,
                },
                old: s.old.as_ref().map(|e| excerpt(e, mo)),
                new: s.new.as_ref().map(|e| excerpt(e, mn)),
                value_change: s.value_change.map(|v| v as u32),
                figure_ids: Vec::new(),
            })
            .collect(),
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum GapBasis {
    Outcome,
    Estimate,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TimelineFlagKind {
    Disagreement,
    Ambiguous,
    Break,
}

/// One figure as one report states it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StatementDto {
    pub report_id: u32,
    pub report_year: Option<i32>,
    pub file_name: String,
    pub figure_id: u32,
    pub kind: Kind,
    pub value: f64,
    pub unit: String,
    pub qualifier: Qualifier,
    pub firmness: Option<Firmness>,
    /// The surface text as stated (`5%左右`).
    pub text: String,
    /// The text with a minus sign for a fall stated in words.
    pub shown: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct GapDto {
    pub basis: GapBasis,
    pub value: f64,
    pub unit: String,
    pub relative: Option<f64>,
    pub met: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TimelineFlagDto {
    pub kind: TimelineFlagKind,
    pub message: String,
    pub report_ids: Vec<u32>,
    pub figure_ids: Vec<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TimelineRowDto {
    /// `2024` or `2016-2020`.
    pub period: String,
    pub period_start: i32,
    pub period_end: i32,
    pub target: Option<StatementDto>,
    pub estimate: Option<StatementDto>,
    pub outcome: Option<StatementDto>,
    pub gap: Option<GapDto>,
    pub restated: Vec<StatementDto>,
    pub flags: Vec<TimelineFlagDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct BreakDto {
    pub from_year: i32,
    pub to_year: i32,
    pub from: StatementDto,
    pub to: StatementDto,
    pub implied_change: f64,
    pub stated_growth: Option<f64>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SeriesDto {
    pub measure: Measure,
    pub unit_base: String,
    pub rows: Vec<TimelineRowDto>,
    pub breaks: Vec<BreakDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorTimelineDto {
    pub jurisdiction: String,
    pub indicator: String,
    pub series: Vec<SeriesDto>,
    pub disagreements: u32,
    pub ambiguities: u32,
    pub breaks: u32,
}

/// Engine enums and their DTO twins share serde names.
fn twin<A: Serialize, B: serde::de::DeserializeOwned>(a: A, fallback: B) -> B {
    serde_json::to_value(a)
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or(fallback)
}

fn statement(s: &Statement) -> StatementDto {
    StatementDto {
        report_id: s.report_id as u32,
        report_year: s.report_year,
        file_name: s.file_name.clone(),
        figure_id: s.figure_id as u32,
        kind: twin(s.kind, Kind::Actual),
        value: s.value,
        unit: s.unit.clone(),
        qualifier: twin(s.qualifier, Qualifier::Eq),
        firmness: s.firmness.map(|f| twin(f, Firmness::Expected)),
        text: s.text.clone(),
        shown: s.shown(),
    }
}

impl From<&IndicatorTimeline> for IndicatorTimelineDto {
    fn from(t: &IndicatorTimeline) -> IndicatorTimelineDto {
        IndicatorTimelineDto {
            jurisdiction: t.jurisdiction.clone(),
            indicator: t.indicator.clone(),
            disagreements: t.disagreements as u32,
            ambiguities: t.ambiguities as u32,
            breaks: t.breaks as u32,
            series: t
                .series
                .iter()
                .map(|s| SeriesDto {
                    measure: twin(s.measure, Measure::Other),
                    unit_base: s.unit_base.clone(),
                    rows: s
                        .rows
                        .iter()
                        .map(|r| TimelineRowDto {
                            period: r.period.to_string(),
                            period_start: r.period.start,
                            period_end: r.period.end,
                            target: r.target.as_ref().map(statement),
                            estimate: r.estimate.as_ref().map(statement),
                            outcome: r.outcome.as_ref().map(statement),
                            gap: r.gap.as_ref().map(|g| GapDto {
                                basis: match g.basis {
                                    EngineGapBasis::Outcome => GapBasis::Outcome,
                                    EngineGapBasis::Estimate => GapBasis::Estimate,
                                },
                                value: g.value,
                                unit: g.unit.clone(),
                                relative: g.relative,
                                met: g.met,
                            }),
                            restated: r.restated.iter().map(statement).collect(),
                            flags: r
                                .flags
                                .iter()
                                .map(|f| TimelineFlagDto {
                                    kind: match f.kind {
                                        EngineFlagKind::Disagreement => {
                                            TimelineFlagKind::Disagreement
                                        }
                                        EngineFlagKind::Ambiguous => TimelineFlagKind::Ambiguous,
                                        EngineFlagKind::Break => TimelineFlagKind::Break,
                                    },
                                    message: f.message.clone(),
                                    report_ids: f.report_ids.iter().map(|&i| i as u32).collect(),
                                    figure_ids: f.figure_ids.iter().map(|&i| i as u32).collect(),
                                })
                                .collect(),
                        })
                        .collect(),
                    breaks: s
                        .breaks
                        .iter()
                        .map(|b| BreakDto {
                            from_year: b.from_year,
                            to_year: b.to_year,
                            from: statement(&b.from),
                            to: statement(&b.to),
                            implied_change: b.implied_change,
                            stated_growth: b.stated_growth,
                            message: b.message.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PhrasePointDto {
    pub report_id: u32,
    pub year: Option<i32>,
    pub count: u32,
    pub per10k: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PhraseSeriesDto {
    pub jurisdiction: String,
    pub total: u32,
    pub points: Vec<PhrasePointDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PhraseTimelineDto {
    pub phrase: String,
    pub total: u32,
    pub jurisdictions: Vec<PhraseSeriesDto>,
}

impl From<&PhraseTimeline> for PhraseTimelineDto {
    fn from(t: &PhraseTimeline) -> PhraseTimelineDto {
        PhraseTimelineDto {
            phrase: t.phrase.clone(),
            total: t.total as u32,
            jurisdictions: t
                .jurisdictions
                .iter()
                .map(|j| PhraseSeriesDto {
                    jurisdiction: j.jurisdiction.clone(),
                    total: j.total as u32,
                    points: j
                        .points
                        .iter()
                        .map(|p| PhrasePointDto {
                            report_id: p.report_id as u32,
                            year: p.year,
                            count: p.count as u32,
                            per10k: p.per_10k,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
