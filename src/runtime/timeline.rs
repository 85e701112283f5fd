//! Placeholder of the thread-timeline data types (the recorder lands from the `timeline` branch).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LaneState {
    Running,
    GilWait,
    ObjectLockWait,
    PyLockWait,
    Blocked,
    StopTheWorld,
    Copying,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub state: LaneState,
    pub start_ns: u64,
    pub end_ns: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadLane {
    pub label: String,
    pub interpreter: u32,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub model: String,
    pub duration_ns: u64,
    pub lanes: Vec<ThreadLane>,
    pub event_cap: usize,
    pub events_dropped: u64,
}

/// Placeholder: recording lands with the `timeline` branch.
pub fn start(_event_cap: usize) {}

/// Placeholder: an empty timeline.
pub fn finish(model: &str) -> Timeline {
    Timeline { model: model.to_string(), duration_ns: 0, lanes: vec![], event_cap: 0, events_dropped: 0 }
}
