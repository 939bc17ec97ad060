// Case scoring: type conversion only.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "dipdrg/catalog/scoring_policy_io.hpp"
#include "dipdrg/dip_case_score.hpp"

namespace py = pybind11;

namespace dipdrg::bindings {

void register_scoring(py::module_& m) {
    m.def(
        "score_dip_case",
        [](const std::string& policy_json, double group_score, double hospital_coefficient, double aux_factor,
           bool grassroots, bool ungrouped, const std::string& cost, double point_value,
           const std::string& standard) {
            auto policy = catalog::parse_dip_scoring_policy_json(policy_json);
            DipCaseInput in;
            in.group_score = group_score;
            in.hospital_coefficient = hospital_coefficient;
            in.aux_factor = aux_factor;
            in.grassroots = grassroots;
            in.ungrouped = ungrouped;
            in.point_value = point_value;
            auto cost_fen = parse_yuan(cost);
            if (!cost_fen) throw py::value_error("cost '" + cost + "' is not an amount in yuan");
            in.cost = *cost_fen;
            if (!standard.empty()) {
                auto standard_fen = parse_yuan(standard);
                if (!standard_fen)
                    throw py::value_error("standard '" + standard + "' is not an amount in yuan");
                in.standard = *standard_fen;
            }
            DipCaseScore s = score_dip_case(in, policy);
            py::dict d;
            d["rule"] = dip_case_rule_code(s.rule);
            d["ratio"] = s.ratio;
            d["points"] = s.points;
            d["amount"] = format_yuan(s.amount);
            d["amount_fen"] = s.amount;
            d["review"] = s.review;
            d["why"] = s.why;
            d["policy"] = policy.name;
            return d;
        },
        py::arg("policy_json"), py::arg("group_score"), py::arg("hospital_coefficient"),
        py::arg("aux_factor"), py::arg("grassroots"), py::arg("ungrouped"), py::arg("cost"),
        py::arg("point_value"), py::arg("standard"));
}

}  // namespace dipdrg::bindings
