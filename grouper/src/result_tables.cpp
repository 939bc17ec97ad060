#include "dipdrg/result_tables.hpp"

#include "dipdrg/text_join.hpp"

namespace dipdrg {

const char* cc_level_name(CcLevel l) {
    return l == CcLevel::Mcc ? "MCC" : l == CcLevel::Cc ? "CC" : "";
}

std::string joined_warnings(const GroupResult& r) {
    std::string out;
    join_into(out, r.warnings, "; ", [](const auto& w) { return w.message(); });
    return out;
}

ArrowTableBuilder drg_result_table(const DrgGrouper& grouper, const std::vector<Case>& cases,
                                   const std::vector<GroupResult>& results, const std::vector<Trace>* traces,
                                   Language lang) {
    ArrowTableBuilder table(cases.size());
    table.add_strings("case_id", [&](std::size_t i) { return std::string_view(cases[i].case_id); });
    table.add_strings("status",
                      [&](std::size_t i) { return std::string_view(status_code(results[i].status)); });
    table.add_strings("status_zh",
                      [&](std::size_t i) { return std::string_view(status_text_zh(results[i].status)); });
    std::string scratch;
    auto code = [&](auto fn) {
        return [&, fn](std::size_t i) {
            scratch = fn(results[i]);
            return std::string_view(scratch);
        };
    };
    table.add_strings("mdc", code([&](const GroupResult& r) { return grouper.mdc_code(r); }));
    table.add_strings("adrg", code([&](const GroupResult& r) { return grouper.adrg_code(r); }));
    table.add_strings("drg", code([&](const GroupResult& r) { return grouper.drg_code(r); }));
    table.add_strings("drg_name", code([&](const GroupResult& r) { return grouper.drg_name(r); }));
    table.add_strings("cc_code", [&](std::size_t i) { return std::string_view(results[i].deciding_code); });
    table.add_strings("cc_level", [&](std::size_t i) {
        return std::string_view(cc_level_name(results[i].deciding_level));
    });
    table.add_strings("message", [&](std::size_t i) { return std::string_view(results[i].check_message); });
    table.add_strings("warnings", code([&](const GroupResult& r) { return joined_warnings(r); }));
    if (traces)
        table.add_strings("trace", [&](std::size_t i) {
            return join_into(scratch, render_trace((*traces)[i], lang, lang == Language::Chinese), " | ");
        });
    return table;
}

ArrowTableBuilder dip_result_table(const DipGrouper& grouper, const std::vector<Case>& cases,
                                   const std::vector<DipResult>& results, const std::vector<Trace>* traces,
                                   Language lang) {
    const auto& groups = grouper.catalog().groups;
    auto group = [&](std::size_t i) -> const DipGroup* {
        return results[i].group == kNone ? nullptr : &groups[static_cast<std::size_t>(results[i].group)];
    };
    ArrowTableBuilder table(cases.size());
    std::string scratch;
    table.add_strings("case_id", [&](std::size_t i) { return std::string_view(cases[i].case_id); });
    table.add_strings("status",
                      [&](std::size_t i) { return std::string_view(dip_status_code(results[i].status)); });
    table.add_strings("status_zh",
                      [&](std::size_t i) { return std::string_view(dip_status_zh(results[i].status)); });
    table.add_strings("dip_group", [&](std::size_t i) {
        return group(i) ? std::string_view(group(i)->code) : std::string_view();
    });
    table.add_strings("dip_name", [&](std::size_t i) {
        return group(i) ? std::string_view(group(i)->name) : std::string_view();
    });
    table.add_strings("dip_kind", [&](std::size_t i) {
        return group(i) ? std::string_view(dip_kind_code(group(i)->kind)) : std::string_view();
    });
    std::vector<double> score(cases.size()), factor(cases.size());
    std::vector<bool> grassroots(cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        score[i] = group(i) ? group(i)->score : kUnknownValue;
        factor[i] = results[i].factor;
        grassroots[i] = results[i].grassroots;
    }
    table.add_float64("dip_score", std::move(score));
    table.add_strings("principal_px",
                      [&](std::size_t i) { return std::string_view(results[i].principal_px); });
    table.add_strings("px_attribute", [&](std::size_t i) {
        return std::string_view(px_attribute_code(results[i].attribute));
    });
    table.add_bool("grassroots", grassroots);
    table.add_strings("subtype", [&](std::size_t i) { return std::string_view(results[i].subtype); });
    table.add_float64("factor", std::move(factor));
    table.add_strings("message", [&](std::size_t i) { return std::string_view(results[i].message); });
    table.add_strings("warnings",
                      [&](std::size_t i) { return join_into(scratch, results[i].warnings, "; "); });
    if (traces)
        table.add_strings("trace", [&](std::size_t i) {
            return join_into(scratch, render_trace((*traces)[i], lang, false), " | ");
        });
    return table;
}

}  // namespace dipdrg
