//! The trend: this run's data against an earlier run's, per workload and per code.

use std::collections::{BTreeMap, BTreeSet};

use graphdoc_ir::Code;
use serde::{Deserialize, Serialize};

use crate::data::ReportData;

/// A figure then and now.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Delta<T> {
    pub before: T,
    pub after: T,
}

impl Delta<usize> {
    /// `after - before`.
    pub fn change(&self) -> i64 {
        self.after as i64 - self.before as i64
    }
}

impl Delta<f64> {
    pub fn change(&self) -> f64 {
        self.after - self.before
    }
}

/// One workload then and now (zero where it had no pages).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkloadDelta {
    pub name: String,
    pub pages: Delta<usize>,
    pub findings: Delta<usize>,
    pub findings_per_100_pages: Delta<f64>,
    /// Example pass rate, percent.
    pub pass_rate: Delta<f64>,
}

/// One code then and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeDelta {
    pub code: Code,
    pub count: Delta<usize>,
}

/// The deltas against an earlier run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// The earlier run's timestamp, when it had one.
    pub before_generated_at: Option<String>,
    pub pages: Delta<usize>,
    pub findings: Delta<usize>,
    pub passing_examples: Delta<usize>,
    /// Every workload of either run, by name.
    pub workloads: Vec<WorkloadDelta>,
    /// Every code of either run, by code.
    pub codes: Vec<CodeDelta>,
}

impl Trend {
    /// `after` against `before`.
    pub fn between(before: &ReportData, after: &ReportData) -> Self {
        let wb: BTreeMap<&str, _> = before
            .workloads
            .iter()
            .map(|w| (w.name.as_str(), w))
            .collect();
        let wa: BTreeMap<&str, _> = after
            .workloads
            .iter()
            .map(|w| (w.name.as_str(), w))
            .collect();
        let names: BTreeSet<&str> = wb.keys().chain(wa.keys()).copied().collect();
        let workloads = names
            .into_iter()
            .map(|name| {
                let (b, a) = (wb.get(name), wa.get(name));
                let us = |f: fn(&crate::data::WorkloadRow) -> usize| Delta {
                    before: b.map_or(0, |w| f(w)),
                    after: a.map_or(0, |w| f(w)),
                };
                let fs = |f: fn(&crate::data::WorkloadRow) -> f64| Delta {
                    before: b.map_or(0.0, |w| f(w)),
                    after: a.map_or(0.0, |w| f(w)),
                };
                WorkloadDelta {
                    name: name.to_owned(),
                    pages: us(|w| w.pages),
                    findings: us(|w| w.findings.total()),
                    findings_per_100_pages: fs(|w| w.findings_per_100_pages),
                    pass_rate: fs(|w| (w.examples.pass_rate() * 100.0).round() / 100.0),
                }
            })
            .collect();
        let cb: BTreeMap<Code, usize> = before.codes.iter().map(|c| (c.code, c.count)).collect();
        let ca: BTreeMap<Code, usize> = after.codes.iter().map(|c| (c.code, c.count)).collect();
        let codes: BTreeSet<Code> = cb.keys().chain(ca.keys()).copied().collect();
        Trend {
            before_generated_at: before.generated_at.clone(),
            pages: Delta {
                before: before.summary.pages,
                after: after.summary.pages,
            },
            findings: Delta {
                before: before.summary.findings.total(),
                after: after.summary.findings.total(),
            },
            passing_examples: Delta {
                before: before.summary.examples.passing,
                after: after.summary.examples.passing,
            },
            workloads,
            codes: codes
                .into_iter()
                .map(|code| CodeDelta {
                    code,
                    count: Delta {
                        before: cb.get(&code).copied().unwrap_or(0),
                        after: ca.get(&code).copied().unwrap_or(0),
                    },
                })
                .collect(),
        }
    }
}
