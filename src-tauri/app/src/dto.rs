//! The types that cross the IPC boundary: serde + specta, camelCase for
//! TypeScript, offsets in UTF-16 code units so the UI indexes strings
//! directly. Engine types never cross; `From` conversions live here.

use gwr_engine::extract::{
    Figure, Firmness as EngineFirmness, Kind as EngineKind, Measure as EngineMeasure,
    Qualifier as EngineQualifier,
};
use gwr_engine::load::Level as EngineLevel;
use gwr_engine::store::{Correction, DecisionRecord, FigureRecord, ReportSummary, Status};
use serde::{Deserialize, Serialize};
use specta::Type;

/// An error the UI can branch on by `code`, with a message for people.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    Invalid,
    Io,
    Locked,
    Conflict,
    /// The user stopped a long operation (an export); nothing was written.
    Cancelled,
    Internal,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError {
            code,
            message: message.into(),
        }
    }
}

impl From<gwr_engine::store::StoreError> for AppError {
    fn from(e: gwr_engine::store::StoreError) -> AppError {
        use gwr_engine::store::StoreError as E;
        let code = match &e {
            E::Locked { .. } => ErrorCode::Locked,
            E::ReadOnly { .. } | E::Open { .. } => ErrorCode::Io,
            E::NotFound { .. } => ErrorCode::NotFound,
            E::Invalid(_) => ErrorCode::Invalid,
            E::Sql(_) => ErrorCode::Internal,
        };
        AppError::new(code, e.to_string())
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ProjectInfo {
    pub path: String,
    pub reviewer: Option<String>,
    pub report_count: u32,
    pub figure_count: u32,
    pub reviewed_count: u32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    National,
    Province,
    Prefecture,
    County,
    CountyCity,
}

impl From<EngineLevel> for Level {
    fn from(l: EngineLevel) -> Level {
        match l {
            EngineLevel::National => Level::National,
            EngineLevel::Province => Level::Province,
            EngineLevel::Prefecture => Level::Prefecture,
            EngineLevel::County => Level::County,
            EngineLevel::CountyCity => Level::CountyCity,
        }
    }
}

impl From<Level> for EngineLevel {
    fn from(l: Level) -> EngineLevel {
        match l {
            Level::National => EngineLevel::National,
            Level::Province => EngineLevel::Province,
            Level::Prefecture => EngineLevel::Prefecture,
            Level::County => EngineLevel::County,
            Level::CountyCity => EngineLevel::CountyCity,
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportRow {
    pub id: u32,
    pub file_name: String,
    pub jurisdiction: Option<String>,
    pub level: Option<Level>,
    pub report_year: Option<i32>,
    pub meeting_date: Option<String>,
    pub speaker: Option<String>,
    pub speaker_title: Option<String>,
    pub title: Option<String>,
    pub figure_count: u32,
    pub catalog_count: u32,
    pub reviewed_count: u32,
    pub flagged_count: u32,
    pub imported_at: String,
}

impl From<ReportSummary> for ReportRow {
    fn from(r: ReportSummary) -> ReportRow {
        let m = r.metadata;
        ReportRow {
            id: r.id as u32,
            file_name: r.file_name,
            jurisdiction: m.jurisdiction,
            level: m.level.map(Into::into),
            report_year: m.report_year,
            meeting_date: m.meeting_date,
            speaker: m.speaker,
            speaker_title: m.speaker_title,
            title: m.title,
            figure_count: r.figure_count as u32,
            catalog_count: r.catalog_count as u32,
            reviewed_count: r.reviewed_count as u32,
            flagged_count: r.flagged_count as u32,
            imported_at: r.imported_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct MetadataPatch {
    pub jurisdiction: Option<String>,
    pub level: Option<Level>,
    pub report_year: Option<i32>,
    pub meeting_date: Option<String>,
    pub speaker: Option<String>,
    pub speaker_title: Option<String>,
}

impl From<MetadataPatch> for gwr_engine::store::MetadataPatch {
    fn from(p: MetadataPatch) -> Self {
        gwr_engine::store::MetadataPatch {
            jurisdiction: p.jurisdiction.filter(|s| !s.trim().is_empty()),
            level: p.level.map(Into::into),
            report_year: p.report_year,
            meeting_date: p.meeting_date.filter(|s| !s.trim().is_empty()),
            speaker: p.speaker.filter(|s| !s.trim().is_empty()),
            speaker_title: p.speaker_title.filter(|s| !s.trim().is_empty()),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    Imported,
    Duplicate,
    Failed,
}

/// Something that happened while the project opened.
#[derive(Debug, Clone, Copy, Serialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// A report read by an earlier extractor was re-read by this one.
    Reextracted,
    /// A file named on the command line, or a re-extraction, failed.
    Failed,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct StartupNotice {
    pub kind: NoticeKind,
    /// One line, naming the file.
    pub summary: String,
    /// Figures to look at again, one line each.
    pub details: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    pub path: String,
    pub status: ImportStatus,
    pub report_id: Option<u32>,
    pub message: String,
}

impl From<gwr_engine::FileResult> for ImportResult {
    fn from(r: gwr_engine::FileResult) -> ImportResult {
        use gwr_engine::FileOutcome as O;
        let path = r.path.display().to_string();
        let (status, report_id, message) = match r.outcome {
            O::Imported { report_id, figures } => (
                ImportStatus::Imported,
                Some(report_id as u32),
                format!("imported with {figures} figures"),
            ),
            O::Duplicate { report_id } => (
                ImportStatus::Duplicate,
                Some(report_id as u32),
                format!("already in the project as report {report_id}"),
            ),
            O::Failed(msg) => (ImportStatus::Failed, None, msg),
        };
        ImportResult {
            path,
            status,
            report_id,
            message,
        }
    }
}

/// Progress of a running import, sent as the `import-progress` event.
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
    pub current: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
pub struct TextSpan {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SectionInfo {
    pub heading: String,
    pub start: u32,
    pub end: u32,
    /// `preamble`, `review`, `multi_year_review`, `plan`, `annex`, `other`
    pub part: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportText {
    pub report_id: u32,
    pub text: String,
    pub sections: Vec<SectionInfo>,
    pub paragraphs: Vec<TextSpan>,
    pub sentences: Vec<TextSpan>,
    pub garbled: Vec<TextSpan>,
}

impl ReportText {
    /// A stored report's text and structure, offsets in UTF-16 units.
    pub fn of(report_id: u32, doc: &gwr_engine::load::Document, map: &Utf16Map) -> ReportText {
        let spans =
            |v: &mut dyn Iterator<Item = (usize, usize)>| v.map(|(s, e)| map.span(s, e)).collect();
        ReportText {
            report_id,
            text: doc.text.clone(),
            sections: doc
                .sections
                .iter()
                .map(|s| SectionInfo {
                    heading: s.heading.clone(),
                    start: map.at(s.start),
                    end: map.at(s.end),
                    part: serde_json::to_value(s.part)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default(),
                })
                .collect(),
            paragraphs: spans(&mut doc.paragraphs.iter().map(|x| (x.start, x.end))),
            sentences: spans(&mut doc.sentences.iter().map(|x| (x.start, x.end))),
            garbled: spans(&mut doc.garbled.iter().map(|x| (x.start, x.end))),
        }
    }
}

/// Character offsets to UTF-16 offsets for one text.
pub struct Utf16Map(Vec<u32>);

impl Utf16Map {
    pub fn new(text: &str) -> Utf16Map {
        let mut v = Vec::with_capacity(text.len() / 2 + 1);
        let mut at = 0u32;
        for c in text.chars() {
            v.push(at);
            at += c.len_utf16() as u32;
        }
        v.push(at);
        Utf16Map(v)
    }

    pub fn at(&self, char_offset: usize) -> u32 {
        self.0[char_offset.min(self.0.len() - 1)]
    }

    /// The character offset of a UTF-16 offset (rounded down inside a pair).
    pub fn char_of(&self, utf16: u32) -> usize {
        self.0.partition_point(|&u| u <= utf16).saturating_sub(1)
    }

    pub fn span(&self, start: usize, end: usize) -> TextSpan {
        TextSpan {
            start: self.at(start),
            end: self.at(end),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Level,
    Growth,
    AvgGrowth,
    Rate,
    Share,
    ChangePp,
    Multiple,
    Qualitative,
    Other,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Actual,
    Estimate,
    Target,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Eq,
    Approx,
    Ge,
    Le,
    Range,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Firmness {
    Binding,
    Expected,
    Aspirational,
}

/// Engine enums and their DTO twins share serde names; convert through them.
fn via_serde<A: Serialize, B: serde::de::DeserializeOwned>(a: A) -> Result<B, AppError> {
    serde_json::to_value(a)
        .and_then(serde_json::from_value)
        .map_err(|e| AppError::new(ErrorCode::Invalid, e.to_string()))
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FigureFields {
    pub indicator: Option<String>,
    pub measure: Measure,
    pub kind: Kind,
    pub period: Option<String>,
    pub value: Option<f64>,
    pub unit: String,
    pub qualifier: Qualifier,
    pub value_low: Option<f64>,
    pub value_high: Option<f64>,
    pub firmness: Option<Firmness>,
}

impl FigureFields {
    pub fn of(f: &Figure) -> FigureFields {
        let enums = (|| -> Result<_, AppError> {
            Ok((
                via_serde(f.measure)?,
                via_serde(f.kind)?,
                via_serde(f.qualifier)?,
                f.firmness.map(via_serde).transpose()?,
            ))
        })();
        let (measure, kind, qualifier, firmness) =
            enums.unwrap_or((Measure::Other, Kind::Actual, Qualifier::Eq, None));
        FigureFields {
            indicator: f.indicator.clone(),
            measure,
            kind,
            period: f.period.map(|p| p.to_string()),
            value: f.value,
            unit: f.unit.clone(),
            qualifier,
            value_low: f.value_low,
            value_high: f.value_high,
            firmness,
        }
    }

    pub fn to_correction(&self) -> Result<Correction, AppError> {
        let period = match self
            .period
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(p) => Some(
                p.parse()
                    .map_err(|e: String| AppError::new(ErrorCode::Invalid, e))?,
            ),
            None => None,
        };
        Ok(Correction {
            indicator: self.indicator.clone().filter(|s| !s.trim().is_empty()),
            measure: via_serde::<_, EngineMeasure>(self.measure)?,
            kind: via_serde::<_, EngineKind>(self.kind)?,
            period,
            value: self.value,
            unit: self.unit.trim().to_string(),
            qualifier: via_serde::<_, EngineQualifier>(self.qualifier)?,
            value_low: self.value_low,
            value_high: self.value_high,
            firmness: self
                .firmness
                .map(via_serde::<_, EngineFirmness>)
                .transpose()?,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct FlagInfo {
    pub code: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Unreviewed,
    Accepted,
    Corrected,
    Rejected,
}

impl From<Status> for ReviewStatus {
    fn from(s: Status) -> ReviewStatus {
        match s {
            Status::Unreviewed => ReviewStatus::Unreviewed,
            Status::Accepted => ReviewStatus::Accepted,
            Status::Corrected => ReviewStatus::Corrected,
            Status::Rejected => ReviewStatus::Rejected,
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FigureRow {
    pub id: u32,
    pub report_id: u32,
    pub ord: u32,
    pub status: ReviewStatus,
    pub fields: FigureFields,
    pub original: FigureFields,
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub sentence_start: u32,
    pub sentence_end: u32,
    pub flags: Vec<FlagInfo>,
    pub comment: Option<String>,
    pub added_by_reviewer: bool,
    pub last_reviewer: Option<String>,
    pub last_decided_at: Option<String>,
}

impl FigureRow {
    pub fn of(r: &FigureRecord, doc: &gwr_engine::load::Document, map: &Utf16Map) -> FigureRow {
        let f = &r.original;
        let sentence = doc
            .sentences
            .get(f.sentence)
            .map(|s| (s.start, s.end))
            .unwrap_or((f.start, f.end));
        FigureRow {
            id: r.id as u32,
            report_id: r.report_id as u32,
            ord: r.ord as u32,
            status: r.state.status.into(),
            fields: FigureFields::of(&r.state.current),
            original: FigureFields::of(f),
            text: f.text.clone(),
            start: map.at(f.start),
            end: map.at(f.end),
            sentence_start: map.at(sentence.0),
            sentence_end: map.at(sentence.1),
            flags: f
                .flags
                .iter()
                .map(|x| FlagInfo {
                    code: x.code.as_str().into(),
                    reason: x.reason.clone(),
                })
                .collect(),
            comment: r.state.comment.clone(),
            added_by_reviewer: r.added_by.is_some(),
            last_reviewer: r.state.last_reviewer.clone(),
            last_decided_at: r.state.last_at.clone(),
        }
    }
}

/// What a reviewer did to a figure.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Action {
    Accept,
    Reject,
    Correct { fields: FigureFields },
    Comment { text: String },
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct HistoryEntry {
    pub id: u32,
    pub reviewer: String,
    pub at: String,
    pub action: String,
    /// `827 亿元 → 82.7 亿元`, or the comment.
    pub summary: String,
    pub undone: bool,
}

impl HistoryEntry {
    pub fn of(d: &DecisionRecord, original: &Figure) -> HistoryEntry {
        let summary = match (d.action.as_str(), &d.correction, &d.comment) {
            ("correct", Some(c), _) => describe_change(original, c),
            ("comment", _, Some(t)) => t.clone(),
            ("undo", _, _) => format!("undid decision {}", d.undoes.unwrap_or_default()),
            (a, _, _) => a.to_string(),
        };
        HistoryEntry {
            id: d.id as u32,
            reviewer: d.reviewer.clone(),
            at: d.at.clone(),
            action: d.action.clone(),
            summary,
            undone: d.undone,
        }
    }
}

fn describe_change(f: &Figure, c: &Correction) -> String {
    let mut parts = Vec::new();
    let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_else(|| "—".into());
    if f.value != c.value || f.unit != c.unit {
        parts.push(format!(
            "{} {} → {} {}",
            num(f.value),
            f.unit,
            num(c.value),
            c.unit
        ));
    }
    if f.indicator != c.indicator {
        parts.push(format!(
            "indicator {} → {}",
            f.indicator.as_deref().unwrap_or("—"),
            c.indicator.as_deref().unwrap_or("—")
        ));
    }
    if f.measure != c.measure
        || f.kind != c.kind
        || f.period != c.period
        || f.qualifier != c.qualifier
    {
        parts.push("measure/kind/period/qualifier changed".into());
    }
    if parts.is_empty() {
        "confirmed as corrected, no field changed".into()
    } else {
        parts.join("; ")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CatalogEntry {
    pub name: String,
    pub aliases: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_astral_characters_twice() {
        let m = Utf16Map::new("a𠀀b");
        assert_eq!((m.at(0), m.at(1), m.at(2), m.at(3)), (0, 1, 3, 4));
        assert_eq!(m.char_of(3), 2);
    }
}
