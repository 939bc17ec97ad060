#pragma once
// Small helpers for the hand-written CHS-DRG 1.1 rule tests: group one case against the
// reference tables and return the codes, the deciding CC/MCC and the Chinese message list.
#include <algorithm>
#include <string>
#include <vector>

#include "dipdrg/drg_options.hpp"
#include "dipdrg/trace.hpp"
#include "test_support.hpp"

namespace dipdrg::testing {

struct Grouped {
    GroupStatus status = GroupStatus::Ungroupable;
    std::string mdc, adrg, drg, deciding, check_message;
    std::vector<GroupWarning> warnings;
    std::vector<std::string> messages;  // render_trace(..., Chinese)

    bool has_message(const std::string& line) const {
        return std::find(messages.begin(), messages.end(), line) != messages.end();
    }
    bool mentions(const std::string& text) const {
        return std::any_of(messages.begin(), messages.end(),
                           [&](const std::string& m) { return m.find(text) != std::string::npos; });
    }
    bool has_warning(WarningKind kind, const std::string& code, int position) const {
        return std::any_of(warnings.begin(), warnings.end(), [&](const GroupWarning& w) {
            return w.kind == kind && w.code == code && w.position == position;
        });
    }
};

// Fields as text, as in the conformance file: empty = absent; lists '|'-joined.
inline Grouped group_with(const DrgGrouper& g, const std::string& sex, const std::string& age,
                          const std::string& age_days, const std::string& weight, const std::string& dx,
                          const std::string& px) {
    Case c = make_case(sex, age, age_days, weight, dx, px);
    g.intern(c);
    Trace trace;
    GroupResult r = g.group(c, &trace);
    return {r.status,        g.mdc_code(r),   g.adrg_code(r), g.drg_code(r),
            r.deciding_code, r.check_message, r.warnings,     render_trace(trace, Language::Chinese)};
}

inline const DrgGrouper& reference_grouper() {
    static const DrgGrouper g(reference_catalog(), DrgOptions{});
    return g;
}

// An adult (50 years) with the reference grouper.
inline Grouped group_adult(const std::string& sex, const std::string& dx, const std::string& px) {
    return group_with(reference_grouper(), sex, "50", "18262", "", dx, px);
}

}  // namespace dipdrg::testing

// Every test starts with this: without the reference tables it warns and returns.
#define SKIP_WITHOUT_REFERENCE()                                                               \
    if (!::dipdrg::testing::have_reference()) {                                                \
        WARN("skipped: reference tables not found at " << ::dipdrg::testing::reference_dir()); \
        return;                                                                                \
    }

// Checks status OK and the exact MDC / ADRG / DRG and deciding CC/MCC ("" = none).
#define CHECK_GROUP(res, mdc_, adrg_, drg_, deciding_)         \
    do {                                                       \
        CHECK(status_code((res).status) == std::string("OK")); \
        CHECK((res).mdc == (mdc_));                            \
        CHECK((res).adrg == (adrg_));                          \
        CHECK((res).drg == (drg_));                            \
        CHECK((res).deciding == (deciding_));                  \
    } while (0)

#define CHECK_UNGROUPABLE(res)                                          \
    do {                                                                \
        CHECK(status_code((res).status) == std::string("UNGROUPABLE")); \
        CHECK((res).mdc == "0000");                                     \
        CHECK((res).adrg == "00");                                      \
        CHECK((res).drg == "0000");                                     \
    } while (0)
