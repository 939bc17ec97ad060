#pragma once
// DIP case scores: normal cases (group score × hospital coefficient × auxiliary factor),
// low- and high-cost deviation cases, extreme cases and ungrouped cases, each by the formula
// variant a scoring policy names. Spec: dip.md §5.3, §6; worked examples §9.7.
#include <cstdint>
#include <string>

#include "dipdrg/money.hpp"

namespace dipdrg {

enum class LowCostFormula : std::uint8_t {
    ScoreTimesRatio,  // DIP 1.0, 湖北, 济宁: S = RW × ρ
    PaidAtCost,       // DIP 3.0 draft: S = RW × K × C / (Std × K) = C / PV
};
enum class HighCostFormula : std::uint8_t {
    RatioMinusOne,       // DIP 1.0, 湖北: S = RW × (ρ − 2 + 1)
    RatioMinusTwoPlusK,  // 济宁, 泰安: S = RW × (ρ − 2 + K_h)
    SpecialReview,       // DIP 3.0 draft: a 特例单议 candidate, scored as normal until reviewed
};
enum class ExtremeFormula : std::uint8_t {
    ExpertReview,  // DIP 1.0: expert panel; scored as the high-cost formula until reviewed
    FlatK,         // 济宁: S = RW × K_h
    None,          // no extreme band: the high-cost formula continues
};

// Every threshold and formula variant of a pool (统筹区), versioned by effective date.
struct DipScoringPolicy {
    std::string name = "dip-1.0";
    std::string region = "000000";
    std::string effective_from, effective_to;
    double low_ratio = 0.5;       // ρ < low_ratio is a low-cost case
    double high_ratio = 2.0;      // ρ > high_ratio is a high-cost case
    double extreme_ratio = 5.0;   // ρ > extreme_ratio is an extreme case
    bool low_inclusive = false;   // ρ ≤ low_ratio (济宁, 湖北 "C ≤ 0.5·A") rather than <
    bool high_inclusive = false;  // ρ ≥ high_ratio (湖北 "C ≥ 2·A") rather than >
    LowCostFormula low_formula = LowCostFormula::ScoreTimesRatio;
    HighCostFormula high_formula = HighCostFormula::RatioMinusOne;
    ExtremeFormula extreme_formula = ExtremeFormula::ExpertReview;
    double ungrouped_factor = 1.0;  // 空白病组: S = RW × (C / avg) × factor (济宁 0.7, 泰安 0.4368 × 0.9)
    bool grassroots_coefficient = false;  // 基层病种 take no hospital coefficient (national)
};

enum class DipCaseRule : std::uint8_t { Normal, Low, High, Extreme, Ungrouped, AtCost };
const char* dip_case_rule_code(DipCaseRule r);  // normal / low / high / extreme / ungrouped / at_cost

struct DipCaseInput {
    double group_score = 0;           // RW_g (分值)
    double hospital_coefficient = 1;  // K_h (or the group's level coefficient K_h,g)
    double aux_factor = 1;            // K_aux of the auxiliary subtype, 1 when none
    bool grassroots = false;
    bool ungrouped = false;  // the case is in the 空白病组
    Fen cost = 0;            // C, the case's total cost
    double point_value = 0;  // PV, yuan per point
    // The cost standard the ratio compares against, in fen; 0 = RW × K_h × PV (dip.md §9.7).
    Fen standard = 0;
};

struct DipCaseScore {
    DipCaseRule rule = DipCaseRule::Normal;
    double ratio = 0;     // ρ = C / standard
    double points = 0;    // the case's settlement score
    Fen amount = 0;       // points × PV, rounded half away from zero to the fen
    bool review = false;  // a 特例单议 / expert-review candidate
    std::string why;      // the formula applied, with its numbers
};

// Throws std::invalid_argument for misuse (non-positive point value or standard);
// data problems (negative cost, zero score) are the caller's row statuses.
DipCaseScore score_dip_case(const DipCaseInput& in, const DipScoringPolicy& policy);

// Rounds yuan to fen, half away from zero.
Fen yuan_to_fen(double yuan);

}  // namespace dipdrg
