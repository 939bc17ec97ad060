// DIP catalogs and grouping: type conversion and GIL release only.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <optional>

#include "bindings.hpp"
#include "dipdrg/batch.hpp"
#include "dipdrg/case_fields.hpp"
#include "dipdrg/catalog/catalog_store.hpp"
#include "dipdrg/catalog/dip_check.hpp"
#include "dipdrg/catalog/dip_import.hpp"
#include "dipdrg/catalog/snapshot.hpp"
#include "dipdrg/result_tables.hpp"

namespace py = pybind11;

namespace dipdrg::bindings {
namespace {

py::object number(double v) {
    return std::isnan(v) ? py::object(py::none()) : py::object(py::float_(v));
}

py::dict policy_dict(const DipPolicy& p) {
    py::dict d;
    d["name"] = p.name;
    d["procedures_anywhere"] = p.procedures_anywhere;
    d["short_code_prefix"] = p.short_code_prefix;
    d["conservative_fallback"] = p.conservative_fallback;
    d["skip_adjunct_principal"] = p.skip_adjunct_principal;
    d["comprehensive_max_attribute"] = p.comprehensive_max_attribute;
    d["interventional_as_surgery"] = p.interventional_as_surgery;
    py::list ties;
    for (auto t : p.tie_breaks) ties.append(tie_break_code(t));
    d["tie_breaks"] = ties;
    d["type_priority"] = p.type_priority;
    return d;
}

py::dict group_dict(const DipCatalog& c, Index g) {
    const auto& grp = c.groups[static_cast<std::size_t>(g)];
    py::dict d;
    d["code"] = grp.code;
    d["name"] = grp.name;
    d["kind"] = dip_kind_code(grp.kind);
    d["kind_zh"] = dip_kind_zh(grp.kind);
    d["score"] = number(grp.score);
    d["avg_cost"] = number(grp.avg_cost[0]);
    d["avg_los"] = number(grp.avg_los[0]);
    d["avg_cost_by_level"]
        = py::make_tuple(number(grp.avg_cost[1]), number(grp.avg_cost[2]), number(grp.avg_cost[3]));
    d["avg_los_by_level"]
        = py::make_tuple(number(grp.avg_los[1]), number(grp.avg_los[2]), number(grp.avg_los[3]));
    d["grassroots"] = grp.grassroots;
    d["source"] = grp.source;
    return d;
}

py::dict table(const DipCatalog& c, const std::string& name) {
    py::dict out;
    if (name == "groups") {
        py::list code, nm, kind, score, cost, cost1, cost2, cost3, los, grass, source;
        for (const auto& g : c.groups) {
            code.append(g.code);
            nm.append(g.name);
            kind.append(dip_kind_code(g.kind));
            score.append(number(g.score));
            cost.append(number(g.avg_cost[0]));
            cost1.append(number(g.avg_cost[1]));
            cost2.append(number(g.avg_cost[2]));
            cost3.append(number(g.avg_cost[3]));
            los.append(number(g.avg_los[0]));
            grass.append(g.grassroots);
            source.append(g.source);
        }
        out["code"] = code;
        out["name"] = nm;
        out["kind"] = kind;
        out["score"] = score;
        out["avg_cost"] = cost;
        out["avg_cost_l1"] = cost1;
        out["avg_cost_l2"] = cost2;
        out["avg_cost_l3"] = cost3;
        out["avg_los"] = los;
        out["grassroots"] = grass;
        out["source"] = source;
    } else if (name == "rules") {
        py::list group, layer, dx, sec, px, rel, source;
        for (const auto& r : c.rules) {
            group.append(c.groups[static_cast<std::size_t>(r.group)].code);
            layer.append(dip_layer_code(r.layer));
            dx.append(dx_specs_text(r.principal_dx));
            sec.append(dx_specs_text(r.secondary_dx));
            px.append(proc_sets_text(r.principal_px));
            rel.append(proc_sets_text(r.related_px));
            source.append(r.source);
        }
        out["group"] = group;
        out["layer"] = layer;
        out["principal_dx"] = dx;
        out["secondary_dx"] = sec;
        out["principal_px"] = px;
        out["related_px"] = rel;
        out["source"] = source;
    } else {
        throw py::value_error("unknown DIP catalog table '" + name + "' (available: groups, rules)");
    }
    return out;
}

py::dict result_dict(const DipGrouper& g, const DipResult& r) {
    py::dict d;
    d["status"] = dip_status_code(r.status);
    d["status_zh"] = dip_status_zh(r.status);
    if (r.group != kNone) {
        const auto& grp = g.catalog().groups[static_cast<std::size_t>(r.group)];
        d["dip_group"] = grp.code;
        d["dip_name"] = grp.name;
        d["dip_kind"] = dip_kind_code(grp.kind);
        d["dip_score"] = number(grp.score);
    } else {
        d["dip_group"] = "";
        d["dip_name"] = "";
        d["dip_kind"] = "";
        d["dip_score"] = py::none();
    }
    d["principal_px"] = r.principal_px;
    d["px_attribute"] = px_attribute_code(r.attribute);
    d["grassroots"] = r.grassroots;
    d["subtype"] = r.subtype;
    d["factor"] = number(r.factor);
    d["message"] = r.message;
    d["warnings"] = r.warnings;
    d["rule_source"]
        = r.rule == kNone ? std::string() : g.catalog().rules[static_cast<std::size_t>(r.rule)].source;
    return d;
}

class PyDipGrouper {
public:
    PyDipGrouper(std::shared_ptr<DipCatalog> catalog, const std::string& policy_json, bool translate,
                 const std::string& translation_dir)
        : grouper_(make(catalog, policy_json, translate, translation_dir)) {}

