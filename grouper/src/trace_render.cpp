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
// DipCandidate events carry "layer@source" in `rule`.
std::string layer_of_rule(const TraceEvent& e) {
    return e.rule.substr(0, e.rule.find('@'));
}
std::string source_of_rule(const TraceEvent& e) {
    auto at = e.rule.find('@');
    return at == std::string::npos ? std::string() : e.rule.substr(at + 1);
}

// A DipTieBreak loser entry, "CODE (criterion winner>loser)", named in either language.
struct CriterionName {
    const char* code;
    const char* zh;
    const char* en;
};
constexpr CriterionName kCriteria[] = {
    {"non_conservative", "手术操作病种优先于保守治疗病种", "a procedure row beats the conservative row"},
    {"exact", "完全一致（病例的手术操作全部匹配）", "exact: every procedure of the case matched"},
    {"related_count", "匹配的相关手术操作更多", "more related procedures matched"},
    {"matched_count", "匹配的手术操作编码更多", "more required procedure codes matched"},
    {"contains_principal", "包含主要手术操作", "contains the principal procedure"},
    {"dx_specificity", "主要诊断编码更具体", "more specific principal diagnosis"},
    {"closest_cost", "次均费用与病例费用更接近", "average cost closer to the case's cost"},
    {"higher_score", "分值更高", "higher score"},
    {"type_priority", "病种类型优先级更高", "higher type priority"},
    {"catalog_order", "同等具体，按目录顺序（存在歧义）", "equally specific: catalog order (ambiguous)"},
};

std::string tie_break_loser(const std::string& entry, Language lang) {
    auto open = entry.find(" (");
    if (open == std::string::npos || entry.back() != ')') return entry;
    std::string inner = entry.substr(open + 2, entry.size() - open - 3);
    auto space = inner.find(' ');
    std::string code = inner.substr(0, space),
                values = space == std::string::npos ? "" : inner.substr(space + 1);
    for (const auto& c : kCriteria)
        if (code == c.code) {
            if (lang == Language::Chinese)
                return entry.substr(0, open) + "（" + c.zh + (values.empty() ? "" : "，" + values) + "）";
            return entry.substr(0, open) + " (" + c.en + (values.empty() ? "" : ", " + values) + ")";
        }
    return entry;
}

std::string tie_break_losers(const TraceEvent& e, Language lang) {
    std::vector<std::string> out;
    for (const auto& entry : e.codes) out.push_back(tie_break_loser(entry, lang));
    return join(out, lang == Language::Chinese ? "、" : "; ");
}

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
        case TraceKind::DipExcludedDx:
            return "主要诊断" + e.subject + "在不纳入分组的主要诊断表内";
        case TraceKind::DipExcludedPx:
            return "手术操作" + e.subject
                   + (e.detail == "allowed" ? "在排除表内，但主要诊断允许其作为主要手术操作"
                      : e.detail == "skipped" ? "不可作为主要手术操作，取下一手术操作"
                                              : "不可作为主要手术操作，按保守治疗入组");
        case TraceKind::DipCandidate:
            return "候选病种" + e.subject + "（" + layer_of_rule(e) + "层，" + source_of_rule(e) + "）"
                   + (e.outcome ? "：符合" : "：不符合，" + e.detail);
        case TraceKind::DipLayerDecided:
            return "在" + e.subject + "层入组，符合条件的病种数：" + std::to_string(e.number);
        case TraceKind::DipTieBreak:
            return "按" + e.rule + "规则择优：" + e.subject + "优先于"
                   + tie_break_losers(e, Language::Chinese);
        case TraceKind::DipComprehensive:
            return "未入核心病种，按手术操作属性" + e.detail + "入综合病种" + e.subject;
        case TraceKind::DipFallback:
            return "未入任何病种，入空白病组" + e.subject;
        case TraceKind::DipNotGrouped:
            return "未匹配任何核心病种或综合病种";
        case TraceKind::DipGrassroots:
            return "属于基层病种（" + e.subject + "）";
        case TraceKind::DipSubtype:
            return "辅助分型：" + e.rule + " " + e.subject
                   + (e.detail.empty() ? "" : "，调节系数" + e.detail);
        case TraceKind::DipAssigned:
            return "入组" + e.subject + " " + e.detail;
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
        case TraceKind::DipExcludedDx:
            return "principal diagnosis " + e.subject + " is excluded from grouping";
        case TraceKind::DipExcludedPx:
            return "procedure " + e.subject
                   + (e.detail == "allowed"
                          ? " is on the exclusion list but allowed as principal for this diagnosis"
                      : e.detail == "skipped" ? " cannot be principal: the next procedure is used"
                                              : " cannot be principal: the case groups as conservative");
        case TraceKind::DipCandidate:
            return "candidate " + e.subject + " (" + layer_of_rule(e) + " layer, " + source_of_rule(e)
                   + "): " + (e.outcome ? "satisfied" + codes_suffix(e) : "fails: " + e.detail);
        case TraceKind::DipLayerDecided:
            return "layer " + e.subject + " decides (" + std::to_string(e.number) + " satisfied rows)";
        case TraceKind::DipTieBreak:
            return "tie-break (" + e.rule + " policy): " + e.subject + " beats "
                   + tie_break_losers(e, Language::English);
        case TraceKind::DipComprehensive:
            return "no core group: comprehensive group " + e.subject + " by procedure attribute " + e.detail;
        case TraceKind::DipFallback:
            return "no group matched: ungrouped fall-back " + e.subject;
        case TraceKind::DipNotGrouped:
            return "no core or comprehensive group matched";
        case TraceKind::DipGrassroots:
            return "grass-roots disease (" + e.subject + ")";
        case TraceKind::DipSubtype:
            return "auxiliary subtype " + e.rule + " " + e.subject
                   + (e.detail.empty() ? "" : ", factor " + e.detail);
        case TraceKind::DipAssigned:
            return "assigned DIP group " + e.subject + " " + e.detail;
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
        case TraceKind::DipFallback:
        case TraceKind::DipNotGrouped:
        case TraceKind::DipAssigned:
            return "result";
        case TraceKind::DipExcludedDx:
        case TraceKind::DipExcludedPx:
            return "exclusion";
        case TraceKind::DipCandidate:
        case TraceKind::DipLayerDecided:
        case TraceKind::DipComprehensive:
            return "layer";
        case TraceKind::DipTieBreak:
            return "tie-break";
        case TraceKind::DipGrassroots:
        case TraceKind::DipSubtype:
            return "auxiliary";
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
        case TraceKind::DipExcludedDx:
            return "excluded_dx";
        case TraceKind::DipExcludedPx:
            return "excluded_px";
        case TraceKind::DipCandidate:
        case TraceKind::DipTieBreak:
            return "rules";
        case TraceKind::DipComprehensive:
            return "comprehensive";
        case TraceKind::DipGrassroots:
            return "grassroots";
        case TraceKind::DipSubtype:
            return "aux";
        case TraceKind::DipAssigned:
        case TraceKind::DipFallback:
            return "groups";
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
