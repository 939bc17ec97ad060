#include "dipdrg/settlement.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "dipdrg/dip_case_score.hpp"
#include "dipdrg/exact.hpp"

namespace dipdrg {

double settlement_point_value(const SettlementPolicy& policy, Fen fund_budget, Fen patient_paid,
                              double total_points) {
    if (fund_budget <= 0) throw std::invalid_argument("fund budget must be positive");
    // The settlement divides in doubles and apportions back to the fen: a budget is exact in a
    // double up to 2^53 fen (about 90 trillion yuan, far above any pool's year).
    if (fund_budget > (Fen{1} << 53))
        throw std::invalid_argument(
            "fund budget above 90,071,992,547,409.92 yuan (2^53 fen) cannot be settled exactly");
    if (!(total_points > 0) || !std::isfinite(total_points))
        throw std::invalid_argument("total points must be a positive finite number");
    const double budget = static_cast<double>(fund_budget) / 100.0;
    switch (policy.basis) {
        case PointValueBasis::FundOverRatio:
            if (!(policy.fund_payment_ratio > 0 && policy.fund_payment_ratio <= 1))
                throw std::invalid_argument("fund payment ratio must be in (0, 1]");
            return budget / policy.fund_payment_ratio / total_points;
        case PointValueBasis::FundPlusPatient:
            return (budget + static_cast<double>(patient_paid) / 100.0) / total_points;
        case PointValueBasis::FundOnly:
            return budget / total_points;
    }
    return 0;
}

std::vector<Fen> apportion(Fen total, const std::vector<double>& exact) {
    std::vector<Fen> out(exact.size());
    std::vector<std::pair<double, std::size_t>> remainders;
    Fen assigned = 0;
    for (std::size_t i = 0; i < exact.size(); ++i) {
        double fen = exact[i] * 100.0;
        out[i] = static_cast<Fen>(std::floor(fen));
        assigned += out[i];
        remainders.emplace_back(fen - std::floor(fen), i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    Fen left = total - assigned;
    // Hand out (or take back) single fen, largest remainders first, cycling if needed.
    for (std::size_t k = 0; left != 0 && !remainders.empty(); k = (k + 1) % remainders.size()) {
        Fen step = left > 0 ? 1 : -1;
        out[remainders[left > 0 ? k : remainders.size() - 1 - k].second] += step;
        left -= step;
    }
    return out;
}

namespace {

// Σ over bands of share × (the part of `amount` that falls in the band); bands are
// cumulative limits as shares of `base`.
double banded(double amount, double base, const std::vector<CorridorBand>& bands, std::string& how) {
    double done = 0, result = 0;
    for (const auto& band : bands) {
        const double limit = band.up_to > 0 ? band.up_to * base : INFINITY;
        const double part = std::max(0.0, std::min(amount, limit) - done);
        if (part <= 0) break;
        result += part * band.share;
        how += (how.empty() ? "" : ", ") + std::to_string(static_cast<long long>(std::llround(part)))
               + " 元 × " + std::to_string(band.share).substr(0, 4);
        done += part;
    }
    return result;
}

}  // namespace

Fen apply_corridors(Fen entitlement, Fen item_fund, const SettlementPolicy& policy, std::string* how) {
    if (item_fund < 0) return entitlement;
    const double e = static_cast<double>(entitlement) / 100.0, b = static_cast<double>(item_fund) / 100.0;
    std::string text;
    double pay = 0;
    if (e >= b) {  // surplus: the hospital keeps a share of E − B on top of B
        const double kept
            = policy.surplus_bands.empty() ? e - b : banded(e - b, e, policy.surplus_bands, text);
        pay = b + kept;
        text = "surplus " + std::to_string(static_cast<long long>(std::llround(e - b)))
               + " 元 kept: " + (text.empty() ? "all" : text);
    } else {  // overspend: the fund bears a share of B − E on top of E
        const double borne = banded(b - e, e, policy.overspend_bands, text);
        pay = e + borne;
        text = "overspend " + std::to_string(static_cast<long long>(std::llround(b - e)))
               + " 元 shared: " + (text.empty() ? "none" : text);
    }
    if (how) *how = text;
    return yuan_to_fen(pay);
}

PoolSettlement settle_pool(const SettlementPolicy& policy, Fen fund_budget,
                           const std::vector<HospitalInput>& hospitals) {
    const auto n = static_cast<Eigen::Index>(hospitals.size());
    Eigen::ArrayXd points(n), assessment(n), patient(n), deductions(n), base(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto& h = hospitals[static_cast<std::size_t>(i)];
        if (h.points < 0) throw std::invalid_argument("hospital " + h.hospital + " has negative points");
        points[i] = h.points;
        assessment[i] = h.assessment;
        patient[i] = static_cast<double>(h.patient_paid) / 100.0;
        deductions[i] = static_cast<double>(h.deductions) / 100.0;
        base[i] = h.base_points;
    }
    PoolSettlement out;
    const Fen patient_total
        = std::accumulate(hospitals.begin(), hospitals.end(), Fen{0},
                          [](Fen s, const HospitalInput& h) { return s + h.patient_paid; });
    Eigen::ArrayXd value_points = points;  // points × PV in yuan, before r and A
    if (policy.elastic) {
        if (!(policy.fixed_point_value > 0))
            throw std::invalid_argument("elastic settlement needs a fixed point value");
        Eigen::ArrayXd within = points.min(base), beyond = points - within;
        const double total_value
            = settlement_point_value(policy, fund_budget, patient_total, 1.0);  // budget ÷ r
        const double left = total_value - within.sum() * policy.fixed_point_value;
        out.point_value = beyond.sum() > 0 ? std::max(0.0, left / beyond.sum()) : 0.0;
        value_points = within * policy.fixed_point_value + beyond * out.point_value;
    } else {
        out.point_value = settlement_point_value(policy, fund_budget, patient_total, points.sum());
        value_points = points * out.point_value;
    }
    Eigen::ArrayXd exact = value_points * assessment;
    if (policy.basis == PointValueBasis::FundOverRatio) exact *= policy.fund_payment_ratio;
    if (policy.basis == PointValueBasis::FundPlusPatient) exact -= patient;
    exact -= deductions;
    std::vector<double> amounts(exact.data(), exact.data() + n);
    out.total_entitlement = yuan_to_fen(exact.sum());
    auto fen = apportion(out.total_entitlement, amounts);
    for (std::size_t i = 0; i < hospitals.size(); ++i) {
        const auto& h = hospitals[i];
        HospitalSettlement hs{h.hospital, h.points, fen[i], fen[i], 0, ""};
        if (h.item_fund >= 0) hs.payment = apply_corridors(fen[i], h.item_fund, policy, &hs.corridor);
        hs.balance = hs.payment - h.advances;
        out.hospitals.push_back(std::move(hs));
    }
    return out;
}

Fen monthly_advance(double points, double point_value, Fen patient_paid, double advance_ratio,
                    Fen deductions) {
    const Exact amount = (Exact::decimal(points, "points") * Exact::decimal(point_value, "point value")
                          - Exact::yuan(patient_paid))
                         * Exact::decimal(advance_ratio, "advance ratio");
    return round_to_fen(amount) - deductions;
}

double budget_point_value(const std::vector<double>& costs, const std::vector<double>& points,
                          const std::vector<double>& weights) {
    if (costs.size() != points.size() || costs.size() != weights.size() || costs.empty())
        throw std::invalid_argument("costs, points and weights must have the same, non-zero length");
    Eigen::Map<const Eigen::ArrayXd> c(costs.data(), static_cast<Eigen::Index>(costs.size()));
    Eigen::Map<const Eigen::ArrayXd> p(points.data(), static_cast<Eigen::Index>(points.size()));
    Eigen::Map<const Eigen::ArrayXd> w(weights.data(), static_cast<Eigen::Index>(weights.size()));
    const double denominator = (w * p).sum();
    if (!(denominator > 0)) throw std::invalid_argument("weighted points must be positive");
    return (w * c).sum() / denominator;
}

}  // namespace dipdrg