    static DipGrouper make(std::shared_ptr<DipCatalog> catalog, const std::string& policy_json,
                           bool translate, const std::string& translation_dir) {
        DipPolicy policy
            = policy_json.empty() ? catalog->policy : catalog::parse_dip_policy_json(policy_json);
        if (translation_dir.empty()) return DipGrouper(catalog, policy, translate);
        auto maps = catalog::read_code_translation(translation_dir);
        return DipGrouper(catalog, policy, true, &maps);
    }

    py::dict policy() const { return policy_dict(grouper_.policy()); }

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
            auto results = group_dip_batch(grouper_, cases, threads, explain ? &traces : nullptr);
            const Language lang = language == "en" ? Language::English : Language::Chinese;
            built.emplace(dip_result_table(grouper_, cases, results, explain ? &traces : nullptr, lang));
        }
        return stream_capsule(*built);
    }

    py::dict group_cases(std::vector<Case> cases, unsigned threads, bool explain,
                         const std::string& language) {
        const std::size_t n_rows = cases.size();
        std::vector<DipResult> results;
        std::vector<Trace> traces;
        {
            py::gil_scoped_release release;
            results = group_dip_batch(grouper_, cases, threads, explain ? &traces : nullptr);
        }
        const auto& c = grouper_.catalog();
        const auto n_groups = static_cast<std::int32_t>(c.groups.size());
        py::array_t<std::int8_t> status(static_cast<py::ssize_t>(n_rows));
        py::array_t<std::int32_t> group(static_cast<py::ssize_t>(n_rows));
        py::array_t<double> factor(static_cast<py::ssize_t>(n_rows));
        auto s = status.mutable_unchecked<1>();
        auto gi = group.mutable_unchecked<1>();
        auto fi = factor.mutable_unchecked<1>();
        py::list case_id, principal, attribute, grassroots, subtype, message, warnings, trace;
        std::string joined;
        Language lang = language == "en" ? Language::English : Language::Chinese;
        for (std::size_t i = 0; i < n_rows; ++i) {
            const auto& r = results[i];
            auto k = static_cast<py::ssize_t>(i);
            s(k) = static_cast<std::int8_t>(r.status);
            gi(k) = r.group == kNone ? n_groups : r.group;
            fi(k) = r.factor;
            case_id.append(py::str(cases[i].case_id));
            principal.append(py::str(r.principal_px));
            attribute.append(py::str(px_attribute_code(r.attribute)));
            grassroots.append(py::bool_(r.grassroots));
            subtype.append(py::str(r.subtype));
            message.append(py::str(r.message));
            warnings.append(py::str(join_into(joined, r.warnings, "; ")));
            if (explain) trace.append(py::cast(render_trace(traces[i], lang, false)));
        }
        py::dict out;
        out["case_id"] = case_id;
        out["status"] = status;
        out["group"] = group;
        out["principal_px"] = principal;
        out["px_attribute"] = attribute;
        out["grassroots"] = grassroots;
        out["subtype"] = subtype;
        out["factor"] = factor;
        out["message"] = message;
        out["warnings"] = warnings;
        if (explain) out["trace"] = trace;
        return out;
    }

