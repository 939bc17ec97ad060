#pragma once
// Calibration: how a fund builds next year's group scores from several years of grouped
// history — year-weighted (1:2:7) trimmed group means, scores against the overall mean, a
// reference group or a fixed unit, coefficients of variation, the core/comprehensive case
// threshold, hospital-level coefficients and 基层 candidates. Spec: dip.md §3.1, §3.4, §5.
#include <cstdint>
#include <string>
#include <vector>

namespace dipdrg {

struct HistoryCase {
    std::int32_t year = 0;            // 0 = oldest of the years given
    std::int32_t group = 0;           // index into the caller's group list
    double cost = 0;                  // yuan
    std::int32_t hospital_level = 0;  // 1..3 (1 = grass-roots); 0 unknown
};

enum class ScoreMethod : std::uint8_t {
    AverageCost,     // RW = m_g / M × scale (平均费用法)
    ReferenceGroup,  // RW = m_g / m_ref × scale (基准病种费用法)
    FixedUnit,       // RW = m_g / M0 (标准定额法)
};

struct CalibrationPolicy {
    std::vector<double> year_weights{1, 2, 7};   // oldest first
    double trim_low = 0.025, trim_high = 0.975;  // quantiles cut per group (0 and 1: no trimming)
    ScoreMethod method = ScoreMethod::AverageCost;
    double scale = 1000;
    std::int32_t reference_group = -1;  // ReferenceGroup
    double fixed_unit = 0;              // FixedUnit: M0 in yuan
    std::int32_t case_threshold = 15;   // core groups need at least this many cases
    double coverage = 0;             // > 0: the threshold is the count at which core groups cover this share
    double grassroots_share = 0.5;   // 基层 candidate: share of level-1 cases at least this
    double grassroots_max_cv = 0.7;  // and CV at most this
    int score_decimals = 2;
};

struct GroupCalibration {
    std::int32_t cases = 0;          // all years
    std::int32_t kept = 0;           // after trimming
    std::vector<double> year_means;  // NaN for a year without cases
    double mean = 0;                 // m_g, year-weighted
    double cv = 0;                   // coefficient of variation of kept costs
    double score = 0;
    bool core = false;
    bool grassroots_candidate = false;
    std::vector<double> level_means;  // level 1..3 (NaN when none)
    std::string note;
};

struct CalibrationResult {
    double overall_mean = 0;                 // M, year-weighted over all kept cases
    std::int32_t threshold = 0;              // the case threshold used
    std::vector<double> level_coefficients;  // level 1..3: Σ cost ÷ Σ m_g of that level's cases
    std::vector<GroupCalibration> groups;
};

// Throws std::invalid_argument for misuse (no years, a bad reference group).
CalibrationResult calibrate(const std::vector<HistoryCase>& cases, std::size_t n_groups, std::size_t n_years,
                            const CalibrationPolicy& policy);

// Σ w_y · mean_y ÷ Σ w_y over the years that have a mean (NaN entries skipped).
double year_weighted_mean(const std::vector<double>& year_means, const std::vector<double>& weights);

}  // namespace dipdrg
