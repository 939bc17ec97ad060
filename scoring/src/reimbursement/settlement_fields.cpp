#include "dipdrg/reimbursement/settlement_fields.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <stdexcept>
#include <unordered_map>

namespace dipdrg {
namespace {

std::string bad(std::string_view field, std::string_view text, const char* what) {
    return std::string(field) + " '" + std::string(text) + "' is not " + what;
}

std::string money(Fen& out, std::string_view field, std::string_view text) {
    auto v = parse_yuan(text);
    if (!v || *v < 0) return bad(field, text, "a non-negative amount in yuan");
    out = *v;
    return {};
}

std::string integer(int& out, std::string_view field, std::string_view text) {
    int v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size()) {
        // Accept "3.0" from float columns.
        if (text.size() > 2 && text.substr(text.size() - 2) == ".0")
            return integer(out, field, text.substr(0, text.size() - 2));
        return bad(field, text, "a whole number");
    }
    out = v;
    return {};
}

std::string boolean(bool& out, std::string_view field, std::string_view text) {
    for (auto t : {"1", "true", "True", "TRUE", "yes", "Y", "y", "是"})
        if (text == t) return out = true, std::string{};
    for (auto f : {"0", "false", "False", "FALSE", "no", "N", "n", "否"})
        if (text == f) return out = false, std::string{};
    return bad(field, text, "a yes/no value (1/0, true/false)");
}

std::string ratio(std::optional<Bp>& out, std::string_view field, std::string_view text) {
    auto v = parse_ratio(text);
    if (!v || *v < 0 || *v > kFullBp) return bad(field, text, "a share between 0 and 1");
    out = *v;
    return {};
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == sep) {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

std::string segments(SettlementCase& c, std::string_view text) {
    // "内分泌科:20000|普内科:10000", optionally "dept:eligible:tcm_eligible", in order of stay.
    c.segments.clear();
    for (auto part : split(text, '|')) {
        auto fields = split(part, ':');
        if (fields.size() < 2 || fields.size() > 3 || fields[0].empty())
            return bad("segments", part, "department:eligible[:tcm_eligible]");
        CostSegment s{std::string(fields[0]), 0, 0};
        if (auto m = money(s.eligible, "segments", fields[1]); !m.empty()) return m;
        if (fields.size() == 3)
            if (auto m = money(s.tcm_eligible, "segments", fields[2]); !m.empty()) return m;
        c.segments.push_back(std::move(s));
    }
    return {};
}

std::string fen_list(std::vector<Fen>& out, std::string_view field, std::string_view text) {
    out.clear();
    for (auto part : split(text, '|')) {
        Fen v = 0;
        if (auto m = money(v, field, part); !m.empty()) return m;
        out.push_back(v);
    }
    return {};
}

using Setter = std::function<std::string(SettlementRow&, std::string_view, std::string_view)>;

const std::unordered_map<std::string, Setter>& setters() {
    static const std::unordered_map<std::string, Setter> table = [] {
        std::unordered_map<std::string, Setter> t;
        auto text_field = [&](const char* name, std::string SettlementCase::* member) {
            t[name] = [member](SettlementRow& r, std::string_view, std::string_view v) {
                r.c.*member = std::string(v);
                return std::string{};
            };
        };
        auto money_field = [&](const char* name, Fen SettlementCase::* member) {
            t[name] = [member](SettlementRow& r, std::string_view f, std::string_view v) {
                return money(r.c.*member, f, v);
            };
        };
        auto int_field = [&](const char* name, int SettlementCase::* member) {
            t[name] = [member](SettlementRow& r, std::string_view f, std::string_view v) {
                return integer(r.c.*member, f, v);
            };
        };
        auto bool_field = [&](const char* name, bool SettlementCase::* member) {
            t[name] = [member](SettlementRow& r, std::string_view f, std::string_view v) {
                return boolean(r.c.*member, f, v);
            };
        };
        text_field("id", &SettlementCase::id);
        text_field("date", &SettlementCase::date);
        text_field("hospital", &SettlementCase::hospital);
        text_field("designated", &SettlementCase::designated);
        text_field("principal_dx", &SettlementCase::principal_dx);
        text_field("tcm_disease", &SettlementCase::tcm_disease);
        text_field("bed_day_scope", &SettlementCase::bed_day_scope);
        t["insurance"] = [](SettlementRow& r, std::string_view f, std::string_view v) {
            SettlementCase& c = r.c;
            if (v == "employee" || v == "职工" || v == "310" || v == "1")
                c.insurance = Insurance::Employee;
            else if (v == "resident" || v == "居民" || v == "390" || v == "391" || v == "2")
                c.insurance = Insurance::Resident;
            else
                return bad(f, v, "employee/职工/310 or resident/居民/390");
            return std::string{};
        };
        t["status"] = [](SettlementRow& r, std::string_view f, std::string_view v) {
            SettlementCase& c = r.c;
            if (v == "working" || v == "在职")
                c.status = PersonStatus::Working;
            else if (v == "retired" || v == "退休")
                c.status = PersonStatus::Retired;
            else
                return bad(f, v, "working/在职 or retired/退休");
            return std::string{};
        };
        t["mode"] = [](SettlementRow& r, std::string_view f, std::string_view v) {
            SettlementCase& c = r.c;
            auto m = parse_settlement_mode(v);
            if (!m)
                return bad(f, v,
                           "a settlement mode (fee_for_service, per_disease, drg, dip, day_surgery, "
                           "tcm_day_ward, bed_day)");
            c.mode = *m;
            return std::string{};
        };
        t["referral"] = [](SettlementRow& r, std::string_view f, std::string_view v) {
            SettlementCase& c = r.c;
            if (v == "none")
                c.referral = ReferralDirection::None;
            else if (v == "up" || v == "upward")
                c.referral = ReferralDirection::Upward;
            else if (v == "down" || v == "downward")
                c.referral = ReferralDirection::Downward;
            else if (v == "lateral")
                c.referral = ReferralDirection::Lateral;
            else
                return bad(f, v, "none, up, down or lateral");
            return std::string{};
        };
        t["segments"]
            = [](SettlementRow& r, std::string_view, std::string_view v) { return segments(r.c, v); };
        t["department"] = [](SettlementRow& r, std::string_view, std::string_view v) {
            r.department = std::string(v);
            return std::string{};
        };
        t["eligible"] = [](SettlementRow& r, std::string_view f, std::string_view v) {
            return money(r.eligible, f, v);
        };
        t["tcm_eligible"] = [](SettlementRow& r, std::string_view f, std::string_view v) {
            return money(r.tcm_eligible, f, v);
        };
        auto optional_money = [&](const char* name, std::optional<Fen> SettlementCase::* member) {
            t[name] = [member](SettlementRow& r, std::string_view f, std::string_view v) {
                Fen x = 0;
                auto m = money(x, f, v);
                if (m.empty()) r.c.*member = x;
                return m;
            };
        };
        auto share = [&](const char* name, std::optional<Bp> SettlementCase::* member) {
            t[name] = [member](SettlementRow& r, std::string_view f, std::string_view v) {
                return ratio(r.c.*member, f, v);
            };
        };
        optional_money("paired_deductible", &SettlementCase::paired_deductible);
        optional_money("case_payment", &SettlementCase::case_payment);
        share("class_a_share", &SettlementCase::class_a_share);
        share("class_b_share", &SettlementCase::class_b_share);
        t["days_since_last_discharge"] = [](SettlementRow& r, std::string_view f, std::string_view v) {
            int x = 0;
            auto m = integer(x, f, v);
            if (m.empty()) r.c.days_since_last_discharge = x;
            return m;
        };
        t["layer_base_ytd"] = [](SettlementRow& r, std::string_view f, std::string_view v) {
            SettlementCase& c = r.c;
            return fen_list(c.layer_base_ytd, f, v);
        };
        t["layer_paid_ytd"] = [](SettlementRow& r, std::string_view f, std::string_view v) {
            SettlementCase& c = r.c;
            return fen_list(c.layer_paid_ytd, f, v);
        };
        t["total_cost"] = [](SettlementRow& r, std::string_view f, std::string_view v) {
            SettlementCase& c = r.c;
            return money(c.total_cost, f, v);
        };
        money_field("self_pay", &SettlementCase::self_pay);
        money_field("eligible_ytd", &SettlementCase::eligible_ytd);
        money_field("fund_paid_ytd", &SettlementCase::fund_paid_ytd);
        money_field("bed_fee", &SettlementCase::bed_fee);
        money_field("nursing_fee", &SettlementCase::nursing_fee);
        money_field("acupuncture_cost", &SettlementCase::acupuncture_cost);
        money_field("other_tcm_therapy_cost", &SettlementCase::other_tcm_therapy_cost);
        money_field("western_drug_cost", &SettlementCase::western_drug_cost);
        int_field("level", &SettlementCase::level);
        int_field("nth_stay", &SettlementCase::nth_stay);
        int_field("course_days", &SettlementCase::course_days);
        int_field("max_gap_days", &SettlementCase::max_gap_days);
        int_field("los", &SettlementCase::los);
        int_field("days_before", &SettlementCase::days_before);
        int_field("days_in_next_year", &SettlementCase::days_in_next_year);
        bool_field("special_group", &SettlementCase::special_group);
        bool_field("tcm_hospital", &SettlementCase::tcm_hospital);
        bool_field("grassroots", &SettlementCase::grassroots);
        bool_field("tcm_treatment", &SettlementCase::tcm_treatment);
        bool_field("pure_tcm", &SettlementCase::pure_tcm);
        bool_field("cross_county", &SettlementCase::cross_county);
        bool_field("out_of_city_unauthorised", &SettlementCase::out_of_city_unauthorised);
        bool_field("iv_infusion", &SettlementCase::iv_infusion);
        bool_field("cured", &SettlementCase::cured);
        bool_field("special_review", &SettlementCase::special_review);
        bool_field("same_principal_dx_as_last", &SettlementCase::same_principal_dx_as_last);
        return t;
    }();
    return table;
}

}  // namespace

const std::vector<std::string>& settlement_field_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& [k, v] : setters()) out.push_back(k);
        std::sort(out.begin(), out.end());
        return out;
    }();
    return names;
}

class SettlementRow::Field {
public:
    std::string name;
    const Setter* setter;
};

const SettlementRow::Field* SettlementRow::field(std::string_view name) {
    static const std::unordered_map<std::string, Field> fields = [] {
        std::unordered_map<std::string, Field> out;
        for (const auto& [k, v] : setters()) out.emplace(k, Field{k, &v});
        return out;
    }();
    auto it = fields.find(std::string(name));
    return it == fields.end() ? nullptr : &it->second;
}

std::string SettlementRow::set(const Field& f, std::string_view text) {
    if (text.empty()) return {};
    return (*f.setter)(*this, f.name, text);
}

std::string SettlementRow::set(std::string_view name, std::string_view text) {
    const Field* f = field(name);
    if (!f) throw std::invalid_argument("unknown settlement field '" + std::string(name) + "'");
    return set(*f, text);
}

SettlementCase SettlementRow::finish() {
    if (c.segments.empty() && eligible >= 0) c.segments.push_back({department, eligible, tcm_eligible});
    return std::move(c);
}

}  // namespace dipdrg
