#include "dipdrg/code_dictionary.hpp"

namespace dipdrg {

CodeId CodeDictionary::intern(std::string_view code) {
    auto it = index_.find(code);
    if (it != index_.end()) return it->second;
    auto id = static_cast<CodeId>(codes_.size());
    codes_.emplace_back(code);
    index_.emplace(codes_.back(), id);
    return id;
}

void CodeDictionary::rebuild_index() {
    index_.clear();
    index_.reserve(codes_.size());
    for (CodeId i = 0; i < codes_.size(); ++i) index_.emplace(codes_[i], i);
}

}  // namespace dipdrg
