#pragma once
// Interns code strings (ICD-10 diagnoses, ICD-9-CM-3 procedures) into dense integer ids,
// so grouping compares integers, never strings.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dipdrg/flat_string_index.hpp"

namespace dipdrg {

using CodeId = std::uint32_t;
inline constexpr CodeId kUnknownCode = FlatStringIndex::kAbsent;

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class CodeDictionary {
public:
    // Returns the id of `code`, adding it when new.
    CodeId intern(std::string_view code);
    // Returns the id of `code` or kUnknownCode; never adds.
    CodeId find(std::string_view code) const { return index_.find(code); }
    const std::string& code(CodeId id) const { return codes_[id]; }
    std::size_t size() const { return codes_.size(); }

    template <class Archive>
    void serialize(Archive& ar, unsigned /*version*/) {
        ar & codes_;
        if (Archive::is_loading::value) rebuild_index();
    }

private:
    void rebuild_index();
    std::vector<std::string> codes_;
    FlatStringIndex index_;  // kAbsent == kUnknownCode
};

}  // namespace dipdrg
