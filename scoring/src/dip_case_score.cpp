#include "dipdrg/dip_case_score.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace dipdrg {
namespace {

std::string fmt(double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

}  // namespace

const char* dip_case_rule_code(DipCaseRule r) {
    constexpr const char* names[] = {"normal", "low", "high", "extreme", "ungrouped", "at_cost"};
    return names[static_cast<std::size_t>(r)];
}

Fen yuan_to_fen(double yuan) {
    // long double keeps products such as 1405.425 × 9.5 = 13351.5375 exact enough to round
    // at the half fen the way the worked examples do.
    long double fen = static_cast<long double>(yuan) * 100.0L;
    return static_cast<Fen>(std::llround(fen));
}

DipCaseScore score_dip_case(const DipCaseInput& in, const DipScoringPolicy& policy) {
    if (!(in.point_value > 0)) throw std::invalid_argument("point value must be positive");
    DipCaseScore out;
    const double cost = static_cast<double>(in.cost) / 100.0;
    // A subtype's factor scales the group score everywhere (the vendor's "subtype score ×
    // factor"): the standard, the normal score and the deviation formulas.
    const double rw = in.group_score * in.aux_factor;
    // 基层病种: one score for all levels (no hospital coefficient).
    const double k = (in.grassroots && !policy.grassroots_coefficient) ? 1.0 : in.hospital_coefficient;
    auto finish = [&](DipCaseRule rule, double points, std::string why) {
        out.rule = rule;
        out.points = points;
        out.amount = yuan_to_fen(points * in.point_value);
        out.why = std::move(why);
        return out;
    };
    if (rw <= 0) {  // a group without a score: paid at cost (dip.md §6.1 notes)
        out.ratio = 0;
        return finish(DipCaseRule::AtCost, cost / in.point_value, "no group score: C / PV");
    }
    const double standard
        = in.standard > 0 ? static_cast<double>(in.standard) / 100.0 : rw * k * in.point_value;
    if (!(standard > 0)) throw std::invalid_argument("cost standard must be positive");
    const double rho = cost / standard;
    out.ratio = rho;
    if (in.ungrouped)
        return finish(DipCaseRule::Ungrouped, rw * rho * policy.ungrouped_factor,
                      "ungrouped: RW × ρ × " + fmt(policy.ungrouped_factor) + " = " + fmt(rw) + " × "
                          + fmt(rho) + " × " + fmt(policy.ungrouped_factor));
    const bool low = policy.low_inclusive ? rho <= policy.low_ratio : rho < policy.low_ratio;
    if (low) {
        if (policy.low_formula == LowCostFormula::PaidAtCost)
            return finish(DipCaseRule::Low, cost / in.point_value,
                          "low cost (ρ = " + fmt(rho) + " < " + fmt(policy.low_ratio) + "): C / PV");
        return finish(DipCaseRule::Low, rw * rho,
                      "low cost (ρ = " + fmt(rho) + "): RW × ρ = " + fmt(rw) + " × " + fmt(rho));
    }
    const bool extreme = policy.extreme_formula != ExtremeFormula::None && rho > policy.extreme_ratio;
    if (extreme && policy.extreme_formula == ExtremeFormula::FlatK) {
        out.review = false;
        return finish(DipCaseRule::Extreme, rw * k,
                      "extreme cost (ρ = " + fmt(rho) + " > " + fmt(policy.extreme_ratio) + "): RW × K_h");
    }
    if (policy.high_inclusive ? rho >= policy.high_ratio : rho > policy.high_ratio) {
        const DipCaseRule rule = extreme ? DipCaseRule::Extreme : DipCaseRule::High;
        out.review = extreme || policy.high_formula == HighCostFormula::SpecialReview;
        switch (policy.high_formula) {
            case HighCostFormula::RatioMinusOne:
                return finish(rule, rw * (rho - 2 + 1),
                              std::string(extreme ? "extreme cost, for expert review; " : "high cost ")
                                  + "(ρ = " + fmt(rho) + "): RW × (ρ − 2 + 1)");
            case HighCostFormula::RatioMinusTwoPlusK:
                return finish(rule, rw * (rho - 2 + k),
                              std::string(extreme ? "extreme cost, for expert review; " : "high cost ")
                                  + "(ρ = " + fmt(rho) + "): RW × (ρ − 2 + K_h)");
            case HighCostFormula::SpecialReview:
                return finish(rule, rw * k,
                              "high cost (ρ = " + fmt(rho) + " > " + fmt(policy.high_ratio)
                                  + "): 特例单议 candidate, normal score until reviewed");
        }
    }
    return finish(
        DipCaseRule::Normal, rw * k,
        "normal: RW × K_aux × K_h = " + fmt(in.group_score) + " × " + fmt(in.aux_factor) + " × " + fmt(k));
}

}  // namespace dipdrg
