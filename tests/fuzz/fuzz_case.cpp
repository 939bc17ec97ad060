// Fuzz target: one case of arbitrary field values grouped by the shipped CHS-DRG and DIP demo
// catalogs (with traces rendered in both languages), then scored and reimbursed. Data problems
// must become statuses and warnings; nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dipdrg/case_fields.hpp"
#include "dipdrg/catalog/catalog_store.hpp"
#include "dipdrg/dip_case_score.hpp"
#include "dipdrg/dip_grouper.hpp"
#include "dipdrg/drg_grouper.hpp"
#include "dipdrg/trace.hpp"

namespace {

struct Groupers {
    std::unique_ptr<dipdrg::DrgGrouper> drg;
    std::unique_ptr<dipdrg::DipGrouper> dip;
    Groupers() {
        const std::string root = DIPDRG_SOURCE_DIR;
        drg = std::make_unique<dipdrg::DrgGrouper>(
            dipdrg::catalog::load_catalog(root + "/catalogs/chs-drg/000000/1.1-demo", "").catalog);
        dip = std::make_unique<dipdrg::DipGrouper>(
            dipdrg::catalog::load_dip_catalog(root + "/catalogs/dip/000000/3.0-demo", "").catalog);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Groupers groupers;
    // The input is the fields' values separated by 0x1F, in CaseField order.
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto fields = dipdrg::all_fields();
    dipdrg::Case drg_case, dip_case;
    std::size_t start = 0;
    for (std::size_t k = 0; k < fields.size() && start <= input.size(); ++k) {
        auto end = input.find('\x1f', start);
        auto value
            = input.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        dipdrg::set_field(drg_case, fields[k], value);
        dipdrg::set_field(dip_case, fields[k], value);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    try {
        groupers.drg->intern(drg_case);
        dipdrg::Trace trace;
        groupers.drg->group(drg_case, &trace);
        dipdrg::render_trace(trace, dipdrg::Language::Chinese, false);
        dipdrg::render_trace(trace, dipdrg::Language::English, false);
    } catch (const std::exception&) {
    }
    try {
        dipdrg::Trace trace;
        auto r = groupers.dip->group(dip_case, &trace);
        dipdrg::render_trace(trace, dipdrg::Language::English, false);
        dipdrg::DipCaseInput in;
        in.group_score = 1000;
        in.cost = dip_case.total_cost_fen;
        in.point_value = 9.5;
        in.ungrouped = r.group == dipdrg::kNone;
        dipdrg::score_dip_case(in, dipdrg::DipScoringPolicy{});
    } catch (const std::exception&) {
    }
    return 0;
}
