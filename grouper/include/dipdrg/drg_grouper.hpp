#pragma once
// The CHS-DRG grouper: a pure function of (case, catalog, options). Immutable once built,
// safe to share across threads; a trace is written only into the caller's object.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dipdrg/case.hpp"
#include "dipdrg/drg_catalog.hpp"
#include "dipdrg/trace.hpp"

namespace dipdrg {

enum class GroupStatus : std::uint8_t {
    Ok = 0,                 // 分组成功
    CheckFailed = 1,        // 信息校验不通过
    Ungroupable = 2,        // 无法入组
    Ambiguous = 3,          // 歧义病案 (only with DrgOptions::ambiguous_group)
    TranslationFailed = 4,  // 诊断/手术操作不能转换为分组器支持的编码
};

const char* status_code(GroupStatus s);     // "OK", "CHECK_FAILED", ...
const char* status_text_zh(GroupStatus s);  // "分组成功", ...

enum class WarningKind : std::uint8_t {
    UnknownDiagnosis,  // code = the text, position = list index
    UnknownProcedure,
    SexMismatch,   // code = principal dx, on the other sex's MDC list
    InvalidField,  // code = field name: a value that is not a number, unused here
    OutOfRange,    // code = field name, detail = "value is outside lo–hi"
};

struct GroupWarning {
    WarningKind kind;
    std::string code;
    std::int32_t position = 0;
    std::string detail;
    std::string message() const;
};

struct GroupResult {
    GroupStatus status = GroupStatus::Ungroupable;
    Index mdc = kNone, adrg = kNone, drg = kNone;
    std::string check_message;  // CHECK_FAILED / TRANSLATION_FAILED reason
    std::string deciding_code;  // the CC/MCC secondary diagnosis that decided the split
    CcLevel deciding_level = CcLevel::None;
    std::vector<GroupWarning> warnings;
};

struct CaseView;

class DrgGrouper {
public:
    explicit DrgGrouper(std::shared_ptr<const DrgCatalog> catalog);
    DrgGrouper(std::shared_ptr<const DrgCatalog> catalog, DrgOptions options);

    const DrgCatalog& catalog() const { return *catalog_; }
    const DrgOptions& options() const { return options_; }

    // Resolves a case's code texts to catalog ids (applying translation when enabled).
    // Call once per case before group(); Case::diagnoses/procedures .ids are filled.
    void intern(Case& c) const;

    GroupResult group(const Case& c, Trace* trace = nullptr) const;

    // Output codes for a result ("0000"/"00"/"0000" sentinels when not grouped).
    std::string mdc_code(const GroupResult& r) const;
    std::string adrg_code(const GroupResult& r) const;
    std::string drg_code(const GroupResult& r) const;
    std::string drg_name(const GroupResult& r) const;

private:
    using TranslationMap = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;
    bool validate(const Case& c, GroupResult& r, Trace* trace) const;
    bool adrg_holds(const Adrg& adrg, Index a, const CaseView& v) const;
    std::vector<std::string> matched_codes(const Adrg& adrg, Index a, const CaseView& v) const;
    bool has_cc(CcLevel level, const CaseView& v, GroupResult& r, Trace* trace) const;

    std::shared_ptr<const DrgCatalog> catalog_;
    DrgOptions options_;
    TranslationMap dx_map_, px_map_;
};

}  // namespace dipdrg