    py::dict group_one(const py::dict& fields) {
        auto cases = build_cases(single_row(fields), 1);
        Trace trace;
        DipResult r;
        {
            py::gil_scoped_release release;
            r = grouper_.group(cases[0], &trace);
        }
        py::dict d = result_dict(grouper_, r);
        d["case_id"] = cases[0].case_id;
        d["trace"] = trace_events(trace);
        return d;
    }

    py::list recommend(const py::dict& fields) {
        auto cases = build_cases(single_row(fields), 1);
        auto candidates = grouper_.recommend(cases[0]);
        py::list out;
        for (const auto& cand : candidates) {
            py::dict d = group_dict(grouper_.catalog(), cand.group);
            d["layer"] = dip_layer_code(cand.layer);
            d["satisfied"] = cand.satisfied;
            d["requirement"] = cand.requirement;
            out.append(d);
        }
        return out;
    }

    py::list group_codes() const {
        py::list out;
        for (const auto& g : grouper_.catalog().groups) out.append(g.code);
        out.append("");
        return out;
    }
    py::list group_field(const std::string& field) const {
        py::list out;
        for (const auto& g : grouper_.catalog().groups) {
            if (field == "name")
                out.append(g.name);
            else if (field == "kind")
                out.append(dip_kind_code(g.kind));
            else
                out.append(number(g.score));
        }
        out.append(field == "score" ? py::object(py::none()) : py::object(py::str("")));
        return out;
    }

private:
    DipGrouper grouper_;
};

}  // namespace

