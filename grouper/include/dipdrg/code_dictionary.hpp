#pragma once
// Interns code strings (ICD-10 diagnoses, ICD-9-CM-3 procedures) into dense integer ids,
// so grouping compares integers, never strings.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dipdrg {

using CodeId = std::uint32_t;
inline constexpr CodeId kUnknownCode = 0xFFFFFFFFu;

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class CodeDictionary {
public:
    // Returns the id of `code`, adding it when new.
    CodeId intern(std::string_view code);
    // Returns the id of `code` or kUnknownCode; never adds.
    CodeId find(std::string_view code) const {
        auto it = index_.find(code);
        return it == index_.end() ? kUnknownCode : it->second;
    }
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
    std::unordered_map<std::string, CodeId, StringHash, std::equal_to<>> index_;
};

}  // namespace dipdrg
