#include "dipdrg/catalog/scoring_policy_io.hpp"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "dipdrg/catalog/json_text.hpp"
#include "policy_identity.hpp"

namespace pt = boost::property_tree;

namespace dipdrg::catalog {
namespace {

template <class Enum>
Enum parse_enum(const pt::ptree& tree, const char* field, Enum fallback,
                std::initializer_list<std::pair<const char*, Enum>> values) {
    auto text = tree.get_optional<std::string>(field);
    if (!text) return fallback;
    for (const auto& [name, value] : values)
        if (*text == name) return value;
    std::string allowed;
    for (const auto& [name, value] : values) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    throw std::runtime_error(std::string("scoring policy: ") + field + " '" + *text + "' is not one of "
                             + allowed);
}

// Parses policy JSON and refuses fields outside `known`, naming the policy kind.
pt::ptree read_policy(const std::string& json_text, const char* kind, const std::set<std::string>& known) {
    pt::ptree tree = parse_json_text(json_text, kind);
    for (const auto& [k, v] : tree)
        if (!known.count(k)) throw std::runtime_error(std::string(kind) + ": unknown field '" + k + "'");
    return tree;
}

}  // namespace

DipScoringPolicy parse_dip_scoring_policy_json(const std::string& json_text) {
    static const std::set<std::string> known
        = {"name",        "description",  "region",          "effective_from",   "effective_to",
           "low_ratio",   "high_ratio",   "extreme_ratio",   "low_inclusive",    "high_inclusive",
           "low_formula", "high_formula", "extreme_formula", "ungrouped_factor", "grassroots_coefficient"};
    const pt::ptree tree = read_policy(json_text, "scoring policy", known);
    DipScoringPolicy p;
    try {
        detail::read_policy_identity(tree, p);
        p.low_ratio = tree.get<double>("low_ratio", p.low_ratio);
        p.high_ratio = tree.get<double>("high_ratio", p.high_ratio);
        p.extreme_ratio = tree.get<double>("extreme_ratio", p.extreme_ratio);
        p.low_inclusive = tree.get<bool>("low_inclusive", p.low_inclusive);
        p.high_inclusive = tree.get<bool>("high_inclusive", p.high_inclusive);
        p.ungrouped_factor = tree.get<double>("ungrouped_factor", p.ungrouped_factor);
        p.grassroots_coefficient = tree.get<bool>("grassroots_coefficient", p.grassroots_coefficient);
    } catch (const pt::ptree_bad_data& e) {
        throw std::runtime_error(std::string("scoring policy: ") + e.what());
    }
    p.low_formula = parse_enum(tree, "low_formula", p.low_formula,
                               {{"score_times_ratio", LowCostFormula::ScoreTimesRatio},
                                {"paid_at_cost", LowCostFormula::PaidAtCost}});
    p.high_formula = parse_enum(tree, "high_formula", p.high_formula,
                                {{"ratio_minus_one", HighCostFormula::RatioMinusOne},
                                 {"ratio_minus_two_plus_k", HighCostFormula::RatioMinusTwoPlusK},
                                 {"special_review", HighCostFormula::SpecialReview}});
    p.extreme_formula = parse_enum(tree, "extreme_formula", p.extreme_formula,
                                   {{"expert_review", ExtremeFormula::ExpertReview},
                                    {"flat_k", ExtremeFormula::FlatK},
                                    {"none", ExtremeFormula::None}});
    if (!(p.low_ratio > 0 && p.low_ratio < p.high_ratio && p.high_ratio <= p.extreme_ratio))
        throw std::runtime_error(
            "scoring policy: ratios must satisfy 0 < low_ratio < high_ratio <= extreme_ratio");
    return p;
}

DrgPaymentPolicy parse_drg_payment_policy_json(const std::string& json_text) {
    static const std::set<std::string> known
        = {"name",      "description", "region",     "effective_from",       "effective_to",      "method",
           "low_ratio", "high_tiers",  "high_alpha", "low_uses_coefficient", "readmission_factor"};
    const pt::ptree tree = read_policy(json_text, "payment policy", known);
    DrgPaymentPolicy p;
    try {
        detail::read_policy_identity(tree, p);
        p.low_ratio = tree.get<double>("low_ratio", p.low_ratio);
        p.high_alpha = tree.get<double>("high_alpha", p.high_alpha);
        p.low_uses_coefficient = tree.get<bool>("low_uses_coefficient", p.low_uses_coefficient);
        p.readmission_factor = tree.get<double>("readmission_factor", p.readmission_factor);
        if (auto tiers = tree.get_child_optional("high_tiers")) {
            p.high_tiers.clear();
            for (const auto& [k, t] : *tiers)
                p.high_tiers.push_back(
                    {t.get<double>("max_base_points", 0), t.get<int>("level", 0), t.get<double>("ratio")});
        }
    } catch (const pt::ptree_error& e) {
        throw std::runtime_error(std::string("payment policy: ") + e.what());
    }
    p.method
        = parse_enum(tree, "method", p.method, {{"points", DrgMethod::Points}, {"rate", DrgMethod::Rate}});
    return p;
}

}  // namespace dipdrg::catalog
