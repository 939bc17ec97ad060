#include "dipdrg/catalog/dip_check.hpp"

#include <map>
#include <set>

namespace dipdrg::catalog {
namespace {}  // namespace

Diagnostics check_dip_catalog(const DipCatalog& c) {
    Diagnostics out;
    auto warn = [&](std::string check, std::string where, std::string msg) {
        out.push_back({Diagnostic::Severity::Warning, std::move(check), std::move(where), std::move(msg)});
    };
    auto err = [&](std::string check, std::string where, std::string msg) {
        out.push_back({Diagnostic::Severity::Error, std::move(check), std::move(where), std::move(msg)});
    };

    // Every group must be reachable: core groups through a rule, comprehensive groups
    // through the comprehensive table, the fall-back as the catalog's ungrouped group.
    std::vector<bool> reached(c.groups.size(), false);
    for (const auto& r : c.rules)
        if (r.group >= 0) reached[static_cast<std::size_t>(r.group)] = true;
    for (const auto& r : c.comprehensive)
        if (r.group >= 0) reached[static_cast<std::size_t>(r.group)] = true;
    if (c.ungrouped_group >= 0) reached[static_cast<std::size_t>(c.ungrouped_group)] = true;
    for (std::size_t g = 0; g < c.groups.size(); ++g)
        if (!reached[g])
            err("unreachable_group", c.groups[g].code,
                "group " + c.groups[g].code + " (" + dip_kind_zh(c.groups[g].kind)
                    + ") is reached by no rule");

    // Rows the source leaves ambiguous: same layer, diagnosis, conditions and related
    // procedures, sharing a principal procedure. Resolved by catalog order (the earlier row).
    std::map<std::string, std::map<std::string, std::size_t>> first_by_code;
    std::set<std::pair<std::size_t, std::size_t>> reported;
    for (std::size_t i = 0; i < c.rules.size(); ++i) {
        const auto& r = c.rules[i];
        std::string key = std::string(dip_layer_code(r.layer)) + "#" + dx_specs_text(r.principal_dx) + "#"
                          + dx_specs_text(r.secondary_dx) + "#" + proc_sets_text(r.related_px) + "#"
                          + std::to_string(r.max_age_days) + "/" + std::to_string(r.min_weight_g) + "/"
                          + std::to_string(r.max_weight_g) + "/" + std::to_string(r.drug_resistant) + "/"
                          + r.treatment_type + "/" + std::to_string(r.dx_any_position)
                          + std::to_string(r.px_any_position);
        auto& seen = first_by_code[key];
        std::vector<std::string> codes;
        if (r.principal_px.empty()) codes.push_back("(conservative)");
        for (const auto& set : r.principal_px) codes.push_back(proc_set_text(set));
        std::set<std::string> own;
        for (const auto& code : codes) {
            if (!own.insert(code).second) {
                warn("duplicate_code", r.source,
                     "group " + c.groups[static_cast<std::size_t>(r.group)].code + " lists procedure " + code
                         + " twice");
                continue;
            }
            auto [it, fresh] = seen.emplace(code, i);
            if (fresh || it->second == i || !reported.insert({it->second, i}).second) continue;
            const auto& a = c.groups[static_cast<std::size_t>(c.rules[it->second].group)];
            const auto& b = c.groups[static_cast<std::size_t>(r.group)];
            warn("ambiguous_rows", b.code,
                 "groups " + a.code + " and " + b.code + " both take " + dx_specs_text(r.principal_dx)
                     + " with procedure " + code + " under the same conditions; the earlier row (" + a.code
                     + ") wins");
        }
    }
    std::set<std::string> codes;
    for (const auto& g : c.groups)
        if (!codes.insert(g.code).second)
            err("duplicate_key", g.code, "group code " + g.code + " is used twice");
    if (c.rules.empty()) err("empty_catalog", c.manifest.source, "the catalog has no rule rows");
    return out;
}

}  // namespace dipdrg::catalog
