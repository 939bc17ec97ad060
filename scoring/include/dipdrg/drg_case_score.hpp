#pragma once
// CHS-DRG case payments: the point method (点数法, B_g = 100 · m_g / m, hospital coefficient
// c_{h,g}, 基础病组 with c = 1) and the rate method (费率法, S_g = R · RW_g · k), with
// high/low-ratio cases, incomplete stays, bed-day groups and 15-day readmissions.
// Spec: payment-rules.md §1.2–1.3.
#include <cstdint>
#include <string>
#include <vector>

#include "dipdrg/money.hpp"

namespace dipdrg {

enum class DrgMethod : std::uint8_t { Points, Rate };

// A high-ratio threshold for groups with base points up to `max_base_points` (0 = any) at
// hospital `level` (0 = any level). The first matching row applies.
struct HighRatioTier {
    double max_base_points = 0;
    std::int32_t level = 0;
    double ratio = 2.0;
};

struct DrgPaymentPolicy {
    std::string name = "chs-drg";
    std::string region = "000000";
    std::string effective_from, effective_to;
    DrgMethod method = DrgMethod::Points;
    double low_ratio = 0.3;                                           // ρ < low_ratio: low-ratio case
    std::vector<HighRatioTier> high_tiers{{0, 3, 3.0}, {0, 0, 2.0}};  // national: 三级 3×, otherwise 2×
    double high_alpha = 1.0;            // extra points per unit of ρ above the threshold
    bool low_uses_coefficient = false;  // low: B_g · ρ (· c when true)
    double readmission_factor = 0.5;    // the earlier stay of a same-DRG readmission within 15 days
};

enum class DrgCaseRule : std::uint8_t { Normal, BaseGroup, High, Low, Incomplete, BedDay, Penalty };
const char* drg_case_rule_code(DrgCaseRule r);

struct DrgCaseInput {
    double base_points = 0;   // B_g (points method) or the group weight RW_g (rate method)
    double coefficient = 1;   // c_{h,g} (points) or k (rate)
    bool base_group = false;  // 基础病组: c = 1 for every hospital
    Fen cost = 0;             // C
    Fen group_average = 0;    // m_g, the ratio's denominator under the points method
    double unit_value = 1;    // yuan per point (V) or the base rate R per unit weight
    std::int32_t hospital_level = 0;
    bool incomplete_stay = false;  // 住院过程不完整: points capped at B_g
    bool bed_day = false;          // a bed-day group: P = B_day · LOS (base_points = B_day)
    std::int32_t los_days = 0;
    bool readmitted_within_15_days = false;  // this stay is the earlier one of a readmission pair
    // Penalties (绍兴 under Zhejiang's rules): a finding gives the stay no points and, when
    // serious, deducts `penalty_multiple` × B_g (1 for 分解住院, 2 for 高套, up to 5 for fraud).
    bool penalised = false;
    double penalty_multiple = 0;
};

struct DrgCaseScore {
    DrgCaseRule rule = DrgCaseRule::Normal;
    double ratio = 0;
    double high_threshold = 0;
    double points = 0;  // points (or weight units under the rate method)
    Fen amount = 0;     // points × unit value, to the fen
    std::string why;
};

DrgCaseScore score_drg_case(const DrgCaseInput& in, const DrgPaymentPolicy& policy);

// B_g = 100 · m_g / m.
double drg_base_points(double group_average_cost, double overall_average_cost);

}  // namespace dipdrg
