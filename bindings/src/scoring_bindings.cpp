// Case scoring: type conversion only.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>

#include "bindings.hpp"
#include "dipdrg/calibration.hpp"
#include "dipdrg/catalog/scoring_policy_io.hpp"
#include "dipdrg/dip_case_score.hpp"
#include "dipdrg/drg_case_score.hpp"
#include "dipdrg/settlement.hpp"
#include "dipdrg/special_review.hpp"

namespace py = pybind11;

namespace dipdrg::bindings {

namespace {

Fen fen_of(const std::string& text, const char* what) {
    auto fen = parse_yuan(text);
    if (!fen) throw py::value_error(std::string(what) + " '" + text + "' is not an amount in yuan");
    return *fen;
}

}  // namespace

void register_scoring(py::module_& m) {
    m.def(
        "score_drg_batch",
        [](const std::string& policy_json,
           py::array_t<double, py::array::c_style | py::array::forcecast> base_points,
           py::array_t<double, py::array::c_style | py::array::forcecast> coefficient,
           py::array_t<bool, py::array::c_style | py::array::forcecast> base_group,
           py::array_t<bool, py::array::c_style | py::array::forcecast> bed_day,
           py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> cost_fen,
           py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> group_average_fen,
           py::array_t<double, py::array::c_style | py::array::forcecast> unit_value,
           py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> level,
           py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> los,
           py::array_t<bool, py::array::c_style | py::array::forcecast> incomplete,
           py::array_t<double, py::array::c_style | py::array::forcecast> penalty,
           py::array_t<bool, py::array::c_style | py::array::forcecast> readmitted) {
            auto policy = catalog::parse_drg_payment_policy_json(policy_json);
            const auto n = base_points.size();
            py::array_t<std::int8_t> rule(n);
            py::array_t<double> ratio(n), points(n);
            py::array_t<std::int64_t> amount(n);
            std::vector<std::string> why(static_cast<std::size_t>(n));
            {
                auto bp = base_points.unchecked<1>();
                auto co = coefficient.unchecked<1>();
                auto bg = base_group.unchecked<1>();
                auto bd = bed_day.unchecked<1>();
                auto cf = cost_fen.unchecked<1>();
                auto ga = group_average_fen.unchecked<1>();
                auto uv = unit_value.unchecked<1>();
                auto lv = level.unchecked<1>();
                auto ls = los.unchecked<1>();
                auto ic = incomplete.unchecked<1>();
                auto pe = penalty.unchecked<1>();
                auto rd = readmitted.unchecked<1>();
                auto r = rule.mutable_unchecked<1>();
                auto ra = ratio.mutable_unchecked<1>();
                auto pt = points.mutable_unchecked<1>();
                auto am = amount.mutable_unchecked<1>();
                py::gil_scoped_release release;
                for (py::ssize_t i = 0; i < n; ++i) {
                    DrgCaseInput in;
                    in.base_points = bp(i);
                    in.coefficient = co(i);
                    in.base_group = bg(i);
                    in.bed_day = bd(i);
                    in.cost = cf(i);
                    in.group_average = ga(i);
                    in.unit_value = uv(i);
                    in.hospital_level = lv(i);
                    in.los_days = ls(i);
                    in.incomplete_stay = ic(i);
                    in.penalised = pe(i) >= 0;  // -1: no finding
                    in.penalty_multiple = std::max(0.0, pe(i));
                    in.readmitted_within_15_days = rd(i);
                    DrgCaseScore s = score_drg_case(in, policy);
                    r(i) = static_cast<std::int8_t>(s.rule);
                    ra(i) = s.ratio;
                    pt(i) = s.points;
                    am(i) = s.amount;
                    why[static_cast<std::size_t>(i)] = std::move(s.why);
                }
            }
            py::dict d;
            d["rule"] = rule;
            d["ratio"] = ratio;
            d["points"] = points;
            d["amount_fen"] = amount;
            d["why"] = why;
            return d;
        },
        py::arg("policy_json"), py::arg("base_points"), py::arg("coefficient"), py::arg("base_group"),
        py::arg("bed_day"), py::arg("cost_fen"), py::arg("group_average_fen"), py::arg("unit_value"),
        py::arg("level"), py::arg("los"), py::arg("incomplete"), py::arg("penalty"), py::arg("readmitted"));
    m.def("budget_point_value", &budget_point_value, py::arg("costs"), py::arg("points"), py::arg("weights"));
    m.attr("DRG_CASE_RULES") = enum_names(DrgCaseRule::Penalty, drg_case_rule_code);
    m.def(
        "monthly_advance",
        [](double points, double point_value, const std::string& patient_paid, double ratio,
           const std::string& deductions) {
            return monthly_advance(points, point_value, fen_of(patient_paid, "patient_paid"), ratio,
                                   fen_of(deductions, "deductions"));
        },
        py::arg("points"), py::arg("point_value"), py::arg("patient_paid"), py::arg("advance_ratio"),
        py::arg("deductions"));

    m.def(
        "calibrate",
        [](py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> year,
           py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> group,
           py::array_t<double, py::array::c_style | py::array::forcecast> cost,
           py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> level, std::size_t n_groups,
           std::size_t n_years, const std::vector<double>& year_weights, double trim_low, double trim_high,
           const std::string& method, double scale, int reference_group, double fixed_unit,
           int case_threshold, double coverage, int score_decimals) {
            CalibrationPolicy p;
            p.year_weights = year_weights;
            p.trim_low = trim_low;
            p.trim_high = trim_high;
            if (method == "average")
                p.method = ScoreMethod::AverageCost;
            else if (method == "reference")
                p.method = ScoreMethod::ReferenceGroup;
            else if (method == "fixed")
                p.method = ScoreMethod::FixedUnit;
            else
                throw py::value_error("method must be average, reference or fixed");
            p.scale = scale;
            p.reference_group = reference_group;
            p.fixed_unit = fixed_unit;
            p.case_threshold = case_threshold;
            p.coverage = coverage;
            p.score_decimals = score_decimals;
            const auto n = static_cast<std::size_t>(year.size());
            std::vector<HistoryCase> cases(n);
            auto y = year.unchecked<1>();
            auto g = group.unchecked<1>();
            auto c = cost.unchecked<1>();
            auto l = level.unchecked<1>();
            for (std::size_t i = 0; i < n; ++i) {
                auto k = static_cast<py::ssize_t>(i);
                cases[i] = {y(k), g(k), c(k), l(k)};
            }
            CalibrationResult r;
            {
                py::gil_scoped_release release;
                r = calibrate(cases, n_groups, n_years, p);
            }
            py::list cases_n, kept, mean, cv, score, core, grass, l1, l2, l3, note;
            for (const auto& gc : r.groups) {
                cases_n.append(gc.cases);
                kept.append(gc.kept);
                mean.append(gc.mean);
                cv.append(gc.cv);
                score.append(gc.score);
                core.append(gc.core);
                grass.append(gc.grassroots_candidate);
                l1.append(gc.level_means[0]);
                l2.append(gc.level_means[1]);
                l3.append(gc.level_means[2]);
                note.append(gc.note);
            }
            py::dict d;
            d["overall_mean"] = r.overall_mean;
            d["threshold"] = r.threshold;
            d["level_coefficients"] = r.level_coefficients;
            d["cases"] = cases_n;
            d["kept"] = kept;
            d["mean"] = mean;
            d["cv"] = cv;
            d["score"] = score;
            d["core"] = core;
            d["grassroots_candidate"] = grass;
            d["mean_l1"] = l1;
            d["mean_l2"] = l2;
            d["mean_l3"] = l3;
            d["note"] = note;
            return d;
        },
        py::arg("year"), py::arg("group"), py::arg("cost"), py::arg("level"), py::arg("n_groups"),
        py::arg("n_years"), py::arg("year_weights"), py::arg("trim_low"), py::arg("trim_high"),
        py::arg("method"), py::arg("scale"), py::arg("reference_group"), py::arg("fixed_unit"),
        py::arg("case_threshold"), py::arg("coverage"), py::arg("score_decimals"));

    m.def(
        "score_dip_batch",
        [](const std::string& policy_json,
           py::array_t<double, py::array::c_style | py::array::forcecast> group_score,
           py::array_t<double, py::array::c_style | py::array::forcecast> coefficient,
           py::array_t<double, py::array::c_style | py::array::forcecast> aux_factor,
           py::array_t<bool, py::array::c_style | py::array::forcecast> grassroots,
           py::array_t<bool, py::array::c_style | py::array::forcecast> ungrouped,
           py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> cost_fen,
           py::array_t<double, py::array::c_style | py::array::forcecast> point_value,
           py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> standard_fen) {
            auto policy = catalog::parse_dip_scoring_policy_json(policy_json);
            const auto n = group_score.size();
            for (auto a : {coefficient.size(), aux_factor.size(), grassroots.size(), ungrouped.size(),
                           cost_fen.size(), point_value.size(), standard_fen.size()})
                if (a != n) throw py::value_error("score_dip_batch: arrays of different lengths");
            py::array_t<std::int8_t> rule(n);
            py::array_t<double> ratio(n), points(n);
            py::array_t<std::int64_t> amount(n);
            py::array_t<bool> review(n);
            std::vector<std::string> why(static_cast<std::size_t>(n));
            {
                auto gs = group_score.unchecked<1>();
                auto co = coefficient.unchecked<1>();
                auto ax = aux_factor.unchecked<1>();
                auto gr = grassroots.unchecked<1>();
                auto ug = ungrouped.unchecked<1>();
                auto cf = cost_fen.unchecked<1>();
                auto pv = point_value.unchecked<1>();
                auto sf = standard_fen.unchecked<1>();
                auto r = rule.mutable_unchecked<1>();
                auto ra = ratio.mutable_unchecked<1>();
                auto pt = points.mutable_unchecked<1>();
                auto am = amount.mutable_unchecked<1>();
                auto rv = review.mutable_unchecked<1>();
                py::gil_scoped_release release;
                for (py::ssize_t i = 0; i < n; ++i) {
                    DipCaseInput in;
                    in.group_score = gs(i);
                    in.hospital_coefficient = co(i);
                    in.aux_factor = ax(i);
                    in.grassroots = gr(i);
                    in.ungrouped = ug(i);
                    in.cost = cf(i);
                    in.point_value = pv(i);
                    in.standard = sf(i);
                    DipCaseScore s = score_dip_case(in, policy);
                    r(i) = static_cast<std::int8_t>(s.rule);
                    ra(i) = s.ratio;
                    pt(i) = s.points;
                    am(i) = s.amount;
                    rv(i) = s.review;
                    why[static_cast<std::size_t>(i)] = std::move(s.why);
                }
            }
            py::dict d;
            d["rule"] = rule;
            d["ratio"] = ratio;
            d["points"] = points;
            d["amount_fen"] = amount;
            d["review"] = review;
            d["why"] = why;
            return d;
        },
        py::arg("policy_json"), py::arg("group_score"), py::arg("coefficient"), py::arg("aux_factor"),
        py::arg("grassroots"), py::arg("ungrouped"), py::arg("cost_fen"), py::arg("point_value"),
        py::arg("standard_fen"));
    m.attr("DIP_CASE_RULES") = enum_names(DipCaseRule::AtCost, dip_case_rule_code);
    m.def("parse_yuan_list", [](const std::vector<std::optional<std::string>>& values) {
        py::array_t<std::int64_t> fen(static_cast<py::ssize_t>(values.size()));
        py::array_t<bool> ok(static_cast<py::ssize_t>(values.size()));
        auto f = fen.mutable_unchecked<1>();
        auto k = ok.mutable_unchecked<1>();
        for (std::size_t i = 0; i < values.size(); ++i) {
            auto v = values[i] ? parse_yuan(*values[i]) : std::nullopt;
            f(static_cast<py::ssize_t>(i)) = v.value_or(0);
            k(static_cast<py::ssize_t>(i)) = v.has_value();
        }
        return py::make_tuple(fen, ok);
    });
    m.def(
        "select_review_candidates",
        [](py::array_t<double, py::array::c_style | py::array::forcecast> cost_ratio,
           py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> los_days,
           py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> icu_days,
           py::array_t<bool, py::array::c_style | py::array::forcecast> died,
           py::array_t<bool, py::array::c_style | py::array::forcecast> new_technology,
           std::size_t pool_discharges, double cap_rate, double ratio_threshold, int long_stay_days,
           int icu_threshold) {
            ReviewPolicy p;
            p.cap_rate = cap_rate;
            p.cost_ratio = ratio_threshold;
            p.long_stay_days = long_stay_days;
            p.icu_days = icu_threshold;
            const auto n = static_cast<std::size_t>(cost_ratio.size());
            std::vector<ReviewCase> cases(n);
            auto cr = cost_ratio.unchecked<1>();
            auto ls = los_days.unchecked<1>();
            auto ic = icu_days.unchecked<1>();
            auto dd = died.unchecked<1>();
            auto nt = new_technology.unchecked<1>();
            for (std::size_t i = 0; i < n; ++i) {
                auto k = static_cast<py::ssize_t>(i);
                cases[i] = {i, cr(k), ls(k), 0, ic(k), dd(k), nt(k)};
            }
            auto out = select_review_candidates(cases, p, pool_discharges);
            py::list rows, reasons;
            std::string joined;
            for (const auto& c : out) {
                rows.append(c.row);
                reasons.append(py::str(join_into(joined, c.reasons, "; ")));
            }
            return py::make_tuple(rows, reasons);
        },
        py::arg("cost_ratio"), py::arg("los_days"), py::arg("icu_days"), py::arg("died"),
        py::arg("new_technology"), py::arg("pool_discharges"), py::arg("cap_rate"),
        py::arg("ratio_threshold"), py::arg("long_stay_days"), py::arg("icu_threshold"));

    m.def(
        "score_drg_case",
        [](const std::string& method, double low_ratio,
           const std::vector<std::tuple<double, int, double>>& tiers, double high_alpha,
           bool low_uses_coefficient, double readmission_factor, double base_points, double coefficient,
           bool base_group, const std::string& cost, const std::string& group_average, double unit_value,
           int hospital_level, bool incomplete_stay, bool bed_day, int los_days, bool readmitted) {
            DrgPaymentPolicy p;
            if (method == "points")
                p.method = DrgMethod::Points;
            else if (method == "rate")
                p.method = DrgMethod::Rate;
            else
                throw py::value_error("method must be 'points' or 'rate'");
            p.low_ratio = low_ratio;
            p.high_tiers.clear();
            for (const auto& [max_b, level, ratio] : tiers) p.high_tiers.push_back({max_b, level, ratio});
            p.high_alpha = high_alpha;
            p.low_uses_coefficient = low_uses_coefficient;
            p.readmission_factor = readmission_factor;
            DrgCaseInput in;
            in.base_points = base_points;
            in.coefficient = coefficient;
            in.base_group = base_group;
            in.cost = fen_of(cost, "cost");
            in.group_average = group_average.empty() ? 0 : fen_of(group_average, "group_average");
            in.unit_value = unit_value;
            in.hospital_level = hospital_level;
            in.incomplete_stay = incomplete_stay;
            in.bed_day = bed_day;
            in.los_days = los_days;
            in.readmitted_within_15_days = readmitted;
            DrgCaseScore s = score_drg_case(in, p);
            py::dict d;
            d["rule"] = drg_case_rule_code(s.rule);
            d["ratio"] = s.ratio;
            d["high_threshold"] = s.high_threshold;
            d["points"] = s.points;
            d["amount"] = format_yuan(s.amount);
            d["amount_fen"] = s.amount;
            d["why"] = s.why;
            return d;
        },
        py::arg("method"), py::arg("low_ratio"), py::arg("tiers"), py::arg("high_alpha"),
        py::arg("low_uses_coefficient"), py::arg("readmission_factor"), py::arg("base_points"),
        py::arg("coefficient"), py::arg("base_group"), py::arg("cost"), py::arg("group_average"),
        py::arg("unit_value"), py::arg("hospital_level"), py::arg("incomplete_stay"), py::arg("bed_day"),
        py::arg("los_days"), py::arg("readmitted"));

    m.def(
        "settle_pool",
        [](const std::string& basis, double fund_payment_ratio, const std::string& budget,
           const std::vector<std::string>& hospital, const std::vector<double>& points,
           const std::vector<std::string>& patient_paid, const std::vector<double>& assessment,
           const std::vector<std::string>& deductions, const std::vector<std::string>& advances,
           const std::vector<double>& base_points, const std::vector<std::string>& item_fund,
           double fixed_point_value, const std::vector<std::pair<double, double>>& surplus_bands,
           const std::vector<std::pair<double, double>>& overspend_bands) {
            SettlementPolicy p;
            if (basis == "fund_over_ratio")
                p.basis = PointValueBasis::FundOverRatio;
            else if (basis == "fund_plus_patient")
                p.basis = PointValueBasis::FundPlusPatient;
            else if (basis == "fund_only")
                p.basis = PointValueBasis::FundOnly;
            else
                throw py::value_error("basis must be fund_over_ratio, fund_plus_patient or fund_only");
            p.fund_payment_ratio = fund_payment_ratio;
            p.elastic = fixed_point_value > 0;
            p.fixed_point_value = fixed_point_value;
            for (const auto& [up_to, share] : surplus_bands) p.surplus_bands.push_back({up_to, share});
            for (const auto& [up_to, share] : overspend_bands) p.overspend_bands.push_back({up_to, share});
            std::vector<HospitalInput> rows(hospital.size());
            for (std::size_t i = 0; i < rows.size(); ++i) {
                rows[i].hospital = hospital[i];
                rows[i].points = points.at(i);
                rows[i].patient_paid = fen_of(patient_paid.at(i), "patient_paid");
                rows[i].assessment = assessment.at(i);
                rows[i].deductions = fen_of(deductions.at(i), "deductions");
                rows[i].advances = fen_of(advances.at(i), "advances");
                rows[i].base_points = base_points.at(i);
                rows[i].item_fund = item_fund.at(i).empty() ? -1 : fen_of(item_fund.at(i), "item_fund");
            }
            PoolSettlement s;
            const Fen budget_fen = fen_of(budget, "budget");
            {
                py::gil_scoped_release release;
                s = settle_pool(p, budget_fen, rows);
            }
            // Money crosses as integer fen only; Python formats yuan for display.
            std::vector<Fen> entitlement, payment, balance;
            py::list corridor;
            for (const auto& h : s.hospitals) {
                entitlement.push_back(h.entitlement);
                payment.push_back(h.payment);
                balance.push_back(h.balance);
                corridor.append(h.corridor);
            }
            py::dict d;
            d["point_value"] = s.point_value;
            d["total_entitlement_fen"] = s.total_entitlement;
            d["entitlement_fen"] = entitlement;
            d["payment_fen"] = payment;
            d["balance_fen"] = balance;
            d["corridor"] = corridor;
            return d;
        },
        py::arg("basis"), py::arg("fund_payment_ratio"), py::arg("budget"), py::arg("hospital"),
        py::arg("points"), py::arg("patient_paid"), py::arg("assessment"), py::arg("deductions"),
        py::arg("advances"), py::arg("base_points"), py::arg("item_fund"), py::arg("fixed_point_value"),
        py::arg("surplus_bands"), py::arg("overspend_bands"));

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
