//! Tests of the chart specs and their rendering.
use super::*;
