#pragma once
// The DIP grouper: exclusions → 先期 → 并项 → 辅助细分 (烧伤, 肿瘤, 结核) → 基本 → local core →
// 综合 → 空白病组, with the catalog's tie-break policy inside a layer. Immutable and thread-safe.
#include <memory>
#include <string>
#include <vector>

#include "dipdrg/case.hpp"
#include "dipdrg/dip_catalog.hpp"
#include "dipdrg/trace.hpp"

namespace dipdrg {

enum class DipStatus : std::uint8_t {
    Ok = 0,                 // a core or comprehensive group
    Fallback = 1,           // the catalog's ungrouped fall-back group (空白病组/保底组)
    NotGrouped = 2,         // no group and no fall-back (not in a national core group)
    Excluded = 3,           // the principal diagnosis is on the exclusion list (不纳入分组)
    CheckFailed = 4,        // no principal diagnosis
    TranslationFailed = 5,  // a code absent from the translation map
};
const char* dip_status_code(DipStatus s);
const char* dip_status_zh(DipStatus s);

struct DipResult {
    DipStatus status = DipStatus::NotGrouped;
    Index group = kNone;
    Index rule = kNone;        // the winning rule row (kNone for comprehensive/fallback)
    std::string principal_px;  // the principal procedure used ("" = conservative)
    PxAttribute attribute = PxAttribute::None;
    bool grassroots = false;        // 基层病种: no hospital coefficient
    std::string subtype;            // auxiliary subtype, "" when none
    double factor = kUnknownValue;  // its adjustment factor, NaN when none
    std::string message;
    std::vector<std::string> warnings;  // fields that could not be parsed
};

// One group a case could reach from its principal diagnosis (分组推荐).
struct DipCandidate {
    Index group = kNone;
    Index rule = kNone;
    DipLayer layer = DipLayer::Base;
    bool satisfied = false;   // by the case's procedures as given
    std::string requirement;  // the procedures the row needs, as text
};

// Input-code translation tables (e.g. 国临版 → 医保版): input code → grouper code.
struct CodeTranslation {
    std::vector<std::pair<std::string, std::string>> dx, px;
};

class DipGrouper {
public:
    explicit DipGrouper(std::shared_ptr<const DipCatalog> catalog);
    // With translate_codes, codes are mapped through `translation` when given, else through
    // the catalog's own dx_map/px_map tables.
    DipGrouper(std::shared_ptr<const DipCatalog> catalog, DipPolicy policy, bool translate_codes = false,
               const CodeTranslation* translation = nullptr);

    const DipCatalog& catalog() const { return *catalog_; }
    const DipPolicy& policy() const { return policy_; }

    DipResult group(const Case& c, Trace* trace = nullptr) const;
    std::vector<DipCandidate> recommend(const Case& c) const;

    std::string group_code(const DipResult& r) const;
    std::string group_name(const DipResult& r) const;

private:
    struct Prepared;
    struct Match;
    bool prepare(const Case& c, Prepared& p, DipResult& r, Trace* trace) const;
    // Rows the principal diagnosis reaches; unless all_rows, only those that can hold.
    std::vector<std::uint32_t> candidate_rules(const Prepared& p, bool all_rows) const;
    Match evaluate(std::uint32_t rule_index, const Prepared& p, bool detail) const;
    struct Decision;
    // Whether `a` ranks before `b` under the policy; `why` (when given) records the deciding
    // criterion and the two values it compared.
    bool better(const Match& a, const Match& b, const Prepared& p, Decision* why) const;
    int dx_specificity(const Match& m, const Prepared& p) const;
    PxAttribute attribute_of(std::string_view code) const;
    PxAttribute attribute_of(const PxKeyEntry* entry) const;
    bool code_matches(std::string_view spec, std::string_view code) const;

    std::shared_ptr<const DipCatalog> catalog_;
    DipPolicy policy_;
    bool translate_ = false;
    std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> dx_map_, px_map_;
};

}  // namespace dipdrg
