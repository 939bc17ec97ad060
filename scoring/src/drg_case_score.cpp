#include "dipdrg/drg_case_score.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "dipdrg/dip_case_score.hpp"

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
    const double b = in.base_points;
    const double c = in.base_group ? 1.0 : in.coefficient;
    const double factor = in.readmitted_within_15_days ? policy.readmission_factor : 1.0;
    auto finish = [&](DrgCaseRule rule, double points, std::string why) {
        out.rule = rule;
        out.points = points * factor;
        if (factor != 1.0) why += "; earlier stay of a 15-day readmission × " + fmt(factor);
        out.amount = yuan_to_fen(out.points * in.unit_value);
        out.why = std::move(why);
        return out;
    };
    if (in.penalised) {
        out.rule = DrgCaseRule::Penalty;
        out.points = -in.penalty_multiple * b;
        out.amount = yuan_to_fen(out.points * in.unit_value);
        out.why = "penalty: no points"
                  + (in.penalty_multiple > 0 ? ", deduct " + fmt(in.penalty_multiple) + " × B_g" : "");
        return out;
    }
    if (in.bed_day) return finish(DrgCaseRule::BedDay, b * in.los_days, "bed-day group: B_day × LOS");
    // The ratio's denominator: the group average cost (points) or the payment standard (rate).
    const double cost = static_cast<double>(in.cost) / 100.0;
    const double denominator = policy.method == DrgMethod::Points
                                   ? static_cast<double>(in.group_average) / 100.0
                                   : b * c * in.unit_value;
    if (!(denominator > 0)) throw std::invalid_argument("group average cost / standard must be positive");
    const double rho = cost / denominator;
    out.ratio = rho;
    const double normal = b * c;
    if (in.incomplete_stay)
        return finish(DrgCaseRule::Incomplete, std::min(b, normal * rho),
                      "incomplete stay: B_g · c · ρ, at most B_g");
    double k_hi = 0;
    for (const auto& tier : policy.high_tiers)
        if ((tier.max_base_points <= 0 || b <= tier.max_base_points)
            && (tier.level == 0 || tier.level == in.hospital_level)) {
            k_hi = tier.ratio;
            break;
        }
    out.high_threshold = k_hi;
    if (k_hi > 0 && rho > k_hi)
        return finish(
            DrgCaseRule::High, normal + b * (rho - k_hi) * policy.high_alpha,
            "high ratio (ρ = " + fmt(rho) + " > " + fmt(k_hi) + "): B_g · c + B_g · (ρ − k_hi) · α");
    if (rho < policy.low_ratio) {
        double low = b * rho * (policy.low_uses_coefficient ? c : 1.0);
        return finish(
            DrgCaseRule::Low, std::min(low, normal),
            "low ratio (ρ = " + fmt(rho) + " < " + fmt(policy.low_ratio) + "): B_g · ρ, at most B_g · c");
    }
    return finish(in.base_group ? DrgCaseRule::BaseGroup : DrgCaseRule::Normal, normal,
                  in.base_group ? "基础病组: B_g (c = 1)" : "normal: B_g · c = " + fmt(b) + " × " + fmt(c));
}

}  // namespace dipdrg
