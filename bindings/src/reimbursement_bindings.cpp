// Reimbursement: type conversion and GIL release only.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <iterator>
#include <memory>

#include "bindings.hpp"
#include "dipdrg/arrow_input.hpp"
#include "dipdrg/catalog/reimbursement_policy_io.hpp"
#include "dipdrg/reimbursement/reimburse.hpp"
#include "dipdrg/reimbursement/settlement_fields.hpp"

namespace py = pybind11;

namespace dipdrg::bindings {
namespace {

using Column = std::vector<std::optional<std::string>>;

py::array_t<std::int64_t> int_array(const std::vector<std::int64_t>& v) {
    py::array_t<std::int64_t> a(static_cast<py::ssize_t>(v.size()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}

// Settles each row (a bad cell gives BAD_INPUT naming it), without the GIL.
std::vector<ReimbursementResult> settle_rows(const ReimbursementPolicy& policy,
                                             std::vector<SettlementRow>& rows,
                                             const std::vector<std::string>& problems, bool with_trace) {
    std::vector<ReimbursementResult> out(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        SettlementCase c = rows[i].finish();
        if (!problems[i].empty()) {
            out[i].status = ReimbursementStatus::BadInput;
            out[i].message = problems[i];
            out[i].settled_as = c.mode;
        } else {
            out[i] = reimburse(policy, c, with_trace);
        }
    }
    return out;
}

py::dict results_dict(const ReimbursementPolicy& policy, const std::vector<ReimbursementResult>& results,
                      bool with_trace) {
    const std::size_t n = results.size(), layers = policy.layers.size();
    std::vector<std::string> status(n), message(n), settled(n), ratios(n), trace(with_trace ? n : 0);
    std::vector<std::int64_t> total(n), eligible(n), deductible(n), fund(n), patient(n), hospital(n),
        hospital_fund(n), balance(n);
    std::vector<std::vector<std::int64_t>> layer_paid(layers, std::vector<std::int64_t>(n, 0));
    for (std::size_t i = 0; i < n; ++i) {
        const ReimbursementResult& r = results[i];
        status[i] = reimbursement_status_name(r.status);
        message[i] = r.message;
        settled[i] = settlement_mode_name(r.settled_as);
        join_into(ratios[i], r.segment_ratios, "|", [](Bp b) { return format_ratio(b); });
        total[i] = r.total_cost;
        eligible[i] = r.eligible;
        deductible[i] = r.deductible;
        fund[i] = r.fund;
        patient[i] = r.patient;
        hospital[i] = r.hospital_payment;
        hospital_fund[i] = r.hospital_fund_payment;
        balance[i] = r.hospital_balance;
        for (std::size_t k = 0; k < r.layers.size() && k < layers; ++k) layer_paid[k][i] = r.layers[k].paid;
        if (with_trace)
            join_into(trace[i], r.trace, "\n", [](const RuleTrace& t) { return t.rule + ": " + t.detail; });
    }
    py::dict out;
    out["status"] = status;
    out["message"] = message;
    out["settled_as"] = settled;
    out["ratios"] = ratios;
    out["total_cost_fen"] = int_array(total);
    out["eligible_fen"] = int_array(eligible);
    out["deductible_fen"] = int_array(deductible);
    out["fund_fen"] = int_array(fund);
    for (std::size_t k = 0; k < layers; ++k)
        out[py::str("layer_" + policy.layers[k].name + "_fen")] = int_array(layer_paid[k]);
    out["patient_fen"] = int_array(patient);
    out["hospital_payment_fen"] = int_array(hospital);
    out["hospital_fund_payment_fen"] = int_array(hospital_fund);
    out["hospital_balance_fen"] = int_array(balance);
    if (with_trace) out["trace"] = trace;
    return out;
}

py::dict reimburse_columns(const ReimbursementPolicy& policy, const std::map<std::string, Column>& columns,
                           bool with_trace) {
    std::size_t n = 0;
    std::vector<std::pair<const SettlementRow::Field*, const Column*>> fields;
    for (const auto& [name, col] : columns) {
        const SettlementRow::Field* field = SettlementRow::field(name);
        if (!field) throw py::value_error("unknown reimbursement column '" + name + "'");
        if (n && col.size() != n) throw py::value_error("column '" + name + "' has a different length");
        n = col.size();
        fields.emplace_back(field, &col);
    }
    std::vector<ReimbursementResult> results;
    {
        py::gil_scoped_release release;
        std::vector<SettlementRow> rows(n);
        std::vector<std::string> problems(n);
        for (const auto& [field, col] : fields)
            for (std::size_t i = 0; i < n; ++i)
                if (const auto& cell = (*col)[i])
                    if (auto m = rows[i].set(*field, *cell); !m.empty() && problems[i].empty())
                        problems[i] = m;
        results = settle_rows(policy, rows, problems, with_trace);
    }
    return results_dict(policy, results, with_trace);
}

// Zero copy: the columns of an __arrow_c_stream__ read in place. `mapping` is {field: column};
// other columns named like a field feed it; the rest are ignored.
py::dict reimburse_arrow(const ReimbursementPolicy& policy, const py::object& capsule,
                         const py::dict& mapping, bool with_trace) {
    auto* stream = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule.ptr(), "arrow_array_stream"));
    if (!stream) throw py::error_already_set();
    ArrowStreamReader reader(stream);
    const auto& names = reader.column_names();
    std::map<std::string, std::string> field_of_column;
    for (auto [k, v] : mapping) field_of_column[v.cast<std::string>()] = k.cast<std::string>();
    std::vector<int> indices;
    std::vector<const SettlementRow::Field*> fields;
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto it = field_of_column.find(names[i]);
        const std::string field_name = it != field_of_column.end() ? it->second : names[i];
        const SettlementRow::Field* field = SettlementRow::field(field_name);
        if (!field) {
            if (it != field_of_column.end())
                throw py::value_error("unknown reimbursement field '" + field_name + "'");
            continue;
        }
        indices.push_back(static_cast<int>(i));
        fields.push_back(field);
    }
    std::vector<ReimbursementResult> results;
    {
        py::gil_scoped_release release;
        reader.for_each_batch([&](const ArrowSchema& schema, const ArrowArray& batch) {
            std::vector<SettlementRow> rows(static_cast<std::size_t>(batch.length));
            std::vector<std::string> problems(rows.size());
            for_each_text_cell(
                schema, batch, indices, [&](std::size_t row, std::size_t k, std::string_view text) {
                    if (auto m = rows[row].set(*fields[k], text); !m.empty() && problems[row].empty())
                        problems[row] = m;
                });
            auto part = settle_rows(policy, rows, problems, with_trace);
            std::move(part.begin(), part.end(), std::back_inserter(results));
        });
    }
    return results_dict(policy, results, with_trace);
}

}  // namespace

