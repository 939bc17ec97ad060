// The grouper: columns of text in, result columns out (index arrays into category lists,
// so the Python side builds categorical/dictionary columns without per-row strings).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>

#include "bindings.hpp"
#include "dipdrg/arrow_input.hpp"
#include "dipdrg/arrow_output.hpp"
#include "dipdrg/batch.hpp"
#include "dipdrg/case_fields.hpp"
#include "dipdrg/result_tables.hpp"

namespace py = pybind11;

namespace dipdrg::bindings {
namespace {

DrgOptions options_from(const DrgCatalog& c, const py::dict& overrides) {
    DrgOptions o = c.options;
    for (auto [key, value] : overrides) {
        auto k = key.cast<std::string>();
        if (k == "ambiguous_group")
            o.ambiguous_group = value.cast<bool>();
        else if (k == "pv1_min_age_days")
            o.pv1_min_age_days = value.cast<int>();
        else if (k == "translate_codes")
            o.translate_codes = value.cast<bool>();
        else if (k == "principal_procedure") {
            auto v = value.cast<std::string>();
            if (v == "first")
                o.principal_procedure = PrincipalProcedure::First;
            else if (v == "first_or")
                o.principal_procedure = PrincipalProcedure::FirstOr;
            else
                throw py::value_error("principal_procedure must be 'first' or 'first_or', not '" + v + "'");
        } else {
            throw py::value_error(
                "unknown grouper option '" + k
                + "' (ambiguous_group, pv1_min_age_days, principal_procedure, translate_codes)");
        }
    }
    return o;
}

class PyGrouper {
public:
    PyGrouper(std::shared_ptr<DrgCatalog> catalog, const py::dict& options)
        : grouper_(catalog, options_from(*catalog, options)) {
        const auto& c = grouper_.catalog();
        for (const auto& m : c.mdcs) mdc_categories_.push_back(m.code);
        mdc_categories_.push_back("0000");
        for (const auto& a : c.adrgs) adrg_categories_.push_back(a.code);
        adrg_categories_.push_back("00");
        adrg_categories_.push_back("QY");
        for (const auto& d : c.drgs) {
            drg_categories_.push_back(d.code);
            drg_names_.push_back(d.name);
        }
        drg_categories_.push_back("0000");
        drg_names_.push_back("");
        for (const auto& m : c.mdcs) {
            drg_categories_.push_back(m.code.substr(3) + "QY");
            drg_names_.push_back(m.name + "歧义组");
        }
    }

    py::dict options() const { return options_dict(grouper_.options()); }

    py::dict group_columns(const py::dict& columns, std::size_t n_rows, unsigned threads, bool explain,
                           const std::string& language) {
        return group_cases(build_cases(columns, n_rows), threads, explain, language);
    }

    // Zero copy both ways: Arrow in, an __arrow_c_stream__ capsule of the results out.
    py::object group_arrow_table(const py::object& capsule, const py::dict& mapping, unsigned threads,
                                 bool explain, const std::string& language) {
        auto cases = build_cases_arrow(capsule, mapping, threads);
        std::optional<ArrowTableBuilder> built;
        {
            py::gil_scoped_release release;
            std::vector<Trace> traces;
            auto results = group_batch(grouper_, cases, threads, explain ? &traces : nullptr);
            const Language lang = language == "en" ? Language::English : Language::Chinese;
            built.emplace(drg_result_table(grouper_, cases, results, explain ? &traces : nullptr, lang));
        }
        return stream_capsule(*built);
    }

