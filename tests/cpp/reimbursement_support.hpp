#pragma once
// Helpers for the reimbursement tests: preset loading and compact case builders.
#include <string>

#include "dipdrg/catalog/reimbursement_policy_io.hpp"
#include "dipdrg/reimbursement/reimburse.hpp"
#include "test_support.hpp"

namespace dipdrg::testing {

inline std::string reimbursement_dir() {
    return source_dir() + "/catalogs/reimbursement";
}

inline ReimbursementPolicy reimbursement_preset(const std::string& relative,
                                                const std::map<std::string, std::string>& sections = {}) {
    std::map<std::string, std::string> absolute;
    for (const auto& [k, v] : sections) absolute[k] = reimbursement_dir() + "/" + v;
    return catalog::load_reimbursement_policy(reimbursement_dir() + "/" + relative, absolute);
}

inline Fen yuan(const char* text) {
    return *parse_yuan(text);
}

inline SettlementCase one_segment(const std::string& hospital, int level, const std::string& department,
                                  const char* eligible, const std::string& dx) {
    SettlementCase c;
    c.hospital = hospital;
    c.level = level;
    c.principal_dx = dx;
    c.segments = {{department, yuan(eligible), 0}};
    return c;
}

inline RatioRow flat_ratio(int level, Insurance ins, const char* ratio) {
    RatioRow r;
    r.level = level;
    r.insurance = ins;
    r.bands = {{0, *parse_ratio(ratio)}};
    return r;
}

}  // namespace dipdrg::testing