void register_dip(py::module_& m) {
    py::class_<DipCatalog, std::shared_ptr<DipCatalog>>(m, "DipCatalog")
        .def_property_readonly("manifest", [](const DipCatalog& c) { return manifest_dict(c.manifest); })
        .def_property_readonly("policy", [](const DipCatalog& c) { return policy_dict(c.policy); })
        .def_property_readonly("options", [](const DipCatalog& c) { return policy_dict(c.policy); })
        .def_property_readonly("counts",
                               [](const DipCatalog& c) {
                                   py::dict d;
                                   d["groups"] = c.groups.size();
                                   d["rules"] = c.rules.size();
                                   d["excluded_dx"] = c.excluded_dx.size();
                                   d["excluded_px"] = c.excluded_px.size();
                                   d["comprehensive"] = c.comprehensive.size();
                                   d["grassroots"] = c.grassroots.size();
                                   d["aux"] = c.aux.size();
                                   return d;
                               })
        .def(
            "describe",
            [](const DipCatalog& c, const std::string& code) {
                py::dict d;
                d["code"] = code;
                if (auto g = c.find_group(code); g != kNone) {
                    d = group_dict(c, g);
                    d["kind_of_code"] = "group";
                    py::list rules;
                    for (const auto& r : c.rules)
                        if (r.group == g) {
                            py::dict rd;
                            rd["layer"] = dip_layer_code(r.layer);
                            rd["principal_dx"] = dx_specs_text(r.principal_dx);
                            rd["secondary_dx"] = dx_specs_text(r.secondary_dx);
                            rd["principal_px"] = proc_sets_text(r.principal_px);
                            rd["related_px"] = proc_sets_text(r.related_px);
                            rd["source"] = r.source;
                            rules.append(rd);
                        }
                    d["rules"] = rules;
                    return d;
                }
                d["kind_of_code"] = "code";
                const auto* dx_entry = c.index.dx.by_key.find(code);
                d["excluded_dx"] = dx_entry && dx_entry->excluded;
                const auto* px_entry = c.index.px.find(code);
                const bool known_px = px_entry != nullptr;
                d["excluded_px"] = known_px && px_entry->excluded >= 0;
                d["px_attribute"]
                    = known_px && px_entry->has_attribute ? px_attribute_code(px_entry->attribute) : "";
                py::list groups;
                for (const auto& r : c.rules) {
                    bool hit = false;
                    for (const auto& s : r.principal_dx)
                        hit = hit || (s.kind != DxSpec::Kind::Any && s.matches(code));
                    if (hit) groups.append(c.groups[static_cast<std::size_t>(r.group)].code);
                }
                d["groups"] = groups;
                return d;
            },
            py::arg("code"))
        .def("table", &table, py::arg("name"))
        .def("check", [](const DipCatalog& c) { return diagnostics_list(catalog::check_dip_catalog(c)); })
        .def(
            "save_snapshot",
            [](const DipCatalog& c, const std::string& path) {
                py::gil_scoped_release release;
                catalog::save_snapshot(c, path);
            },
            py::arg("path"));

    m.def(
        "load_dip_catalog",
        [](const std::string& path, const std::string& cache_dir) {
            catalog::LoadedDipCatalog loaded;
            {
                py::gil_scoped_release release;
                loaded = catalog::load_dip_catalog(path, cache_dir);
            }
            return py::make_tuple(std::const_pointer_cast<DipCatalog>(loaded.catalog), loaded.from_snapshot,
                                  loaded.snapshot_path, loaded.notes);
        },
        py::arg("path"), py::arg("cache_dir"));
    m.def(
        "compile_and_check_dip",
        [](const std::string& dir) {
            catalog::CompiledDipCatalog compiled;
            catalog::Diagnostics checks;
            {
                py::gil_scoped_release release;
                compiled = catalog::compile_dip_catalog(dir);
                if (compiled.catalog) checks = catalog::check_dip_catalog(*compiled.catalog);
            }
            auto all = compiled.diagnostics;
            all.insert(all.end(), checks.begin(), checks.end());
            return py::make_tuple(compiled.catalog, diagnostics_list(all));
        },
        py::arg("path"));
    m.def("catalog_scheme", &catalog::catalog_scheme, py::arg("path"));
    m.def(
        "parse_dip_policy",
        [](const std::string& json) { return policy_dict(catalog::parse_dip_policy_json(json)); },
        py::arg("json"));

    py::class_<PyDipGrouper>(m, "DipGrouper")
        .def(py::init<std::shared_ptr<DipCatalog>, std::string, bool, std::string>(), py::arg("catalog"),
             py::arg("policy_json"), py::arg("translate_codes"), py::arg("translation_dir"))
        .def_property_readonly("policy", &PyDipGrouper::policy)
        .def("group_columns", &PyDipGrouper::group_columns, py::arg("columns"), py::arg("n_rows"),
             py::arg("threads"), py::arg("explain"), py::arg("language"))
        .def("group_arrow_table", &PyDipGrouper::group_arrow_table, py::arg("capsule"), py::arg("mapping"),
             py::arg("threads"), py::arg("explain"), py::arg("language"))
        .def("group_one", &PyDipGrouper::group_one, py::arg("fields"))
        .def("recommend", &PyDipGrouper::recommend, py::arg("fields"))
        .def_property_readonly("group_codes", &PyDipGrouper::group_codes)
        .def("group_field", &PyDipGrouper::group_field, py::arg("field"));
    m.attr("DIP_STATUS_CODES") = enum_names(DipStatus::TranslationFailed, dip_status_code);
    m.attr("DIP_STATUS_TEXT_ZH") = enum_names(DipStatus::TranslationFailed, dip_status_zh);
}

}  // namespace dipdrg::bindings
