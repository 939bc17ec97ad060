#include "dipdrg/dip_case_score.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "dipdrg/exact.hpp"

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
    return round_to_fen(Exact::decimal(yuan, "amount"));
}

DipCaseScore score_dip_case(const DipCaseInput& in, const DipScoringPolicy& policy) {
    if (!(in.point_value > 0)) throw std::invalid_argument("point value must be positive");
    DipCaseScore out;
    // Exact arithmetic throughout: every double input is taken by its shortest decimal form,
    // so the amount rounds at the half fen as the decimal formula says (money.hpp).
    const Exact pv = Exact::decimal(in.point_value, "point value");
    const Exact cost = Exact::yuan(in.cost);
    // A subtype's factor scales the group score everywhere (the vendor's "subtype score ×
    // factor"): the standard, the normal score and the deviation formulas.
    const Exact rw
        = Exact::decimal(in.group_score, "group score") * Exact::decimal(in.aux_factor, "aux factor");
    // 基层病种: one score for all levels (no hospital coefficient).
    const Exact k = (in.grassroots && !policy.grassroots_coefficient)
                        ? Exact(1)
                        : Exact::decimal(in.hospital_coefficient, "hospital coefficient");
    auto finish = [&](DipCaseRule rule, const Exact& points, std::string why) {
        out.rule = rule;
        out.points = points.to_double();
        out.amount = round_to_fen(points * pv);
        out.why = std::move(why);
        return out;
    };
    if (rw.sign() <= 0) {  // a group without a score: paid at cost (dip.md §6.1 notes)
        out.ratio = 0;
        return finish(DipCaseRule::AtCost, cost / pv, "no group score: C / PV");
    }
    const Exact standard = in.standard > 0 ? Exact::yuan(in.standard) : rw * k * pv;
    if (standard.sign() <= 0) throw std::invalid_argument("cost standard must be positive");
    const Exact rho = cost / standard;
    const double rho_shown = rho.to_double();
    out.ratio = rho_shown;
    const Exact low_ratio = Exact::decimal(policy.low_ratio, "low_ratio");
    const Exact high_ratio = Exact::decimal(policy.high_ratio, "high_ratio");
    const Exact extreme_ratio = Exact::decimal(policy.extreme_ratio, "extreme_ratio");
    if (in.ungrouped) {
        const Exact factor = Exact::decimal(policy.ungrouped_factor, "ungrouped_factor");
        return finish(DipCaseRule::Ungrouped, rw * rho * factor,
                      "ungrouped: RW × ρ × " + fmt(policy.ungrouped_factor) + " = " + fmt(rw.to_double())
                          + " × " + fmt(rho_shown) + " × " + fmt(policy.ungrouped_factor));
    }
    const bool low = policy.low_inclusive ? rho <= low_ratio : rho < low_ratio;
    if (low) {
        if (policy.low_formula == LowCostFormula::PaidAtCost)
            return finish(DipCaseRule::Low, cost / pv,
                          "low cost (ρ = " + fmt(rho_shown) + " < " + fmt(policy.low_ratio) + "): C / PV");
        return finish(DipCaseRule::Low, rw * rho,
                      "low cost (ρ = " + fmt(rho_shown) + "): RW × ρ = " + fmt(rw.to_double()) + " × "
                          + fmt(rho_shown));
    }
    const bool extreme = policy.extreme_formula != ExtremeFormula::None && rho > extreme_ratio;
    if (extreme && policy.extreme_formula == ExtremeFormula::FlatK) {
        out.review = false;
        return finish(
            DipCaseRule::Extreme, rw * k,
            "extreme cost (ρ = " + fmt(rho_shown) + " > " + fmt(policy.extreme_ratio) + "): RW × K_h");
    }
    if (policy.high_inclusive ? rho >= high_ratio : rho > high_ratio) {
        const DipCaseRule rule = extreme ? DipCaseRule::Extreme : DipCaseRule::High;
        out.review = extreme || policy.high_formula == HighCostFormula::SpecialReview;
        const std::string head = std::string(extreme ? "extreme cost, for expert review; " : "high cost ")
                                 + "(ρ = " + fmt(rho_shown) + "): ";
        switch (policy.high_formula) {
            case HighCostFormula::RatioMinusOne:
                return finish(rule, rw * (rho - Exact(2) + Exact(1)), head + "RW × (ρ − 2 + 1)");
            case HighCostFormula::RatioMinusTwoPlusK:
                return finish(rule, rw * (rho - Exact(2) + k), head + "RW × (ρ − 2 + K_h)");
            case HighCostFormula::SpecialReview:
                return finish(rule, rw * k,
                              "high cost (ρ = " + fmt(rho_shown) + " > " + fmt(policy.high_ratio)
                                  + "): 特例单议 candidate, normal score until reviewed");
        }
    }
    return finish(DipCaseRule::Normal, rw * k,
                  "normal: RW × K_aux × K_h = " + fmt(in.group_score) + " × " + fmt(in.aux_factor) + " × "
                      + fmt(k.to_double()));
}

}  // namespace dipdrg