    py::dict group_cases(std::vector<Case> cases, unsigned threads, bool explain,
                         const std::string& language) {
        const std::size_t n_rows = cases.size();
        std::vector<GroupResult> results;
        std::vector<Trace> traces;
        {
            py::gil_scoped_release release;
            results = group_batch(grouper_, cases, threads, explain ? &traces : nullptr);
        }
        const auto& c = grouper_.catalog();
        const auto n_mdc = static_cast<std::int32_t>(c.mdcs.size());
        py::array_t<std::int8_t> status(static_cast<py::ssize_t>(n_rows));
        py::array_t<std::int32_t> mdc(static_cast<py::ssize_t>(n_rows)),
            adrg(static_cast<py::ssize_t>(n_rows)), drg(static_cast<py::ssize_t>(n_rows));
        auto s = status.mutable_unchecked<1>();
        auto mi = mdc.mutable_unchecked<1>();
        auto ai = adrg.mutable_unchecked<1>();
        auto di = drg.mutable_unchecked<1>();
        py::list case_id, cc_code, cc_level, message, warnings, trace;
        const auto n_adrg = static_cast<std::int32_t>(c.adrgs.size());
        const auto n_drg = static_cast<std::int32_t>(c.drgs.size());
        Language lang = language == "en" ? Language::English : Language::Chinese;
        for (std::size_t i = 0; i < n_rows; ++i) {
            const auto& r = results[i];
            auto k = static_cast<py::ssize_t>(i);
            s(k) = static_cast<std::int8_t>(r.status);
            mi(k) = r.mdc == kNone ? n_mdc : r.mdc;
            if (r.status == GroupStatus::Ambiguous) {
                ai(k) = n_adrg + 1;
                di(k) = n_drg + 1 + r.mdc;
            } else {
                ai(k) = r.adrg == kNone ? n_adrg : r.adrg;
                di(k) = r.drg == kNone ? n_drg : r.drg;
            }
            case_id.append(py::str(cases[i].case_id));
            cc_code.append(py::str(r.deciding_code));
            cc_level.append(py::str(cc_level_name(r.deciding_level)));
            message.append(py::str(r.check_message));
            warnings.append(py::str(joined_warnings(r)));
            if (explain) trace.append(py::cast(render_trace(traces[i], lang, lang == Language::Chinese)));
        }
        py::dict out;
        out["case_id"] = case_id;
        out["status"] = status;
        out["mdc"] = mdc;
        out["adrg"] = adrg;
        out["drg"] = drg;
        out["cc_code"] = cc_code;
        out["cc_level"] = cc_level;
        out["message"] = message;
        out["warnings"] = warnings;
        if (explain) out["trace"] = trace;
        return out;
    }

    py::dict group_one(const py::dict& fields) {
        auto cases = build_cases(single_row(fields), 1);
        Case& c = cases[0];
        Trace trace;
        GroupResult r;
        {
            py::gil_scoped_release release;
            grouper_.intern(c);
            r = grouper_.group(c, &trace);
        }
        py::dict d;
        d["case_id"] = c.case_id;
        d["status"] = status_code(r.status);
        d["status_zh"] = status_text_zh(r.status);
        d["mdc"] = grouper_.mdc_code(r);
        d["adrg"] = grouper_.adrg_code(r);
        d["drg"] = grouper_.drg_code(r);
        d["drg_name"] = grouper_.drg_name(r);
        d["cc_code"] = r.deciding_code;
        d["cc_level"] = cc_level_name(r.deciding_level);
        d["message"] = r.check_message;
        py::list warnings;
        for (const auto& w : r.warnings) warnings.append(w.message());
        d["warnings"] = warnings;
        d["trace"] = trace_events(trace);
        d["messages_zh"] = render_trace(trace, Language::Chinese, true);
        d["messages_en"] = render_trace(trace, Language::English, false);
        return d;
    }

    const std::vector<std::string>& mdc_categories() const { return mdc_categories_; }
    const std::vector<std::string>& adrg_categories() const { return adrg_categories_; }
    const std::vector<std::string>& drg_categories() const { return drg_categories_; }
    const std::vector<std::string>& drg_names() const { return drg_names_; }

private:
    DrgGrouper grouper_;
    std::vector<std::string> mdc_categories_, adrg_categories_, drg_categories_, drg_names_;
};

}  // namespace

namespace {
std::string_view utf8(PyObject* s) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(s, &size);
    if (!data) throw py::error_already_set();
    return {data, static_cast<std::size_t>(size)};
}

}  // namespace

std::vector<Case> build_cases(const py::dict& columns, std::size_t n_rows) {
    std::vector<Case> cases(n_rows);
    for (auto [key, value] : columns) {
        auto name = key.cast<std::string>();
        auto field = field_from_name(name);
        if (!field) throw py::value_error("unknown input column '" + name + "'");
        if (!py::isinstance<py::list>(value))
            throw py::type_error("column '" + name + "' must be a list of str or None");
        auto list = value.cast<py::list>();
        if (static_cast<std::size_t>(list.size()) != n_rows)
            throw py::value_error("column '" + name + "' has " + std::to_string(list.size())
                                  + " rows, expected " + std::to_string(n_rows));
        for (std::size_t i = 0; i < n_rows; ++i) {
            PyObject* item = PyList_GET_ITEM(list.ptr(), static_cast<Py_ssize_t>(i));
            if (item == Py_None) continue;
            if (!PyUnicode_Check(item))
                throw py::type_error("column '" + name + "' row " + std::to_string(i)
                                     + ": expected str or None");
            set_field(cases[i], *field, utf8(item));
        }
    }
    return cases;
}

