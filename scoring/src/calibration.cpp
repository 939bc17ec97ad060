#include "dipdrg/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace dipdrg {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double round_to(double v, int decimals) {
    const double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
}
}  // namespace

double year_weighted_mean(const std::vector<double>& year_means, const std::vector<double>& weights) {
    double num = 0, den = 0;
    for (std::size_t y = 0; y < year_means.size() && y < weights.size(); ++y) {
        if (std::isnan(year_means[y])) continue;
        num += weights[y] * year_means[y];
        den += weights[y];
    }
    return den > 0 ? num / den : kNaN;
}

CalibrationResult calibrate(const std::vector<HistoryCase>& cases, std::size_t n_groups, std::size_t n_years,
                            const CalibrationPolicy& policy) {
    if (n_years == 0) throw std::invalid_argument("calibration needs at least one year");
    if (policy.year_weights.size() < n_years)
        throw std::invalid_argument("calibration: " + std::to_string(n_years) + " years but only "
                                    + std::to_string(policy.year_weights.size()) + " year weights");
    // Weights of the most recent years: with 2 years of data and weights 1:2:7, use 2:7.
    std::vector<double> weights(policy.year_weights.end() - static_cast<std::ptrdiff_t>(n_years),
                                policy.year_weights.end());
    std::vector<std::vector<const HistoryCase*>> by_group(n_groups);
    for (const auto& c : cases) {
        if (c.group < 0 || static_cast<std::size_t>(c.group) >= n_groups || c.year < 0
            || static_cast<std::size_t>(c.year) >= n_years || !(c.cost >= 0))
            continue;  // the caller reports rows it could not place
        by_group[static_cast<std::size_t>(c.group)].push_back(&c);
    }
    CalibrationResult out;
    out.groups.resize(n_groups);
    std::vector<double> all_sum(n_years, 0), all_n(n_years, 0);
    std::vector<std::vector<const HistoryCase*>> kept(n_groups);
    for (std::size_t g = 0; g < n_groups; ++g) {
        auto& rows = by_group[g];
        auto& gc = out.groups[g];
        gc.cases = static_cast<std::int32_t>(rows.size());
        gc.year_means.assign(n_years, kNaN);
        gc.level_means.assign(3, kNaN);
        if (rows.empty()) {
            gc.note = "no cases";
            gc.mean = kNaN;
            continue;
        }
        // Trim the cost tails of the group (quantiles over all its years).
        std::vector<double> costs;
        for (const auto* c : rows) costs.push_back(c->cost);
        std::sort(costs.begin(), costs.end());
        auto quantile = [&](double q) {
            const double pos = q * static_cast<double>(costs.size() - 1);
            const auto lo = static_cast<std::size_t>(std::floor(pos));
            const auto hi = std::min(lo + 1, costs.size() - 1);
            return costs[lo] + (costs[hi] - costs[lo]) * (pos - static_cast<double>(lo));
        };
        const double lo = policy.trim_low > 0 ? quantile(policy.trim_low) : -INFINITY;
        const double hi = policy.trim_high < 1 ? quantile(policy.trim_high) : INFINITY;
        for (const auto* c : rows)
            if (c->cost >= lo && c->cost <= hi) kept[g].push_back(c);
        gc.kept = static_cast<std::int32_t>(kept[g].size());
        if (gc.kept < gc.cases)
            gc.note = "trimmed " + std::to_string(gc.cases - gc.kept) + " cases outside the "
                      + std::to_string(policy.trim_low * 100).substr(0, 4) + "%–"
                      + std::to_string(policy.trim_high * 100).substr(0, 5) + "% cost quantiles";
        std::vector<double> sum(n_years, 0), n(n_years, 0), lsum(3, 0), ln(3, 0);
        double s = 0, s2 = 0;
        for (const auto* c : kept[g]) {
            sum[static_cast<std::size_t>(c->year)] += c->cost;
            n[static_cast<std::size_t>(c->year)] += 1;
            all_sum[static_cast<std::size_t>(c->year)] += c->cost;
            all_n[static_cast<std::size_t>(c->year)] += 1;
            if (c->hospital_level >= 1 && c->hospital_level <= 3) {
                lsum[static_cast<std::size_t>(c->hospital_level - 1)] += c->cost;
                ln[static_cast<std::size_t>(c->hospital_level - 1)] += 1;
            }
            s += c->cost;
            s2 += c->cost * c->cost;
        }
        for (std::size_t y = 0; y < n_years; ++y)
            if (n[y] > 0) gc.year_means[y] = sum[y] / n[y];
        for (std::size_t l = 0; l < 3; ++l)
            if (ln[l] > 0) gc.level_means[l] = lsum[l] / ln[l];
        gc.mean = year_weighted_mean(gc.year_means, weights);
        const double k = static_cast<double>(gc.kept);
        const double mean = s / k, var = std::max(0.0, s2 / k - mean * mean);
        gc.cv = mean > 0 ? std::sqrt(var) / mean : 0;
        const double grass = ln[0] / k;
        gc.grassroots_candidate = grass >= policy.grassroots_share && gc.cv <= policy.grassroots_max_cv;
    }
    std::vector<double> year_overall(n_years, kNaN);
    for (std::size_t y = 0; y < n_years; ++y)
        if (all_n[y] > 0) year_overall[y] = all_sum[y] / all_n[y];
    out.overall_mean = year_weighted_mean(year_overall, weights);

    double base = 0;
    switch (policy.method) {
        case ScoreMethod::AverageCost:
            base = out.overall_mean / policy.scale;
            break;
        case ScoreMethod::ReferenceGroup:
            if (policy.reference_group < 0 || static_cast<std::size_t>(policy.reference_group) >= n_groups
                || std::isnan(out.groups[static_cast<std::size_t>(policy.reference_group)].mean))
                throw std::invalid_argument("calibration: the reference group has no cases");
            base = out.groups[static_cast<std::size_t>(policy.reference_group)].mean / policy.scale;
            break;
        case ScoreMethod::FixedUnit:
            if (!(policy.fixed_unit > 0))
                throw std::invalid_argument("calibration: the fixed unit must be positive");
            base = policy.fixed_unit;
            break;
    }
    if (!(base > 0)) throw std::invalid_argument("calibration: no cases to build scores from");
    for (auto& gc : out.groups)
        gc.score = std::isnan(gc.mean) ? kNaN : round_to(gc.mean / base, policy.score_decimals);

    // Core vs comprehensive: a fixed case threshold, or the count at which the core groups
    // reach the coverage share of all cases.
    out.threshold = policy.case_threshold;
    if (policy.coverage > 0) {
        std::vector<std::int32_t> counts;
        std::int64_t total = 0;
        for (const auto& gc : out.groups) {
            counts.push_back(gc.cases);
            total += gc.cases;
        }
        std::sort(counts.rbegin(), counts.rend());
        std::int64_t covered = 0;
        for (auto c : counts) {
            covered += c;
            out.threshold = c;
            if (static_cast<double>(covered) >= policy.coverage * static_cast<double>(total)) break;
        }
    }
    for (auto& gc : out.groups) {
        gc.core = gc.cases >= out.threshold && gc.cases > 0;
        if (!gc.core && gc.cases > 0)
            gc.note += std::string(gc.note.empty() ? "" : "; ") + "below the case threshold ("
                       + std::to_string(gc.cases) + " < " + std::to_string(out.threshold)
                       + "): merge into a comprehensive group";
    }
    // Level coefficients: each level's cost over the cost its case mix would have at m_g.
    std::vector<double> cost(3, 0), expected(3, 0);
    for (std::size_t g = 0; g < n_groups; ++g)
        for (const auto* c : kept[g])
            if (c->hospital_level >= 1 && c->hospital_level <= 3 && !std::isnan(out.groups[g].mean)) {
                cost[static_cast<std::size_t>(c->hospital_level - 1)] += c->cost;
                expected[static_cast<std::size_t>(c->hospital_level - 1)] += out.groups[g].mean;
            }
    for (std::size_t l = 0; l < 3; ++l)
        out.level_coefficients.push_back(expected[l] > 0 ? cost[l] / expected[l] : kNaN);
    return out;
}

}  // namespace dipdrg
