// Catalog loading, checking, description and tables.
#include <pybind11/stl.h>

#include <sstream>

#include "bindings.hpp"
#include "dipdrg/catalog/catalog_check.hpp"
#include "dipdrg/catalog/catalog_store.hpp"
#include "dipdrg/catalog/sha256.hpp"
#include "dipdrg/catalog/snapshot.hpp"

namespace py = pybind11;

namespace dipdrg::bindings {
namespace {

using catalog::Diagnostic;

std::string level_name(CcLevel l) {
    return l == CcLevel::Mcc ? "MCC" : l == CcLevel::Cc ? "CC" : "";
}

// What the catalog knows of a code: a diagnosis, a procedure, or an MDC/ADRG/DRG.
py::dict describe(const DrgCatalog& c, const std::string& code) {
    py::dict d;
    d["code"] = code;
    if (auto m = c.find_mdc(code); m != kNone) {
        const auto& mdc = c.mdcs[static_cast<std::size_t>(m)];
        d["kind"] = "mdc";
        d["name"] = mdc.name;
        d["entry_rule"] = mdc.entry_rule;
        py::list adrgs;
        for (Index a : mdc.adrgs) adrgs.append(c.adrgs[static_cast<std::size_t>(a)].code);
        d["adrgs"] = adrgs;
        return d;
    }
    if (auto a = c.find_adrg(code); a != kNone) {
        const auto& adrg = c.adrgs[static_cast<std::size_t>(a)];
        d["kind"] = "adrg";
        d["name"] = adrg.name;
        d["mdc"] = c.mdcs[static_cast<std::size_t>(adrg.mdc)].code;
        d["section"] = adrg.surgical ? "procedure" : "medical";
        d["rule_kind"] = adrg.rule_kind;
        d["rule_label"] = adrg.rule_label;
        if (!adrg.combo_rule.empty()) d["combo_rule"] = adrg.combo_rule;
        py::list drgs;
        for (Index x : adrg.drgs) drgs.append(c.drgs[static_cast<std::size_t>(x)].code);
        d["drgs"] = drgs;
        return d;
    }
    if (auto x = c.find_drg(code); x != kNone) {
        const auto& drg = c.drgs[static_cast<std::size_t>(x)];
        const auto& adrg = c.adrgs[static_cast<std::size_t>(drg.adrg)];
        d["kind"] = "drg";
        d["name"] = drg.name;
        d["adrg"] = adrg.code;
        d["mdc"] = c.mdcs[static_cast<std::size_t>(adrg.mdc)].code;
        d["split_rule"] = drg.split == SplitRule::Mcc       ? "secondary_dx_has_mcc"
                          : drg.split == SplitRule::MccOrCc ? "secondary_dx_has_mcc_or_cc"
                                                            : "otherwise";
        return d;
    }
    bool found = false;
    if (auto id = c.dx_codes.find(code); id != kUnknownCode) {
        found = true;
        const auto& info = c.dx[id];
        py::dict dx;
        dx["name"] = info.named ? py::object(py::str(c.dx_names[id])) : py::object(py::none());
        py::list mdcs;
        for (std::size_t m = 0; m < c.mdcs.size(); ++m)
            if ((info.mdc_mask >> m) & 1u) mdcs.append(c.mdcs[m].code);
        dx["mdcs"] = mdcs;
        py::list adrgs;
        for (auto i = info.adrg_begin; i < info.adrg_end; ++i)
            adrgs.append(c.adrgs[static_cast<std::size_t>(c.dx_adrgs[i])].code);
        dx["adrgs"] = adrgs;
        dx["cc_level"] = level_name(info.cc_level);
        dx["cc_exclusion_table"]
            = info.cc_level == CcLevel::None ? py::object(py::none()) : py::object(py::int_(info.cc_table));
        dx["principal_exclusion_table"]
            = info.principal_table < 0 ? py::object(py::none()) : py::object(py::int_(info.principal_table));
        dx["trauma_region"]
            = info.trauma_region < 0
                  ? py::object(py::none())
                  : py::object(py::str(c.trauma_regions[static_cast<std::size_t>(info.trauma_region)]));
        d["diagnosis"] = dx;
    }
    if (auto id = c.px_codes.find(code); id != kUnknownCode) {
        found = true;
        const auto& info = c.px[id];
        py::dict px;
        px["name"] = info.named ? py::object(py::str(c.px_names[id])) : py::object(py::none());
        px["is_or"] = info.is_or;
        py::list refs;
        for (auto i = info.ref_begin; i < info.ref_end; ++i) {
            const auto& ref = c.px_refs[i];
            refs.append(py::make_tuple(c.adrgs[static_cast<std::size_t>(ref.adrg)].code, int(ref.list),
                                       int(ref.combo_group)));
        }
        px["adrgs"] = refs;
        d["procedure"] = px;
    }
    d["kind"] = found ? "code" : "unknown";
    return d;
}

// Catalog tables as column dicts (the Python layer makes DataFrames of them).
py::dict table(const DrgCatalog& c, const std::string& name) {
    py::dict out;
    if (name == "mdc") {
        py::list code, nm, rule, n_adrg;
        for (const auto& m : c.mdcs) {
            code.append(m.code);
            nm.append(m.name);
            rule.append(m.entry_rule);
            n_adrg.append(m.adrgs.size());
        }
        out["mdc"] = code;
        out["name_zh"] = nm;
        out["entry_rule"] = rule;
        out["n_adrg"] = n_adrg;
    } else if (name == "adrg") {
        py::list code, mdc, nm, section, rule, label, drgs;
        std::string joined;
        for (const auto& a : c.adrgs) {
            code.append(a.code);
            mdc.append(c.mdcs[static_cast<std::size_t>(a.mdc)].code);
            nm.append(a.name);
            section.append(a.surgical ? "procedure" : "medical");
            rule.append(a.rule_kind);
            label.append(a.rule_label);
            drgs.append(py::str(join_into(joined, a.drgs, "|", [&](Index d) -> const std::string& {
                return c.drgs[static_cast<std::size_t>(d)].code;
            })));
        }
        out["adrg"] = code;
        out["mdc"] = mdc;
        out["name_zh"] = nm;
        out["section"] = section;
        out["rule_kind"] = rule;
        out["rule_label_zh"] = label;
        out["drgs"] = drgs;
    } else if (name == "drg") {
        py::list code, nm, adrg, mdc, split;
        for (const auto& d : c.drgs) {
            const auto& a = c.adrgs[static_cast<std::size_t>(d.adrg)];
            code.append(d.code);
            nm.append(d.name);
            adrg.append(a.code);
            mdc.append(c.mdcs[static_cast<std::size_t>(a.mdc)].code);
            split.append(d.split == SplitRule::Mcc       ? "secondary_dx_has_mcc"
                         : d.split == SplitRule::MccOrCc ? "secondary_dx_has_mcc_or_cc"
                                                         : "otherwise");
        }
        out["drg"] = code;
        out["name_zh"] = nm;
        out["adrg"] = adrg;
        out["mdc"] = mdc;
        out["split_rule"] = split;
    } else {
        throw py::value_error("unknown catalog table '" + name + "' (available: mdc, adrg, drg)");
    }
    return out;
}

}  // namespace

py::dict manifest_dict(const Manifest& m) {
    py::dict d;
    d["scheme"] = m.scheme;
    d["version"] = m.version;
    d["region"] = m.region;
    d["effective_from"] = m.effective_from;
    d["effective_to"] = m.effective_to;
    d["source"] = m.source;
    d["licence"] = m.licence;
    d["parent"] = m.parent;
    py::dict tables;
    for (const auto& [name, sum] : m.tables) tables[py::str(name)] = sum;
    d["tables"] = tables;
    d["digest"] = m.digest;
    return d;
}

py::list diagnostics_list(const catalog::Diagnostics& diags) {
    py::list out;
    for (const auto& d : diags)
        out.append(py::make_tuple(d.severity == Diagnostic::Severity::Error ? "error" : "warning", d.check,
                                  d.where, d.message));
    return out;
}

py::dict options_dict(const DrgOptions& o) {
    py::dict d;
    d["ambiguous_group"] = o.ambiguous_group;
    d["pv1_min_age_days"] = o.pv1_min_age_days;
    d["principal_procedure"] = o.principal_procedure == PrincipalProcedure::First ? "first" : "first_or";
    d["translate_codes"] = o.translate_codes;
    return d;
}

void register_catalog(py::module_& m) {
    py::class_<DrgCatalog, std::shared_ptr<DrgCatalog>>(m, "DrgCatalog")
        .def_property_readonly("manifest", [](const DrgCatalog& c) { return manifest_dict(c.manifest); })
        .def_property_readonly("options", [](const DrgCatalog& c) { return options_dict(c.options); })
        .def_property_readonly("counts",
                               [](const DrgCatalog& c) {
                                   py::dict d;
                                   d["mdc"] = c.mdcs.size();
                                   d["adrg"] = c.adrgs.size();
                                   d["drg"] = c.drgs.size();
                                   d["diagnoses"] = c.dx_codes.size();
                                   d["procedures"] = c.px_codes.size();
                                   return d;
                               })
        .def("describe", &describe, py::arg("code"))
        .def("table", &table, py::arg("name"))
        .def("dot",
             [](const DrgCatalog& c) {
                 std::ostringstream out;
                 catalog::write_dot(c, out);
                 return out.str();
             })
        .def("check", [](const DrgCatalog& c) { return diagnostics_list(catalog::check_catalog(c)); })
        .def(
            "save_snapshot",
            [](const DrgCatalog& c, const std::string& path) {
                py::gil_scoped_release release;
                catalog::save_snapshot(c, path);
            },
            py::arg("path"));

    m.def(
        "load_catalog",
        [](const std::string& path, const std::string& cache_dir) {
            catalog::LoadedCatalog loaded;
            {
                py::gil_scoped_release release;
                loaded = catalog::load_catalog(path, cache_dir);
            }
            auto mutable_catalog = std::const_pointer_cast<DrgCatalog>(loaded.catalog);
            return py::make_tuple(mutable_catalog, loaded.from_snapshot, loaded.snapshot_path, loaded.notes);
        },
        py::arg("path"), py::arg("cache_dir"));

    m.def(
        "compile_and_check",
        [](const std::string& dir) {
            catalog::CompiledCatalog compiled;
            catalog::Diagnostics checks;
            {
                py::gil_scoped_release release;
                compiled = catalog::compile_catalog(dir);
                if (compiled.catalog) checks = catalog::check_catalog(*compiled.catalog);
            }
            auto all = compiled.diagnostics;
            all.insert(all.end(), checks.begin(), checks.end());
            return py::make_tuple(compiled.catalog, diagnostics_list(all));
        },
        py::arg("path"));

    m.def("default_cache_dir", &catalog::default_cache_dir);
    m.def("sha256_file", &catalog::sha256_file, py::arg("path"));

    py::register_exception<catalog::SnapshotError>(m, "SnapshotError", PyExc_RuntimeError);
}

}  // namespace dipdrg::bindings