py::list trace_events(const Trace& trace) {
    py::list out;
    for (const auto& e : trace) {
        py::dict d;
        d["step"] = e.step();
        d["kind"] = static_cast<int>(e.kind);
        d["rule"] = e.rule;
        d["table"] = e.table();
        d["subject"] = e.subject;
        d["detail"] = e.detail;
        d["number"] = e.number;
        d["codes"] = e.codes;
        d["outcome"] = e.outcome;
        d["reference"] = !e.reference_silent;
        Trace one{e};
        d["text_zh"] = render_trace(one, Language::Chinese, false).at(0);
        d["text_en"] = render_trace(one, Language::English, false).at(0);
        out.append(d);
    }
    return out;
}

std::vector<Case> build_cases_arrow(const py::object& capsule, const py::dict& mapping, unsigned threads) {
    auto* stream = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule.ptr(), "arrow_array_stream"));
    if (!stream) throw py::error_already_set();
    ArrowStreamReader reader(stream);
    const auto& names = reader.column_names();
    auto index_of = [&](const std::string& name) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == name) return static_cast<int>(i);
        return -1;
    };
    std::vector<std::pair<CaseField, int>> chosen;
    auto has = [&](CaseField f) {
        for (const auto& c : chosen)
            if (c.first == f) return true;
        return false;
    };
    std::vector<int> mapped_columns;
    for (auto [k, v] : mapping) {
        auto field = field_from_name(k.cast<std::string>());
        if (!field) throw py::value_error("unknown field '" + k.cast<std::string>() + "' in column mapping");
        int index = index_of(v.cast<std::string>());
        if (index < 0) throw py::value_error("the input has no column '" + v.cast<std::string>() + "'");
        chosen.emplace_back(*field, index);
        mapped_columns.push_back(index);
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto field = field_from_name(names[i]);
        if (!field || has(*field)) continue;
        if (std::find(mapped_columns.begin(), mapped_columns.end(), static_cast<int>(i))
            != mapped_columns.end())
            continue;
        chosen.emplace_back(*field, static_cast<int>(i));
    }
    if (auto missing = missing_required_fields(chosen); !missing.empty())
        throw py::value_error("input lacks required column(s) " + missing
                              + "; map them with columns={'sex': 'your_column', ...}");
    std::vector<Case> cases;
    try {
        py::gil_scoped_release release;
        cases = reader.read_all(chosen, threads);
    } catch (const std::invalid_argument& e) {
        throw py::type_error(e.what());
    }
    return cases;
}

py::object stream_capsule(ArrowTableBuilder& table) {
    auto stream = std::make_unique<ArrowArrayStream>();
    table.export_stream(stream.get());
    // The capsule owns the stream (C ABI): its destructor releases what no consumer took.
    return py::capsule(stream.release(), "arrow_array_stream", [](PyObject* o) {
        auto* s = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(o, "arrow_array_stream"));
        if (!s) return;
        if (s->release) s->release(s);
        std::unique_ptr<ArrowArrayStream> owned(s);
    });
}

py::dict single_row(const py::dict& fields) {
    py::dict columns;
    for (auto [k, v] : fields) {
        py::list one;
        one.append(v.is_none() ? py::object(py::none()) : py::object(py::str(v)));
        columns[k] = one;
    }
    return columns;
}

void register_grouper(py::module_& m) {
    py::class_<PyGrouper>(m, "DrgGrouper")
        .def(py::init<std::shared_ptr<DrgCatalog>, py::dict>(), py::arg("catalog"), py::arg("options"))
        .def_property_readonly("options", &PyGrouper::options)
        .def("group_columns", &PyGrouper::group_columns, py::arg("columns"), py::arg("n_rows"),
             py::arg("threads"), py::arg("explain"), py::arg("language"))
        .def("group_arrow_table", &PyGrouper::group_arrow_table, py::arg("capsule"), py::arg("mapping"),
             py::arg("threads"), py::arg("explain"), py::arg("language"))
        .def("group_one", &PyGrouper::group_one, py::arg("fields"))
        .def_property_readonly("mdc_categories", &PyGrouper::mdc_categories)
        .def_property_readonly("adrg_categories", &PyGrouper::adrg_categories)
        .def_property_readonly("drg_categories", &PyGrouper::drg_categories)
        .def_property_readonly("drg_names", &PyGrouper::drg_names);
    m.attr("STATUS_CODES") = enum_names(GroupStatus::TranslationFailed, status_code);
    m.attr("STATUS_TEXT_ZH") = enum_names(GroupStatus::TranslationFailed, status_text_zh);
    py::list fields;
    for (auto f : all_fields()) fields.append(std::string(field_name(f)));
    m.attr("INPUT_FIELDS") = fields;
    m.def("field_for_column", [](const std::string& name) -> py::object {
        auto f = field_from_name(name);
        return f ? py::object(py::str(std::string(field_name(*f)))) : py::object(py::none());
    });
}

}  // namespace dipdrg::bindings
