#include "dipdrg/trace.hpp"

namespace dipdrg {
namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += sep;
        out += items[i];
    }
    return out;
}

// The Chinese lines reproduce the reference grouper's messages (spec chs-drg-1.1 §11).
std::string render_zh(const TraceEvent& e) {
    switch (e.kind) {
        case TraceKind::ValidationFailed:
            return e.detail;
        case TraceKind::CodeName:
            return e.subject + " " + (e.detail.empty() ? std::string("未知名称") : e.detail);
        case TraceKind::CodeTranslated:
            return (e.number == 0 ? "诊断" : "手术操作") + e.subject + "转换为" + e.detail;
        case TraceKind::TranslationFailed:
            return (e.number == 0 ? "诊断" : "手术操作") + e.subject + "不能转换为分组器支持的编码";
        case TraceKind::TraumaDiagnoses:
            return "诊断" + join(e.codes, ",") + "在" + e.subject + "的主诊表内";
        case TraceKind::TraumaRegions:
            return "诊断匹配" + e.subject + "部位：" + join(e.codes, ",");
        case TraceKind::TraumaTooFewRegions:
            return "诊断匹配部位数量不符合" + e.subject + "要求";
        case TraceKind::MdcEntered:
        case TraceKind::AdrgMatched:
            return "符合" + e.subject + "入组条件，匹配规则：" + e.detail;
        case TraceKind::MdcNoAdrg:
            return "不符合" + e.subject + "的ADRG入组条件";
        case TraceKind::AmbiguousGroup:
            return e.subject + "存在手术但未匹配手术ADRG，歧义病案";
        case TraceKind::PrincipalExclusion:
            return "主诊断" + e.subject + "排除表" + std::to_string(e.number);
        case TraceKind::SecondaryCc:
            return "诊断" + e.subject + "属于" + e.detail + "，排除表" + std::to_string(e.number);
        case TraceKind::DrgAssigned:
            return "***" + e.subject + " " + e.detail + "***";
        case TraceKind::Ungroupable:
            return "不符合所有MDC的入组条件，无法入组";
    }
    return {};
}

std::string codes_suffix(const TraceEvent& e) {
    return e.codes.empty() ? std::string() : "; matched " + join(e.codes, ", ");
}

std::string render_en(const TraceEvent& e) {
    switch (e.kind) {
        case TraceKind::ValidationFailed:
            return "validation " + e.rule + " failed (value: " + e.subject + ")";
        case TraceKind::CodeName:
            return e.subject + (e.detail.empty() ? " (unknown code)" : " (known code)");
        case TraceKind::CodeTranslated:
            return std::string(e.number == 0 ? "diagnosis " : "procedure ") + e.subject + " translated to "
                   + e.detail;
        case TraceKind::TranslationFailed:
            return std::string(e.number == 0 ? "diagnosis " : "procedure ") + e.subject
                   + " is absent from the translation map";
        case TraceKind::TraumaDiagnoses:
            return "diagnoses on the " + e.subject + " list: " + join(e.codes, ", ");
        case TraceKind::TraumaRegions:
            return e.subject + " body regions covered: " + join(e.codes, ", ");
        case TraceKind::TraumaTooFewRegions:
            return "fewer than 2 body regions: " + e.subject + " not entered";
        case TraceKind::MdcEntered:
            return "entered " + e.subject + " (rule " + e.rule + codes_suffix(e) + ")";
        case TraceKind::AdrgMatched:
            return "matched ADRG " + e.subject + " (rule " + e.rule + codes_suffix(e) + ")";
        case TraceKind::MdcNoAdrg:
            return "no ADRG of " + e.subject + " matched; falling through to the next MDC";
        case TraceKind::AmbiguousGroup:
            return e.subject + ": OR procedure but no surgical ADRG matched: ambiguous group (QY)";
        case TraceKind::PrincipalExclusion:
            return "principal diagnosis " + e.subject + " uses exclusion table " + std::to_string(e.number);
        case TraceKind::SecondaryCc:
            return "secondary diagnosis " + e.subject + " is a" + (e.detail == "MCC" ? "n " : " ") + e.detail
                   + " (table " + std::to_string(e.number) + ")"
                   + (e.outcome ? ": counts" : ": excluded by the principal's table");
        case TraceKind::DrgAssigned:
            return "assigned DRG " + e.subject + " " + e.detail;
        case TraceKind::Ungroupable:
            return "no MDC accepted the case: ungroupable";
    }
    return {};
}

}  // namespace

const char* TraceEvent::step() const {
    switch (kind) {
        case TraceKind::ValidationFailed:
            return "validation";
        case TraceKind::CodeName:
        case TraceKind::CodeTranslated:
        case TraceKind::TranslationFailed:
            return "codes";
        case TraceKind::TraumaDiagnoses:
        case TraceKind::TraumaRegions:
        case TraceKind::TraumaTooFewRegions:
        case TraceKind::MdcEntered:
        case TraceKind::MdcNoAdrg:
            return "mdc";
        case TraceKind::AdrgMatched:
        case TraceKind::AmbiguousGroup:
            return "adrg";
        case TraceKind::PrincipalExclusion:
        case TraceKind::SecondaryCc:
            return "split";
        case TraceKind::DrgAssigned:
        case TraceKind::Ungroupable:
            return "result";
    }
    return "";
}

const char* TraceEvent::table() const {
    switch (kind) {
        case TraceKind::CodeName:
            return number == 0 ? "icd10_dx" : "icd9cm3_px";
        case TraceKind::CodeTranslated:
        case TraceKind::TranslationFailed:
            return number == 0 ? "dx_map" : "px_map";
        case TraceKind::TraumaDiagnoses:
        case TraceKind::TraumaRegions:
        case TraceKind::TraumaTooFewRegions:
        case TraceKind::MdcEntered:
            return "mdc_dx";
        case TraceKind::AdrgMatched:
            return "adrg_dx/adrg_px";
        case TraceKind::PrincipalExclusion:
            return "cc_exclusion";
        case TraceKind::SecondaryCc:
            return "cc_mcc";
        case TraceKind::DrgAssigned:
            return "drg";
        default:
            return "";
    }
}

std::vector<std::string> render_trace(const Trace& trace, Language lang, bool reference) {
    std::vector<std::string> lines;
    lines.reserve(trace.size());
    for (const auto& e : trace) {
        if (reference && e.reference_silent) continue;
        lines.push_back(lang == Language::Chinese ? render_zh(e) : render_en(e));
    }
    return lines;
}

}  // namespace dipdrg
