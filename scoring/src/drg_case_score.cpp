#include "dipdrg/drg_case_score.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "dipdrg/dip_case_score.hpp"
#include "dipdrg/exact.hpp"

namespace dipdrg {
namespace {
std::string fmt(double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}
}  // namespace

const char* drg_case_rule_code(DrgCaseRule r) {
    constexpr const char* names[]
        = {"normal", "base_group", "high", "low", "incomplete", "bed_day", "penalty"};
    return names[static_cast<std::size_t>(r)];
}

double drg_base_points(double group_average_cost, double overall_average_cost) {
    if (!(overall_average_cost > 0)) throw std::invalid_argument("overall average cost must be positive");
    return 100.0 * group_average_cost / overall_average_cost;
}

DrgCaseScore score_drg_case(const DrgCaseInput& in, const DrgPaymentPolicy& policy) {
    if (!(in.unit_value > 0)) throw std::invalid_argument("point value / base rate must be positive");
    DrgCaseScore out;
    // Exact arithmetic: every double input by its shortest decimal form (exact.hpp).
    const Exact b = Exact::decimal(in.base_points, "base points");
    const Exact c = in.base_group ? Exact(1) : Exact::decimal(in.coefficient, "coefficient");
    const Exact unit = Exact::decimal(in.unit_value, "unit value");
    const double factor_shown = in.readmitted_within_15_days ? policy.readmission_factor : 1.0;
    const Exact factor = Exact::decimal(factor_shown, "readmission_factor");
    auto finish = [&](DrgCaseRule rule, const Exact& points, std::string why) {
        const Exact total = points * factor;
        out.rule = rule;
        out.points = total.to_double();
        if (factor_shown != 1.0) why += "; earlier stay of a 15-day readmission × " + fmt(factor_shown);
        out.amount = round_to_fen(total * unit);
        out.why = std::move(why);
        return out;
    };
    if (in.penalised) {
        const Exact points = Exact(0) - Exact::decimal(in.penalty_multiple, "penalty multiple") * b;
        out.rule = DrgCaseRule::Penalty;
        out.points = points.to_double();
        out.amount = round_to_fen(points * unit);
        out.why = "penalty: no points"
                  + (in.penalty_multiple > 0 ? ", deduct " + fmt(in.penalty_multiple) + " × B_g" : "");
        return out;
    }
    if (in.bed_day) return finish(DrgCaseRule::BedDay, b * Exact(in.los_days), "bed-day group: B_day × LOS");
    // The ratio's denominator: the group average cost (points) or the payment standard (rate).
    const Exact cost = Exact::yuan(in.cost);
    const Exact denominator
        = policy.method == DrgMethod::Points ? Exact::yuan(in.group_average) : b * c * unit;
    if (denominator.sign() <= 0)
        throw std::invalid_argument("group average cost / standard must be positive");
    const Exact rho = cost / denominator;
    const double rho_shown = rho.to_double();
    out.ratio = rho_shown;
    const Exact normal = b * c;
    if (in.incomplete_stay)
        return finish(DrgCaseRule::Incomplete, min(b, normal * rho),
                      "incomplete stay: B_g · c · ρ, at most B_g");
    double k_hi = 0;
    for (const auto& tier : policy.high_tiers)
        if ((tier.max_base_points <= 0 || in.base_points <= tier.max_base_points)
            && (tier.level == 0 || tier.level == in.hospital_level)) {
            k_hi = tier.ratio;
            break;
        }
    out.high_threshold = k_hi;
    const Exact threshold = Exact::decimal(k_hi, "high tier ratio");
    if (k_hi > 0 && rho > threshold)
        return finish(
            DrgCaseRule::High,
            normal + b * (rho - threshold) * Exact::decimal(policy.high_alpha, "high_alpha"),
            "high ratio (ρ = " + fmt(rho_shown) + " > " + fmt(k_hi) + "): B_g · c + B_g · (ρ − k_hi) · α");
    if (rho < Exact::decimal(policy.low_ratio, "low_ratio")) {
        const Exact low = b * rho * (policy.low_uses_coefficient ? c : Exact(1));
        return finish(DrgCaseRule::Low, min(low, normal),
                      "low ratio (ρ = " + fmt(rho_shown) + " < " + fmt(policy.low_ratio)
                          + "): B_g · ρ, at most B_g · c");
    }
    return finish(in.base_group ? DrgCaseRule::BaseGroup : DrgCaseRule::Normal, normal,
                  in.base_group ? "基础病组: B_g (c = 1)"
                                : "normal: B_g · c = " + fmt(in.base_points) + " × " + fmt(c.to_double()));
}

}  // namespace dipdrg
