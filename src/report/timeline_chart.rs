//! Placeholder of the thread timeline chart (lands from the `timeline` branch).

use std::path::Path;

use crate::report::charts::ChartError;
use crate::runtime::timeline::Timeline;

/// Placeholder: refuses to draw.
pub fn render(_panels: &[Timeline], _svg: &Path, _png: Option<&Path>) -> Result<(), ChartError> {
    Err(ChartError("the timeline chart is not built yet".into()))
}