void register_reimbursement(py::module_& m) {
    py::class_<ReimbursementPolicy, std::shared_ptr<ReimbursementPolicy>>(m, "ReimbursementPolicy")
        .def_static(
            "load",
            [](const std::string& path, const std::map<std::string, std::string>& sections) {
                try {
                    return std::make_shared<ReimbursementPolicy>(
                        catalog::load_reimbursement_policy(path, sections));
                } catch (const std::runtime_error& e) {
                    throw py::value_error(e.what());
                }
            },
            py::arg("path"), py::arg("sections") = std::map<std::string, std::string>{})
        .def_readonly("name", &ReimbursementPolicy::name)
        .def_readonly("description", &ReimbursementPolicy::description)
        .def_readonly("region", &ReimbursementPolicy::region)
        .def_readonly("effective_from", &ReimbursementPolicy::effective_from)
        .def_readonly("effective_to", &ReimbursementPolicy::effective_to)
        .def_property_readonly("layer_names",
                               [](const ReimbursementPolicy& p) {
                                   std::vector<std::string> names;
                                   for (const auto& l : p.layers) names.push_back(l.name);
                                   return names;
                               })
        .def_property_readonly("sections", [](const ReimbursementPolicy& p) {
            std::vector<std::string> s;
            if (p.key_specialty) s.push_back("key_specialty");
            if (p.tcm_hospital_level) s.push_back("tcm_hospital_level");
            if (p.tcm_therapy) s.push_back("tcm_therapy");
            if (p.referral) s.push_back("referral");
            if (p.day_ward) s.push_back("day_ward");
            if (p.per_disease) s.push_back("per_disease");
            if (p.tcm_dip_score) s.push_back("tcm_dip_score");
            if (p.bed_day) s.push_back("bed_day");
            return s;
        });
    m.def("reimburse_columns", &reimburse_columns, py::arg("policy"), py::arg("columns"),
          py::arg("trace") = false);
    m.def("reimburse_arrow", &reimburse_arrow, py::arg("policy"), py::arg("capsule"), py::arg("mapping"),
          py::arg("trace") = false);
    m.def("settlement_field_names", &settlement_field_names);
    m.def("bed_day_counters",
          [](const std::vector<std::string>& person, const std::vector<std::string>& scope,
             const std::vector<std::string>& admission, const std::vector<std::string>& discharge,
             int link_gap_days, bool reset_by_year) {
              if (scope.size() != person.size() || admission.size() != person.size()
                  || discharge.size() != person.size())
                  throw py::value_error("bed_day_counters: columns differ in length");
              std::vector<BedDayStay> stays;
              for (std::size_t i = 0; i < person.size(); ++i)
                  stays.push_back({person[i], scope[i], admission[i], discharge[i]});
              std::vector<BedDayCounter> k;
              {
                  py::gil_scoped_release release;
                  k = bed_day_counters(stays, link_gap_days, reset_by_year);
              }
              std::vector<std::int64_t> los, before, next;
              std::vector<bool> valid;
              for (const auto& x : k) {
                  los.push_back(x.los);
                  before.push_back(x.days_before);
                  next.push_back(x.days_in_next_year);
                  valid.push_back(x.valid);
              }
              py::dict out;
              out["los"] = int_array(los);
              out["days_before"] = int_array(before);
              out["days_in_next_year"] = int_array(next);
              out["valid"] = valid;
              return out;
          });
    m.def("tcm_dip_score", [](const ReimbursementPolicy& p, double own, std::optional<double> western,
                              const std::string& tcm_op_cost, const std::vector<std::string>& procedures,
                              double scale) {
        if (!p.tcm_dip_score) throw py::value_error("policy " + p.name + " has no tcm_dip_score section");
        auto cost = parse_yuan(tcm_op_cost.empty() ? "0" : tcm_op_cost);
        if (!cost) throw py::value_error("tcm_operation_cost '" + tcm_op_cost + "' is not an amount in yuan");
        std::vector<RuleTrace> trace;
        const double score = tcm_dip_score(*p.tcm_dip_score, own, western, *cost, procedures, scale, &trace);
        std::vector<std::string> lines;
        for (const auto& t : trace) lines.push_back(t.rule + ": " + t.detail);
        return py::make_tuple(score, lines);
    });
}

}  // namespace dipdrg::bindings
